"""create_app(): settings, engine, routers, static files, one error handler."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app import __version__
from app.config import PROJECT_DIR, Settings, get_settings
from app.db import engine_for
from app.web import (
    about,
    accounts,
    api,
    articles,
    assets,
    auth,
    docs,
    errors,
    exports,
    head,
    incidents,
    provinces,
    review,
    review_api,
    security,
    sources,
)
from app.web.schemas import HealthOut


def _outermost(app: FastAPI, middleware: Any, **options: Any) -> None:
    """Wrap the whole stack, outside Starlette's error and body-limit layers (their 500 and 413 too)."""
    build = app.build_middleware_stack

    def build_wrapped() -> ASGIApp:
        return middleware(build(), **options)

    app.build_middleware_stack = build_wrapped  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    """The Counterclaim web application for `settings` (the environment's by default)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Counterclaim",
        version=__version__,
        summary="What each party to a conflict claims, side by side, with the sentence each figure came from.",
        docs_url=None,  # served by app.web.docs from static/ (FastAPI's own loads a CDN)
        redoc_url=None,
        openapi_url="/api/openapi.json",
        # Requests are small except article uploads, whose routes allow more (web.articles, web.api).
        max_body_size=64_000,
        responses=errors.ERROR_RESPONSES,
    )
    app.state.settings = settings
    app.state.login_limiter = auth.LoginLimiter(per_account=settings.signin_failures_per_account,
                                                per_address=settings.signin_failures_per_address)
    app.state.engine = engine_for(settings.database_url, settings.lock_timeout_ms)
    app.mount("/static", StaticFiles(directory=PROJECT_DIR / "static"), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="counterclaim_session",
        same_site="lax",
        https_only=settings.env == "production",
        max_age=12 * 3600,
    )
    if settings.proxies:
        # Only these peers may say who the client is (X-Forwarded-For) and whether it used HTTPS.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.proxies)
    app.add_middleware(head.HeadAsGet)  # every route below sees a GET
    _outermost(app, security.SecurityHeaders, production=settings.env == "production")
    for module in (incidents, exports, articles, sources, review, accounts, provinces, about, assets, auth, api,
                   review_api, docs):
        app.include_router(module.router)
    errors.install(app)

    @app.get("/healthz", tags=["health"], summary="Liveness and database check", response_model=HealthOut)
    async def healthz() -> dict[str, str]:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    return app
