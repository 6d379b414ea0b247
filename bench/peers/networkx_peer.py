#!/usr/bin/python3
"""networkx peer of `klimanetze analyze` (bench/compare_peers.sh).

    networkx_peer.py TIES.csv ACTORS.csv MEASURES|all OUT.json

Same view as klimanetze: nx.DiGraph (simple, loops dropped), unweighted, every actor a node.
Differences, none of which changes the work done:
  - closeness/harmonic use out-distances, so they run on G.reverse() (networkx uses incoming
    distances); closeness_centrality(wf_improved=False) is (r-1)/sum d, klimanetze's 1/sum d.
  - pagerank runs networkx's pure-Python power iteration (_pagerank_python): nx.pagerank needs
    SciPy, which Debian's python3-networkx does not pull in.
  - networkx 2.8 has no Leiden; community uses louvain_communities(seed=42) (modularity).
  - brokerage, efficiency, the E-I index and the mixing matrix: plain Python (common.py);
    diameter and mean distance: one BFS per actor (networkx's diameter() needs strong
    connectivity); assortativity from the mixing matrix (networkx's needs NumPy).
"""
import os
import sys

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    ties, actors_csv, measures, out_path = common.parse_args(sys.argv)
    want = set(measures)
    timer = common.Timer()
    ids, sector, arcs = common.read_csv_pair(ties, actors_csv)
    g = nx.DiGraph()
    g.add_nodes_from(range(len(ids)))
    g.add_edges_from(arcs)
    n = g.number_of_nodes()
    timer.lap("parse")

    def listed(d):
        return [d[v] for v in range(n)]

    values = {}
    network = {}
    if "indegree" in want:
        values["indegree"] = [g.in_degree(v) for v in range(n)]
    if "outdegree" in want:
        values["outdegree"] = [g.out_degree(v) for v in range(n)]
    if "betweenness" in want:
        values["betweenness"] = listed(nx.betweenness_centrality(g, normalized=False))
        timer.lap("betweenness")
    rev = g.reverse(copy=False)
    if "closeness" in want:
        values["closeness"] = listed(nx.closeness_centrality(rev, wf_improved=False))
        timer.lap("closeness")
    if "harmonic" in want:
        values["harmonic"] = listed(nx.harmonic_centrality(rev))
        timer.lap("harmonic")
    gu = None
    if "eigenvector" in want or "community" in want:
        gu = g.to_undirected(as_view=True)
    if "eigenvector" in want:
        ev = nx.eigenvector_centrality(gu, max_iter=10000, tol=1e-10)
        top = max(ev.values()) or 1.0
        values["eigenvector"] = [ev[v] / top for v in range(n)]
        timer.lap("eigenvector")
    if "pagerank" in want:
        values["pagerank"] = listed(_pagerank_python(g, alpha=0.85))
        timer.lap("pagerank")
    if "coreness" in want:
        values["coreness"] = listed(nx.core_number(g))
        timer.lap("coreness")
    if "constraint" in want:
        values["constraint"] = listed(nx.constraint(g))
        timer.lap("constraint")
    if want & {"effective_size", "efficiency"}:
        es = nx.effective_size(g)
        deg = [len(set(nx.all_neighbors(g, v))) for v in range(n)]
        if "effective_size" in want:
            values["effective_size"] = listed(es)
        if "efficiency" in want:
            values["efficiency"] = [es[v] / deg[v] if deg[v] else None for v in range(n)]
        timer.lap("effective_size")
    if "community" in want:
        parts = nx.community.louvain_communities(gu, seed=42)
        member = [0] * n
        for k, part in enumerate(parts):
            for v in part:
                member[v] = k
        values["community"] = member
        network["modularity"] = nx.community.modularity(gu, parts)
        timer.lap("community")
    if "brokerage" in want or "network" in want:
        edges = list(g.edges())
        groups_member, ei, groups, mixing, assortativity = common.group_mixing(edges, sector)
    if "brokerage" in want:
        out_sets = [set(g.successors(v)) for v in range(n)]
        in_lists = [list(g.predecessors(v)) for v in range(n)]
        values["brokerage"] = common.brokerage(n, out_sets, in_lists, groups_member)
        timer.lap("brokerage")
    if "components" in want:
        network["weak_components"] = nx.number_weakly_connected_components(g)
        network["strong_components"] = nx.number_strongly_connected_components(g)
        timer.lap("components")
    if "network" in want:
        diameter, total, pairs = 0, 0, 0
        for v in range(n):
            for d in nx.single_source_shortest_path_length(g, v).values():
                if d:
                    total += d
                    pairs += 1
                    diameter = max(diameter, d)
        network.update({
            "actors": n, "ties": g.number_of_edges(), "directed": True,
            "density": nx.density(g), "reciprocity": nx.overall_reciprocity(g),
            "transitivity": nx.transitivity(g.to_undirected()),
            "weak_components": nx.number_weakly_connected_components(g),
            "strong_components": nx.number_strongly_connected_components(g),
            "diameter": diameter, "mean_distance": total / pairs if pairs else None,
            "ei_index": ei,
            "assortativity": assortativity,
            "groups": groups, "mixing": mixing})
        timer.lap("network")
    common.write_json(out_path, ids, values, network)
    timer.lap("write")
    timer.report("networkx")


if __name__ == "__main__":
    main()
