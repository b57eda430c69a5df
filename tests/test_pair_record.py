"""One model of a pair and its forms (models/pair.py): reading one pair (store/pairs.py)
and reading the whole program (store/snapshot.py) give the same record, file a misplaced
form the same way, and order sessions alike."""

from __future__ import annotations

import pytest
from toolkit_support import days, make_pair

from mentorkit.errors import InvalidFile
from mentorkit.models.pair import (
    FORM_FILES,
    PAIR_FILES,
    PairRecord,
    file_of,
    folder_problem,
    session_order,
)
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Evaluation, Goals, SessionRecord
from mentorkit.services.toolkit.fill import fill_evaluation, fill_goals, log_session
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair, scan_pair
from mentorkit.store.snapshot import load_snapshot
from mentorkit.vocab import Respondent


@pytest.fixture
def filled(folder: ProgramFolder) -> str:
    pair = make_pair(folder)
    fill_goals(folder, pair, add=[{"statement": "Lead a huddle"}])
    log_session(folder, pair, {"date": days(-20), "duration_minutes": 45})
    for n in range(3):  # three sessions on one day: -2 and -3 must sort after the first
        log_session(folder, pair, {"date": days(-10), "duration_minutes": 30 + n})
    fill_evaluation(folder, pair, Respondent.MENTEE, {"grew": 4})
    return pair


def test_one_pair_and_the_whole_program_read_the_same_record(
    folder: ProgramFolder, filled: str
) -> None:
    one = load_pair(folder, filled)
    bulk = load_snapshot(folder, use_cache=False).pairs[filled]
    assert one == bulk
    assert [s.duration_minutes for s in one.records] == [45, 30, 31, 32]
    assert [name[11:] for name, _ in one.sessions] == ["", "", "2", "3"]


def test_an_evaluation_in_the_other_sides_file_is_refused_by_both(
    folder: ProgramFolder, filled: str
) -> None:
    here = folder.relationship_dir(filled)
    (here / "evaluation-mentee.yaml").rename(here / "evaluation-mentor.yaml")
    record, problems = scan_pair(folder, folder.load_relationship(filled))
    assert record.evaluations == {}
    expected = (
        f"relationships/{filled}/evaluation-mentor.yaml: respondent: answered by the mentee, "
        "but this is the mentor's file"
    )
    assert [str(p) for p in problems] == [expected]
    with pytest.raises(InvalidFile) as bulk:
        load_snapshot(folder, use_cache=False)
    assert [str(p) for p in bulk.value.problems] == [expected]


def test_the_file_names_come_from_the_models() -> None:
    assert set(PAIR_FILES) == {
        "relationship.yaml", "needs-analysis.yaml", "goals.yaml", "action-plan.yaml",
        "evaluation-mentor.yaml", "evaluation-mentee.yaml", "partnership-ideas.yaml",
    }
    assert set(PAIR_FILES) - set(FORM_FILES) == {Relationship.FILE}
    assert file_of(Goals) == "goals.yaml"
    assert file_of(Evaluation, Respondent.MENTOR) == "evaluation-mentor.yaml"
    assert file_of(Evaluation) is None and file_of(SessionRecord) is None


def test_session_order_is_by_date_then_number() -> None:
    stems = ["2026-03-02", "2026-03-01-10", "2026-03-01-2", "2026-03-01"]
    assert sorted(stems, key=session_order) == [
        "2026-03-01", "2026-03-01-2", "2026-03-01-10", "2026-03-02",
    ]


def test_folder_names_are_checked_once() -> None:
    ann_cy = Relationship(mentor="ann", mentee="cy", created=days(-1))
    assert folder_problem("x", "ann--cy", ann_cy) is None
    wrong = folder_problem("x", "ann--di", ann_cy)
    assert wrong is not None and (wrong.field, wrong.line) == ("mentor", 1)
    for name in ("a--b--c", "ann", "Ann--Cy"):
        bad = folder_problem("x", name)
        assert bad is not None and bad.message.startswith("the name is not a valid pair id")


def test_a_record_knows_its_forms_by_file_name(folder: ProgramFolder, filled: str) -> None:
    record: PairRecord = load_pair(folder, filled)
    assert record.form("goals.yaml") is record.goals
    assert record.form("evaluation-mentee.yaml") is record.evaluations[Respondent.MENTEE]
    assert record.form("needs-analysis.yaml") is None


def test_a_session_file_numbered_with_a_digit_that_is_not_a_number_sorts() -> None:
    # "²" is a digit to isdigit() and nothing to int(): a stray file must not stop a sort
    assert session_order("2026-03-01-²") == ("2026-03-01", 1)
    assert session_order("2026-03-01-12") == ("2026-03-01", 12)
