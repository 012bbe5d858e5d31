"""Check or score a folder of extraction cases (the YAML format of tests/extraction/cases).

    python tools/cases.py check FOLDER            # validate the files against spec/claims.md, no extractor
    python tools/cases.py score FOLDER [--errors] # run the extractor and score it as score.py would

`score` prints micro precision, recall and F1 for the whole folder, inside and outside
Afghanistan-Pakistan (by each case's `conflict:` field), and per conflict. A blind batch's first
score goes into tests/extraction/cases/BATCHES.md before anything is changed for it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.extraction.test_cases import (  # noqa: E402  (after the path is set)
    Case,
    case_problems,
    compare,
    load_cases,
    report,
    run_article,
)

AF_PK = "afghanistan-pakistan"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def check(folder: Path) -> int:
    """Print every problem of every case file; return the number of broken files."""
    cases = load_cases(folder)
    broken = 0
    for case in cases:
        problems = case_problems(case)
        if problems:
            broken += 1
            print(f"{case.name}.yaml:\n  " + "\n  ".join(problems))
    conflicts = sorted({str(c.raw.get("conflict")) for c in cases})
    claims = sum(len(c.claims) for c in cases)
    print(f"{len(cases)} cases, {broken} broken, {claims} claims, {len(conflicts)} conflicts: {', '.join(conflicts)}")
    return broken


def _conflict(case: Case) -> str:
    return str(case.raw.get("conflict") or "unknown")


def score(folder: Path, errors: bool) -> None:
    """Print the extractor's micro P/R/F1 over a folder, overall, by region and by conflict."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in load_cases(folder):
        run = run_article(case)
        comparison = compare(case.claims, run.specs)
        conflict = _conflict(case)
        region = "Afghanistan-Pakistan" if conflict == AF_PK else "other conflicts"
        for key in ("all", region, f"  {conflict}"):
            row = totals[key]
            row[0] += comparison.tp
            row[1] += comparison.fp
            row[2] += comparison.fn
        if errors and (comparison.missed or comparison.spurious or comparison.wrong):
            print(report(case, comparison, run))
    counts: dict[str, int] = defaultdict(int)
    for case in load_cases(folder):
        counts["all"] += 1
        counts["Afghanistan-Pakistan" if _conflict(case) == AF_PK else "other conflicts"] += 1
        counts[f"  {_conflict(case)}"] += 1
    print(f"{'set':32} {'cases':>5} {'right':>5} {'spur':>5} {'miss':>5} {'P':>6} {'R':>6} {'F1':>6}")
    order = ["all", "Afghanistan-Pakistan", "other conflicts", *sorted(k for k in totals if k.startswith("  "))]
    for key in order:
        if key not in totals:
            continue
        tp, fp, fn = totals[key]
        p, r, f = _prf(tp, fp, fn)
        print(f"{key:32} {counts[key]:>5} {tp:>5} {fp:>5} {fn:>5} {p:>6.3f} {r:>6.3f} {f:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "score"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true", help="list what each case misses (score only)")
    args = parser.parse_args()
    if args.command == "check":
        sys.exit(1 if check(args.folder) else 0)
    score(args.folder, args.errors)


if __name__ == "__main__":
    main()
