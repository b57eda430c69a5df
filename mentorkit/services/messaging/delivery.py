"""Where messages go: an SMTP server, or .eml files in an outbox folder.

One small interface (`Transport.deliver`), so the tests point the SMTP side at a real
local server. Only the standard library talks SMTP. `deliver` returns only once the
message is accepted (the server said 250, or the file is on disk); it raises `Refused`
when this one message was turned down and the rest may still go, `ConnectionLost` when
the server hung up mid-batch, and `Unavailable` when nothing can go at all.
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from pathlib import Path
from typing import Protocol

from mentorkit.errors import InvalidInput, Unavailable
from mentorkit.models.messages import MessageSettings, Via
from mentorkit.vocab import Security

PASSWORD_ENV = "MENTORKIT_SMTP_PASSWORD"
TIMEOUT_SECONDS = 30.0
SETTINGS_HINT = ("Check messages.smtp in program.yaml (or --smtp HOST:PORT and --security), "
                 "and that this computer may reach the mail server.")


class Refused(Exception):
    """The server turned down this one message (say an unknown recipient)."""


class ConnectionLost(Exception):
    """The server hung up part way: what was accepted before stays accepted.
    `handed_over`: it hung up after the whole message reached it, before it answered."""

    def __init__(self, reason: str, *, handed_over: bool = False) -> None:
        super().__init__(reason)
        self.handed_over = handed_over


class Transport(Protocol):
    via: Via

    def connect(self) -> None:
        """Be ready to take a message (connected, logged in), or raise Unavailable. Called
        before a message is noted as going, so a server that never took it leaves no note."""
        ...

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        """Deliver `message`: to `target`, the file `file_for` named (an outbox)."""
        ...

    def file_for(self, filename: str) -> Path | None:
        """The file `deliver` is to write, named `filename` unless a file has that name
        already (an outbox), or None (a mail server)."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: Security
    username: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT_SECONDS
    context: ssl.SSLContext | None = None  # None: the system's trusted certificates

    @classmethod
    def from_settings(
        cls, settings: MessageSettings, *, server: str | None = None,
        security: Security | None = None, password: str | None = None,
    ) -> SmtpConfig:
        """program.yaml's messages.smtp, with --smtp HOST:PORT and --security on top."""
        smtp = settings.smtp
        chosen = security or smtp.security
        host, port = smtp.host, smtp.port
        if server:
            host, port = parse_server(server)
        if not host:
            raise InvalidInput("program.yaml: messages.smtp.host is not set",
                               "Add the mail server there, or give --smtp HOST:PORT.")
        if smtp.username and not password:
            raise InvalidInput(f"messages.smtp.username is {smtp.username!r} but "
                               f"{PASSWORD_ENV} is not set",
                               f"Set {PASSWORD_ENV} in the environment (never in a file).")
        if smtp.username and chosen is Security.NONE:
            raise InvalidInput("will not send a password to a mail server without encryption",
                               "Use --security starttls (port 587) or ssl (port 465).")
        return cls(host, port or chosen.default_port, chosen, smtp.username,
                   password if smtp.username else None)


def parse_server(value: str) -> tuple[str, int | None]:
    host, sep, port = value.strip().rpartition(":")
    if not sep:
        return value.strip(), None
    if not host or not port.isdecimal() or not 0 < int(port) < 65536:
        raise InvalidInput(f"--smtp {value!r}: give HOST:PORT, like smtp.office365.com:587")
    return host.strip("[]"), int(port)


class SmtpTransport:
    """One connection for the whole batch, opened at the first message."""

    via = Via.SMTP

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def file_for(self, filename: str) -> Path | None:
        return None  # what a mail server accepted cannot be looked at afterwards

    def connect(self) -> None:
        if self._smtp is None:
            self._connect()

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        smtp = self._smtp or self._connect()
        sender, recipients = _envelope(message)
        options: list[str] = []
        if needs_smtputf8(message):
            options = self._smtputf8(smtp, message)
        try:
            self._hand_over(smtp, sender, recipients, wire_bytes(message), options)
        except (smtplib.SMTPException, OSError) as exc:
            raise self._lost(exc) from None
        code, reply = self._answer(smtp)
        if code == 421:
            raise self._lost(_reply(code, reply))
        if code != 250:
            self._reset(smtp)
            raise Refused(_reply(code, reply))

    def _reset(self, smtp: smtplib.SMTP) -> None:
        """RSET after a refusal, as smtplib does: a server that kept the refused
        transaction open would refuse the next message's MAIL ("503 nested MAIL"). A
        line lost here is lost for the next message, which connects again."""
        try:
            smtp.rset()
        except (smtplib.SMTPException, OSError):
            _close(self._smtp)
            self._smtp = None

    def _smtputf8(self, smtp: smtplib.SMTP, message: EmailMessage) -> list[str]:
        """MAIL FROM's options for a message with an address in letters outside ASCII:
        SMTPUTF8 when the server offers it, else only this message is refused (or
        every message, when it is the program's own address, which every one has)."""
        if smtp.has_extn("smtputf8"):
            return ["SMTPUTF8", *(["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else [])]
        why = "the mail server does not take addresses with letters outside ASCII (SMTPUTF8)"
        own = [a for a in _addresses(message, "From", "Reply-To") if not a.isascii()]
        if own:
            raise Unavailable(f"{own[0]}: {why}",
                              "Give messages.from and messages.reply_to in program.yaml "
                              "addresses in plain ASCII letters, or use --outbox.")
        raise Refused(f"{why}; send this one from your mail app (--outbox)")

    def _hand_over(self, smtp: smtplib.SMTP, sender: str, recipients: list[str],
                   data: bytes, options: list[str]) -> None:
        """MAIL, RCPT, DATA and the message, up to the final ".": what `smtp.sendmail`
        does, step by step, so that a line lost after the "." is known to be one."""
        code, reply = smtp.mail(sender, options)
        if code == 421:  # "closing the connection": a hang-up, politely
            raise self._lost(_reply(code, reply))
        if code != 250:
            self._reset(smtp)
            raise Unavailable(
                f"the mail server refused the sender {sender}: {_reply(code, reply)}",
                "Check messages.from in program.yaml: the account must be allowed to send as it.")
        for recipient in recipients:
            self._expect(smtp, smtp.rcpt(recipient), 250, 251)
        self._expect(smtp, smtp.docmd("data"), 354)
        # dot-stuffing (RFC 5321 4.5.2); the policy ends every line with CRLF, the last
        # one too, but the "." must stand on a line of its own whatever it was given
        ending = b"" if data.endswith(b"\r\n") else b"\r\n"
        smtp.send(re.sub(rb"(?m)^\.", b"..", data) + ending + b".\r\n")

    def _expect(self, smtp: smtplib.SMTP, answer: tuple[int, bytes], *ok: int) -> None:
        code, reply = answer
        if code == 421:
            raise self._lost(_reply(code, reply))
        if code not in ok:
            self._reset(smtp)  # the next message starts afresh
            raise Refused(_reply(code, reply))

    def _answer(self, smtp: smtplib.SMTP) -> tuple[int, bytes]:
        """The server's answer to a whole message. Lost here, the server has it all and
        may deliver it: `ConnectionLost(handed_over=True)`, never to be sent again."""
        try:
            return smtp.getreply()
        except (smtplib.SMTPException, OSError) as exc:
            raise self._lost(exc, handed_over=True) from None

    def _lost(self, why: object, handed_over: bool = False) -> ConnectionLost:
        _close(self._smtp)
        self._smtp = None
        return ConnectionLost(str(why) or type(why).__name__, handed_over=handed_over)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        where = f"{c.host}:{c.port}"
        context = c.context or ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if c.security is Security.SSL:
                smtp = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout, context=context)
            else:
                smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
            smtp.ehlo()
            if c.security is Security.STARTTLS:
                if not smtp.has_extn("starttls"):
                    raise Unavailable(f"the mail server {where} does not offer STARTTLS",
                                      "Use --security ssl (port 465) or ask IT which to use.")
                smtp.starttls(context=context)
                smtp.ehlo()
            if c.username:
                smtp.login(c.username, c.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            _close(smtp)
            raise Unavailable(
                f"the mail server {where} refused the login for {c.username}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}",
                f"Check messages.smtp.username and {PASSWORD_ENV}; Exchange Online needs "
                "SMTP AUTH turned on for this mailbox.",
            ) from None
        except ssl.SSLCertVerificationError as exc:
            _close(smtp)
            raise Unavailable(f"the mail server {where} has a certificate this computer does "
                              f"not trust: {exc.verify_message}", SETTINGS_HINT) from None
        except Unavailable:
            _close(smtp)
            raise
        except (smtplib.SMTPException, OSError) as exc:
            _close(smtp)
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise Unavailable(f"cannot use the mail server {where}: {reason}",
                              SETTINGS_HINT) from None
        self._smtp = smtp
        return smtp


class OutboxTransport:
    """.eml files a coordinator opens (as a draft: X-Unsent) and sends from Outlook or
    Thunderbird after a look."""

    via = Via.OUTBOX

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def file_for(self, filename: str) -> Path | None:
        from mentorkit.store import messages as store

        return store.free_outbox_path(self.directory, filename)

    def connect(self) -> None:
        return None  # a folder: made with the first file

    def deliver(self, message: EmailMessage, target: Path | None) -> None:
        from mentorkit.store import messages as store

        if target is None:
            raise ValueError("an outbox draft needs the file file_for named")
        message["X-Unsent"] = "1"
        store.write_outbox(target, wire_bytes(message))

    def close(self) -> None:
        return None


class Pacer:
    """At most `per_minute` messages a minute: Exchange Online refuses more than 30."""

    def __init__(self, per_minute: int, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.gap = 60.0 / per_minute
        self.sleep, self.clock = sleep, clock
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            delay = self._last + self.gap - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last = self.clock()


def wire_bytes(message: EmailMessage) -> bytes:
    """The message as it goes (to a server, or into an .eml file): CRLF lines, "From "
    at a line's start left as it is (the SMTP policies never mangle it; smtplib's
    send_message would), and UTF-8 headers only when an address needs them."""
    return message.as_bytes(policy=SMTPUTF8 if needs_smtputf8(message) else SMTP)


def needs_smtputf8(message: EmailMessage) -> bool:
    """An address in letters outside ASCII (compose.py turned every domain it could to
    its ASCII IDNA form: this is a name before the @, or a domain IDNA cannot spell)."""
    return not all(a.isascii() for a in _addresses(message, "From", "Reply-To", "To"))


def _envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """MAIL FROM and RCPT TO: the From and To headers' addresses."""
    return _addresses(message, "From")[0], _addresses(message, "To")


def _addresses(message: EmailMessage, *headers: str) -> list[str]:
    return [a.addr_spec for h in headers if message[h] for a in message[h].addresses]


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
