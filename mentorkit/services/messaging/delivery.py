"""Where messages go: an SMTP server, or .eml files in an outbox folder.

One small interface (`Transport.deliver`), so the tests point the SMTP side at a real
local server. Only the standard library talks SMTP. `deliver` returns only once the
message is accepted (the server said 250, or the file is on disk); it raises `Refused`
when this one message was turned down and the rest may still go, `ConnectionLost` when
the server hung up mid-batch, and `Unavailable` when nothing can go at all.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
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
    """The server hung up part way: what was accepted before stays accepted."""


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
        try:
            refused = smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused(_reply(*next(iter(exc.recipients.values())))) from None
        except smtplib.SMTPSenderRefused as exc:
            if exc.smtp_code == 421:  # "closing the connection": a hang-up, politely
                self._smtp = None
                raise ConnectionLost(_reply(exc.smtp_code, exc.smtp_error)) from None
            raise Unavailable(
                f"the mail server refused the sender {exc.sender}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}",
                "Check messages.from in program.yaml: the account must be allowed to send as it.",
            ) from None
        except smtplib.SMTPDataError as exc:
            raise Refused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError) as exc:
            self._smtp = None
            raise ConnectionLost(str(exc) or type(exc).__name__) from None
        if refused:
            raise Refused(_reply(*next(iter(refused.values()))))

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
        store.write_outbox(target, message.as_bytes(policy=SMTP))

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


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(words.split())}"


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        with contextlib.suppress(OSError):
            smtp.close()
