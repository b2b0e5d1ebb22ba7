"""The warta web app: the JSON API and the dashboard over one store.

Read-only unless created with an ``ingest_token``. Every response carries a strict Content
Security Policy (scripts and styles only from ``/static``), so even a missed escape could not
run article text in a browser.
"""

from __future__ import annotations

import logging
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta import __version__
from warta.web.links import inline_code, source_link

log = logging.getLogger(__name__)
#: Paths answered in JSON even on error (everything else is a page and gets an HTML error page).
JSON_PREFIXES = ("/api", "/openapi.json", "/healthz", "/static")
HEADINGS = {400: "Bad request", 404: "Not found", 422: "Invalid parameters", 500: "Internal error",
            503: "Store unavailable"}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(*, db: str | Path, ingest_token: str | None = None, max_bytes: int | None = None) -> FastAPI:
    """The ASGI app serving the store at ``db``; ``ingest_token`` enables ``POST /api/articles``, for
    articles of at most ``max_bytes`` (default: the readers' limit, 5 MB or ``$WARTA_MAX_BYTES``).

    ``POST /api/articles`` is a plain (not ``async``) route, so its analysis runs in the thread pool and
    never blocks the event loop: reads go on while an article is analysed."""
    from warta.web import downloads, json_api, pages

    app = FastAPI(title="warta", version=__version__, docs_url=None, redoc_url=None,
                  description="Political events, entities and quotes from Indonesian news.")
    app.state.db = Path(db)
    app.state.ingest_token = ingest_token
    from warta.io.readers.base import default_max_bytes

    if max_bytes is not None and max_bytes < 1:
        raise ValueError(f"max_bytes: {max_bytes} is not a positive number of bytes")
    app.state.max_bytes = max_bytes or default_max_bytes()
    root = resources.files("warta.web")
    templates = Jinja2Templates(directory=str(root.joinpath("templates")))
    templates.env.globals["version"] = __version__
    templates.env.globals["ingest_enabled"] = ingest_token is not None
    templates.env.globals["source_link"] = source_link
    templates.env.filters["inline_code"] = inline_code
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(root.joinpath("static"))), name="static")
    app.include_router(json_api.router)
    app.include_router(downloads.router)  # /api/export: the current filter as a file
    app.include_router(pages.router)

    from warta.web.guard import IngestGuard, SecurityHeaders

    app.add_middleware(IngestGuard, max_bytes=app.state.max_bytes)
    app.add_middleware(SecurityHeaders, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                                 "Referrer-Policy": "no-referrer"})

    def wants_json(request: Request) -> bool:
        accept = request.headers.get("accept", "")
        return request.url.path.startswith(JSON_PREFIXES) or ("json" in accept and "html" not in accept)

    def error_page(request: Request, status: int, detail: Any, problems: list[dict[str, str]] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
        context = {"status": status, "heading": HEADINGS.get(status), "detail": detail, "problems": problems,
                   "json_twin": None}
        headers = {**(headers or {}), "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
        return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
        detail = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else \
            f"There is no page at {request.url.path}."
        return error_page(request, exc.status_code, detail, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        problems = [{"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "request",
                     "message": str(e.get("msg", ""))} for e in exc.errors()]
        return error_page(request, 422, "Some parameters of this address are not valid:", problems)

    @app.exception_handler(sqlite3.DatabaseError)
    async def store_error(request: Request, exc: sqlite3.DatabaseError) -> Response:
        """A store damaged after it opened (corrupt pages, a dropped table): 503 naming the file."""
        from warta.store.db import describe_error

        log.error("store error serving %s: %s", request.url.path, exc)
        detail = describe_error(app.state.db, exc)
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=503)
        return error_page(request, 503, detail)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        if wants_json(request):  # answered outside the middleware stack: the security headers are set here
            return JSONResponse({"detail": "internal error"}, status_code=500,
                                headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                         "Referrer-Policy": "no-referrer"})
        return error_page(request, 500, "Something went wrong on our side; the error was logged.")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app


def jsonable(errors: Any) -> Any:
    """Validation errors as FastAPI returns them by default (contexts made JSON-safe)."""
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
