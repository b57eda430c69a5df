"""The report on a terminal: rich panels and tables (long tables are cut, with a count)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from mentorkit.render import human
from mentorkit.render.report_sections import Report, Section, layout
from mentorkit.render.words import plural
from mentorkit.services.monitoring.pair_report import PairReport
from mentorkit.services.monitoring.report_results import ProgramReport
from mentorkit.services.programs.compare import ProgramComparison

TERMINAL_ROWS = 25
SHORT = 12  # columns whose values are all this short never wrap


@human.register
def _program(report: ProgramReport, console: Console) -> None:
    _show(report, console, TERMINAL_ROWS)
    console.print(
        "Full tables: mentorkit report --format html --out report.html (or markdown, csv, json)",
        style="dim",
    )


@human.register
def _pair(report: PairReport, console: Console) -> None:
    _show(report, console, None)


@human.register
def _comparison(report: ProgramComparison, console: Console) -> None:
    _show(report, console, None)  # a row per figure: never cut


def _show(report: Report, console: Console, limit: int | None) -> None:
    head, sub, sections = layout(report)
    console.print(head, style="bold", markup=False)
    console.print(sub, style="dim", markup=False)
    show_sections(sections, console, limit)


def show_sections(sections: list[Section], console: Console,
                  limit: int | None = TERMINAL_ROWS) -> None:
    for section in sections:
        console.print()
        console.rule(f"[bold]{section.title}[/]", align="left")
        if section.facts:
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for key, value in section.facts:
                grid.add_row(Text(key), Text(value))  # data, never markup
            console.print(grid)
        for table in section.tables:
            if not table.rows:
                continue
            cut = table.limited(limit).for_terminal()
            caption = None if cut.title == section.title else cut.title
            shown = RichTable(title=caption, title_justify="left", show_lines=False)
            for i, header in enumerate(cut.headers):
                short = max(len(row[i]) for row in cut.rows) <= SHORT  # dates, statuses
                shown.add_column(header, justify="right" if i in cut.numeric else "left",
                                 no_wrap=short or i in cut.numeric)
            for row in cut.rows:
                shown.add_row(*(Text(cell) for cell in row))
            console.print(shown)
            if cut.total is not None:
                console.print(f"  … {plural(cut.total - len(cut.rows), 'more row')}",
                              style="dim")
