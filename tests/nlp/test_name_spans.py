"""Entity assembly from given model spans (our own sentences): the NER model's spans are set by hand,
so these tests pin the rules, whatever the current model predicts."""

from __future__ import annotations

import pytest

from warta.nlp.load import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def assemble(nlp, text: str, model: list[tuple[str, str]], *, date: str = "2024-06-01", title: bool = False):
    """Entities of ``text`` when the NER model finds ``model`` (surface form, label; first occurrence after
    the previous one)."""
    doc = nlp.make_doc(text)
    doc._.warta_date = date
    doc._.warta_has_title = title
    doc = nlp.get_pipe("warta_sentences")(doc)
    ents, pos = [], 0
    for form, label in model:
        at = text.index(form, pos)
        span = doc.char_span(at, at + len(form), label=label)
        assert span is not None, form
        ents.append(span)
        pos = at + len(form)
    doc.ents = ents
    for name in ("warta_kb_matcher", "warta_entities", "warta_places"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def names(doc) -> dict[str, dict]:
    return {e["name"]: e for e in doc._.warta_entities}


def forms(doc, entity: dict) -> set[str]:
    return {doc.text[s:t] for s, t, _ in entity["mentions"]}


# -- 1. role words are not part of a person's name ----------------------------------------------------
def test_portfolio_words_are_cut_from_a_person_and_give_the_role(nlp):
    text = "Menteri Kelautan dan Perikanan Rudi Hartanto Wibisono meninjau pelabuhan di Cilacap."
    doc = assemble(nlp, text, [("Perikanan Rudi Hartanto Wibisono", "PER"), ("Cilacap", "GPE")])
    ents = names(doc)
    assert "Rudi Hartanto Wibisono" in ents and "Perikanan Rudi Hartanto Wibisono" not in ents
    assert ents["Rudi Hartanto Wibisono"]["sector"] == "GOV" and ents["Rudi Hartanto Wibisono"]["country"] == "IDN"


def test_acronym_of_a_body_is_cut_from_a_person(nlp):
    text = "Juru bicara KPK Budi Prasetyo mengatakan pemeriksaan saksi berlanjut pekan depan."
    ents = names(assemble(nlp, text, [("KPK Budi Prasetyo", "PER")]))
    assert "Budi Prasetyo" in ents and "KPK Budi Prasetyo" not in ents
    assert "Komisi Pemberantasan Korupsi" in ents


@pytest.mark.parametrize(("text", "model", "name", "sector"), [
    ("Komandan Korem Kolonel Inf Budi Hartono Wibowo meninjau lokasi banjir.", [("Inf Budi Hartono Wibowo", "PER")],
     "Budi Hartono Wibowo", "MIL"),
    ("Kapolsek Cibinong Kompol Andi Saputra Lubis membenarkan penangkapan itu.", [("Andi Saputra Lubis", "PER")],
     "Andi Saputra Lubis", "COP"),
])
def test_a_rank_gives_the_sector_and_a_corps_is_no_given_name(nlp, text, model, name, sector):
    ents = names(assemble(nlp, text, model))
    assert name in ents and ents[name]["sector"] == sector


def test_role_body_and_person_taken_as_one_body_is_the_person(nlp):
    text = "Juru Bicara KPK Budi Prasetyo mengatakan pemeriksaan saksi berlanjut pekan depan."
    ents = names(assemble(nlp, text, [("KPK Budi Prasetyo", "ORG")]))
    assert ents["Budi Prasetyo"]["type"] == "PER"
    assert "Komisi Pemberantasan Korupsi" in ents


def test_a_fragment_of_a_role_phrase_is_no_entity(nlp):
    text = "Duta Besar RI untuk Kenya Lutfi Rauf menerima delegasi dagang di Nairobi."
    doc = assemble(nlp, text, [("Besar RI", "ORG"), ("Lutfi Rauf", "PER"), ("Nairobi", "GPE")])
    ents = names(doc)
    assert "Besar RI" not in ents
    assert ents["Lutfi Rauf"]["country"] == "IDN"


def test_misspelt_role_and_country_are_cut_from_a_person(nlp):
    text = "Menter Luar Negeri Kenya Musalia Mudavadi berbicara kepada wartawan."
    ents = names(assemble(nlp, text, [("Menter Luar Negeri Kenya Musalia Mudavadi", "PER")]))
    assert "Musalia Mudavadi" in ents
    assert ents["Musalia Mudavadi"]["country"] == "KEN"


def test_name_words_that_are_also_role_words_stay_in_names(nlp):
    text = "Politikus Agung Prasetyo Wibowo, Putra Hadi Saputra dan AM Hendro Wiyono menghadiri acara itu."
    ents = names(assemble(nlp, text, [("Agung Prasetyo Wibowo", "PER"), ("Putra Hadi Saputra", "PER"),
                                      ("AM Hendro Wiyono", "PER")]))
    assert {"Agung Prasetyo Wibowo", "Putra Hadi Saputra", "AM Hendro Wiyono"} <= set(ents)


# -- 2. a body followed by its country ----------------------------------------------------------------
def test_model_body_followed_by_a_country_is_that_country_body(nlp):
    text = "Kepala Staf Gabungan Jepang menggelar latihan bersama Angkatan Laut Filipina di Laut Cina Selatan."
    doc = assemble(nlp, text, [("Kepala Staf Gabungan", "ORG"), ("Angkatan Laut", "ORG")])
    ents = names(doc)
    assert ents["Kepala Staf Gabungan Jepang"]["country"] == "JPN"
    assert ents["Angkatan Laut Filipina"]["country"] == "PHL"


# -- 8. the country of people not in the KB --------------------------------------------------------
def test_spokesperson_of_a_foreign_body_has_its_country(nlp):
    text = "Juru Bicara Kementerian Luar Negeri Kenya, Otieno Kamau, membantah laporan itu."
    doc = assemble(nlp, text, [("Otieno Kamau", "PER")])
    ents = names(doc)
    assert ents["Otieno Kamau"]["country"] == "KEN"
    assert ents["Kementerian Luar Negeri Kenya"]["country"] == "KEN"


def test_international_official_is_igo_while_in_office(nlp):
    text = "Sekjen NATO Mark Rutte tiba di Warsawa untuk membahas anggaran pertahanan."
    assert names(assemble(nlp, text, [], date="2025-03-01"))["Mark Rutte"]["country"] == "IGO"
    assert names(assemble(nlp, text, [], date="2023-03-01"))["Mark Rutte"]["country"] == "NLD"


# -- 3. brackets ---------------------------------------------------------------------------------
def test_unclosed_bracket_is_cut_and_the_acronym_joins(nlp):
    text = "Para menteri hadir dalam Pertemuan Tingkat Tinggi Pangan (PTTP) di Bogor. PTTP berakhir Jumat."
    doc = assemble(nlp, text, [("Pertemuan Tingkat Tinggi Pangan (PTTP", "EVENT")])
    ents = names(doc)
    assert "Pertemuan Tingkat Tinggi Pangan" in ents
    assert "PTTP" in forms(doc, ents["Pertemuan Tingkat Tinggi Pangan"])
    assert not any("(" in n for n in ents)


# -- 4. name parts -------------------------------------------------------------------------------
def test_bin_joins_name_parts_into_one_person(nlp):
    text = "Utusan khusus Hamid bin Rashid bin Saeed tiba di Doha pada Selasa."
    doc = assemble(nlp, text, [("Rashid", "PER"), ("Saeed", "PER")])
    people = [e for e in doc._.warta_entities if e["type"] == "PER"]
    assert [p["name"] for p in people] == ["Hamid bin Rashid bin Saeed"]


def test_a_hyphenated_name_stays_whole_but_a_pair_of_names_does_not(nlp):
    text = "Mantan presiden Lee Teng-hui bertemu Linda Thomas-Greenfield, sementara pasangan Prabowo-Gibran berkampanye."
    doc = assemble(nlp, text, [("Lee Teng", "PER"), ("Linda Thomas", "PER"), ("Prabowo", "PER"), ("Gibran", "PER")])
    people = sorted(e["name"] for e in doc._.warta_entities if e["type"] == "PER")
    assert "Lee Teng-hui" in people and "Linda Thomas-Greenfield" in people
    assert "Gibran" in " ".join(people) and "Prabowo-Gibran" not in people


# -- 5, 6. datelines -----------------------------------------------------------------------------
def test_dateline_city_is_a_place_joined_with_its_other_mentions(nlp):
    text = "SURABAYA, KOMPAS.com - Ratusan buruh berunjuk rasa di Surabaya pada Senin."
    doc = assemble(nlp, text, [("Surabaya", "GPE")])
    city = names(doc)["Surabaya"]
    assert city["type"] == "GPE" and forms(doc, city) == {"SURABAYA", "Surabaya"}
    assert city["country"] == "IDN"


def test_dateline_capital_is_the_city_not_the_country(nlp):
    text = "MOSKOW (ANTARA) - Moskow menolak usulan gencatan senjata. Wartawan di Moskow melaporkan suasana tenang."
    doc = assemble(nlp, text, [])
    ents = names(doc)
    city = ents["Moskow"]
    assert city["kb"] is None and city["country"] == "RUS" and forms(doc, city) == {"MOSKOW", "Moskow"}
    russia = next(e for e in doc._.warta_entities if e["kb"] == "cty:rus")
    assert len(russia["mentions"]) == 1  # "Moskow menolak": the government


# -- 7. a place and its "Jalur/Kota X" form ---------------------------------------------------------
def test_place_with_and_without_its_head_word_is_one_place(nlp):
    text = "Banjir melanda Kota Medan sejak Senin. Warga Medan mengungsi ke masjid."
    doc = assemble(nlp, text, [("Kota Medan", "GPE"), ("Medan", "NORP")])
    places = [e for e in doc._.warta_entities if "Medan" in e["name"]]
    assert len(places) == 1 and places[0]["type"] == "GPE"
    assert forms(doc, places[0]) == {"Kota Medan", "Medan"}


# -- buildings -----------------------------------------------------------------------------------
def test_a_building_named_as_a_place_is_a_facility_and_as_an_actor_the_body(nlp):
    text = "Gedung Putih membantah laporan itu. Puluhan wartawan menunggu di depan Gedung Putih sejak pagi."
    doc = assemble(nlp, text, [])
    ents = doc._.warta_entities
    body = next(e for e in ents if e["kb"] == "org:gedung-putih")
    place = next(e for e in ents if e["type"] == "FAC")
    assert forms(doc, place) == {"Gedung Putih"} and place["country"] == "USA"
    assert len(body["mentions"]) == 1 and body["type"] == "ORG"


def test_person_after_a_party_in_one_model_span_is_the_person(nlp):
    text = "Wakil Ketua Umum Partai Gerindra Hendra Kusuma membantah kabar itu."
    doc = assemble(nlp, text, [("Partai Gerindra Hendra Kusuma", "ORG")])
    ents = names(doc)
    assert ents["Hendra Kusuma"]["type"] == "PER"
    assert not any("Hendra" in n for n, e in ents.items() if e["type"] == "ORG")


def test_portfolio_abbreviation_is_not_taken_into_a_known_name(nlp):
    text = "Menko Polhukam Budi Gunawan memimpin rapat koordinasi di Jakarta."
    doc = assemble(nlp, text, [("Budi Gunawan", "PER")], date="2025-01-10")
    person = next(e for e in doc._.warta_entities if e["type"] == "PER")
    assert forms(doc, person) == {"Budi Gunawan"}


def test_rank_is_cut_from_a_person(nlp):
    text = "Kapolda Sumatera Utara Irjen Wahyu Pratama memimpin apel pagi itu."
    ents = names(assemble(nlp, text, [("Sumatera Utara", "GPE"), ("Irjen Wahyu Pratama", "PER")]))
    assert "Wahyu Pratama" in ents and ents["Wahyu Pratama"]["type"] == "PER"
