"""The counterclaim command, run in process on real files and a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.articles.models import Article
from app.cli import app
from app.config import get_settings
from tests.conftest import SEEDS, Database

runner = CliRunner()


def test_extract_prints_spec_jsonl_with_incidents() -> None:
    r = runner.invoke(app, ["extract", *map(str, sorted(SEEDS.glob("*.txt"))), "--manifest",
                            str(SEEDS / "manifest.json"), "--incidents", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows
    keys = {"article", "claimant", "metric", "subject", "value", "value_high", "qualifier", "stance",
            "event_date", "provinces", "evidence", "incident"}
    assert all(keys <= set(row) for row in rows)
    border = {row["incident"] for row in rows if row["value"] in (58, 23) and row["metric"] == "killed"}
    assert len(border) == 1


def test_extract_table_format() -> None:
    r = runner.invoke(app, ["extract", str(SEEDS / "003_e59f8e044cb2bcad.txt"), "--published", "2025-10-12",
                            "--format", "table"])
    assert r.exit_code == 0, r.output
    assert "afghanistan" in r.stdout and "58" in r.stdout


def test_extract_refuses_a_bad_manifest(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text('[{"file": "a.txt", "published": "12/10/2025"}]')
    r = runner.invoke(app, ["extract", str(SEEDS), "--manifest", str(bad)])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = runner.invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "no such file" in r.output
    r = runner.invoke(app, ["extract", str(SEEDS), "--published", "yesterday"])
    assert r.exit_code == 2


@pytest.fixture
def cli_env(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("COUNTERCLAIM_DATABASE_URL", db.url)
    get_settings.cache_clear()
    yield db
    get_settings.cache_clear()


def test_ingest_is_idempotent_and_reports_failures(cli_env: Database, tmp_path: Path) -> None:
    r = runner.invoke(app, ["ingest", str(SEEDS), "--manifest", str(SEEDS / "manifest.json")])
    assert r.exit_code == 0, r.output
    assert "5 new article(s)" in r.output
    r = runner.invoke(app, ["ingest", str(SEEDS), "--manifest", str(SEEDS / "manifest.json")])
    assert "0 new article(s)" in r.output and "5 already stored" in r.output
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "ok.txt").write_text("The army said three soldiers were wounded in Bajaur on Monday.")
    r = runner.invoke(app, ["ingest", str(tmp_path), "--published", "2025-10-15"])
    assert r.exit_code == 1 and "empty.txt" in r.output and "1 new article(s)" in r.output
    with Session(cli_env.engine) as s:
        assert len(s.exec(select(Article)).all()) == 6


def test_regroup_and_users(cli_env: Database) -> None:
    runner.invoke(app, ["ingest", str(SEEDS), "--manifest", str(SEEDS / "manifest.json")])
    r = runner.invoke(app, ["regroup"])
    assert r.exit_code == 0 and "incident(s)" in r.output
    r = runner.invoke(app, ["users", "create", "ed@example.org", "--role", "editor", "--password", "long enough pw"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["users", "create", "ed@example.org", "--password", "long enough pw"])
    assert r.exit_code == 2 and "exists already" in r.output


def test_ingest_reports_a_file_with_a_date_in_year_one_and_goes_on_with_the_rest(cli_env: Database,
                                                                                 tmp_path: Path) -> None:
    texts = {
        "a.txt": "The army said three soldiers were wounded in Bajaur on Monday.",
        "b.txt": "Police said two civilians were killed in Kurram on Tuesday.",
        "c.txt": "Officials said four soldiers were killed in Khyber on Wednesday.",
    }
    for name, body in texts.items():
        (tmp_path / name).write_text(body)
    manifest = [{"file": "a.txt", "published": "2025-10-15"}, {"file": "b.txt", "published": "0001-01-01"},
                {"file": "c.txt", "published": "2025-10-16", "title": "t" * 600}]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    r = runner.invoke(app, ["ingest", str(tmp_path)])
    assert r.exit_code == 1, r.output
    assert "b.txt" in r.output and "before 1900-01-01" in r.output
    assert "c.txt" in r.output and "title is 600 characters" in r.output
    assert "1 new article(s)" in r.output and "2 failed" in r.output
    with Session(cli_env.engine) as s:
        assert [a.source_name for a in s.exec(select(Article)).all()] == ["a.txt"]


def test_ingest_refuses_a_published_option_before_1900(cli_env: Database) -> None:
    r = runner.invoke(app, ["ingest", str(SEEDS), "--published", "0001-01-01"])
    assert r.exit_code == 2 and "1900" in r.output
