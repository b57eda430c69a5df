"""When what reads mentorkit's output stops reading (`mentorkit report | head -5`)."""

from __future__ import annotations

import os
import sys


def output_closed() -> int:
    """Send the rest of stdout nowhere, and return the exit code that says why.

    Python still flushes stdout at exit, and a write to the reader that left fails again
    (with a traceback). So stdout becomes a pipe of this process's own, left unread: it
    takes the little that is still buffered, and the process ends right after."""
    from mentorkit.errors import ExitCode

    _unread, write_end = os.pipe()
    os.dup2(write_end, sys.stdout.fileno())
    return int(ExitCode.OUTPUT_CLOSED)
