"""One clock: the program as it stood on a day.

Every command that depends on today (`report`, `due`, `show`, `calendar`, `match
suggest`, `notify`) first narrows what it loaded to what existed on that day, then works
out its figures as usual. Nothing that happened after the day counts:

- a relationship created after the day did not exist; one started, closed or reopened
  after it is shown in the state it was in (its history is replayed up to the day); a
  request answered after the day was still waiting for its answer;
- sessions, evaluations and a needs analysis dated after the day are left out;
- goals, the action plan and partnership ideas carry no date of their own: they count
  from the day the pair started (the goals are agreed at the first meeting). Actions a
  session agreed after the day are left out, and an action done after the day is still
  open on the day;
- a participant who joined after the day was not enrolled yet.

Copies are made only where something is after the day, so "as of today" costs one pass
over the dates and returns the very objects that were loaded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from mentorkit.models.pair import PairRecord
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Closure, ClosureKind, Event, Relationship
from mentorkit.models.toolkit import ActionPlan, Evaluation, NeedsAnalysis, SessionRecord
from mentorkit.store.snapshot import Snapshot
from mentorkit.vocab import ActionStatus, RelationshipStatus, Respondent

CLOSED = "closed: "  # history events written by `mentorkit close` (services/toolkit/lifecycle)
REOPENED = "reopened"



def snapshot_on(snapshot: Snapshot, day: dt.date) -> Snapshot:
    """The whole program as it stood on `day`."""
    people = participants_on(snapshot.participants, day)
    pairs: dict[str, PairRecord] = {}
    changed = people is not snapshot.participants
    for pair, files in snapshot.pairs.items():
        then = pair_on(files, day)
        changed = changed or then is not files
        if then is not None:
            pairs[pair] = then
    if not changed:
        return snapshot
    return dataclasses.replace(snapshot, participants=people, pairs=pairs)


def participants_on(people: dict[str, Participant], day: dt.date) -> dict[str, Participant]:
    """Who had joined by `day`, each with the status they had then (their status changes
    replayed up to the day)."""
    if all((p.joined is None or p.joined <= day) and not p.changed_after(day)
           for p in people.values()):
        return people  # the common case, on 5,000 people: nothing copied
    return {k: _status_on(p, day) for k, p in people.items()
            if p.joined is None or p.joined <= day}


def _status_on(person: Participant, day: dt.date) -> Participant:
    if not person.changed_after(day):
        return person
    return person.model_copy(update={
        "status": person.status_on(day),
        "status_changes": [c for c in person.status_changes or [] if c.date <= day] or None})


def relationships_on(
    relationships: dict[str, Relationship], day: dt.date
) -> dict[str, Relationship]:
    out = {}
    for pair, rel in relationships.items():
        then = relationship_on(rel, day)
        if then is not None:
            out[pair] = then
    return out


def pair_on(record: PairRecord, day: dt.date) -> PairRecord | None:
    """One pair and its forms on `day`; None if the relationship did not exist yet."""
    rel = relationship_on(record.relationship, day)
    if rel is None:
        return None
    forms = _forms_on(record.relationship, record.needs_analysis, record.sessions,
                      record.evaluations, record.action_plan, day)
    check_ins = [c for c in record.check_ins if c.date <= day]
    if rel is record.relationship and forms is None and len(check_ins) == len(record.check_ins):
        return record
    needs, sessions, evaluations, plan, begun = forms or (
        record.needs_analysis, record.sessions, record.evaluations, record.action_plan, True)
    return dataclasses.replace(
        record, relationship=rel, needs_analysis=needs, sessions=sessions,
        evaluations=evaluations, action_plan=plan,
        goals=record.goals if begun else None,
        partnership_ideas=record.partnership_ideas if begun else None,
        check_ins=check_ins,
    )


def relationship_on(rel: Relationship, day: dt.date) -> Relationship | None:
    """The relationship as it stood on `day`, or None if it was created after it."""
    if rel.created > day:
        return None
    if _nothing_after(rel, day):
        return rel
    history = [e for e in rel.history if e.date <= day]
    request = rel.request
    if request is not None and request.answered is not None and request.answered > day:
        # asked for on or before the day, answered after it: still waiting then
        return rel.model_copy(update={
            "status": RelationshipStatus.REQUESTED, "started": None, "ended": None,
            "closure": None, "history": history,
            "request": request.model_copy(update={"answered": None, "decline_reason": None}),
        })
    started = rel.started if rel.started is not None and rel.started <= day else None
    if rel.ended is not None and rel.ended <= day:
        status, ended, closure = rel.status, rel.ended, rel.closure
    else:
        status = RelationshipStatus.ACTIVE if started else RelationshipStatus.PROPOSED
        ended, closure = None, None
        last = _last_open_or_close(history)
        if last is not None and last.event.startswith(CLOSED):
            # closed on or before the day, reopened after it: the closure the history kept
            kind = _closure_kind(last.event.removeprefix(CLOSED))
            closure = Closure(date=last.date, kind=kind, reason=last.note or "not recorded",
                              missing=last.missing or [], missing_reason=last.missing_reason)
            status = (RelationshipStatus.COMPLETED if kind is ClosureKind.COMPLETED
                      else RelationshipStatus.ENDED_EARLY)
            ended = last.date
    return rel.model_copy(update={"status": status, "started": started, "ended": ended,
                                  "closure": closure, "history": history})


def _nothing_after(rel: Relationship, day: dt.date) -> bool:
    return (
        (rel.started is None or rel.started <= day)
        and (rel.ended is None or rel.ended <= day)
        and all(e.date <= day for e in rel.history)
        and (rel.request is None or rel.request.answered is None or rel.request.answered <= day)
    )


def closed_spells(history: list[Event]) -> list[tuple[dt.date, dt.date]]:
    """Each time the relationship was closed and reopened after: (the close, the reopen).
    Nothing happened between them; a relationship closed now is not in one."""
    spells, closed = [], None
    for event in history:
        if event.event.startswith(CLOSED):
            closed = event.date
        elif event.event == REOPENED and closed is not None:
            spells.append((closed, event.date))
            closed = None
    return spells


def _last_open_or_close(history: list[Event]) -> Event | None:
    for event in reversed(history):
        if event.event.startswith(CLOSED) or event.event == REOPENED:
            return event
    return None


def _closure_kind(text: str) -> ClosureKind:
    try:
        return ClosureKind(text.strip())
    except ValueError:
        return ClosureKind.ENDED_EARLY


Forms = tuple[
    NeedsAnalysis | None, list[tuple[str, SessionRecord]], dict[Respondent, Evaluation],
    ActionPlan | None, bool,
]


def _forms_on(
    rel: Relationship,
    needs: NeedsAnalysis | None,
    sessions: list[tuple[str, SessionRecord]],
    evaluations: dict[Respondent, Evaluation],
    plan: ActionPlan | None,
    day: dt.date,
) -> Forms | None:
    """The forms filled by `day` (and whether the pair had begun); None if all were.

    `rel` is the relationship as it is now: a pair that first met after the day had not
    begun; one with no start and no session gives no date, so its undated forms stay.
    """
    met = min((s.date for _, s in sessions), default=None)
    first = min([d for d in (rel.started, met) if d is not None], default=None)
    begun = first is None or first <= day
    if (
        begun
        and (needs is None or needs.date <= day)
        and all(s.date <= day for _, s in sessions)
        and all(e.date <= day for e in evaluations.values())
        and (plan is None or not _plan_after(plan, day))
    ):
        return None
    kept = [(name, s) for name, s in sessions if s.date <= day]
    return (
        needs if needs is not None and needs.date <= day else None,
        kept,
        {who: e for who, e in evaluations.items() if e.date <= day},
        _plan_on(plan, day) if begun and plan is not None else None,
        begun,
    )


def _session_day(name: str | None) -> dt.date | None:
    """A session file's name starts with its date (sessions/<date>[-n].yaml)."""
    try:
        return dt.date.fromisoformat((name or "")[:10])
    except ValueError:
        return None


def _plan_after(plan: ActionPlan, day: dt.date) -> bool:
    for action in plan.actions:
        agreed = _session_day(action.from_session)
        if (agreed is not None and agreed > day) or (
            action.done_date is not None and action.done_date > day
        ):
            return True
    return False


def _plan_on(plan: ActionPlan, day: dt.date) -> ActionPlan:
    if not _plan_after(plan, day):
        return plan
    actions = []
    for action in plan.actions:
        agreed = _session_day(action.from_session)
        if agreed is not None and agreed > day:
            continue
        if action.done_date is not None and action.done_date > day:
            action = action.model_copy(update={"status": ActionStatus.PLANNED, "done_date": None})
        actions.append(action)
    return plan.model_copy(update={"actions": actions})


def existing_on(files: PairRecord, day: dt.date) -> PairRecord:
    """One pair on `day`, for commands about that pair: refused if it did not exist yet."""
    then = pair_on(files, day)
    if then is None:
        from mentorkit.errors import NotFound

        rel = files.relationship
        raise NotFound(f"{rel.id} did not exist yet on {day}: it was created on {rel.created}",
                       "Give a later --as-of date.")
    return then
