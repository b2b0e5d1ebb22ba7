"""GET /api/export: the filtered events as a downloaded file, the temporary file cleaned up."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.io.export.test_store import make_store
from warta.io.export import CSV_COLUMNS
from warta.io.export.gdelt import GDELT_COLUMNS
from warta.web.app import create_app

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    return TestClient(create_app(db=make_store(tmp_path_factory.mktemp("dl") / "w.db")))


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("warta-export-*")}


def test_csv_download_follows_the_filters(client: TestClient) -> None:
    before = _leftovers()
    response = client.get("/api/export", params={"format": "csv", "type": "PROTEST", "exclude": "future"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and ".csv" in disposition
    frame = pd.read_csv(io.BytesIO(response.content))
    assert tuple(frame.columns) == CSV_COLUMNS and list(frame["type"]) == ["PROTEST"]
    everything = pd.read_csv(io.BytesIO(client.get("/api/export", params={"limit": 1}).content))
    assert len(everything) == 6  # whole, not a page
    assert _leftovers() == before


def test_other_formats(client: TestClient) -> None:
    parquet = client.get("/api/export", params={"format": "parquet", "actor": "org:polri"})
    assert parquet.status_code == 200 and ".parquet" in parquet.headers["content-disposition"]
    frame = pd.read_parquet(io.BytesIO(parquet.content))
    assert list(frame["type"]) == ["COERCE"]
    plover = client.get("/api/export", params={"format": "plover", "type": "CONSULT"})
    assert plover.status_code == 200 and len(plover.text.splitlines()) == 2
    gdelt = client.get("/api/export", params={"format": "gdelt-tsv", "header": "true"})
    assert gdelt.text.split("\n", 1)[0].split("\t") == list(GDELT_COLUMNS)


def test_bad_requests_name_the_problem(client: TestClient) -> None:
    wrong = client.get("/api/export", params={"format": "xlsx"})
    assert wrong.status_code == 400 and "format" in wrong.json()["detail"] and "parquet" in wrong.json()["detail"]
    bad_date = client.get("/api/export", params={"since": "kemarin"})
    assert bad_date.status_code == 400 and "since" in bad_date.json()["detail"]
