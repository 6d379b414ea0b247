#!/usr/bin/python3
"""Writes the classic reference datasets of tests/data/ from networkx 2.8.8 and a seeded generator.

Run with Debian's interpreter (networkx 2.8.8 from python3-networkx):
    /usr/bin/python3 tools/reference/make_datasets.py
The Coleman data come from R (tools/reference/make_coleman.R). Each dataset is written once in the
canonical CSV form of the CLI contract: <name>.csv (ties, header source,target[,weight]) and
<name>.actors.csv (header id[,attributes...]). Provenance: tests/data/README.md.
"""
import csv
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "tests", "data"))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def write_dataset(name, g, actor_attrs=(), edge_attrs=()):
    """Actors in networkx node order, ties in networkx edge order."""
    nodes = list(g.nodes())
    write_csv(os.path.join(DATA, name + ".actors.csv"), ["id", *actor_attrs],
              [[str(v), *[g.nodes[v][a] for a in actor_attrs]] for v in nodes])
    write_csv(os.path.join(DATA, name + ".csv"), ["source", "target", *edge_attrs],
              [[str(u), str(v), *[d[a] for a in edge_attrs]] for u, v, d in g.edges(data=True)])


def random_groups(seed=20261125):
    """Directed random graph, 40 actors in sectors A (15), B (15), C (10).

    Arc probability 0.12 within a sector, 0.05 between sectors (Python random.Random(seed),
    pairs in actor order). Planted edge cases: r39 is a sink (its out-arcs are removed), r40 an
    isolate (all its arcs are removed)."""
    rng = random.Random(seed)
    ids = ["r%02d" % (i + 1) for i in range(40)]
    sector = ["A"] * 15 + ["B"] * 15 + ["C"] * 10
    g = nx.DiGraph()
    for i, v in enumerate(ids):
        g.add_node(v, sector=sector[i])
    for i in range(40):
        for j in range(40):
            if i == j:
                continue
            p = 0.12 if sector[i] == sector[j] else 0.05
            if rng.random() < p:
                g.add_edge(ids[i], ids[j])
    g.remove_edges_from(list(g.out_edges("r39")))
    g.remove_edges_from(list(g.in_edges("r40")) + list(g.out_edges("r40")))
    assert g.in_degree("r39") > 0
    return g


def main():
    os.makedirs(DATA, exist_ok=True)
    write_dataset("karate", nx.karate_club_graph(), ["club"], ["weight"])
    write_dataset("florentine", nx.florentine_families_graph())
    write_dataset("kite", nx.krackhardt_kite_graph())
    davis = nx.davis_southern_women_graph()
    for v in davis.nodes():
        davis.nodes[v]["mode"] = "woman" if davis.nodes[v]["bipartite"] == 0 else "event"
    # ties woman -> event
    d2 = nx.Graph()
    d2.add_nodes_from(davis.nodes(data=True))
    for u, v in davis.edges():
        if davis.nodes[u]["bipartite"] == 1:
            u, v = v, u
        d2.add_edge(u, v)
    write_dataset("davis", d2, ["mode"])
    write_dataset("random_groups", random_groups(), ["sector"])


if __name__ == "__main__":
    main()
