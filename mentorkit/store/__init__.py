"""The program folder on disk: locate, load, validate, save atomically under a lock."""

from mentorkit.store.folder import ProgramFolder, locate, validate

__all__ = ["ProgramFolder", "locate", "validate"]
