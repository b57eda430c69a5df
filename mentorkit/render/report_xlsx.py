"""The report as an Excel workbook (openpyxl): a Summary sheet with every section's key
figures, then one sheet per table of the report, each with a frozen, filterable header
row and columns wide enough for what they hold.

Cells keep their types (report_sections.Cell): dates are dates, counts and hours are
numbers, shares are percentages. Text is always stored as text, never as a formula,
so a name starting with "=" cannot run in the reader's spreadsheet.
"""

from __future__ import annotations

import io
import re
from typing import Any

from mentorkit.render.report_sections import Cell, Report, Section, Table, layout

MAX_WIDTH = 60  # characters; longer text wraps in the cell rather than widening the sheet


def workbook(report: Report) -> bytes:
    from openpyxl import Workbook

    head, sub, sections = layout(report)
    book = Workbook()
    book.properties.title = head
    book.properties.subject = sub
    summary = book.active
    summary.title = "Summary"
    _fill(summary, ["section", "figure", "value"],
          [["Report", head, sub]] + [[s.title, k, v] for s in sections for k, v in s.facts])
    used = {"summary"}
    for section in sections:
        for table in section.tables:
            _fill(book.create_sheet(_sheet_name(table, section, used)), table.headers,
                  table.rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(sheet: Any, headers: list[str], rows: list[list[str]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    for r, row in enumerate(rows, start=2):
        for c, shown in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            value = shown.value if isinstance(shown, Cell) else shown
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: never a formula
                if len(value) > MAX_WIDTH:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(shown, Cell) and shown.number_format:
                cell.number_format = shown.number_format
            widths[c - 1] = max(widths[c - 1], min(len(shown), MAX_WIDTH))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width + 3
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def _sheet_name(table: Table, section: Section, used: set[str]) -> str:
    """The table's title as Excel allows a sheet name: 31 characters, none of []:*?/\\,
    unique in the book (ignoring case)."""
    base = re.sub(r"[\[\]:*?/\\]", "-", table.title)[:31].strip() or section.title[:31]
    name, n = base, 1
    while name.lower() in used:
        n += 1
        name = f"{base[:28]} {n}"
    used.add(name.lower())
    return name
