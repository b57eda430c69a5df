"""Corrections: a form filed by mistake amended or removed through mentorkit.

Each correction keeps the pair consistent and is noted in the relationship's history
(the day it was made, what, and the reason given):

- removing a session takes out the actions it agreed (they join the action plan when it
  is logged), and moves the relationship's start to the earliest session left; a pair
  started by its first session goes back to `proposed` when no session is left (a pair
  started by hand, `mentorkit start`, stays active);
- amending a session replaces its record with the new one (checked like a new session),
  renames the file when the date changes, and brings the actions it agreed up to date:
  an action still agreed (the same description, or reworded) keeps its id and status,
  one no longer agreed is taken out (unless it was worked on since: it stays), a new one
  is added;
- removing another form (needs analysis, goals, action plan, an evaluation, partnership
  ideas) deletes its file; goals that sessions or actions refer to cannot be removed
  (drop them instead).

A closed relationship is not corrected: reopen it first. The files a correction changes
(the session or form, the action plan, the relationship) are written as one transaction
(store/transaction.py): all of them, or under `kill -9` part-way none, so actions never
point at a session that is gone and the history never notes a change that did not land.

The same session logged twice is refused when it is logged (services/toolkit/
duplicates.py), with the way to record a second meeting that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import Conflict, InvalidInput, NotFound
from mentorkit.models.base import FileModel
from mentorkit.models.pair import PairRecord
from mentorkit.models.relationship import Event, Relationship
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.duplicates import same_items
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.submit import next_id
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import ActionStatus, RelationshipStatus, Respondent

FIRST_SESSION = "first session logged"  # the note `log-session` gives the start it makes

# the forms other than sessions, by the names people give them
FORMS: dict[str, tuple[type[FileModel], str]] = {
    "needs-analysis": (NeedsAnalysis, NeedsAnalysis.FILE),
    "goals": (Goals, Goals.FILE),
    "action-plan": (ActionPlan, ActionPlan.FILE),
    "evaluation-mentor": (Evaluation, Evaluation.file_for(Respondent.MENTOR)),
    "evaluation-mentee": (Evaluation, Evaluation.file_for(Respondent.MENTEE)),
    "partnership-ideas": (PartnershipIdeas, PartnershipIdeas.FILE),
}


@dataclass
class CorrectionResult:
    JSON_KIND: ClassVar[str] = "correction"  # the --json envelope (render/envelope.py)

    pair: str
    action: str  # removed, amended
    form: str  # sessions/2026-03-10.yaml, goals.yaml, ...
    relationship: Relationship
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"pair": self.pair, "action": self.action, "form": self.form,
                "notes": self.notes, "status": self.relationship.status.value,
                "started": self.relationship.started}


# -- which session -----------------------------------------------------------------------
def session_name(forms: PairRecord, given: str) -> str:
    """A session by its file name (2026-03-10, 2026-03-10-2, sessions/2026-03-10.yaml)."""
    name = given.strip().removeprefix("sessions/").removesuffix(".yaml")
    names = [n for n, _ in forms.sessions]
    if name in names:
        return name
    same_day = [n for n in names if n.startswith(name)]
    if len(same_day) > 1:
        raise InvalidInput(f"{forms.id} has {len(same_day)} sessions that match {given!r}: "
                           f"{', '.join(same_day)}", "Give the one you mean.")
    if not same_day:
        listed = ", ".join(names) or "none yet"
        raise NotFound(f"{forms.id} has no session {given!r}", f"Its sessions: {listed}.")
    return same_day[0]


def _session_path(folder: ProgramFolder, pair: str, name: str) -> Path:
    return folder.relationship_dir(pair) / SessionRecord.FOLDER / f"{name}.yaml"


# -- removing ----------------------------------------------------------------------------
def remove_session(
    folder: ProgramFolder, forms: PairRecord, given: str, reason: str, today: dt.date
) -> CorrectionResult:
    _correctable(forms, reason)
    name = session_name(forms, given)
    left = [(n, s) for n, s in forms.sessions if n != name]
    notes: list[str] = []
    plan = forms.action_plan
    if plan is not None:
        gone = [a.id for a in plan.actions if a.from_session == name]
        if gone:
            plan = plan.model_copy(update={
                "actions": [a for a in plan.actions if a.from_session != name]})
            notes.append(f"actions it agreed taken out of the action plan: {', '.join(gone)}")
    relationship = _restarted(folder, forms.relationship, left, notes)
    relationship = _noted(relationship, today, "session removed", f"sessions/{name}.yaml",
                          reason)
    if plan is not forms.action_plan and plan is not None:
        folder.save_form(forms.id, plan)
    folder.save_relationship(relationship)
    folder.remove(_session_path(folder, forms.id, name))
    return CorrectionResult(forms.id, "removed", f"sessions/{name}.yaml", relationship, notes)


def remove_form(
    folder: ProgramFolder, forms: PairRecord, given: str, reason: str, today: dt.date
) -> CorrectionResult:
    key = given.strip().removesuffix(".yaml").lower()
    if key not in FORMS:
        raise InvalidInput(f"{given!r} is not a form", "Give one of: session DATE, "
                           + ", ".join(FORMS) + ".")
    _correctable(forms, reason)
    model, filename = FORMS[key]
    path = folder.form_path(forms.id, filename)
    if folder.load_form(forms.id, model, filename) is None:
        raise NotFound(f"{forms.id} has no {filename}")
    if model is Goals:
        issues = toolkit.removed_goal_issues(forms.goals, Goals(kind="goals"), forms.sessions,
                                             forms.action_plan)
        if issues:
            raise InvalidInput(
                f"{forms.id}'s goals cannot be removed: {issues[0][1]}",
                f"Drop the goals instead: mentorkit goals {forms.id} --status GOAL=dropped")
    relationship = _noted(forms.relationship, today, "form removed", filename, reason)
    folder.save_relationship(relationship)
    folder.remove(path)
    return CorrectionResult(forms.id, "removed", filename, relationship)


# -- amending ----------------------------------------------------------------------------
def amend_session(
    folder: ProgramFolder,
    forms: PairRecord,
    given: str,
    session: SessionRecord,
    reason: str,
    today: dt.date,
    *,
    text: str | None = None,
) -> CorrectionResult:
    _correctable(forms, reason)
    name = session_name(forms, given)
    new_name, relationship, notes = replace_session(folder, forms, name, session, today,
                                                    text=text)
    relationship = _noted(relationship, today, "session amended", f"sessions/{name}.yaml",
                          reason)
    folder.save_relationship(relationship)
    return CorrectionResult(forms.id, "amended", f"sessions/{new_name}.yaml", relationship,
                            notes)


def replace_session(
    folder: ProgramFolder,
    forms: PairRecord,
    name: str,
    session: SessionRecord,
    today: dt.date,
    *,
    text: str | None = None,
) -> tuple[str, Relationship, list[str]]:
    """Put `session` in the place of the record `name` (amend-session, and a session
    answer resubmitted to collect): checked like a new session, the file renamed on a
    new date, its actions brought up to date. Call inside a transaction; returns the new
    file's name, the relationship as the sessions left it (for the caller to save) and
    notes."""
    old_path = _session_path(folder, forms.id, name)
    issues = toolkit.session_issues(_dating(forms.relationship), forms.goals, session, today)
    toolkit.raise_issues(issues, folder.relative(old_path), text)
    new_path = old_path
    if session.date != dict(forms.sessions)[name].date:
        new_path = folder.new_session_path(forms.id, session.date)
    new_name = new_path.stem
    notes: list[str] = []
    plan = _plan_after_amend(forms.action_plan, name, new_name, session, notes)
    left = [(n, s) for n, s in forms.sessions if n != name] + [(new_name, session)]
    relationship = _restarted(folder, forms.relationship, left, notes)
    if plan is not None and plan != forms.action_plan:
        folder.save_form(forms.id, plan)
    folder.save(new_path, session, private=True, text=text)
    if new_path != old_path:
        folder.remove(old_path)
        _moved_in_responses(folder, forms.id, old_path.name, new_path.name)
        notes.append(f"moved to sessions/{new_name}.yaml (its new date)")
    return new_name, relationship, notes


def _moved_in_responses(folder: ProgramFolder, pair: str, old: str, new: str) -> None:
    """The collected answer that filed a moved session (responses.yaml) names its new
    file: corrected again in its workbook row or form, it replaces that record rather
    than filing a second one."""
    from mentorkit.models.responses import Responses

    ledger = folder.load_form(pair, Responses)
    was, now = f"{SessionRecord.FOLDER}/{old}", f"{SessionRecord.FOLDER}/{new}"
    if ledger is None or not any(was in r.files for r in ledger.responses):
        return
    for response in ledger.responses:
        response.files = [now if name == was else name for name in response.files]
    folder.save_form(pair, ledger)


def _plan_after_amend(
    plan: ActionPlan | None, name: str, new_name: str, session: SessionRecord,
    notes: list[str],
) -> ActionPlan | None:
    """The action plan with the session's actions as now agreed: an action still agreed
    (the same words, or reworded) keeps its id, status and done date and takes the new
    wording and date; one no longer agreed is taken out, unless something was recorded
    on it since (it is not planned any more): that one stays, and the notes say so."""
    if plan is None and not session.actions:
        return None
    actions = list(plan.actions) if plan else []
    earlier = [a for a in actions if a.from_session == name]
    kept: list[Action] = [a for a in actions if a.from_session != name]
    taken = {a.id for a in actions}
    same = same_items([a.description for a in earlier], [a.description for a in session.actions])
    added = []
    for index, agreed in enumerate(session.actions):
        if index in same:
            kept.append(earlier[same[index]].model_copy(update={**agreed.model_dump(),
                                                                "from_session": new_name}))
            continue
        action = Action(id=next_id("a", taken), from_session=new_name, **agreed.model_dump())
        taken.add(action.id)
        kept.append(action)
        added.append(action.id)
    gone = [a for j, a in enumerate(earlier) if j not in same.values()]
    worked_on = [a for a in gone if a.status is not ActionStatus.PLANNED]
    kept += [a.model_copy(update={"from_session": new_name}) for a in worked_on]
    if taken_out := [a.id for a in gone if a not in worked_on]:
        notes.append(f"actions no longer agreed taken out of the action plan: "
                     f"{', '.join(taken_out)}")
    if worked_on:
        notes.append("no longer agreed, but kept in the action plan for what was recorded "
                     "on them since: " + ", ".join(f"{a.id} ({a.status.value})"
                                                   for a in worked_on))
    if added:
        notes.append(f"agreed actions added to the action plan: {', '.join(added)}")
    order = {a.id: n for n, a in enumerate(actions)}
    kept.sort(key=lambda a: order.get(a.id, len(order)))
    return ActionPlan(kind="action-plan", actions=kept)


# -- keeping the relationship consistent ---------------------------------------------------
def _correctable(forms: PairRecord, reason: str) -> None:
    if not reason.strip():
        raise InvalidInput("give a --reason: corrections are noted in the pair's history")
    r = forms.relationship
    toolkit.refuse_request(r, forms.id)
    if not r.status.is_open:
        raise Conflict(f"{forms.id} is {r.status.value} (closed {r.ended}); a closed "
                       "relationship is not corrected",
                       f"Reopen it first: mentorkit reopen {forms.id} --reason TEXT")


def _started_by_session(relationship: Relationship) -> bool:
    return relationship.started is not None and any(
        e.event == "started" and e.note == FIRST_SESSION for e in relationship.history
    )


def _dating(relationship: Relationship) -> Relationship:
    """The relationship an amended session's date is checked against. A start made by
    the first session follows the sessions (`_restarted`), so a first session moved
    earlier moves it too: only the day the pair was made bounds the date then. Checked
    against the start as it is, a date fix could not be undone."""
    if _started_by_session(relationship):
        return relationship.model_copy(update={"started": None})
    return relationship


def _restarted(
    folder: ProgramFolder, relationship: Relationship, sessions: list[tuple[str, SessionRecord]],
    notes: list[str],
) -> Relationship:
    """The start that the sessions left support, when a session started the pair (not a
    day either of them was paused: the first session logged then is refused too)."""
    if not _started_by_session(relationship):
        return relationship
    first = min((s.date for _, s in sessions), default=None)
    if first is None:
        notes.append("no session is left: the relationship is proposed again")
        return relationship.model_copy(update={"status": RelationshipStatus.PROPOSED,
                                               "started": None})
    if first != relationship.started:
        from mentorkit.services.toolkit import lifecycle

        lifecycle.refuse_not_taking_part(folder, relationship, "start", first,
                                         today_too=False)
        notes.append(f"started moved from {relationship.started} to {first}, "
                     "the first session left")
        return relationship.model_copy(update={"started": first})
    return relationship


def _noted(
    relationship: Relationship, today: dt.date, event: str, form: str, reason: str
) -> Relationship:
    history = [*relationship.history, Event(date=today, event=event, note=f"{form}: {reason}")]
    after = relationship.model_copy(update={"history": history})
    return Relationship.model_validate(after.model_dump())  # dates still in order


# -- entry points (one transaction around reading and writing) -----------------------------------
def remove(
    folder: ProgramFolder, query: str, what: str, reason: str, today: dt.date | None = None
) -> CorrectionResult:
    """Remove a session (by its date or file name) or a form (by its name) of a pair."""

    day = today or dt.date.today()
    with folder.transaction():  # the form, the action plan and the relationship: all or none
        forms = open_pair(folder, query)
        if what.strip().removesuffix(".yaml").lower() in FORMS:
            return remove_form(folder, forms, what, reason, day)
        return remove_session(folder, forms, what, reason, day)


def amend_from_text(
    folder: ProgramFolder,
    query: str,
    given: str,
    text: str,
    *,
    source: str,
    reason: str,
    today: dt.date | None = None,
) -> CorrectionResult:
    """Replace a session's record with a whole one typed as YAML (`--from FILE`), read as
    `log-session --from` reads it: a blank form filled in only in part is accepted."""
    from mentorkit.services.toolkit.whole_form import read_whole_form
    from mentorkit.store.folder import validate

    data = read_whole_form(SessionRecord, text, source)
    session = validate(data, SessionRecord, path=source, text=text)
    with folder.transaction():  # session, action plan and relationship: all or none
        forms = open_pair(folder, query)
        return amend_session(folder, forms, given, session, reason, today or dt.date.today())


def amend_from_file(
    folder: ProgramFolder, query: str, given: str, path: Path, *, reason: str,
    today: dt.date | None = None,
) -> CorrectionResult:
    from mentorkit.store import yamlio

    text, _ = yamlio.read(path)
    return amend_from_text(folder, query, given, text, source=str(path), reason=reason,
                           today=today)


def session_text(folder: ProgramFolder, query: str, given: str) -> tuple[str, str]:
    """A session's file as it is (its name and text), to amend in an editor."""

    forms = open_pair(folder, query)
    name = session_name(forms, given)
    return name, folder.read_text(folder.relative(_session_path(folder, forms.id, name)))
