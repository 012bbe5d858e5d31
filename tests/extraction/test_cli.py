"""`python -m app.extraction`: files (and a manifest) in, one spec JSON claim per line out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.extraction.__main__ import main
from app.extraction.jsonl import extract_files

TEXT = "Taliban forces attacked the border.\nThe Taliban said 58 Pakistani soldiers were killed on Saturday.\n"


def test_main_prints_one_spec_line_per_claim(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps([{"file": "a.txt", "title": None, "outlet": None, "url": None,
                                     "published": "2025-10-12"}]))
    assert main([str(article), "--manifest", str(manifest)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    spec = json.loads(line)
    assert spec["article"] == "a.txt" and spec["value"] == 58 and spec["event_date"] == "2025-10-11"
    assert {"claimant", "metric", "subject", "value_high", "qualifier", "stance", "provinces", "evidence",
            "start", "end", "value_text", "rule", "story", "agent", "claimant_name"} <= set(spec)


def test_published_flag_dates_undated_files(tmp_path: Path) -> None:
    article = tmp_path / "b.txt"
    article.write_text(TEXT, encoding="utf-8")
    from datetime import date

    ((source, extraction),) = list(extract_files([article], published=date(2025, 10, 12)))
    assert source.name == "b.txt" and extraction.claims[0].event_date == date(2025, 10, 11)


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 2
