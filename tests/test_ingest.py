"""Ingesting into a store: idempotent, resumable after kill -9, runs recorded."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAME_MEETING, write_jsonl
from warta.ingest import count_inputs, ingest

TEMPLATE = ("Menteri {n} Bertemu Delegasi {k}\n\nJAKARTA - Menteri Luar Negeri Indonesia bertemu delegasi "
            "{k} di Jakarta pada Senin ({d}/3/2024) untuk membahas kerja sama ke-{n}. \"Kami siap membantu,\" "
            "kata menteri itu. Polisi menangkap {n} orang di Surabaya.\n")
COUNTRIES = ["Jepang", "Malaysia", "Australia", "Singapura", "Thailand", "Vietnam", "Filipina", "India"]


def make_corpus(directory: Path, n: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = TEMPLATE.format(n=i + 1, k=COUNTRIES[i % len(COUNTRIES)], d=1 + i % 28)
        (directory / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    return directory


def rows(db: Path, sql: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_ingesting_twice_keeps_one_row_per_article(tmp_path):
    corpus = make_corpus(tmp_path / "c", 6)
    feed = write_jsonl(tmp_path / "m.jsonl", SAME_MEETING)
    db = tmp_path / "w.db"
    first = ingest([str(corpus), str(feed)], db=db)
    assert (first.stored, first.unchanged, first.status) == (8, 0, "complete")
    second = ingest([str(corpus), str(feed)], db=db)
    assert (second.stored, second.unchanged) == (0, 8)
    assert rows(db, "SELECT count(*), count(DISTINCT text_hash) FROM articles") == [(8, 8)]
    third = ingest([str(corpus)], db=db, reanalyse=True)
    assert third.stored == 6
    assert rows(db, "SELECT count(*) FROM articles") == [(8,)]
    runs = rows(db, "SELECT status, stored, unchanged, warta_version, model, fingerprint, settings FROM runs ORDER BY id")
    assert [r[:3] for r in runs] == [("complete", 8, 0), ("complete", 0, 8), ("complete", 6, 0)]
    assert runs[0][3] and runs[0][4] == "ner_id" and len(runs[0][5]) == 12
    assert json.loads(runs[2][6])["reanalyse"] is True


def test_changed_analysis_versions_reanalyse(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "c", 2)
    db = tmp_path / "w.db"
    ingest([str(corpus)], db=db)
    from warta import ingest as ingest_mod

    real = ingest_mod.analysis_versions
    monkeypatch.setattr(ingest_mod, "analysis_versions", lambda **kw: {**real(**kw), "fingerprint": "newmodel0000"})
    assert ingest([str(corpus)], db=db).stored == 2
    assert rows(db, "SELECT DISTINCT fingerprint FROM articles") == [("newmodel0000",)]


def test_read_failures_are_reported_and_the_rest_stored(tmp_path):
    corpus = make_corpus(tmp_path / "c", 2)
    (corpus / "broken.json").write_text("{not json", encoding="utf-8")
    report = ingest([str(corpus), str(tmp_path / "missing.txt")], db=tmp_path / "w.db")
    assert report.stored == 2 and len(report.failures) == 2
    assert any("broken.json" in str(f) for f in report.failures)


def test_count_inputs(tmp_path):
    corpus = make_corpus(tmp_path / "c", 3)
    feed = write_jsonl(tmp_path / "m.jsonl", SAME_MEETING)
    assert count_inputs([str(corpus), str(feed)]) == 5
    assert count_inputs(["-"]) is None


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_run_then_rerun_completes_the_corpus(tmp_path):
    n = 40
    corpus = make_corpus(tmp_path / "c", n)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "warta", "ingest", "--db", str(db), "--batch-size", "2", str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = rows(db, "SELECT count(*) FROM articles")[0][0] if db.exists() else 0
        except sqlite3.Error:
            continue
        if stored >= 4:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n, "the ingest was not caught mid-run"
    partial = rows(db, "SELECT count(*) FROM articles")[0][0]
    assert partial < n
    assert rows(db, "SELECT status FROM runs") == [("running",)]  # the killed run stays marked unfinished
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    report = ingest([str(corpus)], db=db)
    assert report.unchanged == partial and report.stored == n - partial
    assert rows(db, "SELECT count(*), count(DISTINCT text_hash) FROM articles") == [(n, n)]
    per_article = rows(db, "SELECT a.id, count(e.id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
                           "GROUP BY a.id")
    assert all(count >= 1 for _, count in per_article)  # no article lost its analysis
    # the next run saw that the killed run's process is gone and closed it
    assert rows(db, "SELECT status, finished_at IS NOT NULL FROM runs ORDER BY id") == [("interrupted", 1),
                                                                                       ("complete", 1)]


def test_a_running_run_of_a_live_process_is_left_alone(tmp_path):
    from warta.ingest import _close_dead_runs
    from warta.store import connect

    conn = connect(tmp_path / "w.db")
    for settings in ({"pid": os.getpid(), "host": os.uname().nodename}, {"pid": 2**22 + 7, "host": "elsewhere"}, {}):
        conn.execute("INSERT INTO runs (started_at, status, warta_version, lexicons, fingerprint, settings, inputs) "
                     "VALUES ('2026-01-01', 'running', 'x', '{}', 'f', ?, '[]')", (json.dumps(settings),))
    _close_dead_runs(conn)
    assert [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")] == ["running"] * 3


def test_locked_store_stops_with_a_clear_error_and_keeps_data(tmp_path, monkeypatch):
    from warta.store import StoreError, connect
    from warta.store import db as dbmod

    corpus = make_corpus(tmp_path / "c", 2)
    db = tmp_path / "w.db"
    ingest([str(corpus)], db=db)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_S", 0.2)
    holder = connect(db)
    holder.execute("BEGIN IMMEDIATE")
    make_corpus(tmp_path / "d", 3)
    with pytest.raises(StoreError, match="locked by another process"):
        ingest([str(tmp_path / "d")], db=db, reanalyse=True)
    holder.execute("ROLLBACK")
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]


def test_count_inputs_counts_non_blank_jsonl_lines_in_blocks(tmp_path):
    data = tmp_path / "a.jsonl"
    # blank lines, a line longer than a read block, and a last line without a newline
    data.write_bytes(b'{"text": "a"}\n\n   \n{"text": "' + b"x" * (3 << 20) + b'"}\n{"text": "c"}')
    (tmp_path / "b.txt").write_text("Satu artikel.", encoding="utf-8")
    assert count_inputs([str(data)]) == 3
    assert count_inputs([str(tmp_path)]) == 4


def test_a_save_batch_is_full_at_its_size_or_when_its_first_article_has_waited():
    from warta.ingest import _Batch

    batch = _Batch(size=3, seconds=0)
    batch.append({"id": "a"})
    batch.append({"id": "b"})
    assert not batch.full()
    batch.append({"id": "c"})
    assert batch.full()
    waiting = _Batch(size=100, seconds=0.01)
    assert not waiting.full()  # empty: nothing to commit however long it has been
    waiting.append({"id": "a"})
    time.sleep(0.02)
    assert waiting.full()
    waiting.clear()
    waiting.append({"id": "b"})  # the clock starts again with the next transaction's first article
    assert not waiting.full()
