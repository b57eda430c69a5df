"""Confidentiality by design: what the pair keeps private is neither asked for nor filed
unless program.yaml opts in, and what is filed as private stays private everywhere."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.models.program import CollectPrivate
from mentorkit.models.toolkit import Evaluation, Goal, Goals
from mentorkit.services.collection.questions import EVALUATION, RATING
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from tests.collection_support import google_csv, sessions, us
from tests.toolkit_support import PAIR, days, make_pair

CLI = Callable[..., Any]
MARKER = "ZZ-PRIVATE-MARKER-c011ect"
MARIA = "maria-lopez@example.org"
PRIVATE_TITLES = ["Issues that came up, and possible solutions",
                  "What did you learn at this meeting?"]


def opt_in(folder: ProgramFolder) -> None:
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"collect_private": CollectPrivate(
        session=True, evaluation=True)}))


def export(cli: CLI, tmp_path: Path) -> Path:
    """A session export with the private questions answered with MARKER (a form built
    with them, whatever `forms questions` offered)."""
    titles = ["Date of the meeting", "How did you meet?", *PRIVATE_TITLES]
    meeting = days(-10)
    row = [us(meeting), "In person", f"Night shifts {MARKER} - meet at handover",
           f"Ask for help early {MARKER}"]
    return google_csv(tmp_path / "s.csv", titles,
                      [(dt.datetime.combine(meeting, dt.time(9)), MARIA, row)])


@pytest.fixture
def pair(folder: ProgramFolder) -> ProgramFolder:
    make_pair(folder, created=days(-130), status=RelationshipStatus.ACTIVE, started=days(-120))
    return folder


def everything_the_program_shows(cli: CLI, tmp_path: Path) -> str:
    runs = [("report", "--json"), ("report",), ("due", "--json"), ("due",),
            ("report", "--pair", PAIR, "--json"), ("calendar", "--out", str(tmp_path / "c.ics"))]
    runs += [("report", "--format", fmt, "--out", str(tmp_path / f"r.{fmt}"))
             for fmt in ("markdown", "html", "csv")]
    runs += [("notify", "--json", "--preview", "check-in", PAIR)]
    outputs = []
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        outputs.append(result.stdout)
    outputs += [p.read_text() for p in tmp_path.glob("[rc].*")]
    return "\n".join(outputs)


def test_private_questions_are_not_asked_by_default(cli: CLI, pair: ProgramFolder) -> None:
    data = json.loads(cli("forms", "questions", "session", "--json").stdout)
    titles = [q["title"] for q in data["questions"]]
    assert not set(PRIVATE_TITLES) & set(titles)
    assert data["private_left_out"] == PRIVATE_TITLES
    opt_in(pair)
    data = json.loads(cli("forms", "questions", "session", "--json").stdout)
    assert set(PRIVATE_TITLES) <= {q["title"] for q in data["questions"] if q["private"]}


def test_without_opt_in_private_answers_are_never_filed(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    result = cli("collect", str(export(cli, tmp_path)), "--json", "--date-order", "month-first")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["private_left_out"] == PRIVATE_TITLES and data["filed"] == 1
    assert MARKER not in result.stdout
    [(_, session)] = sessions(pair, PAIR)
    assert session.issues == [] and session.learnings == []
    for path in pair.root.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path


def test_with_opt_in_private_answers_stay_private_everywhere(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    opt_in(pair)
    result = cli("collect", str(export(cli, tmp_path)), "--date-order", "month-first")
    assert result.exit_code == 0, result.output
    assert MARKER not in result.stdout  # collect's own output shows no answers
    [(stem, session)] = sessions(pair, PAIR)
    assert session.issues[0].issue == f"Night shifts {MARKER}"
    assert session.issues[0].possible_solution == "meet at handover"
    assert session.learnings == [f"Ask for help early {MARKER}"]
    assert MARKER not in everything_the_program_shows(cli, tmp_path)
    # the pair's own report shows it when asked for by name
    assert MARKER in cli("report", "--pair", PAIR, "--include-private", "--json").stdout
    # and the file holding it is the owner's only
    path = pair.relationship_dir(PAIR) / "sessions" / f"{stem}.yaml"
    assert path.stat().st_mode & 0o077 == 0


def test_a_later_session_answer_keeps_the_private_text_on_file(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    """The pair's learnings and notes, added to a collected session record, outlive the
    corrected answer that replaces it: the form did not ask them, so it cannot unsay them."""
    meeting = days(-10)
    titles = ["Date of the meeting", "How long did you meet?", "How did you meet?"]
    rows = [(dt.datetime.combine(meeting, dt.time(9)), MARIA, [us(meeting), "45 min", "Video"])]
    assert cli("collect", str(google_csv(tmp_path / "s.csv", titles, rows)),
               "--date-order", "month-first").exit_code == 0
    [(stem, session)] = sessions(pair, PAIR)
    pair.save(pair.relationship_dir(PAIR) / "sessions" / f"{stem}.yaml", session.model_copy(
        update={"learnings": [f"Ask early {MARKER}"], "private_notes": f"Notes {MARKER}"}))
    rows.append((dt.datetime.combine(meeting, dt.time(18)), MARIA,
                 [us(meeting), "1 hour", "Video"]))
    result = cli("collect", str(google_csv(tmp_path / "s.csv", titles, rows)),
                 "--date-order", "month-first", "--json")
    assert result.exit_code == 0, result.output
    [_, corrected] = json.loads(result.stdout)["rows"]
    assert corrected["action"] == "replaced"
    assert "kept from the earlier record" in corrected["notes"][-1]
    assert "learnings, private_notes" in corrected["notes"][-1]
    assert MARKER not in result.stdout
    [(_, session)] = sessions(pair, PAIR)
    assert session.duration_minutes == 60
    assert (session.learnings, session.private_notes) == (
        [f"Ask early {MARKER}"], f"Notes {MARKER}")


def test_a_form_evaluation_keeps_the_private_text_of_the_one_typed_in(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    pair.save_form(PAIR, Goals(kind="goals", goals=[Goal(id="g1", statement="Run a huddle"),
                                                    Goal(id="g2", statement="Audit")]))
    typed = cli("evaluate", PAIR, "--as", "mentee", "--no-interactive", "--date",
                days(-5).isoformat(), "--recommend", "3",
                "--outcome", f"g1|partly|moved {MARKER}", "--outcome", f"g2|no|later {MARKER}",
                "--new-goal", f"Lead {MARKER}", "--support", f"Time {MARKER}",
                "--comments", f"Thanks {MARKER}")
    assert typed.exit_code == 0, typed.output
    ratings = [q.title for q in EVALUATION if q.type == RATING]
    titles = [*ratings, "How likely are you to recommend the program to a colleague?",
              "Goal 1: was it achieved?"]
    row = [*["4"] * len(ratings), "9", "Yes"]
    export = google_csv(tmp_path / "e.csv", titles,
                        [(dt.datetime.combine(days(-2), dt.time(9)), MARIA, row)])
    result = cli("collect", str(export), "--json")
    assert result.exit_code == 0, result.output
    [filed] = json.loads(result.stdout)["rows"]
    assert filed["action"] == "replaced"
    assert filed["notes"][-1].endswith(
        "new_goals, support_needed, comments, why not (g1), why not (g2)")
    assert MARKER not in result.stdout
    mine = pair.load_form(PAIR, Evaluation, "evaluation-mentee.yaml")
    assert mine is not None and mine.recommend == 9
    assert (mine.new_goals, mine.support_needed, mine.comments) == (
        [f"Lead {MARKER}"], f"Time {MARKER}", f"Thanks {MARKER}")
    assert [(g.goal, g.achieved.value, g.why_not) for g in mine.goals] == [
        ("g1", "yes", f"moved {MARKER}"), ("g2", "no", f"later {MARKER}")]


def test_with_opt_in_the_later_answer_says_the_private_text_itself(
    cli: CLI, pair: ProgramFolder, tmp_path: Path
) -> None:
    """A form that asks the private questions is the pair's word on them."""
    opt_in(pair)
    titles = ["Date of the meeting", "How did you meet?", *PRIVATE_TITLES]
    meeting = days(-10)
    rows = [(dt.datetime.combine(meeting, dt.time(hour)), MARIA,
             [us(meeting), "Video", "", f"Learned {n}"]) for n, hour in ((1, 9), (2, 18))]
    result = cli("collect", str(google_csv(tmp_path / "s.csv", titles, rows)),
                 "--date-order", "month-first", "--json")
    assert result.exit_code == 0, result.output
    assert not any("kept" in note for row in json.loads(result.stdout)["rows"]
                   for note in row["notes"])
    [(_, session)] = sessions(pair, PAIR)
    assert session.learnings == ["Learned 2"]
