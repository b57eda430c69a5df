"""The blank forms (services/toolkit/catalogue.py): each, once filled, is a valid form with
guidance for every answer; `forms list` and `forms copy`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from toolkit_support import PAIR, make_pair

from mentorkit.services.toolkit.catalogue import FORMS, form, guidance
from mentorkit.services.toolkit.pair import open_pair
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.resources import templates_dir


def _ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr


# -- blank forms -----------------------------------------------------------------------------
SAMPLES = {
    "date": "2026-02-02",
    "next_meeting": "2026-03-02",
    "target_date": "2026-05-01",
    "done_date": "2026-02-10",
    "time": "'09:30'",
    "next_meeting_time": "'10:00'",
    "duration_minutes": "45",
    "meeting_minutes": "45",
    "progress": "40",
    "recommend": "9",
    "meeting": "regular",
    "meeting_cadence": "monthly",
    "function": "coaching",
    "owner": "both",
    "achieved": "partly",
    "respondent": "mentee",
    "goal": "g1",
    "continue_partnership": "true",
    "status": "in-progress",
    **{
        k: "4"
        for k in (
            "goals_clear",
            "time_commitment_right",
            "match_worked",
            "met_regularly",
            "came_prepared",
            "open_and_honest",
            "grew",
        )
    },
    **{
        k: "[one, two]"
        for k in (
            "interests_and_skills",
            "current_issues",
            "communication",
            "learnings",
            "new_goals",
            "needs",
        )
    },
}
PER_FORM = {"goals": {"id": "g1"}, "action-plan": {"id": "a1", "status": "done"}}
_BLANK = re.compile(r"^(\s*(?:- )?)([a-z_]+):[ \t]*(#.*)?$")


def fill_blanks(name: str, text: str) -> str:
    """Give every empty value in a blank form a sample answer (parents keep their children)."""
    lines = text.splitlines()
    out = []
    for index, line in enumerate(lines):
        match = _BLANK.match(line)
        following = next(
            (n for n in lines[index + 1 :] if n.strip() and not n.lstrip().startswith("#")), ""
        )
        indent = len(match.group(1)) if match else 0
        is_parent = match and (
            len(following) - len(following.lstrip()) > indent
            or (following.lstrip().startswith("- ")
            and len(following) - len(following.lstrip()) >= indent)
        )
        if match and not is_parent:
            key = match.group(2)
            value = PER_FORM.get(name, {}).get(key) or SAMPLES.get(key, "'Sample answer'")
            line = f"{match.group(1)}{key}: {value}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", list(FORMS))
def test_each_blank_form_once_filled_validates(name: str) -> None:
    spec = form(name)
    text = (templates_dir() / "forms" / f"{name}.yaml").read_text()
    assert text.startswith(f"# {spec.title}")
    filled = yaml.safe_load(fill_blanks(name, text))
    document = spec.model.model_validate(filled)
    # every field the model has is on the form, so the form cannot drift from it
    assert set(filled) == set(type(document).model_fields)
    hints = guidance(name)  # what the prompts show: every answer has some
    unexplained = [
        p for p in _leaves(filled) if p not in {"schema_version", "kind"} and not hints.get(p)
    ]
    assert unexplained == []


def _leaves(data: dict, prefix: str = "") -> list[str]:
    paths = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        paths += _leaves(value, f"{path}.") if isinstance(value, dict) else [path]
    return paths


def test_forms_list_and_copy(cli, tmp_path: Path) -> None:
    result = cli("forms", "list")
    _ok(result)
    assert "mentorkit log-session" in result.stdout
    _ok(cli("forms", "copy", "goals", str(tmp_path)))
    copied = tmp_path / "goals.yaml"
    assert copied.read_text() == (templates_dir() / "forms" / "goals.yaml").read_text()
    result = cli("forms", "copy", "goals", str(copied))
    assert result.exit_code == 4
    assert "never overwrites" in result.stderr
    result = cli("forms", "copy", "goalz")
    assert result.exit_code == 3
    assert "no form 'goalz'" in result.stderr
    data = json.loads(cli("forms", "list", "--json").stdout)
    assert [f["name"] for f in data["forms"]] == list(FORMS)


def test_a_copied_form_filled_in_is_saved_with_from(
    cli, folder: ProgramFolder, tmp_path: Path
) -> None:
    make_pair(folder)
    _ok(cli("forms", "copy", "goals", str(tmp_path / "mine.yaml")))
    path = tmp_path / "mine.yaml"
    path.write_text(path.read_text().replace("- statement:", "- statement: Lead a huddle", 1))
    _ok(cli("goals", PAIR, "--from", str(path)))
    assert open_pair(folder, PAIR).goals.goals[0].statement == "Lead a huddle"
