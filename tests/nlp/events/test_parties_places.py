"""Parties and the words around them: a title's body or country is not whom its holder acts on, a region after a
village is its address, ``mereka`` means people, a passive's patient is never its doer. Every sentence here is
made up for the test."""

from __future__ import annotations

import pytest

import warta.nlp.events.component  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp(records_nlp):
    return records_nlp  # every record, whatever its parties: these tests read who they are


def _events(nlp, text: str, typ: str, *, title: str = "Berita hari ini") -> list[dict]:
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article(title + "\n\n" + text)))
    return [e for e in doc._.warta_events if e["type"] == typ]


def _types(nlp, text: str, *, title: str = "Berita hari ini") -> dict[str, list[dict]]:
    """The events of one analysis of ``text``, by type."""
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article(title + "\n\n" + text)))
    out: dict[str, list[dict]] = {}
    for e in doc._.warta_events:
        out.setdefault(e["type"], []).append(e)
    return out


def _names(actors: list[dict]) -> set[str]:
    return {a["name"].lower() for a in actors}


def test_the_body_in_a_speakers_title_is_not_whom_she_asks(nlp):
    evs = _events(nlp, "Komisioner Komnas HAM Siti Rahmawati meminta Kapolri menindak anggotanya yang melanggar aturan.",
                  "REQUEST")
    assert evs and all("komisi nasional hak asasi manusia" not in _names(e["target"]) for e in evs)
    assert any(a["sector"] == "COP" for e in evs for a in e["target"])  # the national police chief, unnamed


def test_the_country_an_ambassador_serves_is_not_his_target(nlp):
    evs = _events(nlp, "Kementerian Pertahanan menandatangani kontrak pembelian pesawat dari Prancis. Duta Besar Prancis "
                       "untuk Indonesia Fabien Penone menyambut baik kontrak tersebut.", "SUPPORT")
    assert evs and all(not {"prancis", "indonesia"} & _names(e["target"]) for e in evs)


def test_a_region_after_a_village_is_its_address_not_a_party(nlp):
    evs = _events(nlp, "Ratusan warga Desa Sukamakmur, Jawa Barat, menolak rencana pembangunan pabrik semen di desa "
                       "mereka.", "REJECT")
    assert evs and all("jawa barat" not in _names(e["source"]) for e in evs)
    assert any("warga" in n for e in evs for n in _names(e["source"]))


def test_a_village_is_a_place_whatever_the_model_says(nlp):
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nRatusan warga Desa Lamongrejo, Aceh Besar, menolak kedatangan "
                                       "pengungsi.")))
    assert all(not (e["type"] == "PER" and e["name"].lower().startswith("desa ")) for e in doc._.warta_entities)


def test_they_are_the_students_not_the_province_in_a_governors_title(nlp):
    evs = _events(nlp, "Sejumlah mahasiswa berunjuk rasa di depan kantor Gubernur Jawa Barat. Mereka mendesak "
                       "pemerintah membatalkan kenaikan tarif air.", "REQUEST")
    assert evs and all("jawa barat" not in _names(e["source"]) for e in evs)


def test_those_accused_in_a_relative_clause_accuse_no_one(nlp):
    evs = _events(nlp, "Departemen Keuangan Jepang menjatuhkan sanksi terhadap 12 perusahaan yang dituduh membantu "
                       "penjualan minyak Rusia ke India.", "ACCUSE")
    assert all(not any("perusahaan" in n for n in _names(e["source"])) for e in evs)


def test_coordinated_agents_of_a_passive_attack_both_did_it(nlp):
    evs = _events(nlp, "Pangkalan militer itu diserang Israel dan Amerika Serikat pada bulan lalu.", "ASSAULT")
    assert evs and all("amerika serikat" not in _names(e["target"]) for e in evs)
    assert any({"israel", "amerika serikat"} <= _names(e["source"]) for e in evs)


def test_a_passive_of_a_root_in_s_keeps_its_doer(nlp):
    # "disita", "disandera", "diserang": passives whose roots begin with s, like any other
    evs = _events(nlp, "Dua warga negara Malaysia disandera kelompok bersenjata di Sulu pada Senin.", "ASSAULT")
    assert all("malaysia" not in _names(e["source"]) for e in evs)  # the hostages took no one


def test_an_act_noun_after_a_treaty_names_the_treatys_subject(nlp):
    evs = _events(nlp, "Penangkapan itu yang pertama sejak perjanjian ekstradisi Malaysia-Thailand berlaku tahun lalu.",
                  "COOPERATE")
    assert evs == []


def test_a_speakers_region_in_a_council_title_is_a_place(nlp):
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nKetua DPRD Pati Joko Santoso menemui para demonstran.")))
    people = [e["name"] for e in doc._.warta_entities if e["type"] == "PER"]
    assert people == ["Joko Santoso"]
    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nDPRD Pati sepakat membentuk panitia khusus.")))
    assert not [e for e in doc._.warta_entities if e["type"] == "PER"]


def test_an_act_responded_to_is_not_the_responders(nlp):
    evs = _events(nlp, "Kementerian Luar Negeri Jepang mengirim nota protes kepada Pemerintah Korea Selatan. Seoul belum "
                       "menanggapi nota protes tersebut.", "ACCUSE")
    assert evs
    assert all(a.get("country") != "KOR" for e in evs for a in e["source"])


def test_whom_terhadap_names_never_did_the_act(nlp):
    evs = _events(nlp, "Bawaslu Jawa Timur menemukan dugaan pelanggaran dan merekomendasikan pemeriksaan terhadap "
                       "sejumlah petugas pemilu.", "ACCUSE")
    assert evs and all(not any("petugas" in n for n in _names(e["source"])) for e in evs)


def test_a_clause_of_time_after_an_act_names_none_of_its_parties(nlp):
    evs = _events(nlp, "Menteri Perdagangan Rudi Hartanto mengundurkan diri pada Senin, sepekan setelah ribuan petani "
                       "berunjuk rasa menuntut pencopotannya.", "RETREAT")
    assert evs and all(not e["target"] for e in evs)


def test_a_demand_left_unanswered_was_made_of_who_did_not_answer(nlp):
    evs = _events(nlp, "Para nelayan kecewa karena Kementerian Kelautan dan Perikanan tidak menanggapi tuntutan mereka "
                       "sejak tahun lalu.", "REQUEST")
    assert evs and all(any("nelayan" in n for n in _names(e["source"])) for e in evs)
    assert any(any("kementerian" in n for n in _names(e["target"])) for e in evs)


def test_a_dateline_city_is_no_outlet_whatever_body_its_name_links_to(nlp):
    evs = _events(nlp, "Brussel - Uni Eropa menyetujui paket sanksi baru terhadap Rusia pada Jumat. Kremlin mengecam "
                       "langkah Uni Eropa tersebut.", "SANCTION")
    assert any("uni eropa" in _names(e["source"]) and "rusia" in _names(e["target"]) for e in evs)


def test_a_government_condemning_an_attack_is_not_its_target(nlp):
    evs = _events(nlp, "Serangan udara Israel menghantam sebuah sekolah di Kota Gaza. Pemerintah Malaysia juga mengecam "
                       "serangan Israel.", "ASSAULT")
    assert all(not any("malaysia" in n for n in _names(e["target"])) for e in evs)


def test_a_party_office_in_a_title_is_not_whom_its_holder_acts_on(nlp):
    evs = _events(nlp, "Ketua DPP Partai Golkar Budi Santoso menolak usulan pemilihan kepala daerah lewat DPRD.",
                  "REJECT")
    assert evs and all(not any("golkar" in n for n in _names(e["target"])) for e in evs)


def test_a_spokesman_quoted_on_a_detention_did_not_detain(nlp):
    evs = _events(nlp, "Kepala Seksi Penerangan Hukum Kejati Jambi Ahmad Fauzi mengatakan RS ditahan selama 20 hari. "
                       "“Penahanan dilakukan untuk mempercepat proses penyidikan,” kata Ahmad.", "COERCE")
    assert all("ahmad fauzi" not in _names(e["source"]) for e in evs)


def test_talking_about_an_act_is_not_the_act(nlp):
    evs = _events(nlp, "“Moskow terus membunuh warga sipil sambil berbicara soal perundingan,” kata Zelensky.", "CONSULT")
    assert evs == []


def test_an_accusation_noun_naming_a_charge_is_no_accusation(nlp):
    evs = _events(nlp, "Kejati Sumut menahan Budi Santoso pada Senin. Budi ditetapkan sebagai tersangka dugaan korupsi "
                       "proyek jalan.", "ACCUSE")
    assert all(not any("tersangka" in n for n in _names(e["source"])) for e in evs)


def test_the_holder_of_a_title_not_the_office_is_detained(nlp):
    evs = _events(nlp, "Kejaksaan Tinggi menahan mantan Kepala Dinas Pendidikan Sumut Budi Hartono pada Senin.", "COERCE")
    assert evs and all("budi hartono" in _names(e["target"]) for e in evs)


def test_a_headline_acts_own_words_are_not_its_doer(nlp):
    evs = _events(nlp, "Sebuah bom bunuh diri meledak di sebuah pasar pada Kamis dan menewaskan 12 orang.", "ASSAULT",
                  title="Bom Bunuh Diri di Pasar Tewaskan 12 Orang")
    assert all("bom" not in _names(e["source"]) for e in evs)


def test_a_speakers_own_troops_are_the_speakers_side(nlp):
    evs = _events(nlp, "Angkatan Udara Filipina mengatakan pasukannya menembak jatuh dua pesawat nirawak di atas laut.",
                  "ASSAULT")
    assert evs and all(a.get("country") == "PHL" for e in evs for a in e["source"])
    assert all(not any("pasukan" in n for n in _names(e["target"])) for e in evs)


def test_a_name_past_the_next_verb_is_not_in_the_addressees_phrase(nlp):
    evs = _events(nlp, "Menteri Luar Negeri Budi Santoso meminta semua pihak menghormati Konvensi Hukum Laut PBB.",
                  "REQUEST")
    assert evs and all("perserikatan bangsa-bangsa" not in _names(e["target"]) for e in evs)


def test_a_role_noun_describing_a_thing_is_no_party(nlp):
    # Negeri B's military facilities are attacked: Negeri B's military does not attack anyone
    evs = _events(nlp, "Israel melancarkan serangan udara ke sejumlah fasilitas nuklir dan militer Iran pada Selasa "
                       "dini hari.", "ASSAULT")
    assert evs and all("militer iran" not in _names(e["source"]) for e in evs)
    assert any("israel" in _names(e["source"]) for e in evs)


def test_a_place_along_which_fire_is_exchanged_is_no_party(nlp):
    evs = _events(nlp, "Tentara kedua negara saling tembak di sepanjang Garis Demarkasi Utara pada Minggu malam.",
                  "ASSAULT")
    assert all("garis demarkasi utara" not in _names(e["source"] + e["target"]) for e in evs)


def test_both_sides_urged_are_the_two_parties_named_before(nlp):
    evs = _events(nlp, "Pasukan Israel dan Hamas kembali saling serang di Gaza pada Sabtu. Juru bicara Kementerian Luar "
                       "Negeri Oman Salim al-Harthy mendesak kedua pihak menahan diri.", "REQUEST")
    assert evs and "hamas" in _names(evs[0]["target"])
    assert {a["country"] for a in evs[0]["target"]} == {"ISR", "PSE"}


def test_a_name_in_a_relative_clause_about_the_subject_is_no_party(nlp):
    evs = _events(nlp, "Perdana Menteri Malaysia Anwar Ibrahim, yang hadir didampingi Menteri Luar Negeri Mohamad Hasan, "
                       "menyambut baik bergabungnya Timor Leste.", "SUPPORT")
    assert evs and all("mohamad hasan" not in _names(e["target"]) for e in evs)


def test_a_diplomatic_protest_is_an_accusation_not_a_demonstration(nlp):
    by_type = _types(nlp, "Kementerian Luar Negeri Vietnam menyampaikan protes diplomatik kepada Kedutaan Besar China "
                          "di Hanoi.")
    assert by_type.get("ACCUSE") and not by_type.get("PROTEST")


def test_a_statement_coming_from_someone_is_theirs_and_aimed_where_the_last_was(nlp):
    evs = _events(nlp, "Venezuela mengecam Amerika Serikat atas serangan itu. Kecaman juga datang dari Presiden Kolombia "
                       "Gustavo Petro.", "ACCUSE")
    petro = [e for e in evs if "gustavo petro" in _names(e["source"])]
    assert petro and "amerika serikat" in _names(petro[0]["target"])


def test_a_protest_handed_to_someone_is_aimed_at_them(nlp):
    evs = _events(nlp, "Kuasa hukum terdakwa mempersoalkan saksi bercadar. Keberatan itu disampaikan Rahmat Hidayat "
                       "kepada hakim ketua Sutrisno Wibowo dalam sidang.", "REJECT")
    assert all("sutrisno wibowo" not in _names(e["source"]) for e in evs)


def test_a_ceasefire_two_sides_agree_to_is_between_them(nlp):
    evs = _events(nlp, "Thailand dan Kamboja menyepakati gencatan senjata pada Senin malam.", "CONCEDE")
    assert evs and _names(evs[0]["source"]) == {"thailand"} and _names(evs[0]["target"]) == {"kamboja"}


def test_an_unnamed_prosecutor_is_of_the_storys_country(nlp):
    by_type = _types(nlp, "Jaksa menuntut terdakwa Budi Santoso dengan hukuman 12 tahun penjara di Pengadilan Negeri "
                          "Surabaya.")
    evs = by_type.get("REQUEST", []) + by_type.get("ACCUSE", [])
    assert evs and all(a["country"] == "IDN" for e in evs for a in e["source"])


def test_both_delegations_praised_are_the_two_sides(nlp):
    evs = _events(nlp, "Delegasi Rusia dan Ukraina bertemu di Istanbul pada Senin. Menteri Luar Negeri Turki Hakan Fidan "
                       "memuji kedua delegasi karena bersedia kembali berunding.", "SUPPORT")
    assert evs and {a["country"] for a in evs[0]["target"]} == {"RUS", "UKR"}


def test_a_denial_of_having_done_something_answers_the_accuser(nlp):
    evs = _events(nlp, "Presiden Negeri Selatan menuduh Rusia sengaja menyerang warga sipil di Kyiv. Moskow membantah "
                       "telah menargetkan permukiman warga.", "REJECT")
    assert evs and all("warga" not in _names(e["target"]) for e in evs)


def test_the_act_an_accusation_alleges_is_no_event_of_its_own(nlp):
    assert not _events(nlp, "Pemerintah Ukraina menuduh Rusia sengaja menyerang warga sipil di Kharkiv.", "ASSAULT")


def test_lifting_sanctions_is_a_concession_not_a_sanction(nlp):
    by_type = _types(nlp, "Amerika Serikat mencabut sanksi terhadap Suriah pada Senin.")
    assert by_type.get("RETREAT") and not by_type.get("SANCTION")


def test_people_of_a_foreign_story_unknown_to_the_knowledge_base_are_its_countrys(nlp):
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nRibuan demonstran berkumpul di Beograd, Serbia, pada Sabtu. "
                                       "Presiden Serbia menolak tuntutan pemilu dini. Ketua parlemen Dragan Petrovic "
                                       "meminta polisi bertindak tegas di Novi Sad.")))
    assert {e["name"]: e["country"] for e in doc._.warta_entities}.get("Dragan Petrovic") == "SRB"


def test_a_police_rank_is_not_the_party_of_the_same_letters(nlp):
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article("Berita hari ini\n\nKasat Reskrim Polres Barito Utara AKP Yudha Pratama menyebut "
                                       "keduanya masih berstatus saksi.")))
    assert all(e["country"] != "TUR" for e in doc._.warta_entities)


def test_a_role_noun_capitalised_right_after_a_persons_name_is_its_surname():
    from types import SimpleNamespace

    import spacy

    from warta.nlp.events.titles import surname

    doc = spacy.blank("id")("koordinator aksi Rizal Hakim menilai hakim itu keliru")
    ctx = SimpleNamespace(doc=doc, ent_at=[-1, -1, 0, -1, -1, -1, -1, -1], mentions=[(2, 3, "e1")],
                          ents={"e1": {"type": "PER"}})
    assert surname(ctx, 3) and not surname(ctx, 5)


def test_a_protest_before_a_seat_of_power_is_aimed_at_whom_it_houses(nlp):
    from tests.nlp.events.helpers import candidates

    def protests(text):
        return [r for r in candidates(nlp, text, title="Berita hari ini") if r["type"] == "PROTEST"]

    dpr = protests("Ribuan buruh berunjuk rasa di depan Gedung DPR, Senayan, Jakarta. DPR belum menanggapi tuntutan "
                   "mereka.")
    assert dpr and _names(dpr[0]["target"]) == {"dewan perwakilan rakyat"}
    palace = protests("Ratusan petani berunjuk rasa di depan Istana Merdeka, Jakarta, menuntut harga gabah dinaikkan.")
    assert palace and [(a["country"], a["sector"]) for a in palace[0]["target"]] == [("IDN", "GOV")]
    anywhere = protests("Ratusan petani berunjuk rasa di Monumen Nasional, Jakarta, menuntut harga gabah dinaikkan.")
    # at a place, not before a seat: against no one the place names, so against the protesters' government
    assert anywhere and [(a["name"], a["country"]) for a in anywhere[0]["target"]] == [("pemerintah", "IDN")]


def test_a_protest_naming_no_one_is_aimed_at_the_protesters_government(nlp):
    from warta.nlp.events.aimed import protested_government

    evs = _events(nlp, "Ribuan mahasiswa Serbia kembali berunjuk rasa pada Sabtu malam.", "PROTEST")
    assert evs and [(a["name"], a["country"]) for a in evs[0]["target"]] == [("Serbia", "SRB")]
    # a government's own protest (a diplomatic note) is not against itself
    assert protested_government(None, [{"name": "Kemlu", "country": "MYS", "sector": "GOV"}], None) == []


def test_civilians_damaging_or_blocking_protest_and_the_police_blocking_coerce(nlp):
    from warta.nlp.events.aimed import crowd_protest

    riot = _types(nlp, "Massa merusak pos polisi dan membakar sejumlah kendaraan di Jalan Sudirman, Jakarta.")
    assert [(e["mode"], e["cameo"]) for e in riot.get("PROTEST", [])] == [("vandalize", "14")]
    assert "ASSAULT" not in riot
    block = _types(nlp, "Ratusan mahasiswa Universitas Sumatera Utara memblokade jalan di depan kantor gubernur di "
                        "Medan pada Senin.")
    assert [e["mode"] for e in block.get("PROTEST", [])] == ["obstruct"] and "COERCE" not in block
    police = [{"name": "polisi", "country": "IDN", "sector": "COP"}]
    assert crowd_protest("COERCE", "restrict", "blokade", police) == ("COERCE", "restrict")
    assert crowd_protest("ASSAULT", "destroy", "=merusak", police) == ("ASSAULT", "destroy")
