"""Turn pydantic's ValidationError into `path:line: field: message` problems."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mentorkit.errors import Problem
from mentorkit.store import yamlio


def from_validation_error(
    exc: ValidationError, *, path: Path | str, text: str | None, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = [part for part in error["loc"] if not _is_union_tag(part)]
        field = ".".join(str(part) for part in loc)
        message = _message(error, loc, model)
        line = yamlio.line_of(text, loc) if text is not None else None
        problems.append(Problem(path, message, line=line, field=field))
    return problems


def _is_union_tag(part: Any) -> bool:
    # pydantic puts the name of a union member or validator into the location
    return isinstance(part, str) and (part.startswith(("function-", "tagged-union")))


def _message(error: Any, loc: list[Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        tip = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field{tip} (allowed: {', '.join(allowed)})" if allowed else "unknown field"
    if kind == "missing":
        return "required field is missing"
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind == "enum" and "expected" in error.get("ctx", {}):
        message = f"must be one of {error['ctx']['expected']}"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        message = f"{message}; write dates as YYYY-MM-DD"
    return message


def _fields_at(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The field names allowed at a nested location, for 'did you mean' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
