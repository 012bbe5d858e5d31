"""Property-based tests of every operation in the OpenAPI document (Schemathesis on Hypothesis).

Anonymous and signed in as an editor, on SQLite and PostgreSQL: no answer is a 5xx, every answer
matches the documented status codes, content types and schemas, and a refused request changes
no data. COUNTERCLAIM_FUZZ_EXAMPLES sets the examples per operation (CI: a few; `make fuzz`: many).
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import text

from app.config import Settings
from app.main import create_app
from tests.conftest import Database
from tests.helpers import ingest_seeds
from tests.web.conftest import sign_in

EXAMPLES = int(os.environ.get("COUNTERCLAIM_FUZZ_EXAMPLES", "12"))
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


class Fuzzed:
    """The application under test, its database, and how to call it (anonymous or signed in)."""

    def __init__(self, db: Database, role: str | None) -> None:
        self.db = db
        self.app = create_app(db.settings())
        self.headers: dict[str, str] = {}
        self.cookies: dict[str, str] = {}
        if role:
            with TestClient(self.app) as c:
                token = sign_in(c, db, role)
                self.cookies = dict(c.cookies)
            self.headers = {"X-CSRF-Token": token}

    def snapshot(self) -> tuple[Any, ...]:
        """Counts of every table a request may change, sign-out epochs and reviews, in one query."""
        with self.db.engine.connect() as conn:
            return tuple(conn.execute(text(SNAPSHOT)).one())


SNAPSHOT = """SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM claim), (SELECT count(*) FROM incident),
  (SELECT count(*) FROM audit_entry), (SELECT count(*) FROM app_user),
  (SELECT coalesce(sum(session_epoch), 0) FROM app_user),
  (SELECT count(*) FROM claim WHERE review_status <> 'unreviewed')"""


@pytest.fixture(params=[None, "editor"], ids=["anonymous", "editor"])
def fuzzed(request: pytest.FixtureRequest, db: Database) -> Fuzzed:
    ingest_seeds(db)
    return Fuzzed(db, request.param)


# The document only: each example is sent to the fixture's application (its engine, its user).
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(Settings(database_url="sqlite://")))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented_and_never_5xx(case: Any, fuzzed: Fuzzed) -> None:
    before = fuzzed.snapshot()
    response = case.call(app=fuzzed.app, headers=fuzzed.headers, cookies=fuzzed.cookies)
    case.validate_response(response, checks=CHECKS)
    if response.status_code >= 400:
        assert fuzzed.snapshot() == before, f"a refused request ({response.status_code}) changed data"
    assert not re.search(r"Traceback|sqlalchemy|psycopg", response.text), response.text[:300]
