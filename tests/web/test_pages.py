"""Every page, its htmx partial and its JSON twin, in process against a real database."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient

from tests.conftest import Database
from tests.helpers import ingest_seeds, ingest_text


def _border_incident(client: TestClient) -> dict[str, object]:
    data = client.get("/api/incidents").json()
    for row in data["incidents"]:
        figures = (row["headline_figures"] or {}).get("figures", {})
        if figures.get("afghanistan") == 58:
            return row
    raise AssertionError(f"no incident with the Afghan claim of 58: {data['incidents']}")


def test_home_lists_incidents_with_headline_comparison(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    r = client.get("/")
    assert r.status_code == 200
    assert "<title>Incidents · Counterclaim</title>" in r.text
    assert "Afghanistan 58" in r.text and "Pakistan 23" in r.text
    assert 'id="timeline"' in r.text and "/vendor/plotly-basic.min.js" in r.text


def test_home_is_clear_when_empty(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "No incidents yet" in r.text


def test_incident_page_shows_both_parties_figures_side_by_side(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    incident = _border_incident(client)
    r = client.get(str(incident["url"]))
    assert r.status_code == 200
    row = next(tr for tr in re.findall(r"<tr>.*?</tr>", r.text, re.S) if "Pakistani soldiers killed" in tr)
    assert "58" in row and "23" in row
    assert "contested" in row
    assert 'data-chart="bar-data"' in r.text and 'data-chart="history-data"' in r.text
    assert "<mark>" in r.text  # evidence highlighted in context


def test_incident_json_twin_matches_the_page(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    incident = _border_incident(client)
    data = client.get(f"/api/incidents/{incident['id']}").json()
    row = next(r for r in data["comparison"]["rows"] if r["metric"] == "killed" and r["subject"] == "pakistan")
    assert row["cells"]["afghanistan"]["current"]["value"] == 58
    assert row["cells"]["pakistan"]["current"]["value"] == 23
    assert row["disagreement"]["kind"] == "differ"
    assert row["disagreement"]["ratio"]["low"] > 2.4 and row["disagreement"]["ratio_text"] == "2.5×"
    unattributed = row["cells"]["unattributed"]["current"]["value"]
    assert unattributed == 12 and {"low": 12, "high": 12} not in row["disagreement"]["party_figures"]
    for article in data["articles"]:
        for claim in article["claims"]:
            page = client.get(f"/api/articles/{article['id']}").json()
            assert page["text"][claim["evidence_start"]:claim["evidence_end"]] == claim["evidence"]


def test_article_page_highlights_claims_and_escapes_the_text(db: Database, client: TestClient) -> None:
    result = ingest_text(db, "<script>alert('x')</script> Pakistan's army said 23 of its soldiers were "
                             "killed in Kurram on Saturday.", title="<b>Bold</b> claim")
    r = client.get(f"/articles/{result.article_id}")
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text
    assert "<b>Bold</b>" not in r.text and "&lt;b&gt;Bold&lt;/b&gt;" in r.text
    assert re.search(r'<mark class="hl" id="claim-\d+"', r.text)


def test_filters_narrow_the_list_and_the_partial_is_returned_to_htmx(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    everything = client.get("/api/incidents").json()["total"]
    narrowed = client.get("/api/incidents", params={"province": "Kunar"}).json()
    assert 0 < narrowed["total"] < everything
    assert all("Kunar" in row["provinces"] for row in narrowed["incidents"])
    partial = client.get("/", params={"province": "Kunar"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert partial.text.lstrip().startswith('<div id="dashboard"') and "<html" not in partial.text


def test_bad_filters_answer_with_a_message_not_a_500(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    cases = {
        "date_from=2025-13-01": "YYYY-MM-DD",
        "date_from=2025-10-12&date_to=2025-10-01": "after date_to",
        "metric=deaths": "not a metric",
        "province=Atlantis": "not a known province",
        "claimant=Robert%27);DROP": "not a party id",
        "contested=maybe": "contested",
        "page=0": "page",
        "colour=red": "Unknown filter",
        "q=a%00b": "control characters",
    }
    for query, message in cases.items():
        for path in ("/", "/api/incidents", "/incidents.csv"):
            r = client.get(f"{path}?{query}")
            assert r.status_code == 422, (path, query, r.status_code)
            assert message in r.text, (path, query, r.text[:300])


def test_csv_and_json_exports_hold_exactly_the_filtered_view(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    view = client.get("/api/incidents", params={"province": "Kunar"}).json()
    r = client.get("/incidents.csv", params={"province": "Kunar"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(int(x["id"]) for x in rows) == sorted(i["id"] for i in view["incidents"])
    exported = client.get("/incidents.json", params={"province": "Kunar"}).json()
    assert sorted(i["id"] for i in exported["incidents"]) == sorted(i["id"] for i in view["incidents"])


def test_missing_records_answer_404_with_a_message(client: TestClient) -> None:
    r = client.get("/incidents/999999")
    assert r.status_code == 404 and "There is no incident 999999" in r.text
    r = client.get("/api/incidents/999999")
    assert r.status_code == 404 and r.json()["detail"] == "There is no incident 999999."
    r = client.get("/articles/abc")
    assert r.status_code == 422 and "article_id" in r.text
    r = client.get("/articles/9223372036854775808")
    assert r.status_code == 422 and "article_id" in r.text
    assert client.get("/no/such/page").status_code == 404


def test_pages_carry_security_headers(client: TestClient) -> None:
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store" and "HX-Request" in r.headers["vary"]


def test_htmx_errors_go_to_the_flash_area(client: TestClient) -> None:
    r = client.get("/?date_from=nope", headers={"HX-Request": "true"})
    assert r.status_code == 422
    assert r.headers["HX-Retarget"] == "#flash" and "YYYY-MM-DD" in r.text and "<html" not in r.text


def test_htmx_pushes_the_canonical_url(client: TestClient) -> None:
    r = client.get("/?q=&date_from=&province=Kunar&claimant=", headers={"HX-Request": "true"})
    assert r.headers["HX-Push-Url"] == "/?province=Kunar"
    restore = client.get("/?province=Kunar", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


def test_openapi_documents_the_json_twins(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/articles/{article_id}", "/api/articles"):
        assert path in spec["paths"], path
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text


def test_provinces_page_counts_incidents(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    data = client.get("/api/provinces").json()["provinces"]
    kunar = next(p for p in data if p["province"] == "Kunar")
    assert kunar["incidents"] >= 1 and kunar["lat"] is not None
    assert kunar["url"] == "/?province=Kunar"
    page = client.get("/provinces")
    assert page.status_code == 200 and 'data-chart="map-data"' in page.text


def test_free_text_search_finds_incidents_by_the_words_of_their_articles(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    found = client.get("/api/incidents", params={"q": "quadcopters"}).json()
    assert found["total"] >= 1
    assert any((row["headline_figures"] or {}).get("figures", {}).get("afghanistan") == 58
               for row in found["incidents"])
    assert client.get("/api/incidents", params={"q": "zeppelin"}).json()["total"] == 0
    for odd in ('"unbalanced', "NEAR(a b)", "a AND OR", "x*", "-minus", "don't"):
        r = client.get("/api/incidents", params={"q": odd})
        assert r.status_code == 200, (odd, r.text)
