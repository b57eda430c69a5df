"""One row of an export or a workbook as `collect` files it: what it will file
(`Planned`) and what became of it (`RowResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mentorkit.services.collection import exports, filing
from mentorkit.vocab import Respondent


@dataclass
class RowResult:
    row: int
    email: str
    pair: str
    respondent: str
    form: str
    occasion: str
    action: str  # filed, replaced, already filed, older, skipped
    file: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Planned:
    row: exports.ExportRow
    filing: filing.Filing
    answers: str  # fingerprint
    result: RowResult
    export: exports.Export

    @property
    def target(self) -> tuple[str, str, str, str]:
        """What it files: the pair, the form, whose and for which occasion."""
        f = self.filing
        return (f.pair, f.form, f.respondent.value, f.occasion)

    @property
    def claim(self) -> tuple[str, Respondent, str]:
        """What it files, as the pair's responses.yaml keys an answer (Response.key)."""
        f = self.filing
        return (f.form, f.respondent, f.occasion)

    @property
    def workbook(self) -> str:
        """The id of the workbook its row is in ("" for a Forms answer, or a workbook
        made before rows had ids)."""
        return self.row.key.partition("/")[0]
