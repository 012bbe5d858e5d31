"""The reference endpoint: the dashboard's list SQL through plain sqlite3, 50 rows, a minimal Jinja template.

It answers what the same page costs without the project's layers (FastAPI dependencies, sessions,
SQLAlchemy, facets, timeline, the full template). It is served the way `counterclaim serve` serves
the app: one uvicorn process, gc.freeze() after start-up, no access log.

    python bench/web/reference.py --db bench/out/synthetic-100000.db --sql bench/out/web/list.sql.json \
        --port 8101
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import HTMLResponse  # noqa: E402
from starlette.routing import Route  # noqa: E402

from bench.web.capture import Statement, load  # noqa: E402

# The project's list markup, minus its filters (dates and party names are shown as stored).
TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incidents</title></head>
<body><h1>Incidents</h1>
<ul class="incident-list">
{% for row in rows %}
<li>
  <a href="/incidents/{{ row.id }}"><strong>{{ row.title }}</strong></a>
  {% if row.contested %}<span class="badge badge-contested">contested</span>{% endif %}
  <div class="meta">{{ row.first_date }}
    {%- if row.last_date != row.first_date %} – {{ row.last_date }}{% endif %}
    · {{ row.provinces | join(", ") }} · {{ row.parties | join(", ") }}
    · {{ row.article_count }} articles, {{ row.outlet_count }} outlets</div>
  <div class="headline">{{ row.headline }}</div>
</li>
{% endfor %}
</ul></body></html>
"""


@dataclass(frozen=True, slots=True)
class Row:
    """One list line (an object: Jinja resolves attributes faster than keys)."""

    id: int
    title: str
    first_date: str | None
    last_date: str | None
    provinces: list[str]
    parties: list[str]
    headline: str
    contested: bool
    article_count: int
    outlet_count: int


def create(db: Path, statement: Statement) -> Starlette:
    """The one-endpoint application replaying `statement` against the SQLite file `db`."""
    conn = sqlite3.connect(db, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    col = {d[0]: i for i, d in enumerate(conn.execute(statement.sql, statement.params).description)}
    i_id, i_title, i_first, i_last = col["id"], col["title"], col["first_date"], col["last_date"]
    i_prov, i_part, i_head, i_cont = col["provinces"], col["parties"], col["headline"], col["contested"]
    i_art, i_out = col["article_count"], col["outlet_count"]
    loads = json.loads

    async def page(_request: Request) -> HTMLResponse:
        rows = [
            Row(r[i_id], r[i_title], r[i_first], r[i_last], loads(r[i_prov]), loads(r[i_part]), r[i_head],
                bool(r[i_cont]), r[i_art], r[i_out])
            for r in conn.execute(statement.sql, statement.params)
        ]
        return HTMLResponse(template.render(rows=rows))

    return Starlette(routes=[Route("/", page)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the SQLite file")
    ap.add_argument("--sql", type=Path, required=True, help="the statement JSON written by bench/web/run.py")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8101)
    args = ap.parse_args()
    import uvicorn

    application = create(args.db, load(args.sql))
    gc.collect()
    gc.freeze()  # as `counterclaim serve` does
    uvicorn.run(application, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
