"""warta's HTTP layer: the FastAPI app (:mod:`warta.web.app`), JSON API, dashboard pages and charts."""
