"""Warnings on stderr, apart from any result's renderer: a replayed `match` prints its
kept warnings without importing the matching renderer (and with it numpy and scipy)."""

from __future__ import annotations

from rich.console import Console


def warn(warnings: list[str]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for warning in warnings:
        err.print(f"warning: {warning}", style="yellow", markup=False)
