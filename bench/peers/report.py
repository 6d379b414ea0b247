#!/usr/bin/python3
"""Turns the output of bench/compare_peers.sh into the Markdown results of docs/PERFORMANCE.md.

    report.py RESULTS_DIR > results.md
    report.py --splice results.md docs/PERFORMANCE.md   (replaces the text between
                                                         <!-- results:begin --> and :end -->)
Ratios are peer / klimanetze: > 1 means klimanetze is faster (time) or smaller (memory).
Targets are judged on the median wall-clock ratio (and the peak-RSS ratio for (c)); the CPU
column (user + sys over all threads, median run) shows the work independent of machine load.
"""
import glob
import json
import os
import re
import sys

CASES = [
    ("a", "(a) betweenness + closeness, n=5k / 50k arcs"),
    ("b", "(b) all measures, n=5k / 50k arcs"),
    ("c", "(c) pagerank + coreness + components + Leiden, n=100k / 1M arcs"),
    ("d", "(d) brokerage (Gould-Fernandez, 7 groups), n=5k / 50k arcs"),
]
TOOLS = ["klimanetze", "python-igraph", "R-igraph", "R-sna", "networkx"]
# (case, peer, minimum time ratio, memory ratio required?)
TARGETS = [
    ("a", "python-igraph", 4.0, False, "betweenness + closeness n=5k: >= 4x faster than python-igraph"),
    ("b", "python-igraph", 2.0, False, "all measures n=5k: >= 2x faster than python-igraph"),
    ("c", "python-igraph", 1.0, True,
     "pagerank/coreness/components/Leiden n=100k/1M: no slower than python-igraph incl. parsing, "
     "peak memory <= python-igraph"),
    ("d", "R-sna", 50.0, False, "brokerage n=5k: >= 50x faster than R sna::brokerage"),
]


def load(out, case, tool):
    tag = "%s.%s" % (case, tool)
    path = os.path.join(out, tag + ".json")
    if not os.path.exists(path) or os.path.exists(os.path.join(out, tag + ".failed")):
        return None
    with open(path, encoding="utf-8") as f:
        res = json.load(f)["results"][0]
    rss, cpu = [], []
    rss_path = os.path.join(out, tag + ".rss")
    if os.path.exists(rss_path):
        with open(rss_path, encoding="utf-8") as f:
            text = f.read()
        rss = [int(m.group(1)) for m in
               re.finditer(r"Maximum resident set size \(kbytes\): (\d+)", text)]
        user = [float(x) for x in re.findall(r"User time \(seconds\): ([\d.]+)", text)]
        system = [float(x) for x in re.findall(r"System time \(seconds\): ([\d.]+)", text)]
        cpu = sorted(u + s for u, s in zip(user, system))
    phases = None
    ph_path = os.path.join(out, tag + ".phases")
    if os.path.exists(ph_path):
        with open(ph_path, encoding="utf-8") as f:
            lines = [ln for ln in f if ln.strip()]
        if lines:
            phases = json.loads(lines[-1])["phases"]
    with open(os.path.join(out, tag + ".cmd"), encoding="utf-8") as f:
        cmd = f.read().strip()
    return {"median": res["median"], "mean": res["mean"], "stddev": res.get("stddev") or 0.0,
            "runs": len(res["times"]), "rss_kb": max(rss) if rss else None, "phases": phases,
            "cpu": cpu[len(cpu) // 2] if cpu else None,
            "cmd": cmd}


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.1f" % x


def fmt_phases(ph):
    if not ph:
        return ""
    items = [(k, v) for k, v in ph.items() if k != "total"]
    items.sort(key=lambda kv: -kv[1])
    return ", ".join("%s %s" % (k, fmt_s(v)) for k, v in items[:4] if v >= 0.005)


def report(out):
    lines = []
    machine = {}
    with open(os.path.join(out, "machine.txt"), encoding="utf-8") as f:
        for ln in f:
            k, _, v = ln.rstrip("\n").partition("=")
            machine[k] = v
    lines.append("Measured %s by `bench/compare_peers.sh`." % machine.get("date_utc", "?"))
    lines.append("")
    lines.append("| machine / software | |")
    lines.append("|---|---|")
    for k in ["cpu", "nproc", "mem_total", "kernel", "klimanetze", "libigraph", "python",
              "python_igraph", "networkx", "r", "r_igraph", "r_sna", "hyperfine",
              "threads_klimanetze", "load_start", "load_end"]:
        if k in machine:
            lines.append("| %s | %s |" % (k, machine[k]))
    lines.append("")
    data = {}
    for case, title in CASES:
        rows = {t: load(out, case, t) for t in TOOLS}
        data[case] = rows
        base = rows.get("klimanetze")
        lines.append("### " + title)
        lines.append("")
        lines.append("| tool | runs | median wall s | mean ± sd s | **wall ratio** peer/kn | "
                     "CPU s (user+sys) | CPU ratio | peak RSS MiB | **RSS ratio** peer/kn | "
                     "largest phases inside the peer script (wall s) |")
        lines.append("|---|---|---|---|---|---|---|---|---|---|")
        for tool in TOOLS:
            r = rows.get(tool)
            if r is None:
                if os.path.exists(os.path.join(out, "%s.%s.failed" % (case, tool))):
                    lines.append("| %s | failed | | | | | | | | |" % tool)
                continue
            tr = "" if base is None or tool == "klimanetze" else "**%.1f×**" % (r["median"] / base["median"])
            mr = ""
            if base is not None and tool != "klimanetze" and r["rss_kb"] and base["rss_kb"]:
                mr = "%.2f×" % (r["rss_kb"] / base["rss_kb"])
            rss = "%.0f" % (r["rss_kb"] / 1024) if r["rss_kb"] else ""
            cpu = fmt_s(r["cpu"]) if r["cpu"] is not None else ""
            cr = ""
            if base is not None and tool != "klimanetze" and r["cpu"] and base["cpu"]:
                cr = "%.1f×" % (r["cpu"] / base["cpu"])
            lines.append("| %s | %d | %s | %s ± %s | %s | %s | %s | %s | %s | %s |" % (
                tool, r["runs"], fmt_s(r["median"]), fmt_s(r["mean"]), fmt_s(r["stddev"]), tr,
                cpu, cr, rss, mr, fmt_phases(r["phases"])))
        lines.append("")
        lines.append("```sh")
        for tool in TOOLS:
            p = os.path.join(out, "%s.%s.cmd" % (case, tool))
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    lines.append(f.read().strip().replace(os.path.dirname(os.path.dirname(
                        os.path.dirname(out))) + "/", ""))
        lines.append("```")
        lines.append("")
    lines.append("### Targets of issue 2")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")
    for case, peer, need, mem, text in TARGETS:
        base, r = data[case].get("klimanetze"), data[case].get(peer)
        if base is None or r is None:
            lines.append("| %s | not measured | — |" % text)
            continue
        ratio = r["median"] / base["median"]
        ok = ratio >= need
        measured = "%.1f× faster" % ratio if ratio >= 1 else "%.2f× (slower)" % ratio
        if mem:
            mratio = r["rss_kb"] / base["rss_kb"]
            ok = ok and mratio >= 1.0
            measured += "; memory: klimanetze %.0f MiB, %s %.0f MiB (%.2f×)" % (
                base["rss_kb"] / 1024, peer, r["rss_kb"] / 1024, mratio)
        lines.append("| %s | %s | %s |" % (text, measured, "yes" if ok else "**no**"))
    lines.append("")
    gb = os.path.join(out, "gbench.json")
    if os.path.exists(gb):
        with open(gb, encoding="utf-8") as f:
            bench = json.load(f)
        lines.append("### In-process cost per measure (Google Benchmark, `build/bench/bench/kn_bench`)")
        lines.append("")
        lines.append("| case | wall ms | CPU ms (main thread) | iterations |")
        lines.append("|---|---|---|---|")
        for b in bench["benchmarks"]:
            lines.append("| %s | %.3f | %.3f | %d |" % (b["name"].replace("/real_time", ""),
                                                      b["real_time"], b["cpu_time"],
                                                      b["iterations"]))
        lines.append("")
    return "\n".join(lines)


def splice(results_path, doc_path):
    with open(results_path, encoding="utf-8") as f:
        results = f.read().rstrip("\n")
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    if begin not in doc or end not in doc:
        print("no result markers in %s; results left in %s" % (doc_path, results_path))
        return
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write(head + begin + "\n" + results + "\n" + end + tail)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--splice":
        splice(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2:
        print(report(sys.argv[1]))
    else:
        sys.exit(__doc__)
