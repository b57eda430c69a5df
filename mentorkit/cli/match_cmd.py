"""`mentorkit match` (propose, --apply, suggest, explain), `pair` and `unpair`."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from mentorkit.cli.common import folder, show
from mentorkit.cli.options import AsOf, JsonOption, date_value, today

if TYPE_CHECKING:
    from mentorkit.store.folder import ProgramFolder

app = typer.Typer(
    help="Propose the optimal assignment, with reasons.",
    invoke_without_command=True,
)

MatchDay = Annotated[
    dt.date | None,
    typer.Option(
        "--date", parser=date_value, metavar="DATE", show_default=False,
        help="The day the match was made (YYYY-MM-DD), recorded as the created date. "
        "Default: today.",
    ),
]

MethodOpt = Annotated[
    str,
    typer.Option(
        "--solver",
        help="auto (by size), dense (full assignment matrix) or sparse (candidate graph "
        "proved optimal over every pair); both exact.",
        show_default=True,
    ),
]


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A transient progress bar on stderr, shown once a run takes over a second."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if time.monotonic() - started < 1.0:
                return
            bar = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                           console=Console(stderr=True), transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("scoring pairs", total=total)
        label = "solving" if done >= total else "scoring pairs"
        state["bar"].update(state["task"], completed=done, description=label)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()


def _method(value: str) -> Literal["auto", "dense", "sparse"]:
    if value not in ("auto", "dense", "sparse"):
        raise typer.BadParameter("use auto, dense or sparse", param_hint="--solver")
    return value  # type: ignore[return-value]


@app.callback()
def match(
    ctx: typer.Context,
    apply: Annotated[
        bool, typer.Option("--apply", help="Create the proposed relationships.")
    ] = False,
    proposal: Annotated[
        Path | None,
        typer.Option("--proposal", help="With --apply: apply this (edited) proposal file.",
                     dir_okay=False, show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to save the proposal (inside the program folder). "
                     "Default: proposal.yaml in the program folder.", dir_okay=False,
                     show_default=False),
    ] = None,
    solver: MethodOpt = "auto",
    date: MatchDay = None,
    rematch_completed: Annotated[
        bool, typer.Option("--rematch-completed",
                           help="Match mentees who completed a relationship again, too "
                           "(otherwise only those with seeking: true).")] = False,
    include_requesting: Annotated[
        bool, typer.Option("--include-requesting",
                           help="Match mentees whose request to a mentor waits for an "
                           "answer, too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Propose the assignment with the greatest total score; --apply writes the pairs.

    Mentees in an open relationship are left alone, and so are mentees who completed one
    unless they ask to be matched again; a mentee whose relationship ended early is
    matched again.
    """
    if ctx.invoked_subcommand is not None:
        return
    from mentorkit.errors import InvalidInput

    method = _method(solver)
    program = folder(ctx)
    if proposal is not None and not apply:
        raise InvalidInput("--proposal is for --apply",
                           f"Run `mentorkit match --apply --proposal {proposal}`.")
    if date is not None and not apply:
        raise InvalidInput("--date is for --apply", "Run `mentorkit match --apply --date ...`.")
    if out is not None and apply:  # --apply writes relationships, never a proposal
        raise InvalidInput(
            "--out is where a proposal is saved, and --apply saves none",
            "Run `mentorkit match --out FILE` to save one, or `mentorkit match --apply "
            "--proposal FILE` to apply one.")
    if apply:
        from mentorkit.services.matching import apply as applying

        with _progress() as progress:
            result = applying.apply(program, proposal=proposal, method=method,
                                    progress=progress, date=date,
                                    rematch_completed=rematch_completed,
                                    include_requesting=include_requesting)
        show(result, as_json)
        return
    _propose(ctx, program, out, method=method, rematch_completed=rematch_completed,
             include_requesting=include_requesting, as_json=as_json)


def _propose(ctx: typer.Context, program: ProgramFolder, out: Path | None, *,
             method: Literal["auto", "dense", "sparse"], rematch_completed: bool,
             include_requesting: bool, as_json: bool) -> None:
    """The proposal, written and shown; replayed while the program is as it was (the
    proposal file itself aside: it is match's output, never its input)."""
    from mentorkit.cli.replay import replay_request, replayed
    from mentorkit.render import captured, to_json_text
    from mentorkit.render.stderr import warn
    from mentorkit.services.matching.proposal_file import proposal_path, put_back
    from mentorkit.services.replay import Printed

    path = proposal_path(program, out)  # never the program's records
    written = program.relative(path)

    worked_out: list[bool] = []  # run() was called: its warnings are already on stderr

    def run() -> Printed:
        from mentorkit.services.matching import propose as proposing

        worked_out.append(True)
        with _progress() as progress:
            result = proposing.propose(program, method=method, progress=progress,
                                       rematch_completed=rematch_completed,
                                       include_requesting=include_requesting, save_to=path)
        assert result.proposal_text is not None  # propose wrote it (save_to)
        text = to_json_text(result) if as_json else captured(result)  # warnings: stderr
        return Printed(text, warnings=[] if as_json else result.warnings,
                       files={written: result.proposal_text})

    request = replay_request("match", dt.date.today(), terminal=not as_json, json=as_json,
                             method=method, rematch_completed=rematch_completed,
                             include_requesting=include_requesting, writes=[written])
    if request is None:
        printed = run()
    else:
        printed = replayed(ctx, request, run,
                           restore=lambda found: put_back(program, found.files))
    if not worked_out:
        warn(printed.warnings)
    sys.stdout.write(printed.stdout)


@app.command("suggest")
def suggest(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The mentee (id, prefix, name or email).")],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many mentors.")] = 5,
    as_json: JsonOption = False,
    as_of: AsOf = None,
) -> None:
    """The best mentors with room for one mentee, with reasons."""
    from mentorkit.services.matching import suggest as service

    day = today(as_of) if as_of else None
    show(service.suggest(folder(ctx), person, top, day), as_json)


@app.command("explain")
def explain(
    ctx: typer.Context,
    mentee: Annotated[str, typer.Argument(help="The mentee.")],
    mentor: Annotated[str, typer.Argument(help="The mentor.")],
    solver: MethodOpt = "auto",
    as_json: JsonOption = False,
) -> None:
    """Score breakdown of one pair, what forbids it, and what forcing it would cost."""
    from mentorkit.services.matching import explain as service

    show(service.explain(folder(ctx), mentee, mentor, method=_method(solver)), as_json)


def pair(
    ctx: typer.Context,
    mentor: Annotated[str, typer.Argument(help="The mentor.")],
    mentee: Annotated[str, typer.Argument(help="The mentee.")],
    force: Annotated[
        bool, typer.Option("--force", help="Override a hard constraint (needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why the override; recorded with the pair.")
    ] = None,
    date: MatchDay = None,
    as_json: JsonOption = False,
) -> None:
    """Pair a mentor and a mentee by hand.

    Creates a proposed relationship; warns about a weak fit and refuses a hard-constraint
    break unless --force --reason TEXT, which is recorded.
    """
    from mentorkit.services.matching import manual as service

    show(service.pair(folder(ctx), mentor, mentee, force=force, reason=reason,
                      date=date), as_json)


def unpair(
    ctx: typer.Context,
    pair_query: Annotated[
        str, typer.Argument(metavar="PAIR", help="A pair id, or either person's id.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Remove a proposed pair with no records yet, or an expired request."""
    from mentorkit.services.matching import manual as service

    show(service.unpair(folder(ctx), pair_query), as_json)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="match")
    root.command("pair")(pair)
    root.command("unpair")(unpair)
