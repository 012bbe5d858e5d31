"""Blind corpus for the claim extractor: one YAML article per case, scored like eval/score.py.

Every file in `cases/` holds a short news article written for this corpus (not
taken from the seeds, and written without looking at `app/extraction`) and the
claims a careful fact-checker reads in it, in the vocabulary of
`spec/claims.md`. Each case is its own test; a further test adds the cases up
into micro precision / recall / F1, and another checks the case files
themselves so that a typo in the corpus cannot pass for an extractor bug.

Matching follows `/work/shared/eval/score.py`: per article, predicted claims
are reduced to distinct keys (claimant, metric, subject, value, value_high); a
gold `claimant`/`metric`/`subject` may be a list of acceptable values; gold
claims marked `optional` are neither required nor penalised. For matched
claims, qualifier, stance and event_date must be equal and the gold provinces
a subset of the predicted ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"

# The corpus was written in fifteen blind batches, each by a helper who never saw the extractor; each
# batch's first score (before anything was changed for it) is kept in cases/BATCHES.md: 0.600, 0.586,
# 0.540, 0.668, 0.740, 0.566, 0.721, 0.756, 0.773, 0.635, 0.749, 0.717, 0.714 and 0.747 for batches 2
# to 15. That first score is the honest estimate of how the extractor reads articles it has never
# seen; the score over the whole corpus is not. Measured on 2026-12-06 over all 486: 2,452 right, 466
# spurious, 680 missed, F1 0.811 (batch 15, 30 articles, was added untuned); over the 246 cases of
# batches 1-7, F1 0.849 (0.832 when the floor was last raised). The floors sit just below, so that a
# change that loses claims on this corpus fails here; raise them as the extractor improves. Cases the
# extractor cannot read yet carry their reason in `xfail:` (strict: a case that starts passing must have
# its mark removed; tools/xfail.py sets the marks).
CORPUS_F1_FLOOR = 0.85  # measured 0.858 over the 1,116 cases of batches 1-36
EARLIER_CORPUS_F1_FLOOR = 0.86  # over cases 001-246 (measured 0.868), the corpus the floor of 0.82 was set on
EARLIER_CORPUS_LAST = 246

# The vocabulary of spec/claims.md, copied here on purpose: the corpus is checked
# against the spec, not against whatever the extractor happens to define.
METRICS = frozenset({
    "killed", "casualties", "wounded", "captured", "posts_captured", "posts_destroyed", "posts_attacked",
    "drones_downed", "aircraft_downed", "vehicles_destroyed", "airstrikes", "airspace_violations",
    "air_patrols", "cross_border_fire",
})
# Counts of something a side lost; for these, a party speaking of itself acknowledges.
LOSS_METRICS = METRICS - {"airstrikes", "airspace_violations", "air_patrols", "cross_border_fire"}
QUALIFIERS = frozenset({"exact", "at_least", "more_than", "about", "up_to", "range"})
STANCES = frozenset({"asserts", "acknowledges", "denies"})
LEXICON_PARTIES = frozenset({"afghanistan", "pakistan", "ttp"})
SOURCES = frozenset({"third_party", "unattributed"})
NON_PARTY_SUBJECTS = frozenset({"civilians", "militants"})
# Any other state is a party named by its English short name in lower snake case.
STATE_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

KEY_FIELDS = ("claimant", "metric", "subject", "value", "value_high")
LISTABLE_FIELDS = ("claimant", "metric", "subject")
CASE_FIELDS = frozenset({"title", "published", "outlet", "text", "claims", "xfail"})
# Optional: which conflict the article reports ("afghanistan-pakistan", "india-pakistan", "sudan", ...),
# so that a batch's score can be told apart inside and outside Afghanistan-Pakistan.
OPTIONAL_CASE_FIELDS = frozenset({"conflict"})
CLAIM_FIELDS = frozenset({
    "claimant", "metric", "subject", "value", "value_high", "qualifier", "stance", "event_date",
    "provinces", "evidence", "optional",
})
CASE_FILE_NAME = re.compile(r"^\d{3,4}_[a-z0-9_]+\.yaml$")
MIN_CASES = 50
MIN_CASES_WITHOUT_CLAIMS = 6

Key = tuple[Any, ...]


@dataclass(frozen=True)
class Case:
    """One article of the corpus and the claims expected from it."""

    name: str
    raw: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.raw["text"])

    @property
    def title(self) -> str | None:
        return self.raw.get("title")

    @property
    def published(self) -> date | None:
        return _as_date(self.raw.get("published"))

    @property
    def claims(self) -> list[dict[str, Any]]:
        return list(self.raw.get("claims") or [])

    @property
    def xfail(self) -> str | None:
        return self.raw.get("xfail")


def _as_date(value: Any) -> date | None:
    """Return a date from a YAML date, an ISO string or None (None for anything unparsable)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _iso(value: Any) -> str | None:
    """Return a date-like value as an ISO day string, so gold and prediction compare alike."""
    parsed = _as_date(value)
    return parsed.isoformat() if parsed else (None if value is None else str(value))


def case_number(name: str) -> int:
    """The number a case file's name starts with ("1002_kabul_..." -> 1002; 0 when there is none)."""
    head = name.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Return every case file of a folder (the corpus by default), in the order of their numbers."""
    cases = []
    for path in sorted(directory.glob("*.yaml"), key=lambda p: (case_number(p.stem), p.stem)):
        with path.open(encoding="utf-8") as f:
            raw = yaml.safe_load(f)
        cases.append(Case(name=path.stem, raw=raw if isinstance(raw, dict) else {"_not_a_mapping": raw}))
    return cases


CASES = load_cases()
CASES_BY_NAME = {c.name: c for c in CASES}


# --- matching (mirrors /work/shared/eval/score.py) -------------------------------------------------------


def _alternatives(value: Any) -> set[Any]:
    """Return the acceptable values of a gold field (a list means any of them)."""
    return set(value) if isinstance(value, list) else {value}


def _number(value: Any) -> Any:
    """Return 12 for 12.0 so that a float-typed prediction still matches an integer gold value."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def pred_key(pred: dict[str, Any]) -> Key:
    """Return the comparison key of a predicted claim."""
    return tuple(_number(pred.get(f)) for f in KEY_FIELDS)


def gold_key(gold: dict[str, Any]) -> Key:
    """Return the comparison key of a gold claim, lists made hashable and order-free."""
    return tuple(tuple(sorted(v)) if isinstance(v, list) else v for v in (gold.get(f) for f in KEY_FIELDS))


def accepts(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Return whether a predicted claim has a key the gold claim accepts."""
    for f in KEY_FIELDS:
        got = _number(pred.get(f))
        if f in LISTABLE_FIELDS:
            if isinstance(got, list) or got not in _alternatives(gold.get(f)):
                return False
        elif got != gold.get(f):
            return False
    return True


def field_errors(gold: dict[str, Any], pred: dict[str, Any]) -> list[str]:
    """Return what a matched prediction gets wrong beyond its key (empty when all is right)."""
    errors = []
    for f in ("qualifier", "stance"):
        if pred.get(f) != gold[f]:
            errors.append(f"{f}: expected {gold[f]!r}, got {pred.get(f)!r}")
    # Where the text names no day (gold null), the extractor may date the claim to the day before
    # publication, but only as a flagged guess (date_basis "published"), which the product shows
    # as inferred; any other date there, or a wrong date where gold has one, is an error.
    guessed = gold["event_date"] is None and pred.get("date_basis") == "published"
    if not guessed and _iso(pred.get("event_date")) != _iso(gold["event_date"]):
        errors.append(f"event_date: expected {_iso(gold['event_date'])}, got {_iso(pred.get('event_date'))}")
    missing = sorted(set(gold["provinces"]) - set(pred.get("provinces") or []))
    if missing:
        errors.append(f"provinces: missing {missing}, got {sorted(pred.get('provinces') or [])}")
    return errors


@dataclass
class Comparison:
    """How one article's predicted claims compare with its gold claims."""

    tp: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[tuple[dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)

    @property
    def fp(self) -> int:
        return len(self.spurious)

    @property
    def fn(self) -> int:
        return len(self.missed)


def _dedupe_gold(golds: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return gold claims with one per key, a required claim winning over an optional one."""
    kept: dict[Key, dict[str, Any]] = {}
    for g in sorted(golds, key=lambda g: bool(g.get("optional"))):
        kept.setdefault(gold_key(g), g)
    return list(kept.values())


def compare(golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]]) -> Comparison:
    """Return the greedy one-to-one match of distinct predicted keys to gold claims, as score.py does."""
    golds = _dedupe_gold(golds)
    groups: dict[Key, list[dict[str, Any]]] = {}
    for p in preds:
        groups.setdefault(pred_key(p), []).append(p)
    result = Comparison()
    used: set[int] = set()
    for group in groups.values():
        first = group[0]
        index = next((i for i, g in enumerate(golds) if i not in used and accepts(g, first)), None)
        if index is None:
            if not any(g.get("optional") and accepts(g, first) for g in golds):
                result.spurious.append(first)
            continue
        used.add(index)
        gold = golds[index]
        if gold.get("optional"):
            continue
        result.tp += 1
        # The same key may come from several sentences; one right reading is enough.
        attempts = [(p, field_errors(gold, p)) for p in group]
        if all(errors for _, errors in attempts):
            pred, errors = min(attempts, key=lambda a: len(a[1]))
            result.wrong.append((gold, pred, errors))
    result.missed = [g for i, g in enumerate(golds) if i not in used and not g.get("optional")]
    return result


# --- running the extractor -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """The extractor's claims for one case, as spec dicts, and any broken evidence offsets."""

    specs: list[dict[str, Any]]
    offset_errors: list[str]


@cache
def run_case(name: str) -> Run:
    """Return the extractor's output for one case (computed once per test session)."""
    return run_article(CASES_BY_NAME[name])


def run_article(case: Case) -> Run:
    """Return the extractor's output for one article, with any broken evidence offsets."""
    from app.extraction import claim_to_spec, extract  # imported late: the corpus checks run without it

    name = case.name
    result = extract(case.text, published=case.published, title=case.title)
    specs, offset_errors = [], []
    for claim in result.claims:
        spec = dict(claim_to_spec(claim, name))
        specs.append(spec)
        span = case.text[claim.start:claim.end]
        if span != claim.evidence or spec.get("evidence") != claim.evidence:
            offset_errors.append(
                f"EVIDENCE {pred_key(spec)}: text[{claim.start}:{claim.end}] is {span[:80]!r}, "
                f"evidence is {str(claim.evidence)[:80]!r}"
            )
    return Run(specs=specs, offset_errors=offset_errors)


def _describe(claim: dict[str, Any]) -> str:
    """Return one line naming a claim's key, reading and sentence."""
    key = tuple(claim.get(f) for f in KEY_FIELDS)
    reading = f"{claim.get('qualifier')}/{claim.get('stance')}/{_iso(claim.get('event_date'))}"
    return f"{key} {reading} {claim.get('provinces') or []} :: {str(claim.get('evidence', ''))[:150]}"


def report(case: Case, comparison: Comparison, run: Run) -> str:
    """Return a failure message listing exactly what was missed, spurious or wrong."""
    lines = [f"{case.name}: {comparison.tp} right, {comparison.fp} spurious, {comparison.fn} missed"]
    lines += [f"  MISSED   {_describe(g)}" for g in comparison.missed]
    lines += [f"  SPURIOUS {_describe(p)}" for p in comparison.spurious]
    for gold, pred, errors in comparison.wrong:
        evidence = str(pred.get("evidence", ""))[:150]
        lines.append(f"  WRONG    {gold_key(gold)}: {'; '.join(errors)} :: {evidence}")
    lines += [f"  {e}" for e in run.offset_errors]
    return "\n".join(lines)


def _case_param(case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_case_param(c) for c in CASES])
def test_extractor_reads_case(case: Case) -> None:
    run = run_case(case.name)
    comparison = compare(case.claims, run.specs)
    ok = not (comparison.missed or comparison.spurious or comparison.wrong or run.offset_errors)
    assert ok, report(case, comparison, run)


def _corpus_f1(cases: list[Case]) -> tuple[float, str]:
    """(F1, a one-line summary) of the extractor over `cases`, micro-averaged as score.py counts."""
    tp = fp = fn = 0
    for case in cases:
        comparison = compare(case.claims, run_case(case.name).specs)
        tp, fp, fn = tp + comparison.tp, fp + comparison.fp, fn + comparison.fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, (f"corpus of {len(cases)} articles: {tp} right, {fp} spurious, {fn} missed; "
                f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")


def test_corpus_score_reaches_floor() -> None:
    f1, summary = _corpus_f1(CASES)
    print(summary)
    offsets = [e for case in CASES for e in run_case(case.name).offset_errors]
    assert not offsets, "evidence offsets broken:\n" + "\n".join(offsets[:20])
    assert f1 >= CORPUS_F1_FLOOR, summary
    earlier = [c for c in CASES if case_number(c.name) <= EARLIER_CORPUS_LAST]
    f1_earlier, summary_earlier = _corpus_f1(earlier)
    assert f1_earlier >= EARLIER_CORPUS_F1_FLOOR, summary_earlier


# --- the corpus itself -----------------------------------------------------------------------------------


def _check_party_field(
    name: str, value: Any, allowed: frozenset[str], forbidden: frozenset[str]
) -> list[str]:
    """Return problems with a claimant/subject field: a known id, a state id, or a list of them."""
    values = value if isinstance(value, list) else [value]
    problems = []
    if isinstance(value, list) and (len(set(map(str, value))) < 2 or len(set(map(str, value))) != len(value)):
        problems.append(f"{name}: a list must hold two or more distinct values, got {value!r}")
    for v in values:
        if not isinstance(v, str) or not STATE_ID.match(v):
            problems.append(f"{name}: {v!r} is not an id")
        elif v in forbidden or (v not in allowed and v in METRICS | QUALIFIERS | STANCES):
            problems.append(f"{name}: {v!r} is not allowed here")
    return problems


def claim_problems(claim: Any, text: str, published: date | None) -> list[str]:
    """Return everything wrong with one expected claim against the spec (empty when valid)."""
    if not isinstance(claim, dict):
        return [f"claim is not a mapping: {claim!r}"]
    if set(claim) != CLAIM_FIELDS:
        missing, unknown = sorted(CLAIM_FIELDS - set(claim)), sorted(set(claim) - CLAIM_FIELDS)
        return [f"fields: missing {missing}, unknown {unknown}"]
    p = _check_party_field("claimant", claim["claimant"], LEXICON_PARTIES | SOURCES, NON_PARTY_SUBJECTS)
    p += _check_party_field("subject", claim["subject"], LEXICON_PARTIES | NON_PARTY_SUBJECTS, SOURCES)
    metrics = _alternatives(claim["metric"])
    if not metrics <= METRICS or (isinstance(claim["metric"], list) and len(metrics) < 2):
        p.append(f"metric: {claim['metric']!r} is not in the spec")
    value, high = claim["value"], claim["value_high"]
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        p.append(f"value: {value!r} is not a non-negative integer")
    if value is None and claim["stance"] != "denies":
        p.append("value: only a denial may come without a number")
    if high is not None and (not isinstance(high, int) or not isinstance(value, int) or high <= value):
        p.append(f"value_high: {high!r} is not an integer above value {value!r}")
    if claim["qualifier"] not in QUALIFIERS:
        p.append(f"qualifier: {claim['qualifier']!r} is not in the spec")
    elif (claim["qualifier"] == "range") != (high is not None):
        p.append("qualifier: 'range' goes with value_high, and only with it")
    if claim["stance"] not in STANCES:
        p.append(f"stance: {claim['stance']!r} is not in the spec")
    claimants, subjects = _alternatives(claim["claimant"]), _alternatives(claim["subject"])
    if claim["stance"] == "acknowledges" and not claimants & subjects:
        p.append("stance: a party acknowledges only its own count (a claimant must be the subject)")
    if (claim["stance"] == "asserts" and len(claimants) == 1 and claimants == subjects
            and metrics <= LOSS_METRICS):
        p.append("stance: a party's figure for its own loss is 'acknowledges', not 'asserts'")
    if claim["event_date"] is not None:
        day = claim["event_date"]
        if not isinstance(day, date):
            p.append(f"event_date: {day!r} is not a date (write YYYY-MM-DD unquoted)")
        elif published and day > published:
            p.append(f"event_date: {day} is after publication {published}")
    provinces = claim["provinces"]
    if not isinstance(provinces, list) or not all(isinstance(x, str) and x.strip() for x in provinces):
        p.append(f"provinces: {provinces!r} is not a list of names")
    elif len(set(provinces)) != len(provinces):
        p.append(f"provinces: {provinces!r} repeats a name")
    evidence = claim["evidence"]
    if not isinstance(evidence, str) or not evidence.strip():
        p.append("evidence: empty")
    elif evidence not in text:
        p.append(f"evidence is not a substring of the text: {evidence[:100]!r}")
    elif evidence != evidence.strip() or "\n" in evidence:
        p.append(f"evidence must be one trimmed sentence or line: {evidence[:100]!r}")
    if not isinstance(claim["optional"], bool):
        p.append(f"optional: {claim['optional']!r} is not true/false")
    return p


def case_problems(case: Case) -> list[str]:
    """Return everything wrong with one case file (empty when valid)."""
    raw = case.raw
    if not CASE_FILE_NAME.match(case.name + ".yaml"):
        return [f"file name {case.name}.yaml is not NNN_words.yaml"]
    present = set(raw) - OPTIONAL_CASE_FIELDS
    if present != CASE_FIELDS:
        return [f"fields: missing {sorted(CASE_FIELDS - present)}, unknown {sorted(present - CASE_FIELDS)}"]
    conflict = raw.get("conflict", "x")
    if not (isinstance(conflict, str) and STATE_ID.match(conflict.replace("-", "_"))):
        return [f"conflict: {raw['conflict']!r} is not a lower-case slug like 'afghanistan-pakistan'"]
    problems = []
    for name in ("title", "outlet", "xfail"):
        if raw[name] is not None and (not isinstance(raw[name], str) or not raw[name].strip()):
            problems.append(f"{name}: must be null or a non-empty string")
    if raw["published"] is not None and not isinstance(raw["published"], date):
        problems.append(f"published: {raw['published']!r} is not a date (write YYYY-MM-DD unquoted)")
    if not isinstance(raw["text"], str) or not raw["text"].strip():
        return [*problems, "text: empty"]
    if not isinstance(raw["claims"], list):
        return [*problems, "claims: must be a list ([] for none)"]
    for i, claim in enumerate(raw["claims"]):
        problems += [f"claim {i}: {msg}" for msg in claim_problems(claim, case.text, case.published)]
    if not problems:
        keys = [gold_key(c) for c in raw["claims"]]
        problems += [f"claim key listed twice: {k}" for k in sorted(set(keys), key=str) if keys.count(k) > 1]
    return problems


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_case_file_is_valid(case: Case) -> None:
    problems = case_problems(case)
    assert not problems, f"{case.name}.yaml:\n  " + "\n  ".join(problems)


def test_corpus_is_valid_and_varied() -> None:
    without_claims = [c.name for c in CASES if not c.claims]
    assert len(CASES) >= MIN_CASES, f"only {len(CASES)} cases"
    assert len(without_claims) >= MIN_CASES_WITHOUT_CLAIMS, f"only {len(without_claims)} cases without claims"
    numbers = [case_number(c.name) for c in CASES]
    assert len(set(numbers)) == len(numbers), "two case files share a number"


def _claim(claimant: Any, metric: str, subject: str, value: Any, **reading: Any) -> dict[str, Any]:
    """Return a claim dict for the runner's own tests, with an exact, undated, unplaced reading by default."""
    base: dict[str, Any] = {
        "qualifier": "exact", "stance": "asserts", "event_date": None, "provinces": [], "optional": False,
    }
    keys = {"claimant": claimant, "metric": metric, "subject": subject, "value": value, "value_high": None}
    return {**keys, **base, **reading}


def test_comparison_counts_like_the_scorer() -> None:
    # The runner's own matching, on a hand-made article: lists are alternatives, an
    # optional claim is neither required nor penalised, a repeated key counts once.
    golds = [
        _claim(["unattributed", "afghanistan"], "killed", "pakistan", 12,
               event_date=date(2025, 10, 11), provinces=["Kunar"]),
        _claim("pakistan", "killed", "pakistan", 0, stance="acknowledges", optional=True),
        _claim("pakistan", "wounded", "pakistan", 3, stance="acknowledges"),
    ]
    preds = [
        _claim("afghanistan", "killed", "pakistan", 12.0,
               event_date="2025-10-11", provinces=["Kunar", "Khost"]),
        _claim("afghanistan", "killed", "pakistan", 12, qualifier="about"),
        _claim("pakistan", "killed", "pakistan", 0, stance="acknowledges"),
        _claim("pakistan", "killed", "afghanistan", 3),
    ]
    result = compare(golds, preds)
    assert (result.tp, result.fp, result.fn) == (1, 1, 1)
    assert result.wrong == []  # one of the two readings of the 12 is right
    assert [pred_key(p) for p in result.spurious] == [("pakistan", "killed", "afghanistan", 3, None)]
    assert [g["metric"] for g in result.missed] == ["wounded"]
    wrong = compare(golds[:1], [{**preds[0], "stance": "acknowledges", "provinces": []}]).wrong
    assert [errors for _, _, errors in wrong] == [
        ["stance: expected 'asserts', got 'acknowledges'", "provinces: missing ['Kunar'], got []"]
    ]


def test_case_validation_catches_a_broken_claim() -> None:
    # The corpus check must be able to fail: a claim with a made-up metric, an own loss
    # read as an assertion, a range without its qualifier and evidence not in the text.
    text = "The army said 23 of its soldiers were killed."
    bad = _claim("pakistan", "martyrs", "pakistan", 23, evidence="23 soldiers were killed.")
    bad_range = _claim("pakistan", "killed", "pakistan", 23, value_high=30, stance="acknowledges",
                       evidence="The army said 23 of its soldiers were killed.")
    assert claim_problems(bad, text, None) == [
        "metric: 'martyrs' is not in the spec",
        "evidence is not a substring of the text: '23 soldiers were killed.'",
    ]
    assert claim_problems(_claim("pakistan", "killed", "pakistan", 23, evidence=text), text, None) == [
        "stance: a party's figure for its own loss is 'acknowledges', not 'asserts'"
    ]
    assert claim_problems(bad_range, text, None) == [
        "qualifier: 'range' goes with value_high, and only with it"
    ]
