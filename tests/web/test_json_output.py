"""JSON read from the database and written into pages: orjson where it can, json where it cannot,
the same values either way, and safe inside <script>."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.incidents.rawsql import loaded
from app.templating import env, html_json

VALUES: list[Any] = [
    {"figures": {"pakistan": 23, "afghanistan": 58}, "label": "killed", "ratio": 2.5217391304347827},
    ["Kunar", "Khost"],
    {"text": "Clash in Kunar<br>killed: Pakistan 1,200 — é 😀", "nested": [None, True, 0.1, -3]},
    "a\udc80b",  # a lone surrogate: orjson refuses it, json writes it as an escape
    {1: "a key that is not a string"},
    [],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_html_json_reads_back_as_json_writes_it(value: Any) -> None:
    text = str(html_json(value))
    assert json.loads(text) == json.loads(json.dumps(value))
    assert not any(c in text for c in "<>&'")


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_stored_json_is_read_as_json_reads_it(value: Any) -> None:
    stored = json.dumps(value)  # what SQLAlchemy's JSON type writes
    assert loaded(stored) == json.loads(stored)
    if not isinstance(value, str):
        assert loaded(value) is value  # already Python: left as it is


def test_script_breakout_is_escaped() -> None:
    text = str(html_json({"t": "</script><script>alert('x')</script>&"}))
    assert "</script>" not in text and "'" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert('x')</script>&"}


def test_tojson_in_templates_keeps_jinjas_sorted_keys_and_escaping() -> None:
    out = env.from_string("{{ v | tojson }}").render(v={"b": "<i>", "a": 1})
    assert out == '{"a":1,"b":"\\u003ci\\u003e"}'



def test_tojson_with_json_options_is_written_by_json() -> None:
    out = env.from_string("{{ v | tojson(indent=2) }}").render(v={"b": 1, "a": [1]})
    assert out == json.dumps({"a": [1], "b": 1}, indent=2, sort_keys=True)
