"""The real server process of bench/concurrency, started on a test database."""

from __future__ import annotations

from pathlib import Path

from bench.concurrency.server import Server, csrf, sign_in
from tests.conftest import SECRET, Database

__all__ = ["csrf", "served", "sign_in"]


def served(db: Database, log: Path, **env: str) -> Server:
    """A (not yet started) server on `db`."""
    return Server(db.url, SECRET, log, **env)
