"""The JSON API and the dashboard pages through FastAPI's TestClient."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from warta.store import connect
from warta.store.write import save_documents
from warta.web.app import create_app

PAGES = ["/", "/events", "/timeline", "/network", "/map", "/articles", "/entities", "/quotes", "/docs"]
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def db(tmp_path_factory, analysed):
    path = tmp_path_factory.mktemp("web") / "w.db"
    conn = connect(path)
    save_documents(conn, analysed["samples"] + analysed["meeting"] + analysed["hostile"], fingerprint="f", run_id=None)
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db=db))


def _ids(client, path):
    return {e["id"] for e in client.get(path).json()["events"]}


def test_events_api_filters_and_pages(client):
    data = client.get("/api/events").json()
    assert set(data) >= {"events", "total"} and data["total"] >= len(data["events"]) > 0
    consult = client.get("/api/events", params={"type": "CONSULT", "limit": 500}).json()
    assert consult["events"] and {e["type"] for e in consult["events"]} == {"CONSULT"}
    xi = client.get("/api/events", params={"actor": "Xi Jinping"}).json()["events"]
    assert xi and all(any("Xi" in a["name"] for a in e["source"] + e["target"]) for e in xi)
    page2 = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert not _ids(client, "/api/events?limit=2") & {e["id"] for e in page2["events"]}
    assert client.get("/api/events", params={"since": "2024-13-01"}).status_code == 400
    assert "since" in client.get("/api/events", params={"since": "nope"}).json()["detail"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_event_article_entities_quotes(client):
    event = client.get("/api/events", params={"type": "CONSULT", "actor": "Xi"}).json()["events"][0]
    one = client.get(f"/api/events/{event['id']}").json()
    assert one["cluster"]["num_articles"] == 2 and len(one["cluster"]["members"]) == 2
    doc = client.get(f"/api/articles/{event['article']['id']}").json()
    assert doc["schema"] == "warta.document/1" and doc["events"]
    found = client.get("/api/articles", params={"q": "Chengdu"}).json()
    assert found["total"] == 2 and set(found) >= {"articles", "total"}
    assert client.get("/api/entities", params={"q": "Xi"}).json()["entities"][0]["name"] == "Xi Jinping"
    assert "quotes" in client.get("/api/quotes", params={"speaker": "Jok"}).json()
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/articles/999999").status_code == 404


def test_every_page_renders_and_has_a_json_twin(client):
    for path in PAGES:
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        twin = re.search(r'class="json-twin" href="([^"]+)"', response.text)
        assert twin, path
        assert client.get(twin.group(1).replace("&amp;", "&")).status_code == 200, twin.group(1)
    event_id = client.get("/api/events").json()["events"][0]["id"]
    assert client.get(f"/events/{event_id}", headers=HTML).status_code == 200
    assert 'class="ent' in client.get("/articles/1", headers=HTML).text


def test_charts_are_inline_svg(client):
    for path in ("/timeline", "/network", "/map"):
        assert "<svg" in client.get(path, headers=HTML).text
    assert client.get("/api/timeline").json()["buckets"]
    assert client.get("/api/network").json()["edges"]
    assert client.get("/api/map").json()["countries"]


def test_untrusted_text_is_escaped_everywhere(client):
    hostile = client.get("/api/articles", params={"q": "DROP TABLE"}).json()["articles"][0]
    pages = [f"/articles/{hostile['id']}", "/articles", "/articles?q=script", "/events", "/quotes", "/entities", "/",
             "/network", "/map", "/timeline"]
    for path in pages:
        html = client.get(path, headers=HTML).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Situs" not in html, path
        assert len(re.findall(r"<script\b", html)) == 1, path  # only our own /static/warta.js
        assert not re.search(r"\son\w+=", html.replace("onerror=alert", "")), path
    article = client.get(f"/articles/{hostile['id']}", headers=HTML).text
    assert "&lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt;" in article


@pytest.mark.parametrize("value", ["'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "NEAR(", '"', "*", "😀"])
def test_hostile_filters_return_normal_results(client, value):
    total = client.get("/api/events").json()["total"]
    for param in ("actor", "country", "q"):
        response = client.get("/api/events", params={param: value})
        assert response.status_code == 200 and "events" in response.json()
        assert client.get("/events", params={param: value}, headers=HTML).status_code == 200
    for param in ("type", "quad", "sector", "exclude"):  # closed vocabularies: a 400 naming the filter
        response = client.get("/api/events", params={param: value})
        assert response.status_code == 400 and response.json()["detail"].startswith(f"{param}: ")
        assert client.get("/events", params={param: value}, headers=HTML).status_code == 400
    assert client.get("/api/articles", params={"q": value}).status_code == 200
    assert client.get("/api/quotes", params={"speaker": value}).status_code == 200
    assert client.get("/api/events").json()["total"] == total


def test_read_only_by_default(client):
    response = client.post("/api/articles", json={"text": "Presiden bertemu menteri."})
    assert response.status_code == 403 and "--allow-ingest" in response.json()["detail"]


def test_ingest_with_token(db, tmp_path):
    import shutil

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    client = TestClient(create_app(db=copy, ingest_token="rahasia"))
    article = {"title": "Menlu Bertemu Mitra", "published": "2024-02-12", "url": "https://contoh.test/post",
               "text": "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo, Senin (12/2/2024)."}
    assert client.post("/api/articles", json=article).status_code == 401
    assert client.post("/api/articles", json=article, headers={"Authorization": "Bearer salah"}).status_code == 401
    ok = client.post("/api/articles", json=article, headers={"Authorization": "Bearer rahasia"})
    assert ok.status_code == 201, ok.text
    created = ok.json()
    assert created["events"] >= 1 and client.get(f"/api/articles/{created['id']}").json()["title"] == article["title"]
    again = client.post("/api/articles", json=article, headers={"Authorization": "Bearer rahasia"}).json()
    assert again["id"] == created["id"]  # same URL: replaced, not copied
    bad = client.post("/api/articles", json={"text": ""}, headers={"Authorization": "Bearer rahasia"})
    assert bad.status_code == 422


def test_missing_or_corrupt_store_is_a_503(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    client = TestClient(create_app(db=bad))
    response = client.get("/api/events")
    assert response.status_code == 503 and "bad.db" in response.json()["detail"]


def test_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}", "/api/entities",
            "/api/quotes"} <= set(spec["paths"])


def test_ingest_door_is_checked_before_the_body_is_read(db, tmp_path, monkeypatch):
    import shutil

    from warta.web.guard import ENVELOPE_BYTES

    monkeypatch.setenv("WARTA_MAX_BYTES", "1000")
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    closed = TestClient(create_app(db=copy))
    huge = b'{"text": "' + b"a" * 200_000 + b'"}'
    # ingest off: 403 whatever the body (even one that is not JSON)
    assert closed.post("/api/articles", content=b"not json" * 10).status_code == 403
    client = TestClient(create_app(db=copy, ingest_token="rahasia"))
    # the scheme is required: a bare token is not a bearer token
    assert client.post("/api/articles", json={"text": "Presiden bertemu menteri."},
                       headers={"Authorization": "rahasia"}).status_code == 401
    auth = {"Authorization": "Bearer rahasia", "Content-Type": "application/json"}
    too_big = client.post("/api/articles", content=huge, headers=auth)
    assert too_big.status_code == 413 and str(1000 + ENVELOPE_BYTES) in too_big.json()["detail"]

    def chunks():  # streamed without a Content-Length
        yield b'{"text": "'
        for _ in range(40):
            yield b"a" * 10_000
        yield b'"}'

    streamed = client.post("/api/articles", content=chunks(), headers=auth)
    assert streamed.status_code == 413
    assert client.get("/api/articles").json()["total"] == closed.get("/api/articles").json()["total"]


@pytest.mark.parametrize("path", ["/api/events/9223372036854775808", "/api/articles/99999999999999999999",
                                  "/events/9223372036854775808", "/articles/-1",
                                  "/api/events?offset=9223372036854775808", "/api/articles?offset=99999999999",
                                  "/api/quotes?offset=10000000000", "/events?offset=9223372036854775808"])
def test_ids_and_offsets_beyond_sqlite_integers_are_client_errors(client, path):
    assert client.get(path).status_code == 422


def test_a_server_error_keeps_the_security_headers(db, monkeypatch):
    import warta.web.json_api as web_api

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(web_api, "query_events", broken)
    client = TestClient(create_app(db=db), raise_server_exceptions=False)
    for path in ("/api/events", "/api/events?type=CONSULT"):
        response = client.get(path)
        assert response.status_code == 500 and response.json() == {"detail": "internal error"}
        assert response.headers["Content-Security-Policy"] and response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/healthz").headers["Referrer-Policy"] == "no-referrer"
