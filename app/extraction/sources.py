"""Article files and their manifest: text, title, outlet, URL and publication date per file.

A manifest is a JSON list of {file, title, outlet, url, published} (any may be null), as in
seeds/manifest.json. HTML files are turned into text with selectolax.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
MAX_FILE_BYTES = 5_000_000


class SourceError(ValueError):
    """A file or manifest that cannot be read, with the reason."""


@dataclass(frozen=True, slots=True)
class Source:
    """One article as read from disk, with what the manifest says about it."""

    name: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def parse_date(value: object, where: str) -> date | None:
    """An ISO date (YYYY-MM-DD) or None; anything else is a SourceError naming `where`."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SourceError(f"{where}: the date must be a string YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise SourceError(f"{where}: {value!r} is not a date of the form YYYY-MM-DD") from None


def _text_or_none(entry: dict[str, object], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(f"{where}: {key!r} must be a string or null, not {value!r}")
    return value.strip() or None


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """The manifest's entries by file name."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the manifest ({exc})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, list):
        raise SourceError(f"{path}: a manifest is a JSON list of {{file, title, outlet, url, published}}")
    entries: dict[str, ManifestEntry] = {}
    for i, item in enumerate(data):
        where = f"{path} entry {i + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"]:
            raise SourceError(f"{where}: each entry needs a non-empty \"file\" name")
        entries[Path(item["file"]).name] = ManifestEntry(
            title=_text_or_none(item, "title", where),
            outlet=_text_or_none(item, "outlet", where),
            url=_text_or_none(item, "url", where),
            published=parse_date(item.get("published"), where),
        )
    return entries


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: paragraphs and headings, one per line."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, nav, footer, header, aside, form"):
        node.decompose()
    blocks = [n.text(separator=" ", strip=True) for n in tree.css("h1, h2, h3, p, li, blockquote")]
    lines = [" ".join(b.split()) for b in blocks if b and b.strip()]
    if lines:
        return "\n".join(lines)
    body = tree.body
    return " ".join((body.text(separator=" ") if body else "").split())


def decode(raw: bytes, name: str) -> str:
    """The text of a file's bytes (UTF-8, HTML turned into text)."""
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(f"{name}: {len(raw):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit")
    if b"\x00" in raw[:4096]:
        raise SourceError(f"{name}: looks like a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if name.lower().endswith(HTML_SUFFIXES) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text = html_to_text(text)
    return text


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the article files inside named folders, sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
            )
        elif path.is_file():
            files.append(path)
        else:
            raise SourceError(f"{path}: no such file or folder")
    return files


def folder_manifest(paths: Iterable[Path]) -> Path | None:
    """The manifest.json of the one folder among `paths`, if it has one."""
    folders = [p for p in paths if p.is_dir()]
    if len(folders) == 1 and (folders[0] / "manifest.json").is_file():
        return folders[0] / "manifest.json"
    return None


def read_sources(
    paths: Iterable[Path], *, manifest: dict[str, ManifestEntry] | None = None, published: date | None = None
) -> Iterator[Source]:
    """Each file as a Source; `published` is the fallback where the manifest gives no date."""
    manifest = manifest or {}
    for path in expand(paths):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
        entry = manifest.get(path.name, ManifestEntry())
        yield Source(
            name=path.name,
            text=decode(raw, path.name),
            title=entry.title,
            outlet=entry.outlet,
            url=entry.url,
            published=entry.published or published,
        )
