"""A certificate as one self-contained HTML page, from a Jinja2 template in a sandbox.

The template (store/certificates.py: the program's own messages/templates/certificate.html,
else the shipped one) is a coordinator's text, never code: the sandbox keeps it from
reaching Python, autoescaping keeps a name like "<b>Ana</b>" text, and a name the template
does not know is an error naming the file and line (as for message templates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorkit.services.messaging.templates import _template_problem
from mentorkit.services.recognition.certificates import Certificate

# How much text the goals hold before the page uses smaller type (characters).
COMPACT_FROM = 420
TIGHT_FROM = 800


def day(value: dt.date) -> str:
    """8 April 2026: no doubt about day or month, in any country."""
    return f"{value.day} {value:%B %Y}"


def hours_text(hours: float) -> str:
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def density(certificate: Certificate) -> str:
    size = sum(len(g) for g in certificate.goals) + 60 * len(certificate.goals)
    return "tight" if size >= TIGHT_FROM else "compact" if size >= COMPACT_FROM else "roomy"


def variables(certificate: Certificate) -> dict[str, Any]:
    c = certificate
    return {"name": c.name, "role": c.role, "other_name": c.other_name, "program": c.program,
            "organisation": c.organisation, "started": c.started, "completed": c.completed,
            "sessions": c.sessions, "hours": hours_text(c.hours), "goals": list(c.goals),
            "density": density(c), "pair": c.pair}


def render(certificate: Certificate, template: str, shown: str) -> str:
    """The page; `template` is the template's text and `shown` its path for errors."""
    from jinja2 import FunctionLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    # loaded under its path, so an error's line is found in the template's own frames
    env = SandboxedEnvironment(loader=FunctionLoader(lambda _: (template, shown, lambda: True)),
                               undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["day"] = day
    try:
        return env.get_template("certificate").render(variables(certificate))
    except TemplateError as exc:
        raise _template_problem(exc, shown) from None
