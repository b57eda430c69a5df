"""Warnings on stderr, apart from any result's renderer: a replayed `match` prints its
kept warnings without importing the matching renderer (and with it numpy and scipy)."""

from __future__ import annotations

from mentorkit.render.console import stderr_console


def warn(warnings: list[str]) -> None:
    err = stderr_console()
    for warning in warnings:
        err.print(f"warning: {warning}", style="yellow", markup=False)
