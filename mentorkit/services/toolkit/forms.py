"""Filling the toolkit's forms (Tools 1–6): from options, answers, a YAML file or $EDITOR.

Every way of filling ends in `_submit`, which applies the rules across files
(services/toolkit.py), writes under the program's lock and reports what changed.
A session's agreed actions join the action plan, and the first session logged starts
a proposed relationship.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from mentorkit.errors import Conflict, InvalidFile, InvalidInput, NotFound, Problem
from mentorkit.models.base import PAIR_ID_PATTERN, FileModel, plain
from mentorkit.models.toolkit import (
    Action,
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    ProgramRatings,
    RelationshipRatings,
    SessionRecord,
)
from mentorkit.services import resolve
from mentorkit.services.inputs import build
from mentorkit.services.toolkit import rules as toolkit
from mentorkit.services.toolkit.rules import PairForms, load_pair, raise_issues
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder, validate
from mentorkit.store.resources import templates_dir
from mentorkit.vocab import (
    Achieved,
    ActionStatus,
    GoalStatus,
    MeetingKind,
    MentorFunction,
    Owner,
    Respondent,
)

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Form:
    name: str  # templates/forms/<name>.yaml, `mentorkit forms copy NAME`
    title: str
    model: type[FileModel]
    command: str  # the command that fills it
    about: str


FORMS: dict[str, Form] = {
    f.name: f
    for f in (
        Form(
            "needs-analysis",
            "Tool 1 — Needs analysis",
            NeedsAnalysis,
            "needs-analysis",
            "first meeting: what the mentee wants, what each side hopes for and brings",
        ),
        Form(
            "goals",
            "Tool 2 — Goals",
            Goals,
            "goals",
            "up to five goals, specific and realistic for the time you have",
        ),
        Form(
            "action-plan",
            "Tool 3 — Action plan",
            ActionPlan,
            "action-plan",
            "for each goal, the actions and when each is scheduled",
        ),
        Form(
            "session",
            "Tool 4 — Session record",
            SessionRecord,
            "log-session",
            "one meeting: progress, issues, learnings, actions, the next date",
        ),
        Form(
            "evaluation",
            "Tool 5 — Evaluation",
            Evaluation,
            "evaluate",
            "at the end, answered by mentor and mentee separately",
        ),
        Form(
            "partnership-ideas",
            "Tool 6 — Partnership ideas",
            PartnershipIdeas,
            "partnership",
            "ideas for a lasting professional relationship",
        ),
    )
}


def form(name: str) -> Form:
    if name not in FORMS:
        raise NotFound(f"no form {name!r}", f"The forms: {', '.join(FORMS)}.")
    return FORMS[name]


def form_of(model: type[FileModel]) -> Form:
    return next(f for f in FORMS.values() if f.model is model)


def template_path(name: str) -> Path:
    return templates_dir() / "forms" / f"{form(name).name}.yaml"


def blank(name: str) -> str:
    """The blank form, with the toolkit's guidance as comments."""
    text, _ = yamlio.read(template_path(name))
    return text


_KEY_LINE = re.compile(r"^(\s*)(- )?([A-Za-z_]+):(.*)$")


def guidance(name: str) -> dict[str, str]:
    """The guidance for each field of a form: the comments above (and beside) it in the
    blank form. Keys are dotted paths without list indexes: `goals.statement`."""
    found: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    comments: list[str] = []
    for line in blank(name).splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped.lstrip("#").strip())
            continue
        match = _KEY_LINE.match(line)
        if not match:
            comments = []
            continue
        indent = len(match.group(1)) + (2 if match.group(2) else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        key = ".".join([k for _, k in stack] + [match.group(3)])
        stack.append((indent, match.group(3)))
        beside = match.group(4).partition("#")[2].strip()
        text = " ".join([*comments, beside]).strip()
        if text:
            found[key] = text
        comments = []
    return found


@dataclass
class FormResult:
    """A form written (or left as it was) in a relationship's folder."""

    pair: str
    form: str
    path: str
    action: str  # created, updated, unchanged, logged
    document: FileModel
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "pair": self.pair,
            "form": self.form,
            "file": self.path,
            "action": self.action,
            "notes": self.notes,
            "document": self.document.to_document(),
        }


# -- the pair and its forms ----------------------------------------------------------------
def open_pair(folder: ProgramFolder, query: str) -> PairForms:
    """Resolve PAIR (an id, a prefix, or either person) and load its forms."""
    if is_pair_id(query) and folder.has_relationship(query):  # the common case
        return load_pair(folder, query)
    # A broken file elsewhere in the program does not stop this pair's work; it only
    # matters when it might be the pair asked for.
    relationships, broken = folder.scan_relationships()
    people, broken_people = folder.scan_participants()
    try:
        pair = resolve.pair(query, relationships, people)
    except NotFound:
        if broken or broken_people:
            raise InvalidFile(broken + broken_people) from None
        raise
    forms, problems = toolkit.scan_pair(folder, pair, relationships[pair])
    if problems:
        raise InvalidFile(problems)
    return forms


def is_pair_id(text: str) -> bool:
    return re.fullmatch(PAIR_ID_PATTERN, text) is not None


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def next_id(prefix: str, taken: set[str]) -> str:
    numbers = [int(i[len(prefix) :]) for i in taken if re.fullmatch(rf"{prefix}\d+", i)]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _build(model: type[FileModel], data: dict[str, Any]) -> Any:
    data = {"kind": model.KIND, **data}
    try:
        return build(model, data)
    except InvalidInput as exc:
        if not _only_missing(model, data):
            raise  # a value that was given is wrong: its own message says how
        raise InvalidInput(
            exc.message, "Give it as an option (see --help), or run on a terminal to be asked."
        ) from None


def _only_missing(model: type[FileModel], data: dict[str, Any]) -> bool:
    """Whether all that is wrong is a required value not given."""
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as exc:
        return all(error["type"] == "missing" for error in exc.errors())
    return False


# -- Tool 1 ----------------------------------------------------------------------------------
def fill_needs(
    folder: ProgramFolder, query: str, changes: dict[str, Any], today: dt.date | None = None
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        data = forms.needs.model_dump() if forms.needs else {"date": _today(today)}
        data.update({k: v for k, v in changes.items() if v is not None})
        return _submit(folder, forms, _build(NeedsAnalysis, data), today=today)


# -- Tool 2 ----------------------------------------------------------------------------------
def fill_goals(
    folder: ProgramFolder,
    query: str,
    *,
    add: list[dict[str, Any]] | None = None,
    status: dict[str, GoalStatus] | None = None,
    progress: dict[str, int] | None = None,
    drop: list[str] | None = None,
    remove: list[str] | None = None,
    today: dt.date | None = None,
) -> FormResult:
    status, progress = dict(status or {}), dict(progress or {})
    with folder.locked():
        forms = open_pair(folder, query)
        goals = [g.model_dump() for g in forms.goals.goals] if forms.goals else []
        by_id = {g["id"]: g for g in goals}
        for goal_id in [*status, *progress, *(drop or []), *(remove or [])]:
            if goal_id not in by_id:
                raise InvalidInput(toolkit.no_goal(goal_id, forms.goals))
        for goal_id, value in status.items():
            by_id[goal_id]["status"] = value
        for goal_id, number in progress.items():
            by_id[goal_id]["progress"] = number
        for goal_id in drop or []:
            by_id[goal_id]["status"] = GoalStatus.DROPPED
        goals = [g for g in goals if g["id"] not in set(remove or [])]
        for new in add or []:
            goals.append({"id": next_id("g", set(by_id)), **new})
            by_id[goals[-1]["id"]] = goals[-1]
        return _submit(folder, forms, _build(Goals, {"goals": goals}), today=today)


# -- Tool 3 ----------------------------------------------------------------------------------
def fill_plan(
    folder: ProgramFolder,
    query: str,
    *,
    add: list[dict[str, Any]] | None = None,
    status: dict[str, ActionStatus] | None = None,
    done: dict[str, dt.date | None] | None = None,
    today: dt.date | None = None,
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        actions = [a.model_dump() for a in forms.plan.actions] if forms.plan else []
        by_id = {a["id"]: a for a in actions}
        changes = {**(status or {}), **{k: ActionStatus.DONE for k in done or {}}}
        for action_id, value in changes.items():
            if action_id not in by_id:
                known = ", ".join(by_id) or "none yet"
                raise InvalidInput(f"there is no action {action_id} (actions: {known})")
            by_id[action_id]["status"] = value
            by_id[action_id]["done_date"] = (
                (done or {}).get(action_id) or by_id[action_id]["done_date"] or _today(today)
                if value is ActionStatus.DONE
                else None
            )
        for new in add or []:
            actions.append({"id": next_id("a", set(by_id)), **new})
            by_id[actions[-1]["id"]] = actions[-1]
        return _submit(folder, forms, _build(ActionPlan, {"actions": actions}), today=today)


# -- Tool 4 ----------------------------------------------------------------------------------
def session_defaults(
    folder: ProgramFolder, forms: PairForms, today: dt.date | None
) -> dict[str, Any]:
    """What a new session record starts with: today, the program's usual length, and
    `first` for the pair's first meeting."""
    return {
        "date": _today(today),
        "duration_minutes": folder.load_program().session_minutes,
        "meeting": MeetingKind.REGULAR if forms.sessions else MeetingKind.FIRST,
    }


def session_date_problem(
    forms: PairForms, day: dt.date, today: dt.date | None = None
) -> str | None:
    """Why `day` cannot be the date of a session of this pair (None: it can), so that a
    prompt can ask again at once rather than after every other question."""
    problems = toolkit.date_issues(forms.relationship, day, _today(today))
    return problems[0] if problems else None


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


def log_session(
    folder: ProgramFolder, query: str, fields: dict[str, Any], today: dt.date | None = None
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        defaults = session_defaults(folder, forms, today)
        data = defaults | {k: v for k, v in fields.items() if v is not None}
        result = _submit(folder, forms, _build(SessionRecord, data), today=today)
        if fields.get("duration_minutes") is None:
            result.notes.append(
                f"duration: {data['duration_minutes']} minutes, the program's usual length "
                "(give --duration to record another)"
            )
        return result


# -- Tool 5 ----------------------------------------------------------------------------------
PROGRAM_RATINGS = tuple(ProgramRatings.model_fields)
RELATIONSHIP_RATINGS = tuple(RelationshipRatings.model_fields)


def fill_evaluation(
    folder: ProgramFolder,
    query: str,
    respondent: Respondent,
    fields: dict[str, Any],
    today: dt.date | None = None,
) -> FormResult:
    """`fields`: the Evaluation's fields, with ratings flat (goals_clear=4, grew=5...)."""
    with folder.locked():
        forms = open_pair(folder, query)
        before = forms.evaluations.get(respondent)
        data: dict[str, Any] = (
            before.model_dump() if before else {"respondent": respondent, "date": _today(today)}
        )
        given = {k: v for k, v in fields.items() if v is not None}
        for group, names in (("program", PROGRAM_RATINGS), ("relationship", RELATIONSHIP_RATINGS)):
            ratings = {k: given.pop(k) for k in names if k in given}
            data[group] = {**data.get(group, {}), **ratings}
        outcomes = given.pop("goals", [])
        data["goals"] = _merge_outcomes(data.get("goals", []), outcomes, forms.goals)
        data.update(given)
        return _submit(folder, forms, _build(Evaluation, data), today=today)


def _merge_outcomes(
    old: list[dict[str, Any]], new: list[dict[str, Any]], goals: Goals | None
) -> list[dict[str, Any]]:
    """Outcomes by goal: a new answer about a goal replaces the old one."""
    merged = list(old)
    for outcome in new:
        outcome = dict(outcome)
        goal = goals.get(outcome["goal"]) if goals and outcome.get("goal") else None
        if outcome.get("goal") and goal is None:
            raise InvalidInput(toolkit.no_goal(outcome["goal"], goals))
        if goal is not None:
            outcome.setdefault("statement", goal.statement)
        key = outcome.get("goal") or outcome.get("statement")
        merged = [o for o in merged if (o.get("goal") or o.get("statement")) != key]
        merged.append(outcome)
    return merged


# -- Tool 6 ----------------------------------------------------------------------------------
def fill_ideas(
    folder: ProgramFolder, query: str, add: list[dict[str, Any]], today: dt.date | None = None
) -> FormResult:
    with folder.locked():
        forms = open_pair(folder, query)
        ideas = [i.model_dump() for i in forms.ideas.ideas] if forms.ideas else []
        return _submit(folder, forms, _build(PartnershipIdeas, {"ideas": ideas + add}), today=today)


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
    data = yamlio.parse(text, source)
    if isinstance(data, dict):
        data = without_blanks(data)
        data.setdefault("schema_version", spec.model.SCHEMA_VERSION)
        data.setdefault("kind", spec.model.KIND)
        _number_items(data, "goals", "g", spec.model is Goals)
        _number_items(data, "actions", "a", spec.model is ActionPlan)
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
        return _submit(folder, forms, document, text=text, source=source, today=today)


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
    existing = {
        "needs-analysis": forms.needs,
        "goals": forms.goals,
        "action-plan": forms.plan,
        "evaluation": forms.evaluations.get(respondent) if respondent else None,
        "partnership-ideas": forms.ideas,
    }.get(spec.name)
    context = [f"{spec.title} for {forms.id}. Lines starting with #! are not saved."]
    if spec.name in {"action-plan", "session", "evaluation"} and forms.goals:
        context.append("This pair's goals now:")
        context += [
            f"  {g.id}  {g.status.value:<11} {g.progress:>3}%  {g.statement}"
            for g in forms.current_goals()
        ]
    if existing is not None:
        filename = Evaluation.file_for(respondent) if respondent else spec.model.FILE  # type: ignore[attr-defined]
        text, _ = yamlio.read(folder.form_path(forms.id, filename))
        return forms.id, text, context
    values: dict[str, Any] = {"date": _today(today)}
    if spec.model is SessionRecord:
        refuse_closed(forms)  # before anything is typed, not after
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


# -- the one place a form is checked across files and written --------------------------------
def _submit(
    folder: ProgramFolder,
    forms: PairForms,
    document: FileModel,
    *,
    text: str | None = None,
    source: str | None = None,
    today: dt.date | None = None,
) -> FormResult:
    pair = forms.id
    if isinstance(document, SessionRecord):
        return _submit_session(folder, forms, document, text, source, _today(today))
    notes: list[str] = []
    filename: str = getattr(document, "FILE", "")
    issues: list[toolkit.Issue] = []
    if isinstance(document, Goals):
        issues += toolkit.removed_goal_issues(forms.goals, document, forms.sessions, forms.plan)
        notes += _overruled(forms, document)
    elif isinstance(document, ActionPlan):
        issues += toolkit.plan_issues(document, forms.goals, [n for n, _ in forms.sessions])
    elif isinstance(document, Evaluation):
        issues += toolkit.evaluation_issues(document, forms.goals)
        filename = Evaluation.file_for(document.respondent)
    path = folder.form_path(pair, filename)
    raise_issues(issues, source or folder.relative(path), text)
    before = folder.load_form(pair, type(document), filename)
    if before is None and not any(document.model_dump(exclude={"schema_version", "kind"}).values()):
        action = "unchanged"  # nothing was given: no empty form is written
    elif before is None:
        action = "created"
    elif before == document and text is None:
        action = "unchanged"
    else:
        action = "updated"
    if action != "unchanged":
        folder.save_form(pair, document, filename, text=text)
    return FormResult(
        pair, form_of(type(document)).name, folder.relative(path), action, document, notes
    )


def _overruled(forms: PairForms, goals: Goals) -> list[str]:
    """Statuses set in goals.yaml that a later session report overrides (latest-session rule)."""
    notes = []
    for goal, now in zip(goals.goals, toolkit.current_goals(goals, forms.records), strict=True):
        before = forms.goals.get(goal.id) if forms.goals else None
        if before is not None and before.status != goal.status and now.status != goal.status:
            notes.append(
                f"{goal.id}: the latest session reports it {now.status.value}, and sessions "
                "count: record progress with `mentorkit log-session` (or --drop it)"
            )
    return notes


def refuse_closed(forms: PairForms) -> None:
    r = forms.relationship
    if not r.status.is_open:
        raise Conflict(
            f"{forms.id} is {r.status.value} (closed {r.ended}); "
            "a closed relationship takes no more sessions",
            f"Reopen it first: mentorkit reopen {forms.id} --reason TEXT",
        )


def _submit_session(
    folder: ProgramFolder,
    forms: PairForms,
    session: SessionRecord,
    text: str | None,
    source: str | None,
    today: dt.date,
) -> FormResult:
    from mentorkit.services.toolkit import lifecycle
    from mentorkit.services.toolkit.corrections import refuse_duplicate

    pair, relationship = forms.id, forms.relationship
    refuse_closed(forms)
    refuse_duplicate(forms, session)
    path = folder.new_session_path(pair, session.date)
    issues = toolkit.session_issues(relationship, forms.goals, session, today)
    raise_issues(issues, source or folder.relative(path), text)
    folder.save(path, session, private=True, text=text)
    notes = []
    if session.actions:
        plan = forms.plan or ActionPlan(kind="action-plan")
        taken = {a.id for a in plan.actions}
        added = []
        for agreed in session.actions:
            action = Action(id=next_id("a", taken), from_session=path.stem, **agreed.model_dump())
            taken.add(action.id)
            added.append(action)
        folder.save_form(pair, ActionPlan(kind="action-plan", actions=[*plan.actions, *added]))
        notes.append(
            f"{len(added)} agreed action(s) joined the action plan: "
            + ", ".join(a.id for a in added)
        )
    if relationship.status.value == "proposed":
        folder.save_relationship(
            lifecycle.started(relationship, session.date, "first session logged")
        )
        notes.append(f"the relationship is now active (started {session.date})")
    return FormResult(pair, "session", folder.relative(path), "logged", session, notes)


# -- option values like "STATEMENT|MEASURE|2026-03-01|networking" ----------------------------
def _parts(option: str, text: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if not parts[0]:
        raise InvalidInput(f"{option} {text!r}: the first part cannot be empty")
    return parts


_DATE_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _date(text: str, where: str = "") -> dt.date | None:
    """A date, or None for a part that is no date. A part shaped like a date that is not
    one (2026-02-30) is an error, not some other field. `where` starts the message."""
    shaped = _DATE_SHAPE.fullmatch(text)
    if shaped is None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return dt.date(*(int(n) for n in shaped.groups()))
    except ValueError:
        prefix = f"{where}: " if where else ""
        raise InvalidInput(f"{prefix}{text!r} is not a real date (YYYY-MM-DD)") from None


def _time(text: str) -> dt.time | None:
    if not re.fullmatch(r"\d{1,2}:\d{2}", text):
        return None
    try:
        return dt.time.fromisoformat(text.zfill(5))
    except ValueError:
        return None


def _word(kind: Any, text: str) -> Any:
    folded = "-".join(text.casefold().replace("_", "-").split())
    return next((m for m in kind if m.value == folded), None)


def _percent(text: str, where: str = "") -> int | None:
    """0-100 (a trailing % allowed), or None for a part that is no number. A number outside
    0-100 is an error, not a note. `where` starts the message."""
    match = re.fullmatch(r"([-+]?\d+)\s*%?", text)
    if match is None:
        return None
    number = int(match.group(1))
    if not 0 <= number <= 100:
        prefix = f"{where}: " if where else ""
        raise InvalidInput(f"{prefix}{match.group(1)} is not 0–100")
    return number


def _too_many(option: str, text: str, what: str) -> InvalidInput:
    return InvalidInput(f"{option} {text!r}: more than one {what}", _FORMATS[option])


_FORMATS = {
    "--goal": "Write --goal 'STATEMENT|HOW MEASURED|TARGET DATE|MENTOR FUNCTION' "
    "(only the statement is needed).",
    "--action": "Write --action 'DESCRIPTION|DATE|OWNER|GOAL|HH:MM' (description and date "
    "needed; the rest in any order).",
    "--progress": "Write --progress 'GOAL|STATUS|PERCENT|NOTE', e.g. 'g1|in-progress|40'.",
    "--issue": "Write --issue 'ISSUE|POSSIBLE SOLUTION'.",
    "--outcome": "Write --outcome 'GOAL|yes, partly or no|WHY NOT', e.g. 'g2|partly|no budget'.",
    "--idea": "Write --idea 'IDEA|WHAT IT NEEDS; ANOTHER NEED|DATE'.",
}


def parse_goal(text: str) -> dict[str, Any]:
    """'STATEMENT|MEASURE|2026-05-01|networking' (anything after the statement by its shape)."""
    first, *rest = _parts("--goal", text)
    goal: dict[str, Any] = {"statement": first}
    value: Any
    for part in filter(None, rest):
        if (day := _date(part, f"--goal {text!r}")) is not None:
            key, value = "target_date", day
        elif (function := _word(MentorFunction, part)) is not None:
            key, value = "function", function
        else:
            key, value = "measure", part
        if key in goal:
            raise _too_many("--goal", text, key.replace("_", " "))
        goal[key] = value
    return goal


def parse_action(text: str, option: str = "--action") -> dict[str, Any]:
    """'DESCRIPTION|2026-03-01|mentee|g1|14:30' (after the description, any order)."""
    first, *rest = _parts(option, text)
    action: dict[str, Any] = {"description": first}
    value: Any
    for part in filter(None, rest):
        if (day := _date(part, f"{option} {text!r}")) is not None:
            key, value = "date", day
        elif (at := _time(part)) is not None:
            key, value = "time", at
        elif (owner := _word(Owner, part)) is not None:
            key, value = "owner", owner
        elif re.fullmatch(r"[A-Za-z0-9-]{1,40}", part):
            key, value = "goal", part.lower()
        else:
            raise InvalidInput(
                f"{option} {text!r}: {part!r} is not a date, time, owner or goal",
                _FORMATS["--action"],
            )
        if key == "goal" and "goal" in action and not any(_date(p) for p in rest if p):
            # two goal-like words and no date: one of them was meant as the date
            raise InvalidInput(
                f"{option} {text!r}: no date it is due, and {action['goal']!r} and {part!r} "
                "cannot both be the goal; write the date as YYYY-MM-DD",
                _FORMATS["--action"],
            )
        if key in action:
            raise _too_many(option, text, key)
        action[key] = value
    if "date" not in action:
        raise InvalidInput(
            f"{option} {text!r}: give the date it is due (YYYY-MM-DD)", _FORMATS["--action"]
        )
    return action


def parse_progress(text: str) -> dict[str, Any]:
    """'g1|in-progress|40|Ran the first huddle'."""
    first, *rest = _parts("--progress", text)
    report: dict[str, Any] = {"goal": first.lower()}
    for part in filter(None, rest):
        if (status := _word(GoalStatus, part)) is not None and "status" not in report:
            report["status"] = status
        elif (number := _percent(part, f"--progress {text!r}")) is not None and (
            "progress" not in report
        ):
            report["progress"] = number
        elif "note" not in report:
            report["note"] = part
        else:
            raise _too_many("--progress", text, "note")
    if "status" not in report:
        allowed = ", ".join(s.value for s in GoalStatus)
        raise InvalidInput(
            f"--progress {text!r}: give the goal's status ({allowed})", _FORMATS["--progress"]
        )
    return report


def parse_issue(text: str) -> dict[str, Any]:
    first, *rest = _parts("--issue", text)
    if len(rest) > 1:
        raise _too_many("--issue", text, "solution")
    return {"issue": first, "possible_solution": rest[0] if rest else ""}


def parse_outcome(text: str) -> dict[str, Any]:
    """'g2|partly|the audit moved to next quarter' (a goal id, or the goal's words)."""
    first, *rest = _parts("--outcome", text)
    outcome: dict[str, Any] = {}
    if re.fullmatch(r"[A-Za-z]?\d{1,3}", first):
        outcome["goal"] = first.lower()
    else:
        outcome["statement"] = first
    for part in filter(None, rest):
        if (achieved := _word(Achieved, part)) is not None and "achieved" not in outcome:
            outcome["achieved"] = achieved
        elif "why_not" not in outcome:
            outcome["why_not"] = part
        else:
            raise _too_many("--outcome", text, "reason")
    if "achieved" not in outcome:
        raise InvalidInput(
            f"--outcome {text!r}: say whether it was achieved (yes, partly, no)",
            _FORMATS["--outcome"],
        )
    return outcome


def parse_idea(text: str) -> dict[str, Any]:
    first, *rest = _parts("--idea", text)
    idea: dict[str, Any] = {"idea": first, "needs": []}
    for part in filter(None, rest):
        if (day := _date(part, f"--idea {text!r}")) is not None and "date" not in idea:
            idea["date"] = day
        else:
            idea["needs"] += [n.strip() for n in part.split(";") if n.strip()]
    return idea


def _assignment(option: str, text: str, example: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise InvalidInput(f"{option} {text!r}: write ID=VALUE, e.g. {example}")
    return key.strip().lower(), value.strip()


def parse_setting(option: str, text: str, kind: type[E]) -> tuple[str, E]:
    """'g1=achieved' -> ('g1', GoalStatus.ACHIEVED); the same for actions' statuses."""
    key, value = _assignment(option, text, f"{_key_example(kind)}={next(iter(kind)).value}")
    found = _word(kind, value)
    if found is None:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidInput(
            f"{option} {text!r}: {value!r} is not a status", f"Use one of: {allowed}."
        )
    return key, found


def _key_example(kind: type[Any]) -> str:
    return "a1" if kind is ActionStatus else "g1"


def parse_percent_setting(text: str) -> tuple[str, int]:
    """'g1=40' -> ('g1', 40)."""
    key, value = _assignment("--progress", text, "g1=40")
    try:
        number = _percent(value)
    except InvalidInput:
        number = None
    if number is None:
        raise InvalidInput(f"--progress {text!r}: give a number from 0 to 100")
    return key, number


def parse_done(text: str) -> tuple[str, dt.date | None]:
    """'a1' (done today) or 'a1=2026-03-02'."""
    key, sep, value = text.partition("=")
    day = _date(value.strip(), f"--done {text!r}") if sep else None
    if sep and day is None:
        raise InvalidInput(f"--done {text!r}: write the date as YYYY-MM-DD, e.g. a1=2026-03-02")
    return key.strip().lower(), day


# -- blank forms to copy out -----------------------------------------------------------------
@dataclass
class FormList:
    forms: list[Form]

    def to_json(self) -> dict[str, Any]:
        return {
            "forms": [
                {
                    "name": f.name,
                    "title": f.title,
                    "command": f.command,
                    "about": f.about,
                    "template": str(template_path(f.name)),
                }
                for f in self.forms
            ]
        }


@dataclass
class CopyResult:
    form: str
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {"form": self.form, "path": str(self.path)}


def list_forms() -> FormList:
    return FormList(list(FORMS.values()))


def copy_form(name: str, dest: Path | None = None) -> CopyResult:
    """Copy a blank form out (to DEST, a folder, or ./<name>.yaml); never overwrites."""
    from mentorkit.store.exports import write_new

    text = blank(name)
    target = write_new(dest or Path.cwd(), f"{name}.yaml", text, command="forms copy")
    return CopyResult(name, target)
