"""The report's content as sections of facts and tables, shared by every human format.

Terminal, Markdown and HTML all lay out the same sections, so they always agree. The
program report's sections hold counts, dates and ratings only; a pair's private session
text appears only in a PairReport built with include_private.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from mentorkit.render.words import days, of, plural
from mentorkit.services.monitoring.pair_report import PairReport, SessionLine
from mentorkit.services.monitoring.report_results import Enrolment, PairRow, ProgramReport
from mentorkit.services.outcomes.results import Outcomes
from mentorkit.services.programs.compare import ProgramComparison, RoundFigures
from mentorkit.vocab import Cadence, GoalStatus, Status

DASH = "–"
RATING_LABELS = {
    "program.goals_clear": "goals were clear",
    "program.time_commitment_right": "time commitment right",
    "program.match_worked": "the match worked",
    "relationship.met_regularly": "met regularly",
    "relationship.came_prepared": "came prepared",
    "relationship.open_and_honest": "open and honest",
    "relationship.grew": "grew through it",
}


def rating_label(item: str) -> str:
    return RATING_LABELS.get(item, item)


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: set[int] = field(default_factory=set)  # right-aligned columns
    total: int | None = None  # rows before a `limit` cut them
    narrow: list[int] | None = None  # the columns a terminal shows (None: all)

    def limited(self, limit: int | None) -> Table:
        if limit is None or len(self.rows) <= limit:
            return self
        return Table(self.title, self.headers, self.rows[:limit], self.numeric, len(self.rows),
                     self.narrow)

    def for_terminal(self) -> Table:
        if self.narrow is None:
            return self
        keep = self.narrow
        return Table(self.title, [self.headers[i] for i in keep],
                     [[row[i] for i in keep] for row in self.rows],
                     {n for n, i in enumerate(keep) if i in self.numeric}, self.total)


@dataclass
class Section:
    key: str  # enrolment, engagement, goals, evaluation, lifecycle, ... (HTML ids, charts)
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


class Cell(str):
    """Text as every format shows it, keeping the value it shows: a spreadsheet wants
    dates as dates, numbers as numbers and shares as percentages (`number_format`)."""

    value: object
    number_format: str | None

    def __new__(cls, shown: str, value: object, number_format: str | None = None) -> Cell:
        cell = super().__new__(cls, shown)
        cell.value = value
        cell.number_format = number_format
        return cell


def text(value: object) -> str:
    if value is None:
        return Cell(DASH, None)
    if isinstance(value, bool):
        return Cell("yes" if value else "no", "yes" if value else "no")
    if isinstance(value, float):  # at most two decimals, no trailing zeros: 2.25, 2.5, 6
        return Cell(f"{value:.2f}".rstrip("0").rstrip("."), value, "0.##")
    if isinstance(value, int):
        return Cell(str(value), value, "0")
    if isinstance(value, dt.date | dt.time):
        return Cell(value.isoformat(), value,
                    "yyyy-mm-dd" if isinstance(value, dt.date) else "hh:mm")
    return str(value)


def percent(value: float | None) -> str:
    return Cell(DASH, None) if value is None else Cell(f"{100 * value:.0f}%", value, "0%")


def counts(values: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.items()) or DASH


def capacity_line(en: Enrolment) -> str:
    """"14 places, 15 used (1 over capacity), 0 free": a mentor paired beyond capacity
    (--force) has no free place, and the places they are over are said, so the line adds
    up."""
    over = f" ({en.mentor_over} over capacity)" if en.mentor_over else ""
    return f"{plural(en.mentor_capacity, 'place')}, {en.mentor_used} used{over}, " \
           f"{en.mentor_free} free"


def title(report: ProgramReport) -> str:
    return f"{report.scope.program}: program report"


def scope_line(report: ProgramReport) -> str:
    s = report.scope
    parts = [f"as of {s.as_of}"]
    if s.since or s.until:
        parts.append(f"sessions and closures from {text(s.since)} to {text(s.until)}")
    if s.department:
        parts.append(f"department {s.department}")
    parts.append(f"cadence {Cadence(s.cadence).label}, grace "
                 f"{days(s.grace_days)}")
    return "; ".join(parts)


Report = ProgramReport | PairReport | ProgramComparison


def layout(report: Report) -> tuple[str, str, list[Section]]:
    """The title, the line under it, and the sections, for any kind of report."""
    if isinstance(report, ProgramComparison):  # rounds side by side
        return comparison_title(report), comparison_scope(report), comparison_sections(report)
    if isinstance(report, ProgramReport):
        return title(report), scope_line(report), program_sections(report)
    return pair_title(report), f"as of {report.as_of}", pair_sections(report)


def program_sections(report: ProgramReport) -> list[Section]:
    en, eg, go, ev, lc = (report.enrolment, report.engagement, report.goals, report.evaluation,
                          report.lifecycle)
    enrolment = Section("enrolment", "Enrolment", [
        ("participants", text(en.participants)),
        ("by role", counts(en.by_role)),
        ("by status", counts({s.value: en.by_status.get(s.value, 0) for s in Status})),
        ("match rate", f"{percent(en.met_rate)} "
                       f"({of(en.met_mentees, en.active_mentees, 'active mentee')} "
                       "in a pair that has met at least once)"),
        ("paired", f"{percent(en.match_rate)} "
                   f"({of(en.matched_mentees, en.active_mentees, 'active mentee')} "
                   "in a relationship, met or not)"),
        ("mentor capacity", capacity_line(en)),
    ], [
        Table("By department", ["department", "participants"],
              [[k, text(v)] for k, v in en.by_department.items()], {1}),
        Table("By site", ["site", "participants"],
              [[k, text(v)] for k, v in en.by_site.items()], {1}),
        Table("Unmatched mentees", ["mentee", "department", "why"],
              [[f"{u.name} ({u.id})", u.department or DASH, u.reason] for u in en.unmatched]),
        Table("Mentors' capacity", ["mentor", "status", "capacity", "used", "free"],
              [[f"{m.name} ({m.id})", m.status, text(m.capacity), text(m.used), text(m.free)]
               for m in sorted(en.mentors, key=lambda m: (-m.free, m.id))], {2, 3, 4}),
    ])
    engagement = Section("engagement", "Engagement", [
        ("sessions held", f"{eg.sessions_held} (the cadence expects {eg.sessions_expected} "
                          "so far)"),
        ("pairs on cadence", f"{percent(eg.on_cadence_share)} "
                             f"({of(eg.pairs_on_cadence, eg.pairs_started, 'started pair')})"),
        ("pairs at risk", f"{len(eg.at_risk)} (no session for longer than cadence + grace)"),
        ("mentoring hours", text(eg.hours)),
    ], [pair_table(sorted(eg.pairs, key=lambda r: (not r.at_risk, r.pair)))])
    # every goal status has a column, so each row's statuses add up to its goals set
    by_function = [[f, text(c["set"]), *(text(c.get(s.value, 0)) for s in GoalStatus)]
                   for f, c in go.by_function.items()]
    goals = Section("goals", "Goals and actions", [
        ("goals set", text(go.set)),
        ("by status", counts(go.by_status)),
        ("actions", f"{go.actions} planned: {go.actions_done} done, {go.actions_open} open "
                    f"({go.actions_overdue} overdue), {go.actions_cancelled} cancelled"),
    ], [Table("Goals by mentor function",
              ["function", "set", *(s.value.replace("-", " ") for s in GoalStatus)],
              by_function, set(range(1, 2 + len(GoalStatus))))])
    evaluation = Section("evaluation", "Evaluation", [
        ("response rate", f"{percent(ev.response_rate)} "
                          f"({of(ev.received, ev.expected, 'evaluation')} "
                          f"from {plural(ev.closed_pairs, 'closed pair')})"),
        ("goals achieved (as reported)", counts(ev.goals_reported)),
        ("Net Promoter Score", f"{text(None if ev.nps is None else round(ev.nps))} "
                               f"({plural(ev.promoters, 'promoter')}, "
                               f"{plural(ev.passives, 'passive')}, "
                               f"{plural(ev.detractors, 'detractor')} "
                               f"of {ev.recommend_responses})"),
        ("closures", counts(ev.closures_by_kind)),
    ], [
        Table("Ratings (1–5)", ["item", "mean", "responses"],
              [[rating_label(r.item), text(None if r.mean is None else round(r.mean, 2)),
                text(r.responses)]
               for r in ev.ratings], {1, 2}),
        Table("Closure reasons", ["reason", "pairs"],
              [[k, text(v)] for k, v in ev.closure_reasons.items()], {1}),
    ])
    lifecycle = Section("lifecycle", "Lifecycle", [
        ("pairs by status", counts(lc.by_status)),
        ("pairs by milestone reached", counts({milestone_words(k): v
                                               for k, v in lc.by_milestone.items()})),
        ("never met", f"{plural(lc.never_met, 'open pair')} with no meeting yet"),
        ("days from match to first meeting",
         DASH if lc.median_days_to_first_meeting is None
         else f"median {text(lc.median_days_to_first_meeting)}"),
        ("mentee requests", counts(lc.requests)),
        ("completed", text(lc.completed)),
        ("average length of completed relationships",
         DASH if lc.average_length_days is None else days(round(lc.average_length_days))),
    ], [
        Table("Pairs late for a milestone", ["pair", "reached", "late for", "was due", "late"],
              [[m.pair, milestone_words(m.reached), milestone_words(m.milestone), text(m.due),
                days(m.days_late)] for m in lc.late_for_milestone], {4}),
    ])
    return [enrolment, engagement, goals, evaluation, lifecycle, *milestones_section(report),
            *health_section(report), *training_section(report), *events_section(report),
            *outcomes_section(report)]


def training_section(report: ProgramReport) -> list[Section]:
    """Training completion by role and by training (services/programs/training_figures)."""
    t = report.training
    if t is None:
        return []
    facts = [("mentors held back from matching",
              f"{t.mentors_held_back} (the program asks mentors to complete their training "
              "first)" if t.mentors_must_complete else "none (training is not required to "
              "be matched)")]
    return [Section("training", "Training", facts, [
        Table("Completion by role", ["enrolled as", "active people", "completed all", "share"],
              [[r.role, text(r.people), text(r.completed_all), percent(r.share)]
               for r in t.by_role], {1, 2, 3}),
        Table("Completion by training", ["training", "for", "expected", "completed", "share"],
              [[c.training, c.role, text(c.expected), text(c.completed), percent(c.share)]
               for c in t.by_training], {2, 3, 4}),
    ])]


def milestones_section(report: ProgramReport) -> list[Section]:
    """Milestones reached, for recognising them: counts and the latest, by pair and day."""
    m = report.milestones
    if m is None:
        return []
    return [Section("milestones", "Milestones reached", [
        ("first meetings", text(m.first_meetings)),
        ("goals achieved", text(m.goals_achieved)),
        ("completed relationships", text(m.completions)),
    ], [
        Table("Latest milestones", ["date", "milestone", "pair"],
              [[text(r.date), plural(r.count, "goal") + " achieved"
                if r.milestone == "goal achieved" else r.milestone,
                f"{r.mentor_name} ↔ {r.mentee_name}"]
               for r in m.recent]),
    ])]


def health_section(report: ProgramReport) -> list[Section]:
    """Relationship health from the pulse check-ins: counts, means and flags, never a
    note to the coordinator."""
    h = report.health
    if h is None:
        return []
    return [Section("health", "Relationship health (check-ins)", [
        ("response rate", f"{percent(h.response_rate)} ({h.received} of {h.expected} "
                          "check-in answers due so far)"),
        ("pairs flagged", f"{len(h.pairs_flagged)} (a 1 or 2, not meeting, or asking "
                          "for the coordinator)"),
    ], [
        Table("Check-ins over time", ["check-in", "day", "answers", "meeting as agreed",
                                      "relationship (1–5)", "progress (1–5)"],
              [[text(r.round), text(r.days_after_start), text(r.responses),
                percent(r.meeting_as_agreed),
                text(None if r.relationship_mean is None else round(r.relationship_mean, 2)),
                text(None if r.progress_mean is None else round(r.progress_mean, 2))]
               for r in h.rounds], {0, 1, 2, 4, 5}),
        Table("Pairs flagged by their check-ins", ["pair", "answered by", "check-in of", "why"],
              [[f"{f.mentor_name} ↔ {f.mentee_name}", f.respondent, text(f.due),
                ", ".join(f.reasons)] for f in h.flags]),
    ])]


def outcomes_section(report: ProgramReport) -> list[Section]:
    o = report.outcomes
    if o is None:
        return []
    return [Section("outcomes", "Outcomes: retention after hire (HR roster)",
                    outcome_facts(o), outcome_tables(o))]


def outcome_facts(o: Outcomes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if o.roster_imported is not None:
        found.append(("roster", f"{o.roster_source or 'an export'}, imported "
                                f"{o.roster_imported:%Y-%m-%d} (UTC)"))
    if o.not_shown:
        return [*found, ("retention", o.not_shown)]
    found += [
        ("mentees", f"{o.mentees_on_roster} of {o.mentees} mentees who took part are on "
                    "the roster"),
        ("colleagues", f"{o.colleagues} who did not take part, hired in the same months "
                       f"({o.window_from} to {o.window_to})"),
        ("anonymity", f"a figure is shown only for {o.min_group_size} people or more "
                      "(program.yaml outcomes.min_group_size)"),
    ]
    found += [(f"{f.group} at {f.months} months", f.withheld) for f in o.figures
              if f.withheld]
    return found


def outcome_tables(o: Outcomes) -> list[Table]:
    rows = [[f"{f.months} months", f.group, text(f.countable), text(f.stayed), text(f.left),
             percent(f.rate), percent(f.low), percent(f.high)] for f in o.figures]
    for row, f in zip(rows, o.figures, strict=True):
        if f.withheld:
            row[5] = "not shown"
    return [Table("Retention", ["after hire", "group", "countable", "stayed", "left",
                                "retention", "95% from", "95% to"],
                  rows, {2, 3, 4, 5, 6, 7})] if rows else []


def events_section(report: ProgramReport) -> list[Section]:
    """Group events held and who came (services/events/attendance.py)."""
    from mentorkit.models.event import EventType

    e = report.events
    if e is None:
        return []
    return [Section("events", "Events", [
        ("events held", f"{e.held} ({e.upcoming} upcoming, {e.cancelled} cancelled)"),
        ("attendance", f"{percent(e.attendance_rate)} ({e.attended} came; {e.invited} "
                       "invitations to the events held)"),
        ("people who came", f"{plural(e.people_attending, 'person', 'people')} at least "
                            f"once; {plural(e.pairs_together, 'pair')} came together"),
    ], [
        Table("Events by kind", ["kind", "held", "invited", "attended", "attendance"],
              [[EventType(r.type).words, text(r.held), text(r.invited), text(r.attended),
                percent(r.attendance_rate)] for r in e.by_type], {1, 2, 3, 4}),
    ])]


def pair_table(rows: list[PairRow]) -> Table:
    return Table(
        "Pairs",
        ["pair", "status", "held", "expected", "on cadence", "last", "next", "at risk",
         "hours", "goals achieved", "actions overdue"],
        [[f"{r.mentor_name} ↔ {r.mentee_name}", r.status, text(r.sessions_held),
          text(r.sessions_expected), text(r.on_cadence), text(r.last_meeting),
          text(r.next_meeting), "AT RISK" if r.at_risk else "", text(r.hours),
          f"{r.goals_achieved}/{r.goals_set}", text(r.actions_overdue)] for r in rows],
        {2, 3, 8, 10},
        narrow=[0, 1, 2, 3, 5, 6, 7],
    )


def milestone_words(value: str | None) -> str:
    from mentorkit.services.toolkit.milestones import words
    from mentorkit.vocab import Milestone

    return DASH if value is None else words(Milestone(value))


def milestone_line(r: PairRow) -> str:
    line = f"reached {milestone_words(r.milestone)}"
    if r.next_milestone:
        line += f"; next {milestone_words(r.next_milestone)} by {text(r.next_milestone_due)}"
    if r.milestone_days_late:
        line += f" (LATE by {days(r.milestone_days_late)})"
    return line


def pair_title(report: PairReport) -> str:
    r = report.row
    return f"{r.mentor_name} ↔ {r.mentee_name} ({r.pair})"


def progress_notes(session: SessionLine) -> str:
    """The notes on each goal's progress ("g1: …; g2: …"), private like the rest: only a
    report built with include_private holds them."""
    return "; ".join(f"{g['goal']}: {g['note']}" for g in session.goals if g.get("note"))


def pair_sections(report: PairReport) -> list[Section]:
    r = report.row
    summary = Section("pair", "Relationship", [
        ("status", r.status),
        ("mentor", f"{r.mentor_name} ({r.mentor})"),
        ("mentee", f"{r.mentee_name} ({r.mentee}), {r.department or DASH}"),
        ("started", text(r.started)),
        ("ended", text(r.ended)),
        ("sessions", f"{r.sessions_held} held, {r.sessions_expected} expected by the cadence "
                     f"(every {days(r.cadence_days)})"),
        ("last meeting", text(r.last_meeting)),
        ("next meeting", text(r.next_meeting)),
        ("at risk", text(r.at_risk)),
        ("milestone", milestone_line(r)),
        ("mentoring hours", text(r.hours)),
    ])
    if report.closure:
        summary.facts.append(("closure", f"{report.closure['kind']} on "
                                         f"{report.closure['date']}: {report.closure['reason']}"))
    goals = Section("goals", "Goals", tables=[Table(
        "Goals", ["goal", "statement", "function", "target", "status", "progress", "updated"],
        [[g.id, g.statement, g.function or DASH, text(g.target_date), g.status,
          percent(g.progress / 100), text(g.updated)] for g in report.goals], {5},
    )])
    actions = Section("actions", "Actions", tables=[Table(
        "Actions", ["action", "goal", "description", "owner", "date", "status", "overdue"],
        [[a.id, a.goal or DASH, a.description, a.owner, text(a.date), a.status,
          "OVERDUE" if a.overdue else ""] for a in report.actions],
    )])
    headers = ["date", "minutes", "mode", "meeting", "goals reported", "actions", "next"]
    rows = [
        [text(s.date), text(s.duration_minutes), s.mode, s.meeting,
         "; ".join(f"{g['goal']} {g['status']}"
                   + (f" {g['progress']}%" if g["progress"] is not None else "")
                   for g in s.goals) or DASH,
         text(s.actions_agreed), text(s.next_meeting)]
        for s in report.sessions
    ]
    timeline = Section("sessions", "Session timeline", tables=[
        Table("Sessions", headers, rows, {1, 5})
    ])
    sections = [summary, goals, actions, timeline]
    if report.include_private:
        private = Section("private", "Private to the pair (shown because --include-private)")
        for s in report.sessions:
            day = text(s.date)
            private.facts += [
                (f"{day} issues", "; ".join(f"{i['issue']} → {i['possible_solution'] or DASH}"
                                            for i in s.issues or []) or DASH),
                (f"{day} progress notes", progress_notes(s) or DASH),
                (f"{day} learnings", "; ".join(s.learnings or []) or DASH),
                (f"{day} notes", s.private_notes or DASH),
            ]
        sections.append(private)
    if report.resources:
        sections.append(Section("resources", "Resources for this pair", tables=[Table(
            "Resources", ["resource", "for", "why", "where"],
            [[p.title, p.role, p.why, p.where] for p in report.resources],
        )]))
    if report.evaluations:
        items = list(report.evaluations[0].ratings)
        sections.append(Section("evaluation", "Evaluations", tables=[Table(
            "Evaluations", ["respondent", "date", *items, "recommend"],
            [[e.respondent, text(e.date), *(text(e.ratings[i]) for i in items),
              text(e.recommend)] for e in report.evaluations],
        )]))
    return sections


# -- rounds side by side (`report --compare`): a figure per row, a round per column ------
def _share(part: int, whole: int, rate: float | None) -> str:
    """'75% (6 of 8)', keeping the share as the cell's value for a spreadsheet."""
    shown = percent(rate)
    return Cell(f"{shown} ({part} of {whole})", rate, "0%")


def _nps(r: RoundFigures) -> str:
    if r.nps is None:
        return Cell(f"{text(None)} (0 answers)", None)
    return Cell(f"{round(r.nps)} ({r.nps_responses} answers)", round(r.nps), "0")


FIGURES: list[tuple[str, Callable[[RoundFigures], str]]] = [
    ("start", lambda r: text(r.start_date)),
    ("end", lambda r: text(r.end_date)),
    ("stage on the day", lambda r: r.stage),
    ("participants", lambda r: text(r.participants)),
    ("active mentees", lambda r: text(r.active_mentees)),
    ("pairs", lambda r: text(r.pairs)),
    ("paired (mentees in a pair)", lambda r: _share(r.matched_mentees, r.active_mentees,
                                                    r.match_rate)),
    ("match rate (pairs that met)", lambda r: _share(r.met_mentees, r.active_mentees,
                                                     r.met_rate)),
    ("sessions held", lambda r: text(r.sessions_held)),
    ("sessions expected", lambda r: text(r.sessions_expected)),
    ("mentoring hours", lambda r: text(r.hours)),
    ("goals set", lambda r: text(r.goals_set)),
    ("goals achieved", lambda r: text(r.goals_achieved)),
    ("completed pairs", lambda r: text(r.completed)),
    ("ended early", lambda r: text(r.ended_early)),
    ("evaluations", lambda r: _share(r.evaluations_received, r.evaluations_expected,
                                     r.evaluation_response_rate)),
    ("Net Promoter Score", _nps),
]


def comparison_title(c: ProgramComparison) -> str:
    return f"{len(c.rounds)} rounds side by side"


def comparison_scope(c: ProgramComparison) -> str:
    line = f"as of {c.as_of} for every round, each with its own settings"
    return line + (f"; department {c.department}" if c.department else "")


def comparison_sections(c: ProgramComparison) -> list[Section]:
    names = [r.program for r in c.rounds]
    rows = [[label, *(shown(r) for r in c.rounds)] for label, shown in FIGURES]
    return [Section("compare", "Headline figures", tables=[
        Table("Headline figures", ["figure", *names], rows,
              set(range(1, len(names) + 1)))])]
