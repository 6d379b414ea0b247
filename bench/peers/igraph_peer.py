#!/usr/bin/python3
"""python-igraph peer of `klimanetze analyze` (bench/compare_peers.sh).

    igraph_peer.py TIES.csv ACTORS.csv MEASURES|all OUT.json

Same view and conventions as klimanetze (docs/measures.md): directed simple graph (loops
dropped, multiple arcs collapsed), unweighted, every actor of ACTORS.csv a vertex.
Brokerage, effective size/efficiency and the E-I index/mixing matrix have no python-igraph
function and are computed in plain Python (bench/peers/common.py) on igraph's adjacency lists.
"""
import os
import random
import sys

import igraph

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    ties, actors_csv, measures, out_path = common.parse_args(sys.argv)
    want = set(measures)
    timer = common.Timer()
    ids, sector, arcs = common.read_csv_pair(ties, actors_csv)
    g = igraph.Graph(n=len(ids), edges=arcs, directed=True)
    g.simplify(multiple=True, loops=True)
    timer.lap("parse")

    values = {}
    network = {}
    if "indegree" in want:
        values["indegree"] = g.degree(mode="in", loops=False)
    if "outdegree" in want:
        values["outdegree"] = g.degree(mode="out", loops=False)
    if "betweenness" in want:
        values["betweenness"] = g.betweenness(directed=True)
        timer.lap("betweenness")
    if "closeness" in want:
        values["closeness"] = g.closeness(mode="out", normalized=False)  # igraph 0.10: reachable only
        timer.lap("closeness")
    if "harmonic" in want:
        values["harmonic"] = g.harmonic_centrality(mode="out", normalized=False)
        timer.lap("harmonic")
    gu = None
    if "eigenvector" in want or "community" in want:
        gu = g.as_undirected(mode="collapse")
    if "eigenvector" in want:
        values["eigenvector"] = gu.eigenvector_centrality(scale=True)
        timer.lap("eigenvector")
    if "pagerank" in want:
        values["pagerank"] = g.pagerank(directed=True, damping=0.85)
        timer.lap("pagerank")
    if "coreness" in want:
        values["coreness"] = g.coreness(mode="all")
        timer.lap("coreness")
    if "constraint" in want:
        values["constraint"] = g.constraint()
        timer.lap("constraint")
    need_sets = want & {"effective_size", "efficiency", "brokerage"}
    if need_sets:
        out_sets = [set(x) for x in g.get_adjlist(mode="out")]
        in_lists = g.get_adjlist(mode="in")
    if want & {"effective_size", "efficiency"}:
        in_sets = [set(x) for x in in_lists]
        es, deg = common.effective_size(g.vcount(), out_sets, in_sets)
        if "effective_size" in want:
            values["effective_size"] = es
        if "efficiency" in want:
            values["efficiency"] = [None if e is None else e / d for e, d in zip(es, deg)]
        timer.lap("effective_size")
    community = None
    if "community" in want:
        random.seed(42)
        community = gu.community_leiden(objective_function="modularity", n_iterations=-1)
        values["community"] = community.membership
        timer.lap("community")
    groups_member = None
    if "brokerage" in want or "network" in want:
        groups_member, ei, groups, mixing, _ = common.group_mixing(g.get_edgelist(), sector)
    if "brokerage" in want:
        values["brokerage"] = common.brokerage(g.vcount(), out_sets, in_lists, groups_member)
        timer.lap("brokerage")
    if "components" in want:
        network["weak_components"] = len(g.connected_components(mode="weak"))
        network["strong_components"] = len(g.connected_components(mode="strong"))
        timer.lap("components")
    if "network" in want:
        network.update({
            "actors": g.vcount(), "ties": g.ecount(), "directed": True,
            "density": g.density(loops=False), "reciprocity": g.reciprocity(),
            "transitivity": g.transitivity_undirected(),
            "weak_components": len(g.connected_components(mode="weak")),
            "strong_components": len(g.connected_components(mode="strong")),
            "diameter": g.diameter(directed=True, unconn=True),
            "mean_distance": g.average_path_length(directed=True, unconn=True),
            "ei_index": ei,
            "assortativity": g.assortativity_nominal(groups_member, directed=True),
            "groups": groups, "mixing": mixing})
        if community is not None:
            network["modularity"] = community.modularity
        timer.lap("network")
    common.write_json(out_path, ids, values, network)
    timer.lap("write")
    timer.report("python-igraph")


if __name__ == "__main__":
    main()
