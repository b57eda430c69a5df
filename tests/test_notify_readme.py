"""The README's example messages are what the shipped templates say."""

from __future__ import annotations

import re
from pathlib import Path

from mentorkit.store.folder import ProgramFolder
from tests import messaging_program

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def readme_examples() -> list[str]:
    section = README.split("### Example messages", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```text\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL)


def test_the_readme_shows_one_example_of_each_kind(folder: ProgramFolder) -> None:
    from mentorkit.services.messaging.kinds import all_kinds

    messaging_program.build(folder)
    messaging_program.add_events(folder)
    shown = readme_examples()
    examples = messaging_program.README_EXAMPLES
    assert [kind for kind, _, _ in examples] == list(all_kinds())
    assert len(shown) == len(examples)
    for block, (kind, pair, to) in zip(shown, examples, strict=True):
        expected = messaging_program.example_message(folder, kind, pair, to)
        assert block == expected, f"README example of {kind!r} differs from its template"
