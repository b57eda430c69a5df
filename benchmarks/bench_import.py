"""Benchmark `import` of a sign-up CSV against the floor of writing the same files.

    python benchmarks/bench_import.py [--rows 5000] [--runs 3]

Target (issue 9): `import` of a 5,000-row sign-up CSV takes at most 2x the time of
writing the same 5,000 participant files with PyYAML's C dumper (plain open/write, no
fsync), measured in the same run, while staying all-or-nothing (one journal, one
durability barrier for the batch). Both run in this process on a fresh folder each time;
the figure is the median of --runs runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
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


def floor(folder: Path, rows: int) -> float:
    """Write the participant files import would write, with the C dumper and nothing else."""
    import yaml

    docs = [{"schema_version": 1, "kind": "participant", "name": f"Person {n}",
             "email": f"person{n}@example.org", "role": "mentor" if n % 3 == 0 else "mentee",
             "department": DEPARTMENTS[n % 6], "years_experience": n % 30,
             "can_help_with": ["Leadership", "Wound care"], "status": "active",
             "joined": dt.date(2026, 1, 5)} for n in range(rows)]
    folder.mkdir(parents=True)
    started = time.perf_counter()
    for n, doc in enumerate(docs):
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (folder / f"person-{n}.yaml").write_text(text, encoding="utf-8")
    return time.perf_counter() - started


def run_import(root: Path, sheet: Path) -> float:
    from mentorkit.services.enrolment.importer import run_import as service
    from mentorkit.services.enrolment.program import create_program
    from mentorkit.store.folder import ProgramFolder

    create_program(root, {"name": "Bench", "start_date": dt.date(2026, 1, 5)}, None)
    folder = ProgramFolder(root)
    started = time.perf_counter()
    result = service(folder, sheet, column_map={})
    took = time.perf_counter() - started
    assert len(folder.participant_ids()) == len(result.outcomes)
    return took


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="mentorkit-bench-import-"))
    try:
        sheet = work / "signup.csv"
        make_sheet(sheet, args.rows)
        floors, imports = [], []
        for n in range(args.runs):
            floors.append(floor(work / f"floor-{n}", args.rows))
            imports.append(run_import(work / f"program-{n}", sheet))
        f, i = statistics.median(floors), statistics.median(imports)
        print(f"rows {args.rows}: C-dumper floor {f:.2f} s, import {i:.2f} s, "
              f"ratio {i / f:.2f}x (target <= 2x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
