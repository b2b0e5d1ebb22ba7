"""The whole cluster path on a LocalCluster with 2 worker processes: analyse into the Parquet dataset,
read it with pyarrow and DuckDB, re-run (finished partitions skipped), fail a partition (reported,
then finished by the next run), ingest the dataset twice (idempotent); a gzipped JSON Lines file cut
into line ranges; ``--doc-timeout`` applied by workers of a cluster started before it was set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from typer.testing import CliRunner  # noqa: E402

from warta.cli import app  # noqa: E402
from warta.distributed import iter_dataset_documents, run_dask  # noqa: E402
from warta.distributed.dataset import MANIFEST, TABLES, DatasetError  # noqa: E402
from warta.ingest import ingest  # noqa: E402

#: Bytes per partition: about one article of the JSON Lines file each.
PART = 419
ARTICLES = [
    {"id": "uji-1", "url": "https://kabar-uji.test/1", "published": "2024-02-12", "source": "Kabar Uji",
     "title": "Menlu Bertemu Menteri Luar Negeri Jepang di Jakarta",
     "text": "JAKARTA - Menteri Luar Negeri Indonesia Sari Wulandari bertemu Menteri Luar Negeri Jepang di Jakarta, "
             "Senin (12/2/2024). \"Kami sepakat memperkuat patroli laut bersama,\" kata Sari kepada wartawan."},
    {"id": "uji-2", "url": "https://kabar-uji.test/2", "published": "2024-02-20", "source": "Kabar Uji",
     "title": "Polisi Tangkap Dua Tersangka Korupsi di Surabaya",
     "text": "SURABAYA - Polisi menangkap dua tersangka korupsi dana desa di Surabaya, Jawa Timur, Selasa "
             "(20/2/2024). Kepala Polda Jawa Timur mengatakan penyidikan masih berlanjut."},
    {"id": "uji-3", "url": "https://kabar-uji.test/3", "published": "2024-03-04", "source": "Kabar Uji",
     "title": "Mahasiswa Berunjuk Rasa di Depan Gedung DPR",
     "text": "JAKARTA - Ribuan mahasiswa berunjuk rasa di depan Gedung DPR, Senin (4/3/2024), menolak revisi "
             "undang-undang. Polisi membubarkan massa dengan gas air mata."},
    {"id": "uji-4", "url": "https://kabar-uji.test/4", "source": "Kabar Uji",
     "title": "Gubernur Minta Warga Waspada Banjir",
     "text": "Gubernur Jawa Tengah meminta warga di bantaran sungai waspada banjir karena hujan lebat diperkirakan "
             "turun sepanjang pekan. Pemerintah provinsi menyiapkan posko pengungsian."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("masukan")
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    (root / "berita.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cluster():
    """A cluster the tests reach by its address, as a remote one: 2 worker processes forked from this
    one after the pipeline is built (so they build none), with this process's default budget."""
    import dask

    from distributed import LocalCluster
    from warta.api import warm_pipeline
    from warta.distributed.run import LOCAL_CLUSTER_CONFIG

    warm_pipeline()
    with dask.config.set({**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": "fork"}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running.scheduler_address


def _rows(out: Path, table: str):
    return pq.ParquetDataset(str(out / table)).read().to_pylist()


def test_cluster_run_dataset_rerun_and_ingest(inputs: Path, tmp_path: Path):
    out = tmp_path / "dataset"
    result = CliRunner().invoke(app, ["analyze", "--dask", "local:2", "--partition-mb", f"{PART / 2**20}", "--today",
                                      "2026-11-25", "--out", str(out), str(inputs)])
    assert result.exit_code == 0, result.output
    assert (out / MANIFEST).is_file() and all((out / t).is_dir() for t in TABLES)

    docs = _rows(out, "documents")
    assert sorted(d["doc_id"] for d in docs) == ["uji-1", "uji-2", "uji-3", "uji-4"]
    assert {d["doc_id"]: d["month"] for d in docs} == {"uji-1": "2024-02", "uji-2": "2024-02", "uji-3": "2024-03",
                                                       "uji-4": "unknown"}
    assert len({d["partition"] for d in docs}) > 1  # the file was cut into byte ranges
    full = {d["doc_id"]: json.loads(d["document"]) for d in docs}
    assert full["uji-1"]["text"].startswith(ARTICLES[0]["title"]) and full["uji-1"]["schema"] == "warta.document/1"
    events = _rows(out, "events")
    assert len(events) == sum(d["n_events"] for d in docs) > 0
    assert all(isinstance(e["source_names"], list) for e in events)
    assert len(_rows(out, "entities")) == sum(d["n_entities"] for d in docs) > 0
    assert {q["doc_id"] for q in _rows(out, "quotes")} >= {"uji-1"}

    duckdb = pytest.importorskip("duckdb")
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/events/**/*.parquet', hive_partitioning=true)").fetchall()[0]
    assert n[0] == len(events)

    again = run_dask([str(inputs)], out=out, address="local:2", partition_bytes=PART)
    assert again.partitions == again.skipped_done > 1 and again.finished == 0 and not again.failed

    db = tmp_path / "warta.db"
    first = ingest([str(out)], db=db)
    assert (first.stored, first.unchanged, first.failures) == (4, 0, [])
    second = ingest([str(out)], db=db)
    assert (second.stored, second.unchanged) == (0, 4)


def test_a_failing_partition_is_reported_then_finished_by_the_next_run(inputs: Path, tmp_path: Path, monkeypatch):
    import warta.distributed.run as run

    real = run.write_partition

    def broken(out, partition_id, documents, summary):
        docs = list(documents)
        if any(d["id"] == "uji-3" for d in docs):
            raise OSError("disk full (simulated)")
        return real(out, partition_id, docs, summary)

    monkeypatch.setattr(run, "write_partition", broken)  # the local workers are forked: they see it
    out = tmp_path / "dataset"
    report = run_dask([str(inputs)], out=out, address="local:2", partition_bytes=PART, retries=1)
    assert len(report.failed) == 1 and "berita.jsonl [bytes" in report.failed[0] and "disk full" in report.failed[0]
    assert report.finished == report.partitions - 1
    kept = {d["id"] for d in iter_dataset_documents(out)}
    assert "uji-3" not in kept and kept >= {"uji-1", "uji-4"}

    monkeypatch.setattr(run, "write_partition", real)
    report = run_dask([str(inputs)], out=out, address="local:2", partition_bytes=PART)
    assert (report.finished, report.failed) == (1, [])
    assert sorted(d["id"] for d in iter_dataset_documents(out)) == ["uji-1", "uji-2", "uji-3", "uji-4"]


def test_gzipped_jsonl_runs_in_line_ranges(cluster: str, tmp_path: Path):
    source = tmp_path / "berita.jsonl.gz"
    source.write_bytes(gzip.compress("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES).encode()))
    out = tmp_path / "dataset"
    report = run_dask([str(source)], out=out, address=cluster, partition_bytes=PART)
    assert (report.finished, report.failed, report.read_errors) == (report.partitions, [], [])
    assert report.partitions > 1 and report.documents == 4
    markers = [json.loads(p.read_text()) for p in (out / "_done").glob("*.json")]
    assert {m["partition"]["parts"][0]["line"] for m in markers} >= {0}
    assert all(m["partition"]["parts"][0]["line"] is not None for m in markers)
    assert sorted(d["id"] for d in iter_dataset_documents(out)) == ["uji-1", "uji-2", "uji-3", "uji-4"]
    again = run_dask([str(source)], out=out, address=cluster, partition_bytes=PART)
    assert again.skipped_done == again.partitions == report.partitions and again.finished == 0
    with pytest.raises(DatasetError, match="partition_bytes"):  # other cuts would analyse records twice
        run_dask([str(source)], out=out, address=cluster, partition_bytes=2 * PART)


def test_doc_timeout_reaches_workers_started_without_it(cluster: str, tmp_path: Path, monkeypatch):
    from warta import budget

    source = tmp_path / "panjang.jsonl"
    long_text = " ".join(f"Gubernur Contoh {i} meninjau banjir di kecamatan ke-{i} bersama bupati." for i in range(300))
    source.write_text(json.dumps({**ARTICLES[0], "id": "panjang", "text": long_text}) + "\n", encoding="utf-8")
    monkeypatch.setenv(budget.ENV, "")  # the CLI sets it for this process only; the workers never saw it
    try:
        ran = CliRunner().invoke(app, ["analyze", "--dask", cluster, "--doc-timeout", "0.001", "--today", "2026-11-25",
                                       "--out", str(tmp_path / "dataset"), str(source)])
    finally:
        budget.configure(None)
    assert ran.exit_code == 1, ran.output
    assert "took longer than 0.001 s" in ran.output and "panjang.jsonl" in ran.output
    assert list(iter_dataset_documents(tmp_path / "dataset")) == []  # not written, but reported
