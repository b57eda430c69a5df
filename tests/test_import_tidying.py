"""Import tidies what people type: form timestamps become dates, one spelling per department,
lists split, roles and choices read loosely, columns matched to fields, cells converted."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mentorkit import dates
from mentorkit.errors import InvalidInput
from mentorkit.services.enrolment import cells, columns, tidy
from mentorkit.vocab import Availability, MeetingMode, Role, Status


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-07-06", dt.date(2026, 7, 6)),
        ("2026-07-06 08:12:05", dt.date(2026, 7, 6)),
        ("7/6/2026 08:12:05", dt.date(2026, 7, 6)),  # Google Forms, US locale: month first
        ("7/6/2026", dt.date(2026, 7, 6)),
        ("25/6/2026 19:41", dt.date(2026, 6, 25)),  # 25 cannot be a month: day first
        ("7/6/26", dt.date(2026, 7, 6)),  # a two-digit year, as a short date format writes
        ("2026/11/20 9:14:03 AM GMT-5", dt.date(2026, 11, 20)),  # Google Forms Timestamp
        ("2026/11/20 11:59:03 PM GMT-5", dt.date(2026, 11, 20)),  # its own day, not UTC's
        ("11/20/2026 9:14:03", dt.date(2026, 11, 20)),  # Google Forms, US locale
        ("11/20/2026 9:14:03 AM", dt.date(2026, 11, 20)),  # Microsoft Forms Start time
        ("2026-11-20 09:14:03", dt.date(2026, 11, 20)),  # an XLSX date-time cell
    ],
)
def test_form_dates(raw: str, expected: dt.date) -> None:
    assert cells.convert("joined", raw) == expected


def test_date_order_day_first() -> None:
    reading = cells.Reading(date_order=dates.DAY_FIRST)
    assert cells.convert("joined", "7/6/2026 08:12:05", reading) == dt.date(2026, 6, 7)


@pytest.mark.parametrize("raw", ["yesterday", "13/13/2026", "2026-02-30", "9:14 AM"])
def test_bad_form_dates_name_the_format(raw: str) -> None:
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        cells.convert("joined", raw)


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


def test_a_lower_case_first_answer_takes_the_spelling_typed_below(program_dir, cli, folder) -> None:  # type: ignore[no-untyped-def]
    """'icu' on the first row made 'Icu' everyone's department, 'ICU' rows too."""
    csv = program_dir / "signup.csv"
    csv.write_text("name,email,role,department\n"
                   "Ann Bo,a@example.org,mentee,icu\n"
                   "Ben Co,b@example.org,mentor,ICU\n"
                   "Cy Do,c@example.org,mentor,ICU\n")
    result = cli("import", str(csv))
    assert result.exit_code == 0, result.stderr
    assert {p.department for p in folder.load_participants().values()} == {"ICU"}


def test_a_day_joined_after_today_is_a_bad_row(program_dir, cli, folder) -> None:  # type: ignore[no-untyped-def]
    """Read month first, 12/5 is tomorrow: refused as `add --joined` refuses it, with the
    likelier cause named, and nobody written."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    csv = program_dir / "signup.csv"
    csv.write_text("Timestamp,name,email,role\n"
                   f"{tomorrow.month}/{tomorrow.day}/{tomorrow.year} 9:14:03,Sam Roe,"
                   "sam@example.org,mentee\n")
    result = cli("import", str(csv), "--column", "Timestamp=joined")
    assert result.exit_code == 2
    assert (f"row 2: column 'Timestamp' (joined): {tomorrow} is after today "
            f"({dt.date.today()}): a participant cannot join on a future date") in result.stderr
    assert "--date-order day-first" in result.stderr
    assert folder.load_participants() == {}


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
        # a form's option with its hint in brackets, and "a mentor" as what one asks for
        ("Mentee (I want a mentor)", Role.MENTEE),
        ("Mentor (share what I know)", Role.MENTOR),
        ("Both (mentor and mentee)", Role.BOTH),
        ("I would like a mentor", Role.MENTEE),
        ("Looking for a mentor", Role.MENTEE),
        ("Get a mentor", Role.MENTEE),
        ("Mentee – I’d like a mentor", Role.MENTEE),
        ("I'd like to be a mentor", Role.MENTOR),
        ("Be a mentor and get a mentor", Role.BOTH),
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


def test_resolve_columns_by_name_and_wording() -> None:
    found = columns.resolve_columns(
        ["Timestamp", "Email Address", "Full Name", "Mentor or mentee?", "Job_Title", "Years"],
        {},
    )
    assert found.fields == {
        "Email Address": "email", "Full Name": "name", "Mentor or mentee?": "role",
        "Job_Title": "job_title", "Years": "years_experience",
    }
    assert found.ignored == ["Timestamp"]


def test_resolve_columns_given_map_is_matched_loosely() -> None:
    found = columns.resolve_columns(
        ["Who?", "E-mail", "Role"], {"who": "name", "e mail": "email"}
    )
    assert found.fields == {"Who?": "name", "E-mail": "email", "Role": "role"}


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
    assert cells.convert(target, raw) == value


option = st.text(alphabet=st.sampled_from("abcdefgh ,"), min_size=1, max_size=12).map(
    lambda t: " ".join(t.replace(",", ", ").split()).strip(" ,")).filter(
    lambda t: t and ",," not in t.replace(" ", ""))


@given(st.lists(option, min_size=1, max_size=5, unique_by=str.casefold))
def test_google_ticked_boxes_split_back_into_the_known_choices(ticked: list[str]) -> None:
    """Google Forms joins ticked boxes with ', '; the options, known, come back whole even
    when they hold commas themselves."""
    assume(all(a.casefold() not in b.casefold() for a in ticked for b in ticked if a != b))
    assert tidy.split_answers(", ".join(ticked), ticked) == ticked


@given(st.lists(option, min_size=1, max_size=5))
def test_microsoft_ticked_boxes_split_on_semicolons(ticked: list[str]) -> None:
    reading = cells.Reading(kind="Microsoft Forms")
    assert reading.split("interests", ";".join(ticked) + ";") == ticked


def test_bad_choices_in_a_column_map(cli, folder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    column_map = tmp_path / "map.yaml"
    column_map.write_text("columns:\n  Name: name\nchoices:\n  colour: [red]\n", encoding="utf-8")
    source = tmp_path / "s.csv"
    source.write_text("Name,Email,Role\nAnn,ann@example.org,mentor\n", encoding="utf-8")
    result = cli("import", str(source), "--map", str(column_map))
    assert result.exit_code != 0
    assert "map.yaml:4" in result.stderr and "'colour' should be a participant field" \
        in result.stderr
    assert folder.participant_ids() == []


@pytest.mark.parametrize(("target", "raw"), [
    ("capacity", "nan"), ("capacity", "1e999"), ("years_experience", "inf"),
    ("capacity", "9" * 400), ("years_experience", "NaN years"),
])
def test_numbers_that_are_not_counts_are_refused(target: str, raw: str) -> None:
    with pytest.raises(InvalidInput, match="is not a number") as refused:
        cells.convert(target, raw)
    assert len(str(refused.value)) < 200  # a 400-digit cell is named, not printed
