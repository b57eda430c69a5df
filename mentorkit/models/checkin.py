"""relationships/<pair>/check-ins/<due>-<side>.yaml: one side's answer to a pulse check-in.

Check-ins are short surveys about 30 days after a relationship starts and then every 60
days (program.yaml `check_ins:`). They are not the end evaluation (Tool 5): they ask
whether the pair meets as agreed, how well it works, how the goals go, and whether the
coordinator should get in touch. Low answers are the signal to help or re-pair.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from mentorkit.models.base import FileModel, Text
from mentorkit.vocab import MeetingAsAgreed, Respondent

Rating = Annotated[int, Field(ge=1, le=5)]
LOW_RATING = 2  # a 1 or a 2 asks for the coordinator


class CheckIn(FileModel):
    KIND = "check-in"
    FOLDER: ClassVar[str] = "check-ins"

    kind: Literal["check-in"] = "check-in"
    respondent: Respondent
    # the scheduled check-in this answered when filed; if the pair's start has moved since,
    # it counts toward the check-in its day falls to (schedule.counted_toward)
    due: dt.date
    date: dt.date  # when it was answered
    meeting_as_agreed: MeetingAsAgreed
    relationship: Rating  # how well the relationship works, 1-5
    progress: Rating  # progress toward the goals, 1-5
    contact_me: bool = False  # would like the coordinator to get in touch
    # Written *to* the coordinator: shown nowhere but this file, which `due` names (never
    # in `show`, which the pair may be given, nor in program reports).
    for_coordinator: Text = ""

    @staticmethod
    def file_for(due: dt.date, respondent: Respondent) -> str:
        return f"{due.isoformat()}-{respondent.value}.yaml"

    def reasons(self) -> list[str]:
        """Why this answer needs the coordinator (nothing: it does not)."""
        found = []
        if self.meeting_as_agreed is MeetingAsAgreed.NOT_MEETING:
            found.append("not meeting")
        if self.relationship <= LOW_RATING:
            found.append(f"relationship {self.relationship}/5")
        if self.progress <= LOW_RATING:
            found.append(f"progress {self.progress}/5")
        if self.contact_me:
            found.append("asked to be contacted")
        return found
