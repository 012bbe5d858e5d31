"""Personal API tokens: scripts use the JSON API without a browser session.

Only a token's SHA-256 is stored (a token is 32 random bytes, so a fast hash is enough: there is
nothing to guess); the token itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from app.errors import Invalid, NotFound
from app.review import service as review
from app.review.models import TOKEN_SCOPES, ApiToken, User

PREFIX = "cc_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(*, session: Session, user: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret (shown once, never stored)."""
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise Invalid("Name the token (up to 100 characters), e.g. 'nightly import'.")
    if scope not in TOKEN_SCOPES:
        raise Invalid(f"scope: {scope!r} is not one of {', '.join(TOKEN_SCOPES)}.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id or 0, name=name, scope=scope, token_hash=_digest(secret),
                     prefix=secret[:10], created_at=datetime.now(UTC))
    session.add(token)
    session.flush()
    review.audit(session=session, user=user, action="create-token", target_type="token", target_id=token.id,
                 detail={"before": None, "after": {"name": name, "scope": scope}})
    return token, secret


def list_for(*, session: Session, user_id: int) -> list[ApiToken]:
    """The user's tokens, newest first."""
    stmt = select(ApiToken).where(ApiToken.user_id == user_id).order_by(col(ApiToken.id).desc())
    return list(session.exec(stmt).all())


def revoke(*, session: Session, user: User, token_id: int) -> ApiToken:
    """The token after its owner (or an admin) revoked it."""
    token = session.get(ApiToken, token_id)
    if token is None or (token.user_id != user.id and not review.has_role(user, "admin")):
        raise NotFound(f"There is no token {token_id} of yours.")
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        session.add(token)
        review.audit(session=session, user=user, action="revoke-token", target_type="token", target_id=token_id,
                     detail={"before": {"revoked": False}, "after": {"revoked": True}})
    return token


def authenticate(*, session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The active user and live token that `secret` belongs to, or None."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = session.exec(select(ApiToken).where(ApiToken.token_hash == _digest(secret))).first()
    if token is None or token.revoked_at is not None:
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    token.last_used_at = datetime.now(UTC)
    session.add(token)
    return user, token
