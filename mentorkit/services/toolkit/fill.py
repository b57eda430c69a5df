"""Filling the toolkit's forms field by field (from options or prompts): Tools 1–6.

Each `fill_*` starts from the form on file, applies the changes and hands the result
to `submit`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.errors import InvalidFile, InvalidInput, Problem
from mentorkit.models.base import FileModel
from mentorkit.models.pair import PairRecord
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    ProgramRatings,
    RelationshipRatings,
    SessionRecord,
)
from mentorkit.services.inputs import Typed, build
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.duplicates import new_items
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.rules import Loc
from mentorkit.services.toolkit.submit import FormResult, next_id, or_today, submit
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import (
    ActionStatus,
    GoalStatus,
    MeetingKind,
    Respondent,
)


def _build(model: type[FileModel], data: dict[str, Any]) -> Any:
    data = {"kind": model.KIND, **data}
    try:
        return build(model, data)
    except InvalidInput as exc:
        if not _only_missing(model, data):
            raise  # a value that was given is wrong: its own message says how
        raise InvalidInput(
            exc.message, "Give it as an option (see --help), or run on a terminal to be asked."
        ) from None


def _only_missing(model: type[FileModel], data: dict[str, Any]) -> bool:
    """Whether all that is wrong is a required value not given."""
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        return all(error["type"] == "missing" for error in exc.errors())
    return False


def _typed(section: str, items: list[dict[str, Any]], first: int = 0) -> dict[Loc, str]:
    """Where the items typed as options sit in the form's `section` list (the first of
    them at index `first`), so that an error about one names the option."""
    return {(section, first + n): item.option for n, item in enumerate(items)
            if isinstance(item, Typed)}


def _dated(fields: dict[str, Any], typed: bool) -> dict[Loc, str]:
    """The form's date, when one was typed as --date (not when `fields` came from
    elsewhere: a collected answer's date is a column of its export)."""
    return {("date",): "--date"} if typed and fields.get("date") is not None else {}


def _noted(result: FormResult, notes: list[str]) -> FormResult:
    result.notes += notes
    return result


# -- Tool 1 ----------------------------------------------------------------------------------
def fill_needs(
    folder: ProgramFolder, query: str, changes: dict[str, Any], today: dt.date | None = None,
    *, typed: bool = True,
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        before = forms.needs_analysis
        data = before.model_dump() if before else {"date": or_today(today)}
        data.update({k: v for k, v in changes.items() if v is not None})
        return submit(folder, forms, _build(NeedsAnalysis, data), today=today,
                      options=_dated(changes, typed))


# -- Tool 2 ----------------------------------------------------------------------------------
def fill_goals(
    folder: ProgramFolder,
    query: str,
    *,
    add: list[dict[str, Any]] | None = None,
    status: dict[str, GoalStatus] | None = None,
    progress: dict[str, int] | None = None,
    drop: list[str] | None = None,
    remove: list[str] | None = None,
    reword: dict[str, dict[str, Any]] | None = None,
    today: dt.date | None = None,
) -> FormResult:
    """`reword`: goal id -> its statement, measure or target date given anew (a
    corrected answer), its status and progress kept."""
    status, progress = dict(status or {}), dict(progress or {})
    with folder.locked():
        forms = open_pair(folder, query)
        goals = [g.model_dump() for g in forms.goals.goals] if forms.goals else []
        by_id = {g["id"]: g for g in goals}
        for goal_id in [*status, *progress, *(drop or []), *(remove or []), *(reword or {})]:
            if goal_id not in by_id:
                raise InvalidInput(toolkit.no_goal(goal_id, forms.goals))
        for goal_id, given in (reword or {}).items():
            by_id[goal_id].update(given)
        for goal_id, value in status.items():
            by_id[goal_id]["status"] = value
        for goal_id, number in progress.items():
            by_id[goal_id]["progress"] = number
        for goal_id in drop or []:
            by_id[goal_id]["status"] = GoalStatus.DROPPED
        goals = [g for g in goals if g["id"] not in set(remove or [])]
        fresh, repeated = new_items(goals, add or [], ("statement",), "goal")
        for new in fresh:
            goals.append({"id": next_id("g", set(by_id)), **new})
            by_id[goals[-1]["id"]] = goals[-1]
        removed: dict[Loc, str] = {("goals",): "--remove"} if remove else {}
        return _noted(submit(folder, forms, _build(Goals, {"goals": goals}), today=today,
                             options=removed), repeated)


# -- Tool 3 ----------------------------------------------------------------------------------
def fill_plan(
    folder: ProgramFolder,
    query: str,
    *,
    add: list[dict[str, Any]] | None = None,
    status: dict[str, ActionStatus] | None = None,
    done: dict[str, dt.date | None] | None = None,
    today: dt.date | None = None,
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        actions = [a.model_dump() for a in forms.action_plan.actions] if forms.action_plan else []
        by_id = {a["id"]: a for a in actions}
        changes = {**(status or {}), **{k: ActionStatus.DONE for k in done or {}}}
        for action_id, value in changes.items():
            if action_id not in by_id:
                known = ", ".join(by_id) or "none yet"
                raise InvalidInput(f"there is no action {action_id} (actions: {known})")
            by_id[action_id]["status"] = value
            by_id[action_id]["done_date"] = (
                (done or {}).get(action_id) or by_id[action_id]["done_date"] or or_today(today)
                if value is ActionStatus.DONE
                else None
            )
        options: dict[Loc, str] = {("actions", n, "done_date"): f"--done {a['id']}"
                                   for n, a in enumerate(actions) if a["id"] in (done or {})}
        fresh, repeated = new_items(actions, add or [], ("description", "date"), "action")
        options |= _typed("actions", fresh, len(actions))
        for new in fresh:
            actions.append({"id": next_id("a", set(by_id)), **new})
            by_id[actions[-1]["id"]] = actions[-1]
        plan = _build(ActionPlan, {"actions": actions})
        return _noted(submit(folder, forms, plan, today=today, options=options), repeated)


# -- Tool 4 ----------------------------------------------------------------------------------
def session_defaults(
    folder: ProgramFolder, forms: PairRecord, today: dt.date | None
) -> dict[str, Any]:
    """What a new session record starts with: today, the length the pair agreed in its
    needs analysis (else the program's usual length), and `first` for the pair's first
    meeting."""
    agreed = forms.needs_analysis.meeting_minutes if forms.needs_analysis else None
    return {
        "date": or_today(today),
        "duration_minutes": agreed or folder.load_program().session_minutes,
        "meeting": MeetingKind.REGULAR if forms.sessions else MeetingKind.FIRST,
    }


def next_meeting_default(folder: ProgramFolder, forms: PairRecord, day: dt.date) -> dt.date:
    """The next meeting one cadence after `day`: the pair's agreed cadence, else the
    program's."""
    agreed = forms.needs_analysis.meeting_cadence if forms.needs_analysis else None
    cadence = agreed or folder.load_program().cadence
    return day + dt.timedelta(days=cadence.days)


def session_date_problem(
    forms: PairRecord, day: dt.date, today: dt.date | None = None
) -> str | None:
    """Why `day` cannot be the date of a session of this pair (None: it can), so that a
    prompt can ask again at once rather than after every other question."""
    problems = toolkit.date_issues(forms.relationship, day, or_today(today))
    return problems[0] if problems else None


def log_session(
    folder: ProgramFolder, query: str, fields: dict[str, Any], today: dt.date | None = None,
    *, typed: bool = True,
) -> FormResult:
    """`typed`: `fields` were typed as options (a problem names the option)."""
    with folder.locked():
        forms = open_pair(folder, query)
        session, notes = session_record(folder, forms, fields, today)
        # items typed as options are in `fields` (the defaults hold no progress or actions)
        options = (_dated(fields, typed) | _typed("progress", fields.get("progress") or [])
                   | _typed("actions", fields.get("actions") or []))
        return _noted(submit(folder, forms, session, today=today, options=options), notes)


def session_record(
    folder: ProgramFolder, forms: PairRecord, fields: dict[str, Any], today: dt.date | None
) -> tuple[SessionRecord, list[str]]:
    """The session record `fields` give, the rest from `session_defaults`; and a note on
    the length when it was not given."""
    data = session_defaults(folder, forms, today) | {
        k: v for k, v in fields.items() if v is not None}
    if fields.get("duration_minutes") is not None:
        return _build(SessionRecord, data), []
    whose = ("the length you agreed" if forms.needs_analysis
             and forms.needs_analysis.meeting_minutes else "the program's usual length")
    return _build(SessionRecord, data), [
        f"duration: {data['duration_minutes']} minutes, {whose} "
        "(give --duration to record another)"]


# -- Tool 5 ----------------------------------------------------------------------------------
PROGRAM_RATINGS = tuple(ProgramRatings.model_fields)
RELATIONSHIP_RATINGS = tuple(RelationshipRatings.model_fields)


def fill_evaluation(
    folder: ProgramFolder,
    query: str,
    respondent: Respondent,
    fields: dict[str, Any],
    today: dt.date | None = None,
    *,
    typed: bool = True,
) -> FormResult:
    """`fields`: the Evaluation's fields, with ratings flat (goals_clear=4, grew=5...);
    `typed`: as options (a problem names the option)."""
    with folder.locked():
        forms = open_pair(folder, query)
        before = forms.evaluations.get(respondent)
        data: dict[str, Any] = (
            before.model_dump() if before else {"respondent": respondent, "date": or_today(today)}
        )
        given = {k: v for k, v in fields.items() if v is not None}
        for group, names in (("program", PROGRAM_RATINGS), ("relationship", RELATIONSHIP_RATINGS)):
            ratings = {k: given.pop(k) for k in names if k in given}
            data[group] = {**data.get(group, {}), **ratings}
        outcomes = given.pop("goals", [])
        shown = folder.relative(folder.form_path(forms.id, Evaluation.file_for(respondent)))
        data["goals"] = _merge_outcomes(data.get("goals", []), outcomes, forms.goals, shown)
        data.update(given)
        return submit(folder, forms, _build(Evaluation, data), today=today,
                      options=_dated(fields, typed))


def _merge_outcomes(
    old: list[dict[str, Any]], new: list[dict[str, Any]], goals: Goals | None, shown: str,
) -> list[dict[str, Any]]:
    """Outcomes by goal: a new answer about a goal replaces the old one. An answer about
    a goal the pair has not set names its option, else its place among `new` (`goals.N`,
    which `collect` names by its column) in the evaluation's file, `shown`."""
    merged = list(old)
    for index, typed in enumerate(new):
        outcome = dict(typed)
        goal = goals.get(outcome["goal"]) if goals and outcome.get("goal") else None
        if outcome.get("goal") and goal is None:
            refusal = toolkit.no_goal(outcome["goal"], goals)
            if isinstance(typed, Typed):
                raise InvalidInput(f"{typed.option}: {refusal}")
            raise InvalidFile([Problem(shown, refusal, field=f"goals.{index}.goal")])
        if goal is not None:
            outcome.setdefault("statement", goal.statement)
        key = outcome.get("goal") or outcome.get("statement")
        merged = [o for o in merged if (o.get("goal") or o.get("statement")) != key]
        merged.append(outcome)
    return merged


# -- Tool 6 ----------------------------------------------------------------------------------
def fill_ideas(
    folder: ProgramFolder, query: str, add: list[dict[str, Any]], today: dt.date | None = None
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        before = forms.partnership_ideas
        ideas = [i.model_dump() for i in before.ideas] if before else []
        fresh, repeated = new_items(ideas, add, ("idea",), "idea")
        document = _build(PartnershipIdeas, {"ideas": ideas + fresh})
        return _noted(submit(folder, forms, document, today=today), repeated)
