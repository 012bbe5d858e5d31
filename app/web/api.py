"""The JSON API for writing: ingest an article through the same pipeline as every other path."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, HttpUrl, model_validator

from app.config import Settings
from app.incidents.queries import facet_cache
from app.parties import service as parties
from app.pipeline import MAX_TEXT_CHARS, MAX_UPLOAD_BODY, fetch_page, ingest_article, ingest_page
from app.review import service as review
from app.review.models import User
from app.web.auth import require
from app.web.deps import DbSession, get_settings
from app.web.schemas import PartyOut

router = APIRouter(prefix="/api", tags=["api"])


class ArticleIn(BaseModel):
    """An article's text with its metadata, or only a URL: the page is then fetched and read."""

    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    url: HttpUrl | None = None
    published: date | None = None

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if self.text is None and self.url is None:
            raise ValueError("send the article's text, or its url to fetch it from the web")
        return self


class IngestOut(BaseModel):
    article_id: int
    created: bool
    claims: int
    incidents: list[int]
    url: str
    version: int | None = None


@router.post("/articles", response_model=IngestOut, status_code=201, max_body_size=MAX_UPLOAD_BODY,
             responses={200: {"model": IngestOut, "description": "The same text was stored before (created false)"}},
             summary="Ingest one article (editor; send the X-CSRF-Token header of your session)")
def create_article(
    body: ArticleIn,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User, Depends(require("editor"))],
) -> JSONResponse:
    if body.text is None:
        page = fetch_page(settings=settings, url=str(body.url))
        result = ingest_page(session=session, settings=settings, page=page)
    else:
        result = ingest_article(
            session=session, settings=settings, text=body.text, title=body.title, outlet=body.outlet,
            url=str(body.url) if body.url else None, published=body.published,
        )
    review.audit(session=session, user=user, action="ingest" if result.created else "ingest-duplicate",
                 target_type="article", target_id=result.article_id, detail={"claims": result.claims})
    facet_cache.clear()
    out = IngestOut(article_id=result.article_id, created=result.created, claims=result.claims,
                    incidents=list(result.incidents), url=f"/articles/{result.article_id}",
                    version=result.version)
    return JSONResponse(out.model_dump(), status_code=201 if result.created else 200)


@router.get("/parties", summary="Every party that claims or suffers a figure", response_model=list[PartyOut])
async def list_parties(session: DbSession) -> list[dict[str, str]]:
    return [{"id": p.id, "name": p.display_name, "kind": p.kind} for p in parties.list_(session=session)]
