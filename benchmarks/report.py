#!/usr/bin/env python3
"""Prints JMH JSON results as a table with ratios to Nimbus and to the JDK floor (same run)."""
import json
import re
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def key(r):
    bench = r["benchmark"].rsplit(".", 2)
    cls, method = bench[-2], bench[-1]
    params = ",".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
    return cls, params, method


def main(paths):
    rows = {}
    gc = {}
    for p in paths:
        for r in load(p):
            cls, params, method = key(r)
            score = r["primaryMetric"]["score"]
            err = r["primaryMetric"].get("scoreError", 0.0)
            sec = r.get("secondaryMetrics") or {}
            alloc = sec.get("·gc.alloc.rate.norm") or sec.get("gc.alloc.rate.norm")
            if alloc is not None:
                gc[(cls, params, method)] = alloc["score"]
            if "gc" in p and alloc is not None:
                continue
            rows.setdefault((cls, params), {})[method] = (score, err)
    for (cls, params), methods in sorted(rows.items()):
        print(f"\n{cls} {params}")
        floor = next((v[0] for m, v in methods.items() if m.endswith("Floor")), None)
        nimbus = next((v[0] for m, v in methods.items() if m.endswith("Nimbus")), None)
        fixed = {re.sub(r"^(fixed|cached)", "", m): v[0] for m, v in methods.items() if m.startswith("fixed")}
        print(f"  {'benchmark':<22}{'ops/s':>12}{'±':>10}{'vs Nimbus':>11}{'vs floor':>10}{'B/op':>10}")
        for m, (score, err) in sorted(methods.items(), key=lambda kv: -kv[1][0]):
            vs_n = f"{score / nimbus:.2f}x" if nimbus else ""
            vs_f = f"{score / floor:.2f}x" if floor else ""
            if m.startswith("cached"):
                base = fixed.get(re.sub(r"^cached", "", m))
                vs_f = f"{score / base:.3f}x fixed" if base else ""
            a = gc.get((cls, params, m))
            alloc = f"{a:.0f}" if a is not None else ""
            print(f"  {m:<22}{score:>12.0f}{err:>10.0f}{vs_n:>11}{vs_f:>10}{alloc:>10}")


if __name__ == "__main__":
    main(sys.argv[1:])
