"""The check-in schedule, and what the answers say: due, missing, and pairs to call.

Each relationship's check-ins fall `first_after_days` after it started, then every
`every_days` until it ends (closed: its end date; open: the program's end, or the usual
length of a relationship for a pair that started late). An answer counts toward the
latest check-in due by its date, up to EARLY_DAYS early.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from mentorkit.models.checkin import CheckIn
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.vocab import MeetingAsAgreed, Respondent

EARLY_DAYS = 14  # an answer this many days before a check-in counts toward it


def planned_end(program: Program, relationship: Relationship) -> dt.date:
    if relationship.ended is not None:
        return relationship.ended
    started = relationship.started or relationship.created
    usual = started + dt.timedelta(days=round(program.duration_months * 30.44))
    return max(program.end_date, usual)


def occasions(program: Program, relationship: Relationship) -> list[dt.date]:
    """Every check-in date of a relationship (none before it starts)."""
    if relationship.started is None:
        return []
    settings = program.check_ins
    end = planned_end(program, relationship)
    found = []
    when = relationship.started + dt.timedelta(days=settings.first_after_days)
    while when <= end:
        found.append(when)
        when += dt.timedelta(days=settings.every_days)
    return found


def occasion_for(program: Program, relationship: Relationship, answered: dt.date) -> dt.date | None:
    """The check-in an answer given on `answered` belongs to (None: the pair has none)."""
    return falls_to(occasions(program, relationship), answered)


def falls_to(dates: list[dt.date], answered: dt.date) -> dt.date | None:
    """The check-in of `dates` an answer given on `answered` belongs to (None: none)."""
    if not dates:
        return None
    earlier = [d for d in dates if d <= answered + dt.timedelta(days=EARLY_DAYS)]
    return earlier[-1] if earlier else dates[0]


def counted_toward(dates: list[dt.date], filed_for: dt.date, answered: dt.date) -> dt.date | None:
    """The check-in of the schedule as it is now (`dates`) that an answer counts toward:
    the one it was filed for while that is on the schedule; else the one its day falls
    to. The schedule moves with the pair's start (a first session removed or amended, or
    `started:` edited), and the answers given before must still count."""
    return filed_for if filed_for in dates else falls_to(dates, answered)


@dataclass
class CheckInDue:
    pair: str
    mentor_name: str
    mentee_name: str
    due: dt.date
    missing: list[str]  # mentor, mentee
    days_since_due: int
    state: str  # due (the latest check-in) or missing (an earlier one never answered)


@dataclass
class CheckInFlag:
    pair: str
    mentor_name: str
    mentee_name: str
    respondent: str
    due: dt.date
    answered: dt.date
    reasons: list[str]
    note: str = ""  # where a note to the coordinator is (its file), never its text


def check_ins_due(
    program: Program, pairs: dict[str, Any], names: dict[str, str], today: dt.date
) -> list[CheckInDue]:
    """Check-ins of open pairs that fell due by `today` and a side has not answered.
    `pairs`: pair id -> PairRecord (models/pair.py); `names`: person id -> name."""
    out = []
    for pair, files in pairs.items():
        rel = files.relationship
        if not rel.status.is_open:
            continue
        schedule = occasions(program, rel)
        answered = counted(schedule, files.check_ins)
        dates = [d for d in schedule if d <= today]
        for when in dates:
            missing = [r.value for r in Respondent if (when, r) not in answered]
            if missing:
                out.append(CheckInDue(
                    pair, names.get(rel.mentor, rel.mentor), names.get(rel.mentee, rel.mentee),
                    when, missing, (today - when).days,
                    "due" if when == dates[-1] else "missing"))
    out.sort(key=lambda d: (d.state != "due", d.due, d.pair))
    return out


def flagged(program: Program, pairs: dict[str, Any], names: dict[str, str]) -> list[CheckInFlag]:
    """Open pairs whose latest check-in answer (either side) needs the coordinator: each
    side's answer to the latest check-in it answered, as the schedule is now."""
    out = []
    for pair, files in pairs.items():
        rel = files.relationship
        if not rel.status.is_open:
            continue
        latest: dict[Respondent, tuple[dt.date, CheckIn]] = {}
        for (due, side), answer in counted(occasions(program, rel), files.check_ins).items():
            if side not in latest or due > latest[side][0]:
                latest[side] = (due, answer)
        for side, (due, answer) in sorted(latest.items()):
            reasons = answer.reasons()
            if answer.for_coordinator:
                reasons.append("left a note for the coordinator")
            if reasons:
                note = (f"relationships/{pair}/{CheckIn.FOLDER}/"
                        f"{CheckIn.file_for(answer.due, side)}" if answer.for_coordinator else "")
                out.append(CheckInFlag(pair, names.get(rel.mentor, rel.mentor),
                                       names.get(rel.mentee, rel.mentee), side.value,
                                       due, answer.date, reasons, note))
    out.sort(key=lambda f: (f.pair, f.respondent))
    return out


Answered = dict[tuple[dt.date, Respondent], CheckIn]  # (check-in, side) -> the answer


def counted(schedule: list[dt.date], answers: list[CheckIn]) -> Answered:
    """Each side's answer to each check-in of `schedule`. Where two answers of one side
    count toward one check-in (the start moved between them), the later answer counts,
    as a later answer to a check-in replaces the earlier."""
    found: Answered = {}
    for answer in sorted(answers, key=lambda a: a.date):
        # a pair with no schedule now (every session removed) keeps its answers as filed
        due = counted_toward(schedule, answer.due, answer.date) if schedule else answer.due
        found[due or answer.due, answer.respondent] = answer
    return found


# -- relationship health, for the report ---------------------------------------------------
@dataclass
class HealthRound:
    round: int  # 1 = the first check-in
    days_after_start: int
    responses: int
    meeting_as_agreed: float | None  # share answering "yes, as agreed"
    relationship_mean: float | None
    progress_mean: float | None


@dataclass
class RelationshipHealth:
    expected: int  # check-in answers due so far (two a check-in)
    received: int
    response_rate: float | None
    rounds: list[HealthRound] = field(default_factory=list)
    pairs_flagged: list[str] = field(default_factory=list)
    flags: list[CheckInFlag] = field(default_factory=list)


def health(
    program: Program, pairs: dict[str, Any], names: dict[str, str], today: dt.date
) -> RelationshipHealth:
    expected = received = 0
    by_round: dict[int, list[CheckIn]] = {}
    for files in pairs.values():
        schedule = occasions(program, files.relationship)
        expected += 2 * sum(d <= today for d in schedule)
        index = {d: i for i, d in enumerate(schedule, 1)}
        for (due, _side), answer in counted(schedule, files.check_ins).items():
            # an early answer counts once its check-in is due (a pair with no schedule
            # now expects none)
            if due in index and due <= today:
                received += 1
                by_round.setdefault(index[due], []).append(answer)
    settings = program.check_ins
    rounds = [
        HealthRound(
            n, settings.first_after_days + (n - 1) * settings.every_days, len(answers),
            sum(a.meeting_as_agreed is MeetingAsAgreed.YES for a in answers) / len(answers),
            mean(a.relationship for a in answers), mean(a.progress for a in answers),
        )
        for n, answers in sorted(by_round.items())
    ]
    flags = flagged(program, pairs, names)
    return RelationshipHealth(
        expected, received, received / expected if expected else None, rounds,
        sorted({f.pair for f in flags}), flags,
    )
