"""Entities, linking and coreference on our own short articles."""

import pytest

import warta
from tests.conftest import TODAY
from warta.io.readers.base import ReadOptions, build_article
from warta.model import Article


def analyze(text: str, *, title: str | None = None, published: str | None = None):
    art = build_article(body=text, title=title, options=ReadOptions(today=TODAY), origin="t", reader="text",
                        published_raw=published)
    return warta.analyze(art)


def by_name(doc):
    return {e.name: e for e in doc.entities}


def forms(entity):
    return {m.text for m in entity.mentions}


def test_role_phrases_resolve_by_article_date():
    body = ("Presiden AS menelepon Perdana Menteri Jepang pada hari Senin. Gedung Putih menyebut pembicaraan "
            "itu produktif.")
    d2023 = by_name(analyze(body, title="Telepon dari Washington", published="2023-06-05"))
    d2025 = by_name(analyze(body, title="Telepon dari Washington", published="2025-06-02"))
    assert "Joe Biden" in d2023 and "Presiden AS" in forms(d2023["Joe Biden"])
    assert "Donald Trump" in d2025 and "Presiden AS" in forms(d2025["Donald Trump"])


def test_short_names_and_roles_join_the_full_name():
    text = ("Vladimir Putin tiba di Pyongyang. Pemimpin Korea Utara Kim Jong Un menyambutnya di bandara. "
            "Kim didampingi putrinya Kim Ju Ae. Putin kemudian bertemu Kim selama dua jam.")
    ents = by_name(analyze(text, title="Putin Tiba di Pyongyang", published="2024-06-19"))
    kim = ents["Kim Jong Un"]
    assert "Kim" in forms(kim) and any(f.endswith("Kim Jong Un") for f in forms(kim))
    assert kim.country == "PRK" and kim.kb == "per:kim-jong-un"
    assert "Kim Ju Ae" in ents and "Kim" not in forms(ents["Kim Ju Ae"])
    assert forms(ents["Vladimir Putin"]) >= {"Vladimir Putin", "Putin"}


def test_acronym_in_brackets_and_nested_names():
    text = ("Komisi Pemberantasan Korupsi (KPK) memeriksa dua saksi. Juru bicara KPK mengatakan pemeriksaan "
            "berlanjut. Dewan Keamanan PBB bersidang di New York, sementara PBB mengirim utusan.")
    ents = by_name(analyze(text, title="Pemeriksaan Saksi", published="2024-01-10"))
    kpk = ents["Komisi Pemberantasan Korupsi"]
    assert {"KPK", "Komisi Pemberantasan Korupsi"} <= forms(kpk) and kpk.country == "IDN"
    assert "Dewan Keamanan PBB" in ents and "Perserikatan Bangsa-Bangsa" in ents
    assert "Dewan Keamanan PBB" not in forms(ents["Perserikatan Bangsa-Bangsa"])


def test_unknown_official_gets_country_and_sector_from_role():
    text = "Menteri Luar Negeri Oman Sayyid Fahad menerima utusan Iran di Muskat pada hari Selasa."
    ents = by_name(analyze(text, title="Utusan Iran ke Muskat", published="2024-05-07"))
    person = next(e for e in ents.values() if e.type == "PER")
    assert person.country == "OMN" and person.sector == "GOV"


def test_metonym_is_the_government_unless_used_as_a_place():
    text = ("Hubungan antara Moskow dan Pyongyang semakin erat. Delegasi itu tiba di Moskow kemarin.")
    ents = analyze(text, title="Hubungan Erat", published="2024-01-10").entities
    russia = next(e for e in ents if e.kb == "cty:rus")
    assert any(m.text == "Moskow" for m in russia.mentions)
    city = [e for e in ents if e.name == "Moskow" and e.kb is None]
    assert city and city[0].country == "RUS"


def test_a_bodys_metonym_is_the_body_unless_used_as_a_place():
    text = ("Para buruh kembali berunjuk rasa di Senayan, Jakarta, Selasa. Senayan menolak membahas tuntutan mereka. "
            "Kecaman juga datang dari Senayan.")
    ents = analyze(text, title="Buruh Kembali Berdemo", published="2025-01-07").entities
    dpr = next(e for e in ents if e.kb == "org:dpr")
    place = [e for e in ents if e.name == "Senayan" and e.kb is None]
    assert [m.text for m in dpr.mentions] == ["Senayan", "Senayan"]  # "dari Senayan": from the DPR
    assert place and place[0].type in ("GPE", "LOC", "FAC") and place[0].country == "IDN"


def test_mentions_index_the_text_as_read():
    text = "Presiden  Prabowo Subianto bertemu Menlu Sugiono di Istana Merdeka , Jakarta."
    doc = analyze(text, title="Pertemuan di Istana", published="2025-01-06")
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    assert "Prabowo Subianto" in by_name(doc)


def test_article_object_without_title():
    doc = warta.analyze(Article(text="Jakarta - Polisi menangkap dua orang di Jakarta, Senin (4/3/2024)."))
    assert any(e.name.lower() == "jakarta" for e in doc.entities)


def test_a_known_body_followed_by_another_country_is_that_country_body():
    doc = analyze("Juru bicara Kemenlu Jepang menyampaikan protes kepada Kemenlu di Jakarta.")
    names = by_name(doc)
    assert names["Kemenlu Jepang"].country == "JPN"
    assert names["Kemenlu Jepang"].kb is None


def test_a_name_two_kb_entries_share_is_read_by_the_countries_the_article_names():
    # "Demokrat" is Indonesia's party and the US one: Indonesian news means the first, unless the article is about
    # the United States
    home = by_name(analyze("Kader Demokrat di Medan mendukung keputusan itu, kata Budi kepada wartawan."))
    assert home["Partai Demokrat"].country == "IDN"
    abroad = by_name(analyze("Senator Demokrat itu berpidato di Washington. Presiden Amerika Serikat Joe Biden "
                             "memuji Kongres AS dan Gedung Putih."))
    assert "Partai Demokrat Amerika Serikat" in abroad and "Partai Demokrat" not in abroad
    # the Indonesian party's own name, in an article about Washington
    abroad = by_name(analyze("Partai Demokrat menguasai Senat. Presiden Amerika Serikat Joe Biden memuji Kongres AS "
                             "di Washington."))
    assert "Partai Demokrat Amerika Serikat" in abroad and "Partai Demokrat" not in abroad


def test_a_bare_title_does_not_make_a_foreign_article_s_official_indonesian():
    import warta
    from tests.conftest import TODAY
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Pemerintah Zimbabwe menolak kritik itu. Presiden Tendai Moyo mengatakan negaranya tidak "
                             "akan tunduk pada tekanan asing.", title="Judul", options=ReadOptions(today=TODAY),
                        origin="t", reader="text", published_raw="2024-08-20")
    moyo = next(e for e in warta.analyze(art).entities if e.name == "Tendai Moyo")
    assert moyo.country != "IDN"
    art = build_article(body="Bupati Sleman Kustini Sri Purnomo meresmikan pasar baru di Depok.", title="Judul",
                        options=ReadOptions(today=TODAY), origin="t", reader="text", published_raw="2024-08-20")
    regent = next(e for e in warta.analyze(art).entities if e.name == "Kustini Sri Purnomo")
    assert regent.country == "IDN"  # a domestic article: its unplaced people are Indonesian


def test_a_place_that_speaks_is_a_person_unless_it_is_a_known_place():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.entities import Cluster, _speaking_places
    from warta.nlp.mentions import Cand

    doc = spacy.blank("id")("“Semua aman ,” ujar Tarigan . Polisi di Vancouver mengatakan itu . Serikat Buruh , mengatakan itu .")
    spans = {"Tarigan": (6, 7), "Vancouver": (10, 11), "Serikat Buruh": (14, 16)}
    by_key = {name: Cluster("GPE", mentions=[Cand(a, b, "GPE", None, "model")]) for name, (a, b) in spans.items()}
    assert Span(doc, 6, 7).text == "Tarigan"
    _speaking_places(doc, by_key)
    assert {k: cl.type for k, cl in by_key.items()} == {"Tarigan": "PER", "Vancouver": "GPE", "Serikat Buruh": "ORG"}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Kementerian Kesehatan Gaza menyebut 45 orang tewas.", "Kementerian Kesehatan Gaza", "PSE"),
    ("Kementerian Kesehatan menyebut 45 orang sakit.", "Kementerian Kesehatan", "IDN"),
])
def test_a_government_body_named_after_a_foreign_place_is_that_places(text, name, country):
    from warta.nlp.load import load_pipeline

    doc = load_pipeline()(text)
    got = {e["name"]: e["country"] for e in doc._.warta_entities}
    assert got.get(name) == country
