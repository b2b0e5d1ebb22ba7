"""The corpus commands end to end: ingest, search, events, export; their errors and exit codes."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.conftest import SAME_MEETING, write_jsonl
from warta.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    feed = write_jsonl(root / "berita.jsonl", SAME_MEETING)
    path = root / "w.db"
    result = runner.invoke(app, ["ingest", "--db", str(path), str(feed)])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_reports_and_is_idempotent(db, tmp_path):
    feed = write_jsonl(tmp_path / "again.jsonl", SAME_MEETING)
    result = runner.invoke(app, ["ingest", "--json", "--db", str(db), str(feed)])
    assert result.exit_code == 0
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["unchanged"] == 2 and report["stored"] == 0 and report["status"] == "complete"


def test_ingest_failures_exit_1_and_store_the_rest(tmp_path):
    feed = write_jsonl(tmp_path / "b.jsonl", SAME_MEETING[:1])
    with open(feed, "a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "w.db"), str(feed)])
    assert result.exit_code == 1 and "b.jsonl" in result.stderr and "line 2" in result.stderr


def test_search_and_events(db):
    found = runner.invoke(app, ["search", "--db", str(db), "--json", "Chengdu"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 2
    events = runner.invoke(app, ["events", "--db", str(db), "--json", "--type", "CONSULT", "--actor", "Xi"])
    data = json.loads(events.stdout)
    assert data["total"] == 2 and all(e["cluster"]["num_sources"] == 2 for e in data["events"])
    table = runner.invoke(app, ["events", "--db", str(db), "--dedupe"])
    assert table.exit_code == 0 and "CONSULT" in table.stdout
    bad = runner.invoke(app, ["events", "--db", str(db), "--since", "kemarin"])
    assert bad.exit_code == 2 and "since" in bad.output


@pytest.mark.parametrize("fmt", ["jsonl", "plover", "gdelt-tsv", "csv", "parquet"])
def test_export_formats_open_in_pandas_and_pyarrow(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    if fmt in ("jsonl", "plover"):
        frame = pd.read_json(out, lines=True)
        assert len(frame) == (2 if fmt == "jsonl" else len(out.read_text(encoding="utf-8").splitlines()))
    elif fmt == "gdelt-tsv":
        from warta.io.export.gdelt import GDELT_COLUMNS

        frame = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS)  # GDELT files have no header
        assert frame.shape[1] == 61 and (frame["NumArticles"] >= 1).all() and frame["NumSources"].max() == 2
    elif fmt == "csv":
        assert len(pd.read_csv(out)) >= 2
    else:
        assert pq.read_table(out).num_rows >= 2


def test_export_errors(db, tmp_path):
    unknown = runner.invoke(app, ["export", "--db", str(db), "--format", "xlsx", "--out", str(tmp_path / "x")])
    assert unknown.exit_code == 2 and "xlsx" in unknown.output
    nodir = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "no" / "x.csv")])
    assert nodir.exit_code == 1 and not (tmp_path / "no").exists()


def test_bad_store_exits_4_with_the_file_named(tmp_path):
    bad = tmp_path / "rusak.db"
    bad.write_bytes(b"not sqlite" * 500)
    for args in (["events"], ["search", "x"], ["export", "--format", "csv", "--out", str(tmp_path / "o.csv")]):
        result = runner.invoke(app, [*args, "--db", str(bad)])
        assert result.exit_code == 4 and "rusak.db" in result.stderr, args
    ingest = runner.invoke(app, ["ingest", "--db", str(bad), str(tmp_path)])
    assert ingest.exit_code == 4 and bad.read_bytes().startswith(b"not sqlite")
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 4 and "no such database" in missing.stderr


def test_events_multi_select_aliases_and_stemmed_search(tmp_path):
    from tests.store.test_issue13_store import issue13_documents
    from warta.store import connect
    from warta.store.write import save_documents

    path = tmp_path / "i13.db"
    conn = connect(path)
    save_documents(conn, issue13_documents(), fingerprint="f", run_id=None)
    conn.close()

    def total(*args: str) -> int:
        result = runner.invoke(app, ["events", "--db", str(path), "--json", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["total"]

    assert total("--type", "ASSAULT", "--type", "protest") == 3
    assert total("--quad", "material-conflict", "--exclude", "negated", "--min-confidence", "0.5") == 1
    assert total("--sector", "JUD") == total("--actor", "KPK") == total("--actor", "Jokowi") == 1
    bad = runner.invoke(app, ["events", "--db", str(path), "--quad", "hijau"])
    assert bad.exit_code == 2 and "quad" in bad.output
    found = runner.invoke(app, ["search", "--db", str(path), "--json", "serang"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 3
