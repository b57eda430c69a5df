"""A whole form typed as YAML: `--from FILE`, `--edit` in $EDITOR, and the drafts kept
when prompted answers could not be saved.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import FileModel, plain
from mentorkit.models.pair import file_of
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    SessionRecord,
)
from mentorkit.services.toolkit.catalogue import blank, form
from mentorkit.services.toolkit.fill import session_defaults
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.services.toolkit.submit import FormResult, next_id, or_today, refuse_session, submit
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder, validate
from mentorkit.vocab import (
    Respondent,
)


def save_session_draft(folder: ProgramFolder, pair: str, fields: dict[str, Any]) -> Path:
    """Keep answers that could not be saved as a session form in .mentorkit/, to correct
    and save with `mentorkit log-session PAIR --from DRAFT`."""
    import os

    data = {"kind": SessionRecord.KIND, **{k: v for k, v in fields.items() if v is not None}}
    text = (
        f"# Answers for a session of {pair}, NOT saved yet. Correct them and save with:\n"
        f"#   mentorkit log-session {pair} --from THIS-FILE\n" + yamlio.dump(plain(data))
    )
    return folder.write_scratch(f"draft-session-{pair}-{os.getpid()}.yaml", text)


# -- a whole form as YAML text (--from FILE, --edit) ----------------------------------------
def submit_file(
    folder: ProgramFolder,
    query: str,
    name: str,
    path: Path,
    *,
    respondent: Respondent | None = None,
    today: dt.date | None = None,
) -> FormResult:
    text, _ = yamlio.read(path)
    return submit_text(
        folder, query, name, text, source=str(path), respondent=respondent, today=today
    )


def submit_text(
    folder: ProgramFolder,
    query: str,
    name: str,
    text: str,
    *,
    source: str,
    respondent: Respondent | None = None,
    today: dt.date | None = None,
) -> FormResult:
    """Check a whole form typed as YAML and save it. Empty values count as not answered;
    an item left wholly empty is ignored; goals and actions without an id get the next."""
    spec = form(name)
    data = read_whole_form(spec.model, text, source)
    with folder.locked():
        forms = open_pair(folder, query)
        if spec.model is Evaluation and isinstance(data, dict):
            _outcome_statements(data, forms.goals)
        if spec.model is SessionRecord and isinstance(data, dict) and "meeting" not in data:
            # as with options: a pair's first session is the `first` meeting
            data["meeting"] = session_defaults(folder, forms, today)["meeting"]
        document = validate(data, spec.model, path=source, text=text)
        if (
            isinstance(document, Evaluation)
            and respondent
            and document.respondent is not respondent
        ):
            line = yamlio.line_of(text, ["respondent"])
            raise InvalidFile(
                [
                    Problem(
                        source,
                        f"this is the {document.respondent.value}'s evaluation, not the "
                        f"{respondent.value}'s",
                        field="respondent",
                        line=line,
                    )
                ]
            )
        return submit(folder, forms, document, text=text, source=source, today=today)


def read_whole_form(model: type[FileModel], text: str, source: str) -> Any:
    """A whole form typed as YAML, as data to check against `model`: a blank form filled
    in only in part reads as the answers given (`without_blanks`), goals and actions
    without an id get the next."""
    data = yamlio.parse(text, source)
    if isinstance(data, dict):
        data = without_blanks(data)
        data.setdefault("schema_version", model.SCHEMA_VERSION)
        data.setdefault("kind", model.KIND)
        _number_items(data, "goals", "g", model is Goals)
        _number_items(data, "actions", "a", model is ActionPlan)
    return data


def _outcome_statements(data: dict[str, Any], goals: Goals | None) -> None:
    """An outcome that names a goal by id need not copy out its words."""
    for outcome in data.get("goals") or []:
        if isinstance(outcome, dict) and not outcome.get("statement") and goals:
            goal = goals.get(str(outcome.get("goal")))
            if goal is not None:
                outcome["statement"] = goal.statement


def without_blanks(value: Any) -> Any:
    """Drop keys with no value, and list items with nothing filled in."""
    if isinstance(value, dict):
        return {k: without_blanks(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        kept = [without_blanks(v) for v in value if v is not None]
        return [v for v in kept if v != {}]
    return value


def _number_items(data: dict[str, Any], key: str, prefix: str, applies: bool) -> None:
    items = data.get(key)
    if not applies or not isinstance(items, list):
        return
    taken = {str(i["id"]) for i in items if isinstance(i, dict) and i.get("id") is not None}
    for item in items:
        if isinstance(item, dict) and item.get("id") is None:
            item["id"] = next_id(prefix, taken)
            taken.add(item["id"])


def edit_start(
    folder: ProgramFolder,
    query: str,
    name: str,
    *,
    respondent: Respondent | None = None,
    today: dt.date | None = None,
) -> tuple[str, str, list[str]]:
    """What to open in $EDITOR: the form as it is on file (log-session: a new record), or
    the blank form with what is known filled in. Returns (pair, text, context lines)."""
    spec = form(name)
    forms = open_pair(folder, query)
    filename = file_of(spec.model, respondent)
    existing = forms.form(filename) if filename else None
    context = [f"{spec.title} for {forms.id}. Lines starting with #! are not saved."]
    if spec.name in {"action-plan", "session", "evaluation"} and forms.goals:
        context.append("This pair's goals now:")
        context += [
            f"  {g.id}  {g.status.value:<11} {g.progress:>3}%  {g.statement}"
            for g in forms.current_goals()
        ]
    if filename and existing is not None:
        text, _ = yamlio.read(folder.form_path(forms.id, filename))
        return forms.id, text, context
    values: dict[str, Any] = {"date": or_today(today)}
    if spec.model is SessionRecord:
        refuse_session(folder, forms)  # before anything is typed, not after
        values = session_defaults(folder, forms, today)
    if respondent is not None:
        values["respondent"] = respondent
    return forms.id, prefill(blank(name), values), context


def prefill(text: str, values: dict[str, Any]) -> str:
    """Put values on the blank top-level lines of a blank form (`date:` -> `date: 2026-03-01`)."""
    for key, value in values.items():
        shown = value.value if hasattr(value, "value") else value

        def fill(match: re.Match[str], shown: Any = shown) -> str:
            beside = f"  {match.group(2)}" if match.group(2) else ""
            return f"{match.group(1)} {shown}{beside}"

        text = re.sub(
            rf"^({re.escape(key)}:)[ \t]*(#.*)?$", fill, text, count=1, flags=re.MULTILINE
        )
    return text
