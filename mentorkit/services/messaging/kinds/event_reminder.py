"""`event-reminder`: to each invitee, messages.reminder_days before a group event; not to
whoever is sent the invitation within those days (it says all the reminder would, and
two messages about one event on one day read as a mistake)."""

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
class EventReminder(MessageKind):
    name = "event-reminder"
    summary = "to everyone invited, a few days before a group event"
    order = 81
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        within = plan.settings.reminder_days
        # A program that invites by other means (event-invitation off) is reminded of
        # every event; otherwise only whoever was invited before the reminder days (an
        # invitation not sent yet goes first, and reminds by itself). The day is the
        # real one it went: after the event, for a run replayed --as-of a past day.
        invited = None if INVITATION in plan.settings.kinds_off else {
            m.key: m.at.date() for m in store.sent_messages(plan.folder)
            if m.kind == INVITATION}

        def invited_before_the_reminder_days(event: Event, key: str) -> bool:
            if plan.preview or invited is None:
                return True
            sent = invited.get(invitation_key(key))
            return sent is not None and not 0 <= (event.date - sent).days <= within

        yield from event_drafts(
            self.name, plan,
            lambda event, p: not event.is_cancelled and 0 <= days_to(event, p) <= within,
            only=invited_before_the_reminder_days)
