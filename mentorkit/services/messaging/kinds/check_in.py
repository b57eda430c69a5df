"""`check-in`: to each side that has not answered the pulse check-in now due (about 30
days after the start, then every 60: program.yaml `check_ins:`), with the form's link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mentorkit.services.collection.schedule import falls_to, occasions
from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register, sent_before


@register
class CheckInDue(MessageKind):
    name = "check-in"
    summary = "to each side that has not answered the check-in now due, with the form's link"
    order = 55

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        link = plan.snapshot.program.check_ins.form_link
        # "due": the latest check-in of each pair; older unanswered ones are not chased
        due = [(c.pair, c.due, c.missing) for c in plan.due.check_ins if c.state == "due"]
        if plan.preview:
            due = [(pair, plan.as_of, ["mentor", "mentee"]) for pair, files in plan.pairs()
                   if files.relationship.status.is_open and files.relationship.started]
        for pair, when, missing in due:
            if not (plan.wanted(pair) and plan.both_taking_part(pair)):
                continue
            mentor, mentee = plan.sides(pair)
            for me, other in ((mentor, mentee), (mentee, mentor)):
                if me.role not in missing:
                    continue
                variables = {"pair": plan.pair_view(pair), "other": other.view(),
                             "due": when, "link": link}
                key = (self._sent_before(plan, pair, when, me.role)
                       or f"{self.name}:{pair}:{when}:{me.role}")
                yield Draft(self.name, key, me, pair, variables)

    def _sent_before(self, plan: Plan, pair: str, when: dt.date, role: str) -> str | None:
        """An invitation sent for a day no longer on the schedule (the pair's start moved:
        its first session removed or re-dated) was for the check-in that day falls to
        now, as an answer given that day would be."""
        schedule = occasions(plan.snapshot.program, plan.files(pair).relationship)
        if not schedule:
            return None
        return sent_before(plan, self.name, pair, role, lambda day: (
            day not in schedule and falls_to(schedule, day) == when))
