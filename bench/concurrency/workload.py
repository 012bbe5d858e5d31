"""Readers, API writers and the CLI ingest at once against one server and its database.

`run()` drives a bounded mixed load and returns what happened; `verify()` compares it with the
database: every acknowledged write present with its text (0 lost), every text stored once (0
duplicates). tests/reliability/test_concurrency.py asserts on it; bench/concurrency/run.py prints
the figures (read p95) over a longer run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

from bench.concurrency.server import PROJECT, sign_in

PARTIES = [("Pakistan's army", "soldiers"), ("The Taliban", "fighters"), ("Police", "civilians"),
           ("Officials", "people")]
PROVINCES = ["Kurram", "Kunar", "Bajaur", "Khyber", "Paktika", "Waziristan", "Nangarhar", "Khost"]
VERBS = ["killed", "wounded", "injured"]
READ_PATHS = ["/", "/api/incidents", "/api/incidents?page=2", "/articles", "/api/provinces", "/provinces",
              "/incidents.csv"]


def article(seed: int) -> str:
    """A short distinct article text whose claims the extractor reads."""
    rnd = random.Random(seed)
    who, noun = rnd.choice(PARTIES)
    return (f"{who} said {rnd.randint(2, 90)} {noun} were {rnd.choice(VERBS)} in {rnd.choice(PROVINCES)} "
            f"on {rnd.choice(['Monday', 'Tuesday', 'Saturday'])}. The report, number {seed}, was issued later.")


@dataclass
class Outcome:
    """What the clients saw."""

    read_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    acknowledged: dict[int, str] = field(default_factory=dict)  # article id -> text, from 200/201 answers
    posted: set[str] = field(default_factory=set)  # every text some client or the CLI sent
    writes: int = 0
    cli_files: int = 0
    cli_output: str = ""
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def p(self, q: float) -> float:
        """The q-quantile of read latency in ms."""
        values = sorted(self.read_ms)
        return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def _reader(url: str, stop: threading.Event, out: Outcome, seed: int) -> None:
    rnd = random.Random(seed)
    with httpx.Client(base_url=url, timeout=60.0) as client:
        while not stop.is_set():
            path = rnd.choice(READ_PATHS)
            started = time.perf_counter()
            try:
                r = client.get(path)
                status = r.status_code
            except httpx.HTTPError as exc:
                status, path = 0, f"{path} ({exc!r})"
            elapsed = (time.perf_counter() - started) * 1000
            with out.lock:
                out.read_ms.append(elapsed)
                if status != 200:
                    out.errors.append(f"GET {path}: {status}")


def _writer(url: str, email: str, password: str, texts: list[str], stop: threading.Event, out: Outcome,
            start: threading.Barrier) -> None:
    try:
        client, token = sign_in(url, email, password)
    except (RuntimeError, httpx.HTTPError) as exc:
        with out.lock:
            out.errors.append(f"sign-in: {exc}")
        start.abort()
        return
    try:
        start.wait(timeout=120)  # every writer sends the shared texts first, at the same moment
        for body in texts:
            if stop.is_set():
                return
            with out.lock:
                out.posted.add(body)
            try:
                r = client.post("/api/articles", json={"text": body}, headers={"X-CSRF-Token": token})
            except httpx.HTTPError as exc:
                with out.lock:
                    out.errors.append(f"POST /api/articles: {exc!r}")
                continue
            with out.lock:
                out.writes += 1
                if r.status_code in (200, 201):
                    out.acknowledged[r.json()["article_id"]] = body
                else:
                    out.errors.append(f"POST /api/articles: {r.status_code} {r.text[:200]}")
    finally:
        client.close()


def run(*, url: str, database_url: str, email: str, password: str, folder: Path, seconds: float,
        readers: int = 4, writers: int = 3, per_writer: int = 15, cli_files: int = 20,
        shared: int = 5, env: dict[str, str] | None = None) -> Outcome:
    """Drive the mixed load for at most `seconds` (writers and the CLI stop early when done).

    `shared` texts are posted by every writer and also lie in the CLI's folder: the same article
    from several clients at once must be stored once and acknowledged to all of them.
    """
    out = Outcome()
    common = [article(10_000 + i) for i in range(shared)]
    own = [[article(20_000 + w * 1000 + i) for i in range(per_writer)] for w in range(writers)]
    plans = [common + texts for texts in own]
    start = threading.Barrier(writers)
    folder.mkdir(parents=True, exist_ok=True)
    cli_texts = common + [article(30_000 + i) for i in range(cli_files)]
    for i, body in enumerate(cli_texts):
        (folder / f"cli-{i:03d}.txt").write_text(body, encoding="utf-8")
    out.posted.update(cli_texts)
    out.cli_files = len(cli_texts)

    stop = threading.Event()
    threads = [threading.Thread(target=_reader, args=(url, stop, out, i), daemon=True) for i in range(readers)]
    threads += [threading.Thread(target=_writer, args=(url, email, password, plan, stop, out, start), daemon=True)
                for plan in plans]
    started = time.monotonic()
    for t in threads:
        t.start()
    cli = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "ingest", str(folder), "--published", "2025-10-12"],
        cwd=PROJECT, env={**os.environ, **(env or {}), "COUNTERCLAIM_DATABASE_URL": database_url},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = started + seconds
    writers_done = False
    while time.monotonic() < deadline:
        writers_done = not any(t.is_alive() for t in threads[readers:])
        if writers_done and cli.poll() is not None:
            break
        time.sleep(0.1)
    stop.set()
    try:
        output, _ = cli.communicate(timeout=max(1.0, deadline - time.monotonic()) + 60)
    except subprocess.TimeoutExpired:
        cli.kill()
        output, _ = cli.communicate()
        out.errors.append("the CLI ingest did not finish in time")
    out.cli_output = output.decode(errors="replace")
    if cli.returncode != 0:
        out.errors.append(f"the CLI ingest exited {cli.returncode}: {out.cli_output[-500:]}")
    for t in threads:
        t.join(timeout=60)
    out.seconds = time.monotonic() - started
    if not writers_done:
        out.errors.append("the API writers did not finish in time")
    return out


@dataclass(frozen=True)
class Verdict:
    """What the database holds against what the clients were told."""

    lost: list[int]  # acknowledged ids missing or holding another text
    duplicates: int  # texts stored more than once
    missing: int  # texts sent (and not refused) but not stored
    stored: int


def verify(engine: Engine, out: Outcome) -> Verdict:
    """Compare the database with the outcome."""
    with engine.connect() as conn:
        rows = conn.execute(sql("SELECT id, text FROM article")).all()
    by_id = {int(i): t for i, t in rows}
    texts = [t for _, t in rows]
    lost = sorted(i for i, body in out.acknowledged.items() if by_id.get(i) != body)
    duplicates = len(texts) - len(set(texts))
    missing = len(out.posted - set(texts))
    return Verdict(lost=lost, duplicates=duplicates, missing=missing, stored=len(texts))
