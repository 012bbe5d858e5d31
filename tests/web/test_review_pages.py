"""Review states, flags and grades show everywhere a figure is: pages, JSON twins and exports."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.claims.models import Claim
from app.incidents.models import Incident
from tests.conftest import Database
from tests.helpers import ingest_seeds
from tests.web.conftest import sign_in


@pytest.fixture
def seeded(db: Database) -> Database:
    ingest_seeds(db)
    return db


def _figure(db: Database, claimant: str, value: int) -> tuple[int, int]:
    """(claim id, incident id) of the seeds' claim of `claimant` with `value`."""
    with Session(db.engine) as s:
        big = s.exec(select(Incident).order_by(col(Incident.claim_count).desc())).first()
        assert big is not None
        claim = s.exec(select(Claim).where(Claim.incident_id == big.id, Claim.claimant == claimant,
                                           Claim.value == value)).first()
        assert claim is not None
        return claim.id or 0, big.id or 0


def test_a_viewer_flags_a_figure_and_the_badge_shows_on_the_incident_and_the_list(
    seeded: Database, client: TestClient
) -> None:
    claim_id, incident_id = _figure(seeded, "pakistan", 23)
    token = sign_in(client, seeded, "viewer")
    r = client.post(f"/claims/{claim_id}/flags", data={"reason": "wrong_figure", "note": "ISPR said 23 <b>",
                                                       "csrf_token": token, "next": f"/incidents/{incident_id}"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{incident_id}"
    page = client.get(f"/incidents/{incident_id}").text
    assert "⚑ 1 flag" in page and "wrong figure" in page
    assert "ISPR said 23 &lt;b&gt;" in page  # escaped
    listed = client.get("/?flagged=1").text
    assert f'href="/incidents/{incident_id}"' in listed and "⚑ 1" in listed
    assert client.get("/?flagged=1").text.count('<li>') == 1
    assert client.get("/api/incidents?flagged=1").json()["incidents"][0]["open_flags"] == 1
    assert client.get("/api/incidents?flagged=maybe").status_code == 422


def test_review_state_shows_on_grid_list_article_json_and_exports(seeded: Database, client: TestClient) -> None:
    claim_id, incident_id = _figure(seeded, "afghanistan", 58)
    token = sign_in(client, seeded, "editor")
    r = client.post(f"/claims/{claim_id}/review", data={"status": "disputed", "note": "no second source",
                                                        "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(f"/incidents/{incident_id}").text
    assert 'badge-review-disputed' in page and "no second source" in page
    assert "Afghanistan: disputed" in client.get("/").text  # the list's headline
    data = client.get(f"/api/incidents/{incident_id}").json()
    claims = [c for a in data["articles"] for c in a["claims"] if c["claim_id"] == claim_id]
    assert claims[0]["review_status"] == "disputed" and claims[0]["reviewed_by"] == "editor"
    assert claims[0]["review_note"] == "no second source" and claims[0]["reviewed_at"]
    assert data["grade"] == "contested"
    row = next(r for r in data["comparison"]["rows"] if (r["metric"], r["subject"]) == ("killed", "pakistan"))
    assert row["cells"]["afghanistan"]["current"]["review_status"] == "disputed"
    listed = client.get("/api/incidents").json()["incidents"]
    assert next(i for i in listed if i["id"] == incident_id)["headline_review"]["afghanistan"] == "disputed"
    exported = list(csv.DictReader(io.StringIO(client.get("/incidents.csv").text)))
    assert "afghanistan: disputed" in next(e for e in exported if e["id"] == str(incident_id))["headline_review"]
    claims_csv = list(csv.DictReader(io.StringIO(client.get("/claims.csv").text)))
    mine = next(c for c in claims_csv if c["claim_id"] == str(claim_id))
    assert (mine["review_status"], mine["reviewed_by"], mine["review_note"]) == ("disputed", "editor",
                                                                                  "no second source")
    assert mine["claim_url"] == f"http://testserver/claims/{claim_id}"
    assert mine["article_url"].startswith("http://testserver/articles/")
    article = client.get(f"/api/articles/{mine['article_id']}").json()
    assert next(c for c in article["claims"] if c["id"] == claim_id)["review_status"] == "disputed"
    assert "disputed" in client.get(f"/articles/{mine['article_id']}").text


def test_a_rejected_figure_stays_visible_struck_through_with_its_reason(seeded: Database, client: TestClient) -> None:
    claim_id, incident_id = _figure(seeded, "afghanistan", 58)
    token = sign_in(client, seeded, "editor")
    client.post(f"/claims/{claim_id}/review", data={"status": "rejected", "note": "a propaganda figure",
                                                    "csrf_token": token})
    page = client.get(f"/incidents/{incident_id}").text
    assert "Rejected by reviewers" in page and "a propaganda figure" in page
    assert 'class="rejected-figure"' in page
    data = client.get("/claims.json").json()
    assert next(c for c in data["claims"] if c["claim_id"] == claim_id)["review_status"] == "rejected"


def test_dispute_without_a_note_is_refused_with_a_reason(seeded: Database, client: TestClient) -> None:
    claim_id, _ = _figure(seeded, "afghanistan", 58)
    token = sign_in(client, seeded, "editor")
    r = client.post(f"/claims/{claim_id}/review", data={"status": "disputed", "csrf_token": token})
    assert r.status_code == 422 and "a note is needed" in r.text


def test_queue_lists_flagged_figures_and_a_verdict_swaps_the_item(seeded: Database, client: TestClient) -> None:
    claim_id, _ = _figure(seeded, "pakistan", 23)
    token = sign_in(client, seeded, "editor")
    client.post(f"/claims/{claim_id}/flags", data={"reason": "duplicate", "csrf_token": token})
    page = client.get("/review?kind=flagged").text
    assert f'id="queue-claim-{claim_id}"' in page and "⚑ 1 flag" in page
    assert client.get("/review?kind=all").text.count('class="queue-item') > 1
    assert client.get("/review?kind=bogus").status_code == 422
    cited = client.get("/api/review/queue?order=cited").json()["items"]
    assert cited[0]["cited"] >= cited[-1]["cited"]
    r = client.post(f"/claims/{claim_id}/review", data={"status": "confirmed", "csrf_token": token},
                    headers={"HX-Request": "true"})
    assert r.status_code == 200 and f'id="queue-claim-{claim_id}"' in r.text and "Confirmed by editor" in r.text
    assert claim_id not in [i["claim_id"] for i in client.get("/api/review/queue?kind=unreviewed").json()["items"]]


def test_correction_merge_and_history_show_on_the_pages(seeded: Database, client: TestClient) -> None:
    claim_id, incident_id = _figure(seeded, "pakistan", 23)
    token = sign_in(client, seeded, "editor")
    r = client.post(f"/claims/{claim_id}/correct", data={"value": "25", "note": "misread", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    assert "Pakistan says 25" in client.get(f"/api/incidents/{incident_id}").json()["headline"]
    assert "Pakistan says 25" in client.get("/").text
    history = client.get(f"/incidents/{incident_id}/history").text
    assert "correct" in history and "23 → 25" in history and "misread" in history
    assert "23 → 25" in client.get(f"/claims/{claim_id}").text
    with Session(seeded.engine) as s:
        other = s.exec(select(Incident).where(Incident.id != incident_id)).first()
        assert other is not None
    r = client.post(f"/incidents/{incident_id}/merge", data={"other_id": other.id, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/incidents/{other.id}").status_code == 404
    api = client.get(f"/api/incidents/{incident_id}/history").json()["history"]
    assert [h["action"] for h in api][:2] == ["merge", "correct"]


def test_an_editor_adds_a_missed_figure_from_the_article_page(seeded: Database, client: TestClient) -> None:
    claim_id, incident_id = _figure(seeded, "pakistan", 23)
    token = sign_in(client, seeded, "editor")
    article_id = client.get(f"/api/claims/{claim_id}").json()["article_id"]
    page = client.get(f"/articles/{article_id}").text
    assert 'id="add-claim-form"' in page
    r = client.post(f"/articles/{article_id}/claims", data={
        "start": "0", "end": "40", "claimant": "pakistan", "subject": "pakistan", "metric": "wounded",
        "value": "29", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    article = client.get(f"/api/articles/{article_id}").json()
    added = [c for c in article["claims"] if c["origin"] == "editor"]
    assert len(added) == 1 and added[0]["value"] == 29 and added[0]["incident_id"] == incident_id


def test_claimreview_names_the_claimant_as_author_and_the_article_as_appearance(
    seeded: Database, client: TestClient
) -> None:
    claim_id, _ = _figure(seeded, "afghanistan", 58)
    token = sign_in(client, seeded, "editor")
    assert client.get(f"/api/claims/{claim_id}/claimreview").status_code == 404  # not reviewed yet
    client.post(f"/claims/{claim_id}/review", data={"status": "disputed", "note": "one source only",
                                                    "csrf_token": token})
    r = client.get("/claimreview.json")
    assert r.headers["content-type"].startswith("application/ld+json")
    [review] = r.json()
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert review["itemReviewed"]["author"]["name"] == "Afghanistan"
    assert review["itemReviewed"]["appearance"]["url"].startswith("http")
    assert review["reviewRating"]["alternateName"] == "Disputed" and review["reviewBody"] == "one source only"
    assert client.get(f"/api/claims/{claim_id}/claimreview").json() == review


def test_admin_pages_manage_users_and_page_the_audit_log(seeded: Database, client: TestClient) -> None:
    token = sign_in(client, seeded, "admin")
    r = client.post("/admin/users", data={"email": "new@example.org", "password": "a long password",
                                          "role": "viewer", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/admin/users").text
    assert "new@example.org" in page
    audit = client.get("/admin/audit?action=invite-user").text
    assert "invite-user" in audit and "new@example.org" in audit
    assert client.get("/api/audit?action=invite-user").json()["total"] == 1
    from app.review.models import User

    with Session(seeded.engine) as s:
        admin_id = s.exec(select(User).where(User.role == "admin")).one().id
    mine = client.get(f"/api/audit?by={admin_id}").json()
    assert mine["total"] == 1 and mine["entries"][0]["user"] == "admin"
    assert client.get(f"/api/audit?by={(admin_id or 0) + 999}").json()["total"] == 0
    assert "invite-user" in client.get(f"/admin/audit?by={admin_id}").text
    assert client.get("/admin/audit?page=0").status_code == 422
