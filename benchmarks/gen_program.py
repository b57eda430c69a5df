"""Generate a realistic program folder of N mentees × M mentors (healthcare vocabulary).

    python benchmarks/gen_program.py DIR --mentees 2000 --mentors 1000 [--seed 1]
        [--capacity 1-3] [--both 0.05]

Reusable: `people(n_mentees, n_mentors, seed=...)` returns participant documents (dicts
keyed by id) without touching the disk, `write(dir, ...)` writes the whole folder.
Deterministic for the same arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

FIRST = ("Maria", "Dan", "Aisha", "Tom", "Li", "Priya", "Sam", "Grace", "Omar", "Eva", "Noah",
         "Fatima", "Jon", "Mei", "Ravi", "Ana", "Leo", "Chloe", "Kofi", "Ines", "Yusuf", "Hana",
         "Marco", "Zoe", "Ivan", "Nia", "Pablo", "Sara", "Tariq", "Lena")
LAST = ("Lopez", "Ortiz", "Khan", "Reid", "Wang", "Patel", "Cole", "Adeyemi", "Haddad", "Novak",
        "Brown", "Ali", "Berg", "Chen", "Rao", "Silva", "Moreau", "Kim", "Mensah", "Costa",
        "Demir", "Sato", "Rossi", "Hart", "Petrov", "Okafor", "Ruiz", "Lind", "Aziz", "Vogel")
DEPARTMENTS = ("Intensive Care", "Emergency", "Surgery", "Pharmacy", "Clinical Lab",
               "Home Health", "Environmental Services", "Supply Chain", "Oncology",
               "Paediatrics", "Radiology", "Medicine")
SITES = ("North Campus", "South Campus", "Riverside Clinic", "Community Hub")
TOPICS = (
    "wound care", "IV therapy", "sepsis recognition", "medication safety", "patient handover",
    "infection prevention", "quality improvement projects", "leadership", "delegation",
    "conflict resolution", "time management", "research methods", "evidence-based practice",
    "clinical audit", "preceptorship", "shift scheduling", "budgeting", "lab automation",
    "phlebotomy", "specimen handling", "inventory control", "procurement", "lean methods",
    "patient experience", "palliative care", "paediatric assessment", "ventilator management",
    "emergency triage", "discharge planning", "home visits safety", "team building",
    "public speaking", "writing for publication", "career planning", "work-life balance",
    "resilience", "coaching skills", "data analysis", "electronic health records",
    "regulatory compliance",
)
GOALS = ("charge nurse", "nurse educator", "clinical specialist", "unit manager",
         "lab supervisor", "research nurse", "advanced practitioner", "department head",
         "quality lead", "supply chain manager", "infection control lead", "consultant")
INTERESTS = ("running", "reading", "gardening", "music", "hiking", "cooking", "chess",
             "photography", "volunteering", "cycling", "yoga", "travel")
LANGUAGES = ("English", "Spanish", "French", "Arabic", "Tagalog", "Polish", "Hindi")
MODES = ("in-person", "video", "phone", "chat")
SLOTS = ("weekday-morning", "weekday-afternoon", "weekday-evening", "weekend", "night-shift")


def people(
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 1,
    capacity: tuple[int, int] = (1, 3),
    both: float = 0.0,
) -> dict[str, dict[str, Any]]:
    """Participant documents by id: mentors first, then mentees; `both` of the mentors
    are enrolled as both. Some managers point at other participants."""
    rng = random.Random(seed)
    out: dict[str, dict[str, Any]] = {}
    ids: list[str] = []
    for n in range(n_mentors + n_mentees):
        mentor = n < n_mentors
        first, last = rng.choice(FIRST), rng.choice(LAST)
        person_id = f"{first}-{last}-{n}".lower()
        role = "mentor" if mentor else "mentee"
        if mentor and rng.random() < both:
            role = "both"
        years = round(rng.uniform(4, 35), 1) if mentor else round(rng.uniform(0, 12), 1)
        doc: dict[str, Any] = {
            "schema_version": 1,
            "kind": "participant",
            "name": f"{first} {last}",
            "email": f"{person_id}@example.org",
            "role": role,
            "job_title": "Registered Nurse",
            "department": rng.choice(DEPARTMENTS),
            "site": rng.choice(SITES),
            "years_experience": years,
            "career_goals": rng.sample(GOALS, rng.randint(1, 2)),
            "interests": rng.sample(INTERESTS, rng.randint(0, 3)),
            "languages": ["English", *rng.sample(LANGUAGES[1:], rng.randint(0, 1))],
            "meeting_modes": rng.sample(MODES, rng.randint(1, 3)),
            "availability": rng.sample(SLOTS, rng.randint(1, 3)),
        }
        if mentor:
            doc["can_help_with"] = rng.sample(TOPICS, rng.randint(3, 7))
            doc["capacity"] = rng.randint(*capacity)
        if not mentor or role == "both":
            doc["wants_help_with"] = rng.sample(TOPICS, rng.randint(1, 4))
            if ids and rng.random() < 0.1:
                doc["preferred_mentors"] = [rng.choice(ids[:n_mentors] or ids)]
        if ids and rng.random() < 0.05:
            doc["manager"] = rng.choice(ids)
        out[person_id] = doc
        ids.append(person_id)
    return out


def write(
    root: Path,
    n_mentees: int,
    n_mentors: int,
    *,
    seed: int = 1,
    capacity: tuple[int, int] = (1, 3),
    both: float = 0.0,
) -> Path:
    """Write program.yaml and participants/*.yaml into `root` (created if missing)."""
    import yaml

    root.mkdir(parents=True, exist_ok=True)
    program = {
        "schema_version": 1,
        "kind": "program",
        "name": f"Generated program {n_mentees}x{n_mentors}",
        "start_date": dt.date(2026, 1, 5),
        "default_mentor_capacity": 2,
    }
    (root / "program.yaml").write_text(yaml.safe_dump(program, sort_keys=False))
    folder = root / "participants"
    folder.mkdir(exist_ok=True)
    for person_id, doc in people(
        n_mentees, n_mentors, seed=seed, capacity=capacity, both=both
    ).items():
        text = yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (folder / f"{person_id}.yaml").write_text(text)
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--mentees", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--capacity", default="1-3", help="LOW-HIGH mentees per mentor")
    parser.add_argument("--both", type=float, default=0.0, help="share of mentors who are both")
    args = parser.parse_args(argv)
    low, _, high = args.capacity.partition("-")
    write(args.dir, args.mentees, args.mentors, seed=args.seed,
          capacity=(int(low), int(high or low)), both=args.both)
    print(f"wrote {args.dir}: {args.mentees} mentees, {args.mentors} mentors")


if __name__ == "__main__":
    main()
