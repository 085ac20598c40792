#!/usr/bin/env python3
"""Prints JMH JSON results as a table with ratios to Nimbus and to the JDK floor (same run); remote
signing (KeyVaultSigningBenchmark) with its ratio to the bare Azure SDK and requests per signature."""
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
    reqs = {}
    for p in paths:
        for r in load(p):
            cls, params, method = key(r)
            score = r["primaryMetric"]["score"]
            err = r["primaryMetric"].get("scoreError", 0.0)
            sec = r.get("secondaryMetrics") or {}
            alloc = sec.get("·gc.alloc.rate.norm") or sec.get("gc.alloc.rate.norm")
            if alloc is not None:
                gc[(cls, params, method)] = alloc["score"]
            if "requests" in sec and "signatures" in sec and sec["signatures"]["score"]:
                reqs[(cls, params, method)] = sec["requests"]["score"] / sec["signatures"]["score"]
            if "gc" in p and alloc is not None:
                continue
            rows.setdefault((cls, params), {})[method] = (score, err)
    for (cls, params), methods in sorted(rows.items()):
        print(f"\n{cls} {params}")
        sdk = next((v[0] for m, v in methods.items() if m.endswith("SdkRemote")), None)
        if sdk is not None:
            print(f"  {'benchmark':<22}{'ops/s':>12}{'±':>10}{'vs SDK':>10}{'req/sig':>10}")
            for m, (score, err) in sorted(methods.items(), key=lambda kv: -kv[1][0]):
                q = reqs.get((cls, params, m))
                per = f"{q:.3f}" if q is not None else ""
                print(f"  {m:<22}{score:>12.0f}{err:>10.0f}{score / sdk:>9.2f}x{per:>10}")
            continue
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
