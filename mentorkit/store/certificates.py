"""The files a certificate is made from: its template and the PDF's font.

    messages/templates/certificate.html   the program's own certificate (optional)
    templates/certificates/certificate.html   the shipped default
    mentorkit/fonts/DejaVuSans*.ttf       the PDF's font (Unicode; licence beside it)
"""

from __future__ import annotations

from pathlib import Path

from mentorkit.store import resources
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.messages import TEMPLATES

TEMPLATE = "certificate.html"
FONTS = Path(__file__).resolve().parent.parent / "fonts"


def template_text(folder: ProgramFolder) -> tuple[str, str]:
    """The certificate's HTML template: the program's own if it has one, else the shipped
    default. Returns the text and the path to show in errors."""
    own = folder.root / TEMPLATES / TEMPLATE
    if own.is_file():
        return own.read_text(encoding="utf-8-sig"), f"{TEMPLATES}/{TEMPLATE}"
    shipped = resources.templates_dir() / "certificates" / TEMPLATE
    return shipped.read_text(encoding="utf-8"), f"templates/certificates/{TEMPLATE}"


def font_file(bold: bool = False) -> Path:
    return FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def write_files(dest: Path | None, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write certificates (file name, bytes) where the user said: into `dest` when it is a
    folder (the current one when None), else to `dest` itself when there is one file.
    Each is written atomically; a file already there is replaced (the same certificate
    made again is the same file)."""
    from mentorkit.errors import InvalidInput
    from mentorkit.store import exports

    into = Path.cwd() if dest is None else dest.expanduser()
    if into.is_dir():
        targets = [into / name for name, _ in files]
    elif len(files) > 1:
        raise InvalidInput(f"{len(files)} certificates, one file each: --out {dest} must be "
                           "a folder", "Create the folder first, or leave out --out to "
                           "write them into the current folder.")
    else:
        targets = [into]
    return [exports.write_export(target, data)
            for target, (_, data) in zip(targets, files, strict=True)]
