"""Sign-up form exports (CSV or XLSX) and column maps: input files the user names on the
command line, read here so that services/enrolment/importer.py never touches the disk.

A table comes back as text cells; turning cells into participant fields is the importer's.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mentorkit.errors import InvalidFile, InvalidInput, NotFound, Problem
from mentorkit.store import yamlio


def read_column_map(path: Path) -> tuple[str, Any]:
    """The text and parsed YAML of a column map file (checked by the importer)."""
    if not path.is_file():
        raise NotFound(f"{path}: no such column map")
    return yamlio.read(path)


def read_table(
    path: Path, *, keep_times: bool = False
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Headers, and (spreadsheet row number, cells) for every non-empty row.

    `keep_times`: an XLSX date-and-time cell comes back as ISO 8601 with its time (a
    Forms export's completion time orders resubmissions), not as its date alone."""
    if not path.is_file():
        raise NotFound(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, keep_times)
    if suffix in {".csv", ".tsv", ".txt"}:
        return _read_csv(path)
    raise InvalidInput(f"{path}: cannot import {suffix or 'a file without a suffix'}",
                       "Export the form as CSV or XLSX.")


# a file named .xlsx that is no workbook (often a CSV export renamed): made again, not
# mended by hand
NOT_XLSX = "Export the form again as XLSX, or as CSV in a file named .csv."
ENCODINGS = "UTF-8, UTF-16 (with its byte-order mark) or Windows-1252"


def _decode(path: Path) -> str:
    """The text of a CSV export: UTF-8, UTF-16 with a BOM (Excel's "Unicode text"), or
    Windows-1252 (older Excel "CSV"); anything else is named, never read as garbage."""
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:  # NUL bytes: UTF-16 or UTF-32 without a BOM, or not text
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise InvalidFile(
        [Problem(path, f"not text in an encoding mentorkit reads ({ENCODINGS})")],
        "Export the form again as CSV (UTF-8) or XLSX.",
    )


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = _decode(path)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:
        problem = Problem(path, f"not readable as CSV: {exc}", line=reader.line_num)
        raise InvalidFile([problem]) from None
    if not rows:
        raise InvalidFile([Problem(path, "the file is empty")])
    headers = [h.strip() for h in rows[0]]
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    return headers, body


def _read_xlsx(path: Path, keep_times: bool) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import warnings

    from openpyxl import load_workbook

    try:
        # openpyxl warns on odd workbooks (unknown extensions, bad styles...): words for
        # a developer, not for the coordinator who exported the form
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                names = book.sheetnames
                rows = _answers(book, keep_times)
            finally:
                book.close()
    except Exception as exc:
        # openpyxl fails on a damaged file in many ways (BadZipFile, KeyError, an XML
        # ParseError, TypeError...): all of them mean the workbook cannot be read
        raise InvalidFile(
            [Problem(path, f"not a readable XLSX workbook: {exc}")], NOT_XLSX,
        ) from None
    if not rows:
        raise InvalidFile(
            [Problem(path, f"no sheet has any rows ({', '.join(names)})")],
            "Export the answers again (Microsoft Forms: Open results in Excel; Google "
            "Forms: Download responses (.csv)), or copy them onto the first sheet.")
    headers = [h.strip() for h in rows[0]]
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    return headers, body


def _answers(book: Any, keep_times: bool) -> list[list[str]]:
    """The rows of the sheet the workbook opens on (where an export's answers are, a
    note or an instructions sheet before it or not), else of the first sheet that has
    any: [] when none has."""
    for sheet in dict.fromkeys([book.active, *book.worksheets]):
        if sheet is None:
            continue
        rows = [[_cell(c, keep_times) for c in row] for row in sheet.iter_rows(values_only=True)]
        if any(any(c.strip() for c in row) for row in rows):
            return rows
    return []


def _cell(value: Any, keep_times: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        has_time = keep_times and value.time() != dt.time(0)
        return value.isoformat(sep=" ") if has_time else value.date().isoformat()
    return str(value)


def read_sheets(path: Path, names: list[str]) -> dict[str, list[list[str]]]:
    """The named sheets of an XLSX workbook (those it has), every row as text cells, with
    dates and times kept (a pair's workbook). Sheets not named are never read."""
    with _workbook(path) as book:
        return {
            name: [[_cell(c, True) for c in row]
                   for row in book[name].iter_rows(values_only=True)]
            for name in names if name in book.sheetnames
        }


def sheet_names(path: Path) -> list[str]:
    """The names of an XLSX workbook's sheets, in order (no sheet is read)."""
    with _workbook(path) as book:
        return list(book.sheetnames)


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    from openpyxl import load_workbook

    if not path.is_file():
        raise NotFound(f"{path}: no such file")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            yield book
        finally:
            book.close()
    except Exception as exc:  # as in _read_xlsx: any failure means it cannot be read
        raise InvalidFile([Problem(path, f"not a readable XLSX workbook: {exc}")],
                          NOT_XLSX) from None
