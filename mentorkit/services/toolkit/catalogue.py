"""The toolkit's forms (Tools 1–6) as a catalogue: each form's name, title, model and
command, its blank copy with the toolkit's guidance as comments, and `forms list/copy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import NotFound
from mentorkit.models.base import FileModel
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)
from mentorkit.store import yamlio
from mentorkit.store.resources import templates_dir


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


# -- blank forms to copy out -----------------------------------------------------------------
@dataclass
class FormList:
    JSON_KIND: ClassVar[str] = "forms"  # the --json envelope (render/envelope.py)

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
    JSON_KIND: ClassVar[str] = "form-copy"  # the --json envelope (render/envelope.py)

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
