"""Sign-in limits, proxies, sessions and the headers of every answer."""

from __future__ import annotations

import secrets

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import Settings
from app.main import create_app
from app.web import auth
from app.web.incidents import _csv_safe
from tests.conftest import Database
from tests.helpers import ingest_text
from tests.web.conftest import PASSWORD, csrf_of, make_user, sign_in

TEXT = "Pakistan's army said 23 of its soldiers were killed in Kurram on Saturday."
GOOD_SECRET = secrets.token_urlsafe(48)


def _login(client: TestClient, email: str, password: str, **headers: str) -> int:
    token = csrf_of(client)
    r = client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                    headers=headers, follow_redirects=False)
    return r.status_code


# Finding 6: sign-in limiting per account and per address; proxy headers only from configured proxies.

def test_wrong_passwords_for_one_account_do_not_lock_out_another_account_at_the_same_address(
        db: Database, client: TestClient) -> None:
    make_user(db, "victim@example.org", "editor")
    make_user(db, "colleague@example.org", "editor")
    codes = [_login(client, "victim@example.org", "wrong password") for _ in range(10)]
    assert codes == [401] * 10
    assert _login(client, "victim@example.org", PASSWORD) == 429  # the attacked account waits
    assert _login(client, "colleague@example.org", PASSWORD) == 303  # everyone else behind the address does not


def test_the_attacked_account_stays_limited_from_a_new_address(db: Database) -> None:
    make_user(db, "victim@example.org", "editor")
    app = create_app(db.settings())
    with TestClient(app, client=("203.0.113.1", 1000)) as one:
        assert [_login(one, "victim@example.org", "wrong password") for _ in range(10)] == [401] * 10
    with TestClient(app, client=("203.0.113.2", 1000)) as two:
        assert _login(two, "victim@example.org", "wrong password") == 429


def test_one_address_trying_many_accounts_is_limited(db: Database) -> None:
    with TestClient(create_app(db.settings(signin_failures_per_address=5))) as client:
        codes = [_login(client, f"guess{i}@example.org", "wrong password") for i in range(6)]
    assert codes == [401] * 5 + [429]


def test_forwarded_for_is_ignored_unless_the_peer_is_a_configured_proxy(db: Database) -> None:
    with TestClient(create_app(db.settings(signin_failures_per_address=3)), client=("127.0.0.1", 1000)) as c:
        codes = [_login(c, f"u{i}@example.org", "wrong password", **{"X-Forwarded-For": f"198.51.100.{i}"})
                 for i in range(4)]
    assert codes == [401, 401, 401, 429]  # a new header value each time does not escape the limit
    settings = db.settings(signin_failures_per_address=3, trusted_proxies="127.0.0.1")
    with TestClient(create_app(settings), client=("127.0.0.1", 1000)) as c:
        codes = [_login(c, f"u{i}@example.org", "wrong password", **{"X-Forwarded-For": f"198.51.100.{i}"})
                 for i in range(4)]
    assert codes == [401] * 4  # behind a configured proxy, each client address counts apart


# Finding 8: headers and sessions.

def _headers_ok(headers: object, *, production: bool = False) -> None:
    h = dict(headers)  # type: ignore[call-overload]
    h = {k.lower(): v for k, v in h.items()}
    assert "script-src 'self'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    if production:
        assert h["strict-transport-security"].startswith("max-age=")
        assert "camera=()" in h["permissions-policy"]


def test_security_headers_on_413_404_422_and_500(db: Database, client: TestClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    r = client.post("/api/articles", content=b"x" * 5_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 413
    _headers_ok(r.headers)
    _headers_ok(client.get("/no/such/page").headers)
    _headers_ok(client.get("/?page=0").headers)
    from app.web import api

    def broken(**_: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(api.parties, "list_", broken)
    with TestClient(create_app(db.settings()), raise_server_exceptions=False) as c:
        r = c.get("/api/parties")
    assert r.status_code == 500
    _headers_ok(r.headers)


def test_production_adds_hsts_and_permissions_policy(db: Database) -> None:
    settings = Settings(env="production", database_url=db.url, secret_key=GOOD_SECRET)
    with TestClient(create_app(settings), base_url="https://testserver") as c:
        _headers_ok(c.get("/").headers, production=True)
        r = c.post("/api/articles", content=b"x" * 5_000_000, headers={"content-type": "application/json"})
        _headers_ok(r.headers, production=True)


def test_development_sends_no_hsts(client: TestClient) -> None:
    assert "strict-transport-security" not in client.get("/").headers


@pytest.mark.parametrize("secret", ["a" * 48, "ab" * 24, "password" * 6, "0123456789" * 4])
def test_a_low_entropy_production_secret_is_refused(secret: str) -> None:
    with pytest.raises(ValidationError, match="too easy to guess"):
        Settings(env="production", secret_key=secret)


def test_a_random_production_secret_is_accepted() -> None:
    for _ in range(20):
        assert Settings(env="production", secret_key=secrets.token_urlsafe(32)).env == "production"
        assert Settings(env="production", secret_key=secrets.token_hex(32)).env == "production"


def test_a_session_ends_after_its_absolute_lifetime_even_when_used(db: Database, client: TestClient,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    token = sign_in(client, db, "editor")
    assert client.post("/api/articles", json={"text": TEXT}, headers={"X-CSRF-Token": token}).status_code == 201
    lifetime = db.settings().session_lifetime_hours * 3600
    real = auth.clock
    monkeypatch.setattr(auth, "clock", lambda: real() + lifetime + 60)
    r = client.post("/api/articles", json={"text": TEXT + " Later."}, headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "Sign in first" in r.text


def test_anonymous_page_views_set_no_session_cookie(db: Database, client: TestClient) -> None:
    result = ingest_text(db, TEXT)
    for path in ("/", "/articles", "/provinces", f"/articles/{result.article_id}",
                 f"/incidents/{result.incidents[0]}", "/api/incidents", "/api/docs", "/no/such/page"):
        r = client.get(path)
        assert "set-cookie" not in r.headers, path
    assert "set-cookie" in client.get("/login").headers  # the sign-in form needs its CSRF token


def test_signed_in_pages_still_carry_the_csrf_token(db: Database, client: TestClient) -> None:
    token = sign_in(client, db, "editor")
    page = client.get("/").text
    assert f'"X-CSRF-Token": "{token}"' in page and f'value="{token}"' in page


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1"])
def test_csv_guard_neutralises_formula_and_control_starts(cell: str) -> None:
    assert _csv_safe(cell) == "'" + cell


def test_csv_guard_leaves_plain_cells(db: Database) -> None:
    assert _csv_safe("Kunar") == "Kunar" and _csv_safe(3) == 3

