"""6- and 12-month retention of mentees against colleagues who did not take part.

Who counts, on the as-of day (services/asof.py: nothing after it counts):
- mentees: participants who were the mentee of a relationship that had started;
- colleagues: people on the roster who were not enrolled at all (a mentor, or someone
  who signed up but was never matched, is in neither group), hired in the same window:
  from the first day of the month the earliest mentee was hired to the last day of the
  month the latest one was, so the window names months, never a person's hire date;
- at a horizon of N months, only people hired at least N months before the as-of day:
  someone hired since cannot have stayed N months yet;
- someone stayed N months when they have no leaving date, or it is on or after the
  N-month anniversary of their hire. A leaving date after the as-of day is no leaving.

A group with fewer countable people than `outcomes.min_group_size` shows no figure.
Caveat, said in the README: a mentee had to stay long enough to be matched and a
colleague did not, so read a gap as a signal to look into, not as proof.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from mentorkit.models.outcomes import Roster, RosterRow, plain_email
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.services.asof import snapshot_on
from mentorkit.services.outcomes.results import (
    COLLEAGUES,
    HORIZONS,
    MENTEES,
    Outcomes,
    RetentionFigure,
)
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.roster import load_roster
from mentorkit.store.snapshot import Snapshot

Z_95 = 1.959963984540054  # the normal quantile for a two-sided 95 % interval


def wilson(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion: unlike the textbook p ± z·se it stays
    inside [0, 1] and is honest for small groups and for 0 % or 100 %."""
    if total <= 0 or not 0 <= successes <= total:
        raise ValueError(f"{successes} of {total} is not a proportion")
    p = successes / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    # rounding can put a bound a hair outside [0, 1] (or past p) at the extremes
    return max(0.0, min(centre - half, p)), min(1.0, max(centre + half, p))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


def took_part(relationships: Iterable[Relationship]) -> set[str]:
    """Mentees of a matched relationship that has started (as the relationships stand)."""
    return {r.mentee for r in relationships if r.status.is_match and r.started is not None}


def matched(roster: Roster, people: dict[str, Participant]) -> dict[str, str]:
    """Roster email -> participant id, for the rows that are participants."""
    by_email = {plain_email(p.email): pid for pid, p in people.items()}
    return {row.email: by_email[row.email] for row in roster.rows if row.email in by_email}


def stayed(row: RosterRow, months: int, as_of: dt.date) -> bool:
    if row.left is None or row.left > as_of:
        return True
    return row.left >= add_months(row.hired, months)


def outcomes(
    roster: Roster | None,
    people: dict[str, Participant],
    relationships: Iterable[Relationship],
    as_of: dt.date,
    min_group_size: int,
) -> Outcomes:
    """The Outcomes section, from the program as it stood on `as_of`."""
    if roster is None:
        return Outcomes(None, "", min_group_size, not_shown=(
            "no HR roster has been imported; run `mentorkit outcomes import ROSTER`"))
    mentee_ids = took_part(relationships)
    ids = matched(roster, people)
    mentee_rows = [r for r in roster.rows if ids.get(r.email) in mentee_ids]
    result = Outcomes(roster.imported, roster.source, min_group_size, mentees=len(mentee_ids),
                      mentees_on_roster=len(mentee_rows))
    if not mentee_rows:
        result.not_shown = ("no mentee who took part is on the roster (they are matched by "
                            "email)")
        return result
    first = min(r.hired for r in mentee_rows).replace(day=1)
    last = add_months(max(r.hired for r in mentee_rows).replace(day=1), 1)
    colleague_rows = [r for r in roster.rows
                      if r.email not in ids and first <= r.hired < last]
    result.colleagues = len(colleague_rows)
    result.window_from = first.strftime("%Y-%m")
    result.window_to = (last - dt.timedelta(days=1)).strftime("%Y-%m")
    for months in HORIZONS:
        for group, rows in ((MENTEES, mentee_rows), (COLLEAGUES, colleague_rows)):
            result.figures.append(figure(rows, months, group, as_of, min_group_size))
    return result


def figure(rows: list[RosterRow], months: int, group: str, as_of: dt.date,
           min_group_size: int) -> RetentionFigure:
    countable = [r for r in rows if add_months(r.hired, months) <= as_of]
    n = len(countable)
    if n < min_group_size:
        why = (f"not shown: {n} {group} hired {months}+ months before {as_of}, fewer than "
               f"the {min_group_size} needed to keep people anonymous")
        return RetentionFigure(months, group, n, None, None, None, None, None, why)
    kept = sum(stayed(r, months, as_of) for r in countable)
    low, high = wilson(kept, n)
    return RetentionFigure(months, group, n, kept, n - kept, kept / n, low, high)


def for_report(folder: ProgramFolder, snapshot: Snapshot, as_of: dt.date,
               department: str | None = None) -> Outcomes:
    """The Outcomes section of `mentorkit report` (called from monitoring/report.py)."""
    size = snapshot.program.outcomes.min_group_size
    if department:
        return Outcomes(None, "", size, not_shown=(
            "not shown for one department: the roster has no departments; run the report "
            "without --department"))
    then = snapshot_on(snapshot, as_of)
    return outcomes(load_roster(folder), then.participants, then.relationships.values(),
                    as_of, size)
