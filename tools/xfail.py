"""Set each corpus case's `xfail:` mark from what the extractor reads now.

    python tools/xfail.py [FOLDER]   # default: tests/extraction/cases

A case the extractor reads right gets `xfail: null`; a case it gets wrong gets a strict xfail
whose reason names the first things it misses, adds or reads wrongly. Run it after a change to the
extractor, then read the diff: a mark that appears on a case that passed before is a regression.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extraction.test_cases import (  # noqa: E402  (after the path is set)
    CASES_DIR,
    Case,
    compare,
    gold_key,
    load_cases,
    run_article,
)

_XFAIL_LINE = re.compile(r"^xfail:.*$", re.M)
MAX_REASON = 480


def reason(case: Case) -> str | None:
    """Why the extractor fails the case (None when it reads it right)."""
    run = run_article(case)
    result = compare(case.claims, run.specs)
    parts = [f"missed {gold_key(g)}" for g in result.missed]
    keys = ("claimant", "metric", "subject", "value")
    parts += [f"spurious {tuple(p.get(f) for f in keys)}" for p in result.spurious]
    parts += [f"wrong {gold_key(g)}: {'; '.join(errors)}" for g, _, errors in result.wrong]
    parts += run.offset_errors
    if not parts:
        return None
    text = "extractor not there yet: " + "; ".join(parts)
    return text[:MAX_REASON]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CASES_DIR
    marked = cleared = 0
    for case in load_cases(folder):
        path = folder / f"{case.name}.yaml"
        why = reason(case)
        line = "xfail: null" if why is None else "xfail: " + '"' + why.replace("\\", "\\\\").replace('"', "'") + '"'
        raw = path.read_text(encoding="utf-8")
        new = _XFAIL_LINE.sub(line, raw) if _XFAIL_LINE.search(raw) else raw.rstrip("\n") + "\n" + line + "\n"
        if new != raw:
            path.write_text(new, encoding="utf-8")
            if why is None:
                cleared += 1
            else:
                marked += 1
    print(f"{marked} cases marked, {cleared} cleared")


if __name__ == "__main__":
    main()
