"""Time `mentorkit report` and `mentorkit due` on a large program, cold and warm.

    python benchmarks/bench_report.py [DIR] [--runs 3] [--as-of 2026-09-01]

DIR defaults to /tmp/mentorkit-bench-report; a program of 5,000 participants, 2,500
relationships and 30,000 session records is generated there first if it is missing
(benchmarks/gen_toolkit_program.py). In the same run it measures:

- baseline: reading and parsing every YAML file with PyYAML's C loader, nothing else;
- `report` and `due` cold: the load cache (.mentorkit/cache/) deleted before each run;
- `report` and `due` warm: nothing changed since the previous run.

Each command is a fresh `python -m mentorkit` process (interpreter start included), with
its output sent to /dev/null. The figure is the median of --runs runs. Targets: cold at
most 2x the baseline, warm at most 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def baseline(root: Path) -> float:
    import yaml

    started = time.perf_counter()
    count = 0
    for path in root.rglob("*.yaml"):
        if ".mentorkit" in path.parts:
            continue
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    elapsed = time.perf_counter() - started
    print(f"baseline: parsed {count} files")
    return elapsed


def run(root: Path, *args: str) -> float:
    command = [sys.executable, "-m", "mentorkit", "--program", str(root), *args]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {done.stderr}")
    return elapsed


def measure(root: Path, runs: int, args: list[str], cold: bool) -> float:
    times = []
    cache = root / ".mentorkit" / "cache"
    if not cold:
        run(root, *args)  # make sure the cache is there and current
    for _ in range(runs):
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        times.append(run(root, *args))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=Path("/tmp/mentorkit-bench-report"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--as-of", default="2026-09-01")
    args = parser.parse_args()
    root: Path = args.dir
    if not (root / "program.yaml").exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "gen_toolkit_program.py"),
                        str(root)], check=True)
        time.sleep(2.5)  # files younger than the cache's racy window are never cached
    print(f"program: {root}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    base = statistics.median(baseline(root) for _ in range(args.runs))
    rows = [("parse every file (PyYAML C loader)", base, "baseline")]
    as_of = ["--as-of", args.as_of]
    for name, cmd in (("report", ["report", *as_of]), ("due", ["due", *as_of])):
        cold = measure(root, args.runs, cmd, cold=True)
        warm = measure(root, args.runs, cmd, cold=False)
        rows.append((f"`{name}` cold", cold, f"{cold / base:.2f}x baseline (target <= 2x)"))
        rows.append((f"`{name}` warm", warm, "target <= 1 s"))
    print("\n| what | seconds | against target |\n|---|---:|---|")
    for what, seconds, note in rows:
        print(f"| {what} | {seconds:.2f} | {note} |")


if __name__ == "__main__":
    main()
