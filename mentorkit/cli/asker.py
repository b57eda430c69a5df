"""The questions a prompt asks, one kind each: text, lists, dates, times, numbers,
lengths of time, menus of choices and yes/no; and the header above a form's questions.

Each question shows the form's guidance for its field (the comment above the field in
the blank form, templates/forms/) and asks again at once for an answer it cannot read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import typer

from mentorkit import dates
from mentorkit.services.toolkit.catalogue import guidance

E = TypeVar("E", bound=StrEnum)


# The blank form's guidance also says how to edit the YAML (copy a block, a "- " line per
# item); at a prompt that is noise, and the prompt says how to answer instead.
_YAML_CLAUSE = re.compile(r'\s*\(one per line[^)]*\)|,\s*one per line[^.;]*', re.IGNORECASE)
_YAML_SENTENCE = re.compile(
    r'copy the block|"- "|leave id empty|starting with #|save it with', re.IGNORECASE
)


def for_prompt(text: str) -> str:
    """A form's guidance without its instructions for editing the YAML file."""
    text = re.sub(r"\.{4,}", "...", _YAML_CLAUSE.sub("", text))
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return " ".join(s for s in sentences if s and not _YAML_SENTENCE.search(s)).strip()


class Asker:
    """The questions of one form (`form`: its name in the catalogue, for the guidance), or
    of no form (None: questions with no guidance, as `add` and `init` ask)."""

    def __init__(self, form: str | None) -> None:
        found = guidance(form) if form else {}
        self.guide = {key: for_prompt(text) for key, text in found.items()}

    def explain(self, key: str) -> None:
        if self.guide.get(key):
            typer.secho(f"  {self.guide[key]}", dim=True)

    def text(
        self,
        key: str,
        label: str,
        default: str = "",
        required: bool = False,
        check: Callable[[str], str | None] | None = None,
    ) -> str:
        """`check` says what is wrong with an answer (None: nothing); it is asked again."""
        self.explain(key)
        while True:
            answer = str(typer.prompt(label, default=default, show_default=bool(default))).strip()
            if not answer and required:
                typer.echo("  An answer is needed here.")
                continue
            problem = check(answer) if check and answer else None
            if problem is None:
                return answer
            typer.echo(f"  {problem}")

    def items(self, key: str, label: str) -> list[str]:
        answer = self.text(key, f"{label} (separate with ';')")
        return [part.strip() for part in answer.split(";") if part.strip()]

    def date(
        self,
        key: str,
        label: str,
        default: dt.date | None = None,
        required: bool = False,
        check: Callable[[dt.date], str | None] | None = None,
    ) -> dt.date | None:
        """`check` says what is wrong with a date (None: nothing); it is asked again."""
        self.explain(key)
        while True:
            answer = str(
                typer.prompt(
                    f"{label} (YYYY-MM-DD)",
                    default=str(default or ""),
                    show_default=default is not None,
                )
            ).strip()
            if (not answer or answer.casefold() in NONE) and not required:
                return None
            try:
                day = dates.parse(answer)
            except dates.DateError as exc:
                typer.echo(f"  {exc}; write {dates.HOW}.")
                continue
            problem = check(day) if check else None
            if problem is None:
                return day
            typer.echo(f"  {problem}")

    def number(
        self, key: str, label: str, low: int, high: int, default: int | None = None
    ) -> int | None:
        self.explain(key)
        while True:
            answer = str(
                typer.prompt(
                    f"{label} ({low}-{high})",
                    default=str(default or ""),
                    show_default=default is not None,
                )
            ).strip()
            if not answer:
                return None
            if answer.isdecimal() and low <= int(answer) <= high:  # ("²" is a digit too)
                return int(answer)
            typer.echo(f"  Give a whole number from {low} to {high}.")

    def minutes(
        self, key: str, label: str, low: int, high: int, default: int | None = None
    ) -> int | None:
        """A length of time as people say it: 45, "45 min", "1 hour", "1h30"."""
        from mentorkit.limits import Bounds, minutes_wanted, minutes_within

        self.explain(key)
        while True:
            answer = str(typer.prompt(
                f"{label} (minutes, or like 1 hour)",
                default=str(default or ""),
                show_default=default is not None,
            )).strip()
            if not answer:
                return None
            found = minutes_within(answer, Bounds(low, high))
            if found is not None:
                return found
            typer.echo(f"  Give {minutes_wanted(Bounds(low, high))}.")

    def choice(
        self, key: str, label: str, kind: type[E], default: E | None = None,
        required: bool = False,
    ) -> E | None:
        """A menu: answer with its number or the word, in any case or spelling."""
        self.explain(key)
        return menu(label, kind, default, required)

    def time(self, key: str, label: str, default: dt.time | None = None) -> dt.time | None:
        """A time of day, HH:MM (9:30, 14:00) or with am/pm (2pm, 2:30 pm); empty to skip."""
        self.explain(key)
        while True:
            answer = str(typer.prompt(
                f"{label} (HH:MM, empty to skip)",
                default=default.strftime("%H:%M") if default else "",
                show_default=default is not None,
            )).strip()
            if not answer:
                return None
            found = clock_time(answer)
            if found is not None:
                return found
            typer.echo("  Give a time like 09:30 or 14:00 (or 2:30 pm).")

    def yes_no(self, key: str, label: str, default: bool | None = None) -> bool | None:
        self.explain(key)
        while True:
            shown = "" if default is None else ("yes" if default else "no")
            answer = (
                str(
                    typer.prompt(
                        f"{label} (yes/no)", default=shown, show_default=default is not None
                    )
                )
                .strip()
                .casefold()
            )
            if not answer:
                return None
            if answer in {"y", "yes", "true"}:
                return True
            if answer in {"n", "no", "false"}:
                return False
            typer.echo("  Answer yes or no.")


def _item(member: StrEnum) -> str:
    """A menu entry: the value, and what it means when people read it two ways
    (bimonthly: every two months)."""
    label = getattr(member, "label", None)  # vocab.Cadence.label
    return label if isinstance(label, str) else member.value


def menu(
    label: str, kind: type[E], default: E | None = None, required: bool = False,
    read: Callable[[str], E] | None = None,
) -> E | None:
    """A numbered menu of a vocabulary: answer with the number or the word, in any case or
    spelling (vocab.Choice reads "In progress", "Video call", "every two weeks"), or as
    `read` reads a sentence; an empty answer is None unless `required`, and anything else
    is asked again."""
    from mentorkit.errors import MentorkitError

    members = list(kind)
    shown = ", ".join(f"{n} {_item(m)}" for n, m in enumerate(members, 1))
    while True:
        answer = str(typer.prompt(
            f"{label} ({shown})",
            default=default.value if default else "",
            show_default=default is not None,
        )).strip()
        if answer.isdecimal() and 1 <= int(answer) <= len(members):
            return members[int(answer) - 1]
        if answer:
            try:
                return (read or kind)(answer)
            except (ValueError, MentorkitError):
                pass
        elif not required:
            return None
        typer.echo(f"  Choose a number from 1 to {len(members)}, or one of: "
                   f"{', '.join(m.value for m in members)}.")


NONE = {"none", "-", "no"}  # at an optional date with a suggestion: not agreed yet


def clock_time(text: str) -> dt.time | None:
    """09:30, 9:30, 14:00, 2pm, 2:30 pm as a time of day; None if it is not one."""
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?", text.strip().casefold())
    if not match or (match.group(2) is None and match.group(3) is None):
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(3) == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def header(form: str, pair: str, extra: str = "") -> None:
    """The line above a form's questions: which form, for which pair (their names)."""
    typer.secho(f"{form}: {pair}{extra}", bold=True)


