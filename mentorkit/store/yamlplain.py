"""The YAML mentorkit writes, read line by line: the same values PyYAML's safe loader
gives, without building its events and nodes.

Through PyYAML's C loader a 25-line participant file costs about 120 µs, most of it
Python work for each event and node; reading the 13,000 files of a 10,000-mentee
program that way was a third of a cold `match`. The files mentorkit writes use a small
part of YAML: block mappings with plain word keys, block lists (indented or not), and
scalars written on one line (plain, simply quoted, `[]` or `{}`) or, when the dumper
wraps long text, folded over the lines after it. That part is read here, a line at a
time; anything outside it gives NOT_PLAIN, and yamltext reads the text with libyaml as
before (so its errors, with their lines, are libyaml's): a comment after a value, a
block scalar (`|`), text folded around a blank line, anchors, aliases, tags, flow
collections, tabs, a repeated key, a key that is not a plain word, a value that fails
to construct (2026-02-30), or a character YAML treats specially.

Each plain scalar is typed by the same resolver and built by the same constructors as
the safe loader's (yamltext.SafeLoader), and tests/test_yaml_plain.py holds the two
equal on generated and hostile text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

NOT_PLAIN: Final = object()

# Text with anything but printable characters, spaces and line feeds: tabs and carriage
# returns (layout this reader does not follow), the characters YAML reads as line breaks
# (U+0085, U+2028, U+2029), a byte-order mark, and what libyaml refuses outright.
_UNUSUAL_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# Each line: its indent, its dashes (`- `, each with the spaces after it), its `key:`
# if it starts with a plain word and a colon, and the rest. Any line matches. A key is
# at most 128 characters: libyaml refuses one whose colon is more than 1,024 on.
_LINE = re.compile(
    r"^( *)((?:-(?: +|$))*)(?:([A-Za-z_][A-Za-z0-9_]{0,127}):(?: +|$))?(.*)$", re.MULTILINE)
_DASHES = re.compile(r"- *")
# A plain scalar may not start with one of YAML's indicators.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_KEPT = 50_000  # scalars whose values are kept for the next file (each <= 64 chars)

_DASH, _KEY, _SCALAR, _END = 0, 1, 2, 3


class _NotPlain(Exception):
    """The text leaves the part of YAML read here."""


def load(text: str, typed: Callable[[str], Any]) -> Any:
    """The text's data as yamltext.SafeLoader would give it, or NOT_PLAIN. `typed` is
    the value of a plain scalar's text, as that loader makes it (raising ValueError
    where it would refuse it)."""
    if _UNUSUAL_CHARACTER.search(text) is not None:
        return NOT_PLAIN
    try:
        tokens = _tokens(text)
        reader = _Reader(tokens, typed)
        data = reader.node(-1)
        if tokens[reader.at][0] != _END:
            return NOT_PLAIN
        return data
    except (_NotPlain, RecursionError):
        return NOT_PLAIN


# kind, column, whether it follows a dash on its line, the key or scalar, a key's value,
# the line's number
Token = tuple[int, int, bool, str, str, int]


def _tokens(text: str) -> list[Token]:
    """Each line's dashes, then its `key:` (with any value) or its scalar, with the
    column each starts at, and an end. Blank lines and whole-line comments are left out;
    so are document markers (`---`), which are scalars on lines of their own here and
    so NOT_PLAIN wherever they are."""
    tokens: list[Token] = []
    append = tokens.append
    for line, (indent, dashes, key, rest) in enumerate(_LINE.findall(text)):
        column = len(indent)
        inline = False
        if dashes:
            if dashes == "- ":
                append((_DASH, column, False, "", "", line))
                column += 2
            else:
                for dash in _DASHES.findall(dashes):
                    append((_DASH, column, inline, "", "", line))
                    column += len(dash)
                    inline = True
            inline = True
            if not key and not rest:
                continue
        elif not key and (not rest or rest[0] == "#"):
            continue
        if key:
            append((_KEY, column, inline, key, rest, line))
        else:
            append((_SCALAR, column, inline, rest, "", line))
    append((_END, -1, False, "", "", -2))
    return tokens


class _Reader:
    """Builds values from the tokens, as YAML's block rules nest them by column."""

    def __init__(self, tokens: list[Token], typed: Callable[[str], Any]) -> None:
        self.tokens = tokens
        self.at = 0
        self.typed = typed

    def node(self, above: int) -> Any:
        """The mapping or list starting at the next token, or a scalar written on the
        lines after its key; the token must be right of `above` (-1 at the top)."""
        kind, column, inline, text, _, line = self.tokens[self.at]
        if column <= above:
            raise _NotPlain  # (at the top: an empty text, whose only token is the end)
        if kind == _KEY:
            return self.mapping(column)
        if kind == _DASH:
            return self.sequence(column, inside_mapping=False)
        if inline or above < 0:
            raise _NotPlain  # a document that is one scalar: left to libyaml
        self.at += 1  # a value that starts on the line after its key
        return self.scalar(text, line, above)

    def scalar(self, text: str, line: int, holder: int) -> Any:
        """The value of the scalar `text` written on `line`, read on over the lines
        after it that continue it: each right of the column `holder` of the mapping
        or list it is in, and with no blank or comment line between (which would
        change how the lines are joined). Lines are joined with a space, as YAML folds
        plain and quoted scalars; the next token is then the one after them."""
        tokens, at = self.tokens, self.at
        kind, column, inline, more, _, next_line = tokens[at]
        if column <= holder:
            return _scalar(text, self.typed)
        parts = [text.rstrip(" ")]
        while kind == _SCALAR and column > holder and next_line == line + 1 and not inline \
                and more[0] not in _INDICATORS:
            parts.append(more.rstrip(" "))
            at += 1
            line = next_line
            kind, column, inline, more, _, next_line = tokens[at]
        if column > holder:
            raise _NotPlain  # something else right of the holder: not a value's lines
        self.at = at
        return _scalar(" ".join(parts), self.typed)

    def mapping(self, column: int) -> dict[str, Any]:
        tokens, result = self.tokens, {}  # type: tuple[list[Token], dict[str, Any]]
        at = self.at
        while True:
            kind, at_column, _, key, value, line = tokens[at]
            if at_column != column or kind != _KEY:
                break
            if key in result or _scalar(key, self.typed) != key:
                raise _NotPlain  # a repeated key, or one read as a bool or null
            at += 1
            following, next_column = tokens[at][0], tokens[at][1]
            if value:
                if next_column > column:  # the value goes on over the next lines
                    self.at = at
                    result[key] = self.scalar(value, line, column)
                    at = self.at
                else:
                    result[key] = _scalar(value, self.typed)
            elif next_column > column:
                self.at = at
                result[key] = self.node(column)
                at = self.at
            elif following == _DASH and next_column == column:
                self.at = at
                result[key] = self.sequence(column, inside_mapping=True)
                at = self.at
            else:
                result[key] = None
        self.at = at
        if tokens[at][1] >= column:
            raise _NotPlain
        return result

    def sequence(self, column: int, *, inside_mapping: bool) -> list[Any]:
        tokens, result = self.tokens, []  # type: tuple[list[Token], list[Any]]
        at = self.at
        while True:
            kind, at_column, _, _, _, _ = tokens[at]
            if at_column != column or kind != _DASH:
                break
            at += 1
            kind, next_column, inline, text, _, line = tokens[at]
            if next_column <= column:
                result.append(None)  # a dash with nothing after it
            elif kind == _SCALAR and inline:
                at += 1
                if tokens[at][1] > column:  # the item goes on over the next lines
                    self.at = at
                    result.append(self.scalar(text, line, column))
                    at = self.at
                else:
                    result.append(_scalar(text, self.typed))
            else:
                self.at = at
                result.append(self.node(column))
                at = self.at
        self.at = at
        kind, next_column = tokens[at][0], tokens[at][1]
        if next_column > column or (next_column == column and not (
                inside_mapping and kind == _KEY)):
            raise _NotPlain
        return result


_kept: dict[str, Any] = {}


def _scalar(text: str, typed: Callable[[str], Any]) -> Any:
    """The value of a scalar written on one line, as the safe loader builds it."""
    if text in _kept:
        return _kept[text]
    raw, text = text, text.rstrip(" ")
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _NotPlain
        value: Any = inner.replace("''", "'")
    elif first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _NotPlain
        value = inner
    elif text == "[]":
        return []  # a new list each time: never kept
    elif text == "{}":
        return {}
    elif first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
        raise _NotPlain
    else:
        try:
            value = typed(text)
        except ValueError:  # an impossible date or number: libyaml's path says which
            raise _NotPlain from None
    if len(raw) <= 64 and len(_kept) < _MAX_KEPT:
        _kept[raw] = value  # str, int, float, bool, None, date: none can be changed
    return value
