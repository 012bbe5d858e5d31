"""Every review route, tried by everyone: anonymous, viewer, editor, admin, read and write tokens,
and cookie sessions with a missing or wrong CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.claims.models import Claim
from app.incidents.models import Incident
from app.main import create_app
from app.review import flags, tokens
from app.review import service as review
from app.review.models import ApiToken, User
from tests.conftest import Database
from tests.helpers import ingest_text
from tests.web.conftest import PASSWORD, csrf_of

KURRAM = "Pakistan's army said 23 of its soldiers were killed and 29 wounded in Kurram on Saturday."
KUNAR = "The Afghan Taliban said 12 Pakistani soldiers were killed in Kunar on Tuesday."


@dataclass
class World:
    """A database with two incidents, three signed-in users and their tokens."""

    db: Database
    ids: dict[str, int]
    clients: dict[str, TestClient]
    csrf: dict[str, str]
    secrets: dict[str, str]
    anonymous: TestClient
    closers: list[Any] = field(default_factory=list)


def _sign_in(db: Database, email: str) -> tuple[TestClient, str]:
    client = TestClient(create_app(db.settings()))
    client.__enter__()
    token = csrf_of(client)
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client, csrf_of(client, "/articles")


@pytest.fixture
def world(db: Database) -> Any:
    ingest_text(db, KURRAM, published=__import__("datetime").date(2025, 10, 12))
    ingest_text(db, KUNAR, published=__import__("datetime").date(2025, 3, 5))
    secrets: dict[str, str] = {}
    ids: dict[str, int] = {}
    with Session(db.engine) as s:
        users = {role: review.create_user(session=s, email=f"{role}@example.org", display_name=role,
                                          password=PASSWORD, role=role) for role in ("viewer", "editor", "admin")}
        for name, (role, scope) in {"read": ("editor", "read"), "write": ("editor", "write"),
                                    "viewer_write": ("viewer", "write"), "admin_write": ("admin", "write")}.items():
            token, secret = tokens.create(session=s, user=users[role], name=name, scope=scope)
            secrets[name] = secret
            ids[f"token_{name}"] = token.id or 0
        incidents = sorted(i.id or 0 for i in s.exec(select(Incident)).all())
        assert len(incidents) == 2, "the two texts must form two incidents"
        ids["incident"], ids["other"] = incidents
        claims = s.exec(select(Claim).where(Claim.incident_id == ids["incident"]).order_by(Claim.id)).all()
        ids["claim"], ids["claim2"] = claims[0].id or 0, claims[1].id or 0
        ids["article"] = claims[0].article_id
        ids["viewer"] = users["viewer"].id or 0
        s.commit()
    clients, csrf = {}, {}
    for role in ("viewer", "editor", "admin"):
        clients[role], csrf[role] = _sign_in(db, f"{role}@example.org")
    anonymous = TestClient(create_app(db.settings()))
    anonymous.__enter__()
    w = World(db=db, ids=ids, clients=clients, csrf=csrf, secrets=secrets, anonymous=anonymous)
    yield w
    for c in [*clients.values(), anonymous]:
        c.__exit__(None, None, None)


def _open_flag(w: World) -> int:
    with Session(w.db.engine) as s:
        user = s.get(User, w.ids["viewer"])
        assert user is not None
        flag = flags.create(session=s, user=user, claim_id=w.ids["claim"], reason="wrong_figure", note="x",
                            tolerance=0.1)
        s.commit()
        return flag.id or 0


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    role: str
    body: Callable[[World], dict[str, Any]] = lambda w: {}
    api: bool = False  # JSON body; otherwise a form
    write: bool = True
    ok: tuple[int, ...] = (200, 201, 303)
    holder: str | None = None  # who succeeds, when not just anyone of `role` (an owner)

    def url(self, w: World) -> str:
        def fill(m: re.Match[str]) -> str:
            key = m.group(1)
            return str(_open_flag(w) if key == "flag" else w.ids[key])

        return re.sub(r"\{(\w+)\}", fill, self.path)


ROUTES = [
    Route("POST", "/claims/{claim}/review", "editor", lambda w: {"status": "confirmed"}),
    Route("POST", "/claims/{claim}/flags", "viewer", lambda w: {"reason": "wrong_figure", "note": "n"}),
    Route("POST", "/incidents/{incident}/flags", "viewer", lambda w: {"reason": "duplicate"}),
    Route("POST", "/flags/{flag}/resolve", "editor", lambda w: {"note": "checked"}),
    Route("POST", "/claims/{claim}/correct", "editor", lambda w: {"value": "24", "note": "misread"}),
    Route("POST", "/claims/{claim}/move", "editor", lambda w: {"incident_id": str(w.ids["other"])}),
    Route("POST", "/articles/{article}/claims", "editor",
          lambda w: {"start": "0", "end": "30", "claimant": "pakistan", "subject": "pakistan", "metric": "killed",
                     "value": "3"}),
    Route("POST", "/incidents/{incident}/merge", "editor", lambda w: {"other_id": str(w.ids["other"])}),
    Route("POST", "/incidents/{incident}/split", "editor", lambda w: {"claim_ids": [str(w.ids["claim2"])]}),
    Route("POST", "/incidents/{incident}/grade", "editor", lambda w: {"grade": "fair", "note": "two armies agree"}),
    Route("POST", "/account/tokens", "viewer", lambda w: {"name": "script", "scope": "read"}),
    Route("POST", "/account/tokens/{token_read}/revoke", "viewer", holder="editor"),
    Route("POST", "/admin/users", "admin",
          lambda w: {"email": "new@example.org", "password": PASSWORD, "role": "viewer"}),
    Route("POST", "/admin/users/{viewer}", "admin", lambda w: {"role": "editor"}),
    Route("GET", "/review", "editor", write=False),
    Route("GET", "/admin/audit", "admin", write=False),
    Route("GET", "/admin/users", "admin", write=False),
    Route("POST", "/api/claims/{claim}/review", "editor", lambda w: {"status": "disputed", "note": "denied"},
          api=True),
    Route("PATCH", "/api/claims/{claim}", "editor", lambda w: {"value": 25, "note": "n"}, api=True),
    Route("POST", "/api/claims/{claim}/move", "editor", lambda w: {"incident_id": w.ids["other"]}, api=True),
    Route("POST", "/api/articles/{article}/claims", "editor",
          lambda w: {"start": 0, "end": 30, "claimant": "pakistan", "subject": "pakistan", "metric": "killed",
                     "value": 3}, api=True),
    Route("POST", "/api/claims/{claim}/flags", "viewer", lambda w: {"reason": "duplicate"}, api=True),
    Route("POST", "/api/incidents/{incident}/flags", "viewer", lambda w: {"reason": "duplicate"}, api=True),
    Route("POST", "/api/flags/{flag}/resolve", "editor", lambda w: {"note": "fixed"}, api=True),
    Route("POST", "/api/incidents/{incident}/merge", "editor", lambda w: {"other_id": w.ids["other"]}, api=True),
    Route("POST", "/api/incidents/{incident}/split", "editor", lambda w: {"claim_ids": [w.ids["claim2"]]},
          api=True),
    Route("POST", "/api/incidents/{incident}/grade", "editor", lambda w: {"grade": "weak", "note": "n"}, api=True),
    Route("POST", "/api/articles", "editor", lambda w: {"text": "The army said 4 soldiers were killed in Khost."},
          api=True),
    Route("GET", "/api/review/queue", "editor", api=True, write=False),
    Route("GET", "/api/audit", "admin", api=True, write=False),
]
RANK = {"viewer": 0, "editor": 1, "admin": 2}


def _send(client: TestClient, route: Route, w: World, *, csrf: str | None = None,
          token: str | None = None) -> Any:
    headers: dict[str, str] = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = route.body(w)
    url = route.url(w)
    if route.method == "GET":
        return client.get(url, headers=headers, follow_redirects=False)
    if route.api:
        if csrf:
            headers["X-CSRF-Token"] = csrf
        return client.request(route.method, url, json=body, headers=headers, follow_redirects=False)
    data = dict(body)
    if csrf:
        data["csrf_token"] = csrf
    return client.request(route.method, url, data=data, headers=headers, follow_redirects=False)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.path}")
def test_route_admits_exactly_the_right_people(world: World, route: Route) -> None:
    w = world
    # Anonymous: 401 that says how to get in, never a CSRF message.
    r = _send(w.anonymous, route, w, csrf=csrf_of(w.anonymous))
    assert r.status_code == 401, (r.status_code, r.text)
    assert "sign in or send a token" in r.text.lower()
    # A token that is not one: 401.
    assert _send(w.anonymous, route, w, token="cc_not-a-token").status_code == 401
    # Signed in below the route's role: 403.
    for role in ("viewer", "editor"):
        if RANK[role] < RANK[route.role]:
            r = _send(w.clients[role], route, w, csrf=w.csrf[role])
            assert r.status_code == 403 and f"needs the {route.role} role" in r.text, (role, r.text)
    holder = route.holder or route.role
    if route.write:
        # A cookie session without its CSRF token, or with a forged one: 403.
        r = _send(w.clients[holder], route, w)
        assert r.status_code == 403 and "CSRF" in r.text
        other = "viewer" if holder != "viewer" else "editor"
        r = _send(w.clients[holder], route, w, csrf=w.csrf[other])  # another session's token
        assert r.status_code == 403 and "CSRF" in r.text
        r = _send(w.clients[holder], route, w, csrf="forged")
        assert r.status_code == 403 and "CSRF" in r.text
        # A read token cannot write, whatever its owner's role.
        r = _send(w.anonymous, route, w, token=w.secrets["read"])
        assert r.status_code == 403 and "read scope" in r.text
        if RANK[route.role] > 0:
            r = _send(w.anonymous, route, w, token=w.secrets["viewer_write"])
            assert r.status_code == 403
    elif route.role == "editor":
        # A read token of an editor may read what the editor may read.
        r = _send(w.anonymous, route, w, token=w.secrets["read"])
        assert r.status_code == 200, r.text
    # The right person: through the cookie session (forms) or a write token (API).
    if route.api and route.write:
        secret = w.secrets["admin_write" if route.role == "admin" else "write"]
        r = _send(w.anonymous, route, w, token=secret)
    else:
        r = _send(w.clients[holder], route, w, csrf=w.csrf[holder])
    assert r.status_code in route.ok, (r.status_code, r.text[:500])


def test_an_admin_may_do_what_an_editor_may(world: World) -> None:
    w = world
    r = w.clients["admin"].post(f"/claims/{w.ids['claim']}/review",
                                data={"status": "confirmed", "csrf_token": w.csrf["admin"]}, follow_redirects=False)
    assert r.status_code == 303


def test_a_revoked_token_answers_401(world: World) -> None:
    w = world
    with Session(w.db.engine) as s:
        token = s.get(ApiToken, w.ids["token_write"])
        user = s.get(User, token.user_id)  # type: ignore[union-attr]
        tokens.revoke(session=s, user=user, token_id=w.ids["token_write"])  # type: ignore[arg-type]
        s.commit()
    r = w.anonymous.post(f"/api/claims/{w.ids['claim']}/review", json={"status": "confirmed"},
                         headers={"Authorization": f"Bearer {w.secrets['write']}"})
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_a_viewer_cannot_make_a_write_token(world: World) -> None:
    w = world
    r = w.clients["viewer"].post("/account/tokens", data={"name": "x", "scope": "write",
                                                          "csrf_token": w.csrf["viewer"]})
    assert r.status_code == 422 and "write scope" in r.text


def test_a_new_token_is_shown_once_and_works_for_the_api(world: World) -> None:
    w = world
    r = w.clients["editor"].post("/account/tokens", data={"name": "cron", "scope": "write",
                                                          "csrf_token": w.csrf["editor"]})
    assert r.status_code == 201
    secret = re.search(r'id="new-token">(cc_[^<]+)<', r.text).group(1)  # type: ignore[union-attr]
    assert secret not in w.clients["editor"].get("/account").text
    r = w.anonymous.post(f"/api/claims/{w.ids['claim']}/review", json={"status": "confirmed"},
                         headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200 and r.json()["review_status"] == "confirmed"
    assert r.json()["reviewed_by"] == "editor"


PUBLIC = ["/claims/{claim}", "/api/claims/{claim}", "/api/flags", "/api/flags?status=open",
          "/incidents/{incident}/history", "/api/incidents/{incident}/history", "/claims.csv", "/claims.json",
          "/claimreview.json", "/incidents.csv?flagged=1", "/api/incidents?flagged=1"]


def test_reading_review_states_history_and_exports_needs_no_account(world: World) -> None:
    w = world
    for path in PUBLIC:
        url = path.format(claim=w.ids["claim"], incident=w.ids["incident"])
        r = w.anonymous.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    assert w.anonymous.get("/api/flags?status=bogus").status_code == 422
    assert w.anonymous.get("/claims/2147483647").status_code == 404
    assert w.anonymous.get("/account", follow_redirects=False).headers["location"] == "/login?next=/account"


def test_a_write_is_committed_before_its_answer_is_sent(world: World) -> None:
    """A client that follows the answer (a redirect, the next request) must read what it wrote."""
    import asyncio
    import json as json_

    w = world
    app = create_app(w.db.settings())
    body = json_.dumps({"status": "confirmed"}).encode()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": f"/api/claims/{w.ids['claim']}/review", "raw_path": b"", "query_string": b"", "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"authorization", f"Bearer {w.secrets['write']}".encode())],
        "client": ("127.0.0.1", 1234), "server": ("testserver", 80),
    }
    seen: list[tuple[int, str]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            with Session(w.db.engine) as s:  # another connection: sees only what is committed
                claim = s.get(Claim, w.ids["claim"])
                seen.append((message["status"], claim.review_status if claim else "gone"))

    asyncio.run(app(scope, receive, send))
    assert seen == [(200, "confirmed")]
