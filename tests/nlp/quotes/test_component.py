"""Quotes and speakers on our own short articles."""

import warta
from tests.conftest import TODAY
from warta.io.readers.base import ReadOptions, build_article
from warta.nlp.quotes.component import load_cues


def analyze(text: str, *, title: str = "Judul Berita", published: str = "2024-05-07"):
    art = build_article(body=text, title=title, options=ReadOptions(today=TODAY), origin="t", reader="text",
                        published_raw=published)
    return warta.analyze(art)


def speakers(doc):
    names = {e.id: e.name for e in doc.entities}
    return [(q.text, names.get(q.speaker), q.direct, q.cue) for q in doc.quotes]


def test_direct_quote_split_by_cue_gives_two_quotes_one_speaker():
    doc = analyze('"Kami siap bekerja sama," kata Prabowo Subianto. "Indonesia tidak akan mundur."\n'
                  "Ia juga menegaskan bahwa anggaran pertahanan akan naik tahun depan.")
    got = speakers(doc)
    assert got[0][:3] == ("Kami siap bekerja sama,", "Prabowo Subianto", True)
    assert got[1][:3] == ("Indonesia tidak akan mundur.", "Prabowo Subianto", True)
    assert got[2][1] == "Prabowo Subianto" and not got[2][2] and got[2][3] == "menegaskan"
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text


def test_clitic_and_role_speakers():
    doc = analyze("Presiden Rusia Vladimir Putin berbicara di Kremlin.\n"
                  "“Kerja sama ini penting bagi kedua negara,” ujarnya.\n"
                  "Menurut Putin, pertemuan berikutnya digelar di Moskow.", published="2024-06-19")
    got = speakers(doc)
    assert [g[1] for g in got] == ["Vladimir Putin", "Vladimir Putin"]
    assert got[1][3] == "menurut" and got[1][0].startswith("pertemuan berikutnya")


def test_menurut_with_a_pronoun_is_the_one_just_named():
    doc = analyze("Ketua KPU Andi Wijaya menolak tuduhan itu. Menurutnya, semua tahapan sudah sesuai aturan.\n"
                  "Anggota Bawaslu, Siti Nurhaliza, mengkritik lambannya panitia. Menurut dia, surat suara datang "
                  "terlambat.")
    got = speakers(doc)
    assert [(g[0][:12], g[1], g[3]) for g in got] == [("semua tahapa", "Andi Wijaya", "menurut"),
                                                       ("surat suara ", "Siti Nurhaliza", "menurut")]


def test_unnamed_official_speaks_for_the_organisation_and_generic_subjects_for_no_one():
    doc = analyze("Seorang juru bicara Kremlin menolak tuduhan itu dengan mengatakan “tidak ada rencana seperti itu”.\n"
                  "Analis mengatakan sanksi baru tidak akan berpengaruh besar.", published="2025-09-03")
    got = speakers(doc)
    assert got[0][1] == "Kremlin"
    assert got[1][1] is None


def test_multi_paragraph_quote_and_scare_quotes():
    doc = analyze('Menteri Keuangan Sri Mulyani menjelaskan rencana itu.\n"Defisit akan dijaga di bawah tiga persen.\n'
                  '"Kami juga menyiapkan cadangan," katanya.\nProgram "makan siang gratis" tetap berjalan.')
    got = speakers(doc)
    direct = [g for g in got if g[2]]
    assert len(direct) == 1 and "Defisit" in direct[0][0] and "cadangan" in direct[0][0]
    assert direct[0][1] == "Sri Mulyani Indrawati"
    assert all("makan siang" not in g[0] for g in got)


def test_unclosed_and_huge_quotes_are_bounded_with_a_note():
    doc = analyze('Budi Santoso berkata: "ini tidak pernah ditutup\nParagraf lain tanpa tanda kutip.')
    assert doc.quotes and doc.quotes[0].text.startswith("ini tidak pernah")
    assert any("never closes" in n for n in doc.notes)
    huge = analyze('Budi Santoso berkata: "' + "kata " * 10000 + '" lalu pergi.')
    assert any("longer than" in n for n in huge.notes)


def test_cue_data_file_is_valid():
    cues = load_cues()
    assert cues["kata"].position == "both" and cues["tambahnya"].clitic and cues["melaporkan"].kind == "report"


def test_a_person_named_since_the_last_quote_is_who_nya_means():
    doc = analyze('"Kami menolak rencana itu," kata Prabowo Subianto kepada wartawan.\n'
                  "Menteri Luar Negeri Retno Marsudi menyayangkan keputusan tersebut. "
                  '"Dialog harus tetap dibuka bagi semua pihak," ujarnya.')
    assert [g[1] for g in speakers(doc)] == ["Prabowo Subianto", "Retno Marsudi"]


def test_ia_before_a_cue_means_the_person_named_since_the_last_quote():
    doc = analyze('"Kami sudah menahan dua tersangka," kata Kapolres Bogor Budi Santoso kepada wartawan.\n'
                  "Gubernur Jawa Barat Ridwan Kamil mengecam perusakan itu dan meminta warga menahan diri. "
                  "Ia mengatakan pemerintah provinsi akan mengganti kerugian para pedagang.")
    assert [g[1] for g in speakers(doc)] == ["Budi Santoso", "Ridwan Kamil"]


def test_news_outlets_report_quotes_rather_than_make_them():
    doc = analyze('"Pasukan kami siap bertahan," kata seorang komandan kepada Reuters, Senin.\n'
                  "Presiden Joko Widodo meninjau lokasi banjir.\n"
                  '"Bantuan akan tiba besok,"\nujar Joko Widodo.')
    got = speakers(doc)
    assert got[0][1] is None
    assert got[1][1] == "Joko Widodo" and got[1][3] == "ujar"


def test_a_quote_without_cue_belongs_to_the_person_just_named():
    doc = analyze('"Kami menolak rencana itu," kata Prabowo Subianto.\n'
                  "Menteri Keuangan Sri Mulyani Indrawati tiba di gedung parlemen pukul 10.00.\n"
                  '"Kami sudah menyiapkan anggaran untuk program tersebut."')
    assert [g[1] for g in speakers(doc)] == ["Prabowo Subianto", "Sri Mulyani Indrawati"]


def test_a_person_introduced_between_quotes_takes_the_next_cueless_one():
    doc = analyze('"Harga cabai naik dua kali lipat," kata Budi Santoso.\n'
                  "Menteri Perdagangan Zulkifli Hasan menanggapi keluhan itu.\n"
                  '"Kami akan menambah pasokan ke pasar."')
    assert [g[1] for g in speakers(doc)] == ["Budi Santoso", "Zulkifli Hasan"]


def test_kami_quote_credited_to_an_organisation_goes_to_its_member_quoted_before():
    tail = ('\nSementara itu, puluhan warga berunjuk rasa di depan gedung itu.\n'
            '"Kami akan memanggil saksi lain," tulis KPK dalam keterangannya.')
    for opening in ("Juru bicara KPK Ali Fikri menjelaskan jadwal pemeriksaan. ",
                    "Ali Fikri, juru bicara KPK, menjelaskan jadwal pemeriksaan. "):
        doc = analyze(opening + '"Pemeriksaan berjalan lancar," kata Ali.' + tail)
        assert [g[1] for g in speakers(doc) if g[2]] == ["Ali Fikri", "Ali Fikri"], opening
    # a speaker who is not the organisation's member leaves the quote to the organisation
    doc = analyze('Budi Santoso, pengacara tersangka, menolak berkomentar. "Tidak ada komentar," kata Budi.' + tail)
    assert [g[1] for g in speakers(doc) if g[2]] == ["Budi Santoso", "Komisi Pemberantasan Korupsi"]


def test_quote_and_parse_limits_come_from_the_pipeline_config(tmp_path):
    """The quote finder's and the parser's limits are component config (default.cfg), not module constants."""
    from warta.nlp.load import DEFAULT_CONFIG, build_pipeline

    nlp = build_pipeline()
    assert (nlp.get_pipe("warta_quotes").max_quote_chars, nlp.get_pipe("warta_quotes").min_free_words) == (6000, 6)
    assert nlp.get_pipe("warta_syntax").max_sentence_tokens == 200
    cfg = tmp_path / "limits.cfg"
    cfg.write_text(DEFAULT_CONFIG.read_text().replace("max_quote_chars = 6000", "max_quote_chars = 40")
                   .replace("max_sentence_tokens = 200", "max_sentence_tokens = 50"))
    nlp = build_pipeline(cfg)
    assert nlp.get_pipe("warta_quotes").max_quote_chars == 40
    assert nlp.get_pipe("warta_syntax").max_sentence_tokens == 50
    doc = nlp("Ia berkata: “" + "kata " * 20 + "itu.”")
    assert any("longer than 40 characters" in n for n in doc._.warta_quote_notes)


def test_a_person_named_in_a_link_line_is_never_the_speaker():
    doc = analyze("DEN HAAG - Menteri Luar Negeri Belanda Caspar Veldkamp mengecam serangan itu, Senin (3/3/2025).\n"
                  "Baca juga: Presiden Kenya William Ruto Temui Perdana Menteri Jepang di Nairobi\n"
                  "\"Kami menuntut penyelidikan,\" ujarnya.", published="2025-03-03")
    assert [g[1] for g in speakers(doc)] == ["Caspar Veldkamp"]


def test_an_indirect_quote_in_the_first_sentence_leaves_out_the_dateline():
    doc = analyze("MAKASSAR, KOMPAS.com - Banjir merendam ratusan rumah di tiga kecamatan, kata kepala BPBD setempat.\n"
                  "Warga mengungsi ke masjid terdekat.")
    assert [q.text for q in doc.quotes] == ["Banjir merendam ratusan rumah di tiga kecamatan"]


def test_a_reported_statement_is_the_titled_person_s_not_their_body_s():
    doc = analyze("Juru bicara Fraksi PKB, Budi Santoso, mengatakan fraksinya menolak rencana pemerintah itu.\n"
                  "Menteri Luar Negeri Turki Hakan Fidan menyambut baik kesepakatan itu dan menyatakan Ankara siap "
                  "mendukung dialog.\n"
                  "Pada Senin, Polda Metro Jaya melalui keterangan tertulis mengatakan semua pelaku sudah ditangkap.")
    got = {g[0][:10]: g[1] for g in speakers(doc)}
    assert got["fraksinya "] == "Budi Santoso"
    assert got["Ankara sia"] == "Hakan Fidan"
    assert got["semua pela"] == "Polda Metro Jaya"  # no one named after the body: the body speaks


def test_accusing_assuring_admitting_and_warning_report_what_was_said():
    doc = analyze("Juru bicara militer Thailand menuding pasukan Kamboja lebih dulu melepaskan tembakan.\n"
                  "Kapolres Bogor Budi Santoso memastikan tidak ada warga yang ditahan selama aksi itu.\n"
                  "Bupati Pati Sudirman mengaku belum menerima surat pengunduran diri wakilnya.\n"
                  "Menteri Pertahanan Ahmad Yani memperingatkan bahwa patroli akan terus ditambah di perbatasan.")
    got = {g[0][:12]: (g[1], g[2], g[3]) for g in speakers(doc)}
    assert got["pasukan Kamb"][1:] == (False, "menuding")
    assert got["tidak ada wa"] == ("Budi Santoso", False, "memastikan")
    assert got["belum meneri"] == ("Sudirman", False, "mengaku")
    assert got["patroli akan"] == ("Ahmad Yani", False, "memperingatkan")
