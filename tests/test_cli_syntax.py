"""The command line's own syntax (cli/syntax.py): option values like
'STATEMENT|MEASURE|DATE|FUNCTION' read by the shape of each part, or refused saying why."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorkit.cli.syntax import parse_action, parse_goal, parse_idea, parse_outcome, parse_progress
from mentorkit.errors import InvalidInput
from mentorkit.vocab import (
    Achieved,
    GoalStatus,
    MentorFunction,
    Owner,
)


# -- option values ---------------------------------------------------------------------------
def test_option_values_are_read_by_their_shape() -> None:
    assert parse_goal("Lead|networking|2026-05-01|3 huddles") == {
        "statement": "Lead",
        "function": MentorFunction.NETWORKING,
        "target_date": dt.date(2026, 5, 1),
        "measure": "3 huddles",
    }
    action = parse_action("Read|g2|both|14:30|2026-03-01")
    assert action == {
        "description": "Read",
        "goal": "g2",
        "owner": Owner.BOTH,
        "time": dt.time(14, 30),
        "date": dt.date(2026, 3, 1),
    }
    assert parse_progress("G1|40%|in progress|went well") == {
        "goal": "g1",
        "progress": 40,
        "status": GoalStatus.IN_PROGRESS,
        "note": "went well",
    }
    assert parse_outcome("g2|partly|moved") == {
        "goal": "g2",
        "achieved": Achieved.PARTLY,
        "why_not": "moved",
    }
    assert parse_idea("Co-present|abstract; slot|2026-06-01") == {
        "idea": "Co-present",
        "needs": ["abstract", "slot"],
        "date": dt.date(2026, 6, 1),
    }


def test_option_values_take_the_words_the_files_take() -> None:
    """The everyday words the README gives (and a YAML file accepts) work in an option's
    parts too: `Professional Socialization` was stored as the goal's measure, and
    `ongoing`, `both of us` and `partially` were refused."""
    goal = parse_goal("Teach a dressing change|2027-01-31|Professional Socialization")
    assert goal["function"] is MentorFunction.PROFESSIONAL_SOCIALISATION
    assert "measure" not in goal
    assert parse_goal("Lead|emotional support")["function"] is MentorFunction.SUPPORT
    assert parse_progress("g1|ongoing|30")["status"] is GoalStatus.IN_PROGRESS
    assert parse_progress("g1|Started")["status"] is GoalStatus.IN_PROGRESS
    assert parse_action("Map a route|2026-12-20|both of us|g1")["owner"] is Owner.BOTH
    assert parse_outcome("g1|partially")["achieved"] is Achieved.PARTLY
    assert parse_outcome("g1|n")["achieved"] is Achieved.NO


@pytest.mark.parametrize(
    ("parse", "text", "message"),
    [
        (parse_action, "Read the policy", "give the date it is due"),
        (parse_action, "Read|2026-03-01|2026-03-02", "more than one date"),
        (parse_action, "Read|2026-03-01|next week please", "is not a date, time, owner"),
        (parse_goal, "Lead|a|b", "more than one measure"),
        (parse_progress, "g1|40", "give the goal's status"),
        (parse_outcome, "g1|because", "say whether it was achieved"),
        (parse_goal, "|x", "the first part cannot be empty"),
    ],
)
def test_option_values_that_do_not_fit_are_explained(parse, text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse(text)


def test_action_date_without_zero_padding_is_a_date() -> None:
    from mentorkit.cli.syntax import parse_action

    assert parse_action("Do x|2026-3-1|g1")["date"].isoformat() == "2026-03-01"
