"""Prompts for the toolkit's forms, each question shown with the form's guidance.

The guidance is the comment above the field in the blank form (templates/forms/), so
the prompts and the paper form say the same thing. Only what the options left out is
asked; an empty answer skips an optional question. The kinds of question (and the menus)
are in cli/asker.py; the options that fill the same forms are in cli/options.py and
cli/syntax.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import typer

from mentorkit.cli.asker import Asker
from mentorkit.limits import MEETING_MINUTES, SESSION_MINUTES, next_meeting_ok
from mentorkit.models.toolkit import MAX_ACTIVE_GOALS, Goal
from mentorkit.services.toolkit.fill import PROGRAM_RATINGS, RELATIONSHIP_RATINGS
from mentorkit.vocab import (
    Achieved,
    Cadence,
    GoalStatus,
    MeetingKind,
    MeetingMode,
    MentorFunction,
    Owner,
)


def _missing(fields: dict[str, Any], key: str) -> bool:
    return fields.get(key) in (None, [])


def needs_analysis(fields: dict[str, Any], current: Any, program: Any = None) -> None:
    """Ask for each field of Tool 1 the options did not give: the pair's current answers
    as defaults, else the program's cadence and session length."""
    a = Asker("needs-analysis")
    now = current.model_dump() if current else {}
    if program is not None:
        now["meeting_cadence"] = now.get("meeting_cadence") or program.cadence
        now["meeting_minutes"] = now.get("meeting_minutes") or program.session_minutes
    if _missing(fields, "date"):
        fields["date"] = a.date(
            "date", "Date of the first meeting", now.get("date") or dt.date.today(), required=True
        )
    texts = [
        ("wants_to_accomplish", "What does the mentee most want to accomplish?"),
        ("mentee_hopes", "What does the mentee hope to get from the mentoring?"),
        ("mentor_hopes", "What does the mentor hope to get from it?"),
        ("mentee_brings", "What does the mentee bring?"),
        ("mentor_brings", "What does the mentor bring?"),
    ]
    lists = [
        ("interests_and_skills", "The mentee's main interests and skills"),
        ("current_issues", "Issues the mentee faces at work now"),
        ("communication", "How you will keep in touch between meetings"),
    ]
    for key, label in texts[:1]:
        if _missing(fields, key):
            fields[key] = a.text(key, label, now.get(key, ""), required=True)
    for key, label in lists:
        if _missing(fields, key):
            fields[key] = a.items(key, label) or None
    for key, label in texts[1:]:
        if _missing(fields, key):
            fields[key] = a.text(key, label, now.get(key, "")) or None
    if _missing(fields, "meeting_cadence"):
        fields["meeting_cadence"] = a.choice(
            "meeting_cadence", "How often will you meet", Cadence, now.get("meeting_cadence")
        )
    if _missing(fields, "meeting_minutes"):
        fields["meeting_minutes"] = a.minutes(
            "meeting_minutes", "Length of a meeting", *MEETING_MINUTES,
            now.get("meeting_minutes"))
    if _missing(fields, "meeting_place"):
        fields["meeting_place"] = (
            a.text("meeting_place", "Where will you meet", now.get("meeting_place", "")) or None
        )
    if _missing(fields, "confidentiality_agreed"):
        fields["confidentiality_agreed"] = a.yes_no(
            "confidentiality_agreed",
            "Have you agreed on confidentiality",
            now.get("confidentiality_agreed"),
        )


def new_goals(current: list[Goal]) -> list[dict[str, Any]]:
    a = Asker("goals")
    for g in current:
        typer.echo(f"  {g.id}  {g.status.value:<11} {g.progress:>3}%  {g.statement}")
    active = sum(1 for g in current if g.status.counts_as_active)
    added: list[dict[str, Any]] = []
    while active + len(added) < MAX_ACTIVE_GOALS:
        statement = a.text("goals.statement", "New goal (empty to finish)")
        if not statement:
            break
        goal: dict[str, Any] = {"statement": statement}
        goal["measure"] = a.text("goals.measure", "How will success be measured")
        goal["target_date"] = a.date("goals.target_date", "Target date")
        goal["function"] = a.choice("goals.function", "Mentor function", MentorFunction)
        added.append({k: v for k, v in goal.items() if v})
    if active + len(added) >= MAX_ACTIVE_GOALS:
        typer.echo(f"  That makes {MAX_ACTIVE_GOALS} active goals, the most a pair keeps.")
    return added


def _action(a: Asker, prefix: str, goals: list[Goal], label: str) -> dict[str, Any] | None:
    description = a.text(f"{prefix}.description", label)
    if not description:
        return None
    action: dict[str, Any] = {"description": description}
    action["date"] = a.date(f"{prefix}.date", "Scheduled for", required=True)
    action["owner"] = a.choice(f"{prefix}.owner", "Who does it", Owner, Owner.MENTEE)
    if goals:
        ids = ", ".join(g.id for g in goals)
        action["goal"] = (
            a.text(
                f"{prefix}.goal",
                f"Which goal does it serve ({ids})",
                check=lambda answer: _known_goal(answer, goals),
            ).lower()
            or None
        )
    return {k: v for k, v in action.items() if v is not None}


def _known_goal(answer: str, goals: list[Goal]) -> str | None:
    if answer.lower() in {g.id for g in goals}:
        return None
    return f"There is no goal {answer}; this pair's goals: {', '.join(g.id for g in goals)}."


def new_actions(goals: list[Goal]) -> list[dict[str, Any]]:
    a = Asker("action-plan")
    added = []
    while (action := _action(a, "actions", goals, "New action (empty to finish)")) is not None:
        added.append(action)
    return added


def session(
    fields: dict[str, Any],
    defaults: dict[str, Any],
    goals: list[Goal],
    check_date: Callable[[dt.date], str | None] | None = None,
    next_meeting: Callable[[dt.date], dt.date] | None = None,
    habits: Callable[[dt.date], dict[str, Any]] | None = None,
) -> None:
    """Tool 4, in the meeting's order: progress, issues, learnings, actions, next date.
    `check_date` tests the date against the relationship as soon as it is typed;
    `next_meeting` suggests the next date (one of the pair's cadence later); `habits`
    the time and way of meeting from the pair's own last session (filling.pair_habits)."""
    a = Asker("session")
    if _missing(fields, "date"):
        fields["date"] = a.date(
            "date", "Date of the meeting", defaults["date"], required=True, check=check_date
        )
    usual = habits(fields["date"]) if habits else {}
    if _missing(fields, "time"):
        fields["time"] = a.time("time", "Time it started", usual.get("time"))
    if _missing(fields, "duration_minutes"):
        fields["duration_minutes"] = a.minutes(
            "duration_minutes", "Length", *SESSION_MINUTES, defaults["duration_minutes"]
        )
    if _missing(fields, "mode"):
        fields["mode"] = a.choice("mode", "How did you meet", MeetingMode,
                                  usual.get("mode") or MeetingMode.IN_PERSON)
    if _missing(fields, "meeting"):
        fields["meeting"] = a.choice("meeting", "Which meeting", MeetingKind, defaults["meeting"])
    if _missing(fields, "progress"):
        a.explain("progress")
        reports = []
        for g in goals:
            if not g.status.counts_as_active:
                continue
            typer.echo(f"Goal {g.id}: {g.statement} (now {g.status.value}, {g.progress}%)")
            status = a.choice("progress.status", "Status now (empty to skip)", GoalStatus)
            if status is None:
                continue
            report: dict[str, Any] = {"goal": g.id, "status": status}
            report["progress"] = a.number("progress.progress", "Progress", 0, 100, g.progress)
            report["note"] = a.text("progress.note", "Note")
            reports.append(report)
        fields["progress"] = reports
    if _missing(fields, "issues"):
        a.explain("issues")
        issues = []
        while issue := a.text("issues.issue", "An issue that came up (empty to finish)"):
            solution = a.text("issues.possible_solution", "A possible solution")
            issues.append({"issue": issue, "possible_solution": solution})
        fields["issues"] = issues
    if _missing(fields, "learnings"):
        fields["learnings"] = a.items("learnings", "What did you learn")
    if _missing(fields, "actions"):
        a.explain("actions")
        actions = []
        while action := _action(a, "actions", goals, "Action before next time (empty to finish)"):
            actions.append(action)
        fields["actions"] = actions
    final = fields.get("meeting") is MeetingKind.FINAL
    if _missing(fields, "next_meeting") and not final:  # a final meeting has no next one
        day = fields["date"]
        suggested = next_meeting(day) if next_meeting else None
        fields["next_meeting"] = a.date(
            "next_meeting",
            "Next meeting ('none' if not agreed yet)",
            suggested,
            check=lambda later: (
                None if next_meeting_ok(day, later) else f"It must be after this one ({day})."
            ),
        )
    if fields.get("next_meeting") and _missing(fields, "next_meeting_time"):
        fields["next_meeting_time"] = a.time("next_meeting_time", "Its time", fields.get("time"))
    if _missing(fields, "private_notes"):
        fields["private_notes"] = a.text("private_notes", "Private notes") or None


def evaluation(fields: dict[str, Any], goals: list[Goal]) -> None:
    a = Asker("evaluation")
    if _missing(fields, "goals"):
        outcomes = []
        for g in goals:
            typer.echo(f"Goal {g.id}: {g.statement} ({g.status.value}, {g.progress}%)")
            achieved = a.choice("goals.achieved", "Achieved (empty to skip)", Achieved)
            if achieved is None:
                continue
            outcome: dict[str, Any] = {"goal": g.id, "achieved": achieved}
            if achieved is not Achieved.YES:
                outcome["why_not"] = a.text("goals.why_not", "Why not")
            outcomes.append(outcome)
        fields["goals"] = outcomes
    if _missing(fields, "new_goals"):
        fields["new_goals"] = a.items("new_goals", "New goals that arose")
    for group, names in (("program", PROGRAM_RATINGS), ("relationship", RELATIONSHIP_RATINGS)):
        for name in names:
            if _missing(fields, name):
                label = name.replace("_", " ").capitalize()
                fields[name] = a.number(f"{group}.{name}", label, 1, 5)
    if _missing(fields, "recommend"):
        fields["recommend"] = a.number("recommend", "Recommend the program", 0, 10)
    if _missing(fields, "continue_partnership"):
        fields["continue_partnership"] = a.yes_no(
            "continue_partnership", "Continue the partnership"
        )
    if _missing(fields, "support_needed") and fields.get("continue_partnership"):
        fields["support_needed"] = a.text("support_needed", "What support would it need") or None
    if _missing(fields, "comments"):
        fields["comments"] = a.text("comments", "Comments") or None


def new_ideas() -> list[dict[str, Any]]:
    a = Asker("partnership-ideas")
    ideas = []
    while idea := a.text("ideas.idea", "An idea (empty to finish)"):
        ideas.append(
            {
                "idea": idea,
                "needs": a.items("ideas.needs", "What it needs"),
                "date": a.date("ideas.date", "When"),
            }
        )
    return ideas
