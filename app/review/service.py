"""Users, roles and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlmodel import Session, col, select

from app.errors import Invalid, NotFound
from app.review.models import ROLES, AuditEntry, User

_hasher = PasswordHasher()
MIN_PASSWORD = 10
RANK = {role: i for i, role in enumerate(ROLES)}


def create_user(*, session: Session, email: str, display_name: str, password: str, role: str) -> User:
    """A new user with an argon2 password hash."""
    email = email.strip().lower()
    if "@" not in email:
        raise Invalid(f"{email!r} is not an e-mail address.")
    if role not in ROLES:
        raise Invalid(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"The password must have at least {MIN_PASSWORD} characters.")
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise Invalid(f"A user with the e-mail {email} exists already.")
    user = User(
        email=email,
        display_name=display_name.strip() or email,
        password_hash=_hasher.hash(password),
        role=role,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, email: str, password: str) -> User | None:
    """The user with these credentials, or None."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        # Spend the same time as a real check, so timing does not reveal which e-mails exist.
        _hasher.hash(password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    return user if user.active else None


def has_role(user: User | None, role: str) -> bool:
    """True when `user` holds `role` or a higher one."""
    return user is not None and RANK.get(user.role, -1) >= RANK[role]


def audit(
    *, session: Session, user: User | None, action: str, target_type: str, target_id: object,
    detail: dict[str, object] | None = None,
) -> None:
    """Record who changed what."""
    session.add(
        AuditEntry(
            user_id=user.id if user else None,
            action=action,
            target_type=target_type,
            target_id=str(target_id),
            detail=detail or {},
            at=datetime.now(UTC),
        )
    )


def user_names(*, session: Session, ids: set[int | None]) -> dict[int | None, str]:
    """Display names of the users with these ids."""
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    rows = session.exec(select(User).where(col(User.id).in_(wanted))).all()
    return {u.id: u.display_name for u in rows}


def list_users(*, session: Session) -> list[User]:
    """Every user, by e-mail."""
    return list(session.exec(select(User).order_by(col(User.email))).all())


def update_user(
    *, session: Session, actor: User, user_id: int, role: str | None = None, active: bool | None = None
) -> User:
    """The user after an admin changed their role or disabled or enabled them."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    if role is not None and role not in ROLES:
        raise Invalid(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    if user.id == actor.id and (active is False or (role is not None and role != "admin")):
        raise Invalid("You cannot disable yourself or take away your own admin role; ask another admin.")
    before = {"role": user.role, "active": user.active}
    if role is not None:
        user.role = role
    if active is not None:
        user.active = active
    after = {"role": user.role, "active": user.active}
    if after == before:
        raise Invalid("Nothing changed.")
    # Sessions signed before a change of role or access are void.
    user.session_epoch += 1
    session.add(user)
    session.flush()
    audit(session=session, user=actor, action="update-user", target_type="user", target_id=user_id,
          detail={"before": before, "after": after})
    return user
