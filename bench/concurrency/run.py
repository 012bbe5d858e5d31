"""Benchmark: read latency while API writers and the CLI ingest write at once, and what was lost.

One command:

    python bench/concurrency/run.py [--seconds 30] [--readers 6] [--writers 4] [--database-url URL]

Makes a fresh SQLite database under bench/out/concurrency/ (or empties a schema of its own in the
PostgreSQL of --database-url), loads seeds/, starts `counterclaim serve` on a free 127.0.0.1 port
and runs bench/concurrency/workload.py: readers over the dashboard and its JSON twins, API
writers (some posting the same texts at once) and one CLI ingest of a folder that shares texts
with them. Prints reads, read p50/p95/p99, writes and the checks (errors, lost, duplicates).
It reports and never asserts: the exit status is 1 only when a write was lost or duplicated.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.migrate import upgrade  # noqa: E402
from app.review import service as review  # noqa: E402
from app.seeds import load  # noqa: E402
from bench.concurrency import workload  # noqa: E402
from bench.concurrency.server import Server  # noqa: E402

OUT = ROOT / "bench" / "out" / "concurrency"
PASSWORD = "a long bench password"


def _database(url: str | None) -> tuple[str, str | None]:
    """A fresh database URL (and the PostgreSQL schema to drop afterwards)."""
    if url is None:
        if OUT.exists():
            shutil.rmtree(OUT)
        OUT.mkdir(parents=True)
        return f"sqlite:///{OUT / 'bench.db'}", None
    schema = f"cc_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False), schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--per-writer", type=int, default=40)
    parser.add_argument("--cli-files", type=int, default=60)
    parser.add_argument("--database-url", help="a PostgreSQL URL (default: a new SQLite file)")
    args = parser.parse_args()

    url, schema = _database(args.database_url)
    secret = secrets.token_urlsafe(48)
    settings = Settings(env="test", database_url=url, secret_key=secret)
    upgrade(url)
    engine = make_engine(url)
    load(engine=engine, settings=settings)
    with Session(engine) as s:
        review.create_user(session=s, email="bench@example.org", display_name="bench", password=PASSWORD,
                           role="editor")
        s.commit()
    OUT.mkdir(parents=True, exist_ok=True)
    server = Server(url, secret, OUT / "server.log")
    server.start()
    try:
        out = workload.run(url=server.url, database_url=url, email="bench@example.org", password=PASSWORD,
                           folder=OUT / "cli", seconds=args.seconds, readers=args.readers, writers=args.writers,
                           per_writer=args.per_writer, cli_files=args.cli_files,
                           env={"COUNTERCLAIM_ENV": "test", "COUNTERCLAIM_SECRET_KEY": secret})
    finally:
        server.stop()
    verdict = workload.verify(engine, out)
    engine.dispose()
    if schema and args.database_url:
        admin = make_engine(args.database_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    engine_name = "PostgreSQL" if schema else "SQLite"
    print(f"engine            {engine_name}, {args.readers} readers, {args.writers} API writers, 1 CLI ingest")
    print(f"duration          {out.seconds:.1f} s")
    print(f"reads             {len(out.read_ms)} ({len(out.read_ms) / out.seconds:.0f}/s)")
    print(f"read latency      p50 {out.p(0.50):.1f} ms   p95 {out.p(0.95):.1f} ms   p99 {out.p(0.99):.1f} ms")
    print(f"API writes        {out.writes} answered, {len(out.acknowledged)} distinct articles acknowledged")
    print(f"CLI files         {out.cli_files}")
    print(f"stored articles   {verdict.stored} (seeds included)")
    print(f"errors            {len(out.errors)}" + (f": {out.errors[:3]}" if out.errors else ""))
    print(f"lost writes       {len(verdict.lost)}")
    print(f"duplicates        {verdict.duplicates}")
    print(f"sent, not stored  {verdict.missing}")
    sys.exit(1 if verdict.lost or verdict.duplicates or verdict.missing else 0)


if __name__ == "__main__":
    main()
