"""One response's answers as the arguments of the toolkit's own fill functions.

Nothing here writes a form itself: a session goes through `log_session`, an evaluation
through `fill_evaluation`, and so on, so what is collected obeys exactly the rules the
form commands obey (goals exist, dates inside the relationship, the next meeting after
the session, five goals at most, the first session starts a proposed pair, agreed
actions join the action plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mentorkit.errors import InvalidInput
from mentorkit.models.pair import PairRecord
from mentorkit.models.responses import Response
from mentorkit.models.toolkit import Evaluation, Goal, Goals, SessionRecord
from mentorkit.services.collection import answers
from mentorkit.services.collection.checkins import fill_check_in
from mentorkit.services.collection.questions import CATALOGUE, GOALS, FormSpec
from mentorkit.services.toolkit import fill as toolkit
from mentorkit.services.toolkit import rules
from mentorkit.services.toolkit.duplicates import same_items
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.submit import FormResult
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import (
    Achieved,
    Cadence,
    GoalStatus,
    MeetingAsAgreed,
    MeetingKind,
    MeetingMode,
    Respondent,
)


class Answers:
    """A response's answers by question key; a parse error names the column."""

    def __init__(self, values: dict[str, str], header: Callable[[str], str],
                 date_order: str | None) -> None:
        self.values = values
        self.header = header
        self.date_order = date_order

    def get(self, key: str, parse: Callable[[str], Any] | None = None) -> Any:
        raw = self.values.get(key)
        if raw is None:
            return None
        try:
            return parse(raw) if parse else raw
        except InvalidInput as exc:
            raise InvalidInput(f"column {self.header(key)!r}: {exc.message}", exc.hint) from None

    def day(self, key: str) -> dt.date | None:
        return self.get(key, lambda t: answers.day(t, self.date_order))

    def lines(self, key: str, parse: Callable[[str], Any] | None = None) -> list[Any] | None:
        items = self.get(key, answers.lines)
        if items is None:
            return None
        return [self.get_line(key, item, parse) for item in items] if parse else items

    def get_line(self, key: str, line: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(line)
        except InvalidInput as exc:
            raise InvalidInput(f"column {self.header(key)!r}: {exc.message}", exc.hint) from None


def _goal_numbers() -> range:
    return range(1, GOALS + 1)


def session_fields(a: Answers) -> dict[str, Any]:
    progress = []
    for n in _goal_numbers():
        status = a.get(f"goal{n}_status", lambda t: answers.choice(GoalStatus, t))
        if status is not None:
            progress.append({"goal": f"g{n}", "status": status})
    return {
        "date": a.day("date"),
        "duration_minutes": a.get("duration", answers.minutes),
        "mode": a.get("mode", lambda t: answers.choice(MeetingMode, t)),
        "meeting": a.get("meeting", lambda t: answers.choice(MeetingKind, t)),
        "progress": progress or None,
        "actions": a.lines("actions", lambda t: answers.action_line(t, a.date_order)),
        "next_meeting": a.day("next_meeting"),
        "issues": a.lines("issues", answers.issue_line),
        "learnings": a.lines("learnings"),
    }


def check_in_fields(a: Answers, submitted: dt.date) -> dict[str, Any]:
    return {
        "date": submitted,
        "meeting_as_agreed": a.get("meeting_as_agreed",
                                   lambda t: answers.choice(MeetingAsAgreed, t)),
        "relationship": a.get("relationship", lambda t: answers.number(t, 1, 5)),
        "progress": a.get("progress", lambda t: answers.number(t, 1, 5)),
        "contact_me": a.get("contact_me", answers.yes_no),
        "for_coordinator": a.get("for_coordinator"),
    }


RATINGS = (*toolkit.PROGRAM_RATINGS, *toolkit.RELATIONSHIP_RATINGS)


def evaluation_fields(a: Answers, submitted: dt.date) -> dict[str, Any]:
    fields: dict[str, Any] = {k: a.get(k, lambda t: answers.number(t, 1, 5)) for k in RATINGS}
    outcomes = []
    for n in _goal_numbers():
        achieved = a.get(f"goal{n}_achieved", lambda t: answers.choice(Achieved, t))
        if achieved is not None:
            outcomes.append({"goal": f"g{n}", "achieved": achieved})
    fields.update({
        "date": submitted,
        "recommend": a.get("recommend", lambda t: answers.number(t, 0, 10)),
        "goals": outcomes or None,
        "continue_partnership": a.get("continue_partnership", answers.yes_no),
        "new_goals": a.lines("new_goals"),
        "support_needed": a.get("support_needed"),
        "comments": a.get("comments"),
    })
    return fields


def needs_fields(a: Answers, choices: tuple[str, ...], submitted: dt.date) -> dict[str, Any]:
    return {
        "date": submitted,
        "wants_to_accomplish": a.get("wants_to_accomplish"),
        "interests_and_skills": a.lines("interests_and_skills"),
        "meeting_cadence": a.get("meeting_cadence", lambda t: answers.choice(Cadence, t)),
        "meeting_minutes": a.get("meeting_minutes", answers.minutes),
        "meeting_place": a.get("meeting_place"),
        "communication": a.get("communication", lambda t: answers.checkboxes(t, choices)),
        "confidentiality_agreed": a.get("confidentiality_agreed", answers.yes_no),
        "current_issues": a.lines("current_issues"),
        "mentee_hopes": a.get("mentee_hopes"),
        "mentor_hopes": a.get("mentor_hopes"),
    }


def goal_fields(a: Answers) -> list[dict[str, Any]]:
    goals = []
    for n in _goal_numbers():
        statement = a.get(f"goal{n}")
        if statement is None:
            continue
        goal: dict[str, Any] = {"statement": statement}
        if (measure := a.get(f"goal{n}_measure")) is not None:
            goal["measure"] = measure
        if (target := a.day(f"goal{n}_target")) is not None:
            goal["target_date"] = target
        goals.append(goal)
    return goals


@dataclass
class Filing:
    """What one response will file: the form, the pair and side, its occasion, and the
    parsed values the fill function takes."""

    form: str
    pair: str
    respondent: Respondent
    occasion: str
    values: Any
    reads: frozenset[str] = field(default_factory=frozenset)  # the keys it has columns for


def plan(form: FormSpec, a: Answers, submitted: dt.date) -> tuple[str, Any]:
    """(occasion, values) for a response to `form`."""
    if form.name == "session":
        fields = session_fields(a)
        if fields["date"] is None:
            raise InvalidInput(f"column {a.header('date')!r}: required, but left empty")
        return fields["date"].isoformat(), fields
    if form.name == "check-in":
        return "", check_in_fields(a, submitted)  # the occasion: worked out when filed
    if form.name == "evaluation":
        return "", evaluation_fields(a, submitted)
    if form.name == "needs-analysis":
        question = form.question("communication")
        return "", needs_fields(a, question.choices if question else (), submitted)
    return "", goal_fields(a)


def file(
    folder: ProgramFolder, filing: Filing, earlier: Response | None, today: dt.date
) -> tuple[FormResult, list[str]]:
    """File one response through the toolkit's fill functions; `earlier` is the same
    person's answer for the same occasion that this one replaces. Returns the result and
    the goal ids a goals form added."""
    pair, side, values = filing.pair, filing.respondent, filing.values
    if filing.form == "session":
        name, on_file = _earlier_session(folder, pair, earlier) if earlier else ("", None)
        values, kept = keep_private(filing, on_file)
        if on_file is not None:
            result = _replace_session(folder, pair, name, values, on_file, today,
                                      asked="meeting" in filing.reads)
            return _kept_noted(result, kept), []
        if earlier is not None:  # its record is gone (removed by hand): its actions go too
            undo_session(folder, pair, earlier)
        logged = toolkit.log_session(folder, pair, values, today=today, typed=False)
        return _kept_noted(logged, kept), []
    if filing.form == "check-in":
        return fill_check_in(folder, pair, side, values, today=today), []
    if filing.form == "evaluation":
        # the evaluation is this answer, never merged into the one on file (collect
        # decided it goes: an earlier form's, or one typed in before it), but for the
        # pair's private text, which this form could not have asked
        name = Evaluation.file_for(side)
        values, kept = keep_private(filing, folder.load_form(pair, Evaluation, name))
        folder.remove(folder.form_path(pair, name), missing_ok=True)
        filled = toolkit.fill_evaluation(folder, pair, side, values, today=today, typed=False)
        return _kept_noted(filled, kept), []
    if filing.form == "needs-analysis":
        return toolkit.fill_needs(folder, pair, values, today=today, typed=False), []
    if earlier is not None:
        return _replace_goals(folder, pair, values, earlier.items, today)
    before = set(_goal_ids(folder, pair))
    result = toolkit.fill_goals(folder, pair, add=values, today=today)
    return result, [g for g in _goal_ids(folder, pair) if g not in before]


def _replace_session(
    folder: ProgramFolder, pair: str, name: str, values: dict[str, Any],
    on_file: SessionRecord, today: dt.date, *, asked: bool,
) -> FormResult:
    """A corrected session answer in the place of the record `name` the earlier one
    filed, as amend-session puts it (but for a reason in the history: the answer
    replaces itself). Its actions keep their ids and what was recorded on them since
    (a done date, say); refiling them afresh wiped that."""
    from mentorkit.services.toolkit.corrections import replace_session
    from mentorkit.services.toolkit.submit import refuse_session

    with folder.transaction():  # session, action plan, relationship: all or none
        forms = open_pair(folder, pair)
        refuse_session(folder, forms)
        if values.get("meeting") is None:
            # not asked: the kind it was filed with stays; asked and left blank ("leave
            # blank for a regular meeting"): as for a new record, the pair's first or not
            others = any(n != name for n, _ in forms.sessions)
            values = {**values, "meeting": on_file.meeting if not asked else (
                MeetingKind.REGULAR if others else MeetingKind.FIRST)}
        session, notes = toolkit.session_record(folder, forms, values, today)
        new_name, relationship, changes = replace_session(folder, forms, name, session, today)
        if relationship != forms.relationship:
            folder.save_relationship(relationship)
    path = folder.relationship_dir(pair) / SessionRecord.FOLDER / f"{new_name}.yaml"
    return FormResult(pair, "session", folder.relative(path), "updated", session,
                      changes + notes)


def _replace_goals(
    folder: ProgramFolder, pair: str, answer: list[dict[str, Any]], earlier: list[str],
    today: dt.date,
) -> tuple[FormResult, list[str]]:
    """A corrected goals answer in the place of the goals the earlier answer added
    (`earlier`): a goal still in it (the same words, or reworded) keeps its id, status
    and progress; one no longer in it is deleted, unless something was recorded on it
    since. Returns the result and the goals that are this answer's now."""
    forms = open_pair(folder, pair)
    ours = [g for g in (forms.goals.goals if forms.goals else []) if g.id in earlier]
    same = same_items([g.statement for g in ours], [goal["statement"] for goal in answer])
    gone = [g for j, g in enumerate(ours) if j not in same.values()]
    worked_on = [g.id for g in gone if _worked_on(g, forms)]
    before = set(_goal_ids(folder, pair))
    result = toolkit.fill_goals(
        folder, pair, add=[goal for i, goal in enumerate(answer) if i not in same],
        reword={ours[j].id: answer[i] for i, j in same.items()},
        remove=[g.id for g in gone if g.id not in worked_on], today=today)
    added = [g for g in _goal_ids(folder, pair) if g not in before]
    if worked_on:
        result.notes.append("no longer in this answer, but kept for what was recorded on "
                            f"them since: {', '.join(worked_on)}")
    return result, [*(ours[j].id for j in sorted(same.values())), *added, *worked_on]


def _worked_on(goal: Goal, forms: PairRecord) -> bool:
    """Whether something was recorded on a goal since a form filed it: a status or
    progress, or a session or action that refers to it."""
    return goal.status is not GoalStatus.NOT_STARTED or goal.progress > 0 or bool(
        rules.removed_goal_issues(Goals(goals=[goal]), Goals(), forms.sessions,
                                  forms.action_plan))


# The pair's own text that no form asks (typed in with the toolkit's commands).
NEVER_ASKED = {"session": ("private_notes",)}


def keep_private(
    filing: Filing, on_file: SessionRecord | Evaluation | None
) -> tuple[dict[str, Any], list[str]]:
    """The answer's values with the private text of the record it replaces, where this
    answer had no column to say it (private questions are asked only on the program's
    opt-in): a later answer never wipes what the pair wrote. Also the kept fields' names."""
    values = dict(filing.values)
    if on_file is None:
        return values, []
    private = [q.key for q in CATALOGUE[filing.form].questions if q.private]
    kept = []
    for name in [*private, *NEVER_ASKED.get(filing.form, ())]:
        if name not in filing.reads and getattr(on_file, name):
            values[name] = getattr(on_file, name)
            kept.append(name)
    if isinstance(on_file, Evaluation):
        values["goals"], why_not = _keep_why_not(values.get("goals") or [], on_file)
        kept += why_not
    return values, kept


def _keep_why_not(
    outcomes: list[dict[str, Any]], on_file: Evaluation
) -> tuple[list[dict[str, Any]] | None, list[str]]:
    """The answer's goal outcomes with each 'why not' on file (no form asks it): on the
    same goal's new outcome, or with its own outcome if the answer does not give that
    goal. Also which goals kept one."""
    by_goal = {o["goal"]: dict(o) for o in outcomes}
    kept = []
    for old in on_file.goals:
        if not old.why_not:
            continue
        if old.goal in by_goal:
            by_goal[old.goal]["why_not"] = old.why_not
        else:
            by_goal[old.goal or old.statement] = old.model_dump()
        kept.append(f"why not ({old.goal or old.statement})")
    return list(by_goal.values()) or None, kept


def _kept_noted(result: FormResult, kept: list[str]) -> FormResult:
    if kept:
        result.notes.append(f"kept from the earlier record, as this form does not "
                            f"ask them: {', '.join(kept)}")
    return result


def _earlier_session(
    folder: ProgramFolder, pair: str, earlier: Response
) -> tuple[str, SessionRecord | None]:
    """The session record an earlier answer filed, as it is on file now (amended since,
    perhaps): its name and record (None: it is gone)."""
    folder_name = f"{SessionRecord.FOLDER}/"
    for name in earlier.files:
        if name.startswith(folder_name):
            path = folder.relationship_dir(pair) / name
            if folder.has_file(path):
                return path.stem, folder.load(path, SessionRecord)
    return "", None


def _goal_ids(folder: ProgramFolder, pair: str) -> list[str]:
    goals = folder.load_form(pair, Goals)
    return [g.id for g in goals.goals] if goals else []


def undo_session(folder: ProgramFolder, pair: str, earlier: Response) -> None:
    """Take back a session record collect filed, and the actions it added to the plan, so
    the resubmitted answer can be filed in its place."""
    from mentorkit.models.toolkit import ActionPlan

    stems = {name.removeprefix("sessions/").removesuffix(".yaml") for name in earlier.files}
    plan_ = folder.load_form(pair, ActionPlan)
    if plan_ is not None and any(a.from_session in stems for a in plan_.actions):
        kept = [a for a in plan_.actions if a.from_session not in stems]
        folder.save_form(pair, ActionPlan(kind="action-plan", actions=kept))
    for name in earlier.files:
        folder.remove(folder.relationship_dir(pair) / name, missing_ok=True)
