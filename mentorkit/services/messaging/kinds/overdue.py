"""`overdue`: to both when a pair has gone quiet past its cadence plus the program's
grace days (`mentorkit due`'s rule), once for each quiet spell."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register, to_both


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
                               plan.sides(late.pair), variables)
