"""The day an undated event takes: the story's day named in the lead. Sentences made up for the test."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest


def _ctx(text: str) -> SimpleNamespace:
    """The fields the story's day reads: the text, its words' offsets and lower-cased words."""
    words = [(m.start(), m.group().lower()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return SimpleNamespace(text=text, idx=[i for i, _w in words], lower=[w for _i, w in words], title_end=0)


def _story(text: str, published: str | None = "2026-03-03") -> str | None:
    from warta.nlp.events.when import story_date

    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    times = [(m.start(), m.end(), {"value": f"2026-{int(m.group(2)):02d}-{int(m.group(1)):02d}", "precision": "day"})
             for m in re.finditer(r"\((\d+)/(\d+)\)", text)]
    times += [(m.start(), m.end(), {"value": m.group(), "precision": "month"}) for m in re.finditer(r"2025-07", text)]
    return story_date(_ctx(text), times, published, sentences)


@pytest.mark.parametrize(("text", "day"), [
    ("Tentara menyerang pos itu pada Senin (2/3). Warga mengungsi.", "2026-03-02"),
    ("Dewan kehormatan memecat ketua komisi pemilihan daerah. Ia dinilai lalai. Putusan itu dibacakan Senin (2/3).",
     "2026-03-02"),  # retold
    ("Tentara menyerang pos perbatasan di wilayah utara. Sebelumnya, pada Senin (2/3), warga mengungsi.", None),  # not the lead's act
    ("Polisi menetapkan tiga orang sebagai tersangka penipuan. Penetapan itu diumumkan setelah operasi pada "
     "Senin (2/3).", None),  # before it
    ("Tentara menyerang pos itu pada 2025-07. Warga mengungsi.", None),  # a month is no day
    ("Tentara menyerang pos itu pada Senin (2/1). Warga mengungsi.", None),  # long before publication
    ("Tentara akan menyerang pada Senin (9/3). Warga mengungsi.", None),  # after publication: a plan
])
def test_the_storys_day(text, day):
    assert _story(text) == day


def test_no_story_day_without_a_publication_date():
    assert _story("Tentara menyerang pos itu pada Senin (2/3).", None) is None


def test_an_undated_statement_in_the_story_takes_the_leads_day():
    from warta.api import make_doc, warm_pipeline
    from warta.io.readers.base import ReadOptions, build_article

    nlp = warm_pipeline()
    art = build_article(body="Jakarta - Tentara Thailand menyerang pos perbatasan Kamboja pada Senin (2/3/2026). "
                             "Menteri Luar Negeri Kamboja mengecam serangan itu.",
                        title="Thailand Serang Pos Perbatasan", options=ReadOptions(), origin="test", reader="json",
                        published_raw="2026-03-04")
    doc = nlp(make_doc(nlp, art))
    accuse = [e for e in doc._.warta_events if e["type"] == "ACCUSE"]
    assert accuse and accuse[0]["date"] == "2026-03-02" and accuse[0]["date_source"] == "inferred"


def test_the_lead_runs_past_a_dateline_cut_short_but_not_into_the_next_sentence():
    from warta.nlp.events.when import lead_span

    text = "Judul\n\nST. PETERSBURG - Dua presiden bertemu pada Kamis (19/6). Sebelumnya, Senin (16/6), mereka bicara."
    first, second, third = text.index("ST."), text.index("PETERSBURG"), text.index("Sebelumnya")
    sentences = [(first, first + 3), (second, third - 1), (third, len(text))]
    a, b = lead_span(text, sentences, 7)
    assert a == first and "Kamis (19/6)" in text[a:b] and "Senin" not in text[a:b]
    assert lead_span(text, sentences[1:], 7) == (second, third - 1)


def _dates(body: str, published: str) -> list[tuple[str, str | None]]:
    from warta.api import pipe
    from warta.io.document_json import document_to_dict
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body=body, title="Berita", options=ReadOptions(), origin="test", reader="json",
                        published_raw=published)
    return [(e["type"], e["date"]) for e in document_to_dict(next(iter(pipe([art], languages="any"))))["events"]]


def test_the_year_in_a_things_name_is_not_when_the_act_happened():
    assert _dates("Jakarta - Menteri Luar Negeri Sugiono meminta Australia meninjau kembali nota kesepahaman 1974 "
                  "tentang hak nelayan tradisional.", "2025-11-25") == [("REQUEST", "2025-11-25")]


def test_a_year_after_pada_is_when():
    assert ("CONSULT", "2019") in _dates("Jakarta - Presiden bertemu Perdana Menteri Jepang pada 2019 di Tokyo.",
                                         "2025-11-25")



def _records(body: str, published: str) -> dict[str, list[tuple[str | None, str | None]]]:
    """Each candidate type's (date, date source) pairs, whatever the model decides about the events."""
    from tests.nlp.events.helpers import candidates
    from warta.api import warm_pipeline
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body=body, title="Berita Hari Ini", options=ReadOptions(), origin="test", reader="json",
                        published_raw=published)
    out: dict[str, list[tuple[str | None, str | None]]] = {}
    for r in candidates(warm_pipeline(), art):
        out.setdefault(r["type"], []).append((r["date"], r["date_source"]))
    return out


def test_an_undated_act_takes_the_day_told_before_it_in_its_paragraph():
    body = ("Jakarta - Ratusan buruh kembali berunjuk rasa di depan kantor gubernur pada Rabu (4/3/2026).\n\n"
            "Aksi serupa digelar pada Senin (2/3). Polisi kemudian menembakkan gas air mata ke arah massa.\n\n"
            "Gubernur meminta para buruh menahan diri.")
    dates = _records(body, "2026-03-05")
    assert set(dates["ASSAULT"]) == {("2026-03-02", "inferred")}
    assert set(dates["REQUEST"]) == {("2026-03-04", "inferred")}  # a new paragraph: the story's day


def test_the_bound_of_a_span_is_no_day_for_the_next_sentence():
    body = ("Medan - Banjir merendam ribuan rumah di tepi sungai. "
            "Status tanggap darurat berlaku sejak Senin (2/3/2026) hingga 16 Maret 2026. "
            "Gubernur meminta warga di bantaran sungai mengungsi.")
    assert _records(body, "2026-03-05")["REQUEST"] == [("2026-03-05", "inferred")]


def test_a_quoted_act_is_dated_by_its_cue():
    body = ("Batam - Warga pulau itu terus menolak rencana pemindahan. "
            "“Kami menolak relokasi ke tempat yang belum siap,” ujar Ketua RT Budi Santoso di Batam, Minggu.")
    assert _records(body, "2026-03-03")["REJECT"] == [("2026-03-03", "inferred"), ("2026-03-01", "stated")]


def test_the_next_sentences_day_does_not_date_a_reported_statement():
    body = ("Medan - Panglima Kodam menyampaikan permintaan maaf kepada keluarga korban. Ia mengunjungi rumah duka pada "
            "Minggu (1/3/2026) dan berjanji menanggung biaya pengobatan.")
    assert all(source == "inferred" for _date, source in _records(body, "2026-03-04")["CONCEDE"])


def test_a_statement_takes_the_day_its_speakers_next_quote_names():
    said = ("Jakarta - Menteri Ketenagakerjaan Yassierli menyatakan mendukung penuh langkah KPK. \"Kami akan berbenah "
            "total,\" kata Yassierli di Jakarta, Sabtu (28/2/2026).")
    assert ("2026-02-28", "inferred") in _records(said, "2026-03-03")["SUPPORT"]
    other = ("Jakarta - Menteri Ketenagakerjaan Yassierli menyatakan mendukung penuh langkah KPK. \"Kami akan "
             "memeriksa semua pejabat,\" kata Ketua KPK Setyo Budiyanto di Jakarta, Sabtu (28/2/2026).")
    assert all(day != "2026-02-28" for day, _source in _records(other, "2026-03-03")["SUPPORT"])  # another speaker


def test_a_time_after_publication_is_a_target_not_when_it_was_agreed():
    body = "Brussel - Para menteri pertahanan sepakat menaikkan anggaran pertahanan menjadi 3 persen pada 2035."
    assert _records(body, "2026-03-03")["AGREE"] == [("2026-03-03", "inferred")]


@pytest.mark.parametrize(("sentence", "trigger", "not_when"), [
    ("Menteri Luar Negeri Sugiono meminta Australia meninjau nota kesepahaman yang diteken kedua negara pada 1974.",
     "meminta", "1974"),  # when the memorandum was signed
    ("Polda Metro Jaya menolak penangguhan penahanan aktivis Budi Santoso yang ditangkap pada Februari lalu.",
     "menolak", "2026-02"),  # when he was arrested
])
def test_a_month_or_year_in_a_relative_clause_of_the_object_is_not_the_acts(sentence, trigger, not_when):
    import warta
    from tests.conftest import TODAY
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Jakarta - " + sentence, title="Judul Berita", options=ReadOptions(today=TODAY),
                        origin="t", reader="text", published_raw="2026-03-03")
    doc = warta.analyze(art)
    ev = next(e for e in doc.events if e.trigger.text.lower() == trigger)
    assert ev.date != not_when and ev.date_source == "inferred"


def test_a_trigger_nouns_own_relative_clause_dates_it():
    import warta
    from tests.conftest import TODAY
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Jakarta - Ribuan buruh menggelar unjuk rasa yang berlangsung pada Januari 2026 di depan "
                             "Gedung DPR untuk menolak RUU Cipta Kerja.",
                        title="Judul Berita", options=ReadOptions(today=TODAY), origin="t", reader="text",
                        published_raw="2026-03-03")
    ev = next(e for e in warta.analyze(art).events if e.type == "PROTEST")
    assert ev.date == "2026-01" and ev.date_source == "stated"  # the protest's own month, two words long
