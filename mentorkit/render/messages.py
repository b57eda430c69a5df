"""`mentorkit notify` on a terminal: the messages due (or delivered), and one previewed."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.render.console import table
from mentorkit.services.messaging.notify import Mode, NotifyResult, PreviewResult, State

VERB = {Mode.LIST: "due", Mode.OUTBOX: "written to the outbox", Mode.SEND: "sent"}


@human.register
def _notify(result: NotifyResult, console: Console) -> None:
    done = {Mode.LIST: State.DUE, Mode.OUTBOX: State.WRITTEN, Mode.SEND: State.SENT}[result.mode]
    head = f"[bold]Messages as of {result.as_of}[/]: {result.count(done)} {VERB[result.mode]}"
    if result.already_sent:
        head += f", {result.already_sent} sent before (not again)"
    console.print(head)
    if not result.messages:
        console.print("Nothing to send.")
        return
    table(console, ["to", "kind", "pair", "subject", "status"], [
        [f"{m.name} <{m.to}>", m.kind, m.pair or "", m.subject,
         m.state.value + (f": {m.detail}" if m.detail else "")] for m in result.messages])
    if result.mode is Mode.LIST and result.count(State.DUE):
        console.print("Nothing was sent. `--outbox DIR` writes .eml files; `--send` sends.",
                      style="dim")
    if result.outbox and result.count(State.WRITTEN):
        console.print(f"Outbox: {result.outbox}", markup=False)


@human.register
def _preview(result: PreviewResult, console: Console) -> None:
    for n, m in enumerate(result.messages):
        if n:
            console.print("─" * 60, style="dim")
        console.print(f"To: {m.name} <{m.to}>", markup=False)
        console.print(f"Subject: {m.subject}", markup=False)
        if m.attachments:
            console.print(f"Attached: {', '.join(m.attachments)}", markup=False)
        console.print()
        console.print(m.text, markup=False, end="")
