"""Readers, API writers and the CLI ingest at once, on a real server, for a bounded time:
0 errors, 0 lost writes, 0 duplicates (on SQLite and on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.concurrency import workload
from tests.conftest import Database
from tests.reliability.server import served
from tests.web.conftest import PASSWORD, make_user

pytestmark = pytest.mark.reliability


def test_readers_api_writers_and_the_cli_at_once_lose_nothing_and_store_nothing_twice(
        db: Database, tmp_path: Path) -> None:
    make_user(db, "writer@example.org", "editor")
    # Writers wait their turn for the lock up to 20 s: a 503 would be a correct answer on a machine
    # too busy to write in time, but this test is about what is lost, not about speed.
    patience = {"COUNTERCLAIM_LOCK_TIMEOUT_MS": "20000"}
    server = served(db, tmp_path / "server.log", **patience)
    server.start()
    try:
        out = workload.run(url=server.url, database_url=db.url, email="writer@example.org", password=PASSWORD,
                           folder=tmp_path / "cli", seconds=90, readers=3, writers=3, per_writer=6,
                           cli_files=8, shared=4, env=patience)
    finally:
        server.stop()
    verdict = workload.verify(db.engine, out)
    print(f"\n{db.kind}: {len(out.read_ms)} reads (p95 {out.p(0.95):.0f} ms), {out.writes} API writes, "
          f"{out.cli_files} CLI files, {verdict.stored} articles stored in {out.seconds:.1f} s")
    assert out.errors == []
    assert verdict.lost == [] and verdict.duplicates == 0 and verdict.missing == 0
    assert verdict.stored == 3 * 6 + 8 + 4  # every distinct text once
    assert len(out.read_ms) > 0 and out.writes == 3 * (6 + 4)
