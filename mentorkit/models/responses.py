"""relationships/<pair>/responses.yaml: the answers `mentorkit collect` has filed.

One line per response (a Forms export row or a workbook row): which form, who answered,
for which occasion, when they submitted it, a fingerprint of the answers and the files
it wrote. It holds no answer text, so it can be shown and kept without breaking the
pair's confidentiality. It is how the same export collected again files nothing new, and
how a later resubmission for the same occasion replaces the earlier one.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from mentorkit.models.base import FileModel, Model, Text, empty_list
from mentorkit.vocab import Respondent


class Response(Model):
    form: str = Field(min_length=1)  # session, check-in, evaluation, needs-analysis, goals
    respondent: Respondent
    occasion: str = ""  # the session's date, the check-in's due date; "" for one-off forms
    submitted: dt.datetime
    answers: str = Field(min_length=8, max_length=64)  # fingerprint of the answers
    source: Text = ""  # Google Forms, Microsoft Forms, workbook
    files: list[str] = Field(default_factory=empty_list)  # written, inside the pair's folder
    items: list[str] = Field(default_factory=empty_list)  # goal ids a goals form added
    # a workbook row's own id (<workbook>/<Row>): corrected in place, whatever changed in
    # it (its date too), the same row replaces what it filed; "" for a Forms answer
    row: str = ""

    @property
    def key(self) -> tuple[str, Respondent, str]:
        return (self.form, self.respondent, self.occasion)


class Responses(FileModel):
    KIND = "responses"
    FILE: ClassVar[str] = "responses.yaml"

    kind: Literal["responses"] = "responses"
    responses: list[Response] = Field(default_factory=empty_list)
    # workbook rows whose answer another answer replaced since ("<row> <fingerprint>"):
    # collected again unchanged (an older copy of the workbook), they file nothing
    superseded: list[str] = Field(default_factory=empty_list)

    def latest(self, key: tuple[str, Respondent, str]) -> Response | None:
        found = [r for r in self.responses if r.key == key]
        return max(found, key=lambda r: r.submitted) if found else None
