"""`mentorkit notify` without a mail server: the listing, the outbox, previews, templates,
privacy, and bad input."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorkit.errors import ExitCode
from mentorkit.services.messaging import kinds as registry
from mentorkit.services.messaging import notify as service
from mentorkit.services.messaging.delivery import Pacer
from mentorkit.services.messaging.templates import to_html
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.messaging_program import COORDINATOR, DELIVERABLE, MONDAY
from tests.report_program import MARKER
from tests.smtp_support import parts

AS_OF = MONDAY.isoformat()
KINDS = ["introduction", "first-meeting", "reminder", "overdue", "actions", "check-in",
         "evaluation", "thank-you", "request", "event-invitation", "event-reminder",
         "event-cancelled", "digest"]


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    messaging_program.build(folder)
    return folder


def listing(cli: Callable[..., Any], *args: str) -> dict[str, Any]:
    result = cli("notify", "--json", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def read_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_registry_has_every_kind_each_with_a_template() -> None:
    assert list(registry.all_kinds()) == KINDS
    assert set(store.shipped_templates()) == set(KINDS)


def test_listing_sends_and_records_nothing(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    data = listing(cli)
    assert data["mode"] == "list"
    rows = [(m["kind"], m["recipient"], m["pair"], m["state"]) for m in data["messages"]]
    assert ("introduction", "ivy-stone", "hal--ivy-stone", "due") in rows
    assert ("reminder", "cara", "ana--cara", "due") in rows
    assert ("digest", "coordinator", None, "due") in rows
    blocked = [m for m in data["messages"] if m["state"] == "blocked"]
    assert {(m["kind"], m["recipient"], m["detail"]) for m in blocked} == {
        ("overdue", "dev", "notifications off"), ("actions", "dev", "notifications off"),
        ("check-in", "dev", "notifications off"), ("request", "dev", "notifications off")}
    assert sum(m["state"] == "due" for m in data["messages"]) == DELIVERABLE
    assert store.sent_messages(built) == []
    human = cli("notify", "--as-of", AS_OF)
    assert "notifications off" in human.stdout and "Nothing was sent" in human.stdout


def test_kind_and_pair_narrow_it(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    data = listing(cli, "--kind", "overdue", "--kind", "actions", "--pair", "ana--cara")
    assert {(m["kind"], m["recipient"]) for m in data["messages"]} == {("actions", "cara")}
    data = listing(cli, "--pair", "ivy-stone")  # a person with one pair names the pair
    assert {m["pair"] for m in data["messages"]} == {"hal--ivy-stone"}
    bad = cli("notify", "--kind", "nudge")
    assert bad.exit_code == ExitCode.INVALID
    assert "no message kind 'nudge'" in bad.stderr and "introduction" in bad.stderr


@pytest.mark.parametrize("as_of", ["2026-01-20", "2026-03-20", AS_OF, "2026-07-01"])
def test_one_pairs_messages_are_the_whole_programs_for_that_pair(
    built: ProgramFolder, cli: Callable[..., Any], as_of: str,
) -> None:
    # `--pair` reads only that pair's files, its people and program.yaml: what it lists
    # must be exactly what the whole program's listing has for the pair
    everything = listing(cli, "--as-of", as_of)["messages"]
    for pair in sorted(p.name for p in built.relationships_dir.iterdir()):
        alone = listing(cli, "--as-of", as_of, "--pair", pair)["messages"]
        assert alone == [m for m in everything if m["pair"] == pair], pair


def test_a_long_listing_piped_is_tab_separated(capsys: pytest.CaptureFixture[str]) -> None:
    # through rich, 5,424 messages took 10 s to list on the 5,000-person benchmark program
    import datetime as dt

    from mentorkit.render import render
    from mentorkit.render.console import BIG_TABLE

    rows = [service.Outgoing("overdue", f"p{n}", f"Person {n}", f"p{n}@example.org",
                             f"a--p{n}", "Time to catch up", f"<{n}@x>", service.State.DUE)
            for n in range(BIG_TABLE + 1)]
    render(service.NotifyResult(dt.date(2026, 4, 6), service.Mode.LIST, rows, 0))
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "to\tkind\tpair\tsubject\tstatus"
    assert lines[2] == "Person 0 <p0@example.org>\toverdue\ta--p0\tTime to catch up\tdue"
    assert len(lines) == BIG_TABLE + 4  # the heading, the header, the rows, what to do


def test_outbox_files_are_standard_messages(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    result = cli("notify", "--outbox", str(outbox), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == DELIVERABLE
    for path in files:
        message = read_eml(path)
        assert message["X-Unsent"] == "1"  # Outlook opens it as a draft to send
        assert message["Message-ID"] and message["To"] and message["Subject"]
        text, html, attachments = parts(message)
        assert "**" not in html and "<p>" in html and text.strip()
        assert MARKER.lower() not in (text + html + str(message["Subject"])).lower()
        if message["X-Mentorkit-Kind"] == "reminder":
            assert [a.get_content_type() for a in attachments] == ["text/calendar"]
    logged = store.sent_messages(built)
    assert len(logged) == DELIVERABLE and {m.via.value for m in logged} == {"outbox"}
    again = cli("notify", "--outbox", str(outbox), "--as-of", AS_OF)
    assert again.exit_code == 0 and len(list(outbox.glob("*.eml"))) == DELIVERABLE
    assert f"{DELIVERABLE} sent before" in again.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_no_private_text_in_any_message_of_any_kind(
    built: ProgramFolder, cli: Callable[..., Any], kind: str
) -> None:
    """MARKER is in every private field there is; previews show every message a kind
    could send for every pair, whatever the day."""
    seen = 0
    if kind.startswith("event-"):  # group events: about no pair
        assert cli("events", "add", "Circle", "--date", "2026-04-20", "--as-of",
                   AS_OF).exit_code == 0
        if kind == "event-cancelled":
            assert cli("events", "cancel", "circle-2026-04-20", "--as-of", AS_OF).exit_code == 0
    per_pair = kind != "digest" and not kind.startswith("event-")
    pairs = list(built.load_relationships()) if per_pair else ["-"]
    for pair in pairs:
        result = cli("notify", "--json", "--as-of", AS_OF, "--preview", kind, pair)
        if result.exit_code != 0:
            assert result.exit_code == ExitCode.INVALID and "Traceback" not in result.stderr
            continue
        assert MARKER.lower() not in result.stdout.lower()
        seen += len(json.loads(result.stdout)["messages"])
    assert seen >= 1


def test_introduction_shares_only_what_the_program_marks_shareable(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    def intro_to_ivy() -> str:
        data = json.loads(cli("notify", "--json", "--preview", "introduction",
                              "hal--ivy-stone").stdout)
        (ivy,) = [m for m in data["messages"] if m["to"] == "ivy-stone@example.org"]
        return str(ivy["text"])

    text = intro_to_ivy()
    assert "Department: Pharmacy" in text and "hal@example.org" in text
    assert "offers sterile compounding" in text  # why they were matched
    program = built.load_program()
    settings = program.message_settings.model_copy(update={"shareable": ["site"]})
    built.save_program(program.model_copy(update={"messages": settings}))
    text = intro_to_ivy()
    assert "Site: North" in text and "Pharmacy" not in text
    refused = cli("validate")
    assert refused.exit_code == 0
    (built.root / "program.yaml").write_text(
        (built.root / "program.yaml").read_text().replace("  - site", "  - notes"))
    result = cli("notify")
    assert result.exit_code == ExitCode.INVALID
    assert "never shared" in result.stderr


def test_preview_prints_one_kind_for_one_pair(
    built: ProgramFolder, cli: Callable[..., Any]
) -> None:
    result = cli("notify", "--preview", "reminder", "ana--cara", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "Subject: Mentoring with Cara: Wednesday 8 April 2026 at 10:00" in result.stdout
    assert "Attached: meeting.ics" in result.stdout
    none = cli("notify", "--preview", "reminder", "hal--gus")
    assert none.exit_code == ExitCode.INVALID and "no reminder message" in none.stderr
    assert store.sent_messages(built) == []


def test_a_programs_own_template_is_used(built: ProgramFolder, cli: Callable[..., Any]) -> None:
    own = built.root / "messages" / "templates"
    own.mkdir(parents=True)
    (own / "overdue.md").write_text(
        "Subject: We miss you, {{ recipient.first_name }}\n\nSee {{ other.name }} soon.\n")
    result = cli("notify", "--preview", "overdue", "ana--dev", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "Subject: We miss you, Ana" in result.stdout and "See Dev soon." in result.stdout


@pytest.mark.parametrize(("template", "expected"), [
    ("Subject: Hi\n\nHello {{ recipient.first_name }}\n{{ nmae }}\n",
     "messages/templates/overdue.md:4: unknown name: nmae"),
    ("Subject: Hi\n\n{% for x in %}\n", "messages/templates/overdue.md:3: template syntax"),
    ("Subject: Hi\n\n{{ recipient.__class__.__mro__ }}\n",
     "messages/templates/overdue.md:3: not allowed in a template"),  # the sandbox
    ("Hello\n", "messages/templates/overdue.md:1: the first line must be `Subject: ...`"),
    # any other mistake: the file and line, never a traceback
    ("Subject: Hi\n\n{{ recipient.name | long_date }}\n",
     "messages/templates/overdue.md:3: template error: long_date needs a date, not 'Ana'"),
    ("Subject: Hi\n\nAt {{ recipient.name | clock }}\n",
     "messages/templates/overdue.md:3: template error: clock needs a time of day"),
    ('Subject: Hi\n\n{{ days_quiet + " days" }}\n',
     "messages/templates/overdue.md:3: template error: unsupported operand type(s) for +"),
    ("Subject: Hi\n\n{{ days_quiet / 0 }}\n",
     "messages/templates/overdue.md:3: template error: division by zero"),
    ("Subject: Hi\n\n{{ as_of.replace(month=13) }}\n",
     "messages/templates/overdue.md:3: template error: month must be in 1..12"),
])
def test_a_template_error_names_file_line_and_name_and_sends_nothing(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path, template: str, expected: str
) -> None:
    own = built.root / "messages" / "templates"
    own.mkdir(parents=True)
    (own / "overdue.md").write_text(template)
    outbox = tmp_path / "outbox"
    result = cli("notify", "--outbox", str(outbox), "--as-of", AS_OF)
    assert result.exit_code == ExitCode.INVALID
    assert result.stderr.startswith(f"error: {expected}")
    assert "Traceback" not in result.stderr
    assert not outbox.exists() and store.sent_messages(built) == []


def test_delivery_needs_a_from_address(folder: ProgramFolder, cli: Callable[..., Any],
                                       tmp_path: Path) -> None:
    messaging_program.build(folder)
    program = folder.load_program()
    settings = program.message_settings.model_copy(update={"sender": None})
    folder.save_program(program.model_copy(update={"messages": settings}))
    result = cli("notify", "--outbox", str(tmp_path / "out"), "--as-of", AS_OF)
    assert result.exit_code == ExitCode.INVALID
    assert "messages.from is not set" in result.stderr
    assert store.sent_messages(folder) == []


def test_a_bad_address_in_program_yaml_is_named(built: ProgramFolder,
                                                cli: Callable[..., Any]) -> None:
    path = built.root / "program.yaml"
    path.write_text(path.read_text().replace(f"coordinator: {COORDINATOR}",
                                             "coordinator: not-an-address"))
    result = cli("notify")
    assert result.exit_code == ExitCode.INVALID
    assert "program.yaml" in result.stderr and "messages.coordinator" in result.stderr


def test_the_options_that_cannot_go_together(built: ProgramFolder,
                                             cli: Callable[..., Any]) -> None:
    assert cli("notify", "--send", "--outbox", "x").exit_code == ExitCode.INVALID
    assert cli("notify", "--preview", "digest", "-", "--send").exit_code == ExitCode.INVALID
    assert cli("notify", "--smtp", "host:notaport", "--send").exit_code == ExitCode.INVALID
    # a digit that is not a number (int() refuses it): the same plain refusal
    superscript = cli("notify", "--smtp", "host:²", "--send")
    assert superscript.exit_code == ExitCode.INVALID
    assert "give HOST:PORT" in superscript.stderr


def test_digest_goes_once_a_week(built: ProgramFolder, tmp_path: Path) -> None:
    from mentorkit.services.messaging.delivery import OutboxTransport

    def digests(day: str) -> int:
        import datetime as dt

        result = service.notify(built, dt.date.fromisoformat(day), mode=service.Mode.OUTBOX,
                                kinds=["digest"], transport=OutboxTransport(tmp_path))
        return result.count(service.State.WRITTEN)

    assert digests("2026-04-06") == 1
    assert digests("2026-04-09") == 0  # same week
    assert digests("2026-04-13") == 1


def test_the_pacer_keeps_to_the_rate() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(30, sleep=sleep, clock=lambda: now[0])
    for _ in range(4):
        pacer.wait()
        now[0] += 0.5  # sending takes half a second
    assert slept == [1.5, 1.5, 1.5]  # 30 a minute: one every 2 seconds


MARKDOWN_TAGS = {"p", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "br", "hr",
                 "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "img"}


@given(st.lists(st.sampled_from([*"<>/ab =\"'*_`[]()!-\n", "script", "img", "iframe",
                                 "style"])).map("".join))
def test_text_in_a_message_never_becomes_html_markup(text: str) -> None:
    """A name or an action typed as `<script>` shows as text: only Markdown makes tags."""
    import re

    page = to_html(f"Hello {text}")
    body = page.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= MARKDOWN_TAGS - {"img"} | ({"img"} if "![" in text else set())
    assert "<script" not in body and "<iframe" not in body and "<style" not in body


def test_the_sent_log_keeps_small_parts_and_reads_them_all(
    folder: ProgramFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from mentorkit.models.messages import SentMessage

    monkeypatch.setattr(store.SentRecorder, "PART_SIZE", 2)
    at = dt.datetime(2026, 4, 6, 7, 0, tzinfo=dt.UTC)

    def message(n: int, day: dt.datetime = at) -> SentMessage:
        return SentMessage(key=f"k{n}", kind="digest", to="c@x.org", recipient="coordinator",
                           message_id=f"<{n}@x.org>", at=day, via="smtp")  # type: ignore[arg-type]

    recorder = store.SentRecorder(folder)
    for n in range(5):
        recorder.add(message(n))
    store.SentRecorder(folder).add(message(5))  # a later run the same day fills part 3
    store.SentRecorder(folder).add(message(6, at + dt.timedelta(days=1)))
    names = sorted(p.name for p in (folder.root / "messages" / "sent").iterdir())
    assert names == ["2026-04-06-2.yaml", "2026-04-06-3.yaml", "2026-04-06.yaml",
                     "2026-04-07.yaml"]
    assert sorted(m.key for m in store.sent_messages(folder)) == [f"k{n}" for n in range(7)]


def test_a_new_kind_is_one_module_and_one_template(
    built: ProgramFolder, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Any]
) -> None:
    """What the request and check-in kinds will do: register a MessageKind, add a template."""
    from collections.abc import Iterator

    from mentorkit.services.messaging.base import Draft, MessageKind
    from mentorkit.services.messaging.context import Plan

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))

    @registry.register
    class Hello(MessageKind):
        name = "hello"
        summary = "a test kind"

        def drafts(self, plan: Plan) -> Iterator[Draft]:
            for pair, _ in plan.pairs():
                yield from registry.to_both(self.name, pair, pair, plan.sides(pair), {})

    own = built.root / "messages" / "templates"
    own.mkdir(parents=True)
    (own / "hello.md").write_text("Subject: Hello from {{ other.first_name }}\n\nHi!\n")
    data = listing(cli, "--kind", "hello", "--pair", "hal--gus")
    assert [(m["recipient"], m["subject"]) for m in data["messages"]] == [
        ("hal", "Hello from Gus"), ("gus", "Hello from Hal")]
