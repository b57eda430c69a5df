"""The package's imports, walked from the source (docs/architecture.md):

- no import circle, however deep and wherever the import is (module top or inside a
  function; an `importlib.import_module("mentorkit....")` with a written-out name counts);
- no layer imports one above it, nor a neighbour it must not know. A layer may import:

      cli        render, services, models, the base modules
      render     services (their result types), models, the base modules
      services   store, engine, models, the base modules
      store      models, the base modules
      engine     the base modules (arrays in, arrays out)
      models     the base modules
      base       nothing of mentorkit: errors, vocab, dates, limits, mentorkit/__init__

  and, inside its own layer, anything that does not close a circle.

Imports under `if TYPE_CHECKING:` are left out: they are never run, and only name a type
(the engine annotates with the participant model it is handed; cli with the folder).
"""

from __future__ import annotations

import ast
from pathlib import Path

import mentorkit

PACKAGE = Path(mentorkit.__file__).parent
LAYERS = ("cli", "render", "services", "store", "engine", "models")
MAY_IMPORT: dict[str, set[str]] = {
    "cli": {"render", "services", "models", "base"},
    "render": {"services", "models", "base"},
    "services": {"store", "engine", "models", "base"},
    "store": {"models", "base"},
    "engine": {"base"},
    "models": {"base"},
    "base": set(),
    "main": {"cli"},  # python -m mentorkit
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "main" if module == "mentorkit.__main__" else "base"


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {
            "TYPE_CHECKING", "typing.TYPE_CHECKING"
        }:
            found |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return found


def imports_of(path: Path, module: str, known: set[str]) -> set[str]:
    """The mentorkit modules `path` imports when it runs, at any depth."""

    def nearest(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {nearest(a.name) for a in node.names if a.name.startswith("mentorkit")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package
                for _ in range(node.level - 1):
                    up = up.rpartition(".")[0]
                base = f"{up}.{base}" if base else up
            if base.startswith("mentorkit"):
                for alias in node.names:  # `from package import module` imports the module
                    full = f"{base}.{alias.name}"
                    found.add(full if full in known else nearest(base))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("mentorkit")
        ):
            found.add(nearest(str(node.args[0].value)))
    found -= {None, module, "mentorkit"}  # the package itself holds only __version__
    return {m for m in found if m is not None}


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {m: imports_of(p, m, known) for m, p in paths.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another, round and round (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def upward(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{m} ({layer(m)}) imports {d} ({layer(d)})"
        for m, deps in edges.items()
        for d in deps
        if layer(d) != layer(m) and layer(d) not in MAY_IMPORT[layer(m)]
    )


def test_the_walk_sees_every_kind_of_import(tmp_path: Path) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import mentorkit.errors\n"
        "from mentorkit.store import folder\n"
        "from .. import vocab\n"
        "if TYPE_CHECKING:\n"
        "    from mentorkit.cli import app\n"
        "def later():\n"
        "    import importlib\n"
        "    from mentorkit.models.pair import PairRecord\n"
        "    importlib.import_module('mentorkit.render')\n"
    )
    path = tmp_path / "x.py"
    path.write_text(source)
    known = {"mentorkit.errors", "mentorkit.store", "mentorkit.store.folder", "mentorkit.vocab",
             "mentorkit.models.pair", "mentorkit.render", "mentorkit.cli.app"}
    assert imports_of(path, "mentorkit.services.x", known) == {
        "mentorkit.errors", "mentorkit.store.folder", "mentorkit.vocab",
        "mentorkit.models.pair", "mentorkit.render",
    }


def test_the_checks_find_a_circle_and_an_upward_import() -> None:
    edges = {"mentorkit.store.a": {"mentorkit.store.b"}, "mentorkit.store.b": {"mentorkit.store.a"},
             "mentorkit.models.c": {"mentorkit.services.d"}, "mentorkit.services.d": set()}
    assert circles(edges) == [["mentorkit.store.a", "mentorkit.store.b"]]
    assert upward(edges) == [
        "mentorkit.models.c (models) imports mentorkit.services.d (services)"
    ]


def test_no_import_circles() -> None:
    assert circles(graph()) == []


def test_no_layer_imports_one_it_must_not() -> None:
    assert upward(graph()) == []
