#!/usr/bin/env python3
"""Seed time with and without HPO mapping (issue 12: mapping adds <= 10 %).

Seeds one synthetic corpus into fresh databases with the real kb binary,
in pairs (mapping off with KB_SEED_WITHOUT_CODES=1, and on), the order
alternating from pair to pair so neither side always runs second, and
records each run's processor time (user + system of the child, which other
load on the machine disturbs less than the wall clock) and wall time.
Prints every pair and the median of the per-pair ratios.

    cargo build --release --bin kb && cargo build --example seed_timing
    target/debug/examples/seed_timing --write /tmp/synth10k 10000
    python3 scripts/hpo_seed_timing.py target/release/kb /tmp/synth10k 5
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def seed(kb, corpus, mapping, tmp, n):
    db = os.path.join(tmp, f"kb-{n}-{'on' if mapping else 'off'}.sqlite3")
    env = dict(os.environ)
    env.pop("KB_SEED_WITHOUT_CODES", None)
    if not mapping:
        env["KB_SEED_WITHOUT_CODES"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([kb, "-q", "--db", db, "init", corpus], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    links = subprocess.run([kb, "--db", db, "sql", "--format", "csv",
                            "SELECT count(*) FROM symptom_code"],
                           check=True, capture_output=True, text=True).stdout.split()[-1]
    os.remove(db)
    return cpu, wall, links


def main():
    kb, corpus = sys.argv[1], sys.argv[2]
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    ratios_cpu, ratios_wall = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(pairs):
            order = (False, True) if n % 2 == 0 else (True, False)
            got = {m: seed(kb, corpus, m, tmp, n) for m in order}
            (c0, w0, _), (c1, w1, links) = got[False], got[True]
            ratios_cpu.append(c1 / c0)
            ratios_wall.append(w1 / w0)
            print(f"pair {n + 1} ({'off first' if order[0] is False else 'on first'}): "
                  f"off {c0:.2f} s cpu / {w0:.2f} s wall, on {c1:.2f} s cpu / {w1:.2f} s wall "
                  f"({links} links): {100 * (c1 / c0 - 1):+.1f} % cpu", flush=True)
    print(f"mapping adds {100 * (statistics.median(ratios_cpu) - 1):+.1f} % processor time "
          f"(median of {pairs} pairs; range {100 * (min(ratios_cpu) - 1):+.1f} to "
          f"{100 * (max(ratios_cpu) - 1):+.1f} %), {100 * (statistics.median(ratios_wall) - 1):+.1f} % wall")


if __name__ == "__main__":
    main()
