"""Incidents on the five seed articles, scored like /work/shared/eval/score.py (incident pair F1).

Two runs: one on the gold claims (so that grouping is judged on its own, whatever the
extractor finds), one end to end with the real extractor.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from app.extraction.types import ExtractedClaim, Extraction, Story
from app.incidents.grouping import group, units_from_extraction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EVAL = Path("/work/shared/eval")
GOLD = EVAL / "seeds.gold.jsonl"

# The doer, where a gold claim's sentence names it (what the extractor puts in `agent`).
GOLD_AGENTS = {
    ("001", "Twelve Pakistani soldiers have been killed in a large-scale Taliban offensive"): "afghanistan",
    ("002", "Taliban forces launched coordinated assaults on at least 20"): "afghanistan",
    ("003", "Afghanistan announced on Sunday that its forces killed 58"): "afghanistan",
    ("004", "He claimed that troops shot down three Afghan quadcopters"): "pakistan",
    ("004", "His comments followed a wave of deadly TTP attacks"): "ttp",
}
# Provinces of the default lexicon that the seeds name (the extractor's `places`).
PROVINCES = (
    "Khyber Pakhtunkhwa",
    "Kunar",
    "Helmand",
    "Kandahar",
    "Nangarhar",
    "Paktika",
    "Paktia",
    "Khost",
    "Kabul",
)


def _scorer() -> ModuleType:
    path = EVAL / "score.py"
    if not path.exists() or not GOLD.exists():
        pytest.skip(f"the scorer or gold file is missing under {EVAL}")
    spec = importlib.util.spec_from_file_location("seed_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _manifest() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    return entries


def _published(entry: dict[str, Any]) -> date | None:
    return date.fromisoformat(entry["published"]) if entry.get("published") else None


def _incident_rows(
    extractions: list[tuple[dict[str, Any], str, Extraction]],
) -> list[dict[str, Any]]:
    """Each claim in the spec's JSON shape, with the incident grouping gives it."""
    units = []
    for n, (entry, text, extraction) in enumerate(extractions):
        units += units_from_extraction(
            extraction, text, article_key=f"{n:05d}", published=_published(entry), outlet=entry.get("outlet")
        )
    labels = group(units)
    of_claim = {(int(u.article_key), i): labels[u.key] for u in units for i in u.claim_indexes}
    rows = []
    for n, (entry, _, extraction) in enumerate(extractions):
        for i, c in enumerate(extraction.claims):
            rows.append(
                {
                    "article": entry["file"],
                    "claimant": c.claimant,
                    "metric": c.metric,
                    "subject": c.subject,
                    "value": c.value,
                    "value_high": c.value_high,
                    "qualifier": c.qualifier,
                    "stance": c.stance,
                    "event_date": c.event_date.isoformat() if c.event_date else None,
                    "provinces": list(c.provinces),
                    "evidence": c.evidence,
                    "incident": of_claim.get((n, i)),
                }
            )
    return rows


def _pair_f1(scorer: ModuleType, gold: list[dict[str, Any]], rows: list[dict[str, Any]]) -> tuple[float, str]:
    """Incident pair F1 over the matched claims, and a listing of the pairs that went wrong."""
    _, _, _, pairs, _ = scorer.score(gold, rows, scorer.KEY)
    result = scorer.incident_prf(pairs)
    assert result is not None, "no matched claims to judge incidents on"
    wrong = []
    for i, (g1, p1) in enumerate(pairs):
        for g2, p2 in pairs[i + 1 :]:
            if (g1["incident"] == g2["incident"]) != (p1["incident"] == p2["incident"]):
                wrong.append(
                    f"{g1['article']} {g1['metric']}/{g1['subject']}={g1['value']} [{p1['incident']}] vs "
                    f"{g2['article']} {g2['metric']}/{g2['subject']}={g2['value']} [{p2['incident']}]: "
                    f"gold {'same' if g1['incident'] == g2['incident'] else 'different'}"
                )
    return result[2], "\n".join(wrong)


def _stories(text: str) -> tuple[Story, ...]:
    """Blocks of text between blank lines, as a simple stand-in for the extractor's stories."""
    out: list[Story] = []
    pos = 0
    for block in text.split("\n\n"):
        if block.strip():
            out.append(Story(index=len(out), start=pos, end=pos + len(block)))
        pos += len(block) + 2
    return tuple(out)


def _gold_extraction(entry: dict[str, Any], text: str, gold: list[dict[str, Any]]) -> Extraction:
    stories = _stories(text)
    claims = []
    for g in gold:
        if g["article"] != entry["file"]:
            continue
        start = text.index(g["evidence"])
        story = next(s.index for s in stories if s.start <= start < s.end)
        agent = next(
            (a for (art, words), a in GOLD_AGENTS.items() if entry["file"].startswith(art) and words in g["evidence"]),
            None,
        )

        def first(v: Any) -> str:
            return str(v[0] if isinstance(v, list) else v)

        claims.append(
            ExtractedClaim(
                claimant=first(g["claimant"]),
                metric=first(g["metric"]),
                subject=first(g["subject"]),
                value=g["value"],
                value_high=g["value_high"],
                qualifier=g["qualifier"],
                stance=g["stance"],
                event_date=date.fromisoformat(g["event_date"]) if g["event_date"] else None,
                provinces=tuple(g["provinces"]),
                evidence=g["evidence"],
                start=start,
                end=start + len(g["evidence"]),
                value_text="",
                rule="gold",
                story=story,
                agent=agent,
            )
        )
    return Extraction(
        claims=tuple(claims),
        stories=stories,
        version="gold",
        places=tuple(p for p in PROVINCES if p in text),
    )


def test_seed_incidents_on_gold_claims() -> None:
    scorer = _scorer()
    gold = scorer.load(str(GOLD))
    extractions = []
    for entry in _manifest():
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        extractions.append((entry, text, _gold_extraction(entry, text, gold)))
    f1, wrong = _pair_f1(scorer, gold, _incident_rows(extractions))
    assert f1 == 1.0, wrong


def test_seed_incidents_on_gold_claims_in_any_article_order() -> None:
    scorer = _scorer()
    gold = scorer.load(str(GOLD))
    entries = _manifest()
    for shift in range(len(entries)):
        order = entries[shift:] + entries[:shift]
        order = order[::-1] if shift % 2 else order
        extractions = []
        for entry in order:
            text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
            extractions.append((entry, text, _gold_extraction(entry, text, gold)))
        f1, wrong = _pair_f1(scorer, gold, _incident_rows(extractions))
        assert f1 == 1.0, wrong


def test_seed_incidents_with_the_extractor() -> None:
    try:
        extraction_module = importlib.import_module("app.extraction")
        extract = extraction_module.extract
    except (ImportError, AttributeError) as exc:  # the extractor is being written alongside
        pytest.skip(f"app.extraction.extract is not available yet: {exc}")
    scorer = _scorer()
    gold = scorer.load(str(GOLD))
    extractions = []
    for entry in _manifest():
        text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
        extraction = extract(text, published=_published(entry), title=entry.get("title"))
        extractions.append((entry, text, extraction))
    f1, wrong = _pair_f1(scorer, gold, _incident_rows(extractions))
    assert f1 == 1.0, wrong
