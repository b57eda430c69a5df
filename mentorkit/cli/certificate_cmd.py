"""`mentorkit certificate PAIR|PERSON`: certificates of completion, as HTML or PDF files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, today

FORMATS = ("html", "pdf")


def certificate(
    ctx: typer.Context,
    who: Annotated[str, typer.Argument(
        metavar="PAIR|PERSON",
        help="A pair (its id or a prefix): both people's certificates. A person (id, name "
             "or email): one for each of their completed relationships.",
        show_default=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o",
        help="A file, for one certificate, or a folder for several (one file each). "
             "Default: the current folder.", show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="html|pdf",
        help="html (one self-contained page that prints on one sheet) or pdf. Default: "
             "from --out's name, else html.", show_default=False)] = None,
    as_of: AsOf = None,
    as_json: JsonOption = False,
) -> None:
    """Certificates of completion for completed relationships.

    Each says the person's name and role, the program and organisation, the dates, the
    meetings and hours, and the goals achieved (their statements only: never session
    notes, issues, learnings or evaluation comments). A pair that is not completed is
    refused, saying what is missing. Files are named certificate-PAIR-ROLE.html (or .pdf).
    """
    from mentorkit.services.recognition import documents
    from mentorkit.services.recognition.certificates import certificates

    chosen = documents.Format(_format(fmt, out))
    program = folder(ctx)
    result = certificates(program, who, today(as_of))
    documents.write(program, result, chosen, out)
    show(result, as_json)


def _format(fmt: str | None, out: Path | None) -> str:
    from mentorkit.errors import InvalidInput

    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        return suffix if suffix in FORMATS else "html"
    if fmt.strip().lower() not in FORMATS:
        raise InvalidInput(f"--format {fmt!r}: use html or pdf")
    return fmt.strip().lower()


def register(root: typer.Typer) -> None:
    root.command("certificate")(certificate)
