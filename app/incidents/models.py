"""Incidents: claims from many articles about one event, and the units they are built from."""

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    false,
)
from sqlmodel import Field, SQLModel

from app.sqltypes import one_of

INCIDENT_STATUSES = ("open", "reviewed", "archived")
# The grades Airwars gives an incident, best-attested first (app.incidents.grading computes them).
GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


class IncidentBase(SQLModel):
    title: str = Field(max_length=300)
    summary: str = Field(default="", max_length=1000)
    first_date: date | None = None
    last_date: date | None = None
    provinces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parties: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="open", max_length=16)
    # Computed from the claims by app.incidents.comparison, never typed in.
    discrepancy: float = Field(default=0.0, ge=0)
    contested: bool = False
    headline: str = Field(default="", max_length=500)
    # {"metric", "subject", "figures": {claimant: value}}: the timeline plots these numbers.
    headline_data: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    claim_count: int = Field(default=0, ge=0)
    article_count: int = Field(default=0, ge=0)
    outlet_count: int = Field(default=0, ge=0)
    # The latest publication date among the incident's articles: "recency of reporting".
    last_reported: date | None = None
    # Open flags on the incident or any of its claims (kept by refresh and the flag service).
    open_flags: int = Field(default=0, ge=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    # Computed grade, unless an editor overrode it (grade_override, with a reason in grade_note).
    grade: str = Field(default="weak", sa_column=Column(String(16), nullable=False, server_default="weak"))
    grade_override: str | None = Field(default=None, max_length=16)
    grade_note: str = Field(default="", sa_column=Column(String(1000), nullable=False, server_default=""))
    # A person merged or split this incident: regrouping keeps its units where they are.
    pinned: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))


class Incident(IncidentBase, table=True):
    __tablename__ = "incident"
    __table_args__ = (
        one_of("status", INCIDENT_STATUSES, "status"),
        one_of("grade", GRADES, "grade"),
        one_of("grade_override", GRADES, "grade_override"),
        Index("ix_incident_open_flags", "open_flags"),
        CheckConstraint("discrepancy >= 0", name="discrepancy_nonnegative"),
        CheckConstraint("last_date IS NULL OR first_date IS NULL OR last_date >= first_date", name="dates"),
        Index("ix_incident_first_date", "first_date"),
        Index("ix_incident_last_date", "last_date"),
        Index("ix_incident_discrepancy", "discrepancy"),
        Index("ix_incident_last_reported", "last_reported"),
    )

    id: int | None = Field(default=None, primary_key=True)
    updated_at: datetime


class IncidentRead(IncidentBase):
    id: int


class IncidentProvince(SQLModel, table=True):
    """One row per (incident, province): what the province filter and facets use."""

    __tablename__ = "incident_province"
    __table_args__ = (Index("ix_incident_province_province_date", "province", "first_date", "incident_id"),)

    incident_id: int = Field(
        sa_column=Column(Integer, ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    )
    province: str = Field(sa_column=Column(String(80), primary_key=True))
    # Copied from the incident so that province + date filters run on one index.
    first_date: date | None = None


class IncidentUnit(SQLModel, table=True):
    """One event mention (claims of one story about one pair of sides) and the incident it is in."""

    __tablename__ = "incident_unit"
    __table_args__ = (
        Index("ix_incident_unit_anchor", "anchor"),
        Index("ix_incident_unit_incident", "incident_id"),
        Index("ix_incident_unit_article", "article_id"),
    )

    key: str = Field(primary_key=True, max_length=200)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False)
    )
    incident_id: int = Field(
        sa_column=Column(Integer, ForeignKey("incident.id", ondelete="CASCADE"), nullable=False)
    )
    anchor: date | None = None
    # The unit's sides as "|afghanistan|pakistan|" ("" for none): lets the candidate query skip units
    # whose sides clash with a new unit's before their features are read.
    sides: str = Field(default="", sa_column=Column(String(400), nullable=False, server_default=""))
    # The grouping.Unit serialised: grouping never needs to re-extract stored articles.
    features: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class IncidentParty(SQLModel, table=True):
    """One row per (incident, role, value): the claimant, subject and metric filters and facets use it.

    `party` holds a party id for the roles claimant and subject, a metric id for the role metric.
    """

    __tablename__ = "incident_party"
    __table_args__ = (
        one_of("role", ("claimant", "subject", "metric"), "role"),
        Index("ix_incident_party_role_party_date", "role", "party", "first_date", "incident_id"),
    )

    incident_id: int = Field(
        sa_column=Column(Integer, ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    )
    role: str = Field(sa_column=Column(String(10), primary_key=True))
    party: str = Field(sa_column=Column(String(64), primary_key=True))
    first_date: date | None = None


# The `day` of incidents without a date in facet_day (a key column cannot be NULL everywhere).
UNDATED = date(1, 1, 1)
FACETS = ("province", "claimant", "subject", "metric")


class FacetDay(SQLModel, table=True):
    """How many incidents of each day carry each facet value: a roll-up of incident_province and
    incident_party that database triggers keep up to date in the same transaction as every write
    (migration i12_facet_day), so facet counts over a date window sum a few rows per day instead
    of counting incidents. Undated incidents count under the day UNDATED."""

    __tablename__ = "facet_day"
    __table_args__ = (
        one_of("facet", FACETS, "facet"),
        Index("ix_facet_day_facet_value_day", "facet", "value", "day", "incidents"),
        Index("ix_facet_day_facet_day_value", "facet", "day", "value", "incidents"),
        Index("ix_facet_day_facet_stamp", "facet", "stamp"),
    )

    facet: str = Field(sa_column=Column(String(10), primary_key=True))
    value: str = Field(sa_column=Column(String(80), primary_key=True))
    day: date = Field(sa_column=Column(Date, primary_key=True))
    incidents: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    # SQLite only: the order in which province rows last changed (migration i12_facet_stamp).
    stamp: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class FacetClock(SQLModel, table=True):
    """SQLite only: one row counting the changes of facet_day's province rows (`stamp`, also written
    on the row that changed) and an `epoch` drawn again when a row is deleted or the clock created
    anew, kept by triggers (migration i12_facet_stamp): app/incidents/province_counts.py reads the
    rows changed since it last looked."""

    __tablename__ = "facet_clock"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    epoch: int = Field(sa_column=Column(BigInteger, nullable=False))
    stamp: int = Field(sa_column=Column(BigInteger, nullable=False))


class FacetMonth(SQLModel, table=True):
    """facet_day summed per calendar month (`month` is its first day), kept by triggers on facet_day
    in the same transaction (migration i12_facet_month): a date window's counts read its whole
    months here (about one row per value and month) and only the days at its two ends in facet_day."""

    __tablename__ = "facet_month"
    __table_args__ = (
        one_of("facet", FACETS, "facet"),
        Index("ix_facet_month_facet_month_value", "facet", "month", "value", "incidents"),
    )

    facet: str = Field(sa_column=Column(String(10), primary_key=True))
    value: str = Field(sa_column=Column(String(80), primary_key=True))
    month: date = Field(sa_column=Column(Date, primary_key=True))
    incidents: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))


class FacetTotal(SQLModel, table=True):
    """How many incidents carry each facet value, all days together: facet_day summed, kept by
    the same triggers, so the unfiltered dashboard counts nothing."""

    __tablename__ = "facet_total"
    __table_args__ = (one_of("facet", FACETS, "facet"),)

    facet: str = Field(sa_column=Column(String(10), primary_key=True))
    value: str = Field(sa_column=Column(String(80), primary_key=True))
    incidents: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
