"""program.yaml `resources:`: the program's library of reading, courses and tools.

    resources:
      - title: Giving feedback that lands
        link: https://example.org/feedback
        role: mentor              # mentor, mentee or everyone (the default)
        functions: [feedback]     # mentor functions it helps with
        topics: [difficult conversations]   # words matched to what mentees want
      - title: Unit orientation checklist
        file: resources/orientation.pdf     # a file inside the program folder

(Named `library`: mentorkit/store/resources.py is the package's own templates.)
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from mentorkit.models.base import Model, Text, TextList, empty_list
from mentorkit.models.training import Audience
from mentorkit.vocab import MentorFunction

LINK_SCHEMES = ("https://", "http://", "mailto:")


class Resource(Model):
    title: Text = Field(min_length=1, max_length=200)
    link: str | None = Field(default=None, max_length=2000)
    file: str | None = Field(default=None, max_length=500)  # inside the program folder
    role: Audience = Audience.EVERYONE
    functions: list[MentorFunction] = Field(default_factory=empty_list)
    topics: TextList = Field(default_factory=empty_list)

    @field_validator("link")
    @classmethod
    def _a_link(cls, value: str | None) -> str | None:
        if value is not None and (not value.startswith(LINK_SCHEMES)
                                  or any(c.isspace() for c in value)):
            raise ValueError("give a web address starting https:// (or http://, mailto:)")
        return value

    @field_validator("file")
    @classmethod
    def _inside_folder(cls, value: str | None) -> str | None:
        if value is not None and (value.startswith(("/", "\\", "~")) or ".." in
                                  value.replace("\\", "/").split("/") or ":" in value):
            raise ValueError("must be a path inside the program folder, like "
                             "resources/guide.pdf")
        return value

    @model_validator(mode="after")
    def _one_place(self) -> Resource:
        if (self.link is None) == (self.file is None):
            raise ValueError("give either `link` (a web address) or `file` (a file in the "
                             "program folder), not both or neither")
        return self

    @property
    def where(self) -> str:
        return self.link or f"{self.file} (in the program folder)"
