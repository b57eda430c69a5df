"""`event-reminder`: to each invitee, messages.reminder_days before a group event."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.events.invitations import days_to, event_drafts
from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register


@register
class EventReminder(MessageKind):
    name = "event-reminder"
    summary = "to everyone invited, a few days before a group event"
    order = 81
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        within = plan.settings.reminder_days
        yield from event_drafts(
            self.name, plan,
            lambda event, p: not event.is_cancelled and 0 <= days_to(event, p) <= within)
