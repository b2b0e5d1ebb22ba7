"""Opening, migrating and refusing stores."""

from __future__ import annotations

import sqlite3

import pytest

from warta.store import StoreError, connect, schema_version
from warta.store.db import migrations


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    conn = connect(tmp_path / "w.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() == len(migrations())
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "articles", "entities", "mentions", "quotes", "times", "places", "events", "event_actors",
            "clusters", "articles_fts"} <= tables
    conn.close()
    again = connect(tmp_path / "w.db")  # reopening runs no migration twice
    assert again.execute("PRAGMA user_version").fetchone()[0] == schema_version()


def test_corrupt_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"bad\.db: not a warta store or corrupt"):
        connect(bad)
    assert bad.read_bytes().startswith(b"this is not")  # untouched


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a warta store"):
        connect(other)


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    connect(path).execute(f"PRAGMA user_version = {schema_version() + 1}")
    with pytest.raises(StoreError, match="newer than this warta"):
        connect(path)


def test_readonly_open_of_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_missing_directory(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        connect(tmp_path / "nope" / "w.db")


def test_locked_store_is_a_clear_error(tmp_path, monkeypatch):
    from warta.store import db as dbmod
    from warta.store.write import save_documents

    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "w.db"
    holder = connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    conn = connect(path)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        save_documents(conn, [], fingerprint="x", run_id=None)
    assert "locked by another process" in dbmod.describe_error(path, sqlite3.OperationalError("database is locked"))
    holder.execute("ROLLBACK")


def test_media_sector_of_an_older_store_becomes_jrn(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, _name, sql in migrations()[:2]:
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO articles (id, doc_id, text_hash, source_key, text, n_words, document, fingerprint, "
                 "ingested_at) VALUES (1, 'd', 'h', '', 't', 1, x'00', 'f', 'now')")
    conn.execute("INSERT INTO entities VALUES (1, 'e1', 'Kompas', 'ORG', 'IDN', 'MED', NULL, 1)")
    conn.commit()
    conn.close()
    migrated = connect(path)
    assert [tuple(r) for r in migrated.execute("SELECT sector FROM entities")] == [("JRN",)]
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == schema_version()
