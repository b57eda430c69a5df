"""`event-invitation`: to each invitee of a group event still ahead, once, with the
event as a calendar invitation (METHOD:REQUEST)."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.events.invitations import days_to, event_drafts
from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register


@register
class EventInvitation(MessageKind):
    name = "event-invitation"
    summary = "to everyone invited to a group event, once, with a calendar invitation"
    order = 80
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        yield from event_drafts(
            self.name, plan, lambda event, p: not event.is_cancelled and days_to(event, p) >= 0)
