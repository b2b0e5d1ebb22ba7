"""The map's counts (events once per cluster, per place, per country) equal the whole-store
grouping they were first written as: one DISTINCT group per (name, country, rounded point)."""

from __future__ import annotations

import json
import random
import sqlite3
from typing import Any

import pytest

from tests.store.test_cluster_candidates import fixture_documents
from warta.store import EventFilter, connect
from warta.store.aggregates import _admin1, _country_name, _geonames_id, fold_name, is_country_name, map_data
from warta.store.query import event_where
from warta.store.write import delete_articles, save_documents

#: Event places: spellings and case variants of one place (one geonames id, or one folded name and
#: point), countries named as the place, a name without a point, a point without a name, none.
LOCATIONS = [
    {"name": "Jakarta", "country": "IDN", "lat": -6.21462, "lon": 106.84513},
    {"name": "JAKARTA", "country": "IDN", "lat": -6.21462, "lon": 106.84513},
    {"name": "Moskwa", "country": "RUS", "lat": 55.75222, "lon": 37.61556},
    {"name": "Moskow", "country": "RUS", "lat": 55.7522, "lon": 37.6156},
    {"name": "Bandung", "country": "IDN", "lat": -6.90389, "lon": 107.61861},
    {"name": "Indonesia", "country": "IDN", "lat": -2.0, "lon": 118.0},
    {"name": "Rusia", "country": "RUS", "lat": None, "lon": None},
    {"name": "Sukamaju", "country": "IDN", "lat": None, "lon": None},
    {"name": None, "country": "MYS", "lat": 3.1412, "lon": 101.68653},
    None,
]
PLACES = [{"entity": None, "name": "Moskwa", "country": "RUS", "lat": 55.75222, "lon": 37.61556, "geonames_id": 524901},
          {"entity": None, "name": "Moskow", "country": "RUS", "lat": 55.7522, "lon": 37.6156, "geonames_id": 524901}]


def located_documents(seed: int) -> list[dict]:
    rng = random.Random(seed)
    docs = fixture_documents(seed, n=40)
    for doc in docs:
        doc["places"] = PLACES
        for event in doc["events"]:
            event["location"] = rng.choice(LOCATIONS)
    return docs


def reference_map(conn: sqlite3.Connection, where: str, params: list[Any]) -> dict[str, Any]:
    """The map as first written: a DISTINCT group per (name, country, rounded point), merged by
    geonames id, else by folded name and point (written out here, not taken from the module)."""
    joiner = " AND " if where else " WHERE "
    once_of = "coalesce(e.cluster_id, -e.id)"
    countries = {r[0]: r[1] for r in conn.execute(
        f"SELECT e.location_country, count(DISTINCT {once_of}) FROM events e{where}{joiner}"
        "e.location_country IS NOT NULL GROUP BY e.location_country", params)}
    unplaced = conn.execute(f"SELECT count(DISTINCT {once_of}) FROM events e{where}{joiner}"
                            "e.location_country IS NULL AND e.lat IS NULL", params).fetchone()[0]
    level: dict[str, set[str]] = {}
    places: dict[Any, dict[str, Any]] = {}
    for name, country, lat, lon, once in conn.execute(
            "SELECT e.location_name, e.location_country, round(e.lat, 3), round(e.lon, 3), "
            f"group_concat(DISTINCT {once_of}) FROM events e{where}{joiner}e.location_country IS NOT NULL "
            "GROUP BY 1, 2, 3, 4", params):
        ids = set(once.split(","))
        if is_country_name(name, country):
            level.setdefault(country, set()).update(ids)
        elif lat is not None:
            gid = _geonames_id(conn, name, lat, lon)
            place = places.setdefault(gid or (fold_name(name), country, round(lat, 2), round(lon, 2)),
                                      {"gid": gid, "country": country, "lat": lat, "lon": lon, "ids": set(),
                                       "spellings": {}})
            place["ids"] |= ids
            place["spellings"][name] = place["spellings"].get(name, 0) + len(ids)
    out = []
    for p in places.values():
        names = sorted(p["spellings"], key=lambda n: ((n or "").isupper(), -p["spellings"][n], n or ""))
        out.append({"name": names[0], "lat": p["lat"], "lon": p["lon"], "geonames_id": p["gid"],
                    "admin1": _admin1(p["gid"]), "country": p["country"], "kind": "place", "count": len(p["ids"]),
                    "names": names})
    out.sort(key=lambda p: (-p["count"], p["name"] or ""))
    return {"countries": countries,
            "country_level": sorted(({"iso3": c, "name": _country_name(c), "count": len(ids)}
                                     for c, ids in level.items()), key=lambda c: (-c["count"], c["iso3"])),
            "places": out,
            "points": [{"label": p["name"], "country": p["country"], "lat": p["lat"], "lon": p["lon"],
                        "count": p["count"]} for p in out],
            "unplaced": unplaced}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_map_equals_the_whole_store_grouping(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("WARTA_READ_CACHE", "0")
    conn = connect(tmp_path / "m.db")
    save_documents(conn, located_documents(seed), fingerprint="f", run_id=None)
    filters = [EventFilter(), EventFilter(type="PROTEST"), EventFilter(country="IDN"), EventFilter(actor="polisi")]

    def check() -> dict[str, Any]:
        for flt in filters:
            # as JSON: the order of the countries' keys is part of the answer too
            assert json.dumps(map_data(conn, flt)) == json.dumps(reference_map(conn, *event_where(flt))), flt
        return map_data(conn, EventFilter())

    whole = check()
    merged = [p for p in whole["places"] if len(p["names"]) > 1]
    assert {tuple(sorted(p["names"])) for p in merged} == {("JAKARTA", "Jakarta"), ("Moskow", "Moskwa")}
    assert whole["country_level"] and whole["unplaced"] and whole["countries"]["MYS"]
    # clusters shared by several reports count once, so the counts are below the events'
    assert sum(p["count"] for p in whole["places"]) < conn.execute(
        "SELECT count(*) FROM events WHERE lat IS NOT NULL").fetchone()[0]
    ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    delete_articles(conn, ids[::4])
    save_documents(conn, located_documents(seed + 5)[:8], fingerprint="g", run_id=None)
    check()
