"""Officials named by title, country and name. Sentences and names made up for the test."""

from __future__ import annotations

import pytest
import spacy

from warta.nlp.officials import name_tail


@pytest.fixture(scope="module")
def nlp():
    from warta.api import warm_pipeline

    return warm_pipeline()


def _entities(nlp, text: str) -> dict[str, tuple[str, str | None]]:
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\n" + text)))
    return {e["name"]: (e["type"], e["country"]) for e in doc._.warta_entities}


@pytest.mark.parametrize(("text", "ok"), [
    ("Freddy Nanez", True),
    ("Majed al - Ansari", True),
    ("Kementerian Pertahanan", False),  # a body's words
    ("Jakarta Pusat", False),  # a place
    ("Nanez", False),  # one word
])
def test_name_tail(text, ok):
    doc = spacy.blank("id")(text)
    assert name_tail(doc, 0, len(doc)) is ok


def test_a_country_read_with_its_ministers_name_is_split(nlp):
    ents = _entities(nlp, "Menteri Komunikasi Venezuela Pedro Nunez menuding Washington berbohong.")
    assert ents.get("Pedro Nunez") == ("PER", "VEN")
    assert not any("Venezuela Pedro" in name for name in ents)


def test_a_body_read_with_its_spokesmans_name_is_split(nlp):
    ents = _entities(nlp, "Juru bicara Kementerian Luar Negeri Oman Salim al-Harthy mendesak semua pihak "
                          "menahan diri.")
    assert ents.get("Salim al-Harthy") == ("PER", "OMN")
    assert ents.get("Kementerian Luar Negeri Oman") == ("ORG", "OMN")


def test_a_person_after_title_and_country_is_that_countrys(nlp):
    ents = _entities(nlp, "Sekretaris Luar Negeri India Rakesh Malhotra menuduh pihak lain melanggar kesepakatan, "
                          "Sabtu.")
    assert ents.get("Rakesh Malhotra") == ("PER", "IND")


def test_an_envoy_to_a_country_is_not_that_countrys(nlp):
    ents = _entities(nlp, "Duta Besar RI untuk Laos Santo Wibisono bertemu pejabat setempat.")
    assert ents.get("Santo Wibisono") == ("PER", "IDN")


def test_a_known_body_read_with_its_officials_name_is_split(nlp):
    ents = _entities(nlp, "\"Kami mendesak pihak berwenang untuk menjamin hak warga,\" kata Komisioner Perluasan Uni Eropa "
                          "Marta Kos.")
    assert ents.get("Marta Kos") == ("PER", "IGO")
