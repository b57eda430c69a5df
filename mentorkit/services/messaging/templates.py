"""Message templates: Jinja2 in a sandbox, a subject line and a Markdown body.

A template file (templates/messages/<kind>.md, or the program's own in
messages/templates/<kind>.md) starts with `Subject: ...`, then a blank line, then the
body in Markdown. The whole file is one template, so an error's line number is the
file's. A name the template does not know is an error (StrictUndefined) that names the
file, the line and the name; so is any other mistake in it (a date filter given a name,
a number added to text). The sandbox keeps a template from reaching Python itself:
a coordinator's template is text, never code.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentorkit.errors import InvalidFile, MentorkitError, Problem
from mentorkit.store import messages as store

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from mentorkit.store.folder import ProgramFolder

TEMPLATE_HINT = ("Fix the template (the README lists the names each kind may use), or "
                 "delete the program's copy to use the default wording.")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str  # the Markdown body, which reads well as plain text

    @property
    def html(self) -> str:
        """Made when a message is composed, not for a listing that shows subjects only."""
        return to_html(self.text)


def long_date(value: dt.date | None) -> str:
    """Wednesday 8 April 2026: no doubt about day or month, on any phone."""
    if value is None:
        return ""
    _expect(value, dt.date, "long_date", "a date")
    return f"{value:%A} {value.day} {value:%B %Y}"


def clock(value: dt.time | None) -> str:
    if value is None:
        return ""
    _expect(value, dt.time, "clock", "a time of day")
    return value.strftime("%H:%M")


def _expect(value: object, kind: type, name: str, words: str) -> None:
    """A filter given the wrong thing says so in the template's words, not Python's."""
    if not isinstance(value, kind):
        raise ValueError(f"{name} needs {words}, not {value!r}")


class Templates:
    """The templates of one program, each file read and compiled once per run."""

    def __init__(self, folder: ProgramFolder) -> None:
        self.folder = folder
        self._env: SandboxedEnvironment | None = None
        self._paths: dict[str, str] = {}

    def render(self, kind: str, variables: dict[str, Any]) -> Rendered:
        env = self._environment()
        shown = self._paths.get(kind, kind)
        try:
            template = env.get_template(kind)
            shown = self._paths[kind]
            output = template.render(variables)
        except MentorkitError:
            raise  # a template file that cannot be read says so itself
        except Exception as exc:
            # whatever a template's own expression does wrong ("days" + 1, a date filter
            # on a name) is the template's mistake: its file and line, not a traceback
            raise _template_problem(exc, self._paths.get(kind, shown)) from None
        return _split(output, self._paths[kind])

    def problems(self, kind: str) -> list[Problem]:
        """What is wrong with `kind`'s template as written (before any message is made
        of it): for `validate`."""
        try:
            self._environment().get_template(kind)
        except InvalidFile as exc:  # a template file that cannot be read says so itself
            return exc.problems
        except Exception as exc:
            return _template_problem(exc, self._paths.get(kind, kind)).problems
        return []

    def _environment(self) -> SandboxedEnvironment:
        if self._env is None:
            from jinja2 import FunctionLoader, StrictUndefined
            from jinja2.sandbox import SandboxedEnvironment

            def load(name: str) -> tuple[str, str, Any]:
                text, shown = store.template_text(self.folder, name)
                self._paths[name] = shown
                return text, shown, lambda: True

            self._env = SandboxedEnvironment(
                loader=FunctionLoader(load), undefined=StrictUndefined, autoescape=False,
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            )
            self._env.filters["long_date"] = long_date
            self._env.filters["clock"] = clock
        return self._env


def _split(output: str, shown: str) -> Rendered:
    first, _, body = output.lstrip("\n").partition("\n")
    label, sep, subject = first.partition(":")
    if not sep or label.strip().lower() != "subject" or not subject.strip():
        raise InvalidFile([Problem(shown, "the first line must be `Subject: ...`", line=1)],
                          TEMPLATE_HINT)
    text = body.strip("\n") + "\n"
    return Rendered(" ".join(subject.split()), text)


def to_html(markdown: str) -> str:
    """The body as a small HTML page that reads well on a phone. Raw HTML in the text is
    shown as text, so nothing a person typed into a profile becomes markup."""
    body = _markdown().render(markdown)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n'
        '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; '
        'max-width: 36em; margin: 0 auto; padding: 1em;">\n'
        f"{body}</body></html>\n"
    )


@functools.cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True})


def _template_problem(exc: Exception, shown: str) -> InvalidFile:
    """The file, line and what is wrong, from a Jinja error (syntax or an unknown name)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateSyntaxError):
        return InvalidFile([Problem(shown, f"template syntax: {exc.message}", line=exc.lineno)],
                           TEMPLATE_HINT)
    line = _template_line(exc, shown)
    if isinstance(exc, UndefinedError):
        message = f"unknown name: {_unknown(str(exc))}"
    elif isinstance(exc, SecurityError):  # the sandbox: a template reaching for Python
        message = f"not allowed in a template: {exc}"
    else:
        message = f"template error: {exc}"
    return InvalidFile([Problem(shown, message, line=line)], TEMPLATE_HINT)


def _template_line(exc: BaseException, shown: str) -> int | None:
    """Jinja rewrites the traceback so the template's frames carry its file and line."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == shown:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _unknown(message: str) -> str:
    # "'nmae' is undefined" -> nmae; "'dict object' has no attribute 'x'" -> .x
    if message.endswith(" is undefined"):
        return message[: -len(" is undefined")].strip("'")
    if "has no attribute" in message:
        return "." + message.rsplit("has no attribute", 1)[1].strip().strip("'")
    return message
