"""Accounts: a user's API tokens; admins invite users, change roles, disable accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.errors import Invalid
from app.review import service as review
from app.review import tokens
from app.review.models import ROLES, User
from app.templating import render
from app.web.auth import current_user, page_csrf, require
from app.web.deps import RecordId, get_session

router = APIRouter(include_in_schema=False)


@router.get("/account")
async def account_page(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    if user is None:
        return RedirectResponse("/login?next=/account", status_code=303)
    return render(request, "accounts/account.html", {
        "tokens": tokens.list_for(session=session, user_id=user.id or 0), "secret": None, "title": "Your account",
        "nav": "account", "user": user, "csrf": page_csrf(request)})


@router.post("/account/tokens")
def token_create(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("viewer"))],
    name: Annotated[str, Form(max_length=100)], scope: Annotated[str, Form(max_length=8)] = "read",
) -> Response:
    if scope == "write" and not review.has_role(user, "editor"):
        raise Invalid("Only editors and admins can make a token with the write scope.")
    _, secret = tokens.create(session=session, user=user, name=name, scope=scope)
    # The secret is shown on this answer only; it is not stored anywhere.
    return render(request, "accounts/account.html", {
        "tokens": tokens.list_for(session=session, user_id=user.id or 0), "secret": secret, "title": "Your account",
        "nav": "account", "user": user, "csrf": page_csrf(request)}, status_code=201)


@router.post("/account/tokens/{token_id}/revoke")
def token_revoke(
    token_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("viewer"))],
) -> Response:
    tokens.revoke(session=session, user=user, token_id=token_id)
    return RedirectResponse("/account", status_code=303)


@router.get("/admin/users")
async def users_page(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("admin", write=False))],
) -> Response:
    return render(request, "accounts/users.html", {
        "users": review.list_users(session=session), "roles": ROLES, "title": "Users", "nav": "admin",
        "user": user, "csrf": page_csrf(request)})


@router.post("/admin/users")
def user_invite(
    session: Annotated[Session, Depends(get_session, scope="function")],
    admin: Annotated[User, Depends(require("admin"))],
    email: Annotated[str, Form(max_length=254)], password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=16)] = "viewer", display_name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    user = review.create_user(session=session, email=email, display_name=display_name, password=password, role=role)
    review.audit(session=session, user=admin, action="invite-user", target_type="user", target_id=user.id,
                 detail={"before": None, "after": {"email": user.email, "role": user.role}})
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{user_id}")
def user_update(
    user_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    admin: Annotated[User, Depends(require("admin"))],
    role: Annotated[str, Form(max_length=16)] = "", active: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    if active not in ("", "1", "0"):
        raise Invalid("active: use 1 to enable the account or 0 to disable it.")
    review.update_user(session=session, actor=admin, user_id=user_id, role=role or None,
                       active=None if active == "" else active == "1")
    return RedirectResponse("/admin/users", status_code=303)
