"""An in-process client on the real application and a real database."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.main import create_app
from app.review import service as review
from tests.conftest import Database

PASSWORD = "correct horse battery"


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings())) as c:
        yield c


def make_user(db: Database, email: str, role: str) -> None:
    with Session(db.engine) as s:
        review.create_user(session=s, email=email, display_name=email.split("@")[0], password=PASSWORD, role=role)
        s.commit()


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: TestClient, db: Database, role: str) -> str:
    """Sign a new user of `role` in; the session's CSRF token."""
    email = f"{role}@example.org"
    make_user(db, email, role)
    token = csrf_of(client)
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client, "/articles")
