"""Which of a pair's workbook rows file, when rows compete.

A workbook is edited in place: its rows as they are now are the pair's answers, and a
row is known by its Row id (services/collection/workbook.py), not its date. Two rows
can still claim one thing:

- **A row copied whole, Row id and all.** The row whose answers are the ones its id
  filed is the original; the other is refused, naming both (where neither is, the
  upper one is taken as the original).
- **Two rows for one occasion**: one partner's session of a day, check-in of a period,
  or evaluation. The row that already files it stays, else the upper one; the other is
  named and files nothing. Each would otherwise replace the other on every collect.

Only rows as they are now compete: a row cleared since it was filed claims nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from mentorkit.models.responses import Responses
from mentorkit.services.collection.exports import ROW
from mentorkit.services.collection.planned import Planned

Ledger = Callable[[str], Responses]  # a pair's responses.yaml, as filed so far


def copies(rows: list[Planned], ledger_of: Ledger) -> list[tuple[Planned, str]]:
    """The rows copied with another's Row id, and why each is refused."""
    by_id: dict[str, list[Planned]] = defaultdict(list)
    for item in rows:
        if item.row.key:
            by_id[item.row.key].append(item)
    refused = []
    for key, items in by_id.items():
        if len(items) < 2:
            continue
        filed = _filed_by(key, ledger_of(items[0].filing.pair))
        original = next((i for i in items if filed is not None and i.answers == filed),
                        min(items, key=lambda i: i.row.row))
        refused += [(item, f"column {ROW!r}: {key.partition('/')[2]} is row "
                           f"{original.row.row}'s too (a copied row?): clear row "
                           f"{item.row.row}'s {ROW}, and it is filed as a new answer")
                    for item in items if item is not original]
    return refused


def beaten(rows: list[Planned], ledger_of: Ledger,
           unread: set[str]) -> dict[int, Planned | str]:
    """For each row that claims what another row files (by id()), that other row: a
    row of this collect, or the Row id of one that could not be read (`unread`: what it
    filed stays its own until it is put right). A check-in whose occasion is not known
    yet (the pair starts with a session of this collect) claims nothing."""
    claims: dict[tuple[str, str, str, str], list[Planned]] = defaultdict(list)
    for item in rows:
        if item.filing.form != "check-in" or item.filing.occasion:
            claims[item.target].append(item)
    lost: dict[int, Planned | str] = {}
    for target, items in claims.items():
        ledger = ledger_of(target[0])
        held = next((r.row for r in ledger.responses if r.row in unread
                     and r.key == items[0].claim), None)
        if held is not None:
            lost.update((id(item), held.partition("/")[2]) for item in items)
            continue
        if len(items) < 2:
            continue
        winner = next((i for i in items if _files(i, ledger)),
                      min(items, key=lambda i: i.row.row))
        lost.update((id(item), winner) for item in items if item is not winner)
    return lost


def _filed_by(key: str, ledger: Responses) -> str | None:
    """The fingerprint of the answers the row `key` filed, if it filed any."""
    return next((r.answers for r in ledger.responses if r.row == key), None)


def _files(item: Planned, ledger: Responses) -> bool:
    """Whether what this row filed is what it claims now: the row with this Row id filed
    this very occasion (or, a row without one, these very answers did)."""
    if item.row.key:
        return any(r.row == item.row.key and r.key == item.claim for r in ledger.responses)
    return any(r.key == item.claim and r.answers == item.answers for r in ledger.responses)


def named(winner: Planned | str) -> str:
    """The row that files it, as the pair knows it: its Row id, else its number."""
    if isinstance(winner, str):
        return winner
    return winner.row.key.partition("/")[2] or str(winner.row.row)


def moving(rows: list[Planned], ledger_of: Ledger) -> dict[str, tuple[str, str, str, str]]:
    """The rows of this collect whose answer moves to another occasion (a meeting's
    date corrected): Row id -> what it claims now. What they filed is theirs to move,
    not another row's to replace or to be refused by."""
    moves = {}
    for item in rows:
        if item.row.key and any(r.row == item.row.key and r.key != item.claim
                                for r in ledger_of(item.filing.pair).responses):
            moves[item.row.key] = item.target
    return moves
