"""The registry of message kinds: every module in this package registers one.

Adding a kind is one module here (a `MessageKind` subclass under `@register`) and one
template, templates/messages/<name>.md; nothing else names the kinds.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from mentorkit.errors import InvalidInput
from mentorkit.services.messaging.base import Draft, MessageKind, Recipient

if TYPE_CHECKING:
    import datetime as dt

    from mentorkit.models.pair import PairRecord
    from mentorkit.services.messaging.context import Plan

K = TypeVar("K", bound=type[MessageKind])
_REGISTRY: dict[str, MessageKind] = {}
_loaded = False


def register(cls: K) -> K:
    if cls.name in _REGISTRY and type(_REGISTRY[cls.name]) is not cls:
        raise LookupError(f"two message kinds are called {cls.name!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def all_kinds() -> dict[str, MessageKind]:
    """Every kind, in listing order."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return dict(sorted(_REGISTRY.items(), key=lambda item: (item[1].order, item[0])))


def kind(name: str) -> MessageKind:
    kinds = all_kinds()
    if name not in kinds:
        raise InvalidInput(f"no message kind {name!r}", f"Choose from: {', '.join(kinds)}.")
    return kinds[name]


def met(files: PairRecord) -> bool:
    """Whether the pair has had its first meeting: a session logged, or the coordinator
    recorded it with `start` (services/toolkit/milestones.py reads it the same way)."""
    return bool(files.sessions) or files.relationship.started is not None


def to_both(
    name: str, key: str, pair: str, sides: tuple[Recipient, Recipient],
    variables: dict[str, Any], attachments: list[Any] | None = None,
    sent_as: Callable[[str], str | None] | None = None,
) -> Iterator[Draft]:
    """The same message to mentor and mentee, each told who the other is. `key` names the
    occasion; each side's role is added to it (`sent_as`: the key, by role, it went
    under before its date moved; see `sent_before`)."""
    for me, other in (sides, sides[::-1]):
        earlier = sent_as(me.role) if sent_as is not None else None
        yield Draft(name, earlier or f"{name}:{key}:{me.role}", me, pair,
                    {**variables, "other": other.view()}, list(attachments or []))


def sent_before(plan: Plan, name: str, pair: str, role: str,
                same_occasion: Callable[[dt.date], bool]) -> str | None:
    """The key a message of kind `name` to this side of the pair went under for the
    occasion now due, on a date it had before it moved (a session's date corrected, the
    pair's start moved): the earliest key sent, `name:PAIR:DATE:role`, whose DATE
    `same_occasion` takes for it. One message an occasion, however often its date is put
    right."""
    return next((key for day, key in plan.sent_dated.get((name, pair, role), [])
                 if same_occasion(day)), None)
