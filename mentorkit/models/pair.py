"""One relationship and its toolkit forms, as its folder holds them: the one model of a pair.

    relationships/<mentor>--<mentee>/
        relationship.yaml          PairRecord.relationship
        needs-analysis.yaml        .needs_analysis     (Tool 1)
        goals.yaml                 .goals              (Tool 2)
        action-plan.yaml           .action_plan        (Tool 3)
        sessions/<date>[-n].yaml   .sessions           (Tool 4, in `session_order`)
        evaluation-<who>.yaml      .evaluations[who]   (Tool 5)
        partnership-ideas.yaml     .partnership_ideas  (Tool 6)
        check-ins/<due>-<who>.yaml .check_ins          (pulse check-ins)

Both ways of reading a pair use it: one pair at a time (store/pairs.py, for the toolkit's
commands and `validate`) and the whole program at once (store/snapshot.py, for reports).
`PairRecord.add` is where either puts a file it read, so both file it the same way.
No I/O here.

The latest-session rule (`current_goals`): goals.yaml holds each goal and the status it
was given there; sessions record progress. A goal's current status is the one given by
the latest session that reports on it (by date; on the same date, the later file), and
its progress the latest number a session gave; a goal no session reports on keeps what
goals.yaml says. A goal set to `dropped` in goals.yaml stays dropped whatever sessions
said before (and a session cannot report on it until goals.yaml revives it), so at most
five goals are ever active: goals.yaml allows five that are not dropped. Achieved means
100 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mentorkit.errors import Problem
from mentorkit.models.base import FileModel, is_valid_id
from mentorkit.models.checkin import CheckIn
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goal,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)
from mentorkit.vocab import GoalStatus, Respondent

# The forms a relationship's folder may hold besides its sessions, by file name.
FORM_FILES: dict[str, type[FileModel]] = {
    NeedsAnalysis.FILE: NeedsAnalysis,
    Goals.FILE: Goals,
    ActionPlan.FILE: ActionPlan,
    **{Evaluation.file_for(who): Evaluation for who in Respondent},
    PartnershipIdeas.FILE: PartnershipIdeas,
}
# Every file directly in a relationship's folder, by name.
PAIR_FILES: dict[str, type[FileModel]] = {Relationship.FILE: Relationship, **FORM_FILES}

# A participant's file named otherwise than its id would be loaded under a wrong id.
NOT_AN_ID = "the name is not a valid id (lower-case letters, digits, hyphens)"


def file_of(model: type[FileModel], respondent: Respondent | None = None) -> str | None:
    """The file a form is kept in, in its pair's folder: an evaluation's is its respondent's;
    None for a session record (one file per meeting) or an evaluation of no one yet."""
    if model is Evaluation:
        return Evaluation.file_for(respondent) if respondent else None
    return getattr(model, "FILE", None)


@dataclass
class PairRecord:
    """One relationship and the toolkit forms filled so far."""

    relationship: Relationship
    needs_analysis: NeedsAnalysis | None = None
    goals: Goals | None = None
    action_plan: ActionPlan | None = None
    sessions: list[tuple[str, SessionRecord]] = field(default_factory=list)  # (file stem, record)
    evaluations: dict[Respondent, Evaluation] = field(default_factory=dict)
    partnership_ideas: PartnershipIdeas | None = None
    check_ins: list[CheckIn] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.relationship.id

    @property
    def records(self) -> list[SessionRecord]:
        """The session records, in `session_order`."""
        return [s for _, s in self.sessions]

    def current_goals(self) -> list[Goal]:
        """The pair's goals with the status and progress they have now."""
        return current_goals(self.goals, self.records)

    def add(self, path: str, document: FileModel) -> Problem | None:
        """File a form read from `path` (in the pair's folder: a name in FORM_FILES, or
        sessions/<date>[-n].yaml) in its place, or say why it does not belong there."""
        filename = path.rsplit("/", 1)[-1]
        if isinstance(document, SessionRecord):
            self.sessions.append((filename.removesuffix(".yaml"), document))
        elif isinstance(document, Evaluation):
            expected = Evaluation.file_for(document.respondent)
            if filename != expected:
                who = filename.removeprefix("evaluation-").removesuffix(".yaml")
                return Problem(path, f"answered by the {document.respondent.value}, but this "
                               f"is the {who}'s file", field="respondent")
            self.evaluations[document.respondent] = document
        elif isinstance(document, CheckIn):
            self.check_ins.append(document)
        elif isinstance(document, NeedsAnalysis):
            self.needs_analysis = document
        elif isinstance(document, Goals):
            self.goals = document
        elif isinstance(document, ActionPlan):
            self.action_plan = document
        elif isinstance(document, PartnershipIdeas):
            self.partnership_ideas = document
        else:
            return Problem(path, f"a {document.KIND} does not belong in a relationship's folder",
                           field="kind")
        return None

    def form(self, filename: str) -> FileModel | None:
        """The form on file under `filename` (a name in FORM_FILES), if filled."""
        return {
            NeedsAnalysis.FILE: self.needs_analysis,
            Goals.FILE: self.goals,
            ActionPlan.FILE: self.action_plan,
            PartnershipIdeas.FILE: self.partnership_ideas,
            **{Evaluation.file_for(who): e for who, e in self.evaluations.items()},
        }.get(filename)

    def sort_sessions(self) -> None:
        self.sessions.sort(key=lambda item: session_order(item[0]))


# -- the latest-session rule ---------------------------------------------------------------
def goal_progress(
    goals: Iterable[Goal], sessions: Iterable[SessionRecord]
) -> dict[str, tuple[GoalStatus, int]]:
    """Each goal's (status, progress) now, by the latest-session rule (module docstring).

    Pass sessions in `session_order` (as PairRecord.sessions holds them): on the same
    date, the later one wins. Plain values, no models: reports call this for every pair.
    """
    status: dict[str, GoalStatus] = {}
    progress: dict[str, int] = {}
    for session in sorted(sessions, key=lambda s: s.date):  # stable: file order within a day
        for report in session.progress:
            status[report.goal] = report.status
            if report.progress is not None:
                progress[report.goal] = report.progress
    now: dict[str, tuple[GoalStatus, int]] = {}
    for goal in goals:
        if goal.status is GoalStatus.DROPPED or goal.id not in status:
            now[goal.id] = (goal.status, goal.progress)
            continue
        reported = status[goal.id]  # achieved means 100 %, as on Goal
        percent = 100 if reported is GoalStatus.ACHIEVED else progress.get(goal.id, goal.progress)
        now[goal.id] = (reported, percent)
    return now


def current_goals(
    goals: Goals | Sequence[Goal] | None, sessions: Iterable[SessionRecord]
) -> list[Goal]:
    """Each goal with the status and progress it has now (see `goal_progress`)."""
    items = goals.goals if isinstance(goals, Goals) else list(goals or [])
    now = goal_progress(items, sessions)
    return [
        g if now[g.id] == (g.status, g.progress)
        else g.model_copy(update={"status": now[g.id][0], "progress": now[g.id][1]})
        for g in items
    ]


def session_order(stem: str) -> tuple[str, int]:
    """Sessions sort by file name: <date>.yaml, then <date>-2.yaml, <date>-3.yaml ...
    (so on one date, the later file is the later meeting)."""
    suffix = stem[11:]
    return (stem[:10], int(suffix) if stem[10:11] == "-" and suffix.isdecimal() else 1)


def is_pair_id(name: str) -> bool:
    """Whether `name` is mentor--mentee, two valid participant ids."""
    mentor, sep, mentee = name.partition("--")
    return bool(sep) and is_valid_id(mentor) and is_valid_id(mentee)


def folder_problem(
    path: str, folder_name: str, relationship: Relationship | None = None
) -> Problem | None:
    """What is wrong with a relationship folder's name, alone or against the relationship
    its relationship.yaml (at `path`) describes; None when nothing is."""
    if not is_pair_id(folder_name):
        return Problem(path, "the name is not a valid pair id "
                       "(mentor--mentee: lower-case letters, digits, hyphens)")
    if relationship is not None and relationship.id != folder_name:
        return Problem(path, f"names {relationship.id!r} but its folder is {folder_name!r}",
                       field="mentor", line=1)
    return None
