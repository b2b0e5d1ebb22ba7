"""Places: geocoded place entities on our own article."""

import warta
from tests.conftest import TODAY
from warta.io.readers.base import ReadOptions, build_article


def _analyze(text: str, title: str):
    """Our own article, published on 3 March 2025."""
    return warta.analyze(build_article(body=text, title=title, options=ReadOptions(today=TODAY), origin="t",
                                       reader="text", published_raw="2025-03-03"))


def test_places_are_geocoded_with_country_and_coordinates():
    doc = _analyze("Menteri Luar Negeri Sugiono tiba di Jenewa untuk sidang Dewan HAM PBB. Sebelumnya ia singgah di "
                   "Den Haag dan bertemu diaspora di Istana Merdeka, Jakarta.", "Menlu ke Jenewa")
    places = {p.name: p for p in doc.places}
    assert places["Jenewa"].country == "CHE" and 45 < places["Jenewa"].lat < 47
    assert places["Den Haag"].country == "NLD"
    entity_ids = {e.id for e in doc.entities}
    assert all(p.entity in entity_ids for p in doc.places)


def test_a_place_the_gazetteer_lacks_is_in_the_place_its_address_names_next():
    doc = _analyze("Delegasi kedua negara bertemu di Istana Dolmabahce, Istanbul, Turki, Senin. Sehari kemudian "
                   "mereka makan malam di Restoran Karaköy Lokantası, Istanbul.", "Perundingan Berlanjut")
    countries = {p.name: p.country for p in doc.places}
    assert countries["Istana Dolmabahce"] == "TUR"  # not Indonesia's "Istana", the presidency
