"""The report's Training section: how many of each role completed their trainings.

Counts only, of active participants; a completion dated after the report's day does not
count (services/programs/training.py).
"""

from __future__ import annotations

import datetime as dt

from mentorkit.models.participant import Participant
from mentorkit.models.training import TrainingSettings
from mentorkit.services.monitoring.report_results import (
    CourseCompletion,
    RoleCompletion,
    TrainingFigures,
)
from mentorkit.services.programs.training import completed_on, missing, untrained_mentor
from mentorkit.vocab import Role, Status


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def training_figures(people: dict[str, Participant], settings: TrainingSettings,
                     day: dt.date) -> TrainingFigures | None:
    """None when program.yaml names no training (the report leaves the section out)."""
    if not settings.courses:
        return None
    active = [p for p in people.values() if p.status is Status.ACTIVE]
    by_role = []
    for role in Role:
        group = [p for p in active if p.role is role]
        if group:
            done = sum(1 for p in group if not missing(p, settings, day))
            by_role.append(RoleCompletion(role.value, len(group), done, _share(done, len(group))))
    by_training = []
    for course in settings.courses:
        group = [p for p in active if course.role.includes(p.role)]
        done = sum(1 for p in group if completed_on(p, course.name, day) is not None)
        by_training.append(CourseCompletion(course.name, course.role.value, len(group), done,
                                            _share(done, len(group))))
    held = sum(1 for p in active if p.role.mentors
               and untrained_mentor(p, settings, day) is not None)
    return TrainingFigures(by_role, by_training, settings.mentors_must_complete_before_matching,
                           held)
