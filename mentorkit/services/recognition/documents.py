"""A certificate as a file: HTML or PDF, named after the person's place in the pair.

Both `mentorkit certificate` and the `thank-you` message make their files here, so what
is printed and what is mailed are the same certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from mentorkit.services.recognition import certificate_html, certificate_pdf
from mentorkit.services.recognition.certificates import Certificate, CertificateResult
from mentorkit.store import certificates as store

if TYPE_CHECKING:
    from pathlib import Path

    from mentorkit.store.folder import ProgramFolder


class Format(StrEnum):
    HTML = "html"
    PDF = "pdf"


CONTENT_TYPES = {Format.HTML: "text/html", Format.PDF: "application/pdf"}


@dataclass(frozen=True)
class Document:
    filename: str
    content_type: str
    data: bytes


class Documents:
    """Certificates of one program as files; its template is read once."""

    def __init__(self, folder: ProgramFolder) -> None:
        self.folder = folder
        self._template: tuple[str, str] | None = None

    def make(self, certificate: Certificate, fmt: Format) -> Document:
        if fmt is Format.PDF:
            certificate_pdf.refuse_missing(certificate)
            data = certificate_pdf.render(certificate)
        else:
            if self._template is None:
                self._template = store.template_text(self.folder)
            data = certificate_html.render(certificate, *self._template).encode("utf-8")
        return Document(f"{certificate.filename}.{fmt.value}", CONTENT_TYPES[fmt], data)

    def for_mail(self, certificate: Certificate) -> Document:
        """The PDF, or the HTML page when the PDF's font lacks a letter of it."""
        if certificate_pdf.missing_letters(certificate):
            return self.make(certificate, Format.HTML)
        return self.make(certificate, Format.PDF)


def write(folder: ProgramFolder, result: CertificateResult, fmt: Format,
          dest: Path | None) -> CertificateResult:
    """Make every certificate of `result` first (a template error writes nothing), then
    write them into `dest` (see store.certificates.write_files); `result.written` says
    where."""
    documents = Documents(folder)
    made = [documents.make(c, fmt) for c in result.certificates]
    written = store.write_files(dest, [(d.filename, d.data) for d in made])
    result.written = [str(path) for path in written]
    return result
