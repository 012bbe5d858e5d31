"""Request dependencies: settings, a database session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.config import Settings


def get_settings(request: Request) -> Settings:
    """The settings the application was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """A session that commits when the handler returns and rolls back when it raises."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# For handlers that write and then redirect: the transaction commits before the response is sent
# (a request-scoped dependency ends after it), so the page the browser follows to shows the change.
WriteSession = Annotated[Session, Depends(get_session, scope="function")]

# Ids are 32-bit on PostgreSQL; a larger number is a 422, not a database error.
RecordId = Annotated[int, Path(ge=1, le=2_147_483_647, description="The record's id.")]
