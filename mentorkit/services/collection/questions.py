"""The questions of each form people answer in Microsoft Forms, Google Forms or a pair's
workbook: exact titles, help text, answer type, choices, and whether required.

A form built from these word for word is collected with no column map: an export's
column headers are the question titles. Questions marked `private` ask for the pair's
own reflections; they are asked (and filed) only when program.yaml opts in for that
form (`collect_private:`), so by default a coordinator running the export never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from mentorkit.errors import NotFound

SHORT, PARAGRAPH, CHOICE, CHECKBOXES, DATE, RATING, SCALE = (
    "short text", "paragraph", "choice", "checkboxes", "date", "rating", "linear scale",
)
# What each answer type is called when building the form.
BUILDERS: dict[str, tuple[str, str]] = {  # type: (Google Forms, Microsoft Forms)
    SHORT: ("Short answer", "Text"),
    PARAGRAPH: ("Paragraph", "Text (long answer)"),
    CHOICE: ("Multiple choice", "Choice"),
    CHECKBOXES: ("Checkboxes", "Choice (multiple answers)"),
    DATE: ("Date", "Date"),
    RATING: ("Linear scale 1 to 5", "Rating (5 levels, numbers)"),
    SCALE: ("Linear scale 0 to 10", "Net Promoter Score"),
}
GOALS = 5  # questions about goals 1-5 (the toolkit's limit)

STATUS_CHOICES = ["Not started", "In progress", "Achieved", "Revised", "Dropped"]
ACHIEVED_CHOICES = ["Yes", "Partly", "No"]
YES_NO = ["Yes", "No"]


@dataclass(frozen=True)
class Question:
    key: str  # what it fills; also the target of --column 'Header=KEY'
    title: str
    type: str
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    private: bool = False  # the pair's own reflections: asked only on opt-in
    # for the coordinator's eyes: never in a pair's workbook, which both partners fill in
    coordinator_only: bool = False

    def to_json(self) -> dict[str, Any]:
        google, microsoft = BUILDERS[self.type]
        return {
            "key": self.key,
            "title": self.title,
            "help": self.help,
            "type": self.type,
            "google_forms": google,
            "microsoft_forms": microsoft,
            "choices": list(self.choices),
            "required": self.required,
            "private": self.private,
        }


PARTNER = Question(
    "partner", "Who is your mentoring partner?", SHORT,
    "Your mentor's or mentee's name. Needed only if you have more than one mentoring "
    "relationship.",
)


def _goal_status(n: int) -> Question:
    return Question(
        f"goal{n}_status", f"Goal {n}: where is it now?", CHOICE,
        f"Goal {n} is number {n} on your goals list (g{n}). Leave blank if you have no "
        f"goal {n} or did not work on it.", tuple(STATUS_CHOICES),
    )


def _goal_achieved(n: int) -> Question:
    return Question(
        f"goal{n}_achieved", f"Goal {n}: was it achieved?", CHOICE,
        f"Goal {n} is number {n} on your goals list (g{n}). Leave blank if you had no "
        f"goal {n}.", tuple(ACHIEVED_CHOICES),
    )


def _rating(key: str, title: str) -> Question:
    return Question(key, title, RATING, "1 = not at all, 5 = completely.", required=True)


SESSION = [
    Question("date", "Date of the meeting", DATE, "The day you met.", required=True),
    Question("duration", "How long did you meet?", SHORT,
             "For example 45 min or 1 hour. Leave blank for the program's usual length."),
    Question("mode", "How did you meet?", CHOICE, "",
             ("In person", "Video call", "Phone", "Chat or messages"), required=True),
    Question("meeting", "Which meeting was this?", CHOICE,
             "Leave blank for a regular meeting (your first one is counted as the first).",
             ("First meeting", "Regular meeting", "Final meeting")),
    *(_goal_status(n) for n in range(1, GOALS + 1)),
    Question("actions", "Actions agreed before the next meeting", PARAGRAPH,
             "One per line: what will be done and by when, like: Shadow the charge nurse "
             "by 12/3/2026. Add 'mentor' or 'both' if not the mentee, and 'goal 2' if it "
             "serves goal 2."),
    Question("next_meeting", "Date of your next meeting", DATE, "The day you agreed, if any."),
    Question("issues", "Issues that came up, and possible solutions", PARAGRAPH,
             "One per line, like: Hard to find time on nights - meet before handover.",
             private=True),
    Question("learnings", "What did you learn at this meeting?", PARAGRAPH,
             "One per line.", private=True),
]

CHECK_IN = [
    Question("meeting_as_agreed", "Are you meeting as agreed?", CHOICE, "",
             ("Yes, as agreed", "Less often than agreed", "We are not meeting"),
             required=True),
    Question("relationship", "How well is your mentoring relationship working?", RATING,
             "1 = not well at all, 5 = very well.", required=True),
    Question("progress", "How much progress are you making toward your goals?", RATING,
             "1 = none yet, 5 = a lot.", required=True),
    Question("contact_me", "Would you like the program coordinator to get in touch?",
             CHOICE, "They will contact you privately.", tuple(YES_NO), required=True),
    Question("for_coordinator", "Anything the program coordinator should know?", PARAGRAPH,
             "Only the coordinator reads this.", coordinator_only=True),
]

EVALUATION = [
    _rating("goals_clear", "The program's goals were clear to me"),
    _rating("time_commitment_right", "The time it asked of me was about right"),
    _rating("match_worked", "My mentoring partner was a good match for me"),
    _rating("met_regularly", "We met regularly"),
    _rating("came_prepared", "We both came to our meetings prepared"),
    _rating("open_and_honest", "We were open and honest with each other"),
    _rating("grew", "I grew through this mentoring relationship"),
    Question("recommend", "How likely are you to recommend the program to a colleague?",
             SCALE, "0 = not at all likely, 10 = extremely likely.", required=True),
    *(_goal_achieved(n) for n in range(1, GOALS + 1)),
    Question("continue_partnership", "Will you keep in touch as professional partners?",
             CHOICE, "", tuple(YES_NO)),
    Question("new_goals", "Did new goals come up?", PARAGRAPH, "One per line.", private=True),
    Question("support_needed", "What support would your continuing partnership need?",
             PARAGRAPH, "", private=True),
    Question("comments", "Anything else about your mentoring?", PARAGRAPH, "", private=True),
]

NEEDS_ANALYSIS = [
    Question("wants_to_accomplish", "What does the mentee most want to accomplish?",
             PARAGRAPH, "In a sentence or two.", required=True),
    Question("interests_and_skills", "The mentee's main interests and skills", PARAGRAPH,
             "One per line."),
    Question("meeting_cadence", "How often will you meet?", CHOICE, "",
             ("Every week", "Every two weeks", "Monthly", "Every two months")),
    Question("meeting_minutes", "How long will each meeting be?", SHORT,
             "For example 45 min or 1 hour."),
    Question("meeting_place", "Where will you usually meet?", SHORT, ""),
    Question("communication", "How will you keep in touch between meetings?", CHECKBOXES, "",
             ("Email", "Phone", "Text messages", "Teams or video call", "In person")),
    Question("confidentiality_agreed",
             "Have you agreed that what you discuss stays between you?", CHOICE,
             "See the program's confidentiality note.", tuple(YES_NO)),
    Question("current_issues", "Issues the mentee faces at work now", PARAGRAPH,
             "One per line.", private=True),
    Question("mentee_hopes", "What the mentee hopes to get from mentoring", PARAGRAPH, "",
             private=True),
    Question("mentor_hopes", "What the mentor hopes to get from mentoring", PARAGRAPH, "",
             private=True),
]


def _goal_questions(n: int) -> list[Question]:
    return [
        Question(f"goal{n}", f"Goal {n}", SHORT,
                 "Specific and realistic for the time you have." if n == 1 else
                 "Leave blank if you have fewer goals.", required=n == 1),
        Question(f"goal{n}_measure", f"Goal {n}: how will you know it is achieved?", SHORT),
        Question(f"goal{n}_target", f"Goal {n}: target date", DATE),
    ]


GOALS_FORM = [q for n in range(1, GOALS + 1) for q in _goal_questions(n)]


@dataclass(frozen=True)
class FormSpec:
    name: str
    title: str
    about: str
    questions: list[Question] = field(default_factory=list)
    private_setting: str = ""  # program.yaml collect_private.<this>; "" = nothing private

    def asked(self, include_private: bool) -> list[Question]:
        return [PARTNER, *(q for q in self.questions if include_private or not q.private)]

    def question(self, key: str) -> Question | None:
        return next((q for q in [PARTNER, *self.questions] if q.key == key), None)


CATALOGUE: dict[str, FormSpec] = {
    spec.name: spec
    for spec in (
        FormSpec("session", "Session record",
                 "after each meeting, usually by the mentee: progress and agreed actions",
                 SESSION, "session"),
        FormSpec("check-in", "Mentoring check-in",
                 "each side, about 30 days after the start and then every 60 days", CHECK_IN),
        FormSpec("evaluation", "Mentoring evaluation",
                 "at the end, mentor and mentee separately", EVALUATION, "evaluation"),
        FormSpec("needs-analysis", "Needs analysis",
                 "at the first meeting, filled in together", NEEDS_ANALYSIS,
                 "needs_analysis"),
        FormSpec("goals", "Mentoring goals",
                 "at the first meeting: up to five goals", GOALS_FORM),
    )
}


def spec(name: str) -> FormSpec:
    if name not in CATALOGUE:
        raise NotFound(f"no form {name!r} to build in Forms",
                       f"The forms: {', '.join(CATALOGUE)}.")
    return CATALOGUE[name]


def private_allowed(spec: FormSpec, collect_private: Any) -> bool:
    """Whether program.yaml's `collect_private:` opts this form in."""
    return bool(spec.private_setting) and bool(getattr(collect_private, spec.private_setting))


@dataclass
class QuestionList:
    """`mentorkit forms questions NAME`: what to type into Microsoft or Google Forms."""

    JSON_KIND: ClassVar[str] = "form-questions"  # the --json envelope (render/envelope.py)

    form: str
    title: str
    about: str
    questions: list[Question]
    private_included: bool
    private_left_out: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "title": self.title,
            "about": self.about,
            "collect_email": True,
            "private_included": self.private_included,
            "private_left_out": self.private_left_out,
            "questions": [q.to_json() for q in self.questions],
        }


def question_list(name: str, collect_private: Any = None) -> QuestionList:
    form = spec(name)
    allowed = collect_private is not None and private_allowed(form, collect_private)
    left_out = [] if allowed else [q.title for q in form.questions if q.private]
    return QuestionList(form.name, form.title, form.about, form.asked(allowed), allowed,
                        left_out)
