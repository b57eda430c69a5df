"""Turn service results into output: one JSON path, one human renderer per result type.

Human renderers live in the modules of this package and register themselves with
`human.register`; they are imported the first time something is rendered. A result told
in a line or two of plain text (a form saved, a pair started) has its renderer in
plain.py instead, and is printed without importing rich: that import alone was a tenth of
`log-session`.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from mentorkit.render.plain import plain_text

if TYPE_CHECKING:
    from rich.console import Console

_loaded = False


@singledispatch
def human(result: Any, console: Console) -> None:
    raise TypeError(f"no human renderer for {type(result).__name__}")


def _load_renderers(result: Any) -> None:
    """Import renderer modules until one registers `result`'s own type: first those
    named within the result's module path (a toolkit result's renderer is in toolkit.py,
    report_results' and pair_report's in report.py), then the rest. A pair command need
    not import matching's numpy and scipy just to print; a result no module registers
    exactly still ends with every module loaded."""
    global _loaded
    cls = type(result)
    if _loaded or cls in human.registry:
        return
    parts = cls.__module__.split(".")
    names = sorted((m.name for m in pkgutil.iter_modules(__path__)),
                   key=lambda name: not any(name in part for part in parts))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
        if cls in human.registry:
            return
    _loaded = True


def to_json_text(result: Any) -> str:
    """The result in its JSON envelope (render/envelope.py), as printed by `--json`.

    Written by pydantic-core's encoder (Rust): the standard library's is pure Python
    whenever it indents, and took 1.1 s of 20 for `match --json` on 50,000 mentees. The
    text is the same as `json.dumps(indent=2, ensure_ascii=False)` gives, but for the
    spelling of some floats (0.00001 for 1e-05); text that is not UTF-8 at all (a lone
    surrogate from an undecodable file name) takes the standard library's path."""
    from pydantic_core import PydanticSerializationError, to_json

    from mentorkit.render.envelope import envelope

    data = envelope(result)
    try:
        return to_json(data, indent=2, fallback=str).decode("utf-8") + "\n"
    except PydanticSerializationError:
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def render(result: Any, *, as_json: bool = False) -> None:
    """Print `result` on stdout: as JSON, as plain lines, or through rich."""
    if as_json:
        sys.stdout.write(to_json_text(result))
        return
    text = plain_text(result)
    if text is not None:
        sys.stdout.write(text)
        return
    from mentorkit.render.console import stdout_console

    _load_renderers(result)
    human(result, stdout_console())


def to_text(result: Any, width: int = 120) -> str:
    """The human rendering as plain text (no colour), e.g. for a report written to a file."""
    text = plain_text(result)
    if text is not None:
        return text
    import io

    from rich.console import Console

    _load_renderers(result)
    console = Console(file=io.StringIO(), width=width, highlight=False, color_system=None)
    human(result, console)
    return console.file.getvalue()  # type: ignore[attr-defined]


def captured(result: Any) -> str:
    """The human rendering exactly as `render` would print it on stdout, as text (the
    colours and width of this terminal included), so that it can be replayed."""
    text = plain_text(result)
    if text is not None:
        return text
    from mentorkit.render.console import stdout_console

    _load_renderers(result)
    console = stdout_console()
    with console.capture() as capture:
        human(result, console)
    return capture.get()
