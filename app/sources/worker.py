"""The watch worker: poll due sources, then ingest their pending entries, one transaction each.

Work is claimed with row locks (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL): a worker
holds the lock of the source it polls or the entry it ingests for the whole transaction, so
several workers never take the same row, and a worker that dies (even by SIGKILL) drops its
connection, which rolls the transaction back and frees the row for the next worker. An entry is
marked done in the very transaction that stores its article: it is ingested completely or not
at all. On SQLite the lock clause is ignored: run one worker there.
"""

from __future__ import annotations

import hashlib
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from app.articles.webpage import NotAnArticle, read_page
from app.config import Settings
from app.db import session_scope
from app.errors import Invalid
from app.fetch import FetchError, Refused, fetch
from app.pipeline import ingest_page
from app.sources import service
from app.sources.feeds import read_items
from app.sources.models import MAX_ATTEMPTS, Source, SourceEntry

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
               "application/feed+json;q=0.5, */*;q=0.1")
ROBOTS_AGENT = "Counterclaim"
# A long-running worker reads a host's robots.txt again after a day.
ROBOTS_TTL_SECONDS = 24 * 3600


class RobotsDisallow(FetchError):
    """robots.txt of the host asks crawlers to stay away from this URL."""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class Courtesy:
    """Per-host politeness and robots.txt for one worker process.

    One request at a time per host (the worker is sequential) and at least `delay` seconds
    between two requests to the same host; robots.txt read once per host and obeyed.
    """

    settings: Settings
    # On PostgreSQL, the database also keeps workers in other processes to one request at a time per host.
    engine: Engine | None = None
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    # Per origin: when robots.txt was read, and its rules (None: there is none, all allowed).
    robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(default_factory=dict)

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        """Wait until this host may be asked again, then make the request in the block."""
        host = _origin(url)
        previous = self.last.get(host)
        if previous is not None:
            remaining = previous + self.settings.fetch_host_delay_seconds - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        try:
            with self._host_lock(host):
                yield
        finally:
            # The delay runs from the end of one request to the start of the next.
            self.last[host] = self.clock()

    @contextmanager
    def _host_lock(self, host: str) -> Iterator[None]:
        """Hold a session-level advisory lock named after the host while the block runs (PostgreSQL).

        Its own connection, outside the entry's transaction: released as soon as the request is
        done, and by the server when the worker dies.
        """
        if self.engine is None or self.engine.dialect.name != "postgresql":
            yield
            return
        key = int.from_bytes(hashlib.sha256(host.encode()).digest()[:8], "big", signed=True)
        # Another worker holds it for at most one fetch: wait that long, not the short write lock_timeout.
        wait_ms = int((2 * self.settings.fetch_timeout_seconds + 5) * 1000)
        with self.engine.connect() as conn:
            conn.execute(text("SELECT set_config('lock_timeout', :wait, true)"), {"wait": f"{wait_ms}ms"})
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                conn.commit()

    def check(self, url: str) -> None:
        """RobotsDisallow when the host's robots.txt forbids `url` to crawlers."""
        origin = _origin(url)
        cached = self.robots.get(origin)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL_SECONDS:
            cached = self.robots[origin] = (self.clock(), self._load(origin))
        rules = cached[1]
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise RobotsDisallow(f"robots.txt of {origin} does not allow crawlers to fetch {url}.")

    def _load(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        with self.turn(origin):
            answer = fetch(f"{origin}/robots.txt", settings=self.settings, accept="text/plain")
        rules = urllib.robotparser.RobotFileParser()
        if answer.status in (401, 403):
            rules.parse(["User-agent: *", "Disallow: /"])
        elif answer.status >= 500:
            raise FetchError(f"{origin}/robots.txt answered HTTP {answer.status}; retrying later.")
        elif answer.status != 200:
            return None  # no robots.txt: everything is allowed
        else:
            rules.parse(answer.content.decode("utf-8", errors="replace").splitlines())
        return rules


@dataclass
class Tally:
    """What one worker run did."""

    polls: int = 0
    ingested: int = 0
    known: int = 0
    failed: int = 0


def _claim(session: Session, stmt: object, settings: Settings) -> object:
    # The lock clause is what keeps two PostgreSQL workers off the same row; SQLite has no row
    # locks (and one writer at a time), so the clause is left out there.
    if not settings.is_sqlite:
        stmt = stmt.with_for_update(skip_locked=True)  # type: ignore[attr-defined]
    return session.exec(stmt).first()  # type: ignore[call-overload]


def poll_due(*, engine: Engine, settings: Settings, courtesy: Courtesy, tally: Tally) -> int:
    """How many due sources were polled (each in its own transaction, its row locked meanwhile)."""
    polled = 0
    while True:
        with session_scope(engine) as session:
            stmt = (select(Source).where(col(Source.next_poll_at) <= service.now())
                    .order_by(col(Source.next_poll_at), col(Source.id)).limit(1))
            source = _claim(session, stmt, settings)
            if not isinstance(source, Source):
                return polled
            poll(session=session, settings=settings, source=source, courtesy=courtesy)
        polled += 1
        tally.polls += 1


def poll(*, session: Session, settings: Settings, source: Source, courtesy: Courtesy) -> None:
    """Fetch a source (conditional GET), store its new and changed items, and set its next poll."""
    at = service.now()
    try:
        courtesy.check(source.url)
        with courtesy.turn(source.url):
            answer = fetch(source.url, settings=settings, etag=source.etag, last_modified=source.last_modified,
                           accept=FEED_ACCEPT)
        if answer.not_modified:
            source.last_status, source.last_new, source.last_known = "not modified", 0, 0
        elif answer.status != 200:
            raise FetchError(f"{source.url} answered HTTP {answer.status}.")
        else:
            items = read_items(answer.content, base_url=answer.final_url)
            source.last_new, source.last_known = service.record_items(session=session, source=source, items=items)
            source.last_status = "ok"
            source.etag = (answer.headers.get("etag") or "")[:500] or None
            source.last_modified = (answer.headers.get("last-modified") or "")[:100] or None
        source.error_count, source.last_error = 0, None
        source.next_poll_at = at + timedelta(minutes=source.interval_minutes)
    except Exception as exc:
        if isinstance(exc, SQLAlchemyError):
            raise  # the transaction is lost: the source stays due and is polled again
        message = exc.message if isinstance(exc, Invalid) else f"unexpected error: {exc.__class__.__name__}: {exc}"
        source.error_count += 1
        source.last_status, source.last_error = "error", message[:1000]
        source.next_poll_at = at + service.backoff(base_minutes=source.interval_minutes,
                                                   errors=source.error_count - 1)
    source.last_polled_at = at
    session.add(source)


# Failures that will not go away by trying again.
PERMANENT = (NotAnArticle, Refused, RobotsDisallow)


def ingest_next(*, engine: Engine, settings: Settings, courtesy: Courtesy, tally: Tally) -> bool:
    """Ingest one pending entry (False when none is due): fetch, store and mark it done in one transaction."""
    failure: Exception
    entry_id: int | None = None
    try:
        with session_scope(engine) as session:
            stmt = (select(SourceEntry)
                    .where(SourceEntry.state == "pending", col(SourceEntry.next_attempt_at) <= service.now())
                    .order_by(col(SourceEntry.next_attempt_at), col(SourceEntry.id)).limit(1))
            entry = _claim(session, stmt, settings)
            if not isinstance(entry, SourceEntry):
                return False
            entry_id = entry.id
            courtesy.check(entry.url)
            with courtesy.turn(entry.url):
                fetched = fetch(entry.url, settings=settings)
            page = read_page(fetched)
            result = ingest_page(session=session, settings=settings, page=page)
            entry.state, entry.article_id, entry.done_at = "done", result.article_id, service.now()
            entry.last_error = None
            session.add(entry)
        if result.created:
            tally.ingested += 1
        else:
            tally.known += 1
        return True
    except Exception as exc:  # (any failure is recorded on the entry; the worker goes on)
        failure = exc
    if entry_id is None:
        raise failure  # no entry was taken (the database is away): nothing to record
    _record_failure(engine=engine, settings=settings, entry_id=entry_id, failure=failure)
    tally.failed += 1
    return True


def _record_failure(*, engine: Engine, settings: Settings, entry_id: int, failure: Exception) -> None:
    with session_scope(engine) as session:
        entry = session.get(SourceEntry, entry_id, with_for_update=not settings.is_sqlite)
        if entry is None or entry.state != "pending":
            return
        entry.attempts += 1
        if isinstance(failure, Invalid):
            message = failure.message
        elif isinstance(failure, SQLAlchemyError):
            message = f"database error: {failure.__class__.__name__}"
        else:
            message = f"unexpected error: {failure.__class__.__name__}: {failure}"
        entry.last_error = message[:1000]
        if isinstance(failure, PERMANENT) or entry.attempts >= MAX_ATTEMPTS:
            entry.state = "failed"
        else:
            entry.next_attempt_at = service.now() + service.backoff(base_minutes=1, errors=entry.attempts - 1)
        session.add(entry)


def run_once(*, engine: Engine, settings: Settings, courtesy: Courtesy | None = None,
             on_entry: Callable[[Tally], None] | None = None, stop: Callable[[], bool] = lambda: False) -> Tally:
    """What one pass did: poll every due source, then ingest every due entry."""
    courtesy = courtesy or Courtesy(settings, engine=engine)
    tally = Tally()
    poll_due(engine=engine, settings=settings, courtesy=courtesy, tally=tally)
    while not stop() and ingest_next(engine=engine, settings=settings, courtesy=courtesy, tally=tally):
        if on_entry is not None:
            on_entry(tally)
    return tally


def pending_count(*, engine: Engine) -> int:
    """How many entries wait to be ingested."""
    from sqlalchemy import func

    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(SourceEntry)
                                 .where(SourceEntry.state == "pending")).one())


class AnotherWorker(Invalid):
    """A second watch worker on an SQLite database."""


@contextmanager
def only_worker(settings: Settings) -> Iterator[None]:
    """Hold the one-worker lock of an SQLite database while the block runs (nothing on PostgreSQL).

    SQLite has no row locks to share entries between workers, so a second `watch` is refused. The
    lock is a file lock beside the database: the operating system drops it when the worker dies.
    """
    from sqlalchemy.engine import make_url

    database = make_url(settings.database_url).database if settings.is_sqlite else None
    if not database or database == ":memory:":
        yield
        return
    import fcntl

    with open(f"{database}.watch-lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AnotherWorker(
                "another `counterclaim watch` is running on this SQLite database; run one worker on SQLite "
                "(several need PostgreSQL)"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
