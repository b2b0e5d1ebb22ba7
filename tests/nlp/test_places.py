"""Places: geocoded place entities on our own article."""

import warta
from tests.conftest import TODAY
from warta.io.readers.base import ReadOptions, build_article


def test_places_are_geocoded_with_country_and_coordinates():
    text = ("Menteri Luar Negeri Sugiono tiba di Jenewa untuk sidang Dewan HAM PBB. Sebelumnya ia singgah di "
            "Den Haag dan bertemu diaspora di Istana Merdeka, Jakarta.")
    art = build_article(body=text, title="Menlu ke Jenewa", options=ReadOptions(today=TODAY), origin="t",
                        reader="text", published_raw="2025-03-03")
    doc = warta.analyze(art)
    places = {p.name: p for p in doc.places}
    assert places["Jenewa"].country == "CHE" and 45 < places["Jenewa"].lat < 47
    assert places["Den Haag"].country == "NLD"
    entity_ids = {e.id for e in doc.entities}
    assert all(p.entity in entity_ids for p in doc.places)
