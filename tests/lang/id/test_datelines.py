"""Indonesian news datelines (``JAKARTA, KOMPAS.com -``): what opens a body, and what only looks like one."""

from __future__ import annotations

import pytest

from warta.lang.id.datelines import match_dateline


@pytest.mark.parametrize(("line", "place", "agency"), [
    ("JAKARTA, KOMPAS.com - Presiden meresmikan bendungan.", "JAKARTA", "KOMPAS.com"),
    ("jpnn.com, JAKARTA - Situasi memanas.", "jpnn.com", "JAKARTA"),
    ("Washington DC, AS - Pemerintah mengumumkan sanksi.", "Washington DC", "AS"),
    ("MAKASSAR, KOMPAS — Dua orang ditangkap.", "MAKASSAR", "KOMPAS"),
])
def test_datelines_are_recognised(line, place, agency):
    m = match_dateline(line)
    assert m is not None and m["place"].strip() == place and m["agency"].strip() == agency


@pytest.mark.parametrize("line", [
    "Bagi KPK, penangkapan ini merupakan OTT ke - 4 tahun ini.",  # a sentence with a hyphen, not a dateline
    "Menurut Budi, hasil rapat itu - yang digelar Senin - belum final.",
])
def test_a_sentence_with_a_comma_and_a_dash_is_no_dateline(line):
    assert match_dateline(line) is None
