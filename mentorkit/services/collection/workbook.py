"""A pair's Excel workbook, for pairs without Microsoft or Google Forms.

`forms workbook PAIR --out FILE.xlsx` writes: a start sheet with the toolkit's guidance,
the pair's goals and actions (pre-filled, for reference), sheets for session records,
check-ins and the evaluation whose columns are the Forms questions' titles (but for a
question for the coordinator alone: both partners fill in the one file), with Excel
drop-down lists for every choice, and a sheet for the pair's own notes that mentorkit
never reads. A hidden sheet names the pair. `collect FILE.xlsx` files each new or changed
row through the same path as a Forms export; a row filed before is not filed again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import InvalidFile, InvalidInput, Problem
from mentorkit.models.program import Program
from mentorkit.services.collection import exports
from mentorkit.services.collection.questions import (
    CATALOGUE,
    CHECKBOXES,
    CHOICE,
    DATE,
    RATING,
    SCALE,
    Question,
    private_allowed,
)
from mentorkit.store.folder import ProgramFolder

META_SHEET = "mentorkit"
NOTES_SHEET = "Our notes"
LISTS_SHEET = "Lists"
BY = "Filled in by"
ANSWERED = "Date answered"
# Each row's own id (in exports.ROW), written when the workbook is made (S1, S2... on
# Sessions): a row corrected in place is known by it whatever changed, its date too, and
# it goes with the row when the sheet is sorted. With the workbook's own id (the hidden
# sheet's), it is the row's identity in the responses ledger (models/responses.py).
ROW = exports.ROW
ROWS = 60  # rows offered (and validated) on each sheet
# sheet name: (form, the column that dates the row, the letter of its rows' ids)
SHEETS: dict[str, tuple[str, str, str]] = {
    "Sessions": ("session", "Date of the meeting", "S"),
    "Check-ins": ("check-in", ANSWERED, "C"),
    "Evaluation": ("evaluation", ANSWERED, "E"),
}
# the sheets a workbook is made with that collect does not file (the notes: never read)
NOT_FILED = ("Start here", "Goals", "Actions", LISTS_SHEET, NOTES_SHEET)
GUIDANCE = [
    "How to use this workbook",
    "",
    "After each meeting, the mentee adds a row to Sessions: the date, how long you met, "
    "where each goal stands, the actions agreed before the next meeting (one per line, "
    "with a date), and the next date.",
    "When a check-in is due (about a month after you start, then every two months), each "
    "of you adds a row to Check-ins. Low answers are how the coordinator knows to help.",
    "At the end, each of you fills in your own row of Evaluation, candidly.",
    "Pick answers from the drop-down lists. Dates as dates (Excel shows a calendar).",
    "Goals and Actions show where things stood when this workbook was made: goals are "
    "numbered g1 to g5, and Sessions refers to them by number.",
    f"Leave the {ROW} column as it is: it is how a corrected row is known (sorting the "
    "rows is fine). To correct an answer, change its row; add a row for a new one.",
    f"'{NOTES_SHEET}' is yours: mentorkit never reads it. Nothing else you write here "
    "is private from the coordinator, who files this workbook.",
    "Give the workbook back to the coordinator (or save it where they collect it); rows "
    "already filed are not filed twice, and a changed row replaces what was filed.",
]


@dataclass
class WorkbookResult:
    JSON_KIND: ClassVar[str] = "workbook"  # the --json envelope (render/envelope.py)

    pair: str
    path: Path
    goals: int
    actions: int

    def to_json(self) -> dict[str, Any]:
        return {"pair": self.pair, "path": str(self.path), "goals": self.goals,
                "actions": self.actions, "sheets": ["Start here", "Goals", "Actions",
                                                     *SHEETS, NOTES_SHEET]}


def _columns(form: str, include_private: bool) -> list[Question]:
    """The questions a sheet asks: both partners read the whole workbook, so never one
    for the coordinator alone (the guidance says how to reach them instead)."""
    spec = CATALOGUE[form]
    return [q for q in spec.questions
            if (include_private or not q.private) and not q.coordinator_only]


def _to_the_coordinator(program: Program) -> str:
    """The Start sheet's line on telling the coordinator something the partner must not
    read: the check-in form, else the coordinator's address, from program.yaml."""
    link = program.check_ins.form_link
    messages = program.messages
    address = ((messages.coordinator or messages.reply_to) if messages else None) or (
        program.calendar.organizer)
    how = (f"answer the check-in form ({link})" if link else
           f"write to them at {address}" if address else "write to them directly")
    return ("Your partner reads everything in this workbook. To tell the program "
            f"coordinator something only they should read, {how}.")


def write_workbook(folder: ProgramFolder, query: str, out: Path) -> WorkbookResult:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from mentorkit.services.toolkit.pair import open_pair
    from mentorkit.store.exports import write_new_workbook

    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(f"{out}: a workbook is an .xlsx file", "Give --out NAME.xlsx.")
    forms = open_pair(folder, query)
    program = folder.load_program()
    book = Workbook()
    start = book.active
    start.title = "Start here"
    start.append([f"Mentoring workbook: {forms.id}"])
    start["A1"].font = Font(bold=True, size=14)
    for line in [*GUIDANCE, _to_the_coordinator(program)]:
        start.append([line])
    start.column_dimensions["A"].width = 110
    for row in start.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    goals = forms.current_goals()
    sheet = book.create_sheet("Goals")
    sheet.append(["Goal", "Statement", "How it is measured", "Target date", "Status",
                  "Progress %"])
    for g in goals:
        sheet.append([g.id, g.statement, g.measure, g.target_date, g.status.value, g.progress])
    actions = forms.action_plan.actions if forms.action_plan else []
    sheet = book.create_sheet("Actions")
    sheet.append(["Action", "Goal", "What", "Who", "Due", "Status"])
    for a in actions:
        sheet.append([a.id, a.goal or "", a.description, a.owner.value, a.date, a.status.value])

    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_columns: dict[tuple[str, ...], str] = {}
    for name, (form, dated, letter) in SHEETS.items():
        spec = CATALOGUE[form]
        questions = _columns(form, private_allowed(spec, program.collect_private))
        sheet = book.create_sheet(name)
        headers = [ROW, BY, *([ANSWERED] if dated == ANSWERED else []),
                   *(q.title for q in questions)]
        sheet.append(headers)
        sides = ["Mentor", "Mentee"] if name == "Evaluation" else []
        for n in range(1, (len(sides) or ROWS) + 1):
            sheet.append([f"{letter}{n}", *sides[n - 1:n]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        kinds: dict[str, tuple[str, ...]] = {BY: ("Mentor", "Mentee")}
        for q in questions:
            if q.type in (CHOICE, CHECKBOXES):
                kinds[q.title] = q.choices
            elif q.type == RATING:
                kinds[q.title] = ("1", "2", "3", "4", "5")
            elif q.type == SCALE:
                kinds[q.title] = tuple(str(n) for n in range(11))
        for index, header in enumerate(headers, 1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = 6 if header == ROW else 22
            question = next((q for q in questions if q.title == header), None)
            if header in kinds:
                _drop_down(sheet, lists, list_columns, kinds[header], letter)
            elif header == ANSWERED or (question is not None and question.type == DATE):
                _date_column(sheet, letter)
        for (cell,) in sheet.iter_rows(min_row=2, max_col=1):
            cell.font = Font(color="808080")
    notes = book.create_sheet(NOTES_SHEET)
    notes.append(["Your own notes. mentorkit never reads this sheet."])
    meta = book.create_sheet(META_SHEET)
    meta.append(["pair", forms.id])
    meta.append(["made", dt.date.today()])
    meta.append(["workbook", secrets.token_hex(6)])  # its rows' ids are its own
    meta.sheet_state = "hidden"
    path = write_new_workbook(out, book, command="forms workbook")
    return WorkbookResult(forms.id, path, len(goals), len(actions))


def _drop_down(sheet: Any, lists: Any, made: dict[tuple[str, ...], str],
               choices: tuple[str, ...], letter: str) -> None:
    """An Excel list validation for a column, its choices on the hidden Lists sheet (an
    inline list would split choices that hold a comma)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if choices not in made:
        column = lists.cell(row=1, column=len(made) + 1).column_letter
        for n, choice in enumerate(choices, 1):
            lists[f"{column}{n}"] = choice
        made[choices] = f"={LISTS_SHEET}!${column}$1:${column}${len(choices)}"
    validation = DataValidation(type="list", formula1=made[choices], allow_blank=True,
                                showErrorMessage=True, errorTitle="Pick from the list",
                                error="Please pick one of the choices in the list.")
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{ROWS + 1}")


def _date_column(sheet: Any, letter: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="date", operator="greaterThan", formula1="36526",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="A date", error="Please enter a date.")
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{ROWS + 1}")
    for row in range(2, ROWS + 2):
        sheet[f"{letter}{row}"].number_format = "yyyy-mm-dd"


# -- reading it back ----------------------------------------------------------------------
def _columns_as_the_sheet_has_them(export: exports.Export, dated: str) -> None:
    """Who answered and when come from the sheet's own BY and dating columns, through the
    two the reader was handed (Email Address, Timestamp): report those as used, under
    the sheet's names, not as columns left unread."""
    export.ignored = [h for h in export.ignored if h not in (ROW, BY, ANSWERED)]
    made_up = {"Email Address": BY, "Timestamp": dated}
    # (a session is dated by its question's column, which says what it fills already)
    export.columns = {made_up.get(h, h): key for h, key in export.columns.items()
                      if made_up.get(h) not in export.columns}


def _row_key(meta: dict[str, str], headers: list[str], cells: list[str]) -> str:
    """The row's identity, <workbook>/<Row>: "" in a workbook made before rows had ids,
    or in a row added without one (it is then known by its date, as a Forms answer is
    by its time)."""
    workbook = str(meta.get("workbook", "")).strip()
    row_id = cells[headers.index(ROW)].strip() if ROW in headers else ""
    return f"{workbook}/{row_id}" if workbook and row_id else ""


def is_workbook(path: Path) -> bool:
    """Whether `path` is a pair's workbook (an .xlsx with the hidden mentorkit sheet)."""
    from mentorkit.store import tables

    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    return META_SHEET in tables.sheet_names(path)


def collect_workbook(
    folder: ProgramFolder, path: Path, *, date_order: str | None = None,
    dry_run: bool = False, skip_bad: bool = False, today: dt.date | None = None,
) -> Any:
    """File a pair's workbook. `date_order` reads dates typed as text, like an action's
    12/10/2026 (Excel's own date cells need none)."""
    from mentorkit.services.collection.collect import file_rows
    from mentorkit.store import tables

    others = [n for n in tables.sheet_names(path)
              if n not in (META_SHEET, *SHEETS, *NOT_FILED)]
    sheets = tables.read_sheets(path, [META_SHEET, *SHEETS, *others])  # never the notes
    meta = {row[0]: row[1] for row in sheets.get(META_SHEET, []) if len(row) > 1}
    pair = meta.get("pair", "")
    if not pair or not folder.has_relationship(pair):
        raise InvalidFile([Problem(path.name, f"names pair {pair!r}, which this program "
                                   "does not have")],
                          "Collect a workbook into the program that made it.")
    relationship = folder.load_relationship(pair)
    emails = {side: folder.load_participant(person).email
              for side, person in (("mentor", relationship.mentor),
                                   ("mentee", relationship.mentee))}
    _refuse_sheets_moved(path, sheets, others)
    program = folder.load_program()
    found = []
    for name, (form, dated, _) in SHEETS.items():
        rows = sheets.get(name)
        if not rows:
            continue
        headers = [h.strip() for h in rows[0]]
        source = f"{path.name}, sheet {name}"
        body: list[tuple[int, list[str]]] = []
        keys: dict[int, str] = {}  # row number -> its identity (`_row_key`), if it has one
        for number, cells in enumerate(rows[1:], start=2):
            cells = [*cells, *[""] * (len(headers) - len(cells))]
            answered = [c for h, c in zip(headers, cells, strict=False)
                        if h not in (ROW, BY, ANSWERED) and c.strip()]
            if not answered:
                continue  # an empty row, or the Evaluation's row with only a side in it
            keys[number] = _row_key(meta, headers, cells)  # (a copied row's too: collect
            # tells the copy from the row it was copied from by what that row filed)
            side = cells[headers.index(BY)].strip().casefold() if BY in headers else ""
            when = cells[headers.index(dated)] if dated in headers else ""
            # Mentor or Mentee, or an address typed in; anything else (a name) is no
            # side at all, named as the column to fix below, never as an unknown email
            by = emails.get(side) or (side if "@" in side else "")
            body.append((number, [by, when, *cells]))
        export = exports.read(
            ["Email Address", "Timestamp", *headers], body,
            source_name=source, form_name=form,
            mapping={BY: "ignore", ROW: "ignore"} | (
                {ANSWERED: "ignore"} if ANSWERED in headers else {}),
            private_allowed=lambda spec: private_allowed(spec, program.collect_private),
            date_order=date_order, labels={"Timestamp": dated},
        )
        export.source = exports.WORKBOOK
        for row in export.rows:
            row.key = keys.get(row.row, "")
        read = {row.row for row in export.rows}
        export.unread = {key for number, key in keys.items() if key and number not in read}
        _columns_as_the_sheet_has_them(export, dated)
        for problem in export.bad:
            if "no email" in problem.message:
                problem.message = f"column {BY!r}: say who filled it in (Mentor or Mentee)"
        found.append(export)
    if not found:
        raise InvalidFile([Problem(path.name, "has nothing to file: its Sessions, Check-ins "
                                   "and Evaluation sheets are empty, header rows too")])
    return file_rows(folder, found, path, dry_run=dry_run, skip_bad=skip_bad,
                     today=today or dt.date.today(), pair=pair)


def _refuse_sheets_moved(path: Path, sheets: dict[str, list[list[str]]],
                         others: list[str]) -> None:
    """A sheet renamed or deleted, or rows on a sheet mentorkit does not file: its rows
    would be passed over without a word (a renamed Sessions sheet filed nothing, and
    said 0 bad)."""
    missing = [name for name in SHEETS if name not in sheets]
    filled = [name for name in others if any(c.strip() for row in sheets[name] for c in row)]
    problems = [Problem(path.name, f"has no sheet {name!r} (renamed or deleted?)")
                for name in missing]
    problems += [Problem(path.name, f"sheet {name!r} is not one mentorkit files, yet it "
                         "has rows") for name in filled]
    if problems:
        raise InvalidFile(problems, (
            "Nothing was filed. Give the sheets back their names (" + ", ".join(SHEETS)
            + f"), move any rows onto them (the pair's own notes go on {NOTES_SHEET!r}), "
            "then collect it again."))
