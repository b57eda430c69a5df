"""Benchmark `import` of a sign-up CSV against the floor of writing the same files.

    python benchmarks/bench_import.py [--rows 5000] [--runs 5]

Target (issue 9): `import` of a 5,000-row sign-up CSV takes at most 2x the time of
writing the same 5,000 participant files with PyYAML's C dumper, while staying
all-or-nothing (one journal, one durability barrier for the batch).

What is compared, each in this process on a fresh folder, turn about (the first writer
into a fresh folder on this machine can pay for the filesystem's own growth, so neither
side always goes first):

- import: `run_import` on the CSV (reading and checking every row, making ids, dumping,
  the journal, temporary files, one barrier, renames);
- floor: the very documents import wrote (read back with the C loader before the clock
  starts), each dumped with `yaml.dump(..., Dumper=CSafeDumper)` and written with a plain
  open/write into a fresh folder, then made durable as a careful program would: one
  syncfs of the filesystem (os.sync where there is none) and an fsync of the folder.
  A floor without that barrier would compare a durable import with files that may still
  be only in memory; `--no-sync-floor` shows that figure too.

Figures are CPU seconds of this process (user + system: the machine is shared, and
other work hits wall time unevenly) and wall seconds, medians of --runs runs.
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

DEPARTMENTS = ["ICU", "Emergency", "Pharmacy", "Laboratory", "EVS", "Home Health"]


from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)


def make_sheet(path: Path, rows: int) -> None:
    lines = ["Name,Email,Role,Department,Years of experience,I can help with"]
    for n in range(rows):
        role = "mentor" if n % 3 == 0 else "mentee"
        lines.append(f"Person {n},person{n}@example.org,{role},{DEPARTMENTS[n % 6]},"
                     f"{n % 30},\"Leadership; Wound care\"")
    path.write_text("\n".join(lines) + "\n")


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `work`."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def documents(program: Path) -> list[tuple[str, object]]:
    """The participant files import wrote, parsed with the C loader (not timed)."""
    import yaml

    return [(p.name, yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
            for p in sorted((program / "participants").glob("*.yaml"))]


def write_floor(folder: Path, docs: list[tuple[str, object]], sync: bool) -> None:
    """The same files, dumped with the C dumper and written plainly, then one barrier."""
    import yaml

    from mentorkit.store.transaction import barrier

    folder.mkdir(parents=True)
    for name, doc in docs:
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        with open(folder / name, "w", encoding="utf-8") as handle:
            handle.write(text)
    if sync:
        barrier([folder / name for name, _ in docs], folder)  # syncfs (or os.sync)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def run_import(root: Path, sheet: Path) -> tuple[float, float]:
    from mentorkit.services.enrolment.importer import run_import as service
    from mentorkit.services.enrolment.program import create_program
    from mentorkit.store.folder import ProgramFolder

    create_program(root, {"name": "Bench", "start_date": dt.date(2026, 1, 5)}, None)
    folder = ProgramFolder(root)
    took = timed(lambda: service(folder, sheet, column_map={}))
    assert len(folder.participant_ids()) == len(list(sheet.open())) - 1
    return took


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-sync-floor", action="store_true",
                        help="also time the floor without its durability barrier")
    args = parser.parse_args()
    import mentorkit.services.enrolment.importer  # noqa: F401  (imports are not timed)

    work = Path(tempfile.mkdtemp(prefix="mentorkit-bench-import-"))
    try:
        sheet = work / "signup.csv"
        make_sheet(sheet, args.rows)
        run_import(work / "warm-up", sheet)
        docs = documents(work / "warm-up")
        results: dict[str, list[tuple[float, float]]] = {"import": [], "floor": [],
                                                         "floor, no sync": []}
        for n in range(args.runs):
            order = ["import", "floor"] if n % 2 else ["floor", "import"]
            if args.no_sync_floor:
                order.append("floor, no sync")
            for what in order:
                target = work / f"{what.replace(', ', '-').replace(' ', '-')}-{n}"
                if what == "import":
                    results[what].append(run_import(target, sheet))
                else:
                    sync = what == "floor"
                    results[what].append(timed(lambda t=target, s=sync: write_floor(t, docs, s)))
                shutil.rmtree(target)
        med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
               for k, v in results.items() if v}
        print(f"rows {args.rows}, median of {args.runs} runs (CPU s / wall s):")
        for what, (cpu, wall) in med.items():
            print(f"  {what:15} {cpu:6.2f} / {wall:6.2f}")
        (ic, iw), (fc, fw) = med["import"], med["floor"]
        print(f"import / floor: {ic / fc:.2f}x CPU, {iw / fw:.2f}x wall (target <= 2x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
