"""`mentorkit validate` checks for matching settings: the exclusion list and pinned pairs.

services/monitoring/validate.py lists them. They live in services, not in
mentorkit/engine/, because they read the program folder; the engine stays arrays in,
arrays out.
"""

from __future__ import annotations

import datetime as dt

from mentorkit.errors import MentorkitError, Problem
from mentorkit.models.training import training_of
from mentorkit.services.matching.exclusions import read_exclusions
from mentorkit.services.monitoring.loaded import Loaded
from mentorkit.services.programs.training import untrained_mentor


def exclusions_file(s: Loaded) -> list[Problem]:
    """The exclusions CSV parses and names people who are enrolled."""
    if s.program is None or not s.program.matching.exclusions_file:
        return []
    try:
        present = s.folder.has_file(s.program.matching.exclusions_file)
    except MentorkitError:
        present = False
    if not present:
        return []  # a missing file, or one outside the folder: validate reports it already
    try:
        _, found = read_exclusions(s.folder, s.program, s.people, roles=s.people)
    except MentorkitError as exc:
        return [Problem("program.yaml", exc.message, field="matching.exclusions_file")]
    # program.yaml's own exclusions and a missing file are reported by validate already
    return [p for p in found if p.path != "program.yaml"]


def pinned_pairs(s: Loaded) -> list[Problem]:
    """Every pinned pair passes the hard constraints (capacity aside)."""
    if s.program is None or not s.program.matching.pinned:
        return []
    from mentorkit.engine.rules import constraint_words, not_taking_part, person_to_person

    settings = s.program.matching
    try:
        excluded = set(read_exclusions(s.folder, s.program, s.people, roles=s.people)[0])
    except MentorkitError:
        excluded = set()  # reported by exclusions_file
    emails = {p.email: k for k, p in s.people.items()}
    out = []
    for index, ref in enumerate(settings.pinned):
        mentor, mentee = s.people.get(ref.mentor), s.people.get(ref.mentee)
        if mentor is None or mentee is None:
            continue  # unknown ids are reported by validate's reference check
        broken = [f"{ref.mentor} {why}" for why in [not_taking_part(mentor, "mentor")] if why]
        broken += [f"{ref.mentee} {why}" for why in [not_taking_part(mentee, "mentee")] if why]
        rules = person_to_person(ref.mentee, mentee, ref.mentor, mentor,
                                 settings.min_mentor_years, emails)
        rules += ["excluded"] if (ref.mentor, ref.mentee) in excluded else []
        broken += [f"{ref.mentor} {constraint_words(n, settings.min_mentor_years)}"
                   for n in rules]
        # the training rule is worked out per mentor (the rules above do not know it):
        # as `match` would apply it today
        untrained = untrained_mentor(mentor, training_of(s.program), dt.date.today())
        broken += [f"{ref.mentor} {untrained}"] if untrained else []
        out += [Problem("program.yaml", f"pinned pair breaks a hard constraint: {b}",
                        field=f"matching.pinned.{index}") for b in broken]
    return out

