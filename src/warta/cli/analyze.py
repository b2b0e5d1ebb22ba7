"""``warta analyze`` and ``warta bench``: articles in, warta.document/1 JSON or a readable view out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from warta.cli.common import (
    DISK_FULL,
    EXIT_FAILURES,
    EXIT_SETUP,
    EXIT_WRITE,
    DocTimeoutOpt,
    app,
    err,
    output,
    read_options,
    set_doc_timeout,
    setup_errors,
)


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
        from warta.cli.dask import analyze_on_dask

        analyze_on_dask(paths, address=dask, out=out, fmt=fmt, languages=lang, options=options, config=config,
                        partition_bytes=int(partition_mb * 1024 * 1024), retries=retries)
        return
    use_json = as_json or as_jsonl or (not pretty and (out is not None or not sys.stdout.isatty()))
    report = RunReport()
    documents = analyze_paths(paths, report=report, fmt=fmt, languages=lang, options=options,
                              n_process=n_process, config=config)
    try:
        with output(out) as fh:
            if use_json:
                _write_json(fh, documents)
            else:
                _write_pretty(fh, documents)
    except setup_errors() as exc:
        err(f"error: cannot analyse: {exc}")
        raise typer.Exit(EXIT_SETUP) from None
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        err(f"error: disk full while writing {out or 'stdout'}"
            f"{'; nothing was written to it' if out else ''}")
        raise typer.Exit(EXIT_WRITE) from None
    for failure in report.failures:
        err(f"error: {failure}")
    for line in report.duplicates + report.skipped:
        err(line)
    if report.failures or report.failed_analyses:
        err(f"{len(report.failures) + report.failed_analyses} input(s) failed; "
            f"{report.documents - report.failed_analyses} document(s) analysed")
        raise typer.Exit(EXIT_FAILURES)


def _write_json(fh: TextIO, documents) -> None:
    from warta.io.document_json import document_to_json

    for document in documents:
        if document.skipped:
            continue
        fh.write(document_to_json(document))
        fh.write("\n")


def _write_pretty(fh: TextIO, documents) -> None:
    from rich.console import Console

    from warta.cli.render import render_document

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
        err(f"error: {exc}")
        raise typer.Exit(EXIT_FAILURES) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        from rich.console import Console

        from warta.cli.render import render_bench

        render_bench(Console(), result)
