"""Settings come from the environment; the development secret is refused elsewhere."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.config import Settings


def test_development_runs_on_sqlite_with_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COUNTERCLAIM_ENV", "COUNTERCLAIM_DATABASE_URL", "COUNTERCLAIM_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert s.env == "development" and s.is_sqlite and s.database_url.endswith("counterclaim.db")
    assert (s.host, s.port) == ("127.0.0.1", 8000)
    assert len(s.secret_key) >= 32 and s.secret_key != Settings().secret_key  # random per process


@pytest.mark.parametrize("env", ["production", "test"])
def test_default_secret_is_refused_outside_development(monkeypatch: pytest.MonkeyPatch, env: str) -> None:
    monkeypatch.setenv("COUNTERCLAIM_ENV", env)
    monkeypatch.delenv("COUNTERCLAIM_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="COUNTERCLAIM_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("COUNTERCLAIM_SECRET_KEY", "short-but-sixteen")
    with pytest.raises(ValidationError, match="32 characters"):
        Settings()


def test_environment_sets_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_ENV", "production")
    key = "k3Vq9-Zp2LwX7rT0bN5yHcJ8uF4eA6sD1gM"
    monkeypatch.setenv("COUNTERCLAIM_SECRET_KEY", key)
    monkeypatch.setenv("COUNTERCLAIM_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("COUNTERCLAIM_PORT", "9000")
    s = Settings()
    assert s.secret_key == key and not s.is_sqlite and s.port == 9000


def test_bad_port_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERCLAIM_PORT", "http")
    with pytest.raises(ValidationError):
        Settings()
