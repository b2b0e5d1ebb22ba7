"""The warta store: analysed articles in one SQLite file (WAL mode, versioned migrations).

:mod:`~warta.store.db` opens and migrates, :mod:`~warta.store.write` saves documents,
:mod:`~warta.store.clusters` groups reports of the same event across articles,
:mod:`~warta.store.query` and :mod:`~warta.store.aggregates` read it back. All SQL lives here.
"""

from warta.store.db import StoreError, connect, schema_version
from warta.store.query import EventFilter, QueryError

__all__ = ["EventFilter", "QueryError", "StoreError", "connect", "schema_version"]
