"""Load generators for 127.0.0.1 only: wrk (preferred, C, light on CPU) or a small asyncio fallback.

Both keep N connections busy (closed loop, keep-alive) for a bounded time and a bounded number of
requests, and report requests/s, latency percentiles and errors.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# wrk's done() hook: one machine-readable line (times in microseconds).
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, summary.bytes))
end
"""


@dataclass(frozen=True, slots=True)
class Result:
    """What one load run measured."""

    requests: int
    seconds: float
    errors: int  # connection errors, timeouts and answers with status >= 400
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    bytes: int

    @property
    def rps(self) -> float:
        """Completed requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def _check_local(url: str) -> None:
    host = urlsplit(url).hostname
    if host != "127.0.0.1":
        raise ValueError(f"load is only ever sent to 127.0.0.1, not {host!r}")


def find_wrk(*, install: bool) -> str | None:
    """The wrk binary; when missing, installed with apt-get if `install` and running as root."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", flush=True)
        done = subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"  apt-get failed ({done.returncode}); using the asyncio load generator", flush=True)
    return shutil.which("wrk")


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(wrk: str, url: str, *, headers: Mapping[str, str], connections: int, seconds: float,
            threads: int = 1, timeout_s: float = 5.0, paths: Sequence[str] = ()) -> Result:
    """One wrk run against `url` (or, round-robin, against `paths` on its host)."""
    _check_local(url)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_LUA)
        if paths:
            fh.write("paths = {" + ", ".join(_lua_string(p) for p in paths) + "}\n"
                     "counter = 0\n"
                     "request = function()\n"
                     "  counter = counter % #paths + 1\n"
                     "  return wrk.format(nil, paths[counter])\n"
                     "end\n")
        script = fh.name
    try:
        cmd = [wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               f"--timeout={timeout_s:g}s", "-s", script]
        for k, v in headers.items():
            cmd += ["-H", f"{k}: {v}"]
        done = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 60)
    finally:
        Path(script).unlink(missing_ok=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result (exit {done.returncode}): {done.stdout}\n{done.stderr}")
    n, dur, *errors, p50, p95, p99, mx, nbytes = map(int, line.split()[1:])
    return Result(requests=n, seconds=dur / 1e6, errors=sum(errors),
                  p50_ms=p50 / 1000, p95_ms=p95 / 1000, p99_ms=p99 / 1000, max_ms=mx / 1000, bytes=nbytes)


def percentile(sorted_values: list[float], q: float) -> float:
    """The nearest-rank `q`-th percentile (0..100) of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


async def _one_connection(host: str, port: int, requests: Sequence[bytes], deadline: float, budget: list[int],
                          latencies: list[float], counters: list[int], timeout_s: float) -> None:
    # budget: [requests left, next request index]; counters: [errors, bytes]
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            budget[1] += 1
            t = time.perf_counter()
            writer.write(requests[budget[1] % len(requests)])
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout_s)
            status = int(head.split(b" ", 2)[1])
            fields = {k.strip().lower(): v.strip() for k, _, v in
                      (ln.partition(b":") for ln in head.split(b"\r\n")[1:] if ln)}
            if b"content-length" in fields:
                body = await asyncio.wait_for(reader.readexactly(int(fields[b"content-length"])), timeout_s)
                size = len(body)
            else:  # chunked: the app's pages are not, but read them right if they ever are
                size = 0
                while True:
                    n = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    await reader.readexactly(n + 2)
                    size += n
                    if n == 0:
                        break
            latencies.append(time.perf_counter() - t)
            counters[1] += len(head) + size
            if status >= 400:
                counters[0] += 1
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
        counters[0] += 1
    finally:
        writer.close()


def run_python(url: str, *, headers: Mapping[str, str], connections: int, seconds: float,
               max_requests: int = 1_000_000, timeout_s: float = 5.0, paths: Sequence[str] = ()) -> Result:
    """One run of the asyncio load generator (raw streams, keep-alive) against `url` (or `paths`)."""
    _check_local(url)
    parts = urlsplit(url)
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    targets = list(paths) or [parts.path + (f"?{parts.query}" if parts.query else "")]
    requests = [f"GET {t} HTTP/1.1\r\nHost: {parts.netloc}\r\n{extra}\r\n".encode() for t in targets]
    latencies: list[float] = []
    counters = [0, 0]
    budget = [max_requests, -1]

    async def main() -> float:
        start = time.perf_counter()
        deadline = start + seconds
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        await asyncio.gather(*(
            _one_connection(host, port, requests, deadline, budget, latencies, counters, timeout_s)
            for _ in range(connections)
        ))
        return time.perf_counter() - start

    elapsed = asyncio.run(main())
    ms = sorted(x * 1000 for x in latencies)
    return Result(requests=len(ms), seconds=elapsed, errors=counters[0], p50_ms=percentile(ms, 50),
                  p95_ms=percentile(ms, 95), p99_ms=percentile(ms, 99), max_ms=ms[-1] if ms else float("nan"),
                  bytes=counters[1])
