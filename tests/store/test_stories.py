"""Story clusters: articles about one story group by text similarity within a date window."""

from __future__ import annotations

import copy
import sqlite3

import numpy as np
import pytest

from warta.store import connect, minhash, schema_version
from warta.store import stories as st
from warta.store.write import delete_articles, save_documents

# Our own invented reports (no text from ../shared): two outlets on one protest, two on one
# election result, and, the same days, a flood and another protest in the same regency.
PROTEST_1 = {
    "url": "https://kabar-satu.test/2025/03/11/demo-mahasiswa-dprd-sukamaju", "source": "Kabar Satu",
    "published": "2025-03-11", "title": "Ribuan Mahasiswa Demo di DPRD Sukamaju Tolak Kenaikan Pajak Kendaraan",
    "text": "SUKAMAJU, KABARSATU - Ribuan mahasiswa dari lima kampus menggelar unjuk rasa di depan gedung DPRD "
            "Kabupaten Sukamaju, Selasa (11/3/2025). Mereka menolak rancangan peraturan daerah yang menaikkan pajak "
            "kendaraan bermotor hingga 40 persen.\n"
            "Massa membawa spanduk bertuliskan \"Pajak Naik, Rakyat Tercekik\" dan sempat membakar ban bekas di "
            "Jalan Veteran. Koordinator aksi, Rizal Hakim, menyebut kenaikan pajak itu memberatkan pengemudi ojek "
            "dan petani yang bergantung pada sepeda motor.\n"
            "\"Kami minta DPRD membatalkan pembahasan raperda pajak kendaraan sekarang juga,\" kata Rizal di atas "
            "mobil komando.\n"
            "Ketua DPRD Sukamaju Hendra Wijaya akhirnya menemui mahasiswa sekitar pukul 14.00 WIB dan berjanji "
            "menunda pembahasan raperda tersebut. Sebanyak 300 polisi berjaga dan aksi berakhir tertib menjelang sore."}
PROTEST_2 = {
    "url": "https://warta-dua.test/daerah/unjuk-rasa-raperda-pajak-sukamaju", "source": "Warta Dua",
    "published": "2025-03-12", "title": "Didemo Mahasiswa, DPRD Sukamaju Tunda Raperda Pajak Kendaraan",
    "text": "Sukamaju - Gelombang protes terhadap rencana kenaikan pajak kendaraan bermotor di Kabupaten Sukamaju "
            "memuncak. Mahasiswa dari berbagai kampus mengepung gedung DPRD Sukamaju pada Selasa siang, 11 Maret 2025, "
            "menuntut raperda pajak kendaraan dibatalkan.\n"
            "Dalam orasinya, koordinator aksi Rizal Hakim menilai kenaikan 40 persen tidak adil bagi pengemudi ojek dan "
            "petani. \"Kami minta DPRD membatalkan pembahasan raperda pajak kendaraan sekarang juga,\" ujar Rizal.\n"
            "Demonstran sempat membakar ban di Jalan Veteran sehingga arus lalu lintas dialihkan. Setelah hampir empat "
            "jam berorasi, perwakilan mahasiswa diterima Ketua DPRD Hendra Wijaya.\n"
            "Hendra menyatakan dewan menunda pembahasan raperda pajak kendaraan dan akan mengundang mahasiswa dalam rapat "
            "dengar pendapat. Polres Sukamaju menurunkan 300 personel untuk mengamankan unjuk rasa."}
ELECTION_1 = {
    "url": "https://kabar-satu.test/2025/03/14/kpu-sukamaju-tetapkan-hasil-pilkada", "source": "Kabar Satu",
    "published": "2025-03-14", "title": "KPU Sukamaju Tetapkan Dewi Lestari-Agus Salim Pemenang Pilkada",
    "text": "SUKAMAJU, KABARSATU - Komisi Pemilihan Umum (KPU) Kabupaten Sukamaju menetapkan pasangan Dewi Lestari dan "
            "Agus Salim sebagai pemenang pemilihan bupati dalam rapat pleno rekapitulasi, Jumat (14/3/2025).\n"
            "Pasangan nomor urut 2 itu meraih 212.480 suara atau 54,3 persen, mengungguli pasangan Bambang Susilo dan "
            "Rahmat Hidayat yang memperoleh 178.902 suara. Tingkat partisipasi pemilih tercatat 71 persen.\n"
            "Ketua KPU Sukamaju Lina Marlina mengatakan rekapitulasi berjalan lancar di 17 kecamatan. \"Hasil ini sah "
            "dan akan kami serahkan ke DPRD untuk pengusulan pelantikan,\" kata Lina.\n"
            "Kubu Bambang Susilo menyatakan masih mempelajari kemungkinan mengajukan gugatan ke Mahkamah Konstitusi."}
ELECTION_2 = {
    "url": "https://warta-dua.test/politik/dewi-agus-menang-pilkada-sukamaju", "source": "Warta Dua",
    "published": "2025-03-14", "title": "Raih 54,3 Persen Suara, Dewi-Agus Resmi Menang Pilkada Sukamaju",
    "text": "Pasangan Dewi Lestari-Agus Salim resmi ditetapkan sebagai bupati dan wakil bupati terpilih Sukamaju. Penetapan "
            "dilakukan KPU Sukamaju melalui rapat pleno terbuka di aula kantor KPU, Jumat, 14 Maret 2025.\n"
            "Dewi-Agus mengantongi 212.480 suara (54,3 persen). Rivalnya, Bambang Susilo-Rahmat Hidayat, mendapat 178.902 "
            "suara. Partisipasi pemilih mencapai 71 persen dari daftar pemilih tetap.\n"
            "\"Hasil ini sah dan akan kami serahkan ke DPRD untuk pengusulan pelantikan,\" ucap Ketua KPU Sukamaju Lina "
            "Marlina seusai pleno. Ia menambahkan tidak ada keberatan saksi di tingkat kabupaten.\n"
            "Tim pemenangan Bambang-Rahmat belum memutuskan apakah akan menggugat hasil pilkada ke Mahkamah Konstitusi."}
FLOOD = {
    "url": "https://kabar-satu.test/2025/03/12/banjir-rendam-tiga-desa", "source": "Kabar Satu",
    "published": "2025-03-12", "title": "Banjir Rendam Tiga Desa di Lembah Hijau, 400 Warga Mengungsi",
    "text": "LEMBAH HIJAU, KABARSATU - Hujan deras sejak Senin malam membuat Sungai Cikaret meluap dan merendam tiga desa "
            "di Kecamatan Lembah Hijau, Rabu (12/3/2025). Ketinggian air mencapai satu meter di permukiman warga.\n"
            "Badan Penanggulangan Bencana Daerah mencatat sekitar 400 warga mengungsi ke balai desa dan masjid. Tidak ada "
            "korban jiwa, tetapi ratusan hektare sawah terendam menjelang panen.\n"
            "\"Kami sudah mengirim perahu karet, tenda, dan makanan siap saji,\" kata Kepala BPBD Yusuf Maulana. Warga "
            "diminta waspada karena hujan diperkirakan masih turun hingga akhir pekan."}
OTHER_PROTEST = {
    "url": "https://warta-dua.test/daerah/petani-demo-harga-gabah", "source": "Warta Dua",
    "published": "2025-03-11", "title": "Petani Unjuk Rasa di Kantor Bupati Sukamaju, Tuntut Harga Gabah Naik",
    "text": "Sukamaju - Ratusan petani dari Kecamatan Lembah Hijau berunjuk rasa di depan kantor Bupati Sukamaju, Selasa "
            "(11/3/2025). Mereka menuntut pemerintah daerah membeli gabah dengan harga yang lebih tinggi menjelang panen raya.\n"
            "Para petani membawa karung gabah dan spanduk. Koordinator petani, Slamet Riyadi, mengatakan harga gabah kering "
            "panen jatuh di bawah biaya produksi. \"Kami minta bupati turun tangan,\" ujarnya.\n"
            "Asisten daerah menerima perwakilan petani dan berjanji membahas tuntutan itu dengan Bulog. Polisi mengawal aksi "
            "yang berlangsung damai hingga siang."}
ARTICLES = {"protest_1": PROTEST_1, "protest_2": PROTEST_2, "election_1": ELECTION_1, "election_2": ELECTION_2,
            "flood": FLOOD, "other_protest": OTHER_PROTEST}


def document(name: str, **changes) -> dict:
    """A warta.document/1 dict without analysis layers for one of the articles above."""
    art = {**ARTICLES[name], **changes}
    return {"id": changes.get("id", name), "title": art["title"], "text": art["text"], "published": art["published"],
            "source": {"url": art["url"], "site": art["source"]}, "language": "id"}


def story_id(conn: sqlite3.Connection, doc_id: str) -> int:
    return conn.execute("SELECT s.story_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
                        "WHERE a.doc_id = ?", (doc_id,)).fetchone()[0]


def groups(conn: sqlite3.Connection) -> list[set[str]]:
    """The stories with more than one article, as sets of doc ids."""
    found: dict[int, set[str]] = {}
    for sid, doc_id in conn.execute("SELECT s.story_id, a.doc_id FROM story_articles s "
                                    "JOIN articles a ON a.id = s.article_id"):
        found.setdefault(sid, set()).add(doc_id)
    return sorted((g for g in found.values() if len(g) > 1), key=sorted)


def check_consistent(conn: sqlite3.Connection) -> None:
    """Every article has one story row, bands only for stored signed articles, counts and spans right."""
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == \
        conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    stale = conn.execute("SELECT count(*) FROM story_bands b LEFT JOIN story_articles s ON s.article_id = b.article_id "
                         "WHERE s.article_id IS NULL OR s.signature IS NULL").fetchone()[0]
    assert stale == 0
    signed = conn.execute("SELECT count(*) FROM story_articles WHERE signature IS NOT NULL").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM story_bands").fetchone()[0] == signed * minhash.BANDS
    rows = conn.execute("SELECT s.id, s.num_articles, s.day_first, s.day_last, count(m.article_id), min(m.day), "
                        "max(m.day) FROM stories s LEFT JOIN story_articles m ON m.story_id = s.id GROUP BY s.id")
    for row in rows:
        assert tuple(row)[1:4] == tuple(row)[4:], f"story {row[0]} out of date"
    orphans = conn.execute("SELECT count(*) FROM story_articles m LEFT JOIN stories s ON s.id = m.story_id "
                           "WHERE s.id IS NULL").fetchone()[0]
    assert orphans == 0
    kept = {r[0]: r[1] for r in conn.execute("SELECT article_id, shingles FROM story_shingles")}
    assert set(kept) == {r[0] for r in conn.execute("SELECT article_id FROM story_articles WHERE signature IS NOT NULL")}
    for article_id, title, text in conn.execute("SELECT id, title, text FROM articles"):
        if article_id in kept:  # the shingles compared exactly are those of the stored text
            expected = minhash.compact(minhash.shingle_hashes(st.story_text(title, text)))
            assert np.array_equal(minhash.shingles_from_blob(kept[article_id]), expected)


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "s.db")
    yield c
    c.close()


def test_reports_of_one_story_group_and_others_do_not(conn):
    save_documents(conn, [document(n) for n in ARTICLES], fingerprint="f", run_id=None)
    assert groups(conn) == [{"election_1", "election_2"}, {"protest_1", "protest_2"}]
    check_consistent(conn)
    first = conn.execute("SELECT id FROM articles WHERE doc_id = 'protest_1'").fetchone()[0]
    second = conn.execute("SELECT id FROM articles WHERE doc_id = 'protest_2'").fetchone()[0]
    assert st.story_articles(conn, first) == st.story_articles(conn, second) == [first, second]
    flood = conn.execute("SELECT id FROM articles WHERE doc_id = 'flood'").fetchone()[0]
    assert st.story_articles(conn, flood) == [flood]
    assert st.story_articles(conn, 999) == []
    assert conn.execute("SELECT num_articles, day_last - day_first FROM stories WHERE id = ?",
                        (story_id(conn, "protest_1"),)).fetchone()[:] == (2, 1)


def test_the_date_window_is_respected(conn):
    late = document("protest_2", published="2025-03-22")  # eleven days after the first report
    save_documents(conn, [document("protest_1"), late], fingerprint="f", run_id=None)
    assert groups(conn) == []
    near = document("protest_2", published="2025-03-14", id="near")  # three days: inside the window
    near["source"]["url"] += "?v=2"
    save_documents(conn, [near], fingerprint="f", run_id=None)
    assert groups(conn) == [{"protest_1", "near"}]


def test_without_a_date_only_near_copies_group(conn):
    undated = document("protest_2", published=None)
    copy_ = document("protest_1", published=None, id="copy")  # the same wire text on another site
    copy_["source"] = {"url": "https://kabar-tiga.test/copy", "site": "Kabar Tiga"}
    copy_["text"] = "Baca juga: harga cabai naik.\n" + copy_["text"]
    save_documents(conn, [document("protest_1"), undated, copy_], fingerprint="f", run_id=None)
    assert groups(conn) == [{"protest_1", "copy"}]  # the reworded report needs a date to join
    assert conn.execute("SELECT day FROM story_articles s JOIN articles a ON a.id = s.article_id "
                        "WHERE a.doc_id = 'copy'").fetchone()[0] is None


def test_saving_again_changes_nothing(conn):
    docs = [document(n) for n in ARTICLES]
    save_documents(conn, docs, fingerprint="f", run_id=None)
    before = [tuple(r) for r in conn.execute("SELECT article_id, story_id, day, signature FROM story_articles")]
    bands = conn.execute("SELECT count(*) FROM story_bands").fetchone()[0]
    save_documents(conn, list(reversed(docs)), fingerprint="g", run_id=None)
    assert [tuple(r) for r in conn.execute("SELECT article_id, story_id, day, signature FROM story_articles")] == before
    assert conn.execute("SELECT count(*) FROM story_bands").fetchone()[0] == bands
    check_consistent(conn)


def test_a_new_text_moves_an_article_to_its_new_story(conn):
    save_documents(conn, [document(n) for n in ("protest_1", "protest_2", "flood")], fingerprint="f", run_id=None)
    corrected = document("protest_2")
    corrected["text"] = FLOOD["text"] + " Koreksi: berita ini diperbarui."  # same URL, the flood story now
    corrected["published"] = FLOOD["published"]
    save_documents(conn, [corrected], fingerprint="f", run_id=None)
    assert groups(conn) == [{"flood", "protest_2"}]
    check_consistent(conn)


def test_deleting_the_article_that_linked_two_others_splits_the_story(conn):
    bridge = document("protest_1", id="bridge")  # half protest, half election: similar to both
    bridge["source"] = {"url": "https://rangkuman.test/hari-ini", "site": "Rangkuman"}
    bridge["text"] = PROTEST_1["text"] + "\n" + ELECTION_1["text"]
    bridge["published"] = "2025-03-12"
    ids = save_documents(conn, [document("protest_1"), bridge, document("election_1")], fingerprint="f", run_id=None)
    assert groups(conn) == [{"bridge", "election_1", "protest_1"}]
    assert delete_articles(conn, [ids[1], 12345]) == 1
    assert groups(conn) == []
    assert len({story_id(conn, "protest_1"), story_id(conn, "election_1")}) == 2
    check_consistent(conn)
    assert delete_articles(conn, ids) == 2
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("stories", "story_bands")] == [0, 0]


def test_a_story_spans_at_most_a_week(conn):
    # the same template text every day (a price list) must not chain into one story for months
    docs = []
    for day in range(1, 21):
        doc = document("flood", id=f"day{day}", published=f"2025-04-{day:02d}")
        doc["source"] = {"url": f"https://kabar-satu.test/harga/{day}", "site": "Kabar Satu"}
        docs.append(doc)
    save_documents(conn, docs, fingerprint="f", run_id=None)
    spans = conn.execute("SELECT day_last - day_first, num_articles FROM stories ORDER BY id").fetchall()
    assert [tuple(s) for s in spans] == [(7, 8), (7, 8), (3, 4)]  # grouped, but a week at most
    check_consistent(conn)


def test_short_texts_get_a_story_of_their_own(conn):
    short = document("flood", id="short")
    short["text"], short["title"] = "Banjir di Lembah Hijau.", None
    twin = copy.deepcopy(short)
    twin["id"], twin["source"] = "twin", {"url": "https://warta-dua.test/banjir", "site": "Warta Dua"}
    save_documents(conn, [short, twin], fingerprint="f", run_id=None)
    assert groups(conn) == []
    assert conn.execute("SELECT count(*) FROM story_articles WHERE signature IS NULL").fetchone()[0] == 2
    check_consistent(conn)


def test_candidates_come_from_the_band_index(conn):
    save_documents(conn, [document("protest_1")], fingerprint="f", run_id=None)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    sig = minhash.text_signature(PROTEST_2["text"])
    found = st._candidates(conn, st._band_rows(sig, 20160, 999), 20160, 999)
    assert found == set(st._candidates(conn, st._band_rows(sig, None, 999), None, 999)) == {1}
    conn.set_trace_callback(None)
    assert len(statements) == 2  # one statement for all bands
    for sql in statements:
        plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        searches = [p for p in plan if p.startswith("SEARCH")]
        assert len(searches) in (minhash.BANDS, 2 * minhash.BANDS), plan
        assert all(p.startswith("SEARCH story_bands USING PRIMARY KEY (band=? AND hash=?") for p in searches), plan
        assert all(p.startswith("SCAN (subquery-") for p in plan if p.startswith("SCAN")), plan


def test_a_store_from_before_stories_gets_them_at_the_next_write(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    save_documents(conn, [document(n) for n in ("protest_1", "protest_2", "flood")], fingerprint="f", run_id=None)
    _downgrade_to_v4(conn)
    conn.close()
    conn = connect(path)  # migration 0005: nothing signed yet, the old articles are noted as due
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 0
    assert conn.execute("SELECT value FROM store_meta WHERE key = ?", (st.BACKFILL_KEY,)).fetchone()[0] == "3"
    save_documents(conn, [document("election_1"), document("election_2")], fingerprint="f", run_id=None)
    assert groups(conn) == [{"election_1", "election_2"}, {"protest_1", "protest_2"}]
    assert conn.execute("SELECT count(*) FROM store_meta WHERE key = ?", (st.BACKFILL_KEY,)).fetchone()[0] == 0
    check_consistent(conn)


def test_changed_signature_parameters_re_sign_every_article(conn):
    save_documents(conn, [document(n) for n in ("protest_1", "protest_2")], fingerprint="f", run_id=None)
    conn.execute("UPDATE store_meta SET value = 'minhash/0 older' WHERE key = ?", (st.PARAMETERS_KEY,))
    conn.execute("UPDATE story_articles SET signature = zeroblob(8)")  # stale, from other parameters
    save_documents(conn, [document("flood")], fingerprint="f", run_id=None)
    assert groups(conn) == [{"protest_1", "protest_2"}]
    assert conn.execute("SELECT value FROM store_meta WHERE key = ?", (st.PARAMETERS_KEY,)).fetchone()[0] == \
        minhash.parameters()
    check_consistent(conn)


def _downgrade_to_v4(conn: sqlite3.Connection) -> None:
    """Make a store look as warta left it before schema version 5."""
    for table in ("stories", "story_articles", "story_bands", "cluster_keys"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM store_meta WHERE key LIKE 'stories%'")
    conn.execute("PRAGMA user_version = 4")


@pytest.mark.parametrize(("published", "day"), [("2025-03-11", 20158), ("2025-03-11T08:00:00+07:00", 20158),
                                                ("1970-01-01", 0), (None, None), ("", None), ("Selasa", None)])
def test_publication_day(published, day):
    assert st.publication_day(published) == day


def test_the_title_is_compared_unless_the_text_starts_with_it():
    assert st.story_text("Judul", "Isi berita.") == "Judul\nIsi berita."
    assert st.story_text("Judul", "Judul\nIsi berita.") == "Judul\nIsi berita."
    assert st.story_text(None, "Isi berita.") == "Isi berita."


def test_exact_checks_read_kept_shingles_and_fall_back_to_the_text(conn):
    ids = save_documents(conn, [document("protest_1"), document("protest_2")], fingerprint="f", run_id=None)
    kept = st._shingles_of(conn, ids[0])
    text = minhash.compact(minhash.shingle_hashes(st.story_text(PROTEST_1["title"], PROTEST_1["text"])))
    assert kept.dtype == np.uint32 and np.array_equal(kept, text) and len(kept) > 50
    exact = minhash.jaccard(minhash.shingle_hashes(st.story_text(PROTEST_1["title"], PROTEST_1["text"])),
                            minhash.shingle_hashes(st.story_text(PROTEST_2["title"], PROTEST_2["text"])))
    assert minhash.jaccard(kept, st._shingles_of(conn, ids[1])) == pytest.approx(exact)
    conn.execute("DELETE FROM story_shingles")  # a store signed before schema version 11
    assert np.array_equal(st._shingles_of(conn, ids[0]), text)
    save_documents(conn, [document("protest_1"), document("protest_2")], fingerprint="f", run_id=None)
    assert conn.execute("SELECT count(*) FROM story_shingles").fetchone()[0] == 2  # filled when saved again
    check_consistent(conn)


def test_a_crowded_window_costs_one_exact_check_per_story_and_at_most_max_exact(conn, monkeypatch):
    monkeypatch.setattr(st, "CONFIRM_ABOVE", 1.0)  # every match is borderline: checked exactly
    checks: list[int] = []
    jaccard = minhash.jaccard
    monkeypatch.setattr(minhash, "jaccard", lambda a, b: checks.append(1) or jaccard(a, b))
    copies = [document("protest_1", id=f"copy{i}", url=f"https://salin.test/{i}") for i in range(12)]
    save_documents(conn, copies, fingerprint="f", run_id=None)
    assert len(groups(conn)) == 1  # the copies are one story
    checks.clear()
    save_documents(conn, [document("protest_2")], fingerprint="f", run_id=None)
    assert len(checks) == 1  # the story matched through its likeliest member; its other members are not read
    assert story_id(conn, "protest_2") == story_id(conn, "copy0")
    monkeypatch.setattr(st, "MAX_EXACT", 0)
    checks.clear()
    save_documents(conn, [document("protest_2", id="late", url="https://salin.test/late")], fingerprint="f",
                   run_id=None)
    assert checks == [] and story_id(conn, "late") not in {story_id(conn, "copy0")}
    check_consistent(conn)
