"""`request`: a mentee's request (`mentorkit request`) to the mentor while it waits for an
answer, and the answer to the mentee: accepted, declined (with the mentor's reason), or
expired unanswered (choose again), unless the mentee is paired by then: the expired
requests `due` lists are the ones told."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.vocab import RelationshipStatus


@register
class Request(MessageKind):
    name = "request"
    summary = "to the mentor when a mentee asks for them; the answer to the mentee"
    order = 65

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        lapsed = {r.pair for r in plan.due.requests if r.expired}
        for pair, files in plan.pairs():
            rel = files.relationship
            asked = rel.request
            if asked is None:
                continue
            mentor, mentee = plan.sides(pair)
            answer = None
            if rel.status is RelationshipStatus.DECLINED:
                answer = "declined"
            elif rel.status is not RelationshipStatus.REQUESTED:
                answer = "accepted"
            elif rel.expired_request(plan.as_of):
                if pair not in lapsed and not plan.preview:
                    continue  # the mentee is paired with someone else: no need to choose
                answer = "expired"
            variables = {"pair": plan.pair_view(pair), "requested": asked.requested,
                         "expires": asked.expires, "answer": answer,
                         "reason": asked.decline_reason or ""}
            # a mentor is not asked to take on a mentee who has left (or to answer while
            # paused); the answer still goes to the mentee
            if (answer is None or plan.preview) and plan.both_taking_part(pair):
                yield Draft(self.name, f"{self.name}:{pair}:asked", mentor, pair,
                            {**variables, "answer": None, "to_mentor": True,
                             "other": mentee.view(), "other_profile": plan.profile(rel.mentee)})
            if answer is not None:
                yield Draft(self.name, f"{self.name}:{pair}:{answer}", mentee, pair,
                            {**variables, "to_mentor": False, "other": mentor.view()})
