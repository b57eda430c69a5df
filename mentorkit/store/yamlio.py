"""Reading and writing YAML: fast safe loads, errors with lines, stable dumps.

Bulk reads use PyYAML's C safe loader. Line numbers are only worked out when a file
turns out to be invalid (by composing the node tree again), so the common path stays fast.
A rewrite of a file that already exists goes through ruamel.yaml's round-trip mode so
comments a person wrote by hand survive (see `render_update`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from mentorkit.errors import InvalidFile, Problem

try:  # the C loader is many times faster; fall back where libyaml is missing
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader  # type: ignore[assignment]

_CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)


def parse(text: str, path: Path | str) -> Any:
    """Parse YAML text safely; any syntax problem becomes an InvalidFile naming the line."""
    conflict = _CONFLICT.search(text)
    if conflict:
        raise InvalidFile(
            [
                Problem(
                    path,
                    "git merge-conflict markers found",
                    line=text.count("\n", 0, conflict.start()) + 1,
                )
            ],
            "Resolve the merge conflict (keep one side), remove the markers, then try again.",
        )
    try:
        return yaml.load(text, Loader=SafeLoader)  # SafeLoader or CSafeLoader only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidFile([Problem(path, f"not valid YAML: {what}", line=line)]) from None
    except ValueError as exc:  # a date-shaped value that is no date, like 2026-13-01
        raise InvalidFile(
            [Problem(path, f"a value cannot be read: {exc}; dates are YYYY-MM-DD and must exist")]
        ) from None


def read(path: Path) -> tuple[str, Any]:
    """The file's text and parsed data."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidFile([Problem(path, "not UTF-8 text")]) from None
    except OSError as exc:
        raise InvalidFile([Problem(path, f"cannot read: {exc.strerror}")]) from None
    return text, parse(text, path)


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at `loc` (keys and list indexes), or the nearest parent."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((kv for kv in node.value if kv[0].value == part), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


class _Dumper(_BaseDumper):
    """Block style, multi-line text as `|` blocks, no aliases: files people read and diff."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
        width=88,
    )


def render_update(old_text: str, new_data: dict[str, Any]) -> str:
    """New content for a file that exists, keeping its comments and key order.

    Values are merged into ruamel's round-trip tree key by key, so a comment beside a
    key that is still there stays beside it.
    """
    if "#" not in old_text:  # nothing a person wrote by hand can be lost
        return dump(new_data)
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.width = 88
    rt.indent(mapping=2, sequence=4, offset=2)
    try:
        tree = rt.load(old_text)
    except Exception:  # a broken old file has nothing worth keeping beyond its text
        return dump(new_data)
    if not hasattr(tree, "keys"):
        return dump(new_data)
    _merge(tree, new_data)
    out = io.StringIO()
    rt.dump(tree, out)
    return out.getvalue()


def _merge(tree: Any, new: dict[str, Any]) -> None:
    for key in [k for k in tree if k not in new]:
        del tree[key]
    for position, (key, value) in enumerate(new.items()):
        if key in tree and isinstance(value, dict) and value and hasattr(tree[key], "keys"):
            _merge(tree[key], value)  # (an emptied mapping is replaced: ruamel mis-writes it)
        elif key in tree:
            if tree[key] != value:
                tree[key] = _as_read(value)
        else:
            tree.insert(min(position, len(tree)), key, _as_read(value))


def _as_read(value: Any) -> Any:
    """Quote text that PyYAML (YAML 1.1) would read back as something else: ruamel writes
    YAML 1.2, where a bare `yes`, `no` or `on` is text, but our reader takes it for a bool."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if isinstance(value, str) and value and not isinstance(_reads_as(value), str):
        from ruamel.yaml.scalarstring import SingleQuotedScalarString

        return SingleQuotedScalarString(value)
    return value


def _reads_as(text: str) -> Any:
    try:
        return yaml.load(text, Loader=SafeLoader)  # a safe loader (CSafeLoader or SafeLoader)
    except (yaml.YAMLError, ValueError):
        return None  # not a plain scalar: quoting is the safe choice
