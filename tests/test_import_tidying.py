"""Import tidies what people type: form timestamps become dates; one spelling per department."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorkit.errors import InvalidInput
from mentorkit.services.enrolment.importer import parse_form_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-07-06", dt.date(2026, 7, 6)),
        ("2026-07-06 08:12:05", dt.date(2026, 7, 6)),
        ("7/6/2026 08:12:05", dt.date(2026, 7, 6)),  # Google Forms, US locale: month first
        ("7/6/2026", dt.date(2026, 7, 6)),
        ("25/6/2026 19:41", dt.date(2026, 6, 25)),  # 25 cannot be a month: day first
    ],
)
def test_form_dates(raw: str, expected: dt.date) -> None:
    assert parse_form_date(raw) == expected


@pytest.mark.parametrize("raw", ["yesterday", "13/13/2026", "2026-02-30", "7/6/26"])
def test_bad_form_dates_name_the_format(raw: str) -> None:
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_form_date(raw)


def test_timestamp_column_fills_joined(program_dir, cli, folder) -> None:  # type: ignore[no-untyped-def]
    csv = program_dir / "signup.csv"
    csv.write_text(
        "Timestamp,Full name,Email address,I want to take part as\n"
        "7/6/2026 08:12:05,Kevin Walsh,kevin@example.org,Mentor\n"
        "banana,Rosa Delgado,rosa@example.org,Both\n"
    )
    result = cli("import", str(csv), "--column", "Timestamp=joined")
    assert result.exit_code == 2
    assert "row 3" in result.stderr and "Timestamp" in result.stderr
    assert folder.participant_ids() == []
    result = cli("import", str(csv), "--column", "Timestamp=joined", "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert folder.load_participant("kevin-walsh").joined == dt.date(2026, 7, 6)


def test_departments_sites_and_titles_take_one_spelling(program_dir, cli, folder) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_person

    make_person(folder, "Ann Lee", department="Emergency Dept", site="Main Campus")
    csv = program_dir / "signup.csv"
    csv.write_text(
        "name,email,role,department,site,job_title\n"
        "Bo Chan,bo@example.org,mentee,emergency dept,main campus,staff nurse\n"
        "Cy Diaz,cy@example.org,mentee,EMERGENCY DEPT,Riverside,Staff Nurse\n"
        "Di Eze,di@example.org,mentee,ICU,riverside,STAFF NURSE\n"
    )
    result = cli("import", str(csv))
    assert result.exit_code == 0, result.stderr
    people = folder.load_participants()
    assert {p.department for p in people.values()} == {"Emergency Dept", "ICU"}
    assert {p.site for p in people.values()} == {"Main Campus", "Riverside"}
    assert {p.job_title for p in people.values() if p.job_title} == {"Staff Nurse"}
