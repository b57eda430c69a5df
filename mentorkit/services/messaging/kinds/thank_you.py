"""`thank-you`: to both people when their relationship is completed, each with their own
certificate of completion attached (`mentorkit certificate`): the PDF, or the HTML page
when the PDF's font lacks a letter of it.

Due for THANKS_DAYS after the completion: a pair completed long before (say, before the
program took up `notify`) is not thanked months late. Sent once per person: the sent log
keeps the key, so reopening and closing the pair again does not thank them twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mentorkit.services.messaging.base import Attachment, Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.services.recognition.certificate_html import hours_text
from mentorkit.services.recognition.certificates import for_pair
from mentorkit.services.recognition.documents import Documents
from mentorkit.vocab import RelationshipStatus

THANKS_DAYS = 30


@register
class ThankYou(MessageKind):
    name = "thank-you"
    summary = "to both when a pair is completed, each with their certificate attached"
    order = 62

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        documents = Documents(plan.folder)
        window = dt.timedelta(days=THANKS_DAYS)
        for pair, files in plan.pairs():
            rel = files.relationship
            if rel.status is not RelationshipStatus.COMPLETED:
                continue
            day = rel.closure.date if rel.closure else rel.ended
            if not plan.preview and (day is None or not day <= plan.as_of <= day + window):
                continue
            mentor, mentee = plan.sides(pair)
            for certificate in for_pair(plan.snapshot, files):
                me, other = (mentor, mentee) if certificate.role == "mentor" else (mentee, mentor)
                document = documents.for_mail(certificate)
                variables = {"pair": plan.pair_view(pair), "other": other.view(),
                             "completed": certificate.completed,
                             "sessions": certificate.sessions,
                             "hours": hours_text(certificate.hours),
                             "goals": certificate.goals, "certificate": document.filename}
                attachment = Attachment(document.filename, document.content_type, document.data)
                yield Draft(self.name, f"{self.name}:{pair}:{me.role}", me, pair, variables,
                            [attachment])
