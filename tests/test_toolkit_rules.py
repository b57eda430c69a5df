"""The toolkit's rules across files, tested on the services directly."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from toolkit_support import PAIR, days, make_pair

from mentorkit.errors import Conflict, InvalidFile, InvalidInput
from mentorkit.models.pair import current_goals
from mentorkit.models.toolkit import Goal, GoalProgress, Goals, SessionRecord
from mentorkit.services.toolkit.fill import fill_evaluation, fill_goals, fill_plan, log_session
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import (
    ActionStatus,
    GoalStatus,
    RelationshipStatus,
    Respondent,
)


def _goals(folder: ProgramFolder, *statements: str) -> None:
    fill_goals(folder, PAIR, add=[{"statement": s} for s in statements])


def _session(on: dt.date, *reports: tuple[str, GoalStatus, int | None]) -> SessionRecord:
    return SessionRecord(
        kind="session",
        date=on,
        duration_minutes=45,
        progress=[GoalProgress(goal=g, status=s, progress=p) for g, s, p in reports],
    )


# -- the latest-session rule -----------------------------------------------------------------
def _goal(goal_id: str, status: GoalStatus = GoalStatus.NOT_STARTED, progress: int = 0) -> Goal:
    return Goal(id=goal_id, statement=f"Goal {goal_id}", status=status, progress=progress)


def test_current_goals_follow_the_latest_session_that_reports_on_them() -> None:
    goals = [_goal("g1"), _goal("g2", GoalStatus.IN_PROGRESS, 10)]
    sessions = [
        _session(days(-10), ("g1", GoalStatus.IN_PROGRESS, 60)),
        _session(days(-30), ("g1", GoalStatus.IN_PROGRESS, 20), ("g2", GoalStatus.REVISED, 15)),
        _session(days(-5), ("g1", GoalStatus.IN_PROGRESS, None)),  # no number: keeps 60
    ]
    now = {g.id: g for g in current_goals(goals, sessions)}
    assert (now["g1"].status, now["g1"].progress) == (GoalStatus.IN_PROGRESS, 60)
    assert (now["g2"].status, now["g2"].progress) == (GoalStatus.REVISED, 15)


def test_current_goals_same_day_later_file_wins_and_achieved_is_complete() -> None:
    day = days(-3)
    sessions = [
        _session(day, ("g1", GoalStatus.IN_PROGRESS, 80)),
        _session(day, ("g1", GoalStatus.ACHIEVED, None)),
    ]
    (goal,) = current_goals(Goals(kind="goals", goals=[_goal("g1")]), sessions)
    assert goal.status is GoalStatus.ACHIEVED
    assert goal.progress == 100


def test_current_goals_a_goal_dropped_in_goals_yaml_stays_dropped() -> None:
    sessions = [_session(days(-3), ("g1", GoalStatus.IN_PROGRESS, 50))]
    (goal,) = current_goals([_goal("g1", GoalStatus.DROPPED)], sessions)
    assert goal.status is GoalStatus.DROPPED
    assert current_goals(None, sessions) == []


statuses = st.sampled_from([s for s in GoalStatus if s is not GoalStatus.DROPPED])


@given(
    st.lists(
        st.tuples(st.integers(0, 60), statuses, st.one_of(st.none(), st.integers(0, 100))),
        max_size=8,
    )
)
def test_current_goals_equals_the_last_report_in_date_order(reports: list) -> None:
    base = dt.date(2026, 1, 1)
    sessions = [_session(base + dt.timedelta(days=d), ("g1", s, p)) for d, s, p in reports]
    (goal,) = current_goals([_goal("g1", GoalStatus.IN_PROGRESS, 7)], sessions)
    ordered = sorted(reports, key=lambda r: r[0])  # stable, like the rule
    if not ordered:
        assert (goal.status, goal.progress) == (GoalStatus.IN_PROGRESS, 7)
        return
    numbers = [p for _, _, p in ordered if p is not None]
    expected_status = ordered[-1][1]
    expected = numbers[-1] if numbers else 7
    assert goal.status is expected_status
    assert goal.progress == (100 if expected_status is GoalStatus.ACHIEVED else expected)


# -- goals -----------------------------------------------------------------------------------
def test_goals_get_ids_and_no_more_than_five_are_active(folder: ProgramFolder, pair: str) -> None:
    _goals(folder, "One", "Two", "Three", "Four", "Five")
    assert [g.id for g in load_pair(folder, pair).goals.goals] == ["g1", "g2", "g3", "g4", "g5"]
    with pytest.raises(InvalidInput, match="6 active goals; at most 5"):
        _goals(folder, "Six")
    fill_goals(folder, pair, drop=["g2"])
    result = fill_goals(folder, pair, add=[{"statement": "Six"}])
    assert [g.id for g in result.document.goals][-1] == "g6"


def test_a_session_cannot_report_on_a_dropped_goal(folder: ProgramFolder, pair: str) -> None:
    _goals(folder, "One", "Two", "Three", "Four", "Five")
    fill_goals(folder, pair, drop=["g5"])
    _goals(folder, "Six")
    with pytest.raises(
        InvalidFile, match=r"goal g5 is dropped in goals\.yaml; to work on it again"
    ):
        log_session(
            folder,
            pair,
            {"date": days(-1), "progress": [{"goal": "g5", "status": GoalStatus.IN_PROGRESS}]},
        )
    log_session(  # recording that it stays dropped is fine
        folder, pair, {"date": days(-1), "progress": [{"goal": "g5", "status": "dropped"}]}
    )


def test_a_goal_sessions_refer_to_is_dropped_not_deleted(folder: ProgramFolder, pair: str) -> None:
    _goals(folder, "One", "Two")
    log_session(
        folder,
        pair,
        {
            "date": days(-2),
            "progress": [{"goal": "g1", "status": GoalStatus.IN_PROGRESS, "progress": 20}],
        },
    )
    with pytest.raises(
        InvalidFile,
        match=r"goal g1 cannot be deleted: session .* set its status to dropped instead",
    ):
        fill_goals(folder, pair, remove=["g1"])
    result = fill_goals(folder, pair, remove=["g2"])  # nothing refers to g2
    assert [g.id for g in result.document.goals] == ["g1"]
    result = fill_goals(folder, pair, drop=["g1"])
    assert result.document.goals[0].status is GoalStatus.DROPPED


def test_a_goal_actions_refer_to_is_not_deleted(folder: ProgramFolder, pair: str) -> None:
    _goals(folder, "One")
    fill_plan(folder, pair, add=[{"description": "Step", "date": days(3), "goal": "g1"}])
    with pytest.raises(InvalidFile, match="action a1 refer to it"):
        fill_goals(folder, pair, remove=["g1"])


def test_unknown_goal_in_options_is_named(folder: ProgramFolder, pair: str) -> None:
    with pytest.raises(InvalidInput, match="this pair has no goals yet"):
        fill_goals(folder, pair, status={"g1": GoalStatus.ACHIEVED})
    _goals(folder, "One")
    with pytest.raises(InvalidInput, match=r"no goal g7 in goals.yaml \(its goals: g1\)"):
        fill_goals(folder, pair, drop=["g7"])


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({"status": {"g1": GoalStatus.REVISED}}, "g1: the latest session reports it in-progress,"),
        ({"progress": {"g1": 90}}, "g1: the latest session reports it at 40%,"),
    ],
    ids=["status", "progress"],
)
def test_setting_what_a_later_session_overrides_says_so(
    folder: ProgramFolder, pair: str, change: dict[str, Any], shown: str
) -> None:
    _goals(folder, "One")
    log_session(
        folder,
        pair,
        {
            "date": days(-2),
            "progress": [{"goal": "g1", "status": GoalStatus.IN_PROGRESS, "progress": 40}],
        },
    )
    result = fill_goals(folder, pair, **change)
    assert any(shown in n for n in result.notes)


# -- sessions --------------------------------------------------------------------------------
def test_a_session_cannot_report_on_a_goal_that_does_not_exist(
    folder: ProgramFolder, pair: str
) -> None:
    _goals(folder, "One")
    with pytest.raises(InvalidFile, match=r"progress.0.goal: there is no goal g2 in goals.yaml"):
        log_session(
            folder, pair, {"progress": [{"goal": "g2", "status": GoalStatus.IN_PROGRESS}]}
        )
    with pytest.raises(InvalidFile, match=r"actions.0.goal: there is no goal g3"):
        log_session(
            folder, pair, {"actions": [{"description": "x", "date": days(5), "goal": "g3"}]}
        )
    assert folder.session_paths(pair) == []


def test_session_dates_against_the_relationship(folder: ProgramFolder) -> None:
    pair = make_pair(folder, created=days(-30))
    with pytest.raises(InvalidFile, match=r"is before the relationship began \(" + str(days(-30))):
        log_session(folder, pair, {"date": days(-31)})
    # a session is recorded once the meeting happened: tomorrow is refused (a year ahead
    # was allowed, and such a session made the pair active from that day)
    with pytest.raises(InvalidFile, match=r"is after today \("):
        log_session(folder, pair, {"date": days(1)})
    assert folder.load_relationship(pair).status is RelationshipStatus.PROPOSED
    log_session(folder, pair, {"date": days(0)})


def test_session_before_started_is_refused(folder: ProgramFolder) -> None:
    pair = make_pair(folder, created=days(-30), status=RelationshipStatus.ACTIVE, started=days(-10))
    with pytest.raises(InvalidFile, match=r"before the relationship began \(" + str(days(-10))):
        log_session(folder, pair, {"date": days(-11)})


def test_the_next_meeting_is_after_the_session(folder: ProgramFolder, pair: str) -> None:
    with pytest.raises(InvalidInput, match="the agreed next meeting must be after this session"):
        log_session(folder, pair, {"date": days(-1), "next_meeting": days(-1)})


def test_agreed_actions_join_the_plan_and_the_first_session_starts_it(
    folder: ProgramFolder, pair: str
) -> None:
    _goals(folder, "One")
    fill_plan(folder, pair, add=[{"description": "Read the policy", "date": days(2)}])
    result = log_session(
        folder,
        pair,
        {
            "date": days(-1),
            "actions": [
                {"description": "Draft a checklist", "date": days(7), "goal": "g1"},
                {"description": "Book a room", "date": days(8), "owner": "mentor"},
            ],
        },
    )
    assert result.path == f"relationships/{pair}/sessions/{days(-1)}.yaml"
    plan = load_pair(folder, pair).action_plan
    assert [(a.id, a.from_session) for a in plan.actions] == [
        ("a1", None),
        ("a2", days(-1).isoformat()),
        ("a3", days(-1).isoformat()),
    ]
    relationship = folder.load_relationship(pair)
    assert relationship.status is RelationshipStatus.ACTIVE
    assert relationship.started == days(-1)
    assert relationship.history[-1].note == "first session logged"
    assert "a2, a3" in result.notes[0]
    second = log_session(folder, pair, {"date": days(-1)})  # same day: a second file
    assert second.path.endswith(f"{days(-1)}-2.yaml")
    assert folder.load_relationship(pair).started == days(-1)


def test_a_closed_relationship_takes_no_sessions(folder: ProgramFolder) -> None:
    pair = make_pair(folder, status=RelationshipStatus.COMPLETED, started=days(-100))
    with pytest.raises(Conflict, match="a closed relationship takes no more sessions"):
        log_session(folder, pair, {"date": days(-1)})


# -- action plan and evaluation ------------------------------------------------------------
def test_actions_must_serve_existing_goals(folder: ProgramFolder, pair: str) -> None:
    with pytest.raises(InvalidFile, match=r"actions\.0\.goal: there is no goal g1"):
        fill_plan(folder, pair, add=[{"description": "x", "date": days(1), "goal": "g1"}])


def test_marking_actions_done_and_back(folder: ProgramFolder, pair: str) -> None:
    fill_plan(folder, pair, add=[{"description": "x", "date": days(1)}])
    done = fill_plan(folder, pair, done={"a1": None})
    assert done.document.actions[0].done_date == dt.date.today()
    again = fill_plan(folder, pair, status={"a1": ActionStatus.PLANNED})
    assert again.document.actions[0].done_date is None
    with pytest.raises(InvalidInput, match=r"there is no action a9 \(actions: a1\)"):
        fill_plan(folder, pair, done={"a9": None})


def test_evaluation_outcomes_name_goals_and_merge(folder: ProgramFolder, pair: str) -> None:
    _goals(folder, "Lead a huddle")
    # not typed as an option: named by its place (collect names the column it came from)
    with pytest.raises(InvalidFile, match=r"evaluation-mentor\.yaml: goals\.0\.goal: there is "
                                          "no goal g4"):
        fill_evaluation(
            folder, pair, Respondent.MENTOR, {"goals": [{"goal": "g4", "achieved": "yes"}]}
        )
    fill_evaluation(
        folder,
        pair,
        Respondent.MENTOR,
        {"goals": [{"goal": "g1", "achieved": "partly"}], "grew": 4},
    )
    result = fill_evaluation(
        folder,
        pair,
        Respondent.MENTOR,
        {"goals": [{"goal": "g1", "achieved": "yes"}], "recommend": 9},
    )
    evaluation = result.document
    assert [(o.goal, o.statement, o.achieved.value) for o in evaluation.goals] == [
        ("g1", "Lead a huddle", "yes")
    ]
    assert evaluation.relationship.grew == 4
    assert evaluation.recommend == 9
    assert result.path.endswith("evaluation-mentor.yaml")
