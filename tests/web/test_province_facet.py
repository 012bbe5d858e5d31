"""The province facet: the selected provinces and the 20 largest on the page, all of them on their own route."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.extraction.places import provinces as gazetteer
from app.incidents.facets import PROVINCE_FACET_TOP, _scoped, province_facet
from app.incidents.filters import Filters
from app.incidents.queries import IP
from tests.conftest import Database
from tests.helpers import add_incidents

DAY = date(2025, 3, 10)
CHECKBOX = re.compile(r'<input id="province-\d+" type="checkbox" name="province" value="([^"]*)"( checked)?> '
                      r'[^<]* <span class="count">(\d+)</span>')
NAMES = sorted(p.name for p in gazetteer())[:30]


def boxes(html: str) -> list[tuple[str, bool, int]]:
    """(province, checked, count) of each province checkbox, in page order."""
    return [(name, bool(checked), int(n)) for name, checked, n in CHECKBOX.findall(html)]


def counted(db: Database, f: Filters) -> dict[str, int]:
    """Incidents per province for `f` (its province filter left out), counted from incident_province."""
    stmt = select(IP.c.province, func.count()).group_by(IP.c.province)
    with db.engine.connect() as conn:
        scoped = _scoped(conn, stmt, IP, Filters(date_from=f.date_from, date_to=f.date_to, claimant=f.claimant))
        return {str(p): int(n) for p, n in conn.execute(scoped)}


def test_home_lists_the_20_provinces_with_most_incidents_and_links_to_all(db: Database, client: TestClient) -> None:
    add_incidents(db, {name: i + 1 for i, name in enumerate(NAMES[:25])})
    page = client.get("/").text
    listed = boxes(page)
    assert len(listed) == PROVINCE_FACET_TOP == 20
    assert [n for _, _, n in listed] == list(range(25, 5, -1))
    assert [name for name, _, _ in listed] == NAMES[24:4:-1]
    link = re.search(r'<a class="facet-more" href="([^"]+)" hx-get="([^"]+)" hx-target="#province-facet"', page)
    assert link and link.group(1) == link.group(2) == "/facets/province?"
    assert "Show all 25 provinces" in page


def test_no_show_all_link_when_every_province_is_listed(db: Database, client: TestClient) -> None:
    add_incidents(db, {name: 1 for name in NAMES[:PROVINCE_FACET_TOP]})
    page = client.get("/").text
    assert len(boxes(page)) == PROVINCE_FACET_TOP
    assert "facet-more" not in page and "Show all" not in page


def test_selected_provinces_come_first_checked_with_their_counts_even_when_small_or_zero(
        db: Database, client: TestClient) -> None:
    add_incidents(db, {name: i + 2 for i, name in enumerate(NAMES[:25])})
    small, empty = NAMES[0], NAMES[29]  # 2 incidents, and none
    page = client.get("/", params={"province": [small, empty]}).text
    listed = boxes(page)
    assert listed[:2] == [(small, True, 2), (empty, True, 0)]
    others = listed[2:]
    assert len(others) == PROVINCE_FACET_TOP and not any(checked for _, checked, _ in others)
    assert [n for _, _, n in others] == list(range(26, 6, -1))
    assert small not in [name for name, _, _ in others]
    # The list of incidents is narrowed; the facet is not (its own filter is left out).
    assert "Show all 25 provinces" in page


def test_bounded_facet_counts_equal_incidents_counted(db: Database) -> None:
    add_incidents(db, {name: (i * 7) % 11 + 1 for i, name in enumerate(NAMES)})
    add_incidents(db, {name: 3 for name in NAMES[5:15]}, day=DAY + timedelta(days=40), claimant="afghanistan")
    views = [Filters(), Filters(date_from=DAY + timedelta(days=1)), Filters(date_to=DAY),
             Filters(claimant="afghanistan"), Filters(province=(NAMES[3], NAMES[29]), claimant="pakistan",
                                                      date_from=DAY - timedelta(days=5))]
    with db.engine.connect() as conn:
        for f in views:
            truth = counted(db, f)
            ranked = sorted(truth.items(), key=lambda vn: (-vn[1], vn[0]))
            chosen = set(f.province)
            facet = province_facet(conn, f)
            assert facet.selected == [(name, truth.get(name, 0)) for name in f.province], f
            assert facet.top == [vn for vn in ranked if vn[0] not in chosen][:PROVINCE_FACET_TOP], f
            assert facet.total == len(truth), f
            everything = province_facet(conn, f, limit=None)
            assert everything.ranked == ranked, f
            assert everything.truncated is False and facet.truncated is (len(truth) > len(facet.shown))


def test_show_all_fragment_lists_every_province_with_the_api_counts(db: Database, client: TestClient) -> None:
    add_incidents(db, {name: i + 1 for i, name in enumerate(NAMES[:25])})
    add_incidents(db, {NAMES[26]: 4}, day=DAY + timedelta(days=30))
    query = {"province": NAMES[0], "date_to": DAY.isoformat()}
    r = client.get("/facets/province", params=query, headers={"HX-Request": "true"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text.lstrip().startswith('<div id="province-facet">') and "<html" not in r.text
    listed = boxes(r.text)
    assert listed[0] == (NAMES[0], True, 1)
    api = client.get("/api/incidents", params=query).json()["facets"]["province"]
    assert sorted((name, n) for name, _, n in listed) == sorted((p["value"], p["count"]) for p in api)
    assert len(listed) == 25 and NAMES[26] not in r.text  # outside the window
    assert "Show all" not in r.text


def test_show_all_works_without_javascript_and_keeps_the_other_filters(db: Database, client: TestClient) -> None:
    add_incidents(db, {name: i + 1 for i, name in enumerate(NAMES[:25])})
    view = {"province": NAMES[3], "date_from": "2025-01-01", "claimant": "pakistan", "sort": "sources"}
    page = client.get("/", params=view).text
    href = re.search(r'<a class="facet-more" href="([^"]+)"', page)
    assert href, "no Show all link"
    url = href.group(1).replace("&amp;", "&")
    assert url == "/facets/province?" + urlencode(view)
    r = client.get(url)  # a plain link: the whole page, a form that applies the choice with the other filters
    assert r.status_code == 200 and "<html" in r.text
    form = re.search(r'<form[^>]*method="get" action="/"[^>]*>(.*?)</form>', r.text, re.S)
    assert form and 'type="submit"' in form.group(1)
    hidden = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(1))
    assert hidden == [("date_from", "2025-01-01"), ("claimant", "pakistan"), ("sort", "sources")]
    listed = boxes(form.group(1))
    assert len(listed) == 25 and listed[0] == (NAMES[3], True, 4)
    contested = client.get("/facets/province", params={**view, "contested": "1"}).text
    assert ("contested", "1") in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', contested)
    assert boxes(contested) == [(NAMES[3], True, 0)]  # no synthetic incident is contested


def test_head_answers_the_province_facet_route(db: Database, client: TestClient) -> None:
    add_incidents(db, {NAMES[0]: 2})
    get = client.get("/facets/province", params={"province": NAMES[0]})
    head = client.head("/facets/province", params={"province": NAMES[0]})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/facets/province", params={"province": "Atlantis"}).status_code in (400, 422)


def test_province_facet_escapes_names_and_filters(db: Database, client: TestClient) -> None:
    hostile = '<script>alert("x")</script> & \'Co\''
    add_incidents(db, {hostile: 30, NAMES[0]: 1})  # a name stored by an older gazetteer, say
    add_incidents(db, {name: 2 for name in NAMES[1:25]})
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Co&#39;"
    for r in (client.get("/"), client.get("/facets/province"),
              client.get("/facets/province", headers={"HX-Request": "true"})):
        assert r.status_code == 200
        assert "<script>alert" not in r.text
        assert f'value="{escaped}"> {escaped} <span class="count">30</span>' in r.text
    # Free text of the other filters goes into the link, the hidden fields and the way back, escaped.
    q = '"><script>alert(1)</script>'
    page = client.get("/facets/province", params={"q": q}).text
    assert "<script>alert" not in page
    assert '<input type="hidden" name="q" value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in page
    assert 'href="/?q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E"' in page
