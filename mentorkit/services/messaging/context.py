"""What kinds of message may read: the program's data as of a day, and nothing private.

This is the one door between the program's files and the templates. It hands out names,
addresses, dates, the program's expectations and the profile fields the program marks
shareable; never a person's notes or manager, never session notes, issues or learnings,
never an evaluation's free text. Kinds build their variables from here, not from files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mentorkit.services.messaging.base import COORDINATOR, Recipient
from mentorkit.services.monitoring import pair_state
from mentorkit.vocab import Status
from mentorkit.words import plural

if TYPE_CHECKING:
    from mentorkit.models.messages import MessageSettings
    from mentorkit.models.pair import PairRecord
    from mentorkit.services.monitoring.due import DueResult
    from mentorkit.store.folder import ProgramFolder
    from mentorkit.store.snapshot import Snapshot

FIELD_LABELS = {
    "job_title": "Role", "department": "Department", "site": "Site",
    "years_experience": "Years of experience", "can_help_with": "Can help with",
    "wants_help_with": "Wants help with", "career_goals": "Career goals",
    "interests": "Interests", "languages": "Languages", "meeting_modes": "Likes to meet",
    "availability": "Usually free",
}


@dataclass
class Plan:
    folder: ProgramFolder
    snapshot: Snapshot
    as_of: dt.date
    preview: bool = False  # every message a kind could send, whatever the day
    only_pair: str | None = None
    sent: frozenset[str] = frozenset()  # the keys of the messages sent before
    _people: dict[str, Recipient] = field(default_factory=dict)

    @property
    def settings(self) -> MessageSettings:
        return self.snapshot.program.message_settings

    @cached_property
    def sent_dated(self) -> dict[tuple[str, str, str], list[tuple[dt.date, str]]]:
        """The keys sent before that name an occasion by its date (`kind:PAIR:DATE:role`),
        by (kind, pair, role), in date order: read once, however many drafts ask
        (kinds.sent_before)."""
        found: dict[tuple[str, str, str], list[tuple[dt.date, str]]] = {}
        for key in self.sent:
            parts = key.split(":")
            if len(parts) != 4:
                continue
            try:
                day = dt.date.fromisoformat(parts[2])
            except ValueError:
                continue
            found.setdefault((parts[0], parts[1], parts[3]), []).append((day, key))
        for dated in found.values():
            dated.sort()
        return found

    @cached_property
    def due(self) -> DueResult:
        """`mentorkit due` as of the day: its rules decide overdue, coming and late."""
        from mentorkit.services.monitoring import due

        within = 366 if self.preview else self.settings.reminder_days
        return due.compute(self.snapshot, self.as_of, within)

    def pairs(self) -> Iterator[tuple[str, PairRecord]]:
        for pair, files in self.snapshot.pairs.items():
            if self.only_pair is None or pair == self.only_pair:
                yield pair, files

    def files(self, pair: str) -> PairRecord:
        return self.snapshot.pairs[pair]

    def wanted(self, pair: str) -> bool:
        return self.only_pair is None or pair == self.only_pair

    def both_taking_part(self, pair: str) -> bool:
        """Whether both people of the pair are active. A pair one of whose people has
        withdrawn or paused is told nothing about meeting (the introduction, nudges,
        reminders, actions, check-ins): the one still taking part cannot act on it, and
        the coordinator sees the pair in `due`. A preview shows every message anyway."""
        rel = self.files(pair).relationship
        people = (self.snapshot.participants.get(rel.mentor),
                  self.snapshot.participants.get(rel.mentee))
        return self.preview or all(p is not None and p.status is Status.ACTIVE for p in people)

    # -- people --------------------------------------------------------------------------
    def person(self, person_id: str, role: str) -> Recipient:
        person = self.snapshot.participants.get(person_id)
        if person is None:  # a pair naming someone not enrolled: `validate` reports it
            return Recipient(person_id, person_id, "", role, "not enrolled")
        blocked = ""
        if not person.wants_messages:
            blocked = "notifications off"
        elif person.status is Status.WITHDRAWN:
            blocked = "withdrawn"
        return Recipient(person_id, person.name, person.email, role, blocked)

    def sides(self, pair: str) -> tuple[Recipient, Recipient]:
        rel = self.files(pair).relationship
        return self.person(rel.mentor, "mentor"), self.person(rel.mentee, "mentee")

    def coordinator(self) -> Recipient | None:
        address = self.settings.coordinator
        if address is None:
            return None
        return Recipient(COORDINATOR, "Program coordinator", address, COORDINATOR)

    def profile(self, person_id: str) -> list[dict[str, str]]:
        """The person's shareable profile fields that are filled in, as label and words."""
        person = self.snapshot.participants.get(person_id)
        if person is None:
            return []
        shown = []
        for name in self.settings.shareable:
            value: Any = getattr(person, name)
            if isinstance(value, list):
                value = ", ".join(str(getattr(v, "value", v)).replace("-", " ") for v in value)
            elif isinstance(value, float):
                value = f"{value:g}"
            if value not in ("", None, "0"):
                shown.append({"label": FIELD_LABELS[name], "value": str(value)})
        return shown

    # -- pairs and the program -----------------------------------------------------------
    def pair_view(self, pair: str) -> dict[str, Any]:
        files = self.files(pair)
        rel = files.relationship
        agreed = files.needs_analysis
        mentor, mentee = self.sides(pair)
        return {
            "id": pair,
            "mentor": mentor.view(),
            "mentee": mentee.view(),
            "created": rel.created,
            "started": rel.started,
            "match_reasons": list(rel.match.reasons),
            "cadence": _cadence_words(pair_state.cadence_days(self.snapshot.program, files)),
            "meeting_minutes": (agreed.meeting_minutes if agreed else None)
            or self.snapshot.program.session_minutes,
            "sessions_held": len(files.sessions),
        }

    def program_view(self) -> dict[str, Any]:
        program = self.snapshot.program
        return {
            "name": program.name,
            "organisation": program.organisation,
            "start_date": program.start_date,
            "end_date": program.end_date,
            "duration_months": program.duration_months,
            "cadence": _cadence_words(program.cadence.days),
            "session_minutes": program.session_minutes,
            "confidentiality": program.confidentiality,
            "contact": self.settings.reply_to or self.settings.coordinator or "",
        }


def _cadence_words(days: int) -> str:
    return {7: "every week", 14: "every two weeks", 30: "once a month",
            61: "every two months"}.get(days, f"every {plural(days, 'day')}")
