"""Sign-in, sign-out, the current user, roles and CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from markupsafe import escape
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.errors import Forbidden, Invalid, TooManyAttempts, Unauthorized
from app.review import service as review
from app.review import tokens
from app.review.models import User
from app.templating import render
from app.web.deps import DbSession

router = APIRouter(include_in_schema=False)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def clock() -> float:
    """Seconds since the epoch: when a session began and how old it is (tests move it forward)."""
    return time.time()


class PageCsrf:
    """The session's CSRF token for a page, created only if the page shows it.

    Pages for anonymous readers show no form, so they leave the session empty and set no cookie.
    """

    __slots__ = ("request",)

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)

    def __html__(self) -> str:
        return str(escape(csrf_token(self.request)))


def page_csrf(request: Request) -> PageCsrf:
    """The CSRF token to put in a page's context (see PageCsrf)."""
    return PageCsrf(request)


def current_user(request: Request, session: DbSession) -> User | None:
    """The signed-in user, or None (also when the session predates the user's last sign-out)."""
    user_id = request.session.get("user_id")
    if not isinstance(user_id, int):
        return None
    since = request.session.get("since")
    lifetime = request.app.state.settings.session_lifetime_hours * 3600
    if not isinstance(since, int) or not 0 <= clock() - since <= lifetime:
        return None  # past its absolute lifetime: sign in again, however recently it was used
    user = session.get(User, user_id)
    if user is None or not user.active or request.session.get("epoch") != user.session_epoch:
        return None
    return user


async def reader(request: Request) -> User | None:
    """current_user for pages that only read: an anonymous reader (no user in the session) costs
    no database session and no worker thread."""
    if not isinstance(request.session.get("user_id"), int):
        return None

    def lookup() -> User | None:
        with Session(request.app.state.engine, expire_on_commit=False) as session:
            return current_user(request, session)

    return await run_in_threadpool(lookup)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a request: a signed-in user (cookie session) or a personal API token's owner."""

    user: User
    scope: str  # "write" for a session; the token's scope otherwise
    via: str  # "session" or "token"


# Declared as a security scheme, so the API docs offer to send a token.
bearer = HTTPBearer(auto_error=False, scheme_name="API token",
                    description="A personal API token made on /account: `Authorization: Bearer cc_…`.")


def current_actor(
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor | None:
    """The token's owner when the request sends a token (refused when it is not valid), else the session's user."""
    secret = credentials.credentials.strip() if credentials is not None else None
    if secret:
        found = tokens.authenticate(session=session, secret=secret)
        if found is None:
            raise Unauthorized("The API token is not valid, was revoked, or its user is disabled; "
                               "make a new one on your account page.")
        return Actor(user=found[0], scope=found[1].scope, via="token")
    return Actor(user=user, scope="write", via="session") if user is not None else None


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token (form field or header) does not match."""
    expected = request.session.get("csrf")
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected.encode(), sent.encode()):
        raise Forbidden("The form has expired or did not come from this site (CSRF check failed); "
                        "reload the page and try again.")


SIGN_IN = "Sign in or send a token: changing data needs a signed-in user or an API token (Authorization: Bearer …)."


def require(role: str, *, write: bool = True):  # type: ignore[no-untyped-def]
    """A dependency giving the user making the request when they hold `role`.

    A cookie session must send its CSRF token for a write; an API token must have the write scope.
    """

    async def dependency(request: Request, actor: Annotated[Actor | None, Depends(current_actor)]) -> User:
        if actor is None:
            raise Unauthorized(SIGN_IN if write else "Sign in or send a token to see this.")
        if write and actor.via == "session":
            await check_csrf(request)
        if write and actor.scope != "write":
            raise Forbidden("This token has the read scope; make a token with the write scope to change data.")
        if not review.has_role(actor.user, role):
            raise Forbidden(f"This needs the {role} role; you are signed in as {actor.user.role}.")
        return actor.user

    return dependency


def _safe_next(target: str | None) -> str:
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


class LoginLimiter:
    """Failed sign-ins counted per account and per client address over a sliding window.

    An account with `per_account` failures is refused from anywhere until the window passes (a
    password guesser cannot hop addresses); an address with `per_address` failures is refused
    for every account (a guesser cannot hop accounts). Successful sign-ins do not count, so one
    person's typos never lock out the others behind the same address, only the account typed.
    """

    def __init__(self, per_account: int = 10, per_address: int = 50, window: float = 900.0) -> None:
        self.per_account, self.per_address, self.window = per_account, per_address, window
        self.attempts: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self.attempts.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, *, account: str, address: str) -> str | None:
        """Why a sign-in to `account` from `address` must wait, or None."""
        now = time.monotonic()
        with self.lock:
            if len(self._recent("account:" + account, now)) >= self.per_account:
                return "Too many failed sign-ins to this account; wait a few minutes and try again."
            if len(self._recent("address:" + address, now)) >= self.per_address:
                return "Too many failed sign-ins from your address; wait a few minutes and try again."
        return None

    def failed(self, *, account: str, address: str) -> None:
        """Count one failed sign-in against the account and the address."""
        now = time.monotonic()
        with self.lock:
            if len(self.attempts) > 100_000:
                self.attempts.clear()
            for key in ("account:" + account, "address:" + address):
                self._recent(key, now).append(now)


@router.get("/login")
async def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "auth/login.html", {"next": _safe_next(next), "csrf": csrf_token(request),
                                               "error": None, "title": "Sign in"})


@router.post("/login")
async def login(
    request: Request,
    session: DbSession,
    _csrf: Annotated[None, Depends(check_csrf)],
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    if "\x00" in email or "\x00" in password:
        raise Invalid("The e-mail or the password contains a NUL character; type them again.")
    account, address = email.strip().lower(), request.client.host if request.client else "unknown"
    limiter: LoginLimiter = request.app.state.login_limiter
    reason = limiter.blocked(account=account, address=address)
    if reason:
        raise TooManyAttempts(reason)
    # argon2 takes a good part of a second: off the event loop, or every other request waits.
    user = await run_in_threadpool(review.authenticate, session=session, email=email, password=password)
    if user is None:
        limiter.failed(account=account, address=address)
        context = {"next": _safe_next(next), "csrf": csrf_token(request), "title": "Sign in",
                   "error": "Wrong e-mail or password."}
        return render(request, "auth/login.html", context, status_code=401)
    request.session.clear()
    request.session["user_id"] = user.id
    request.session["epoch"] = user.session_epoch
    request.session["since"] = int(clock())
    csrf_token(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
async def logout(
    request: Request,
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
    _csrf: Annotated[None, Depends(check_csrf)],
) -> Response:
    if user is not None:
        # A copied cookie must not outlive the sign-out.
        user.session_epoch += 1
        session.add(user)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
