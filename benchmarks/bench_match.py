"""Matching benchmarks, end to end from YAML files.

    python benchmarks/bench_match.py [--cases small,medium,compare,large] [--work DIR]

Each case runs in its own process (so peak RSS is per case) on a program folder made by
gen_program.py (kept in --work, default /tmp/mentorkit-bench, and reused). Reported:

- load: ProgramFolder.load_participants (parse + validate every YAML file)
- prepare: load + program + relationships + feature and constraint arrays
- solve: score every pair (vectorised) + solve, on the prepared arrays
- propose: the whole `mentorkit match` service call from files (load again, build, score,
  solve, reasons in words), and the peak RSS of the process;
- cli: `mentorkit match` as a coordinator runs it (a new process: start-up, propose,
  writing proposal.yaml, printing the table).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CASES = {
    # name: (mentees, mentors, solver, limit seconds for propose)
    "small": (2_000, 1_000, "auto", 3.0),
    "medium": (10_000, 3_000, "auto", 15.0),
    "compare": (10_000, 3_000, "sparse", 15.0),
    "large": (50_000, 10_000, "auto", 60.0),
}


def run_case(name: str, work: Path) -> dict[str, object]:
    from benchmarks.gen_program import write
    from mentorkit.engine import solver
    from mentorkit.services.matching.pool import prepare
    from mentorkit.services.matching.propose import propose
    from mentorkit.store.folder import ProgramFolder

    mentees, mentors, method, limit = CASES[name]
    root = work / f"{mentees}x{mentors}"
    if not (root / "program.yaml").is_file():
        started = time.perf_counter()
        write(root, mentees, mentors, seed=1, capacity=(1, 3))
        print(f"  generated {root} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    folder = ProgramFolder(root)
    figures: dict[str, object] = {"case": name, "mentees": mentees, "mentors": mentors}

    started = time.perf_counter()
    folder.load_participants()
    figures["load_s"] = round(time.perf_counter() - started, 2)

    started = time.perf_counter()
    pool = prepare(folder)
    figures["prepare_s"] = round(time.perf_counter() - started, 2)

    started = time.perf_counter()
    found = solver.assign(pool.space, pool.constraints, pool.capacity, method=method)  # type: ignore[arg-type]
    figures["solve_s"] = round(time.perf_counter() - started, 2)
    figures["solver"] = found.method
    figures["total_score"] = round(found.total, 2)
    figures["pairs"] = len(found.rows)
    del pool, found

    started = time.perf_counter()
    result = propose(ProgramFolder(root), method=method)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    figures["propose_s"] = round(elapsed, 2)
    figures["limit_s"] = limit
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["ok"] = elapsed < limit and figures["peak_rss_mb"] < 4096  # type: ignore[operator]
    figures["proposal_total"] = round(result.total, 2)
    del result

    # the command a coordinator runs: start-up, all of the above, proposal.yaml, output
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mentorkit", "-p", str(root), "match", "--solver", method,
         "--out", str(root / "bench-proposal.yaml")],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    figures["cli_s"] = round(time.perf_counter() - started, 2)
    figures["ok"] = figures["ok"] and figures["cli_s"] < limit  # type: ignore[operator]
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="matching benchmarks")
    parser.add_argument("--cases", default="small,medium,compare,large")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentorkit-bench"))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_case(args.one, args.work)))
        return
    rows = []
    for name in args.cases.split(","):
        print(f"case {name} ...", file=sys.stderr)
        out = subprocess.run(
            [sys.executable, __file__, "--one", name, "--work", str(args.work)],
            check=True, capture_output=True, text=True,
        )
        sys.stderr.write(out.stderr)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    by_name = {r["case"]: r for r in rows}
    if "medium" in by_name and "compare" in by_name:
        dense, sparse = by_name["medium"]["total_score"], by_name["compare"]["total_score"]
        gap = (float(dense) - float(sparse)) / float(dense) * 100  # type: ignore[arg-type]
        print(f"sparse vs dense on 10,000 x 3,000: {gap:.4f}% below the dense optimum")
    header = ["case", "mentees", "mentors", "solver", "load_s", "prepare_s", "solve_s",
              "propose_s", "cli_s", "limit_s", "peak_rss_mb", "pairs", "total_score", "ok"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(r[h]) for h in header) + " |")


if __name__ == "__main__":
    main()
