"""Acceptance checks on the public dev set; skipped when ../shared is absent."""

import json
import subprocess
import sys

from warta.cli import app


def analyze_json(*paths):
    from typer.testing import CliRunner

    res = CliRunner().invoke(app, ["analyze", "--jsonl", "--today", "2026-11-25", *map(str, paths)])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_seed_is_valid_against_the_shared_schema(shared_dev):
    from warta.io.document_json import validate_document

    schema = json.loads((shared_dev.parent / "schema" / "document.schema.json").read_text())
    (doc,) = analyze_json(shared_dev / "seed.txt")
    assert validate_document(doc, schema) == []
    assert validate_document(doc) == []
    assert doc["title"] == (shared_dev / "seed.txt").read_text().splitlines()[0]
    assert doc["published"] == "2025-09-03"
    assert len(doc["sentences"]) >= 18


def test_dev_published_dates(shared_dev):
    paths = sorted(p for p in shared_dev.glob("*.json") if ".gold" not in p.name)
    docs = analyze_json(*paths)
    assert len(docs) == 8
    gold = {p.stem: json.loads((shared_dev / f"{p.stem}.gold.json").read_text())["published"] for p in paths}
    right = sum(doc["published"] == gold[doc["id"].split("/")[-1]] for doc in docs)
    assert right >= 7


def test_score_script_accepts_output(shared_dev, tmp_path):
    (doc,) = analyze_json(shared_dev / "seed.txt")
    pred = tmp_path / "seed.json"
    pred.write_text(json.dumps(doc))
    res = subprocess.run([sys.executable, str(shared_dev.parent / "eval" / "score.py"), "--json",
                          str(shared_dev / "seed.gold.json"), str(pred)], capture_output=True, text=True, check=True)
    assert json.loads(res.stdout)["published"]["acc"] == 1.0


def test_ingesting_the_dev_set_twice_keeps_one_row_per_article(shared_dev, tmp_path):
    import sqlite3

    from warta.ingest import ingest

    articles = sorted(str(p) for p in shared_dev.iterdir()
                      if p.suffix in (".txt", ".json") and not p.name.endswith(".gold.json"))
    db = tmp_path / "dev.db"
    first = ingest(articles, db=db)
    second = ingest(articles, db=db, reanalyse=True)
    assert first.stored == second.stored == len(articles) and not first.failures
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT text_hash) FROM articles").fetchone() == (len(articles),) * 2
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM events WHERE location_country IS NOT NULL").fetchone()[0] > 0
