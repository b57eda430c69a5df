"""What people type is shown as typed: square brackets in a name are not rich markup."""

from __future__ import annotations

from typing import Any

NAME = "Ann [bold]Lee[/ [x"


def test_brackets_in_names_are_printed_literally(cli: Any, program_dir: Any) -> None:
    added = cli("add", NAME, "--email", "ann@example.org", "--role", "mentor", "--years", "12",
                "--no-interactive")
    assert added.exit_code == 0, added.stderr
    assert NAME in added.stdout
    for args in (("participants", "list"), ("participants", "show", "ann@example.org")):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "[bold]" in result.stdout
