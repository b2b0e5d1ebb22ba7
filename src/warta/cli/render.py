"""Readable terminal views (rich) of analysed documents and benchmark results."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from warta.model import Document

_LAYERS = ("entities", "quotes", "times", "places", "events")


def _meta_table(document: Document) -> Table:
    a = document.article
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column()
    pub = a.published.isoformat() if a.published else "unknown"
    if a.published_from:
        pub += f"  (from {a.published_from}{': ' + a.published_raw if a.published_raw else ''})"
    elif a.published_raw:
        pub += f"  (unreadable: {a.published_raw})"
    t.add_row("id", document.id)
    t.add_row("source", " · ".join(x for x in (a.origin, a.source_name, a.url) if x) or "-")
    t.add_row("published", pub)
    t.add_row("language", document.language)
    words = len(a.text.split())
    t.add_row("size", f"{len(document.sentences)} sentences, {words} words, {len(a.text)} characters")
    t.add_row("layers", ", ".join(f"{len(getattr(document, n))} {n}" for n in _LAYERS))
    return t


def _sentences_table(document: Document, limit: int) -> Table:
    t = Table(title="sentences", show_lines=False, expand=True, title_justify="left")
    t.add_column("#", justify="right", style="dim", no_wrap=True)
    t.add_column("offsets", style="dim", no_wrap=True)
    t.add_column("sentence")
    for i, s in enumerate(document.sentences[:limit], start=1):
        t.add_row(str(i), f"{s.start}-{s.end}", s.text)
    if len(document.sentences) > limit:
        t.add_row("…", "", f"{len(document.sentences) - limit} more")
    return t


TYPE_STYLES = {"PER": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green", "FAC": "yellow",
               "NORP": "blue", "EVENT": "bold red"}


def highlighted_text(document: Document, *, max_chars: int = 6000) -> Text:
    """The article text with entity mentions coloured by type, quotes in italics and times underlined."""
    text = document.article.text[:max_chars]
    out = Text(text)
    for q in document.quotes:
        out.stylize("italic", q.start, min(q.end, len(text)))
    for t in document.times:
        out.stylize("underline", t.start, min(t.end, len(text)))
    for e in document.entities:
        for m in e.mentions:
            if m.start < len(text):
                out.stylize(TYPE_STYLES.get(e.type, "bold"), m.start, min(m.end, len(text)))
    if len(document.article.text) > max_chars:
        out.append(f"\n… {len(document.article.text) - max_chars} more characters", style="dim")
    return out


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Table:
    """A layer table; a single row of dashes when the layer is empty."""
    t = Table(title=title, expand=True, title_justify="left")
    for col in columns:
        t.add_column(col)
    for row in rows or [tuple("-" for _ in columns)]:
        t.add_row(*row)
    return t


def _dash(value: Any, fmt: str = "{}") -> str:
    return "-" if value is None or value == "" else fmt.format(value)


def _entities_table(document: Document) -> Table:
    return _table("entities", ("id", "name", "type", "country", "sector", "kb", "mentions"), [
        (e.id, Text(e.name, style=TYPE_STYLES.get(e.type, "")), e.type, _dash(e.country), _dash(e.sector),
         _dash(e.kb), f"{len(e.mentions)}: " + "; ".join(sorted({m.text for m in e.mentions})))
        for e in document.entities])


def _quotes_table(document: Document) -> Table:
    names = {e.id: e.name for e in document.entities}
    return _table("quotes", ("id", "speaker", "cue", "direct", "quote"), [
        (q.id, _dash(names.get(q.speaker)), _dash(q.cue), "yes" if q.direct else "no",
         q.text if len(q.text) < 240 else q.text[:237] + "…") for q in document.quotes])


def _events_table(document: Document) -> Table:
    rows = []
    for e in document.events:
        flags = ",".join(f for f in ("negated", "future", "hypothetical") if getattr(e, f)) or "-"
        summary = e.summary_en or f"{', '.join(a.name for a in e.source)} → {', '.join(a.name for a in e.target)}"
        rows.append((e.id, f"{e.type}{'/' + e.mode if e.mode else ''}", summary, _dash(e.date), flags,
                     f"{e.confidence:.2f}", f"{len(e.evidence) or 1}: {e.trigger.text}"))
    return _table("events", ("id", "type", "summary", "date", "flags", "conf", "evidence"), rows)


def _times_table(document: Document) -> Table:
    return _table("times", ("text", "value", "precision", "offsets"), [
        (x.text, _dash(x.value), _dash(x.precision), f"{x.start}-{x.end}") for x in document.times])


def _places_table(document: Document) -> Table:
    return _table("places", ("entity", "name", "country", "admin1", "lat", "lon", "geonames"), [
        (p.entity, p.name, _dash(p.country), _dash(p.admin1), _dash(p.lat, "{:.3f}"), _dash(p.lon, "{:.3f}"),
         _dash(p.geonames_id)) for p in document.places])


def render_document(console: Console, document: Document, *, max_sentences: int = 40) -> None:
    """Print one document: metadata, the highlighted text and a table per analysis layer."""
    title = document.article.title or "(untitled)"
    if document.skipped:
        console.print(Panel(_meta_table(document), title=Text(title, style="bold"),
                            subtitle=Text(document.skipped, style="yellow"), title_align="left"))
        return
    parts: list[Any] = [_meta_table(document), Panel(highlighted_text(document), title="text", title_align="left"),
                        _sentences_table(document, max_sentences), _entities_table(document),
                        _quotes_table(document), _times_table(document), _places_table(document),
                        _events_table(document)]
    if document.notes:
        parts.append(Text("notes:\n" + "\n".join(f"  - {n}" for n in document.notes), style="yellow"))
    console.print(Panel(Group(*parts), title=Text(title, style="bold"), title_align="left"))


def render_bench(console: Console, result: dict[str, Any]) -> None:
    """Print a benchmark result (see :func:`warta.bench.run_bench`) as a table."""
    corpus = result["corpus"]
    t = Table(title=f"warta bench — {corpus['documents']} documents, {corpus['words']} words, "
              f"{result['repeat']} repeats, 1 process", title_justify="left")
    for col, just in (("stage", "left"), ("docs/s", "right"), ("words/s", "right"),
                      ("ms/doc", "right"), ("peak RSS MB", "right")):
        t.add_column(col, justify=just)
    for row in result["stages"]:
        t.add_row(row["stage"], f"{row['docs_per_s']:,.1f}", f"{row['words_per_s']:,.0f}",
                  f"{row['ms_per_doc']:.2f}", f"{row['peak_rss_mb']:.0f}")
    console.print(t)
    console.print(Text("sources: " + ", ".join(f"{k} ({v} docs)" for k, v in corpus["sources"].items()), style="dim"))
    console.print(f"end to end: {result['seed_sized_articles_per_s']:.1f} seed-sized articles/s (580 words each) "
                  "on one core")


def render_search(console: Console, articles: list[dict[str, Any]], *, total: int, query: str) -> None:
    """Search results: id, date, title and a snippet with the matched words highlighted."""
    from warta.store.query import MARK_CLOSE, MARK_OPEN

    table = Table(title=f"{total} article(s) match {query!r}", show_lines=True)
    for column in ("id", "published", "title / snippet", "events"):
        table.add_column(column, overflow="fold")
    for a in articles:
        cell = Text(a.get("title") or "(untitled)", style="bold")
        snippet = a.get("snippet") or ""
        if snippet:
            cell.append("\n")
            for i, part in enumerate(snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)):
                cell.append(part, style="reverse" if i % 2 else "")
        table.add_row(str(a["id"]), _dash(a.get("published")), cell, str(a.get("n_events", 0)))
    console.print(table)


def _actors(actors: list[dict[str, Any]]) -> str:
    return "; ".join(f"{a['name']} ({a.get('country') or '?'} {a.get('sector') or ''})".replace(" )", ")")
                     for a in actors) or "–"


def render_events(console: Console, events: list[dict[str, Any]], *, total: int) -> None:
    """Stored events as a table, with their cluster's article and source counts."""
    rows = [(str(e["id"]), _dash(e.get("date")), e["type"], _dash((e.get("location") or {}).get("name")),
             f"{e['cluster']['num_articles']}/{e['cluster']['num_sources']}",
             _dash(e.get("summary_en")) or f"{_actors(e.get('source', []))} → {_actors(e.get('target', []))}")
            for e in events]
    console.print(_table(f"{len(events)} of {total} event(s)",
                         ("id", "date", "type", "where", "art/src", "summary"), rows))


class ingest_progress:
    """A rich progress bar for ``warta ingest`` (documents, docs/s, ETA, failures); a no-op callback
    when ``enabled`` is false (not a terminal)."""

    def __init__(self, *, total: int | None, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self._progress = None
        self._task = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn(),
                                  TextColumn("{task.fields[failed]} failed"), console=Console(stderr=True))
        self._progress.start()
        self._task = self._progress.add_task("ingest", total=self.total, rate="–", failed=0)
        return self._update

    def _update(self, report) -> None:
        done = report.stored + report.unchanged + len(report.skipped) + len(report.failures) + report.duplicates
        elapsed = self._progress.tasks[0].elapsed or 0
        rate = f"{report.stored / elapsed:.1f}" if elapsed > 1 else "–"
        self._progress.update(self._task, completed=done, rate=rate, failed=len(report.failures))

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


def render_summary(console: Console, data: dict[str, Any], *, db: str) -> None:
    """The store overview: counts, events per type, top actors and the latest events."""
    counts = ", ".join(f"{n} {name}" for name, n in data["counts"].items())
    span = data["published"]
    console.print(Text(f"{db}: {counts}", style="bold"))
    if span["first"]:
        console.print(f"articles published {span['first']} to {span['last']}")
    run = data.get("last_run")
    if run:
        console.print(f"last ingest: run {run['id']} {run['status']} at {run['finished_at'] or run['started_at']} "
                      f"(warta {run['warta_version']}, model {run['model']} {run['model_version']})")
    console.print(_table("Events by type", ("type", "events", "clusters"),
                         [(t["type"], str(t["events"]), str(t["clusters"])) for t in data["by_type"]]))
    console.print(_table("Top actors", ("actor", "code", "events"),
                         [(a["name"], f"{a['country'] or ''} {a['sector'] or ''}".strip(), str(a["events"]))
                          for a in data["top_actors"]]))
    render_events(console, data["latest_events"], total=data["counts"]["clusters"])
