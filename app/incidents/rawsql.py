"""The dashboard's read statements run on SQLite's own connection, without SQLAlchemy's execution path.

A first view of the dashboard runs five short statements; SQLAlchemy spent ~0.1 ms of Python on each
(parameters, result processing) against ~0.02 ms for the statement itself in sqlite3 (bench-web,
README). Each statement is still built with SQLAlchemy, once per shape of the filters (queries._statement),
and compiled here once per number of provinces chosen; then each view only binds its values.
PostgreSQL keeps SQLAlchemy's path (its round trips cost more than the Python around them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

# The bind parameters that hold a list whose length varies between views (queries.bind_values).
LISTS = ("province", "chosen")
_EXPANDED = re.compile(r"^(province|chosen)_(\d+)$")

# Called with (SQL, parameters) before each statement runs: bench/web/capture.py records them.
listeners: list[Callable[[str, Sequence[Any]], None]] = []

# (statement, lengths of the lists) → (SQL, how to find each positional value)
_compiled: dict[tuple[int, tuple[int, ...]], tuple[str, list[tuple[str, Any, int]], Any]] = {}


def _plan(stmt: Any, values: Mapping[str, Any], conn: Connection) -> tuple[str, list[tuple[str, Any, int]]]:
    lists = {name: list(values[name]) for name in LISTS if name in values}
    compiled = stmt.compile(dialect=conn.dialect)
    state = compiled.construct_expanded_state({**values, **lists})
    steps: list[tuple[str, Any, int]] = []
    for name in state.positiontup or ():
        expanded = _EXPANDED.match(name)
        if expanded and expanded.group(1) in lists and compiled.binds[expanded.group(1)].expanding:
            steps.append(("item", expanded.group(1), int(expanded.group(2)) - 1))
        elif name in values:
            steps.append(("value", name, 0))
        else:  # a constant written in the statement (a literal IN list, a LIMIT built in)
            steps.append(("constant", _bound(state.parameters[name]), 0))
    return state.statement, steps


def _bound(value: Any) -> Any:
    """A value as SQLAlchemy binds it on SQLite: dates as ISO text, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def fetch(conn: Connection, stmt: Any, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The rows of `stmt` run with `values` (every bind parameter it holds, as queries.bind_values
    gives them), as plain tuples of what the database stored: dates as ISO text, JSON as text,
    booleans as 0/1 on SQLite; converted by SQLAlchemy on other databases."""
    if conn.dialect.name != "sqlite":
        return [tuple(row) for row in conn.execute(stmt, dict(values))]
    key = (id(stmt), tuple(len(values[name]) for name in LISTS if name in values))
    hit = _compiled.get(key)
    if hit is None or hit[2] is not stmt:
        if len(_compiled) > 4096:
            _compiled.clear()
        sql, steps = _plan(stmt, values, conn)
        hit = _compiled[key] = (sql, steps, stmt)  # the statement is kept so that its id is not reused
    sql, steps, _ = hit
    params = [_bound(values[arg]) if kind == "value" else _bound(values[arg][i]) if kind == "item" else arg
              for kind, arg, i in steps]
    return run(conn, sql, params)


def run(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of SQL text with positional `params`, run on the SQLite connection under `conn`
    (the listeners hear of it first)."""
    for listener in listeners:
        listener(sql, params)
    raw = conn.connection.driver_connection
    assert raw is not None
    return raw.execute(sql, params).fetchall()


def day(value: Any) -> date | None:
    """A stored date (ISO text on SQLite) as a date."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def loaded(value: Any) -> Any:
    """A stored JSON value (text on SQLite) as Python (orjson: a list row holds three, and
    json.loads spent more on its own Python than on the text). What orjson refuses but json reads
    (a lone surrogate written as an escape) is read by json."""
    if not isinstance(value, str):
        return value
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return json.loads(value)


def converter(columns: Sequence[Any]) -> Callable[[Sequence[Any]], list[Any]]:
    """How a row of `columns` (SQLAlchemy columns) comes back from fetch() on SQLite, made into what
    SQLAlchemy's own result processing gives: dates, JSON, booleans (NULL stays None); integers,
    floats and text are passed as they are. Only the columns that need it are touched (a call per
    column per row was a third of the list's time)."""
    steps: list[tuple[int, Callable[[Any], Any]]] = []
    for i, column in enumerate(columns):
        kind = column.type
        if isinstance(kind, sa.Date):
            steps.append((i, day))
        elif isinstance(kind, sa.JSON):
            steps.append((i, loaded))
        elif isinstance(kind, sa.Boolean):
            steps.append((i, _boolean))
    width = len(columns)

    def convert(row: Sequence[Any]) -> list[Any]:
        if len(row) != width:
            raise ValueError(f"a row of {len(row)} values for {width} columns")
        values = list(row)
        for i, step in steps:
            values[i] = step(values[i])
        return values

    return convert


def _boolean(value: Any) -> bool | None:
    return None if value is None else bool(value)
