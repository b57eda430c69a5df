"""`mentorkit validate` checks for relationship folders: every form loads, the rules
across files hold (rules.py), nothing stray lies in a folder. services/monitoring/
validate.py lists the check."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mentorkit.errors import Problem
from mentorkit.models.checkin import CheckIn
from mentorkit.models.pair import PAIR_FILES, PairRecord
from mentorkit.models.relationship import Relationship
from mentorkit.models.responses import Responses
from mentorkit.models.toolkit import Evaluation, NeedsAnalysis
from mentorkit.services.monitoring.loaded import Loaded
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.store import yamlio
from mentorkit.store.pairs import scan_pair

_SESSION_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(-\d+)?\.yaml$")


def check_relationship_folders(s: Loaded, today: dt.date | None = None) -> list[Problem]:
    day = today or dt.date.today()
    out: list[Problem] = []
    for entry in s.folder.entries(s.folder.relationships_dir):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir:
            out.append(Problem(s.folder.relative(entry.path), "not a relationship folder"))
            continue
        out += _strays(s, entry.path)
        relationship = s.relationships.get(entry.name)
        if relationship is None:
            continue  # its relationship.yaml is missing or broken: reported by validate
        forms, problems = scan_pair(s.folder, relationship)
        out += problems
        out += _rules(s, forms, day)
    return out


def _strays(s: Loaded, folder: Path) -> list[Problem]:
    out = []
    entries = s.folder.entries(folder)
    if not any(e.name == Relationship.FILE and e.is_file for e in entries):
        out.append(Problem(s.folder.relative(folder), "no relationship.yaml in this folder"))
    for entry in entries:
        if entry.name.startswith(".") or entry.name in PAIR_FILES:
            continue
        # what `collect` files besides the forms: its ledger and the check-in answers
        if entry.name == Responses.FILE or (entry.name == CheckIn.FOLDER and entry.is_dir):
            continue
        if entry.name == "sessions" and entry.is_dir:
            for session in s.folder.entries(entry.path):
                if not session.name.startswith(".") and not _SESSION_NAME.match(session.name):
                    out.append(
                        Problem(
                            s.folder.relative(session.path),
                            "not a session record (expected sessions/YYYY-MM-DD[-n].yaml)",
                        )
                    )
            continue
        allowed = (", ".join(sorted(PAIR_FILES))
                   + f", {Responses.FILE}, sessions/, {CheckIn.FOLDER}/")
        out.append(
            Problem(s.folder.relative(entry.path), f"not a toolkit form (expected {allowed})")
        )
    return out


def _found(s: Loaded, issues: list[toolkit.Issue], where: str) -> list[Problem]:
    """The issues as problems, with the line each is on (the file is read again only then)."""
    if not issues:
        return []
    text, _ = yamlio.read(s.folder.inside(where))
    return toolkit.problems_of(issues, where, text)


def _rules(s: Loaded, forms: PairRecord, today: dt.date) -> list[Problem]:
    base = f"relationships/{forms.id}"
    out: list[Problem] = []
    for name, session in forms.sessions:
        where = f"{base}/sessions/{name}.yaml"
        out += _found(
            s, toolkit.session_issues(forms.relationship, forms.goals, session, today), where
        )
        if not name.startswith(session.date.isoformat()):
            out.append(
                Problem(where, f"dated {session.date} but named for {name[:10]}", field="date")
            )
    if forms.action_plan is not None:
        out += _found(
            s,
            toolkit.plan_issues(forms.action_plan, forms.goals, [n for n, _ in forms.sessions])
            + toolkit.happened_issues(forms.relationship, forms.action_plan, today),
            f"{base}/action-plan.yaml",
        )
    if forms.needs_analysis is not None:
        out += _found(s, toolkit.happened_issues(forms.relationship, forms.needs_analysis,
                                                 today), f"{base}/{NeedsAnalysis.FILE}")
    for who, evaluation in forms.evaluations.items():
        where = f"{base}/{Evaluation.file_for(who)}"
        out += _found(s, toolkit.evaluation_issues(evaluation, forms.goals)
                      + toolkit.happened_issues(forms.relationship, evaluation, today), where)
    return out

