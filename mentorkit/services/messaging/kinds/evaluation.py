"""`evaluation`: to each side that has not filled in Tool 5 when the pair is closed or
the program's end date has come."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.vocab import Respondent


@register
class EvaluationDue(MessageKind):
    name = "evaluation"
    summary = "to each side without an evaluation when the pair closes or the program ends"
    order = 60

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        end = plan.snapshot.program.end_date
        for pair, files in plan.pairs():
            rel = files.relationship
            closed = rel.status.is_closed  # not a request waiting, or declined
            ended = rel.status.is_open and rel.started is not None and plan.as_of >= end
            if not (closed or ended or plan.preview):
                continue
            mentor, mentee = plan.sides(pair)
            for me, other, side in ((mentor, mentee, Respondent.MENTOR),
                                    (mentee, mentor, Respondent.MENTEE)):
                if side in files.evaluations and not plan.preview:
                    continue
                variables = {"pair": plan.pair_view(pair), "other": other.view(),
                             "closed": closed, "end_date": rel.ended or end}
                yield Draft(self.name, f"{self.name}:{pair}:{side.value}", me, pair, variables)
