"""Filing one side's check-in answer: the one way a check-in is written (collect and the
workbook both come here). A later answer by the same side to the same check-in
replaces the earlier one; `on_schedule` keeps what collect filed before on the pair's
schedule as it is now."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from mentorkit.errors import InvalidFile, InvalidInput
from mentorkit.models.checkin import CheckIn
from mentorkit.models.relationship import Relationship
from mentorkit.models.responses import Response, Responses
from mentorkit.services.collection.schedule import falls_to, occasion_for, occasions
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


def on_schedule(folder: ProgramFolder, pair: str, ledger: Responses) -> Responses:
    """The pair's responses.yaml with each check-in's occasion as its schedule is now. A
    check-in collected before the start moved (a first session removed or re-dated) is
    for the check-in its day falls to now: the same answer collected again is known as
    filed, and a later answer replaces it."""
    filed = [r for r in ledger.responses if r.form == CheckIn.KIND]
    if not filed:
        return ledger
    schedule = occasions(folder.load_program(), folder.load_relationship(pair))
    if not schedule:
        return ledger
    on = {d.isoformat() for d in schedule}
    for response in filed:
        if response.occasion not in on:
            due = falls_to(schedule, _answered_on(folder, pair, response))
            response.occasion = due.isoformat() if due else response.occasion
    return ledger


def _answered_on(folder: ProgramFolder, pair: str, response: Response) -> dt.date:
    """The day a collected check-in was answered: its file's date (a workbook row has a
    date of its own), else the day it was submitted (its file removed or broken)."""
    for name in response.files:
        if name.startswith(f"{CheckIn.FOLDER}/"):
            with contextlib.suppress(InvalidFile):
                answer = folder.load_check_in(pair, Path(name).name)
                if answer is not None:
                    return answer.date
    return response.submitted.date()
