"""A real SMTP server for the notify tests: aiosmtpd on 127.0.0.1, on a free port.

    with smtp_server() as server:                        plain SMTP
    with smtp_server(tls=certs) as server:               STARTTLS required
    with smtp_server(tls=certs, users={"u": "pw"}):      STARTTLS, then AUTH required
    with smtp_server(refuse={"x@example.org"}):          550 for that recipient
    with smtp_server(refuse_sender=True):                553 for every sender (MAIL FROM)
    with smtp_server(hang_up_after=2):                   drops the line at the third message
    with smtp_server(stall_after=3) as server:           never answers the fourth message;
                                                         server.handler.stalled is set then
    with smtp_server(answer_after=2.0):                  takes each message, answers 2 s later
    with smtp_server(smtputf8=True):                     offers SMTPUTF8 (addresses in UTF-8)

`server.received` holds every accepted message, parsed by the standard `email` package.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Certs:
    """A throwaway certificate authority and a certificate for 127.0.0.1."""

    server_context: ssl.SSLContext
    ca_file: Path


def make_certs(folder: Path) -> Certs:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return Certs(context, ca_file)


@dataclass
class Handler:
    refuse: set[str] = field(default_factory=set)
    refuse_sender: bool = False
    hang_up_after: int | None = None
    stall_after: int | None = None
    answer_after: float = 0.0
    stalled: threading.Event = field(default_factory=threading.Event)
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    # messages to these refused at the end of DATA, the transaction then kept open until
    # an RSET (as some servers do): a MAIL before it is "503 nested MAIL"
    refuse_data: set[str] = field(default_factory=set)
    open_refusal: bool = False

    async def handle_RSET(self, server: Any, session: Any, envelope: Any) -> str:
        self.open_refusal = False
        return "250 OK"

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if self.open_refusal:
            return "503 5.5.1 Error: nested MAIL command"
        if self.hang_up_after is not None and len(self.received) >= self.hang_up_after:
            server.transport.close()  # no reply at all: the line just drops
            return "421 4.3.2 going away"
        if self.refuse_sender:
            return "553 5.7.1 Sender address rejected: not owned by user"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.stall_after is not None and len(self.received) >= self.stall_after:
            self.stalled.set()
            await asyncio.Event().wait()  # never answers; cancelled when the server stops
        if set(envelope.rcpt_tos) & self.refuse_data:
            self.open_refusal = True
            return "554 5.7.1 Message refused: content policy"
        content = envelope.content  # SMTPUTF8: headers in UTF-8, which parse only as text
        message = (email.message_from_string(content.decode("utf-8"), policy=email.policy.default)
                   if envelope.smtp_utf8 else
                   email.message_from_bytes(content, policy=email.policy.default))
        assert isinstance(message, EmailMessage)
        self.received.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        await asyncio.sleep(self.answer_after)  # a slow server: it has the message by now
        return "250 Message accepted for delivery"


@dataclass
class Server:
    host: str
    port: int
    handler: Handler

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def received(self) -> list[EmailMessage]:
        return self.handler.received


@contextlib.contextmanager
def smtp_server(
    *, tls: Certs | None = None, implicit_tls: bool = False, users: dict[str, str] | None = None,
    refuse: set[str] | None = None, refuse_sender: bool = False,
    hang_up_after: int | None = None, stall_after: int | None = None,
    answer_after: float = 0.0, smtputf8: bool = False, refuse_data: set[str] | None = None,
) -> Iterator[Server]:
    handler = Handler(refuse or set(), refuse_sender, hang_up_after, stall_after, answer_after,
                      refuse_data=refuse_data or set())
    port = free_port()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                     data: Any) -> AuthResult:
        ok = (isinstance(data, LoginPassword) and users is not None
              and users.get(data.login.decode()) == data.password.decode())
        return AuthResult(success=ok, handled=False)

    options: dict[str, Any] = {"hostname": "127.0.0.1", "port": port,
                               "enable_SMTPUTF8": smtputf8}
    if tls is not None and implicit_tls:
        options["ssl_context"] = tls.server_context
    elif tls is not None:
        options.update(tls_context=tls.server_context, require_starttls=True)
    if users is not None:
        options.update(authenticator=authenticate, auth_required=True,
                       auth_require_tls=tls is not None)
    controller = Controller(handler, **options)
    controller.start()
    try:
        yield Server("127.0.0.1", port, handler)
    finally:
        controller.stop()


def parts(message: EmailMessage) -> tuple[str, str, list[EmailMessage]]:
    """The plain text, the HTML and the attachments of a received message."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    attachments = list(message.iter_attachments())
    return text.get_content(), html.get_content(), attachments  # type: ignore[return-value]
