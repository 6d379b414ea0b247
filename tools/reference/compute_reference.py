#!/usr/bin/python3
"""Adds the networkx reference values to tests/reference/<name>.json (run after the R script).

    /usr/bin/Rscript tools/reference/compute_reference.R
    /usr/bin/python3 tools/reference/compute_reference.py

Needs Debian's python3-networkx 2.8.8 (use /usr/bin/python3, not a pyenv interpreter).

Adds per actor:
  effective_size  networkx effective_size(G) (Burt 1992; p_ij from ties in either direction,
                  m_jq normalised by the maximum). networkx 2.8.8 returns NaN for every actor
                  without *out*-neighbours (`len(G[v]) == 0`), which wrongly includes directed
                  sinks. The contract (issue 2) wants the formula there, so for a sink with
                  in-neighbours we evaluate networkx's own formula
                  sum_{u in N(v)} [1 - sum_{w in N(v)} nmw(v, w) * nmw(u, w, norm=max)]
                  with networkx.algorithms.structuralholes.normalized_mutual_weight. NaN (null)
                  stays only for isolates.
  efficiency      effective_size / number of distinct neighbours (networkx has no function).
and for davis a "two_mode" block: networkx bipartite density, degree_centrality and the three
actor projections. It also cross-checks some R values against networkx and stops on a mismatch.
"""
import json
import math
import os

import igraph
import networkx as nx
from networkx.algorithms import bipartite
from networkx.algorithms.structuralholes import normalized_mutual_weight as nmw

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.path.join(ROOT, "tests", "data")
REF = os.path.join(ROOT, "tests", "reference")
NX = "networkx %s (python3-networkx)" % nx.__version__


def load(ref):
    ds = ref["dataset"]
    g = nx.DiGraph() if ds["directed"] else nx.Graph()
    import csv
    with open(os.path.join(DATA, ds["actors"]), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            g.add_node(row["id"], **{k: v for k, v in row.items() if k != "id"})
    with open(os.path.join(DATA, ds["ties"]), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["source"] != row["target"]:
                g.add_edge(row["source"], row["target"])  # unweighted
    assert list(g.nodes()) == ref["actors"], ds["name"]
    return g


def effective_size_convention(g):
    es = nx.effective_size(g)
    patched = []
    for v in g.nodes():
        nbrs = set(nx.all_neighbors(g, v))
        if not nbrs:
            assert math.isnan(es[v])
            continue
        if math.isnan(es[v]):  # networkx 2.8.8: directed sink
            es[v] = sum(1 - sum(nmw(g, v, w) * nmw(g, u, w, norm=max) for w in nbrs)
                        for u in nbrs)
            patched.append(v)
    return es, patched


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def nan_to_none(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def cross_check(g, ref):
    """R values that networkx computes under the same convention; stop on a mismatch."""
    am = ref["actor_measures"]
    ids = ref["actors"]
    con = nx.constraint(g)
    for i, v in enumerate(ids):
        c = nan_to_none(con[v])
        if c is not None:  # networkx also gives NaN for directed sinks
            assert close(c, am["constraint"]["values"][i], 1e-12), (v, c)
    pr = nx.pagerank(g, alpha=0.85, tol=1e-13, max_iter=10000)
    for i, v in enumerate(ids):
        assert close(pr[v], am["pagerank"]["values"][i], 1e-9), (v, pr[v])
    bw = nx.betweenness_centrality(g, normalized=False)
    for i, v in enumerate(ids):
        assert close(bw[v], am["betweenness"]["values"][i], 1e-9), (v, bw[v])
    core = nx.core_number(g)  # directed: in + out degree, like igraph mode="all"
    for i, v in enumerate(ids):
        assert core[v] == am["coreness"]["values"][i], (v, core[v])
    tr = nx.transitivity(g.to_undirected() if g.is_directed() else g)
    assert close(tr, ref["network"]["transitivity"]["value"], 1e-12)
    if "mixing" in ref:  # R's hand-made mixing matrix = networkx attribute_mixing_matrix
        attr = ref["dataset"]["group"]
        names = ref["mixing"]["groups"]
        mm = nx.attribute_mixing_matrix(g, attr, mapping={x: i for i, x in enumerate(names)},
                                        normalized=False)
        assert mm.tolist() == ref["mixing"]["ties"], (mm, ref["mixing"]["ties"])
        r = nx.attribute_assortativity_coefficient(g, attr)
        assert close(r, ref["network"]["assortativity"]["value"], 1e-9), r


def leiden_python_igraph(g, ref):
    """Distribution of python-igraph 0.10.2 Leiden (modularity) over 200 seeds.

    python-igraph 0.10.2 runs the same igraph C core (0.10.2) as KlimaNetze; R igraph 1.3.5 runs
    C 0.9, whose Leiden reaches higher modularity on davis and random_groups. python-igraph draws
    its random numbers from Python's `random` module, so random.seed(s) fixes each run."""
    import random
    import statistics
    ids = ref["actors"]
    idx = {v: i for i, v in enumerate(ids)}
    ig = igraph.Graph(n=len(ids), edges=[(idx[u], idx[v]) for u, v in g.edges()],
                      directed=g.is_directed()).as_undirected(mode="collapse")
    qs = []
    for seed in range(1, 201):
        random.seed(seed)
        qs.append(ig.community_leiden(objective_function="modularity", n_iterations=-1).modularity)
    return {"source": {"function": "Graph.as_undirected(mode='collapse').community_leiden("
                                   "objective_function='modularity', n_iterations=-1) with "
                                   "random.seed(1..200); .modularity",
                       "package": "python-igraph %s (python3-igraph, C core 0.10)" %
                                  igraph.__version__},
            "min": min(qs), "median": statistics.median(qs), "max": max(qs)}


def two_mode(g, ref):
    women = [v for v in g.nodes() if g.nodes[v]["mode"] == "woman"]
    events = [v for v in g.nodes() if g.nodes[v]["mode"] == "event"]
    dc = bipartite.degree_centrality(g, women)

    def proj(pg):
        return [[u, v, w] for u, v, w in sorted(
            (min(a, b, key=women.index), max(a, b, key=women.index), d["weight"])
            for a, b, d in pg.edges(data=True))]

    return {
        "source": {"function": "networkx.algorithms.bipartite (top nodes = women)", "package": NX},
        "actors": women,
        "items": events,
        "density": {"source": {"function": "bipartite.density(G, women)", "package": NX},
                    "value": bipartite.density(g, women)},
        "actor_degree_centrality": {
            "source": {"function": "bipartite.degree_centrality(G, women) (degree / n_items)",
                       "package": NX},
            "values": [dc[v] for v in women]},
        "item_degree_centrality": {
            "source": {"function": "bipartite.degree_centrality(G, women) (degree / n_actors)",
                       "package": NX},
            "values": [dc[v] for v in events]},
        "projection_count": {
            "source": {"function": "bipartite.weighted_projected_graph(G, women) (ratio=False)",
                       "package": NX},
            "edges": proj(bipartite.weighted_projected_graph(g, women))},
        "projection_jaccard": {
            "source": {"function": "bipartite.overlap_weighted_projected_graph(G, women, "
                                   "jaccard=True)", "package": NX},
            "edges": proj(bipartite.overlap_weighted_projected_graph(g, women, jaccard=True))},
        "projection_newman": {
            "source": {"function": "bipartite.collaboration_weighted_projected_graph(G, women)",
                       "package": NX},
            "edges": proj(bipartite.collaboration_weighted_projected_graph(g, women))},
    }


def main():
    for name in sorted(f[:-5] for f in os.listdir(REF) if f.endswith(".json")):
        path = os.path.join(REF, name + ".json")
        with open(path, encoding="utf-8") as f:
            ref = json.load(f)
        g = load(ref)
        cross_check(g, ref)
        es, patched = effective_size_convention(g)
        ids = ref["actors"]
        deg = [len(set(nx.all_neighbors(g, v))) for v in ids]
        ref["actor_measures"]["effective_size"] = {
            "source": {"function": "networkx effective_size(G) (unweighted); for directed sinks "
                                   "networkx's own formula evaluated explicitly (networkx "
                                   "returns NaN there)", "package": NX,
                       "patched_sinks": patched},
            "values": [nan_to_none(es[v]) for v in ids]}
        ref["actor_measures"]["efficiency"] = {
            "source": {"function": "effective_size / |N(v)| (distinct in- and out-neighbours)",
                       "package": NX},
            "values": [None if deg[i] == 0 else es[v] / deg[i] for i, v in enumerate(ids)]}
        ref["software"]["networkx"] = NX
        ref["software"]["python-igraph"] = igraph.__version__
        ref["community"]["python_igraph_leiden"] = leiden_python_igraph(g, ref)
        ref["community"]["test_rule"] = (
            "(1) our modularity() of best_membership equals best_modularity (1e-9); (2) our "
            "leiden() reports the modularity of its own partition (1e-9); (3) our seed-42 run "
            ">= python_igraph_leiden.median - 0.01; (4) the best of our seeds 1..20 >= "
            "leiden_max - 0.001")
        if name == "davis":
            ref["two_mode"] = two_mode(g, ref)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(ref, f, indent=1, ensure_ascii=False, allow_nan=False)
            f.write("\n")
        print("updated", path, "patched sinks:", patched)


if __name__ == "__main__":
    main()
