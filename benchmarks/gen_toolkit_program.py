"""Generate a large program folder with the toolkit filled in, for the report benchmarks.

    python benchmarks/gen_toolkit_program.py OUT_DIR [--participants 5000]
        [--relationships 2500] [--sessions 30000] [--seed 7]

Writes program.yaml, participants/, and per relationship: relationship.yaml, goals.yaml,
action-plan.yaml, sessions/<date>.yaml and, for closed pairs, evaluations. Every file is
built through mentorkit's models, so it is valid. Deterministic for the same seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    SessionRecord,
)
from mentorkit.store import yamlio

DEPARTMENTS = ["Nursing", "Laboratory", "Pharmacy", "Radiology", "Home Health", "Supply Chain",
               "Environmental Services", "Emergency"]
SITES = ["North Campus", "South Campus", "Riverside Clinic"]
TOPICS = ["leadership", "charge nurse skills", "quality improvement", "phlebotomy",
          "infection control", "scheduling", "budgeting", "research", "teaching", "wellbeing"]
FUNCTIONS = ["professional-socialisation", "career-development", "networking", "feedback",
             "coaching", "support"]


def write(path: Path, document: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yamlio.dump(document.to_document()), encoding="utf-8")  # type: ignore[attr-defined]


def generate(out: Path, people: int, pairs: int, sessions: int, seed: int) -> None:
    rng = random.Random(seed)
    start = dt.date(2026, 1, 5)
    program = Program.model_validate(
        {"kind": "program", "name": "Benchmark Program", "start_date": start,
         "duration_months": 12, "cadence": "fortnightly", "default_mentor_capacity": 3}
    )
    out.mkdir(parents=True, exist_ok=True)
    write(out / "program.yaml", program)
    (out / ".gitignore").write_text(".mentorkit/\n", encoding="utf-8")

    mentors = [f"mentor-{i:05d}" for i in range(people * 3 // 10)]
    mentees = [f"mentee-{i:05d}" for i in range(people - len(mentors))]
    for pid in mentors + mentees:
        is_mentor = pid.startswith("mentor")
        write(out / "participants" / f"{pid}.yaml", Participant.model_validate({
            "kind": "participant", "name": pid.replace("-", " ").title(),
            "email": f"{pid}@example.org", "role": "mentor" if is_mentor else "mentee",
            "job_title": "Staff Nurse", "department": rng.choice(DEPARTMENTS),
            "site": rng.choice(SITES),
            "years_experience": rng.randint(6, 30) if is_mentor else rng.randint(0, 5),
            "can_help_with": rng.sample(TOPICS, 3) if is_mentor else [],
            "wants_help_with": [] if is_mentor else rng.sample(TOPICS, 2),
            "career_goals": rng.sample(TOPICS, 2), "languages": ["English"],
            "status": "paused" if rng.random() < 0.03 else "active", "joined": start,
        }))

    statuses = []
    for _ in range(pairs):
        roll = rng.random()
        statuses.append("completed" if roll < 0.2 else "ended-early" if roll < 0.27
                        else "proposed" if roll < 0.29 else "active")
    meeting = [n for n in range(pairs) if statuses[n] != "proposed"]
    per_pair = [0] * pairs
    for i in range(sessions):
        per_pair[meeting[i % len(meeting)]] += 1
    for n in range(pairs):
        mentor, mentee = mentors[n % len(mentors)], mentees[n]
        pair = f"{mentor}--{mentee}"
        folder = out / "relationships" / pair
        started = start + dt.timedelta(days=rng.randint(0, 40))
        status = statuses[n]
        count = per_pair[n]
        dates = [started + dt.timedelta(days=14 * k + rng.randint(0, 5)) for k in range(count)]
        closed = status in ("completed", "ended-early")
        ended = (dates[-1] if dates else started) + dt.timedelta(days=1) if closed else None
        rel = {"kind": "relationship", "mentor": mentor, "mentee": mentee, "status": status,
               "created": start, "match": {"score": round(rng.uniform(50, 95), 1),
                                           "reasons": ["shares topics"]}}
        if status != "proposed":
            rel["started"] = started
        if closed:
            rel["ended"] = ended
            rel["closure"] = {"date": ended, "kind": status,
                              "reason": "goals met" if status == "completed" else "moved unit"}
        write(folder / "relationship.yaml", Relationship.model_validate(rel))
        if status == "proposed":
            continue
        goals = [{"id": f"g{k}", "statement": f"Improve {rng.choice(TOPICS)}",
                  "function": rng.choice(FUNCTIONS), "target_date": started + dt.timedelta(90)}
                 for k in range(1, 4)]
        write(folder / "goals.yaml", Goals.model_validate({"kind": "goals", "goals": goals}))
        actions = [{"id": f"a{k}", "goal": f"g{1 + k % 3}", "description": "Shadow a shift",
                    "date": started + dt.timedelta(days=20 * k),
                    "status": "done" if rng.random() < 0.6 else "planned"} for k in range(1, 5)]
        for a in actions:
            if a["status"] == "done":
                a["done_date"] = a["date"]
        write(folder / "action-plan.yaml",
              ActionPlan.model_validate({"kind": "action-plan", "actions": actions}))
        for k, day in enumerate(dates):
            nxt = dates[k + 1] if k + 1 < len(dates) else day + dt.timedelta(days=14)
            write(folder / "sessions" / f"{day.isoformat()}.yaml", SessionRecord.model_validate({
                "kind": "session", "date": day, "duration_minutes": rng.choice([30, 45, 60]),
                "mode": rng.choice(["in-person", "video", "phone"]),
                "meeting": "first" if k == 0 else "regular",
                "progress": [{"goal": f"g{1 + k % 3}",
                              "status": "achieved" if k > 8 else "in-progress",
                              "progress": min(100, 10 * k)}],
                "issues": [{"issue": "rota clashes", "possible_solution": "swap shifts"}],
                "learnings": ["ask early"], "private_notes": "private text",
                "actions": [{"description": "Read the policy", "date": day + dt.timedelta(7)}],
                "next_meeting": nxt,
            }))
        if closed:
            for who in ("mentor", "mentee"):
                if rng.random() < 0.8:
                    write(folder / f"evaluation-{who}.yaml", Evaluation.model_validate({
                        "kind": "evaluation", "respondent": who, "date": ended,
                        "goals": [{"goal": "g1", "statement": "Improve", "achieved": "yes"}],
                        "program": {"goals_clear": rng.randint(3, 5)},
                        "relationship": {"grew": rng.randint(2, 5)},
                        "recommend": rng.randint(5, 10)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--relationships", type=int, default=2500)
    parser.add_argument("--sessions", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if (args.out / "program.yaml").exists():
        sys.exit(f"{args.out} already holds a program; give an empty folder")
    generate(args.out, args.participants, args.relationships, args.sessions, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
