"""Articles: the stored text every claim points back into."""

from datetime import date, datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel


class ArticleBase(SQLModel):
    url: str | None = Field(default=None, max_length=2048)
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    published: date | None = Field(default=None, index=True)


class ArticleCreate(ArticleBase):
    text: str
    source_name: str | None = None


class WebPage(SQLModel, table=True):
    """One address on the web (its canonical URL); each text it showed is an Article, a version."""

    __tablename__ = "web_page"
    __table_args__ = (UniqueConstraint("canonical_url"),)

    id: int | None = Field(default=None, primary_key=True)
    canonical_url: str = Field(max_length=2048)
    first_seen_at: datetime
    last_fetched_at: datetime


class Article(ArticleBase, table=True):
    __tablename__ = "article"
    # A unique index, not a constraint: SQLite adds one without rebuilding the table (and its search triggers).
    __table_args__ = (UniqueConstraint("content_hash"), Index("uq_article_page_id_version", "page_id", "version",
                                                              unique=True))

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    # sha256 of the normalised text: the same article ingested twice is stored once.
    content_hash: str = Field(max_length=64)
    source_name: str | None = Field(default=None, max_length=300)
    ingested_at: datetime
    extractor_version: str = Field(max_length=40)
    story_count: int = Field(default=1, ge=1)
    author: str | None = Field(default=None, max_length=300)
    # Articles read from the web: the page and the version of its text (1, 2, ...). A new version
    # supersedes the one before: the old text and its claims stay (with any review), out of incidents.
    # No foreign key (web pages are never deleted): SQLite could not drop a key column in a downgrade
    # without rebuilding the table, which would cascade-delete every claim.
    page_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    version: int | None = Field(default=None, ge=1)
    superseded: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class ArticleHtml(SQLModel, table=True):
    """The page an article was read from, as fetched (gzip), so that its text can be derived again."""

    __tablename__ = "article_html"

    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    )
    fetched_url: str = Field(max_length=2048)
    final_url: str = Field(max_length=2048)
    content_type: str = Field(sa_column=Column(String(200), nullable=False))
    charset: str | None = Field(default=None, max_length=60)
    fetched_at: datetime
    html_gz: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ArticleRead(ArticleBase):
    id: int
    content_hash: str
    source_name: str | None
    ingested_at: datetime
    extractor_version: str
