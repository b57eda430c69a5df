"""mentorkit/engine/ (the array engine) is arrays in, arrays out: it never reaches up
into services or down into the store, and touches no files."""

from __future__ import annotations

import ast
from pathlib import Path

import mentorkit.engine

MATCHING = Path(mentorkit.engine.__file__).parent
FORBIDDEN_MODULES = ("mentorkit.services", "mentorkit.store", "mentorkit.cli")
DISK_CALLS = {"open", "is_file", "exists", "read_text", "write_text", "iterdir", "glob",
              "mkdir", "unlink"}


def _modules() -> list[Path]:
    return sorted(MATCHING.glob("*.py"))


def test_matching_imports_neither_services_nor_store() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN_MODULES)]
    assert found == []


def test_matching_touches_no_files() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in DISK_CALLS:
                    found.append(f"{path.name}:{node.lineno}: {name}()")
    assert found == []


def test_validate_runs_the_matching_checks() -> None:
    from mentorkit.services.monitoring import validate

    names = {check.__name__ for check in validate.CHECKS}
    assert {"exclusions_file", "pinned_pairs", "check_relationship_folders"} <= names
