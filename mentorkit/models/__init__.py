"""Pydantic models of every file kind in a program folder. No I/O here."""

from mentorkit.models.base import FileModel
from mentorkit.models.participant import Participant
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship

__all__ = ["FileModel", "Participant", "Program", "Relationship"]
