"""What every file in a program folder has in common."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from enum import Enum
from typing import Annotated, Any, ClassVar

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from mentorkit.dates import YEARS
from mentorkit.limits import read_minutes

# Ids are file and folder names, so they are restricted to a safe alphabet: no dots,
# no slashes, nothing that could climb out of the program folder.
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value)) and "--" not in value


def _check_id(value: str) -> str:
    if not is_valid_id(value):
        raise ValueError(
            f"{value!r} is not a valid id (lower-case letters, digits and single hyphens)"
        )
    return value


ParticipantId = Annotated[str, AfterValidator(_check_id)]


def empty_list() -> list[Any]:
    """A new empty list: `Field(default_factory=empty_list)` rather than `=list`. For a
    built-in factory pydantic reads the signature from its text (inspect runs the
    tokenizer on `list.__text_signature__`, 0.15 ms a time) as it collects the field:
    with 46 such fields, about 2 % of a pair command (callgrind: 1,356 M instructions
    to 1,331 M for `show PAIR`)."""
    return []


def _tidy_text(value: str) -> str:
    return " ".join(value.split())


def _tidy_list(values: list[str]) -> list[str]:
    """Trim, fold inner whitespace and drop empty or repeated entries, keeping order."""
    if not values:
        return []
    seen: set[str] = set()
    tidy: list[str] = []
    for value in values:
        text = " ".join(value.split())  # _tidy_text, without a call per entry (bulk loads)
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            tidy.append(text)
    return tidy


Minutes = Annotated[int, BeforeValidator(read_minutes)]  # "45 min", "1 hour" as whole minutes


# An everyday ASCII address that email_validator is sure to accept unchanged but for case:
# dot-separated runs of letters, digits and _%+- before the @; letter-digit-hyphen labels
# (no "--", so no punycode) and an alphabetic top-level domain after it.
# tests/test_email_fast_path.py checks that it agrees with email_validator.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]{1,64}(?:\.[A-Za-z0-9_%+-]{1,64})*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{1,63}"
)
# email_validator refuses these (RFC 6761 and friends); they take the full check. Each is
# one label, so a domain is one of them or under one when its last label is.
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _plain_email(value: str) -> str | None:
    """`value` lower-cased when it is an everyday address, else None (the full check).

    email_validator costs about a millisecond an address: on 5,000 participants that was
    most of the time of every warm command. Its answer for these addresses is known."""
    if len(value) > 254 or "--" in value or not _PLAIN_EMAIL.fullmatch(value):
        return None
    local, _, domain = value.lower().partition("@")
    if len(local) > 64 or domain.rpartition(".")[2] in _SPECIAL_USE:
        return None
    return f"{local}@{domain}"


def check_email(value: str) -> str:
    """A syntactically valid address, normalised and lower-cased (no DNS look-up)."""
    plain = _plain_email(value)
    if plain is not None:
        return plain
    # email_validator is imported here, not through pydantic's EmailStr: it costs ~15 ms
    # to import, and most addresses never need it.
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"value is not a valid email address: {exc}") from None
    return str(checked.normalized).lower()


EmailAddress = Annotated[str, Field(min_length=3, max_length=254), AfterValidator(check_email)]
Text = Annotated[str, AfterValidator(_tidy_text)]
TextList = Annotated[list[str], AfterValidator(_tidy_list)]


def _refuse_bool(value: Any) -> Any:
    # pydantic's lax mode reads `true` as 1: `years_experience: true` is a typing slip,
    # not a number. (Text like "12" stays accepted, as typed on a command line.)
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number; write a number")
    return value


def _is_date(annotation: Any) -> bool:
    """A date, or a date or None (not a datetime, a subclass of date)."""
    if annotation is dt.date:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args == [dt.date]
    return False


# Every date a file holds falls in the years a program's dates may (dates.YEARS): a
# start_date of 9999-12-31 made `report` step past the end of Python's calendar. Checked
# in pydantic-core (annotated_types bounds), so a bulk load pays nothing measurable.
_DATE_BOUNDS = (annotated_types.Ge(dt.date(YEARS.start, 1, 1)),
                annotated_types.Le(dt.date(YEARS.stop - 1, 12, 31)))


def _is_number(annotation: Any) -> bool:
    """int, float, or one of them or None (not bool, a subclass of int)."""
    if annotation in (int, float):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(a in (int, float) for a in args)
    return False


class Model(BaseModel):
    """Strict model: unknown keys are errors, so a typo in a hand-edited file is caught,
    and `true` is never read as a number."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        # `.inf` and `.nan` are YAML floats (and so is 1e999): never a number a file
        # means, and a weight of infinity made the matching solver fail outright.
        allow_inf_nan=False,
        # Each model's validator is built when it is first used, not when its module is
        # imported: a command pays only for the files it reads, and the check added below
        # goes in before that one build (adding it after meant building every model twice).
        defer_build=True,
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # One check on each number field (not one on every field: bulk loads stay fast),
        # and the calendar's bounds on each date field.
        for info in cls.model_fields.values():
            if _is_number(info.annotation) and not any(
                getattr(m, "func", None) is _refuse_bool for m in info.metadata
            ):
                info.metadata.append(BeforeValidator(_refuse_bool))
            if _is_date(info.annotation) and _DATE_BOUNDS[0] not in info.metadata:
                info.metadata.extend(_DATE_BOUNDS)


class FileModel(Model):
    """A whole file: carries `schema_version` and `kind` so files can be upgraded."""

    KIND: ClassVar[str] = ""
    SCHEMA_VERSION: ClassVar[int] = 1

    schema_version: int = Field(default=1, ge=1, strict=True)  # `true` or "1" is a mistake
    kind: str

    def to_document(self) -> dict[str, Any]:
        """The plain data written to YAML: stable key order, no empty optional values.

        Dates stay dates (YAML writes them unquoted); enums become their values; whole
        floats become ints so `years_experience: 12` does not turn into `12.0`.
        """
        data = plain(self.model_dump(mode="python", exclude_none=True))
        data["schema_version"] = self.SCHEMA_VERSION
        data["kind"] = self.KIND
        ordered = {"schema_version": data.pop("schema_version"), "kind": data.pop("kind")}
        ordered.update(data)
        return ordered


def plain(value: Any, *, json: bool = False) -> Any:
    """Python data (models dumped, dataclasses, enums) as plain data: the one converter.

    For YAML (the default): dict, list, str, int, float, bool, date; times as HH:MM text,
    whole floats as ints (`12`, not `12.0`). With `json`: JSON's types, for results'
    `to_json()`: dates and times as ISO 8601 text, floats rounded to 4 places.
    """
    if isinstance(value, dict):
        return {str(k): plain(v, json=json) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), json=json)
                for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v, json=json) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        if json:
            return round(value, 4)
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.time):
        if json:
            return value.isoformat()
        return value.isoformat(timespec="minutes" if not value.second else "seconds")  # 08:30
    if isinstance(value, dt.date):
        return value.isoformat() if json else value
    if isinstance(value, bool | int) or value is None:
        return value
    return str(value)  # str subclasses (EmailStr) and anything else as plain text
