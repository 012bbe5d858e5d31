"""Articles: the stored text every claim points back into."""

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ArticleBase(SQLModel):
    url: str | None = Field(default=None, max_length=2048)
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)
    published: date | None = Field(default=None, index=True)


class ArticleCreate(ArticleBase):
    text: str
    source_name: str | None = None


class Article(ArticleBase, table=True):
    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("content_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    # sha256 of the normalised text: the same article ingested twice is stored once.
    content_hash: str = Field(max_length=64)
    source_name: str | None = Field(default=None, max_length=300)
    ingested_at: datetime
    extractor_version: str = Field(max_length=40)
    story_count: int = Field(default=1, ge=1)


class ArticleRead(ArticleBase):
    id: int
    content_hash: str
    source_name: str | None
    ingested_at: datetime
    extractor_version: str
