"""Which column of a sign-up export fills which participant field.

In order of strength: the column map the coordinator gave (`--map`, `--column`); a
header that is a field's own name ("job_title") or a common wording of the question
("Email address", "Languages I speak"); and last a question recognised by its words
("How many years have you worked in your field?"). When two columns would fill one
field, the stronger wins and the weaker is ignored (and said); two equally strong
columns are refused, since guessing could lose an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorkit.errors import InvalidFile, InvalidInput, Problem
from mentorkit.models.participant import Participant
from mentorkit.services.inputs import column_options
from mentorkit.store import tables, yamlio

# training completions come from attendance, not sign-up (`mentorkit training import`)
FIELDS = set(Participant.model_fields) - {"schema_version", "kind", "training"}
# How a column was matched. An exact match (a field's name, a known wording) is as
# strong as another: two of them for one field are refused rather than one guessed.
# The respondent's name and email a Forms export adds itself (Microsoft's `Name`, which is
# blank on an anonymous form) give way to the form's own question for them.
GIVEN, FIELD_NAME, WORDING, WORDS = "the column map", "its name", "its wording", "its words"
EXPORT = "the export"
STRENGTH = {GIVEN: 3, FIELD_NAME: 2, WORDING: 2, WORDS: 1, EXPORT: 0}

# Common wordings of sign-up form questions, folded (lower case, letters and digits).
SYNONYMS: dict[str, str] = {
    "fullname": "name", "yourname": "name", "name": "name", "participantname": "name",
    "yourfullname": "name", "firstandlastname": "name", "nameandsurname": "name",
    "email": "email", "emailaddress": "email", "workemail": "email", "youremail": "email",
    "youremailaddress": "email", "workemailaddress": "email", "yourworkemail": "email",
    "role": "role", "iwanttobea": "role", "iwanttotakepartas": "role", "participateas": "role",
    "mentorormentee": "role",
    "jobtitle": "job_title", "title": "job_title", "position": "job_title",
    "roletitle": "job_title", "yourjobtitle": "job_title", "jobrole": "job_title",
    "department": "department", "unit": "department", "dept": "department",
    "team": "department", "service": "department", "ward": "department",
    "site": "site", "location": "site", "campus": "site", "facility": "site",
    "years": "years_experience", "experience": "years_experience",
    "yearsofexperience": "years_experience", "yearsexperience": "years_experience",
    "yearsinhealthcare": "years_experience", "experienceyears": "years_experience",
    "manager": "manager", "manageremail": "manager", "linemanager": "manager",
    "supervisor": "manager", "supervisoremail": "manager",
    "icanhelpwith": "can_help_with", "canhelpwith": "can_help_with",
    "expertise": "can_help_with", "areasofexpertise": "can_help_with",
    "iwanthelpwith": "wants_help_with", "wantshelpwith": "wants_help_with",
    "iwouldlikehelpwith": "wants_help_with", "developmentareas": "wants_help_with",
    "careergoals": "career_goals", "interests": "interests", "hobbies": "interests",
    "languages": "languages", "languagesspoken": "languages",
    "meetingmodes": "meeting_modes", "preferredmeetingmode": "meeting_modes",
    "howwouldyouliketomeet": "meeting_modes",
    "availability": "availability", "whenareyouavailable": "availability",
    "capacity": "capacity", "howmanymenteescanyoutake": "capacity",
    "menteescapacity": "capacity", "notes": "notes", "comments": "notes",
    "preferredmentors": "preferred_mentors", "preferredmentor": "preferred_mentors",
}

# Questions recognised by the words they hold: every word of a rule, in any order. The
# first rule that fits wins, so the narrower rules come first ("manager's email" is the
# manager, not the person's email).
WORD_RULES: list[tuple[tuple[str, ...], str]] = [
    (("preferred", "mentor"), "preferred_mentors"),
    (("manager",), "manager"), (("supervisor",), "manager"),
    (("how", "many", "mentees"), "capacity"),
    (("mentor", "or", "mentee"), "role"), (("mentee", "or", "mentor"), "role"),
    (("take", "part", "as"), "role"), (("sign", "up", "as"), "role"), (("join", "as"), "role"),
    (("mentor", "like", "work", "with"), "preferred_mentors"),
    (("mentor", "in", "mind"), "preferred_mentors"),
    (("email",), "email"), (("e", "mail"), "email"),
    (("full", "name"), "name"), (("your", "name"), "name"),
    (("language",), "languages"), (("languages",), "languages"),
    (("years",), "years_experience"), (("how", "long", "worked"), "years_experience"),
    (("career",), "career_goals"), (("goals",), "career_goals"),
    (("can", "help"), "can_help_with"), (("could", "help"), "can_help_with"),
    (("offer",), "can_help_with"), (("expertise",), "can_help_with"),
    (("strengths",), "can_help_with"),
    (("help", "with"), "wants_help_with"), (("like", "help"), "wants_help_with"),
    (("want", "help"), "wants_help_with"), (("develop",), "wants_help_with"),
    (("learn",), "wants_help_with"), (("support", "with"), "wants_help_with"),
    (("job", "title"), "job_title"), (("position",), "job_title"),
    (("department",), "department"), (("unit",), "department"),
    (("site",), "site"), (("campus",), "site"), (("location",), "site"),
    (("facility",), "site"), (("work", "based"), "site"),
    (("how", "meet"), "meeting_modes"), (("meeting",), "meeting_modes"),
    (("available",), "availability"), (("availability",), "availability"),
    (("interests",), "interests"), (("hobbies",), "interests"),
    (("outside", "work"), "interests"),
    (("anything", "else"), "notes"), (("comments",), "notes"),
]


def fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def _words(header: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", header.casefold().replace("'s", "")))


@dataclass
class Columns:
    """Each header's field, how it was matched, and what was left out and why."""

    fields: dict[str, str]
    how: dict[str, str]
    ignored: list[str]
    overruled: dict[str, str] = field(default_factory=dict)  # header -> the header that won

    def header_of(self, target: str) -> str | None:
        return next((h for h, t in self.fields.items() if t == target), None)

    def to_json(self) -> list[dict[str, Any]]:
        return [{"column": h, "field": t, "matched_by": self.how[h]}
                for h, t in self.fields.items()]


def guess(header: str) -> tuple[str, str] | None:
    """The field a header looks like (without a map), and how sure: FIELD_NAME, WORDING
    or WORDS."""
    snake = re.sub(r"[^a-z0-9]+", "_", header.casefold()).strip("_")
    if snake in FIELDS:
        return snake, FIELD_NAME
    if fold(header) in SYNONYMS:
        return SYNONYMS[fold(header)], WORDING
    words = _words(header)
    for needed, target in WORD_RULES:
        if words.issuperset(needed):
            return target, WORDS
    return None


def resolve_columns(
    headers: list[str], given: dict[str, str], added: dict[str, str] | None = None
) -> Columns:
    """Map each header to a field: the given map first, then names and wordings.
    `added`: the columns a Forms export adds itself (header -> email, name, submitted or
    ignore, services/collection/exports.py); only a map sends its ID or times anywhere."""
    added = added or {}
    folded_given = {fold(k): v for k, v in given.items()}
    unknown_given = [k for k in given if fold(k) not in {fold(h) for h in headers}]
    if unknown_given:
        raise InvalidInput(
            f"the column map names {', '.join(repr(k) for k in unknown_given)}, "
            "which the file does not have",
            f"The file's columns are: {', '.join(repr(h) for h in headers)}.",
        )
    found = Columns({}, {}, [])
    for header in headers:
        target, how = folded_given.get(fold(header)), GIVEN
        if target is None and added.get(header) in {"email", "name"}:
            target, how = added[header], EXPORT
        elif target is None and header not in added:
            target, how = guess(header) or (None, WORDS)
        if not target or target == "ignore":
            found.ignored.append(header)
            continue
        rival = found.header_of(target)
        strength = STRENGTH[how]
        if rival is not None and STRENGTH[found.how[rival]] == strength:
            raise InvalidInput(
                f"two columns would fill {target}: {rival!r} and {header!r}",
                f"Map one of them with --column '{header}=ignore'.",
            )
        if rival is not None and STRENGTH[found.how[rival]] > strength:
            found.ignored.append(header)
            found.overruled[header] = rival
            continue
        if rival is not None:
            del found.fields[rival], found.how[rival]
            found.ignored.append(rival)
            found.overruled[rival] = header
        found.fields[header] = target
        found.how[header] = how
    found.ignored.sort(key=headers.index)
    missing = {"name", "email", "role"} - set(found.fields.values())
    if missing:
        raise InvalidInput(
            f"no column for {', '.join(sorted(missing))}",
            "Map the form's questions with --column 'Header=field' or --map FILE.yaml.",
        )
    return found


def load_column_map(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """A YAML file `columns: {"Form question": field, ...}` (or the mapping alone), and
    optionally `choices: {field: [the form's options]}` so that a Google Forms option
    holding a comma ("Leadership, staffing and scheduling") stays one answer."""
    text, data = tables.read_column_map(path)
    choices: dict[str, list[str]] = {}
    if isinstance(data, dict) and "columns" in data:
        choices = _choices(path, text, data.get("choices"))
        data = data["columns"]
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise InvalidFile(
            [Problem(path, "expected `columns:` mapping form headers to field names", line=1)]
        )
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if target is None or target == "ignore":
            mapping[header] = "ignore"
            continue
        if not isinstance(target, str) or target not in FIELDS:
            raise InvalidFile(
                [Problem(path, f"{target!r} is not a participant field", line=yamlio.line_of(
                    text, ["columns", header] if "columns" in text else [header]), field=header)],
                f"Fields: {', '.join(sorted(FIELDS))} (or ignore).",
            )
        mapping[header] = str(target)
    return mapping, choices


def _choices(path: Path, text: str, data: Any) -> dict[str, list[str]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InvalidFile([Problem(path, "expected `choices:` mapping fields to lists of "
                                         "options", line=yamlio.line_of(text, ["choices"]))])
    out: dict[str, list[str]] = {}
    for target, options in data.items():
        if target not in FIELDS or not isinstance(options, list) or not all(
                isinstance(o, str) for o in options):
            raise InvalidFile([Problem(
                path, f"choices: {target!r} should be a participant field with a list of "
                      "options", line=yamlio.line_of(text, ["choices", str(target)]),
                field=str(target))])
        out[target] = options
    return out


def parse_column_options(options: list[str]) -> dict[str, str]:
    """--column 'Form question=field' flags."""
    mapping = column_options(options, "'Form header=field'")
    for option in options:
        target = option.rpartition("=")[2].strip()
        if target not in FIELDS and target != "ignore":
            raise InvalidInput(
                f"--column {option!r}: {target!r} is not a participant field",
                f"Fields: {', '.join(sorted(FIELDS))} (or ignore).",
            )
    return mapping
