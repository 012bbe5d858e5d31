"""Every table, imported in one place for Alembic and the tests."""

from sqlmodel import SQLModel

# Names for constraints and indexes, so migrations are the same on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from app.articles.models import Article, ArticleHtml, WebPage  # noqa: E402
from app.claims.models import Claim  # noqa: E402
from app.incidents.models import (  # noqa: E402
    FacetDay,
    FacetTotal,
    Incident,
    IncidentParty,
    IncidentProvince,
    IncidentUnit,
)
from app.parties.models import Party  # noqa: E402
from app.review.models import ApiToken, AuditEntry, Flag, User  # noqa: E402
from app.sources.models import Source, SourceEntry  # noqa: E402

metadata = SQLModel.metadata

__all__ = [
    "ApiToken",
    "Article",
    "ArticleHtml",
    "AuditEntry",
    "Claim",
    "FacetDay",
    "FacetTotal",
    "Flag",
    "Incident",
    "IncidentParty",
    "IncidentProvince",
    "IncidentUnit",
    "Party",
    "Source",
    "SourceEntry",
    "User",
    "WebPage",
    "metadata",
]
