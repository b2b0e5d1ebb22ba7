"""Headlines, clauses and idioms: a headline's bare verb after a name is a verb, an act told again (``serangan
tersebut``) is not the new subject's, a clause of time or condition holds its own parties, and phrases that only look
like acts (``mohon pamit``, ``mengancam perdamaian``, ``terpukul``). Every sentence here is made up for the test."""

from __future__ import annotations

import pytest

import warta.nlp.events.component  # noqa: F401  (registers the factory)
from tests.nlp.events.helpers import candidates


@pytest.fixture(scope="module")
def nlp(records_nlp):
    return records_nlp  # every record, whatever its parties: these tests read who they are


def _doc(nlp, text: str, *, title: str = "Berita hari ini"):
    from warta.api import as_article, make_doc

    return nlp(make_doc(nlp, as_article(title + "\n\n" + text)))


def _events(nlp, text: str, typ: str, *, title: str = "Berita hari ini") -> list[dict]:
    return [e for e in _doc(nlp, text, title=title)._.warta_events if e["type"] == typ]


def _names(actors: list[dict]) -> set[str]:
    return {a["name"].lower() for a in actors}


def test_a_headlines_bare_verb_after_a_name_is_that_names_act(nlp):
    evs = _events(nlp, "Doha - Israel melancarkan serangan udara ke sebuah gedung di Doha pada Selasa malam.",
                  "ASSAULT", title="Israel Serang Doha, Qatar Kecam Pelanggaran Kedaulatan")
    assert evs and all("qatar" not in _names(e["source"]) for e in evs)
    assert any("israel" in _names(e["source"]) for e in evs)


def test_a_headlines_coordinated_subject_is_read_without_the_parse(nlp):
    recs = candidates(nlp, "Korea Utara menembakkan rudal balistik ke Laut Timur pada Senin pagi.",
                       title="Korea Utara Tembakkan Rudal, Jepang dan Korsel Mengecam")
    judged = [r for r in recs if r["type"] == "ACCUSE" and r["_title"]]
    assert judged and all(_names(r["source"]) == {"jepang", "korea selatan"} for r in judged)


def test_saling_between_subject_and_verb_keeps_the_subject_adjacent(nlp):
    doc = _doc(nlp, "Bangkok - Militer Thailand menuduh pasukan Kamboja menembaki pos perbatasan pada Selasa.",
               title="Thailand dan Kamboja Saling Tuduh di Perbatasan")
    assert any(doc.text[e["trigger"][0]:e["trigger"][1]] == "Tuduh" for e in doc._.warta_events if e["type"] == "ACCUSE")


def test_an_act_told_again_is_not_the_new_subjects(nlp):
    evs = _events(nlp, "Israel menyerang sebuah gedung di Doha pada Selasa. Presiden AS Donald Trump mengaku tidak "
                       "senang dengan serangan tersebut dan menelepon Emir Qatar.", "ASSAULT")
    assert evs and all("donald trump" not in _names(e["source"]) for e in evs)


def test_a_government_acting_through_its_ministry_is_the_judge_not_the_target(nlp):
    evs = _doc(nlp, "Pemerintah Malaysia melalui Kementerian Luar Negeri juga mengutuk serangan Israel dan menyerukan "
                    "Dewan Keamanan PBB segera bertindak.")._.warta_events
    assert all("pemerintah malaysia" not in _names(e["target"]) for e in evs if e["type"] == "ASSAULT")
    assert any("pemerintah malaysia" in _names(e["source"]) for e in evs if e["type"] == "ACCUSE")


def test_a_place_after_a_place_word_is_where_and_a_clause_of_time_holds_its_own_parties(nlp):
    evs = _doc(nlp, "Seorang pengemudi ojek tewas saat polisi membubarkan unjuk rasa di kawasan Jatinegara, Jakarta "
                    "Timur, Kamis malam.")._.warta_events
    parties = {n for e in evs for n in _names(e["source"]) | _names(e["target"])}
    assert "jatinegara" not in parties and not any("pengemudi" in n for n in parties)


def test_the_protesters_of_a_relative_clause_keep_their_whole_name(nlp):
    evs = _events(nlp, "Polisi menembakkan gas air mata ke arah pengunjuk rasa yang menentang kenaikan harga bahan "
                       "bakar di Medan.", "REJECT")
    assert evs and all(_names(e["source"]) == {"pengunjuk rasa"} for e in evs)


def test_taking_ones_leave_is_no_request(nlp):
    assert not _events(nlp, "“Saya mohon pamit kepada seluruh pegawai,” kata Menteri Perhubungan Budi Santoso.",
                       "REQUEST")


def test_endangering_peace_is_no_threat(nlp):
    assert not _events(nlp, "Menteri Luar Negeri Jepang menyebut uji coba rudal itu mengancam perdamaian kawasan.",
                       "THREATEN")


def test_an_industry_hard_hit_is_no_attack(nlp):
    assert not _events(nlp, "Menurut asosiasi pengusaha, industri tekstil dalam negeri terpukul oleh impor murah.",
                       "ASSAULT")


def test_whom_an_allegation_names_with_oleh_is_accused_not_accuser(nlp):
    recs = candidates(nlp, "Komnas HAM menyatakan akan menyelidiki dugaan penggunaan kekerasan oleh aparat di Wamena.",
                       title="Berita hari ini")
    alleged = [r for r in recs if r["type"] == "ACCUSE"]
    assert alleged and all("aparat" not in _names(r["source"]) for r in alleged)


def test_a_foreign_storys_government_has_that_country(nlp):
    evs = _events(nlp, "Kathmandu - Ribuan warga Nepal berunjuk rasa di Kathmandu pada Senin. Polisi Nepal menembakkan "
                       "gas air mata. Pemerintah memberlakukan jam malam di ibu kota Nepal.", "COERCE")
    assert any(a["country"] == "NPL" for e in evs for a in e["source"])


def test_lifting_a_ban_is_a_concession(nlp):
    evs = _events(nlp, "Pemerintah Malaysia mencabut larangan ekspor ayam ke Singapura mulai pekan depan.", "CONCEDE")
    assert any("pemerintah malaysia" in _names(e["source"]) for e in evs)


def test_talking_over_the_telephone_is_a_call(nlp):
    evs = _events(nlp, "Presiden Prabowo berbicara melalui telepon dengan Perdana Menteri Jepang Shigeru Ishiba.",
                  "CONSULT")
    assert any(e["mode"] == "phone" for e in evs)


def test_recognising_a_state_is_support(nlp):
    evs = _events(nlp, "Norwegia dan Spanyol secara resmi mengakui negara Palestina pada Selasa.", "SUPPORT")
    assert any("norwegia" in _names(e["source"]) for e in evs)


def test_a_role_nouns_words_end_at_a_condition(nlp):
    evs = _doc(nlp, "Perdana Menteri Israel Benjamin Netanyahu memperingatkan bahwa Israel akan melanjutkan operasi "
                    "militer jika Hamas menolak melucuti senjata.")._.warta_events
    assert all("jika" not in a["name"].lower() for e in evs for a in e["source"] + e["target"])


def test_a_verb_whose_root_ends_in_an_is_not_a_noun_to_the_role_scorer(nlp):
    evs = _events(nlp, "Jakarta - Komisi Pemberantasan Korupsi (KPK) menahan Bupati Lembah Hijau Rahmat Hidayat "
                       "setelah menetapkannya sebagai tersangka kasus suap proyek jalan, Sabtu.", "COERCE")
    assert evs and all("tersangka" not in _names(e["source"]) for e in evs)
    assert any("komisi pemberantasan korupsi" in _names(e["source"]) for e in evs)


def test_a_bare_verb_in_kan_is_a_verb_not_a_noun(nlp):
    evs = [r for r in candidates(nlp, "“Saya perintahkan TNI dan Polri menindak tegas perusuh,” kata Presiden "
                                       "Prabowo Subianto di Istana.", title="Berita hari ini") if r["type"] == "REQUEST"]
    assert evs and all(_names(e["source"]) == {"prabowo subianto"} for e in evs)
    assert any("tentara nasional indonesia" in _names(e["target"]) for e in evs)


def test_the_students_act_not_the_campuses_they_come_from(nlp):
    evs = _events(nlp, "Ribuan mahasiswa dari berbagai universitas berunjuk rasa di depan Gedung DPR, Jakarta, menolak "
                       "revisi undang-undang. Polisi Indonesia menangkap 12 mahasiswa.", "PROTEST")
    assert evs and all(_names(e["source"]) == {"mahasiswa"} for e in evs)


def test_prisoners_are_people_and_letting_them_go_is_a_release(nlp):
    evs = _doc(nlp, "Pemerintah Israel melepaskan 90 tahanan Palestina pada Minggu.")._.warta_events
    assert [e["type"] for e in evs] == ["RETREAT"]
    assert "israel" in {n.split()[-1] for n in _names(evs[0]["source"])}


def test_talks_before_a_clause_of_time_are_not_future(nlp):
    from warta.nlp.events.polarity import _future

    assert _future(["akan", "segera"]) and _future(["berencana"])
    assert not _future(["senjata", "segera", "setelah"])  # "gencatan senjata segera setelah perundingan"


def test_a_verdict_carried_out_is_jailing_not_killing(nlp):
    evs = _doc(nlp, "Kejaksaan Agung mengeksekusi terpidana Budi Santoso ke Lapas Sukamiskin pada Senin.")._.warta_events
    assert [e["type"] for e in evs] == ["COERCE"]


def test_a_planned_visit_is_future(nlp):
    evs = _events(nlp, "Kremlin mengumumkan rencana kunjungan Presiden Prabowo Subianto ke Rusia pada bulan depan.",
                  "CONSULT")
    assert all(e["future"] for e in evs)  # no visit reported as made


def test_residents_with_a_modifier_act_not_their_regency(nlp):
    evs = _events(nlp, "Ratusan warga adat Raja Ampat berunjuk rasa di Sorong menolak tambang nikel.", "PROTEST")
    assert evs and all(_names(e["source"]) == {"warga adat raja ampat"} for e in evs)


def test_an_invitation_to_visit_is_no_visit(nlp):
    evs = _doc(nlp, "Presiden Rusia Vladimir Putin mengundang Presiden Prabowo Subianto berkunjung ke Moskow pada "
                    "bulan depan.")._.warta_events
    assert not any(e["type"] == "CONSULT" and e["mode"] == "visit" for e in evs)


def test_a_headline_verb_after_unnamed_people_is_theirs(nlp):
    recs = candidates(nlp, "Ratusan warga desa menolak kedatangan para pengungsi di pantai mereka.",
                       title="Warga Tolak Pengungsi Rohingya di Pantai")
    refusals = [r for r in recs if r["type"] == "REJECT" and r["_title"]]
    assert refusals and all("pengungsi" not in _names(r["source"]) for r in refusals)


def test_two_who_support_something_both_support_it(nlp):
    evs = _events(nlp, "China dan Rusia mendukung penyelenggaraan pemilu tersebut.", "SUPPORT")
    assert evs and all({"tiongkok", "rusia"} <= _names(e["source"]) and not e["target"] for e in evs)


def test_a_body_in_front_of_whose_building_people_gather_is_where(nlp):
    evs = _doc(nlp, "Ribuan guru honorer menggelar unjuk rasa di depan Kementerian Pendidikan Dasar dan Menengah, "
                    "Jakarta, Rabu. Mereka menuntut pemerintah segera mengangkat mereka menjadi pegawai.")._.warta_events
    demands = [e for e in evs if e["type"] == "REQUEST"]
    assert demands and all("kementerian pendidikan dasar dan menengah" not in _names(e["source"]) for e in demands)


def test_a_charters_body_is_no_party(nlp):
    evs = _events(nlp, "Menteri Luar Negeri Iran mengecam serangan Amerika Serikat itu sebagai pelanggaran berat "
                       "terhadap Piagam PBB.", "ACCUSE")
    assert evs and all("perserikatan bangsa-bangsa" not in _names(e["target"]) for e in evs)



def test_who_a_dismissal_names_is_dismissed(nlp):
    recs = candidates(nlp, "Rapat pleno memutuskan pemecatan Budi Santoso dari keanggotaan Partai Demokrat.",
                       title="Berita hari ini")
    fired = [r for r in recs if r["type"] == "SANCTION"]
    assert fired and all("budi santoso" not in _names(r["source"]) for r in fired)


def test_a_headline_comma_before_a_clause_ends_the_address(nlp):
    recs = candidates(nlp, "Sanaa - Kelompok Houthi menyerang sebuah kapal kargo di Laut Merah pada Senin.",
                       title="Houthi Serang Kapal di Laut Merah, AS Balas Gempur Yaman")
    strikes = [r for r in recs if r["type"] == "ASSAULT" and r["_title"] and "yaman" in _names(r["target"])]
    assert strikes and all(_names(r["source"]) == {"amerika serikat"} for r in strikes)
