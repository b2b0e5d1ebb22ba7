"""The API's shared multi-select filters, alias-aware lookups and stemmed search (issue 13), on a
small hand-made store (no pipeline)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.store.test_issue13_store import issue13_documents
from warta.store import connect
from warta.store.write import save_documents
from warta.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("api13") / "w.db"
    conn = connect(path)
    save_documents(conn, issue13_documents(), fingerprint="f", run_id=None)
    conn.close()
    return TestClient(create_app(db=path))


def _total(client, query: str) -> int:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_repeated_params_are_multi_select(client):
    assert _total(client, "") == 6
    assert _total(client, "type=ASSAULT&type=PROTEST") == 3
    assert _total(client, "type=ASSAULT,PROTEST&type=") == 3  # commas split, empty form fields are absent
    assert _total(client, "quad=material-conflict") == _total(client, "quad=4") == 3
    assert _total(client, "quad=verbal-coop&quad=verbal-conflict") == 3
    assert _total(client, "sector=JUD") == 1
    assert _total(client, "exclude=negated&exclude=future") == 4
    assert _total(client, "min_confidence=0.5") == 5 and _total(client, "min_confidence=") == 6
    assert _total(client, "type=ASSAULT&exclude=negated&min_confidence=0.5") == 0
    assert client.get("/api/timeline?quad=4").json()["undated"] == 1
    assert client.get("/api/map?type=ASSAULT").json()["country_level"][0]["iso3"] == "ISR"


@pytest.mark.parametrize(("query", "name"), [
    ("type=MEETING", "type"), ("quad=green", "quad"), ("sector=XYZ", "sector"), ("exclude=historical", "exclude"),
    ("min_confidence=high", "min_confidence"), ("min_confidence=2", "min_confidence")])
def test_bad_filter_is_a_400_naming_it(client, query, name):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400 and response.json()["detail"].startswith(f"{name}: ")


def test_aliases_find_actors_entities_and_speakers(client):
    assert _total(client, "actor=Jokowi") == _total(client, "actor=Joko%20Widodo") == 1
    assert _total(client, "actor=KPK") == 1
    entities = client.get("/api/entities", params={"q": "Jokowi"}).json()["entities"]
    assert [e["kb"] for e in entities] == ["per:joko-widodo"]
    quotes = client.get("/api/quotes", params={"speaker": "jokowi"}).json()
    assert quotes["total"] == 1 and quotes["quotes"][0]["speaker"] == "Joko Widodo"


def test_search_matches_indonesian_word_forms(client):
    found = client.get("/api/articles", params={"q": "serang"}).json()
    assert found["total"] == 3 and all("\x02" in a["snippet"] for a in found["articles"])
    assert client.get("/api/articles", params={"q": '"serangan rudal"'}).json()["total"] == 1
    assert _total(client, "q=serang&type=ASSAULT") == 2
