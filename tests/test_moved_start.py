"""Check-ins when a pair's start moves (its first session removed or re-dated): the
schedule moves with it, and what was answered and sent before still counts. An answer
counts toward the check-in it was filed for while that is on the schedule, else the one
its day falls to; no file is renamed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorkit.models.checkin import CheckIn
from mentorkit.services.collection.checkins import fill_check_in
from mentorkit.services.toolkit import corrections
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Respondent
from tests.collection_support import microsoft_xlsx
from tests.toolkit_support import PAIR, amend_session, days, make_pair

CLI = Callable[..., Any]
MARIA = "maria-lopez@example.org"
GOOD = {"meeting_as_agreed": "yes", "relationship": 5, "progress": 5}
BAD = {"meeting_as_agreed": "not-meeting", "relationship": 1, "progress": 1,
       "contact_me": True}


def _log(cli: CLI, day: int) -> None:
    result = cli("log-session", PAIR, "--date", days(day).isoformat(), "--duration", "45",
                 "--no-interactive")
    assert result.exit_code == 0, result.stderr


def _started_then_moved(cli: CLI, folder: ProgramFolder) -> None:
    """A pair started 80 days ago (check-ins at -50 and +10), whose first session is
    then removed: it started 51 days ago (check-ins at -21 and +39)."""
    make_pair(folder)
    _log(cli, -80)
    _log(cli, -51)


def _remove_first(folder: ProgramFolder) -> None:
    corrections.remove(folder, PAIR, days(-80).isoformat(), "logged for the wrong pair")
    assert folder.load_relationship(PAIR).started == days(-51)


def _with_sender(folder: ProgramFolder) -> None:
    program = folder.load_program()
    folder.save_program(program.model_copy(update={"messages": type(
        program.message_settings).model_validate({"from": "mentoring@example.org"})}))


def _check_ins(folder: ProgramFolder) -> list[str]:
    return sorted(name for name, _ in folder.load_check_ins(PAIR))


def test_answers_before_the_move_are_not_asked_for_again(cli: CLI, folder: ProgramFolder) -> None:
    """Both sides answered the first check-in (-50) before the start moved: they count
    toward the first check-in as it is now (-21), so `due` asks for none and the report
    counts both."""
    _started_then_moved(cli, folder)
    for side in Respondent:
        fill_check_in(folder, PAIR, side, {"date": days(-48), **GOOD})
    _remove_first(folder)
    assert json.loads(cli("due", "--json").stdout)["check_ins"] == []
    health = json.loads(cli("report", "--json").stdout)["health"]
    assert (health["expected"], health["received"]) == (2, 2)
    assert [r["responses"] for r in health["rounds"]] == [2]


def test_the_latest_answer_raises_its_flag(cli: CLI, folder: ProgramFolder) -> None:
    """An early answer filed for the +10 check-in counts toward -21 once the start
    moves; a later answer, filed for -21 and asking for contact, is the latest."""
    _started_then_moved(cli, folder)
    fill_check_in(folder, PAIR, Respondent.MENTEE, {"date": days(-3), **GOOD})
    _remove_first(folder)
    fill_check_in(folder, PAIR, Respondent.MENTEE, {"date": days(0), **BAD})
    assert _check_ins(folder) == [CheckIn.file_for(days(-21), Respondent.MENTEE),
                                  CheckIn.file_for(days(10), Respondent.MENTEE)]
    due = json.loads(cli("due", "--json").stdout)
    [flag] = due["needs_coordinator"]
    assert (flag["pair"], flag["respondent"], flag["answered"]) == (
        PAIR, "mentee", days(0).isoformat())
    assert "asked to be contacted" in flag["reasons"]
    assert json.loads(cli("report", "--json").stdout)["health"]["pairs_flagged"] == [PAIR]


def _forms_export(cli: CLI, path: Path, submitted: dt.date, meeting: str, rating: int,
                  contact: str) -> Path:
    """Maria's check-in as a Microsoft Forms export: the meeting answer, one rating for
    both questions, and whether she asks to be contacted."""
    answers = {"Are you meeting as agreed?": meeting,
               "How well is your mentoring relationship working?": rating,
               "How much progress are you making toward your goals?": rating,
               "Would you like the program coordinator to get in touch?": contact}
    questions = json.loads(cli("forms", "questions", "check-in", "--json").stdout)["questions"]
    titles = [q["title"] for q in questions]
    done = dt.datetime.combine(submitted, dt.time(9, 5))
    return microsoft_xlsx(path, titles, [(done, MARIA, "Maria Lopez",
                                          [answers.get(t, "") for t in titles])])


def test_a_forms_answer_collected_again_is_not_filed_twice(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    _started_then_moved(cli, folder)
    early = _forms_export(cli, tmp_path / "early.xlsx", days(-3), "Yes, as agreed", 5, "No")
    assert json.loads(cli("collect", str(early), "--json").stdout)["filed"] == 1
    _remove_first(folder)
    again = json.loads(cli("collect", str(early), "--json").stdout)
    assert (again["filed"], again["already_filed"]) == (0, 1), again["rows"]
    assert _check_ins(folder) == [CheckIn.file_for(days(10), Respondent.MENTEE)]
    # a later answer to the same check-in (-21, as the schedule is now) replaces it
    later = _forms_export(cli, tmp_path / "later.xlsx", days(0), "We are not meeting", 1, "Yes")
    replaced = json.loads(cli("collect", str(later), "--json").stdout)
    assert (replaced["filed"], replaced["replaced"]) == (0, 1), replaced["rows"]
    assert _check_ins(folder) == [CheckIn.file_for(days(-21), Respondent.MENTEE)]
    assert cli("validate").exit_code == 0


def test_a_check_in_invitation_is_not_sent_again_when_its_day_moves(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    """The first session re-dated five days later moves the first check-in five days:
    it is the same check-in, and its invitation went already."""
    make_pair(folder)
    _log(cli, -40)  # started 40 days ago: the first check-in was due 10 days ago
    _with_sender(folder)
    sent = cli("notify", "--kind", "check-in", "--outbox", str(tmp_path / "outbox"))
    assert sent.exit_code == 0, sent.stderr
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2  # Dan and Maria
    amended = amend_session(cli, tmp_path, PAIR, days(-40),
                            f"date: {days(-35).isoformat()}\nduration_minutes: 45\n",
                            "typo in the date")
    assert amended.exit_code == 0, amended.stderr
    assert folder.load_relationship(PAIR).started == days(-35)
    listed = json.loads(cli("notify", "--kind", "check-in", "--json").stdout)
    assert listed["messages"] == [] and listed["already_sent"] == 2


def test_an_invitation_sent_before_counts_for_the_check_in_its_answer_would(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    """Invited to the check-in of -5 (started -95), the mentee answered it; the first
    session re-dated to -71 moves the check-ins to -41, +19, +79. Her answer counts
    toward -41, and so does the invitation: +19's invitations are due on its day."""
    make_pair(folder)
    _log(cli, -95)
    _with_sender(folder)
    sent = cli("notify", "--kind", "check-in", "--outbox", str(tmp_path / "outbox"))
    assert sent.exit_code == 0, sent.stderr
    fill_check_in(folder, PAIR, Respondent.MENTEE, {"date": days(-3), **GOOD})
    amended = amend_session(cli, tmp_path, PAIR, days(-95),
                            f"date: {days(-71).isoformat()}\nduration_minutes: 45\n", "typo")
    assert amended.exit_code == 0, amended.stderr
    ahead = json.loads(cli("notify", "--kind", "check-in", "--json",
                           "--as-of", days(21).isoformat()).stdout)
    assert sorted(m["recipient"] for m in ahead["messages"]) == ["dan-ortiz", "maria-lopez"]


def test_a_pair_with_no_start_left_knows_an_answer_filed_before(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    """Every session removed, the pair has no check-ins now; the export that filed one
    before is collected again with the rest of the program's answers, not refused."""
    _started_then_moved(cli, folder)
    export = _forms_export(cli, tmp_path / "answers.xlsx", days(-40), "Yes, as agreed", 4, "No")
    assert json.loads(cli("collect", str(export), "--json").stdout)["filed"] == 1
    for day in (-80, -51):
        corrections.remove(folder, PAIR, days(day).isoformat(), "logged for the wrong pair")
    assert folder.load_relationship(PAIR).started is None
    again = cli("collect", str(export), "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["already_filed"] == 1


def test_an_early_answer_joins_the_figures_when_its_check_in_is_due(
    cli: CLI, folder: ProgramFolder
) -> None:
    """An answer given up to two weeks early is for the check-in ahead: the report's
    response rate and its table of check-ins count it from that day, both alike."""
    _started_then_moved(cli, folder)  # check-ins at -50 and +10
    fill_check_in(folder, PAIR, Respondent.MENTEE, {"date": days(-3), **GOOD})
    health = json.loads(cli("report", "--json").stdout)["health"]
    assert (health["expected"], health["received"], health["rounds"]) == (2, 0, [])


def test_a_nudge_for_a_quiet_spell_is_not_sent_again_when_its_meeting_is_re_dated(
    cli: CLI, folder: ProgramFolder, tmp_path: Path
) -> None:
    """Quiet since a meeting 60 days ago, both were nudged; that meeting's date then
    corrected by a day is the same quiet spell."""
    make_pair(folder)
    _log(cli, -60)
    _with_sender(folder)
    sent = cli("notify", "--kind", "overdue", "--outbox", str(tmp_path / "outbox"))
    assert sent.exit_code == 0, sent.stderr
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    amended = amend_session(cli, tmp_path, PAIR, days(-60),
                            f"date: {days(-59).isoformat()}\nduration_minutes: 45\n", "typo")
    assert amended.exit_code == 0, amended.stderr
    listed = json.loads(cli("notify", "--kind", "overdue", "--json").stdout)
    assert listed["messages"] == [] and listed["already_sent"] == 2
