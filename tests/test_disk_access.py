"""The store is the only code that touches the disk (docs/architecture.md): no module
outside mentorkit/store/ calls a file-system function itself."""

from __future__ import annotations

import ast
from pathlib import Path

import mentorkit

PACKAGE = Path(mentorkit.__file__).parent
STORE = PACKAGE / "store"
DISK_CALLS = {
    "open", "is_file", "is_dir", "exists", "read_text", "write_text", "read_bytes",
    "write_bytes", "iterdir", "glob", "rglob", "mkdir", "unlink", "rmtree", "scandir",
    "listdir", "stat", "touch", "load_workbook",
}


def disk_calls(source: str) -> list[tuple[int, str]]:
    """(line, name) of each file-system call, except ProgramFolder.read_text, the one store
    method named like a pathlib one (`folder.read_text(name)` is the store reading)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute):
            name = f.attr
            if name == "read_text" and ast.unparse(f.value).endswith("folder"):
                continue
        else:
            name = getattr(f, "id", "")
        if name in DISK_CALLS:
            found.append((node.lineno, name))
    return found


def test_the_check_sees_disk_calls() -> None:
    source = "path.read_text()\nopen('x')\nfolder.read_text('x')\nfolder.iterdir()\n"
    assert disk_calls(source) == [(1, "read_text"), (2, "open"), (4, "iterdir")]


def test_only_the_store_touches_the_disk() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {name}()"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.is_relative_to(STORE)
        for line, name in disk_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == []
