import pytest

from warta.nlp.load import load_pipeline


def sents(text):
    return [s.text.strip() for s in load_pipeline()(text).sents]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dr. Sutomo dan H. Agus tinggal di Jl. Sudirman No. 5, Jakarta. Mereka pindah.",
     ["Dr. Sutomo dan H. Agus tinggal di Jl. Sudirman No. 5, Jakarta.", "Mereka pindah."]),
    ("Surat a.n. Prof. Budi dikirim. Balasan datang kemarin.",
     ["Surat a.n. Prof. Budi dikirim.", "Balasan datang kemarin."]),
    ("Judul tanpa titik\nLede juga tanpa titik\nIsi berita dimulai.",
     ["Judul tanpa titik", "Lede juga tanpa titik", "Isi berita dimulai."]),
    ("JAKARTA, KOMPAS.com - Presiden datang ke Jl. Merdeka. Ia disambut.",
     ["JAKARTA, KOMPAS.com - Presiden datang ke Jl. Merdeka.", "Ia disambut."]),
    ('"Kami setuju. Kami siap," kata Budi. "Mulai besok." Lalu ia pergi.',
     ['"Kami setuju.', 'Kami siap," kata Budi.', '"Mulai besok."', "Lalu ia pergi."]),
    ("“Benar!” ujar dia. Susilo B. Yudhoyono hadir.", ['"Benar!" ujar dia.', "Susilo B. Yudhoyono hadir."]),
    ("Harga naik Rp 1.000.000 per ton. Pukul 13.00 WIB rapat dimulai.",
     ["Harga naik Rp 1.000.000 per ton.", "Pukul 13.00 WIB rapat dimulai."]),
    ("Ia membeli beras, gula, dll. untuk warga. Bantuan tiba.",
     ["Ia membeli beras, gula, dll. untuk warga.", "Bantuan tiba."]),
    ("Tersangka berinisial HT dan MA. Keempatnya ditahan. Dr. Hendra, S.H., M.H. hadir.",
     ["Tersangka berinisial HT dan MA.", "Keempatnya ditahan.", "Dr. Hendra, S.H., M.H. hadir."]),
    ("Apa benar? Ya! Tentu...", ["Apa benar?", "Ya!", "Tentu..."]),
    ("orang -orang Rusia datang . Mereka pulang .", ["orang-orang Rusia datang.", "Mereka pulang."]),
    # a credit glued to the full stop is not part of the sentence; a bracket after an abbreviation is
    ("Menteri itu mengecam Belanda.(sumber: warta.com)\nIa pulang.(ant)",
     ["Menteri itu mengecam Belanda.", "(sumber: warta.com)", "Ia pulang.", "(ant)"]),
    ("Kantor di Jl.(lama) Kenanga ditutup.", ["Kantor di Jl.(lama) Kenanga ditutup."]),
])
def test_sentence_boundaries(text, expected):
    assert sents(text) == expected


def test_every_token_has_a_sentence_start_value():
    doc = load_pipeline()("Satu. Dua\n\nTiga")
    assert doc.has_annotation("SENT_START")
    assert all(t.is_sent_start is not None for t in doc)
