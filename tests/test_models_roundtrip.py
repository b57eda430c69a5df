"""Hypothesis: every file kind survives model → YAML → parse → model unchanged.

Text is drawn from all of Unicode except surrogates (which cannot be UTF-8 encoded at
all), so control characters, odd line breaks, quotes and YAML-looking values all go
through the dumper and must read back as they were.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mentorkit.dates import YEARS
from mentorkit.limits import YEARS as EXPERIENCE
from mentorkit.models.base import FileModel
from mentorkit.models.participant import Participant
from mentorkit.models.program import MAX_WEIGHT, Program
from mentorkit.models.relationship import Relationship
from mentorkit.store import yamlio
from mentorkit.store.folder import validate
from mentorkit.vocab import (
    Availability,
    Cadence,
    MeetingMode,
    MentorFunction,
    RelationshipStatus,
    Role,
    SamePreference,
    Status,
)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Any character but surrogates: controls, NEL, LS/PS, BOM, emoji, combining marks.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# Strings that look like other YAML types when left unquoted.
tricky = st.sampled_from(
    ["yes", "No", "on", "null", "~", "true", "1", "0x1F", "1e3", "2026-01-05", "- a", ": x",
     "# not a comment", "'", '"', "|", ">", "&a", "*a", "!tag", "@x", "%YAML", "---", "...",
     " lead", "trail ", "a\nb", "a\r\nb", "\x85", "\u2028", "\ufeff", "\t", "=======",
     "<<<<<<< HEAD", "a: b", "[1, 2]", "{a: 1}", ".inf", ".nan", "0o17", "+1", "1_000"]
)
any_text = st.one_of(text, tricky)
nonblank = any_text.filter(lambda s: bool(s.split()))
text_list = st.lists(any_text, max_size=4)

ids = st.from_regex(r"\A[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,12}\Z").filter(
    lambda s: "--" not in s
)
# every date a program may hold (dates.YEARS); one outside is refused, tested below
dates = st.dates(min_value=dt.date(YEARS.start, 1, 1), max_value=dt.date(YEARS.stop - 1, 12, 31))
years = st.floats(min_value=0, max_value=EXPERIENCE.high, allow_nan=False)
weights = st.floats(min_value=0, max_value=MAX_WEIGHT, allow_nan=False)

local_part = st.text(string.ascii_lowercase + string.digits + "_+-", min_size=1, max_size=12)
domain = st.lists(
    st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8), min_size=1,
    max_size=3,
).map(lambda labels: ".".join([*labels, "org"]))
emails = st.builds(lambda a, b: f"{a}@{b}", local_part, domain)


def roundtrip(model: FileModel) -> FileModel:
    text = yamlio.dump(model.to_document())
    data = yamlio.parse(text, "x.yaml")
    return validate(data, type(model), path="x.yaml", text=text)


def roundtrip_with_comments(model: FileModel) -> FileModel:
    """The comment-preserving rewrite path: an older file with a comment, updated."""
    old = "# written by hand\n" + yamlio.dump({"schema_version": 1, "kind": model.KIND})
    text = yamlio.render_update(old, model.to_document())
    assert text.startswith("# written by hand\n")
    data = yamlio.parse(text, "x.yaml")
    return validate(data, type(model), path="x.yaml", text=text)


participants = st.builds(
    lambda **kw: Participant.model_validate({"kind": "participant", **kw}),
    name=nonblank.map(lambda s: s[:200]),
    email=emails,
    role=st.sampled_from(Role),
    job_title=any_text,
    department=any_text,
    site=any_text,
    years_experience=years,
    manager=st.none() | any_text,
    can_help_with=text_list,
    wants_help_with=text_list,
    career_goals=text_list,
    interests=text_list,
    languages=text_list,
    meeting_modes=st.lists(st.sampled_from(MeetingMode), max_size=4),
    availability=st.lists(st.sampled_from(Availability), max_size=5),
    preferred_mentors=st.lists(ids, max_size=3),
    capacity=st.none() | st.integers(0, 50),
    status=st.sampled_from(Status),
    joined=st.none() | dates,
    notes=any_text,
)

pair_refs = st.builds(
    lambda mentor, mentee, reason: {"mentor": mentor, "mentee": mentee, "reason": reason},
    ids, ids, st.none() | any_text,
)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    low = draw(years)
    high = draw(st.floats(min_value=low, max_value=EXPERIENCE.high, allow_nan=False))
    weight_values = draw(st.fixed_dictionaries(
        {k: weights for k in ("expertise", "experience_gap", "career_goals", "interests",
                              "language", "meeting_mode", "availability", "department",
                              "site", "preference")}
    ))
    weight_values["expertise"] = draw(st.floats(min_value=0.001, max_value=MAX_WEIGHT))
    path = draw(st.none() | st.from_regex(r"\A[a-z0-9_-]{1,8}(/[a-z0-9_.-]{1,8}){0,2}\Z"))
    if path is not None and ".." in path.split("/"):
        path = None
    data: dict[str, Any] = {
        "kind": "program",
        "name": draw(nonblank),
        "organisation": draw(any_text),
        "description": draw(any_text),
        "objectives": draw(text_list),
        "start_date": draw(dates),
        "duration_months": draw(st.integers(1, 60)),
        "cadence": draw(st.sampled_from(Cadence)),
        "session_minutes": draw(st.integers(10, 240)),
        "focus_areas": draw(st.lists(st.sampled_from(MentorFunction), max_size=6)),
        "confidentiality": draw(any_text),
        "default_mentor_capacity": draw(st.integers(1, 50)),
        "grace_days": draw(st.integers(0, 365)),
        "matching": {
            "min_mentor_years": draw(years),
            "ideal_gap_years": (low, high),
            "department": draw(st.sampled_from(SamePreference)),
            "site": draw(st.sampled_from(SamePreference)),
            "weights": weight_values,
            "exclusions": draw(st.lists(pair_refs, max_size=3)),
            "exclusions_file": path,
            "pinned": draw(st.lists(pair_refs, max_size=3)),
        },
    }
    return Program.model_validate(data)


@st.composite
def relationships(draw: st.DrawFn) -> Relationship:
    mentor = draw(ids)
    mentee = draw(ids.filter(lambda s: s != mentor))
    created = draw(dates)
    latest = dt.date(YEARS.stop - 1, 12, 31)
    started = draw(st.none() | st.dates(min_value=created, max_value=latest))
    ended = draw(st.none() | st.dates(min_value=started or created, max_value=latest))
    match = {
        "method": draw(st.sampled_from(["optimal", "suggested", "manual"])),
        "score": draw(st.none() | st.floats(0, 100)),
        "reasons": draw(st.lists(any_text, max_size=3)),
        "forced_reason": draw(st.none() | any_text),
        "overridden": draw(st.lists(any_text, max_size=2)),
    }
    closure = draw(
        st.none()
        | st.fixed_dictionaries(
            {
                "date": dates,
                "kind": st.sampled_from(["completed", "ended-early", "rematched"]),
                "reason": nonblank,
                "missing": st.lists(any_text, max_size=3),
                "missing_reason": st.none() | any_text,
            }
        )
    )
    history = draw(
        st.lists(
            st.fixed_dictionaries(
                {"date": dates, "event": any_text, "note": st.none() | any_text}
            ),
            max_size=3,
        )
    )
    return Relationship.model_validate(
        {
            "kind": "relationship",
            "mentor": mentor,
            "mentee": mentee,
            "status": draw(st.sampled_from(RelationshipStatus)),
            "created": created,
            "started": started,
            "ended": ended,
            "match": match,
            "closure": closure,
            "history": history,
        }
    )


@SETTINGS
@given(participants)
def test_participant_roundtrip(person: Participant) -> None:
    assert roundtrip(person) == person


@SETTINGS
@given(programs())
def test_program_roundtrip(program: Program) -> None:
    assert roundtrip(program) == program


@SETTINGS
@given(relationships())
def test_relationship_roundtrip(relationship: Relationship) -> None:
    assert roundtrip(relationship) == relationship


@settings(max_examples=60, deadline=None)
@given(st.one_of(participants, programs(), relationships()))
def test_comment_preserving_rewrite_roundtrip(model: FileModel) -> None:
    assert roundtrip_with_comments(model) == model


@settings(max_examples=60, deadline=None)
@given(participants)
def test_dump_is_stable(person: Participant) -> None:
    once = yamlio.dump(person.to_document())
    again = yamlio.dump(roundtrip(person).to_document())
    assert once == again
    assert once.startswith("schema_version: 1\nkind: participant\n")


@settings(max_examples=60, deadline=None)
@given(participants)
def test_json_output_matches_the_document(person: Participant) -> None:
    import json

    from mentorkit.render import to_json_text
    from mentorkit.services.enrolment.participants import PersonResult

    data = json.loads(to_json_text(PersonResult("x", person)))
    assert data["email"] == person.email
    assert data["name"] == person.name
    assert data["notes"] == person.notes


@given(st.one_of(st.dates(max_value=dt.date(YEARS.start - 1, 12, 31)),
                 st.dates(min_value=dt.date(YEARS.stop, 1, 1))))
def test_a_date_outside_a_programs_years_is_refused(day: dt.date) -> None:
    # (a program starting 9999-12-31 made `report` step past the end of the calendar)
    with pytest.raises(ValidationError, match="start_date"):
        Program.model_validate({"kind": "program", "name": "P", "start_date": day})
