"""`mentorkit validate`'s checks of notify's files: the sent log and the program's own
templates, read as `notify` reads them, so that validate passes only a folder notify
can use."""

from __future__ import annotations

from mentorkit.errors import InvalidFile, Problem
from mentorkit.services.monitoring.loaded import Loaded


def sent_log(s: Loaded) -> list[Problem]:
    """messages/sent/*.yaml: the log that keeps notify from sending a message twice. Each
    file that does not load is named (notify stops at the first)."""
    from mentorkit.models.messages import SentLog
    from mentorkit.store.messages import sent_log_files

    problems: list[Problem] = []
    for path in sent_log_files(s.folder):
        try:
            s.folder.load(path, SentLog)
        except InvalidFile as exc:
            problems.extend(exc.problems)
    return problems


def own_templates(s: Loaded) -> list[Problem]:
    """messages/templates/*.md: each compiles (a syntax error stops every notify)."""
    from mentorkit.services.messaging.templates import Templates
    from mentorkit.store.messages import TEMPLATES

    templates = Templates(s.folder)
    return [problem for entry in s.folder.entries(s.folder.root / TEMPLATES)
            if entry.path.suffix == ".md" for problem in templates.problems(entry.path.stem)]
