"""The API documentation page: Swagger UI from static/, started by a static script."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
async def api_docs(request: Request) -> Response:
    return render(request, "api_docs.html", {"title": "API"})
