"""The SQL the dashboard really emits for one filtered view, its query plans and its bare timings.

The statements are captured from the project's own query functions (app/incidents/queries.py) with
a `before_cursor_execute` listener (and app.incidents.rawsql's listeners for the statements it runs
on sqlite3's own connection), so they carry the exact text and DB-API parameters that the
sqlite3 driver receives: the reference endpoint replays them unchanged.
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event

from app.db import make_engine
from app.extraction.places import provinces as gazetteer
from app.incidents import facets, queries, rawsql
from app.incidents import filters as filters_

# What a statement is, told by its text (the order in which a function runs them changes as it is
# tuned, so a name by position would mislabel the plans); the first match names it.
KINDS = (
    (r"\bFROM party\b", "known parties"),
    # (the rows changed since a stamp before all rows: the one statement starts as the other does)
    (r"^SELECT [^;]*FROM facet_day WHERE facet = 'province' AND stamp > ", "province counts: rows changed since"),
    (r"^SELECT day, value, incidents FROM facet_day WHERE facet = 'province'",
     "province counts read into memory (once per process, or after a deletion)"),
    (r"^SELECT epoch, stamp FROM facet_clock\b", "clock of the province counts in memory"),
    (r"incident_party\.role, incident_party\.party, count", "party facets (claimant, subject, metric in one)"),
    (r"^SELECT incident_party\.party, count", "facet of one party role"),
    (r"\bfacet_(total|month|day)\b", "facet from the roll-ups"),
    (r"incident_province\.province( AS province)?, count", "facet province (counted)"),
    (r"^SELECT json_group_array\(json_array\(anon_1\.id, anon_1\.title", "timeline"),
    (r"^SELECT count\(\*\)", "count"),
    (r"^SELECT incident\.id, incident\.title, incident\.summary", "list"),
)


def kind(sql: str) -> str:
    """What the statement `sql` is (KINDS), or "statement" when none matches."""
    text = " ".join(sql.split())
    return next((name for pattern, name in KINDS if re.search(pattern, text)), "statement")


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL statement of the dashboard, as the driver received it."""

    name: str
    sql: str
    params: tuple[Any, ...]
    source: str = ""  # the query function that ran it


def capture(url: str, params: dict[str, list[str]], *, page_size: int = 50) -> list[Statement]:
    """The statements the home handler runs for the query `params`, caches emptied, in order."""
    engine = make_engine(url)
    seen: list[tuple[str, tuple[Any, ...]]] = []
    with engine.connect() as conn:  # first connect outside the listener: no dialect set-up noise

        def grab(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
            seen.append((statement, tuple(parameters or ())))

        def grab_raw(statement: str, parameters: Sequence[Any]) -> None:
            seen.append((statement, tuple(parameters)))

        event.listen(engine, "before_cursor_execute", grab)
        rawsql.listeners.append(grab_raw)
        queries.facet_cache.clear()
        out: list[Statement] = []

        def record(function: str, call: Callable[[], object]) -> Any:
            start = len(seen)
            result = call()
            # A function may run fewer statements than it can (a short list needs no count, a timeline
            # may come from the list, the province counts may be in memory already).
            out.extend(Statement(kind(s), s, p, function) for s, p in seen[start:])
            return result

        known_parties = record("known_parties", lambda: queries.known_parties(conn))
        # The same validation as app.web.incidents.parse_filters.
        f = filters_.parse(params, provinces={p.name for p in gazetteer()},
                           parties=known_parties | {"civilians", "militants"})
        record("list_incidents", lambda: queries.list_incidents(conn, f, page_size=page_size))
        record("facets", lambda: facets.facets(conn, f, province_limit=facets.PROVINCE_FACET_TOP))
        record("timeline_points", lambda: queries.timeline_points(conn, f))
        record("province_facet", lambda: facets.province_facet(conn, f, limit=None))
        event.remove(engine, "before_cursor_execute", grab)
        rawsql.listeners.remove(grab_raw)
    queries.facet_cache.clear()
    engine.dispose()
    return out


def by_name(statements: Sequence[Statement], name: str) -> Statement:
    """The statement called `name`."""
    for s in statements:
        if s.name == name:
            return s
    raise KeyError(f"no statement {name!r} among {[s.name for s in statements]}")


def save(statement: Statement, path: Path) -> None:
    """Write `statement` as JSON for the reference server."""
    path.write_text(json.dumps(asdict(statement), default=str, indent=1))


def load(path: Path) -> Statement:
    """The statement written by `save`."""
    data = json.loads(path.read_text())
    return Statement(data["name"], data["sql"], tuple(data["params"]), data.get("source", ""))


def plan(conn: sqlite3.Connection, s: Statement) -> list[str]:
    """The EXPLAIN QUERY PLAN of `s` as indented lines."""
    rows = conn.execute("EXPLAIN QUERY PLAN " + s.sql, s.params).fetchall()
    depth: dict[int, int] = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + str(detail))
    return lines


def timing(conn: sqlite3.Connection, s: Statement, *, repeat: int = 20) -> tuple[float, int]:
    """(median ms to execute and fetch `s` with plain sqlite3, rows returned)."""
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = len(conn.execute(s.sql, s.params).fetchall())
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), n


def report(db: Path, statements: Sequence[Statement]) -> str:
    """Each statement's SQL, bare sqlite3 timing and query plan, as printable text."""
    conn = sqlite3.connect(db)
    parts = []
    for s in statements:
        ms, n = timing(conn, s, repeat=5 if s.name.startswith(("facet", "known", "province")) else 20)
        one_line = " ".join(s.sql.split())
        parts.append(f"-- {s.name} ({s.source}): {ms:.2f} ms, {n} row(s) (plain sqlite3, median)\n"
                     f"   {one_line}\n   params: {list(s.params)}\n"
                     + "\n".join("   | " + line for line in plan(conn, s)))
    conn.close()
    return "\n".join(parts)

