"""The command-line side of ``warta analyze --dask``: check the options, run, report on stderr.

Exit codes as in :mod:`warta.cli`: 0 every partition finished; 1 some inputs could not be read, some
documents' analysis failed or ran past ``--doc-timeout``, or some partitions failed after their
retries (each named on stderr, with its inputs); 2 usage error; 3 warta cannot run (a model or data
file missing, on the client).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from warta.io.readers.base import ReadOptions


def analyze_on_dask(paths: list[str], *, address: str, out: Path | None, fmt: str, languages: list[str],
                    options: ReadOptions, config: Path | None, partition_bytes: int, retries: int) -> None:
    """Run :func:`warta.distributed.run_dask` for the CLI and report what it did."""
    from warta.cli.common import EXIT_FAILURES, EXIT_SETUP, err, setup_errors
    from warta.distributed.dataset import DatasetError
    from warta.distributed.run import parse_address, run_dask

    if out is None:
        raise typer.BadParameter("--dask writes a Parquet dataset: name its directory with --out DIR", param_hint="--out")
    try:
        parse_address(address)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--dask") from None

    def connected(client) -> None:
        link = getattr(client, "dashboard_link", None)
        err(f"dask: {len(client.scheduler_info().get('workers', {}))} worker(s)"
             + (f"; dashboard: {link}" if link else ""))

    try:
        report = run_dask(paths, out=out, address=address, fmt=fmt, languages=languages, options=options,
                          config=config, partition_bytes=partition_bytes, retries=retries,
                          show_progress=sys.stderr.isatty(), on_client=connected)
    except DatasetError as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_FAILURES) from None
    except setup_errors() as exc:
        err(f"error: cannot analyse: {exc}")
        raise typer.Exit(EXIT_SETUP) from None
    except (OSError, RuntimeError) as exc:  # no scheduler at the address, dask not installed
        err(f"error: {exc}")
        raise typer.Exit(EXIT_FAILURES) from None
    for line in report.read_errors:
        err(f"error: {line}")
    for line in report.failed_analyses:
        err(f"error: {line}")
    for line in report.failed:
        err(f"error: {line}")
    err(f"{out}: {report.partitions} partition(s): {report.finished} analysed now, {report.skipped_done} already "
        f"finished, {len(report.failed)} failed; {report.documents} document(s), {report.rows.get('events', 0)} "
         f"event(s) in {report.seconds:.1f} s")
    if report.failed or report.read_errors or report.failed_analyses:
        raise typer.Exit(EXIT_FAILURES)
