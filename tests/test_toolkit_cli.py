"""Every form, every way: options, prompts (input=), --from FILE, --edit in $EDITOR."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from toolkit_support import KEEP, TODAY, Editor, days, replace, write

from mentorkit.store.folder import ProgramFolder
from mentorkit.store.pairs import load_pair
from mentorkit.vocab import GoalStatus, RelationshipStatus


@pytest.fixture
def with_goals(folder: ProgramFolder, pair: str, cli) -> str:
    result = cli(
        "goals",
        pair,
        "--goal",
        "Run the morning huddle alone|3 huddles led",
        "--goal",
        "Finish the wound-care course|certificate|coaching",
    )
    assert result.exit_code == 0, result.stderr
    return pair


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    scripted = Editor(tmp_path / "editor")
    monkeypatch.setenv("EDITOR", scripted.command)
    monkeypatch.delenv("VISUAL", raising=False)
    return scripted


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


# -- Tool 1: needs analysis ------------------------------------------------------------------
def test_needs_analysis_with_options(cli, folder: ProgramFolder, pair: str) -> None:
    result = cli(
        "needs-analysis",
        "maria",
        "--date",
        str(days(-100)),
        "--wants",
        "Lead a unit huddle",
        "--interest",
        "wound care; teaching",
        "--interest",
        "audits",
        "--issue",
        "short staffing",
        "--cadence",
        "monthly",
        "--minutes",
        "45",
        "--place",
        "ICU seminar room",
        "--confidentiality",
        "--json",
    )
    _ok(result)
    data = json.loads(result.stdout)
    assert data["action"] == "created"
    needs = load_pair(folder, pair).needs_analysis
    assert needs.interests_and_skills == ["wound care", "teaching", "audits"]
    assert needs.confidentiality_agreed is True
    again = cli("needs-analysis", pair, "--mentor-hopes", "Practise coaching")
    _ok(again)
    assert "Updated needs-analysis" in again.stdout
    needs = load_pair(folder, pair).needs_analysis
    assert (needs.wants_to_accomplish, needs.mentor_hopes) == (
        "Lead a unit huddle",
        "Practise coaching",
    )


def test_needs_analysis_needs_something(cli, pair: str) -> None:
    result = cli("needs-analysis", pair, "--no-interactive")
    assert result.exit_code == 2
    assert "nothing to record" in result.stderr
    result = cli("needs-analysis", pair, "--place", "Room 3", "--no-interactive")
    assert result.exit_code == 2
    assert "wants_to_accomplish: required field is missing" in result.stderr


def test_needs_analysis_by_prompts_shows_guidance(cli, folder: ProgramFolder, pair: str) -> None:
    answers = [
        "",
        "Lead a unit huddle",
        "wound care; teaching",
        "short staffing",
        "email; chat",
        "Confidence",
        "",
        "",
        "",
        "monthly",
        "²",
        "500",
        "45",
        "Room 3",
        "yes",
    ]
    result = cli("needs-analysis", pair, "--interactive", input="\n".join(answers) + "\n")
    _ok(result)
    assert "In their words" in result.stdout  # the form's guidance for that question
    assert "Give a whole number from 10 to 240" in result.stdout  # 500 was asked again
    needs = load_pair(folder, pair).needs_analysis
    assert needs.date == TODAY
    assert needs.communication == ["email", "chat"]
    assert needs.meeting_minutes == 45
    assert needs.confidentiality_agreed is True


def test_needs_analysis_from_file(cli, folder: ProgramFolder, pair: str, tmp_path: Path) -> None:
    path = tmp_path / "needs.yaml"
    path.write_text(
        "# our first meeting\nschema_version: 1\nkind: needs-analysis\n"
        f"date: {days(-90)}\nwants_to_accomplish: Learn rostering\ninterests_and_skills:\n"
        "  - audits\nmentor_hopes:\nmeeting_minutes: 30\n"
    )
    _ok(cli("needs-analysis", pair, "--from", str(path)))
    text = folder.form_path(pair, "needs-analysis.yaml").read_text()
    assert "# our first meeting" in text  # comments typed in the file are kept
    assert load_pair(folder, pair).needs_analysis.meeting_minutes == 30
    path.write_text("kind: needs-analysis\ndate: 2026-13-01\nwants_to_accomplish: x\n")
    result = cli("needs-analysis", pair, "--from", str(path))
    assert result.exit_code == 2
    assert f"{path}:2: date: '2026-13-01' is not a real date" in result.stderr


def test_from_and_edit_take_the_whole_form(cli, pair: str, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("kind: goals\n")
    result = cli("goals", pair, "--from", str(path), "--goal", "x")
    assert result.exit_code == 2
    assert "--from and --edit take the whole form" in result.stderr
    result = cli("goals", pair, "--from", str(path), "--edit")
    assert "give --from or --edit, not both" in result.stderr


def test_needs_analysis_edit_reopens_with_errors_and_keeps_what_was_typed(
    cli, folder: ProgramFolder, pair: str, editor: Editor
) -> None:
    editor.plan(
        replace(
            ("wants_to_accomplish:", "wants_to_accomplish: Learn rostering"),
            ("meeting_minutes:", "meeting_minutes: 500  # typed by me"),
        ),
        replace(("meeting_minutes: 500", "meeting_minutes: 50")),
    )
    result = cli("needs-analysis", pair, "--edit")
    _ok(result)
    assert editor.calls == 2
    first, second = editor.seen(0), editor.seen(1)
    assert f"date: {TODAY}" in first  # the blank form, with what is known filled in
    assert "# What does the mentee most want to accomplish through" in first
    lines = second.splitlines()
    assert lines[0].startswith("#! This form was NOT saved")
    error = next(line for line in lines if "meeting_minutes:" in line and line.startswith("#!"))
    assert "less than or equal to 240" in error
    line_no = int(error.split("line ")[1].split(":")[0])
    assert lines[line_no - 1].startswith("meeting_minutes: 500")  # points at the right line
    assert "Learn rostering" in second and "# typed by me" in second
    saved = folder.form_path(pair, "needs-analysis.yaml").read_text()
    assert "#!" not in saved
    assert "# typed by me" in saved
    assert load_pair(folder, pair).needs_analysis.meeting_minutes == 50
    assert not list(folder.state_dir.glob("edit-*"))


def test_edit_unchanged_or_empty_aborts_cleanly(
    cli, folder: ProgramFolder, pair: str, editor: Editor
) -> None:
    editor.plan(KEEP)
    result = cli("needs-analysis", pair, "--edit")
    assert result.exit_code == 1
    assert "aborted: nothing changed; nothing was saved" in result.stderr
    editor.plan(write("# nothing\n\n"))
    result = cli("needs-analysis", pair, "--edit")
    assert result.exit_code == 1
    assert "the form is empty" in result.stderr
    assert load_pair(folder, pair).needs_analysis is None
    assert not list(folder.state_dir.glob("edit-*"))


def test_edit_given_up_after_an_error_keeps_the_text(
    cli, folder: ProgramFolder, pair: str, editor: Editor
) -> None:
    editor.plan(replace(("meeting_minutes:", "meeting_minutes: 999")), KEEP)
    result = cli("needs-analysis", pair, "--edit")
    assert result.exit_code == 1
    assert "the errors are still there" in result.stderr
    (kept,) = folder.state_dir.glob("edit-*")
    assert "meeting_minutes: 999" in kept.read_text()
    assert str(kept) in result.stderr


def test_edit_when_the_editor_fails(cli, pair: str, editor: Editor) -> None:
    editor.plan(replace(("mentee_hopes:", "mentee_hopes: x"), exit=3))
    result = cli("needs-analysis", pair, "--edit")
    assert result.exit_code == 1
    assert "the editor exited with status 3" in result.stderr


def test_edit_opens_the_current_form(cli, folder: ProgramFolder, pair: str, editor: Editor) -> None:
    _ok(cli("needs-analysis", pair, "--wants", "Lead a huddle"))
    editor.plan(replace(("wants_to_accomplish: Lead a huddle", "wants_to_accomplish: Lead two")))
    _ok(cli("needs-analysis", pair, "--edit"))
    assert "wants_to_accomplish: Lead a huddle" in editor.seen(0)
    assert load_pair(folder, pair).needs_analysis.wants_to_accomplish == "Lead two"


# -- Tool 2: goals ---------------------------------------------------------------------------
def test_goals_with_options(cli, folder: ProgramFolder, with_goals: str) -> None:
    goals = load_pair(folder, with_goals).goals.goals
    assert [(g.id, g.measure) for g in goals] == [("g1", "3 huddles led"), ("g2", "certificate")]
    assert goals[1].function.value == "coaching"
    _ok(
        cli(
            "goals", with_goals, "--status", "g1=in-progress", "--progress", "g1=30", "--drop", "g2"
        )
    )
    goals = load_pair(folder, with_goals).goals.goals
    assert [(g.status, g.progress) for g in goals] == [
        (GoalStatus.IN_PROGRESS, 30),
        (GoalStatus.DROPPED, 0),
    ]
    result = cli("goals", with_goals, "--status", "g1=finished")
    assert result.exit_code == 2
    assert "'finished' is not a status" in result.stderr
    result = cli("goals", with_goals, "--progress", "g1=150")
    assert "give a number from 0 to 100" in result.stderr


def test_goals_remove_refused_when_sessions_refer(cli, with_goals: str) -> None:
    _ok(cli("log-session", with_goals, "--progress", "g1|in-progress|20"))
    result = cli("goals", with_goals, "--remove", "g1")
    assert result.exit_code == 2
    assert "goal g1 cannot be deleted" in result.stderr
    assert "set its status to dropped instead" in result.stderr
    _ok(cli("goals", with_goals, "--remove", "g2"))


def test_goals_by_prompts(cli, folder: ProgramFolder, pair: str) -> None:
    answers = [
        "Lead a huddle",
        "3 huddles",
        "2026-05-01",
        "coaching",
        "Learn rostering",
        "",
        "",
        "",
        "",
    ]
    result = cli("goals", pair, "--interactive", input="\n".join(answers) + "\n")
    _ok(result)
    assert "Specific and realistic for the time you have" in result.stdout
    goals = load_pair(folder, pair).goals.goals
    assert [(g.id, g.statement) for g in goals] == [
        ("g1", "Lead a huddle"),
        ("g2", "Learn rostering"),
    ]
    assert goals[0].target_date.isoformat() == "2026-05-01"


def test_goals_from_file_and_more_than_five(
    cli, folder: ProgramFolder, pair: str, tmp_path: Path
) -> None:
    path = tmp_path / "goals.yaml"
    items = "".join(f"  - statement: Goal {n}\n" for n in range(1, 7))
    path.write_text(f"kind: goals\ngoals:\n{items}")
    result = cli("goals", pair, "--from", str(path))
    assert result.exit_code == 2
    assert "6 active goals; at most 5" in result.stderr
    path.write_text(f"kind: goals\ngoals:\n{items}    status: dropped\n")
    _ok(cli("goals", pair, "--from", str(path)))
    assert [g.id for g in load_pair(folder, pair).goals.goals] == [f"g{n}" for n in range(1, 7)]


def test_goals_edit(cli, folder: ProgramFolder, pair: str, editor: Editor) -> None:
    editor.plan(replace(("- statement:", "- statement: Run the huddle alone")))
    _ok(cli("goals", pair, "--edit"))
    (goal,) = load_pair(folder, pair).goals.goals
    assert (goal.id, goal.statement) == ("g1", "Run the huddle alone")
    text = folder.form_path(pair, "goals.yaml").read_text()
    assert "specific and realistic" in text  # the guidance stays as comments


def test_goals_edit_refuses_deleting_a_goal_in_use(
    cli, folder: ProgramFolder, with_goals: str, editor: Editor
) -> None:
    _ok(cli("log-session", with_goals, "--progress", "g1|in-progress|20"))
    current = folder.form_path(with_goals, "goals.yaml").read_text()
    without_g1 = current.replace(current[current.index("- id: g1") : current.index("- id: g2")], "")
    editor.plan(write(without_g1), write(current.replace("3 huddles led", "4 huddles led")))
    _ok(cli("goals", with_goals, "--edit"))
    assert "goal g1 cannot be deleted" in editor.seen(1)
    assert load_pair(folder, with_goals).goals.goals[0].measure == "4 huddles led"


# -- Tool 3: action plan ---------------------------------------------------------------------
def test_action_plan_with_options(cli, folder: ProgramFolder, with_goals: str) -> None:
    _ok(
        cli(
            "action-plan",
            with_goals,
            "--action",
            f"Shadow the charge nurse|{days(5)}|g1",
            "--action",
            f"Book the course|{days(9)}|mentor|g2|14:30",
        )
    )
    plan = load_pair(folder, with_goals).action_plan
    assert [(a.id, a.goal, a.owner.value) for a in plan.actions] == [
        ("a1", "g1", "mentee"),
        ("a2", "g2", "mentor"),
    ]
    _ok(cli("action-plan", with_goals, "--done", f"a1={days(-1)}", "--status", "a2=cancelled"))
    plan = load_pair(folder, with_goals).action_plan
    assert plan.actions[0].done_date == days(-1)
    assert plan.actions[1].status.value == "cancelled"
    result = cli("action-plan", with_goals, "--action", f"x|{days(1)}|g7")
    assert result.exit_code == 2
    assert "there is no goal g7" in result.stderr
    result = cli("action-plan", with_goals, "--done", "a1=yesterday")
    assert "write the date as YYYY-MM-DD" in result.stderr


def test_action_plan_by_prompts(cli, folder: ProgramFolder, with_goals: str) -> None:
    answers = ["Shadow the charge nurse", "not a date", str(days(4)), "both", "g1", ""]
    result = cli("action-plan", with_goals, "--interactive", input="\n".join(answers) + "\n")
    _ok(result)
    assert "is not a date" in result.stdout
    (action,) = load_pair(folder, with_goals).action_plan.actions
    assert (action.owner.value, action.goal, action.date) == ("both", "g1", days(4))


def test_action_plan_from_file_and_edit(
    cli, folder: ProgramFolder, with_goals: str, tmp_path: Path, editor: Editor
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"kind: action-plan\nactions:\n  - description: Read policy\n"
        f"    date: {days(3)}\n    goal: g1\n"
    )
    _ok(cli("action-plan", with_goals, "--from", str(path)))
    editor.plan(replace(("status: planned", f"status: done\n  done_date: {days(-1)}")))
    _ok(cli("action-plan", with_goals, "--edit"))
    (action,) = load_pair(folder, with_goals).action_plan.actions
    assert (action.id, action.status.value, action.done_date) == ("a1", "done", days(-1))


# -- Tool 4: session records -----------------------------------------------------------------
def test_log_session_with_options(cli, folder: ProgramFolder, with_goals: str) -> None:
    result = cli(
        "log-session",
        "maria-lopez",
        "--date",
        str(days(-7)),
        "--time",
        "14:00",
        "--duration",
        "50",
        "--mode",
        "video",
        "--progress",
        "g1|in-progress|30|watched one",
        "--issue",
        "Nervous speaking up|Practise with Dan",
        "--learning",
        "Keep it short",
        "--action",
        f"Draft the checklist|{days(7)}|g1",
        "--next",
        str(days(21)),
        "--notes",
        "Talked about the night shift",
        "--json",
    )
    _ok(result)
    data = json.loads(result.stdout)
    assert data["action"] == "logged"
    assert data["file"] == f"relationships/{with_goals}/sessions/{days(-7)}.yaml"
    ((name, session),) = load_pair(folder, with_goals).sessions
    assert session.meeting.value == "first"  # the pair's first session
    assert session.issues[0].possible_solution == "Practise with Dan"
    assert session.private_notes == "Talked about the night shift"
    assert load_pair(folder, with_goals).action_plan.actions[0].from_session == name
    assert folder.load_relationship(with_goals).status is RelationshipStatus.ACTIVE


@pytest.mark.parametrize(("given", "minutes"), [
    ("50", 50), ("1 hour", 60), ("1h30", 90), ("45 min", 45), ("1,5 hours", 90),
])
def test_a_length_of_time_is_read_as_the_forms_read_it(
    cli, folder: ProgramFolder, with_goals: str, given: str, minutes: int
) -> None:
    # the option takes what the prompt and a form file take, not only bare minutes
    _ok(cli("log-session", with_goals, "--date", str(days(-7)), "--duration", given))
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert session.duration_minutes == minutes


def test_log_session_rules_have_clear_messages(cli, with_goals: str) -> None:
    result = cli("log-session", with_goals, "--progress", "g9|in-progress")
    assert result.exit_code == 2
    assert "--progress 'g9|in-progress': there is no goal g9 in goals.yaml (its goals: g1, g2)" in (
        result.stderr
    )
    result = cli("log-session", with_goals, "--date", str(days(-121)))
    assert "--date: " + str(days(-121)) + " is before the relationship began" in result.stderr
    result = cli("log-session", with_goals, "--date", str(days(1)))
    assert f"{days(1)} is after today ({TODAY}): record a meeting once it has happened" in (
        result.stderr)
    result = cli("log-session", with_goals, "--date", str(days(-3)), "--next", str(days(-4)))
    assert "the agreed next meeting must be after this session" in result.stderr
    result = cli("log-session", with_goals, "--progress", "g1|40")
    assert "give the goal's status" in result.stderr


def test_a_bad_value_typed_as_an_option_names_the_option_not_a_file(
    cli, folder: ProgramFolder, pair: str, tmp_path: Path
) -> None:
    # the pair has no goals, no action plan and no session yet: the files the errors
    # used to name did not exist
    action = f"Shadow a visit|{days(7)}|g1"
    result = cli("action-plan", pair, "--no-interactive", "--action", action)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --action '{action}': there is no goal g1: this "
                                    "pair has no goals yet (set them with `mentorkit goals`)")
    result = cli("log-session", pair, "--no-interactive", "--progress", "g1|in-progress|30",
                 "--action", action, "--date", str(days(-121)))
    assert result.exit_code == 2
    assert f"--date: {days(-121)} is before the relationship began" in result.stderr
    assert "--progress 'g1|in-progress|30': there is no goal g1" in result.stderr
    assert f"--action '{action}': there is no goal g1" in result.stderr
    assert "relationships/" not in result.stderr and ".yaml" not in result.stderr
    result = cli("needs-analysis", pair, "--no-interactive", "--date", str(days(1)),
                 "--wants", "x")
    assert f"error: --date: {days(1)} is after today" in result.stderr
    assert not folder.form_path(pair, "action-plan.yaml").exists()
    # a value read from a file is still named by its file and field
    path = tmp_path / "plan.yaml"
    path.write_text(f"kind: action-plan\nactions:\n  - id: a1\n    description: x\n"
                    f"    date: {days(7)}\n    goal: g1\n")
    result = cli("action-plan", pair, "--from", str(path))
    assert f"{path}:6: actions.0.goal: there is no goal g1" in result.stderr


def test_log_session_by_prompts(cli, folder: ProgramFolder, with_goals: str) -> None:
    answers = [
        str(days(-2)),
        "7:30 am",
        "40",
        "phone",
        "",  # date, time, minutes, mode, meeting (default: first)
        "in-progress",
        "35",
        "Led half a huddle",  # g1
        "",  # g2 skipped
        "Short of time",
        "Prepare notes the day before",
        "",  # one issue
        "Start with the safety item; keep it brief",  # learnings
        "Write the checklist",
        str(days(5)),
        "",
        "g1",
        "",  # one action
        str(days(20)),
        "",  # its time: the same as this one's
        "just between us",
    ]
    result = cli("log-session", with_goals, "--interactive", input="\n".join(answers) + "\n")
    _ok(result)
    assert (f"Tool 4 — Session record: Dan Ortiz (mentor) and Maria Lopez (mentee) "
            f"[{with_goals}]") in result.stdout
    assert "The mentee starts by reflecting" not in result.stdout  # header is not a question
    assert "Let the mentee find solutions" in result.stdout
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert session.duration_minutes == 40
    assert [(p.goal, p.progress) for p in session.progress] == [("g1", 35)]
    assert session.learnings == ["Start with the safety item", "keep it brief"]
    assert session.next_meeting == days(20)
    assert (session.time, session.next_meeting_time) == (dt.time(7, 30), dt.time(7, 30))
    assert load_pair(folder, with_goals).current_goals()[0].progress == 35


def test_log_session_from_file(cli, folder: ProgramFolder, with_goals: str, tmp_path: Path) -> None:
    path = tmp_path / "session.yaml"
    path.write_text(
        f"kind: session\ndate: {days(-1)}\nduration_minutes: 30\nmeeting: regular\n"
        "progress:\n  - goal: g2\n    status: achieved\nissues:\n  - issue:\n"
        f"    possible_solution:\nactions:\n  - description: Share the certificate\n"
        f"    date: {days(3)}\n"
    )
    result = cli("log-session", with_goals, "--from", str(path))
    _ok(result)
    assert "joined the action plan: a1" in result.stdout
    forms = load_pair(folder, with_goals)
    assert forms.records[0].issues == []  # the empty example item is ignored
    assert forms.current_goals()[1].status is GoalStatus.ACHIEVED


def test_log_session_edit_reopens_on_a_missing_goal(
    cli, folder: ProgramFolder, with_goals: str, editor: Editor
) -> None:
    editor.plan(
        replace(("  - goal:\n", "  - goal: g9\n"), ("    status:\n", "    status: in-progress\n")),
        replace(("goal: g9", "goal: g1")),
    )
    _ok(cli("log-session", with_goals, "--edit"))
    assert f"date: {TODAY}" in editor.seen(0)
    assert "meeting: first" in editor.seen(0)
    assert "#!   g1  not-started" in editor.seen(0)  # the pair's goals, for reference
    assert "there is no goal g9 in goals.yaml" in editor.seen(1)
    ((_, session),) = load_pair(folder, with_goals).sessions
    assert session.progress[0].goal == "g1"


# -- Tool 5: evaluation ----------------------------------------------------------------------
def test_evaluate_with_options(cli, folder: ProgramFolder, with_goals: str) -> None:
    result = cli(
        "evaluate",
        with_goals,
        "--as",
        "mentee",
        "--outcome",
        "g1|yes",
        "--outcome",
        "g2|partly|the course moved",
        "--new-goal",
        "Precept a student",
        "--goals-clear",
        "4",
        "--grew",
        "5",
        "--recommend",
        "9",
        "--continue",
        "--support",
        "An hour a month",
    )
    _ok(result)
    evaluation = load_pair(folder, with_goals).evaluations[forms_respondent("mentee")]
    assert [o.statement for o in evaluation.goals] == [
        "Run the morning huddle alone",
        "Finish the wound-care course",
    ]
    assert evaluation.goals[1].why_not == "the course moved"
    assert (evaluation.program.goals_clear, evaluation.relationship.grew) == (4, 5)
    assert evaluation.continue_partnership is True
    result = cli("evaluate", with_goals, "--recommend", "9")
    assert result.exit_code == 2
    assert "--as mentor or --as mentee" in result.stderr
    result = cli("evaluate", with_goals, "--as", "mentor", "--grew", "6")
    assert result.exit_code == 2


def forms_respondent(value: str):
    from mentorkit.vocab import Respondent

    return Respondent(value)


def test_evaluate_by_prompts(cli, folder: ProgramFolder, with_goals: str) -> None:
    answers = [
        "mentor",
        "yes",
        "no",
        "Rota changed",
        "",
        "4",
        "4",
        "5",
        "5",
        "4",
        "5",
        "5",
        "²",  # a digit that is not a number: asked again, not a traceback
        "10",
        "yes",
        "Time for a project",
        "Great pairing",
    ]
    result = cli("evaluate", with_goals, "--interactive", input="\n".join(answers) + "\n")
    _ok(result)
    assert "answer separately" not in result.stdout
    evaluation = load_pair(folder, with_goals).evaluations[forms_respondent("mentor")]
    assert [o.achieved.value for o in evaluation.goals] == ["yes", "no"]
    assert evaluation.recommend == 10
    assert "Give a whole number from 0 to 10." in result.stdout  # ("²" was asked again)
    assert evaluation.support_needed == "Time for a project"


def test_evaluate_from_file_checks_the_respondent(cli, with_goals: str, tmp_path: Path) -> None:
    path = tmp_path / "evaluation.yaml"
    path.write_text(f"kind: evaluation\nrespondent: mentor\ndate: {TODAY}\nrecommend: 8\n")
    result = cli("evaluate", with_goals, "--as", "mentee", "--from", str(path))
    assert result.exit_code == 2
    assert "this is the mentor's evaluation, not the mentee's" in result.stderr
    _ok(cli("evaluate", with_goals, "--from", str(path)))


def test_evaluate_edit(cli, folder: ProgramFolder, with_goals: str, editor: Editor) -> None:
    editor.plan(
        replace(
            ("  - goal:\n", "  - goal: g1\n"),
            ("    achieved:", "    achieved: yes"),
            ("recommend:", "recommend: 9"),
        )
    )
    _ok(cli("evaluate", with_goals, "--as", "mentor", "--edit"))
    assert "respondent: mentor" in editor.seen(0)
    evaluation = load_pair(folder, with_goals).evaluations[forms_respondent("mentor")]
    assert evaluation.goals[0].statement == "Run the morning huddle alone"
    assert evaluation.recommend == 9


# -- Tool 6: partnership ideas ---------------------------------------------------------------
def test_partnership_every_way(
    cli, folder: ProgramFolder, pair: str, tmp_path: Path, editor: Editor
) -> None:
    _ok(cli("partnership", pair, "--idea", f"Co-present at grand rounds|abstract; slot|{days(60)}"))
    _ok(
        cli("partnership", pair, "--interactive", input="Quarterly coffee\nA standing invite\n\n\n")
    )
    path = tmp_path / "ideas.yaml"
    path.write_text("kind: partnership-ideas\nideas:\n  - idea: Joint audit\n")
    _ok(cli("partnership", pair, "--from", str(path)))
    assert [i.idea for i in load_pair(folder, pair).partnership_ideas.ideas] == ["Joint audit"]
    editor.plan(
        write("kind: partnership-ideas\nideas:\n- idea: Joint audit\n- idea: Write it up\n")
    )
    _ok(cli("partnership", pair, "--edit"))
    ideas = load_pair(folder, pair).partnership_ideas.ideas
    assert [i.idea for i in ideas] == ["Joint audit", "Write it up"]
    result = cli("partnership", pair, "--no-interactive")
    assert "nothing to record: give --idea" in result.stderr


def test_a_pair_is_found_by_either_person(cli, pair: str) -> None:
    _ok(cli("partnership", "dan-ortiz", "--idea", "Coffee"))
    result = cli("partnership", "nobody-here", "--idea", "Coffee")
    assert result.exit_code == 3


def test_a_broken_file_elsewhere_does_not_block_this_pair(
    cli, folder: ProgramFolder, pair: str
) -> None:
    broken = folder.relationships_dir / "ann-lee--bo-chen"
    broken.mkdir()
    (broken / "relationship.yaml").write_text("kind: relationship\nmentor: ann-lee\n")
    _ok(cli("partnership", pair, "--idea", "Coffee"))
    result = cli("partnership", "ann-lee--bo-chen", "--idea", "Coffee")
    assert result.exit_code == 2
    assert "relationships/ann-lee--bo-chen/relationship.yaml" in result.stderr


def test_answering_nothing_writes_no_empty_form(cli, folder: ProgramFolder, pair: str) -> None:
    result = cli("goals", pair, "--interactive", input="\n")
    _ok(result)
    assert "No change" in result.stdout
    assert not folder.form_path(pair, "goals.yaml").exists()
