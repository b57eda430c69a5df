"""`mentorkit report`: how the program is doing, for leadership.

One job, past 400 lines: the figures of the program report, section by section (one
pair's report is services/monitoring/pair_report.py; the results are report_results.py).

The program report holds counts, dates, ratings and per-pair figures, never the text a
pair keeps private (SessionRecord.PRIVATE_FIELDS: issues, learnings, private notes). Only
`pair_report(..., include_private=True)` carries that text, for one pair.

Every figure is worked out on the program as it stood on one day (services/asof.py):
`today` (the CLI passes date.today() or --as-of), or `until` when that is earlier. So
`--since/--until` report the window: sessions held and expected inside it, closures and
evaluations inside it, and at-risk pairs as of its end. `since`/`until` limit sessions,
closures and evaluations to that date range;
`department` limits participants to that department and pairs to those whose mentee
works there. The result types and their JSON shape are in report_results.py; one pair's
report is in pair_report.py.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from mentorkit.errors import InvalidInput, NotFound
from mentorkit.models.pair import PairRecord
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import Evaluation
from mentorkit.models.training import training_of
from mentorkit.services.asof import snapshot_on
from mentorkit.services.collection import schedule
from mentorkit.services.collection.schedule import RelationshipHealth
from mentorkit.services.enrolment.participants import mentor_load
from mentorkit.services.monitoring import pair_state as mon
from mentorkit.services.monitoring.report_results import (
    NO_FUNCTION,
    RATING_ITEMS,
    Engagement,
    Enrolment,
    EvaluationSummary,
    GoalSummary,
    LateMilestone,
    Lifecycle,
    MentorCapacity,
    PairRow,
    ProgramReport,
    RatingMean,
    Scope,
    Unmatched,
)
from mentorkit.services.outcomes import retention
from mentorkit.services.programs.training_figures import training_figures
from mentorkit.services.recognition.milestones import reached
from mentorkit.services.toolkit.milestones import days_to_first_meeting
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Progress, Snapshot, load_snapshot
from mentorkit.vocab import (
    Achieved,
    ActionStatus,
    GoalStatus,
    MentorFunction,
    Milestone,
    RelationshipStatus,
    Status,
)


# -- entry points ------------------------------------------------------------------------------
def program_report(
    folder: ProgramFolder,
    today: dt.date,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    department: str | None = None,
    progress: Progress | None = None,
) -> ProgramReport:
    from mentorkit.services.events.attendance import event_attendance

    snapshot = load_snapshot(folder, progress)
    report = build(snapshot, today, since=since, until=until, department=department)
    report.outcomes = retention.for_report(folder, snapshot, report.scope.as_of, department)
    report.events = event_attendance(folder, snapshot, report.scope)
    return report


# -- building --------------------------------------------------------------------------------
@dataclass
class DateRange:
    since: dt.date | None
    until: dt.date | None

    def has(self, day: dt.date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def build(
    snapshot: Snapshot,
    today: dt.date,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    department: str | None = None,
) -> ProgramReport:
    if since and until and until < since:
        raise InvalidInput("--until is before --since", "Give the range earliest date first.")
    end = min(today, until) if until else today
    snapshot = snapshot_on(snapshot, end)
    program = snapshot.program
    dates = DateRange(since, until)
    people = snapshot.participants
    if department:
        wanted = department.casefold()
        known = sorted({p.department for p in people.values() if p.department})
        if wanted not in {d.casefold() for d in known}:
            # a typo would otherwise give an all-zero report that looks like bad news
            raise NotFound(
                f"no participant is in department {department!r}",
                f"Departments: {', '.join(known) or 'none recorded'}.",
            )
        people = {k: p for k, p in people.items() if p.department.casefold() == wanted}
        every = {k: f for k, f in snapshot.pairs.items() if f.relationship.mentee in people}
    else:
        every = dict(snapshot.pairs)
    # requests waiting for an answer, and declined ones, are not pairs yet
    pairs = {k: f for k, f in every.items() if f.relationship.status.is_match}
    goal_states = {
        pair: mon.goal_states(files.goals, files.sessions, end)
        for pair, files in pairs.items()
    }
    rows = [pair_row(snapshot, files, end, dates, goal_states[p]) for p, files in pairs.items()]
    health = _health(snapshot, pairs, rows, end)
    return ProgramReport(
        scope=Scope(program.name, end, since, until, department, program.cadence.value,
                    program.grace_days),
        enrolment=_enrolment(snapshot, people, rows, end),
        engagement=_engagement(rows),
        goals=_goals(pairs, goal_states, end),
        evaluation=_evaluation(pairs, dates),
        lifecycle=_lifecycle(every, dates, rows, end),
        health=health,
        training=training_figures(people, training_of(program), end),
        milestones=reached(pairs, {k: p.name for k, p in snapshot.participants.items()},
                           since, until),
    )


def _health(
    snapshot: Snapshot, pairs: dict[str, PairRecord], rows: list[PairRow], today: dt.date
) -> RelationshipHealth:
    """Relationship health from the pulse check-ins; each pair's row gets its figures."""
    names = {pid: p.name for pid, p in snapshot.participants.items()}
    health = schedule.health(snapshot.program, pairs, names, today)
    reasons: dict[str, list[str]] = {}
    for flag in health.flags:
        reasons.setdefault(flag.pair, []).extend(f"{flag.respondent}: {r}" for r in flag.reasons)
    for row in rows:
        record = pairs[row.pair]
        answered = schedule.counted(schedule.occasions(snapshot.program, record.relationship),
                                    record.check_ins)
        row.check_ins = sum(due <= today for due, _side in answered)
        row.check_in_flags = "; ".join(reasons.get(row.pair, []))
    return health


def _name(snapshot: Snapshot, person_id: str) -> str:
    person = snapshot.participants.get(person_id)
    return person.name if person else person_id


def pair_row(
    snapshot: Snapshot, files: PairRecord, today: dt.date, dates: DateRange,
    goals: dict[str, mon.GoalState],
) -> PairRow:
    program = snapshot.program
    rel = files.relationship
    end = mon.window_end(files, today)
    if dates.until is not None:
        end = min(end, dates.until)
    if dates.since is None and dates.until is None:
        held = [s for _, s in files.sessions if s.date <= end]
    else:
        held = [s for _, s in files.sessions if s.date <= end and dates.has(s.date)]
    started = rel.started
    expected = 0
    if started is not None:
        start = max(started, dates.since) if dates.since else started
        expected = mon.expected_sessions(program, files, start, end)
    last = mon.last_session(files, today)
    agreed = mon.next_meeting(files) if rel.status.is_open else None
    actions = files.action_plan.actions if files.action_plan else []
    mentee = snapshot.participants.get(rel.mentee)
    at_risk = mon.overdue_by(program, files, today) is not None
    state = mon.milestones(program, files, today)
    return PairRow(
        pair=rel.id,
        mentor=rel.mentor,
        mentor_name=_name(snapshot, rel.mentor),
        mentee=rel.mentee,
        mentee_name=_name(snapshot, rel.mentee),
        department=mentee.department if mentee else "",
        status=rel.status.value,
        started=started,
        ended=rel.ended,
        cadence_days=mon.cadence_days(program, files),
        sessions_held=len(held),
        sessions_expected=expected,
        # enough sessions so far, and none overdue now: a pair that met twice in its first
        # month and then went quiet is at risk, not on cadence
        on_cadence=None if started is None else len(held) >= expected and not at_risk,
        last_meeting=last.date if last else None,
        next_meeting=agreed[0] if agreed else None,
        days_since_meeting=mon.quiet_days(files, today) if rel.status.is_open else None,
        at_risk=at_risk,
        hours=round(sum(s.duration_minutes for s in held) / 60, 2),
        goals_set=len(goals),
        goals_achieved=sum(g.status is GoalStatus.ACHIEVED for g in goals.values()),
        actions_done=sum(a.status is ActionStatus.DONE for a in actions),
        actions_overdue=len(mon.overdue_actions(files, today)) if rel.status.is_open else 0,
        evaluations=len(files.evaluations),
        milestone=state.reached.value,
        next_milestone=state.next.value if state.next else None,
        next_milestone_due=state.due,
        milestone_days_late=state.days_late,
        days_to_first_meeting=days_to_first_meeting(rel, state),
    )


def _count(values: Any) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _count_spellings(values: Any) -> dict[str, int]:
    """Counts of a department or site whatever its case ('ICU' and 'icu' typed by `add`
    are one department, as matching and `--department` take them), each under its
    commonest spelling (the first in sorted order on a tie)."""
    spellings: dict[str, Counter[str]] = {}
    for value in values:
        spellings.setdefault(value.casefold(), Counter())[value] += 1
    named = {min(c, key=lambda s: (-c[s], s)): c.total() for c in spellings.values()}
    return dict(sorted(named.items()))


def _enrolment(
    snapshot: Snapshot, people: dict[str, Participant], rows: list[PairRow], today: dt.date
) -> Enrolment:
    program = snapshot.program
    by_mentee: dict[str, list[Relationship]] = {}
    for files in snapshot.pairs.values():
        by_mentee.setdefault(files.relationship.mentee, []).append(files.relationship)
    mentees = {k: p for k, p in people.items() if p.role.mentees}
    active = {k for k, p in mentees.items() if p.status is Status.ACTIVE}
    matched = {k for k in active if _matched(by_mentee.get(k, []))}
    # like `matched`, a relationship that ended early does not count
    met = {r.mentee for r in rows if r.days_to_first_meeting is not None
           and r.status != RelationshipStatus.ENDED_EARLY} & active
    unmatched = [
        Unmatched(k, p.name, p.department, _why_unmatched(p, by_mentee.get(k, []), today))
        for k, p in mentees.items()
        if k not in matched
    ]
    load = mentor_load((f.relationship for f in snapshot.pairs.values()), today)
    mentors = []
    for k, p in people.items():
        if not p.role.mentors:
            continue
        capacity = p.mentor_capacity(program.default_mentor_capacity)
        used = load.get(k, 0)
        free = max(0, capacity - used) if p.status is Status.ACTIVE else 0
        mentors.append(MentorCapacity(k, p.name, p.status.value, capacity, used, free,
                                      max(0, used - capacity)))
    active_mentors = [m for m in mentors if m.status == Status.ACTIVE.value]
    return Enrolment(
        participants=len(people),
        by_role=_count(p.role.value for p in people.values()),
        by_department=_count_spellings(p.department or "(none)" for p in people.values()),
        by_site=_count_spellings(p.site or "(none)" for p in people.values()),
        by_status=_count(p.status.value for p in people.values()),
        active_mentees=len(active),
        matched_mentees=len(matched),
        match_rate=len(matched) / len(active) if active else None,
        unmatched=unmatched,
        mentor_capacity=sum(m.capacity for m in active_mentors),
        # the places of mentors taking part: a paused mentor's pairs are in their row
        mentor_used=sum(m.used for m in active_mentors),
        mentor_free=sum(m.free for m in active_mentors),
        mentor_over=sum(m.over for m in active_mentors),  # free is never below 0: say it
        mentors=mentors,
        met_mentees=len(met),
        met_rate=len(met) / len(active) if active else None,
    )


def _matched(relationships: list[Relationship]) -> bool:
    """In a relationship that is proposed, active or completed (not only ended early, and
    not a request)."""
    return any(r.status.is_match and r.status is not RelationshipStatus.ENDED_EARLY
               for r in relationships)


def _why_unmatched(person: Participant, relationships: list[Relationship], today: dt.date) -> str:
    if person.status is not Status.ACTIVE:
        return person.status.value  # paused or withdrawn
    waiting = [r for r in relationships if r.pending_request(today)]
    if waiting:
        return f"asked {waiting[-1].mentor} for mentoring; waiting for the answer"
    relationships = [r for r in relationships if r.status.is_match]
    if relationships:
        return f"relationship ended early ({relationships[-1].id}), not rematched"
    return "no relationship yet"


def _engagement(rows: list[PairRow]) -> Engagement:
    started = [r for r in rows if r.on_cadence is not None]
    on = sum(bool(r.on_cadence) for r in started)
    return Engagement(
        pairs_started=len(started),
        pairs_on_cadence=on,
        on_cadence_share=on / len(started) if started else None,
        sessions_held=sum(r.sessions_held for r in rows),
        sessions_expected=sum(r.sessions_expected for r in rows),
        at_risk=[r.pair for r in rows if r.at_risk],
        hours=round(sum(r.hours for r in rows), 2),
        pairs=rows,
    )


def _goals(
    pairs: dict[str, PairRecord], goal_states: dict[str, dict[str, mon.GoalState]], today: dt.date
) -> GoalSummary:
    # Counted by enum member (a StrEnum member is its value as a dict key; .value is slow).
    pairs_of_goals: Counter[tuple[str, str]] = Counter()  # (function, status)
    actions = Counter[str]()
    overdue = 0
    for pair, files in pairs.items():
        for state in goal_states[pair].values():
            pairs_of_goals[(state.goal.function or NO_FUNCTION, state.status)] += 1
        if files.action_plan is not None:
            actions.update(a.status for a in files.action_plan.actions)
            if files.relationship.status.is_open:
                overdue += len(mon.overdue_actions(files, today))
    by_status: Counter[str] = Counter()
    by_function: dict[str, Counter[str]] = {}
    for (function, status), n in pairs_of_goals.items():
        by_status[str(status)] += n
        counts = by_function.setdefault(str(function), Counter())
        counts["set"] += n
        counts[str(status)] += n
    order = [f.value for f in MentorFunction] + [NO_FUNCTION]
    return GoalSummary(
        set=sum(by_status.values()),
        by_status={s.value: by_status[s.value] for s in GoalStatus},
        by_function={
            f: {"set": by_function[f]["set"], **{s.value: by_function[f][s.value]
                                                 for s in GoalStatus}}
            for f in order if f in by_function
        },
        actions=sum(actions.values()),
        actions_done=actions[ActionStatus.DONE.value],
        actions_open=actions[ActionStatus.PLANNED.value] + actions[ActionStatus.IN_PROGRESS.value],
        actions_overdue=overdue,
        actions_cancelled=actions[ActionStatus.CANCELLED.value],
    )


def _closed_in_range(pairs: dict[str, PairRecord], dates: DateRange) -> list[PairRecord]:
    closed = []
    for files in pairs.values():
        rel = files.relationship
        if not rel.status.is_closed:
            continue
        day = rel.closure.date if rel.closure else rel.ended
        if day is None or dates.has(day):
            closed.append(files)
    return closed


def _evaluation(pairs: dict[str, PairRecord], dates: DateRange) -> EvaluationSummary:
    closed = _closed_in_range(pairs, dates)
    received = sum(len(f.evaluations) for f in closed)
    answers: list[Evaluation] = [
        e for f in pairs.values() for e in f.evaluations.values() if dates.has(e.date)
    ]
    ratings = []
    for label, name in RATING_ITEMS:
        section = label.split(".")[0]
        values = [getattr(getattr(e, section), name) for e in answers]
        given = [v for v in values if v is not None]
        ratings.append(RatingMean(label, sum(given) / len(given) if given else None, len(given)))
    scores = [e.recommend for e in answers if e.recommend is not None]
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    outcomes = Counter(g.achieved.value for e in answers for g in e.goals)
    kinds = [f.relationship.closure.kind.value for f in closed if f.relationship.closure]
    reasons = [f.relationship.closure.reason for f in closed if f.relationship.closure]
    return EvaluationSummary(
        closed_pairs=len(closed),
        expected=2 * len(closed),
        received=received,
        response_rate=received / (2 * len(closed)) if closed else None,
        ratings=ratings,
        goals_reported={a.value: outcomes[a.value] for a in Achieved},
        recommend_responses=len(scores),
        promoters=promoters,
        passives=len(scores) - promoters - detractors,
        detractors=detractors,
        nps=100 * (promoters - detractors) / len(scores) if scores else None,
        closures_by_kind=_count(kinds),
        closure_reasons=_count(reasons),
    )


def _lifecycle(
    pairs: dict[str, PairRecord], dates: DateRange, rows: list[PairRow], today: dt.date
) -> Lifecycle:
    completed = [
        f.relationship for f in _closed_in_range(pairs, dates)
        if f.relationship.status is RelationshipStatus.COMPLETED
    ]
    lengths = [(r.ended - r.started).days for r in completed if r.started and r.ended]
    statuses = Counter(f.relationship.status.value for f in pairs.values())
    return Lifecycle(
        by_status={s.value: statuses[s.value] for s in RelationshipStatus},
        completed=len(completed),
        average_length_days=sum(lengths) / len(lengths) if lengths else None,
        by_milestone=_count_in_order(r.milestone for r in rows),
        median_days_to_first_meeting=_median(
            [r.days_to_first_meeting for r in rows if r.days_to_first_meeting is not None]),
        never_met=sum(r.milestone == Milestone.MATCHED for r in rows),
        late_for_milestone=sorted(
            (LateMilestone(r.pair, r.milestone, r.next_milestone, r.next_milestone_due,
                           r.milestone_days_late)
             for r in rows
             if r.milestone_days_late and r.next_milestone and r.next_milestone_due),
            key=lambda m: (m.reached != Milestone.MATCHED, -m.days_late, m.pair)),
        requests=_requests((f.relationship for f in pairs.values()), today),
    )


def _requests(relationships: Any, today: dt.date) -> dict[str, int]:
    """Mentee requests (`mentorkit request`) by where they stand: pending, accepted,
    declined, expired (unanswered past their day)."""
    counts = Counter[str]()
    for r in relationships:
        if r.request is None:
            continue
        if r.status is RelationshipStatus.DECLINED:
            counts["declined"] += 1
        elif r.status is not RelationshipStatus.REQUESTED:
            counts["accepted"] += 1
        else:
            counts["expired" if r.expired_request(today) else "pending"] += 1
    return {k: counts[k] for k in ("pending", "accepted", "declined", "expired")}


def _count_in_order(values: Any) -> dict[str, int]:
    counts = Counter(values)
    return {m.value: counts[m.value] for m in Milestone}


def _median(values: list[int]) -> float | None:
    import statistics

    return float(statistics.median(values)) if values else None
