#!/usr/bin/python3
"""Times two commands in alternation: A, B, A, B... (bench/generate.sh: restack-gen and the
Python reference). On a shared virtual machine the host's speed moves from one minute to the
next (the reference alone took 3.7-6.0 s within forty minutes in session 8); timing all runs of
one command and then all of the other lets that drift land on one side of the ratio. In
alternation each pair sees nearly the same host, so the median of the per-pair ratios is what
the bench quotes, beside each command's own median.

Usage: paired.py ROUNDS OUT_JSON -- A_ARGV... -- B_ARGV...
Each argv's last argument is an output folder prefix: round i writes into PREFIX.i (a new
folder, as a user generates into a new folder). One warm-up round is not counted.
Writes {"a": [...], "b": [...], "ratios": [...]} with wall, user and system seconds per run.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def timed(argv):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"paired.py: {argv[0]} exited with {proc.returncode}")
    return {"wall": wall, "user": usage.ru_utime, "system": usage.ru_stime}


def main():
    rounds, out_json = int(sys.argv[1]), sys.argv[2]
    rest = sys.argv[3:]
    if len(rest) < 4 or rest[0] != "--" or "--" not in rest[1:]:
        sys.exit(__doc__)
    split = rest.index("--", 1)
    a, b = rest[1:split], rest[split + 1 :]
    runs = {"a": [], "b": []}
    for i in range(rounds + 1):
        # Which command goes first alternates too, so neither always follows the other's
        # deletions or cache effects.
        order = [("a", a), ("b", b)] if i % 2 == 0 else [("b", b), ("a", a)]
        for key, argv in order:
            result = timed(argv[:-1] + [f"{argv[-1]}.{i}"])
            if i > 0:
                runs[key].append(result)
    ratios = [rb["wall"] / ra["wall"] for ra, rb in zip(runs["a"], runs["b"])]
    runs["ratios"] = ratios
    runs["median_ratio"] = statistics.median(ratios)
    with open(out_json, "w") as f:
        json.dump(runs, f)


if __name__ == "__main__":
    main()
