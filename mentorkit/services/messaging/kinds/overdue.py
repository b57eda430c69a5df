"""`overdue`: to both when a pair has gone quiet past its cadence plus the program's
grace days (`mentorkit due`'s rule), once for each quiet spell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register, sent_before, to_both


@register
class Overdue(MessageKind):
    name = "overdue"
    summary = "to both when a pair has not met for longer than its cadence plus grace"
    order = 40

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        for late in plan.due.overdue_meetings:
            if not (plan.wanted(late.pair) and plan.both_taking_part(late.pair)):
                continue
            rel = plan.files(late.pair).relationship
            since = late.last_meeting or rel.started or rel.created
            variables = {"pair": plan.pair_view(late.pair), "last_meeting": late.last_meeting,
                         "days_quiet": late.days_quiet}
            yield from to_both(self.name, f"{late.pair}:{since}", late.pair,
                               plan.sides(late.pair), variables,
                               sent_as=self._sent_as(plan, late.pair, since))

    def _sent_as(self, plan: Plan, pair: str, since: dt.date) -> Callable[[str], str | None]:
        """A nudge sent for a meeting whose date was corrected (or that was removed) since
        was for the quiet spell of the meeting now nearest that date: not sent again."""
        files = plan.files(pair)
        rel = files.relationship
        meetings = {s.date for _, s in files.sessions} | {
            d for d in (rel.started, rel.created) if d is not None}

        def same_spell(day: dt.date) -> bool:
            return day not in meetings and min(
                meetings, key=lambda d: (abs((d - day).days), d)) == since

        return lambda role: sent_before(plan, self.name, pair, role, same_spell)
