"""Finding a person or a pair from what was typed, ids made from names, and a mentor's load."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_person

from mentorkit.errors import InvalidInput, NotFound
from mentorkit.models.participant import Participant
from mentorkit.models.relationship import Relationship
from mentorkit.services import resolve
from mentorkit.services.enrolment import participants
from mentorkit.store.folder import ProgramFolder
from mentorkit.store.ids import slugify, unique_id


def test_slugify_and_unique_ids() -> None:
    assert slugify("María  López-Núñez") == "maria-lopez-nunez"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("李小龍") == "person"
    assert len(slugify("x" * 500)) <= 60
    assert unique_id("Ann", {"ann", "ann-2"}) == "ann-3"


def test_resolve_person(folder: ProgramFolder) -> None:
    make_person(folder, "Dan Ortiz")
    make_person(folder, "Dana Scully")
    people = folder.load_participants()
    assert resolve.person("dan-ortiz", people) == "dan-ortiz"
    assert resolve.person("dana", people) == "dana-scully"
    assert resolve.person("DAN ORTIZ", people) == "dan-ortiz"
    assert resolve.person("dana-scully@example.org", people) == "dana-scully"
    with pytest.raises(InvalidInput, match="could be any of"):
        resolve.person("da", people)
    with pytest.raises(NotFound) as info:
        resolve.person("Dan Ortis", people)
    assert "dan-ortiz" in (info.value.hint or "")


def test_a_name_is_found_whichever_apostrophe_it_is_typed_with(folder: ProgramFolder) -> None:
    make_person(folder, "Siobhán O'Neill")
    # enrolled before ’ parted words: the id made then (a file name) stays
    folder.save_participant("pat-ohara", Participant.model_validate({
        "kind": "participant", "name": "Pat O’Hara", "email": "pat@example.org",
        "role": "mentor"}))
    people = folder.load_participants()
    assert resolve.person("Siobhán O’Neill", people) == "siobhan-o-neill"
    assert resolve.person("siobhán o‘neill", people) == "siobhan-o-neill"
    assert resolve.person("Pat O'Hara", people) == "pat-ohara"
    assert resolve.person("Pat O’H", people) == "pat-ohara"  # by the start of the id made then
    assert resolve.Exactly(people).find("Siobhán  O’Neill") == ("siobhan-o-neill", "")
    assert resolve.Exactly(people).find("Pat O'Hara") == ("pat-ohara", "")


def test_resolve_pair(folder: ProgramFolder) -> None:
    for name, role in (("Ann", "mentor"), ("Cy", "mentee"), ("Di", "mentee")):
        make_person(folder, name, role=role)
    people = folder.load_participants()
    pairs = {
        r.id: r
        for r in (
            Relationship(kind="relationship", mentor="ann", mentee="cy",
                         created=dt.date(2026, 1, 1), status="completed"),
            Relationship(kind="relationship", mentor="ann", mentee="di",
                         created=dt.date(2026, 1, 1), status="active"),
        )
    }
    assert resolve.pair("ann--cy", pairs, people) == "ann--cy"
    assert resolve.pair("ann--d", pairs, people) == "ann--di"
    assert resolve.pair("ann", pairs, people) == "ann--di"  # the one open pair
    assert resolve.pair("cy", pairs, people) == "ann--cy"  # the only pair
    with pytest.raises(NotFound, match="no relationship"):
        resolve.pair("ann--zed", pairs, people)
    with pytest.raises(NotFound, match="no relationship 'Anne'") as missed:
        resolve.pair("Anne", pairs, people)  # a name typed nearly right: who it is close to
    assert missed.value.hint == "Did you mean ann?"
    with pytest.raises(NotFound) as missed:
        resolve.pair("Zbigniew Q", pairs, people)
    assert missed.value.hint == "See `mentorkit report` for pairs."


def test_mentor_load_counts_open_pairs_only() -> None:
    rows = [
        Relationship(kind="relationship", mentor="ann", mentee=m, created=dt.date(2026, 1, 1),
                     status=s)
        for m, s in (("a", "active"), ("b", "proposed"), ("c", "completed"), ("d", "ended-early"))
    ]
    assert participants.mentor_load(rows) == {"ann": 2}


def test_a_persons_id_means_the_person_not_the_pair_it_begins(folder: ProgramFolder) -> None:
    # "bob-both" begins "bob-both--zoe-zed": it picked that pair, silently, for a log-session
    # Bob meant for his own mentoring by Mary
    for name, role in (("Mary Mentor", "mentor"), ("Bob Both", "both"), ("Zoe Zed", "mentee")):
        make_person(folder, name, role=role)
    pairs = {r.id: r for r in (Relationship(mentor="mary-mentor", mentee="bob-both",
                                            created=dt.date(2026, 11, 1)),
                               Relationship(mentor="bob-both", mentee="zoe-zed",
                                            created=dt.date(2026, 11, 1)))}
    people = folder.load_participants()
    for query in ("bob-both", "bob", "Bob Both"):
        with pytest.raises(InvalidInput, match="bob-both is in 2 relationships"):
            resolve.pair(query, pairs, people)
    assert resolve.pair("bob-both--z", pairs, people) == "bob-both--zoe-zed"  # a pair's start
    assert resolve.pair("zoe", pairs, people) == "bob-both--zoe-zed"
