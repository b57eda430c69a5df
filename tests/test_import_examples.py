"""What real sign-up forms produce, and the importer must read.

Google Forms and Microsoft Forms exports contain answers like "N/A" in questions that do
not apply, "6 months" for a new hire's experience, and option texts with a bracketed
hint such as "Video call (Teams, Zoom)". Each is read as the person meant it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit.errors import InvalidInput
from mentorkit.services.enrolment import importer, tidy
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Availability, MeetingMode

HEADER = (
    "Full name,Email address,I want to take part as,Years of experience in healthcare,"
    "I can help others with,How would you like to meet?,When are you available?,"
    "How many mentees could you take on?\n"
)
MAP = {
    "I want to take part as": "role",
    "Years of experience in healthcare": "years_experience",
    "I can help others with": "can_help_with",
    "How would you like to meet?": "meeting_modes",
    "When are you available?": "availability",
    "How many mentees could you take on?": "capacity",
}


def _import(folder: ProgramFolder, tmp_path: Path, rows: str) -> importer.ImportResult:
    source = tmp_path / "form.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    return importer.run_import(folder, source, column_map=MAP)


def test_placeholder_answers_are_blank(folder: ProgramFolder, tmp_path: Path) -> None:
    _import(folder, tmp_path, "Ana Silva,ana@example.org,Mentee,1,N/A,In person,Weekends,n/a\n")
    person = folder.load_participant("ana-silva")
    assert person.capacity is None
    assert person.can_help_with == []


@pytest.mark.parametrize(
    ("answer", "years"), [("6 months", 0.5), ("18 months", 1.5), ("9 mos", 0.75), ("2 years", 2.0)]
)
def test_experience_in_months(
    folder: ProgramFolder, tmp_path: Path, answer: str, years: float
) -> None:
    _import(folder, tmp_path, f"Ana Silva,ana@example.org,Mentee,{answer},,,,\n")
    assert folder.load_participant("ana-silva").years_experience == years


def test_months_are_not_a_capacity(folder: ProgramFolder, tmp_path: Path) -> None:
    source = tmp_path / "form.csv"
    source.write_text(HEADER + "Ana Silva,ana@example.org,Mentor,9,,,,6 months\n")
    with pytest.raises(importer.InvalidFile, match="'6 months' is not a number"):
        importer.run_import(folder, source, column_map=MAP)


def test_bracketed_option_notes(folder: ProgramFolder, tmp_path: Path) -> None:
    _import(
        folder,
        tmp_path,
        'Ana Silva,ana@example.org,Mentee,1,"Wound care (pressure injuries, dressings); QC",'
        '"Video call (Teams, Zoom), In person","Weekday mornings (7-11), Night shift",\n',
    )
    person = folder.load_participant("ana-silva")
    assert person.can_help_with == ["Wound care (pressure injuries, dressings)", "QC"]
    assert person.meeting_modes == [MeetingMode.VIDEO, MeetingMode.IN_PERSON]
    assert person.availability == [Availability.WEEKDAY_MORNING, Availability.NIGHT_SHIFT]


def test_unknown_option_still_named_as_written() -> None:
    with pytest.raises(InvalidInput, match=r"'Carrier pigeon \(weekly\)' is not a meeting mode"):
        tidy.parse_mode("Carrier pigeon (weekly)")
    with pytest.raises(InvalidInput, match=r"'Day shift' is not a availability"):
        tidy.parse_slot("Day shift")


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_ANSWER = st.one_of(
    _WORD,
    st.builds(lambda w, a, b: f"{w} ({a}, {b})", _WORD, _WORD, _WORD),
    st.builds(lambda w, a, b: f"{w} ({a}; {b})", _WORD, _WORD, _WORD),
)


@given(st.lists(_ANSWER, max_size=5), st.sampled_from([", ", "; ", ",", " ;  "]))
def test_split_keeps_bracketed_commas_together(answers: list[str], separator: str) -> None:
    assert tidy.split_answers(separator.join(answers)) == answers


@pytest.mark.parametrize("answer", ["0.5", "2.9", "1,5 mentees"])
def test_a_capacity_that_is_not_whole_refuses_the_row(
    folder: ProgramFolder, tmp_path: Path, answer: str
) -> None:
    # it was cut to a whole number: 0.5 became 0 (no mentees at all), 2.9 became 2
    source = tmp_path / "form.csv"
    source.write_text(HEADER + f'Ana Silva,ana@example.org,Mentor,9,,,,"{answer}"\n')
    with pytest.raises(importer.InvalidFile) as refused:
        importer.run_import(folder, source, column_map=MAP)
    assert str(refused.value.problems[0]) == (
        f"form.csv: row 2: column 'How many mentees could you take on?' (capacity): "
        f"{answer!r} is not a whole number; give how many mentees, like 2")
    assert folder.participant_ids() == []


def test_a_whole_capacity_written_with_a_decimal_point_is_read(
    folder: ProgramFolder, tmp_path: Path
) -> None:
    _import(folder, tmp_path, "Ana Silva,ana@example.org,Mentor,9,,,,2.0\n")
    assert folder.load_participant("ana-silva").capacity == 2
