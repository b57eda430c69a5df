"""Which messages `notify` drafts, and on which day: the kinds' rules, not delivery."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mentorkit.errors import ExitCode
from mentorkit.store import messages as store
from mentorkit.store.folder import ProgramFolder
from tests import messaging_program


@pytest.fixture
def built(folder: ProgramFolder) -> ProgramFolder:
    messaging_program.build(folder)
    return folder


@pytest.mark.parametrize("delivery", [
    ["--outbox", "outbox"], ["--send", "--smtp", "localhost:2525", "--security", "none"]])
def test_a_future_day_is_listed_but_never_delivered(
    built: ProgramFolder, cli: Callable[..., Any], tmp_path: Path, delivery: list[str]
) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    delivery = [str(tmp_path / a) if a == "outbox" else a for a in delivery]
    result = cli("notify", "--as-of", tomorrow, *delivery)
    assert result.exit_code == ExitCode.INVALID
    assert f"error: {tomorrow} is after today" in result.stderr
    assert "cannot be sent on a future date" in result.stderr
    assert not (tmp_path / "outbox").exists() and store.sent_messages(built) == []
    ahead = cli("notify", "--json", "--as-of", tomorrow)  # looking ahead is fine
    assert ahead.exit_code == 0, ahead.stderr
    assert json.loads(ahead.stdout)["messages"]

