"""The warta web app: the JSON API and the dashboard over one store.

Read-only unless created with an ``ingest_token``. Every response carries a strict Content
Security Policy (scripts and styles only from ``/static``), so even a missed escape could not
run article text in a browser.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from warta import __version__

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(*, db: str | Path, ingest_token: str | None = None) -> FastAPI:
    """The ASGI app serving the store at ``db``; ``ingest_token`` enables ``POST /api/articles``."""
    from warta.web import api, pages

    app = FastAPI(title="warta", version=__version__, docs_url=None, redoc_url=None,
                  description="Political events, entities and quotes from Indonesian news.")
    app.state.db = Path(db)
    app.state.ingest_token = ingest_token
    root = resources.files("warta.web")
    templates = Jinja2Templates(directory=str(root.joinpath("templates")))
    templates.env.globals["version"] = __version__
    templates.env.globals["ingest_enabled"] = ingest_token is not None
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(root.joinpath("static"))), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail,
                                                                  "json_twin": None}, status_code=exc.status_code)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return app
