"""Results told in a line or two of plain text, printed without rich.

A pair command that saves a form, changes a pair's status or writes certificates prints
a line or two. Importing rich to print them was 30 to 40 ms of a `log-session` that must
stay under half a second.
The text is printed as it stands: no markup, no emoji codes (a note that says
`[urgent]` or `:x:` shows just so).

The renderers are found by the result's class name, so that this module imports none of
the services: `report` and `match` pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorkit.services.matching.manual import PairResult
    from mentorkit.services.recognition.certificates import CertificateResult
    from mentorkit.services.toolkit.lifecycle import LifecycleResult
    from mentorkit.services.toolkit.submit import FormResult


def plain_text(result: Any) -> str | None:
    """`result` as the lines it is told in, each ending in a newline; None when it has a
    rich renderer instead (for all results of its class, or, where the plain renderer
    returns None, for this one)."""
    cls = type(result)
    told = PLAIN.get(f"{cls.__module__}.{cls.__qualname__}")
    lines = None if told is None else told(result)
    return None if lines is None else "".join(f"{line}\n" for line in lines)


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


def _certificates(result: CertificateResult) -> list[str]:
    return [f"Wrote {c.name}'s certificate ({c.role}, {c.pair}, completed {c.completed}): "
            f"{path}" for c, path in zip(result.certificates, result.written, strict=False)]


def _unpaired(result: PairResult) -> list[str] | None:
    """A pair removed; a pair made is told by render/matching.py (its reasons, warnings)."""
    if result.action != "unpaired":
        return None
    removed = result.relationship
    what = "expired request" if removed.request is not None and not removed.status.is_open \
        else "proposed relationship"
    return [f"Removed {what} {removed.id}."]


PLAIN: dict[str, Callable[[Any], list[str] | None]] = {
    "mentorkit.services.toolkit.submit.FormResult": _form,
    "mentorkit.services.toolkit.lifecycle.LifecycleResult": _lifecycle,
    "mentorkit.services.recognition.certificates.CertificateResult": _certificates,
    # `unpair` need not import matching's renderer, and with it numpy and scipy
    "mentorkit.services.matching.manual.PairResult": _unpaired,
}
