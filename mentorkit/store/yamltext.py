"""YAML text to data and back, with PyYAML: fast safe loads, errors with lines, stable
dumps. Reached through store/yamlio.py, which imports this module only when a command
first parses or writes YAML.

Loads use PyYAML's C safe loader, except for the plain layout mentorkit itself writes,
which store/yamlplain.py reads to the same values several times faster. Line numbers
are only worked out when a file turns out to be invalid (by composing the node tree
again), so the common path stays fast.
A rewrite of a file that already exists goes through ruamel.yaml's round-trip mode so
comments a person wrote by hand survive (see `render_update`).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from mentorkit.errors import InvalidFile, Problem
from mentorkit.store import yamlplain

try:  # the C loader is many times faster; fall back where libyaml is missing
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class SafeLoader(_BaseLoader):
    """The safe loader, with impossible dates (2026-02-30) reported as YAML errors."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        try:
            if _PLAIN_DATE.fullmatch(value):  # a date alone, as the forms write it
                return dt.date.fromisoformat(value)  # (the date PyYAML makes of it)
            if self.timestamp_regexp.match(value) is None:  # `!!timestamp soon`: PyYAML
                raise ValueError("write it as YYYY-MM-DD")  # would fail on None.groupdict
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark
            ) from None


    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        # YAML says keys are unique, but PyYAML keeps the last of two silently: a second
        # `name:` typed lower down would quietly win. Refuse it with both lines.
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    _refuse_repeated_key(key_node, seen[key_node.value])
                seen[key_node.value] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        # int() of a 5,000-digit number raises a bare ValueError (Python's int-to-str
        # limit); no field of a mentorkit file needs more than a few digits.
        _refuse_absurd_number(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        _refuse_absurd_number(node)
        value = super().construct_yaml_float(node)
        if value in (float("inf"), float("-inf")) and "inf" not in node.value.lower():
            raise _error(node, f"{node.value[:20]}... is too large a number")
        return value

    # The tag a plain scalar resolves to depends on its text alone (Resolver.resolve: the
    # implicit resolvers' patterns, else str; this loader has no path resolvers). Keys and
    # short values repeat across thousands of files, so their answers are kept.
    _resolved: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._resolved.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64 and len(self._resolved) < 50_000:
                    self._resolved[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # only path resolvers need the path, and this loader has none

    def ascend_resolver(self) -> None:
        pass

    def build(self, root: yaml.Node) -> Any:
        """The document of a node tree without aliases, in one walk that also refuses
        repeated keys: what construct_document gives (same values, same errors), without
        its per-node bookkeeping (kept objects, recursion guards, generators), which
        only aliases need. Raises _Unusual for what it leaves to construct_document."""
        scalars: dict[str, Any] = {
            _NULL: self.construct_yaml_null, "tag:yaml.org,2002:bool": self.construct_yaml_bool,
            "tag:yaml.org,2002:int": self.construct_yaml_int,
            "tag:yaml.org,2002:float": self.construct_yaml_float,
            "tag:yaml.org,2002:timestamp": self.construct_yaml_timestamp,
        }
        scalar_node, mapping_node, sequence_node = (
            yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode)

        def value_of(node: yaml.Node) -> Any:
            kind = type(node)
            if kind is scalar_node:
                tag = node.tag
                if tag == _STR:
                    return node.value
                how = scalars.get(tag)
                if how is None:
                    return self.construct_object(node)  # refused or unknown tags: its error
                return how(node)
            if kind is mapping_node and node.tag == _MAP:
                mapping: dict[Any, Any] = {}
                seen: dict[str, int] = {}
                for key_node, item_node in node.value:
                    if type(key_node) is not scalar_node or key_node.tag == _MERGE:
                        raise _Unusual
                    raw = key_node.value
                    if raw in seen:
                        _refuse_repeated_key(key_node, seen[raw])
                    seen[raw] = key_node.start_mark.line + 1
                    mapping[value_of(key_node)] = value_of(item_node)
                return mapping
            if kind is sequence_node and node.tag == _SEQ:
                return [value_of(item) for item in node.value]
            raise _Unusual

        return value_of(root)

    def refuse_tag(self, node: yaml.Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _error(node, f"{tag} values are not used in mentorkit files; write plain text, "
                           "numbers, lists and mappings")


_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"


class _Unusual(Exception):
    """A document SafeLoader.build leaves to PyYAML's own constructor."""


def _refuse_repeated_key(key_node: yaml.ScalarNode, first_line: int) -> None:
    raise yaml.constructor.ConstructorError(
        None, None,
        f"{key_node.value!r} is given twice (lines {first_line} "
        f"and {key_node.start_mark.line + 1}); keep one",
        key_node.start_mark,
    )


# Far below Python's int-to-text limit (4,300 digits), above the 309 digits of the largest
# float (a whole float is written as an int: 1e30 as 1000000000000000019884624838656).
MAX_NUMBER_CHARS = 320
MAX_VALUES = 100_000  # values after aliases (*name) are expanded: stops "billion laughs"


def _error(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _refuse_absurd_number(node: yaml.ScalarNode, limit: int = MAX_NUMBER_CHARS) -> None:
    if len(node.value) > limit:
        raise _error(node, f"a number of {len(node.value)} characters is too large "
                           f"(at most {limit})")


assert not SafeLoader.yaml_path_resolvers  # see SafeLoader.resolve
SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_yaml_timestamp)
SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_yaml_int)
SafeLoader.add_constructor("tag:yaml.org,2002:float", SafeLoader.construct_yaml_float)
for _tag in ("set", "binary", "omap", "pairs"):
    SafeLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", SafeLoader.refuse_tag)

_CONFLICT = re.compile(r"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)


def parse(text: str, path: Path | str) -> Any:
    """Parse YAML text safely; any syntax problem becomes an InvalidFile naming the line."""
    conflict = _CONFLICT.search(text)
    if conflict:
        line: int | None = text.count("\n", 0, conflict.start()) + 1
        raise InvalidFile(
            [Problem(path, "git merge-conflict markers found", line=line)],
            "Resolve the merge conflict (keep one side), remove the markers, then try again.",
        )
    if len(text) > _DEPTH_CHECK_CHARS:
        _refuse_deep_nesting(text, path)
    try:
        return _load(text, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidFile([Problem(path, f"not valid YAML: {what}", line=line)]) from None
    except RecursionError:
        raise InvalidFile([Problem(path, "not valid YAML: nested too deeply")]) from None


def _load(text: str, path: Path | str) -> Any:
    """yaml.load, with the node tree checked for alias bombs before it is built. The
    YAML mentorkit writes is read line by line instead (yamlplain), to the same values."""
    data = yamlplain.load(text, _plain_value)
    if data is not yamlplain.NOT_PLAIN:
        return data
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            if "*" not in text:  # aliases are written *name: without one, each node once
                try:
                    return loader.build(node)
                except _Unusual:
                    pass  # a merge key or a mapping as a key: PyYAML's own constructor
            else:
                _refuse_alias_bomb(node, path)
            return loader.construct_document(node)
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark
            where = _field_at(node, mark.index) if mark is not None else ""
            line = mark.line + 1 if mark is not None else None
            raise InvalidFile([Problem(path, exc.problem or "not valid YAML", line=line,
                                       field=where)]) from None
    finally:
        loader.dispose()


_typing_loader: SafeLoader | None = None


def _plain_value(text: str) -> Any:
    """A plain scalar's value as SafeLoader makes it: its tag from the loader's resolver,
    its value from the loader's constructor for that tag; ValueError where the loader
    would refuse it (yamlplain then leaves the file to the loader, for its message)."""
    global _typing_loader
    if _typing_loader is None:
        _typing_loader = SafeLoader("")
    tag = _typing_loader.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    build = _typing_loader.yaml_constructors.get(tag)
    if build is None:
        raise ValueError(f"no constructor for {tag}")
    try:
        return build(_typing_loader, yaml.ScalarNode(tag, text))
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise ValueError(str(exc)) from None


def _field_at(root: yaml.Node, index: int) -> str:
    """The dotted field (`goals.0.measure`) of the value that starts at `index`."""
    trail: list[str] = []
    node = root
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        pairs = (
            [(str(k.value), v) for k, v in node.value] if isinstance(node, yaml.MappingNode)
            else [(str(i), v) for i, v in enumerate(node.value)]
        )
        inner = next(((k, v) for k, v in pairs
                      if v.start_mark.index <= index < v.end_mark.index
                      or v.start_mark.index == index), None)
        if inner is None:
            break
        trail.append(inner[0])
        node = inner[1]
    return ".".join(trail)


def _refuse_alias_bomb(root: yaml.Node, path: Path | str) -> None:
    """Count the values the document would hold once every alias is expanded (each
    node's count is worked out once, so this is quick even for a bomb)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes and sizes[key] >= 0:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        kids = (
            [n for kv in node.value for n in kv] if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not children_done:
            if sizes.get(key) == -1:
                raise InvalidFile([Problem(path, "an alias (*name) refers to itself",
                                           line=node.start_mark.line + 1)])
            sizes[key] = -1  # in progress
            stack.append((node, True))
            stack.extend((k, False) for k in kids if sizes.get(id(k), -1) < 0)
            continue
        total = 1 + sum(sizes[id(k)] for k in kids)
        if total > MAX_VALUES:
            raise InvalidFile([Problem(
                path, f"aliases (*name) expand to more than {MAX_VALUES:,} values",
                line=node.start_mark.line + 1)])
        sizes[key] = total


# libyaml composes nodes recursively in C: tens of thousands of nested `[` or `- ` crash
# the interpreter outright. Only a long text can nest that deep, so only long texts are
# walked event by event (stopping at the first level too many) before they are loaded.
_DEPTH_CHECK_CHARS = 10_000
MAX_DEPTH = 100
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _refuse_deep_nesting(text: str, path: Path | str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise InvalidFile(
                        [Problem(path, f"nested more than {MAX_DEPTH} levels deep", line=line)]
                    )
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return  # the load that follows reports it with its line


@functools.lru_cache(maxsize=4)
def _compose(text: str) -> Any:
    """The node tree (with line marks) of `text`, composed once for all its problems."""
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return False


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at `loc` (keys and list indexes), or the nearest parent."""
    node = _compose(text)
    if node is False:
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


def _str_representer(dumper: _Dumper, value: str) -> yaml.Node:
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
    rt.indent(mapping=2, sequence=2, offset=0)  # as PyYAML writes lists: no diff noise
    # A value written twice (a date in `started` and in `history`) must stay two plain
    # values, not an anchor and an alias that tie them together for the next hand edit.
    rt.representer.ignore_aliases = lambda *args: True
    try:
        tree = rt.load(old_text)
    except Exception:  # ruamel is stricter than the reader; never drop the comments
        return _with_old_comments(old_text, dump(new_data))
    if not hasattr(tree, "keys"):
        return _with_old_comments(old_text, dump(new_data))
    _merge(tree, new_data)
    out = io.StringIO()
    rt.dump(tree, out)
    return out.getvalue()


def _with_old_comments(old_text: str, new_text: str) -> str:
    """The new content with the old file's comment lines kept at the top, when the two
    cannot be merged key by key: what a person wrote is moved, never lost."""
    comments = [ln for ln in old_text.splitlines() if ln.lstrip().startswith("#")]
    if not comments:
        return new_text
    header = "# Comments kept from before mentorkit rewrote this file:\n"
    return header + "\n".join(c.strip() for c in comments) + "\n" + new_text


def _merge(tree: Any, new: dict[str, Any]) -> None:
    for key in [k for k in tree if k not in new]:
        del tree[key]
    for position, (key, value) in enumerate(new.items()):
        if key in tree and isinstance(value, dict) and value and hasattr(tree[key], "keys"):
            _merge(tree[key], value)  # (an emptied mapping is replaced: ruamel mis-writes it)
        elif key in tree:
            if tree[key] != value:
                tree[key] = _for_pyyaml(value)
        else:
            tree.insert(min(position, len(tree)), key, _for_pyyaml(value))


_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


# Characters YAML 1.1 reads as line breaks, or that must be escaped to survive at all.
_ESCAPE_NEEDED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _for_pyyaml(value: Any) -> Any:
    """Quote text that ruamel (YAML 1.2) would leave plain but PyYAML (YAML 1.1) would read
    as something else: `yes`, `no`, `on`, `1_000`, `0o17`... stay strings."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str):
        if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR_TAG:
            return DoubleQuotedScalarString(value)
        if _ESCAPE_NEEDED.search(value):  # NEL, line/paragraph separators, controls
            return DoubleQuotedScalarString(value)  # written as escapes, read back the same
        return value
    if isinstance(value, list):
        return [_for_pyyaml(v) for v in value]
    if isinstance(value, dict):
        return {k: _for_pyyaml(v) for k, v in value.items()}
    return value
