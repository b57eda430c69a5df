"""`mentorkit validate`'s checks of the training settings and the resource library."""

from __future__ import annotations

import datetime as dt

from mentorkit.errors import MentorkitError, Problem
from mentorkit.models.training import training_of
from mentorkit.services.monitoring.loaded import Loaded


def training_records(s: Loaded) -> list[Problem]:
    """Each recorded completion names a training program.yaml has, on a day that has been."""
    if s.program is None:
        return []
    settings = training_of(s.program)
    names = ", ".join(c.name for c in settings.courses) or "none"
    today = dt.date.today()
    out = []
    for person_id, person in s.people.items():
        where = f"participants/{person_id}.yaml"
        for n, item in enumerate(person.training):
            if settings.find(item.name) is None:
                out.append(Problem(where, f"{item.name!r} is not a training program.yaml "
                                   f"names (its trainings: {names})", field=f"training.{n}.name"))
            if item.date > today:
                out.append(Problem(where, f"{item.date} is in the future",
                                   field=f"training.{n}.date"))
    return out


def resource_files(s: Loaded) -> list[Problem]:
    """Every resource file is in the program folder (not reached through a link out)."""
    if s.program is None:
        return []
    out = []
    for n, resource in enumerate(s.program.resources or []):
        if resource.file is None:
            continue
        field = f"resources.{n}.file"
        try:
            there = s.folder.has_file(resource.file)
        except MentorkitError as exc:  # a link that leads out of the folder
            out.append(Problem("program.yaml", exc.message, field=field))
            continue
        if not there:
            out.append(Problem("program.yaml", f"{resource.file} does not exist in the program "
                               f"folder ({resource.title})", field=field))
    return out
