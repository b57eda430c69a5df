"""One rendered message as a standard e-mail (RFC 5322, stdlib `email`).

multipart/alternative (plain text, then HTML), inside multipart/mixed when there is an
attachment. The Message-ID comes from the message's key, so the same message has the
same id on every run (a resend gets its own, or mail servers would drop it as a copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from mentorkit.models.messages import MessageSettings
from mentorkit.services.messaging.base import Draft
from mentorkit.services.messaging.templates import Rendered


def message_id(key: str, sender: str | None, attempt: int = 0) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = ascii_domain(sender.rpartition("@")[2]) if sender else "mentorkit.invalid"
    return f"<{digest}{f'.{attempt}' if attempt else ''}@{domain}>"


def compose(
    draft: Draft, rendered: Rendered, settings: MessageSettings, program_name: str,
    msg_id: str, when: dt.datetime,
) -> EmailMessage:
    message = EmailMessage()
    sender = settings.sender or "notify@mentorkit.invalid"
    message["From"] = address(settings.sender_name or program_name, sender)
    message["To"] = address(draft.recipient.name, draft.recipient.email)
    if settings.reply_to:
        message["Reply-To"] = address("", settings.reply_to)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = msg_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office loops
    message["X-Mentorkit-Kind"] = draft.kind
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    for attachment in draft.attachments:
        main, _, sub = attachment.content_type.partition("/")
        # text attachments (a calendar, an HTML certificate) are UTF-8: say so, or a mail
        # program reads an accented name in its own legacy code page
        params = {"charset": "utf-8"} if main == "text" else None
        message.add_attachment(attachment.data, maintype=main, subtype=sub,
                               filename=attachment.filename, params=params)
    return message


def address(name: str, email: str) -> Address:
    """`email` as a header takes it: the domain in its ASCII (IDNA) form where it has
    one, so any mail server takes it. A name before the @ in letters outside ASCII is
    kept as it is: only a server that offers SMTPUTF8 takes it (delivery.py)."""
    local, _, domain = email.rpartition("@")
    return Address(name, local, ascii_domain(domain))


def ascii_domain(domain: str) -> str:
    """stmärys.example.org -> xn--stmrys-bua.example.org; as it is when IDNA cannot."""
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain
