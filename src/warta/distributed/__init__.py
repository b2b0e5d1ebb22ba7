"""Distributed analysis on Dask (``warta analyze --dask``) into a partitioned Parquet dataset.

:mod:`warta.distributed.run` plans partitions and runs them on a cluster;
:mod:`warta.distributed.dataset` is the dataset's layout, writer and reader (``warta ingest DIR``).
Nothing here imports dask until a run starts.
"""

from __future__ import annotations

from warta.distributed.dataset import DatasetError, is_dataset, iter_dataset_documents, read_manifest
from warta.distributed.run import DaskReport, parse_address, run_dask

__all__ = ["DaskReport", "DatasetError", "is_dataset", "iter_dataset_documents", "parse_address", "read_manifest",
           "run_dask"]
