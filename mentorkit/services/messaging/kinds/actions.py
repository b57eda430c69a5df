"""`actions`: to the owner of actions past their date (both people for shared ones)."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.services.monitoring.due import LateAction


@register
class Actions(MessageKind):
    name = "actions"
    summary = "to whoever owns actions past their date"
    order = 50

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        owed: dict[tuple[str, str], list[LateAction]] = {}
        for action in plan.due.late_actions:
            if plan.wanted(action.pair) and plan.both_taking_part(action.pair):
                for role in ("mentor", "mentee") if action.owner == "both" else (action.owner,):
                    owed.setdefault((action.pair, role), []).append(action)
        for (pair, role), actions in owed.items():
            mentor, mentee = plan.sides(pair)
            me, other = (mentor, mentee) if role == "mentor" else (mentee, mentor)
            items = [{"description": a.description, "date": a.date, "days_late": a.days_late,
                      "shared": a.owner == "both"} for a in actions]
            which = ",".join(f"{a.action}@{a.date}" for a in actions)
            yield Draft(self.name, f"{self.name}:{pair}:{role}:{which}", me, pair,
                        {"pair": plan.pair_view(pair), "other": other.view(), "actions": items})
