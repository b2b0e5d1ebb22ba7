"""The trigger lexicon: documented forms match their row, blockers only block, known non-events stay silent."""

from __future__ import annotations

import re

import pytest

from warta.nlp.events.lexicon import BLOCK, Lexicon, default_lexicon, find_triggers, note_forms, parse_lexicon

HEADER = "lemma_pattern\ttype\tmode\tcameo\tstrength\tvoice\tnote\n"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+(?:-\w+)*|[^\w\s]", text.lower())


def matches(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    keys = [lex.keys(w) for w in toks]
    return [(" ".join(toks[s:e]), tr.type) for s, e, tr in find_triggers(lex, keys, 0, len(toks))]


@pytest.fixture(scope="module")
def lex():
    return default_lexicon()


def test_every_documented_form_matches_its_row(lex):
    failures = []
    for tr in lex.triggers:
        for form in note_forms(tr.note):
            toks = tokens(form)
            keys = [lex.keys(w) for w in toks]
            found = find_triggers(lex, keys, 0, len(toks))
            if tr.type == BLOCK:
                if found:
                    failures.append((tr.line, form, "blocker lets a trigger through", found[0][2].text))
            elif not any(t.type == tr.type for _s, _e, t in found):
                failures.append((tr.line, form, tr.text, [t.text for _s, _e, t in found]))
    assert not failures


@pytest.mark.parametrize(("word", "typ"), [
    ("serangan", "ASSAULT"), ("diserang", "ASSAULT"), ("penyidikan", "ACCUSE"), ("penolakan", "REJECT"),
    ("penahanan", "COERCE"), ("memvonis", "SANCTION"), ("memveto", "REJECT"), ("mengebom", "ASSAULT"),
    ("pengeboman", "ASSAULT"), ("memukul", "ASSAULT"), ("menyerbu", "ASSAULT"), ("melarang", "COERCE"),
    ("memecat", "SANCTION"), ("mengepung", "COERCE"), ("menduduki", "ASSAULT"), ("merusak", "ASSAULT"),
    ("meledakkan", "ASSAULT"), ("blokade", "COERCE"), ("mencabut", "SANCTION"), ("menangguhkan", "SANCTION"),
    ("menghentikan", "SANCTION"), ("menyokong", "SUPPORT"), ("memperingatkan", "THREATEN"),
])
def test_stems_are_never_switched_off_by_blockers(lex, word, typ):
    assert (word, typ) in matches(lex, word)


@pytest.mark.parametrize("text", [
    "Salah satu warga membawa payung.",
    "Petugas menemukan dompet di halte dan temuan itu diserahkan.",
    "Air bersih tersedia dan panitia menyediakan makanan; acara sedianya dimulai pukul 09.00.",
    "Tim itu bertahan di klasemen dan ingin mempertahankan gelar.",
    "Kementerian Pertahanan membeli radar untuk ketahanan pangan.",
    "Rombongan bertolak ke Medan; pendapat keduanya bertolak belakang.",
    "Harimau sumatra terancam punah.",
    "Terdakwa hadir di ruang sidang.",
    "Rancangan undang-undang itu dibahas lagi.",
    "Proyek senilai Rp 2 triliun itu menaikkan nilai tanah.",
    "Ribuan pendukung klub memenuhi stadion.",
    "Kecelakaan di jalan tol itu terjadi pada dini hari.",
    "Air masuk melalui celah di dinding.",
    "Rapat warga dimulai pukul tujuh dan kapal merapat di dermaga.",
    "Para pengunjung museum dan seorang penyumbang berfoto bersama.",  # agent nouns: doers, not acts
    "Polisi masih mencari pembajak dan penculik itu.",
    "Dua kapal perang berlabuh dan para veteran perang berfoto di dermaga.",  # compounds: things and people
    "Museum itu memamerkan mesin perang dan arsip kejahatan perang.",
    "Perang dagang dan perang tarif menekan harga kedelai.",  # metaphors
    # a war named in passing, its fighting not reported here: the background of another act
    "Negara itu membeli senjata untuk perang Rusia di Ukraina; kakeknya pulang dari perang gerilya.",
    # pushing and shoving at a protest: a scuffle, not urging anyone
    "Sempat terjadi aksi saling dorong dan aksi dorongan petugas; dorong-mendorong itu reda sore hari.",
    "Lalu terjadi dorong-dorongan antara buruh dan petugas, disusul aksi dorong-dorongan di gerbang.",
    "Kakeknya wafat karena serangan jantung.",
    "Kawasan itu harus tetap bebas dan terbuka demi kebebasan pelayaran.",  # free, freedom: not a release
    "Panitia menyiapkan tenda; persiapan itu disiapkan sejak pagi.",  # prepare: not agreeing
    "Mengingat hujan deras, ia ingat pesan ibunya dan menaruh telepon di tas.",
    "Pasokan beras aman, kata kepala dinas saat ditemui di kantornya.",  # an interview: not a meeting
    "Warga melihat tas yang mencurigakan di halte.",
    "Warga pesisir menghadapi ancaman banjir rob dan ancaman kekeringan.",  # hazards: nobody threatens
    "Pelaku dijerat pasal penipuan dengan ancaman hukuman empat tahun.",  # the penalty a law sets
    "Bank sentral menaikkan suku bunga untuk menahan laju inflasi.",  # slowing a rate, not a detention
    "Semua peserta wajib menjalani pemeriksaan kesehatan di bandara.",  # a medical check, not an investigation
    "Penampilan badut itu menyita perhatian pengunjung dan antrean menyita waktu.",  # idioms, not seizures
    "Salah seorang pedagang merasa serba salah; jangan salah, itu hanya salah paham.",  # idioms of salah
    "Anggapan itu salah kaprah: tanah yang bernilai tinggi tidak selalu subur.",  # worth, not an assessment
    "Air bersih adalah kebutuhan mendesak dan masalah sampah makin mendesak.",  # urgent: the adjective
    "Dua pendaki tewas di lereng gunung dan tewasnya mereka mengejutkan warga.",  # died: no one acts
    "Alat yang kami temukan di gudang sudah berkarat.",  # found, not met
    "Petani cemas karena serangan hama dan ternaknya diserang penyakit.",  # pests and illness, not attacks
    "Hasil pemeriksaan spesimen dan pemeriksaan tes usap keluar sore ini.",  # medical tests, not investigations
    "Kunjungan wisatawan ke pulau itu naik dan tagihan listrik hotel ikut naik.",  # tourist arrivals; a bill
    "Anggaran pembebasan lahan cair; bus berhenti di halte dan penumpang berebut kursi.",  # land, stopping, scrambling
    "Juru bicara itu menolak berkomentar dan enggan menjawab pertanyaan wartawan.",  # declining comment: CAMEO 011
    "Rumah tahan gempa itu menjaga daya tahan warga; permintaan pasar dan permintaan ekspor naik.",  # resistant; demand
    "Pengendara mulai abai terhadap rambu, dan abainya mereka membuat jalan macet.",  # negligent, not ignoring anyone
    "Gencatan senjata di wilayah itu mulai goyah sejak gencatan senjata pertama gagal.",  # the ceasefire as a thing
    "Ia menduduki jabatan itu sejak 2016; kursi yang diduduki Budi kosong dan timnya menduduki peringkat kedua.",
    "Partai itu tetap berkomitmen pada demokrasi dan berkomitmen terhadap konstitusi.",  # a stance, no agreement
])
def test_known_non_events_do_not_fire(lex, text):
    assert matches(lex, text) == []


@pytest.mark.parametrize(("text", "typ"), [
    ("DPR menyetujui anggaran itu.", "SUPPORT"),  # PLOVER SUPPORT: approve, endorse
    ("Kedua negara setuju untuk melanjutkan perundingan.", "AGREE"),  # agree to do: a promise
    ("Partai itu merapat ke kubu petahana.", "SUPPORT"),
])
def test_approval_is_support_and_agreeing_to_act_is_agree(lex, text, typ):
    assert typ in {t for _w, t in matches(lex, text)}


def test_agent_nouns_are_doers_but_the_act_nouns_still_match(lex):
    from warta.lang.id.morphology import agent_noun

    assert agent_noun("penyerang", "serang") and agent_noun("pembajaknya", "bajak")
    assert not agent_noun("penyerangan", "serang") and not agent_noun("perang", "perang")
    assert not agent_noun("pertemuan", "temu") and not agent_noun("menyerang", "serang")
    assert {t for _w, t in matches(lex, "Penyerangan itu dan pembajakan pesawat dikecam.")} >= {"ASSAULT"}


def test_a_blocker_consumes_only_its_own_words():
    lex = Lexicon(parse_lexicon([HEADER, "serang\tASSAULT\t\t18\t0.8\tany\tmenyerang\n",
                                 "usir serangan\t-\t\t\t1.0\tany\tmengusir serangan\n"]))
    assert matches(lex, "mereka mengusir serangan itu") == []
    assert matches(lex, "serangan itu dibalas") == [("serangan", "ASSAULT")]


def test_surface_rows_match_only_their_form():
    lex = Lexicon(parse_lexicon([HEADER, "=menduduki\tASSAULT\t\t19\t0.7\tany\tmenduduki\n"]))
    assert matches(lex, "pasukan menduduki kota") == [("menduduki", "ASSAULT")]
    assert matches(lex, "menduduki-menduduki") == [("menduduki-menduduki", "ASSAULT")]
    assert matches(lex, "mereka duduk di kursi") == []


def test_a_long_gap_reaches_across_a_name_phrase_only_where_written():
    rows = HEADER + ("tetap ** =sebagai tersangka\tACCUSE\tallege\t11\t0.85\tany\t\n"
                     "kirim * pasukan\tAID\t\t07\t0.85\tany\t\n")
    lex = Lexicon(parse_lexicon(rows.splitlines(keepends=True)))
    assert [t for _s, t in matches(lex, "Jaksa menetapkan mantan kepala dinas kota itu sebagai tersangka.")] \
        == ["ACCUSE"]  # six words between
    assert [t for _s, t in matches(lex, "Jaksa menetapkan mantan Direktur Utama PT Sinar Jaya , Budi Santoso , "
                                        "sebagai tersangka.")] == ["ACCUSE"]  # a title and a name in commas: ten
    assert matches(lex, "Jaksa menetapkan aturan baru tentang izin usaha , pajak daerah , retribusi parkir dan "
                        "tarif air bersih sebagai tersangka.") == []  # fourteen: no name phrase is that long
    assert matches(lex, "Negara itu mengirim kapal dan dua ribu pasukan.") == []  # '*' still skips three at most


def test_a_gap_cannot_open_or_close_a_pattern():
    for pat in ("** tersangka", "tetap **"):
        with pytest.raises(ValueError, match="lemma_pattern"):
            parse_lexicon((HEADER + f"{pat}\tACCUSE\tallege\t11\t0.85\tany\t\n").splitlines(keepends=True))


@pytest.mark.parametrize(("text", "typ"), [
    ("Dua orang yang diduga terlibat pembakaran telah diamankan polisi.", "COERCE"),  # taken into custody
    ("Polres menurunkan sekitar 200 personel untuk mengamankan jalannya aksi.", "MOBILIZE"),
    ("Terdakwa mengajukan banding atas vonis itu.", "REQUEST"),  # an appeal asks a higher court
    ("Negara itu menangguhkan sebagian sanksi terhadap tetangganya.", "RETREAT"),  # lifting sanctions
    ("Penyidik menggeledah kantor dinas perhubungan sejak pagi.", "COERCE"),  # a search of premises
    ("Rumah pengusaha itu digeledah jaksa pada Kamis.", "COERCE"),
    ("Kami tidak pernah mengakui klaim wilayah tersebut.", "REJECT"),  # refusing to recognise
    ("Wali kota berterima kasih kepada para relawan atas bantuannya.", "SUPPORT"),  # thanks are praise
    ("Tentara menembakkan dua rudal jelajah ke arah pelabuhan.", "ASSAULT"),  # any missile fired at a place
    ("Kedua pihak berkomitmen menghentikan tembak-menembak.", "AGREE"),  # committing to act still agrees
    ("Presiden mencopot kepala badan itu dari jabatannya.", "SANCTION"),  # removed from office, as memecat
    ("Partai itu menonaktifkan dua kadernya dari DPRD.", "SANCTION"),
    ("Parlemen memakzulkan perdana menteri pekan lalu.", "ACCUSE"),  # impeachment: a formal charge
    ("Polisi meringkus dua pencuri motor di Depok.", "COERCE"),
    ("Petugas membekuk bandar narkoba itu di rumahnya.", "COERCE"),
    ("Polres Bogor mengamankan tujuh orang yang terlibat tawuran.", "COERCE"),
])
def test_rows_of_news_usage(lex, text, typ):
    assert typ in {t for _w, t in matches(lex, text)}


@pytest.mark.parametrize("text", [
    "Sebanyak 300 personel dikerahkan untuk mengamankan jalannya aksi.",  # securing an event is no arrest
    "Anggota DPR nonaktif itu hadir di sidang.",  # the adjective: a status, not an act
])
def test_securing_and_a_status_are_no_arrest_or_sanction(lex, text):
    assert not {t for _w, t in matches(lex, text)} & {"COERCE", "SANCTION"}

