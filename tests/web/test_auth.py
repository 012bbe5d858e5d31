"""Changing data needs a signed-in user with the right role and a CSRF token."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.articles.models import Article
from app.claims.models import Claim
from app.review.models import AuditEntry
from tests.conftest import Database
from tests.web.conftest import PASSWORD, csrf_of, make_user, sign_in

TEXT = "Pakistan's army said 23 of its soldiers were killed in Kurram on Saturday."


def test_upload_requires_sign_in_or_a_token(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/articles", data={"text": TEXT, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 401 and "Sign in or send a token" in r.text
    r = client.post("/api/articles", json={"text": TEXT})
    assert r.status_code == 401 and "Sign in or send a token" in r.json()["detail"]
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_upload_requires_the_editor_role(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "viewer")
    r = client.post("/articles", data={"text": TEXT, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 403 and "editor role" in r.text


def test_upload_requires_a_csrf_token(db: Database, client: TestClient) -> None:
    sign_in(client, db, "editor")
    r = client.post("/articles", data={"text": TEXT}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    r = client.post("/articles", data={"text": TEXT, "csrf_token": "forged"}, follow_redirects=False)
    assert r.status_code == 403


def test_editor_uploads_an_article_through_the_pipeline(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    r = client.post("/articles", data={"text": TEXT, "csrf_token": token, "published": "2025-10-12",
                                       "outlet": "Test Wire"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])
    assert "Stored, with" in page.text
    with Session(db.engine) as s:
        article = s.exec(select(Article)).one()
        assert article.outlet == "Test Wire"
        assert s.exec(select(Claim)).all()
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "ingest")).one()


def test_upload_with_a_bad_date_keeps_the_form_and_says_why(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    r = client.post("/articles", data={"text": TEXT, "csrf_token": token, "published": "12/10/2025"})
    assert r.status_code == 422
    assert "YYYY-MM-DD" in r.text and "Kurram" in r.text  # the text is kept in the form
    with Session(db.engine) as s:
        assert s.exec(select(Article)).all() == []


def test_binary_upload_is_refused(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    r = client.post("/articles", data={"csrf_token": token},
                    files={"file": ("x.txt", b"\x00\x01\x02binary", "application/octet-stream")})
    assert r.status_code == 422 and "binary" in r.text


def test_json_api_ingest_needs_the_csrf_header(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    body = {"text": TEXT, "published": "2025-10-12"}
    assert client.post("/api/articles", json=body).status_code == 403
    r = client.post("/api/articles", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 201, r.text
    assert r.json()["created"] is True
    again = client.post("/api/articles", json=body, headers={"X-CSRF-Token": token})
    assert again.status_code == 200 and again.json()["created"] is False
    bad = client.post("/api/articles", json={"text": ""}, headers={"X-CSRF-Token": token})
    assert bad.status_code == 422 and "text" in bad.json()["detail"]


def test_review_status_change_is_audited(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    client.post("/api/articles", json={"text": TEXT, "published": "2025-10-12"}, headers={"X-CSRF-Token": token})
    with Session(db.engine) as s:
        claim = s.exec(select(Claim)).first()
        assert claim is not None
    r = client.post(f"/claims/{claim.id}/review", data={"status": "disputed", "csrf_token": token,
                                                        "note": "the army denies it"}, follow_redirects=False)
    assert r.status_code == 303
    with Session(db.engine) as s:
        assert s.get(Claim, claim.id).review_status == "disputed"  # type: ignore[union-attr]
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "review")).one()
        assert entry.detail["before"]["review_status"] == "unreviewed"  # type: ignore[index]
        assert entry.detail["after"]["review_status"] == "disputed"  # type: ignore[index]
        assert entry.detail["note"] == "the army denies it"


def test_wrong_password_is_refused(db: Database, client: TestClient) -> None:
    make_user(db, "e@example.org", "editor")
    token = csrf_of(client)
    r = client.post("/login", data={"email": "e@example.org", "password": PASSWORD + "x", "csrf_token": token})
    assert r.status_code == 401 and "Wrong e-mail or password" in r.text


def test_login_does_not_redirect_off_site(db: Database, client: TestClient) -> None:
    make_user(db, "e@example.org", "editor")
    token = csrf_of(client)
    r = client.post("/login", data={"email": "e@example.org", "password": PASSWORD, "csrf_token": token,
                                    "next": "https://evil.example/"}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_sign_in_attempts_are_limited(db: Database, client: TestClient) -> None:
    make_user(db, "e@example.org", "editor")
    token = csrf_of(client)
    codes = [client.post("/login", data={"email": "e@example.org", "password": "wrong password",
                                         "csrf_token": token}).status_code for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


def test_a_copied_cookie_is_void_after_sign_out(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    stolen = dict(client.cookies)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    client.cookies.clear()
    client.cookies.update(stolen)
    r = client.post("/api/articles", json={"text": TEXT}, headers={"X-CSRF-Token": token})
    assert r.status_code == 401 and "Sign in or send a token" in r.text


def test_oversized_bodies_are_refused_before_reading(db: Database, client: TestClient) -> None:
    r = client.post("/api/articles", content=b"x" * 5_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413
