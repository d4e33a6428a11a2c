"""A crash-safe record of which input rows SmartLead acknowledged, for resumable imports.

The journal is an SQLite file next to the input (``leads.csv.smartlead-journal``). Each
acknowledged batch is committed as soon as its answer arrives, as compact row ranges, so after a
crash or Ctrl-C a ``--resume`` run skips exactly the acknowledged rows: nothing is sent twice
and nothing is lost. Rows of batches that failed or were in flight are not recorded and are sent
again (add-leads is idempotent, so a batch whose answer was lost shows up as already added).
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Journal", "ranges_of"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acknowledged (first_row INTEGER NOT NULL, last_row INTEGER NOT NULL);
"""


def ranges_of(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as inclusive ``(first, last)`` runs."""
    runs: list[tuple[int, int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class Journal:
    """Acknowledged rows of one import of one input into one campaign.

    Args:
        path: The SQLite file.
        campaign_id: The campaign being imported into; a journal of another campaign is refused.
    """

    def __init__(self, path: Path, campaign_id: int) -> None:
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.executescript(_SCHEMA)
        stored = self._db.execute("SELECT value FROM meta WHERE key = 'campaign_id'").fetchone()
        if stored is None:
            self._db.execute("INSERT INTO meta VALUES ('campaign_id', ?)", (str(campaign_id),))
            self._db.commit()
        elif stored[0] != str(campaign_id):
            self._db.close()
            raise ValueError(
                f"{path} journals an import into campaign {stored[0]}, not {campaign_id}"
            )
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._load()

    def _load(self) -> None:
        rows = self._db.execute(
            "SELECT first_row, last_row FROM acknowledged ORDER BY first_row"
        ).fetchall()
        self._starts = [first for first, _ in rows]
        self._ends = [last for _, last in rows]

    @property
    def acknowledged_count(self) -> int:
        """How many rows were acknowledged so far."""
        return sum(end - start + 1 for start, end in zip(self._starts, self._ends, strict=True))

    def is_acknowledged(self, row: int) -> bool:
        """Whether ``row`` was acknowledged by an earlier run (or earlier in this one)."""
        at = bisect.bisect_right(self._starts, row) - 1
        return at >= 0 and self._ends[at] >= row

    def record(self, rows: Iterable[int]) -> None:
        """Commit a batch's rows as acknowledged (durable before this returns)."""
        runs = ranges_of(rows)
        self._db.executemany("INSERT INTO acknowledged VALUES (?, ?)", runs)
        self._db.commit()
        for start, end in runs:
            at = bisect.bisect_left(self._starts, start)
            self._starts.insert(at, start)
            self._ends.insert(at, end)

    def close(self) -> None:
        """Close the database."""
        self._db.close()
