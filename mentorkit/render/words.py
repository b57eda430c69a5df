"""Numbers in words people read, for the renderers (they live in mentorkit/words.py, below
every layer, so that services count the same way)."""

from __future__ import annotations

from mentorkit.words import days, in_days, noun, of, plural

__all__ = ["days", "in_days", "noun", "of", "plural"]
