"""Matching benchmarks: `mentorkit match` against the floor of parsing its files.

    python benchmarks/bench_match.py [--cases medium,large,compare] [--runs 3] [--work DIR]

Program folders are made by gen_program.py (healthcare vocabulary, mentor capacity 1–3,
seed 1) and kept in --work (default /tmp/mentorkit-bench) for the next run.

- medium (10,000 mentees × 3,000 mentors) and large (50,000 × 10,000): in each round,
  in turn,
  - floor: parse every file `match` reads (program.yaml, participants/*.yaml,
    relationships/*/relationship.yaml) with PyYAML's C loader, in a fresh process,
    timing only the parse;
  - cold: `mentorkit match` as a new process with the caches removed;
  - warm: `mentorkit match` again, nothing changed since the last run (replayed:
    store/results.py);
  - one edit: again after one participant file was touched (its inode change time
    moved), so nothing is replayed and the load cache serves every other file; nothing
    in it changed, so the last answer still holds (nothing is solved again);
  - one real edit: again after one mentee's years of experience were changed (every
    pair of theirs scores differently; the file is put back afterwards): the last
    answer is solved again near the change;
  each with the peak RSS of its process. Medians of --runs rounds.
- compare (10,000 × 3,000, in-process): the sparse solver's certified optimum against
  the dense `linear_sum_assignment` on the capacity-expanded matrix.

Targets (mentorkit issue 9): medium cold <= 3x floor, warm <= 2 s, peak RSS < 1 GB;
large <= 20 s. Figures and commands: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = {"medium": (10_000, 3_000), "large": (50_000, 10_000)}

FLOOR = """
import glob, os, sys, time, yaml
root = sys.argv[1]
files = [os.path.join(root, "program.yaml")]
files += sorted(glob.glob(os.path.join(root, "participants", "*.yaml")))
files += sorted(glob.glob(os.path.join(root, "relationships", "*", "relationship.yaml")))
started = time.process_time()  # CPU time: steady when other jobs share the machine
for path in files:
    with open(path, encoding="utf-8") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
print(time.process_time() - started, len(files))
"""


from precompile import ensure_bytecode  # noqa: E402  (benchmarks/, beside this file)


def program(work: Path, name: str) -> Path:
    from benchmarks.gen_program import write

    mentees, mentors = SIZES[name]
    root = work / f"{mentees}x{mentors}"
    if not (root / "program.yaml").is_file():
        started = time.perf_counter()
        write(root, mentees, mentors, seed=1, capacity=(1, 3))
        print(f"  generated {root} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return root


def run_with_rss(args: list[str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS (MB), stdout and CPU seconds (user + system) of one
    process (reaped with wait4)."""
    started = time.perf_counter()
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-match-{os.getpid()}.out"
    with open(out_path, "w") as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    text = out_path.read_text()
    out_path.unlink()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err}")
    return elapsed, usage.ru_maxrss / 1024, text, usage.ru_utime + usage.ru_stime


def case(root: Path, runs: int) -> dict[str, object]:
    match = [sys.executable, "-m", "mentorkit", "-p", str(root), "match", "--json",
             "--out", str(root / "bench-proposal.yaml")]
    floor: list[float] = []
    runs_: dict[str, list[float]] = {
        k: [] for k in ("cold", "warm", "edit", "change", "cold_cpu", "warm_cpu", "edit_cpu",
                        "change_cpu")}
    rss: list[float] = []
    files = 0
    answer: dict[str, object] = {}
    for _ in range(runs):
        text = run_with_rss([sys.executable, "-c", FLOOR, str(root)])[2]
        seconds, files_text = text.split()
        floor.append(float(seconds))
        files = int(files_text)
        shutil.rmtree(root / ".mentorkit" / "cache", ignore_errors=True)
        for kind in ("cold", "warm", "edit", "change"):
            if kind == "edit":  # one participant touched: its inode change time moves
                touched = next((root / "participants").iterdir())
                before = touched.stat()
                os.utime(touched, ns=(before.st_atime_ns, before.st_mtime_ns))
                time.sleep(2.1)  # an edit this recent is never trusted to a cache
            if kind == "change":
                edited, kept = _change_a_mentee(root)
                time.sleep(2.1)
            try:
                wall, peak, text, cpu = run_with_rss(match)
            finally:
                if kind == "change":
                    edited.write_bytes(kept)
                    # out of the racy window before the next round's cold run, or that
                    # run keeps no answer and its warm run is not replayed (a floor
                    # quicker than 2 s left too little time between them)
                    time.sleep(2.1)
            runs_[kind].append(wall)
            runs_[f"{kind}_cpu"].append(cpu)
            rss.append(peak)
            if kind != "change":  # the answer reported is the unedited program's
                answer = json.loads(text)
    med = statistics.median
    return {
        "files": files,
        "floor_cpu_s": round(med(floor), 2),
        "cold_s": round(med(runs_["cold"]), 2),
        "cold_cpu_s": round(med(runs_["cold_cpu"]), 2),
        "cold_cpu_ratio": round(med(runs_["cold_cpu"]) / med(floor), 2),
        "warm_s": round(med(runs_["warm"]), 2),
        "warm_cpu_s": round(med(runs_["warm_cpu"]), 2),
        "one_edit_s": round(med(runs_["edit"]), 2),
        "one_edit_cpu_s": round(med(runs_["edit_cpu"]), 2),
        "real_edit_s": round(med(runs_["change"]), 2),
        "real_edit_cpu_s": round(med(runs_["change_cpu"]), 2),
        "peak_rss_mb": round(max(rss)),
        "method": answer.get("method"),
        "pairs": len(answer.get("pairs", [])),  # type: ignore[arg-type]
        "total_score": answer.get("total_score"),
    }


def _change_a_mentee(root: Path) -> tuple[Path, bytes]:
    """Give the first mentee (by file name) other years of experience; the file and its
    bytes before, to put back."""
    import re

    for path in sorted((root / "participants").iterdir()):
        text = path.read_bytes()
        found = re.search(rb"^years_experience: ([0-9.]+)$", text, re.MULTILINE)
        if b"\nrole: mentee\n" in text and found:
            years = 1.5 if float(found.group(1)) >= 5 else 12.5
            path.write_bytes(text.replace(found.group(0), b"years_experience: %.1f" % years))
            return path, text
    raise SystemExit(f"{root}: no mentee with years_experience to change")


def compare(root: Path) -> dict[str, object]:
    """In a process of its own: the certified sparse optimum against the dense one."""
    code = f"""
import json, sys, time
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from mentorkit.engine import solver
from mentorkit.services.matching.pool import prepare
from mentorkit.store.folder import ProgramFolder
pool = prepare(ProgramFolder(Path({str(root)!r})))
out = {{}}
for method in ("sparse", "dense"):
    started = time.perf_counter()
    found = solver.assign(pool.space, pool.constraints, pool.capacity, method=method)
    out[method + "_s"] = round(time.perf_counter() - started, 2)
    out[method + "_total"] = found.total
    if found.certificate is not None:
        c = found.certificate
        out.update(rounds=c.rounds, edges=c.edges, added=c.added, priced=c.priced,
                   gap=c.gap)
print(json.dumps(out))
"""
    _, rss, text, _ = run_with_rss([sys.executable, "-c", code])
    figures: dict[str, object] = json.loads(text)
    figures["peak_rss_mb"] = round(rss)
    sparse, dense = float(figures["sparse_total"]), float(figures["dense_total"])  # type: ignore[arg-type]
    figures["relative_difference"] = abs(sparse - dense) / max(dense, 1e-12)
    return figures


def main(argv: list[str] | None = None) -> None:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description="matching benchmarks")
    parser.add_argument("--cases", default="medium,large,compare")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/mentorkit-bench"))
    args = parser.parse_args(argv)
    for name in args.cases.split(","):
        print(f"case {name} ...", file=sys.stderr)
        if name == "compare":
            figures = compare(program(args.work, "medium"))
        else:
            figures = case(program(args.work, name), args.runs)
        print(json.dumps({"case": name, **figures}))


if __name__ == "__main__":
    main()
