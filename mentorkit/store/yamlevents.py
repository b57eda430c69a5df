"""Large plain documents as YAML, straight to libyaml's emitter: the same text as
`yamlio.dump`, several times faster.

`yamlio.dump` goes through PyYAML's representer, which is Python and costs about
20 µs a value: a 10,000-mentee proposal (100,000 values) took 1.5 s to write. Here the
plain data (dict, list, str, int, float, bool, date, None — what `to_document()` gives)
is turned into emitter events directly, making exactly the choices the representer and
serializer make (tags, implicit flags, `|` blocks for multi-line text, block style, no
aliases), and the C emitter lays them out with yamlio.dump's settings. A test holds
the two byte-equal; without libyaml this falls back to yamlio.dump.

Lists of flat records at the top (a proposal's 50,000 pairs and unmatched mentees) are
laid out as text here instead (`_Records`): building and emitting their events still
took 2 s. Each record's lines are put together from the text the emitter gives each
distinct value in that place, asked once per value (and not at all for a value that is
plain as it stands, such as an id or a number).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
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
    if type(data) is dict:
        return _Records(dumper).document(data)
    return _emit(data, dumper)


def _emit(data: Any, dumper: Any) -> str:
    text: str = yaml.emit(_Events().document(data), Dumper=dumper, **_OPTIONS)
    return text


class _NotRecords(Exception):
    """A list that is not made of flat records after all: it goes through the events."""


# Text shown as it stands: it starts with a letter and holds no indicator, quote,
# colon, hash or line break, and no space at either end. Starting with a letter, it
# reads back as text unless it is one of YAML 1.1's words for true, false or null
# (numbers, dates and the rest start otherwise).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/()+,'-]*(?<! )")
_NOT_TEXT = frozenset(w for word in ("yes", "no", "true", "false", "on", "off", "null")
                      for w in (word, word.capitalize(), word.upper()))
_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime)


class _Records:
    """A top-level mapping whose lists of flat records (mappings of scalars and lists of
    scalars, as a proposal's pairs) are laid out as text, the rest as events.

    A value's text depends only on the value and where it stands (its column, as a
    record's value or a list item), so the emitter is asked once per distinct value,
    with the value in the same place of a small document. A value whose text is sure to
    be itself (plain, reading back as text, short enough never to be folded) is not
    asked at all. Anything else in a list (a nested mapping, text on several lines)
    sends that list through the events."""

    def __init__(self, dumper: Any) -> None:
        self.dumper = dumper
        self.asked: dict[tuple[Any, ...], str] = {}  # what the emitter was asked
        # the text after `key:` of each text value met, and of each list item
        self.values: dict[tuple[str, str], str] = {}
        self.items: dict[str, str] = {}
        self.keys: set[str] = set()  # a record's keys seen to be plain

    def document(self, data: dict[Any, Any]) -> str:
        token = f"mentorkit-records-{uuid.uuid4().hex}"
        laid: dict[str, str] = {}
        rest: dict[Any, Any] = {}
        for key, value in data.items():
            rest[key] = value
            if type(key) is str and _plain(key, 0) and _records(value):
                placeholder = f"{token}-{len(laid)}"
                try:
                    laid[placeholder] = self.records(value)
                except _NotRecords:
                    continue
                rest[key] = placeholder
        text = _emit(rest, self.dumper)
        for placeholder, lines in laid.items():  # `key: placeholder` becomes `key:` + lines
            text = text.replace(f": {placeholder}\n", ":\n" + lines, 1)
        return text

    def records(self, rows: list[dict[Any, Any]]) -> str:
        out: list[str] = []
        add = out.append
        values, items = self.values, self.items
        for row in rows:
            lead = "- "
            for key, value in row.items():
                if key not in self.keys:
                    self.key(key)
                kind = type(value)
                if kind is str:
                    text = values.get((key, value))
                    if text is None:
                        text = values[(key, value)] = self.value(key, value)
                    add(f"{lead}{key}:{text}")
                elif kind is list:
                    add(f"{lead}{key}: []\n" if not value else f"{lead}{key}:\n")
                    for item in value:
                        text = items.get(item) if type(item) is str else None
                        if text is None:
                            text = self.item(item)
                            if type(item) is str:
                                items[item] = text
                        add("  - " + text)
                else:
                    add(f"{lead}{key}:{self.value(key, value)}")
                lead = "  "
        return "".join(out)

    def key(self, key: Any) -> None:
        """A record's key must be written as it stands, or the list is no records."""
        if type(key) is not str or not _plain(key, 2):
            raise _NotRecords
        self.keys.add(key)

    def value(self, key: str, value: Any) -> str:
        """` text\n` of `value` as the value of `key` in a record."""
        quick = _quick(value, 2 + len(key) + 2)
        if quick is not None:
            return f" {quick}\n"
        return self.ask(("value", key), value, {"x": [{key: value}]}, f"x:\n- {key}:")

    def item(self, value: Any) -> str:
        """`text\n` of `value` as an item of a list in a record."""
        quick = _quick(value, 4)
        if quick is not None:
            return f"{quick}\n"
        return self.ask(("item",), value, {"x": [{"y": [value]}]}, "x:\n- y:\n  - ")

    def ask(self, where: tuple[str, ...], value: Any, probe: dict[str, Any],
            before: str) -> str:
        """The emitter's text for `value` in `probe` (where it stands as in the record),
        after `before`."""
        if type(value) not in _SCALARS or (type(value) is str and _breaks(value)):
            raise _NotRecords
        memo = (*where, type(value), value)
        found = self.asked.get(memo)
        if found is None:
            text = _emit(probe, self.dumper)
            if not text.startswith(before):
                raise _NotRecords
            found = self.asked[memo] = text[len(before):]
        return found


def _quick(value: Any, column: int) -> str | None:
    """The text of a value that needs no asking, or None."""
    kind = type(value)
    if kind is str:
        return value if _plain(value, column) else None
    if kind is float:
        return _float_text(value)
    if kind is int or kind is bool or value is None:
        return _scalar(value)[1]
    return None


def _plain(text: str, column: int) -> bool:
    """Whether `text` at `column` is written as it stands: plain, read back as text,
    and ending before the emitter could fold it (it breaks lines past column 88)."""
    return (column + len(text) <= 80 and _PLAIN.fullmatch(text) is not None
            and text not in _NOT_TEXT)


def _records(value: Any) -> bool:
    """A non-empty list of non-empty mappings: worth laying out as records."""
    return (type(value) is list and bool(value)
            and all(type(row) is dict and row for row in value))


def _breaks(text: str) -> bool:
    """Text the emitter writes on several lines (a `|` block): left to the events."""
    return any(c in text for c in "\n\r\x85\u2028\u2029")


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
