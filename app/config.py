"""Settings read once from the environment (prefix COUNTERCLAIM_)."""

from __future__ import annotations

import math
import secrets
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


def secret_weakness(secret: str) -> str | None:
    """Why `secret` is easy to guess (few distinct characters, little entropy, repeats), or None."""
    counts = Counter(secret)
    bits = -sum(n * math.log2(n / len(secret)) for n in counts.values())
    if len(counts) < 12 or bits < 100:
        return f"it has {len(counts)} distinct characters and about {bits:.0f} bits of entropy"
    seen: set[str] = set()
    for i in range(len(secret) - 7):
        chunk = secret[i:i + 8]
        if chunk in seen:
            return f"it repeats {chunk!r}"
        seen.add(chunk)
    return None


class Settings(BaseSettings):
    """Every knob of the application, parsed strictly from COUNTERCLAIM_* variables."""

    model_config = SettingsConfigDict(env_prefix="COUNTERCLAIM_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{PROJECT_DIR / 'counterclaim.db'}"
    # In development a random key per process: sessions end at restart, and no key in the source
    # can be used to forge one. Elsewhere the key must be set explicitly.
    secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(48), min_length=16)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # A figure differing from another claimant's by more than this fraction is "contested".
    contest_tolerance: float = Field(default=0.1, ge=0.0, le=10.0)
    # Days either side of an event date within which reports may belong to one incident.
    incident_window_days: int = Field(default=3, ge=0, le=60)
    # How long a write waits for another writer's lock (SQLite busy timeout, PostgreSQL lock_timeout)
    # before it gives up and the request answers 503 with nothing saved.
    lock_timeout_ms: int = Field(default=5000, ge=1, le=600_000)
    page_size: int = Field(default=50, ge=1, le=500)
    max_upload_bytes: int = Field(default=2_000_000, ge=1_000)
    # Outgoing fetches (article URLs, feeds). Private, loopback and link-local addresses are refused
    # except for the hosts named here (comma-separated host names or IPs, exactly as in the URL).
    fetch_allow_hosts: str = ""
    fetch_timeout_seconds: float = Field(default=15.0, gt=0, le=300)
    fetch_max_bytes: int = Field(default=5_000_000, ge=1_000)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_user_agent: str = "Counterclaim/0.1 (news claims monitor; one request at a time per host)"
    # Seconds the watch worker waits between two requests to the same host.
    fetch_host_delay_seconds: float = Field(default=1.0, ge=0, le=600)
    # Seconds the watch worker sleeps when no source is due and no entry is pending.
    watch_idle_seconds: float = Field(default=30.0, ge=0.1, le=3600)
    # A signed-in session ends after this many hours even while in use (the cookie's idle
    # lifetime is 12 hours); the user signs in again.
    session_lifetime_hours: int = Field(default=24, ge=1, le=24 * 90)
    # Addresses (or networks) of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto the
    # app believes, comma-separated, e.g. "127.0.0.1" behind a local nginx. Empty: none, and the
    # connecting address is the client's (sign-in limits count per address).
    trusted_proxies: str = ""
    # Failed sign-ins in 15 minutes after which an account (from anywhere) or a client address
    # (for any account) must wait.
    signin_failures_per_account: int = Field(default=10, ge=1)
    signin_failures_per_address: int = Field(default=50, ge=1)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env != "development" and "secret_key" not in self.model_fields_set:
            raise ValueError(
                "COUNTERCLAIM_SECRET_KEY must be set to a private value outside development "
                f"(COUNTERCLAIM_ENV={self.env})"
            )
        if self.env != "development" and len(self.secret_key) < 32:
            raise ValueError("COUNTERCLAIM_SECRET_KEY must be at least 32 characters outside development")
        weakness = secret_weakness(self.secret_key) if self.env == "production" else None
        if weakness:
            raise ValueError(f"COUNTERCLAIM_SECRET_KEY is too easy to guess ({weakness}); generate one with "
                             "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'")
        return self

    @property
    def allowed_fetch_hosts(self) -> frozenset[str]:
        """Hosts that may be fetched even when they resolve to a private or loopback address."""
        return frozenset(h.strip().lower().strip("[]") for h in self.fetch_allow_hosts.split(",") if h.strip())

    @property
    def proxies(self) -> list[str]:
        """The trusted proxies as a list (empty when none is configured)."""
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def is_sqlite(self) -> bool:
        """True when the database is an SQLite file."""
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
