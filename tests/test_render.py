"""The human renderers (mentorkit/render): text as typed, and every format of one result."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from mentorkit.render import to_json_text, to_text
from mentorkit.render.calendar import to_ics
from mentorkit.render.report_csv import csv_text
from mentorkit.render.report_html import html
from mentorkit.render.report_markdown import markdown
from mentorkit.services.monitoring.calendar import calendar
from mentorkit.services.monitoring.pair_report import PairReport, one_pair
from mentorkit.services.monitoring.report import program_report
from mentorkit.services.monitoring.report_results import ProgramReport
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.conftest import make_person
from tests.report_program import MARKER

NAME = "Ann [bold]Lee[/ [x"


def test_brackets_in_names_are_printed_literally(cli: Any, program_dir: Any) -> None:
    added = cli("add", NAME, "--email", "ann@example.org", "--role", "mentor", "--years", "12",
                "--no-interactive")
    assert added.exit_code == 0, added.stderr
    assert NAME in added.stdout
    for args in (("participants", "list"), ("participants", "show", "ann@example.org")):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "[bold]" in result.stdout


# -- the renderers called directly, on one report ---------------------------------------------
@pytest.fixture
def results(folder: ProgramFolder) -> tuple[ProgramReport, PairReport]:
    report_program.build(folder)
    make_person(folder, "Zed <script>alert(1)</script>", department="<ICU & Co>")
    today = report_program.TODAY
    return program_report(folder, today), one_pair(folder, "ana--cara", today)


def test_json_is_the_results_own_in_the_envelope(
    results: tuple[ProgramReport, PairReport],
) -> None:
    for result in results:
        text = to_json_text(result)
        own = json.loads(json.dumps(result.to_json(), default=str))
        assert text.endswith("\n") and json.loads(text) == {
            "kind": result.JSON_KIND, "version": result.JSON_VERSION, **own}


def test_plain_text_has_no_colour_codes(results: tuple[ProgramReport, PairReport]) -> None:
    program, pair = results
    text = to_text(program)
    assert "\x1b[" not in text
    assert "Enrolment" in text and "Zed <script>" in text
    assert "ana--cara" in to_text(pair)


def test_html_escapes_what_people_typed(results: tuple[ProgramReport, PairReport]) -> None:
    page = html(results[0])
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page and "&lt;ICU &amp; Co&gt;" in page


def test_markdown_and_csv(results: tuple[ProgramReport, PairReport]) -> None:
    program, _ = results
    assert markdown(program).startswith("# ")
    rows = list(csv.reader(io.StringIO(csv_text(program))))
    assert len({len(r) for r in rows}) == 1  # one width: a table a spreadsheet opens
    assert "ana--cara" in {cell for row in rows for cell in row}


def test_private_text_stays_out_of_every_program_format(
    results: tuple[ProgramReport, PairReport],
) -> None:
    program, pair = results
    for text in (to_text(program), html(program), markdown(program), csv_text(program),
                 to_json_text(program), to_json_text(pair)):
        assert MARKER not in text


def test_calendar_as_ics(folder: ProgramFolder) -> None:
    report_program.build(folder)
    ics = to_ics(calendar(folder, report_program.TODAY, "coord@example.org", None)).decode()
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert "ORGANIZER" in ics and ics.count("BEGIN:VEVENT") >= 1


def test_every_plain_renderer_is_found_by_a_real_result_class() -> None:
    import importlib

    from mentorkit.render.plain import PLAIN

    for name in PLAIN:  # a class moved or renamed would fall through to no renderer
        module, _, qualname = name.rpartition(".")
        cls = getattr(importlib.import_module(module), qualname)
        assert f"{cls.__module__}.{cls.__qualname__}" == name


def test_every_result_names_the_module_that_renders_it() -> None:
    # a result missing from RENDERERS (or named with the wrong module) imports every
    # renderer module to find its own: `notify`, `training attendance` and
    # `report --compare` imported matching's numpy and scipy that way
    import importlib
    import pkgutil

    import mentorkit.render as render

    for module in pkgutil.iter_modules(render.__path__):
        importlib.import_module(f"mentorkit.render.{module.name}")
    registered = {
        f"{cls.__module__}.{cls.__qualname__}".removeprefix("mentorkit.services."):
            function.__module__.removeprefix("mentorkit.render.")
        for cls, function in render.human.registry.items() if cls is not object
    }
    assert registered == render.RENDERERS


def test_a_form_saved_is_told_without_importing_rich(pair: str, folder: ProgramFolder) -> None:
    import datetime as dt
    import subprocess
    import sys

    from tests.test_journeys import own_environment

    day = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mentorkit", "-p", str(folder.root),
         "log-session", pair, "--date", day, "--duration", "30"],
        capture_output=True, text=True, env=own_environment(), timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"Logged session for {pair}: "
                           f"relationships/{pair}/sessions/{day}.yaml\n"
                           f"  the relationship is now active (started {day})\n")
    imported = [line.rpartition("|")[2].strip() for line in done.stderr.splitlines()]
    assert "mentorkit.store.yamlio" in imported  # (the list is the real one)
    assert not [m for m in imported if m == "rich" or m.startswith("rich.")]
