"""Exports as Google Forms and Microsoft Forms write them, for the collect tests.

Google Forms' "Download responses (.csv)": every field quoted, `Timestamp` like
`2026/11/20 9:14:03 AM GMT-5`, `Email Address`, then one column per question titled as
the question; ticked boxes joined by ", ".
Microsoft Forms' "Open results in Excel" (.xlsx, sheet `Sheet1`): `ID`, `Start time`,
`Completion time`, `Email`, `Name`, then the questions; times as Excel date-times;
ticked boxes joined by ";" with a trailing ";".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorkit.models.toolkit import SessionRecord
    from mentorkit.store.folder import ProgramFolder

GOOGLE_META = ["Timestamp", "Email Address"]
MICROSOFT_META = ["ID", "Start time", "Completion time", "Email", "Name"]


def google_stamp(moment: dt.datetime, zone: str = "GMT-5") -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment:%Y/%m/%d} {hour}:{moment:%M:%S} {half} {zone}"


def us(day: dt.date) -> str:
    """A date as US-locale Forms write a date answer: 11/20/2026."""
    return f"{day.month}/{day.day}/{day.year}"


def google_csv(path: Path, titles: list[str], rows: list[tuple[dt.datetime, str, list[str]]],
               newline: str = "\r\n") -> Path:
    """rows: (submitted, email, answers in the order of `titles`)."""
    def line(cells: list[str]) -> str:
        return ",".join('"' + c.replace('"', '""') + '"' for c in cells)

    text = [line(GOOGLE_META + titles)]
    text += [line([google_stamp(when), email, *answers]) for when, email, answers in rows]
    path.write_bytes((newline.join(text) + newline).encode("utf-8"))
    return path


def microsoft_xlsx(path: Path, titles: list[str],
                   rows: list[tuple[dt.datetime, str, str, list[Any]]]) -> Path:
    """rows: (completed, email, name, answers in the order of `titles`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(MICROSOFT_META + titles)
    for n, (done, email, name, answers) in enumerate(rows, 1):
        sheet.append([n, done - dt.timedelta(minutes=3), done, email, name, *answers])
        for column in (2, 3):
            sheet.cell(row=n + 1, column=column).number_format = "m/d/yy h:mm:ss"
    book.save(path)
    return path


def csv_text(path: Path, text: str) -> Path:
    """A small CSV written out as text, UTF-8."""
    path.write_text(text, encoding="utf-8")
    return path


def sessions(folder: ProgramFolder, pair: str) -> list[tuple[str, SessionRecord]]:
    """A pair's session records (file stem, record), in session order."""
    from mentorkit.store.pairs import load_pair

    return load_pair(folder, pair).sessions


def microsoft_text_xlsx(path: Path, titles: list[str], rows: list[tuple[str, str, list[Any]]],
                        modified: list[str] | None = None) -> Path:
    """Microsoft Forms' export with its times as text, as it writes them ("12/1/2026
    9:14:03"). rows: (completion time, email, answers in the order of `titles`);
    `modified`: the newer exports' `Last modified time`, one a row ("" if not edited)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    edited = ["Last modified time"] if modified is not None else []
    sheet.append(MICROSOFT_META + edited + titles)
    for n, (done, email, answers) in enumerate(rows, 1):
        changed = [modified[n - 1]] if modified is not None else []
        sheet.append([n, done, done, email, email.split("@")[0], *changed, *answers])
    book.save(path)
    return path
