"""The corpus commands of the ``warta`` CLI: ``ingest``, ``search``, ``events``, ``export`` and
``serve``. Like :mod:`warta.cli` they parse options, call one library function and format.

Exit codes as in :mod:`warta.cli`, plus 4: the store cannot be used (locked, corrupt, not a warta
store, a full disk); the message names the file.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from warta.cli.common import (
    EXIT_FAILURES,
    EXIT_SETUP,
    DocTimeoutOpt,
    app,
    err,
    read_options,
    set_doc_timeout,
    setup_errors,
)

if TYPE_CHECKING:
    from warta.store.query import EventFilter

EXIT_STORE = 4
DbOption = Annotated[Path, typer.Option("--db", help="The store (an SQLite file).", envvar="WARTA_DB")]


def _store_failed(exc: Exception) -> typer.Exit:
    err(f"error: {exc}")
    return typer.Exit(EXIT_STORE)


#: The store the running command opened, for naming it when a later query finds it damaged.
opened: list[Path] = []


#: The event filters `warta events` and `warta export` share.
TypesOpt = Annotated[list[str] | None, typer.Option("--type", help="A PLOVER event type, e.g. CONSULT; repeat for several.")]
QuadOpt = Annotated[list[str] | None, typer.Option("--quad", help="Quad class: verbal-coop, material-coop, verbal-conflict, material-conflict (or 1-4); repeatable.")]
SectorOpt = Annotated[list[str] | None, typer.Option("--sector", help="Sector of a source or target actor, e.g. GOV; repeatable.")]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Leave out negated, hypothetical or future events; repeatable.")]
MinConfidenceOpt = Annotated[float | None, typer.Option("--min-confidence", help="Lowest event confidence, 0-1.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor: KB id, ISO3 code, any name, alias or surface form, or part of a name.")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO3 code of where the event took place.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD")]
QueryOpt = Annotated[str | None, typer.Option("--q", help="Only events of articles matching this search.")]
DedupeOpt = Annotated[bool, typer.Option("--dedupe", help="One event per cross-article cluster.")]


def _event_filter(*, type_: list[str] | None, quad: list[str] | None, sector: list[str] | None,
                  exclude: list[str] | None, **values: Any) -> EventFilter:
    """The EventFilter of the shared options, validated (a bad value is a usage error naming the filter)."""
    from warta.store.query import EventFilter, QueryError

    flt = EventFilter(types=type_ or [], quad_classes=quad or [], sectors=sector or [], exclude=exclude or [], **values)
    try:
        return flt.validate()
    except QueryError as exc:
        raise typer.BadParameter(str(exc)) from None


def _open(db: Path, *, check: bool = False):
    from warta.store import StoreError, connect

    opened.append(db)
    try:
        return connect(db, readonly=True, check=check)
    except StoreError as exc:
        raise _store_failed(exc) from None


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, feed or page addresses, or - for stdin.")],
    db: DbOption = Path("warta.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Input format: auto, text, json, jsonl, html, feed, warc.")] = "auto",
    lang: Annotated[list[str], typer.Option("--lang", help="Languages to analyse (ISO 639-1), or 'any'.")] = ["id"],  # noqa: B006
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Worker processes for analysis.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=10_000,
                                            help="Articles per transaction (large ones keep saving fast in a large store).")] = 500,
    commit_seconds: Annotated[float, typer.Option("--commit-seconds", min=0,
                                                  help="Commit a transaction once its first article has waited this long "
                                                       "(0: only when full), so an interruption loses little.")] = 5.0,
    reanalyse: Annotated[bool, typer.Option("--reanalyse", help="Analyse again articles already stored and current.")] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Largest document in bytes.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Reference date YYYY-MM-DD for year inference.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Follow symbolic links out of the directories named.")] = False,
    doc_timeout: DocTimeoutOpt = None,
) -> None:
    """Analyse articles into a store; safe to interrupt and run again."""

    from warta.ingest import count_inputs, report_dict
    from warta.ingest import ingest as run_ingest
    from warta.store import StoreError

    options = read_options(fmt=fmt, max_bytes=max_bytes, today=today, follow_symlinks=follow_symlinks)
    set_doc_timeout(doc_timeout)
    opened.append(db)
    from warta.cli.render import ingest_progress

    with ingest_progress(total=count_inputs(paths), enabled=sys.stderr.isatty() and not as_json) as progress:
        try:
            report = run_ingest(paths, db=db, fmt=fmt, languages=lang, options=options, n_process=n_process,
                                batch_size=batch_size, commit_seconds=commit_seconds, reanalyse=reanalyse,
                                progress=progress)
        except StoreError as exc:
            raise _store_failed(exc) from None
        except setup_errors() as exc:
            err(f"error: cannot analyse: {exc}")
            raise typer.Exit(EXIT_SETUP) from None
    for failure in report.failures:
        err(f"error: {failure}")
    for line in report.skipped:
        err(line)
    if as_json:
        typer.echo(json.dumps(report_dict(report), ensure_ascii=False))
    else:
        err(f"{db}: run {report.run_id}: {report.stored} article(s) analysed and stored, {report.unchanged} "
            f"already current, {report.duplicates} duplicate(s), {len(report.skipped)} skipped, "
             f"{len(report.failures) + report.failed_analyses} failed")
    if report.failures or report.failed_analyses:
        raise typer.Exit(EXIT_FAILURES)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must occur, in any Indonesian form: serang finds menyerang, '
                                              'serangan, diserang), "an exact phrase", a prefix*, or a OR b.')],
    db: DbOption = Path("warta.db"),
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print {articles, total} as JSON.")] = False,
) -> None:
    """Full-text search over titles, texts and quotes, with snippets (Indonesian word forms match)."""
    from warta.store.query import search_articles

    conn = _open(db)
    articles, total = search_articles(conn, q=query, limit=limit)
    if as_json:
        typer.echo(json.dumps({"articles": articles, "total": total}, ensure_ascii=False))
        return
    from rich.console import Console

    from warta.cli.render import render_search

    render_search(Console(), articles, total=total, query=query)


@app.command()
def events(
    db: DbOption = Path("warta.db"),
    type_: TypesOpt = None,
    quad: QuadOpt = None,
    sector: SectorOpt = None,
    exclude: ExcludeOpt = None,
    min_confidence: MinConfidenceOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    query: QueryOpt = None,
    dedupe: DedupeOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print {events, total} as JSON.")] = False,
) -> None:
    """List stored events, newest first, with filters (list options are ORed within themselves)."""
    from warta.store.query import query_events

    flt = _event_filter(type_=type_, quad=quad, sector=sector, exclude=exclude, min_confidence=min_confidence,
                        actor=actor, country=country, since=since, until=until, q=query, dedupe=dedupe, limit=limit,
                        offset=offset)
    found, total = query_events(_open(db), flt)
    if as_json:
        typer.echo(json.dumps({"events": found, "total": total}, ensure_ascii=False))
        return
    from rich.console import Console

    from warta.cli.render import render_events

    render_events(Console(), found, total=total)


@app.command()
def export(
    db: DbOption = Path("warta.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, plover, gdelt-tsv, csv or parquet.")] = "jsonl",
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (written whole or not at all).")] = ...,  # type: ignore[assignment]
    header: Annotated[bool, typer.Option("--header", help="gdelt-tsv: write the column names first (GDELT's files have none).")] = False,
    type_: TypesOpt = None,
    quad: QuadOpt = None,
    sector: SectorOpt = None,
    exclude: ExcludeOpt = None,
    min_confidence: MinConfidenceOpt = None,
    actor: ActorOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    query: QueryOpt = None,
    dedupe: DedupeOpt = False,
) -> None:
    """Export the store, whole or filtered like `warta events`: warta documents, PLOVER records,
    GDELT 2.0 event TSV, CSV or Parquet. With filters, jsonl holds the articles with a matching event."""
    from warta.io.export import FORMATS, ExportError, write_export
    from warta.store.records import iter_documents, iter_event_records

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    flt = _event_filter(type_=type_, quad=quad, sector=sector, exclude=exclude, min_confidence=min_confidence,
                        actor=actor, country=country, since=since, until=until, q=query, dedupe=dedupe)
    conn = _open(db)
    try:
        report = write_export(fmt=fmt, out=out, documents=lambda: iter_documents(conn, flt),
                              records=lambda: iter_event_records(conn, flt), header=header)
    except ExportError as exc:
        err(f"error: {exc}")
        raise typer.Exit(EXIT_FAILURES) from None
    err(f"{report.path}: {report.rows} {fmt} row(s) written")


@app.command()
def serve(
    db: DbOption = Path("warta.db"),
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/articles (needs a token).")] = False,
    token: Annotated[str | None, typer.Option("--token", envvar="WARTA_INGEST_TOKEN",
                                              help="Bearer token for POST /api/articles (default: generated).")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Largest article POST /api/articles accepts, in bytes (default 5 MB or $WARTA_MAX_BYTES).")] = None,
    doc_timeout: DocTimeoutOpt = None,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless --allow-ingest)."""
    import secrets

    import uvicorn

    from warta.web.app import create_app

    set_doc_timeout(doc_timeout)
    _open(db, check=True).close()  # a damaged store is named now, not on the first request
    if allow_ingest and not token:
        token = secrets.token_urlsafe(24)
        err(f"ingest token (send as 'Authorization: Bearer TOKEN'): {token}")
    application = create_app(db=db, ingest_token=token if allow_ingest else None, max_bytes=max_bytes)
    typer.echo(f"warta dashboard: http://{host}:{port}/  (API docs: http://{host}:{port}/docs; Ctrl-C stops)", err=True)
    uvicorn.run(application, host=host, port=port, log_level=os.environ.get("WARTA_LOG_LEVEL", "warning"))


@app.command()
def summary(
    db: DbOption = Path("warta.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the overview as JSON.")] = False,
) -> None:
    """What the store holds: counts, events per type, top actors, latest events, last run."""
    from warta.store.aggregates import overview

    data = overview(_open(db))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    from rich.console import Console

    from warta.cli.render import render_summary

    render_summary(Console(), data, db=str(db))
