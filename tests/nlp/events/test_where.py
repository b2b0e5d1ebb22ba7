"""Where an event happened when its clause names no place: the dateline's place for the news of the days, the
lead's place for a foreign story told from a home newsroom. Sentences made up for the test."""

from __future__ import annotations

from tests.nlp.events.helpers import candidates


def _places(body: str, published: str) -> dict[str, list[str | None]]:
    """Each candidate type's location names, whatever the model decides about the events."""
    from warta.api import warm_pipeline
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body=body, title="Berita Hari Ini", options=ReadOptions(), origin="test", reader="json",
                        published_raw=published)
    out: dict[str, list[str | None]] = {}
    for r in candidates(warm_pipeline(), art):
        out.setdefault(r["type"], []).append((r["location"] or {}).get("name"))
    return out


def test_an_act_dated_in_the_week_before_publication_happens_at_the_dateline():
    body = "Makassar - Polisi menangkap dua puluh pemuda yang membakar pos jaga pada Senin (2/3/2026)."
    assert _places(body, "2026-03-04")["COERCE"] == ["Makassar"]


def test_an_act_years_before_is_not_placed_at_the_dateline():
    # (the arrest's own year: "pemuda yang membakar pos jaga pada Maret 2019" would date the burning, not the arrest)
    body = "Makassar - Pada Maret 2019, polisi menangkap dua puluh pemuda yang membakar pos jaga."
    assert _places(body, "2026-03-04")["COERCE"] == [None]


def test_a_home_dateline_gives_way_to_the_leads_place_for_parties_from_abroad():
    body = ("Jakarta, CNN Indonesia -- Presiden Amerika Serikat Donald Trump menerima Presiden Ukraina Volodymyr "
            "Zelensky di Gedung Putih, Washington, Senin (2/3/2026).\n\n"
            "Zelensky menyambut baik tawaran Trump untuk menggelar perundingan baru.")
    assert _places(body, "2026-03-03")["SUPPORT"] == ["Gedung Putih"]


def test_a_home_dateline_stays_when_a_party_is_from_home():
    body = ("Jakarta - Menteri Luar Negeri Sugiono menerima Menteri Luar Negeri Australia Penny Wong di Canberra, "
            "Senin (2/3/2026).\n\nSugiono menyambut baik tawaran Wong untuk memperluas kerja sama maritim.")
    assert _places(body, "2026-03-03")["SUPPORT"] == ["Jakarta"]


def test_a_dateline_abroad_is_where_the_reporter_saw_it():
    body = ("ISTANBUL, KOMPAS.com - Delegasi Rusia dan Ukraina kembali berunding pada Senin (2/3/2026).\n\n"
            "Ukraina menolak tuntutan Rusia agar pasukannya mundur dari wilayah timur.")
    assert _places(body, "2026-03-03")["REJECT"] == ["Istanbul"]
