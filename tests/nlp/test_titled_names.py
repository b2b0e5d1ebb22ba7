"""Persons named right after their title, where the NER model finds nothing. Sentences made up for the test."""

from __future__ import annotations

import pytest
import spacy

from warta.nlp.titled_names import titled_runs


@pytest.mark.parametrize(("text", "names"), [
    ("Menteri Dalam Negeri Arjun Bhattarai mengundurkan diri pada Senin .", ["Arjun Bhattarai"]),
    ("Perdana Menteri MK Tamang juga mundur setelah unjuk rasa .", ["MK Tamang"]),
    ("Juru bicara militer , Mayjen Somchai Rattanakorn , mengatakan hal itu .", ["Somchai Rattanakorn"]),
    ("Menteri Luar Negeri Jepang mengatakan hal itu .", []),  # a country, then a verb: no name
    ("Kepala Nyaris Putus adalah judul sandiwara itu .", []),  # not a title of a person's office
    ("Ia menjadi Duta Ekonomi Bangsa tahun ini .", []),
    ("Presiden Joko Widodo hadir .", ["Joko Widodo"]),
    ("Presiden Komisaris Bank Sentral hadir .", []),  # a title and an institution, no name
    ("Menteri Tenaga Kerja dan Transmigrasi itu mengatakan hal itu .", []),  # a portfolio the lists do not know
    ("Menteri Ekonomi Kreatif itu hadir .", []),
])
def test_names_after_a_title(text, names):
    doc = spacy.blank("id")(text)
    assert [doc[a:b].text for a, b in titled_runs(doc, [False] * len(doc))] == names


def test_a_name_already_found_is_left_alone():
    doc = spacy.blank("id")("Presiden Joko Widodo hadir .")
    taken = [False] * len(doc)
    taken[1] = taken[2] = True
    assert titled_runs(doc, taken) == []


def test_the_pipeline_finds_a_foreign_minister_the_model_misses():
    from warta.api import as_article, make_doc, warm_pipeline

    nlp = warm_pipeline()
    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nMenteri Dalam Negeri Arjun Bhattarai mengundurkan diri "
                                       "pada Senin malam.")))
    assert ("Arjun Bhattarai", "PER") in {(e["name"], e["type"]) for e in doc._.warta_entities}


def test_a_city_between_name_words_is_part_of_a_persons_name():
    from warta.nlp.titled_names import around_place

    doc = spacy.blank("id")("Kuasa hukumnya , Ramli Paris Sitompul , membantah .")
    assert around_place(doc, 4, 5, [False] * len(doc)) == (3, 6)
    doc = spacy.blank("id")("Macron tiba di Paris Senin malam .")
    assert around_place(doc, 3, 4, [False] * len(doc)) is None


def test_the_pipeline_does_not_read_a_city_in_a_name_as_its_country():
    from warta.api import as_article, make_doc, warm_pipeline

    nlp = warm_pipeline()
    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nKuasa hukum terdakwa, Hotman Paris Hutapea, membantah "
                                       "tuduhan jaksa.")))  # a lawyer's name the model does not find
    names = {(e["name"], e["type"]) for e in doc._.warta_entities}
    assert ("Hotman Paris Hutapea", "PER") in names and not any(n == "Prancis" for n, _ in names)


@pytest.mark.parametrize(("text", "taken", "names"), [
    ("Ketua Komisi Hukum Rahmat Hidayat hadir .", [1, 2], ["Rahmat Hidayat"]),  # a body named, then the holder
    ("Ketua Umum Partai Maju hadir .", [], []),  # no body named: a unit's name as often as a person's
    ("Kepala Desa Sukamaju hadir .", [], []),
])
def test_names_after_a_title_of_a_body(text, taken, names):
    doc = spacy.blank("id")(text)
    mask = [i in taken for i in range(len(doc))]
    assert [doc[a:b].text for a, b in titled_runs(doc, mask)] == names
