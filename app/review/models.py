"""Users, their roles, and the audit log of every change they make."""

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.sqltypes import one_of

ROLES = ("viewer", "editor", "admin")


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
