"""Shared fixtures: our own small Indonesian articles (never texts from ../shared)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
