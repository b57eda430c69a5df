"""Create a program folder (`mentorkit init`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorkit.errors import Conflict, NotFound
from mentorkit.models.program import Program
from mentorkit.resources import program_templates
from mentorkit.store import atomic, yamlio
from mentorkit.store.folder import PARTICIPANTS, PROGRAM_FILE, RELATIONSHIPS, STATE
from mentorkit.store.folder import ProgramFolder, validate

GITIGNORE = f"# mentorkit's lock and caches: never edit, never commit\n{STATE}/\n"


@dataclass
class InitResult:
    root: Path
    program: Program
    template: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "root": str(self.root),
            "template": self.template,
            "program": self.program.to_document(),
        }


def template_defaults(name: str) -> dict[str, Any]:
    """The fields of a starter in templates/programs/ (name and start date left to init)."""
    templates = program_templates()
    if name not in templates:
        raise NotFound(
            f"no program template {name!r}",
            f"Available: {', '.join(templates) or 'none'}.",
        )
    path = templates[name]
    text, data = yamlio.read(path)
    data = dict(data)
    data.setdefault("name", "Template")
    data.setdefault("start_date", dt.date.today().isoformat())
    validate(data, Program, path=path, text=text)  # a broken starter is a bug, say so early
    data.pop("name")
    data.pop("start_date")
    return data


def create_program(target: Path, fields: dict[str, Any], template: str | None) -> InitResult:
    """Write program.yaml, participants/, relationships/ and .gitignore; never overwrite."""
    target = target.expanduser().resolve()
    if (target / PROGRAM_FILE).exists():
        raise Conflict(
            f"{target / PROGRAM_FILE} already exists; init never overwrites a program",
            "Edit program.yaml by hand, or choose an empty folder.",
        )
    data: dict[str, Any] = template_defaults(template) if template else {}
    data.update({k: v for k, v in fields.items() if v is not None})
    data.setdefault("name", target.name.replace("-", " ").replace("_", " ").title())
    data.setdefault("start_date", dt.date.today())
    program = Program.model_validate({"kind": "program", **data})

    target.mkdir(parents=True, exist_ok=True)
    folder = ProgramFolder(target)
    with folder.locked():
        if folder.program_path.exists():  # created while we waited for the lock
            raise Conflict(f"{folder.program_path} already exists")
        (target / PARTICIPANTS).mkdir(exist_ok=True)
        (target / RELATIONSHIPS).mkdir(exist_ok=True)
        gitignore = target / ".gitignore"
        if not gitignore.exists():
            atomic.write_text(gitignore, GITIGNORE)
        elif f"{STATE}/" not in gitignore.read_text(encoding="utf-8"):
            atomic.write_text(gitignore, gitignore.read_text(encoding="utf-8") + GITIGNORE)
        folder.save_program(program)
    return InitResult(root=target, program=program, template=template)
