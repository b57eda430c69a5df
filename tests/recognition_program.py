"""The notify test program (tests/messaging_program.py) with certificates to give.

On top of it the completed pair ben--eli (2026-01-05 to 2026-03-05, three meetings of 60
minutes) has goals: g1 achieved by a session, g2 achieved in goals.yaml, g3 in progress,
g4 dropped. MARKER is in every private field there is (messaging_program), and here also
in a goal's measure and a session's progress note, which are not goal statements either.
"""

from __future__ import annotations

import datetime as dt

from mentorkit.models.toolkit import Goals
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program
from tests.report_program import MARKER, add_session, session

COMPLETED = "ben--eli"
ACHIEVED = ["Validate the new troponin assay", "Present a case at the lab huddle"]
NOT_ACHIEVED = ["Write the QC rota", "Validate an assay"]
# within the thank-you's days after the completion on 2026-03-05
THANKS_DAY = dt.date(2026, 3, 20)


def build(folder: ProgramFolder, **smtp: object) -> None:
    messaging_program.build(folder, **smtp)
    folder.save_form(COMPLETED, Goals.model_validate({"kind": "goals", "goals": [
        {"id": "g1", "statement": ACHIEVED[0], "measure": f"measure {MARKER}"},
        {"id": "g2", "statement": ACHIEVED[1], "status": "achieved"},
        {"id": "g3", "statement": NOT_ACHIEVED[0], "status": "in-progress", "progress": 40},
        {"id": "g4", "statement": NOT_ACHIEVED[1], "status": "dropped"},
    ]}))
    # a later session on the last day reports g1 achieved, with a private note
    add_session(folder, COMPLETED, session(dt.date(2026, 3, 5), 30, progress=[
        {"goal": "g1", "status": "achieved", "note": f"note {MARKER}"}]))
