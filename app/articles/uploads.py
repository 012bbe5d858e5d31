"""An uploaded file's bytes as article text, with a message a person can act on for each bad file."""

from __future__ import annotations

import codecs

from app.errors import Invalid
from app.extraction.sources import HTML_SUFFIXES, SourceError, decode

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_like_utf16(raw: bytes) -> bool:
    """True when every other byte of the start is NUL, as in UTF-16 text of a Latin script."""
    head = raw[:4096]
    if len(head) < 8:
        return False
    half = len(head) // 2
    return max(head[0::2].count(0), head[1::2].count(0)) > 0.6 * half


def read_upload(raw: bytes, name: str) -> str:
    """The article text of an uploaded file (UTF-8, or UTF-16/32 with a byte-order mark; HTML made text)."""
    if not raw.strip():
        raise Invalid(f"The file {name} is empty; choose the file that holds the article.")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                raw = raw.decode(encoding).encode("utf-8")
            except UnicodeDecodeError:
                raise Invalid(f"The file {name} starts as {encoding.upper()} text but is not; "
                              "save it as UTF-8.") from None
            break
    else:
        if _looks_like_utf16(raw):
            raise Invalid(f"The file {name} looks like UTF-16 text without a byte-order mark; "
                          "save it as UTF-8 and choose it again.")
    try:
        text = decode(raw, name)
    except SourceError as exc:
        raise Invalid(str(exc)) from None
    if not text.strip():
        if name.lower().endswith(HTML_SUFFIXES) or raw.lstrip()[:1] == b"<":
            raise Invalid(f"The page {name} has no readable text (no paragraphs or headings); "
                          "paste the article's text instead.")
        raise Invalid(f"The file {name} holds only blank space.")
    return text
