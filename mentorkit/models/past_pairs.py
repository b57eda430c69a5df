"""past-pairs.yaml: every pair of the program's earlier rounds, so that no pair is ever
matched twice across rounds. `mentorkit init --next-from` writes it (the old round's
list plus the old round's own pairs), so it grows round by round."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from mentorkit.models.base import EmailAddress, FileModel, Model, ParticipantId, Text, empty_list
from mentorkit.vocab import RelationshipStatus


class PastPair(Model):
    """One pair of an earlier round. The emails find the people again in a later round
    even if their id changed there (a person who left and enrolled again)."""

    mentor: ParticipantId
    mentor_email: EmailAddress
    mentee: ParticipantId
    mentee_email: EmailAddress
    program: Text = Field(min_length=1)  # the round's name, as its program.yaml had it
    started: dt.date | None = None
    ended: dt.date | None = None
    status: RelationshipStatus  # as the round left it

    def words(self) -> str:
        """'paired in St. Mary's 2026 (2026-09-14 to 2027-03-01)'."""
        if self.started and self.ended:
            when = f" ({self.started} to {self.ended})"
        elif self.started:
            when = f" (from {self.started})"
        else:
            when = ""
        return f"paired in {self.program}{when}"


class PastPairs(FileModel):
    KIND = "past-pairs"

    kind: Literal["past-pairs"] = "past-pairs"
    pairs: list[PastPair] = Field(default_factory=empty_list)
