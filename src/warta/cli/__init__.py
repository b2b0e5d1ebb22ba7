"""The ``warta`` command line: parse options, call one library function, format the result.

One module per command group, each registering its commands on the shared typer app of
:mod:`warta.cli.common`: :mod:`warta.cli.analyze` (``analyze``, ``bench``), :mod:`warta.cli.store`
(``ingest``, ``search``, ``events``, ``export``, ``serve``, ``summary``) and :mod:`warta.cli.dask`
(``analyze --dask``). Terminal views are in :mod:`warta.cli.render`.

Exit codes: 0 all inputs fine; 1 some inputs failed (the rest were still processed and each
failure is reported on stderr with its file, line or record); 2 usage error; 3 warta cannot run
(a model or data file is missing or invalid; the message names the file, line and field); 4 the
output or the store cannot be written (a full disk: ``disk full while writing FILE``, and nothing
half-written is left) or the store is damaged.
"""

from __future__ import annotations

from warta.cli import analyze, store  # noqa: F401  (each registers its commands on `app`)
from warta.cli.common import EXIT_FAILURES, app, err, read_options

__all__ = ["EXIT_FAILURES", "app", "main", "read_options"]


def main() -> None:
    """Console-script entry point. A store found damaged after it opened (corrupt pages, a dropped
    table) ends the command with exit code 4 and the file named, not a traceback."""
    import sqlite3

    try:
        app()
    except sqlite3.DatabaseError as exc:
        from warta.store.db import describe_error

        err(f"error: {describe_error(store.opened[-1] if store.opened else 'the store', exc)}")
        raise SystemExit(store.EXIT_STORE) from None
