"""One rendered message as a standard e-mail (RFC 5322, stdlib `email`).

multipart/alternative (plain text, then HTML), inside multipart/mixed when there is an
attachment. The Message-ID comes from the message's key, so the same message has the
same id on every run (a resend gets its own, or mail servers would drop it as a copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from mentorkit.models.messages import MessageSettings
from mentorkit.services.messaging.base import Draft
from mentorkit.services.messaging.templates import Rendered


def message_id(key: str, sender: str | None, attempt: int = 0) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = sender.rpartition("@")[2] if sender else "mentorkit.invalid"
    return f"<{digest}{f'.{attempt}' if attempt else ''}@{domain}>"


def compose(
    draft: Draft, rendered: Rendered, settings: MessageSettings, program_name: str,
    msg_id: str, when: dt.datetime,
) -> EmailMessage:
    from email.headerregistry import Address

    message = EmailMessage()
    sender = settings.sender or "notify@mentorkit.invalid"
    message["From"] = formataddr((settings.sender_name or program_name, sender))
    message["To"] = Address(draft.recipient.name, addr_spec=draft.recipient.email)
    if settings.reply_to:
        message["Reply-To"] = settings.reply_to
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
