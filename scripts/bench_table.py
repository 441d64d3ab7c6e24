#!/usr/bin/env python3
"""Prints the Markdown tables of BENCHMARKS.md from scripts/bench_peers.sh's results:
hyperfine JSON files named <job>.<tool>.<size>.json and GNU time lines in time.txt."""
import json
import os
import statistics
import sys

JOBS = ["check", "breaking", "changelog", "build"]
PEERS = ["datacontract", "dbt", "buf"]


def main(results):
    median, cpu, peak = {}, {}, {}
    for name in os.listdir(results):
        if name.endswith(".json"):
            try:
                with open(os.path.join(results, name)) as f:
                    times = json.load(f)["results"][0]["times"]
            except (ValueError, KeyError, IndexError):
                continue  # a run still in progress, or one that was interrupted
            median[name[:-5]] = statistics.median(times)
    # The last measurement of each job wins (a rerun with ONLY= appends).
    with open(os.path.join(results, "time.txt")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 5 and parts[0] in median:
                cpu[parts[0]] = float(parts[2]) + float(parts[3])
                peak[parts[0]] = int(parts[4]) / 1024
    sizes = sorted({int(k.rsplit(".", 1)[1]) for k in median})

    def cell(key):
        if key not in median:
            return "—"
        return f"{fmt_s(median[key])} / {fmt_s(cpu.get(key, 0))} / {peak.get(key, 0):.0f} MiB"

    print("Median wall / CPU (user+sys) / peak memory:\n")
    print("| Job | Size | truthline | " + " | ".join(PEERS) + " | peer ÷ truthline (wall) |")
    print("|---|---:|---|" + "---|" * len(PEERS) + "---|")
    for job in JOBS:
        for n in sizes:
            ours = f"{job}.truthline.{n}"
            if ours not in median:
                continue
            ratios = [f"{p} {median[f'{job}.{p}.{n}'] / median[ours]:,.0f}×"
                      for p in PEERS if f"{job}.{p}.{n}" in median]
            print(f"| {job} | {n:,} | {cell(ours)} | "
                  + " | ".join(cell(f"{job}.{p}.{n}") for p in PEERS) + " | " + ", ".join(ratios) + " |")
    print("\nGrowth from 1,000 to 10,000 contracts (wall, median):\n")
    print("| Job | truthline | " + " | ".join(PEERS) + " |")
    print("|---|---|" + "---|" * len(PEERS))
    for job in JOBS:
        row = []
        for tool in ["truthline"] + PEERS:
            a, b = median.get(f"{job}.{tool}.1000"), median.get(f"{job}.{tool}.10000")
            row.append(f"{b / a:.1f}×" if a and b else "—")
        print(f"| {job} | " + " | ".join(row) + " |")


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


if __name__ == "__main__":
    main(sys.argv[1])
