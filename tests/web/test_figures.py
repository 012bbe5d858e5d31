"""What the pages say about the figures: measures between parties, plain labels, the legend, the about page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import Database
from tests.helpers import ingest_seeds, ingest_text


def _border_incident_url(client: TestClient) -> str:
    for row in client.get("/api/incidents").json()["incidents"]:
        if (row["headline_figures"] or {}).get("figures", {}).get("afghanistan") == 58:
            return str(row["url"])
    raise AssertionError("no incident with the Afghan claim of 58")


def _grid_row(page: str, label: str) -> str:
    return next(tr for tr in re.findall(r"<tr>.*?</tr>", page, re.S) if label in tr)


def test_incident_page_measures_the_parties_not_the_reference_columns(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    page = client.get(_border_incident_url(client)).text
    killed = _grid_row(page, "Pakistani soldiers killed")
    cells = re.findall(r'<td class="num" data-label="[^"]+">([^<]*)</td>', killed)
    assert cells == ["2.5×", "35"]  # Afghanistan 58 against Pakistan 23; the unattributed 12 is for reference
    assert "4.8×" not in page and "Discrepancy score" not in page
    assert "reference</span>" in page


def test_a_figure_against_a_denial_reads_denied(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    posts = _grid_row(client.get(_border_incident_url(client)).text, "Pakistani posts captured")
    assert re.findall(r'<td class="num" data-label="[^"]+">([^<]*)</td>', posts) == ["denied", "denied"]
    assert "1.0×" not in posts


def test_each_measure_links_to_the_about_page_and_badges_have_a_legend(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    page = client.get(_border_incident_url(client)).text
    for anchor in ("ratio", "gap", "can-agree", "headline"):
        assert f'href="/about/figures#{anchor}"' in page
    legend = re.search(r'<dl class="legend".*?</dl>', page, re.S)
    assert legend is not None
    for status in ("conceded", "contested", "single-source", "corroborated"):
        assert f"badge-{status}" in legend.group(0)
    about = client.get("/about/figures")
    assert about.status_code == 200
    for anchor in ("ratio", "gap", "can-agree", "denied", "statuses", "headline", "parties"):
        assert f'id="{anchor}"' in about.text
    # The worked examples are computed by the measures module.
    assert "8.7× or more" in about.text and "201 or more" in about.text


def test_headline_is_plain_english(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    headlines = [r["headline"] for r in client.get("/api/incidents").json()["incidents"]]
    border = "Pakistani soldiers killed — Afghanistan says 58 · Pakistan says 23 (2.5× apart) · unattributed: 12"
    assert border in headlines
    assert "airspace violations by Pakistan — Afghanistan says 55" in headlines
    assert not any("side:" in h for h in headlines)


def test_untitled_article_has_one_name_and_unknown_outlet_is_no_outlet(db: Database, client: TestClient) -> None:
    text = "KABUL: The Taliban said on Saturday that 12 Pakistani soldiers were killed in Kunar."
    result = ingest_text(db, text)
    article_id = result.article_id
    name = f"Untitled article {article_id}"
    assert f"<h1>{name}</h1>" in client.get(f"/articles/{article_id}").text
    assert name in client.get("/articles").text
    assert client.get(f"/api/articles/{article_id}").json()["name"] == name
    incidents = client.get("/api/incidents").json()["incidents"]
    assert incidents and all(r["outlets"] == 0 for r in incidents)
    page = client.get(incidents[0]["url"]).text
    assert name in page and "outlet unknown" in page
