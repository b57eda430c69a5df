"""What a kind of message gives `notify`: drafts, each to one person, with its variables.

A kind (kinds/<name>.py) decides which messages are due as of a day and fills in the
template variables; templates/messages/<name>.md words them. Everything a template sees
comes from `Plan` (context.py), which hands out only what a recipient may read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from mentorkit.services.messaging.context import Plan

COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Recipient:
    id: str  # a participant id, or COORDINATOR
    name: str
    email: str
    role: str = ""  # mentor, mentee or coordinator
    blocked: str = ""  # why nothing may go to them: "notifications off", "withdrawn"

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    def view(self) -> dict[str, str]:
        return {"name": self.name, "first_name": self.first_name, "email": self.email,
                "role": self.role}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "text/calendar"
    data: bytes


@dataclass
class Draft:
    """One message that is due: to whom, why (`key`), and what its template needs."""

    kind: str
    key: str  # the same message on every run: recorded once sent, so never sent twice
    recipient: Recipient
    pair: str | None
    variables: dict[str, Any] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)


class MessageKind:
    """A kind of message. Subclasses live in kinds/ and register themselves there.

    `drafts` yields every message of this kind due as of `plan.as_of` (or, when
    `plan.preview` is set, every message this kind could send for the pairs in the
    plan, whatever the day), sent or not: `notify` leaves out the ones already sent.
    """

    name: ClassVar[str]
    summary: ClassVar[str]  # one line: when it goes and to whom
    order: ClassVar[int] = 100  # place in listings
    per_pair: ClassVar[bool] = True  # False: the digest, not about one pair

    def drafts(self, plan: Plan) -> Iterable[Draft]:
        raise NotImplementedError
