"""The one place a toolkit form is checked across files and written.

Every way of filling a form (options, prompts, --from FILE, --edit) ends in `submit`,
which applies the rules across files (services/toolkit/rules.py), writes under the
program's lock and reports what changed. A session's agreed actions join the action
plan, and the first session logged starts a proposed relationship.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import Conflict
from mentorkit.models.base import FileModel
from mentorkit.models.pair import PairRecord, current_goals, file_of
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goals,
    SessionRecord,
)
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.catalogue import form_of
from mentorkit.services.toolkit.duplicates import refuse_duplicate
from mentorkit.services.toolkit.rules import Options, raise_issues
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import RelationshipStatus
from mentorkit.words import plural


@dataclass
class FormResult:
    """A form written (or left as it was) in a relationship's folder."""

    JSON_KIND: ClassVar[str] = "form"  # the --json envelope (render/envelope.py)

    pair: str
    form: str
    path: str
    action: str  # created, updated, unchanged, logged
    document: FileModel
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "pair": self.pair,
            "form": self.form,
            "file": self.path,
            "action": self.action,
            "notes": self.notes,
            "document": self.document.to_document(),
        }


def or_today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def next_id(prefix: str, taken: set[str]) -> str:
    numbers = [int(i[len(prefix) :]) for i in taken if re.fullmatch(rf"{prefix}\d+", i)]
    return f"{prefix}{max(numbers, default=0) + 1}"


# -- the one place a form is checked across files and written --------------------------------
def submit(
    folder: ProgramFolder,
    forms: PairRecord,
    document: FileModel,
    *,
    text: str | None = None,
    source: str | None = None,
    today: dt.date | None = None,
    options: Options | None = None,
) -> FormResult:
    """`options`: where values typed as options went, so that a problem with one names
    the option rather than the file."""
    pair = forms.id
    if isinstance(document, SessionRecord):
        with folder.transaction():  # session, action plan, relationship start: all or none
            return _submit_session(folder, forms, document, text, source, or_today(today),
                                   options)
    notes: list[str] = []
    respondent = document.respondent if isinstance(document, Evaluation) else None
    filename = file_of(type(document), respondent) or ""
    issues = toolkit.happened_issues(forms.relationship, document, or_today(today))
    if isinstance(document, Goals):
        issues += toolkit.removed_goal_issues(
            forms.goals, document, forms.sessions, forms.action_plan
        )
        notes += _overruled(forms, document)
    elif isinstance(document, ActionPlan):
        issues += toolkit.plan_issues(document, forms.goals, [n for n, _ in forms.sessions])
    elif isinstance(document, Evaluation):
        issues += toolkit.evaluation_issues(document, forms.goals)
    path = folder.form_path(pair, filename)
    raise_issues(issues, source or folder.relative(path), text, options=options)
    before = folder.load_form(pair, type(document), filename)
    if before is None and not any(document.model_dump(exclude={"schema_version", "kind"}).values()):
        action = "unchanged"  # nothing was given: no empty form is written
    elif before is None:
        action = "created"
    elif before == document and text is None:
        action = "unchanged"
    else:
        action = "updated"
    if action != "unchanged":
        folder.save_form(pair, document, filename, text=text)
    return FormResult(
        pair, form_of(type(document)).name, folder.relative(path), action, document, notes
    )


def _overruled(forms: PairRecord, goals: Goals) -> list[str]:
    """Statuses and progress set in goals.yaml that a later session report overrides
    (latest-session rule): saved, yet show and report give the session's."""
    notes = []
    for goal, now in zip(goals.goals, current_goals(goals, forms.records), strict=True):
        before = forms.goals.get(goal.id) if forms.goals else None
        if before is None:
            continue
        reported = [
            shown
            for shown, given, was, wins in (
                (now.status.value, goal.status, before.status, now.status),
                (f"at {now.progress}%", goal.progress, before.progress, now.progress),
            )
            if given != was and wins != given
        ]
        if reported:
            notes.append(
                f"{goal.id}: the latest session reports it {' '.join(reported)}, and sessions "
                "count: record progress with `mentorkit log-session` (or --drop it)"
            )
    return notes


def refuse_session(folder: ProgramFolder, forms: PairRecord, day: dt.date | None = None) -> None:
    """Refuse a session for a pair that is closed, or whose first session would start it
    while one of them is paused or withdrawn, today or on its `day` (as `start` refuses;
    without a day yet, before its questions are asked: today)."""
    from mentorkit.services.toolkit import lifecycle

    r = forms.relationship
    toolkit.refuse_request(r, forms.id)
    if not r.status.is_open:
        raise Conflict(
            f"{forms.id} is {r.status.value} (closed {r.ended}); "
            "a closed relationship takes no more sessions",
            f"Reopen it first: mentorkit reopen {forms.id} --reason TEXT",
        )
    if r.status is RelationshipStatus.PROPOSED:
        lifecycle.refuse_not_taking_part(folder, r, "start", day or dt.date.today())


def _submit_session(
    folder: ProgramFolder,
    forms: PairRecord,
    session: SessionRecord,
    text: str | None,
    source: str | None,
    today: dt.date,
    options: Options | None,
) -> FormResult:
    from mentorkit.services.toolkit import lifecycle

    pair, relationship = forms.id, forms.relationship
    refuse_session(folder, forms, session.date)
    refuse_duplicate(forms, session)
    path = folder.new_session_path(pair, session.date)
    issues = toolkit.session_issues(relationship, forms.goals, session, today)
    raise_issues(issues, source or folder.relative(path), text, options=options)
    folder.save(path, session, private=True, text=text)
    notes = []
    if session.actions:
        plan = forms.action_plan or ActionPlan(kind="action-plan")
        taken = {a.id for a in plan.actions}
        added = []
        for agreed in session.actions:
            action = Action(id=next_id("a", taken), from_session=path.stem, **agreed.model_dump())
            taken.add(action.id)
            added.append(action)
        folder.save_form(pair, ActionPlan(kind="action-plan", actions=[*plan.actions, *added]))
        notes.append(
            f"{plural(len(added), 'agreed action')} joined the action plan: "
            + ", ".join(a.id for a in added)
        )
    if relationship.status is RelationshipStatus.PROPOSED:
        folder.save_relationship(
            lifecycle.started(relationship, session.date, "first session logged")
        )
        notes.append(f"the relationship is now active (started {session.date})")
    return FormResult(pair, "session", folder.relative(path), "logged", session, notes)
