"""`reminder`: to both, messages.reminder_days before the meeting agreed at their latest
session, with the meeting as an iCalendar event (the same UID `mentorkit calendar` gives
it, so importing both updates one event)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from mentorkit.services.messaging.base import Attachment, Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register, to_both
from mentorkit.services.monitoring import calendar


@register
class Reminder(MessageKind):
    name = "reminder"
    summary = "to both a few days before their agreed next meeting, with a calendar file"
    order = 30

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        coming = [c for c in plan.due.coming_meetings
                  if plan.wanted(c.pair) and plan.both_taking_part(c.pair)]
        if not coming:
            return
        agreed = calendar.meetings(plan.snapshot, plan.as_of, plan.settings.reply_to)
        events = {m.pair: m for m in agreed.meetings if m.status == "confirmed"}
        for meeting in coming:
            event = events[meeting.pair]
            ics = calendar.to_ics(dataclasses.replace(agreed, meetings=[event]))
            variables = {"pair": plan.pair_view(meeting.pair),
                         "meeting": {"date": meeting.date, "time": meeting.time,
                                     "minutes": event.minutes, "in_days": meeting.in_days}}
            attachment = Attachment("meeting.ics", "text/calendar", ics)
            yield from to_both(self.name, f"{meeting.pair}:{meeting.date}", meeting.pair,
                               plan.sides(meeting.pair), variables, [attachment])
