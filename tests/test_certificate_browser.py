"""The HTML certificate in a real headless Chromium: printed, it is one page, on the
paper its CSS asks for and on A4, whatever the names and goals (within what a certificate
holds). Never skips: without Chromium it installs it or fails saying how (tests/browser.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mentorkit.services.recognition import certificate_html
from mentorkit.services.recognition.certificates import GOAL_CHARS, NAME_CHARS, PROGRAM_CHARS
from tests.browser import Chromium
from tests.test_certificates import NAMES, _shipped, make

LONG_GOAL = ("Lead the unit's handover huddle every week and bring one patient-safety "
             "learning to it, written up for the education board " * 4)
CASES = {
    "short": make("Eli", goals=[]),
    "typical": make(NAMES[0]),
    "fullest": make(("Maximiliana Wolfeschlegelsteinhausenbergerdorff " * 3)[:NAME_CHARS],
                    goals=[f"{n}. {LONG_GOAL}"[:GOAL_CHARS - 1] + "…" for n in range(1, 6)],
                    program=("The Interdisciplinary Clinical Leadership Mentoring Programme "
                             * 3)[:PROGRAM_CHARS],
                    organisation="St. Mary's Regional Medical Center and Affiliated Clinics"),
}



def _printed(browser: Chromium, page: Path, paper: tuple[float, float] | None) -> bytes:
    """Printed with the page's own @page size (None), or forced onto `paper` (inches)."""
    import base64

    browser.open(page)
    params = {"printBackground": True, "preferCSSPageSize": paper is None}
    if paper is not None:
        params.update(paperWidth=paper[0], paperHeight=paper[1], landscape=False,
                      marginTop=0.4, marginBottom=0.4, marginLeft=0.4, marginRight=0.4)
    return base64.b64decode(browser.send("Page.printToPDF", params)["data"])


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("paper", [None, (11.69, 8.27)], ids=["own-page-size", "A4-landscape"])
def test_the_certificate_prints_on_one_page(browser: Chromium, tmp_path: Path, case: str,
                                            paper: tuple[float, float] | None) -> None:
    from pypdf import PdfReader

    certificate = CASES[case]
    page = tmp_path / f"{case}.html"
    page.write_text(certificate_html.render(certificate, *_shipped()), encoding="utf-8")
    reader = PdfReader(io.BytesIO(_printed(browser, page, paper)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = " ".join(reader.pages[0].extract_text().split())
    assert " ".join(certificate.name.split()[:1]) in text
    for goal in certificate.goals:  # every goal printed to its last word: nothing clipped
        assert goal.split()[-1].rstrip("…") in text
    assert "Program coordinator" in text
    # and nothing overflows the sheet in print (its overflow is hidden: it would be lost)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        fits = browser.evaluate("""(() => { const s = document.querySelector('.sheet');
            return [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth]; })()""")
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert fits[0] <= fits[1] and fits[2] <= fits[3], fits
