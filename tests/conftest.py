"""Shared fixtures: our own small Indonesian articles (never texts from ../shared)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import warta

TODAY = date(2026, 11, 25)
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

ARTICLE_TXT = """Menlu Bertemu Mitra dari Jepang di Jakarta, Bahas Kerja Sama Maritim

Kedua menteri sepakat memperkuat patroli bersama di perairan perbatasan.
Diterbitkan pada 12 Feb 2024
Menteri Luar Negeri RI Dr. Sari Wulandari menerima kunjungan Menteri Luar Negeri Jepang di Gedung Pancasila, Jl. Pejambon No. 6, Jakarta, Senin (12/2/2024). Pertemuan itu membahas kerja sama maritim dan perdagangan.
"Kami sepakat bahwa keamanan laut adalah kepentingan bersama. Indonesia siap memperkuat patroli," kata Sari kepada wartawan.
Menurut Prof. H. Budi Santoso, pengamat hubungan internasional, pertemuan ini penting bagi kawasan.
Kunjungan serupa dilakukan pekan lalu di Tokyo.
"""


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def article_txt(tmp_path: Path) -> Path:
    p = tmp_path / "menlu.txt"
    p.write_text(ARTICLE_TXT, encoding="utf-8")
    return p


@pytest.fixture
def shared_dev() -> Path:
    dev = SHARED / "dev"
    if not dev.is_dir():
        pytest.skip("../shared/dev is not present (it is not part of a user's clone)")
    return dev.resolve()

#: Two outlets reporting the same meeting (same day, same place, actors in either order).
SAME_MEETING = [
    {"url": "https://kabar-satu.test/berita/1", "source": "Kabar Satu", "published": "2023-07-27",
     "title": "Jokowi Bertemu Xi Jinping di Chengdu",
     "text": "Presiden Joko Widodo bertemu Presiden Tiongkok Xi Jinping di Chengdu pada Kamis (27/7/2023). "
             "Kedua pemimpin membahas investasi dan kereta cepat. "
             "\"Kami sepakat memperluas kerja sama,\" kata Jokowi kepada wartawan."},
    {"url": "https://warta-dua.test/2023/07/27/jokowi-xi", "source": "Warta Dua", "published": "2023-07-27",
     "title": "Xi Jinping Terima Kunjungan Jokowi",
     "text": "Presiden Tiongkok Xi Jinping menerima kunjungan Presiden Joko Widodo di Chengdu, Kamis (27/7/2023). "
             "Dalam pertemuan itu Jokowi meminta Tiongkok menambah investasi di Indonesia."},
]

HOSTILE = {"url": "https://contoh.test/xss", "source": "Contoh <b>Situs</b>", "published": "2024-03-05",
           "title": "<script>alert('judul')</script> Presiden bertemu Menteri \"); DROP TABLE articles; --",
           "text": "Presiden Joko Widodo bertemu Menteri Luar Negeri Jepang di Jakarta, Selasa (5/3/2024). "
                   "<script>alert('isi')</script> \"<img src=x onerror=alert(1)>\", kata Jokowi."}

SAMPLES = Path(warta.__file__).parent / "samples"


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as JSON Lines."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def analysed() -> dict[str, list[dict[str, Any]]]:
    """The invented articles and the bundled samples as warta.document/1 dicts."""
    from warta.api import DEFAULT_LANGUAGES, pipe
    from warta.io.document_json import document_to_dict
    from warta.io.readers import iter_articles
    from warta.io.readers.base import ReadOptions
    from warta.io.readers.jsonl import article_from_object

    options = ReadOptions()

    def docs(objs):
        arts = [article_from_object(o, origin="fixture", options=options, reader="json") for o in objs]
        return [document_to_dict(d) for d in pipe(arts, languages=DEFAULT_LANGUAGES)]

    samples = [document_to_dict(d) for d in pipe(a for a in iter_articles([str(SAMPLES)]) if not isinstance(a, Exception))]
    return {"meeting": docs(SAME_MEETING), "hostile": docs([HOSTILE]), "samples": samples}
