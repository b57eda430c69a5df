"""Human output for the toolkit: `show` and `forms` (a form filled and a lifecycle change
are told in plain text: plain.py)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mentorkit.models.toolkit import Evaluation, NeedsAnalysis, PartnershipIdeas, SessionRecord
from mentorkit.render import human
from mentorkit.render.console import text_row
from mentorkit.render.words import days
from mentorkit.services.toolkit.catalogue import CopyResult, FormList
from mentorkit.services.toolkit.show import RelationshipView

_STATE_STYLE = {"late": "bold red", "due": "yellow", "done": "green", "cancelled": "dim"}


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    return table


def _rows(table: Table, rows: list[tuple[str, Any]]) -> None:
    for label, value in rows:
        if value not in (None, "", []):
            text_row(table, label, value if isinstance(value, str) else str(value))


@human.register
def _forms(result: FormList, console: Console) -> None:
    table = Table(show_edge=False, header_style="bold")
    for column in ("form", "tool", "fill with", "what it records"):
        table.add_column(column)
    for f in result.forms:
        text_row(table, f.name, f.title, f"mentorkit {f.command}", f.about)
    console.print(table)
    console.print("Copy one out with `mentorkit forms copy NAME [DEST]`.")


@human.register
def _copy(result: CopyResult, console: Console) -> None:
    console.print(f"Copied the blank {result.form} form to {result.path}")


# -- show ------------------------------------------------------------------------------------
@human.register
def _show(view: RelationshipView, console: Console) -> None:
    f = view.forms
    r = f.relationship
    console.print(f"[bold]{f.id}[/]  {r.status.value}", markup=True)
    table = _grid()
    for side, person in (("mentor", view.mentor), ("mentee", view.mentee)):
        person_id = getattr(r, side)
        if person is None:
            text_row(table, side, f"{person_id} (not enrolled)")
            continue
        job = ", ".join(x for x in (person.job_title, person.department, person.site) if x)
        text_row(table, side, f"{person.name} <{person.email}>" + (f" — {job}" if job else ""))
    dates = f"created {r.created}"
    if r.started:
        dates += f", started {r.started}"
    if r.ended:
        dates += f", ended {r.ended}"
    text_row(table, "dates", dates)
    if r.match.score is not None:
        text_row(table, "match", f"{r.match.score:g} ({r.match.method.value})")
    for reason in r.match.reasons:
        text_row(table, "", f"- {reason}")
    if r.closure is not None:
        c = r.closure
        text_row(table, "closure", f"{c.kind.value} on {c.date}: {c.reason}")
        if c.missing:
            text_row(table, "", f"missing: {', '.join(c.missing)} — {c.missing_reason or ''}")
    if view.next_meeting:
        text_row(table, "next meeting", str(view.next_meeting))
    console.print(table)
    _needs(f.needs_analysis, console)
    _goals(view, console)
    _plan(view, console)
    _resources(view, console)
    _sessions(f.sessions, console)
    for evaluation in f.evaluations.values():
        _evaluation(evaluation, console)
    _ideas(f.partnership_ideas, console)
    if r.history:
        console.print("\n[bold]History[/]")
        for event in r.history:
            console.print(
                f"  {event.date}  {event.event}" + (f" — {event.note}" if event.note else ""),
                markup=False,
            )


def _resources(view: RelationshipView, console: Console) -> None:
    """The program's resources chosen for this pair (services/programs/library.py)."""
    if not view.resources:
        return
    _heading(console, "Resources for this pair")
    for pick in view.resources:
        text_row_line = f"  {pick.title} (for {pick.role}; {pick.why}): {pick.where}"
        console.print(text_row_line, markup=False)


def _heading(console: Console, text: str) -> None:
    console.print(f"\n[bold]{text}[/]")


def _needs(needs: NeedsAnalysis | None, console: Console) -> None:
    _heading(console, "Needs analysis")
    if needs is None:
        console.print("  not filled yet (mentorkit needs-analysis PAIR)")
        return
    table = _grid()
    meets = " ".join(
        x
        for x in (
            needs.meeting_cadence.label if needs.meeting_cadence else "",
            f"{needs.meeting_minutes} min" if needs.meeting_minutes else "",
            f"at {needs.meeting_place}" if needs.meeting_place else "",
        )
        if x
    )
    _rows(
        table,
        [
            ("date", str(needs.date)),
            ("wants to accomplish", needs.wants_to_accomplish),
            ("interests and skills", "; ".join(needs.interests_and_skills)),
            ("issues now", "; ".join(needs.current_issues)),
            ("mentee hopes", needs.mentee_hopes),
            ("mentor hopes", needs.mentor_hopes),
            ("mentee brings", needs.mentee_brings),
            ("mentor brings", needs.mentor_brings),
            ("keeping in touch", "; ".join(needs.communication)),
            ("meetings", meets),
            ("confidentiality", "agreed" if needs.confidentiality_agreed else "not yet agreed"),
        ],
    )
    console.print(table)


def _goals(view: RelationshipView, console: Console) -> None:
    _heading(console, "Goals")
    if not view.goals:
        console.print("  none yet (mentorkit goals PAIR --goal ...)")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("id", "goal", "measure", "target", "function", "status", "progress"):
        table.add_column(column, justify="right" if column == "progress" else "left")
    for g in view.goals:
        text_row(
            table,
            g.id,
            g.statement,
            g.measure,
            str(g.target_date or ""),
            g.function.value if g.function else "",
            g.status.value,
            f"{g.progress}%",
        )
    console.print(table)


def _plan(view: RelationshipView, console: Console) -> None:
    _heading(console, "Action plan")
    if not view.actions:
        console.print("  no actions yet (mentorkit action-plan PAIR --action ...)")
        return
    late = sum(1 for _, s in view.actions if s == "late")
    due = sum(1 for _, s in view.actions if s == "due")
    table = Table(show_edge=False, header_style="bold")
    for column in ("id", "date", "action", "goal", "owner", "state"):
        table.add_column(column)
    for a, state in view.actions:
        when = f"{a.date} {a.time.strftime('%H:%M')}" if a.time else str(a.date)
        shown = f"done {a.done_date}" if a.done_date else state
        text_row(
            table,
            a.id,
            when,
            a.description,
            a.goal or "",
            a.owner.value,
            Text(shown, style=_STATE_STYLE.get(state, "")),
        )
    console.print(table)
    console.print(f"  {late} late, {due} due in the next {days(14)} (as of {view.today})")


def _sessions(sessions: list[tuple[str, SessionRecord]], console: Console) -> None:
    _heading(console, f"Sessions ({len(sessions)})")
    if not sessions:
        console.print("  none yet (mentorkit log-session PAIR)")
        return
    # one Text printed once: a print of each line was a third of `show`'s rendering
    lines = Text()
    for name, s in sessions:
        lines.append("  ")
        lines.append(str(s.date), style="bold")
        lines.append(
            f" {s.meeting.value} meeting, {s.duration_minutes} min, {s.mode.value}"
            + (f" — next {s.next_meeting}" if s.next_meeting else "")
            + (f"  ({name})" if name != s.date.isoformat() else "") + "\n"
        )
        for p in s.progress:
            pct = f" {p.progress}%" if p.progress is not None else ""
            lines.append(f"    {p.goal}: {p.status.value}{pct}"
                         + (f" — {p.note}" if p.note else "") + "\n")
        for issue in s.issues:
            solution = f" → {issue.possible_solution}" if issue.possible_solution else ""
            lines.append(f"    issue: {issue.issue}{solution}\n")
        for learning in s.learnings:
            lines.append(f"    learned: {learning}\n")
        for a in s.actions:
            lines.append(f"    action: {a.description} ({a.owner.value}, by {a.date})\n")
        if s.private_notes:
            lines.append(f"    notes: {s.private_notes}\n")
    lines.rstrip()
    console.print(lines)


def _evaluation(e: Evaluation, console: Console) -> None:
    _heading(console, f"Evaluation by the {e.respondent.value} ({e.date})")
    for outcome in e.goals:
        why = f" — {outcome.why_not}" if outcome.why_not else ""
        label = f"{outcome.goal}: " if outcome.goal else ""
        console.print(f"  {label}{outcome.statement}: {outcome.achieved.value}{why}", markup=False)
    ratings = {**e.program.model_dump(), **e.relationship.model_dump()}
    given = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ratings.items() if v is not None)
    table = _grid()
    _rows(
        table,
        [
            ("new goals", "; ".join(e.new_goals)),
            ("ratings (1-5)", given),
            ("recommend (0-10)", e.recommend),
            ("continue", {True: "yes", False: "no", None: ""}[e.continue_partnership]),
            ("support needed", e.support_needed),
            ("comments", e.comments),
        ],
    )
    console.print(table)


def _ideas(ideas: PartnershipIdeas | None, console: Console) -> None:
    if ideas is None or not ideas.ideas:
        return
    _heading(console, "Partnership ideas")
    for idea in ideas.ideas:
        when = f" ({idea.date})" if idea.date else ""
        needs = f" — needs: {'; '.join(idea.needs)}" if idea.needs else ""
        console.print(f"  {idea.idea}{when}{needs}", markup=False)
