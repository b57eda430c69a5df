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
import sys
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from mentorkit.render.plain import plain_text

if TYPE_CHECKING:
    from rich.console import Console


@singledispatch
def human(result: Any, console: Console) -> None:
    raise TypeError(f"no human renderer for {type(result).__name__}")


# The module of this package that renders each result (its class under
# mentorkit.services). tests/test_render.py holds it to what the modules register: a result
# missing here would import every renderer, matching's numpy and scipy (0.25 s) among them.
RENDERERS = {
    "collection.collect.CollectResult": "collection",
    "collection.questions.QuestionList": "collection",
    "collection.workbook.WorkbookResult": "collection",
    "editor.schema.SchemaResult": "editor",
    "enrolment.importer.ImportResult": "enrolment",
    "enrolment.participants.ParticipantList": "enrolment",
    "enrolment.participants.PersonResult": "enrolment",
    "enrolment.program.InitResult": "enrolment",
    "events.manage.AttendanceSaved": "events",
    "events.manage.EventList": "events",
    "events.manage.EventSaved": "events",
    "matching.explain.ExplainResult": "matching",
    "matching.manual.PairResult": "matching",
    "matching.propose.ProposalResult": "matching",
    "matching.suggest.SuggestResult": "matching",
    "messaging.notify.NotifyResult": "messages",
    "messaging.notify.PreviewResult": "messages",
    "monitoring.calendar.CalendarResult": "calendar",
    "monitoring.due.DueResult": "due",
    "monitoring.pair_report.PairReport": "report",
    "monitoring.report_results.ProgramReport": "report",
    "monitoring.validate.ValidateResult": "enrolment",
    "outcomes.results.RosterSummary": "outcomes",
    "programs.attendance.AttendanceResult": "training",
    "programs.compare.ProgramComparison": "report",
    "programs.next_round.NextRoundResult": "cohorts",
    "programs.training.RecordResult": "training",
    "programs.training.TrainingStatus": "training",
    "toolkit.catalogue.CopyResult": "toolkit",
    "toolkit.catalogue.FormList": "toolkit",
    "toolkit.corrections.CorrectionResult": "corrections",
    "toolkit.show.RelationshipView": "toolkit",
}


def _load_renderers(result: Any) -> None:
    """Import the renderer module of `result`'s type (RENDERERS); a type not listed there
    imports every module, so that whatever registers it is found."""
    cls = type(result)
    if cls in human.registry:
        return
    where = f"{cls.__module__}.{cls.__qualname__}".removeprefix("mentorkit.services.")
    named = RENDERERS.get(where)
    for name in [named] if named is not None else _every_module():
        importlib.import_module(f"{__name__}.{name}")


def _every_module() -> list[str]:
    import pkgutil

    return sorted(m.name for m in pkgutil.iter_modules(__path__))


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
    console = Console(file=io.StringIO(), width=width, highlight=False, emoji=False,
                      color_system=None)
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
