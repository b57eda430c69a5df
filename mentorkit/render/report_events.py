"""The program report's Events section: group events held and who came."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorkit.render.words import plural

if TYPE_CHECKING:
    from mentorkit.render.report_sections import Section
    from mentorkit.services.monitoring.report_results import ProgramReport


def events_section(report: ProgramReport) -> list[Section]:
    from mentorkit.models.event import EventType
    from mentorkit.render.report_sections import Section, Table, percent, text

    e = report.events
    if e is None:
        return []
    return [Section("events", "Events", [
        ("events held", f"{e.held} ({e.upcoming} upcoming, {e.cancelled} cancelled)"),
        ("attendance", f"{percent(e.attendance_rate)} ({e.attended} came; {e.invited} "
                       "invitations to the events held)"),
        ("people who came", f"{plural(e.people_attending, 'person', 'people')} at least "
                            f"once; {plural(e.pairs_together, 'pair')} came together"),
    ], [
        Table("Events by kind", ["kind", "held", "invited", "attended", "attendance"],
              [[EventType(r.type).words, text(r.held), text(r.invited), text(r.attended),
                percent(r.attendance_rate)] for r in e.by_type], {1, 2, 3, 4}),
    ])]
