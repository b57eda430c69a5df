"""The words people use: choices in any case and spelling, cadences by their everyday
names, lengths of time as "45 min" or "1 hour"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from toolkit_support import days, make_pair

from mentorkit.models.toolkit import NeedsAnalysis, SessionRecord
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Cadence, Choice, GoalStatus, MentorFunction

CHOICES = list(Choice.__subclasses__())


@pytest.mark.parametrize(("typed", "cadence", "days_"), [
    ("weekly", Cadence.WEEKLY, 7),
    ("Biweekly", Cadence.FORTNIGHTLY, 14),
    ("every two weeks", Cadence.FORTNIGHTLY, 14),
    ("Fortnightly", Cadence.FORTNIGHTLY, 14),
    ("twice a month", Cadence.TWICE_MONTHLY, 15),
    ("Monthly", Cadence.MONTHLY, 30),
    ("every two months", Cadence.BIMONTHLY, 61),
    ("bimonthly", Cadence.BIMONTHLY, 61),
    ("Quarterly", Cadence.QUARTERLY, 91),
])
def test_cadences_by_their_everyday_names(typed: str, cadence: Cadence, days_: int) -> None:
    assert Cadence(typed) is cadence
    assert cadence.days == days_
    assert Cadence.BIMONTHLY.words == "every two months"  # never "twice a month"


def test_us_and_british_spellings_and_any_case() -> None:
    assert MentorFunction("Professional Socialization") is (
        MentorFunction.PROFESSIONAL_SOCIALISATION)
    assert MentorFunction("CAREER_DEVELOPMENT") is MentorFunction.CAREER_DEVELOPMENT
    assert GoalStatus("In progress") is GoalStatus.IN_PROGRESS
    with pytest.raises(ValueError):
        Cadence("sometimes")


@given(st.sampled_from([m for c in CHOICES for m in c]), st.data())
def test_every_value_in_any_case_is_itself(member: Choice, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(member.value),
                               max_size=len(member.value)))
    typed = "".join(ch.upper() if up else ch for ch, up in zip(member.value, flips,
                                                              strict=True))
    typed = typed.replace("-", data.draw(st.sampled_from(["-", " ", "_"])))
    assert type(member)(typed) is member


@pytest.mark.parametrize(("typed", "minutes"), [
    ("45 min", 45), ("1 hour", 60), ("1.5 hours", 90), ("1h30", 90), ("90", 90),
    ("1 hr 15 mins", 75), (45, 45)])
def test_lengths_of_time(typed: Any, minutes: int) -> None:
    record = SessionRecord.model_validate({"kind": "session", "date": "2026-01-01",
                                           "duration_minutes": typed})
    assert record.duration_minutes == minutes


@pytest.mark.parametrize("typed", ["a while", "²", "1.01 hours", "", "9" * 400 + " hours",
                                   "9" * 5_000])
def test_a_length_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        SessionRecord.model_validate({"kind": "session", "date": "2026-01-01",
                                      "duration_minutes": typed})


def test_forms_from_files_take_the_words(cli: Any, folder: ProgramFolder, tmp_path: Path) -> None:
    pair = make_pair(folder)
    ok = cli("goals", pair, "--goal", "Lead a handover", "--no-interactive")
    assert ok.exit_code == 0, ok.stderr
    needs = tmp_path / "needs.yaml"
    needs.write_text(f"date: {days(-5).isoformat()}\nwants_to_accomplish: Confidence\n"
                     "meeting_cadence: Every two weeks\nmeeting_minutes: 1 hour\n",
                     encoding="utf-8")
    ok = cli("needs-analysis", pair, "--from", str(needs))
    assert ok.exit_code == 0, ok.stderr
    saved = folder.load_form(pair, NeedsAnalysis)
    assert saved is not None
    assert (saved.meeting_cadence, saved.meeting_minutes) == (Cadence.FORTNIGHTLY, 60)
    session = tmp_path / "session.yaml"
    session.write_text(f"date: {days(-4).isoformat()}\nduration_minutes: 45 min\n"
                       "mode: Video\nprogress:\n- goal: g1\n  status: In progress\n",
                       encoding="utf-8")
    ok = cli("log-session", pair, "--from", str(session))
    assert ok.exit_code == 0, ok.stderr
    shown = json.loads(cli("show", pair, "--json").stdout)
    assert shown["sessions"][0]["duration_minutes"] == 45
    assert shown["goals"][0]["status"] == "in-progress"
    # written back in the program's own words
    text = (folder.relationship_dir(pair) / "needs-analysis.yaml").read_text(encoding="utf-8")
    assert "meeting_cadence: fortnightly" in text


def test_options_take_the_words_too(cli: Any, folder: ProgramFolder) -> None:
    pair = make_pair(folder)
    ok = cli("needs-analysis", pair, "--wants", "Confidence", "--cadence", "Every two weeks",
             "--date", str(days(-6)), "--no-interactive")
    assert ok.exit_code == 0, ok.stderr
    saved = folder.load_form(pair, NeedsAnalysis)
    assert saved is not None and saved.meeting_cadence is Cadence.FORTNIGHTLY
    ok = cli("log-session", pair, "--date", str(days(-5)), "--mode", "Video",
             "--meeting", "First", "--no-interactive", "--json")
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["document"]["mode"] == "video"
    bad = cli("log-session", pair, "--mode", "pigeon", "--no-interactive")
    assert bad.exit_code == 2 and "use one of in-person, video, phone, chat" in bad.stderr
