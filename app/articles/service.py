"""Articles: store, find and list the texts claims point into."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.articles.models import Article
from app.errors import Invalid, NotFound

# Dates outside this window are typing slips (and year 1 overflows date arithmetic downstream).
EARLIEST_PUBLISHED = date(1900, 1, 1)


def check_published(published: date | None) -> None:
    """Refuse (Invalid) a publication date before 1900 or after tomorrow."""
    if published is None:
        return
    if published < EARLIEST_PUBLISHED:
        raise Invalid(f"The publication date {published.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}; "
                      "give the day the article was published, as YYYY-MM-DD.")
    if published > date.today() + timedelta(days=1):
        raise Invalid(f"The publication date {published.isoformat()} lies in the future.")


def check_fields(*, title: str | None, outlet: str | None, url: str | None, source_name: str | None) -> None:
    """Refuse (Invalid) a value longer than its column or holding a NUL character, naming the field."""
    columns = Article.__table__.c  # type: ignore[attr-defined]
    for label, value, column in (("title", title, "title"), ("outlet", outlet, "outlet"),
                                 ("URL", url, "url"), ("file name", source_name, "source_name")):
        if not value:
            continue
        if "\x00" in value:
            raise Invalid(f"The {label} contains NUL characters.")
        limit = columns[column].type.length
        if limit and len(value) > limit:
            raise Invalid(f"The {label} is {len(value):,} characters long (after encoding); the limit is {limit:,}."
                          if label == "URL" else
                          f"The {label} is {len(value):,} characters long; the limit is {limit:,}.")


def normalise_text(text: str) -> str:
    """The text as it is stored: NFC, Unix newlines, no BOM, no trailing blank space."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).rstrip()


def content_hash(text: str) -> str:
    """The sha256 that identifies an article's stored text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def get(*, session: Session, article_id: int) -> Article:
    """The article with this id, or NotFound."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"There is no article {article_id}.")
    return article


def by_hash(*, session: Session, digest: str) -> Article | None:
    """The article whose stored text has this hash, if any."""
    return session.exec(select(Article).where(Article.content_hash == digest)).first()


def count(*, session: Session) -> int:
    """How many articles are stored."""
    return int(session.exec(select(func.count()).select_from(Article)).one())


def list_(*, session: Session, limit: int = 50, offset: int = 0) -> list[Article]:
    """Articles, newest publication first."""
    stmt = (
        select(Article)
        .order_by(col(Article.published).desc().nulls_last(), col(Article.id).desc())
        .limit(limit)
        .offset(offset)
    )
    return list(session.exec(stmt).all())


def versions(*, session: Session, page_id: int) -> list[Article]:
    """Every stored version of one web page's article, oldest first."""
    return list(session.exec(select(Article).where(Article.page_id == page_id).order_by(col(Article.version))).all())


def article_title(article: Article) -> str:
    """The name an article goes by everywhere: its title, else its file name, else "Untitled article N"."""
    return article.title or article.source_name or f"Untitled article {article.id}"
