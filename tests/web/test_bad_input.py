"""Every bad input gets a 4xx with a message a person can act on, on both engines: never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.articles.models import Article
from app.errors import Invalid
from tests.conftest import Database
from tests.helpers import ingest_text
from tests.web.conftest import csrf_of, sign_in

TEXT = "Pakistan's army said 23 of its soldiers were killed in Kurram on Saturday."


@pytest.fixture
def editor(db: Database, client: TestClient) -> str:
    return sign_in(client, db, "editor")


def _articles(db: Database) -> int:
    with Session(db.engine) as s:
        return int(s.exec(select(func.count()).select_from(Article)).one())


# Finding 3: publication dates outside a sane window.

@pytest.mark.parametrize("published", ["0001-01-01", "1899-12-31"])
def test_api_refuses_a_publication_date_before_1900(client: TestClient, editor: str, published: str) -> None:
    r = client.post("/api/articles", json={"text": TEXT, "published": published}, headers={"X-CSRF-Token": editor})
    assert r.status_code == 422, r.text
    assert "1900" in r.json()["detail"]


def test_form_refuses_a_publication_date_in_year_one(db: Database, client: TestClient, editor: str) -> None:
    r = client.post("/articles", data={"text": TEXT, "published": "0001-01-01", "csrf_token": editor})
    assert r.status_code == 422 and "1900" in r.text
    assert _articles(db) == 0


def test_pipeline_refuses_a_date_before_1900(db: Database) -> None:
    from datetime import date

    with pytest.raises(Invalid, match="1900"):
        ingest_text(db, TEXT, published=date(1, 1, 1))


# Finding 4: page numbers in digits int() refuses.

@pytest.mark.parametrize("path", ["/", "/api/incidents", "/incidents.csv", "/incidents.json", "/provinces",
                                  "/api/provinces", "/articles"])
@pytest.mark.parametrize("page", ["²", "١", "𝟙", "12a"])
def test_page_in_other_digits_is_a_422(client: TestClient, path: str, page: str) -> None:
    r = client.get(path, params={"page": page})
    assert r.status_code == 422, (path, page, r.status_code)
    assert "page" in r.text


# Finding 5: values longer than their column, NUL bytes; the same answer on both engines.

def test_upload_file_name_longer_than_300_characters_is_refused(db: Database, client: TestClient,
                                                                editor: str) -> None:
    name = "a" * 297 + ".txt"
    r = client.post("/articles", data={"csrf_token": editor}, files={"file": (name, TEXT.encode(), "text/plain")})
    assert r.status_code == 422, r.text
    assert "file name" in r.text and "300" in r.text
    assert _articles(db) == 0


def test_url_longer_than_2048_characters_after_encoding_is_refused(db: Database, client: TestClient,
                                                                   editor: str) -> None:
    url = "https://example.org/" + "é" * 1000  # 1,020 characters typed, 6,000 once percent-encoded
    r = client.post("/api/articles", json={"text": TEXT, "url": url}, headers={"X-CSRF-Token": editor})
    assert r.status_code == 422, r.text
    assert "2,048" in r.json()["detail"]
    r = client.post("/articles", data={"text": TEXT, "url": url, "csrf_token": editor})
    assert r.status_code == 422 and "2,048" in r.text
    assert _articles(db) == 0


@pytest.mark.parametrize("field", ["title", "outlet"])
def test_nul_byte_in_any_article_field_is_refused(db: Database, client: TestClient, editor: str, field: str) -> None:
    r = client.post("/articles", data={"text": TEXT, field: "a\x00b", "csrf_token": editor})
    assert r.status_code == 422, r.text
    assert "NUL" in r.text
    assert _articles(db) == 0


def test_nul_byte_in_a_url_is_stored_percent_encoded(db: Database, client: TestClient, editor: str) -> None:
    r = client.post("/articles", data={"text": TEXT, "url": "https://example.org/a\x00b", "csrf_token": editor},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    with Session(db.engine) as s:
        assert s.exec(select(Article.url)).one() == "https://example.org/a%00b"


def test_nul_byte_in_the_sign_in_e_mail_is_refused_with_a_message(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/login", data={"email": "a\x00@example.org", "password": "x" * 12, "csrf_token": token})
    assert r.status_code == 422, r.text
    assert "NUL" in r.text


def test_nul_byte_in_the_review_status_is_refused(db: Database, client: TestClient, editor: str) -> None:
    client.post("/api/articles", json={"text": TEXT}, headers={"X-CSRF-Token": editor})
    from app.claims.models import Claim

    with Session(db.engine) as s:
        claim_id = s.exec(select(Claim.id)).first()
    r = client.post(f"/claims/{claim_id}/review", data={"status": "dis\x00puted", "csrf_token": editor})
    assert r.status_code == 422 and "review status" in r.text


def test_every_text_column_limit_is_checked_before_the_database_sees_it(db: Database) -> None:
    with pytest.raises(Invalid, match=r"outlet.*200"):
        ingest_text(db, TEXT, outlet="o" * 201)
    with pytest.raises(Invalid, match=r"title.*500"):
        ingest_text(db, TEXT, title="t" * 501)
    with pytest.raises(Invalid, match=r"URL.*2,048"):
        ingest_text(db, TEXT, url="https://example.org/" + "x" * 2100)
    assert _articles(db) == 0


# Finding 7: messages a person can act on.

def test_malformed_json_says_where_it_breaks(client: TestClient, editor: str) -> None:
    r = client.post("/api/articles", content=b'{"text": "a",', headers={"X-CSRF-Token": editor,
                                                                        "content-type": "application/json"})
    assert r.status_code == 422
    assert "not valid JSON" in r.json()["detail"] and "column" in r.json()["detail"]


def test_json_sent_without_the_json_content_type_says_which_header_to_send(client: TestClient, editor: str) -> None:
    r = client.post("/api/articles", content=b'{"text": "a"}', headers={"X-CSRF-Token": editor,
                                                                        "content-type": "text/plain"})
    assert r.status_code in (415, 422), r.text
    assert "Content-Type: application/json" in r.json()["detail"]


def test_a_body_that_is_not_utf8_says_so(client: TestClient, editor: str) -> None:
    r = client.post("/api/articles", content='{"text": "café"}'.encode("latin-1"),
                    headers={"X-CSRF-Token": editor, "content-type": "application/json"})
    assert r.status_code == 400, r.text
    assert "not UTF-8" in r.json()["detail"]


def test_a_utf16_file_with_a_byte_order_mark_is_read(db: Database, client: TestClient, editor: str) -> None:
    r = client.post("/articles", data={"csrf_token": editor},
                    files={"file": ("a.txt", TEXT.encode("utf-16"), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303, r.text
    with Session(db.engine) as s:
        assert s.exec(select(Article.text)).one() == TEXT


def test_a_utf16_file_without_a_byte_order_mark_is_named_as_utf16(client: TestClient, editor: str) -> None:
    r = client.post("/articles", data={"csrf_token": editor},
                    files={"file": ("a.txt", TEXT.encode("utf-16-le"), "text/plain")})
    assert r.status_code == 422 and "UTF-16" in r.text


def test_an_empty_file_is_named_as_empty(client: TestClient, editor: str) -> None:
    r = client.post("/articles", data={"csrf_token": editor}, files={"file": ("empty.txt", b"", "text/plain")})
    assert r.status_code == 422 and "empty.txt is empty" in r.text


def test_html_without_text_says_it_has_no_readable_text(client: TestClient, editor: str) -> None:
    html = b"<html><head><script>var a = 1;</script></head><body><img src=x></body></html>"
    r = client.post("/articles", data={"csrf_token": editor}, files={"file": ("page.html", html, "text/html")})
    assert r.status_code == 422 and "no readable text" in r.text


def test_an_upload_part_without_a_file_name_asks_for_the_file_again(client: TestClient, editor: str) -> None:
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + editor.encode()
            + b"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
            b"Content-Type: text/plain\r\n\r\n" + TEXT.encode() + b"\r\n--XyZ--\r\n")
    r = client.post("/articles", content=body, headers={"content-type": "multipart/form-data; boundary=XyZ"})
    assert r.status_code == 422, r.text
    assert "no file name" in r.text


def test_a_blank_filter_name_is_named_as_such(client: TestClient) -> None:
    for path in ("/", "/api/incidents"):
        r = client.get(path + "?=Kunar")
        assert r.status_code == 422
        assert "a filter with no name" in r.text


def test_any_row_too_long_for_its_column_or_holding_nul_is_refused_on_both_engines(db: Database) -> None:
    from datetime import UTC, datetime

    from app.review.models import AuditEntry

    for action, message in (("a" * 41, "audit_entry.action is 41 characters long; the limit is 40"),
                            ("a\x00b", "audit_entry.action contains NUL")):
        with Session(db.engine) as s:
            s.add(AuditEntry(action=action, target_type="t", target_id="1", at=datetime.now(UTC)))
            with pytest.raises(Invalid, match=message):
                s.flush()
