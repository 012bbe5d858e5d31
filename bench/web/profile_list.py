"""Where the filtered list page spends its time, in-process (no HTTP, no load generator).

    python bench/web/profile_list.py [--incidents 100000] [-n 200] [--url "/?province=Kunar&..."] [--top 30]

Prints (1) the median time of each step the home handler takes (the same calls, one by one),
(2) the median time of the whole request through the ASGI app (middleware and dependencies
included) and (3) a cProfile of those requests. cProfile sees the event-loop thread only: sync
dependencies that FastAPI sends to its thread pool show up as waiting, not as their own work.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fastapi import FastAPI  # noqa: E402
from sqlalchemy import func  # noqa: E402
from starlette.requests import Request  # noqa: E402

from app.config import Settings  # noqa: E402
from app.incidents import facets as facet_counts  # noqa: E402
from app.incidents import filters as filters_  # noqa: E402
from app.incidents import queries, timeline  # noqa: E402
from app.main import create_app  # noqa: E402
from app.parties.service import display_name  # noqa: E402
from app.templating import render  # noqa: E402
from app.web import incidents  # noqa: E402
from bench.synth import build, default_path  # noqa: E402

DEFAULT_URL = "/?province=Kunar&date_from=2024-01-01&date_to=2024-03-31"


def scope_for(app: FastAPI, url: str, headers: dict[str, str]) -> dict[str, Any]:
    """An ASGI HTTP scope for GET `url` on `app`."""
    parts = urlsplit(url)
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": parts.path, "raw_path": parts.path.encode(), "query_string": parts.query.encode(),
        "root_path": "", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 5000), "app": app,
        "headers": [(b"host", b"127.0.0.1")] + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "state": {},
    }


async def call(app: FastAPI, url: str, headers: dict[str, str]) -> tuple[int, int]:
    """(status, body bytes) of one GET through the whole ASGI app."""
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> MutableMapping[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    await app(scope_for(app, url, headers), receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, sum(len(m.get("body", b"")) for m in sent if m["type"] == "http.response.body")


def median_ms(fn: Callable[[], object], n: int) -> float:
    """The median wall time of `fn()` over `n` calls, in ms."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def page_facets(conn: Any, f: Any) -> dict[str, list[tuple[str, int]]]:
    """The facets as the home page counts them (the province facet bounded)."""
    return facet_counts.facets(conn, f, province_limit=facet_counts.PROVINCE_FACET_TOP)


def steps(app: FastAPI, url: str, headers: dict[str, str], n: int) -> list[tuple[str, float]]:
    """The median ms of each step of the home handler, called one by one as the handler calls them."""
    scope = scope_for(app, url, headers)
    scope["session"] = {}
    request = Request(scope)
    settings = app.state.settings
    engine = app.state.engine
    f = incidents.parse_filters(request)
    out: list[tuple[str, float]] = []
    out.append(("parse_filters (known parties cached)",
                median_ms(lambda: incidents.parse_filters(request), n)))
    with engine.connect() as conn:
        out.append(("  of which filters.parse", median_ms(lambda: filters_.parse(
            {k: [v] for k, v in parse_qsl(urlsplit(url).query)},
            provinces=incidents.PROVINCES, parties=queries.known_parties(conn)), n)))
        count_stmt = queries._filtered(conn, f, func.count())
        out.append(("count query (SQLAlchemy)", median_ms(lambda: conn.execute(count_stmt).scalar_one(), n)))
        out.append(("list_incidents (count + 50 rows)",
                    median_ms(lambda: queries.list_incidents(conn, f, page_size=settings.page_size), n)))
        out.append(("facets (cached)", median_ms(lambda: page_facets(conn, f), n)))

        def uncached() -> object:
            queries.facet_cache.clear()
            return page_facets(conn, f)

        out.append(("facets (uncached, once per 15 s)", median_ms(uncached, max(3, n // 20))))
        page_facets(conn, f)
        out.append(("timeline_points", median_ms(lambda: queries.timeline_points(conn, f), n)))
        points = queries.timeline_points(conn, f)
        facets = page_facets(conn, f)
    out.append((f"  ({len(points)} timeline rows)", 0.0))

    def names() -> dict[str, str]:
        got = {p: display_name(p) for fs in facets.values() for p, _ in fs}
        got.update({c: display_name(c) for r in points for c in (r.headline_data.get("figures") or {})})
        return got

    out.append(("names (display_name per facet value and point)", median_ms(names, n)))
    out.append(("timeline.figure", median_ms(lambda: timeline.figure(points, names()), n)))
    out.append(("list_context (all of the above)",
                median_ms(lambda: incidents.list_context(request, f, settings), n)))
    context = incidents.list_context(request, f, settings)
    context.update(title="Incidents", nav="incidents", user=None, csrf="x" * 43)
    out.append(("render (template + response)",
                median_ms(lambda: render(request, "incidents/list.html", dict(context),
                                         partial="incidents/_dashboard.html"), n)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("-n", type=int, default=200, help="requests per measurement")
    ap.add_argument("--url", default=DEFAULT_URL)
    ap.add_argument("--hx", action="store_true", help="send HX-Request: true (the partial)")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    db = default_path(args.incidents)
    url_db = build(db, incidents=args.incidents)
    app = create_app(Settings(database_url=url_db, env="development"))
    headers = {"HX-Request": "true"} if args.hx else {}

    loop = asyncio.new_event_loop()
    for _ in range(20):
        status, size = loop.run_until_complete(call(app, args.url, headers))
        if status != 200:
            sys.exit(f"{args.url} answered {status}")
    gc.collect()
    gc.freeze()  # as `counterclaim serve` does

    kind = " (htmx partial)" if args.hx else ""
    print(f"{args.url}{kind}: {size / 1024:.1f} KB; medians over {args.n} calls\n")
    for name, ms in steps(app, args.url, headers, args.n):
        print(f"  {name:<52}{ms:>8.3f} ms" if ms else f"  {name}")
    full = median_ms(lambda: loop.run_until_complete(call(app, args.url, headers)), args.n)
    print(f"  {'whole request through the ASGI app':<52}{full:>8.3f} ms  "
          f"(≈ {1000 / full:.0f} req/s on one core)")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        loop.run_until_complete(call(app, args.url, headers))
    profiler.disable()
    loop.close()
    for order in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(order).print_stats(args.top)
        text = buf.getvalue()
        print(f"\ncProfile of {args.n} requests, by {order}:\n" + text[text.find("   ncalls"):].rstrip())


if __name__ == "__main__":
    main()
