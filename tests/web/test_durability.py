"""An answer of success means the write is committed; a write that cannot commit answers an error."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.articles.models import Article
from app.claims.models import Claim
from app.main import create_app
from app.pipeline import ingest_article
from app.review.models import AuditEntry, User
from tests.conftest import Database
from tests.web.conftest import sign_in

TEXT = "Pakistan's army said 23 of its soldiers were killed in Kurram on Saturday."


class CheckAtAnswer:
    """ASGI wrapper: the moment a POST's answer starts, read the database from another connection."""

    def __init__(self, app: ASGIApp, check: Callable[[], object]) -> None:
        self.app, self.check = app, check
        self.seen: list[tuple[int, object]] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_and_check(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("method") == "POST":
                self.seen.append((message["status"], self.check()))
            await send(message)

        await self.app(scope, receive, send_and_check)


def _count(db: Database, model: Any) -> int:
    with Session(db.engine) as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


@contextmanager
def _client(db: Database, check: Callable[[], object], **settings: object) -> Iterator[tuple[TestClient, Any]]:
    wrapper = CheckAtAnswer(create_app(db.settings(**settings)), check)
    with TestClient(wrapper, raise_server_exceptions=False) as c:
        yield c, wrapper


def test_api_article_is_committed_before_the_201_goes_out(db: Database) -> None:
    with _client(db, lambda: _count(db, Article)) as (c, seen):
        token = sign_in(c, db, "editor")
        r = c.post("/api/articles", json={"text": TEXT, "published": "2025-10-12"}, headers={"X-CSRF-Token": token})
        assert r.status_code == 201, r.text
    assert seen.seen[-1] == (201, 1)


def test_form_article_and_its_audit_entry_are_committed_before_the_redirect(db: Database) -> None:
    with _client(db, lambda: (_count(db, Article), _count(db, AuditEntry))) as (c, seen):
        token = sign_in(c, db, "editor")
        r = c.post("/articles", data={"text": TEXT, "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303, r.text
    assert seen.seen[-1] == (303, (1, 1))


def test_review_is_committed_before_the_redirect(db: Database) -> None:
    def status() -> object:
        with Session(db.engine) as s:
            return s.exec(select(Claim.review_status)).first()

    with _client(db, status) as (c, seen):
        token = sign_in(c, db, "editor")
        c.post("/api/articles", json={"text": TEXT, "published": "2025-10-12"}, headers={"X-CSRF-Token": token})
        with Session(db.engine) as s:
            claim_id = s.exec(select(Claim.id)).first()
        r = c.post(f"/claims/{claim_id}/review", data={"status": "disputed", "csrf_token": token},
                   follow_redirects=False)
        assert r.status_code == 303
    assert seen.seen[-1] == (303, "disputed")


def test_sign_out_is_committed_before_the_redirect(db: Database) -> None:
    def epoch() -> object:
        with Session(db.engine) as s:
            return s.exec(select(User.session_epoch)).one()

    with _client(db, epoch) as (c, seen):
        token = sign_in(c, db, "editor")
        r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
    assert seen.seen[-1] == (303, 1)


@contextmanager
def write_lock(db: Database, table: str) -> Iterator[None]:
    """Another process's write lock on the database (SQLite) or on `table` (PostgreSQL)."""
    if db.kind == "sqlite":
        conn = sqlite3.connect(make_url(db.url).database or "", isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    with db.engine.connect() as conn:
        conn.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()


def test_sign_out_that_cannot_commit_answers_an_error_and_the_cookie_keeps_its_meaning(db: Database) -> None:
    with _client(db, lambda: None, lock_timeout_ms=300) as (c, _):
        token = sign_in(c, db, "editor")
        with write_lock(db, "app_user"):
            r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 503, r.text
        assert "nothing was saved" in r.text
    with Session(db.engine) as s:
        assert s.exec(select(User.session_epoch)).one() == 0


def test_article_that_cannot_be_written_answers_503_not_a_false_success(db: Database) -> None:
    with _client(db, lambda: None, lock_timeout_ms=300) as (c, _):
        token = sign_in(c, db, "editor")
        with write_lock(db, "article"):
            r = c.post("/api/articles", json={"text": TEXT}, headers={"X-CSRF-Token": token})
        assert r.status_code == 503, r.text
        assert "try again" in r.json()["detail"]
        assert r.headers["retry-after"]
    assert _count(db, Article) == 0
    # Once the lock is gone the same request succeeds.
    with _client(db, lambda: None) as (c, _):
        token = sign_in(c, db, "admin")
        r = c.post("/api/articles", json={"text": TEXT}, headers={"X-CSRF-Token": token})
        assert r.status_code == 201


def test_the_same_text_ingested_at_once_is_stored_once_and_the_others_get_it(db: Database) -> None:
    results: list[object] = []
    barrier = threading.Barrier(4)

    def ingest() -> None:
        barrier.wait()
        try:
            with Session(db.engine, expire_on_commit=False) as s:
                result = ingest_article(session=s, settings=db.settings(), text=TEXT)
                s.commit()
            results.append(result)
        except Exception as exc:  # the test reports it
            results.append(exc)

    threads = [threading.Thread(target=ingest) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.created for r in results) == [False, False, False, True]  # type: ignore[attr-defined]
    assert len({r.article_id for r in results}) == 1  # type: ignore[attr-defined]
    assert _count(db, Article) == 1


def test_concurrent_identical_posts_answer_the_stored_article_not_500(db: Database) -> None:
    with _client(db, lambda: None) as (c, _):
        token = sign_in(c, db, "editor")
        codes: list[tuple[int, Any]] = []
        barrier = threading.Barrier(6)

        def post() -> None:
            barrier.wait()
            r = c.post("/api/articles", json={"text": TEXT + " Again."}, headers={"X-CSRF-Token": token})
            codes.append((r.status_code, r.json()))

        threads = [threading.Thread(target=post) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert sorted(code for code, _ in codes) == [200] * 5 + [201], codes
    assert len({body["article_id"] for _, body in codes}) == 1
    assert [body["created"] for code, body in codes if code == 200] == [False] * 5


def test_every_route_commits_its_session_before_answering() -> None:
    """A route that asks for a database session gets the one closed before the answer (scope "function")."""
    from fastapi.routing import APIRoute

    from app.config import Settings
    from app.web.deps import get_session

    app = create_app(Settings(env="development"))

    def scopes(dependant: Any) -> Iterator[str | None]:
        for dep in dependant.dependencies:
            if dep.call is get_session:
                yield dep.scope
            yield from scopes(dep)

    def routes(candidates: list[Any]) -> Iterator[APIRoute]:
        for route in candidates:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # an included router
                yield from routes(route.original_router.routes)

    checked = 0
    for route in routes(app.routes):
        for scope in scopes(route.dependant):
            assert scope == "function", route.path
            checked += 1
    assert checked >= 10
