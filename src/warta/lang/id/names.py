"""Words inside and around proper names in Indonesian news.

``NAME_CONNECTORS`` join the parts of one person's name (``Yusuf bin Alawi bin Abdullah``,
``Ursula von der Leyen``); ``PLACE_HEADS`` are the generic words in front of a place name that
still name the same place (``Jalur Gaza`` is ``Gaza``, ``Kota Bandung`` is ``Bandung``).
"""

from __future__ import annotations

import re

#: Lower-case particles inside a person's name.
NAME_CONNECTORS: frozenset[str] = frozenset({"bin", "binti", "bint", "ibn", "ibnu", "van", "von", "der", "den",
                                             "de", "da", "del", "della", "di", "dos", "du", "le", "la", "al", "el",
                                             "ben", "abu", "ter"})
#: Connectors that also are common Indonesian words: joined only between two capitalised name parts that the
#: model or the KB already took as a person (``di`` is a preposition; ``Leonardo di Caprio`` is a name).
WEAK_CONNECTORS: frozenset[str] = frozenset({"di", "la", "le", "den", "ben", "abu", "da", "du", "ter"})
#: Arabic article prefixes glued to a name part (``al-Sisi``, ``el-Sisi``).
NAME_PREFIXES: tuple[str, ...] = ("al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-", "ash-")

#: Generic words before a place name, lower case (``Jalur Gaza``, ``Provinsi Papua``, ``Kabupaten Bogor``).
PLACE_HEADS: frozenset[str] = frozenset("""jalur kota provinsi kabupaten kecamatan kelurahan desa distrik wilayah
    kawasan pulau kepulauan semenanjung negara""".split())

#: Words that make a capitalised phrase an organisation rather than a person's name (lower case).
ORG_WORDS: frozenset[str] = frozenset("""kementerian kemenlu kemlu kemenhan departemen kedutaan kedubes badan dewan
    angkatan militer parlemen pemerintah kantor komisi mahkamah pengadilan kepolisian partai bank universitas
    institut pt perusahaan organisasi gerakan front komite lembaga yayasan asosiasi persatuan ikatan serikat
    koalisi aliansi brigade pasukan tentara markas gedung istana staf dinas direktorat biro pusat satuan""".split())
#: Heads of organisation names that take the country written right after them
#: ("Kementerian Luar Negeri AS", "Departemen Keuangan AS").
INSTITUTION_HEADS = frozenset("""kementerian kemenlu kemlu kemenhan kemhan departemen kedutaan kedubes badan dewan
    angkatan militer parlemen pemerintah kantor komisi mahkamah pengadilan kepolisian polda polres polresta
    polrestabes polsek satgas dinas direktorat ditjen kejaksaan kejati kejari biro""".split())
#: Heads of building names (``Gedung Putih``, ``Istana Merdeka``): after a place preposition, a place
BUILDING_HEADS = frozenset({"gedung", "markas", "kantor", "wisma", "istana", "kompleks", "rutan", "lapas"})
#: Nouns of things and sites, never of people: a role noun after one describes it (``fasilitas militer Iran``,
#: ``pangkalan militer AS``, ``kapal polisi``: Iran's military facilities, not Iran's military)
THING_HEADS = BUILDING_HEADS | frozenset("""fasilitas pangkalan pos kapal pesawat kendaraan instalasi sasaran aset alat
    peralatan sistem jet helikopter rudal drone truk senjata anggaran latihan infrastruktur""".split())
#: Words between a locative preposition and the name of the building or body it locates (``di depan kantor KPU``,
#: ``di halaman Gedung DPR``)
ADDRESS_HEADS = BUILDING_HEADS | frozenset({"depan", "belakang", "samping", "seberang", "halaman", "sekitar", "rumah",
                                            "balai"})
#: Words of position between a locative preposition and the place it locates (``di depan Istana Merdeka``,
#: ``di sekitar Monas``): the place is still where it happens
POSITION_WORDS = frozenset({"depan", "belakang", "samping", "seberang", "sekitar", "sepanjang", "halaman", "dekat"})
#: Words before a place (``di``, ``ke``, ``mengunjungi`` …)
PLACE_PREPS = frozenset({"di", "ke", "dari", "menyambangi", "mengunjungi", "mendatangi", "menuju", "depan"})

#: words in an organisation's name and the actor sector they give (``Partai X`` PTY, ``Polda X`` COP);
#: the first group that matches wins
ORG_SECTOR_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("partai",), "PTY"), (("kementerian", "kemen", "kantor", "badan", "dewan", "pemerintah", "pemprov",
                            "pemkot", "pemkab", "dinas", "komisi", "sekretariat", "istana", "lembaga"), "GOV"),
    (("polda", "polres", "polsek", "kepolisian", "polri", "brimob"), "COP"),
    (("tni", "kodam", "korem", "kodim", "angkatan", "tentara", "pasukan", "militer"), "MIL"),
    (("pengadilan", "mahkamah", "kejaksaan", "kejati", "kejari"), "JUD"),
    (("universitas", "institut", "sekolah", "kampus"), "EDU"),
    (("pt", "bank", "tbk", "perusahaan"), "BUS"),
    (("kantor berita", "harian", "tv", "televisi", "radio", ".com", ".id", "news", "media"), "JRN"),
    (("rumah sakit", "rsud", "rsup", "rsupn", "puskesmas", "klinik", "dinas kesehatan"), "MED"),
)
#: names of Indonesian government bodies by their first words (``Kementerian …``, ``Pemprov …``, ``DPRD …``)
INDONESIAN_BODY = re.compile(r"^(kementerian|kemen|badan|dinas|pemerintah (provinsi|kabupaten|kota)|pemprov|"
                              r"pemkab|pemkot|polda|polres|kodam|dprd|pengadilan negeri|kejaksaan)\b", re.IGNORECASE)

#: Indonesian spellings before 1972 still used in names (``Soesilo`` = Susilo, ``Djoko`` = Joko): old -> new.
OLD_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh"))
