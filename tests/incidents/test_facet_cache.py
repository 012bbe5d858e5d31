"""The facet cache: oldest views evicted first, pinned entries kept through a stream of views,
everything dropped on a write and after its time to live."""

from __future__ import annotations

import pytest

from app.incidents import queries
from app.incidents.queries import _Cache


def test_views_are_evicted_oldest_first() -> None:
    cache = _Cache(size=3)
    for i in range(5):
        cache.put(("view", i), i)
    assert [cache.get(("view", i)) for i in range(5)] == [None, None, 2, 3, 4]


def test_pinned_entries_survive_a_stream_of_views_but_not_a_write() -> None:
    cache = _Cache(size=3)
    cache.put(("parties", "db"), frozenset({"pakistan"}), pinned=True)
    for i in range(100):
        cache.put(("view", i), i)
    assert cache.get(("parties", "db")) == frozenset({"pakistan"})
    cache.clear()
    assert cache.get(("parties", "db")) is None and cache.get(("view", 99)) is None


def test_entries_expire(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(queries.time, "monotonic", lambda: now[0])
    cache = _Cache(ttl=15.0)
    cache.put(("view",), 1)
    cache.put(("parties",), 2, pinned=True)
    now[0] += 14.9
    assert (cache.get(("view",)), cache.get(("parties",))) == (1, 2)
    now[0] += 0.2
    assert (cache.get(("view",)), cache.get(("parties",))) == (None, None)
