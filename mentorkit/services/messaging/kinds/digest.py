"""`digest`: to the coordinator (messages.coordinator), once a week, what `due` shows."""

from __future__ import annotations

from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register


@register
class Digest(MessageKind):
    name = "digest"
    summary = "to the coordinator once a week: what `mentorkit due` shows"
    order = 90
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        coordinator = plan.coordinator()
        due = plan.due
        if coordinator is None or plan.only_pair is not None:
            return
        if not (due.anything_overdue or due.coming_meetings or plan.preview):
            return
        year, week, _ = plan.as_of.isocalendar()

        def names(pair: str) -> str:
            mentor, mentee = plan.sides(pair)
            return f"{mentor.name} and {mentee.name}"

        variables = {
            "overdue": [{"pair": f"{o.mentor_name} and {o.mentee_name}", "id": o.pair,
                         "last_meeting": o.last_meeting, "days_quiet": o.days_quiet}
                        for o in due.overdue_meetings],
            "coming": [{"pair": f"{c.mentor_name} and {c.mentee_name}", "id": c.pair,
                        "date": c.date, "time": c.time} for c in due.coming_meetings],
            "late_actions": [{"pair": names(a.pair), "id": a.pair, "owner": a.owner,
                              "description": a.description, "date": a.date,
                              "days_late": a.days_late}
                             for a in due.late_actions],
            "missing_evaluations": [{"pair": names(m.pair), "id": m.pair,
                                     "missing": m.missing}
                                    for m in due.missing_evaluations],
        }
        yield Draft(self.name, f"{self.name}:{year}-W{week:02d}", coordinator, None, variables)
