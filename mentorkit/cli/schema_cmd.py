"""`mentorkit schema`: JSON Schemas of the program's files and the editor setting."""

from __future__ import annotations

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import JsonOption


def schema(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """JSON Schemas of the program's files, for completion in your editor.

    Writes schemas/KIND.schema.json for every kind of file (program, participant,
    relationship, the toolkit forms, session records) and points .vscode/settings.json
    (yaml.schemas) at them, so VS Code's YAML extension completes and checks the files
    offline. Run it again after upgrading mentorkit.
    """
    from mentorkit.services.editor import schema as service

    show(service.write(folder(ctx)), as_json)


def register(app: typer.Typer) -> None:
    app.command()(schema)
