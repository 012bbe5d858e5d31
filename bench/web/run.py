"""Benchmark: requests/s and latency of the dashboard on 100,000 incidents and 1,000,000 claims (SQLite).

One command:

    python bench/web/run.py [--seconds 10] [--connections 16] [--province Kunar]
                            [--date-from 2024-01-01] [--date-to 2024-03-31] [--rounds 1] [--pairs 3]
                            [--database-url postgresql+psycopg://USER@HOST:5432/DB]

Builds (once, then reuses) the synthetic database under bench/out/web/, captures the SQL the
project emits for the filtered list and prints its query plans, then starts three servers on free
127.0.0.1 ports, one process each: the project (`counterclaim serve`), the reference endpoint
(bench/web/reference.py: the same list SQL through plain sqlite3 and a minimal Jinja template) and
Datasette. After a warm-up it loads, one after the other, the home page, the filtered list, the
filtered list's htmx partial, the reference endpoint, and the full province list ("Show all N
provinces", /facets/province as htmx asks for it) of --varied different provinces and windows, with N
concurrent keep-alive connections (wrk, or an asyncio fallback) for a bounded time, and prints
requests/s, p50/p95/p99 and errors, then the goals with PASS/MISS. The servers are stopped at the
end, on errors and on Ctrl-C.

The cold-view goal: the list on --varied different provinces and windows (the facet cache misses:
what a first visit to a view costs; the warm-up runs through them backwards, so the measured run
starts on views nobody asked for yet) against Datasette (a dev dependency, serving the same SQLite
file), whose table page on the same filters (`_nosuggest=1`) is the reference. The two are loaded
back to back in --pairs pairs, each pair on views of its own, and the median of the pairs' ratios is
the figure: this machine's speed drifts within minutes, and a ratio of two runs taken apart moves
with it. With --database-url the project's
targets run again on PostgreSQL (the same rows, built once in the schema bench_web) and both tables
are printed.

It reports and never asserts: the exit status is 0 whether the goals are met or not.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from types import FrameType
from urllib.parse import parse_qsl, urlencode

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.extraction.places import provinces as gazetteer  # noqa: E402
from bench.synth import DAYS, START, build, build_postgres, default_path  # noqa: E402
from bench.web import capture, loadgen  # noqa: E402

OUT = ROOT / "bench" / "out" / "web"
GOAL_P95_MS = 50.0
GOAL_RATIO = 0.5
GOAL_COLD_VS_DATASETTE = 5.0  # cold varied views: at least 5 × Datasette's req/s on the same filters
GOAL_COLD_P95_MS = 200.0
GOAL_HOME_COLD_CPU_MS = 20.0
HX = {"HX-Request": "true"}
ROW_LINK = re.compile(r'<a href="/incidents/(\d+)"><strong>')


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to load: a name, a URL and request headers."""

    name: str
    url: str
    headers: Mapping[str, str]
    cheap: str  # a cheap URL of the same server, to tell when its backlog is gone
    paths: tuple[str, ...] = ()  # when given, requests cycle through these paths instead of url's


@dataclass(frozen=True, slots=True)
class Measured:
    """A target's load result and the server's CPU use during it."""

    target: Target
    result: loadgen.Result
    server_cpu: float | None  # cores the server process used on average
    cpu_seconds: float | None  # CPU time the server process used during the run


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` (None where /proc is missing)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_share(seconds: float = 1.0) -> float | None:
    """The share of all CPUs idle over `seconds` (other work on the machine skews the figures)."""
    def snap() -> tuple[int, int] | None:
        try:
            values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        except OSError:
            return None
        return values[3] + values[4], sum(values)

    a = snap()
    time.sleep(seconds)
    b = snap()
    if a is None or b is None or b[1] == a[1]:
        return None
    return (b[0] - a[0]) / (b[1] - a[1])


def get(url: str, headers: Mapping[str, str] | None = None, timeout: float = 60.0) -> tuple[int, str]:
    """(status, body) of one GET (only ever to 127.0.0.1)."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120.0) -> None:
    """Return once `url` answers 200; raise if the server exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see {log}:\n{log.read_text()[-2000:]}")
        try:
            if get(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s; see {log}")


@contextmanager
def server(name: str, cmd: list[str], env: Mapping[str, str], ready_url: str) -> Iterator[int]:
    """A server subprocess (its pid) that is stopped when the block ends, however it ends."""
    log = OUT / f"{name}.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=fh, stderr=subprocess.STDOUT,
                                cwd=ROOT, start_new_session=True)
    try:
        wait_ready(ready_url, proc, log)
        yield proc.pid
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _sigterm(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # so the servers' finally blocks run on Ctrl-C and `kill` alike


def load(target: Target, args: argparse.Namespace, wrk: str | None, seconds: float, pid: int) -> Measured:
    """Load `target` for `seconds` and measure it."""
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    if wrk:
        result = loadgen.run_wrk(wrk, target.url, headers=target.headers, connections=args.connections,
                                 seconds=seconds, threads=args.threads, paths=target.paths)
    else:
        result = loadgen.run_python(target.url, headers=target.headers, connections=args.connections,
                                    seconds=seconds, max_requests=args.max_requests, paths=target.paths)
    cpu1, elapsed = cpu_seconds(pid), time.perf_counter() - t0
    spent = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
    return Measured(target, result, spent / elapsed if spent is not None else None, spent)


def drain(target: Target) -> None:
    """Return once the server has finished the requests the load generator left behind.

    The handlers hold the event loop while they work, so one answer means the backlog is gone.
    """
    get(target.cheap, timeout=120)
    time.sleep(0.3)


def median_result(runs: list[Measured]) -> Measured:
    """The run with the median requests/s (one real run, not a blend of several)."""
    ordered = sorted(runs, key=lambda m: m.result.rps)
    return ordered[(len(ordered) - 1) // 2]


def table(rows: list[Measured]) -> str:
    """The results as an aligned text table."""
    head = (f"{'target':<24}{'req/s':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
            f"{'errors':>7}{'requests':>9}{'KB/resp':>8}{'srv CPU':>8}{'CPU ms/req':>11}")
    lines = [head, "-" * len(head)]
    for m in rows:
        r = m.result
        cpu = f"{m.server_cpu:.2f}" if m.server_cpu is not None else "?"
        # CPU time per request barely moves when other work shares the machine; req/s does.
        per = f"{m.cpu_seconds / r.requests * 1000:.2f}" if m.cpu_seconds and r.requests else "?"
        kb = r.bytes / r.requests / 1024 if r.requests else 0.0
        lines.append(f"{m.target.name:<24}{r.rps:>7.0f}{r.p50_ms:>9.2f}{r.p95_ms:>9.2f}{r.p99_ms:>9.2f}"
                     f"{r.max_ms:>9.1f}{r.errors:>7}{r.requests:>9}{kb:>8.1f}{cpu:>8}{per:>11}")
    return "\n".join(lines)


def varied_paths(n: int, *, seed: int = 3, db: Path | None = None) -> tuple[str, ...]:
    """`n` filtered-list paths, each a random province and three-month window (facet caches miss).

    With `db`, only provinces that the database holds (and the gazetteer still knows) are drawn,
    so that no view is empty because the gazetteer grew since the database was built.
    """
    rng = random.Random(seed)
    names = [p.name for p in gazetteer()]
    if db is not None:
        import sqlite3

        with sqlite3.connect(db) as conn:
            stored = {name for (name,) in conn.execute("SELECT DISTINCT province FROM incident_province")}
        names = [name for name in names if name in stored] or names
    paths = []
    for _ in range(n):
        start = START + timedelta(days=rng.randrange(DAYS - 91))
        query = {"province": [rng.choice(names)], "date_from": [start.isoformat()],
                 "date_to": [(start + timedelta(days=90)).isoformat()]}
        paths.append("/?" + urlencode(query, doseq=True))
    return tuple(paths)


def facet_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The full province list ("Show all N provinces", /facets/province) of each of the varied views."""
    return tuple(path.replace("/?", "/facets/province?", 1) for path in paths)


def warm_up_target(target: Target) -> Target:
    """The target to warm up with: its varied paths in reverse order, so that the measured run that
    follows starts on views the warm-up did not put in the cache."""
    if not target.paths:
        return target
    base = target.url[: len(target.url) - len(target.paths[0])]
    return replace(target, url=base + target.paths[-1], paths=target.paths[::-1])


def datasette_paths(paths: tuple[str, ...], db: Path) -> tuple[str, ...]:
    """Datasette's table page for each of the project's filtered views: the same province and
    window on incident_province, without facet suggestions (_nosuggest=1)."""
    out = []
    for path in paths:
        query = dict(parse_qsl(path.split("?", 1)[1]))
        ds = {"province": query["province"], "first_date__gte": query["date_from"],
              "first_date__lte": query["date_to"], "_nosuggest": "1"}
        out.append(f"/{db.stem}/incident_province?" + urlencode(ds))
    return tuple(out)


def home_cold_cpu_ms(url: str, n: int = 30) -> float:
    """Median CPU ms of one unfiltered home page with every cache emptied, in-process."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.incidents import queries
    from app.main import create_app

    settings = Settings(env="development", database_url=url)
    times = []
    with TestClient(create_app(settings)) as client:
        client.get("/")
        # As `counterclaim serve` does after start-up: what is alive now is never collected again.
        gc.collect()
        gc.freeze()
        for _ in range(n):
            queries.facet_cache.clear()
            t = time.process_time()
            client.get("/")
            times.append((time.process_time() - t) * 1000)
    return sorted(times)[len(times) // 2]


def check_same_rows(project_html: str, reference_html: str) -> str:
    """A line saying whether the project's page and the reference list the same incidents in order."""
    mine, ref = ROW_LINK.findall(project_html), ROW_LINK.findall(reference_html)
    if mine == ref and mine:
        return f"same {len(mine)} incidents in the same order on both pages"
    raise RuntimeError(f"the reference lists other rows than the project: {ref[:5]}... vs {mine[:5]}...")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10.0, help="load time per target and round")
    ap.add_argument("--warmup", type=float, default=2.0, help="warm-up load per target, seconds")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--threads", type=int, default=1, help="wrk threads (one leaves a core to the server)")
    ap.add_argument("--rounds", type=int, default=1, help="rounds over all targets; the median is reported")
    ap.add_argument("--province", default="Kunar")
    ap.add_argument("--date-from", default="2024-01-01")
    ap.add_argument("--date-to", default="2024-03-31")
    ap.add_argument("--loadgen", choices=("auto", "wrk", "python"), default="auto",
                    help="auto: wrk if present (apt-get installs it when root), else asyncio")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="cap per run (asyncio generator)")
    ap.add_argument("--pairs", type=int, default=3,
                    help="cold-view goal: this many back-to-back runs of the cold views and Datasette, "
                         "each pair on views of its own; the median of the pairs' ratios is the figure")
    ap.add_argument("--varied", type=int, default=10_000,
                    help="also load the list with this many different provinces and windows (0: skip)")
    ap.add_argument("--no-plans", action="store_true", help="skip the query plans")
    ap.add_argument("--database-url", default=None,
                    help="also run the project's targets on PostgreSQL: the same data is built once in the "
                         "schema bench_web of this database (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    args = ap.parse_args()
    # Both explicitly: a shell starting this in the background leaves SIGINT ignored otherwise.
    signal.signal(signal.SIGTERM, _sigterm)
    signal.signal(signal.SIGINT, _sigterm)
    if args.seconds > 120 or args.rounds > 5 or not 1 <= args.pairs <= 9:
        ap.error("keep runs bounded: --seconds at most 120, --rounds at most 5, --pairs 1 to 9")

    OUT.mkdir(parents=True, exist_ok=True)
    db = default_path(args.incidents)
    t = time.perf_counter()
    url = build(db, incidents=args.incidents)
    print(f"database: {db.relative_to(ROOT)} ({db.stat().st_size / 1e6:.0f} MB, ready in "
          f"{time.perf_counter() - t:.1f} s)")

    params = {"province": [args.province], "date_from": [args.date_from], "date_to": [args.date_to]}
    statements = capture.capture(url, params)
    listing = capture.by_name(statements, "list")
    sql_file = OUT / "list.sql.json"
    capture.save(listing, sql_file)
    if not args.no_plans:
        print(f"\nThe dashboard's queries for the filtered view ({urlencode(params, doseq=True)}), "
              f"caches emptied:\n")
        print(capture.report(db, statements))
        print("\nThe same for the home page (no filters):\n")
        print(capture.report(db, capture.capture(url, {})))

    wrk = None
    if args.loadgen != "python":
        wrk = loadgen.find_wrk(install=True)
        if wrk is None and args.loadgen == "wrk":
            sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    idle = idle_share()
    idle_text = f"{idle:.0%}" if idle is not None else "?"
    print(f"\nload generator: {'wrk ' + wrk if wrk else 'asyncio (python)'}; {args.connections} connections, "
          f"{args.seconds:g} s per target, {args.rounds} round(s); {os.cpu_count()} CPUs, "
          f"idle before start {idle_text}")
    if idle is not None and idle < 0.8:
        print("  warning: the machine is busy with other work; figures will be low and noisy")

    home_cpu = home_cold_cpu_ms(url)
    print(f"home page, unfiltered, caches emptied: {home_cpu:.1f} ms of CPU per request (median, in-process)")

    app_port, ref_port, ds_port = free_port(), free_port(), free_port()
    app_base, ref_base = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{ref_port}"
    filtered = "/?" + urlencode(params, doseq=True)
    app_cheap = app_base + "/healthz"
    app_cmd = app_command(app_port)
    app_env = {"COUNTERCLAIM_DATABASE_URL": url, "COUNTERCLAIM_ENV": "development"}
    ref_cmd = [sys.executable, str(Path(__file__).with_name("reference.py")), "--db", str(db), "--sql",
               str(sql_file), "--port", str(ref_port)]
    ds_base = f"http://127.0.0.1:{ds_port}"
    ds_cmd = [sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1", "--port", str(ds_port),
              "--setting", "sql_time_limit_ms", "20000", "--setting", "num_sql_threads", "3"]

    try:
        with server("app", app_cmd, app_env, app_cheap) as app_pid, \
                server("reference", ref_cmd, {}, ref_base + "/") as ref_pid, \
                server("datasette", ds_cmd, {}, ds_base + "/-/versions.json") as ds_pid:
            targets = [
                (Target("home /", app_base + "/", {}, app_cheap), app_pid),
                (Target("filtered list", app_base + filtered, {}, app_cheap), app_pid),
                (Target("filtered partial (hx)", app_base + filtered, HX, app_cheap), app_pid),
                (Target("reference", ref_base + "/", {}, ref_base + "/"), ref_pid),
            ]
            # The cold-view goal compares two servers loaded one after the other, while this machine's
            # speed drifts by a quarter within minutes: each pair loads the cold views and Datasette
            # back to back on the same views (views of its own, never seen before), and the figure is
            # the median of the pairs' ratios.
            pairs: list[list[tuple[Target, int]]] = []
            if args.varied:
                paths = varied_paths(args.varied * (args.pairs + 1), db=db)
                views = [paths[k * args.varied:(k + 1) * args.varied] for k in range(args.pairs + 1)]
                fp = facet_paths(views[-1])
                if get(app_base + fp[0], HX)[0] == 200:
                    targets.append((Target(FACET_TARGET, app_base + fp[0], HX, app_cheap, fp), app_pid))
                else:
                    print("the server has no /facets/province route: its full province list is not loaded")
                ds_cheap = ds_base + "/-/versions.json"
                for own in views[:-1]:
                    ds_paths = datasette_paths(own, db)
                    pairs.append([(Target(COLD_TARGET, app_base + own[0], {}, app_cheap, own), app_pid),
                                  (Target(DATASETTE_TARGET, ds_base + ds_paths[0], {}, ds_cheap, ds_paths), ds_pid)])
            bodies = {}
            for target, _pid in targets + (pairs[0] if pairs else []):
                base = target.url.split("/", 3)[:3]
                for path in target.paths[1:4]:
                    status, body = get("/".join(base) + path, target.headers)
                    if status != 200:
                        raise RuntimeError(f"{target.name}: {path} answered {status}:\n{body[:1000]}")
                status, body = get(target.url, target.headers)
                if status != 200:
                    raise RuntimeError(f"{target.name}: {target.url} answered {status}:\n{body[:1000]}")
                bodies[target.name] = body
            print(check_same_rows(bodies["filtered list"], bodies["reference"]))
            total = re.search(r"Incidents <span class=\"muted\">\(([\d,]+) matching", bodies["filtered list"])
            print(f"filtered view: {filtered} → {total.group(1) if total else '?'} incidents match")
            runs: dict[str, list[Measured]] = {t.name: [] for t, _ in targets + (pairs[0] if pairs else [])}

            def measure(target: Target, pid: int, step: str) -> None:
                print(f"  {step}: {target.name}: {args.warmup:g} s warm-up, {args.seconds:g} s load", flush=True)
                # Warm up right before measuring: caches filled, pages and plans hot.
                load(warm_up_target(target), args, wrk, args.warmup, pid)
                drain(target)
                runs[target.name].append(load(target, args, wrk, args.seconds, pid))
                drain(target)
                if target.paths and runs[target.name][-1].result.requests > len(target.paths):
                    print(f"    note: {runs[target.name][-1].result.requests} requests went round "
                          f"{len(target.paths)} views: raise --varied so that none is seen twice", flush=True)

            for r in range(args.rounds):
                for target, pid in targets:
                    measure(target, pid, f"round {r + 1}")
            for k, pair in enumerate(pairs):
                for target, pid in pair:
                    measure(target, pid, f"pair {k + 1}")
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped")

    results = [median_result(runs[t.name]) for t, _ in targets]
    ratios = [c.result.rps / d.result.rps if d.result.rps else 0.0
              for c, d in zip(runs.get(COLD_TARGET, []), runs.get(DATASETTE_TARGET, []), strict=True)]
    middle = sorted(range(len(ratios)), key=lambda k: ratios[k])[(len(ratios) - 1) // 2] if ratios else None
    if middle is not None:
        results += [runs[COLD_TARGET][middle], runs[DATASETTE_TARGET][middle]]
    print()
    print(table(results))
    if args.rounds > 1:
        print("(each line is the round with the median req/s, the lower middle one when the count is even)")
        for name, ms in runs.items():
            if name not in (COLD_TARGET, DATASETTE_TARGET):
                print(f"  {name}: req/s per round {', '.join(f'{m.result.rps:.0f}' for m in ms)}")
    if middle is not None:
        print(f"(the cold views and Datasette: the pair with the median ratio, pair {middle + 1} of {len(ratios)})")
        for k, (c, d) in enumerate(zip(runs[COLD_TARGET], runs[DATASETTE_TARGET], strict=True)):
            print(f"  pair {k + 1}: cold {c.result.rps:.0f} req/s (p95 {c.result.p95_ms:.1f} ms), Datasette "
                  f"{d.result.rps:.0f} req/s: {ratios[k]:.1f} ×")
    by = {m.target.name: m.result for m in results}
    flt, ref = by["filtered list"], by["reference"]
    ratio = flt.rps / ref.rps if ref.rps else 0.0
    print("\nGoals (SQLite, one server process, "
          f"{args.connections} concurrent clients):")
    p95_ok = flt.requests > 0 and flt.p95_ms < GOAL_P95_MS
    print(f"  {'PASS' if p95_ok else 'MISS'}  filtered list p95 {flt.p95_ms:.1f} ms "
          f"(goal < {GOAL_P95_MS:g} ms)")
    print(f"  {'PASS' if ratio >= GOAL_RATIO else 'MISS'}  filtered list {flt.rps:.0f} req/s = {ratio:.2f} × "
          f"reference {ref.rps:.0f} req/s (goal >= {GOAL_RATIO:g} ×)")
    if middle is not None:
        cold, ds = by[COLD_TARGET], by[DATASETTE_TARGET]
        times = ratios[middle]
        print(f"  {'PASS' if times >= GOAL_COLD_VS_DATASETTE else 'MISS'}  cold varied views {times:.1f} × "
              f"Datasette's table page on the same filters, the median of {len(ratios)} pairs "
              f"({', '.join(f'{x:.1f}' for x in ratios)} ×; the median pair {cold.rps:.0f} against {ds.rps:.0f} "
              f"req/s) (goal >= {GOAL_COLD_VS_DATASETTE:g} ×)")
        worst = max(m.result.p95_ms for m in runs[COLD_TARGET])
        p95_cold_ok = all(m.result.requests for m in runs[COLD_TARGET]) and worst < GOAL_COLD_P95_MS
        print(f"  {'PASS' if p95_cold_ok else 'MISS'}  cold varied views p95 {worst:.1f} ms, the highest of the "
              f"pairs (goal < {GOAL_COLD_P95_MS:g} ms)")
        facet_line(by, ds)
    print(f"  {'PASS' if home_cpu < GOAL_HOME_COLD_CPU_MS else 'MISS'}  home page unfiltered, cold: {home_cpu:.1f} ms "
          f"of CPU (goal < {GOAL_HOME_COLD_CPU_MS:g} ms)")
    errors = sum(m.result.errors for m in results)
    if errors:
        print(f"  note: {errors} request(s) failed; see bench/out/web/app.log and reference.log")
    if args.database_url:
        postgres_phase(args, wrk, params, by.get(DATASETTE_TARGET))


FACET_TARGET = "all provinces (hx), varied"
COLD_TARGET = "filtered, varied (cold)"
DATASETTE_TARGET = "datasette, varied"


def facet_line(by: dict[str, loadgen.Result], datasette: loadgen.Result | None) -> None:
    """The full province list's figures beside the page's (no goal of its own: a click away, not a first view)."""
    if FACET_TARGET not in by or COLD_TARGET not in by:
        return
    full, cold = by[FACET_TARGET], by[COLD_TARGET]
    vs = f" = {full.rps / datasette.rps:.1f} × Datasette's" if datasette and datasette.rps else ""
    print(f"  info  \"Show all\" province list on the same varied views {full.rps:.0f} req/s{vs}, p95 "
          f"{full.p95_ms:.1f} ms (the page: {cold.rps:.0f} req/s, p95 {cold.p95_ms:.1f} ms)")


def app_command(port: int) -> list[str]:
    """The command that serves the project on 127.0.0.1:`port`."""
    cmd = [str(Path(sys.executable).with_name("counterclaim")), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if not Path(cmd[0]).exists():
        cmd = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return cmd


def postgres_phase(args: argparse.Namespace, wrk: str | None, params: dict[str, list[str]],
                   datasette: loadgen.Result | None) -> None:
    """The project's targets again with the same data in PostgreSQL (schema bench_web of --database-url)."""
    t = time.perf_counter()
    url = build_postgres(args.database_url, incidents=args.incidents)
    print(f"\nPostgreSQL: {args.database_url.split('@')[-1]} schema bench_web, ready in "
          f"{time.perf_counter() - t:.0f} s")
    home_cpu = home_cold_cpu_ms(url)
    print(f"home page, unfiltered, caches emptied: {home_cpu:.1f} ms of CPU per request (median, in-process)")
    port = free_port()
    base, cheap = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/healthz"
    filtered = "/?" + urlencode(params, doseq=True)
    env = {"COUNTERCLAIM_DATABASE_URL": url, "COUNTERCLAIM_ENV": "development"}
    results = []
    try:
        with server("app-postgres", app_command(port), env, cheap) as pid:
            targets = [Target("home /", base + "/", {}, cheap), Target("filtered list", base + filtered, {}, cheap),
                       Target("filtered partial (hx)", base + filtered, HX, cheap)]
            if args.varied:
                paths = varied_paths(args.varied, db=default_path(args.incidents))
                targets.append(Target(COLD_TARGET, base + paths[0], {}, cheap, paths))
                fp = facet_paths(paths)
                targets.append(Target(FACET_TARGET, base + fp[0], HX, cheap, fp))
            for target in targets:
                status, body = get(target.url, target.headers)
                if status != 200:
                    raise RuntimeError(f"{target.name}: {target.url} answered {status}:\n{body[:1000]}")
                print(f"  {target.name}: {args.warmup:g} s warm-up, {args.seconds:g} s load", flush=True)
                load(warm_up_target(target), args, wrk, args.warmup, pid)
                drain(target)
                results.append(load(target, args, wrk, args.seconds, pid))
                drain(target)
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped")
    print()
    print(table(results))
    by = {m.target.name: m.result for m in results}
    print(f"\nGoals (PostgreSQL, one server process, {args.connections} concurrent clients):")
    if COLD_TARGET in by and datasette is not None:
        cold = by[COLD_TARGET]
        times = cold.rps / datasette.rps if datasette.rps else 0.0
        print(f"  {'PASS' if times >= GOAL_COLD_VS_DATASETTE else 'MISS'}  cold varied views {cold.rps:.0f} req/s = "
              f"{times:.1f} × Datasette's table page on the SQLite copy {datasette.rps:.0f} req/s "
              f"(goal >= {GOAL_COLD_VS_DATASETTE:g} ×)")
        print(f"  {'PASS' if cold.requests and cold.p95_ms < GOAL_COLD_P95_MS else 'MISS'}  cold varied views p95 "
              f"{cold.p95_ms:.1f} ms (goal < {GOAL_COLD_P95_MS:g} ms)")
        facet_line(by, datasette)
    print(f"  {'PASS' if home_cpu < GOAL_HOME_COLD_CPU_MS else 'MISS'}  home page unfiltered, cold: {home_cpu:.1f} ms "
          f"of CPU (goal < {GOAL_HOME_COLD_CPU_MS:g} ms)")


if __name__ == "__main__":
    main()
