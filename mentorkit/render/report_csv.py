"""The report as CSV: one row per pair (program report), per session (one pair) or per
round (`--compare`)."""

from __future__ import annotations

import csv
import dataclasses
import io

from mentorkit.render.report_sections import progress_notes, text
from mentorkit.services.monitoring.pair_report import PairReport
from mentorkit.services.monitoring.report_results import PairRow, ProgramReport
from mentorkit.services.programs.compare import ProgramComparison, RoundFigures

PAIR_COLUMNS = [f.name for f in dataclasses.fields(PairRow)]
ROUND_COLUMNS = [f.name for f in dataclasses.fields(RoundFigures)]
SESSION_COLUMNS = ["date", "duration_minutes", "mode", "meeting", "goals_reported",
                   "actions_agreed", "next_meeting"]
PRIVATE_COLUMNS = ["issues", "progress_notes", "learnings", "private_notes"]


def csv_text(report: ProgramReport | PairReport | ProgramComparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if isinstance(report, ProgramComparison):  # one row per round
        writer.writerow(["as_of", *ROUND_COLUMNS])
        for r in report.rounds:
            writer.writerow([report.as_of.isoformat(),
                             *(csv_value(getattr(r, c)) for c in ROUND_COLUMNS)])
        return out.getvalue()
    if isinstance(report, ProgramReport):
        writer.writerow(PAIR_COLUMNS)
        for row in report.engagement.pairs:
            writer.writerow([csv_value(getattr(row, c)) for c in PAIR_COLUMNS])
        return out.getvalue()
    writer.writerow(SESSION_COLUMNS + (PRIVATE_COLUMNS if report.include_private else []))
    for s in report.sessions:
        line = [text(s.date), s.duration_minutes, s.mode, s.meeting,
                "; ".join(f"{g['goal']}:{g['status']}" for g in s.goals), s.actions_agreed,
                csv_value(s.next_meeting)]
        if report.include_private:
            line += ["; ".join(i["issue"] for i in s.issues or []), progress_notes(s),
                     "; ".join(s.learnings or []), s.private_notes or ""]
        writer.writerow([_safe(v) for v in line])
    return out.getvalue()


def csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _safe(text(value)) if not isinstance(value, int | float) else value


def _safe(value: object) -> object:
    """Keep spreadsheet apps from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
