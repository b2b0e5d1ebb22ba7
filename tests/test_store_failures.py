"""Damaged, full and read-only stores: a quick check names a store damaged inside a valid SQLite
file (exit 4, 503), a full disk is named as such and keeps every completed batch, `analyze --out`
on a full disk leaves nothing half-written, and a store that cannot be written can still be read."""

from __future__ import annotations

import errno
import json
import os
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.store import StoreError, connect
from warta.store.write import save_documents

ARTICLES = [f"Berita {i}\n\nPresiden Joko Widodo bertemu Menteri Luar Negeri Jepang di Jakarta pada Senin "
            f"({i + 1}/3/2024). \"Kami sepakat memperkuat kerja sama nomor {i},\" kata Jokowi kepada wartawan."
            for i in range(6)]


def _store(path: Path, documents) -> Path:
    conn = connect(path)
    save_documents(conn, documents, fingerprint="f", run_id=None)
    conn.close()  # the last connection checkpoints the WAL: everything is in the main file
    return path


def _corrupt_page(path: Path, page: int) -> None:
    size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek(size * page)
        fh.write(random.Random(page).randbytes(size))


def _run_cli(monkeypatch, capsys, *argv: str) -> tuple[int, str]:
    code, _, err = _run_cli_out(monkeypatch, capsys, *argv)
    return code, err


def _run_cli_out(monkeypatch, capsys, *argv: str) -> tuple[int, str, str]:
    from warta.cli import main

    monkeypatch.setattr(sys, "argv", ["warta", *argv])
    with pytest.raises(SystemExit) as ended:
        main()
    captured = capsys.readouterr()
    return ended.value.code or 0, captured.out, captured.err


@pytest.fixture
def damaged(tmp_path, analysed):
    path = _store(tmp_path / "rusak.db", analysed["samples"])
    _corrupt_page(path, 3)  # inside a valid SQLite file: the header still reads fine
    return path


def test_quick_check_names_a_store_damaged_inside(damaged):
    assert sqlite3.connect(damaged).execute("PRAGMA user_version").fetchone()[0] > 0  # still opens as SQLite
    with pytest.raises(StoreError, match=r"rusak\.db.*(damaged|corrupt)"):
        connect(damaged)  # a writable open checks
    with pytest.raises(StoreError, match=r"rusak\.db"):
        connect(damaged, readonly=True, check=True)


def test_ingest_and_serve_refuse_a_damaged_store_with_exit_4(damaged, tmp_path, monkeypatch, capsys):
    import uvicorn

    article = tmp_path / "a.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    code, err = _run_cli(monkeypatch, capsys, "ingest", "--db", str(damaged), str(article))
    assert code == 4 and "rusak.db" in err and "Traceback" not in err
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("served a damaged store"))
    code, err = _run_cli(monkeypatch, capsys, "serve", "--db", str(damaged))
    assert code == 4 and "rusak.db" in err and "damaged" in err


def test_full_disk_is_named_and_completed_batches_kept(tmp_path, monkeypatch, capsys):
    import warta.ingest
    from warta.store.write import save_documents as real_save

    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    calls = []

    def filling(conn, documents, **kw):  # the disk fills up during the second batch
        calls.append(len(documents))
        if len(calls) == 2:  # no free pages left (migrations drop indexes) and no room to grow
            conn.execute("VACUUM")
            conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        return real_save(conn, documents, **kw)

    monkeypatch.setattr(warta.ingest, "save_documents", filling)
    db = tmp_path / "penuh.db"
    code, err = _run_cli(monkeypatch, capsys, "ingest", "--db", str(db), "--lang", "any", "--batch-size", "2",
                         str(folder))
    assert code == 4 and f"disk full while writing {db}" in err and "cannot rollback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # the first batch, whole
    assert conn.execute("SELECT status FROM runs").fetchall() == [("failed",)]
    conn.close()
    monkeypatch.setattr(warta.ingest, "save_documents", real_save)  # space again: the run completes
    code, err = _run_cli(monkeypatch, capsys, "ingest", "--db", str(db), "--lang", "any", str(folder))
    assert code == 0 and sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)


def test_analyze_out_on_a_full_disk_leaves_nothing(tmp_path, monkeypatch, capsys):
    import warta.cli.analyze

    article = tmp_path / "a.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    out = tmp_path / "out" / "hasil.jsonl"
    out.parent.mkdir()

    def full(fh, documents):
        fh.write("{" * 100)  # part of a line, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(warta.cli.analyze, "_write_json", full)
    code, err = _run_cli(monkeypatch, capsys, "analyze", "--json", "--out", str(out), str(article))
    assert code == 4 and f"disk full while writing {out}" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == []  # neither the file nor a half-written temporary


def _no_write_access(monkeypatch) -> None:
    """What a read-only mount or chmod 444 looks like to the code (chmod means nothing to root)."""
    real = os.access
    monkeypatch.setattr("warta.store.db.os.access", lambda p, mode, **kw: False if mode & os.W_OK else real(p, mode))


def test_read_only_store_is_read_without_side_files(tmp_path, analysed, monkeypatch, capsys):
    path = _store(tmp_path / "baca.db", analysed["meeting"])
    _no_write_access(monkeypatch)
    conn = connect(path, readonly=True)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()
    code, out, err = _run_cli_out(monkeypatch, capsys, "search", "--db", str(path), "--json", "Chengdu")
    assert code == 0 and json.loads(out)["total"] == 2, err
    client = TestClient(create_app_for(path))
    assert client.get("/api/articles").json()["total"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baca.db"]  # no -wal, no -shm
    with pytest.raises(StoreError, match=r"baca\.db: read-only"):
        connect(path)


def create_app_for(path: Path):
    from warta.web.app import create_app

    return create_app(db=path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write a chmod 444 file: chmod proves nothing")
def test_chmod_read_only_store_and_directory(tmp_path, analysed):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _store(folder / "baca.db", analysed["meeting"])
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        conn = connect(path, readonly=True)
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        conn.close()
        with pytest.raises(StoreError, match="read-only"):
            connect(path)
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
