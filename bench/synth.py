"""A synthetic Counterclaim database at scale (100,000 incidents, 1,000,000 claims) for benchmarks.

Rows are written with SQLAlchemy Core executemany in large batches; the schema comes from the
real migrations, so the benchmarks measure the real indexes.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from app.db import make_engine
from app.extraction.places import provinces
from app.incidents.service import sides_column
from app.migrate import upgrade
from app.models import Article, Claim, Incident, IncidentParty, IncidentProvince, IncidentUnit, Party

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations" / "versions"
START = date(2021, 1, 1)
DAYS = 5 * 365
METRICS = ("killed", "wounded", "posts_captured", "airstrikes", "drones_downed", "captured", "casualties")
PAIRS = (("afghanistan", "pakistan"), ("pakistan", "ttp"), ("india", "pakistan"), ("thailand", "cambodia"))
WORDS = [
    "border", "clash", "outpost", "artillery", "shelling", "ministry", "spokesman", "statement",
    "retaliatory", "operation", "soldiers", "fighters", "militants", "province", "district", "crossing",
    "airstrike", "drone", "casualties", "wounded", "killed", "captured", "claims", "denied", "confirmed",
    "officials", "security", "sources", "strike", "attack", "convoy", "checkpoint",
]


def _fingerprint() -> str:
    """What the built data depends on besides the arguments: the migrations and the gazetteer's places."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(MIGRATIONS.glob("*.py"))))
    digest.update("\n".join(p.name for p in provinces()).encode())
    return digest.hexdigest()[:16]


def default_path(incidents: int) -> Path:
    """Where the benchmarks keep the synthetic database of `incidents` incidents (shared by all of them)."""
    return Path(__file__).resolve().parent / "out" / f"synthetic-{incidents}.db"


def build(path: Path, *, incidents: int = 100_000, claims_per_incident: int = 10, seed: int = 7) -> str:
    """The SQLite URL of a fresh synthetic database at `path` (reused when it already has the data)."""
    url = f"sqlite:///{path}"
    marker = path.with_suffix(".built.json")
    # Rebuilt whenever the schema (the migrations) or this builder changes.
    wanted = {"incidents": incidents, "claims_per_incident": claims_per_incident, "seed": seed, "v": 6,
              "schema": _fingerprint()}
    if path.exists() and marker.exists() and json.loads(marker.read_text()) == wanted:
        return url
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(url)
    fill(url, incidents=incidents, claims_per_incident=claims_per_incident, seed=seed)
    marker.write_text(json.dumps(wanted))
    return url


BENCH_SCHEMA = "bench_web"
# The facet roll-ups summed from what is stored (as migrations i12_facet_day and i12_facet_month do).
ROLLUPS = """
INSERT INTO facet_day (facet, value, day, incidents)
SELECT 'province', province, coalesce(first_date, DATE '0001-01-01'), count(*) FROM incident_province
GROUP BY province, coalesce(first_date, DATE '0001-01-01');
INSERT INTO facet_day (facet, value, day, incidents)
SELECT role, party, coalesce(first_date, DATE '0001-01-01'), count(*) FROM incident_party
GROUP BY role, party, coalesce(first_date, DATE '0001-01-01');
INSERT INTO facet_total (facet, value, incidents)
SELECT facet, value, sum(incidents) FROM facet_day GROUP BY facet, value;
INSERT INTO facet_month (facet, value, month, incidents)
SELECT facet, value, date_trunc('month', day)::date, sum(incidents) FROM facet_day
GROUP BY facet, value, date_trunc('month', day)::date;
"""


def build_postgres(base_url: str, *, incidents: int = 100_000, claims_per_incident: int = 10, seed: int = 7) -> str:
    """The URL of the same synthetic data in the schema `bench_web` of the PostgreSQL database at
    `base_url`, built there first unless a marker row says it holds this data and schema already."""
    from sqlalchemy.engine import make_url

    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={BENCH_SCHEMA}"}).render_as_string(
        hide_password=False)
    wanted = json.dumps({"incidents": incidents, "claims_per_incident": claims_per_incident, "seed": seed, "v": 6,
                         "schema": _fingerprint()})
    admin = make_engine(base_url)
    with admin.begin() as conn:
        found = conn.execute(text(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = :s AND table_name = 'bench_built'"),
            {"s": BENCH_SCHEMA}).first()
        built = conn.execute(text(f"SELECT marker FROM {BENCH_SCHEMA}.bench_built")).scalar() if found else None
        if built == wanted:
            admin.dispose()
            return url
        conn.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
    admin.dispose()
    upgrade(url)
    fill(url, incidents=incidents, claims_per_incident=claims_per_incident, seed=seed)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bench_built (marker text NOT NULL)"))
        conn.execute(text("INSERT INTO bench_built VALUES (:m)"), {"m": wanted})
    engine.dispose()
    return url


def fill(url: str, *, incidents: int, claims_per_incident: int, seed: int) -> None:
    """Write the synthetic rows into the migrated, empty database at `url` (SQLite or PostgreSQL)."""
    engine = make_engine(url)
    rng = random.Random(seed)
    names = [p.name for p in provinces()]
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA synchronous=OFF"))
        else:
            # A bulk load: no row triggers (the facet roll-ups are summed once at the end instead, as
            # the migration that created them does) and no foreign-key checks. Needs a superuser.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        parties = {p for pair in PAIRS for p in pair} | {"third_party", "unattributed"}
        conn.execute(insert(Party), [{"id": p, "display_name": p.replace("_", " ").title(),
                                      "kind": "armed_group" if p == "ttp" else "state"} for p in sorted(parties)])
        article_id = claim_id = 0
        batch_a: list[dict[str, object]] = []
        batch_c: list[dict[str, object]] = []
        batch_i: list[dict[str, object]] = []
        batch_ip: list[dict[str, object]] = []
        batch_ipa: list[dict[str, object]] = []
        batch_u: list[dict[str, object]] = []

        def flush() -> None:
            for model, rows in ((Incident, batch_i), (Article, batch_a), (IncidentProvince, batch_ip),
                                (IncidentParty, batch_ipa), (IncidentUnit, batch_u), (Claim, batch_c)):
                if rows:
                    conn.execute(insert(model), rows)
                    rows.clear()

        for incident_id in range(1, incidents + 1):
            day = START + timedelta(days=rng.randrange(DAYS))
            pair = rng.choice(PAIRS)
            places = rng.sample(names, rng.choice((1, 1, 2, 3)))
            contested = rng.random() < 0.4
            a, b = pair
            figures = {a: rng.randint(5, 80), b: rng.randint(1, 40)}
            batch_i.append({
                "id": incident_id, "title": f"Border clashes — {', '.join(places)} — {day:%d %b %Y}",
                "summary": f"{a} vs {b}", "first_date": day, "last_date": day + timedelta(days=rng.choice((0, 0, 1))),
                "provinces": places, "parties": sorted(pair), "status": "open",
                "discrepancy": round(rng.random() * 3, 3), "contested": contested,
                "headline": f"killed, {b} side: {a} {figures[a]} · {b} {figures[b]}",
                "headline_data": {"metric": "killed", "subject": b, "label": f"killed, {b} side", "figures": figures},
                "claim_count": claims_per_incident, "article_count": 2, "outlet_count": 2, "updated_at": now,
                "last_reported": day + timedelta(days=1),
            })
            metrics: set[str] = set()
            batch_ip += [{"incident_id": incident_id, "province": p, "first_date": day} for p in places]
            batch_ipa += [{"incident_id": incident_id, "role": r, "party": p, "first_date": day}
                          for r, p in (("claimant", a), ("claimant", b), ("subject", a), ("subject", b))]
            for _ in range(2):
                article_id += 1
                body = " ".join(rng.choices(WORDS, k=60))
                batch_a.append({
                    "id": article_id, "url": None, "outlet": f"Outlet {rng.randrange(40)}",
                    "title": f"Report {article_id}",
                    "published": day + timedelta(days=1), "text": body,
                    "content_hash": hashlib.sha256(f"{seed}:{article_id}".encode()).hexdigest(),
                    "source_name": None, "ingested_at": now, "extractor_version": "synthetic", "story_count": 1,
                })
                batch_u.append({
                    "key": f"{article_id:08d}:0:{a}-{b}", "article_id": article_id, "incident_id": incident_id,
                    "anchor": day, "sides": sides_column(pair),
                    "features": {
                        "key": f"{article_id:08d}:0:{a}-{b}", "article_key": f"{article_id:08d}", "story": 0,
                        "published": (day + timedelta(days=1)).isoformat(), "outlet": None,
                        "event_dates": [day.isoformat()], "provinces": places, "parties": sorted(pair),
                        "figures": [["killed", b, figures[a]]], "terms": sorted(set(rng.choices(WORDS, k=25))),
                        "claim_indexes": list(range(claims_per_incident // 2)),
                    },
                })
                for _ in range(claims_per_incident // 2):
                    claim_id += 1
                    claimant = rng.choice(pair)
                    subject = rng.choice(pair)
                    value = rng.randint(0, 120)
                    metric = rng.choice(METRICS)
                    batch_c.append({
                        "id": claim_id, "article_id": article_id, "incident_id": incident_id, "claimant": claimant,
                        "metric": metric, "subject": subject, "value": value, "value_high": None,
                        "qualifier": "exact", "stance": "acknowledges" if claimant == subject else "asserts",
                        "event_date": day, "provinces": places, "evidence": body[:120], "evidence_start": 0,
                        "evidence_end": min(120, len(body)), "value_text": str(value), "rule": "synthetic",
                        "extractor_version": "synthetic", "story": 0, "agent": None, "claimant_name": None,
                        "review_status": "unreviewed",
                    })
                    metrics.add(metric)
            batch_ipa += [{"incident_id": incident_id, "role": "metric", "party": m, "first_date": day}
                          for m in sorted(metrics)]
            if incident_id % 5000 == 0:
                flush()
        flush()
        if engine.dialect.name == "postgresql":
            for statement in ROLLUPS.split(";"):
                if statement.strip():
                    conn.execute(text(statement))
    if engine.dialect.name == "postgresql":  # the rows were written with explicit ids
        with engine.begin() as conn:
            for table in ("incident", "article", "claim"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    engine.dispose()
    print(f"built {incidents:,} incidents, {claim_id:,} claims, {article_id:,} articles in "
          f"{time.perf_counter() - t0:.0f} s → {engine.url.render_as_string(hide_password=True)}")
