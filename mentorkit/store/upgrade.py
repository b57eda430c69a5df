"""Schema versions and step-by-step upgrades of files written by older mentorkits.

Each kind has a current version. To change a kind's shape: bump its `SCHEMA_VERSION`
on the model and register a step `(kind, old_version) -> function` here that turns a
version-N document into a version-N+1 one. Reads apply the steps in order; the file on
disk is only rewritten when something saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mentorkit.errors import NewerSchema, Problem

Step = Callable[[dict[str, Any]], dict[str, Any]]

STEPS: dict[tuple[str, int], Step] = {}


def upgrade(data: dict[str, Any], *, kind: str, current: int, path: Path | str) -> dict[str, Any]:
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return data  # the model reports a missing or malformed version with its line
    if version > current:
        raise NewerSchema(
            [
                Problem(
                    path,
                    f"written by a newer mentorkit (schema_version {version}; "
                    f"this one reads {kind} files up to {current})",
                    field="schema_version",
                )
            ],
            "Upgrade mentorkit (pip install --upgrade mentorkit) to work with this program.",
        )
    while version < current:
        step = STEPS.get((kind, version))
        if step is None:
            break  # no shape change between these versions
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    data["schema_version"] = current
    return data
