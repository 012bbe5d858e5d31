"""Engines and sessions: one engine per database URL, SQLite tuned for a web server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from app.config import get_settings
from app.errors import Invalid


def check_row(obj: object) -> None:
    """Refuse (Invalid) a text longer than its column or holding NUL, whatever the engine.

    PostgreSQL refuses both; SQLite would store them silently. Checking here, before any
    statement, gives both engines the same answer: a 422 naming the field, never a 500.
    """
    state = inspect(obj, raiseerr=False)
    if state is None:
        return
    loaded = state.dict  # only values present: reading an expired one would query mid-flush
    for attr in state.mapper.column_attrs:
        value = loaded.get(attr.key)
        if not isinstance(value, str):
            continue
        column = attr.columns[0]
        where = f"{column.table.name}.{column.name}"
        if "\x00" in value:
            raise Invalid(f"{where} contains NUL characters; remove them and try again.")
        length = getattr(column.type, "length", None)
        if isinstance(length, int) and len(value) > length:
            raise Invalid(f"{where} is {len(value):,} characters long; the limit is {length:,}.")


@event.listens_for(OrmSession, "before_flush")
def _check_rows(session: OrmSession, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        check_row(obj)


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        # WAL lets readers go on while the ingest writes; the busy timeout makes writers wait
        # for each other instead of failing at once.
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return on_connect


def _postgres_lock_timeout(timeout_ms: int) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # A write waiting for another transaction's lock gives up after this long (an error
        # answer) instead of hanging the request.
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(timeout_ms)}")
        dbapi_conn.commit()

    return on_connect


def make_engine(url: str, *, busy_timeout_ms: int = 5000) -> Engine:
    """A new engine for `url`; a write waits at most `busy_timeout_ms` for another's lock."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "connect", _postgres_lock_timeout(busy_timeout_ms))
    return engine


@lru_cache(maxsize=8)
def engine_for(url: str, lock_timeout_ms: int | None = None) -> Engine:
    """The shared engine for `url` (one pool per process, URL and lock timeout)."""
    return make_engine(url, busy_timeout_ms=lock_timeout_ms or get_settings().lock_timeout_ms)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back when it raises."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# Any constant names the lock; this one spells "Claim".
INGEST_LOCK = 0x436C61696D


def serialize_ingest(session: Session) -> None:
    """Make this transaction the only one storing an article until it ends (PostgreSQL; a no-op on SQLite).

    Placing an article's claims into incidents reads the incidents stored so far: two articles about
    one event stored at the same moment must see each other, and two refreshes of one incident must
    not interleave. SQLite already lets one writer in at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": INGEST_LOCK})
