"""Time `mentorkit report` and `mentorkit due` on a large program, cold and warm.

    python benchmarks/bench_report.py [DIR] [--runs 3] [--as-of 2026-09-01]

DIR defaults to /tmp/mentorkit-bench-report; a program of 5,000 participants, 2,500
relationships and 30,000 session records is generated there first if it is missing
(benchmarks/gen_toolkit_program.py). In the same run it measures:

- baseline: reading and parsing every YAML file with PyYAML's C loader, nothing else;
- `report` and `due` cold: the load cache (.mentorkit/cache/) deleted before each run;
- `report` and `due` warm: nothing changed since the previous run.

Each command is a fresh `python -m mentorkit` process (interpreter start included), with
its output sent to /dev/null. Figures are medians of --runs runs, as wall-clock time and
as CPU time (user + system; steadier on a shared machine). Targets: cold at most 2x the
baseline, warm at most 1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def baseline(root: Path) -> tuple[float, float]:
    import yaml

    cpu = time.process_time()
    started = time.perf_counter()
    count = 0
    for path in root.rglob("*.yaml"):
        if ".mentorkit" in path.parts:
            continue
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    elapsed = time.perf_counter() - started
    print(f"baseline: parsed {count} files")
    return elapsed, time.process_time() - cpu


def run(root: Path, *args: str) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one `python -m mentorkit` process."""
    command = [sys.executable, "-m", "mentorkit", "--program", str(root), *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def measure(root: Path, runs: int, args: list[str], cold: bool) -> tuple[float, float]:
    times = []
    cache = root / ".mentorkit" / "cache"
    if not cold:
        run(root, *args)  # make sure the cache is there and current
    for _ in range(runs):
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        times.append(run(root, *args))
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


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
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    timings = [baseline(root) for _ in range(args.runs)]
    base = (statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings))
    rows = [("parse every file (PyYAML C loader)", base, "baseline")]
    as_of = ["--as-of", args.as_of]
    for name, cmd in (("report", ["report", *as_of]), ("due", ["due", *as_of])):
        cold = measure(root, args.runs, cmd, cold=True)
        warm = measure(root, args.runs, cmd, cold=False)
        rows.append((f"`{name}` cold", cold, f"{cold[0] / base[0]:.2f}x baseline wall, "
                     f"{cold[1] / base[1]:.2f}x CPU (target <= 2x)"))
        rows.append((f"`{name}` warm", warm, "target <= 1 s"))
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("\n| what | wall s | CPU s | against target |\n|---|---:|---:|---|")
    for what, (wall, cpu), note in rows:
        print(f"| {what} | {wall:.2f} | {cpu:.2f} | {note} |")


if __name__ == "__main__":
    main()
