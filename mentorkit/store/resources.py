"""Files shipped with mentorkit: the templates/ folder (program starters, blank forms)."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    # In a wheel templates/ is installed inside the package (mentorkit/templates); in a
    # source checkout (editable install, tests) it stands beside the package.
    packaged = Path(__file__).parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


def program_templates() -> dict[str, Path]:
    folder = templates_dir() / "programs"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
