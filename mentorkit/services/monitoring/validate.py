"""`mentorkit validate`: every file and every reference, all problems at once.

The checks are listed in CHECKS: the program's own (participants, references) here,
the relationship folders' in services/toolkit/checks.py, the matching settings' in
services/matching/checks.py, notify's files' in services/messaging/checks.py, the HR
roster's in services/outcomes/checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import InvalidFile, MentorkitError, Problem
from mentorkit.models.program import Program
from mentorkit.services.enrolment import preferences
from mentorkit.services.enrolment.participants import manager_problem
from mentorkit.services.events.checks import check_events
from mentorkit.services.matching.checks import exclusions_file, pinned_pairs
from mentorkit.services.matching.exclusions import SIDES, wrong_side
from mentorkit.services.messaging.checks import own_templates, sent_log
from mentorkit.services.monitoring.loaded import Check, Loaded
from mentorkit.services.outcomes.checks import roster_file
from mentorkit.services.programs.checks import resource_files, training_records
from mentorkit.services.programs.past_pairs import past_pairs_file
from mentorkit.services.toolkit.checks import check_relationship_folders
from mentorkit.store.folder import ProgramFolder


@dataclass
class ValidateResult:
    JSON_KIND: ClassVar[str] = "validation"  # the --json envelope (render/envelope.py)

    root: str
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)
    # What should be put right but does not make the folder wrong: a pair's files that
    # others can read (every clone from git arrives 0644/0755). Shown, never failing.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "ok": self.ok,
            "counts": self.counts,
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def run(folder: ProgramFolder) -> ValidateResult:
    problems: list[Problem] = []
    program: Program | None = None
    try:
        program = folder.load_program()
    except InvalidFile as exc:
        problems.extend(exc.problems)
    people, found = folder.scan_participants()
    problems.extend(found)
    relationships, found = folder.scan_relationships()
    problems.extend(found)
    loaded = Loaded(folder, program, people, relationships)
    for check in CHECKS:
        problems.extend(check(loaded))
    return ValidateResult(
        str(folder.root),
        problems,
        {"participants": len(people), "relationships": len(relationships)},
        _loose_modes(loaded),
    )


def _stray_files(s: Loaded) -> list[Problem]:
    out = [
        Problem(s.folder.relative(path), "should be a folder")
        for path in (s.folder.participants_dir, s.folder.relationships_dir)
        if s.folder.is_misplaced(path)
    ]
    for entry in s.folder.entries(s.folder.participants_dir):
        if entry.name.startswith(".") or entry.path.suffix == ".yaml":
            continue
        out.append(
            Problem(s.folder.relative(entry.path), "not a participant file (expected <id>.yaml)")
        )
    return out


def _emails(s: Loaded) -> list[Problem]:
    owner: dict[str, str] = {}
    out = []
    for person_id, p in s.people.items():
        if p.email in owner:
            out.append(
                Problem(
                    f"participants/{person_id}.yaml",
                    f"{p.email} is also the email of {owner[p.email]}; each person once",
                    field="email",
                )
            )
        else:
            owner[p.email] = person_id
    return out


def _managers(s: Loaded) -> list[Problem]:
    emails = {p.email for p in s.people.values()}
    out = []
    for person_id, p in s.people.items():
        problem = manager_problem(person_id, p, s.people, emails)
        if problem:
            out.append(Problem(f"participants/{person_id}.yaml", problem, field="manager"))
    return out


def _preferences(s: Loaded) -> list[Problem]:
    """A preferred mentor (id, email or full name) that names nobody, or several people:
    a problem, as a wrong manager is, since matching would quietly drop the wish."""
    return [
        Problem(f"participants/{person_id}.yaml", why, field="preferred_mentors")
        for person_id, why in preferences.unresolved(s.people)
    ]


def _relationships(s: Loaded) -> list[Problem]:
    out = []
    for pair, r in s.relationships.items():
        where = f"relationships/{pair}/relationship.yaml"
        for side in ("mentor", "mentee"):
            person_id = getattr(r, side)
            person = s.people.get(person_id)
            if person is None:
                message = f"{person_id!r} is not an enrolled participant"
                out.append(Problem(where, message, field=side))
            elif not person.role.takes(side):
                out.append(Problem(where, f"{person_id} is not enrolled as a {side}", field=side))
    return out


def _program_refs(s: Loaded) -> list[Problem]:
    if s.program is None:
        return []
    out = []
    settings = s.program.matching
    for listname in ("exclusions", "pinned"):
        for index, ref in enumerate(getattr(settings, listname)):
            for side in SIDES:
                person_id = getattr(ref, side)
                why = _reference_problem(s, listname, person_id, side)
                if why:
                    out.append(Problem("program.yaml", f"{person_id!r} {why}",
                                       field=f"matching.{listname}.{index}.{side}"))
    if settings.exclusions_file:
        try:
            missing = not s.folder.has_file(settings.exclusions_file)
        except MentorkitError as exc:  # e.g. a symlink that leads out of the folder
            out.append(Problem("program.yaml", exc.message, field="matching.exclusions_file"))
        else:
            if missing:
                out.append(
                    Problem(
                        "program.yaml",
                        f"{settings.exclusions_file} does not exist in the program folder",
                        field="matching.exclusions_file",
                    )
                )
    return out


def _reference_problem(s: Loaded, listname: str, person_id: str, side: str) -> str | None:
    """What is wrong with program.yaml naming `person_id` as `side` of a pair in
    `listname` (exclusions or pinned), said after their id."""
    if person_id not in s.people:
        return "is not an enrolled participant"
    if listname == "exclusions":  # a pinned pair's roles are pinned_pairs', with its status
        return wrong_side(person_id, side, s.people)
    return None


def _interrupted_writes(s: Loaded) -> list[Problem]:
    from mentorkit.store.transaction import orphan_temp_files

    return [
        Problem(s.folder.relative(path), "a temporary file left by an interrupted write",
                hint="Delete it: the change it belonged to was finished or undone.")
        for path in orphan_temp_files(s.folder)
    ]


def _state_folder(s: Loaded) -> list[Problem]:
    """.mentorkit as a link: every command that keeps its lock or caches there refuses."""
    problem = s.folder.state_problem()
    return [] if problem is None else [problem]


def _loose_modes(s: Loaded) -> list[Problem]:
    return [
        Problem(s.folder.relative(path), f"others can read it (mode {mode:o}); a pair's "
                "files are private", hint="Run `mentorkit validate --fix-permissions`.")
        for path, mode in s.folder.loose_private_modes()
    ]


# Every check `validate` runs: the program's own here, and each domain's beside it.
CHECKS: list[Check] = [
    _stray_files, _emails, _managers, _preferences, _relationships, _program_refs,
    check_relationship_folders, exclusions_file, pinned_pairs, past_pairs_file,
    training_records, resource_files, check_events, roster_file, sent_log, own_templates,
    _interrupted_writes, _state_folder,
]


def fix_permissions(folder: ProgramFolder) -> list[str]:
    """Make every relationship's folder and files owner-only; what was changed."""
    return [folder.relative(p) for p in folder.tighten_private_modes()]
