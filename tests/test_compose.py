"""docker-compose.yml: there is no Docker engine here, so the file is checked, not run."""

from __future__ import annotations

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


def test_compose_runs_postgres_and_the_app_with_health_checks() -> None:
    spec = yaml.safe_load(COMPOSE.read_text())
    services = spec["services"]
    assert set(services) == {"db", "app", "watch"}
    assert services["db"]["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    app = services["app"]
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert "healthz" in " ".join(app["healthcheck"]["test"])
    env = app["environment"]
    assert env["COUNTERCLAIM_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert env["COUNTERCLAIM_ENV"] == "production"
    assert ":?" in env["COUNTERCLAIM_SECRET_KEY"]  # no usable default secret
    assert "counterclaim db upgrade" in app["command"] and "counterclaim demo" in app["command"]


def test_compose_runs_the_feed_worker_once_the_app_has_migrated() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    watch = services["watch"]
    assert watch["command"].endswith("counterclaim watch")
    assert watch["depends_on"]["app"]["condition"] == "service_healthy"
    app_env = services["app"]["environment"]
    assert watch["environment"]["COUNTERCLAIM_DATABASE_URL"] == app_env["COUNTERCLAIM_DATABASE_URL"]
    assert ":?" in watch["environment"]["COUNTERCLAIM_SECRET_KEY"]
