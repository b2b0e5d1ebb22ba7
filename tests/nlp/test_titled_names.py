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
