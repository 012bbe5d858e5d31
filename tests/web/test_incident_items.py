"""The home list's rows, written in Python (app.templating.incident_items) for speed, read as the
Jinja loop they replaced did: the same HTML but for whitespace, for every kind of row."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from app.incidents.queries import IncidentRow
from app.templating import env, facet_options, incident_items

# The loop as _dashboard.html wrote it before (commit 4bf6057).
JINJA_LOOP = """{% from "_macros.html" import badge %}{% for row in rows %}
      <li>
        <a href="/incidents/{{ row.id }}"><strong>{{ row.title }}</strong></a>
        {% if row.contested %}{{ badge("contested") }}{% endif %}
<span class="badge badge-grade-{{ row.grade_override or row.grade }}" title="grade">{{ row.grade_override or row.grade }}</span>
{% if row.open_flags %}<span class="badge badge-flagged" title="{{ row.open_flags }} open flag{{ 's' if row.open_flags != 1 }}">⚑ {{ row.open_flags }}</span>{% endif %}
{% for claimant, state in (row.headline_data.get("review") or {}).items() if state != "unreviewed" %}<span class="badge badge-review-{{ state }}" title="{{ names.get(claimant) or (claimant | party) }}'s headline figure is {{ state }}">{{ names.get(claimant) or (claimant | party) }}: {{ state }}</span>{% endfor %}
        <div class="meta">{{ row.first_date | daterange(row.last_date) }}
          {% if row.provinces %} · {{ row.provinces | join(", ") }}{% endif %}
          {% if row.parties %} · {% for p in row.parties %}{{ names.get(p) or (p | party) }}{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}
          · {{ row.article_count | sources(row.outlet_count) }}</div>
        {% if row.headline %}<div class="headline">{{ row.headline }}</div>{% endif %}
      </li>
      {% endfor %}"""  # noqa: E501

BASE = IncidentRow(
    id=7, title="Border clash in Kurram", summary="", first_date=date(2025, 10, 11), last_date=date(2025, 10, 12),
    provinces=["Kurram", "Paktia"], parties=["pakistan", "afghanistan"], headline="Pakistan says 23 killed",
    headline_data={}, discrepancy=2.5, contested=False, claim_count=4, article_count=3, outlet_count=2,
    grade="fair", grade_override=None, open_flags=0, last_reported=date(2025, 10, 13))

ROWS = {
    "plain": BASE,
    "contested, one flag, reviews": replace(BASE, contested=True, open_flags=1, headline_data={
        "review": {"pakistan": "confirmed", "afghanistan": "disputed", "ttp": "unreviewed"}}),
    "two flags, an editor's grade": replace(BASE, open_flags=2, grade_override="weak"),
    "no places, no parties, no headline, one date": replace(
        BASE, provinces=[], parties=[], headline="", last_date=None, outlet_count=0, article_count=1),
    "undated, an unknown party": replace(BASE, first_date=None, last_date=None, parties=["some_militia"]),
    "markup in the text is shown, not run": replace(
        BASE, title="<script>alert(1)</script> & co", headline="\"23\" <b>killed</b>", provinces=["Kurram <i>"],
        headline_data={"review": {"x<y": "confirmed"}}),
}


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("case", list(ROWS))
def test_rows_read_as_the_jinja_loop_did(case: str) -> None:
    names = {"pakistan": "Pakistan", "afghanistan": "Afghanistan"}
    rows = [ROWS[case], replace(BASE, id=8)]
    expected = env.from_string(JINJA_LOOP).render(rows=rows, names=names)
    contested = env.from_string('{% from "_macros.html" import badge %}{{ badge("contested") }}').render()
    got = str(incident_items(rows, names, contested))
    assert _words(got) == _words(expected)
    assert "<script>" not in got and "<b>" not in got


@pytest.mark.parametrize(("counts", "selected", "names", "expected"), [
    ([("pakistan", 4), ("india", 3)], "india", {"pakistan": "Pakistan"},
     '<option value="pakistan">Pakistan (4)</option><option value="india" selected>india (3)</option>'),
    ([("posts_captured", 2)], None, None, '<option value="posts_captured">posts captured (2)</option>'),
    ([("a<b", 1)], "a<b", {"a<b": "<script>"},
     '<option value="a&lt;b" selected>&lt;script&gt; (1)</option>'),
    ([], "killed", None, ""),
])
def test_facet_options(counts: list[tuple[str, int]], selected: str | None, names: dict[str, str] | None,
                       expected: str) -> None:
    assert str(facet_options(counts, selected, names)) == expected


def test_the_list_escapes_as_markupsafe_does() -> None:
    """incident_items and facet_options escape with str.translate: the same bytes as markupsafe.escape."""
    from markupsafe import escape

    from app.templating import _html

    samples = ["".join(chr(c) for c in range(32, 127)), "é 😀 ‘quotes’ — <b>&amp;</b>", "", "\"'", "a" * 300]
    for text in samples:
        assert _html(text) == str(escape(text))
