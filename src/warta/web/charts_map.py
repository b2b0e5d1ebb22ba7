"""The dashboard's world map as server-side SVG: countries and Indonesia's provinces shaded by event
count (choropleth), places as sized circles, all offline (shapes bundled in ``warta/data``).

The drawing sits in an inner ``<svg class="map-area">`` with its own ``viewBox``: ``/static/warta.js``
zooms and pans by changing that viewBox (wheel, drag, buttons, keys), so the legend stays put and
nothing is fetched. Borders keep their width at any zoom (``vector-effect="non-scaling-stroke"``),
circles carry ``data-r`` so the script can keep them small when zoomed in. Untrusted text is
escaped and links kept only when site-relative, as in :mod:`warta.web.charts`.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from warta.web.charts import (
    CHOROPLETH,
    LAND,
    LAT_MAX,
    LAT_MIN,
    OCEAN,
    _count,
    _e,
    _events,
    _f,
    _legend,
    _link,
    _svg,
)

#: Indonesia's extent (lon west, lat south, lon east, lat north) for the "Indonesia" zoom button.
IDN_BOX = (94.0, -11.5, 141.5, 6.5)


@lru_cache(maxsize=1)
def _shapes() -> dict[str, Any]:
    """The bundled country shapes (``warta/data/countries-110m.json``), loaded once."""
    text = resources.files("warta").joinpath("data/countries-110m.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, Any]:
    """Indonesia's province shapes (``warta/data/idn-adm1.json``) keyed by GeoNames admin1 code, loaded once."""
    text = resources.files("warta").joinpath("data/idn-adm1.json").read_text(encoding="utf-8")
    return json.loads(text)["provinces"]


def province_codes() -> dict[str, str]:
    """Any admin1 code (also newer provinces' codes) -> the code of the bundled shape that holds it."""
    return dict(_province_codes())


@lru_cache(maxsize=1)
def _province_codes() -> dict[str, str]:
    """Any admin1 code (also newer provinces' codes) -> the code of the shape that holds it."""
    out = {}
    for code, province in _provinces().items():
        out[code] = code
        for newer in province.get("also", ()):
            out.setdefault(newer, code)
    return out


def province_name(admin1: str) -> str | None:
    """The display name of an Indonesian province from its GeoNames admin1 code (``"04"`` → Jakarta Raya)."""
    code = _province_codes().get(str(admin1))
    return _provinces()[code]["name"] if code else None


#: Common Indonesian names of provinces whose Natural Earth name differs (casefolded).
PROVINCE_ALIASES = {"dki jakarta": "04", "daerah khusus ibukota jakarta": "04", "daerah khusus jakarta": "04",
                    "di yogyakarta": "10", "daerah istimewa yogyakarta": "10", "kepulauan bangka belitung": "35",
                    "bangka belitung": "35", "papua barat": "39", "aceh": "01", "nanggroe aceh darussalam": "01",
                    "kalimantan utara": "42", "papua barat daya": "PD", "papua tengah": "PT", "papua pegunungan": "PE",
                    "papua selatan": "PS"}


@lru_cache(maxsize=1)
def _province_index() -> tuple[dict[str, str], list[tuple[str, tuple[float, float, float, float], list]]]:
    """Casefolded province names -> code, and (code, bounding box, polygons) for point lookups."""
    names = {p["name"].casefold(): code for code, p in _provinces().items()} | PROVINCE_ALIASES
    boxes = []
    for code, province in _provinces().items():
        points = [pt for polygon in province["polygons"] for ring in polygon for pt in ring]
        lons, lats = [pt[0] for pt in points], [pt[1] for pt in points]
        boxes.append((code, (min(lons), min(lats), max(lons), max(lats)), province["polygons"]))
    return names, boxes


def province_by_name(name: object) -> str | None:
    """The admin1 code of a province named ``name`` (``Sumatera Selatan``, ``Provinsi DKI Jakarta``), else None."""
    if not isinstance(name, str):
        return None
    key = " ".join(name.casefold().replace("prov.", "provinsi").split()).removeprefix("provinsi ")
    code = _province_index()[0].get(key)
    return _province_codes().get(code, code) if code else None


def province_at(lat: object, lon: object) -> str | None:
    """The admin1 code of the bundled province shape that holds the point, else None."""
    try:
        y, x = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    for code, (west, south, east, north), polygons in _province_index()[1]:
        if west <= x <= east and south <= y <= north:
            hit = False
            for ring in (ring for polygon in polygons for ring in polygon):
                for (x1, y1), (x2, y2) in pairwise(ring):
                    if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                        hit = not hit
            if hit:
                return code
    return None


def _ring_paths(ring: list[list[float]], scale: float) -> list[str]:
    """SVG subpaths of one ring in the equirectangular projection, antimeridian-safe.

    The ring is unwrapped (longitudes made continuous), closed over the pole if it circles it
    (Antarctica), and drawn once more shifted by ±360° where that copy reaches the map; the map's
    viewport clips what lies outside.
    """
    lons, lats = [ring[0][0]], [ring[0][1]]
    for lon, lat in ring[1:]:
        lons.append(lon + 360 * round((lons[-1] - lon) / 360))
        lats.append(lat)
    if max(lats) < LAT_MIN or min(lats) > LAT_MAX:
        return []
    if round((lons[-1] - lons[0]) / 360):  # circles a pole
        pole = -90.0 if sum(lats) < 0 else 90.0
        lons, lats = [*lons, lons[-1], lons[0]], [*lats, pole, pole]
    paths = []
    for shift in (-360, 0, 360):
        if max(lons) + shift <= -180 or min(lons) + shift >= 180:
            continue
        points: list[str] = []
        for lon, lat in zip(lons, lats, strict=True):
            point = f"{_f((lon + shift + 180) * scale)} {_f((LAT_MAX - lat) * scale)}"
            if not points or point != points[-1]:
                points.append(point)
        if len(points) >= 3:
            paths.append("M" + "L".join(points) + "Z")
    return paths


def _path_data(polygons: list, scale: float) -> str:
    return "".join(p for polygon in polygons for ring in polygon for p in _ring_paths(ring, scale))


@lru_cache(maxsize=8)
def _country_paths(scale: float) -> tuple[tuple[str, str, str], ...]:
    """(code, name, path data) of every bundled country at ``scale`` pixels per degree."""
    paths = ((code, country["name"], _path_data(country["polygons"], scale))
             for code, country in _shapes()["countries"].items())
    return tuple(path for path in paths if path[2])


@lru_cache(maxsize=8)
def _province_paths(scale: float) -> tuple[tuple[str, str, str], ...]:
    """(admin1 code, name, path data) of Indonesia's provinces at ``scale`` pixels per degree."""
    paths = ((code, province["name"], _path_data(province["polygons"], scale))
             for code, province in _provinces().items())
    return tuple(path for path in paths if path[2])


def _classes(max_count: int, n: int = len(CHOROPLETH)) -> list[int]:
    """Upper bounds of up to ``n`` geometric count classes ending at ``max_count``."""
    return sorted({max(1, math.ceil(max_count ** (k / n))) for k in range(1, n + 1)})


def map_svg(countries: dict[str, int] | list[dict[str, Any]], points: list[dict[str, Any]], *,
            provinces: dict[str, int] | None = None, country_hrefs: dict[str, str] | None = None,
            province_hrefs: dict[str, str] | None = None, width: int = 960, height: int = 379) -> str:
    """World map: choropleth of event counts per country and Indonesian province, plus sized place markers.

    ``countries``: ``{"IDN": 5, ...}`` or ``[{"iso3", "count"}, ...]``; a country with a count links to
    ``country_hrefs[code]`` (default ``/events?country=CODE``); countries too small for a shape
    (Singapore ...) with a count are drawn as a square at their capital. ``provinces``: ``{admin1: count}``
    (GeoNames admin1 codes; newer provinces count for the shape they were split from), linking to
    ``province_hrefs[code]``; drawn over Indonesia, so its own shade (events placed in "Indonesia" as a
    whole) is told in the provinces' tooltips instead. ``points``:
    ``{"lat", "lon", "label", "count", "href"}``. Equirectangular, latitudes 84°N to 58°S.
    """
    shapes = _shapes()
    if isinstance(countries, dict):
        pairs = countries.items()
    else:
        pairs = ((c.get("iso3"), c.get("count")) for c in countries if isinstance(c, dict))
    counts = {str(code).upper(): _count(n) for code, n in pairs if code and _count(n) > 0}
    by_province: dict[str, int] = {}
    for code, n in (provinces or {}).items():
        if (shape := _province_codes().get(str(code))) and _count(n) > 0:
            by_province[shape] = by_province.get(shape, 0) + _count(n)
    country_hrefs, province_hrefs = country_hrefs or {}, province_hrefs or {}
    scale = min(width / 360, height / (LAT_MAX - LAT_MIN))
    map_w, map_h = 360 * scale, (LAT_MAX - LAT_MIN) * scale
    x0, y0 = (width - map_w) / 2, (height - map_h) / 2
    bounds = _classes(max([*counts.values(), *by_province.values()], default=1))

    def fill(n: int) -> str:
        return next(CHOROPLETH[len(CHOROPLETH) - len(bounds) + i] for i, b in enumerate(bounds) if n <= b)

    west, south, east, north = IDN_BOX
    idn = f"{_f((west + 180) * scale)} {_f((LAT_MAX - north) * scale)} {_f((east - west) * scale)} " \
          f"{_f((north - south) * scale)}"
    out = [f'<svg class="map-area" x="{_f(x0)}" y="{_f(y0)}" width="{_f(map_w)}" height="{_f(map_h)}" '
           f'viewBox="0 0 {_f(map_w)} {_f(map_h)}" data-idn-box="{idn}" overflow="hidden">'
           f'<rect class="ocean" x="-{_f(map_w)}" y="-{_f(map_h)}" width="{_f(3 * map_w)}" '
           f'height="{_f(3 * map_h)}" fill="{OCEAN}"/>']
    for code, name, d in _country_paths(scale):
        n = counts.get(code, 0)
        title = f"{name}: {_events(n)}" if n else name
        shade = fill(n) if n and code != "IDN" else LAND  # Indonesia: its provinces carry the shades
        path = (f'<path class="country{" has-events" if n else ""}" data-country="{_e(code)}" d="{d}" '
                f'fill="{shade}" fill-rule="evenodd" stroke="#fff" stroke-width="0.4" '
                f'vector-effect="non-scaling-stroke"><title>{_e(title)}</title></path>')
        out.append(_link(path, country_hrefs.get(code, f"/events?country={code}")) if n else path)
    out.append('<g class="provinces">')
    whole = counts.get("IDN", 0)
    note = f" ({_events(whole)} placed in Indonesia as a whole)" if whole else ""
    for code, name, d in _province_paths(scale):
        n = by_province.get(code, 0)
        title = f"{name}, Indonesia: {_events(n)}" if n else f"{name}, Indonesia{note}"
        path = (f'<path class="province{" has-events" if n else ""}" data-admin1="{_e(code)}" d="{d}" '
                f'fill="{fill(n) if n else LAND}" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.6" '
                f'stroke-opacity="0.9" vector-effect="non-scaling-stroke"><title>{_e(title)}</title></path>')
        out.append(_link(path, province_hrefs.get(code)) if n else path)
    out.append("</g>")
    for code, small in shapes.get("points", {}).items():
        if (n := counts.get(code, 0)) and code not in shapes["countries"]:
            lon, lat = small["point"]
            x, y = (lon + 180) * scale, (LAT_MAX - lat) * scale
            mark = (f'<rect class="country small has-events" data-country="{_e(code)}" x="{_f(x - 3)}" '
                    f'y="{_f(y - 3)}" width="6" height="6" fill="{fill(n)}" stroke="#333" stroke-width="0.5" '
                    f'vector-effect="non-scaling-stroke"><title>{_e(small["name"])}: {_events(n)}</title></rect>')
            out.append(_link(mark, country_hrefs.get(code, f"/events?country={code}")))
    marks = []
    for point in points:
        try:
            lat, lon = float(point["lat"]), float(point["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
            marks.append((_count(point.get("count")), lat, lon, point))
    max_point = max([m[0] for m in marks] + [1])
    for n, lat, lon, point in sorted(marks, key=lambda m: -m[0]):  # small ones on top
        label = str(point.get("label") or f"{lat:.2f}, {lon:.2f}")
        r = _f(2.5 + 9 * math.sqrt(n / max_point))
        circle = (f'<circle class="place" cx="{_f((lon + 180) * scale)}" cy="{_f((LAT_MAX - lat) * scale)}" '
                  f'r="{r}" data-r="{r}" fill="#d94801" fill-opacity="0.75" stroke="#fff" stroke-width="0.8" '
                  f'vector-effect="non-scaling-stroke"><title>{_e(label)}: {_events(n)}</title></circle>')
        out.append(_link(circle, point.get("href")))
    out.append("</svg>")
    lowers = [1, *(b + 1 for b in bounds[:-1])]
    items = [("no-events", LAND, "no events")] + [(f"class-{i}", fill(b), str(b) if b == lo else f"{lo}–{b}")
                                                   for i, (lo, b) in enumerate(zip(lowers, bounds, strict=True))]
    items.append(("place", "#d94801", "place (circle)"))
    out.append(_legend(items, x0 + 8, y0 + map_h - 8 - 14 * len(items), 14))  # over the South Pacific
    label = (f"World map: events in {len(counts)} countries, {len(by_province)} Indonesian provinces and "
             f"{_events(len(marks), 'place')}")
    return _svg("map", width, height, label, out)
