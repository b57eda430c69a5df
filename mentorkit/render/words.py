"""Numbers in words people read: "1 day", "3 days", "today", "in 1 day"."""

from __future__ import annotations


def plural(n: int, singular: str, many: str | None = None) -> str:
    """`plural(1, "promoter")` is "1 promoter"; `plural(2, "promoter")` "2 promoters"."""
    return f"{n} {singular if n == 1 else many or singular + 's'}"


def days(n: int) -> str:
    return plural(n, "day")


def in_days(n: int) -> str:
    """How far off a day is: "today", "in 1 day", "in 5 days" (or "1 day ago")."""
    if n == 0:
        return "today"
    return f"in {days(n)}" if n > 0 else f"{days(-n)} ago"
