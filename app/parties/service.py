"""Parties: make sure every party id a claim names has a row, with a readable name."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pycountry
from sqlmodel import Session, select

from app.parties.models import Party

# Display names and kinds of the default lexicon's parties; any other id is a state named by
# its English short name (spec/claims.md), looked up in ISO 3166.
KNOWN: dict[str, tuple[str, str]] = {
    "afghanistan": ("Afghanistan", "state"),
    "pakistan": ("Pakistan", "state"),
    "ttp": ("TTP (Pakistani Taliban)", "armed_group"),
    "third_party": ("Independent sources", "third_party"),
    "unattributed": ("Unattributed", "unattributed"),
}


@lru_cache(maxsize=4096)
def describe(party_id: str) -> tuple[str, str]:
    """The display name and kind for `party_id`."""
    if party_id in KNOWN:
        return KNOWN[party_id]
    name = party_id.replace("_", " ")
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return name.title(), "armed_group"
    return getattr(country, "common_name", None) or country.name, "state"


@lru_cache(maxsize=4096)
def display_name(party_id: str) -> str:
    """A readable name for a party id, a subject id or a claimant id."""
    if party_id == "civilians":
        return "Civilians"
    if party_id == "militants":
        return "Militants"
    return describe(party_id)[0]


def ensure(*, session: Session, ids: Iterable[str]) -> None:
    """Create the party rows that `ids` name and that do not exist yet."""
    wanted = {i for i in ids if i}
    if not wanted:
        return
    have = set(session.exec(select(Party.id).where(Party.id.in_(wanted))).all())  # type: ignore[attr-defined]
    for party_id in sorted(wanted - have):
        name, kind = describe(party_id)
        session.add(Party(id=party_id, display_name=name, kind=kind))
    session.flush()


def list_(*, session: Session) -> list[Party]:
    """Every party, by display name."""
    return list(session.exec(select(Party).order_by(Party.display_name)).all())


_DEMONYMS = Path(__file__).resolve().parent.parent / "extraction" / "data" / "demonyms.json"
# Adjectives the gazetteer's first demonym would not give as a reader expects.
_ADJECTIVES = {"afghanistan": "Afghan", "pakistan": "Pakistani", "ttp": "TTP"}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    try:
        data = json.loads(_DEMONYMS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v["demonyms"][0] for k, v in data.items() if isinstance(v, dict) and v.get("demonyms")}


@lru_cache(maxsize=4096)
def adjective(party_id: str) -> str:
    """The word before "soldiers" or "posts": "Pakistani", "Afghan", "TTP", else the display name."""
    return _ADJECTIVES.get(party_id) or _demonyms().get(party_id) or display_name(party_id)
