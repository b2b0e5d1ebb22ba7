"""The partitioned dataset's reader: documents come back month by month, whatever order partitions were written in
(a store filled from a dataset then grows in near date order, the case in which saving stays flat)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow.parquet")

from warta.distributed.dataset import (
    DATASET_FORMAT,
    iter_dataset_documents,
    open_manifest,
    write_partition,
)


def _doc(doc_id: str, published: str | None) -> dict:
    return {"id": doc_id, "title": f"Judul {doc_id}", "text": f"Isi berita {doc_id} yang cukup pendek.",
            "published": published, "language": "id", "source": {"url": f"https://contoh.id/{doc_id}"},
            "entities": [], "events": [], "quotes": []}


def test_documents_are_read_month_by_month(tmp_path: Path):
    out = tmp_path / "ds"
    open_manifest(out, {"format": DATASET_FORMAT, "fingerprint": "uji"})
    # two partitions, each spanning months, written newest first
    write_partition(out, "b", [_doc("mar", "2025-03-02"), _doc("jan-b", "2025-01-20"), _doc("undated", None)], {})
    write_partition(out, "a", [_doc("feb", "2025-02-11"), _doc("jan-a", "2025-01-05")], {})
    months = [(d["published"] or "unknown")[:7] for d in iter_dataset_documents(out)]
    assert months == ["2025-01", "2025-01", "2025-02", "2025-03", "unknown"]
