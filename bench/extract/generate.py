"""Generate a deterministic corpus of synthetic conflict news articles for the extraction benchmark.

Usage: python bench/extract/generate.py [-n 1000] [--seed 20251012] [--txt]

Articles (about 700 words, 5-15 planted claims in about 9 claim sentences, the rest filler with
numbers that are not claims) are written to bench/out/extract/articles.jsonl
with the claims planted in them; --txt also writes one .txt per article and a
manifest.json in the seeds' format, for the project's `extract` command.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from claims import Planted, iso
from filler import boilerplate_line, context_sentence, filler_paragraph, quote_sentence
from story import StoryState, denial, evidence, other_voice_claim, party_claim, quoted_claim
from vocab import CONFLICT_WEIGHTS, CONFLICTS, MONTHS, WEEKDAYS, Conflict

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE.parent / "out" / "extract"
DEFAULT_N = 1000
DEFAULT_SEED = 20251012
BYLINES = ("Shivangi Sharma", "Ahmad Khan", "Sara Malik", "Nok Chaiyaporn", "Olena Koval", "Tahir Khan")
# Short names for headlines.
SHORT: dict[str, str] = {
    "afghanistan": "Taliban",
    "pakistan": "Pakistan",
    "ttp": "TTP",
    "india": "India",
    "thailand": "Thailand",
    "cambodia": "Cambodia",
    "russia": "Russia",
    "ukraine": "Ukraine",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One synthetic article and the claims planted in it."""

    name: str
    title: str | None
    published: date | None
    text: str
    conflicts: tuple[str, ...]
    claims: tuple[Planted, ...]

    @property
    def words(self) -> int:
        """Return the number of whitespace-separated words in the text."""
        return len(self.text.split())


def _when(rng: random.Random, published: date | None) -> tuple[str, date | None]:
    """Return a phrase dating the story's clash and the day it resolves to against `published`."""
    ref = published or date(2025, 10, 12)
    day = ref - timedelta(days=rng.randint(1, 6))
    wd = WEEKDAYS[day.weekday()]
    options: list[tuple[str, date | None]] = [
        (f" on {wd}", day),
        (f" on {wd}", day),
        (f" late on {wd}", day),
        (f" on {wd} night", day),
        (" yesterday", ref - timedelta(days=1)),
        (f" on {day.day} {MONTHS[day.month - 1]} {day.year}", day),
        (f" on {MONTHS[day.month - 1]} {day.day}", day),
        (" overnight", None),
        (" earlier this week", None),
    ]
    phrase, when = rng.choice(options)
    explicit = phrase[4:5].isdigit() or phrase.startswith(" on " + MONTHS[day.month - 1])
    return phrase, when if (published or explicit) else None


def _title(s: str) -> str:
    """Return `s` in headline case: every word capitalised except short function words."""
    small = {"of", "the", "in", "on", "and", "a", "at"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in s.split(" "))


def _headline(rng: random.Random, st: StoryState, lead: Planted | None, lead_fig: str | None) -> str:
    """Return a headline; one that states a figure repeats the lead claim's key."""
    c = st.conflict
    if lead and lead_fig and lead.metric == "killed" and lead.subject in SHORT and lead.claimant in SHORT:
        party = c.a if lead.subject == c.a.id else c.b
        victims = rng.choice(party.people if lead.value != 1 else party.person)
        fig = lead_fig[:1].upper() + lead_fig[1:]
        who = SHORT[lead.claimant]
        return rng.choice(
            (
                f"{who} Claims {fig} {_title(victims)} Killed in Border Clashes",
                f"{who} says {lead_fig} {victims} killed",
                f"{who}: {fig} {_title(victims)} Killed{_title(st.when)}",
            )
        )
    a, b = SHORT[c.a.id], SHORT[c.b.id]
    return rng.choice(
        (
            f"Tensions Flare Along {c.line_name.title().replace('The ', 'the ')} as {a} and {b} Trade Fire",
            f"'Op Successful': {c.a.adj} Forces Clash With {c.b.adj} Soldiers",
            f"{a}-{b} clashes: what we know so far",
            f"{b} Vows 'Full Force' Response After Attack",
        )
    )


def story(
    rng: random.Random,
    conflict: Conflict,
    published: date | None,
    n_claims: int,
    words: int,
    with_headline: bool,
    used: set[str],
) -> tuple[str | None, list[str], list[Planted]]:
    """Return (headline, paragraphs, planted claims) of one story of about `words` words.

    `used` collects the filler templates the page has used, so that none repeats.
    """
    when, event_date = _when(rng, published)
    places = [(p.phrase, p.province) for p in rng.sample(conflict.places, min(3, len(conflict.places)))]
    st = StoryState(conflict, published, places, when, event_date)
    year = (published or date(2025, 10, 12)).year
    # The lede: a count in the first sentence, most often of the dead.
    lead_sentence, lead_claims = (
        other_voice_claim(rng, st)
        if rng.random() < 0.3
        else party_claim(rng, st, "killed" if rng.random() < 0.7 else None)
    )
    lead_claims = evidence(st, lead_sentence, lead_claims)
    sentences: list[list[str]] = [[lead_sentence]]
    made = len(lead_claims)
    while made < n_claims:
        r = rng.random()
        make = party_claim if r < 0.62 else quoted_claim if r < 0.74 else other_voice_claim if r < 0.87 else denial
        s, planted = make(rng, st)
        planted = evidence(st, s, planted)
        if not planted and made + 1 < n_claims:
            sentences[-1].append(s)
            continue
        made += max(1, len(planted))
        if len(sentences[-1]) < rng.choice((1, 2, 2, 3)):
            sentences[-1].append(s)
        else:
            sentences.append([s])
    claim_paras = []
    for group in sentences:
        extra = [
            context_sentence(rng, conflict, year, used)
            if rng.random() < 0.7
            else quote_sentence(rng, conflict, year, used)
            for _ in range(rng.choice((0, 1, 1, 2)))
        ]
        mixed = group + extra
        if group is not sentences[0]:
            rng.shuffle(mixed)  # later paragraphs may open with context, the lede never does
        claim_paras.append(" ".join(mixed))
    paras = claim_paras[:2]
    rest = claim_paras[2:]
    total = sum(len(p.split()) for p in claim_paras)
    fillers = []
    while total < words:
        p = filler_paragraph(rng, conflict, year, rng.randint(3, 5), used)
        fillers.append(p)
        total += len(p.split())
    # Claims cluster early in news writing; most filler (background, trade, diplomacy) trails them.
    tail = list(rest)
    for p in fillers:
        if rng.random() < 0.4:
            tail.insert(rng.randint(0, len(tail)), p)
        else:
            tail.append(p)
    paras += tail
    if rng.random() < 0.5:
        dl = rng.choice(conflict.datelines)
        month = MONTHS[(published or date(2025, 10, 12)).month - 1][:3]
        day = (published or date(2025, 10, 12)).day
        prefix = rng.choice(
            (f"{dl}, {month} {day} (Reuters) - ", f"{dl}: ", f"{dl} — ", f"{dl.title()}, {month} {day}: ")
        )
        paras[0] = prefix + paras[0]
    lead = lead_claims[0] if lead_claims else None
    lead_fig = None
    if lead and lead.value is not None and lead.value_high is None and lead.qualifier == "exact":
        lead_fig = f"{lead.value:,}"
    title = _headline(rng, st, lead, lead_fig) if with_headline else None
    return title, paras, st.claims


def article(rng: random.Random, index: int) -> Article:
    """Return the `index`-th article of a corpus drawn from `rng`."""
    keys = list(CONFLICT_WEIGHTS)
    conflicts = {c.key: c for c in CONFLICTS}
    published = None if rng.random() < 0.1 else date(2024, 1, 1) + timedelta(days=rng.randint(0, 1030))
    target = int(min(1000, max(450, rng.gauss(645, 110))))
    n_claims = rng.randint(5, 15)
    n_stories = rng.choices((1, 2, 3), (75, 18, 7))[0]
    chosen = [rng.choices(keys, [CONFLICT_WEIGHTS[k] for k in keys])[0] for _ in range(n_stories)]
    header: list[str] = []
    layout = rng.randrange(4)
    if layout == 1:
        header.append(rng.choice(("Asia In News", "Border Watch", "The Frontier Post", "South Asia Monitor")))
    elif layout == 2:
        stamp = published or date(2025, 10, 12)
        header += [
            f"- By {rng.choice(BYLINES)}",
            f"- {WEEKDAYS[stamp.weekday()][:3]}, {stamp.day} {MONTHS[stamp.month - 1][:3]} {stamp.year} "
            f"{rng.randint(1, 12):02d}:{rng.randint(0, 59):02d} {rng.choice(('AM', 'PM'))} (PKT)",
            f"- Source: {rng.choice(('JND', 'Agencies', 'Staff report', 'News desk'))}",
        ]
    blocks: list[str] = []
    used: set[str] = set()
    planted: list[Planted] = []
    title: str | None = None
    sep = rng.choice(("\n", "\n\n"))
    for i, key in enumerate(chosen):
        share = n_claims // n_stories + (1 if i < n_claims % n_stories else 0)
        with_headline = layout != 2 or i > 0
        head, paras, claims = story(
            rng, conflicts[key], published, max(1, share), target // n_stories, with_headline, used
        )
        if title is None and head is not None and i == 0:
            title = head
        if rng.random() < 0.3:
            paras.insert(
                rng.randint(1, len(paras)),
                boilerplate_line(rng, conflicts[key], (published or date(2025, 1, 1)).year),
            )
        blocks.append("\n\n".join(filter(None, [head, sep.join(paras)])))
        planted += claims
    text = "\n".join([*header, ""] if header else []) + "\n\n\n".join(blocks) + "\n"
    # Some pages carry the headline only in their metadata, not in the text.
    if title and layout == 3 and rng.random() < 0.5:
        text = text.split("\n\n", 1)[1]
    name = f"{index:04d}_{'_'.join(dict.fromkeys(chosen))}.txt"
    return Article(name, title, published, text, tuple(dict.fromkeys(chosen)), tuple(planted))


def generate(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[Article]:
    """Return `n` articles; the same `n` and `seed` always give the same corpus."""
    rng = random.Random(seed)
    return [article(rng, i) for i in range(n)]


def source_digest() -> str:
    """Return a digest of the generator's source, so a stale corpus on disk is noticed."""
    h = hashlib.sha256()
    for name in ("generate.py", "story.py", "claims.py", "filler.py", "vocab.py"):
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def _to_json(a: Article) -> str:
    """Return one article as a JSON line."""
    d = asdict(a)
    d["published"] = iso(a.published)
    return json.dumps(d, ensure_ascii=False)


def _from_json(line: str) -> Article:
    """Return the article a JSON line holds."""
    d = json.loads(line)
    claims = tuple(Planted(**{**c, "provinces": tuple(c["provinces"])}) for c in d["claims"])
    published = date.fromisoformat(d["published"]) if d["published"] else None
    return Article(d["name"], d["title"], published, d["text"], tuple(d["conflicts"]), claims)


def write(articles: list[Article], out: Path, meta: dict[str, object], txt: bool = False) -> None:
    """Write the corpus as JSON lines (and, with `txt`, as text files plus a manifest)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(_to_json(a) + "\n")
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if txt:
        tdir = out / "txt"
        tdir.mkdir(exist_ok=True)
        for old in tdir.glob("*.txt"):
            old.unlink()  # names carry the conflicts, so a new corpus would not overwrite them all
        manifest = []
        for a in articles:
            (tdir / a.name).write_text(a.text, encoding="utf-8")
            manifest.append(
                {
                    "file": a.name,
                    "title": a.title,
                    "outlet": None,
                    "published": iso(a.published),
                    "note": "synthetic (bench/extract/generate.py)",
                }
            )
        (tdir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def load_or_generate(n: int = DEFAULT_N, seed: int = DEFAULT_SEED, out: Path = OUT_DIR) -> list[Article]:
    """Return the corpus from `out` when it was made by this generator with these settings, else make it."""
    meta: dict[str, object] = {"n": n, "seed": seed, "source": source_digest()}
    try:
        if json.loads((out / "meta.json").read_text(encoding="utf-8")) == meta:
            with (out / "articles.jsonl").open(encoding="utf-8") as f:
                return [_from_json(line) for line in f]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing or unreadable: make it again
    articles = generate(n, seed)
    write(articles, out, meta)
    return articles


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus and print its size; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=DEFAULT_N, help="number of articles")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--txt", action="store_true", help="also write .txt files and manifest.json under OUT/txt")
    args = ap.parse_args(argv)
    articles = generate(args.n, args.seed)
    write(articles, args.out, {"n": args.n, "seed": args.seed, "source": source_digest()}, txt=args.txt)
    words = [a.words for a in articles]
    claims = sum(len(a.claims) for a in articles)
    print(
        f"{len(articles)} articles, mean {sum(words) / len(words):.0f} words "
        f"(min {min(words)}, max {max(words)}), {claims} planted claims -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
