"""Claims: one figure one party puts forward, with the sentence it came from."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, String, Text, false
from sqlmodel import Field, SQLModel

from app.extraction.types import METRICS, QUALIFIERS, STANCES
from app.sqltypes import one_of

REVIEW_STATUSES = ("unreviewed", "confirmed", "disputed", "rejected")
# Where a claim comes from: the extractor, or an editor who added a figure the extractor missed.
ORIGINS = ("extractor", "editor")
DATE_BASES = ("sentence", "story", "statement", "published")


class ClaimBase(SQLModel):
    claimant: str = Field(max_length=64)
    metric: str = Field(max_length=32)
    subject: str = Field(max_length=64)
    value: int | None = None
    value_high: int | None = None
    qualifier: str = Field(default="exact", max_length=16)
    stance: str = Field(default="asserts", max_length=16)
    event_date: date | None = None
    # Where the event date comes from: "sentence", "story", "statement", or "published" (inferred
    # as the day before publication because the text names no day); None without a date.
    date_basis: str | None = Field(default=None, max_length=16)
    provinces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    evidence_start: int
    evidence_end: int
    value_text: str = Field(default="", max_length=200)
    rule: str = Field(max_length=80)
    extractor_version: str = Field(max_length=40)
    story: int = 0
    agent: str | None = Field(default=None, max_length=64)
    claimant_name: str | None = Field(default=None, max_length=200)


class Claim(ClaimBase, table=True):
    __tablename__ = "claim"
    __table_args__ = (
        CheckConstraint("value IS NULL OR value >= 0", name="value_nonnegative"),
        CheckConstraint("value_high IS NULL OR (value IS NOT NULL AND value_high >= value)", name="range"),
        CheckConstraint("evidence_start >= 0 AND evidence_end >= evidence_start", name="evidence_span"),
        CheckConstraint("story >= 0", name="story_nonnegative"),
        one_of("metric", METRICS, "metric"),
        one_of("qualifier", QUALIFIERS, "qualifier"),
        one_of("stance", STANCES, "stance"),
        one_of("review_status", REVIEW_STATUSES, "review_status"),
        one_of("date_basis", DATE_BASES, "date_basis"),
        one_of("origin", ORIGINS, "origin"),
        # Covers the dashboard's per-incident comparison and its metric/date filters.
        Index("ix_claim_metric_date_cover", "metric", "event_date", "incident_id", "claimant", "value"),
        Index("ix_claim_incident_claimant", "incident_id", "claimant"),
        Index("ix_claim_incident_subject", "incident_id", "subject"),
        Index("ix_claim_claimant", "claimant"),
        Index("ix_claim_subject", "subject"),
        Index("ix_claim_event_date", "event_date"),
        Index("ix_claim_article", "article_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False)
    )
    incident_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("incident.id", ondelete="SET NULL"))
    )
    claimant: str = Field(sa_column=Column(String(64), ForeignKey("party.id"), nullable=False))
    agent: str | None = Field(default=None, sa_column=Column(String(64), ForeignKey("party.id")))
    review_status: str = Field(default="unreviewed", max_length=16)
    reviewed_by: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("app_user.id", ondelete="SET NULL"))
    )
    reviewed_at: datetime | None = None
    review_note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    # Human decisions, which re-extraction and regrouping leave alone (see app.review.decisions).
    origin: str = Field(default="extractor", sa_column=Column(String(16), nullable=False, server_default="extractor"))
    corrected: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    incident_locked: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))

    @property
    def human(self) -> bool:
        """True when a person decided something about this claim that the machine must keep."""
        return (self.origin != "extractor" or self.corrected or self.incident_locked
                or self.review_status != "unreviewed")


class ClaimRead(ClaimBase):
    id: int
    article_id: int
    incident_id: int | None
    review_status: str
