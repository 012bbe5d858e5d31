"""Static files under fingerprinted names, compressed once and cached by browsers for a year.

`asset_url("vendor/plotly-basic.min.js")` gives "/assets/<digest>/vendor/plotly-basic.min.js",
where <digest> is the start of the file's SHA-256: a new version of a file gets a new URL, so
the old one may be cached as immutable. The bytes and their gzip form are kept in memory.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from app.config import PROJECT_DIR
from app.recheck import Recheck

STATIC_DIR = PROJECT_DIR / "static"
DIGEST_CHARS = 12
# Worth compressing; images such as the favicon and already compressed formats are sent as they are.
COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".txt")


@dataclass(frozen=True, slots=True)
class Asset:
    """One static file as served: its bytes, their gzip form (None when not worth it), type and digest."""

    body: bytes
    gzipped: bytes | None
    media_type: str
    digest: str
    mtime_ns: int


_cache: dict[str, Asset] = {}


def _path(name: str) -> Path | None:
    """The file `name` (relative to static/) if it exists there, None otherwise (or if it escapes)."""
    path = (STATIC_DIR / name).resolve()
    if not path.is_relative_to(STATIC_DIR.resolve()) or not path.is_file():
        return None
    return path


# Where each existing asset is, resolved once (every page asks for a few; resolving costs more than the rest).
_paths: dict[str, Path] = {}
_recheck = Recheck()


def load(name: str) -> Asset | None:
    """The static file `name` with its digest and compressed form; read again when it changed on disk
    (looked at no more than once a second)."""
    cached = _cache.get(name)
    if cached is not None and not _recheck.due(name):
        return cached
    path = _paths.get(name) or _path(name)
    if path is None:
        return None
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:  # removed since
        _paths.pop(name, None)
        _cache.pop(name, None)
        return None
    _paths[name] = path  # only names of files that exist: a bounded set
    if cached is None:
        _recheck.due(name)  # the first look at an existing file (an unknown name is never recorded)
    if cached is not None and cached.mtime_ns == mtime:
        return cached
    body = path.read_bytes()
    gzipped = gzip.compress(body, compresslevel=9, mtime=0) if path.suffix in COMPRESSIBLE else None
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or path.suffix in (".js", ".json", ".svg"):
        media_type += "; charset=utf-8"
    asset = Asset(body=body, gzipped=gzipped if gzipped and len(gzipped) < len(body) else None,
                  media_type=media_type, digest=hashlib.sha256(body).hexdigest()[:DIGEST_CHARS], mtime_ns=mtime)
    _cache[name] = asset
    return asset


def asset_url(name: str) -> str:
    """The fingerprinted URL of static/`name`; the plain /static/ URL if the file is missing."""
    asset = load(name)
    return f"/assets/{asset.digest}/{name}" if asset is not None else f"/static/{name}"
