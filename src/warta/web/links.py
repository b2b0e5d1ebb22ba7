"""Small helpers the pages and templates share: the filter part of a page address (kept across
navigation), safe external links to source articles, and inline ``code`` in API descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

#: Query parameters that make up the shared event filter (everything else is page-specific).
FILTER_KEYS = ("type", "quad", "sector", "exclude", "min_confidence", "actor", "country", "since", "until", "q",
               "dedupe")
#: The attributes of every link to a source article: it is untrusted, opened apart from the dashboard.
EXTERNAL_REL = "noopener noreferrer nofollow"


def filter_items(params: Iterable[tuple[str, str]], **override: Any) -> list[tuple[str, str]]:
    """The shared filter of a request as (name, value) pairs, blank values dropped, ``override``
    replacing a parameter (a list value repeats it, ``None`` removes it). Other parameters
    (offset, limit, granularity ...) are left out."""
    items = [(k, v) for k, v in params if k in FILTER_KEYS and k not in override and v.strip()]
    for key, value in override.items():
        if value is None or value == "":
            continue
        values = value if isinstance(value, list | tuple) else [value]
        items += [(key, str(v)) for v in values if v not in (None, "")]
    return items


def filter_query(params: Iterable[tuple[str, str]], **override: Any) -> str:
    """:func:`filter_items` as a query string (without ``?``)."""
    return urlencode(filter_items(params, **override))


def external_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) address without spaces or control characters, else ``None``
    (article URLs are untrusted: ``javascript:`` and the like never become links)."""
    if not isinstance(url, str) or len(url) > 2048:
        return None
    if any(ord(ch) < 0x20 or ch.isspace() or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def source_link(url: object, label: str = "source ↗") -> Markup:
    """An ``<a>`` to the original article (new tab, no referrer, nofollow), or nothing for a bad URL."""
    safe = external_url(url)
    if safe is None:
        return Markup("")
    return Markup('<a class="source-link" href="{}" rel="{}" target="_blank" title="{}">{}</a>').format(
        safe, EXTERNAL_REL, safe, label)


_CODE = re.compile(r"``(.+?)``|`([^`]+)`", re.S)


def inline_code(text: object) -> Markup:
    """Text with code spans (Markdown single or reST double backticks) as ``<code>``; the rest escaped."""
    if text is None:
        return Markup("")
    text, out, last = str(text), Markup(""), 0
    for match in _CODE.finditer(text):
        out += escape(text[last:match.start()]) + Markup("<code>{}</code>").format(match.group(1) or match.group(2))
        last = match.end()
    return out + escape(text[last:])
