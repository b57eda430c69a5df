"""The HTML report in a real headless Chromium: at a phone's width and printed to PDF.

These tests never skip: without Chromium they install it (root with apt-get) or fail
saying what to install (see tests/browser.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from mentorkit.render.report_html import html
from mentorkit.services.monitoring import report as service
from mentorkit.services.monitoring.pair_report import one_pair
from mentorkit.store.folder import ProgramFolder
from tests.browser import Chromium

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "st-marys-mentoring"
AS_OF = dt.date(2026, 11, 20)
PHONE = 390
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}



@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled example's program report, one pair's report, and a program whose names
    are long words that cannot wrap."""
    root = tmp_path_factory.mktemp("reports")
    program = ProgramFolder(Path(shutil.copytree(EXAMPLE, root / "example")))
    made = {
        "program": html(service.program_report(program, AS_OF)),
        "pair": html(one_pair(program, "wilner-joseph--mei-lin", AS_OF)),
        "long-names": html(_long_names(root / "long")),
    }
    for name, page in made.items():
        (root / f"{name}.html").write_text(page, encoding="utf-8")
    return {name: root / f"{name}.html" for name in made}


def _long_names(root: Path) -> object:
    from mentorkit.services.enrolment.program import create_program
    from tests import report_program
    from tests.conftest import make_person

    create_program(root, {"name": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2,
                          "start_date": dt.date(2026, 1, 5)}, None)
    folder = ProgramFolder(root)
    report_program.build(folder)
    make_person(folder, "Wolfeschlegelsteinhausenbergerdorff Maximiliana",
                department="Interventional-Cardiovascular-Radiology-Outpatients")
    return service.program_report(folder, report_program.TODAY)


@pytest.mark.parametrize("name", ["program", "pair", "long-names"])
def test_nothing_overflows_a_phone(browser: Chromium, pages: dict[str, Path],
                                   name: str) -> None:
    browser.open(pages[name], width=PHONE, height=844, mobile=True)
    assert browser.evaluate("document.documentElement.clientWidth") == PHONE
    widest = browser.evaluate("""(() => {
        let worst = {right: 0, what: ''};
        for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('.scroll') && !el.classList.contains('scroll')) continue;
            const right = el.getBoundingClientRect().right;
            if (right > worst.right) worst = {right, what: el.tagName + ' ' + el.className};
        }
        return [document.documentElement.scrollWidth, worst];
    })()""")
    assert widest[0] <= PHONE, widest
    assert widest[1]["right"] <= PHONE, widest
    # charts scale down but their text stays readable
    sizes = browser.evaluate("""[...document.querySelectorAll('figure.chart svg')].map(
        s => s.getBoundingClientRect().width / s.viewBox.baseVal.width * 13)""")
    assert sizes and min(sizes) >= 11, sizes


def test_wide_tables_scroll_inside_their_box(browser: Chromium,
                                             pages: dict[str, Path]) -> None:
    browser.open(pages["program"], width=PHONE, height=844, mobile=True)
    boxes = browser.evaluate("""[...document.querySelectorAll('.scroll')].map(b => ({
        label: b.getAttribute('aria-label'), inner: b.scrollWidth, outer: b.clientWidth,
        right: b.getBoundingClientRect().right}))""")
    pairs = next(b for b in boxes if b["label"] == "Pairs")
    assert pairs["inner"] > pairs["outer"]  # the 11-column table is wider than a phone...
    assert all(b["right"] <= PHONE for b in boxes)  # ...and scrolls inside its box


def _pdf_pages(pdf: bytes) -> list[tuple[list[str], float]]:
    """Each page's lines of text, and how far down the page its text reaches (0..1)."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lowest = [height]

        def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object,
                  lowest: list[float] = lowest) -> None:
            if text.strip():  # the text's baseline in page space: text matrix through the CTM
                lowest[0] = min(lowest[0], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        lines = [line.strip() for line in page.extract_text(visitor_text=visit).splitlines()]
        out.append(([line for line in lines if line], 1 - lowest[0] / height))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("paper", list(PAPERS))
@pytest.mark.parametrize("name", ["program", "pair"])
def test_printed_headings_stay_with_what_follows(browser: Chromium, pages: dict[str, Path],
                                                 name: str, paper: str) -> None:
    browser.open(pages[name])
    outline = browser.evaluate("""[...document.querySelectorAll('section')].map(s => ({
        heading: s.querySelector('h2').textContent,
        subheadings: [...s.querySelectorAll('h3')].map(h => h.textContent),
        charts: [...s.querySelectorAll('figcaption')].map(c => c.textContent)}))""")
    printed = _pdf_pages(browser.pdf(PAPERS[paper]))
    assert len(printed) >= (6 if name == "program" else 1)
    headings = {h for s in outline for h in [s["heading"], *s["subheadings"]]}
    for number, (lines, _) in enumerate(printed[:-1], start=1):
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"

    def page_of(text: str, exact_line: bool = False) -> int:
        for number, (lines, _) in enumerate(printed):
            if (text in lines) if exact_line else (_squash(text) in _squash("".join(lines))):
                return number
        raise AssertionError(f"{text!r} is not in the PDF")

    for section in outline:
        for caption in section["charts"]:
            assert page_of(caption) == page_of(section["heading"], exact_line=True), caption


def test_printed_pages_are_not_left_mostly_blank(browser: Chromium,
                                                 pages: dict[str, Path]) -> None:
    browser.open(pages["program"])
    printed = _pdf_pages(browser.pdf(PAPERS["A4"]))
    fill = [round(reach, 2) for _, reach in printed[:-1]]
    assert all(f >= 0.6 for f in fill), fill
