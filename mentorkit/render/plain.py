"""Results told in a line or two of plain text, printed without rich.

A pair command that saves a form or changes a pair's status prints one line. Importing
rich to print it was 30 to 40 ms of a `log-session` that must stay under half a second.
The text is printed as it stands: no markup, no emoji codes (a note that says
`[urgent]` or `:x:` shows just so).

The renderers are found by the result's class name, so that this module imports none of
the services: `report` and `match` pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorkit.services.toolkit.lifecycle import LifecycleResult
    from mentorkit.services.toolkit.submit import FormResult


def plain_text(result: Any) -> str | None:
    """`result` as the lines it is told in, each ending in a newline; None when it has a
    rich renderer instead."""
    cls = type(result)
    told = PLAIN.get(f"{cls.__module__}.{cls.__qualname__}")
    return None if told is None else "".join(f"{line}\n" for line in told(result))


def _form(result: FormResult) -> list[str]:
    verb = {"logged": "Logged", "created": "Saved", "updated": "Updated"}.get(result.action)
    if verb is None:
        first = f"No change: {result.form} for {result.pair} is as it was"
    else:
        first = f"{verb} {result.form} for {result.pair}: {result.path}"
    return [first, *(f"  {note}" for note in result.notes)]


def _lifecycle(result: LifecycleResult) -> list[str]:
    r = result.relationship
    line = f"{result.action.capitalize()} {result.pair}: now {r.status.value}"
    if result.action == "closed" and r.closure is not None:
        line += f" ({r.closure.kind.value}, {r.closure.date})"
    elif r.started:
        line += f" (since {r.started})"
    return [line, *(f"  {note}" for note in result.notes)]


PLAIN: dict[str, Callable[[Any], list[str]]] = {
    "mentorkit.services.toolkit.submit.FormResult": _form,
    "mentorkit.services.toolkit.lifecycle.LifecycleResult": _lifecycle,
}
