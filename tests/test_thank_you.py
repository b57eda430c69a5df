"""`notify` thanks both people of a completed pair, each with their certificate attached,
once: tested against a real SMTP server (aiosmtpd), the messages parsed with `email`."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mentorkit.services.messaging.kinds.thank_you import THANKS_DAYS
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import recognition_program
from tests.recognition_program import ACHIEVED, COMPLETED, NOT_ACHIEVED, THANKS_DAY
from tests.report_program import MARKER
from tests.smtp_support import Server, parts, smtp_server


def everything(message: Any) -> str:
    """Every header and every text part (the PDF is read apart), for searching."""
    found = [f"{k}: {v}" for k, v in message.items()]
    found += [part.get_content() for part in message.walk()
              if part.get_content_maintype() == "text"]
    return "\n".join(found)


@pytest.fixture
def program(folder: ProgramFolder) -> ProgramFolder:
    recognition_program.build(folder, security="none")
    return folder


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server() as running:
        yield running


def thank(cli: Callable[..., Any], server: Server, day: dt.date, *args: str) -> Any:
    return cli("notify", "--send", "--as-of", day.isoformat(), "--smtp", server.address,
               "--security", "none", "--rate", "10000", "--kind", "thank-you", *args)


def test_both_people_are_thanked_with_their_own_certificate(
    program: ProgramFolder, cli: Callable[..., Any], server: Server
) -> None:
    from pypdf import PdfReader

    result = thank(cli, server, THANKS_DAY)
    assert result.exit_code == 0, result.stdout + result.stderr
    received = {m["To"].addresses[0].addr_spec: m for m in server.received}
    assert sorted(received) == ["ben@example.org", "eli@example.org"]
    for address, role, other in (("ben@example.org", "mentor", "Eli"),
                                 ("eli@example.org", "mentee", "Ben")):
        message = received[address]
        assert message["X-Mentorkit-Kind"] == "thank-you"
        text, html, attachments = parts(message)
        assert f"Your mentoring with {other} was completed on Thursday 5 March 2026" in text
        for goal in ACHIEVED:
            assert goal in text and goal in html
        (attached,) = attachments
        assert attached.get_filename() == f"certificate-{COMPLETED}-{role}.pdf"
        assert attached.get_content_type() == "application/pdf"
        pdf = PdfReader(io.BytesIO(attached.get_content()))
        assert len(pdf.pages) == 1
        printed = pdf.pages[0].extract_text()
        assert f"as {role} {'to' if role == 'mentor' else 'of'} {other}" in printed
        assert all(goal in printed for goal in ACHIEVED)
        assert not any(goal in printed for goal in NOT_ACHIEVED)
        assert MARKER not in everything(message) and MARKER not in printed


def test_a_thank_you_is_never_sent_twice(
    program: ProgramFolder, cli: Callable[..., Any], server: Server
) -> None:
    assert thank(cli, server, THANKS_DAY).exit_code == 0
    assert thank(cli, server, THANKS_DAY + dt.timedelta(days=3)).exit_code == 0
    assert len(server.received) == 2
    assert sorted(m.key for m in store.sent_messages(program)) == [
        f"thank-you:{COMPLETED}:mentee", f"thank-you:{COMPLETED}:mentor"]
    # listed again on the day: both on record as sent, nothing due
    listed = cli("notify", "--as-of", THANKS_DAY.isoformat(), "--kind", "thank-you", "--json")
    assert listed.exit_code == 0
    import json

    data = json.loads(listed.stdout)
    assert data["messages"] == [] and data["already_sent"] == 2


@pytest.mark.parametrize(("day", "due"), [
    (dt.date(2026, 3, 4), 0),  # not completed yet on the day
    (dt.date(2026, 3, 5), 2),  # the day it completed
    (dt.date(2026, 3, 5) + dt.timedelta(days=THANKS_DAYS), 2),
    (dt.date(2026, 3, 5) + dt.timedelta(days=THANKS_DAYS + 1), 0),  # too late to thank
])
def test_a_thank_you_is_due_in_the_days_after_completion(
    program: ProgramFolder, cli: Callable[..., Any], day: dt.date, due: int
) -> None:
    import json

    listed = cli("notify", "--as-of", day.isoformat(), "--kind", "thank-you", "--json")
    assert listed.exit_code == 0, listed.stderr
    messages = json.loads(listed.stdout)["messages"]
    assert len(messages) == due
    assert all(m["pair"] == COMPLETED for m in messages)


def test_a_name_the_pdf_cannot_print_gets_the_html_certificate(
    program: ProgramFolder, cli: Callable[..., Any], server: Server
) -> None:
    person = program.load_participants()["eli"]
    program.save_participant("eli", person.model_copy(update={"name": "Eli 李"}))
    assert thank(cli, server, THANKS_DAY).exit_code == 0
    (message,) = [m for m in server.received if m["To"].addresses[0].addr_spec
                  == "eli@example.org"]
    (attached,) = parts(message)[2]
    assert attached.get_filename() == f"certificate-{COMPLETED}-mentee.html"
    assert attached.get_content_type() == "text/html"
    assert "Eli 李" in attached.get_content()
