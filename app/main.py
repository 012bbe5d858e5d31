"""create_app(): settings, engine, routers, static files, one error handler."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.sessions import SessionMiddleware

from app import __version__
from app.config import PROJECT_DIR, Settings, get_settings
from app.db import engine_for
from app.web import api, articles, auth, docs, errors, incidents, provinces, security, sources


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
    )
    app.state.settings = settings
    app.state.engine = engine_for(settings.database_url)
    app.mount("/static", StaticFiles(directory=PROJECT_DIR / "static"), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie="counterclaim_session",
        same_site="lax",
        https_only=settings.env == "production",
        max_age=12 * 3600,
    )
    app.add_middleware(security.SecurityHeaders)
    for module in (incidents, articles, sources, provinces, auth, api, docs):
        app.include_router(module.router)
    errors.install(app)

    @app.get("/healthz", tags=["health"], summary="Liveness and database check")
    async def healthz() -> dict[str, str]:
        with app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    return app
