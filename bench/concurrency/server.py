"""A real Counterclaim server process on 127.0.0.1 (`counterclaim serve`), for the fault and
concurrency tests and the concurrency benchmark."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`counterclaim serve` in its own process, started, killed and restarted by the test."""

    def __init__(self, database_url: str, secret: str, log: Path, **env: str) -> None:
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "COUNTERCLAIM_ENV": "test", "COUNTERCLAIM_DATABASE_URL": database_url,
                    "COUNTERCLAIM_SECRET_KEY": secret, **env}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        """Start the server and wait until /healthz answers."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "serve", "--port", str(self.port)],
                cwd=PROJECT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not start in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no flush, no rollback runs."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        """End the server if it still runs."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def sign_in(url: str, email: str, password: str) -> tuple[httpx.Client, str]:
    """A client signed in to the server at `url`, and its session's CSRF token."""
    client = httpx.Client(base_url=url, timeout=60.0)
    token = csrf(client.get("/login").text)
    r = client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    if r.status_code != 303:
        raise RuntimeError(f"sign-in failed ({r.status_code}): {r.text[:300]}")
    return client, csrf(client.get("/articles/new").text)


def csrf(page: str) -> str:
    """The CSRF token in a page's form."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if not match:
        raise RuntimeError(f"no CSRF token in {page[:300]!r}")
    return match.group(1)
