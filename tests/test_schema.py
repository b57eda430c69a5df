"""`mentorkit schema`: JSON Schemas from the models that accept every file of the bundled
example, reject what mentorkit rejects, and the VS Code setting that applies them."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mentorkit.services.editor.schema import FILE_KINDS
from mentorkit.store import yamlio

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "st-marys-mentoring"


def _as_editor_sees(value: Any) -> Any:
    """YAML as the editor's (YAML 1.2) language server hands it to the schema: dates and
    times are text."""
    if isinstance(value, dict):
        return {k: _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat() if not isinstance(value, dt.time) else value.strftime("%H:%M")
    return value


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = Path(shutil.copytree(EXAMPLE, tmp_path / "example"))
    monkeypatch.chdir(root)
    monkeypatch.delenv("MENTORKIT_PROGRAM", raising=False)
    return root


def _validators(root: Path) -> list[tuple[list[str], Draft202012Validator]]:
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    out = []
    for schema_path, globs in settings["yaml.schemas"].items():
        schema = json.loads((root / schema_path).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        out.append((globs, Draft202012Validator(schema)))
    return out


def _kind_of(relative: str, validators: list[Any]) -> Draft202012Validator | None:
    found = [v for globs, v in validators if any(fnmatch.fnmatch(relative, g) for g in globs)]
    assert len(found) <= 1, relative
    return found[0] if found else None


def test_every_example_file_matches_its_schema(example: Path,
                                               cli: Callable[..., Any]) -> None:
    result = cli("schema")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem.removesuffix(".schema") for p in (example / "schemas").iterdir()) \
        == sorted(FILE_KINDS)
    validators = _validators(example)
    checked = 0
    for path in sorted(example.rglob("*.yaml")):
        relative = path.relative_to(example).as_posix()
        validator = _kind_of(relative, validators)
        assert validator is not None, f"no schema applies to {relative}"
        data = _as_editor_sees(yamlio.parse(path.read_text(encoding="utf-8"), relative))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (relative, errors)
        checked += 1
    assert checked > 150


def test_a_broken_file_is_refused_by_schema_and_mentorkit(example: Path,
                                                          cli: Callable[..., Any]) -> None:
    assert cli("schema").exit_code == 0
    validators = _validators(example)
    path = example / "participants" / "aisha-bello.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("role: mentee", "role: boss", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    validator = _kind_of("participants/aisha-bello.yaml", validators)
    assert validator is not None
    data = _as_editor_sees(yamlio.parse(broken, "p"))
    assert any("boss" in e.message for e in validator.iter_errors(data))
    result = cli("validate")
    assert result.exit_code == 1
    assert "aisha-bello.yaml" in result.stdout + result.stderr


def test_existing_editor_settings_are_kept(example: Path, cli: Callable[..., Any]) -> None:
    settings = example / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"editor.tabSize": 2}', encoding="utf-8")
    assert cli("schema").exit_code == 0
    kept = json.loads(settings.read_text(encoding="utf-8"))
    assert kept["editor.tabSize"] == 2 and "./schemas/program.schema.json" in kept["yaml.schemas"]
    settings.write_text('{\n  // a comment\n  "editor.tabSize": 2\n}', encoding="utf-8")
    result = cli("schema")
    assert result.exit_code == 0
    assert "// a comment" in settings.read_text(encoding="utf-8")  # left alone
    assert "yaml.schemas" in result.stdout  # and told what to add
