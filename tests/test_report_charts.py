"""The HTML report's charts mean what they say: exclusive categories adding up to the
total they name, colours with one meaning each, and numbers a screen reader can read."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mentorkit.render.report_charts import TONES, Chart, pair_charts, program_charts
from mentorkit.render.report_html import html
from mentorkit.render.report_markdown import markdown
from mentorkit.services.monitoring import report as service
from mentorkit.services.monitoring.pair_report import one_pair
from mentorkit.services.monitoring.report_results import ProgramReport
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import GoalStatus, Status
from tests import report_program

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "st-marys-mentoring"
SVG = "{http://www.w3.org/2000/svg}"
WARNINGS = {"at risk", "overdue", "detractors (0–6)"}
GOOD = {"on cadence", "achieved", "done", "completed", "promoters (9–10)"}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> ProgramReport:
    copy = shutil.copytree(EXAMPLE, tmp_path_factory.mktemp("ex") / "example")
    return service.program_report(ProgramFolder(Path(copy)), dt.date(2026, 11, 20))


@pytest.fixture
def small(folder: ProgramFolder) -> ProgramReport:
    report_program.build(folder)
    return service.program_report(folder, report_program.TODAY)


def _all(report: ProgramReport) -> list[Chart]:
    return [c for charts in program_charts(report).values() for c in charts]


def test_meeting_rhythm_counts_each_started_pair_once(example: ProgramReport,
                                                      small: ProgramReport) -> None:
    for report, expected in ((example, [11, 0, 1]), (small, [3, 0, 1])):
        rhythm = next(c for c in _all(report) if c.caption.startswith("Started pairs"))
        assert [b.value for b in rhythm.bars] == expected
        assert rhythm.total == report.engagement.pairs_started
        assert f"({report.engagement.pairs_started} pairs)" in rhythm.caption


def test_every_breakdown_adds_up_to_the_total_it_names(example: ProgramReport,
                                                       small: ProgramReport) -> None:
    for report in (example, small):
        breakdowns = [c for c in _all(report) if c.total is not None]
        assert len(breakdowns) == 5  # rhythm, goals, actions, recommend, pairs by status
        for chart in breakdowns:
            assert sum(b.value or 0 for b in chart.bars) == chart.total, chart.caption
            assert str(chart.total) in chart.caption
        goals = next(c for c in breakdowns if c.caption.startswith("Goals by status"))
        assert [b.label for b in goals.bars] == [s.value for s in GoalStatus]
        assert goals.total == report.goals.set


def test_colours_carry_one_meaning(example: ProgramReport, small: ProgramReport,
                                   folder: ProgramFolder) -> None:
    charts = _all(example) + _all(small)
    charts += [c for cs in pair_charts(one_pair(
        folder, "ana--cara", report_program.TODAY)).values() for c in cs]
    tones: dict[str, set[str]] = {}
    for chart in charts:
        for bar in chart.bars:
            label = re.sub(r"^g\d+ \((.*)\)$", r"\1", bar.label)  # a pair's goal: its status
            tones.setdefault(label, set()).add(bar.tone)
    for label, seen in tones.items():
        want = "warn" if label in WARNINGS else "good" if label in GOOD else None
        if want:
            assert seen == {want}, label
        else:
            assert "warn" not in seen, label
    assert {"warn", "good"} <= {t for seen in tones.values() for t in seen}


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_charts_read_in_greyscale_and_to_a_screen_reader(example: ProgramReport) -> None:
    page = html(example)
    figures = re.findall(r"<svg .*?</svg>", page, flags=re.DOTALL)
    assert len(figures) == 7
    # good and neutral bars differ in lightness alone; warning bars are hatched as well
    assert abs(_luminance(TONES["good"]) - _luminance(TONES["neutral"])) > 0.2
    for markup in figures:
        svg = ET.fromstring(markup)
        assert svg.get("role") == "img"
        assert "width" not in svg.attrib and svg.get("viewBox")  # scales to its box
        title_id, desc_id = (svg.get("aria-labelledby") or "").split()
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        assert title is not None and title.get("id") == title_id
        assert desc is not None and desc.get("id") == desc_id
        values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "value"]
        rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class")]
        assert len(values) == len(rects) > 0
        for value in values:  # every number on the picture is also in the description
            assert f": {value}" in (desc.text or "")
        for rect in rects:
            hatched = rect.get("fill", "").startswith("url(#")
            assert hatched == (rect.get("class") == "warn")
    rhythm = next(f for f in figures if "meeting rhythm" in f)
    assert "on cadence: 11; behind, not at risk: 0; at risk: 1" in rhythm


def test_every_status_appears_where_statuses_are_broken_down(small: ProgramReport) -> None:
    for page in (html(small), markdown(small)):
        statuses = [s.value.replace("-", " ") for s in GoalStatus]
        assert all(s in page for s in statuses)
        assert "paused 1, withdrawn 0" in page  # participants' statuses, zero included
        assert all(f"{s.value} " in page for s in Status)
    for counts in small.goals.by_function.values():
        assert counts["set"] == sum(counts[s.value] for s in GoalStatus)
    rows = re.findall(r"\| (coaching|feedback) \|(.*?)\|\n", markdown(small))
    for _, cells in rows:
        numbers = [int(n) for n in re.findall(r"\d+", cells)]
        assert numbers[0] == sum(numbers[1:])
