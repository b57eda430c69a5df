"""Regenerate the README's pictures of the HTML report, with the tests' headless Chromium.

    python scripts/screenshots.py        # writes docs/report-phone.png, docs/report-print.png

The bundled example's report as of 2026-11-20: the top of it at a phone's width (390 CSS
px), and its printed (A4) pages side by side as pdftoppm (Debian's poppler-utils) draws
them. Needs Chromium, like the tests (see tests/browser.py).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mentorkit.render.report_html import html  # noqa: E402
from mentorkit.services.monitoring import report as service  # noqa: E402
from mentorkit.store.folder import ProgramFolder  # noqa: E402
from tests.browser import Chromium, find_chromium  # noqa: E402

AS_OF = dt.date(2026, 11, 20)
PHONE = (390, 1400)  # CSS px: a phone's width, and enough height to show the charts
DOCS = ROOT / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        program = ProgramFolder(shutil.copytree(ROOT / "examples" / "st-marys-mentoring",
                                                work / "example"))
        page = work / "report.html"
        page.write_text(html(service.program_report(program, AS_OF)), encoding="utf-8")
        with Chromium(find_chromium()) as browser:
            browser.open(page, width=PHONE[0], height=PHONE[1], scale=2, mobile=True)
            browser.evaluate("document.getElementById('engagement').scrollIntoView()")
            phone = browser.screenshot(full_page=False)
            browser.open(page)
            pdf = browser.pdf()
        (DOCS / "report-phone.png").write_bytes(phone)
        (work / "report.pdf").write_bytes(pdf)
        _pages_side_by_side(work / "report.pdf", DOCS / "report-print.png", first=4, last=5)
    print(f"Wrote {DOCS / 'report-phone.png'} and {DOCS / 'report-print.png'}")


def _pages_side_by_side(pdf: Path, target: Path, first: int, last: int) -> None:
    """Printed pages in one picture: poppler's pdftoppm draws them, the standard library
    joins them and writes the PNG (no imaging package needed)."""
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is needed: apt-get install -y poppler-utils")
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(last), str(pdf),
                    str(prefix)], check=True)
    images = sorted(pdf.parent.glob(prefix.name + "-*.ppm"))
    _write_png(target, *_join([_read_ppm(p) for p in images]))


def _read_ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    return int(fields[1]), int(fields[2]), fields[4]


def _join(images: list[tuple[int, int, bytes]], gap: int = 16) -> tuple[int, int, bytes]:
    height = max(h for _, h, _ in images)
    width = sum(w for w, _, _ in images) + gap * (len(images) + 1)
    rows = []
    for y in range(height):
        row = bytearray(b"\xcc" * 3 * gap)
        for w, h, pixels in images:
            row += pixels[y * w * 3:(y + 1) * w * 3] if y < h else b"\xcc" * 3 * w
            row += b"\xcc" * 3 * gap
        rows.append(bytes(row))
    return width, height, b"".join(rows)


def _write_png(target: Path, width: int, height: int, pixels: bytes) -> None:
    import struct
    import zlib

    raw = b"".join(b"\0" + pixels[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    target.write_bytes(b"\x89PNG\r\n\x1a\n"
                       + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                       + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    main()
