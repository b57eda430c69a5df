"""`mentorkit report`: the program report (or one pair's) in five formats."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from mentorkit.cli.common import folder
from mentorkit.cli.options import AsOf, date_value, today, vocab


class Format(StrEnum):
    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


Out = Annotated[
    Path | None,
    typer.Option("--out", "-o", dir_okay=False, help="Write to FILE instead of the terminal."),
]


def report(
    ctx: typer.Context,
    fmt: Annotated[Format, vocab(Format, "Output format", "--format", "-f",
                                 metavar="FORMAT")] = Format.TERMINAL,
    out: Out = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    since: Annotated[dt.date | None, typer.Option(
        parser=date_value, metavar="DATE", help="Only sessions and closures from DATE.")] = None,
    until: Annotated[dt.date | None, typer.Option(
        parser=date_value, metavar="DATE", help="Only sessions and closures up to DATE.")] = None,
    department: Annotated[str | None, typer.Option(
        help="Only participants in this department, and pairs whose mentee is.")] = None,
    pair: Annotated[str | None, typer.Option(
        help="Report one relationship: goals, session timeline, actions.")] = None,
    include_private: Annotated[bool, typer.Option(
        "--include-private",
        help="With --pair only: add that pair's private notes, progress notes, issues and "
             "learnings.")] = False,
    as_of: AsOf = None,
    bom: Annotated[bool, typer.Option(
        "--bom/--no-bom",
        help="CSV only: start with a UTF-8 byte order mark, so Excel and LibreOffice "
             "read accented names right (the default).")] = True,
    compare: Annotated[list[Path] | None, typer.Option(
        "--compare", metavar="OTHER", file_okay=False,
        help="Put this program's headline figures beside those of OTHER, another round's "
             "folder (repeat for more rounds). Every round as of the same day (--as-of), "
             "each with its own settings.", show_default=False)] = None,
) -> None:
    """The program report: enrolment, engagement, goals, ratings.

    The program evaluation: enrolment, engagement, goals, evaluation and lifecycle, as a
    terminal view or Markdown, HTML, JSON, CSV or an Excel workbook (xlsx, with --out).
    """
    from mentorkit.cli.replay import replay_request, replayed
    from mentorkit.errors import InvalidInput

    if include_private and pair is None:
        raise InvalidInput(
            "--include-private needs --pair: private notes are only ever shown for one pair",
            "Run: mentorkit report --pair PAIR --include-private",
        )
    if pair is not None and (since or until or department):
        raise InvalidInput("--since, --until and --department filter the program report, "
                           "not --pair")
    if compare and (pair is not None or since or until):
        raise InvalidInput("--compare puts whole rounds side by side: it takes --as-of and "
                           "--department, not --pair, --since or --until",
                           "Each round has its own dates; --as-of sets the one day for all.")
    fmt = Format.JSON if as_json else fmt
    if fmt is Format.XLSX and out is None:
        raise InvalidInput("an xlsx workbook is a file, not text for the terminal",
                           "Add --out FILE, e.g. --out report.xlsx")
    day = today(as_of)
    # one pair's report is private to the pair: owner-only, like its files
    private = include_private or pair is not None
    request = None if compare or private or fmt is Format.XLSX else replay_request(
        "report", day, terminal=fmt is Format.TERMINAL and out is None, format=fmt.value,
        since=since, until=until, department=department, bom=bom)
    if request is None:
        # Never replayed: other folders, private text, or a workbook stamped when made.
        result = compute(ctx, day, since=since, until=until, department=department,
                         pair=pair, include_private=include_private, compare=compare)
        deliver(rendered(result, fmt, out, bom=bom), out, private=private)
        if include_private:
            typer.echo(f"note: this report holds {result.row.pair}'s private session notes; "
                       "share it only with the pair", err=True)
        return
    from mentorkit.services.replay import Printed

    def run() -> Printed:
        text = rendered(compute(ctx, day, since=since, until=until, department=department),
                        fmt, out, bom=bom)
        assert isinstance(text, str)  # only a workbook is bytes, and it is never replayed
        return Printed(text)

    # printed as it is, and nothing else, unless it goes to a file (`Wrote FILE`)
    printed = replayed(ctx, request, run, exit_code=(lambda _: 0) if out is None else None)
    deliver(printed.stdout, out, private=False)


def compute(ctx: typer.Context, day: dt.date, *, since: dt.date | None = None,
            until: dt.date | None = None, department: str | None = None,
            pair: str | None = None, include_private: bool = False,
            compare: list[Path] | None = None) -> Any:
    """The report's result: the program's, one pair's, or rounds side by side."""
    from mentorkit.render.progress import load_progress
    from mentorkit.services.monitoring import report as service
    from mentorkit.services.monitoring.exports import whole_program
    from mentorkit.services.monitoring.pair_report import one_pair

    with whole_program(), load_progress() as progress:
        if compare:
            from mentorkit.services.programs.compare import compare as side_by_side
            from mentorkit.services.resolve import program_folder

            rounds = [folder(ctx), *(program_folder(p) for p in compare)]
            return side_by_side(rounds, day, department=department, progress=progress)
        if pair is not None:
            return one_pair(folder(ctx), pair, day, include_private=include_private)
        return service.program_report(folder(ctx), day, since=since, until=until,
                                      department=department, progress=progress)


def rendered(result: Any, fmt: Format, out: Path | None, *, bom: bool = True) -> str | bytes:
    """The result as the chosen format: text, or the bytes of a workbook."""
    if fmt is Format.TERMINAL and out is None:
        from mentorkit.render import captured

        return captured(result)
    if fmt is Format.XLSX:
        from mentorkit.render.report_xlsx import workbook

        return workbook(result)
    content = formatted(result, fmt)
    return BOM + content if fmt is Format.CSV and bom else content


def deliver(content: str | bytes, out: Path | None, *, private: bool) -> None:
    """Print the content, or write it to --out (atomically)."""
    import sys

    if isinstance(content, str) and out is None:
        sys.stdout.write(content)
        return
    assert out is not None  # report() refuses xlsx without --out
    from mentorkit.services.monitoring.exports import write_export

    written = write_export(out, content, private=private)
    typer.echo(f"Wrote {written}", err=True)


# Excel (on Windows, the common case) reads a CSV without a byte order mark in the
# machine's legacy code page, so "Chloé" comes out "ChloÃ©"; LibreOffice also takes
# the mark as UTF-8. It is the one signal both honour.
BOM = "\ufeff"


def formatted(result: Any, fmt: Format) -> str:
    if fmt is Format.JSON:
        from mentorkit.render import to_json_text

        return to_json_text(result)
    if fmt is Format.MARKDOWN:
        from mentorkit.render.report_markdown import markdown

        return markdown(result)
    if fmt is Format.HTML:
        from mentorkit.render.report_html import html

        return html(result)
    if fmt is Format.CSV:
        from mentorkit.render.report_csv import csv_text

        return csv_text(result)
    from mentorkit.render import to_text

    return to_text(result)


def register(root: typer.Typer) -> None:
    root.command("report")(report)
