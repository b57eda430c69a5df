"""`mentorkit certificate` on a terminal: whose certificates were written, and where."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.recognition.certificates import CertificateResult


@human.register
def _certificates(result: CertificateResult, console: Console) -> None:
    for certificate, path in zip(result.certificates, result.written, strict=False):
        console.print(f"Wrote {certificate.name}'s certificate ({certificate.role}, "
                      f"{certificate.pair}, completed {certificate.completed}): {path}",
                      markup=False)
