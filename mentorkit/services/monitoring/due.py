"""`mentorkit due`: what needs chasing today, and what is coming up.

- overdue meetings: active pairs with no session for longer than cadence + grace_days;
- coming meetings: the next meeting agreed at an open pair's latest session, within DAYS;
- actions past their date: open actions (planned, in progress) of open pairs;
- missing evaluations: closed pairs without the mentor's or the mentee's evaluation, even
  when the close recorded a reason for going without it (as `notify` still asks for it);
- requests: mentee requests waiting for the mentor's answer, and expired ones (the
  mentee should choose again, unless they are in an open relationship by now); listed,
  never overdue;
- late milestones: open pairs past the day their next milestone was due
  (services/toolkit/milestones.py), above all pairs matched long ago that never met.
- check-ins due (the latest one a side has not answered) and missing (earlier ones), and
  pairs whose latest check-in needs the coordinator (services/collection/schedule.py).

Overdue meetings, late actions, missing evaluations and pairs whose check-in needs the
coordinator count as overdue (`DueResult.anything_overdue`); unanswered check-ins are
listed but do not, so a program that runs no check-in survey is not always "overdue".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.models.base import plain
from mentorkit.models.training import training_of
from mentorkit.services.asof import snapshot_on
from mentorkit.services.collection.schedule import (
    CheckInDue,
    CheckInFlag,
    check_ins_due,
    flagged,
)
from mentorkit.services.monitoring import pair_state as mon
from mentorkit.services.monitoring.report_results import REPORT_VERSION
from mentorkit.services.programs.training import PersonTraining, still_due
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import Progress, Snapshot, load_snapshot
from mentorkit.vocab import RelationshipStatus, Respondent


@dataclass
class OverduePair:
    pair: str
    mentor_name: str
    mentee_name: str
    last_meeting: dt.date | None
    days_quiet: int
    cadence_days: int
    overdue_days: int


@dataclass
class ComingMeeting:
    pair: str
    mentor_name: str
    mentee_name: str
    date: dt.date
    time: dt.time | None
    in_days: int


@dataclass
class LateAction:
    pair: str
    action: str
    description: str
    owner: str
    date: dt.date
    days_late: int


@dataclass
class MissingEvaluation:
    pair: str
    closed: dt.date | None
    missing: list[str]  # mentor, mentee


@dataclass
class LateMilestone:
    pair: str
    mentor_name: str
    mentee_name: str
    reached: str  # the furthest milestone reached
    milestone: str  # the one it is late for
    due: dt.date
    days_late: int
    matched: dt.date  # the day the relationship was made


@dataclass
class WaitingRequest:
    pair: str
    mentor_name: str
    mentee_name: str
    requested: dt.date
    expires: dt.date
    expired: bool


@dataclass
class DueResult:
    JSON_KIND: ClassVar[str] = "due"  # the --json envelope (render/envelope.py)
    JSON_VERSION: ClassVar[int] = REPORT_VERSION

    as_of: dt.date
    within_days: int
    overdue_meetings: list[OverduePair]
    coming_meetings: list[ComingMeeting]
    late_actions: list[LateAction]
    missing_evaluations: list[MissingEvaluation]
    late_milestones: list[LateMilestone]
    # requests waiting for the mentor's answer (not overdue: the mentor's to answer;
    # an expired one means the mentee should choose again)
    requests: list[WaitingRequest]
    check_ins: list[CheckInDue] = field(default_factory=list)
    needs_coordinator: list[CheckInFlag] = field(default_factory=list)
    # active people with a training still to complete (listed, not overdue)
    training: list[PersonTraining] = field(default_factory=list)

    @property
    def anything_overdue(self) -> bool:
        return bool(self.overdue_meetings or self.late_actions or self.missing_evaluations
                    or self.late_milestones or self.needs_coordinator)

    @property
    def anything_listed(self) -> bool:
        """Whether `due` has anything to show: what is overdue, and what is listed only."""
        return bool(self.anything_overdue or self.coming_meetings or self.requests
                    or self.check_ins or self.training)

    def to_json(self) -> dict[str, Any]:
        return {
            "report_version": REPORT_VERSION,
            "anything_overdue": self.anything_overdue,
            **plain(self, json=True),
        }


def due(
    folder: ProgramFolder, today: dt.date, within: int = 14, progress: Progress | None = None
) -> DueResult:
    return compute(load_snapshot(folder, progress), today, within)


def compute(snapshot: Snapshot, today: dt.date, within: int = 14) -> DueResult:
    snapshot = snapshot_on(snapshot, today)
    program = snapshot.program

    def name(person_id: str) -> str:
        person = snapshot.participants.get(person_id)
        return person.name if person else person_id

    overdue, coming, late, missing, milestones = [], [], [], [], []
    requests: list[WaitingRequest] = []
    horizon = today + dt.timedelta(days=within)
    # a mentee paired since their request lapsed has chosen again: nothing to do about it
    paired = {f.relationship.mentee for f in snapshot.pairs.values()
              if f.relationship.status.is_open}
    for pair, files in snapshot.pairs.items():
        rel = files.relationship
        if not rel.status.is_match:
            if (rel.request is not None and rel.status is RelationshipStatus.REQUESTED
                    and not (rel.expired_request(today) and rel.mentee in paired)):
                requests.append(WaitingRequest(
                    pair, name(rel.mentor), name(rel.mentee), rel.request.requested,
                    rel.request.expires, rel.expired_request(today)))
            continue
        if rel.status.is_open:
            days_late = mon.overdue_by(program, files, today)
            if days_late is not None:
                last = mon.last_session(files, today)
                overdue.append(OverduePair(
                    pair, name(rel.mentor), name(rel.mentee), last.date if last else None,
                    mon.quiet_days(files, today) or 0, mon.cadence_days(program, files),
                    days_late,
                ))
            agreed = mon.next_meeting(files)
            if agreed is not None and today <= agreed[0] <= horizon:
                coming.append(ComingMeeting(pair, name(rel.mentor), name(rel.mentee),
                                            agreed[0], agreed[1], (agreed[0] - today).days))
            state = mon.milestones(program, files, today)
            if state.late and state.next is not None and state.due is not None:
                milestones.append(LateMilestone(
                    pair, name(rel.mentor), name(rel.mentee), state.reached.value,
                    state.next.value, state.due, state.days_late, rel.matched_on))
            for action in mon.overdue_actions(files, today):
                late.append(LateAction(pair, action.id, action.description, action.owner.value,
                                       action.date, (today - action.date).days))
        else:
            absent = [r.value for r in Respondent if r not in files.evaluations]
            if absent:
                closed = rel.closure.date if rel.closure else rel.ended
                missing.append(MissingEvaluation(pair, closed, absent))
    overdue.sort(key=lambda o: (-o.overdue_days, o.pair))
    coming.sort(key=lambda c: (c.date, c.time or dt.time(0), c.pair))
    late.sort(key=lambda a: (a.date, a.pair, a.action))
    # never met first: the commonest silent failure, then the longest late
    milestones.sort(key=lambda m: (m.reached != "matched", -m.days_late, m.pair))
    requests.sort(key=lambda r: (not r.expired, r.expires, r.pair))
    names = {pid: p.name for pid, p in snapshot.participants.items()}
    return DueResult(today, within, overdue, coming, late, missing, milestones, requests,
                     check_ins_due(program, snapshot.pairs, names, today),
                     flagged(program, snapshot.pairs, names),
                     still_due(snapshot.participants, training_of(program), today))
