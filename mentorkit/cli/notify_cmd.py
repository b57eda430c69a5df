"""`mentorkit notify`: messages due to participants and the coordinator."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, choice, today
from mentorkit.vocab import Security

if TYPE_CHECKING:
    from mentorkit.services.messaging.delivery import Transport


def notify(
    ctx: typer.Context,
    send: Annotated[bool, typer.Option(
        "--send", help="Send them over SMTP (messages.smtp in program.yaml).")] = False,
    outbox: Annotated[Path | None, typer.Option(
        "--outbox", metavar="DIR", file_okay=False,
        help="Write one .eml file per message to DIR, to check and send from your mail app.",
    )] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", metavar="KIND", help="Only this kind of message (repeat for more), "
        "e.g. reminder; a wrong name lists them all.")] = None,
    pair: Annotated[str | None, typer.Option(
        "--pair", metavar="PAIR", help="Only messages about this pair.")] = None,
    key: Annotated[str | None, typer.Option(
        "--key", metavar="KEY", help="Only the one message with this key (from --json or "
        "messages/sent/); with --resend, to send it again.")] = None,
    resend: Annotated[bool, typer.Option(
        "--resend", help="Also messages sent before: they go again.")] = False,
    smtp: Annotated[str | None, typer.Option(
        "--smtp", metavar="HOST:PORT", help="Use this mail server for this run.")] = None,
    security: Annotated[Security | None, typer.Option(
        "--security", parser=choice(Security), metavar="SECURITY",
        help="starttls (587), ssl (465) or none, for this run.",
        show_default=False)] = None,
    rate: Annotated[int | None, typer.Option(
        "--rate", min=1, max=10_000, metavar="PER_MINUTE",
        help="At most this many messages a minute. Default: messages.rate_per_minute, "
        "30 (Exchange Online's limit).", show_default=False)] = None,
    preview: Annotated[tuple[str, str] | None, typer.Option(
        "--preview", metavar="KIND PAIR",
        help="Print one kind of message for one pair as it would go (digest: any PAIR).",
        show_default=False)] = None,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """Messages due to participants and the coordinator: list, outbox, or send.

    With no option it lists what is due and sends nothing. Each message goes once: what
    was delivered is recorded in messages/sent/ in the program folder. The SMTP password
    comes only from the MENTORKIT_SMTP_PASSWORD environment variable.
    """
    from mentorkit.errors import ExitCode, InvalidInput
    from mentorkit.services.messaging import notify as service

    if send and outbox is not None:
        raise InvalidInput("give --send or --outbox, not both")
    day = today(as_of)
    if preview is not None:
        if send or outbox is not None:
            raise InvalidInput("--preview only prints; leave out --send and --outbox")
        show(service.preview(folder(ctx), day, preview[0], preview[1]), as_json)
        return
    program = folder(ctx)
    transport: Transport | None = None
    pacer, mode = None, service.Mode.LIST
    if send:
        from mentorkit.services.messaging import delivery

        settings = program.load_program().message_settings
        config = delivery.SmtpConfig.from_settings(
            settings, server=smtp, security=security,
            password=os.environ.get(delivery.PASSWORD_ENV))
        transport = delivery.SmtpTransport(config)
        pacer = delivery.Pacer(rate or settings.rate_per_minute)
        mode = service.Mode.SEND
    elif outbox is not None:
        from mentorkit.services.messaging import delivery

        transport, mode = delivery.OutboxTransport(outbox), service.Mode.OUTBOX
    from mentorkit.services.monitoring.exports import whole_program

    with whole_program():
        result = service.notify(program, day, mode=mode, kinds=kind, pair=pair, key=key,
                                resend=resend,
                                transport=transport, pacer=pacer,
                                outbox=str(outbox) if outbox else None)
    show(result, as_json)
    for message in result.unconfirmed:
        typer.echo(f"warning: {message.to}: {message.subject}: the mail server had it but "
                   "never said it took it (a run stopped, or the line lost); it is recorded "
                   "as sent, so it is not sent again", err=True)
        typer.echo("If it did not arrive, send that one message again: mentorkit notify "
                   f"--send --resend --key {shlex.quote(message.key)} --as-of {result.as_of}",
                   err=True)  # due that day: another day, the key may be due no more
    if result.stopped:
        typer.echo(f"error: {result.stopped}", err=True)
        typer.echo("What went is recorded; run the same command again to send the rest.",
                   err=True)
        raise typer.Exit(int(ExitCode.UNAVAILABLE))
    if result.refused:
        for m in result.refused:
            typer.echo(f"error: {m.to}: refused by the mail server: {m.detail}", err=True)
        typer.echo("Refused messages were not recorded; correct the address "
                   "(participants/<id>.yaml) and run again.", err=True)
        raise typer.Exit(int(ExitCode.PROBLEMS_FOUND))


def register(root: typer.Typer) -> None:
    root.command("notify")(notify)
