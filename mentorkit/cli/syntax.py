"""The command line's own syntax: option values like 'STATEMENT|MEASURE|2026-03-01|networking'
or 'g1=achieved' turned into the fields the toolkit's services take.

After the first part, the parts of a value are recognised by their shape (a date, a time,
a status word, a number), so they can come in any order.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any, TypeVar

from mentorkit import dates
from mentorkit.errors import InvalidInput, quoted
from mentorkit.services.inputs import Typed
from mentorkit.vocab import (
    Achieved,
    ActionStatus,
    GoalStatus,
    MentorFunction,
    Owner,
)

E = TypeVar("E", bound=StrEnum)


# -- option values like "STATEMENT|MEASURE|2026-03-01|networking" ----------------------------
def _parts(option: str, text: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if not parts[0]:
        raise InvalidInput(f"{option} {quoted(text)}: the first part cannot be empty")
    return parts


def _date(text: str, where: str = "") -> dt.date | None:
    """A date, or None for a part that is no date. A part shaped like a date that is not
    one (2026-02-30) is an error, not some other field. `where` starts the message."""
    try:
        return dates.find(text)
    except dates.DateError as exc:
        prefix = f"{where}: " if where else ""
        raise InvalidInput(f"{prefix}{exc} ({dates.HOW})") from None


def _time(text: str) -> dt.time | None:
    if not re.fullmatch(r"\d{1,2}:\d{2}", text):
        return None
    try:
        return dt.time.fromisoformat(text.zfill(5))
    except ValueError:
        return None


def _word(kind: Any, text: str) -> Any:
    """The choice `text` names as people write it (`In progress`, `ongoing`, `Professional
    Socialization`: vocab.Choice, as in the files), or None."""
    try:
        return kind(text.strip())
    except ValueError:
        return None


def _percent(text: str, where: str = "") -> int | None:
    """0-100 (a trailing % allowed), or None for a part that is no number. A number outside
    0-100 is an error, not a note. `where` starts the message."""
    match = re.fullmatch(r"([-+]?\d+)\s*%?", text)
    if match is None:
        return None
    digits = match.group(1)
    number = int(digits) if len(digits) <= 6 else None  # (int() refuses 4,300 digits)
    if number is None or not 0 <= number <= 100:
        prefix = f"{where}: " if where else ""
        raise InvalidInput(f"{prefix}{digits if number is not None else quoted(digits)} "
                           "is not 0–100")
    return number


def _too_many(option: str, text: str, what: str) -> InvalidInput:
    return InvalidInput(f"{option} {quoted(text)}: more than one {what}", _FORMATS[option])


_FORMATS = {
    "--goal": "Write --goal 'STATEMENT|HOW MEASURED|TARGET DATE|MENTOR FUNCTION' "
    "(only the statement is needed).",
    "--action": "Write --action 'DESCRIPTION|DATE|OWNER|GOAL|HH:MM' (description and date "
    "needed; the rest in any order).",
    "--progress": "Write --progress 'GOAL|STATUS|PERCENT|NOTE', e.g. 'g1|in-progress|40'.",
    "--issue": "Write --issue 'ISSUE|POSSIBLE SOLUTION'.",
    "--outcome": "Write --outcome 'GOAL|yes, partly or no|WHY NOT', e.g. 'g2|partly|no budget'.",
    "--idea": "Write --idea 'IDEA|WHAT IT NEEDS; ANOTHER NEED|DATE'.",
}


def parse_goal(text: str) -> dict[str, Any]:
    """'STATEMENT|MEASURE|2026-05-01|networking' (anything after the statement by its shape)."""
    first, *rest = _parts("--goal", text)
    goal: dict[str, Any] = {"statement": first}
    value: Any
    for part in filter(None, rest):
        if (day := _date(part, f"--goal {quoted(text)}")) is not None:
            key, value = "target_date", day
        elif (function := _word(MentorFunction, part)) is not None:
            key, value = "function", function
        else:
            key, value = "measure", part
        if key in goal:
            raise _too_many("--goal", text, key.replace("_", " "))
        goal[key] = value
    return goal


def parse_action(text: str, option: str = "--action") -> dict[str, Any]:
    """'DESCRIPTION|2026-03-01|mentee|g1|14:30' (after the description, any order)."""
    first, *rest = _parts(option, text)
    action: dict[str, Any] = {"description": first}
    value: Any
    for part in filter(None, rest):
        if (day := _date(part, f"{option} {quoted(text)}")) is not None:
            key, value = "date", day
        elif (at := _time(part)) is not None:
            key, value = "time", at
        elif (owner := _word(Owner, part)) is not None:
            key, value = "owner", owner
        elif re.fullmatch(r"[A-Za-z0-9-]{1,40}", part):
            key, value = "goal", part.lower()
        else:
            raise InvalidInput(
                f"{option} {quoted(text)}: {quoted(part)} is not a date, time, owner or goal",
                _FORMATS["--action"],
            )
        if key == "goal" and "goal" in action and not any(_date(p) for p in rest if p):
            # two goal-like words and no date: one of them was meant as the date
            raise InvalidInput(
                f"{option} {quoted(text)}: no date it is due, and {action['goal']!r} and "
                f"{quoted(part)} cannot both be the goal; write the date as YYYY-MM-DD",
                _FORMATS["--action"],
            )
        if key in action:
            raise _too_many(option, text, key)
        action[key] = value
    if "date" not in action:
        raise InvalidInput(
            f"{option} {quoted(text)}: give the date it is due (YYYY-MM-DD)", _FORMATS["--action"]
        )
    return Typed(f"{option} {quoted(text)}", action)


def parse_progress(text: str) -> dict[str, Any]:
    """'g1|in-progress|40|Ran the first huddle'."""
    first, *rest = _parts("--progress", text)
    report: dict[str, Any] = {"goal": first.lower()}
    for part in filter(None, rest):
        if (status := _word(GoalStatus, part)) is not None and "status" not in report:
            report["status"] = status
        elif (number := _percent(part, f"--progress {quoted(text)}")) is not None and (
            "progress" not in report
        ):
            report["progress"] = number
        elif "note" not in report:
            report["note"] = part
        else:
            raise _too_many("--progress", text, "note")
    if "status" not in report:
        allowed = ", ".join(s.value for s in GoalStatus)
        raise InvalidInput(
            f"--progress {quoted(text)}: give the goal's status ({allowed})", _FORMATS["--progress"]
        )
    return Typed(f"--progress {quoted(text)}", report)


def parse_issue(text: str) -> dict[str, Any]:
    first, *rest = _parts("--issue", text)
    if len(rest) > 1:
        raise _too_many("--issue", text, "solution")
    return {"issue": first, "possible_solution": rest[0] if rest else ""}


def parse_outcome(text: str) -> dict[str, Any]:
    """'g2|partly|the audit moved to next quarter' (a goal id, or the goal's words)."""
    first, *rest = _parts("--outcome", text)
    outcome: dict[str, Any] = {}
    if re.fullmatch(r"[A-Za-z]?\d{1,3}", first):
        outcome["goal"] = first.lower()
    else:
        outcome["statement"] = first
    for part in filter(None, rest):
        if (achieved := _word(Achieved, part)) is not None and "achieved" not in outcome:
            outcome["achieved"] = achieved
        elif "why_not" not in outcome:
            outcome["why_not"] = part
        else:
            raise _too_many("--outcome", text, "reason")
    if "achieved" not in outcome:
        raise InvalidInput(
            f"--outcome {quoted(text)}: say whether it was achieved (yes, partly, no)",
            _FORMATS["--outcome"],
        )
    return Typed(f"--outcome {quoted(text)}", outcome)


def parse_idea(text: str) -> dict[str, Any]:
    first, *rest = _parts("--idea", text)
    idea: dict[str, Any] = {"idea": first, "needs": []}
    for part in filter(None, rest):
        if (day := _date(part, f"--idea {quoted(text)}")) is not None and "date" not in idea:
            idea["date"] = day
        else:
            idea["needs"] += [n.strip() for n in part.split(";") if n.strip()]
    return idea


def _assignment(option: str, text: str, example: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise InvalidInput(f"{option} {quoted(text)}: write ID=VALUE, e.g. {example}")
    return key.strip().lower(), value.strip()


def parse_setting(option: str, text: str, kind: type[E]) -> tuple[str, E]:
    """'g1=achieved' -> ('g1', GoalStatus.ACHIEVED); the same for actions' statuses."""
    key, value = _assignment(option, text, f"{_key_example(kind)}={next(iter(kind)).value}")
    found = _word(kind, value)
    if found is None:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidInput(
            f"{option} {quoted(text)}: {value!r} is not a status", f"Use one of: {allowed}."
        )
    return key, found


def _key_example(kind: type[Any]) -> str:
    return "a1" if kind is ActionStatus else "g1"


def parse_percent_setting(text: str) -> tuple[str, int]:
    """'g1=40' -> ('g1', 40)."""
    key, value = _assignment("--progress", text, "g1=40")
    try:
        number = _percent(value)
    except InvalidInput:
        number = None
    if number is None:
        raise InvalidInput(f"--progress {quoted(text)}: give a number from 0 to 100")
    return key, number


def parse_done(text: str) -> tuple[str, dt.date | None]:
    """'a1' (done today) or 'a1=2026-03-02'."""
    key, sep, value = text.partition("=")
    day = _date(value.strip(), f"--done {quoted(text)}") if sep else None
    if sep and day is None:
        raise InvalidInput(
            f"--done {quoted(text)}: write the date as YYYY-MM-DD, e.g. a1=2026-03-02")
    return key.strip().lower(), day
