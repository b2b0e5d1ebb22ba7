"""`warta export` with the filters of `warta events` and GDELT's --header."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.io.export.test_store import make_store
from warta.cli import app
from warta.io.export.gdelt import GDELT_COLUMNS

pd = pytest.importorskip("pandas")
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return make_store(tmp_path_factory.mktemp("export-cli") / "w.db")


def _export(db: Path, out: Path, *args: str):
    return runner.invoke(app, ["export", "--db", str(db), "--out", str(out), *args])


def test_filters_narrow_the_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    result = _export(db, out, "--format", "csv", "--type", "PROTEST", "--type", "ASSAULT", "--exclude", "negated")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert sorted(frame["type"]) == ["PROTEST", "PROTEST"] and not frame["negated"].any()
    assert "2 csv row(s)" in result.stderr
    result = _export(db, out, "--format", "csv", "--actor", "org:polri", "--since", "2025-03-01")
    assert result.exit_code == 0 and list(pd.read_csv(out)["source_kb"]) == ["org:polri"]


def test_gdelt_header_only_on_request(db: Path, tmp_path: Path) -> None:
    plain, header = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert _export(db, plain, "--format", "gdelt-tsv").exit_code == 0
    assert _export(db, header, "--format", "gdelt-tsv", "--header").exit_code == 0
    assert header.read_text(encoding="utf-8").split("\n", 1)[1] == plain.read_text(encoding="utf-8")
    assert header.read_text(encoding="utf-8").split("\n", 1)[0].split("\t") == list(GDELT_COLUMNS)


def test_bad_filter_is_a_usage_error_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = _export(db, out, "--format", "csv", "--since", "kemarin")
    assert result.exit_code == 2 and "since" in result.output and not out.exists()
