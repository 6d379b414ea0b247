#!/usr/bin/python3
"""python-igraph peer of `klimanetze layout` (bench/compare_layout.sh).

    layout_igraph.py TIES.csv ACTORS.csv fr|drl SEED OUT.csv

Reads the same CSV pair as klimanetze (every actor of ACTORS.csv a vertex), builds the same view
(undirected simple graph: direction ignored, loops and multiple ties collapsed), runs
Graph.layout_fruchterman_reingold() (alias layout_fr; defaults: 500 iterations, grid automatic
above 1000 vertices) or Graph.layout_drl() (defaults) with igraph's RNG seeded (random.seed:
python-igraph uses Python's random module as igraph's RNG), and writes id,x,y.
"""
import os
import random
import sys

import igraph

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def main():
    if len(sys.argv) != 6 or sys.argv[3] not in ("fr", "drl"):
        sys.exit("usage: layout_igraph.py TIES.csv ACTORS.csv fr|drl SEED OUT.csv")
    ties, actors_csv, algo, seed, out_path = sys.argv[1:6]
    timer = common.Timer()
    ids, _sector, arcs = common.read_csv_pair(ties, actors_csv)
    g = igraph.Graph(n=len(ids), edges=arcs, directed=False)
    g.simplify(multiple=True, loops=True)
    timer.lap("parse")
    random.seed(int(seed))
    layout = g.layout_fruchterman_reingold() if algo == "fr" else g.layout_drl()
    timer.lap(algo)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("id,x,y\n")
        for vid, (x, y) in zip(ids, layout.coords):
            f.write(f"{vid},{x!r},{y!r}\n")
    timer.lap("write")
    timer.report("python-igraph-" + algo)


if __name__ == "__main__":
    main()
