"""Filing one side's check-in answer: the one way a check-in is written (collect and the
workbook both come here). A later answer by the same side to the same check-in
replaces the earlier one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.errors import InvalidInput
from mentorkit.models.checkin import CheckIn
from mentorkit.models.relationship import Relationship
from mentorkit.services.collection.schedule import occasion_for
from mentorkit.services.inputs import build
from mentorkit.services.toolkit import rules
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.submit import FormResult
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Respondent
from mentorkit.words import days


def fill_check_in(
    folder: ProgramFolder,
    query: str,
    respondent: Respondent,
    fields: dict[str, Any],
    today: dt.date | None = None,
) -> FormResult:
    """`fields`: date (answered), meeting_as_agreed, relationship, progress, contact_me,
    for_coordinator."""
    with folder.locked():
        forms = open_pair(folder, query)
        rel = forms.relationship
        today = today or dt.date.today()
        answered: dt.date = fields.get("date") or today
        # as a form's date field, so that collect names the column the day came from
        rules.raise_issues([(("date",), m) for m in _answered_issues(rel, answered, today)],
                           folder.relative(folder.relationship_dir(forms.id) / "check-ins"))
        program = folder.load_program()
        due = occasion_for(program, rel, answered)
        if due is None:
            raise InvalidInput(
                f"{forms.id} has no check-ins: it has not started"
                if rel.started is None else f"{forms.id} ended before its first check-in",
                "Check-ins begin "
                f"{days(program.check_ins.first_after_days)} after a relationship starts.",
            )
        data = {"kind": CheckIn.KIND, "respondent": respondent, "due": due,
                **{k: v for k, v in fields.items() if v is not None}, "date": answered}
        document = build(CheckIn, data)
        filename = CheckIn.file_for(due, respondent)
        before = folder.load_check_in(forms.id, filename)
        action = "created" if before is None else (
            "unchanged" if before == document else "updated")
        path = folder.check_in_path(forms.id, filename)
        if action != "unchanged":
            folder.save(path, document, private=True)
        return FormResult(forms.id, "check-in", folder.relative(path), action, document)


def _answered_issues(rel: Relationship, answered: dt.date, today: dt.date) -> list[str]:
    """What is wrong with the day a check-in was answered: it lies inside the
    relationship, and not after today (report and due count nothing later)."""
    if answered > today:
        return [f"answered {answered}, after today ({today}): a check-in cannot be answered "
                "on a future date"]
    if not rel.status.is_open and rel.ended is not None and answered > rel.ended:
        return [f"answered {answered}, after {rel.id} closed ({rel.ended})"]
    if rel.started is not None and answered < rel.started:
        return [f"answered {answered}, before the relationship started ({rel.started})"]
    return []
