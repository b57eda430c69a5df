"""Benchmark the foundation: `--help` start-up, and list/validate on 5,000 participants.

    python benchmarks/bench_foundation.py [--people 5000] [--runs 5]

Targets (issue 2): `mentorkit --help` costs at most 1.1x a minimal Typer app measured in
the same run; `participants list` and `validate` on 5,000 participants answer in < 2 s.
Each command runs as a fresh process, as a coordinator would run it; the figure is the
median of --runs runs.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)

MINIMAL_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(name)


@app.command()
def bye(name: str) -> None:
    """Say bye."""
    print(name)


app()
'''

# A one-command app: what `mentorkit CMD --help` is compared with (issue 9).
ONE_COMMAND_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str, times: int = typer.Option(1, help="How many times.")) -> None:
    """Say hello."""
    print(name)


app()
'''

DEPARTMENTS = ["Emergency", "ICU", "Medical-Surgical", "Pharmacy", "Clinical Laboratory",
               "Radiology", "Environmental Services", "Supply Chain", "Physical Therapy"]
SITES = ["Main Campus", "North Clinic", "Riverside"]
TOPICS = ["wound care", "sepsis recognition", "shift handover", "ventilator management",
          "infection control", "phlebotomy", "lab quality control", "chemical safety",
          "inventory par levels", "charge nurse skills", "CCRN exam", "night-shift resilience",
          "difficult conversations", "precepting", "time management", "leadership"]
LANGUAGES = ["English", "Spanish", "Tagalog", "Hindi", "French", "Haitian Creole"]


def generate(root: Path, people: int, seed: int = 7) -> None:
    """A program folder with `people` participants, written straight through the store."""
    from mentorkit.models.participant import Participant
    from mentorkit.services.enrolment.program import create_program
    from mentorkit.store import atomic, yamlio

    rng = random.Random(seed)
    create_program(root, {"name": "Benchmark Program"}, None)
    folder = root / "participants"
    for n in range(people):
        role = rng.choice(["mentor", "mentee", "mentee", "both"])
        person = Participant.model_validate({
            "kind": "participant",
            "name": f"Person {n:05d}",
            "email": f"person{n:05d}@example.org",
            "role": role,
            "job_title": rng.choice(["Staff Nurse", "Lab Tech", "Pharmacist", "EVS Lead"]),
            "department": rng.choice(DEPARTMENTS),
            "site": rng.choice(SITES),
            "years_experience": rng.randint(0, 30),
            "can_help_with": rng.sample(TOPICS, 3),
            "wants_help_with": rng.sample(TOPICS, 2),
            "languages": rng.sample(LANGUAGES, 2),
            "meeting_modes": ["video", "in-person"],
        })
        atomic.write_text(folder / f"person-{n:05d}.yaml", yamlio.dump(person.to_document()))


CONSOLE_SCRIPT = """import re
import sys
sys.path.insert(0, {root!r})
from mentorkit.cli.app import main
if __name__ == "__main__":
    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
    sys.exit(main())
"""


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleaved(first: list[str], second: list[str], runs: int,
                cpu: bool = False) -> tuple[float, float]:
    """Medians of two commands run turn about, so a change in load hits both alike.
    With `cpu`, CPU seconds (user + system) of each run rather than wall seconds: on a
    shared machine those still compare like with like."""
    for command in (first, second):  # warm the OS file cache and .pyc files
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    a: list[float] = []
    b: list[float] = []
    clock = _cpu_of_children if cpu else time.perf_counter
    for _ in range(runs):
        for command, samples in ((first, a), (second, b)):
            start = clock()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            samples.append(clock() - start)
    return statistics.median(a), statistics.median(b)


def timed(
    command: list[str], runs: int, cwd: Path | None = None, cold: Path | None = None
) -> float:
    """Median wall time; `cold` names a program whose load cache is removed before each run."""
    samples = []
    for _ in range(runs):
        if cold is not None:
            shutil.rmtree(cold / ".mentorkit" / "cache", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--help-only", action="store_true",
                        help="Only the --help timings (no 5,000-person program).")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "minimal.py").write_text(MINIMAL_APP)
        # What `pip install` writes as the `mentorkit` console script, so both sides start
        # the same way (a script), not one of them through `python -m`'s runpy.
        (work / "mentorkit").write_text(CONSOLE_SCRIPT.format(root=str(ROOT)))
        minimal, ours = interleaved(
            [python, str(work / "minimal.py"), "--help"],
            [python, str(work / "mentorkit"), "--help"],
            args.runs * 6,
        )
        (work / "one.py").write_text(ONE_COMMAND_APP)
        rows = [
            ("minimal Typer app --help", minimal, None),
            ("mentorkit --help", ours, f"{ours / minimal:.2f}x minimal (target <= 0.5x)"),
        ]
        for command in ("match", "log-session", "show", "report"):
            one, mine = interleaved([python, str(work / "one.py"), "--help"],
                                    [python, str(work / "mentorkit"), command, "--help"],
                                    args.runs * 4, cpu=True)
            rows.append(("one-command Typer app --help (CPU)", one, None))
            rows.append((f"mentorkit {command} --help (CPU)", mine,
                         f"{mine / one:.2f}x one-command app (target <= 1.0x)"))
        if args.help_only:
            _print(rows)
            return
        program = work / "program"
        generate(program, args.people)
        base = [python, "-m", "mentorkit", "--program", str(program)]
        timed([*base, "validate"], 1, cwd=ROOT)  # first read fills the OS cache
        for label, extra, cache in [
            ("participants list, cold", ["participants", "list"], program),
            ("participants list, warm", ["participants", "list"], None),
            ("participants list --json, warm", ["participants", "list", "--json"], None),
            ("participants list --role mentor, warm", ["participants", "list", "--role",
                                                      "mentor"], None),
            ("validate", ["validate"], None),
        ]:
            seconds = timed([*base, *extra], args.runs, cwd=ROOT, cold=cache)
            rows.append((f"{label} ({args.people:,} people)", seconds, "target < 2 s"))
    _print(rows)


def _print(rows: list[tuple[str, float, str | None]]) -> None:
    print("| command | median seconds | note |")
    print("|---|---:|---|")
    for label, seconds, note in rows:
        print(f"| `{label}` | {seconds:.3f} | {note or ''} |")


if __name__ == "__main__":
    main()
