"""The GDELT 2.0 event export checked against GDELT's Event Codebook V2.0, and its code tables
(data/cameo.tsv, data/gdelt_countries.tsv)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from tests.io.export.test_store import make_store
from warta.io.export import codes as export_codes
from warta.io.export import write_export
from warta.io.export.codes import CodeTableError, cameo_code, country_row, parse_cameo_rows, place_kind
from warta.io.export.gdelt import GDELT_COLUMNS, event_day, gdelt_actor, gdelt_geo
from warta.store import connect
from warta.store.records import iter_event_records

ROOT = Path(__file__).resolve().parents[3]

#: GDELT Event Codebook V2.0 (http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf),
#: written out here independently of warta.io.export.gdelt: column name -> type ("int", "float", "str").
CODEBOOK: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "int"), ("SQLDATE", "int"), ("MonthYear", "int"), ("Year", "int"), ("FractionDate", "float"),
    *[(f"Actor{n}{f}", "str") for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code",
        "Type2Code", "Type3Code")],
    ("IsRootEvent", "int"), ("EventCode", "str"), ("EventBaseCode", "str"), ("EventRootCode", "str"),
    ("QuadClass", "int"), ("GoldsteinScale", "float"), ("NumMentions", "int"), ("NumSources", "int"),
    ("NumArticles", "int"), ("AvgTone", "float"),
    *[(f"{who}Geo_{f}", t) for who in ("Actor1", "Actor2", "Action") for f, t in (
        ("Type", "int"), ("FullName", "str"), ("CountryCode", "str"), ("ADM1Code", "str"), ("ADM2Code", "str"),
        ("Lat", "float"), ("Long", "float"), ("FeatureID", "str"))],
    ("DATEADDED", "int"), ("SOURCEURL", "str"),
]
#: Columns warta cannot fill (see warta.io.export.gdelt): no ethnicity, no second or third actor type,
#: no tone, no second-level divisions.
ALWAYS_EMPTY = {"Actor1EthnicCode", "Actor2EthnicCode", "Actor1Type2Code", "Actor1Type3Code", "Actor2Type2Code",
                "Actor2Type3Code", "AvgTone", "Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code"}


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> list[list[str]]:
    path = make_store(tmp_path_factory.mktemp("gdelt") / "w.db")
    conn = connect(path, readonly=True)
    out = path.parent / "events.export.CSV"
    write_export(fmt="gdelt-tsv", out=out, documents=list, records=lambda: iter_event_records(conn))
    conn.close()
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    return [line.split("\t") for line in lines[:-1]]


def test_columns_are_the_codebook_in_order() -> None:
    assert len(CODEBOOK) == 61
    assert list(GDELT_COLUMNS) == [name for name, _ in CODEBOOK]


def test_every_value_has_its_codebook_type(rows: list[list[str]]) -> None:
    assert len(rows) == 5 and all(len(r) == 61 for r in rows)
    for (name, kind), values in zip(CODEBOOK, zip(*rows, strict=True), strict=True):
        for value in values:
            if value == "":
                continue
            if kind == "int":
                assert value.lstrip("-").isdigit(), (name, value)
            elif kind == "float":
                float(value)
            assert "\t" not in value and "\n" not in value
    filled = {name for (name, _), values in zip(CODEBOOK, zip(*rows, strict=True), strict=True) if any(values)}
    assert set(GDELT_COLUMNS) - filled == ALWAYS_EMPTY | {"Actor1KnownGroupCode", "Actor2KnownGroupCode",
                                                          "Actor1Religion1Code", "Actor2Religion1Code",
                                                          "Actor1Religion2Code", "Actor2Religion2Code"}
    column = dict(zip(GDELT_COLUMNS, zip(*rows, strict=True), strict=True))
    assert all(column["SQLDATE"]) and all(column["DATEADDED"]) and all(column["IsRootEvent"])
    assert all(len(v) == 8 for v in column["SQLDATE"]) and all(len(v) == 14 for v in column["DATEADDED"])
    for code, base, root in zip(column["EventCode"], column["EventBaseCode"], column["EventRootCode"], strict=True):
        assert len(code) in (3, 4) and base == code[:3] and root == code[:2]


def test_meeting_row(rows: list[list[str]]) -> None:
    row = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20250314", "202503", "2025")
    assert row["FractionDate"] == f"{2025 + (3 * 30 + 14) / 365:.4f}"
    assert (row["Actor1Code"], row["Actor2Code"], row["IsRootEvent"]) == ("IDNGOV", "MYSGOV", "1")
    assert (row["EventCode"], row["QuadClass"], row["GoldsteinScale"]) == ("042", "1", "1.9")
    assert (row["NumMentions"], row["NumArticles"], row["SOURCEURL"]) == ("2", "2", "https://contoh.id/a")
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == ("4", "ID", "ID08")
    assert row["ActionGeo_FeatureID"] == "1625822" and row["ActionGeo_FullName"] == "Surabaya, Indonesia"
    assert (row["Actor2Geo_Type"], row["Actor2Geo_CountryCode"], row["Actor2Geo_FeatureID"]) == ("1", "MY", "MY")
    week = dict(zip(GDELT_COLUMNS, rows[1], strict=True))  # 2025-W10, published outside it: the week's Monday
    assert (week["SQLDATE"], week["IsRootEvent"], week["EventCode"]) == ("20250303", "0", "173")
    province = dict(zip(GDELT_COLUMNS, rows[2], strict=True))
    assert (province["ActionGeo_Type"], province["ActionGeo_ADM1Code"], province["ActionGeo_FeatureID"]) == \
        ("5", "ID08", "ID08")
    assert (province["EventCode"], province["GoldsteinScale"], province["Actor1Code"]) == ("190", "-10.0", "REB")
    sea = dict(zip(GDELT_COLUMNS, rows[3], strict=True))
    assert sea["ActionGeo_Type"] == "" and sea["SQLDATE"] == "20250316"  # no date: the publication day


def test_country_level_places_use_fips_and_the_centroid() -> None:
    israel = gdelt_geo({"name": "Israel", "country": "ISR", "lat": 31.77, "lon": 35.21, "geonames_id": 294640})
    assert israel[:4] == [1, "Israel", "IS", "IS"] and israel[7] == "IS"
    assert (israel[5], israel[6]) != (31.77, 35.21)  # not Jerusalem
    unplaced = gdelt_geo({"name": "Taman Pejambon", "country": "IDN", "lat": None, "lon": None})
    assert unplaced[0] == 1 and unplaced[2] == "ID"
    washington = gdelt_geo({"name": "Washington", "country": "USA", "lat": 38.9, "lon": -77.0,
                            "geonames_id": 4140963, "admin1": "DC"})
    assert washington[:4] == [3, "Washington, District of Columbia, United States", "US", "USDC"]
    state = gdelt_geo({"name": "Texas", "country": "USA", "lat": None, "lon": None, "geonames_id": 4736286,
                       "admin1": "TX"})
    assert state[0] == 1  # a US state without coordinates is placed at country level
    assert gdelt_geo({"name": "Asia Tenggara", "country": None, "lat": None, "lon": None}) == [""] * 8
    assert gdelt_geo(None) == [""] * 8


def test_a_regency_without_coordinates_is_placed_in_its_province() -> None:
    from warta.nlp.geo import geocode

    takalar = geocode("Takalar")
    assert takalar is not None and takalar.lat is None
    geo = gdelt_geo({"name": takalar.name, "country": takalar.country, "lat": None, "lon": None,
                     "admin1": takalar.admin1, "geonames_id": None})
    assert geo[:4] == [5, "Sulawesi Selatan, Indonesia", "ID", "ID38"] and geo[5] is not None


def test_place_kinds() -> None:
    assert place_kind({"name": "Indonesia", "country": "IDN", "geonames_id": 1643084}) == "country"
    assert place_kind({"name": "Negeri itu", "country": "MYS", "kb": "cty:mys"}) == "country"
    assert place_kind({"name": "Jakarta", "country": "IDN", "geonames_id": 1642911}) == "city"
    assert place_kind({"name": "Jawa Timur", "country": "IDN", "lat": -7.2, "lon": 112.7, "admin1": "08"}) == "admin1"
    assert place_kind({"name": "Jakarta Selatan", "country": "IDN", "lat": -6.27, "lon": 106.81, "admin1": "04"}) == "city"
    assert place_kind({"name": "Laut China Selatan", "country": None, "lat": 12.0, "lon": 113.0}) is None


def test_actor_codes() -> None:
    un = gdelt_actor({"name": "PBB", "country": "IGO", "sector": "IGO", "kb": "igo:pbb"})
    assert (un[0], un[2], un[3], un[7]) == ("IGOUNO", "", "UNO", "IGO")
    assert gdelt_actor({"name": "ASEAN", "country": "IGO", "sector": "IGO", "kb": "igo:asean"})[0] == "IGO"
    media = gdelt_actor({"name": "Kompas", "country": "IDN", "sector": "JRN", "kb": "med:kompas"})
    assert (media[0], media[7]) == ("IDNMED", "MED")  # CAMEO's media code
    health = gdelt_actor({"name": "RSUD", "country": "IDN", "sector": "MED"})
    assert (health[0], health[7]) == ("IDNHLH", "HLH")
    catholics = gdelt_actor({"name": "umat Katolik", "country": None, "sector": "REL", "kb": "grp:katolik"})
    assert (catholics[5], catholics[6]) == ("CHR", "CTH")
    assert gdelt_actor({"name": "Dedi", "country": "IDN", "sector": "UNK"})[:3] == ["IDN", "Dedi", "IDN"]
    assert gdelt_actor(None) == [""] * 10


def test_event_day_rules() -> None:
    published = {"published": "2024-10-05", "added": "2024-10-06T03:00:00+07:00"}
    assert event_day({"date": "2024-10-01", "date_precision": "day"}, published) == date(2024, 10, 1)
    assert event_day({"date": "2024-10", "date_precision": "month"}, published) == date(2024, 10, 5)
    assert event_day({"date": "2024-09", "date_precision": "month"}, published) == date(2024, 9, 1)
    assert event_day({"date": None}, published) == date(2024, 10, 5)
    assert event_day({"date": None}, {"added": "2024-10-06T03:00:00+07:00"}) == date(2024, 10, 5)  # UTC day
    assert event_day({"date": None}, {}) is None


def test_cameo_lookup() -> None:
    assert cameo_code("CONSULT", "visit", "04").code == "042"
    assert cameo_code("COERCE", "arrest", "17").code == "173"
    assert cameo_code("ASSAULT", None, "19").code == "190" and cameo_code("ASSAULT", None, "18").code == "180"
    assert cameo_code("ASSAULT", "firearms", "18").code == "193"
    assert cameo_code("ACCUSE", None, "09").code == "090" and cameo_code("ACCUSE", None, "11").code == "110"
    assert cameo_code("PROTEST", "no-such-mode", None).code == "140"
    assert cameo_code("RETREAT", "release", "08").goldstein == 7.0
    assert cameo_code("NOTATYPE", None, None) is None and cameo_code(None, None, None) is None


def test_cameo_table_covers_every_type_and_mode() -> None:
    import re

    table = export_codes.cameo_table()
    plover = (Path("/work/shared/docs/plover.md"))
    modes: set[tuple[str, str]] = set()
    for line in (ROOT / "src/warta/data/triggers.tsv").read_text(encoding="utf-8").splitlines()[2:]:
        cells = line.split("\t")
        if len(cells) > 2 and cells[1] in export_codes.PLOVER_ROOTS and cells[2]:
            modes.add((cells[1], cells[2]))
    if plover.exists():
        for typ, listed in re.findall(r"\| ([A-Z]+) \| [^|]+ \| ([a-z, -]+) \|", plover.read_text(encoding="utf-8")):
            modes |= {(typ, m.strip()) for m in listed.split(",") if m.strip()}
    missing = sorted(m for m in modes if (m[0], m[1], "") not in table)
    assert not missing


@pytest.mark.parametrize(("row", "field"), [
    ({"type": "VISIT"}, "type"),
    ({"code": "42"}, "code"),
    ({"code": "173"}, "code"),  # not a CONSULT root
    ({"root": "17"}, "root"),
    ({"goldstein": "-12"}, "goldstein"),
    ({"goldstein": "tinggi"}, "goldstein"),
    ({"quad": "2"}, "quad"),
    ({"label": " "}, "label"),
])
def test_cameo_validation_names_the_field(row: dict[str, str], field: str) -> None:
    good = {"type": "CONSULT", "mode": "", "root": "", "code": "040", "goldstein": "1.0", "quad": "1",
            "label": "Consult"}
    defaults = [(i, {"type": t, "mode": "", "root": "", "code": min(r) + "0", "goldstein": "0",
                     "quad": str(export_codes.quad_of_root(min(r))), "label": "x"})
                for i, (t, r) in enumerate(export_codes.PLOVER_ROOTS.items(), start=10) if t != "CONSULT"]
    parse_cameo_rows([(2, good), *defaults])  # the good table loads
    with pytest.raises(CodeTableError, match=rf"cameo.tsv:2: field '{field}'"):
        parse_cameo_rows([(2, good | row), *defaults])
    with pytest.raises(CodeTableError, match="no default row"):
        parse_cameo_rows([(2, good)])


def test_fips_table() -> None:
    assert {c: country_row(c)["fips"] for c in ("IDN", "GBR", "DEU", "RUS", "MMR", "TLS", "USA")} == \
        {"IDN": "ID", "GBR": "UK", "DEU": "GM", "RUS": "RS", "MMR": "BM", "TLS": "TT", "USA": "US"}
    rows = export_codes.countries()
    assert len(rows) > 240 and all(r["lat"] is None or -90 <= r["lat"] <= 90 for r in rows.values())
    assert all(-180 <= r["lon"] <= 180 for r in rows.values() if r["lon"] is not None)
    assert country_row("XXX") is None


def test_fips_table_is_current() -> None:
    spec = importlib.util.spec_from_file_location("build_fips_countries", ROOT / "scripts/build_fips_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_one_row_per_cluster_even_when_its_representative_is_filtered_out(tmp_path: Path) -> None:
    from warta.io.export.gdelt import write_gdelt

    def record(rid: int, cluster: dict) -> dict:
        return {"id": rid, "article": {"published": "2025-01-02"}, "cluster": cluster,
                "event": {"type": "AID", "sentence": {"start": 0}, "source": [], "target": []}}

    members = [record(1, {"id": 5, "is_root": False, "root_selected": False}),
               record(2, {"id": 5, "is_root": False, "root_selected": False}),
               record(3, {"id": 6, "is_root": False, "root_selected": True}),
               record(4, {"id": 6, "is_root": True, "root_selected": True}),
               record(5, {"id": None, "is_root": True, "root_selected": True})]
    assert write_gdelt(tmp_path / "g.tsv", members) == 3
    ids = [line.split("\t")[0] for line in (tmp_path / "g.tsv").read_text().splitlines()]
    assert ids == ["1", "4", "5"]
