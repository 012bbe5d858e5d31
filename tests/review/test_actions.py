"""Every reviewer action changes what it should, refreshes the incident and leaves one audit entry."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from app.claims import corrections
from app.claims.models import Claim
from app.errors import Invalid
from app.incidents import editing
from app.incidents import service as incidents
from app.incidents.models import Incident
from app.review import flags, tokens
from app.review import service as review
from app.review.models import ApiToken, AuditEntry, User
from tests.conftest import Database
from tests.helpers import ingest_seeds

TOL = 0.1


def _user(session: Session, role: str = "editor", email: str | None = None) -> User:
    user = review.create_user(session=session, email=email or f"{role}@example.org", display_name=role.title(),
                              password="correct horse battery", role=role)
    session.commit()
    return user


def _audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def _big_incident(session: Session) -> Incident:
    """The seeds' incident with the most claims (the 11-12 October border clashes)."""
    return session.exec(select(Incident).order_by(col(Incident.claim_count).desc())).first()  # type: ignore[return-value]


def _claim(session: Session, incident_id: int, claimant: str, value: int) -> Claim:
    return session.exec(select(Claim).where(Claim.incident_id == incident_id, Claim.claimant == claimant,
                                            Claim.value == value)).first()  # type: ignore[return-value]


@pytest.fixture
def seeded(db: Database, session: Session) -> Session:
    ingest_seeds(db)
    return session


def test_review_records_who_when_and_why_and_audits_before_and_after(seeded: Session) -> None:
    editor = _user(seeded)
    incident = _big_incident(seeded)
    claim = _claim(seeded, incident.id or 0, "afghanistan", 58)
    corrections.review_claim(session=seeded, user=editor, claim_id=claim.id or 0, status="disputed",
                             note="Pakistan's army denies it", tolerance=TOL)
    seeded.commit()
    seeded.refresh(claim)
    assert (claim.review_status, claim.reviewed_by, claim.review_note) == ("disputed", editor.id,
                                                                           "Pakistan's army denies it")
    assert claim.reviewed_at is not None
    [entry] = _audit(seeded, "review")
    assert entry.user_id == editor.id and entry.target_id == str(claim.id)
    assert entry.detail["before"]["review_status"] == "unreviewed"  # type: ignore[index]
    assert entry.detail["after"]["review_status"] == "disputed"  # type: ignore[index]
    seeded.refresh(incident)
    assert incident.grade == "contested"
    assert incident.headline_data["review"]["afghanistan"] == "disputed"  # type: ignore[index]


def test_disputing_or_rejecting_needs_a_reason(seeded: Session) -> None:
    editor = _user(seeded)
    claim = seeded.exec(select(Claim)).first()
    assert claim is not None
    for status in ("disputed", "rejected"):
        with pytest.raises(Invalid, match="note is needed"):
            corrections.review_claim(session=seeded, user=editor, claim_id=claim.id or 0, status=status,
                                     note="  ", tolerance=TOL)
    with pytest.raises(Invalid, match="Unknown review status"):
        corrections.review_claim(session=seeded, user=editor, claim_id=claim.id or 0, status="maybe",
                                 note="x", tolerance=TOL)


def test_rejecting_every_figure_discounts_the_incident(seeded: Session) -> None:
    editor = _user(seeded)
    incident = seeded.exec(select(Incident).order_by(col(Incident.claim_count))).first()
    assert incident is not None and incident.id is not None
    for claim in seeded.exec(select(Claim).where(Claim.incident_id == incident.id)).all():
        corrections.review_claim(session=seeded, user=editor, claim_id=claim.id or 0, status="rejected",
                                 note="not this conflict", tolerance=TOL)
    seeded.commit()
    seeded.refresh(incident)
    assert incident.grade == "discounted"
    assert incident.claim_count >= 1  # rejected claims stay with the incident, visible


def test_flag_counts_on_the_incident_until_an_editor_resolves_it(seeded: Session) -> None:
    viewer, editor = _user(seeded, "viewer"), _user(seeded, "editor")
    incident = _big_incident(seeded)
    claim = _claim(seeded, incident.id or 0, "pakistan", 23)
    flag = flags.create(session=seeded, user=viewer, claim_id=claim.id, reason="wrong_figure",
                        note="The ISPR said 23 martyred and 29 wounded", tolerance=TOL)
    flags.create(session=seeded, user=viewer, incident_id=incident.id, reason="duplicate", note="",
                 tolerance=TOL)
    seeded.commit()
    seeded.refresh(incident)
    assert incident.open_flags == 2
    [entry] = [e for e in _audit(seeded, "flag") if e.target_type == "claim"]
    assert entry.user_id == viewer.id and entry.detail["after"]["reason"] == "wrong_figure"  # type: ignore[index]

    flags.resolve(session=seeded, user=editor, flag_id=flag.id or 0, note="Checked: the figure is right",
                  tolerance=TOL)
    seeded.commit()
    seeded.refresh(incident)
    assert incident.open_flags == 1
    rows = flags.list_(session=seeded, incident_id=incident.id, claim_ids=[claim.id or 0])
    resolved = next(r for r in rows if r.id == flag.id)
    assert (resolved.status, resolved.resolved_by, resolved.created_by) == ("resolved", "Editor", "Viewer")
    [resolved_entry] = _audit(seeded, "resolve-flag")
    assert resolved_entry.detail["note"] == "Checked: the figure is right"
    from app.review import queue

    assert [h.action for h in queue.claim_history(session=seeded, claim_id=claim.id or 0)] == ["resolve-flag",
                                                                                                "flag"]


def test_a_flag_needs_a_known_reason_and_one_target(seeded: Session) -> None:
    viewer = _user(seeded, "viewer")
    claim = seeded.exec(select(Claim)).first()
    assert claim is not None
    with pytest.raises(Invalid, match="reason"):
        flags.create(session=seeded, user=viewer, claim_id=claim.id, reason="boring", note="", tolerance=TOL)
    with pytest.raises(Invalid, match="either one claim or one incident"):
        flags.create(session=seeded, user=viewer, reason="other", note="x", tolerance=TOL)
    with pytest.raises(Invalid, match="note is needed"):
        flags.create(session=seeded, user=viewer, claim_id=claim.id, reason="other", note="", tolerance=TOL)


def test_correcting_a_value_changes_the_comparison_and_audits_both_values(seeded: Session) -> None:
    editor = _user(seeded)
    incident = _big_incident(seeded)
    claim = _claim(seeded, incident.id or 0, "pakistan", 23)
    corrections.correct_claim(session=seeded, user=editor, claim_id=claim.id or 0,
                              changes={"value": "25", "event_date": "2025-10-12"}, note="misread", tolerance=TOL)
    seeded.commit()
    seeded.refresh(claim)
    assert (claim.value, claim.corrected, claim.event_date.isoformat()) == (25, True, "2025-10-12")  # type: ignore[union-attr]
    [entry] = _audit(seeded, "correct")
    assert entry.detail["before"]["value"] == 23 and entry.detail["after"]["value"] == 25  # type: ignore[index]
    with pytest.raises(Invalid, match="not a whole number"):
        corrections.correct_claim(session=seeded, user=editor, claim_id=claim.id or 0, changes={"value": "many"},
                                  note="", tolerance=TOL)
    with pytest.raises(Invalid, match="Cannot correct evidence"):
        corrections.correct_claim(session=seeded, user=editor, claim_id=claim.id or 0,
                                  changes={"evidence": "x"}, note="", tolerance=TOL)
    with pytest.raises(Invalid, match="value_high must be at least value"):
        corrections.correct_claim(session=seeded, user=editor, claim_id=claim.id or 0,
                                  changes={"value_high": "3"}, note="", tolerance=TOL)


def test_correcting_claimant_and_subject_moves_the_figure_between_columns(seeded: Session) -> None:
    editor = _user(seeded)
    incident = _big_incident(seeded)
    claim = _claim(seeded, incident.id or 0, "unattributed", 12)
    corrections.correct_claim(session=seeded, user=editor, claim_id=claim.id or 0,
                              changes={"claimant": "ttp", "metric": "killed", "provinces": "Kunar, Khost"},
                              note="the TTP's statement", tolerance=TOL)
    seeded.commit()
    seeded.refresh(incident)
    figures = incident.headline_data["figures"]
    assert figures["ttp"] == 12 and "unattributed" not in figures  # type: ignore[index,operator]
    assert "ttp" in incident.parties
    seeded.refresh(claim)
    assert claim.provinces == ["Kunar", "Khost"]


def test_an_editor_adds_a_missed_claim_from_a_selected_sentence(seeded: Session) -> None:
    editor = _user(seeded)
    incident = _big_incident(seeded)
    claim = _claim(seeded, incident.id or 0, "pakistan", 23)
    from app.articles.models import Article

    article = seeded.get(Article, claim.article_id)
    assert article is not None
    start = article.text.index("23")
    before = incident.claim_count
    added = corrections.add_claim(
        session=seeded, user=editor, article_id=article.id or 0, start=start, end=start + 40,
        fields={"claimant": "pakistan", "subject": "pakistan", "metric": "wounded", "value": "29"},
        note="the extractor missed the wounded", tolerance=TOL)
    seeded.commit()
    assert (added.origin, added.incident_id, added.rule) == ("editor", incident.id, "editor")
    assert added.evidence == article.text[start:start + 40].strip()
    seeded.refresh(incident)
    assert incident.claim_count == before + 1
    assert _audit(seeded, "add-claim")[0].detail["after"]["value"] == 29  # type: ignore[index]
    with pytest.raises(Invalid, match="not inside the article"):
        corrections.add_claim(session=seeded, user=editor, article_id=article.id or 0, start=0, end=10**7,
                              fields={"claimant": "pakistan", "subject": "pakistan", "metric": "killed",
                                      "value": 1}, tolerance=TOL)


def test_moving_a_claim_refreshes_both_incidents(seeded: Session) -> None:
    editor = _user(seeded)
    big = _big_incident(seeded)
    other = seeded.exec(select(Incident).where(Incident.id != big.id)).first()
    assert other is not None
    claim = _claim(seeded, big.id or 0, "unattributed", 12)
    counts = (big.claim_count, other.claim_count)
    corrections.move_claim(session=seeded, user=editor, claim_id=claim.id or 0, incident_id=other.id or 0,
                           note="another clash", tolerance=TOL)
    seeded.commit()
    seeded.refresh(big)
    seeded.refresh(other)
    assert (big.claim_count, other.claim_count) == (counts[0] - 1, counts[1] + 1)
    entry = _audit(seeded, "move-claim")[0]
    assert (entry.detail["before"]["incident_id"], entry.detail["after"]["incident_id"]) == (big.id, other.id)  # type: ignore[index]


def test_merge_and_split_are_audited_and_pin_the_incidents(seeded: Session) -> None:
    editor = _user(seeded)
    ids = sorted(i.id for i in seeded.exec(select(Incident)).all() if i.id is not None)
    keep, gone = ids[0], ids[1]
    total = seeded.get(Incident, keep).claim_count + seeded.get(Incident, gone).claim_count  # type: ignore[union-attr]
    merged = editing.merge(session=seeded, user=editor, incident_id=keep, other_id=gone, note="same day",
                           tolerance=TOL)
    seeded.commit()
    assert seeded.get(Incident, gone) is None
    assert merged.pinned and merged.claim_count == total
    assert _audit(seeded, "merge")[0].detail["before"]["merged"]["id"] == gone  # type: ignore[index]

    moving = [c.id for c in seeded.exec(select(Claim).where(Claim.incident_id == keep)).all()][:2]
    new = editing.split(session=seeded, user=editor, incident_id=keep, claim_ids=moving, note="two events",
                        tolerance=TOL)
    seeded.commit()
    assert new.pinned and new.claim_count == 2
    assert _audit(seeded, "split")[0].detail["after"]["new"]["claims"] == sorted(moving)  # type: ignore[index]
    from app.review import queue

    assert "split-off" in [h.action for h in queue.incident_history(session=seeded, incident_id=new.id or 0)]
    with pytest.raises(Invalid, match="merged with itself"):
        editing.merge(session=seeded, user=editor, incident_id=keep, other_id=keep, note="", tolerance=TOL)


def test_grade_override_needs_a_reason_and_is_audited(seeded: Session) -> None:
    editor = _user(seeded)
    incident = _big_incident(seeded)
    with pytest.raises(Invalid, match="note is needed"):
        editing.set_grade(session=seeded, user=editor, incident_id=incident.id or 0, grade="fair", note="")
    editing.set_grade(session=seeded, user=editor, incident_id=incident.id or 0, grade="fair",
                      note="both armies' statements agree on the clash")
    seeded.commit()
    seeded.refresh(incident)
    assert (incident.grade, incident.grade_override) == ("contested", "fair")
    assert _audit(seeded, "grade")[0].detail["after"]["grade_override"] == "fair"  # type: ignore[index]


def test_regroup_keeps_every_human_decision_and_says_so(db: Database, seeded: Session) -> None:
    editor = _user(seeded)
    from tests.helpers import partition

    machine = partition(seeded)
    ids = sorted(i.id for i in seeded.exec(select(Incident)).all() if i.id is not None)
    big = _big_incident(seeded)
    # A merge of two incidents the machine keeps apart, a split, a moved, a corrected, a rejected
    # and an added claim.
    small = [i for i in ids if i != big.id]
    editing.merge(session=seeded, user=editor, incident_id=small[0], other_id=small[1], note="one", tolerance=TOL)
    moving = [c.id or 0 for c in seeded.exec(select(Claim).where(Claim.incident_id == big.id)).all()][:2]
    split_off = editing.split(session=seeded, user=editor, incident_id=big.id or 0, claim_ids=moving, note="two",
                              tolerance=TOL)
    moved = _claim(seeded, big.id or 0, "unattributed", 12)
    corrections.move_claim(session=seeded, user=editor, claim_id=moved.id or 0, incident_id=small[2],
                           note="", tolerance=TOL)
    fixed = _claim(seeded, big.id or 0, "pakistan", 23)
    corrections.correct_claim(session=seeded, user=editor, claim_id=fixed.id or 0, changes={"value": 25},
                              note="", tolerance=TOL)
    rejected = _claim(seeded, big.id or 0, "afghanistan", 58)
    corrections.review_claim(session=seeded, user=editor, claim_id=rejected.id or 0, status="rejected",
                             note="propaganda", tolerance=TOL)
    seeded.commit()
    before = partition(seeded)
    assert before != machine
    snapshot = {c.id: (c.incident_id, c.value, c.review_status) for c in seeded.exec(select(Claim)).all()}

    settings = db.settings()
    result = incidents.regroup(session=seeded, window_days=settings.incident_window_days, tolerance=TOL)
    seeded.commit()
    seeded.expire_all()
    assert partition(seeded) == before
    assert {c.id: (c.incident_id, c.value, c.review_status) for c in seeded.exec(select(Claim)).all()} == snapshot
    pinned = len(seeded.exec(select(Incident).where(Incident.pinned == True)).all())  # noqa: E712
    assert result.kept_pinned_incidents == pinned >= 3 and result.kept_claims >= 3
    assert seeded.get(Incident, split_off.id).pinned  # type: ignore[union-attr]


def test_regroup_without_human_decisions_would_undo_a_merge(db: Database, seeded: Session) -> None:
    """The control for the test above: the merge only survives because it is pinned."""
    editor = _user(seeded)
    ids = sorted(i.id for i in seeded.exec(select(Incident)).all() if i.id is not None)
    merged = editing.merge(session=seeded, user=editor, incident_id=ids[0], other_id=ids[1], note="",
                           tolerance=TOL)
    merged.pinned = False
    seeded.add(merged)
    seeded.commit()
    incidents.regroup(session=seeded, window_days=db.settings().incident_window_days, tolerance=TOL)
    seeded.commit()
    assert len(seeded.exec(select(Incident)).all()) == len(ids)


def test_reingesting_the_same_articles_keeps_corrections(db: Database, seeded: Session) -> None:
    editor = _user(seeded)
    big = _big_incident(seeded)
    fixed = _claim(seeded, big.id or 0, "pakistan", 23)
    corrections.correct_claim(session=seeded, user=editor, claim_id=fixed.id or 0, changes={"value": 25},
                              note="", tolerance=TOL)
    seeded.commit()
    snapshot = {c.id: (c.incident_id, c.value, c.review_status) for c in seeded.exec(select(Claim)).all()}
    assert not any(r.created for r in ingest_seeds(db))
    seeded.expire_all()
    assert {c.id: (c.incident_id, c.value, c.review_status) for c in seeded.exec(select(Claim)).all()} == snapshot


def test_tokens_are_hashed_at_rest_and_revocable(seeded: Session) -> None:
    editor = _user(seeded)
    token, secret = tokens.create(session=seeded, user=editor, name="nightly import", scope="write")
    seeded.commit()
    stored = seeded.exec(select(ApiToken)).one()
    assert secret not in stored.token_hash and len(stored.token_hash) == 64
    found = tokens.authenticate(session=seeded, secret=secret)
    assert found is not None and found[0].id == editor.id and found[1].scope == "write"
    assert tokens.authenticate(session=seeded, secret=secret + "x") is None
    tokens.revoke(session=seeded, user=editor, token_id=token.id or 0)
    seeded.commit()
    assert tokens.authenticate(session=seeded, secret=secret) is None
    assert [e.action for e in seeded.exec(select(AuditEntry)).all()] == ["create-token", "revoke-token"]


def test_an_admin_disables_a_user_who_then_cannot_sign_in_or_use_tokens(seeded: Session) -> None:
    admin, editor = _user(seeded, "admin"), _user(seeded, "editor")
    _, secret = tokens.create(session=seeded, user=editor, name="script", scope="read")
    review.update_user(session=seeded, actor=admin, user_id=editor.id or 0, active=False)
    seeded.commit()
    assert review.authenticate(session=seeded, email="editor@example.org", password="correct horse battery") is None
    assert tokens.authenticate(session=seeded, secret=secret) is None
    assert _audit(seeded, "update-user")[0].detail == {"before": {"role": "editor", "active": True},
                                                        "after": {"role": "editor", "active": False}}
    with pytest.raises(Invalid, match="cannot disable yourself"):
        review.update_user(session=seeded, actor=admin, user_id=admin.id or 0, active=False)


def test_reextracting_and_regrouping_keep_every_human_decision_and_say_so(db: Database, seeded: Session) -> None:
    from app.articles.models import Article
    from app.pipeline import reextract_article
    from tests.helpers import partition

    editor, viewer = _user(seeded), _user(seeded, "viewer")
    ids = sorted(i.id for i in seeded.exec(select(Incident)).all() if i.id is not None)
    big = _big_incident(seeded)
    small = [i for i in ids if i != big.id]
    editing.merge(session=seeded, user=editor, incident_id=small[0], other_id=small[1], note="", tolerance=TOL)
    moving = [c.id or 0 for c in seeded.exec(select(Claim).where(Claim.incident_id == big.id)).all()][:2]
    editing.split(session=seeded, user=editor, incident_id=big.id or 0, claim_ids=moving, note="", tolerance=TOL)
    moved = _claim(seeded, big.id or 0, "unattributed", 12)
    corrections.move_claim(session=seeded, user=editor, claim_id=moved.id or 0, incident_id=small[2], note="",
                           tolerance=TOL)
    fixed = _claim(seeded, big.id or 0, "pakistan", 23)
    corrections.correct_claim(session=seeded, user=editor, claim_id=fixed.id or 0, changes={"value": 25},
                              note="", tolerance=TOL)
    rejected = _claim(seeded, big.id or 0, "afghanistan", 58)
    corrections.review_claim(session=seeded, user=editor, claim_id=rejected.id or 0, status="rejected",
                             note="propaganda", tolerance=TOL)
    flagged = seeded.exec(select(Claim).where(Claim.review_status == "unreviewed", Claim.incident_locked == False,  # noqa: E712
                                              Claim.corrected == False)).first()  # noqa: E712
    assert flagged is not None
    flags.create(session=seeded, user=viewer, claim_id=flagged.id, reason="duplicate", note="", tolerance=TOL)
    article = seeded.get(Article, fixed.article_id)
    assert article is not None
    added = corrections.add_claim(session=seeded, user=editor, article_id=article.id or 0, start=0, end=30,
                                  fields={"claimant": "pakistan", "subject": "pakistan", "metric": "wounded",
                                          "value": 29}, tolerance=TOL)
    seeded.commit()
    people = {c.id: (c.incident_id, c.value, c.review_status, c.origin)
              for c in seeded.exec(select(Claim)).all() if c.human or c.id == flagged.id}
    assert len(people) >= 6
    before = partition(seeded)
    untouched = {c.id for c in seeded.exec(select(Claim)).all()} - set(people)

    settings = db.settings()
    results = [reextract_article(session=seeded, settings=settings, article_id=a.id or 0)
               for a in seeded.exec(select(Article)).all()]
    incidents.regroup(session=seeded, window_days=settings.incident_window_days, tolerance=TOL)
    seeded.commit()
    seeded.expire_all()

    after = {c.id: (c.incident_id, c.value, c.review_status, c.origin) for c in seeded.exec(select(Claim)).all()}
    assert {k: after.get(k) for k in people} == people  # every human decision, as people left it
    assert untouched and not untouched & set(after)  # the untouched claims were read afresh (new rows)
    assert partition(seeded) == before  # the same figures in the same incidents
    assert sum(r.kept for r in results) == len(people) - 1  # the added claim is counted apart
    assert sum(r.added_kept for r in results) == 1 and sum(r.replaced for r in results) == len(untouched)
    assert seeded.get(Claim, added.id) is not None
    assert seeded.get(Incident, small[0]).pinned  # type: ignore[union-attr]
    assert flags.list_(session=seeded, claim_ids=[flagged.id or 0])[0].status == "open"


def test_a_new_report_never_bridges_two_incidents_people_split(db: Database, seeded: Session) -> None:
    from dataclasses import replace

    from app.incidents import grouping
    from app.incidents.models import IncidentUnit

    editor = _user(seeded)
    big = _big_incident(seeded)
    units = seeded.exec(select(IncidentUnit).where(IncidentUnit.incident_id == big.id)).all()
    window = db.settings().incident_window_days
    # Split off the claims of one report whose copy (a new report of the same words) is related to
    # units on both sides of the split: without the pins it would fuse them again.
    for unit in units:
        ids = incidents.unit_claim_ids(session=seeded, unit=unit)
        rest = [u for u in units if u.key != unit.key]
        copy = replace(incidents.unit_from_features(unit.features), key="copy:0:x", article_key="copy",
                       claim_indexes=())
        if ids and any(grouping.related(copy, incidents.unit_from_features(u.features), window_days=window)
                       for u in rest):
            break
    else:
        pytest.fail("no unit of the seeds' border clashes is related to another one")
    new = editing.split(session=seeded, user=editor, incident_id=big.id or 0, claim_ids=ids, note="two clashes",
                        tolerance=TOL)
    seeded.commit()
    kept = {i.id: i.claim_count for i in seeded.exec(select(Incident)).all()}
    touched = incidents.place_units(session=seeded, article_id=unit.article_id, units=[copy], claim_ids=[],
                                    window_days=window)
    seeded.commit()
    assert len(touched) == 1 and touched <= {big.id, new.id}
    assert {i.id: i.claim_count for i in seeded.exec(select(Incident)).all()} == kept  # nothing fused
