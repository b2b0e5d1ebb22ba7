"""POST /api/articles under load: its analysis runs off the event loop (a slow ingest does not
block a concurrent read), `--max-bytes` is honoured, and a document whose analysis is skipped
(a runaway past the time budget) is refused with the reason instead of being stored empty."""

from __future__ import annotations

import sys
import threading
import time

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient

from warta.model import Document
from warta.store import connect
from warta.web.app import create_app

AUTH = {"Authorization": "Bearer rahasia"}
ARTICLE = {"title": "Menlu Bertemu Mitra", "published": "2024-02-12",
           "text": "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo, Senin (12/2/2024)."}


@pytest.fixture
def empty_db(tmp_path):
    path = tmp_path / "kosong.db"
    connect(path).close()
    return path


def test_slow_ingest_does_not_block_a_concurrent_read(empty_db, monkeypatch):
    import warta.api

    started, release = threading.Event(), threading.Event()

    def slow_pipe(articles, **kw):  # an analysis that takes as long as the test wants
        (article,) = list(articles)
        started.set()
        release.wait(timeout=30)
        yield Document(article=article, language="id")

    monkeypatch.setattr(warta.api, "pipe", slow_pipe)
    app = create_app(db=empty_db, ingest_token="rahasia")
    timings: dict[str, float] = {}

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://warta.test") as client:
            async def post() -> None:
                response = await client.post("/api/articles", json=ARTICLE, headers=AUTH)
                timings["post_status"] = response.status_code

            async with anyio.create_task_group() as group:
                group.start_soon(post)
                await anyio.to_thread.run_sync(started.wait, 30)  # the analysis is under way
                begin = time.monotonic()
                read = await client.get("/api/articles")
                timings["get"] = time.monotonic() - begin
                timings["get_status"] = read.status_code
                timings["post_done_before_get"] = float("post_status" in timings)
                release.set()

    anyio.run(scenario)
    assert timings["get_status"] == 200 and timings["get"] < 5
    assert timings["post_done_before_get"] == 0  # the read was answered while the ingest was still running
    assert timings["post_status"] == 201


def test_max_bytes_is_honoured_by_the_app_and_serve(empty_db, monkeypatch, capsys):
    client = TestClient(create_app(db=empty_db, ingest_token="rahasia", max_bytes=200))
    too_long = client.post("/api/articles", json={**ARTICLE, "text": "Presiden bertemu menteri. " * 20}, headers=AUTH)
    assert too_long.status_code == 413 and "200 bytes" in too_long.json()["detail"]
    assert client.get("/api/articles").json()["total"] == 0
    with pytest.raises(ValueError, match="max_bytes"):
        create_app(db=empty_db, max_bytes=0)

    import uvicorn

    from warta.cli import main

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.setdefault("app", application))
    monkeypatch.setattr(sys, "argv", ["warta", "serve", "--db", str(empty_db), "--max-bytes", "321"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code in (0, None) and served["app"].state.max_bytes == 321


def test_a_skipped_analysis_is_refused_not_stored(empty_db, monkeypatch):
    import warta.api
    from warta.api import skipped_document

    def runaway_pipe(articles, **kw):
        for article in articles:
            yield skipped_document(article, language="id", reason="skipped: analysis took longer than 2 s")

    monkeypatch.setattr(warta.api, "pipe", runaway_pipe)
    client = TestClient(create_app(db=empty_db, ingest_token="rahasia"))
    response = client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 422 and "longer than 2 s" in response.json()["detail"]
    assert client.get("/api/articles").json()["total"] == 0


def test_a_read_only_store_refuses_ingest_with_503(empty_db, monkeypatch):
    import warta.api

    monkeypatch.setattr(warta.api, "pipe", lambda articles, **kw: iter([Document(article=next(iter(articles)),
                                                                                   language="id")]))
    monkeypatch.setattr("warta.store.db.os.access", lambda p, mode, **kw: not mode & 2)
    client = TestClient(create_app(db=empty_db, ingest_token="rahasia"))
    response = client.post("/api/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 503 and "kosong.db: read-only" in response.json()["detail"]


def test_too_many_waiting_ingests_are_refused_and_reads_go_on(empty_db, monkeypatch):
    import warta.api
    from warta.web.json_api import MAX_WAITING_INGESTS

    started, release = threading.Event(), threading.Event()

    def slow_pipe(articles, **kw):
        (article,) = list(articles)
        started.set()
        release.wait(timeout=30)
        yield Document(article=article, language="id")

    monkeypatch.setattr(warta.api, "pipe", slow_pipe)
    app = create_app(db=empty_db, ingest_token="rahasia")
    statuses: list[int] = []
    seen: dict[str, object] = {}

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://warta.test", timeout=60) as client:
            async def post(i: int) -> None:
                body = {**ARTICLE, "url": f"https://contoh.test/{i}", "text": f"{ARTICLE['text']} Nomor {i}."}
                statuses.append((await client.post("/api/articles", json=body, headers=AUTH)).status_code)

            async with anyio.create_task_group() as group:
                for i in range(MAX_WAITING_INGESTS + 2):
                    group.start_soon(post, i)
                await anyio.to_thread.run_sync(started.wait, 30)
                while len(statuses) < 2:  # the two over the limit are answered at once
                    await anyio.sleep(0.05)
                seen["refused_early"] = sorted(statuses)
                seen["read"] = (await client.get("/api/articles")).status_code
                release.set()

    anyio.run(scenario)
    assert seen["refused_early"] == [503, 503] and seen["read"] == 200
    assert sorted(statuses) == [201] * MAX_WAITING_INGESTS + [503, 503]
