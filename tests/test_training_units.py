"""The layers under `mentorkit training` and the resources: the rules, the engine's
untrained constraint, resource choice, attendance columns, and hostile input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorkit.engine.constraints import Constraints
from mentorkit.errors import InvalidInput, MentorkitError
from mentorkit.models.library import Resource
from mentorkit.models.participant import Participant
from mentorkit.models.program import MatchingSettings
from mentorkit.models.toolkit import Goal
from mentorkit.models.training import Audience, Completion, TrainingSettings
from mentorkit.services.programs import attendance, library
from mentorkit.services.programs import training as rules
from mentorkit.services.programs.training_figures import training_figures
from mentorkit.store.folder import ProgramFolder
from mentorkit.vocab import Role, Status

SETTINGS = TrainingSettings.model_validate({
    "courses": [{"name": "Mentoring 101", "role": "mentor"},
                {"name": "Welcome", "role": "everyone"}],
    "mentors_must_complete_before_matching": True,
})
DAY = dt.date(2026, 3, 1)


def person(role: str = "mentor", done: dict[str, str] | None = None, **more: Any) -> Participant:
    return Participant.model_validate({
        "kind": "participant", "name": "Dan Ortiz", "email": "dan@example.org", "role": role,
        "years_experience": 10,
        "training": [{"name": n, "date": d} for n, d in (done or {}).items()], **more})


def test_audience_includes_the_roles_it_names() -> None:
    assert Audience.MENTOR.includes(Role.BOTH) and not Audience.MENTOR.includes(Role.MENTEE)
    assert Audience.MENTEE.includes(Role.BOTH) and not Audience.MENTEE.includes(Role.MENTOR)
    assert all(Audience.EVERYONE.includes(r) for r in Role)


def test_a_completion_counts_from_its_day_on() -> None:
    dan = person(done={"Mentoring 101": "2026-03-01", "Welcome": "2026-02-01"})
    assert rules.completed_on(dan, "mentoring 101", DAY) == DAY
    assert rules.completed_on(dan, "Mentoring 101", DAY - dt.timedelta(days=1)) is None
    assert rules.missing(dan, SETTINGS, DAY) == []
    assert rules.missing(dan, SETTINGS, dt.date(2026, 2, 15)) == ["Mentoring 101"]
    assert rules.untrained_mentor(dan, SETTINGS, DAY) is None
    assert "Mentoring 101" in (rules.untrained_mentor(dan, SETTINGS, dt.date(2026, 2, 15)) or "")


def test_the_rule_is_off_unless_program_yaml_asks() -> None:
    relaxed = SETTINGS.model_copy(update={"mentors_must_complete_before_matching": False})
    assert rules.untrained_mentor(person(), relaxed, DAY) is None
    assert rules.untrained_mentor(person(), TrainingSettings(), DAY) is None


def test_someone_enrolled_as_both_needs_every_course_of_both_roles() -> None:
    both = person("both", {"Welcome": "2026-01-01"})
    assert rules.missing(both, SETTINGS, DAY) == ["Mentoring 101"]
    assert rules.missing(person("mentee"), SETTINGS, DAY) == ["Welcome"]


def test_still_due_puts_held_back_mentors_first_and_skips_paused_people() -> None:
    people = {"a-mentee": person("mentee"), "z-mentor": person(),
              "paused": person(status=Status.PAUSED)}
    due = rules.still_due(people, SETTINGS, DAY)
    assert [(p.id, p.blocks_matching) for p in due] == [("z-mentor", True), ("a-mentee", False)]


def test_resolve_course_by_name_or_unique_beginning() -> None:
    assert rules.resolve_course("  mentoring   101 ", SETTINGS).name == "Mentoring 101"
    assert rules.resolve_course("Wel", SETTINGS).name == "Welcome"
    with pytest.raises(MentorkitError, match="no training"):
        rules.resolve_course("Knitting", SETTINGS)


def test_figures_count_active_people_by_role_as_of_the_day() -> None:
    people = {"dan": person(done={"Mentoring 101": "2026-02-01", "Welcome": "2026-02-01"}),
              "eve": person(done={"Mentoring 101": "2026-04-01"}),
              "max": person("mentee", status=Status.WITHDRAWN)}
    figures = training_figures(people, SETTINGS, DAY)
    assert figures is not None
    assert [(r.role, r.people, r.completed_all) for r in figures.by_role] == [("mentor", 2, 1)]
    assert [(c.training, c.expected, c.completed) for c in figures.by_training] == [
        ("Mentoring 101", 2, 1), ("Welcome", 2, 1)]
    assert figures.mentors_held_back == 1
    assert training_figures(people, TrainingSettings(), DAY) is None


def _constraints(untrained: list[bool]) -> Constraints:
    mentee = person("mentee", years_experience=1)
    mentors = [person(email=f"m{n}@example.org") for n in range(len(untrained))]
    mentor_ids = [f"m{n}" for n in range(len(untrained))]
    return Constraints(["e"], [mentee], mentor_ids, mentors, MatchingSettings(), {}, [], [],
                       untrained=untrained)


def test_the_engine_refuses_untrained_mentors_in_both_passes() -> None:
    cons = _constraints([False, True, False])
    ok, counts = cons.block(np.array([0]))
    assert ok.tolist() == [[True, False, True]] and counts["untrained"].tolist() == [1]
    ok2, counts2 = cons.block_by_masks(np.array([0]))
    assert ok2.tolist() == ok.tolist() and counts2["untrained"].tolist() == [1]
    assert cons.why_not(0, 1) == ["untrained"] and cons.why_not(0, 0) == []
    assert _constraints([False, False]).block(np.array([0]))[0].all()


def resource(**fields: Any) -> Resource:
    return Resource.model_validate({"title": "R", "link": "https://example.org", **fields})


def test_resources_are_chosen_by_wants_goals_and_functions() -> None:
    wants = ["Conversations with families", "charge nurse skills"]
    goals = [Goal(id="g1", statement="Lead the huddle", function="coaching")]
    assert library.why_chosen(resource(topics=["conversation"]), wants, []) == (
        "wants help with: Conversations with families")
    assert library.why_chosen(resource(functions=["coaching"]), wants, goals) == (
        "goal g1 (coaching)")
    assert library.why_chosen(resource(topics=["huddle"]), [], goals) == "goal: Lead the huddle"
    assert library.why_chosen(resource(topics=["nurse leadership"]), wants, goals) is None
    assert library.why_chosen(resource(role="mentor"), [], []) == "for every mentor"
    assert library.why_chosen(resource(), [], []) == "for everyone"


def test_each_side_gets_the_resources_for_its_role() -> None:
    picks = library.for_pair([resource(title="M", role="mentor"),
                              resource(title="E", role="mentee"), resource(title="A")], None)
    assert [p.title for p in library.for_side(picks, "mentor")] == ["M", "A"]
    assert [p.title for p in library.for_side(picks, "mentee")] == ["E", "A"]


def test_attendance_columns_are_found_by_their_headers() -> None:
    columns, ignored = attendance.find_columns(
        ["Email address", "Full name", "Course", "Date attended", "Notes"], {},
        training=False, date=False)
    assert columns == {"Email address": "person", "Course": "training", "Date attended": "date"}
    assert ignored == ["Full name", "Notes"]
    worded, _ = attendance.find_columns(["Attendee email", "Course title", "Date of session"],
                                        {}, training=False, date=False)
    assert list(worded.values()) == ["person", "training", "date"]
    given, _ = attendance.find_columns(["Who", "When"], attendance.parse_column_options(
        ["Who=person", "When=date"]), training=True, date=False)
    assert given == {"Who": "person", "When": "date"}
    with pytest.raises(InvalidInput, match="no column for date"):
        attendance.find_columns(["Email"], {}, training=True, date=False)


names = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40
                ).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(done=st.dictionaries(names, st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
                            max_size=5))
def test_completions_round_trip_through_the_participant_file(
        folder: ProgramFolder, done: dict[str, dt.date]) -> None:
    unique = {}
    for name, day in done.items():
        tidy = " ".join(name.split())
        unique.setdefault(tidy.casefold(), Completion(name=tidy, date=day))
    dan = person().model_copy(update={"training": list(unique.values())})
    folder.save_participant("dan-ortiz", dan)
    assert folder.load_participant("dan-ortiz").training == dan.training


@settings(max_examples=60, deadline=None)
@given(cells=st.dictionaries(st.sampled_from(attendance.TARGETS), st.text(max_size=30)))
def test_hostile_attendance_cells_are_refused_in_words(cells: dict[str, str]) -> None:
    people = {"dan-ortiz": person()}
    try:
        who, course, day = attendance._read_row(cells, people, SETTINGS, None, None, DAY)
    except MentorkitError as exc:
        assert exc.message and "Traceback" not in exc.message
    else:
        assert who == "dan-ortiz" and course in SETTINGS.courses and day <= DAY


def test_a_resource_file_path_must_stay_inside(tmp_path: Path) -> None:
    for bad in ("../x.md", "/etc/passwd", "a/../../x", "C:\\x", "~/x"):
        with pytest.raises(ValueError, match="inside the program folder"):
            resource(link=None, file=bad)
    assert resource(link=None, file="resources/a b.pdf").where == (
        "resources/a b.pdf (in the program folder)")
