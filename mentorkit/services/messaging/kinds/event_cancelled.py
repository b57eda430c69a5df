"""`event-cancelled`: to each invitee who was sent the invitation, when the event is
called off before its day, with a calendar cancellation (METHOD:CANCEL)."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.models.event import Event
from mentorkit.services.events.invitations import (
    INVITATION,
    days_to,
    event_drafts,
    invitation_key,
)
from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.store import messages as store


@register
class EventCancelled(MessageKind):
    name = "event-cancelled"
    summary = "to everyone who was invited, when a group event is cancelled"
    order = 82
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        invited = {m.key for m in store.sent_messages(plan.folder) if m.kind == INVITATION}

        def was_invited(event: Event, key: str) -> bool:
            return plan.preview or invitation_key(key) in invited

        yield from event_drafts(
            self.name, plan, lambda event, p: event.is_cancelled and days_to(event, p) >= 0,
            only=was_invited)
