"""Services called directly: resolving people, tidying answers, mapping columns."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_person

from mentorkit.errors import InvalidInput, NotFound
from mentorkit.models.relationship import Relationship
from mentorkit.services import resolve
from mentorkit.services.enrolment import importer, participants, tidy
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import slugify, unique_id
from mentorkit.vocab import Availability, MeetingMode, Role, Status


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Leadership; QI projects, research", ["Leadership", "QI projects", "research"]),
        ("  a  b ;; ,c\nd ", ["a b", "c", "d"]),
        ("", []),
        (";,", []),
    ],
)
def test_split_answers(text: str, parts: list[str]) -> None:
    assert tidy.split_answers(text) == parts


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I want to be a mentor", Role.MENTOR),
        ("I'd like to mentor others", Role.MENTOR),
        ("Mentee.", Role.MENTEE),
        ("I want a mentor", Role.MENTEE),
        ("Both", Role.BOTH),
        ("both mentor and mentee", Role.BOTH),
        ("Mentor/Mentee", Role.BOTH),
    ],
)
def test_parse_role(text: str, role: Role) -> None:
    assert tidy.parse_role(text) is role


@pytest.mark.parametrize("text", ["", "boss", "mentoring", "n/a"])
def test_parse_role_refuses(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a role"):
        tidy.parse_role(text)


def test_parse_modes_slots_and_status() -> None:
    assert tidy.parse_mode("Face to face") is MeetingMode.IN_PERSON
    assert tidy.parse_mode("Teams") is MeetingMode.VIDEO
    assert tidy.parse_slot("Weekday-Mornings") is Availability.WEEKDAY_MORNING
    assert tidy.parse_slot("night shift") is Availability.NIGHT_SHIFT
    assert tidy.parse_status(" Paused ") is Status.PAUSED
    with pytest.raises(InvalidInput, match="use one of"):
        tidy.parse_mode("carrier pigeon")


def test_slugify_and_unique_ids() -> None:
    assert slugify("María  López-Núñez") == "maria-lopez-nunez"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("李小龍") == "person"
    assert len(slugify("x" * 500)) <= 60
    assert unique_id("Ann", {"ann", "ann-2"}) == "ann-3"


def test_resolve_person(folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz")
    make_person(folder, "Dana Scully")
    people = folder.load_participants()
    assert resolve.person("dan-ortiz", people) == "dan-ortiz"
    assert resolve.person("dana", people) == "dana-scully"
    assert resolve.person("DAN ORTIZ", people) == "dan-ortiz"
    assert resolve.person("dana-scully@example.org", people) == "dana-scully"
    with pytest.raises(InvalidInput, match="could be any of"):
        resolve.person("da", people)
    with pytest.raises(NotFound) as info:
        resolve.person("Dan Ortis", people)
    assert "dan-ortiz" in (info.value.hint or "")


def test_resolve_pair(folder: ProgramFolder) -> None:
    for name, role in (("Ann", "mentor"), ("Cy", "mentee"), ("Di", "mentee")):
        make_person(folder, name, role=role)
    people = folder.load_participants()
    pairs = {
        r.id: r
        for r in (
            Relationship(kind="relationship", mentor="ann", mentee="cy",
                         created=dt.date(2026, 1, 1), status="completed"),
            Relationship(kind="relationship", mentor="ann", mentee="di",
                         created=dt.date(2026, 1, 1), status="active"),
        )
    }
    assert resolve.pair("ann--cy", pairs, people) == "ann--cy"
    assert resolve.pair("ann--d", pairs, people) == "ann--di"
    assert resolve.pair("ann", pairs, people) == "ann--di"  # the one open pair
    assert resolve.pair("cy", pairs, people) == "ann--cy"  # the only pair
    with pytest.raises(NotFound, match="no relationship"):
        resolve.pair("ann--zed", pairs, people)


def test_mentor_load_counts_open_pairs_only() -> None:
    rows = [
        Relationship(kind="relationship", mentor="ann", mentee=m, created=dt.date(2026, 1, 1),
                     status=s)
        for m, s in (("a", "active"), ("b", "proposed"), ("c", "completed"), ("d", "ended-early"))
    ]
    assert participants.mentor_load(rows) == {"ann": 2}


def test_resolve_columns_by_name_and_wording() -> None:
    columns, ignored = importer.resolve_columns(
        ["Timestamp", "Email Address", "Full Name", "Mentor or mentee?", "Job_Title", "Years"],
        {},
    )
    assert columns == {
        "Email Address": "email", "Full Name": "name", "Mentor or mentee?": "role",
        "Job_Title": "job_title", "Years": "years_experience",
    }
    assert ignored == ["Timestamp"]


def test_resolve_columns_given_map_is_matched_loosely() -> None:
    columns, _ = importer.resolve_columns(
        ["Who?", "E-mail", "Role"], {"who": "name", "e mail": "email"}
    )
    assert columns == {"Who?": "name", "E-mail": "email", "Role": "role"}


@pytest.mark.parametrize(
    ("target", "raw", "value"),
    [
        ("years_experience", "12 years", 12.0),
        ("years_experience", "7,5", 7.5),
        ("years_experience", "20+", 20.0),
        ("capacity", "2 mentees", 2),
        ("name", "ANN SMITH", "Ann Smith"),
        ("name", "Ann McDonald", "Ann McDonald"),
        ("email", "Ann@X.org", "ann@x.org"),
    ],
)
def test_convert_cells(target: str, raw: str, value: object) -> None:
    assert importer._convert(target, raw) == value
