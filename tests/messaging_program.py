"""The report test program (tests/report_program.py) set up for `notify`.

On top of it: a new pair hal--ivy made on 2026-04-01 (so an introduction is due), Dev
with notifications off, messages settings in program.yaml, and MARKER in every private
field there is: each session's issues, solutions, learnings and notes (report_program),
every participant's notes and manager, the evaluations' free text, and the needs
analysis. As of MONDAY (2026-04-06) these are due:

    introduction   hal--ivy  Hal, Ivy
    first-meeting  hal--gus  Hal, Gus       (made 2026-01-05, never met)
    reminder       ana--cara Ana, Cara      (meeting 2026-04-08 10:00)
    overdue        ana--dev  Ana, Dev*      (* notifications off: blocked)
    actions        ana--dev  Dev*; ana--cara Cara
    evaluation     ben--eli  Eli            (closed; the mentee has not answered)
    request        ben--dev  Dev*           (declined on 2026-02-25)
    digest         coordinator
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.models.toolkit import NeedsAnalysis
from mentorkit.store.folder import ProgramFolder
from tests import report_program
from tests.conftest import make_person
from tests.report_program import MARKER, evaluation, relationship

MONDAY = dt.date(2026, 4, 6)
SENDER = "mentoring@stmarys.example.org"
COORDINATOR = "coordinator@stmarys.example.org"
# due and not blocked, as of MONDAY (3 are check-in invitations: both sides of ana--cara,
# and ana's side of ana--dev, whose mentee dev has notifications off)
DELIVERABLE = 13
PROGRAM_NAME = "St. Mary's Clinical Mentoring"
# The README's example messages: (kind, pair, recipient's address), as of MONDAY.
README_EXAMPLES = [
    ("introduction", "hal--ivy-stone", "ivy-stone@example.org"),
    ("first-meeting", "hal--gus", "gus@example.org"),
    ("reminder", "ana--cara", "cara@example.org"),
    ("overdue", "ana--dev", "ana@example.org"),
    ("actions", "ana--cara", "cara@example.org"),
    ("check-in", "ana--cara", "cara@example.org"),
    ("evaluation", "ben--eli", "eli@example.org"),
    ("thank-you", "ben--eli", "eli@example.org"),
    ("request", "ben--dev", "ben@example.org"),
    ("event-invitation", "-", "cara@example.org"),
    ("event-reminder", "-", "cara@example.org"),
    ("event-cancelled", "-", "cara@example.org"),
    ("digest", "-", COORDINATOR),
]


def example_message(folder: ProgramFolder, kind: str, pair: str, to: str) -> str:
    """One message as `notify --preview` prints it, for the README."""
    from mentorkit.services.messaging import notify

    (m,) = [m for m in notify.preview(folder, MONDAY, kind, pair).messages if m.to == to]
    attached = f"Attached: {', '.join(m.attachments)}\n" if m.attachments else ""
    return f"To: {m.name} <{m.to}>\nSubject: {m.subject}\n{attached}\n{m.text}"


def add_events(folder: ProgramFolder) -> None:
    """A Conversation Circle two days after MONDAY: the README's examples of the event
    messages (previews show every kind for it, the cancellation too)."""
    from mentorkit.services.events import manage

    manage.add(folder, MONDAY - dt.timedelta(days=7), title="Conversation Circle",
               type="conversation-circle", date=MONDAY + dt.timedelta(days=2), start="12:30",
               minutes="45 min", place="Main Campus, Conference Room B")


def build(folder: ProgramFolder, **smtp: Any) -> None:
    report_program.build(folder)
    make_person(folder, "Ivy Stone", role="mentee", department="Pharmacy", site="North",
                can_help_with=["rota"], wants_help_with=["Sterile compounding"])
    folder.remove(folder.participant_path("ivy"))
    folder.save_relationship(relationship(
        "hal", "ivy-stone", "proposed", created=dt.date(2026, 4, 1),
        match={"score": 81, "reasons": ["Hal offers sterile compounding, which Ivy wants"]}))
    for person_id, person in folder.load_participants().items():
        changes: dict[str, Any] = {"notes": f"note {MARKER}",
                                   "manager": f"{MARKER.lower()}@example.org"}
        if person_id == "dev":
            changes["notifications"] = False
        folder.save_participant(person_id, person.model_copy(update=changes))
    folder.save_form("ben--eli", evaluation(
        "mentor", dt.date(2026, 3, 6), recommend=10, support_needed=f"support {MARKER}",
        comments=f"comment {MARKER}", new_goals=[f"goal {MARKER}"],
        goals=[{"statement": "Validate an assay", "achieved": "partly",
                "why_not": f"why {MARKER}"}]), "evaluation-mentor.yaml")
    # Dev asked Ben for mentoring in February; Ben declined (Dev's answer is blocked)
    folder.save_relationship(relationship(
        "ben", "dev", "declined", created=dt.date(2026, 2, 20),
        request={"requested": dt.date(2026, 2, 20), "expires": dt.date(2026, 3, 6),
                 "answered": dt.date(2026, 2, 25), "decline_reason": "Full until the summer"}))
    folder.save_form("ana--cara", NeedsAnalysis.model_validate({
        "kind": "needs-analysis", "date": dt.date(2026, 1, 10),
        "wants_to_accomplish": f"want {MARKER}", "current_issues": [f"issue {MARKER}"],
        "mentee_hopes": f"hope {MARKER}", "mentor_hopes": f"hope {MARKER}",
        "meeting_place": "Cafe", "meeting_minutes": 50}))
    program = folder.load_program()
    messages: dict[str, Any] = {"from": SENDER, "reply_to": COORDINATOR,
                                "coordinator": COORDINATOR}
    if smtp:
        messages["smtp"] = smtp
    folder.save_program(program.model_copy(update={
        "name": PROGRAM_NAME,
        "messages": type(program.message_settings).model_validate(messages)}))
