"""Request dependencies: settings, a database session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.config import Settings


async def get_settings(request: Request) -> Settings:
    """The settings the application was created with (async: no worker thread for reading an attribute)."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session that commits when the handler returns and rolls back when it raises.

    Use it as `DbSession` (scope "function"): the commit then happens before the answer is sent,
    so a success answer means the write is stored, and a failed commit answers an error instead.
    """
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# The one way routes ask for a session; tests/web/test_durability.py checks every route does.
DbSession = Annotated[Session, Depends(get_session, scope="function")]

# Ids are 32-bit on PostgreSQL; a larger number is a 422, not a database error.
RecordId = Annotated[int, Path(ge=1, le=2_147_483_647, description="The record's id.")]
