"""`digest`: to the coordinator (messages.coordinator), once a week, what `due` shows:
every list of it, so a digest is never sent with nothing in it. Names, dates and the
reasons `due` gives; never a note's text (a check-in's note is in its file)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import register
from mentorkit.services.monitoring.due import DueResult
from mentorkit.services.toolkit.milestones import words
from mentorkit.vocab import Milestone


@register
class Digest(MessageKind):
    name = "digest"
    summary = "to the coordinator once a week: what `mentorkit due` shows"
    order = 90
    per_pair = False

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        coordinator = plan.coordinator()
        if coordinator is None or plan.only_pair is not None:
            return
        if not (plan.due.anything_listed or plan.preview):
            return
        year, week, _ = plan.as_of.isocalendar()
        yield Draft(self.name, f"{self.name}:{year}-W{week:02d}", coordinator, None,
                    _lists(plan, plan.due))


def _lists(plan: Plan, due: DueResult) -> dict[str, list[dict[str, Any]]]:
    """Each of `due`'s lists, in its order, as the template reads them."""

    def names(pair: str) -> str:
        mentor, mentee = plan.sides(pair)
        return f"{mentor.name} and {mentee.name}"

    return {
        "overdue": [{"pair": names(o.pair), "id": o.pair, "last_meeting": o.last_meeting,
                     "days_quiet": o.days_quiet} for o in due.overdue_meetings],
        "coming": [{"pair": names(c.pair), "id": c.pair, "date": c.date, "time": c.time}
                   for c in due.coming_meetings],
        "late_actions": [{"pair": names(a.pair), "id": a.pair, "owner": a.owner,
                          "description": a.description, "date": a.date,
                          "days_late": a.days_late} for a in due.late_actions],
        "late_milestones": [{"pair": names(m.pair), "id": m.pair, "matched": m.matched,
                             "reached": words(Milestone(m.reached)),
                             "milestone": words(Milestone(m.milestone)), "due": m.due,
                             "days_late": m.days_late} for m in due.late_milestones],
        "requests": [{"mentor": r.mentor_name, "mentee": r.mentee_name, "id": r.pair,
                      "requested": r.requested, "expires": r.expires, "expired": r.expired}
                     for r in due.requests],
        "missing_evaluations": [{"pair": names(m.pair), "id": m.pair, "missing": m.missing}
                                for m in due.missing_evaluations],
        "check_ins": [{"pair": names(c.pair), "id": c.pair, "due": c.due,
                       "missing": c.missing, "state": c.state} for c in due.check_ins],
        "needs_coordinator": [{"pair": names(f.pair), "id": f.pair, "respondent": f.respondent,
                               "due": f.due, "reasons": f.reasons}
                              for f in due.needs_coordinator],
        "training": [{"name": p.name, "id": p.id,
                      "role": "mentor and mentee" if p.role == "both" else p.role,
                      "missing": p.missing,
                      "blocks_matching": p.blocks_matching} for p in due.training],
    }
