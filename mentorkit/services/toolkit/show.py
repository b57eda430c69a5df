"""`mentorkit show PAIR`: one relationship whole, as the pair sees it (private text too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.models.pair import PairRecord
from mentorkit.models.participant import Participant
from mentorkit.models.toolkit import Action, Goal
from mentorkit.services.asof import existing_on
from mentorkit.services.programs.library import ResourcePick, for_pair
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.settled import as_filed
from mentorkit.store.folder import ProgramFolder


@dataclass
class RelationshipView:
    JSON_KIND: ClassVar[str] = "relationship-view"  # the --json envelope (render/envelope.py)

    forms: PairRecord
    mentor: Participant | None
    mentee: Participant | None
    goals: list[Goal]  # as they are now (the latest-session rule)
    actions: list[tuple[Action, str]]  # with their state: late, due, upcoming, done...
    today: dt.date
    resources: list[ResourcePick] = field(default_factory=list)  # chosen for this pair

    @property
    def next_meeting(self) -> dt.date | None:
        """The next meeting the latest session agreed, if any; a closed pair has none (as
        `report` and `calendar` say)."""
        if not self.forms.relationship.status.is_open:
            return None
        records = sorted(self.forms.records, key=lambda s: s.date)
        return records[-1].next_meeting if records else None

    def to_json(self) -> dict[str, Any]:
        f = self.forms
        r = f.relationship.to_document()
        r.pop("schema_version")
        r.pop("kind")
        return {
            "id": f.id,
            **r,
            "people": {
                "mentor": _person(f.relationship.mentor, self.mentor),
                "mentee": _person(f.relationship.mentee, self.mentee),
            },
            "next_meeting": self.next_meeting,
            "needs_analysis": _doc(f.needs_analysis),
            "goals": [
                g.model_dump(mode="json") | {"recorded_status": _recorded(f, g.id)}
                for g in self.goals
            ],
            "action_plan": [
                a.model_dump(mode="json", exclude_none=True) | {"state": state}
                for a, state in self.actions
            ],
            "due": [a.id for a, state in self.actions if state == "due"],
            "late": [a.id for a, state in self.actions if state == "late"],
            "sessions": [{"file": f"sessions/{name}.yaml", **_doc(s)} for name, s in f.sessions],
            "evaluations": {who.value: _doc(e) for who, e in f.evaluations.items()},
            "partnership_ideas": _doc(f.partnership_ideas),
            "resources": [p.to_json() for p in self.resources],
            "today": self.today,
        }


def _recorded(forms: PairRecord, goal_id: str) -> str | None:
    goal = forms.goals.get(goal_id) if forms.goals else None
    return goal.status.value if goal else None


def _doc(document: Any) -> Any:
    if document is None:
        return None
    data = document.to_document()
    data.pop("schema_version", None)
    data.pop("kind", None)
    return data


def _person(person_id: str, person: Participant | None) -> dict[str, Any]:
    if person is None:
        return {"id": person_id, "enrolled": False}
    return {
        "id": person_id,
        "name": person.name,
        "email": person.email,
        "job_title": person.job_title,
        "department": person.department,
        "site": person.site,
    }


def show(folder: ProgramFolder, query: str, today: dt.date | None = None) -> RelationshipView:
    """The pair as it stood on `today` (default: today): nothing filed after it counts;
    refused, as `report --pair` refuses it, if it did not exist yet."""
    day = today or dt.date.today()
    forms = existing_on(open_pair(folder, query), day)
    forms.relationship = as_filed(forms.relationship, forms.evaluations, forms.records)
    r = forms.relationship
    people = {
        who: folder.load_participant(who)
        for who in (r.mentor, r.mentee)
        if folder.has_participant(who)
    }
    actions = forms.action_plan.actions if forms.action_plan else []
    goals = forms.current_goals()
    mentee = people.get(forms.relationship.mentee)
    return RelationshipView(
        forms,
        people.get(forms.relationship.mentor),
        mentee,
        goals,
        [(a, toolkit.action_state(a, day)) for a in sorted(actions, key=lambda a: a.date)],
        day,
        for_pair(folder.load_program().resources or [], mentee, goals),
    )
