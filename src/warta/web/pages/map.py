"""The ``/map`` page (events by country, Indonesian province and place) and ``/places``, the events
at one map place it links to."""


from __future__ import annotations

from typing import Annotated, Any

from fastapi import HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from warta.store.actors import place_events
from warta.store.aggregates import map_data
from warta.web import charts_map
from warta.web.charts_map import province_at, province_by_name
from warta.web.links import filter_query
from warta.web.pages.common import (
    Conn,
    Filter,
    article_urls,
    cached_chart,
    filter_form,
    left_out,
    render,
    router,
)


def _map_layers(data: dict[str, Any]) -> tuple[dict[str, int], list[dict[str, Any]], dict[str, int]]:
    """From ``map_data`` (either shape): counts of countries placed as a whole (shaded), point places
    (each with ``admin1`` for Indonesia, from the data or the province shape holding it) and counts
    per Indonesian province (all events placed in it, its cities included). A place that is a
    province itself (``Sumatera Selatan``) shades its province and is no point at its capital."""
    raw = data.get("country_level", data.get("countries")) or {}
    if isinstance(raw, dict):
        countries = {str(k): int(v) for k, v in raw.items()}
    else:
        countries = {str(c.get("iso3")): int(c.get("count") or 0) for c in raw if c.get("iso3")}
    places = data.get("places")
    if places is None:
        places = [{**p, "name": p.get("label")} for p in data.get("points", [])]
    provinces: dict[str, int] = {}
    points = []
    for p in places:
        if p.get("kind", p.get("feature")) in ("admin1", "country"):
            continue
        whole = province_by_name(p.get("name")) if p.get("country") == "IDN" and not p.get("geonames_id") else None
        if p.get("country") == "IDN":
            p = {**p, "admin1": whole or p.get("admin1") or province_at(p.get("lat"), p.get("lon"))}
        if p.get("admin1") and p.get("country") == "IDN":
            provinces[str(p["admin1"])] = provinces.get(str(p["admin1"]), 0) + int(p.get("count") or 0)
        if whole is None:
            points.append(p)
        else:
            p["province_level"] = True
    return countries, points, provinces


def _province_places(data: dict[str, Any], admin1: str) -> tuple[list[str], list[tuple[float, float]]]:
    """Spellings and coordinates of every place (points and whole-province places) the map counts in
    a province; the coordinates only matter when a place has no name."""
    names: list[str] = []
    coords: list[tuple[float, float]] = []
    target = charts_map.province_codes().get(admin1, admin1)
    for p in data.get("places") or [{**q, "name": q.get("label")} for q in data.get("points", [])]:
        if p.get("country") != "IDN":
            continue
        code = (province_by_name(p.get("name")) if not p.get("geonames_id") else None) or p.get("admin1") \
            or province_at(p.get("lat"), p.get("lon"))
        if code is None or charts_map.province_codes().get(str(code), str(code)) != target:
            continue
        names += [n for n in [p.get("name"), *(p.get("names") or [])] if n]
        if p.get("lat") is not None:
            coords.append((float(p["lat"]), float(p["lon"])))
    return list(dict.fromkeys(names)), coords


@router.get("/map", response_class=HTMLResponse)
def page_map(request: Request, conn: Conn, flt: Filter) -> HTMLResponse:
    """Where events took place: countries and Indonesian provinces shaded by count, places as circles."""
    data = map_data(conn, flt)
    countries, places, provinces = _map_layers(data)
    items = request.query_params.multi_items()
    points = []
    for p in places:
        label = p.get("name") or p.get("label")
        spellings = list(dict.fromkeys([label, *(p.get("names") or [])])) if label else []
        ref = {"name": spellings, "country": p.get("country")} if spellings else \
            {"country": p.get("country"), "lat": p.get("lat"), "lon": p.get("lon")}
        points.append({**p, "label": label, "href": "/places?" + filter_query(items, **ref)})
    unplaced = data.get("unplaced")
    if unplaced is None:
        unplaced = left_out(conn, flt, "place")
    country_href = {code: "/events?" + filter_query(items, country=code) for code in countries}
    province_href = {code: "/places?" + filter_query(items, country="IDN", admin1=code) for code in provinces}
    svg = cached_chart("map", data, request, lambda: charts_map.map_svg(
        countries, points, provinces=provinces, country_hrefs=country_href, province_hrefs=province_href))
    return render(request, "chart.html", twin="/api/map", title="Map", svg=svg, page="map",
                   left_out=(unplaced, "without a place", "on this map"), **filter_form(request, flt, "/map"))


@router.get("/places", response_class=HTMLResponse)
def page_place(request: Request, conn: Conn, flt: Filter, name: Annotated[list[str] | None, Query()] = None,
               country: str | None = None, admin1: str | None = None, lat: float | None = None,
               lon: float | None = None) -> HTMLResponse:
    """The events at one map place (click-through from the map), within the shared filter: by its
    spellings (``name``, repeatable), its coordinates (``lat``/``lon``) or a province (``admin1``)."""
    names = [n for n in name or [] if n.strip()]
    if admin1 is not None:  # a province: the events at every place the map knows in it
        spellings, coords = _province_places(map_data(conn, flt), admin1)
        title = charts_map.province_name(admin1) or f"province {admin1}"
        events, total = place_events(conn, flt, country="IDN", names=spellings) if spellings else \
            place_events(conn, flt, country="IDN", coords=coords) if coords else ([], 0)
    elif names:
        events, total = place_events(conn, flt, names=names, country=country)
        title = names[0]
    elif lat is not None and lon is not None:
        events, total = place_events(conn, flt, country=country, coords=[(lat, lon)])
        title = f"{lat:.3f}, {lon:.3f}"
    else:
        raise HTTPException(status_code=400, detail="place: give name=..., lat=... and lon=..., or admin1=...")
    return render(request, "place.html", twin=None, title=title, country=country, events=events, total=total,
                   urls=article_urls(conn, {e["article"]["id"] for e in events}),
                   **filter_form(request, flt, "/events"))
