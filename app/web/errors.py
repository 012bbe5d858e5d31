"""One error handler: JSON for the API, a fragment for htmx, a full page otherwise."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from app.errors import CounterclaimError
from app.templating import templates

log = logging.getLogger("counterclaim")


class ErrorOut(BaseModel):
    """Every error answer of the JSON API: a short title and a message a person can act on."""

    error: str
    detail: str


def _error(description: str) -> dict[str, Any]:
    # An inline schema, not `model`: FastAPI would document a model in the route's own media type
    # (text/csv for the CSV export), while errors are always JSON.
    return {"description": description,
            "content": {"application/json": {"schema": ErrorOut.model_json_schema()}}}


# Documented on every operation (OpenAPI): what each error status means here.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _error("The request could not be read (e.g. a body that is not UTF-8)"),
    403: _error("Sign in, hold the role, and send the session's CSRF token"),
    404: _error("No such record"),
    413: {"description": "The body is over the size limit", "content": {"text/plain": {}}},
    415: _error("The body must be sent as application/json"),
    422: _error("A parameter or field is not valid; the detail names it and the fix"),
    429: _error("Too many attempts; wait and try again"),
    503: _error("The database is busy or out of reach; nothing was saved; try again"),
}


def wants_json(request: Request) -> bool:
    """True for API paths, `.json` twins and clients that ask for JSON only."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.startswith("/api/") or path.endswith((".json", ".csv")) or accept.startswith("application/json")


def respond(request: Request, status: int, title: str, message: str) -> Response:
    """The error answer in the form the client understands."""
    if wants_json(request):
        return JSONResponse({"error": title, "detail": message}, status_code=status)
    context = {"status": status, "title": title, "message": message}
    if request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request"):
        # Show the message above the form the user is editing, rather than replacing the page.
        response = templates.TemplateResponse(request, "_error.html", context, status_code=status)
        if request.headers.get("HX-Target") == "dashboard":
            # A filter the list cannot take: the message replaces the results, so that no old
            # results stand under it as if they answered the new filters; the form stays as typed.
            response.headers["HX-Retarget"] = "#results"
        else:
            response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path", "form"))
        value = err.get("input")
        shown = ""
        if isinstance(value, str | int | float) and value != "":
            text = str(value)
            shown = f" (got {text[:80]!r}{'…' if len(text) > 80 else ''})"
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid value')}{shown}")
    return "; ".join(parts) or "The request is not valid."


def _json_message(body: object) -> str:
    """Where and why a body is not JSON."""
    where = ""
    if isinstance(body, str):
        try:
            json.loads(body)
        except json.JSONDecodeError as exc:
            where = f": {exc.msg} at line {exc.lineno}, column {exc.colno}"
    return f"The body is not valid JSON{where}. Send one JSON object, e.g. {{\"text\": \"...\"}}."


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(CounterclaimError)
    async def on_domain_error(request: Request, exc: CounterclaimError) -> Response:
        titles = {404: "Not found", 403: "Not allowed", 422: "Invalid input", 400: "Bad request",
                  429: "Too many attempts"}
        return respond(request, exc.status_code, titles.get(exc.status_code, "Error"), exc.message)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return respond(request, 422, "Invalid JSON", _json_message(exc.body))
        if isinstance(exc.body, bytes):
            # FastAPI parses the body as JSON only when the request says it is JSON.
            sent = request.headers.get("content-type") or "no Content-Type"
            return respond(request, 415, "Not JSON",
                           f"Send the body as JSON with the header Content-Type: application/json (got {sent}).")
        return respond(request, 422, "Invalid input", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if isinstance(exc.__cause__, UnicodeDecodeError):
            return respond(request, 400, "Not UTF-8",
                           f"The body is not UTF-8 text (byte {exc.__cause__.start} is not); send JSON encoded "
                           "as UTF-8.")
        if exc.status_code == 404 and exc.detail == "Not Found":
            return respond(request, 404, "Not found", f"There is no page at {request.url.path}.")
        return respond(request, exc.status_code, "Error", str(exc.detail))

    async def on_database_unavailable(request: Request, exc: Exception) -> Response:
        # A lock held too long by another writer, a lost connection, no free connection in the
        # pool: the transaction was rolled back, so the client must hear that nothing was stored.
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        response = respond(request, 503, "Database busy",
                           "The database is busy or out of reach, so nothing was saved; try again in a moment.")
        response.headers["Retry-After"] = "2"
        return response

    app.add_exception_handler(OperationalError, on_database_unavailable)
    app.add_exception_handler(PoolTimeout, on_database_unavailable)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, 500, "Server error", "Something went wrong on our side; it has been logged.")
