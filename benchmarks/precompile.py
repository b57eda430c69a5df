"""Compile mentorkit to bytecode before timing it, as `pip install` does.

Where PYTHONDONTWRITEBYTECODE is set (some CI images and containers set it), an editable
checkout never gets .pyc files, so every timed process would compile ~100 modules from
source (about a second) — a cost no installed copy pays. The timed subprocesses also run
with bytecode writing allowed.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_bytecode() -> None:
    compileall.compile_dir(str(ROOT / "mentorkit"), quiet=1)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
