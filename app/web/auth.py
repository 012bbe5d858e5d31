"""Sign-in, sign-out, the current user, roles and CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.errors import Forbidden, Invalid, TooManyAttempts
from app.review import service as review
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


def current_user(request: Request, session: DbSession) -> User | None:
    """The signed-in user, or None (also when the session predates the user's last sign-out)."""
    user_id = request.session.get("user_id")
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None or request.session.get("epoch") != user.session_epoch:
        return None
    return user


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


def require(role: str):  # type: ignore[no-untyped-def]
    """A dependency giving the signed-in user when they hold `role`, after a CSRF check."""

    async def dependency(
        request: Request,
        user: Annotated[User | None, Depends(current_user)],
        _csrf: Annotated[None, Depends(check_csrf)],
    ) -> User:
        if user is None:
            raise Forbidden("Sign in first: changing data needs a signed-in user.")
        if not review.has_role(user, role):
            raise Forbidden(f"This needs the {role} role; you are signed in as {user.role}.")
        return user

    return dependency


def _safe_next(target: str | None) -> str:
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


class LoginLimiter:
    """At most `limit` sign-in attempts per client address in `window` seconds (argon2 is costly)."""

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self.attempts: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self.lock:
            if len(self.attempts) > 10_000:
                self.attempts.clear()
            q = self.attempts.setdefault(key, deque())
            while q and now - q[0] > self.window:
                q.popleft()
            if len(q) >= self.limit:
                return False
            q.append(now)
            return True


limiter = LoginLimiter()


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
    if not limiter.allow(request.client.host if request.client else "unknown"):
        raise TooManyAttempts("Too many sign-in attempts from your address; wait a minute and try again.")
    # argon2 takes a good part of a second: off the event loop, or every other request waits.
    user = await run_in_threadpool(review.authenticate, session=session, email=email, password=password)
    if user is None:
        context = {"next": _safe_next(next), "csrf": csrf_token(request), "title": "Sign in",
                   "error": "Wrong e-mail or password."}
        return render(request, "auth/login.html", context, status_code=401)
    request.session.clear()
    request.session["user_id"] = user.id
    request.session["epoch"] = user.session_epoch
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
