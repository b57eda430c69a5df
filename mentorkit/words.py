"""Numbers in words people read: "1 day", "3 days", "today", "in 1 day", "1 of 1 mentee".

Below every layer (as vocab.py and dates.py are), so services, the engine and the
renderers all count the same way; never pluralise by hand or with "(s)".
"""

from __future__ import annotations


def plural(n: float, singular: str, many: str | None = None) -> str:
    """`plural(1, "promoter")` is "1 promoter"; `plural(2, "promoter")` "2 promoters";
    `plural(1.5, "year")` "1.5 years"."""
    return f"{n:g} {singular if n == 1 else many or singular + 's'}"


def noun(n: float, singular: str, many: str | None = None) -> str:
    """The word alone, for a count said elsewhere: noun(1, "file") is "file"."""
    return singular if n == 1 else many or singular + "s"


def of(part: float, whole: float, singular: str, many: str | None = None) -> str:
    """A part of a whole: "1 of 1 mentee", "2 of 5 mentees" (the noun follows the whole)."""
    return f"{part:g} of {plural(whole, singular, many)}"


def days(n: float) -> str:
    return plural(n, "day")


def in_days(n: int) -> str:
    """How far off a day is: "today", "in 1 day", "in 5 days" (or "1 day ago")."""
    if n == 0:
        return "today"
    return f"in {days(n)}" if n > 0 else f"{days(-n)} ago"
