"""Server-side SVG charts for the dashboard: event timeline, actor network, world map.

Each function returns one standalone ``<svg>`` element (well-formed XML, ``role="img"`` with an
``aria-label``, ``<title>`` tooltips on marks, CSS classes plus presentation attributes so it also
renders without a stylesheet). Every string that comes from the data (labels, names, types, hrefs)
is untrusted article text: it is escaped with ``html.escape(..., quote=True)``, and a link is kept
only when its href is site-relative (starts with ``/`` or ``?``, not ``//``). No scripts, no event
handler attributes, no ids (so several charts can share a page).
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable
from html import escape
from typing import Any

import numpy as np

#: PLOVER event type -> quad class (as in docs/plover.md: SANCTION is material conflict).
QUAD: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal-coop"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material-coop"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal-conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material-conflict"),
}
#: Quad class -> display label and representative colour.
QUAD_LABELS: dict[str, str] = {"verbal-coop": "verbal cooperation", "material-coop": "material cooperation",
                               "verbal-conflict": "verbal conflict", "material-conflict": "material conflict"}
QUAD_COLOURS: dict[str, str] = {"verbal-coop": "#238b45", "material-coop": "#2171b5",
                                "verbal-conflict": "#e6550d", "material-conflict": "#cb181d"}
#: PLOVER event type -> fill colour: greens, blues, oranges, reds by quad class (dark = stronger).
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#00441b", "CONSULT": "#238b45", "SUPPORT": "#74c476", "CONCEDE": "#c7e9c0",
    "COOPERATE": "#08519c", "AID": "#4292c6", "RETREAT": "#9ecae1",
    "REQUEST": "#fdd0a2", "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#e6550d",
    "PROTEST": "#fcbba1", "SANCTION": "#fc9272", "MOBILIZE": "#ef3b2c", "COERCE": "#a50f15", "ASSAULT": "#67000d",
}
TYPE_ORDER: tuple[str, ...] = tuple(TYPE_COLOURS)  # PLOVER order, grouped by quad class
OTHER_COLOUR = "#999999"
CHOROPLETH = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NODE_COLOURS = ("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
LAND, OCEAN = "#e3e3e3", "#f3f7fa"
LAT_MAX, LAT_MIN = 84.0, -58.0


def _e(value: object) -> str:
    """Escape any value for element text or a double-quoted attribute."""
    return escape(str(value), quote=True)


def _href(value: object) -> str | None:
    """The escaped href if it is site-relative (``/path`` or ``?query``), else ``None``."""
    if not isinstance(value, str) or not value.startswith(("/", "?")) or value.startswith(("//", "/\\")):
        return None  # also refuses protocol-relative //host and /\host (browsers read \ as /)
    return None if any(ord(ch) < 0x20 or ch.isspace() for ch in value) else _e(value)


def _link(inner: str, href: object) -> str:
    """``inner`` wrapped in ``<a href>`` when the href is allowed."""
    safe = _href(href)
    return f'<a href="{safe}">{inner}</a>' if safe else inner


def _count(value: object) -> int:
    """A non-negative int from untrusted input (0 if it is not a number)."""
    try:
        return max(int(value), 0)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return 0


def _events(n: int, word: str = "event") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _cls(value: str) -> str:
    """A CSS class fragment from a type name (letters, digits, dash, underscore only)."""
    return re.sub(r"[^A-Za-z0-9_-]", "", value)[:32] or "other"


def _clip(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _f(value: float) -> str:
    """A coordinate with one decimal (no ``-0.0``)."""
    return "0.0" if (text := f"{value:.1f}") == "-0.0" else text


def _svg(kind: str, width: int, height: int, label: str, body: Iterable[str]) -> str:
    """The outer ``<svg>`` element around ``body``."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{_e(label)}" font-family="sans-serif" '
            f'font-size="11">' + "".join(body) + "</svg>")


def _empty(kind: str, width: int, height: int, message: str) -> str:
    return _svg(kind, width, height, message, [
        f'<text class="empty" x="{width / 2:.1f}" y="{height / 2:.1f}" text-anchor="middle" fill="#666">'
        f"{_e(message)}</text>"])


def _legend(items: list[tuple[str, str, str]], x: float, y: float, row: float) -> str:
    """A vertical legend of (class, colour, text) swatches."""
    return '<g class="legend">' + "".join(
        f'<g class="legend-item {_e(cls)}"><rect x="{_f(x)}" y="{_f(y + j * row)}" width="10" height="10" '
        f'fill="{colour}"/><text x="{_f(x + 14)}" y="{_f(y + j * row + 9)}">{_e(_clip(text, 20))}</text></g>'
        for j, (cls, colour, text) in enumerate(items)) + "</g>"


def _type_key(name: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(name) if name in TYPE_ORDER else len(TYPE_ORDER), name)


def timeline_svg(buckets: list[dict[str, Any]], *, periods: list[str] | None = None, width: int = 900,
                 height: int = 260) -> str:
    """Stacked bars of event counts per period (sorted), one colour per PLOVER type, with a legend.

    ``buckets``: ``{"period": "2025-09", "type": "CONSULT", "count": 3, "href": "/events?..."}``; repeated
    (period, type) pairs are summed, counts <= 0 dropped. Each segment links to its href when allowed.
    ``periods`` (optional) are shown on the axis even without events, so time stays to scale.
    """
    cells: dict[tuple[str, str], int] = {}
    hrefs: dict[tuple[str, str], object] = {}
    for bucket in buckets:
        key = (str(bucket.get("period", "")), str(bucket.get("type", "")))
        if (count := _count(bucket.get("count"))) > 0:
            cells[key] = cells.get(key, 0) + count
            hrefs.setdefault(key, bucket.get("href"))
    if not cells:
        return _empty("timeline", width, height, "no events")
    periods = sorted({p for p, _ in cells} | {str(p) for p in periods or ()})
    types = sorted({t for _, t in cells}, key=_type_key)
    totals = {p: sum(c for (q, _), c in cells.items() if q == p) for p in periods}
    ymax = max(totals.values())
    left, top, bottom, legend_w = 44, 12, 30, 130
    plot_w, plot_h = max(width - left - legend_w - 10, 10), max(height - top - bottom, 10)
    band = plot_w / len(periods)
    base = top + plot_h
    out = [f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#888"/>',
           f'<line class="axis" x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#888"/>',
           f'<text class="tick" x="{left - 4}" y="{base + 4}" text-anchor="end">0</text>',
           f'<line class="grid" x1="{left}" y1="{top}" x2="{left + plot_w}" y2="{top}" stroke="#ddd"/>',
           f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">{ymax}</text>']
    label_every = max(1, math.ceil((max(len(p) for p in periods) * 6.5 + 8) / band))
    for i, period in enumerate(periods):
        bar = min(band * 0.8, 56.0)  # a lone period is a bar, not a wall
        x, y = left + (i + 0.5) * band - bar / 2, float(base)
        for kind in types:
            if not (count := cells.get((period, kind), 0)):
                continue
            h = count / ymax * plot_h
            y -= h
            rect = (f'<rect class="seg t-{_cls(kind)}" data-period="{_e(period)}" data-type="{_e(kind)}" '
                    f'data-count="{count}" x="{x:.2f}" y="{y:.2f}" width="{max(bar, 0.5):.2f}" '
                    f'height="{h:.2f}" fill="{TYPE_COLOURS.get(kind, OTHER_COLOUR)}">'
                    f"<title>{_e(period)} · {_e(kind)}: {_events(count)}</title></rect>")
            out.append(_link(rect, hrefs.get((period, kind))))
        if i % label_every == 0:
            out.append(f'<text class="period" x="{left + (i + 0.5) * band:.1f}" y="{base + 16}" '
                       f'text-anchor="middle">{_e(_clip(period, 16))}</text>')
    row = min(16.0, (height - top) / max(len(types), 1))
    legend = [(f"t-{_cls(kind)}", TYPE_COLOURS.get(kind, OTHER_COLOUR), kind) for kind in types]
    out.append(_legend(legend, width - legend_w, top, row))
    label = (f"Timeline: {_events(sum(cells.values()))} in {_events(len(periods), 'period')}, "
             f"{_events(len(types), 'event type')}")
    return _svg("timeline", width, height, label, out)


def _layout(n: int, weights: np.ndarray, iterations: int = 300) -> np.ndarray:
    """Fruchterman–Reingold positions (n x 2, roughly in [-1, 1]) from a symmetric weight matrix.

    Deterministic: nodes start evenly on a circle; forces are repulsion k²/d between all pairs,
    attraction w·d²/k along edges and a pull to the centre growing with the square of the distance,
    which keeps unlinked actors and small components from drifting off.
    """
    if n == 1:
        return np.zeros((1, 2))
    angles = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack([np.cos(angles), np.sin(angles)])
    k, temperature = math.sqrt(4.0 / n), 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.sqrt((delta**2).sum(axis=2)), 1e-3)
        force = k * k / dist - weights * dist * dist / k  # positive pushes apart
        np.fill_diagonal(force, 0.0)
        radial = np.sqrt((pos**2).sum(axis=1))[:, None]
        disp = (delta / dist[:, :, None] * force[:, :, None]).sum(axis=1) - 3.0 * pos * radial
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos = pos + disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    return pos


def network_svg(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, width: int = 900,
                height: int = 600) -> str:
    """Directed actor network: who acts on whom, laid out with a deterministic force layout.

    ``nodes``: ``{"id", "label", "country", "count", "href"}`` (the caller caps them, ~60);
    ``edges``: ``{"source", "target", "count", "types": {TYPE: n}}``. Edge width grows with
    ``1 + 2·log2(count)``, its colour is the quad class of the dominant type; node radius grows with count.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for node in nodes:
        by_id.setdefault(str(node.get("id", "")), node)
    if not by_id:
        return _empty("network", width, height, "no actors")
    ids = sorted(by_id, key=lambda i: (-_count(by_id[i].get("count")), i))
    index = {node_id: i for i, node_id in enumerate(ids)}
    links: dict[tuple[str, str], tuple[int, dict[str, int]]] = {}
    for edge in edges:
        src, tgt, count = str(edge.get("source", "")), str(edge.get("target", "")), _count(edge.get("count"))
        if src in index and tgt in index and src != tgt and count > 0:
            old_count, types = links.get((src, tgt), (0, {}))
            new = edge.get("types") if isinstance(edge.get("types"), dict) else {}
            for kind, n in new.items():
                types[str(kind)] = types.get(str(kind), 0) + _count(n)
            links[(src, tgt)] = (old_count + count, types)
    weights = np.zeros((len(ids), len(ids)))
    for (src, tgt), (count, _) in links.items():
        a, b = index[src], index[tgt]
        weights[a, b] = weights[b, a] = weights[a, b] + 1 + math.log2(count)
    pos = _layout(len(ids), weights / max(weights.max(), 1.0))
    used = {_dominant_quad(types) for _, types in links.values()}
    quads = [q for q in QUAD_LABELS if q in used]
    legend_h = 20.0 if quads else 0.0  # one row along the bottom, outside the drawing
    margin = 24.0
    lo, span = pos.min(axis=0), np.ptp(pos, axis=0)
    box = np.array([width - 2 * margin - 90, height - 2 * margin - legend_h])
    xy = np.where(span > 1e-9, (pos - lo) / np.maximum(span, 1e-9) * box, box / 2) + margin
    max_count = max([_count(by_id[i].get("count")) for i in ids] + [1])
    radius = {i: 4 + 14 * math.sqrt(_count(by_id[i].get("count")) / max_count) for i in ids}
    labels = {i: str(by_id[i].get("label") or i) for i in ids}
    out = []
    for (src, tgt), (count, types) in sorted(links.items(), key=lambda item: (item[1][0], item[0])):
        out.append(_edge(xy[index[src]], xy[index[tgt]], radius[src], radius[tgt], count, types,
                         f"{labels[src]} → {labels[tgt]}"))
    placed = _place_labels(ids, xy, radius, labels, width, height - legend_h)
    for node_id in reversed(ids):  # biggest last, on top
        node, (x, y), r = by_id[node_id], xy[index[node_id]], radius[node_id]
        country = str(node.get("country") or "")
        colour = NODE_COLOURS[zlib.crc32(country.encode()) % len(NODE_COLOURS)] if country else "#888888"
        title = f"{labels[node_id]}{f' ({country})' if country else ''}: {_events(_count(node.get('count')))}"
        mark = f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{colour}" stroke="#fff"/>'
        if (spot := placed.get(node_id)) is not None:
            lx, ly, anchor = spot
            mark += (f'<text x="{_f(lx)}" y="{_f(ly)}" text-anchor="{anchor}" paint-order="stroke" stroke="#fff" '
                     f'stroke-width="3">{_e(_clip(labels[node_id], LABEL_CHARS))}</text>')
        out.append(f'<g class="node">{_link(mark, node.get("href"))}<title>{_e(title)}</title></g>')
    x = margin
    items = []
    for q in quads:
        items.append(f'<g class="legend-item q-{q}"><rect x="{_f(x)}" y="{_f(height - 15)}" width="10" height="10" '
                     f'fill="{QUAD_COLOURS[q]}"/><text x="{_f(x + 14)}" y="{_f(height - 6)}">'
                     f"{_e(QUAD_LABELS[q])}</text></g>")
        x += 14 + len(QUAD_LABELS[q]) * CHAR_W + 16
    out.append('<g class="legend">' + "".join(items) + "</g>")
    label = f"Actor network: {_events(len(ids), 'actor')}, {_events(len(links), 'directed link')}"
    return _svg("network", width, height, label, out)


LABEL_CHARS = 24
CHAR_W, LABEL_H = 6.8, 12.0  # generous size of an 11px sans-serif character (DejaVu is wide) / line


def _place_labels(ids: list[str], xy: np.ndarray, radius: dict[str, float], labels: dict[str, str],
                  width: float, height: float) -> dict[str, tuple[float, float, str]]:
    """Label positions that overlap neither another label nor a node: biggest nodes first, each tries
    right, left, above and below its circle; a label that fits nowhere is left out (the node keeps
    its ``<title>`` tooltip). Returns node id -> (x, y, text-anchor)."""
    boxes: list[tuple[float, float, float, float]] = [
        (x - radius[i], y - radius[i], x + radius[i], y + radius[i]) for i, (x, y) in zip(ids, xy, strict=True)]
    own = {i: k for k, i in enumerate(ids)}
    placed: dict[str, tuple[float, float, str]] = {}
    for node_id in ids:
        x, y = xy[own[node_id]]
        r, w = radius[node_id], len(_clip(labels[node_id], LABEL_CHARS)) * CHAR_W
        options = ((x + r + 3, y + 4, "start", x + r + 3, y - LABEL_H / 2 - 1),
                   (x - r - 3, y + 4, "end", x - r - 3 - w, y - LABEL_H / 2 - 1),
                   (x, y - r - 4, "middle", x - w / 2, y - r - 4 - LABEL_H + 2),
                   (x, y + r + LABEL_H, "middle", x - w / 2, y + r + 2))
        for lx, ly, anchor, bx, by in options:
            rect = (bx, by, bx + w, by + LABEL_H)
            if rect[0] < 0 or rect[2] > width or rect[1] < 0 or rect[3] > height:
                continue
            if any(k != own[node_id] and not (rect[2] <= b[0] or b[2] <= rect[0] or rect[3] <= b[1] or b[3] <= rect[1])
                   for k, b in enumerate(boxes)):
                continue
            placed[node_id] = (lx, ly, anchor)
            boxes.append(rect)
            break
    return placed


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.hypot(*v)), 1e-9)


def _ranked(types: dict[str, int]) -> list[tuple[int, str]]:
    return sorted(((n, kind) for kind, n in types.items() if n > 0), key=lambda x: (-x[0], _type_key(x[1])))


def _dominant_quad(types: dict[str, int]) -> str:
    """Quad class of the most frequent type (PLOVER order breaks ties); ``other`` if unknown."""
    return QUAD.get(ranked[0][1], "other") if (ranked := _ranked(types)) else "other"


def _edge(s: np.ndarray, t: np.ndarray, rs: float, rt: float, count: int, types: dict[str, int], name: str) -> str:
    """One curved edge (bending to its own side, so A→B and B→A separate) with an arrowhead at the target."""
    d = t - s
    if (length := float(np.hypot(*d))) < 1e-6:
        return ""
    normal = np.array([-d[1], d[0]]) / length
    ctrl = (s + t) / 2 + normal * 0.12 * length
    ranked, quad = _ranked(types), _dominant_quad(types)
    colour = QUAD_COLOURS.get(quad, OTHER_COLOUR)
    stroke = min(1 + 2 * math.log2(count), 12.0)
    start = s + _unit(ctrl - s) * rs
    u = _unit(t - ctrl)
    tip = t - u * (rt + 1)
    arrow_len, half = 5 + stroke * 1.5, 3 + stroke
    base = tip - u * arrow_len
    side = np.array([-u[1], u[0]]) * half
    detail = ", ".join(f"{kind} {n}" for n, kind in ranked)
    title = f"{name}: {_events(count)}" + (f" ({detail})" if detail else "")
    arrow = " ".join(f"{_f(p[0])},{_f(p[1])}" for p in (tip, base + side, base - side))
    return (f'<g class="edge q-{quad}"><path d="M{_f(start[0])} {_f(start[1])}Q{_f(ctrl[0])} {_f(ctrl[1])} '
            f'{_f(base[0])} {_f(base[1])}" fill="none" stroke="{colour}" stroke-width="{stroke:.1f}" '
            f'stroke-opacity="0.7"/><polygon points="{arrow}" fill="{colour}"/><title>{_e(title)}</title></g>')


def map_svg(countries: Any, points: list[dict[str, Any]], **options: Any) -> str:
    """World map with Indonesia's provinces: see :func:`warta.web.charts_map.map_svg`."""
    from warta.web.charts_map import map_svg as draw

    return draw(countries, points, **options)
