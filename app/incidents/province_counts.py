"""Incidents per province over any date window, from memory (SQLite): the province facet's sums.

The province facet of a view narrowed by dates only sums ~1,000 provinces over the window: 4,000-6,000
rows of the roll-ups and a temporary B-tree in SQL (README, bench-web), the largest part of a first
view. Here each process holds facet_day's province rows as running totals per day (a matrix: days
with rows × provinces), so a window's counts are one row of the matrix minus another.

The matrix is never stale: each use reads facet_day's clock (migration i12_facet_stamp: one row that
triggers advance on every change of a province row, in the writing transaction) on the caller's
connection, and reads the rows stamped since the last look when it moved (a new epoch: everything
again). PostgreSQL has no stamps (its writers commit in parallel) and counts the facet in SQL.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy.engine import Connection

from app.incidents import rawsql
from app.incidents.models import UNDATED

CLOCK = "SELECT epoch, stamp FROM facet_clock WHERE id = 1"
ROWS = "SELECT day, value, incidents FROM facet_day WHERE facet = 'province'"
# A province's running total of incidents fits in 32 bits; the matrix (days × provinces) is the
# memory this costs per process: 7 MB for 1,825 days × 993 provinces, 146 MB for 20 years of 5,000.
COUNT = np.int32
AFTER_UNDATED = date.fromordinal(UNDATED.toordinal() + 1)
SINCE = ROWS + " AND stamp > ?"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """facet_day's province rows up to `stamp`, as running totals: totals[i] holds each province's
    incidents on the days before days[i] (days as ordinals, the undated day first), so the
    incidents of days[i:j] are totals[j] - totals[i]."""

    epoch: int
    stamp: int
    days: list[int]
    names: list[str]
    totals: Any  # numpy array of COUNT, (len(days) + 1) × len(names)
    column: dict[str, int]  # each name's place in `names`

    def count_of(self, counts: Any, name: str) -> int:
        """The count of `name` in `counts` (0 for a province without rows)."""
        i = self.column.get(name)
        return 0 if i is None else int(counts[i])

    def counts(self, first: date | None, last: date | None) -> Any:
        """Incidents per province (in `names` order) with a day from `first` to `last` (None: open).

        Undated incidents (the day UNDATED) count in a view without dates only, as in the list.
        """
        if first is not None or last is not None:
            first = max(first or AFTER_UNDATED, AFTER_UNDATED)
        lo = bisect_left(self.days, first.toordinal()) if first else 0
        hi = bisect_right(self.days, last.toordinal()) if last else len(self.days)
        if hi <= lo:
            return np.zeros(len(self.names), dtype=np.int64)
        return (self.totals[hi] - self.totals[lo]).astype(np.int64)

    def ranked(self, counts: Any, limit: int | None, skip: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
        """The provinces with a count above 0 (but those in `skip`), the largest first, then by name;
        at most `limit` (None: all)."""
        # One sort key: the count (descending), then the name's place (the names are sorted by code
        # point, SQLite's BINARY order); argpartition finds the top `limit` without sorting the others.
        key = -counts * len(self.names) + np.arange(len(self.names), dtype=np.int64)
        wanted = int(np.count_nonzero(counts))
        take = wanted if limit is None else min(wanted, limit + len(skip))
        if take == 0:
            return []
        picked = np.argpartition(key, take - 1)[:take] if take < len(key) else np.arange(len(key))
        picked = picked[np.argsort(key[picked])]
        out = [(self.names[i], int(counts[i])) for i in picked.tolist() if counts[i] > 0 and self.names[i] not in skip]
        return out if limit is None else out[:limit]


class ProvinceCounts:
    """The province rows of one database's facet_day, kept up to date on each use (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def snapshot(self, conn: Connection) -> Snapshot | None:
        """The rows as `conn` sees them (None: the database keeps no clock, count in SQL)."""
        clock = _clock(conn)
        if clock is None:
            return None
        epoch, stamp = int(clock[0]), int(clock[1])
        current = self._snapshot
        if current is not None and (current.epoch, current.stamp) == (epoch, stamp):
            return current
        with self._lock:
            current = self._snapshot
            if current is None or current.epoch != epoch or stamp < current.stamp:
                current = _read_all(conn, epoch)
            elif stamp > current.stamp:
                current = _read_since(conn, current)
            self._snapshot = current
        return current


def _clock(conn: Connection) -> Any:
    """(epoch, stamp) of facet_clock, or None; on SQLite read on sqlite3's own connection (a first view
    reads it once: SQLAlchemy's execution costs three times the statement)."""
    if conn.dialect.name == "sqlite":
        rows = rawsql.run(conn, CLOCK)
        return rows[0] if rows else None
    return conn.exec_driver_sql(CLOCK).first()


def _day(value: object) -> int:
    return value.toordinal() if isinstance(value, date) else date.fromisoformat(str(value)).toordinal()


def _with_clock(conn: Connection, sql: str, params: tuple[object, ...]) -> tuple[list[Any], int]:
    """The rows of `sql` and the clock's stamp, read in one statement so that they agree even when a
    writer commits meanwhile (a lone SELECT is its own read transaction)."""
    rows = conn.exec_driver_sql(sql + " UNION ALL SELECT NULL, NULL, stamp FROM facet_clock WHERE id = 1",
                                params).all()
    stamp = next((int(n) for d, _, n in rows if d is None), 0)
    return [r for r in rows if r[0] is not None], stamp


def _read_all(conn: Connection, epoch: int) -> Snapshot:
    """Every province row of facet_day, as running totals; the stamp of the newest row read."""
    # The rows and the clock are read in one statement, so they agree even if a writer commits between.
    rows, stamp = _with_clock(conn, ROWS, ())
    days = sorted({_day(d) for d, _, _ in rows})
    names = sorted({str(v) for _, v, _ in rows})
    counts = np.zeros((len(days) + 1, len(names)), dtype=COUNT)
    at = {d: i + 1 for i, d in enumerate(days)}
    column = {v: i for i, v in enumerate(names)}
    for d, v, n in rows:
        counts[at[_day(d)], column[str(v)]] = int(n)
    return _snapshot(epoch, stamp, days, names, np.cumsum(counts, axis=0, dtype=COUNT))


def _read_since(conn: Connection, old: Snapshot) -> Snapshot:
    """`old` with the rows stamped after it (each row holds its day's new count, not a difference)."""
    rows, stamp = _with_clock(conn, SINCE, (old.stamp,))
    stamp = stamp or old.stamp
    days, names, totals = list(old.days), list(old.names), old.totals
    new_days = sorted({_day(d) for d, _, _ in rows} - set(days))
    new_names = sorted({str(v) for _, v, _ in rows} - set(names))
    if new_days or new_names:
        # Rare (a day or a place seen for the first time): rebuild the matrix with room for them.
        days = sorted(days + new_days)
        names = sorted(names + new_names)
        per_day = np.diff(totals, axis=0)
        grown = np.zeros((len(days), len(names)), dtype=COUNT)
        rows_at = [bisect_left(days, d) for d in old.days]
        cols_at = [bisect_left(names, v) for v in old.names]
        grown[np.ix_(rows_at, cols_at)] = per_day
        totals = np.vstack([np.zeros((1, len(names)), dtype=COUNT), np.cumsum(grown, axis=0, dtype=COUNT)])
    else:
        totals = totals.copy()  # readers on other threads keep the old snapshot intact
    for d, v, n in rows:
        i, j = bisect_left(days, _day(d)), bisect_left(names, str(v))
        delta = int(n) - int(totals[i + 1, j] - totals[i, j])
        if delta:
            totals[i + 1:, j] += delta
    return _snapshot(old.epoch, stamp, days, names, totals)


def _snapshot(epoch: int, stamp: int, days: list[int], names: list[str], totals: Any) -> Snapshot:
    return Snapshot(epoch, stamp, days, names, totals, {name: i for i, name in enumerate(names)})


_by_url: dict[str, ProvinceCounts] = {}
_registry_lock = threading.Lock()


def for_connection(conn: Connection) -> Snapshot | None:
    """The current province rows of `conn`'s database (None on PostgreSQL, or without a clock)."""
    if conn.dialect.name != "sqlite":
        return None
    url = str(conn.engine.url)
    counts = _by_url.get(url)
    if counts is None:
        with _registry_lock:
            counts = _by_url.setdefault(url, ProvinceCounts())
    return counts.snapshot(conn)
