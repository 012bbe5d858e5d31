"""Sources: add, list, remove; record what a poll found; the status shown per source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import delete as sa_delete
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.errors import Invalid, NotFound
from app.sources.feeds import Item
from app.sources.models import Source, SourceEntry


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def create(*, session: Session, name: str, url: str, interval_minutes: int = 30) -> Source:
    """A new source, due for its first poll at once; Invalid for a bad name, URL or interval."""
    name = " ".join(name.split())
    url = url.strip()
    if not name:
        raise Invalid("Give the source a name.")
    if len(name) > 200:
        raise Invalid("The name is longer than 200 characters.")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise Invalid(f"{url!r} is not an http(s) address of a feed or sitemap.")
    if len(url) > 2048:
        raise Invalid("The URL is longer than 2,048 characters.")
    if not 1 <= interval_minutes <= 10_080:
        raise Invalid("The poll interval must be between 1 minute and 7 days (10,080 minutes).")
    if session.exec(select(Source).where(Source.url == url)).first() is not None:
        raise Invalid(f"{url} is already a source.")
    at = now()
    source = Source(name=name, url=url, interval_minutes=interval_minutes, created_at=at, next_poll_at=at)
    session.add(source)
    session.flush()
    return source


def get(*, session: Session, source_id: int) -> Source:
    """The source with this id, or NotFound."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"There is no source {source_id}.")
    return source


def find(*, session: Session, ref: str) -> Source:
    """The source whose id, name or URL is `ref`, or NotFound."""
    stmt = select(Source).where((Source.name == ref) | (Source.url == ref))
    if ref.isdigit():
        stmt = select(Source).where((Source.id == int(ref)) | (Source.name == ref))
    source = session.exec(stmt).first()
    if source is None:
        raise NotFound(f"There is no source {ref!r}.")
    return source


def delete(*, session: Session, source_id: int) -> None:
    """Remove a source and its entries (the articles it brought in stay)."""
    source = get(session=session, source_id=source_id)
    session.execute(sa_delete(SourceEntry).where(col(SourceEntry.source_id) == source_id))
    session.delete(source)
    session.flush()


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A source with the count of its entries by state."""

    source: Source
    done: int
    pending: int
    failed: int


def list_(*, session: Session) -> list[SourceStatus]:
    """Every source with its entry counts, by name."""
    counts: dict[tuple[int, str], int] = {
        (sid, state): n
        for sid, state, n in session.exec(
            select(SourceEntry.source_id, SourceEntry.state, func.count()).group_by(
                col(SourceEntry.source_id), col(SourceEntry.state))
        ).all()
    }
    sources = session.exec(select(Source).order_by(col(Source.name), col(Source.id))).all()
    return [
        SourceStatus(s, counts.get((s.id or 0, "done"), 0), counts.get((s.id or 0, "pending"), 0),
                     counts.get((s.id or 0, "failed"), 0))
        for s in sources
    ]


def entries(*, session: Session, source_id: int, state: str | None = None, limit: int = 100) -> list[SourceEntry]:
    """A source's entries (of one state if given), most recently seen first."""
    stmt = select(SourceEntry).where(SourceEntry.source_id == source_id)
    if state:
        stmt = stmt.where(SourceEntry.state == state)
    return list(session.exec(stmt.order_by(col(SourceEntry.id).desc()).limit(limit)).all())


def record_items(*, session: Session, source: Source, items: list[Item]) -> tuple[int, int]:
    """(new, known) after storing a poll's items: new ones wait to be ingested, and a known one whose
    feed says it changed waits to be fetched again (its page may have a new version)."""
    assert source.id is not None
    known_entries = {
        e.key: e for e in session.exec(select(SourceEntry).where(SourceEntry.source_id == source.id)).all()
    }
    at = now()
    new = known = 0
    for item in items:
        entry = known_entries.get(item.key)
        if entry is None:
            session.add(SourceEntry(source_id=source.id, key=item.key, url=item.url, title=item.title,
                                    marker=item.marker, next_attempt_at=at, first_seen_at=at))
            known_entries[item.key] = SourceEntry(source_id=source.id, key=item.key, url=item.url,
                                                  next_attempt_at=at, first_seen_at=at)
            new += 1
            continue
        known += 1
        if item.marker != entry.marker and entry.state != "pending":
            entry.state, entry.attempts, entry.next_attempt_at, entry.last_error = "pending", 0, at, None
            entry.url, entry.title, entry.marker = item.url, item.title, item.marker
            session.add(entry)
    session.flush()
    return new, known


def backoff(*, base_minutes: float, errors: int, cap: timedelta = timedelta(hours=24)) -> timedelta:
    """How long to wait after `errors` failures in a row: base × 2^errors, at most `cap`."""
    return min(timedelta(minutes=base_minutes * (2 ** min(errors, 20))), cap)
