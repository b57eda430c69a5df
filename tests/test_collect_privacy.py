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
