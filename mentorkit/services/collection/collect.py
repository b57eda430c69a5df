"""`mentorkit collect FILE`: file the answers in a Forms export (or a pair's workbook).

1. Read the export and work out each row: who answered (email -> participant -> pair and
   side), for which occasion, and the answers as the fill functions take them.
2. Compare with each pair's responses.yaml: a response filed before is not filed again;
   a later resubmission by the same person for the same occasion replaces the earlier.
3. Rehearse every filing on a scratch copy of the pairs (store/rehearsal.py) with the
   toolkit's own fill functions, so every bad row is found before anything is written.
4. Unless it is a dry run, or a row is bad and --skip-bad was not given, land what the
   good rows made of the copy in the program as one transaction (store/rehearsal.py
   `land`): every pair's files, or none, even under `kill -9`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import InvalidFile, MentorkitError, Problem
from mentorkit.models.responses import Response, Responses
from mentorkit.models.toolkit import Evaluation
from mentorkit.services.collection import answers, checkins, contests, exports, filing
from mentorkit.services.collection.pairs import PairFinder
from mentorkit.services.collection.planned import Planned, RowResult
from mentorkit.services.collection.questions import private_allowed
from mentorkit.services.toolkit import rules
from mentorkit.store import rehearsal, tables
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.snapshot import load_snapshot


@dataclass
class CollectResult:
    JSON_KIND: ClassVar[str] = "collect"  # the --json envelope (render/envelope.py)

    source: str
    kind: str  # Google Forms, Microsoft Forms, workbook
    form: str
    dry_run: bool
    columns: dict[str, str]
    ignored_columns: list[str]
    private_left_out: list[str]
    rows: list[RowResult]
    bad_rows: list[Problem]

    def count(self, *actions: str) -> int:
        return sum(1 for r in self.rows if r.action in actions)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_kind": self.kind,  # Google Forms, Microsoft Forms, workbook
            "form": self.form,
            "dry_run": self.dry_run,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "private_left_out": self.private_left_out,
            "filed": self.count("filed"),
            "replaced": self.count("replaced"),
            "already_filed": self.count("already filed", "older", "skipped"),
            "bad": len(self.bad_rows),
            "rows": [r.__dict__ for r in self.rows],
            "problems": [p.as_dict() for p in self.bad_rows],
        }


def collect(
    folder: ProgramFolder,
    source: Path,
    *,
    form: str | None = None,
    column_map: dict[str, str] | None = None,
    date_order: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
    today: dt.date | None = None,
) -> CollectResult:
    today = today or dt.date.today()
    headers, rows = tables.read_table(source, keep_times=True)
    program = folder.load_program()
    export = exports.read(
        headers, rows, source_name=source.name, form_name=form, mapping=column_map or {},
        private_allowed=lambda spec: private_allowed(spec, program.collect_private),
        date_order=date_order,
    )
    return file_rows(folder, [export], source, dry_run=dry_run, skip_bad=skip_bad,
                     today=today)


def file_rows(
    folder: ProgramFolder,
    found: list[exports.Export],
    source: Path,
    *,
    dry_run: bool,
    skip_bad: bool,
    today: dt.date,
    pair: str | None = None,
) -> CollectResult:
    """File the rows of one export, or of a workbook's sheets (which name their `pair`)."""
    bad = [p for export in found for p in export.bad]
    with folder.locked():
        snapshot = load_snapshot(folder)
        finder = PairFinder(snapshot.participants, snapshot.relationships)
        planned: list[Planned] = []
        unread = {key for export in found for key in export.unread}
        every = [(row, export) for export in found for row in export.rows]
        for row, export in sorted(every, key=lambda r: (answers.order_key(r[0].submitted),
                                                        r[1].form.name, r[0].row)):
            try:
                planned.append(_plan(row, export, finder, pair))
            except MentorkitError as exc:
                bad.append(Problem(export.name, exc.message, field=f"row {row.row}",
                                   hint=exc.hint))
                unread |= {row.key} - {""}
        pairs = {p.filing.pair for p in planned}
        with rehearsal.rehearsal(folder, pairs) as copy:
            failed = _file_all(copy, planned, found[0].source, today, unread=unread)
            bad += [Problem(p.export.name, message, field=f"row {p.row.row}")
                    for p, message in failed]
            bad.sort(key=lambda p: (p.path, int(p.field.split()[-1])))
            failed_ids = {id(f) for f, _ in failed}
            good = [p for p in planned if id(p) not in failed_ids]
            if bad and not skip_bad:
                raise InvalidFile(
                    bad, "Nothing was filed. Fix these rows in the form's answers (or pass "
                    "--skip-bad to file the rest).")
            if not dry_run and good and not failed:
                rehearsal.land(copy, folder, pairs)  # every pair's files, or none
        if not dry_run and good and failed:
            # the copy holds what the failed rows did before failing: file the good ones
            # alone on a fresh copy, and land that
            with rehearsal.rehearsal(folder, pairs) as copy:
                # the bad rows still claim what they filed: the same contests as above
                again = _file_all(copy, good, found[0].source, today, rivals=planned,
                                  unread=unread)
                if again:  # only rows that depended on a bad row's half-work get here
                    raise InvalidFile([Problem(p.export.name, m, field=f"row {p.row.row}")
                                       for p, m in again], "Nothing was filed; run it again.")
                rehearsal.land(copy, folder, pairs)
    return CollectResult(
        str(source), found[0].source, ", ".join(e.form.name for e in found), dry_run,
        {h: k for e in found for h, k in e.columns.items()},
        [h for e in found for h in e.ignored], [h for e in found for h in e.private_left_out],
        [p.result for p in sorted(good, key=lambda p: (p.export.name, p.row.row))], bad,
    )


def _plan(
    row: exports.ExportRow, export: exports.Export, finder: PairFinder, pair: str | None
) -> Planned:
    form = export.form
    a = filing.Answers(row.answers, export.header, export.date_order)
    closed_too = form.name == "evaluation"  # it comes at the end: a closed pair counts
    if pair is None:
        found = finder.find(row.email, row.answers.get("partner", ""), closed_too=closed_too)
    else:
        found = finder.in_pair(row.email, pair, closed_too=closed_too)
    occasion, values = filing.plan(form, a, row.submitted.date())
    item = filing.Filing(form.name, found.pair, found.respondent, occasion, values,
                         frozenset(export.columns.values()))
    # a workbook's check-in or evaluation is dated by a column of its own, not a question:
    # a row whose date alone was corrected is a changed answer (a Forms answer's time is
    # not: the same answers submitted again are the same answer)
    dated = ([row.submitted.date().isoformat()]
             if export.source == exports.WORKBOOK and "date" not in row.answers else [])
    fingerprint = hashlib.sha256(json.dumps(
        [form.name, row.email.casefold(), sorted(row.answers.items()), *dated]
    ).encode()).hexdigest()[:16]
    result = RowResult(row.row, row.email, found.pair, found.respondent.value, form.name,
                       occasion, "filed")
    return Planned(row, item, fingerprint, result, export)


def _file_all(
    folder: ProgramFolder, planned: list[Planned], kind: str, today: dt.date, *,
    rivals: list[Planned] | None = None, unread: set[str] | frozenset[str] = frozenset(),
) -> list[tuple[Planned, str]]:
    """File each planned response in submission order (a workbook row whose answer moves
    to another occasion first); the ones that fail, and why. A workbook's rows that
    compete for one thing are settled first (contests.py), among `rivals` (default: the
    planned rows; a second pass files fewer but settles the same contests) and the rows
    that could not be read (`unread`, by Row id)."""
    ledgers: dict[str, Responses] = {}

    def ledger_of(pair: str) -> Responses:
        if pair not in ledgers:
            ledgers[pair] = checkins.on_schedule(
                folder, pair, folder.load_form(pair, Responses) or Responses(kind="responses"))
        return ledgers[pair]

    rows = [p for p in (rivals or planned) if p.export.source == exports.WORKBOOK]
    for item in rows:
        _settle_occasion(folder, item)
    copies = contests.copies(rows, ledger_of)
    refused = {id(item) for item, _ in copies}
    filing_now = {id(p) for p in planned}
    failed = [(item, why) for item, why in copies if id(item) in filing_now]
    lost = contests.beaten([r for r in rows if id(r) not in refused], ledger_of, set(unread))
    moves = contests.moving(rows, ledger_of)
    for item in sorted(planned, key=lambda p: p.row.key not in moves):
        if id(item) in refused:
            continue
        if id(item) in lost:
            _name_the_row_that_files_it(item, lost[id(item)])
            continue
        try:
            _file_one(folder, item, ledger_of(item.filing.pair), kind, today, moves)
        except MentorkitError as exc:
            failed.append((item, _in_export_words(exc, item)))
    return failed


def _settle_occasion(folder: ProgramFolder, item: Planned) -> None:
    """A check-in's occasion: the check-in it answers, by the day it was answered (as
    the relationship stands now: a session filed before it may have started it)."""
    f = item.filing
    if f.form != "check-in":
        return
    from mentorkit.services.collection.schedule import occasion_for

    relationship = folder.load_relationship(f.pair)
    due = occasion_for(folder.load_program(), relationship, f.values["date"])
    f.occasion = item.result.occasion = due.isoformat() if due else ""


def _name_the_row_that_files_it(item: Planned, winner: Planned | str) -> None:
    f, result = item.filing, item.result
    result.action, result.notes = "skipped", [
        f"row {contests.named(winner)} is filed as the {f.respondent.value}'s {f.form}"
        f"{f' for {f.occasion}' if f.occasion else ''}: one answer each; correct that "
        "row, or clear this one"]


def _file_one(
    folder: ProgramFolder, item: Planned, ledger: Responses, kind: str, today: dt.date,
    moves: dict[str, tuple[str, str, str, str]],
) -> None:
    """File one row (`moves`: the rows of this collect whose answers move elsewhere,
    whose records this one neither replaces nor is refused by)."""
    f, result = item.filing, item.result
    result.notes = []
    _settle_occasion(folder, item)
    if item.row.key and f"{item.row.key} {item.answers}" in ledger.superseded:
        result.action = "older"
        result.notes.append("filed before, and replaced since by a later answer (from "
                            "another copy of the workbook?); change the row to file it again")
        return
    same_row = [r for r in ledger.responses if item.row.key and r.row == item.row.key]
    same = same_row or [r for r in ledger.responses if r.row not in moves
                        and r.key == item.claim] or _filed_unscheduled(item, ledger)
    filed_before = next((r for r in same if r.answers == item.answers), None)
    if filed_before is not None:
        result.action = "already filed"
        result.file = ", ".join(filed_before.files)
        if not any(folder.has_file(folder.relationship_dir(f.pair) / n)
                   for n in filed_before.files):
            result.notes.append("removed since (mentorkit remove-form?): change the row "
                                "to file it again")
        if item.row.key and filed_before.row != item.row.key:
            # a workbook made again holds the answer filed before: this row is it now,
            # so correcting it replaces that record rather than filing a second
            filed_before.row = item.row.key
            folder.save_form(f.pair, ledger)
        return
    earlier = max(same, key=lambda r: answers.order_key(r.submitted)) if same else None
    # a row of the same workbook (this one, corrected in place, or one cleared since)
    # replaces what it filed whatever its date
    own = earlier is not None and bool(item.workbook) and (
        earlier.row.partition("/")[0] == item.workbook)
    if earlier is not None and not own and not _newer(item, earlier):
        if answers.order_key(earlier.submitted) > answers.order_key(item.row.submitted):
            result.action = "older"
            result.notes.append(f"a later answer ({earlier.submitted:%Y-%m-%d %H:%M}) is "
                                "filed; this earlier one is not")
        else:
            result.action, result.file = "already filed", ", ".join(earlier.files)
            result.notes.append(f"the answer submitted {earlier.submitted:%Y-%m-%d %H:%M} is "
                                "filed; this one has the same time, so it is taken as the "
                                "same answer (an edited one has a later Last modified time)")
        return
    typed = _typed_in(folder, f) if earlier is None else None
    if typed is not None and typed[1] > item.row.submitted.date():
        result.action, result.file = "older", typed[0]
        result.notes.append(f"{typed[0]} (dated {typed[1]}, not from a form) is later; "
                            "this earlier answer is not filed (remove that file to file it)")
        return
    if f.form == "session" and (earlier is None or earlier.occasion != f.occasion):
        other = [r for r in ledger.responses if r.form == "session" and r.occasion == f.occasion
                 and r is not earlier and r.row not in moves]
        if other:
            result.action = "skipped"
            result.notes.append(f"the {other[0].respondent.value} already recorded the "
                                f"{f.occasion} meeting; one record a meeting")
            return
    filed, items = filing.file(folder, f, earlier, today)
    pair_dir = f"relationships/{f.pair}/"
    written = filed.path.removeprefix(pair_dir)
    result.file = written
    result.notes += filed.notes
    if earlier is not None:
        result.action = "replaced"
        result.notes.insert(0, f"replaces the answer submitted {earlier.submitted:%Y-%m-%d %H:%M}")
        ledger.responses.remove(earlier)
        if earlier.row and earlier.row != item.row.key:
            ledger.superseded.append(f"{earlier.row} {earlier.answers}")
    elif typed is not None:
        result.action = "replaced"
        result.notes.insert(0, f"replaces {typed[0]} (dated {typed[1]}), which was not from "
                               "a form: this later answer is the evaluation now")
    ledger.responses.append(Response(
        form=f.form, respondent=f.respondent, occasion=f.occasion,
        submitted=item.row.submitted, answers=item.answers, source=kind,
        files=[written], items=items, row=item.row.key,
    ))
    _remove_unheld(folder, f.pair, earlier, ledger)
    folder.save_form(f.pair, ledger)


def _filed_unscheduled(item: Planned, ledger: Responses) -> list[Response]:
    """A check-in of a pair with no schedule now (every session removed since): the same
    answers filed before, whatever check-in they were for, so that collecting them again
    files nothing rather than refusing the row."""
    f = item.filing
    if f.form != "check-in" or f.occasion:
        return []
    return [r for r in ledger.responses if (r.form, r.respondent, r.answers) == (
        f.form, f.respondent, item.answers)]


def _remove_unheld(folder: ProgramFolder, pair: str, earlier: Response | None,
                   ledger: Responses) -> None:
    """The files the replaced answer wrote that no answer on file holds now: a check-in
    corrected to another check-in's day, an evaluation row to the other partner's side
    (one another row has just taken over stays)."""
    held = {name for r in ledger.responses for name in r.files}
    for name in earlier.files if earlier is not None else []:
        if name not in held:
            folder.remove(folder.relationship_dir(pair) / name, missing_ok=True)


def _newer(item: Planned, earlier: Response) -> bool:
    """Whether this answer replaces the one filed. A Forms answer must be submitted (or
    edited) later: an answer with the same time is the same answer, as an export made
    before an edit holds it. A workbook's row is dated by day only, and changed in
    place when corrected: on the same day it is the correction."""
    this, that = answers.order_key(item.row.submitted), answers.order_key(earlier.submitted)
    return this > that or (this == that and item.export.source == exports.WORKBOOK)


def _typed_in(folder: ProgramFolder, f: filing.Filing) -> tuple[str, dt.date] | None:
    """The evaluation this person has on file that no form filed (typed in with
    `mentorkit evaluate`): its file and date. Like a resubmitted form, the later of the
    two is their evaluation, whole."""
    if f.form != "evaluation":
        return None
    name = Evaluation.file_for(f.respondent)
    on_file = folder.load_form(f.pair, Evaluation, name)
    return (name, on_file.date) if on_file is not None else None


def _in_export_words(exc: MentorkitError, item: Planned) -> str:
    """A fill function's refusal in one line, as the export says it: each field named by
    the column it came from, with the remedy an export has rather than a command's."""
    problems = exc.problems if isinstance(exc, InvalidFile) else [Problem("", exc.message)]
    return "; ".join(f"column {_column(p.field, item)!r}: {_remedy(p.message)}" if p.field
                     else _remedy(p.message) for p in problems)


# the fill functions' fields named otherwise than the questions that fill them
FIELD_QUESTIONS = {"duration_minutes": "duration"}
# lists of answers about goals: the question each goal's answer came from
GOAL_QUESTIONS = {"progress": "goal{}_status", "goals": "goal{}_achieved"}


def _column(field_path: str, item: Planned) -> str:
    """The title of the column a fill function's field (`date`, `progress.0.goal`) was
    read from; the field itself when no one column holds it."""
    head, _, rest = field_path.partition(".")
    values, export = item.filing.values, item.export
    key = FIELD_QUESTIONS.get(head, head)
    if head == "date" and item.filing.form != "session":
        key = item.row.dated_by  # a form's date is the day it was answered
    index = rest.partition(".")[0]
    if head in GOAL_QUESTIONS and index.isdigit() and isinstance(values, dict):
        goal = str(values[head][int(index)]["goal"])
        key = GOAL_QUESTIONS[head].format(goal.removeprefix("g"))
    return export.header(key) if key in export.columns.values() else field_path


def _remedy(message: str) -> str:
    message = message.replace(rules.NEXT_OPTION, "").replace(rules.SET_GOALS, "")
    if message.startswith(rules.NO_GOAL):
        message += "; set the goals first, or correct the answer in the export"
    return message
