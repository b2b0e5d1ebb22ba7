"""The ``warta`` command line: parse options, call one library function, format the result.

Exit codes: 0 all inputs fine; 1 some inputs failed (the rest were still processed and each
failure is reported on stderr with its file, line or record); 2 usage error; 3 warta cannot run
(a model or data file is missing or invalid; the message names the file, line and field); 4 the
output or the store cannot be written (a full disk: ``disk full while writing FILE``, and nothing
half-written is left) or the store is damaged.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from warta import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="warta: Indonesian news into political event data.")

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_SETUP = 0, 1, 2, 3
#: The output or the store cannot be written (a full disk, a damaged store): as ``warta ingest``.
EXIT_WRITE = 4
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def _setup_errors() -> tuple[type[Exception], ...]:
    """Errors that mean warta itself cannot run: a missing/broken model, an invalid data file."""
    from warta.geo import GazetteerError
    from warta.kb import KBError
    from warta.pipeline.nlp import ModelError

    return (ModelError, KBError, GazetteerError)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging (-vv: debug).")] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _err(message: str) -> None:
    typer.echo(f"warta: {message}", err=True)


def read_options(*, fmt: str, max_bytes: int | None, today: str | None, follow_symlinks: bool = False):
    """Check the reading options shared by ``analyze`` and ``ingest``; a bad value is a usage error."""
    from datetime import date

    from warta.readers import FORMATS
    from warta.readers.base import ReadOptions

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    options = ReadOptions(follow_symlinks=follow_symlinks)
    if max_bytes:
        options.max_bytes = max_bytes
    if today:
        try:
            options.today = date.fromisoformat(today)
        except ValueError:
            raise typer.BadParameter(f"{today!r} is not a date YYYY-MM-DD", param_hint="--today") from None
    return options


DocTimeoutOpt = Annotated[float | None, typer.Option(
    "--doc-timeout", min=0, envvar="WARTA_DOC_TIMEOUT",
    help="Seconds one document (a long one: each 100,000-character segment) may take before it is skipped "
         "and reported; 0: no limit (default 120).")]


def set_doc_timeout(seconds: float | None) -> None:
    """Apply ``--doc-timeout`` to this process and the worker processes it starts."""
    from warta.budget import configure

    if seconds is not None:
        configure(seconds)


@contextmanager
def _output(out: Path | None):
    """stdout, or a temporary file renamed onto ``out`` only when writing completed."""
    if out is None:
        yield sys.stdout
        return
    out = out.expanduser()
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise typer.BadParameter(f"directory {directory} does not exist", param_hint="--out")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per document per line.")] = False,
    as_jsonl: Annotated[bool, typer.Option("--jsonl", help="Same as --json (JSON Lines).")] = False,
    pretty: Annotated[bool, typer.Option("--pretty", help="A readable view (default on a terminal).")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to FILE (atomically) instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Input format: auto, text, json, jsonl, html, feed, warc.")] = "auto",
    lang: Annotated[list[str], typer.Option("--lang", help="Languages to analyse (ISO 639-1), or 'any'.")] = ["id"],  # noqa: B006
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Largest document in bytes (default 5 MB or $WARTA_MAX_BYTES).")] = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes for analysis.")] = 1,
    config: Annotated[Path | None, typer.Option("--config", exists=True, dir_okay=False, help="A spaCy pipeline config.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Reference date YYYY-MM-DD for year inference (default: today).")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Follow symbolic links out of the directories named.")] = False,
    doc_timeout: DocTimeoutOpt = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="ADDRESS|local[:N]", help="Analyse on a Dask cluster (scheduler address, or local:N worker processes) into a partitioned Parquet dataset in --out DIR.")] = None,
    partition_mb: Annotated[float, typer.Option("--partition-mb", min=0.0001, help="With --dask: input megabytes per partition.")] = 8.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="With --dask: retries of a failed partition.")] = 2,
) -> None:
    """Analyse articles into warta.document/1 JSON or a readable view (with --dask: a Parquet dataset)."""

    from warta.api import RunReport, analyze_paths

    set_doc_timeout(doc_timeout)

    if sum((as_json or as_jsonl, pretty)) > 1:
        raise typer.BadParameter("choose one of --json/--jsonl and --pretty")
    options = read_options(fmt=fmt, max_bytes=max_bytes, today=today, follow_symlinks=follow_symlinks)
    if dask is not None:
        from warta.distributed.cli_run import analyze_on_dask

        analyze_on_dask(paths, address=dask, out=out, fmt=fmt, languages=lang, options=options, config=config,
                        partition_bytes=int(partition_mb * 1024 * 1024), retries=retries)
        return
    use_json = as_json or as_jsonl or (not pretty and (out is not None or not sys.stdout.isatty()))
    report = RunReport()
    documents = analyze_paths(paths, report=report, fmt=fmt, languages=lang, options=options,
                              n_process=n_process, config=config)
    try:
        with _output(out) as fh:
            if use_json:
                _write_json(fh, documents)
            else:
                _write_pretty(fh, documents)
    except _setup_errors() as exc:
        _err(f"error: cannot analyse: {exc}")
        raise typer.Exit(EXIT_SETUP) from None
    except OSError as exc:
        if exc.errno not in _DISK_FULL:
            raise
        _err(f"error: disk full while writing {out or 'stdout'}"
             f"{'; nothing was written to it' if out else ''}")
        raise typer.Exit(EXIT_WRITE) from None
    for failure in report.failures:
        _err(f"error: {failure}")
    for line in report.duplicates + report.skipped:
        _err(line)
    if report.failures or report.failed_analyses:
        _err(f"{len(report.failures) + report.failed_analyses} input(s) failed; "
             f"{report.documents - report.failed_analyses} document(s) analysed")
        raise typer.Exit(EXIT_FAILURES)


def _write_json(fh: TextIO, documents) -> None:
    from warta.serialize import document_to_json

    for document in documents:
        if document.skipped:
            continue
        fh.write(document_to_json(document))
        fh.write("\n")


def _write_pretty(fh: TextIO, documents) -> None:
    from rich.console import Console

    from warta.render import render_document

    console = Console(file=fh, soft_wrap=False) if fh is not sys.stdout else Console()
    for document in documents:
        render_document(console, document)


@app.command()
def bench(
    paths: Annotated[list[str] | None, typer.Argument(help="Corpus (default: bundled samples + ../shared/dev).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Passes over the corpus per stage.")] = 5,
) -> None:
    """Throughput (docs/s, words/s) and peak memory per stage and end to end."""
    from warta.bench import run_bench

    try:
        result = run_bench(paths=paths or None, repeat=repeat)
    except ValueError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_FAILURES) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        from rich.console import Console

        from warta.render import render_bench

        render_bench(Console(), result)


# The corpus commands (ingest, search, events, export, serve) register themselves on `app`.
from warta import cli_store  # noqa: E402, F401


def main() -> None:
    """Console-script entry point. A store found damaged after it opened (corrupt pages, a dropped
    table) ends the command with exit code 4 and the file named, not a traceback."""
    import sqlite3

    try:
        app()
    except sqlite3.DatabaseError as exc:
        from warta.cli_store import EXIT_STORE, opened
        from warta.store.db import describe_error

        _err(f"error: {describe_error(opened[-1] if opened else 'the store', exc)}")
        raise SystemExit(EXIT_STORE) from None


if __name__ == "__main__":  # `python -m warta.cli`: run the imported module, where cli_store registered
    from warta.cli import main as _registered_main

    _registered_main()

