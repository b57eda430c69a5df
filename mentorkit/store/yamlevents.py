"""Large plain documents as YAML, straight to libyaml's emitter: the same text as
`yamlio.dump`, several times faster.

`yamlio.dump` goes through PyYAML's representer, which is Python and costs about
20 µs a value: a 10,000-mentee proposal (100,000 values) took 1.5 s to write. Here the
plain data (dict, list, str, int, float, bool, date, None — what `to_document()` gives)
is turned into emitter events directly, making exactly the choices the representer and
serializer make (tags, implicit flags, `|` blocks for multi-line text, block style, no
aliases), and the C emitter lays them out with yamlio.dump's settings. A test holds
the two byte-equal; without libyaml this falls back to yamlio.dump.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from mentorkit.store import yamlio

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_DATE = _TAG + "timestamp"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
# the settings of yamlio.dump
_OPTIONS: dict[str, Any] = {"allow_unicode": True, "width": 88}


def dump(data: Any) -> str:
    """`yamlio.dump(data)`, byte for byte, for plain data."""
    dumper = getattr(yaml, "CSafeDumper", None)
    if dumper is None:  # no libyaml: the slow path gives the same text
        return yamlio.dump(data)
    text: str = yaml.emit(_Events().document(data), Dumper=dumper, **_OPTIONS)
    return text


class _Events:
    """The events of one document, scalar events shared between equal values (keys and
    repeated words cost one event each; the emitter only reads them)."""

    CACHED = 200_000  # distinct scalars remembered

    def __init__(self) -> None:
        self.resolve = Resolver().resolve
        # first characters some implicit type (bool, number, date, null...) may start
        # with: text starting otherwise resolves to str whatever follows
        self.typed_starts = set(Resolver.yaml_implicit_resolvers)
        self.scalars: dict[tuple[type, Any], ScalarEvent] = {}
        self.out: list[Event] = []

    def document(self, data: Any) -> list[Event]:
        self.out += [StreamStartEvent(), DocumentStartEvent(explicit=False)]
        self.node(data)
        self.out += [DocumentEndEvent(explicit=False), StreamEndEvent()]
        return self.out

    def node(self, value: Any) -> None:
        kind = type(value)
        if kind is dict:
            self.out.append(MappingStartEvent(None, _MAP, True, flow_style=False))
            for key, item in value.items():
                self.node(key)
                self.node(item)
            self.out.append(MappingEndEvent())
        elif kind is list or kind is tuple:
            self.out.append(SequenceStartEvent(None, _SEQ, True, flow_style=False))
            for item in value:
                self.node(item)
            self.out.append(SequenceEndEvent())
        elif kind is float:  # never shared: 0.0 == -0.0, and they print differently
            self.out.append(self.scalar(value))
        else:
            found = self.scalars.get((kind, value))
            if found is None:
                found = self.scalar(value)
                if len(self.scalars) < self.CACHED:
                    self.scalars[(kind, value)] = found
            self.out.append(found)

    def scalar(self, value: Any) -> ScalarEvent:
        tag, text, style = _scalar(value)
        return ScalarEvent(None, tag, self.implicit(tag, text), text, style=style)

    def implicit(self, tag: str, text: str) -> tuple[bool, bool]:
        """Whether the tag may be left out, plain or quoted: what the serializer asks
        the resolver for every scalar node."""
        if tag == _STR and text and text[0] not in self.typed_starts:
            return True, True
        return (tag == self.resolve(ScalarNode, text, (True, False)),
                tag == self.resolve(ScalarNode, text, (False, True)))


def _scalar(value: Any) -> tuple[str, str, str | None]:
    """(tag, text, style) as SafeRepresenter and yamlio's str representer give them."""
    if isinstance(value, str):
        return _STR, value, "|" if "\n" in value else None
    if value is None:
        return _NULL, "null", None
    if isinstance(value, bool):
        return _BOOL, "true" if value else "false", None
    if isinstance(value, int):
        return _INT, str(value), None
    if isinstance(value, float):
        return _FLOAT, _float_text(value), None
    if isinstance(value, dt.datetime):
        return _DATE, value.isoformat(" "), None
    if isinstance(value, dt.date):
        return _DATE, value.isoformat(), None
    raise TypeError(f"not plain data for YAML: {type(value).__name__}")


def _float_text(value: float) -> str:
    """SafeRepresenter.represent_float."""
    if value != value or (value == 0.0 and value == 1.0):
        return ".nan"
    if value == float("inf"):
        return ".inf"
    if value == -float("inf"):
        return "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text
