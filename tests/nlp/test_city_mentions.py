"""Cities the NER model misses, found after a place word."""

from __future__ import annotations

import pytest
import spacy

from warta.nlp.city_mentions import city_runs, is_city


@pytest.mark.parametrize(("text", "cities"), [
    ("Banjir melanda kawasan di Medan dan Binjai kemarin .", ["Medan", "Binjai"]),
    ("Delegasi itu terbang ke Rafah lalu ke Kairo .", ["Rafah", "Kairo"]),  # a name; an exonym of the gazetteer
    ("Ia pergi ke Kim Jong Un .", []),  # the capitals run on: not the Indian town of Kim
    ("Surat dari Budi tiba .", []),  # no city has that name
    ("Kelompok itu disebut dari Hamas .", []),  # an alternate name of Hamm does not count
    ("Sandiwara dari Antony & Cleopatra .", []),
    ("Ia dibunuh di Part 2 .", []),
    ("Pasukan itu menggempur Rafah dan gempa mengguncang Cianjur .", ["Rafah", "Cianjur"]),
    ("Rapat di Medan Merdeka Barat .", []),  # a longer name
    ("Banjir rob merendam rumah warga di Takalar dan Jeneponto .", ["Takalar", "Jeneponto"]),  # regencies
])
def test_city_runs(text, cities):
    doc = spacy.blank("id")(text)
    assert [doc[a:b].text for a, b in city_runs(doc, [False] * len(doc))] == cities


def test_a_taken_token_is_left_to_its_mention():
    doc = spacy.blank("id")("Presiden tiba di Medan .")
    taken = [False] * len(doc)
    taken[3] = True
    assert city_runs(doc, taken) == []


def test_gazetteer_exonyms_are_cities():
    assert is_city("Moskow") and is_city("Medan") and not is_city("Jokowi")


def test_indonesian_regencies_are_places():
    assert is_city("Takalar") and is_city("Kabupaten Sigi") and is_city("Kota Tidore Kepulauan")
    assert not is_city("Syamsari")


def test_the_pipeline_types_such_a_city_as_a_place():
    from warta.nlp.load import load_pipeline

    doc = load_pipeline()("Presiden Bolivia tiba di Binjai pada Senin.")
    assert any(e["name"] == "Binjai" and e["type"] == "GPE" for e in doc._.warta_entities)


@pytest.mark.parametrize(("text", "region", "name"), [
    ("Bupati Bogor Ade Yasin ditahan .", "Bogor", "Ade Yasin"),
    ("Wali Kota Surabaya Tri Rismaharini datang .", "Surabaya", "Tri Rismaharini"),
    ("Kapolda Jawa Timur Irjen Nico Afinta datang .", "Jawa Timur", "Nico Afinta"),
    ("Bupati Bogor mengatakan .", "Bogor", None),
    ("Kapolda Metro Jaya Irjen Fadil Imran datang .", "Metro Jaya", "Fadil Imran"),  # a gazetteer region
    ("Kapolda Metro Jaya Irjen Karyoto datang .", "Metro Jaya", "Karyoto"),  # one word after a rank is a name
    ("Kapolda Metro Jaya clan .", "Metro Jaya", None),
    ("Kapolres Metro Tangerang .", None, None),  # "Metro" is a town, but the region may run on: no split
    ("Wali Kota Medan Bobby .", "Medan", "Bobby"),  # one word that ends no region and is no place: the holder
    ("Gubernur Bank Sentral Malaysia Zeti Akhtar datang .", None, None),
    ("Kota Bandung ramai .", None, None),  # the city itself, no title
    ("Bupati Lima Puluh Kota Safaruddin Bandaro datang .", "Lima Puluh Kota", "Safaruddin Bandaro"),
    ("Wakil Bupati Sigi Samuel Rongko menjawab .", "Sigi", "Samuel Rongko"),  # a regency no GeoNames city names
])
def test_a_regional_title_names_its_region_then_its_holder(text, region, name):
    from warta.nlp.city_mentions import title_place_name

    doc = spacy.blank("id")(text)
    found = [r for i in range(1, len(doc)) if (r := title_place_name(doc, i))]
    if region is None:
        assert found == []
    else:
        (a, b), person = found[0]
        assert doc[a:b].text == region and (doc[slice(*person)].text if person else None) == name


def test_the_pipeline_splits_a_region_from_its_holder():
    from warta.nlp.load import load_pipeline

    doc = load_pipeline()("KPK menahan Bupati Bogor Ade Yasin pada Selasa.")
    got = {(e["name"], e["type"]) for e in doc._.warta_entities}
    assert {("Bogor", "GPE"), ("Ade Yasin", "PER")} <= got


def test_a_title_case_headline_gives_the_region_but_no_holder():
    import warta
    from tests.conftest import TODAY
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Polisi menahan Bupati Takalar Syamsari Kitta pada Senin. Syamsari membantah tuduhan itu.",
                        title="Polisi Tahan Bupati Takalar Terkait Suap Proyek Jalan", options=ReadOptions(today=TODAY),
                        origin="t", reader="text", published_raw="2026-10-12")
    entities = {(e.name, e.type): [m.text for m in e.mentions] for e in warta.analyze(art).entities}
    assert ("Takalar", "GPE") in entities
    assert not any("Terkait" in name for name, _ in entities)  # headline words, not a person
    assert entities[("Syamsari Kitta", "PER")] == ["Syamsari Kitta", "Syamsari"]  # the short name joins the holder


def test_a_region_after_a_regional_title_is_a_place_whatever_the_model_typed():
    """The model may type the region of ``Bupati Takalar`` as a person (more often in a title-case headline);
    the title rule retypes it, and keeps a KB-linked span as the KB has it."""
    import spacy

    from warta.nlp.mentions import Cand, _split_regional_titles

    doc = spacy.blank("id")("Jaksa Tahan Bupati Takalar Terkait Suap")
    lower = [t.lower_ for t in doc]
    got = _split_regional_titles(doc, [Cand(3, 4, "PER", None, "model")], lower, headline_end=len(doc))
    assert [(doc[c.start:c.end].text, c.type) for c in got] == [("Takalar", "GPE")]
    linked = Cand(3, 4, "ORG", "org:x", "kb:alias")
    assert _split_regional_titles(doc, [linked], lower, headline_end=len(doc)) == [linked]


def test_a_city_after_di_is_a_place_even_when_tagged_a_person():
    from warta.nlp.city_mentions import place_not_person

    doc = spacy.blank("id")("Presiden Ghana bertemu Perdana Menteri Nepal di Accra kemarin .")
    at = [t.text for t in doc].index("Accra")
    assert place_not_person(doc, at, at + 1)
    assert not place_not_person(doc, at - 1, at)  # "Nepal" after a title is no place of this rule


@pytest.mark.parametrize(("text", "name", "place"), [
    ("Protes juga pecah di Ankara , Izmir dan Bursa .", "Izmir", True),
    ("Protes juga pecah di Ankara , Izmir , dan Bursa .", "Bursa", True),
    ("Pasukan ditarik dari Kharkiv , Donetsk , Kherson dan Odesa .", "Odesa", True),
    ("Ia bertemu Budi , Izmir dan Bursa .", "Izmir", False),  # a list of people, whatever the names
    ("Ia tinggal di rumah , Izmir tidak .", "Izmir", False),  # the list's first item is no name
])
def test_a_city_in_a_list_opened_by_a_place_word_is_a_place(text, name, place):
    from warta.nlp.city_mentions import place_not_person

    doc = spacy.blank("id")(text)
    at = [t.text for t in doc].index(name)
    assert place_not_person(doc, at, at + 1) is place


def test_a_person_met_at_a_city_is_not_joined_to_it():
    from warta.api import as_article, make_doc, warm_pipeline

    nlp = warm_pipeline()
    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nPresiden Ghana Kwame Asante Boateng bertemu Perdana Menteri "
                                       "Nepal Sushila Karki di Accra.")))
    people = {e["name"] for e in doc._.warta_entities if e["type"] == "PER"}
    assert "Sushila Karki" in people and not any("Accra" in p for p in people)


def test_a_place_whose_name_starts_with_a_title_word_keeps_it():
    from warta.api import as_article, make_doc, warm_pipeline

    nlp = warm_pipeline()
    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nTambang nikel di Raja Ampat merusak terumbu karang. Bupati "
                                       "Pati Sudewo menolak mundur.")))
    names = {(e["name"], e["type"]) for e in doc._.warta_entities}
    assert ("Raja Ampat", "GPE") in names and ("Ampat", "GPE") not in names
    assert ("Sudewo", "PER") in names and not any(n.startswith("Pati ") for n, _t in names)  # the regent's region
