"""The HR roster in the program's private area: private/roster.json.

Why a folder of its own, and not .mentorkit/ or the program's files:
- .mentorkit/ holds the lock and caches, which anyone may delete to clear them; the
  roster is data the coordinator imported and must survive that;
- beside program.yaml and participants/, it would be committed and shared with the
  program folder, yet most of its rows are colleagues who never took part.
So private/ is owner-only (folder 0700, file 0600), and an import adds it to the program's
.gitignore (in the same all-or-nothing write) so a `git add .` cannot publish it.

JSON, one person a line, not YAML: a roster holds every hire of an organisation, and
PyYAML builds tens of thousands of rows a hundred times slower than json does, which
every `mentorkit report` would pay. It is checked against the Roster model as any
program file is (kind, schema_version, each field).
"""

from __future__ import annotations

import json
from pathlib import Path

from mentorkit.errors import InvalidFile, Problem
from mentorkit.models.base import plain
from mentorkit.models.outcomes import Roster
from mentorkit.store import yamlio
from mentorkit.store.folder import ProgramFolder, validate

PRIVATE = "private"
ROSTER_FILE = f"{PRIVATE}/roster.json"
IGNORE_LINE = f"{PRIVATE}/"
HINT = "Import the roster again with `mentorkit outcomes import`: it replaces the file."
IGNORE_BLOCK = (f"# HR data and other private imports: owner-only, never commit\n"
                f"{IGNORE_LINE}\n")


def roster_path(folder: ProgramFolder) -> Path:
    return folder.root / ROSTER_FILE


def load_roster(folder: ProgramFolder) -> Roster | None:
    """The roster last imported, or None when there is none."""
    path = folder.inside(ROSTER_FILE)  # refused if a link leads out of the folder
    if not path.exists():
        return None
    raw = yamlio.read_bytes(path, ROSTER_FILE)  # a regular file, or refused naming it
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidFile([Problem(ROSTER_FILE, "not UTF-8 text")], HINT) from None
    except json.JSONDecodeError as exc:
        raise InvalidFile([Problem(ROSTER_FILE, f"not JSON: {exc.msg}", line=exc.lineno)],
                          HINT) from None
    except ValueError:  # json reads a number of 4,301 digits or more as this, not the above
        raise InvalidFile([Problem(ROSTER_FILE, "holds a number too long to be a roster's")],
                          HINT) from None
    except RecursionError:  # lists or objects nested thousands deep
        raise InvalidFile([Problem(ROSTER_FILE, "nested too deep to be a roster")],
                          HINT) from None
    return validate(data, Roster, path=ROSTER_FILE)


def roster_text(roster: Roster) -> str:
    """The file: the roster's fields, then its rows, one person a line."""
    data = plain(roster.to_document(), json=True)
    rows = data.pop("rows", [])
    head = json.dumps(data, ensure_ascii=False)[:-1]
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    return f'{head}, "rows": [\n{lines}\n]}}\n' if rows else f'{head}, "rows": []}}\n'


def save_roster(folder: ProgramFolder, roster: Roster) -> None:
    """Replace the roster whole, owner-only, and make sure git ignores private/: both
    files land together or neither does (store/transaction.py)."""
    text = roster_text(roster)
    if len(text.encode("utf-8")) > yamlio.MAX_FILE_BYTES:
        raise InvalidFile([Problem(roster.source or ROSTER_FILE, f"{len(roster.rows)} rows "
                                   "are more than mentorkit keeps in one roster file")],
                          "Export only the staff hired in the years the program covers.")
    with folder.transaction() as tx:
        # staged as fresh text: a roster is replaced, never merged with the last one
        tx.stage_write(folder.inside(ROSTER_FILE), text, private=True)
        gitignore = folder.root / ".gitignore"
        old = gitignore.read_text(encoding="utf-8") if gitignore.is_file() else ""
        if IGNORE_LINE not in old.splitlines():
            joined = old if not old or old.endswith("\n") else old + "\n"
            tx.stage_write(gitignore, joined + IGNORE_BLOCK, private=False)

