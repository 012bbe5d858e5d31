"""Property-based tests of the routes the OpenAPI document leaves out: the HTML pages and forms.

Any text in any field or query parameter (NUL, control characters, other scripts' digits,
over-long values) gets an answer below 500, and a refused form changes no data. Examples per
test: COUNTERCLAIM_FUZZ_EXAMPLES (as in test_fuzz_api.py).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.conftest import Database
from tests.helpers import ingest_text
from tests.reliability.test_fuzz_api import SNAPSHOT
from tests.web.conftest import sign_in

EXAMPLES = int(os.environ.get("COUNTERCLAIM_FUZZ_EXAMPLES", "12"))
ARTICLE = "Pakistan's army said 23 of its soldiers were killed in Kurram on Saturday."
TRICKY = ["", " ", "\x00", "a\x00b", "²", "١٢", "0001-01-01", "9999-12-31", "2025-10-12", "https://example.org/",
          "https://example.org/" + "é" * 800, "x" * 3000, "=1+1", "<script>alert(1)</script>", "'; DROP TABLE x;--",
          "\ud7ff", "\t\r\n", "Kunar", "pakistan", "killed", "1", "-1", "100001"]
VALUE = st.one_of(st.sampled_from(TRICKY), st.text(max_size=120))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
PARAMS = ["province", "date_from", "date_to", "claimant", "subject", "metric", "contested", "q", "page", "",
          "new", "next", "x"]


def _snapshot(db: Database) -> tuple[Any, ...]:
    with db.engine.connect() as conn:
        return tuple(conn.execute(text(SNAPSHOT)).one())


@pytest.fixture
def editor(db: Database, client: TestClient) -> str:
    return sign_in(client, db, "editor")


def test_article_form_never_answers_5xx_and_a_refusal_stores_nothing(db: Database, client: TestClient,
                                                                     editor: str) -> None:
    @FUZZ
    @given(fields=st.fixed_dictionaries({}, optional={k: VALUE for k in ("text", "title", "outlet", "url",
                                                                         "published")}))
    def check(fields: dict[str, str]) -> None:
        before = _snapshot(db)
        r = client.post("/articles", data={**fields, "csrf_token": editor}, follow_redirects=False)
        assert r.status_code < 500, (fields, r.text[:300])
        if r.status_code >= 400:
            assert _snapshot(db) == before, fields

    check()


def test_file_upload_never_answers_5xx(db: Database, client: TestClient, editor: str) -> None:
    @FUZZ
    @given(name=VALUE, content=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode),
                                         st.sampled_from([b"", b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
                                                          b"<html><body></body></html>"])))
    def check(name: str, content: bytes) -> None:
        before = _snapshot(db)
        r = client.post("/articles", data={"csrf_token": editor}, files={"file": (name, content, "text/plain")},
                        follow_redirects=False)
        assert r.status_code < 500, (name, content[:50], r.text[:300])
        if r.status_code >= 400:
            assert _snapshot(db) == before

    check()


def test_sign_in_review_and_sign_out_forms_never_answer_5xx(db: Database, client: TestClient, editor: str) -> None:
    claim_ids = [str(i) for i in range(1, 4)]
    ingest_text(db, ARTICLE)

    @FUZZ
    @given(email=VALUE, password=VALUE, next_=VALUE, status=VALUE, claim=st.one_of(st.sampled_from(claim_ids),
                                                                                     VALUE))
    def check(email: str, password: str, next_: str, status: str, claim: str) -> None:
        anonymous = TestClient(client.app)
        token = anonymous.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        r = anonymous.post("/login", data={"email": email, "password": password, "next": next_, "csrf_token": token},
                           follow_redirects=False)
        assert r.status_code < 500, (email, r.text[:300])
        r = client.post(f"/claims/{quote(claim, safe='')}/review", data={"status": status, "csrf_token": editor},
                        follow_redirects=False)
        assert r.status_code < 500, (claim, status, r.text[:300])

    check()
    assert client.post("/logout", data={"csrf_token": editor + "x"}).status_code == 403


@pytest.mark.parametrize("path", ["/", "/provinces", "/articles", "/articles/new", "/login", "/incidents/1",
                                  "/articles/1"])
def test_pages_never_answer_5xx_whatever_the_query(db: Database, client: TestClient, path: str) -> None:
    ingest_text(db, ARTICLE)

    @FUZZ
    @given(query=st.lists(st.tuples(st.sampled_from(PARAMS), VALUE), max_size=4),
           htmx=st.booleans())
    def check(query: list[tuple[str, str]], htmx: bool) -> None:
        r = client.get(path, params=query, headers={"HX-Request": "true"} if htmx else {})
        assert r.status_code < 500, (path, query, r.text[:300])

    check()
