"""Readable, safe ids: `maria-lopez`, `maria-lopez-2`, pairs `dan-ortiz--maria-lopez`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Letters that Unicode does not decompose into a base letter and an accent, so NFKD alone
# would drop them ("Łukasz" -> "ukasz"). Only letters that were dropped before are listed:
# every name that already made an id makes the same id now.
_OWN_LETTERS = str.maketrans({
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "ẞ": "SS", "Æ": "AE", "æ": "ae",
    "Œ": "OE", "œ": "oe", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th",
    "Ħ": "H", "ħ": "h", "ı": "i", "Ŀ": "L", "ŀ": "l", "Ŋ": "N", "ŋ": "n", "Ŧ": "T",
    "ŧ": "t", "ĸ": "k", "Ə": "E", "ə": "e", "Ɛ": "E", "ɛ": "e", "Ɨ": "I", "ɨ": "i",
    "Ʉ": "U", "ʉ": "u", "Ƶ": "Z", "ƶ": "z",
})


# Typographic apostrophes and quotes, as phones, Word and Microsoft Forms write them
# ("Siobhán O’Neill"): a name means the same written with the plain ones.
_PLAIN = str.maketrans({
    "’": "'", "‘": "'", "‛": "'", "‚": "'", "ʼ": "'", "′": "'", "´": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
})


def plain_quotes(text: str) -> str:
    """`text` with its typographic apostrophes and quotes as the plain ' and "."""
    return text.translate(_PLAIN)


def same_name(name: str) -> str:
    """A person's name as two are compared: any case, runs of spaces as one, and a
    typographic apostrophe the same as a plain one ("Siobhán O’Neill" is "Siobhán
    O'Neill")."""
    return " ".join(plain_quotes(name).casefold().split())


def slugify(text: str, *, max_length: int = 60) -> str:
    """`text` as an id. An apostrophe parts words however it is typed: "O’Neill" is
    `o-neill`, as "O'Neill" is."""
    return _slug(text, max_length, _PLAIN)


def slugs(text: str) -> set[str]:
    """The ids `text` may have made: as slugify makes them now, and as it made them
    while it dropped typographic apostrophes ("O’Neill" made `oneill`). Ids are file
    names and never change, so finding a person by the start of a name tries both."""
    return {slugify(text), _slug(text, 60, {})}


def _slug(text: str, max_length: int, quotes: dict[int, str]) -> str:
    kept = unicodedata.normalize("NFKD", text.translate(_OWN_LETTERS)).translate(quotes)
    ascii_text = kept.encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "person"


def unique_id(name: str, taken: Container[str]) -> str:
    base = slugify(name)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
