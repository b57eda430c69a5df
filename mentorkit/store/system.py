"""What the computer itself says, for defaults a program file leaves unset."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def machine_time_zone() -> str:
    """The IANA name of this computer's time zone: $TZ, where /etc/localtime points, or
    /etc/timezone; UTC when none of them names a known zone."""
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(os.readlink("/etc/localtime").split("zoneinfo/", 1)[-1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
            except (ValueError, OSError, KeyError):
                continue
            return name
    return "UTC"
