"""One error handler: JSON for the API, a fragment for htmx, a full page otherwise."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from app.errors import CounterclaimError
from app.templating import templates
from app.web.security import HEADERS

log = logging.getLogger("counterclaim")


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


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(CounterclaimError)
    async def on_domain_error(request: Request, exc: CounterclaimError) -> Response:
        titles = {404: "Not found", 403: "Not allowed", 422: "Invalid input", 400: "Bad request",
                  429: "Too many attempts"}
        return respond(request, exc.status_code, titles.get(exc.status_code, "Error"), exc.message)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, "Invalid input", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and exc.detail == "Not Found":
            return respond(request, 404, "Not found", f"There is no page at {request.url.path}.")
        return respond(request, exc.status_code, "Error", str(exc.detail))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        response = respond(request, 500, "Server error", "Something went wrong on our side; it has been logged.")
        # A 500 is answered outside the middleware stack: add its headers here.
        for name, value in HEADERS:
            response.headers[name.decode()] = value.decode()
        return response
