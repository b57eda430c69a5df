"""proposal.yaml: a matching proposal the coordinator reviews and edits before applying.

`mentorkit match` writes it to the program folder's root; delete a pair to drop it,
change a mentor or add a pair by hand, then `mentorkit match --apply --proposal
proposal.yaml`. Applying re-checks every hard constraint and capacity.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from mentorkit.models.base import FileModel, Model, ParticipantId, Text, empty_list


class ProposedPair(Model):
    mentee: ParticipantId
    mentor: ParticipantId
    score: float | None = Field(default=None, ge=0, le=100)
    reasons: list[str] = Field(default_factory=empty_list)
    pinned: bool = False  # kept from program.yaml matching.pinned


class UnmatchedMentee(Model):
    mentee: ParticipantId
    reason: Text = ""


class Proposal(FileModel):
    KIND = "proposal"

    kind: Literal["proposal"] = "proposal"
    created: dt.date
    method: str = ""  # dense or sparse: how the optimum was found
    total_score: float | None = None
    pairs: list[ProposedPair] = Field(default_factory=empty_list)
    unmatched: list[UnmatchedMentee] = Field(default_factory=empty_list)
