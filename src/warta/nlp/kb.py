"""Knowledge base (KB) of political actors: countries, IGOs, people, institutions, parties, media, groups, events.

The KB is a directory of JSON Lines files (``warta/data/kb/*.jsonl``, one entity per line; the fields are
documented in ``warta/data/kb/README.md``). :func:`load_kb` reads and validates every file the first time it is
called and caches the result; any bad row raises :class:`KBError` naming the file, the line and the field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

KB_DIR = Path(__file__).resolve().parents[1] / "data" / "kb"

#: Entity types (OntoNotes/spaCy labels): countries are GPE; IGOs, institutions, parties, media are ORG.
ENTITY_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})

#: Id prefixes: ``<kind>:<slug>``; for ``cty`` the slug is the lower-case ISO 3166-1 alpha-3 code.
ID_KINDS: dict[str, str] = {
    "cty": "country or territory", "igo": "intergovernmental organisation", "per": "person",
    "org": "organisation: state body, armed group, NGO, company", "pty": "political party",
    "med": "news medium", "evt": "named event", "grp": "group of people used as an actor (NORP): the West, religions",
}

#: Sector codes (PLOVER/CAMEO-like) and what they mean.
SECTORS: dict[str, str] = {
    "GOV": "government, executive, ministries, agencies", "LEG": "legislature", "MIL": "military",
    "JUD": "judiciary, courts, prosecutors, anti-corruption enforcement", "COP": "police",
    "SPY": "intelligence services", "ELI": "election bodies", "PTY": "political party",
    "REB": "rebels, non-state armed groups", "INS": "insurgents, terrorist or jihadist networks",
    "SEP": "separatist movements", "CVL": "civilians, civil society, NGOs", "LAB": "labour unions",
    "BUS": "business", "JRN": "media: news outlets, agencies, journalists, press bodies",
    "MED": "health: hospitals, health services and workers", "EDU": "education, academia, think tanks, pollsters",
    "REL": "religious organisations and leaders", "IGO": "international organisations", "UNK": "unknown",
}

#: Closed role vocabulary -> extra fields the role requires (``portfolio``/``org``/``region``).
ROLES: dict[str, tuple[str, ...]] = {
    "head_of_state": (), "head_of_government": (), "vice_president": (), "foreign_minister": (),
    "defence_minister": (), "minister": ("portfolio",), "chair": ("org",), "commander": ("org",),
    "police_chief": ("org",), "governor": ("region",), "secretary_general": ("org",), "spokesperson": ("org",),
}

#: Codes used as ``country`` that are not ISO 3166-1 alpha-3 country codes.
IGO_CODE = "IGO"
USER_ASSIGNED_CODES = frozenset({"XKX"})  # Kosovo (user-assigned code, as used by the EU and others)

REQUIRED_FIELDS = ("id", "name", "type", "country", "sector", "aliases")
OPTIONAL_FIELDS = ("ambiguous", "needs_name", "roles", "plover", "note", "parent", "demonyms", "metonyms", "capital",
                   "name_en", "iso2", "from", "to")
ROLE_FIELDS = frozenset({"role", "country", "from", "to", "approx", "portfolio", "org", "region", "note"})

_ID_RE = re.compile(r"^(cty|igo|per|org|pty|med|evt|grp):[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLOVER_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
                         "\u2013": "-", "\u2014": "-"})


class KBError(ValueError):
    """A KB file is malformed; the message starts with ``path:line: field 'name':``."""


@dataclass(frozen=True, slots=True)
class Role:
    """A position held from ``start`` (inclusive) to ``end`` (exclusive; ``None`` = current)."""

    role: str
    country: str
    start: date
    end: date | None = None
    approx: bool = False
    portfolio: str | None = None
    org: str | None = None
    region: str | None = None
    note: str | None = None

    def active(self, on: date) -> bool:
        """Whether the role was held on ``on`` (the successor holds it on a handover day)."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class KBEntity:
    """One KB entry (see the KB README for the meaning of each field)."""

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    needs_name: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    plover: str | None = None
    note: str | None = None
    parent: str | None = None
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str | None = None
    name_en: str | None = None
    iso2: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def kind(self) -> str:
        """The id prefix (``cty``, ``per``, ...)."""
        return self.id.split(":", 1)[0]

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """Yield ``(surface, kind)`` for the name, aliases, demonyms and metonyms."""
        yield self.name, "name"
        for kind, forms in (("alias", self.aliases), ("demonym", self.demonyms), ("metonym", self.metonyms)):
            for form in forms:
                yield form, kind


def fold(surface: str) -> str:
    """Loose matching key: no diacritics, case-folded, straight quotes and hyphens, single spaces."""
    text = unicodedata.normalize("NFKD", surface.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _loose_eq(wanted: str | None, value: str | None) -> bool:
    return wanted is None or (value is not None and fold(wanted) == fold(value))


class KnowledgeBase:
    """Validated entities with a surface-form index and role queries."""

    def __init__(self, entities: dict[str, KBEntity]) -> None:
        self.entities = entities
        self.by_alias: dict[str, list[str]] = {}
        self.by_folded: dict[str, list[str]] = {}
        #: The same for the forms an entry links only beside its name (``needs_name``).
        self.by_alias_restricted: dict[str, list[str]] = {}
        self.by_folded_restricted: dict[str, list[str]] = {}
        for entity in entities.values():
            restricted = set(entity.needs_name)
            for surface, _kind in entity.surfaces():
                exact, folded = (self.by_alias_restricted, self.by_folded_restricted) if surface in restricted \
                    else (self.by_alias, self.by_folded)
                for index, key in ((exact, surface), (folded, fold(surface))):
                    ids = index.setdefault(key, [])
                    if entity.id not in ids:
                        ids.append(entity.id)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> KBEntity | None:
        """The entity with this id, or ``None``."""
        return self.entities.get(entity_id)

    def lookup(self, surface: str, *, restricted: bool = False) -> list[KBEntity]:
        """Entities with this exact surface form; failing that, those matching it loosely (see :func:`fold`).

        Forms an entry lists in ``needs_name`` (``DPP`` for Taiwan's party) mean that entry only
        beside its name, so they are left out unless ``restricted`` is true (searching a store)."""
        key = " ".join(unicodedata.normalize("NFC", surface).split())
        ids = self.by_alias.get(key) or self.by_folded.get(fold(key), [])
        if restricted:
            more = self.by_alias_restricted.get(key) or self.by_folded_restricted.get(fold(key), [])
            ids = ids + [i for i in more if i not in ids]
        return [self.entities[i] for i in ids]

    def holders(self, role: str, country: str | None = None, org: str | None = None, portfolio: str | None = None,
                on: date | None = None, region: str | None = None) -> list[KBEntity]:
        """People who held ``role`` (optionally in ``country``/``org``/``portfolio``/``region``, compared loosely)
        on the date ``on`` (default: at any time), ordered by when they took it."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {sorted(ROLES)}")

        def fits(r: Role) -> bool:
            return r.role == role and country in (None, r.country) and org in (None, r.org) \
                and _loose_eq(portfolio, r.portfolio) and _loose_eq(region, r.region) and (on is None or r.active(on))

        found = [(min(r.start for r in e.roles if fits(r)), e) for e in self.entities.values() if any(map(fits, e.roles))]
        return [entity for _start, entity in sorted(found, key=lambda pair: (pair[0], pair[1].id))]

    def aliases(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(surface, entity_id, kind)`` for every surface form; kind is name/alias/demonym/metonym."""
        for entity in self.entities.values():
            for surface, kind in entity.surfaces():
                yield surface, entity.id, kind


def load_kb(directory: str | Path | None = None) -> KnowledgeBase:
    """Load (once, then from cache) and validate the KB in ``directory`` (default: the bundled KB)."""
    return _load_cached(Path(directory or KB_DIR).resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> KnowledgeBase:
    return read_kb(directory)


def read_kb(directory: str | Path) -> KnowledgeBase:
    """Read and validate every ``*.jsonl`` file in ``directory`` (``countries.jsonl`` first), uncached."""
    directory = Path(directory)
    files = sorted(directory.glob("*.jsonl"), key=lambda p: (p.name != "countries.jsonl", p.name))
    if not files:
        raise KBError(f"{directory}: no *.jsonl files")
    known = _iso_codes()  # pycountry's codes validate countries.jsonl; its ids then validate the rest
    entities: dict[str, KBEntity] = {}
    where: dict[str, str] = {}
    for path in files:
        codes = _read_file(path, known, entities, where)
        if path.name == "countries.jsonl":
            known = codes
    _check_references(entities, where)
    _check_shared_surfaces(entities, where)
    return KnowledgeBase(entities)


def _iso_codes() -> set[str] | None:
    try:
        import pycountry
    except ImportError:
        return None
    return {c.alpha_3 for c in pycountry.countries} | set(USER_ASSIGNED_CODES)


def _read_file(path: Path, known: set[str] | None, entities: dict[str, KBEntity], where: dict[str, str]) -> set[str]:
    codes: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            pos = f"{path}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KBError(f"{pos}: field '<line>': invalid JSON: {exc.msg} (column {exc.colno})") from None
            entity = _parse_entity(row, pos, known)
            if entity.id in entities:
                raise KBError(f"{pos}: field 'id': duplicate id {entity.id!r} (first at {where[entity.id]})")
            entities[entity.id] = entity
            where[entity.id] = pos
            if entity.kind == "cty":
                codes.add(entity.id[4:].upper())
    return codes


def _fail(pos: str, name: str, problem: str) -> KBError:
    return KBError(f"{pos}: field '{name}': {problem}")


def _text(value: Any, pos: str, name: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(pos, name, f"expected a non-empty string, got {value!r}")
    if value != " ".join(unicodedata.normalize("NFC", value).split()):
        raise _fail(pos, name, f"{value!r} is not normalised (NFC, single spaces, no outer spaces)")
    return value


def _texts(value: Any, pos: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(pos, name, f"expected a list of strings, got {value!r}")
    items = tuple(str(_text(v, pos, f"{name}[{i}]")) for i, v in enumerate(value))
    dupes = sorted({v for v in items if items.count(v) > 1})
    if dupes:
        raise _fail(pos, name, f"repeated entries {dupes}")
    return items


def _date(value: Any, pos: str, name: str, optional: bool = True) -> date | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise _fail(pos, name, f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(pos, name, f"invalid date {value!r}: {exc}") from None


def _code(value: Any, pos: str, name: str, known: set[str] | None, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _ISO3_RE.match(value):
        raise _fail(pos, name, f"expected an ISO 3166-1 alpha-3 code or {IGO_CODE!r}, got {value!r}")
    if value != IGO_CODE and known is not None and value not in known:
        raise _fail(pos, name, f"unknown country code {value!r}")
    return value


def _parse_entity(row: Any, pos: str, known: set[str] | None) -> KBEntity:
    if not isinstance(row, dict):
        raise _fail(pos, "<line>", "expected a JSON object")
    for name in REQUIRED_FIELDS:
        if name not in row:
            raise _fail(pos, name, "missing")
    unknown = sorted(set(row) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise _fail(pos, unknown[0], f"unknown field (allowed: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)})")
    entity_id = row["id"]
    if not isinstance(entity_id, str) or not _ID_RE.match(entity_id):
        raise _fail(pos, "id", f"expected '<kind>:<slug>' with kind in {sorted(ID_KINDS)}, got {entity_id!r}")
    if row["type"] not in ENTITY_TYPES:
        raise _fail(pos, "type", f"unknown type {row['type']!r}; expected one of {sorted(ENTITY_TYPES)}")
    if row["sector"] is not None and row["sector"] not in SECTORS:
        raise _fail(pos, "sector", f"unknown sector {row['sector']!r}; expected one of {sorted(SECTORS)}")
    country = _code(row["country"], pos, "country", known)
    if entity_id.startswith("cty:") and (country != entity_id[4:].upper() or len(entity_id) != 7):
        raise _fail(pos, "country", f"a country's code must equal its id slug in upper case, got {country!r}")
    plover = row.get("plover")
    if plover is not None and not (isinstance(plover, str) and _PLOVER_RE.match(plover)):
        raise _fail(pos, "plover", f"expected an upper-case actor code like 'IGOUNO', got {plover!r}")
    parent = row.get("parent")
    if parent is not None and not (isinstance(parent, str) and _ID_RE.match(parent)):
        raise _fail(pos, "parent", f"expected a KB id, got {parent!r}")
    roles = row.get("roles") or []
    if not isinstance(roles, list):
        raise _fail(pos, "roles", f"expected a list, got {roles!r}")
    start, end = _date(row.get("from"), pos, "from"), _date(row.get("to"), pos, "to")
    if start and end and start > end:
        raise _fail(pos, "to", f"'to' {end} is before 'from' {start}")
    entity = KBEntity(
        id=entity_id, name=str(_text(row["name"], pos, "name")), type=row["type"], country=country,
        sector=row["sector"], aliases=_texts(row["aliases"], pos, "aliases"),
        ambiguous=_texts(row.get("ambiguous"), pos, "ambiguous"), needs_name=_texts(row.get("needs_name"), pos, "needs_name"),
        roles=tuple(_parse_role(r, pos, f"roles[{i}]", known) for i, r in enumerate(roles)),
        plover=plover, note=_text(row.get("note"), pos, "note", True), parent=parent,
        demonyms=_texts(row.get("demonyms"), pos, "demonyms"), metonyms=_texts(row.get("metonyms"), pos, "metonyms"),
        capital=_text(row.get("capital"), pos, "capital", True), name_en=_text(row.get("name_en"), pos, "name_en", True),
        iso2=_text(row.get("iso2"), pos, "iso2", True), start=start, end=end)
    if entity.name in entity.aliases:
        raise _fail(pos, "aliases", f"repeats the name {entity.name!r}")
    surfaces = {s for s, _k in entity.surfaces()}
    stray = [a for a in entity.ambiguous if a not in surfaces]
    if stray:
        raise _fail(pos, "ambiguous", f"{stray[0]!r} is not one of this entry's surface forms")
    stray = [a for a in entity.needs_name if a not in surfaces or a == entity.name]
    if stray:
        raise _fail(pos, "needs_name", f"{stray[0]!r} is not one of this entry's aliases, demonyms or metonyms")
    return entity


def _parse_role(raw: Any, pos: str, name: str, known: set[str] | None) -> Role:
    if not isinstance(raw, dict):
        raise _fail(pos, name, f"expected an object, got {raw!r}")
    unknown = sorted(set(raw) - ROLE_FIELDS)
    if unknown:
        raise _fail(pos, f"{name}.{unknown[0]}", f"unknown role field (allowed: {', '.join(sorted(ROLE_FIELDS))})")
    role = raw.get("role")
    if role not in ROLES:
        raise _fail(pos, f"{name}.role", f"unknown role {role!r}; expected one of {sorted(ROLES)}")
    for extra in ROLES[role]:
        if not isinstance(raw.get(extra), str) or not raw[extra]:
            raise _fail(pos, f"{name}.{extra}", f"required for role {role!r}")
    org = raw.get("org")
    if org is not None and not (isinstance(org, str) and _ID_RE.match(org)):
        raise _fail(pos, f"{name}.org", f"expected a KB id, got {org!r}")
    if not isinstance(raw.get("approx", False), bool):
        raise _fail(pos, f"{name}.approx", f"expected true or false, got {raw['approx']!r}")
    start = _date(raw.get("from"), pos, f"{name}.from", optional=False)
    end = _date(raw.get("to"), pos, f"{name}.to")
    assert start is not None
    if end is not None and start > end:
        raise _fail(pos, f"{name}.to", f"'to' {end} is before 'from' {start}")
    return Role(role=role, country=str(_code(raw.get("country"), pos, f"{name}.country", known, optional=False)),
                start=start, end=end, approx=raw.get("approx", False),
                portfolio=_text(raw.get("portfolio"), pos, f"{name}.portfolio", True), org=org,
                region=_text(raw.get("region"), pos, f"{name}.region", True),
                note=_text(raw.get("note"), pos, f"{name}.note", True))


def _check_references(entities: dict[str, KBEntity], where: dict[str, str]) -> None:
    for entity in entities.values():
        if entity.parent is not None and entity.parent not in entities:
            raise _fail(where[entity.id], "parent", f"unknown id {entity.parent!r}")
        for i, role in enumerate(entity.roles):
            if role.org is not None and role.org not in entities:
                raise _fail(where[entity.id], f"roles[{i}].org", f"unknown id {role.org!r}")


def _check_shared_surfaces(entities: dict[str, KBEntity], where: dict[str, str]) -> None:
    """A surface form used by two entries must be listed in ``ambiguous`` by both, unless it is a
    country's metonym and the other entry is a body of that same country (``Kremlin``, ``Istana``)."""
    owners: dict[str, list[tuple[KBEntity, str]]] = {}
    for entity in entities.values():
        for surface, kind in entity.surfaces():
            owners.setdefault(surface, []).append((entity, kind))
    for surface, users in owners.items():
        for i, (later, later_kind) in enumerate(users):
            for earlier, earlier_kind in users[:i]:
                if earlier is later or (surface in earlier.ambiguous and surface in later.ambiguous) \
                        or _same_country_metonym(earlier, earlier_kind, later) \
                        or _same_country_metonym(later, later_kind, earlier):
                    continue
                field = {"name": "name", "alias": "aliases", "demonym": "demonyms", "metonym": "metonyms"}[later_kind]
                raise _fail(where[later.id], field, f"surface form {surface!r} is also used by {earlier.id} "
                            f"({where[earlier.id]}); list it in 'ambiguous' of both entries")


def _same_country_metonym(entity: KBEntity, kind: str, other: KBEntity) -> bool:
    return kind == "metonym" and entity.kind == "cty" and other.kind != "cty" and other.country == entity.country
