"""Users, their roles, and the audit log of every change they make."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlmodel import Field, SQLModel

from app.sqltypes import one_of

ROLES = ("viewer", "editor", "admin")
FLAG_REASONS = {
    "wrong_figure": "wrong figure",
    "wrong_claimant": "wrong claimant",
    "wrong_subject": "wrong subject",
    "wrong_incident": "wrong incident",
    "duplicate": "duplicate",
    "disputed_by_source": "disputed by another source",
    "other": "other",
}
FLAG_STATUSES = ("open", "resolved")
TOKEN_SCOPES = ("read", "write")


class User(SQLModel, table=True):
    __tablename__ = "app_user"
    __table_args__ = (UniqueConstraint("email"), one_of("role", ROLES, "role"))

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    display_name: str = Field(max_length=200)
    password_hash: str = Field(max_length=300)
    role: str = Field(default="viewer", max_length=16)
    # Bumped on sign-out (and role or password changes): every session signed before is void.
    session_epoch: int = Field(default=0)
    created_at: datetime
    # A disabled user cannot sign in, and their sessions and tokens stop working.
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False, server_default=true()))


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_target", "target_type", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("app_user.id", ondelete="SET NULL"))
    )
    action: str = Field(max_length=40)
    target_type: str = Field(max_length=40)
    target_id: str = Field(max_length=64)
    detail: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    at: datetime


def _user_fk(nullable: bool = True) -> Column:
    return Column(Integer, ForeignKey("app_user.id", ondelete="SET NULL"), nullable=nullable)


class Flag(SQLModel, table=True):
    """A reader's doubt about one claim or one incident, open until an editor resolves it."""

    __tablename__ = "flag"
    __table_args__ = (
        one_of("reason", tuple(FLAG_REASONS), "reason"),
        one_of("status", FLAG_STATUSES, "status"),
        Index("ix_flag_claim_status", "claim_id", "status"),
        Index("ix_flag_incident_status", "incident_id", "status"),
        Index("ix_flag_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Exactly one of claim_id and incident_id is set.
    claim_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("claim.id", ondelete="CASCADE"))
    )
    incident_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("incident.id", ondelete="CASCADE"))
    )
    reason: str = Field(max_length=32)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    status: str = Field(default="open", max_length=16)
    created_by: int | None = Field(default=None, sa_column=_user_fk())
    created_at: datetime
    resolved_by: int | None = Field(default=None, sa_column=_user_fk())
    resolved_at: datetime | None = None
    resolution_note: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class ApiToken(SQLModel, table=True):
    """A personal API token: only its SHA-256 is stored; the token itself is shown once."""

    __tablename__ = "api_token"
    __table_args__ = (UniqueConstraint("token_hash"), one_of("scope", TOKEN_SCOPES, "scope"))

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False))
    name: str = Field(max_length=100)
    scope: str = Field(max_length=8)
    token_hash: str = Field(sa_column=Column(String(64), nullable=False))
    prefix: str = Field(max_length=16)
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
