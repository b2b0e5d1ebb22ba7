"""Server-side SVG charts (warta.web.charts) and the bundled country shapes they draw."""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

from warta.web.charts import QUAD, TYPE_COLOURS, TYPE_ORDER, map_svg, network_svg, timeline_svg

NS = "{http://www.w3.org/2000/svg}"
EVIL_LABEL = '<script>alert(1)</script>" onmouseover="x'
EVIL_HREFS = ["javascript:alert(1)", " javascript:alert(1)", "//evil.example/x", "/\\evil.example", "/ok\nx"]

BUCKETS = [
    {"period": "2025-09", "type": "CONSULT", "count": 3, "href": "/events?type=CONSULT&since=2025-09-01"},
    {"period": "2025-09", "type": "ACCUSE", "count": 1, "href": "/events?type=ACCUSE&since=2025-09-01"},
    {"period": "2025-08", "type": "CONSULT", "count": 6},
    {"period": "2025-08", "type": "ASSAULT", "count": 2},
    {"period": "2025-10", "type": "AID", "count": 0},
]
NODES = [
    {"id": "per:vladimir-putin", "label": "Vladimir Putin", "country": "RUS", "count": 12,
     "href": "/events?actor=per:vladimir-putin"},
    {"id": "per:prabowo-subianto", "label": "Prabowo Subianto", "country": "IDN", "count": 20},
    {"id": "org:asean", "label": "ASEAN", "count": 4},
    {"id": "cty:chn", "label": "Tiongkok", "country": "CHN", "count": 7},
]
EDGES = [
    {"source": "per:prabowo-subianto", "target": "per:vladimir-putin", "count": 3, "types": {"CONSULT": 2, "ACCUSE": 1}},
    {"source": "per:vladimir-putin", "target": "per:prabowo-subianto", "count": 1, "types": {"AGREE": 1}},
    {"source": "cty:chn", "target": "org:asean", "count": 5, "types": {"THREATEN": 5}},
    {"source": "cty:chn", "target": "nobody", "count": 5, "types": {"THREATEN": 5}},
]
POINTS = [{"lat": -6.2, "lon": 106.8, "label": "Jakarta", "count": 4, "href": "/events?place=Jakarta"},
          {"lat": 55.75, "lon": 37.62, "label": "Moskwa", "count": 1}]


def local(tag: str) -> str:
    return tag.removeprefix(NS)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert local(root.tag) == "svg"
    assert root.get("role") == "img" and root.get("aria-label")
    return root


def links(root: ET.Element) -> list[tuple[str, ET.Element]]:
    """(href, first child) of every <a>."""
    return [(a.get("href", ""), a[0]) for a in root.iter(f"{NS}a")]


@pytest.mark.parametrize("svg", [
    timeline_svg(BUCKETS), timeline_svg([]), timeline_svg([{"period": "2025-09", "type": "AID", "count": 0}]),
    network_svg(NODES, EDGES), network_svg([], []), network_svg(NODES[:1], []),
    map_svg({"IDN": 5}, POINTS), map_svg({}, []),
], ids=["timeline", "timeline-empty", "timeline-zero", "network", "network-empty", "network-one", "map", "map-empty"])
def test_well_formed(svg: str) -> None:
    root = parse(svg)
    assert not any(local(el.tag) in ("script", "foreignObject") for el in root.iter())


def test_empty_messages() -> None:
    assert "no events" in "".join(parse(timeline_svg([])).itertext())
    assert "no actors" in "".join(parse(network_svg([], [])).itertext())


def hostile_svgs() -> list[str]:
    """A timeline, a network and a map per hostile href, with a hostile label everywhere text goes."""
    out = []
    for href in EVIL_HREFS:
        out.append(timeline_svg([{"period": EVIL_LABEL, "type": EVIL_LABEL, "count": 2, "href": href}]))
        nodes = [{"id": EVIL_LABEL, "label": EVIL_LABEL, "country": EVIL_LABEL, "count": 3, "href": href},
                 {"id": "b", "label": "B", "count": 1, "href": href}]
        edges = [{"source": EVIL_LABEL, "target": "b", "count": 2, "types": {EVIL_LABEL: 2}}]
        out.append(network_svg(nodes, edges))
        out.append(map_svg({EVIL_LABEL: 3, "IDN": 1}, [{"lat": 0, "lon": 0, "label": EVIL_LABEL, "count": 1,
                                                        "href": href}]))
    return out


@pytest.mark.parametrize("svg", hostile_svgs(), ids=lambda svg: svg.split('class="chart ')[1].split('"')[0])
def test_untrusted_text_is_escaped(svg: str) -> None:
    root = parse(svg)
    assert "<script" not in svg and "javascript:" not in svg.lower()
    for el in root.iter():
        assert local(el.tag) != "script"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            if name.endswith("href"):
                assert value.startswith(("/", "?")) and not value.startswith("//")
                assert not value.lower().lstrip().startswith("javascript")
    # the hostile label survives as inert text
    assert any(EVIL_LABEL[:20] in (el.text or "") for el in root.iter())


def test_safe_hrefs_are_kept() -> None:
    root = parse(timeline_svg(BUCKETS))
    hrefs = {href for href, _ in links(root)}
    assert hrefs == {"/events?type=CONSULT&since=2025-09-01", "/events?type=ACCUSE&since=2025-09-01"}
    root = parse(network_svg(NODES, EDGES))
    assert [href for href, _ in links(root)] == ["/events?actor=per:vladimir-putin"]
    root = parse(timeline_svg([{"period": "2025", "type": "AID", "count": 1, "href": "?type=AID"}]))
    assert [href for href, _ in links(root)] == ["?type=AID"]


def test_network_layout_is_deterministic() -> None:
    rnd = random.Random(7)
    nodes = [{"id": f"n{i}", "label": f"Node {i}", "country": rnd.choice(["IDN", "USA", ""]),
              "count": rnd.randint(1, 30)} for i in range(40)]
    edges = [{"source": f"n{rnd.randrange(40)}", "target": f"n{rnd.randrange(40)}", "count": rnd.randint(1, 9),
              "types": {rnd.choice(TYPE_ORDER): 1}} for _ in range(80)]
    first = network_svg(nodes, edges)
    assert network_svg(nodes, edges) == first
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    rnd.shuffle(shuffled_nodes)
    rnd.shuffle(shuffled_edges)
    assert network_svg(shuffled_nodes, shuffled_edges) == first
    circles = [(c.get("cx"), c.get("cy")) for c in parse(first).iter(f"{NS}circle")]
    assert len(circles) == 40 and len(set(circles)) == 40  # every node placed, none on top of another


def test_network_edges() -> None:
    root = parse(network_svg(NODES, EDGES))
    titles = [el.findtext(f"{NS}title") for el in root.iter(f"{NS}g") if el.get("class", "").startswith("edge")]
    assert "Prabowo Subianto → Vladimir Putin: 3 events (CONSULT 2, ACCUSE 1)" in titles
    assert "Tiongkok → ASEAN: 5 events (THREATEN 5)" in titles
    assert len(titles) == 3  # the edge to an unknown node is dropped
    widths = {el.findtext(f"{NS}title"): float(el[0].get("stroke-width")) for el in root.iter(f"{NS}g")
              if el.get("class", "").startswith("edge")}
    assert widths["Tiongkok → ASEAN: 5 events (THREATEN 5)"] > widths["Vladimir Putin → Prabowo Subianto: 1 event (AGREE 1)"]
    classes = {el.get("class") for el in root.iter(f"{NS}g")}
    assert {"edge q-verbal-coop", "edge q-verbal-conflict"} <= classes
    assert all(el.get("points") for el in root.iter(f"{NS}polygon"))  # arrowheads


def test_map_countries_and_points() -> None:
    root = parse(map_svg({"IDN": 5, "SGP": 2, "XXX": 9}, POINTS))
    paths = {el.get("data-country"): el for el in root.iter(f"{NS}path")}
    assert {"IDN", "RUS", "USA", "FJI", "XKX"} <= paths.keys()
    assert paths["IDN"].findtext(f"{NS}title") == "Indonesia: 5 events"
    assert paths["RUS"].findtext(f"{NS}title") == "Russia"
    assert "has-events" in paths["IDN"].get("class") and paths["IDN"].get("fill") == paths["RUS"].get("fill")
    assert paths["IDN"].findtext(f"{NS}title") == "Indonesia: 5 events"  # shaded through its provinces' tooltips
    mys = {el.get("data-country"): el for el in parse(map_svg({"MYS": 5}, [])).iter(f"{NS}path")}["MYS"]
    assert mys.get("fill") not in (None, paths["RUS"].get("fill"))
    linked = {href: child for href, child in links(root)}
    assert linked["/events?country=IDN"].get("data-country") == "IDN"
    assert linked["/events?country=SGP"].findtext(f"{NS}title") == "Singapore: 2 events"  # too small for a shape
    assert "/events?country=RUS" not in linked and "/events?country=XXX" not in linked
    assert linked["/events?place=Jakarta"].findtext(f"{NS}title") == "Jakarta: 4 events"
    circles = [c for c in root.iter(f"{NS}circle") if c.get("class") == "place"]
    assert len(circles) == 2 and float(circles[0].get("r")) > float(circles[1].get("r"))
    # coordinates have one decimal, and no ring jumps across the whole map (antimeridian handled)
    for d in (paths["RUS"].get("d"), paths["FJI"].get("d")):
        numbers = re.findall(r"-?\d+(?:\.\d+)?", d)
        assert all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)
        for sub in re.findall(r"M[^MZ]*Z", d):
            xs = [float(x) for x in re.findall(r"(-?\d+\.\d) -?\d+\.\d", sub)]
            assert max(abs(a - b) for a, b in itertools.pairwise(xs)) < 480


def test_timeline_segments_proportional() -> None:
    root = parse(timeline_svg(BUCKETS, width=600, height=300))
    segs = [r for r in root.iter(f"{NS}rect") if r.get("class", "").startswith("seg")]
    got = {(r.get("data-period"), r.get("data-type")): r for r in segs}
    assert set(got) == {("2025-09", "CONSULT"), ("2025-09", "ACCUSE"), ("2025-08", "CONSULT"), ("2025-08", "ASSAULT")}
    per_event = {round(float(r.get("height")) / int(r.get("data-count")), 1) for r in segs}
    assert len(per_event) == 1
    assert got[("2025-08", "CONSULT")].get("fill") == TYPE_COLOURS["CONSULT"]
    assert float(got[("2025-08", "CONSULT")].get("x")) < float(got[("2025-09", "CONSULT")].get("x"))  # sorted
    # stacked: ACCUSE (conflict) sits on top of CONSULT in the same bar
    consult, accuse = got[("2025-09", "CONSULT")], got[("2025-09", "ACCUSE")]
    assert float(accuse.get("y")) + float(accuse.get("height")) == pytest.approx(float(consult.get("y")), abs=0.02)
    assert got[("2025-09", "CONSULT")].findtext(f"{NS}title") == "2025-09 · CONSULT: 3 events"
    texts = list(root.itertext())
    assert "8" in texts and "CONSULT" in texts and "ASSAULT" in texts and "AID" not in texts  # y max, legend


def test_timeline_thins_labels() -> None:
    buckets = [{"period": f"2025-{d // 31 + 1:02d}-{d % 31 + 1:02d}", "type": "AID", "count": 1} for d in range(300)]
    root = parse(timeline_svg(buckets))
    labels = [t for t in root.iter(f"{NS}text") if t.get("class") == "period"]
    assert 5 <= len(labels) < 40


def test_palette() -> None:
    assert set(TYPE_COLOURS) == set(QUAD) and len(QUAD) == 16
    assert set(QUAD.values()) == {"verbal-coop", "material-coop", "verbal-conflict", "material-conflict"}


def test_bundled_shapes_file() -> None:
    resource = resources.files("warta").joinpath("data/countries-110m.json")
    data = json.loads(resource.read_text(encoding="utf-8"))
    assert len(resource.read_bytes()) < 400_000
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    assert len(data["countries"]) > 170 and data["countries"]["IDN"]["name"] == "Indonesia"
    for code, country in data["countries"].items():
        assert re.fullmatch(r"[A-Z]{3}", code) and country["polygons"]
        for ring in (ring for polygon in country["polygons"] for ring in polygon):
            assert len(ring) >= 4 and ring[0] == ring[-1]
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    assert data["points"]["SGP"]["point"] == pytest.approx([103.85, 1.29], abs=0.1)


def test_topojson_decoding() -> None:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_country_shapes.py"
    spec = importlib.util.spec_from_file_location("build_country_shapes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    topology = {"transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
                "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]]}
    arcs = module.decode_arcs(topology)
    assert arcs[0] == [(-10, 20), (-8, 20), (-8, 21)]
    ring = module.stitch_ring([0, 1], arcs)
    assert ring == [(-10, 20), (-8, 20), (-8, 21), (-10, 21), (-10, 20)]
    assert module.stitch_ring([~1], arcs)[0] == (-10, 20)  # ~1: arc 1 reversed
    polygons = module.geometry_polygons({"type": "Polygon", "arcs": [[0, 1]]}, arcs, 2)
    assert polygons == [[[[-10, 20], [-8, 20], [-8, 21], [-10, 21], [-10, 20]]]]


def _label_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Approximate boxes of the node labels (the chart's own character width estimate)."""
    from warta.web.charts import CHAR_W, LABEL_H

    boxes = []
    for g in root.iter(f"{NS}g"):
        if g.get("class") != "node":
            continue
        for text in g.iter(f"{NS}text"):
            x, y, w = float(text.get("x")), float(text.get("y")), len(text.text) * CHAR_W
            left = {"start": x, "end": x - w, "middle": x - w / 2}[text.get("text-anchor")]
            boxes.append((left, y - LABEL_H + 3, left + w, y + 3))
    return boxes


def test_network_labels_do_not_overlap_and_legend_fits() -> None:
    rng = random.Random(7)
    nodes = [{"id": f"n{i}", "label": f"Aktor Nomor {i} Dari Kementerian", "country": "IDN", "count": rng.randint(1, 30)}
             for i in range(45)]
    edges = [{"source": f"n{rng.randrange(45)}", "target": f"n{rng.randrange(45)}", "count": rng.randint(1, 4),
              "types": {rng.choice(list(QUAD)): 1}} for _ in range(90)]
    root = parse(network_svg(nodes, edges))
    boxes = _label_boxes(root)
    assert 10 <= len(boxes) <= 45  # crowded: some labels are left to the tooltips
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] + 0.5 or b[3] <= a[1] + 0.5, (a, b)
    titles = [g.findtext(f"{NS}title") for g in root.iter(f"{NS}g") if g.get("class") == "node"]
    assert len(titles) == 45 and all(titles)  # every node keeps its name as a tooltip
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
    items = list(legend.iter(f"{NS}text"))
    assert len(items) == 4 and {t.text for t in items} == {"verbal cooperation", "material cooperation",
                                                           "verbal conflict", "material conflict"}
    from warta.web.charts import CHAR_W
    for text in items:
        assert float(text.get("x")) + len(text.text) * CHAR_W <= width and float(text.get("y")) <= height
    circles = [c for c in root.iter(f"{NS}circle")]
    assert all(float(c.get("cy")) + float(c.get("r")) < float(items[0].get("y")) - 8 for c in circles)


def test_map_provinces_zoom_hooks_and_new_shape() -> None:
    countries = [{"iso3": "IDN", "name": "Indonesia", "count": 2}, {"iso3": "MYS", "count": 1}, {"iso3": None}]
    svg = map_svg(countries, POINTS, provinces={"04": 3, "42": 1, "14": 1, "99": 5},
                  province_hrefs={"04": "/places?admin1=04", "14": "javascript:x"}, country_hrefs={"IDN": "/x?c=IDN"})
    root = parse(svg)
    area = next(el for el in root.iter(f"{NS}svg") if el.get("class") == "map-area")
    assert area.get("viewBox").startswith("0 0 ") and len(area.get("data-idn-box").split()) == 4
    provinces = {el.get("data-admin1"): el for el in root.iter(f"{NS}path") if el.get("class", "").startswith("province")}
    assert len(provinces) == 33 and {"04", "14", "36"} <= provinces.keys()
    assert provinces["04"].findtext(f"{NS}title") == "Jakarta Raya, Indonesia: 3 events"
    assert provinces["14"].findtext(f"{NS}title") == "Kalimantan Timur, Indonesia: 2 events"  # 42 counts for 14
    assert "has-events" not in provinces["36"].get("class")
    assert provinces["36"].findtext(f"{NS}title") == "Papua, Indonesia (2 events placed in Indonesia as a whole)"
    linked = dict(links(root))
    assert linked["/places?admin1=04"].get("data-admin1") == "04" and "javascript:x" not in linked
    assert linked["/x?c=IDN"].get("data-country") == "IDN" and "/events?country=MYS" in linked
    assert all(c.get("data-r") == c.get("r") for c in root.iter(f"{NS}circle"))
    assert all(p.get("vector-effect") == "non-scaling-stroke" for p in root.iter(f"{NS}path"))


def test_bundled_provinces_file() -> None:
    """The validator of ``data/idn-adm1.json``: codes, names, closed rings inside Indonesia's box, size."""
    resource = resources.files("warta").joinpath("data/idn-adm1.json")
    data = json.loads(resource.read_text(encoding="utf-8"))
    assert len(resource.read_bytes()) < 1_000_000
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"] and "GeoNames" in data["licence"]
    provinces = data["provinces"]
    assert len(provinces) == 33 and provinces["04"]["name"] == "Jakarta Raya" and "42" in provinces["14"]["also"]
    also = [code for p in provinces.values() for code in p["also"]]
    assert len(also) == len(set(also)) and not set(also) & provinces.keys()
    for code, province in provinces.items():
        assert re.fullmatch(r"\d\d", code) and province["name"] and province["polygons"], code
        for ring in (ring for polygon in province["polygons"] for ring in polygon):
            assert len(ring) >= 4 and ring[0] == ring[-1], code
            assert all(94 <= lon <= 142 and -12 <= lat <= 7 for lon, lat in ring), code


def test_provinces_build_script_helpers() -> None:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_idn_provinces.py"
    spec = importlib.util.spec_from_file_location("build_idn_provinces", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    square = [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 1], [0.5, 0.5]]]]
    assert module.inside(1.5, 1.5, square) and not module.inside(0.7, 0.7, square) and not module.inside(3, 1, square)
    assert len(set(module.ADMIN1.values())) == len(module.ADMIN1) == 33
