"""Shared parts of the Python peer scripts (bench/compare_peers.sh).

Reads the CSV pair bench/make_graph writes (TIES: source,target; ACTORS: id,sector) the way a
Python user would (csv module), and implements, in plain Python, the measures of the klimanetze
contract (docs/measures.md) that neither python-igraph nor networkx ship:
  - Gould-Fernandez brokerage raw counts (sna brokerage()$raw.nli convention),
  - Burt's effective size (networkx effective_size() formula; python-igraph has none),
  - E-I index, per-group E-I and the group mixing matrix.
Phase timings go to stderr as one JSON line when KN_PEER_TIMINGS names a file.
"""
import csv
import json
import os
import sys
import time

ALL = ["indegree", "outdegree", "betweenness", "closeness", "harmonic", "eigenvector",
       "pagerank", "coreness", "constraint", "effective_size", "efficiency", "community",
       "brokerage", "network"]


def parse_args(argv):
    """peer.py TIES ACTORS MEASURES OUT  (MEASURES: comma list or 'all')."""
    if len(argv) != 5:
        sys.exit("usage: %s TIES.csv ACTORS.csv MEASURES|all OUT.json" % argv[0])
    measures = ALL if argv[3] == "all" else argv[3].split(",")
    unknown = set(measures) - set(ALL) - {"components"}
    if unknown:
        sys.exit("unknown measures: %s" % ",".join(sorted(unknown)))
    return argv[1], argv[2], measures, argv[4]


def read_csv_pair(ties_path, actors_path):
    """Returns (ids, sector per actor, arcs as index pairs). Loops are dropped."""
    with open(actors_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = header.index("sector")
        ids, sector = [], []
        for row in reader:
            ids.append(row[0])
            sector.append(row[col])
    index = {v: i for i, v in enumerate(ids)}
    arcs = []
    with open(ties_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            s, t = row[0], row[1]
            for v in (s, t):
                if v not in index:
                    index[v] = len(ids)
                    ids.append(v)
                    sector.append("NA")
            if s != t:
                arcs.append((index[s], index[t]))
    return ids, sector, arcs


class Timer:
    def __init__(self):
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.phases = {}

    def lap(self, name):
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + (now - self.last)
        self.last = now

    def report(self, tool):
        path = os.environ.get("KN_PEER_TIMINGS")
        if path:
            self.phases["total"] = time.perf_counter() - self.t0
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"tool": tool, "phases": self.phases}) + "\n")


def brokerage(n, out_sets, in_lists, group):
    """Gould-Fernandez raw counts per broker j over arcs i->j->k, k != i, no arc i->k.
    Roles: coordinator A->A->A, itinerant A->B->A, representative A->A->B, gatekeeper A->B->B,
    liaison A->B->C; total = sum. Returns a list of 6-lists."""
    out = [[0, 0, 0, 0, 0, 0] for _ in range(n)]
    for j in range(n):
        gj = group[j]
        row = out[j]
        succ = out_sets[j]
        if not succ:
            continue
        for i in in_lists[j]:
            gi = group[i]
            oi = out_sets[i]
            for k in succ:
                if k == i or k in oi:
                    continue
                gk = group[k]
                if gi == gj:
                    row[0 if gk == gj else 2] += 1
                elif gk == gi:
                    row[1] += 1
                elif gk == gj:
                    row[3] += 1
                else:
                    row[4] += 1
        row[5] = row[0] + row[1] + row[2] + row[3] + row[4]
    return out


def effective_size(n, out_sets, in_sets):
    """Burt's effective size, networkx formula, unweighted:
    ES_i = sum_{j in N(i)} [1 - sum_{q in N(i)} p_iq m_jq], a_ij in {0,1},
    p_iq = (a_iq + a_qi) / sum_k (a_ik + a_ki), m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj).
    None for isolates. Also returns |N(i)| for efficiency."""
    def w(u, v):
        return (v in out_sets[u]) + (u in out_sets[v])

    nbrs = [out_sets[v] | in_sets[v] for v in range(n)]
    strength = [len(out_sets[v]) + len(in_sets[v]) for v in range(n)]
    maxw = [max((w(v, u) for u in nbrs[v]), default=0) for v in range(n)]
    es = [None] * n
    for i in range(n):
        ni = nbrs[i]
        if not ni:
            continue
        total = 0.0
        si = strength[i]
        for j in ni:
            redundancy = 0.0
            mj = maxw[j]
            for q in ni:
                if q != j:
                    mjq = w(j, q)
                    if mjq:
                        redundancy += (w(i, q) / si) * (mjq / mj)
            total += 1.0 - redundancy
        es[i] = total
    return es, [len(x) for x in nbrs]


def group_mixing(arcs, sector):
    """E-I index over all ties, per-group E-I, the mixing matrix (directed view) and Newman's
    nominal assortativity r = (tr e - sum a_i b_i) / (1 - sum a_i b_i) of that matrix."""
    names = sorted(set(sector))
    gi = {g: k for k, g in enumerate(names)}
    member = [gi[s] for s in sector]
    k = len(names)
    matrix = [[0] * k for _ in range(k)]
    for s, t in arcs:
        matrix[member[s]][member[t]] += 1
    internal = sum(matrix[r][r] for r in range(k))
    external = len(arcs) - internal
    ei = (external - internal) / len(arcs) if arcs else None
    groups = []
    for r in range(k):
        e = sum(matrix[r][c] + matrix[c][r] for c in range(k) if c != r)
        i = matrix[r][r]
        groups.append({"name": names[r], "size": member.count(r),
                       "ei_index": (e - i) / (e + i) if e + i else None})
    m = len(arcs)
    a = [sum(matrix[r]) / m for r in range(k)] if m else [0.0] * k
    b = [sum(matrix[r][c] for r in range(k)) / m for c in range(k)] if m else [0.0] * k
    ab = sum(x * y for x, y in zip(a, b))
    trace = internal / m if m else 0.0
    assortativity = (trace - ab) / (1 - ab) if m and ab != 1 else None
    return member, ei, groups, {"groups": names, "ties": matrix}, assortativity


def write_json(path, ids, actor_values, network):
    """Writes the results like klimanetze --format json (actors list plus network)."""
    actors = []
    for v, actor_id in enumerate(ids):
        row = {"id": actor_id}
        for key, values in actor_values.items():
            x = values[v]
            row[key] = None if isinstance(x, float) and x != x else x
        actors.append(row)
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"network": network, "actors": actors}, f, indent=2)
