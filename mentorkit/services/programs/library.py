"""Which of the program's resources (program.yaml `resources:`) suit a pair.

Chosen by what the mentee wants help with: a resource whose mentor functions include one
of the mentee's goals' functions, or one of whose topics (or functions, in words) comes up
in what the mentee wants help with or in a goal statement. A resource with no functions
and no topics is for everyone of its role. Each pick says why, in words, so the pair can
tell a reading chosen for them from general reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mentorkit.models.library import Resource
from mentorkit.models.participant import Participant
from mentorkit.models.toolkit import Goal
from mentorkit.models.training import Audience
from mentorkit.vocab import Role

_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class ResourcePick:
    title: str
    where: str  # the link, or the file in the program folder
    role: str  # mentor, mentee or everyone
    why: str
    link: str | None = None
    file: str | None = None  # relative to the program folder

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


def _words(text: str) -> set[str]:
    # a plural and its singular are one word here ("conversations" finds "conversation")
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w
            for w in _WORD.findall(text.casefold())}


def _mentions(topic: str, texts: Iterable[str]) -> str | None:
    """The first of `texts` that holds every word of `topic`."""
    wanted = _words(topic)
    if not wanted:
        return None
    return next((t for t in texts if wanted <= _words(t)), None)


def why_chosen(resource: Resource, wants: Sequence[str], goals: Sequence[Goal]) -> str | None:
    """Why this resource suits a mentee with these wants and goals; None if it does not."""
    for goal in goals:
        if goal.function is not None and goal.function in resource.functions:
            return f"goal {goal.id} ({goal.function.value.replace('-', ' ')})"
    texts = [*wants, *(g.statement for g in goals)]
    topics = [*resource.topics, *(f.value.replace("-", " ") for f in resource.functions)]
    for topic in topics:
        found = _mentions(topic, texts)
        if found is not None:
            return f"wants help with: {found}" if found in wants else f"goal: {found}"
    if not resource.topics and not resource.functions:
        return f"for every {resource.role.value}" if resource.role is not Audience.EVERYONE \
            else "for everyone"
    return None


def for_pair(resources: Sequence[Resource], mentee: Participant | None,
             goals: Sequence[Goal] = ()) -> list[ResourcePick]:
    """The resources that suit a pair, in program.yaml's order: chosen by what the mentee
    wants help with and their goals (the mentor's reading too, for helping with it)."""
    wants = list(mentee.wants_help_with) if mentee is not None else []
    picks = []
    for resource in resources:
        why = why_chosen(resource, wants, goals)
        if why is not None:
            picks.append(ResourcePick(resource.title, resource.where, resource.role.value, why,
                                      resource.link, resource.file))
    return picks


def for_side(picks: Sequence[ResourcePick], side: str) -> list[ResourcePick]:
    """The picks for the mentor's or the mentee's side of the pair."""
    role = Role.MENTOR if side == "mentor" else Role.MENTEE
    return [p for p in picks if Audience(p.role).includes(role)]
