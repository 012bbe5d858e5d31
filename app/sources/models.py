"""Sources (RSS/Atom feeds, news sitemaps) and their entries, the work queue of the watch worker."""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.sqltypes import one_of

ENTRY_STATES = ("pending", "done", "failed")
# An entry whose fetch or ingest failed is retried this many times (with growing delays), then
# left as failed with its reason.
MAX_ATTEMPTS = 5


class Source(SQLModel, table=True):
    """A feed or sitemap, polled every `interval_minutes` (longer after errors)."""

    __tablename__ = "source"
    __table_args__ = (UniqueConstraint("url"), Index("ix_source_next_poll_at", "next_poll_at"))

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    url: str = Field(max_length=2048)
    interval_minutes: int = Field(default=30, ge=1, le=10_080)
    created_at: datetime
    next_poll_at: datetime
    last_polled_at: datetime | None = None
    # "ok", "not modified" (304) or "error"; the reason of the last error.
    last_status: str | None = Field(default=None, max_length=20)
    last_error: str | None = Field(default=None, max_length=1000)
    error_count: int = Field(default=0, ge=0)
    # Conditional GET: the validators of the last answer.
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    # Entries of the last poll never seen before / already known.
    last_new: int = Field(default=0, ge=0)
    last_known: int = Field(default=0, ge=0)


class SourceEntry(SQLModel, table=True):
    """One item of a source: a page to ingest. `pending` until ingested (`done`) or given up (`failed`)."""

    __tablename__ = "source_entry"
    __table_args__ = (
        UniqueConstraint("source_id", "key"),
        Index("ix_source_entry_state_next_attempt_at", "state", "next_attempt_at"),
        one_of("state", ENTRY_STATES, "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(sa_column=Column(Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False))
    # The item's id (RSS guid, Atom id) or its link; its URL; what the feed says of its last change.
    key: str = Field(max_length=2048)
    url: str = Field(max_length=2048)
    title: str | None = Field(default=None, max_length=500)
    marker: str | None = Field(default=None, max_length=200)
    state: str = Field(default="pending", max_length=10)
    attempts: int = Field(default=0, ge=0)
    next_attempt_at: datetime
    first_seen_at: datetime
    done_at: datetime | None = None
    last_error: str | None = Field(default=None, max_length=1000)
    article_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("article.id", ondelete="SET NULL"), nullable=True)
    )
