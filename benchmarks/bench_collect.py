"""Benchmark `collect` of a large session export against the floor of writing its files.

    python benchmarks/bench_collect.py [--pairs 100] [--rows 2000] [--runs 3]

A Google Forms session export of --rows rows (each a mentee's record of a meeting, with
one agreed action, spread over --pairs active pairs) is collected into a fresh program,
and compared with the floor: writing the very files collect wrote (every session record,
each pair's action plan and responses.yaml, read back with the C loader before the clock
starts), dumped with `yaml.dump(..., Dumper=CSafeDumper)`, written with a plain
open/write, then one syncfs of the filesystem (os.sync where there is none): a careful
program's one barrier. The two run turn about, each on a fresh copy of the program.

- collect: `collect` (reading the export, finding each pair, every row filed through the
  toolkit's rules into a scratch copy, the copy landed as one transaction);
- dry run: `collect --dry-run` (the same, nothing landed);
- the fsyncs each made (os.fsync calls, counted): a dry run makes none, a collect a
  few for its one transaction, whatever the number of rows.

Figures are CPU seconds of this process (user + system: the machine is shared) and wall
seconds, medians of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)

START, TODAY = dt.date(2026, 1, 5), dt.date(2026, 12, 3)
TITLES = ["Date of the meeting", "How long did you meet?", "How did you meet?",
          "Actions agreed before the next meeting"]


def make_program(root: Path, pairs: int) -> None:
    from mentorkit.services.enrolment.program import create_program
    from mentorkit.store.folder import ProgramFolder
    from mentorkit.store.yamlio import dump

    create_program(root, {"name": "Bench", "start_date": START}, None)
    folder = ProgramFolder(root)
    for n in range(pairs):
        for role in ("mentor", "mentee"):
            (folder.participants_dir / f"{role}-{n}.yaml").write_text(dump({
                "schema_version": 1, "kind": "participant", "name": f"{role.title()} {n}",
                "email": f"{role}{n}@example.org", "role": role, "joined": START}))
        pair = folder.relationship_dir(f"mentor-{n}--mentee-{n}")
        pair.mkdir(parents=True)
        (pair / "relationship.yaml").write_text(dump({
            "schema_version": 1, "kind": "relationship", "mentor": f"mentor-{n}",
            "mentee": f"mentee-{n}", "status": "active", "created": START,
            "started": START}))


def make_export(path: Path, pairs: int, rows: int) -> None:
    """Google Forms' CSV: one session a row, each pair's meetings a day apart."""
    lines = [",".join(["Timestamp", "Email Address", *TITLES])]
    for n in range(rows):
        day = START + dt.timedelta(days=1 + n // pairs)
        due = day + dt.timedelta(days=14)
        lines.append(f"{day:%Y/%m/%d} 6:00:00 PM GMT-5,mentee{n % pairs}@example.org,"
                     f"{day.month}/{day.day}/{day.year},45 min,In person,"
                     f"Read the policy by {due.month}/{due.day}/{due.year}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def counted(work: Callable[[], object]) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, os.fsync calls) of `work`."""
    calls = 0
    fsync = os.fsync

    def counting(fd: int) -> None:
        nonlocal calls
        calls += 1
        fsync(fd)

    os.fsync = counting  # type: ignore[assignment]
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        return time.process_time() - cpu, time.perf_counter() - wall, calls
    finally:
        os.fsync = fsync


def run_collect(program: Path, export: Path, dry_run: bool) -> tuple[float, float, int]:
    from mentorkit.services.collection.collect import collect
    from mentorkit.store.folder import ProgramFolder

    folder = ProgramFolder(program)
    return counted(lambda: collect(folder, export, date_order="month-first",
                                   dry_run=dry_run, today=TODAY))


def written(program: Path) -> list[tuple[Path, object]]:
    """What collect wrote (every file of the pairs' folders but relationship.yaml),
    parsed with the C loader (not timed)."""
    import yaml

    return [(p.relative_to(program), yaml.load(p.read_text(encoding="utf-8"),
                                               Loader=yaml.CSafeLoader))
            for p in sorted((program / "relationships").rglob("*.yaml"))
            if p.name != "relationship.yaml"]


def write_floor(program: Path, docs: list[tuple[Path, object]]) -> None:
    import yaml

    from mentorkit.store.transaction import barrier

    paths = []
    for relative, doc in docs:
        path = program / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    barrier(paths, program)


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import mentorkit.services.collection.collect  # noqa: F401  (imports are not timed)

    work = Path(tempfile.mkdtemp(prefix="mentorkit-bench-collect-"))
    try:
        blank, export = work / "blank", work / "sessions.csv"
        make_program(blank, args.pairs)
        make_export(export, args.pairs, args.rows)
        shutil.copytree(blank, work / "warm-up")
        run_collect(work / "warm-up", export, dry_run=False)
        docs = written(work / "warm-up")
        results: dict[str, list[tuple[float, float, int]]] = {
            "floor": [], "collect": [], "collect --dry-run": []}
        for n in range(args.runs):
            order = list(results) if n % 2 else list(reversed(results))
            for what in order:
                target = work / f"run-{n}-{what.split()[-1]}"
                shutil.copytree(blank, target)
                if what == "floor":
                    results[what].append(counted(lambda t=target: write_floor(t, docs)))
                else:
                    results[what].append(run_collect(target, export, "dry" in what))
                shutil.rmtree(target)
        med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3))
               for k, v in results.items()}
        print(f"{args.rows} rows over {args.pairs} pairs, {len(docs)} files, "
              f"median of {args.runs} runs (CPU s / wall s / fsyncs):")
        for what, (cpu, wall, syncs) in med.items():
            print(f"  {what:18} {cpu:7.2f} / {wall:7.2f} / {int(syncs)}")
        floor = med["floor"][0]
        for what in ("collect", "collect --dry-run"):
            print(f"{what} / floor: {med[what][0] / floor:.1f}x CPU, "
                  f"{med[what][1] / med['floor'][1]:.1f}x wall")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
