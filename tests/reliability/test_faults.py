"""Fault injection on a real server process: what it acknowledged survives SIGKILL; a write that
cannot get the database's lock answers an error, never a false success."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from app.articles.models import Article
from app.claims.models import Claim
from app.review.models import AuditEntry, User
from bench.concurrency.server import Server
from tests.conftest import Database
from tests.reliability.server import served, sign_in
from tests.web.conftest import PASSWORD, make_user

pytestmark = pytest.mark.reliability

TEXTS = [f"Pakistan's army said {n} of its soldiers were killed in Kurram on Saturday, {n} October."
         for n in range(11, 16)]


@pytest.fixture
def server(db: Database, tmp_path: Path) -> Iterator[Server]:
    make_user(db, "editor@example.org", "editor")
    s = served(db, tmp_path / "server.log", COUNTERCLAIM_LOCK_TIMEOUT_MS="400")
    s.start()
    yield s
    s.stop()


def test_every_acknowledged_write_survives_sigkill_right_after_its_answer(db: Database, server: Server) -> None:
    acknowledged: dict[int, str] = {}
    # API articles: the answer arrives, the server dies at once, a new one starts.
    for body in TEXTS[:3]:
        client, token = sign_in(server.url, "editor@example.org", PASSWORD)
        r = client.post("/api/articles", json={"text": body, "published": "2025-10-12"},
                        headers={"X-CSRF-Token": token})
        assert r.status_code == 201, r.text
        server.kill()
        assert r.json()["article_id"] not in acknowledged  # an id is never handed out twice
        acknowledged[r.json()["article_id"]] = body
        server.start()
    # A form upload.
    client, token = sign_in(server.url, "editor@example.org", PASSWORD)
    r = client.post("/articles", data={"text": TEXTS[3], "csrf_token": token})
    assert r.status_code == 303, r.text
    server.kill()
    form_id = int(r.headers["location"].split("/")[2].split("?")[0])
    acknowledged[form_id] = TEXTS[3]
    server.start()
    # A review.
    with Session(db.engine) as s:
        claim_id = s.exec(select(Claim.id).where(Claim.article_id == form_id)).first()
    client, token = sign_in(server.url, "editor@example.org", PASSWORD)
    r = client.post(f"/claims/{claim_id}/review", data={"status": "disputed", "csrf_token": token})
    assert r.status_code == 303, r.text
    server.kill()
    server.start()
    # A sign-out: the copied cookie must stay void after the restart.
    client, token = sign_in(server.url, "editor@example.org", PASSWORD)
    copied = dict(client.cookies)
    r = client.post("/logout", data={"csrf_token": token})
    assert r.status_code == 303, r.text
    server.kill()
    server.start()

    with Session(db.engine) as s:
        stored = {a.id: a.text for a in s.exec(select(Article)).all()}
        assert stored == acknowledged
        assert s.get(Claim, claim_id).review_status == "disputed"  # type: ignore[union-attr]
        assert s.exec(select(User.session_epoch)).one() == 1
        assert len(s.exec(select(AuditEntry).where(AuditEntry.action == "ingest")).all()) == 4
    thief = httpx.Client(base_url=server.url, cookies=copied, timeout=30.0)
    r = thief.post("/api/articles", json={"text": TEXTS[4]}, headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "Sign in first" in r.text


@contextmanager
def locked(db: Database, table: str) -> Iterator[None]:
    """This test process holds the database's write lock (SQLite) or `table`'s (PostgreSQL)."""
    if db.kind == "sqlite":
        conn = sqlite3.connect(make_url(db.url).database or "", isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    with db.engine.connect() as c:
        c.execute(text(f"LOCK TABLE {table} IN EXCLUSIVE MODE"))
        try:
            yield
        finally:
            c.rollback()


def test_writes_while_another_process_holds_the_lock_answer_503_and_store_nothing(db: Database,
                                                                               server: Server) -> None:
    client, token = sign_in(server.url, "editor@example.org", PASSWORD)
    r = client.post("/api/articles", json={"text": TEXTS[0]}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201
    with Session(db.engine) as s:
        claim_id = s.exec(select(Claim.id)).first()
    outcomes = []
    with locked(db, "article"):
        r = client.post("/api/articles", json={"text": TEXTS[1]}, headers={"X-CSRF-Token": token})
        outcomes.append(("api article", r.status_code))
        r = client.post("/articles", data={"text": TEXTS[2], "csrf_token": token})
        outcomes.append(("form article", r.status_code))
    with locked(db, "claim"):
        r = client.post(f"/claims/{claim_id}/review", data={"status": "rejected", "csrf_token": token})
        outcomes.append(("review", r.status_code))
    copied = dict(client.cookies)
    with locked(db, "app_user"):
        r = client.post("/logout", data={"csrf_token": token})
        outcomes.append(("sign-out", r.status_code))
        assert "nothing was saved" in r.text
    assert outcomes == [("api article", 503), ("form article", 503), ("review", 503), ("sign-out", 503)]
    with Session(db.engine) as s:
        assert [a.text for a in s.exec(select(Article)).all()] == [TEXTS[0]]
        assert s.get(Claim, claim_id).review_status == "unreviewed"  # type: ignore[union-attr]
        assert s.exec(select(User.session_epoch)).one() == 0
    # Nothing was half-done: once the lock is gone, the same requests succeed.
    again = httpx.Client(base_url=server.url, cookies=copied, timeout=30.0)
    r = again.post("/api/articles", json={"text": TEXTS[1]}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text


def test_the_served_app_ignores_forwarded_for_from_an_unconfigured_proxy(sqlite_db: Database,
                                                                         tmp_path: Path) -> None:
    sqlite_db.empty()
    server = served(sqlite_db, tmp_path / "server.log", COUNTERCLAIM_SIGNIN_FAILURES_PER_ADDRESS="5")
    server.start()
    try:
        codes = _guesses(server.url, 6)
    finally:
        server.stop()
    assert codes == [401] * 5 + [429]  # uvicorn's own trust of 127.0.0.1 is off


def _guesses(url: str, n: int) -> list[int]:
    client = httpx.Client(base_url=url, timeout=60.0)
    codes = []
    for i in range(n):
        page = client.get("/login").text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        r = client.post("/login", data={"email": f"guess{i}@example.org", "password": "wrong password",
                                        "csrf_token": token}, headers={"X-Forwarded-For": f"198.51.100.{i}"})
        codes.append(r.status_code)
    return codes
