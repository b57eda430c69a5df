"""The program report's Outcomes section: retention of mentees against colleagues.

Counts, shares and months only; a figure withheld for anonymity says why in words.
"""

from __future__ import annotations

from mentorkit.render.report_sections import Section, Table, percent, text
from mentorkit.services.monitoring.report_results import ProgramReport
from mentorkit.services.outcomes.results import Outcomes


def outcomes_section(report: ProgramReport) -> list[Section]:
    o = report.outcomes
    if o is None:
        return []
    return [Section("outcomes", "Outcomes: retention after hire (HR roster)",
                    facts(o), tables(o))]


def facts(o: Outcomes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if o.roster_imported is not None:
        found.append(("roster", f"{o.roster_source or 'an export'}, imported "
                                f"{o.roster_imported:%Y-%m-%d} (UTC)"))
    if o.not_shown:
        return [*found, ("retention", o.not_shown)]
    found += [
        ("mentees", f"{o.mentees_on_roster} of {o.mentees} mentees who took part are on "
                    "the roster"),
        ("colleagues", f"{o.colleagues} who did not take part, hired in the same months "
                       f"({o.window_from} to {o.window_to})"),
        ("anonymity", f"a figure is shown only for {o.min_group_size} people or more "
                      "(program.yaml outcomes.min_group_size)"),
    ]
    found += [(f"{f.group} at {f.months} months", f.withheld) for f in o.figures
              if f.withheld]
    return found


def tables(o: Outcomes) -> list[Table]:
    rows = [[f"{f.months} months", f.group, text(f.countable), text(f.stayed), text(f.left),
             percent(f.rate), percent(f.low), percent(f.high)] for f in o.figures]
    for row, f in zip(rows, o.figures, strict=True):
        if f.withheld:
            row[5] = "not shown"
    return [Table("Retention", ["after hire", "group", "countable", "stayed", "left",
                                "retention", "95% from", "95% to"],
                  rows, {2, 3, 4, 5, 6, 7})] if rows else []

