"""Build models from what a person typed, with errors that name the field."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mentorkit.errors import InvalidFile, InvalidInput, MentorkitError
from mentorkit.store import problems

M = TypeVar("M", bound=BaseModel)


class Typed(dict[str, Any]):
    """The fields read from one option's value, remembering the option as it was typed
    (`--action 'Shadow a visit|2026-12-10|g1'`): a rule that refuses them then names the
    option, not the file the command has not written yet."""

    def __init__(self, option: str, fields: dict[str, Any]) -> None:
        super().__init__(fields)
        self.option = option


def build(model: type[M], data: dict[str, Any], *, source: str = "command line") -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, model, source) from None


def input_error(exc: ValidationError, model: type[BaseModel] = BaseModel,
                source: str = "command line") -> MentorkitError:
    """What a person typed that a model refused, as `field: message`."""
    found = problems.from_validation_error(exc, path=source, text=None, model=model)
    if len(found) == 1:
        only = found[0]
        return InvalidInput(f"{only.field}: {only.message}" if only.field else only.message)
    return InvalidFile(found, "Correct the values and run the command again.")


def column_options(options: list[str], shape: str, allowed: Collection[str] | None = None,
                   hint: str | None = None) -> dict[str, str]:
    """`--column 'Header=target'` options, as every import takes them: each header's
    target. A malformed one, or a target outside `allowed` (and ignore), is refused
    showing `shape`, the way to write it."""
    mapping: dict[str, str] = {}
    for option in options:
        header, sep, target = option.rpartition("=")
        header, target = header.strip(), target.strip()
        if not (sep and header and target) or (
                allowed is not None and target not in {*allowed, "ignore"}):
            raise InvalidInput(f"--column {option!r}: write it as {shape}", hint)
        mapping[header] = target
    return mapping
