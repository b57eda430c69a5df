"""`forms questions`, `forms workbook` and `collect` on a terminal."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.render.words import plural
from mentorkit.services.collection.collect import CollectResult
from mentorkit.services.collection.questions import BUILDERS, QuestionList
from mentorkit.services.collection.workbook import WorkbookResult

DONE = {"filed": "filed", "replaced": "replaced", "already filed": "already filed",
        "older": "not filed (older)", "skipped": "not filed"}
WOULD = {"filed": "would file", "replaced": "would replace"}


@human.register
def _questions(result: QuestionList, console: Console) -> None:
    console.print(f"{result.title} — {result.about}", style="bold", markup=False)
    console.print("Google Forms: Settings > Responses > Collect email addresses. Microsoft "
                  "Forms: only people in my organisation can respond, record name.",
                  markup=False)
    console.print("Type each title word for word; put the help text in the question's "
                  "description.\n", markup=False)
    for n, q in enumerate(result.questions, 1):
        google, microsoft = BUILDERS[q.type]
        need = "required" if q.required else "optional"
        console.print(f"{n}. {q.title}", style="bold", markup=False)
        console.print(f"   {q.type}, {need} (Google: {google}; Microsoft: {microsoft})",
                      markup=False)
        if q.help:
            console.print(f"   Help: {q.help}", markup=False)
        if q.choices:
            console.print(f"   Choices: {' | '.join(q.choices)}", markup=False)
    if result.private_left_out:
        console.print(
            f"\nLeft out, as private to the pair: {'; '.join(result.private_left_out)}. "
            "A program may opt in with collect_private in program.yaml (see the README).",
            style="dim", markup=False)


@human.register
def _collected(result: CollectResult, console: Console) -> None:
    words = WOULD if result.dry_run else {}
    head = "Dry run, nothing written: " if result.dry_run else ""
    filed, replaced = result.count("filed"), result.count("replaced")
    again = result.count("already filed", "older", "skipped")
    console.print(f"{head}{result.kind} export of the {result.form} form: {filed} filed, "
                  f"{replaced} replaced, {again} not filed again, {len(result.bad_rows)} bad",
                  markup=False)
    for r in result.rows:
        occasion = f" of {r.occasion}" if r.occasion else ""
        done = words.get(r.action, DONE.get(r.action, r.action))
        notes = "".join(f"\n    {n}" for n in r.notes)
        where = f" ({r.file})" if r.file else ""
        console.print(f"  row {r.row}: {r.pair}, the {r.respondent}'s {r.form}{occasion}: "
                      f"{done}{where}{notes}", markup=False, soft_wrap=True)
    for problem in result.bad_rows:
        console.print(f"skipped {problem.field}: {problem.message}", markup=False)
    if result.private_left_out:
        console.print(f"Not read (private to the pair, program.yaml does not opt in): "
                      f"{'; '.join(result.private_left_out)}", style="dim", markup=False)
    if result.ignored_columns:
        console.print(f"Columns not used: {'; '.join(result.ignored_columns)}",
                      style="dim", markup=False)


@human.register
def _workbook(result: WorkbookResult, console: Console) -> None:
    console.print(f"Wrote {result.path}: the workbook of {result.pair} "
                  f"({plural(result.goals, 'goal')}, {plural(result.actions, 'action')}).",
                  markup=False)
    console.print(f"Give it to the pair; file what they enter with: mentorkit collect "
                  f"{result.path}", markup=False)
