"""Hard constraints: which mentee–mentor pairs are allowed at all.

Who takes part (checked per person, before any arrays are built): active status only;
mentors need the mentor or both role, mentees the mentee or both role.

Per pair (vectorised like the features, over broadcasting index arrays):

- min_years: the mentor has at least `matching.min_mentor_years`;
- more_years: the mentor has more years than the mentee;
- self: nobody mentors themself (people enrolled as both);
- manager: never a manager with their direct report, either way round
  (participant.manager is an id or an email);
- excluded: the pair is not on the exclusion list (program.yaml `matching.exclusions`
  and the CSV `matching.exclusions_file`);
- paired_before: the pair has never had a relationship (of any status: a pair that
  completed or ended early is never proposed again);
- earlier_round: the pair was not matched in an earlier round of the program
  (past-pairs.yaml, services/programs/past_pairs.py).
- untrained: the mentor has completed the training the program asks of mentors before
  matching (program.yaml `training`; worked out per mentor by the service).

Capacity is the solver's business; pinned pairs are the service's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from mentorkit.engine.lookup import row_cells
from mentorkit.engine.rules import CONSTRAINTS

if TYPE_CHECKING:
    from mentorkit.models.participant import Participant
    from mentorkit.models.program import MatchingSettings

class Constraints:
    def __init__(
        self,
        mentee_ids: Sequence[str],
        mentees: Sequence[Participant],
        mentor_ids: Sequence[str],
        mentors: Sequence[Participant],
        settings: MatchingSettings,
        emails: Mapping[str, str],
        exclusions: Iterable[tuple[str, str]],
        paired_before: Iterable[tuple[str, str]] = (),
        earlier_rounds: Iterable[tuple[str, str]] = (),
        untrained: Sequence[bool] = (),
    ) -> None:
        """`emails` maps an enrolled person's email to their id; `exclusions`,
        `paired_before` and `earlier_rounds` hold (mentor id, mentee id) pairs; `untrained`
        marks, per mentor, one held back until they complete their training (empty:
        nobody is)."""
        self.min_years = float(settings.min_mentor_years)
        everyone: dict[str, int] = {}
        for person_id in (*mentee_ids, *mentor_ids):
            everyone.setdefault(person_id, len(everyone))

        def manager_of(p: Participant) -> int:
            m = p.manager
            if m is None:
                return -1
            return everyone.get(emails.get(m, m), -2)  # -2: a manager outside this match

        self.mentee_pid = np.array([everyone[i] for i in mentee_ids], dtype=np.int64)
        self.mentor_pid = np.array([everyone[i] for i in mentor_ids], dtype=np.int64)
        self.mentee_mgr = np.array([manager_of(p) for p in mentees], dtype=np.int64)
        self.mentor_mgr = np.array([manager_of(p) for p in mentors], dtype=np.int64)
        self.mentee_years = np.array([p.years_experience for p in mentees], dtype=np.float32)
        self.mentor_years = np.array([p.years_experience for p in mentors], dtype=np.float32)
        row = {k: n for n, k in enumerate(mentee_ids)}
        col = {k: n for n, k in enumerate(mentor_ids)}
        shape = (len(mentee_ids), len(mentor_ids))

        def listed(pairs: Iterable[tuple[str, str]]) -> sparse.csr_matrix:
            return _cells(*_columns([(row[e], col[m]) for m, e in pairs
                                     if e in row and m in col]), shape)

        self.excluded = listed(exclusions)
        self.paired_before = listed(paired_before)
        self.earlier_round = listed(earlier_rounds)
        # the few cells the person-to-person constraints forbid, for fast blocks
        mentor_at = {int(pid): j for j, pid in enumerate(self.mentor_pid)}
        mentee_at = {int(pid): i for i, pid in enumerate(self.mentee_pid)}
        same = [(i, mentor_at[int(pid)]) for i, pid in enumerate(self.mentee_pid)
                if int(pid) in mentor_at]
        bosses = [(i, mentor_at[int(g)]) for i, g in enumerate(self.mentee_mgr)
                  if int(g) in mentor_at]
        bosses += [(mentee_at[int(g)], j) for j, g in enumerate(self.mentor_mgr)
                   if int(g) in mentee_at]
        self.self_cells = _cells(*_columns(same), shape)
        self.manager_cells = _cells(*_columns(bosses), shape)
        self.untrained = (np.asarray(untrained, dtype=bool) if len(untrained)
                          else np.zeros(len(mentor_ids), dtype=bool))
        self.min_ok = self.mentor_years >= self.min_years
        self.sorted_mentor_years = np.sort(self.mentor_years)

    def broken(self, ii: np.ndarray, jj: np.ndarray) -> dict[str, np.ndarray]:
        """Each constraint's mask, True where the pair breaks it."""
        shape = np.broadcast_shapes(ii.shape, jj.shape)
        masks = {
            "min_years": self.mentor_years[jj] < self.min_years,
            "more_years": self.mentor_years[jj] <= self.mentee_years[ii],
            "self": self.mentee_pid[ii] == self.mentor_pid[jj],
            "manager": (self.mentee_mgr[ii] == self.mentor_pid[jj])
            | (self.mentor_mgr[jj] == self.mentee_pid[ii]),
            "excluded": _lookup(self.excluded, ii, jj),
            "paired_before": _lookup(self.paired_before, ii, jj),
            "earlier_round": _lookup(self.earlier_round, ii, jj),
            "untrained": self.untrained[jj],
        }
        return {k: np.broadcast_to(v, shape) for k, v in masks.items()}

    def feasible(self, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        masks = self.broken(ii, jj)
        ok = np.ones(np.broadcast_shapes(ii.shape, jj.shape), dtype=bool)
        for mask in masks.values():
            ok &= ~mask
        return ok

    def block(self, rows: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Feasibility of mentees `rows` against every mentor, and per constraint how many
        mentors each row's mentee fails it with (the same as `broken`, in two passes:
        the years compare whole rows, the rest are a few known cells)."""
        rows = np.asarray(rows, dtype=np.int64)
        b = len(rows)
        years = self.mentee_years[rows]
        ok = self.mentor_years[None, :] > years[:, None]
        ok &= self._fixed.open_mentors[None, :]
        counts = {
            "min_years": np.full(b, int((~self.min_ok).sum()), dtype=np.int64),
            "untrained": np.full(b, int(self.untrained.sum()), dtype=np.int64),
            "more_years": np.searchsorted(self.sorted_mentor_years, years, side="right"),
        }
        ok[row_cells(self._fixed.cells, rows)] = False
        for name, per_row in self._fixed.per_row.items():
            counts[name] = per_row[rows]
        return ok, counts

    @cached_property
    def _fixed(self) -> _FixedCells:
        """What `block` needs besides the years, worked out once for every block."""
        named = {"self": self.self_cells, "manager": self.manager_cells,
                 "excluded": self.excluded, "paired_before": self.paired_before,
                 "earlier_round": self.earlier_round}
        every = sparse.csr_matrix(self.excluded.shape, dtype=bool)
        for cells in named.values():
            every = every + cells  # boolean sum: the union
        return _FixedCells(
            self.min_ok & ~self.untrained, every.tocsr(),
            {name: np.diff(cells.indptr).astype(np.int64) for name, cells in named.items()},
        )

    def block_by_masks(self, rows: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """`block` straight from `broken` (for tests and checking)."""
        ii = np.asarray(rows, dtype=np.int64)[:, None]
        jj = np.arange(len(self.mentor_pid), dtype=np.int64)[None, :]
        masks = self.broken(ii, jj)
        ok = np.ones((len(rows), len(self.mentor_pid)), dtype=bool)
        counts = {}
        for name, mask in masks.items():
            ok &= ~mask
            counts[name] = mask.sum(axis=1)
        return ok, counts

    def why_not(self, i: int, j: int) -> list[str]:
        """The constraints the pair (mentee i, mentor j) breaks, by name."""
        masks = self.broken(np.array([i]), np.array([j]))
        return [name for name in CONSTRAINTS if bool(masks[name][0])]


@dataclass(frozen=True)
class _FixedCells:
    open_mentors: np.ndarray  # per mentor: meets the minimum years and is trained
    cells: sparse.csr_matrix  # every pair a person-to-person constraint forbids
    per_row: dict[str, np.ndarray]  # per constraint, per mentee: the pairs it forbids


def _lookup(cells: sparse.csr_matrix, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
    if ii.ndim == 2:  # whole rows (ii is a column of mentee rows)
        return np.asarray(cells[ii[:, 0]].toarray())
    return np.asarray(cells[ii, jj]).ravel().astype(bool)


def _columns(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    r, c = zip(*sorted(set(pairs)), strict=True)
    return np.array(r, dtype=np.int64), np.array(c, dtype=np.int64)


def _cells(r: np.ndarray, c: np.ndarray, shape: tuple[int, int]) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(r), dtype=bool), (r, c)), shape=shape)
