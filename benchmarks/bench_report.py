"""Time `mentorkit report` and `mentorkit due` on a large program, cold and warm.

    python benchmarks/bench_report.py [DIR] [--runs 5] [--as-of 2026-09-01]

DIR defaults to /tmp/mentorkit-bench-report; a program of 5,000 participants, 2,500
relationships and 30,000 session records is generated there first if it is missing
(benchmarks/gen_toolkit_program.py). In the same run, turn about (so a change in the
machine's load hits all alike), it measures:

- floor "read": finding and reading the raw bytes of every YAML file of the program, in
  this process (no interpreter start, no imports, no parsing);
- floor "parse": finding, reading and parsing every YAML file with PyYAML's C loader,
  nothing else, in this process too;
- `report` and `due` warm (nothing changed since the previous run: the answer is replayed,
  store/results.py), after one edit (one session file touched since: worked out again,
  every other file from the load cache) and cold (the caches in .mentorkit/cache/
  deleted first), each a fresh `python -m mentorkit` process (interpreter start and
  imports included) with its output sent to /dev/null.

Figures are medians of --runs runs, as wall-clock time and as CPU time (user + system;
steadier on a shared machine). Targets: warm at most 1x the read floor, cold at most
1.3x the parse floor.
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
Timing = tuple[float, float]  # wall, CPU seconds
RACY_WINDOW_S = 2.1  # mentorkit's caches never trust a file changed this recently


from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)


def yaml_files(folder: str) -> list[str]:
    """Every .yaml file under `folder`, skipping .mentorkit/ (as mentorkit does)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != ".mentorkit":
                    found += yaml_files(entry.path)
            elif entry.name.endswith(".yaml"):
                found.append(entry.path)
    return found


def read_floor(root: Path) -> Timing:
    """Find and read the raw bytes of every file: the least any reader has to do."""
    cpu = time.process_time()
    started = time.perf_counter()
    for path in yaml_files(str(root)):
        with open(path, "rb") as handle:
            handle.read()
    return time.perf_counter() - started, time.process_time() - cpu


def parse_floor(root: Path) -> Timing:
    """Find, read and parse every file with PyYAML's C loader, and nothing else."""
    import yaml

    cpu = time.process_time()
    started = time.perf_counter()
    for path in yaml_files(str(root)):
        with open(path, encoding="utf-8") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started, time.process_time() - cpu


def run(root: Path, *args: str) -> Timing:
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


def measure(root: Path, args: list[str], *, state: str) -> Timing:
    """One timed run: after deleting the caches (cold); or after an untimed run that
    brings them up to date (warm); or that and then one file touched (one edit: its
    inode change time moved, as any edit moves it), so nothing can be replayed and the
    load cache serves every file but that one."""
    if state == "cold":
        shutil.rmtree(root / ".mentorkit" / "cache", ignore_errors=True)
    else:
        run(root, *args)
    if state == "one edit":
        touched = next(p for p in yaml_files(str(root)) if "/sessions/" in p)
        before = os.stat(touched)
        os.utime(touched, ns=(before.st_atime_ns, before.st_mtime_ns))
        time.sleep(RACY_WINDOW_S)  # an edit this recent is never trusted to a cache
    return run(root, *args)


def median(times: list[Timing]) -> Timing:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def ensure_program(root: Path) -> None:
    """Generate the benchmark program in `root` unless it is there already."""
    if not (root / "program.yaml").exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "gen_toolkit_program.py"),
                        str(root)], check=True)
        time.sleep(2.5)  # files younger than the cache's racy window are never cached


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=Path("/tmp/mentorkit-bench-report"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", default="2026-09-01")
    args = parser.parse_args()
    root: Path = args.dir
    ensure_program(root)
    print(f"program: {root}; {len(yaml_files(str(root)))} files; {os.cpu_count()} CPUs; "
          f"Python {sys.version.split()[0]}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    as_of = ["--as-of", args.as_of]
    commands = {"report": ["report", *as_of], "due": ["due", *as_of]}
    times: dict[str, list[Timing]] = {}
    for n in range(args.runs):
        times.setdefault("read", []).append(read_floor(root))
        times.setdefault("parse", []).append(parse_floor(root))
        for name, command in commands.items():
            for state in ("warm", "one edit", "cold"):
                times.setdefault(f"{name} {state}", []).append(
                    measure(root, command, state=state))
        print(f"run {n + 1} of {args.runs} done")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    read, parse = median(times["read"]), median(times["parse"])
    rows = [("floor: read every file's raw bytes", read, "floor for warm"),
            ("floor: parse every file (PyYAML C loader)", parse, "floor for cold")]
    for name in commands:
        warm, cold = median(times[f"{name} warm"]), median(times[f"{name} cold"])
        rows.append((f"`{name}` warm", warm, f"{warm[0] / read[0]:.2f}x read floor wall, "
                     f"{warm[1] / read[1]:.2f}x CPU (target <= 1x)"))
        edit = median(times[f"{name} one edit"])
        rows.append((f"`{name}` after one edit", edit,
                     f"{edit[0] / read[0]:.2f}x read floor wall, {edit[1] / read[1]:.2f}x CPU "
                     "(no target: nothing replayed, the load cache serves the rest)"))
        rows.append((f"`{name}` cold", cold, f"{cold[0] / parse[0]:.2f}x parse floor wall, "
                     f"{cold[1] / parse[1]:.2f}x CPU (target <= 1.3x)"))
    print("\n| what | wall s | CPU s | against target |\n|---|---:|---:|---|")
    for what, (wall, cpu), note in rows:
        print(f"| {what} | {wall:.2f} | {cpu:.2f} | {note} |")


if __name__ == "__main__":
    main()
