"""The web app reuses its read connections and still answers what the store holds now."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import warta.web.deps as deps
from tests.store.test_cache import meeting
from warta.store import connect
from warta.store.write import save_documents
from warta.web.app import create_app


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "kolam.db"
    conn = connect(path)
    save_documents(conn, [meeting("protest_1", date="2025-03-11")], fingerprint="f", run_id=None)
    conn.close()
    return path


def test_requests_share_one_connection(db, monkeypatch):
    opened = []
    real = deps.connect

    def counting(*args, **kwargs):
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(deps, "connect", counting)
    client = TestClient(create_app(db=db))
    for path in ("/api/events", "/api/overview", "/api/timeline", "/api/network", "/api/map", "/events", "/"):
        assert client.get(path).status_code == 200, path
    assert len(opened) == 1


def test_a_write_elsewhere_is_answered_at_once(db):
    client = TestClient(create_app(db=db))
    assert client.get("/api/overview").json()["counts"]["events"] == 1
    assert client.get("/api/events", params={"type": "CONSULT"}).json()["total"] == 1
    assert len(client.get("/api/network").json()["nodes"]) == 2
    assert "Dewi" not in client.get("/network").text and "Budi" in client.get("/network").text  # drawn once
    writer = connect(db)
    save_documents(writer, [meeting("election_1", date="2025-03-14", actors=("Dewi", "Agus"))],
                   fingerprint="f", run_id=None)
    assert client.get("/api/overview").json()["counts"]["events"] == 2
    assert client.get("/api/events", params={"type": "CONSULT"}).json()["total"] == 2
    assert len(client.get("/api/network").json()["nodes"]) == 4
    assert "Dewi" in client.get("/network").text


def test_a_store_replaced_at_the_same_path_is_opened_anew(db, tmp_path):
    client = TestClient(create_app(db=db))
    assert client.get("/api/events").json()["total"] == 1
    other = tmp_path / "lain.db"
    conn = connect(other)
    save_documents(conn, [meeting("flood", date="2025-03-12"), meeting("election_2", date="2025-03-14")],
                   fingerprint="f", run_id=None)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for side in db.parent.glob(db.name + "-*"):
        side.unlink()
    other.replace(db)
    assert client.get("/api/events").json()["total"] == 2


def test_a_vanished_store_is_a_503_and_then_served_again(db, tmp_path):
    client = TestClient(create_app(db=db))
    assert client.get("/api/events").status_code == 200
    moved = tmp_path / "pindah.db"
    db.replace(moved)
    response = client.get("/api/events")
    assert response.status_code == 503 and "kolam.db" in response.json()["detail"]
    moved.replace(db)
    assert client.get("/api/events").json()["total"] == 1
