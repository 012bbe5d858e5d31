"""The Jinja environment, its filters, and page-or-partial rendering."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import orjson
from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from starlette.responses import HTMLResponse

from app.articles.service import article_title
from app.assets import asset_url
from app.config import PROJECT_DIR
from app.extraction.types import METRICS
from app.incidents.summary import sources_text
from app.parties.service import display_name
from app.recheck import Recheck
from app.review.models import FLAG_REASONS


class _Loader(FileSystemLoader):
    """Templates from a directory, read again when they change on disk, but looked at no more than
    once a second (Jinja's own check stats each template a page uses, on every request)."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        self.recheck = Recheck()

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        self.recheck.due(filename)  # just read: the next look is due a second from now
        return source, filename, lambda: not self.recheck.due(filename) or uptodate()


templates = Jinja2Templates(directory=str(PROJECT_DIR / "templates"))
env = templates.env
env.loader = _Loader(str(PROJECT_DIR / "templates"))
env.autoescape = True  # article text is untrusted: every page escapes what it shows


def _json_dumps(obj: Any, sort_keys: bool = False, **options: Any) -> str:
    """JSON text of `obj` with orjson (about twice as fast as json.dumps on a chart's figure; it
    writes non-ASCII characters as they are, which a UTF-8 page holds as well as escapes). What
    orjson refuses (a lone surrogate, keys that are not strings), or json's other options
    (`|tojson(indent=2)`), are written by json."""
    if not options:
        try:
            return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS if sort_keys else 0).decode()
        except TypeError:  # orjson.JSONEncodeError is one
            pass
    return json.dumps(obj, sort_keys=sort_keys, **options)


# `|tojson` in templates: the same escaping of < > & ' (Jinja's), with orjson underneath.
env.policies["json.dumps_function"] = _json_dumps


def html_json(obj: Any) -> Markup:
    """`obj` as JSON safe inside a <script> element (< > & ' written as Unicode escapes), keys in
    the order given."""
    return htmlsafe_json_dumps(obj, dumps=_json_dumps)


def fmt_date(value: date | datetime | None, empty: str = "—") -> str:
    """An unambiguous date such as "11 Oct 2025"."""
    if value is None:
        return empty
    return f"{value.day} {value.strftime('%b %Y')}"


def fmt_range(first: date | None, last: date | None) -> str:
    """A date or date span such as "11–12 Oct 2025"."""
    if first is None:
        return fmt_date(last)
    if last is None or last == first:
        return fmt_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last.strftime('%b %Y')}"
    return f"{fmt_date(first)} – {fmt_date(last)}"


def fmt_number(value: int | float | None) -> str:
    """A figure with thousands separators, or a dash when there is none."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _html(text: str) -> str:
    """`text` escaped for HTML as markupsafe.escape escapes it (the same bytes), as a plain str:
    without a Markup object per value, about half the time (the list escapes ~80 values per view)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


@lru_cache(maxsize=4096)
def _escaped(name: str) -> str:
    return _html(name)


def province_checkboxes(facet: Sequence[tuple[str, int]], selected: Sequence[str]) -> Markup:
    """The province facet's checkboxes, one per (province, count) of `facet` in its order; those in
    `selected` are checked.

    Written here rather than as a Jinja loop: the full list has about a thousand provinces, and a
    loop with escaping per field costs more than all the dashboard's queries.
    """
    chosen = set(selected)
    parts = [
        f'\n        <label for="province-{i}"><input id="province-{i}" type="checkbox" name="province" '
        f'value="{_escaped(name)}"{" checked" if name in chosen else ""}> {_escaped(name)} '
        f'<span class="count">{int(n)}</span></label>'
        for i, (name, n) in enumerate(facet, 1)
    ] or ['\n        <p class="muted">No places yet.</p>']
    return Markup("".join(parts))


def incident_items(rows: Sequence[Any], names: dict[str, str], contested: Markup) -> Markup:
    """The home list's items, one <li> per incident row (queries.IncidentRow); `names` holds the
    display names of the parties, and `contested` the rendered badge of a contested incident.

    Written here rather than as a Jinja loop for the same reason as province_checkboxes: a loop of
    a dozen escaped fields and filters per row was a third of a first view's rendering (bench-web).
    """
    def name(party: str) -> str:
        return names.get(party) or display_name(party)

    out = []
    for row in rows:
        grade = _escaped(row.grade_override or row.grade)
        link = f'<a href="/incidents/{int(row.id)}"><strong>{_html(row.title)}</strong></a>'
        parts = [f"\n      <li>\n        {link}\n        ", str(contested) if row.contested else "",
                 f'\n<span class="badge badge-grade-{grade}" title="grade">{grade}</span>\n']
        if row.open_flags:
            n = int(row.open_flags)
            parts.append(f'<span class="badge badge-flagged" title="{n} open flag{"s" if n != 1 else ""}">⚑ {n}</span>')
        parts.append("\n")
        for claimant, state in (row.headline_data.get("review") or {}).items():
            if state != "unreviewed":
                who, what = _html(name(claimant)), _escaped(state)
                parts.append(f'<span class="badge badge-review-{what}" title="{who}\'s headline figure is {what}">'
                             f"{who}: {what}</span>")
        parts.append(f'\n        <div class="meta">{_html(fmt_range(row.first_date, row.last_date))}\n          ')
        if row.provinces:
            parts.append(f" · {_html(', '.join(row.provinces))}")
        parts.append("\n          ")
        if row.parties:
            parts.append(" · " + ", ".join(_html(name(p)) for p in row.parties))
        parts.append(f"\n          · {_html(sources_text(row.article_count, row.outlet_count))}</div>\n        ")
        if row.headline:
            parts.append(f'<div class="headline">{_html(row.headline)}</div>')
        parts.append("\n      </li>")
        out.append("".join(parts))
    return Markup("".join(out))


def facet_options(counts: Sequence[tuple[str, int]], selected: str | None,
                  names: dict[str, str] | None = None) -> Markup:
    """<option>s of a facet's (value, count) pairs, `selected` marked; labelled with `names` (party
    facets) or as metrics ("posts_captured" → "posts captured"). Written here for the same reason as
    province_checkboxes."""
    out = []
    for value, n in counts:
        label = names.get(value, value) if names is not None else value.replace("_", " ")
        mark = " selected" if value == selected else ""
        out.append(f'<option value="{_escaped(value)}"{mark}>{_html(label)} ({int(n)})</option>')
    return Markup("".join(out))


env.globals["province_checkboxes"] = province_checkboxes
env.globals["facet_options"] = facet_options
env.globals["incident_items"] = incident_items
env.filters["date"] = fmt_date
env.filters["daterange"] = fmt_range
env.filters["number"] = fmt_number
env.filters["party"] = display_name
env.filters["metric"] = lambda m: str(m).replace("_", " ")
env.filters["article_title"] = article_title
env.globals["asset"] = asset_url
env.filters["sources"] = lambda articles, outlets: sources_text(articles, outlets)
env.globals["flag_reasons"] = FLAG_REASONS
env.globals["all_metrics"] = METRICS


def render(request: Request, page: str, context: dict[str, Any], *, partial: str | None = None,
           status_code: int = 200) -> HTMLResponse:
    """The partial when htmx asks for one (HX-Request), the whole page otherwise.

    htmx restoring a page on Back (HX-History-Restore-Request) gets the whole page.
    """
    name = partial if partial and wants_partial(request) else page
    return _private(templates.TemplateResponse(request, name, context, status_code=status_code))


def wants_partial(request: Request) -> bool:
    """True for an htmx request that swaps part of a page (not a restore of a whole page on Back)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")


def html_response(html: str) -> HTMLResponse:
    """An already rendered fragment, with the headers every page gets."""
    return _private(HTMLResponse(html))


def _private(response: HTMLResponse) -> HTMLResponse:
    # The same URL answers a page or a partial: caches must keep them apart. Pages carry the
    # session's CSRF token and the user's name, so they are not stored at all.
    response.headers["Vary"] = "HX-Request, Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response
