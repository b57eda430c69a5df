"""A small program with known answers for the report, due and calendar tests.

Program: starts 2026-01-05, monthly cadence (30 days), grace 14 days, default mentor
capacity 2, sessions of 45 minutes. Today is 2026-04-01.

    pair           status       started     sessions (minutes)                    notes
    ana--cara      active       2026-01-10  01-10 (60) 02-10 (45) 03-10 (30)      next 04-08 10:00
    ana--dev       active       2026-01-15  01-15 (45)                            quiet 76 days
    ben--eli       completed    2026-01-05  01-05 02-05 03-05 (60 each)           ended 03-05
    ben--fay       ended-early  2026-01-20  none                                  ended 02-01
    hal--gus       proposed     -           -

Every session's private fields (issues, possible solutions, progress notes, learnings,
private notes) hold MARKER, which no program-level output may contain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    SessionRecord,
)
from mentorkit.store.folder import ProgramFolder
from tests.conftest import make_person

TODAY = dt.date(2026, 4, 1)
MARKER = "ZZ-PRIVATE-MARKER-7f3a"
D = dt.date


def session(day: dt.date, minutes: int, **fields: Any) -> SessionRecord:
    fields["progress"] = [{"note": f"progress {MARKER}", **p} for p in fields.get("progress", [])]
    return SessionRecord.model_validate({
        "kind": "session", "date": day, "duration_minutes": minutes,
        "issues": [{"issue": f"issue {MARKER}", "possible_solution": f"fix {MARKER}"}],
        "learnings": [f"learned {MARKER}"], "private_notes": f"notes {MARKER}", **fields,
    })


def relationship(mentor: str, mentee: str, status: str, **fields: Any) -> Relationship:
    return Relationship.model_validate({"kind": "relationship", "mentor": mentor,
                                        "mentee": mentee, "status": status,
                                        "created": D(2026, 1, 5), **fields})


def evaluation(who: str, day: dt.date, **fields: Any) -> Evaluation:
    return Evaluation.model_validate({"kind": "evaluation", "respondent": who, "date": day,
                                      **fields})


def add_session(folder: ProgramFolder, pair: str, record: SessionRecord) -> None:
    folder.save(folder.new_session_path(pair, record.date), record, private=True)


def build(folder: ProgramFolder) -> None:
    make_person(folder, "Ana", role="mentor", department="Nursing", site="North")
    make_person(folder, "Ben", role="mentor", department="Laboratory", site="South", capacity=1)
    make_person(folder, "Cara", department="Nursing", site="North")
    make_person(folder, "Dev", department="Nursing", site="South")
    make_person(folder, "Eli", department="Laboratory", site="North")
    make_person(folder, "Fay", department="Laboratory", site="North", status="paused")
    make_person(folder, "Gus", department="Nursing", site="North")
    make_person(folder, "Hal", role="both", department="Pharmacy", site="North")
    make_person(folder, "Ivy", department="Pharmacy", site="South")

    folder.save_relationship(relationship("ana", "cara", "active", started=D(2026, 1, 10)))
    folder.save_form("ana--cara", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Lead a handover", "function": "career-development"},
        {"id": "g2", "statement": "Meet the quality team", "function": "networking"},
        {"id": "g3", "statement": "Learn the rota tool", "function": "coaching"},
    ]}))
    folder.save_form("ana--cara", ActionPlan.model_validate({"kind": "action-plan", "actions": [
        {"id": "a1", "goal": "g1", "description": "Shadow a handover", "date": D(2026, 2, 1),
         "status": "done", "done_date": D(2026, 2, 1)},
        {"id": "a2", "goal": "g1", "description": "Lead a handover", "date": D(2026, 3, 15)},
        {"id": "a3", "goal": "g2", "description": "Email the quality lead", "date": D(2026, 4, 20)},
        {"id": "a4", "goal": "g3", "description": "Book training", "date": D(2026, 2, 20),
         "status": "cancelled"},
    ]}))
    add_session(folder, "ana--cara", session(D(2026, 1, 10), 60, meeting="first", progress=[
        {"goal": "g1", "status": "in-progress", "progress": 20}]))
    add_session(folder, "ana--cara", session(D(2026, 2, 10), 45, progress=[
        {"goal": "g1", "status": "in-progress", "progress": 50},
        {"goal": "g2", "status": "achieved"}]))
    add_session(folder, "ana--cara", session(
        D(2026, 3, 10), 30, progress=[{"goal": "g1", "status": "achieved"}],
        next_meeting=D(2026, 4, 8), next_meeting_time=dt.time(10, 0)))

    folder.save_relationship(relationship("ana", "dev", "active", started=D(2026, 1, 15)))
    folder.save_form("ana--dev", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Ask for feedback monthly", "function": "feedback",
         "status": "in-progress", "progress": 10}]}))
    folder.save_form("ana--dev", ActionPlan.model_validate({"kind": "action-plan", "actions": [
        {"id": "b1", "goal": "g1", "description": "Ask the charge nurse", "date": D(2026, 2, 1)}
    ]}))
    folder.save_form("ana--dev", NeedsAnalysis.model_validate({
        "kind": "needs-analysis", "date": D(2026, 1, 15), "wants_to_accomplish": "Confidence",
        "meeting_cadence": "monthly"}))
    add_session(folder, "ana--dev", session(D(2026, 1, 15), 45, next_meeting=D(2026, 2, 15)))

    closure = {"date": D(2026, 3, 5), "kind": "completed", "reason": "Goals met"}
    folder.save_relationship(relationship("ben", "eli", "completed", started=D(2026, 1, 5),
                                          ended=D(2026, 3, 5), closure=closure))
    folder.save_form("ben--eli", Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": "Validate an assay", "function": "coaching",
         "status": "dropped"}]}))
    folder.save_form("ben--eli", ActionPlan.model_validate({"kind": "action-plan", "actions": [
        {"id": "c1", "description": "Read the SOP", "date": D(2026, 2, 20)}]}))
    for day, kind in ((D(2026, 1, 5), "first"), (D(2026, 2, 5), "regular"),
                      (D(2026, 3, 5), "final")):
        add_session(folder, "ben--eli", session(day, 60, meeting=kind))
    folder.save_form("ben--eli", evaluation(
        "mentor", D(2026, 3, 6), program={"goals_clear": 4, "match_worked": 5},
        relationship={"grew": 4}, recommend=10,
        goals=[{"statement": "Validate an assay", "achieved": "yes"},
               {"statement": "Present at huddle", "achieved": "partly"}]),
        "evaluation-mentor.yaml")

    closure = {"date": D(2026, 2, 1), "kind": "ended-early", "reason": "Moved to another site"}
    folder.save_relationship(relationship("ben", "fay", "ended-early", started=D(2026, 1, 20),
                                          ended=D(2026, 2, 1), closure=closure))
    folder.save_form("ben--fay", evaluation("mentor", D(2026, 2, 2), program={"goals_clear": 2},
                                            recommend=6), "evaluation-mentor.yaml")
    folder.save_form("ben--fay", evaluation("mentee", D(2026, 2, 3), program={"goals_clear": 3},
                                            relationship={"grew": 2}, recommend=9),
                     "evaluation-mentee.yaml")

    folder.save_relationship(relationship("hal", "gus", "proposed"))
