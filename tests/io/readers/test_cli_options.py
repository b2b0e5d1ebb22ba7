"""The reading options reach the readers from ``warta analyze`` and ``warta ingest``
(``--follow-symlinks``, ``--max-bytes``), and read errors make the exit status 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import warta.cli.store  # noqa: F401 - registers ingest on the app
from warta.cli import EXIT_FAILURES, app, read_options
from warta.io.readers.base import ReadError

runner = CliRunner()


def test_read_options_carries_the_flags():
    options = read_options(fmt="auto", max_bytes=1234, today="2026-11-25", follow_symlinks=True)
    assert options.follow_symlinks is True and options.max_bytes == 1234
    assert read_options(fmt="auto", max_bytes=None, today=None).follow_symlinks is False


@pytest.mark.parametrize("follow", [False, True])
def test_analyze_passes_follow_symlinks_and_fails_on_read_errors(monkeypatch, tmp_path: Path, follow):
    seen = {}

    def fake_analyze_paths(paths, *, report, options, **kw):
        seen["options"] = options
        report.failures.append(ReadError("arsip.warc.gz", "record truncated: the file ends inside it; "
                                         "reading stopped, 2 record(s) read before it (1 HTML page(s))"))
        return iter(())

    monkeypatch.setattr("warta.api.analyze_paths", fake_analyze_paths)
    args = ["analyze", "--json", str(tmp_path)] + (["--follow-symlinks"] if follow else [])
    result = runner.invoke(app, args)
    assert seen["options"].follow_symlinks is follow
    assert result.exit_code == EXIT_FAILURES == 1
    assert "warta: error: arsip.warc.gz: record truncated" in result.output


@pytest.mark.parametrize("follow", [False, True])
def test_ingest_passes_follow_symlinks(monkeypatch, tmp_path: Path, follow):
    seen = {}

    class Stop(Exception):
        pass

    def fake_ingest(paths, *, options, **kw):
        seen["options"] = options
        raise Stop

    monkeypatch.setattr("warta.ingest.ingest", fake_ingest)
    args = ["ingest", "--db", str(tmp_path / "w.db"), str(tmp_path)] + (["--follow-symlinks"] if follow else [])
    result = runner.invoke(app, args)
    assert isinstance(result.exception, Stop)
    assert seen["options"].follow_symlinks is follow
