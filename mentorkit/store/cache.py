"""The load cache: validated documents kept in .mentorkit/cache/ so big programs load fast.

One file, `.mentorkit/cache/snapshot.pickle`, maps each program file's path to its stat
key (size, mtime_ns, inode) and its validated document as plain data (dicts, lists,
strings, numbers, dates and times). A file is taken from the cache only when its key is
unchanged; an edited, new or deleted file changes what is loaded, so the cache never
serves stale data. Like git's index, a file modified within RACY_WINDOW_NS of the cache
being built is not trusted (a second edit in the same clock tick could keep its key).

The cache is never required: a missing, corrupt or foreign cache (another mentorkit
version, another model shape, another Python) is ignored and rebuilt. Unpickling is
restricted to plain data plus datetime.date/time, so a planted file cannot run code.
It is written atomically (store/atomic.py) with owner-only permissions, because it holds
the pairs' private session text just like the files it mirrors.

Documents in the cache were validated when they were stored, so they are rebuilt into
models without running the validators again (`rebuild`): that is what makes a warm load
of tens of thousands of files take a fraction of a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import pickle
import re
import sys
import time
import types
from collections.abc import Callable
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Literal,
    Union,
    get_args,
    get_origin,
)

from pydantic import BaseModel, EmailStr

from mentorkit import __version__
from mentorkit.models.base import FileModel
from mentorkit.store import atomic

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder
    from mentorkit.store.snapshot import Entry

CACHE_FORMAT = 1
CACHE_FILE = "cache/snapshot.pickle"
RACY_WINDOW_NS = 2_000_000_000  # files changed this close to the cache's making are re-read



class Cache:
    def __init__(
        self, made_ns: int, entries: dict[str, tuple[tuple[int, int, int], str, Any]],
        raw: bytes = b"",
    ) -> None:
        self.made_ns = made_ns
        self.entries = entries
        self._raw = raw  # to get the plain data back after `take` turned it into models

    def take(
        self, entries: list[Entry], models: dict[str, type[FileModel]]
    ) -> tuple[dict[str, FileModel], list[Entry], list[Entry]]:
        """Split the files found into cache hits (as models) and the files to read: new,
        changed, or changed too close to when the cache was made.

        The cached data is turned into the models in place (no copies: this is the hot
        path of a warm load); `plain` gives it back when the cache has to be rewritten.
        """
        docs: dict[str, FileModel] = {}
        hits: list[Entry] = []
        todo: list[Entry] = []
        limit = self.made_ns - RACY_WINDOW_NS
        known = self.entries
        builders = {kind: _BUILDERS.get(m) or _builder(m) for kind, m in models.items()}
        for entry in entries:
            item = known.get(entry.relpath)
            if item is None or item[0] != entry.key or item[1] != entry.kind or (
                entry.key[1] >= limit
            ):
                todo.append(entry)
                continue
            try:
                docs[entry.relpath] = builders[entry.kind](item[2])  # type: ignore[assignment]
            except Exception:  # a damaged entry: read the file instead
                todo.append(entry)
                continue
            hits.append(entry)
        return docs, hits, todo

    def plain(self, hits: list[Entry]) -> list[tuple[Entry, Any]]:
        """The untouched plain data of these entries, for writing the cache again."""
        original = _SafeUnpickler(io.BytesIO(self._raw)).load()["entries"]
        return [(e, original[e.relpath][2]) for e in hits]


def path_of(folder: ProgramFolder) -> Any:
    return folder.state_dir / CACHE_FILE


def read(folder: ProgramFolder) -> Cache | None:
    """The cache, or None when there is none or it cannot be trusted to be ours."""
    try:
        raw = path_of(folder).read_bytes()
        content = _SafeUnpickler(io.BytesIO(raw)).load()
        if not isinstance(content, dict) or content.get("header") != header():
            return None
        made_ns, entries = content["made_ns"], content["entries"]
        if not isinstance(made_ns, int) or not isinstance(entries, dict):
            return None
        return Cache(made_ns, entries, raw)
    except Exception:  # missing, unreadable, truncated, foreign: start afresh
        return None


def write(folder: ProgramFolder, made_ns: int, items: list[tuple[Entry, Any]]) -> None:
    """Store plain documents keyed by their files' stat keys; failures are ignored."""
    content = {
        "header": header(),
        "made_ns": made_ns,
        "entries": {e.relpath: (e.key, e.kind, data) for e, data in items},
    }
    with contextlib.suppress(OSError, pickle.PicklingError):
        atomic.write_bytes(path_of(folder), pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))


def now_ns() -> int:
    return time.time_ns()


def to_plain(model: BaseModel) -> dict[str, Any]:
    """A validated model as plain data for the cache: enums become their values."""
    return _plain(model.model_dump(mode="python"))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


# -- rebuilding models from validated plain data -------------------------------------------
_BUILDERS: dict[type[BaseModel], Callable[[dict[str, Any]], BaseModel]] = {}


def rebuild(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """A model from data that this model validated before, without validating it again.

    The data becomes the model's own (it is changed in place), so pass a copy to keep it.

    Nested models, enums and tuples are restored field by field; everything else is
    already the right Python type. Data with other fields than the model raises, so a
    damaged entry falls back to reading the file.
    """
    builder = _BUILDERS.get(model) or _builder(model)
    return builder(data)


def _builder(model: type[BaseModel]) -> Callable[[dict[str, Any]], BaseModel]:
    """Generate a small function that restores `model`'s fields and sets its state.

    This is what pydantic's model_construct does, minus the defaults handling that
    complete, already validated data does not need; generated so there is one Python
    call per model instead of one per field.
    """
    env: dict[str, Any] = {
        "_new": object.__new__, "_set": object.__setattr__, "_model": model,
        "_names": frozenset(model.model_fields), "_all_set": set(model.model_fields),
        "_bad": _mismatch,
    }
    lines = [
        "def build(v):",  # v: plain data, restored in place (callers own it)
        "    if v.keys() != _names:",  # a damaged entry raises: the file is read instead
        "        _bad()",
    ]
    for n, (name, info) in enumerate(model.model_fields.items()):
        expr = _expression(info.annotation, "x", env, f"c{n}")
        if expr is not None:
            lines.append(f"    x = v[{name!r}]")
            lines.append(f"    v[{name!r}] = {expr}")
    lines += [
        "    m = _new(_model)",
        "    _set(m, '__dict__', v)",
        # Every field is set: one shared set per model (adding a member it has is a no-op).
        "    _set(m, '__pydantic_fields_set__', _all_set)",
        "    _set(m, '__pydantic_extra__', None)",
        "    _set(m, '__pydantic_private__', None)",
        "    return m",
    ]
    exec("\n".join(lines), env)
    builder: Callable[[dict[str, Any]], BaseModel] = env["build"]
    _BUILDERS[model] = builder
    return builder


def _mismatch() -> None:
    raise ValueError("cached entry does not match the model")


def _expression(annotation: Any, var: str, env: dict[str, Any], tag: str) -> str | None:
    """A Python expression restoring `var` of this type from plain data; None: as it is."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return _expression(args[0], var, env, tag)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = [_expression(a, var, env, f"{tag}_{i}") for i, a in enumerate(options)]
        if all(e is None for e in inner):
            return None
        if len(options) != 1:
            raise TypeError(f"cannot rebuild {annotation!r}")
        return f"(None if {var} is None else {inner[0]})"
    if origin is list:
        item = _expression(args[0], f"{var}_", env, f"{tag}_i")
        return None if item is None else f"[{item} for {var}_ in {var}]"
    if origin is tuple:
        if any(_expression(a, var, env, tag) is not None for a in args if a is not Ellipsis):
            raise TypeError(f"cannot rebuild {annotation!r}")
        return f"tuple({var})"
    if origin is Literal:
        return None
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):  # mentorkit's models are not recursive
            env[tag] = _BUILDERS.get(annotation) or _builder(annotation)
            return f"{tag}({var})"
        if issubclass(annotation, Enum):
            env[tag] = annotation._value2member_map_
            return f"{tag}[{var}]"
        if annotation in (str, int, float, bool, dt.date, dt.time) or annotation is EmailStr:
            return None
    raise TypeError(f"cannot rebuild {annotation!r}")


def header() -> dict[str, Any]:
    """What must match for a cache to be used: format, mentorkit, models and Python."""
    global _HEADER
    if _HEADER is None:
        _HEADER = {
            "format": CACHE_FORMAT,
            "mentorkit": __version__,
            "python": list(sys.version_info[:2]),
            "models": _fingerprint(),
        }
    return _HEADER


_HEADER: dict[str, Any] | None = None


def _fingerprint() -> str:
    """A hash of every cached model's fields and their types (schema versions included)."""
    from mentorkit.store.snapshot import KINDS

    seen: dict[str, str] = {}

    def visit(cls: type[BaseModel]) -> None:
        if cls.__qualname__ in seen:
            return
        seen[cls.__qualname__] = repr(
            [(n, repr(f.annotation), getattr(cls, "SCHEMA_VERSION", 0))
             for n, f in cls.model_fields.items()]
        )
        for f in cls.model_fields.values():
            for sub in _models_in(f.annotation):
                visit(sub)

    for kind_model in KINDS.values():
        visit(kind_model)
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", repr(sorted(seen.items())))  # no addresses
    return hashlib.sha256(text.encode()).hexdigest()


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in get_args(annotation) for m in _models_in(a)]


class _SafeUnpickler(pickle.Unpickler):
    """Plain data only: the one class a cache may name is a date or a time."""

    _ALLOWED: ClassVar[dict[tuple[str, str], type]] = {
        ("datetime", "date"): dt.date,
        ("datetime", "time"): dt.time,
        ("datetime", "timezone"): dt.timezone,
        ("datetime", "timedelta"): dt.timedelta,
    }

    def find_class(self, module: str, name: str) -> Any:
        allowed = self._ALLOWED.get((module, name))
        if allowed is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return allowed
