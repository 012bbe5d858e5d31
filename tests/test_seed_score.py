"""The extractor and the grouping on the seed articles, judged by the project's own scorer (../shared/eval)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seed_claims_and_incidents_meet_the_quality_bar(tmp_path: Path) -> None:
    if not (EVAL / "score.py").exists():
        pytest.skip(f"no scorer at {EVAL}")
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    result = CliRunner().invoke(app, ["extract", *map(str, sorted(SEEDS.glob("*.txt"))), "--manifest",
                                      str(SEEDS / "manifest.json"), "--incidents", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    pred = [json.loads(line) for line in result.stdout.splitlines()]
    gold = score.load(EVAL / "seeds.gold.jsonl")
    tp, fp, fn, pairs, errors = score.score(gold, pred, score.KEY)
    _, _, f1 = score.prf(tp, fp, fn)
    assert f1 >= 0.95, errors
    accuracy = score.field_accuracy(pairs)
    for field in ("qualifier", "stance", "event_date"):
        right, total = accuracy[field]
        assert right / total >= 0.9, (field, right, total)
    incidents = score.incident_prf(pairs)
    assert incidents is not None and incidents[2] == 1.0
