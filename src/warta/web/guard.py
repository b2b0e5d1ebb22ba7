"""The ingest door, checked before a body is read: ``POST /api/articles`` is refused with 403 when
ingest is off and 401 without ``Authorization: Bearer TOKEN`` (the scheme is required), and a body
over the size limit is refused with 413 from its ``Content-Length`` or, when it is streamed without
one, as soon as it passes the limit. Nothing of a refused body is kept in memory.

A pure ASGI middleware: FastAPI would otherwise parse the whole JSON body before the endpoint can
look at the token.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.exceptions import HTTPException

INGEST_PATH = "/api/articles"
#: JSON around the text (quotes, keys, escapes) may add this much to the size limit of the text.
ENVELOPE_BYTES = 64 * 1024


class TooLarge(HTTPException):
    """A streamed body passed the limit (an HTTPException, so FastAPI's body parsing passes it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"body: larger than {limit} bytes")


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, or None (other schemes included)."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class SecurityHeaders:
    """Adds ``headers`` to every HTTP response, error pages included (a pure ASGI middleware: Starlette's
    ``@app.middleware("http")`` runs each request through an extra task and stream, which costs every request)."""

    def __init__(self, app: Any, *, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class IngestGuard:
    """Checks the ingest door of ``app`` (token from ``app.state.ingest_token``; limit in bytes)."""

    def __init__(self, app: Any, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") != INGEST_PATH:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        token = getattr(scope["app"].state, "ingest_token", None) if "app" in scope else None
        if token is None:
            await _refuse(send, 403, "ingest is disabled; start the server with --allow-ingest")
            return
        given = bearer_token(headers.get("authorization"))
        if given is None or not hmac.compare_digest(given.encode(), token.encode()):
            await _refuse(send, 401, "missing or wrong token (send 'Authorization: Bearer TOKEN')")
            return
        limit = self.max_bytes + ENVELOPE_BYTES
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(send, 413, f"body: larger than {limit} bytes")
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})
