"""`mentorkit schema`: a JSON Schema (draft 2020-12) for every kind of file a coordinator
edits by hand, generated from the pydantic models, so it always says what mentorkit
itself accepts; and the VS Code setting that applies each schema to its files.

The setting (`.vscode/settings.json`, `yaml.schemas`) points at schema files inside the
program folder, so Red Hat's YAML extension completes and checks offline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import NotFound
from mentorkit.models.base import FileModel
from mentorkit.models.event import Event
from mentorkit.models.participant import Participant
from mentorkit.models.past_pairs import PastPairs
from mentorkit.models.program import Program
from mentorkit.models.relationship import Relationship
from mentorkit.models.toolkit import (
    ActionPlan,
    Evaluation,
    Goals,
    NeedsAnalysis,
    PartnershipIdeas,
    SessionRecord,
)
from mentorkit.store.folder import ProgramFolder

SCHEMA_DIR = "schemas"
PAIR = "relationships/*"
# kind -> (model, the files of that kind, as globs inside the program folder)
FILE_KINDS: dict[str, tuple[type[FileModel], list[str]]] = {
    "program": (Program, ["program.yaml"]),
    "participant": (Participant, ["participants/*.yaml"]),
    "relationship": (Relationship, [f"{PAIR}/relationship.yaml"]),
    "needs-analysis": (NeedsAnalysis, [f"{PAIR}/needs-analysis.yaml"]),
    "goals": (Goals, [f"{PAIR}/goals.yaml"]),
    "action-plan": (ActionPlan, [f"{PAIR}/action-plan.yaml"]),
    "session": (SessionRecord, [f"{PAIR}/sessions/*.yaml"]),
    "evaluation": (Evaluation, [f"{PAIR}/evaluation-*.yaml"]),
    "partnership-ideas": (PartnershipIdeas, [f"{PAIR}/partnership-ideas.yaml"]),
    "event": (Event, [f"{Event.FOLDER}/*.yaml"]),
    "past-pairs": (PastPairs, ["past-pairs.yaml"]),  # a next round's (init --next-from)
}


def schema(kind: str) -> dict[str, Any]:
    model, _ = FILE_KINDS[kind]
    made = model.model_json_schema(mode="validation")
    made["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    made["title"] = f"mentorkit {kind} file"
    made.setdefault("description", (model.__doc__ or "").strip())
    return made


def vscode_schemas() -> dict[str, list[str]]:
    return {f"./{SCHEMA_DIR}/{kind}.schema.json": globs
            for kind, (_, globs) in FILE_KINDS.items()}


@dataclass
class SchemaResult:
    JSON_KIND: ClassVar[str] = "schema"  # the --json envelope (render/envelope.py)

    written: list[str]
    settings: str  # "written", "updated" or "left" (not JSON we can safely rewrite)
    settings_snippet: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"written": self.written, "settings": self.settings,
                "settings_snippet": self.settings_snippet}


def write(folder: ProgramFolder) -> SchemaResult:
    """Write schemas/<kind>.schema.json and point .vscode/settings.json's yaml.schemas
    at them (other settings kept; a file that is not plain JSON is left alone)."""
    files = {f"{SCHEMA_DIR}/{kind}.schema.json": json.dumps(schema(kind), indent=2) + "\n"
             for kind in FILE_KINDS}
    snippet = {"yaml.schemas": vscode_schemas()}
    try:
        current: str | None = folder.read_text(".vscode/settings.json")
    except NotFound:
        current = None
    status = "written"
    if current is not None:
        try:
            settings = json.loads(current)
        except ValueError:
            settings = None
        if isinstance(settings, dict):
            settings["yaml.schemas"] = {**settings.get("yaml.schemas", {}),
                                        **snippet["yaml.schemas"]}
            files[".vscode/settings.json"] = json.dumps(settings, indent=2) + "\n"
            status = "updated"
        else:
            status = "left"
    else:
        files[".vscode/settings.json"] = json.dumps(snippet, indent=2) + "\n"
    folder.write_support_files(files)
    return SchemaResult(sorted(files), status, snippet)
