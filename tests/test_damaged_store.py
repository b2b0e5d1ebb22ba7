"""A store damaged after it opens (a dropped table) is named, not a traceback: exit 4 on the CLI,
503 on the API and the pages."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient

from warta.store import connect
from warta.store.write import save_documents
from warta.web.app import create_app


@pytest.fixture
def damaged(tmp_path, analysed):
    path = tmp_path / "rusak.db"
    conn = connect(path)
    save_documents(conn, analysed["samples"], fingerprint="f", run_id=None)
    conn.execute("DROP TABLE event_actors")
    conn.commit()
    conn.close()
    return path


def test_cli_names_the_damaged_store_and_exits_4(damaged, monkeypatch, capsys):
    from warta.cli import main

    monkeypatch.setattr(sys, "argv", ["warta", "events", "--db", str(damaged), "--actor", "Jokowi"])
    with pytest.raises(SystemExit) as ended:
        main()
    assert ended.value.code == 4
    err = capsys.readouterr().err
    assert "rusak.db" in err and "event_actors" in err and "Traceback" not in err


def test_api_and_pages_answer_503_naming_the_store(damaged):
    client = TestClient(create_app(db=damaged), raise_server_exceptions=False)
    api = client.get("/api/events", params={"actor": "Jokowi"})
    assert api.status_code == 503 and "rusak.db" in api.json()["detail"]
    page = client.get("/events", params={"actor": "Jokowi"})
    assert page.status_code == 503 and "rusak.db" in page.text and "text/html" in page.headers["content-type"]
    assert page.headers["Content-Security-Policy"]
