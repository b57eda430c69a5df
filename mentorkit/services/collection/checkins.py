"""Filing one side's check-in answer: the one way a check-in is written (collect and the
workbook both come here). A later answer by the same side to the same check-in
replaces the earlier one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.errors import Conflict, InvalidInput
from mentorkit.models.checkin import CheckIn
from mentorkit.services.collection.schedule import occasion_for
from mentorkit.services.inputs import build
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
        answered: dt.date = fields.get("date") or today or dt.date.today()
        if not rel.status.is_open and rel.ended is not None and answered > rel.ended:
            raise Conflict(f"{forms.id} closed on {rel.ended}; this check-in was answered "
                           f"after that ({answered})")
        if rel.started is not None and answered < rel.started:
            raise InvalidInput(f"answered {answered}, before the relationship started "
                               f"({rel.started})")
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
