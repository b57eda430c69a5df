"""The one envelope of every `--json` output: `{"kind": ..., "version": ..., <fields>}`.

A command's result (a service's dataclass) says what it is with a class attribute and
gives its own fields with `to_json()`; `envelope()` puts the two together, and
`mentorkit.render.render(result, as_json=True)` (what `cli.common.show` calls) prints
it. No command writes the envelope itself, so every output carries it the same way:

    @dataclass
    class TrainingResult:
        JSON_KIND: ClassVar[str] = "training"  # named in README "JSON output"
        JSON_VERSION: ClassVar[int] = 1        # optional: 1 unless the shape was changed

        def to_json(self) -> dict[str, Any]:
            return {"sessions": ...}           # no "kind" or "version" here

The version counts changes of shape for that kind alone. Fields are only ever added
within a version; a field removed, renamed or given another meaning bumps JSON_VERSION
(and the README says what changed).
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

ENVELOPE_FIELDS = ("kind", "version")


class JsonResult(Protocol):
    JSON_KIND: ClassVar[str]

    def to_json(self) -> dict[str, Any]: ...


def kind_of(result: Any) -> tuple[str, int]:
    """The (kind, version) a result is printed under; a TypeError names a result that
    forgot JSON_KIND (a programming error, caught by tests/test_json_envelope.py)."""
    kind = getattr(type(result), "JSON_KIND", None)
    if not isinstance(kind, str) or not kind:
        raise TypeError(f"{type(result).__name__} has no JSON_KIND: every --json output "
                        "needs one (see mentorkit/render/envelope.py)")
    version = getattr(type(result), "JSON_VERSION", 1)
    return kind, version


def envelope(result: Any) -> dict[str, Any]:
    """`{"kind", "version", **result.to_json()}`: the kind and version first."""
    kind, version = kind_of(result)
    fields = result.to_json()
    clash = [name for name in ENVELOPE_FIELDS if name in fields]
    if clash:
        raise TypeError(f"{type(result).__name__}.to_json() sets {', '.join(clash)}: "
                        "the envelope owns them (use another field name)")
    return {"kind": kind, "version": version, **fields}
