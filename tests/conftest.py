"""Fixtures: a real database on every engine (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from app.config import Settings
from app.db import make_engine
from app.incidents.queries import facet_cache
from app.migrate import upgrade
from app.models import metadata

POSTGRES_URL = os.environ.get("COUNTERCLAIM_TEST_POSTGRES_URL")
ENGINES = ["sqlite", "postgres"]
SECRET = "test-secret-" + "x" * 40


class Database:
    """A migrated database of one engine, emptied before each test that uses it."""

    def __init__(self, kind: str, url: str, engine: Engine) -> None:
        self.kind, self.url, self.engine = kind, url, engine

    def settings(self, **changes: object) -> Settings:
        return Settings(env="test", database_url=self.url, secret_key=SECRET, **changes)  # type: ignore[arg-type]

    def empty(self) -> None:
        with self.engine.begin() as conn:
            if self.kind == "postgres":
                names = ", ".join(t.name for t in metadata.sorted_tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in reversed(metadata.sorted_tables):
                    conn.execute(table.delete())


def postgres_schema_url(base: str, schema: str) -> str:
    """`base` with every connection's search_path set to `schema`."""
    url = make_url(base)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path: Path = tmp_path_factory.mktemp("db") / "counterclaim-test.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    yield Database("sqlite", url, engine)
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_db() -> Iterator[Database]:
    if not POSTGRES_URL:
        pytest.skip("COUNTERCLAIM_TEST_POSTGRES_URL is not set")
    schema = f"cc_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = postgres_schema_url(POSTGRES_URL, schema)
    try:
        upgrade(url)
        engine = make_engine(url)
        yield Database("postgres", url, engine)
        engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest) -> Database:
    """An empty, migrated database: SQLite, then PostgreSQL when COUNTERCLAIM_TEST_POSTGRES_URL is set."""
    database: Database = request.getfixturevalue(f"{request.param}_db")
    database.empty()
    facet_cache.clear()
    return database


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with Session(db.engine, expire_on_commit=False) as s:
        yield s
        s.rollback()


@pytest.fixture
def settings(db: Database) -> Settings:
    return db.settings()


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


from tests.webserver import site  # noqa: E402, F401  (the local HTTP server fixture)
