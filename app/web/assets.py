"""/assets/<digest>/<path>: static files under fingerprinted URLs, gzip-compressed, cached for a year."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app import assets
from app.errors import NotFound

router = APIRouter()
IMMUTABLE = "public, max-age=31536000, immutable"


@router.get("/assets/{digest}/{name:path}", include_in_schema=False)
async def asset(request: Request, digest: str, name: str) -> Response:
    found = assets.load(name)
    if found is None or found.digest != digest:
        # An old digest after an update, or no such file: never serve other bytes under a URL
        # that browsers keep for a year.
        raise NotFound(f"There is no asset {name} with digest {digest}; reload the page for current links.")
    headers = {"Cache-Control": IMMUTABLE, "ETag": f'"{found.digest}"', "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == f'"{found.digest}"':
        return Response(status_code=304, headers=headers)
    if found.gzipped is not None and "gzip" in request.headers.get("accept-encoding", "").lower():
        headers["Content-Encoding"] = "gzip"
        return Response(found.gzipped, media_type=found.media_type, headers=headers)
    return Response(found.body, media_type=found.media_type, headers=headers)
