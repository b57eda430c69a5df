"""A program with twelve mentees in started relationships, and HR rosters for it."""

from __future__ import annotations

import datetime as dt

from conftest import make_person

from mentorkit.models.relationship import Relationship
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus

MENTOR = "dana-mentor"
MENTEES = [f"mentee-{n:02d}" for n in range(1, 13)]
STARTED = dt.date(2025, 9, 1)
HEADERS = "Employee ID,Worker,Work Email,Job Title,Hire Date,Termination Date,Worker Status"
# A colleague and a mentee whose HR data must never reach a program-level output.
MARKER_EMAIL = "zebulon.quartermaine@example.org"
MARKER_HIRED, MARKER_LEFT = dt.date(2025, 3, 11), dt.date(2025, 8, 27)
MENTEE_HIRED = dt.date(2025, 2, 19)  # mentee-01's


def email(person: str) -> str:
    return f"{person}@example.org"


def mentee_hired(n: int) -> dt.date:
    """mentee-01 .. mentee-12: hired from February to May 2025."""
    return MENTEE_HIRED + dt.timedelta(days=9 * n - 9)


def make_program(folder: ProgramFolder) -> None:
    make_person(folder, "Dana Mentor", role="mentor", years_experience=15, capacity=50)
    for person in MENTEES:
        make_person(folder, person.replace("-", " ").title(), role="mentee",
                    years_experience=1, department="ICU")
        folder.save_relationship(Relationship(
            mentor=MENTOR, mentee=person, created=STARTED - dt.timedelta(days=10),
            status=RelationshipStatus.ACTIVE, started=STARTED))


def us(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%m/%d/%Y")


def line(n: int, who: str, hired: dt.date, left: dt.date | None = None,
         address: str | None = None) -> str:
    status = "Terminated" if left else "Active"
    mail = email(who) if address is None else address
    return f"E{n:04d},{who},{mail},Nurse,{us(hired)},{us(left)},{status}"


def roster_lines(*, colleagues: int = 30, colleague_leavers: int = 6,
                 mentee_leavers: int = 1) -> list[str]:
    """Mentees (the last `mentee_leavers` left two months after hire), the mentor, and
    colleagues hired in the mentees' months (`colleague_leavers` of them left after 3
    months), plus the marker colleague and two hired in other years."""
    lines = [HEADERS]
    for n, person in enumerate(MENTEES, start=1):
        hired = mentee_hired(n)
        gone = n > len(MENTEES) - mentee_leavers
        lines.append(line(n, person, hired, hired + dt.timedelta(days=60) if gone else None))
    lines.append(line(100, MENTOR, dt.date(2010, 6, 1)))
    for k in range(colleagues):
        hired = dt.date(2025, 2, 3) + dt.timedelta(days=3 * k)
        left = hired + dt.timedelta(days=90) if k < colleague_leavers else None
        lines.append(line(200 + k, f"colleague-{k:02d}", hired, left))
    lines.append(line(300, "marker", MARKER_HIRED, MARKER_LEFT, MARKER_EMAIL))
    lines.append(line(301, "old-hand", dt.date(2019, 1, 7)))
    lines.append(line(302, "new-face", dt.date(2026, 1, 12)))
    return lines


def write_roster(path: str, lines: list[str]) -> str:
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    return path
