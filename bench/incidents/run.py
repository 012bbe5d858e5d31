"""Benchmark: the time to place one article into a database of 100,000 incidents (SQLite).

Builds (once, then reuses) a synthetic database under bench/out/, then ingests real-looking
articles dated across its range through the real pipeline, each in a transaction that is rolled
back so every run sees the same 100,000 incidents. Prints the per-article time of the placement
step (candidate lookup by date window, `related`, merging incidents), of the refresh of the touched
incidents' computed fields, and of the whole ingest, with the number of candidate units compared.

    python bench/incidents/run.py [--incidents 100000] [--articles 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.extraction.sources import load_manifest, read_sources  # noqa: E402
from app.incidents import service  # noqa: E402
from app.pipeline import ingest_article  # noqa: E402
from bench.synth import DAYS, START, build, default_path  # noqa: E402

GOAL_MS = 20.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    url = build(default_path(args.incidents), incidents=args.incidents)
    engine = make_engine(url)
    settings = Settings(database_url=url)
    seeds = [s for s in read_sources([ROOT / "seeds"], manifest=load_manifest(ROOT / "seeds" / "manifest.json"))]
    rng = random.Random(11)

    place_times: list[float] = []
    original = service.place_units

    def timed(**kwargs: object) -> set[int]:
        t = time.perf_counter()
        try:
            return original(**kwargs)  # type: ignore[arg-type]
        finally:
            place_times.append(time.perf_counter() - t)

    refresh_times: list[float] = []
    original_refresh = service.refresh

    def timed_refresh(**kwargs: object) -> None:
        t = time.perf_counter()
        try:
            original_refresh(**kwargs)  # type: ignore[arg-type]
        finally:
            refresh_times.append(time.perf_counter() - t)

    candidates: list[int] = []
    original_candidates = service._candidates

    def counted(**kwargs: object) -> list[tuple[int, object]]:
        found = original_candidates(**kwargs)  # type: ignore[arg-type]
        candidates.append(len(found))
        return found  # type: ignore[return-value]

    service.place_units = timed  # type: ignore[assignment]
    service.refresh = timed_refresh  # type: ignore[assignment]
    service._candidates = counted  # type: ignore[assignment]
    totals: list[float] = []
    for n in range(args.articles):
        source = seeds[n % len(seeds)]
        published = START + timedelta(days=rng.randrange(30, DAYS - 30))
        text = source.text + f"\n\n(Ref {n}.)"
        with Session(engine) as session:
            t = time.perf_counter()
            ingest_article(session=session, settings=settings, text=text, title=source.title, outlet=source.outlet,
                           published=published)
            session.flush()
            totals.append(time.perf_counter() - t)
            session.rollback()
    warm = slice(5, None)

    def fmt(values: list[float]) -> str:
        ms = sorted(v * 1000 for v in values[warm])
        p95 = ms[int(0.95 * (len(ms) - 1))]
        return f"median {statistics.median(ms):.2f} ms, mean {statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms"

    print(f"incidents: placing one article among {args.incidents:,} incidents (SQLite), {args.articles} articles")
    print(f"  placement (window lookup + related + merge): {fmt(place_times)}  (goal < {GOAL_MS:.0f} ms)")
    print(f"  refresh of the touched incidents (titles, comparison): {fmt(refresh_times)}")
    print(f"  whole ingest (extract + store + place + refresh):       {fmt(totals)}")
    print(f"  candidate units compared per article unit: median {statistics.median(candidates):.0f}, "
          f"max {max(candidates)}")
    verdict = "met" if statistics.median(sorted(place_times[warm])) * 1000 < GOAL_MS else "NOT met"
    print(f"  goal {verdict}")


if __name__ == "__main__":
    main()
