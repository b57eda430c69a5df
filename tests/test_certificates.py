"""`mentorkit certificate`: who gets one, what it says (and never says), HTML and PDF."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorkit.errors import InvalidInput
from mentorkit.services.recognition import certificate_html, certificate_pdf
from mentorkit.services.recognition.certificates import GOAL_CHARS, Certificate
from mentorkit.store.certificates import template_text
from mentorkit.store.folder import ProgramFolder
from tests import recognition_program
from tests.recognition_program import ACHIEVED, COMPLETED, NOT_ACHIEVED
from tests.report_program import MARKER

AS_OF = "2026-04-01"


@pytest.fixture
def program(folder: ProgramFolder) -> ProgramFolder:
    recognition_program.build(folder)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for certificates, outside the program."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def pdf_text(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_a_pair_gives_both_people_a_certificate(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "certs"
    out.mkdir()
    result = cli("certificate", COMPLETED, "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    made = sorted(p.name for p in out.iterdir())
    assert made == [f"certificate-{COMPLETED}-mentee.html", f"certificate-{COMPLETED}-mentor.html"]
    mentee = (out / made[0]).read_text(encoding="utf-8")
    assert "Eli" in mentee and "mentee of Ben" in mentee
    assert "St. Mary&#39;s Clinical Mentoring" in mentee
    assert "from 5 January 2026 to 5 March 2026: 4 meetings, 3.5 hours of mentoring" in mentee
    for goal in ACHIEVED:
        assert goal in mentee
    for goal in NOT_ACHIEVED:
        assert goal not in mentee
    assert "@page" in mentee and "<script" not in mentee and "http" not in mentee
    assert "Wrote Eli's certificate (mentee" in result.stdout


def test_a_person_gets_one_for_each_completed_relationship(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    # Ben mentored Eli (completed), Fay (ended early) and declined Dev: one certificate
    result = cli("certificate", "ben", "--out", str(tmp_path / "ben.html"), "--as-of", AS_OF,
                 "--json")
    assert result.exit_code == 0, result.stderr
    import json

    data = json.loads(result.stdout)
    assert data["kind"] == "certificates"
    assert [(c["pair"], c["role"]) for c in data["certificates"]] == [(COMPLETED, "mentor")]
    assert data["written"] == [str(tmp_path / "ben.html")]
    assert "Ben" in (tmp_path / "ben.html").read_text(encoding="utf-8")


def test_the_pdf_is_one_page_with_the_name_and_goals(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "eli.pdf"
    result = cli("certificate", "eli", "--out", str(target), "--as-of", AS_OF)  # pdf by name
    assert result.exit_code == 0, result.stderr
    pages, text = pdf_text(target.read_bytes())
    assert pages == 1
    assert "Eli" in text and "mentee of Ben" in text
    for goal in ACHIEVED:
        assert goal in text
    for goal in NOT_ACHIEVED:
        assert goal not in text


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_no_private_text_reaches_a_certificate(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path, fmt: str
) -> None:
    """MARKER is in every private field: session notes, issues, learnings, progress notes,
    evaluation free text, the needs analysis, people's notes and managers."""
    result = cli("certificate", COMPLETED, "--format", fmt, "--out", str(tmp_path),
                 "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.stderr
    assert MARKER not in result.stdout and MARKER.lower() not in result.stdout
    files = list(tmp_path.glob(f"certificate-*.{fmt}"))
    assert len(files) == 2
    for path in files:
        data = path.read_bytes()
        text = pdf_text(data)[1] if fmt == "pdf" else data.decode("utf-8")
        assert MARKER not in text and MARKER.lower() not in text
        assert "why " not in text and "comment" not in text


def test_the_same_certificate_is_the_same_file(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    """Dated by the completion, not the day it is made: a rebuild writes the same bytes."""
    for fmt in ("html", "pdf"):
        first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
        assert cli("certificate", "eli", "--out", str(first)).exit_code == 0
        assert cli("certificate", "eli", "--out", str(second), "--as-of", AS_OF).exit_code == 0
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(("pair", "said"), [
    ("ana--cara", "active, not completed; still missing: the final meeting, "
                  "the mentor's evaluation, the mentee's evaluation"),
    ("hal--gus", "proposed, not completed; still missing: any meeting, the final meeting"),
    ("ben--fay", "ended early on 2026-02-01, not completed"),
    ("ben--dev", "a request (declined), not a relationship yet"),
])
def test_a_pair_not_completed_is_refused_saying_what_is_missing(
    program: ProgramFolder, cli: Callable[..., Any], out: Path, pair: str, said: str
) -> None:
    result = cli("certificate", pair, "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 4
    assert f"error: no certificate for {pair} as of {AS_OF}: {said}" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 2
    assert list(out.iterdir()) == []


def test_as_of_before_the_completion_refuses(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    result = cli("certificate", COMPLETED, "--out", str(tmp_path), "--as-of", "2026-03-04")
    assert result.exit_code == 4
    assert f"no certificate for {COMPLETED} as of 2026-03-04: active, not completed" in (
        result.stderr)


def test_as_of_before_the_pair_existed_says_so(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    # it said "no relationship 'ben--eli'", as if there were none
    for asked in (COMPLETED, "eli"):
        result = cli("certificate", asked, "--out", str(tmp_path), "--as-of", "2026-01-01")
        assert result.exit_code == 3
        assert (f"{COMPLETED} did not exist yet on 2026-01-01: it was created on 2026-01-05"
                in result.stderr)


def test_a_person_with_nothing_completed_is_refused(
    program: ProgramFolder, cli: Callable[..., Any]
) -> None:
    result = cli("certificate", "ana", "--as-of", AS_OF)
    assert result.exit_code == 4
    assert "none of their relationships is completed" in result.stderr
    assert "ana--cara: active" in result.stderr and "ana--dev: active" in result.stderr


@pytest.mark.parametrize(("args", "said", "code"), [
    (["nobody-here"], "no relationship 'nobody-here'", 3),
    (["kim"], "kim is not in any relationship", 3),
    ([COMPLETED, "--format", "docx"], "--format 'docx': use html or pdf", 2),
    ([COMPLETED, "--out", "one-file.html"], "2 certificates, one file each", 2),
    (["eli", "--out", "no/such/folder/x.html"], "no/such/folder: no such folder", 2),
])
def test_bad_requests_get_a_plain_message(
    program: ProgramFolder, cli: Callable[..., Any], args: list[str], said: str, code: int
) -> None:
    from tests.conftest import make_person

    make_person(program, "Kim")
    result = cli("certificate", *args, "--as-of", AS_OF)
    assert result.exit_code == code, result.stdout + result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert not Path("one-file.html").exists()


# -- the template ------------------------------------------------------------------------------
def _own_template(folder: ProgramFolder, text: str) -> None:
    path = folder.root / "messages" / "templates" / "certificate.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_programs_own_template_is_used(
    program: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    _own_template(program, "<p>Well done, {{ name }} ({{ role }}): {{ goals | join('; ') }}</p>\n")
    assert cli("certificate", "eli", "--out", str(tmp_path / "e.html"),
               "--as-of", AS_OF).exit_code == 0
    assert (tmp_path / "e.html").read_text(encoding="utf-8") == (
        f"<p>Well done, Eli (mentee): {'; '.join(ACHIEVED)}</p>\n")


@pytest.mark.parametrize(("template", "said"), [
    ("<p>\n{{ nmae }}</p>", "messages/templates/certificate.html:2: unknown name: nmae"),
    ("<p>{% if %}</p>", "messages/templates/certificate.html:1: template syntax"),
    ("{{ name.__class__.__mro__ }}", "not allowed in a template"),
])
def test_a_broken_template_names_file_and_line_and_writes_nothing(
    program: ProgramFolder, cli: Callable[..., Any], out: Path, template: str, said: str
) -> None:
    _own_template(program, template)
    result = cli("certificate", COMPLETED, "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert said in result.stderr
    assert list(out.iterdir()) == []


def make(name: str = "Ana", goals: list[str] | None = None, **fields: Any) -> Certificate:
    values: dict[str, Any] = {
        "pair": "x--y", "person": "x", "name": name, "role": "mentee", "other_name": "Ben",
        "program": "St. Mary's Clinical Mentoring 2026",
        "organisation": "St. Mary's Regional Medical Center",
        "started": dt.date(2026, 9, 1), "completed": dt.date(2027, 3, 1), "sessions": 6,
        "hours": 5.25, "goals": ACHIEVED if goals is None else goals, **fields}
    return Certificate(**values)


def test_markup_in_a_name_is_text() -> None:
    page = certificate_html.render(make("<b>Ana</b> & <script>x</script>"),
                                   *_shipped())
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; &lt;script&gt;" in page
    assert "<script>" not in page


def _shipped() -> tuple[str, str]:
    from mentorkit.store import resources

    path = resources.templates_dir() / "certificates" / "certificate.html"
    return path.read_text(encoding="utf-8"), "templates/certificates/certificate.html"


# -- names in any script -----------------------------------------------------------------------
NAMES = ["Zoë Ångström-Nguyễn", "Ελένη Παπαδοπούλου", "Ольга Кузнецова", "Şükrü Çelik",
         "Dvořák Łukasz", "José Núñez"]


@pytest.mark.parametrize("name", NAMES)
def test_accented_and_non_latin_names_print_in_the_pdf(name: str) -> None:
    pages, text = pdf_text(certificate_pdf.render(make(name)))
    assert pages == 1
    assert name in text


def test_letters_the_pdf_font_lacks_are_refused_plainly(
    folder: ProgramFolder, cli: Callable[..., Any], out: Path
) -> None:
    from tests.conftest import make_person
    from tests.report_program import relationship

    mentor = make_person(folder, "Wei Zhang 张伟", role="mentor")
    mentee = make_person(folder, "Mei Lin", role="mentee")
    closure = {"date": dt.date(2026, 3, 1), "kind": "completed", "reason": "Done"}
    folder.save_relationship(relationship(mentor, mentee, "completed",
                                          started=dt.date(2026, 1, 5),
                                          ended=dt.date(2026, 3, 1), closure=closure))
    result = cli("certificate", mentor, "--format", "pdf", "--out", str(out))
    assert result.exit_code == 2
    assert "the PDF font has no letters for '伟张'" in result.stderr
    assert "Use --format html" in result.stderr
    assert list(out.iterdir()) == []
    assert cli("certificate", mentor, "--out", str(out)).exit_code == 0
    assert "Wei Zhang 张伟" in next(out.iterdir()).read_text(encoding="utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
       .filter(str.strip))
def test_any_name_gives_a_page_or_a_plain_refusal(name: str) -> None:
    certificate = make(name)
    page = certificate_html.render(certificate, *_shipped())
    from markupsafe import escape  # Jinja's own escaping

    assert str(escape(name)) in page
    try:
        certificate_pdf.refuse_missing(certificate)
    except InvalidInput as refused:
        assert "Use --format html" in refused.lines()[-1]
        return
    assert pdf_text(certificate_pdf.render(certificate))[0] == 1


def test_the_most_a_certificate_holds_still_fits_one_pdf_page() -> None:
    long_goal = ("Lead the unit's handover huddle every week and bring one patient-safety "
                 "learning to it, written up for the education board ") * 4
    certificate = make("Maximiliana Wolfeschlegelsteinhausenbergerdorff-Papadopoulou " * 2,
                       goals=[f"{n}. {long_goal}"[:GOAL_CHARS] for n in range(1, 6)],
                       program="The Interdisciplinary Clinical Leadership Mentoring "
                               "Programme for Newly Qualified Staff " * 2)
    pages, text = pdf_text(certificate_pdf.render(certificate))
    assert pages == 1
    flat = " ".join(text.split())
    for n in range(1, 6):
        assert f"{n}. Lead the unit" in flat
    assert "education board" in flat  # the end of a goal: nothing was cut off


def test_the_template_text_is_the_shipped_one_without_an_override(
    folder: ProgramFolder,
) -> None:
    assert template_text(folder) == _shipped()
