"""A program with trainings and resources in program.yaml, for the training tests."""

from __future__ import annotations

from typing import Any

from conftest import make_person

from mentorkit.models.program import Program
from mentorkit.store.folder import ProgramFolder

TRAINING = {
    "courses": [
        {"name": "Mentoring 101", "role": "mentor"},
        {"name": "Getting the most from mentoring", "role": "mentee"},
    ],
    "mentors_must_complete_before_matching": True,
}
RESOURCES = [
    {"title": "Giving feedback that lands", "link": "https://example.org/feedback",
     "role": "mentor", "functions": ["feedback"]},
    {"title": "Talking with families", "file": "resources/families.md",
     "topics": ["conflict"]},
    {"title": "Welcome pack", "link": "https://example.org/welcome", "role": "mentee"},
    {"title": "Night shift survival", "link": "https://example.org/nights",
     "topics": ["night shift"]},
]


def set_program(folder: ProgramFolder, **settings: Any) -> None:
    data = folder.load_program().model_dump(mode="json", exclude_none=True) | settings
    folder.save_program(Program.model_validate(data))


def training_program(folder: ProgramFolder, *, required: bool = True) -> None:
    """Dan and Eve (mentors), Maria (mentee, wants help with conflict with families)."""
    set_program(folder, training=TRAINING | {"mentors_must_complete_before_matching": required},
                resources=RESOURCES)
    (folder.root / "resources").mkdir(exist_ok=True)
    (folder.root / "resources" / "families.md").write_text("# Talking with families\n")
    make_person(folder, "Dan Ortiz", email="dan@example.org", role="mentor",
                years_experience=12, can_help_with=["conflict with families"])
    make_person(folder, "Eve Stone", email="eve@example.org", role="mentor",
                years_experience=10, can_help_with=["conflict with families"])
    make_person(folder, "Maria Lopez", email="maria@example.org", role="mentee",
                years_experience=1, wants_help_with=["conflict with families"])
