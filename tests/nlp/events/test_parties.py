"""Who is a party to an act and who is not: bare passive agents, labels, denied accusations, addresses,
currencies and headline clauses. Every sentence here is made up for the test."""

from __future__ import annotations

from datetime import date

import pytest

import warta.nlp.events.component  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp(records_nlp):
    return records_nlp  # every record, whatever its parties: these tests read who they are


def _doc(nlp, text: str, *, title: str | None = None):
    from warta.api import as_article, make_doc
    from warta.io.readers.base import ReadOptions, build_article

    art = as_article(text) if title is None else build_article(
        body=text, title=title, options=ReadOptions(today=date(2026, 3, 3)), origin="t", reader="text",
        published_raw="2026-03-02")
    return nlp(make_doc(nlp, art))


def _records(nlp, text: str, typ: str, *, title: str | None = None) -> list[dict]:
    """Every candidate of type ``typ`` before the model decides (what the rules made of it)."""
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    return [c.record for c in bare.candidates(_doc(nlp, text, title=title)) if c.record["type"] == typ]


def _names(actors: list[dict]) -> set[str]:
    return {a["name"] for a in actors}


def test_a_bare_passive_agent_stands_right_after_its_verb(nlp):
    # "diduga terlibat jaringan X": X is what they are suspected of joining, not who suspects them
    recs = _records(nlp, "Ketiganya diduga terlibat jaringan Jamaah Ansharut Daulah.", "ACCUSE")
    assert all("Jamaah Ansharut Daulah" not in _names(r["source"]) for r in recs)
    # "ditangkap polisi": a doer without "oleh" right after the verb is still the doer
    recs = _records(nlp, "Budi Santoso ditangkap polisi di rumahnya di Depok pada Senin.", "COERCE")
    assert recs and any(a.get("sector") == "COP" for r in recs for a in r["source"])


def test_a_suspect_is_a_label_not_an_accusation(nlp):
    doc = _doc(nlp, "Polisi menangkap dua terduga pelaku pencurian kendaraan di Depok pada Senin.")
    assert [e["type"] for e in doc._.warta_events] == ["COERCE"]


def test_an_accusation_denied_is_not_the_deniers(nlp):
    recs = _records(nlp, "Menteri Pertanian Budi Hartono membantah tudingan adanya penyelewengan dana bantuan.",
                    "ACCUSE")
    assert all("Budi Hartono" not in _names(r["source"]) for r in recs)


def test_the_address_of_a_protested_office_is_where_not_who(nlp):
    text = ("Ratusan guru honorer berunjuk rasa di depan kantor Kementerian Pendidikan, Jakarta Selatan, "
            "menuntut pengangkatan mereka sebagai pegawai negeri.")
    doc = _doc(nlp, text)
    events = doc._.warta_events
    for e in events:
        assert "Jakarta Selatan" not in _names(e["source"] + e["target"])
    demand = next(e for e in events if e["type"] == "REQUEST")
    assert "Kementerian Pendidikan" not in _names(demand["source"])
    protest = next(e for e in events if e["type"] == "PROTEST")
    assert protest["location"] and protest["location"]["name"] == "Jakarta Selatan"


@pytest.mark.parametrize("text", [
    "Pemerintah Jepang mengirim bantuan senilai 2 juta dolar AS kepada korban banjir.",
    "Harga emas naik menjadi 2.000 dolar Singapura per ons pada pekan ini.",
])
def test_a_country_in_a_currency_is_no_entity(nlp, text):
    doc = _doc(nlp, text)
    assert all(e["name"] not in ("Amerika Serikat", "Singapura") for e in doc._.warta_entities)


def test_a_headline_conjunct_does_not_cross_into_the_next_clause(nlp):
    recs = _records(nlp, "Serangan itu menewaskan tiga orang.", "ASSAULT",
                    title="Israel Gempur Khan Younis, Mesir Kecam Serangan Itu")
    assert recs and all("Mesir" not in _names(r["target"]) for r in recs)


def test_a_headline_view_verb_is_active(nlp):
    # "Inggris Kecam Penangkapan Aktivis": Britain condemns the arrest, it did not arrest anyone
    recs = _records(nlp, "Aktivis itu ditahan sejak pekan lalu.", "COERCE",
                    title="Inggris Kecam Penangkapan Aktivis di Hong Kong")
    assert all("Inggris" not in _names(r["source"]) for r in recs)


def test_an_office_held_after_selaku_is_not_who_acts(nlp):
    recs = _records(nlp, "Indonesia selaku ketua ASEAN menyerukan semua pihak menahan diri.", "REQUEST")
    assert recs and all(_names(r["source"]) == {"Indonesia"} for r in recs)


def test_a_junta_is_an_unnamed_military_actor(nlp):
    recs = _records(nlp, "Menteri Luar Negeri Retno Marsudi mendesak junta segera membebaskan tahanan politik.",
                    "REQUEST")
    assert recs and any(a.get("sector") == "MIL" for r in recs for a in r["target"])


def test_a_meeting_named_as_the_time_of_a_statement_is_the_meeting_reported(nlp):
    text = ("Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Australia Penny Wong di Canberra, Senin "
            "(14/7/2025). Dalam konferensi pers seusai pertemuan, Wong mengatakan Australia akan memberikan bantuan "
            "untuk pembangunan pelabuhan.")
    doc = _doc(nlp, text)
    assert len([e for e in doc._.warta_events if e["type"] == "CONSULT"]) == 1


@pytest.mark.parametrize(("text", "typ", "target"), [
    # a capitalised title's portfolio leads to the person holding it
    ("Majelis hakim menjatuhkan vonis 12 tahun penjara kepada mantan Menteri Kelautan dan Perikanan Budi Santoso pada "
     "Rabu.", "SANCTION", "Budi Santoso"),
    # an unnamed group's words end before its predicate
    ("Mesir dan Qatar meminta kedua pihak kembali ke meja perundingan.", "REQUEST", "kedua pihak"),
    # a relative clause after auxiliaries still names the object
    ("Direktur bank itu menyambut baik program pemulihan ekonomi yang telah dikeluarkan pemerintah.", "SUPPORT",
     "pemerintah"),
])
def test_the_target_is_the_whole_party_and_only_it(nlp, text, typ, target):
    recs = _records(nlp, text, typ)
    assert recs and all(_names(r["target"]) == {target} for r in recs)


def test_a_protest_in_front_of_a_building_happens_there(nlp):
    doc = _doc(nlp, "Ratusan buruh berunjuk rasa di depan Istana Merdeka, Jakarta, pada Senin (3/3/2025).")
    protest = next(e for e in doc._.warta_events if e["type"] == "PROTEST")
    assert protest["location"] and protest["location"]["name"] == "Istana Merdeka"


def test_a_names_short_form_in_brackets_does_not_end_the_subject(nlp):
    recs = _records(nlp, "Sementara itu, Palang Merah Indonesia (PMI) mengerahkan 300 relawan ke lokasi banjir.",
                    "MOBILIZE")
    assert recs and all(_names(r["source"]) == {"Palang Merah Indonesia"} for r in recs)
    recs = _records(nlp, "Partai Demokrasi Indonesia Perjuangan (PDIP) dan Partai Kebangkitan Bangsa (PKB) resmi "
                         "mengusung Budi Santoso sebagai calon gubernur.", "SUPPORT")
    assert recs and all({"Partai Demokrasi Indonesia Perjuangan", "Partai Kebangkitan Bangsa"} <= _names(r["source"])
                        for r in recs)


def test_a_relative_clause_is_about_the_noun_before_yang(nlp):
    recs = _records(nlp, "Sebuah stasiun televisi (TVX) menayangkan gambar para terdakwa yang dibawa ke pengadilan "
                         "dan diperiksa polisi.", "ACCUSE")
    assert recs and all("para terdakwa" in _names(r["target"]) for r in recs)


def test_fishing_is_no_arrest(nlp):
    doc = _doc(nlp, "Nelayan Vietnam itu mengaku perairan tersebut wilayah penangkapan ikan tradisional mereka.")
    assert not [e for e in doc._.warta_events if e["type"] == "COERCE"]


def test_an_elections_region_is_no_party(nlp):
    recs = _records(nlp, "Kedua partai itu mengusung Budi Santoso.", "SUPPORT",
                    title="Golkar dan PAN Usung Calon di Pilkada Jawa Tengah")
    assert recs and all("Jawa Tengah" not in _names(r["target"]) for r in recs)


def test_an_object_comes_before_the_next_verb(nlp):
    recs = _records(nlp, "Pemerintah oposisi meminta komunitas internasional memberlakukan embargo senjata terhadap "
                         "junta.", "REQUEST")
    assert recs and all("junta" not in _names(r["target"]) for r in recs)


def _events(nlp, text: str, typ: str) -> list[dict]:
    """The events of type ``typ`` as warta codes them (the model and the role scorer included)."""
    return [e for e in _doc(nlp, text)._.warta_events if e["type"] == typ]


def test_a_relative_clauses_subject_is_the_noun_before_yang(nlp):
    events = _events(nlp, "Aparat membubarkan paksa unjuk rasa warga Desa Sukamaju yang menolak rencana tambang "
                          "pasir, Selasa, 8 Februari 2022.", "REJECT")
    assert events and all(any("warga" in a["name"] for a in e["source"]) for e in events)


def test_a_region_after_a_bodys_short_form_is_its_branch(nlp):
    recs = _records(nlp, "Lembaga Bantuan Hukum (LBH) Surabaya mengecam tindakan polisi terhadap para buruh.",
                    "ACCUSE")
    assert recs and all(_names(r["source"]) == {"Lembaga Bantuan Hukum"} for r in recs)


def test_places_joined_to_a_place_are_places(nlp):
    events = _events(nlp, "Pemerintah Indonesia mengimbau warga negara Indonesia di Iran dan Israel tetap waspada.",
                     "REQUEST")
    assert events and all("Israel" not in _names(e["target"]) for e in events)


def test_who_condemns_an_attack_is_not_whom_it_hit(nlp):
    events = _events(nlp, "Gedung Putih mengutuk serangan Iran dan menyatakan siap membantu sekutunya.", "ASSAULT")
    assert events and all("Gedung Putih" not in _names(e["target"]) for e in events)


def test_another_bodys_act_judged_is_not_the_judges(nlp):
    events = _events(nlp, "Kuasa hukum Andi, Budi Santoso, menilai penetapan tersangka kliennya tidak berdasar.",
                     "ACCUSE")
    assert all("Budi Santoso" not in _names(e["source"]) for e in events if "tetap" in str(e["rule"]))


def test_an_office_named_after_a_title_is_no_act(nlp):
    doc = _doc(nlp, "Direktur Penyidikan Kejaksaan Agung Budi Santoso mengatakan berkas perkara itu sudah lengkap.")
    assert not doc._.warta_events


@pytest.mark.parametrize(("text", "typ", "expected"), [
    ("Iran meluncurkan sekitar 100 rudal balistik ke wilayah Israel pada Selasa malam.", "ASSAULT", True),
    ("TNI dan militer Amerika Serikat menggelar latihan militer gabungan di Baturaja.", "COOPERATE", True),
    ("Menteri itu menyatakan menyesal atas insiden tersebut.", "ACCUSE", False),  # regret, not deploring
    ("Kejaksaan memeriksa Budi Santoso sebagai saksi kasus dugaan korupsi dana desa.", "ACCUSE", False),
])
def test_lexicon_frames(nlp, text, typ, expected):
    recs = [r for r in _records(nlp, text, typ)
            if typ != "ACCUSE" or any(w in str(r["rule"]) for w in ("duga", "sesal"))]
    assert bool(recs) is expected


def test_a_threat_to_do_an_act_takes_the_acts_object(nlp):
    recs = _records(nlp, "Juru bicara kelompok itu, Budi Santoso, mengancam akan terus menyerang aparat keamanan.",
                    "THREATEN")
    assert recs and all(any("aparat" in a["name"] for a in r["target"]) for r in recs)


def test_an_act_refused_did_not_happen(nlp):
    events = _events(nlp, "Perdana Menteri Australia Tony Abbott menolak meminta maaf atas penyadapan itu.", "CONCEDE")
    assert not events


def test_a_bodys_branch_is_no_party_with_the_role_scorer(nlp):
    events = _events(nlp, "Aliansi Jurnalis Independen (AJI) Makassar mengecam penganiayaan itu dan mendesak polisi "
                          "segera menangkap para pelaku.", "ACCUSE")
    assert events and all("Makassar" not in _names(e["source"] + e["target"]) for e in events)


def test_who_reports_a_clause_is_not_whom_its_act_is_done_to(nlp):
    doc = _doc(nlp, "Wakil Ketua KPK Budi Santoso mengatakan penyidik menyita uang tunai Rp 500 juta dalam operasi "
                    "itu.", title="KPK Tangkap Bupati")
    events = [e for e in doc._.warta_events if e["type"] == "COERCE"]
    assert events and all("Budi Santoso" not in _names(e["target"]) for e in events)


def test_who_a_report_is_according_to_is_not_who_acted(nlp):
    recs = _records(nlp, "Menurut polisi, bentrokan itu dipicu perkelahian antarpemuda di Sorong.", "ASSAULT")
    assert all(not any(a.get("sector") == "COP" for a in r["source"]) for r in recs)


def test_a_pe_an_noun_of_force_names_its_patient_after_it(nlp):
    # "penangkapan Budi Santoso": Budi was arrested; he arrested no one
    recs = _records(nlp, "Penangkapan Budi Santoso memicu unjuk rasa warga di Cianjur pada Minggu malam.", "COERCE",
                    title="Warga Cianjur Berunjuk Rasa")
    assert recs and all("Budi Santoso" not in _names(r["source"]) for r in recs)
    # a bare -an noun still names its doer: "serangan Rusia"
    recs = _records(nlp, "Serangan Rusia menghancurkan sebuah sekolah di Kharkiv.", "ASSAULT")
    assert any("Rusia" in _names(r["source"]) for r in recs)


def test_an_act_of_harm_after_a_topic_preposition_is_not_the_clause_subjects(nlp):
    # the police question witnesses about the attack; they did not attack the church
    recs = _records(nlp, "Polres Sleman memeriksa tiga saksi terkait penyerangan Gereja Santo Yusuf di Sleman.",
                    "ASSAULT")
    assert recs and all("Polres Sleman" not in _names(r["source"] + r["target"]) for r in recs)
    recs = _records(nlp, "Polres Sleman memeriksa tiga saksi terkait penyerangan Gereja Santo Yusuf di Sleman.",
                    "ACCUSE")
    assert any(_names(r["target"]) == {"tiga saksi"} for r in recs), "witnesses are a party, not the church"


def test_a_route_is_never_a_party(nlp):
    doc = _doc(nlp, "Pemerintah Malaysia mengirim bantuan obat-obatan untuk warga Gaza melalui Yordania.")
    aid = [e for e in doc._.warta_events if e["type"] == "AID"]
    assert aid and all("Yordania" not in _names(e["source"] + e["target"]) for e in aid)


def test_what_talks_are_about_is_a_topic(nlp):
    recs = _records(nlp, "Kedua negara melanjutkan perundingan gencatan senjata di Kairo pada Selasa.", "CONCEDE")
    assert all("topic" in r["_why_not"] for r in recs)


def test_a_meeting_does_not_happen_where_its_country_party_is(nlp):
    doc = _doc(nlp, "Menteri Luar Negeri Budi Santoso bertemu dengan Vietnam untuk membahas perdagangan beras.")
    consult = [e for e in doc._.warta_events if e["type"] == "CONSULT"]
    assert consult and all((e.get("location") or {}).get("name") != "Vietnam" for e in consult)


def test_names_after_menurut_report_the_claim(nlp):
    # "Menurut Walhi Riau, …": the branch's region after the body's name reports the claim too
    recs = _records(nlp, "Menurut Walhi Riau, perusahaan itu telah merusak ratusan hektare hutan gambut.", "ASSAULT")
    assert all(not ({"Riau", "Walhi", "Wahana Lingkungan Hidup Indonesia"} & _names(r["source"])) for r in recs)


def test_a_possessive_they_is_not_its_own_clauses_subject(nlp):
    # the ministry ignored the drivers' demands: the demands are the drivers'
    text = ("Para sopir angkot kecewa karena Dinas Perhubungan Kota Bogor tidak menanggapi tuntutan mereka "
            "sejak bulan lalu.")
    recs = [r for r in _records(nlp, text, "REQUEST") if r["trigger"][1] - r["trigger"][0] < 12]
    assert recs and all("Dinas Perhubungan Kota Bogor" not in _names(r["source"]) for r in recs)


def test_a_designation_as_suspect_reaches_over_a_long_title_and_name(nlp):
    text = ("Kejaksaan Agung menetapkan mantan Kepala Dinas Pendidikan, Sugeng Prasetyo, sebagai tersangka korupsi "
            "dana sekolah pada Kamis.")
    recs = _records(nlp, text, "ACCUSE")
    assert any("Sugeng Prasetyo" in _names(r["target"]) for r in recs)


def test_a_viewed_acts_doer_is_named_in_the_nouns_own_phrase(nlp):
    # "mengecam penangkapan itu dan meminta aparat …": the police asked later did not make the arrest here
    text = ("Ketua Komnas HAM Budi Santoso mengecam penangkapan itu dan meminta aparat membebaskan para "
            "petani.")
    recs = _records(nlp, text, "COERCE")
    assert recs and all("aparat" not in _names(r["source"]) for r in recs)
    recs = _records(nlp, "Ketua Komnas HAM Budi Santoso mengecam penangkapan petani oleh aparat di Jambi.", "COERCE")
    assert any("aparat" in _names(r["source"]) for r in recs), "a doer after oleh is in the noun's phrase"


def test_an_act_named_earlier_in_the_sentence_is_not_a_party(nlp):
    # "Unjuk rasa menolak …": the protest is an act; its words are no one's name
    recs = _records(nlp, "Unjuk rasa menolak kenaikan harga BBM di depan kantor gubernur berakhir ricuh.", "REJECT")
    assert recs and all(not any(a["name"].lower().startswith("unjuk rasa") for a in r["source"]) for r in recs)


@pytest.mark.parametrize(("text", "typ"), [
    ("Kementerian Luar Negeri melayangkan nota protes kepada Kedutaan Besar Vietnam di Jakarta.", "ACCUSE"),
    ("Pemerintah Kanada mengenakan tarif impor 25 persen terhadap baja asal Tiongkok.", "SANCTION"),
    ("Uni Eropa mengenakan bea masuk tambahan atas kendaraan listrik buatan Tiongkok.", "SANCTION"),
])
def test_diplomatic_notes_and_trade_duties_are_coded(nlp, text, typ):
    assert any(r["type"] == typ for r in _records(nlp, text, typ))
    assert not _records(nlp, text, "PROTEST"), "a note of protest is no demonstration"


def test_an_eviction_is_coerced_by_the_body_not_its_region(nlp):
    text = ("Ratusan personel Satuan Polisi Pamong Praja (Satpol PP) Kota Bandung menggusur puluhan lapak "
            "pedagang di Jalan Asia Afrika pada Rabu pagi.")
    recs = _records(nlp, text, "COERCE")
    assert recs and all("Kota Bandung" not in _names(r["source"]) for r in recs)
    assert any(r["mode"] == "seize" for r in recs)


def test_a_region_right_after_a_body_of_its_country_is_the_bodys_branch(nlp):
    recs = _records(nlp, "Walhi Sumatera Selatan melaporkan perusahaan sawit itu ke polisi pada Senin.", "ACCUSE")
    assert all("Sumatera Selatan" not in _names(r["source"] + r["target"]) for r in recs)


def test_who_reports_a_launch_is_not_its_target(nlp):
    text = ("Korea Utara menembakkan dua rudal balistik ke Laut Jepang pada Selasa pagi, menurut Kepala Staf "
            "Gabungan Korea Selatan.")
    doc = _doc(nlp, text, title="Korea Utara Uji Rudal Lagi")
    assert all("Kepala Staf Gabungan Korea Selatan" not in _names(e["target"]) for e in doc._.warta_events)


def test_pihaknya_is_the_speakers_own_side(nlp):
    text = ("Menurut Kepala Dinas Kesehatan Surabaya, Nanik Sukristina, pihaknya telah berkoordinasi dengan "
            "Kementerian Kesehatan untuk menangani wabah itu.")
    doc = _doc(nlp, text, title="Dinkes Surabaya Tangani Wabah")
    consult = [e for e in doc._.warta_events if e["type"] == "CONSULT"]
    # the speaker or the office in her title: her side either way, never left unnamed
    assert consult and all(_names(e["source"]) & {"Nanik Sukristina", "Dinas Kesehatan Surabaya"} for e in consult)
    recs = _records(nlp, "Menurut Hendra, pihaknya juga telah berkoordinasi dengan Badan Siber dan Sandi Negara soal "
                         "kebocoran data itu.", "CONSULT", title="Kebocoran Data Pemilih")
    assert recs and all(_names(r["source"]) == {"Hendra"} for r in recs)


def test_a_quoted_acts_parties_are_in_the_quote_not_its_attribution(nlp):
    text = "“Kami menolak rancangan itu sejak awal,” ujar Ketua Serikat Petani Budi Santoso kepada wartawan di Medan."
    doc = _doc(nlp, text, title="Petani Tolak Rancangan Aturan Pupuk")
    reject = [e for e in doc._.warta_events if e["type"] == "REJECT" and e["trigger"][1] - e["trigger"][0] < 10]
    assert reject and all("wartawan" not in _names(e["target"]) for e in reject)
    assert all((e.get("location") or {}).get("name") != "Medan" for e in reject), "Medan is where he spoke"


def test_a_clause_of_time_with_its_own_subject_takes_no_party_of_the_main_clause(nlp):
    text = ("Menteri Luar Negeri Ukraina mengecam Rusia, sehari setelah serangan drone menghantam Odesa dan "
            "menewaskan tujuh orang.")
    recs = _records(nlp, text, "ASSAULT", title="Ukraina Kecam Rusia")
    hits = [r for r in recs if r["trigger"][1] - r["trigger"][0] < 12]
    assert hits and all(not ({"Odesa"} & _names(r["source"])) for r in hits), "a clause is not the attack's doer"


def test_a_fronted_clause_of_time_ends_at_its_comma(nlp):
    # the investigators question witnesses in the main clause, after the fronted clause of the arrest
    text = "Dua pekan setelah penangkapan itu, penyidik Kejaksaan Tinggi Bali telah memeriksa 13 saksi."
    recs = _records(nlp, text, "ACCUSE", title="Kasus Pengadaan Alat Kesehatan")
    assert any(_names(r["source"]) & {"penyidik Kejaksaan Tinggi Bali", "penyidik", "Kejaksaan Tinggi Bali"}
               for r in recs)


def test_a_route_inside_a_recipients_phrase_is_no_party(nlp):
    text = "Pemerintah Jepang mengirimkan bantuan kemanusiaan bagi korban gempa melalui Palang Merah Turki."
    doc = _doc(nlp, text, title="Jepang Kirim Bantuan")
    aid = [e for e in doc._.warta_events if e["type"] == "AID"]
    assert aid and all("Palang Merah Turki" not in " ".join(_names(e["target"])) for e in aid)


def test_a_witness_is_questioned_and_never_a_doer(nlp):
    text = ("Berdasarkan keterangan seorang saksi, tiga orang tak dikenal mendatangi rumah kepala desa itu pada "
            "Minggu malam.")
    recs = _records(nlp, text, "CONSULT", title="Rumah Kades Didatangi Orang Tak Dikenal")
    assert all(not any("saksi" in a["name"].lower() for a in r["source"]) for r in recs)


def test_a_bodys_country_after_its_name_is_not_where_it_acted(nlp):
    text = ("Korps Garda Revolusi Islam Iran menangkap sebuah kapal tanker berbendera Panama di Selat Hormuz "
            "pada Minggu.")
    doc = _doc(nlp, text, title="Iran Tangkap Kapal Tanker")
    coerce = [e for e in doc._.warta_events if e["type"] == "COERCE" and e["trigger"][1] - e["trigger"][0] < 12]
    assert coerce and all((e.get("location") or {}).get("name") != "Iran" for e in coerce)


def test_a_news_outlet_reporting_an_act_did_not_do_it(nlp):
    text = ("Kantor berita Tasnim melaporkan 12 awak kapal tanker itu ditahan di pelabuhan Bandar Abbas untuk "
            "diperiksa.")
    recs = _records(nlp, text, "COERCE", title="Iran Tahan Awak Kapal Tanker")
    doc = _doc(nlp, text, title="Iran Tahan Awak Kapal Tanker")
    assert all("Tasnim" not in _names(e["source"]) for e in doc._.warta_events)
    assert recs, "the detention is still a candidate"


@pytest.mark.parametrize(("text", "typ", "source"), [
    ("Unjuk rasa ratusan buruh di depan kantor gubernur berakhir damai.", "PROTEST", {"buruh"}),
    ("Demo mahasiswa di Makassar berlangsung hingga malam.", "PROTEST", {"mahasiswa"}),
    ("Tuntutan para pengemudi ojek belum dipenuhi aplikator.", "REQUEST", {"pengemudi"}),
])
def test_unnamed_people_right_after_a_noun_of_an_act_are_its_doers(nlp, text, typ, source):
    recs = _records(nlp, text, typ)
    assert recs and all(_names(r["source"]) == source for r in recs), [(r["source"], r["target"]) for r in recs]
    assert all(not _names(r["target"]) & source for r in recs)


def test_unnamed_people_after_a_noun_of_force_are_not_taken_as_its_doers_by_the_word_rules():
    from types import SimpleNamespace

    from warta.nlp.events.nominal import doer_after

    ctx = SimpleNamespace(lower=["penembakan", "warga"], ent_at=[-1, -1])  # what doer_after reads
    assert doer_after(ctx, 1, 2, "ASSAULT") == -1
    assert doer_after(ctx, 2, 2, "PROTEST") == -1  # nothing after the trigger


@pytest.mark.parametrize(("text", "typ", "name", "country"), [
    ("Sekjen PBB menyerukan semua pihak di Kamerun untuk menahan diri.", "REQUEST", "semua pihak", "CMR"),
    ("Komisioner Uni Eropa mendesak pihak berwenang Serbia menghormati hak warga.", "REQUEST", "pihak berwenang",
     "SRB"),
    ("Palang Merah Internasional mengirim bantuan kepada warga di Gaza.", "AID", "warga", "PSE"),
])
def test_an_unnamed_group_has_the_country_named_after_it(nlp, text, typ, name, country):
    evs = _events(nlp, text, typ)
    assert evs and [(a["name"], a["country"]) for a in evs[0]["target"]] == [(name, country)]


def test_both_sides_after_a_preposition_are_the_two_named_before(nlp):
    text = ("Pasukan Dukungan Cepat dan Angkatan Bersenjata Sudan kembali bertempur di El Fasher. UEA menyerukan "
            "gencatan senjata kemanusiaan segera kepada kedua pihak yang bertikai.")
    evs = _events(nlp, text, "REQUEST")
    assert evs and {a["name"] for a in evs[0]["target"]} == {"Pasukan Dukungan Cepat", "Angkatan Bersenjata Sudan"}


def test_a_lawyers_client_is_not_whom_the_lawyer_answers(nlp):
    text = ("Kejaksaan Agung menetapkan pengusaha Budi Santoso sebagai tersangka dan memasukkannya ke daftar "
            "pencarian orang. Sementara itu, kuasa hukum Budi Santoso, Hendra Wijaya, membantah kliennya melarikan "
            "diri.")
    denials = _events(nlp, text, "REJECT")
    assert denials and all("Budi Santoso" not in {a["name"] for a in e["target"]} for e in denials)


@pytest.mark.parametrize(("text", "typ", "target"), [
    ("Warga Kampung Baru menolak rencana relokasi yang digagas Badan Pengusahaan Batam untuk proyek itu.", "REJECT",
     "Badan Pengusahaan Batam"),
    ("Menteri itu juga menolak gagasan pemindahan warga Gaza ke negara lain yang belakangan dilontarkan Presiden "
     "Amerika Serikat Donald Trump.", "REJECT", "Donald Trump"),
    ("Kadin menyatakan mendukung penuh proses hukum yang dilakukan KPK.", "SUPPORT", "Komisi Pemberantasan Korupsi"),
])
def test_what_was_put_forward_aims_the_act_at_whoever_put_it(nlp, text, typ, target):
    evs = _events(nlp, text, typ)
    assert evs and [a["name"] for a in evs[0]["target"]] == [target]


def test_a_relative_clause_without_an_agent_names_no_proposer():
    from types import SimpleNamespace

    from warta.nlp.events.aimed import proposer

    # "Warga menolak tambang yang dikelola di Desa Wadas": where, not who
    ctx = SimpleNamespace(lower=["warga", "menolak", "tambang", "yang", "dikelola", "di", "desa", "wadas", "."],
                          ent_at=[-1, -1, -1, -1, -1, -1, 0, 0, -1], mentions=[(6, 8, "e1")],
                          ents={"e1": {"name": "Desa Wadas", "type": "GPE", "country": "IDN"}})
    assert proposer(ctx, "REJECT", 2, 9) == []
    assert proposer(ctx, "ASSAULT", 2, 9) == []
    # "… tuduhan yang dibantah Kemlu": the clause is about the accusation itself; who denies it put nothing forward
    ctx = SimpleNamespace(lower=["tuduhan", "yang", "dibantah", "kemlu", "."], ent_at=[-1, -1, -1, 0, -1],
                          mentions=[(3, 4, "e1")], ents={"e1": {"name": "Kemlu", "type": "ORG", "country": "IDN"}})
    assert proposer(ctx, "ACCUSE", 1, 5) == []


def test_a_role_noun_after_sebagai_is_what_someone_is_not_a_party(nlp):
    doc = _doc(nlp, "Padang - Kejaksaan Tinggi Riau (Kejati Riau) menahan Bupati Kampar Ahmad Yani sebagai "
                    "tersangka kasus dana hibah.")  # (parsed: the tree's arguments too)
    recs = [e for e in doc._.warta_events if e["type"] == "COERCE"]
    assert recs and all("tersangka" not in _names(r["source"]) | _names(r["target"]) for r in recs)


def test_the_holder_of_a_title_is_named_past_their_rank(nlp):
    recs = _records(nlp, "Presiden Prabowo Subianto mencopot Kapolda Jawa Tengah Irjen Budi Santoso dari jabatannya.",
                    "SANCTION")
    assert recs and all(_names(r["target"]) == {"Budi Santoso"} for r in recs)
