"""`first-meeting`: a pair made N days ago (messages.first_meeting_days) that has not met
yet (no session logged, not started with `start`) — the commonest silent failure.
Counted from the day the pair was made, as the introduction is, so the nudge follows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import met, register, to_both


@register
class FirstMeeting(MessageKind):
    name = "first-meeting"
    summary = "to both when a pair made N days ago has not met yet"
    order = 20

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        wait = dt.timedelta(days=plan.settings.first_meeting_days)
        for pair, files in plan.pairs():
            rel = files.relationship
            since = rel.matched_on
            due = rel.status.is_open and not met(files) and plan.as_of >= since + wait
            if (due or plan.preview) and plan.both_taking_part(pair):
                variables = {"pair": plan.pair_view(pair), "since": since,
                             "days": (plan.as_of - since).days}
                yield from to_both(self.name, pair, pair, plan.sides(pair), variables)
