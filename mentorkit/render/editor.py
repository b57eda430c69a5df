"""`mentorkit schema` on a terminal."""

from __future__ import annotations

import json

from rich.console import Console

from mentorkit.render import human
from mentorkit.services.editor.schema import SchemaResult


@human.register
def _schema(result: SchemaResult, console: Console) -> None:
    for path in result.written:
        console.print(f"wrote {path}", markup=False)
    if result.settings == "left":
        console.print(".vscode/settings.json is not plain JSON, so it was left as it is; "
                      "add this to it:", markup=False)
        console.print(json.dumps(result.settings_snippet, indent=2), markup=False)
