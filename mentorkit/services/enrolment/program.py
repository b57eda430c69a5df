"""Create a program folder (`mentorkit init`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from mentorkit.errors import Conflict, NotFound
from mentorkit.models.program import Program
from mentorkit.services.inputs import build
from mentorkit.store import yamlio
from mentorkit.store.folder import PROGRAM_FILE, ProgramFolder, validate
from mentorkit.store.resources import program_templates


@dataclass
class InitResult:
    JSON_KIND: ClassVar[str] = "program"  # the --json envelope (render/envelope.py)

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
    if ProgramFolder(target).has_program():
        raise Conflict(
            f"{target / PROGRAM_FILE} already exists; init never overwrites a program",
            "Edit program.yaml by hand, or choose an empty folder.",
        )
    data: dict[str, Any] = template_defaults(template) if template else {}
    data.update({k: v for k, v in fields.items() if v is not None})
    data.setdefault("name", target.name.replace("-", " ").replace("_", " ").title())
    data.setdefault("start_date", dt.date.today())
    program = build(Program, {"kind": "program", **data})

    ProgramFolder.create(target, program)
    return InitResult(root=target, program=program, template=template)
