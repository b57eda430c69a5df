"""Build models from what a person typed, with errors that name the field."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mentorkit.errors import InvalidFile, InvalidInput
from mentorkit.store import problems

M = TypeVar("M", bound=BaseModel)


def build(model: type[M], data: dict[str, Any], *, source: str = "command line") -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = problems.from_validation_error(exc, path=source, text=None, model=model)
        if len(found) == 1:
            only = found[0]
            message = f"{only.field}: {only.message}" if only.field else only.message
            raise InvalidInput(message) from None
        raise InvalidFile(found, "Correct the values and run the command again.") from None
