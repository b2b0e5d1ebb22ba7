"""Indonesian political texts whose acronyms are party boards and everyday words, not foreign bodies
(issue 13): no foreign actor may be linked. Our own sentences; one pipeline run per article."""

import pytest

import warta
from tests.conftest import TODAY
from warta.io.readers.base import ReadOptions, build_article

#: Invented news sentences full of party-internal and domestic acronyms.
DOMESTIC = [
    ("Megawati Pimpin Rapat DPP",
     "Ketua Umum DPP PDI Perjuangan Megawati Soekarnoputri mengatakan partainya siap menghadapi pemilu. "
     "Sekretaris Jenderal DPP Partai Golkar menyampaikan hal serupa di Jakarta, Senin (3/3/2025). "
     "Ketua DPD Partai Demokrat Jawa Timur dan Ketua DPW PKB Jawa Tengah ikut hadir."),
    ("Rapat Kerja Cabang",
     "Ketua DPC Partai Gerindra Kota Bekasi mengumpulkan pengurus di kantor DPP. "
     "Ibu-ibu PKK dan pengurus RT setempat menyiapkan konsumsi. Dokumen hasil rapat dibagikan dalam format PDF. "
     "Perkara cerai dua anggota diputus PA Bekasi pekan lalu."),
    ("KPA Aceh Dukung Calon Gubernur",
     "Komite Peralihan Aceh (KPA) menyatakan dukungan kepada pasangan calon gubernur. "
     "Juru bicara KPA mengatakan keputusan itu diambil dalam rapat di Banda Aceh, Rabu (5/6/2024). "
     "Mahasiswa ISI Yogyakarta menampilkan tarian dalam acara tersebut."),
    ("Harga BBM Naik",
     "Pemerintah menaikkan harga BBM bersubsidi mulai Sabtu (3/9/2022). "
     "Fraksi di DPR menolak kenaikan harga BBM itu dan meminta pemerintah menambah kuota BBM untuk nelayan."),
]


def _analyze(title: str, text: str):
    art = build_article(body=text, title=title, options=ReadOptions(today=TODAY), origin="t", reader="text",
                        published_raw="2025-03-03")
    return warta.analyze(art)


@pytest.mark.parametrize(("title", "text"), DOMESTIC, ids=[t for t, _ in DOMESTIC])
def test_no_foreign_actor_in_domestic_party_news(title, text):
    doc = _analyze(title, text)
    foreign = [(e.name, e.kb, e.country) for e in doc.entities
               if e.kb and e.country not in (None, "IDN") and e.type in ("ORG", "PER", "NORP")]
    assert not foreign, foreign
    assert not any(e.kb in ("pty:dpp-taiwan", "org:pkk", "med:rt", "org:otoritas-palestina", "org:pdf-myanmar",
                            "org:militer-korut", "org:isi", "per:ferdinand-marcos-jr") for e in doc.entities)


def test_the_form_still_links_beside_the_name():
    doc = _analyze("Pemilu Taiwan",
                   "Partai Progresif Demokratik (DPP) kembali menang di Taiwan. Kandidat DPP unggul di Taipei.")
    dpp = [e for e in doc.entities if e.kb == "pty:dpp-taiwan"]
    assert dpp and "DPP" in {m.text for e in dpp for m in e.mentions}
