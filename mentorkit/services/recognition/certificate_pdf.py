"""A certificate as a one-page PDF, drawn with fpdf2 (pure Python: no system libraries).

The text is the HTML certificate's (certificate_html.variables), laid out on one
landscape Letter page with DejaVu Sans, a Unicode font bundled with mentorkit (its licence
beside it), so accented, Greek and Cyrillic names print. The bundled subset has no
Chinese, Japanese or Korean letters, and no Arabic or Hebrew (fpdf2 would need a text
shaper to join and order them): a certificate that needs one is refused here, naming the
letters, and the HTML certificate (the browser draws it with the computer's fonts) is
the way; `notify` attaches the HTML one instead.
The type shrinks until everything fits on the one page; nothing is ever cut off.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.errors import InvalidInput
from mentorkit.services.recognition.certificate_html import day, variables
from mentorkit.services.recognition.certificates import Certificate
from mentorkit.store.certificates import font_file

WIDTH, HEIGHT = 279.4, 215.9  # Letter, landscape (mm); fits A4 when printed "fit to page"
MARGIN = 16.0
INK, BLUE, MUTED, GREEN = (31, 41, 51), (27, 77, 107), (82, 96, 109), (27, 94, 58)
FAMILY = "DejaVu"


def render(certificate: Certificate) -> bytes:
    """The PDF's bytes; the same certificate gives the same bytes (dated by completion)."""
    for scale in (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5):
        pdf = _document(certificate)
        if _draw(pdf, variables(certificate), scale):
            return bytes(pdf.output())
    raise InvalidInput(f"the certificate for {certificate.name} does not fit on one page",
                       "Shorten the goal statements, or use --format html.")


def missing_letters(certificate: Certificate) -> list[str]:
    """The letters of the certificate the PDF's font cannot draw (none: the PDF will do)."""
    cmap = _cmap(str(font_file()))
    text = " ".join(str(v) for v in variables(certificate).values())
    text += " ".join(certificate.goals)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def refuse_missing(certificate: Certificate) -> None:
    missing = missing_letters(certificate)
    if missing:
        raise InvalidInput(
            f"the PDF font has no letters for {''.join(missing[:12])!r} "
            f"(in {certificate.name}'s certificate)",
            "Use --format html: a browser prints it with the computer's own fonts.")


_CMAPS: dict[str, set[int]] = {}


def _cmap(path: str) -> set[int]:
    """The code points the font draws (read once: fpdf2 parses the font to embed it)."""
    if path not in _CMAPS:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_font(FAMILY, "", path)
        font: Any = pdf.fonts[FAMILY.lower()]  # a TTFFont: it has the font's cmap
        _CMAPS[path] = set(font.cmap)
    return _CMAPS[path]


def _document(certificate: Certificate) -> Any:
    from fpdf import FPDF

    pdf = FPDF(orientation="landscape", unit="mm", format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_font(FAMILY, "", str(font_file()))
    pdf.add_font(FAMILY, "B", str(font_file(bold=True)))
    # fixed metadata: making the certificate again gives the same file
    when = dt.datetime.combine(certificate.completed, dt.time(12), tzinfo=dt.UTC)
    pdf.set_creation_date(when)
    pdf.set_title(f"Certificate of completion: {certificate.name}")
    pdf.set_author(certificate.organisation or certificate.program)
    pdf.set_creator("mentorkit")
    pdf.set_producer("mentorkit")
    pdf.add_page()
    return pdf


def _draw(pdf: Any, v: dict[str, Any], scale: float) -> bool:
    """Lay the certificate out at `scale`; False when it would not fit on the page."""
    width = WIDTH - 2 * MARGIN - 12
    left = MARGIN + 6
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(8, 8, WIDTH - 16, HEIGHT - 16)
    pdf.set_line_width(0.3)
    pdf.rect(11, 11, WIDTH - 22, HEIGHT - 22)
    pdf.set_y(MARGIN + 4)
    role = "mentor to" if v["role"] == "mentor" else "mentee of"
    meetings = "meeting" if v["sessions"] == 1 else "meetings"
    hours = "hour" if v["hours"] == "1" else "hours"
    blocks: list[tuple[str, str, float, tuple[int, int, int], float]] = [
        (v["organisation"].upper(), "", 12, MUTED, 4),
        ("Certificate of Completion", "", 30, BLUE, 6),
        ("This certifies that", "", 13, INK, 2),
        (v["name"], "B", 26, INK, 4),
        (f"completed {v['program']} as {role} {v['other_name']}", "", 13, INK, 1),
        (f"from {day(v['started'])} to {day(v['completed'])}: {v['sessions']} {meetings}, "
         f"{v['hours']} {hours} of mentoring", "", 13, INK, 6),
    ]
    if v["goals"]:
        blocks.append(("GOALS ACHIEVED", "B", 11, BLUE, 2))
        blocks += [(f"✓ {goal}", "", 11.5, INK, 1) for goal in v["goals"]]
    footer_top = HEIGHT - MARGIN - 22
    for text, style, size, colour, after in blocks:
        if not text.strip():
            continue
        pdf.set_font(FAMILY, style, size * scale)
        pdf.set_text_color(*colour)
        line = size * scale * 0.48
        pdf.set_x(left)
        pdf.multi_cell(width, line, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.get_y() + after * scale)
        if pdf.get_y() > footer_top:
            return False
    _signatures(pdf, footer_top + 8)
    return True


def _signatures(pdf: Any, top: float) -> None:
    pdf.set_font(FAMILY, "", 10.5)
    pdf.set_text_color(*MUTED)
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    for label, x in (("Program coordinator", 45.0), ("Date", WIDTH - 45.0 - 75)):
        pdf.line(x, top, x + 75, top)
        pdf.set_xy(x, top + 1.5)
        pdf.cell(75, 5, label, align="C")
