"""Indonesian role nouns: which KB role a phrase names and which sector its holder belongs to.

``ROLE_PHRASES`` maps a lower-case role phrase (as written before a country, organisation or
name: ``Presiden Rusia``, ``Menlu AS``, ``pemimpin Korea Utara``) to the knowledge-base role it
names (see ``warta.nlp.kb`` role vocabulary) or None when it only tells the sector. ``SECTOR_NOUNS``
give the sector of an unnamed or unknown holder (``tentara`` → MIL).
"""

from __future__ import annotations

#: phrase → (kb role or None, sector). Longest phrases are matched first.
ROLE_PHRASES: dict[str, tuple[str | None, str]] = {
    "presiden": ("head_of_state", "GOV"),
    "kepala negara": ("head_of_state", "GOV"),
    "pemimpin": ("leader", "GOV"),
    "pemimpin tertinggi": ("leader", "GOV"),
    "pemimpin tertinggi korea utara": ("leader", "GOV"),
    "raja": ("head_of_state", "GOV"),
    "ratu": ("head_of_state", "GOV"),
    "emir": ("head_of_state", "GOV"),
    "sultan": ("head_of_state", "GOV"),
    "kaisar": ("head_of_state", "GOV"),
    "wakil presiden": ("vice_president", "GOV"),
    "wapres": ("vice_president", "GOV"),
    "perdana menteri": ("head_of_government", "GOV"),
    "pm": ("head_of_government", "GOV"),
    "kanselir": ("head_of_government", "GOV"),
    "kepala pemerintahan": ("head_of_government", "GOV"),
    "menteri luar negeri": ("foreign_minister", "GOV"),
    "menlu": ("foreign_minister", "GOV"),
    "menteri pertahanan": ("defence_minister", "GOV"),
    "menhan": ("defence_minister", "GOV"),
    "sekretaris negara": ("foreign_minister", "GOV"),  # the US Secretary of State, as translated
    "menteri": (None, "GOV"),
    "menteri sekretaris negara": (None, "GOV"),
    "mensesneg": (None, "GOV"),
    "menteri koordinator": (None, "GOV"),
    "menko": (None, "GOV"),
    "gubernur": ("governor", "GOV"),
    "wali kota": (None, "GOV"),
    "walikota": (None, "GOV"),
    "bupati": (None, "GOV"),
    "juru bicara": ("spokesperson", "GOV"),
    "jubir": ("spokesperson", "GOV"),
    "duta besar": (None, "GOV"),
    "dubes": (None, "GOV"),
    "ketua": ("chair", "GOV"),
    "panglima": ("commander", "MIL"),
    "jenderal": (None, "MIL"),
    "kapolri": ("police_chief", "COP"),
    "kapolda": (None, "COP"),
    "kapolres": (None, "COP"),
    "kapolresta": (None, "COP"),
    "kapolrestabes": (None, "COP"),
    "kapolsek": (None, "COP"),
    "hakim": (None, "JUD"),
    "jaksa": (None, "JUD"),
    "anggota dpr": (None, "LEG"),
    "senator": (None, "LEG"),
    "sekjen": ("secretary_general", "IGO"),
    "sekretaris jenderal": ("secretary_general", "IGO"),
}

#: Words before a place name that make it a location rather than a government (``di Moskow``).
PLACE_CUES = frozenset({"di", "ke", "dari", "menuju", "kota", "ibu kota", "ibukota", "sekitar", "dekat",
                      "wilayah", "kawasan", "tiba", "berada"})

#: Honorifics that precede a name and are not part of it.
HONORIFICS = frozenset({"pak", "bapak", "bu", "ibu", "mas", "mbak", "bung", "kak", "tuan", "nyonya", "sdr", "saudara"})

#: Nouns for unnamed actors → sector.
SECTOR_NOUNS: dict[str, str] = {
    "pemerintah": "GOV", "pejabat": "GOV", "menteri": "GOV", "presiden": "GOV", "diplomat": "GOV",
    "ajudan": "GOV", "kementerian": "GOV", "wapres": "GOV",
    "kapolri": "COP",  # a national office named without its holder ("meminta Kapolri mengevaluasi …")
    "tentara": "MIL", "pasukan": "MIL", "militer": "MIL", "prajurit": "MIL", "angkatan": "MIL",
    "polisi": "COP", "kepolisian": "COP", "aparat": "COP",
    "hakim": "JUD", "pengadilan": "JUD", "jaksa": "JUD", "mahkamah": "JUD",
    "parlemen": "LEG", "legislator": "LEG", "anggota dewan": "LEG",
    "mahasiswa": "EDU", "pelajar": "EDU", "dosen": "EDU", "universitas": "EDU",
    "demonstran": "CVL", "warga": "CVL", "pengunjuk rasa": "CVL", "massa": "CVL", "penduduk": "CVL",
    "rakyat": "CVL", "aktivis": "CVL",
    "pemberontak": "REB", "militan": "REB", "gerilyawan": "REB", "separatis": "REB",
    "wartawan": "JRN", "jurnalis": "JRN", "media": "JRN",
    "dokter": "MED", "perawat": "MED", "nakes": "MED", "bidan": "MED",
    "perusahaan": "BUS", "pengusaha": "BUS",
    "partai": "PTY",
}

#: Words shaped like verbs that describe a group after its noun (``pihak berwenang Serbia``, ``kelompok bersenjata``,
#: ``pihak yang bertikai``): part of the group's name, not a predicate.
GROUP_ADJECTIVES: frozenset[str] = frozenset({
    "berwenang", "berwajib", "bersenjata", "bertikai", "berseteru", "berkuasa", "berkepentingan", "terkait",
})

#: Words before a client's name (``kuasa hukum Budi``, ``pengacara Budi``): the client is on the lawyer's side.
CLIENT_OF: frozenset[str] = frozenset({"hukum", "pengacara", "advokat", "klien"})

#: Nouns of people named after where they live (``warga Desa X``, ``penduduk Bekasi``): the name is a place.
RESIDENTS: frozenset[str] = frozenset({"warga", "penduduk", "masyarakat"})

#: Nouns naming unnamed people or groups ("dua tersangka", "puluhan pendukungnya", "para kader"): an event
#: argument headed by one of these (or by a SECTOR_NOUNS word) is an actor even without a name.
GROUP_NOUNS: frozenset[str] = frozenset({
    "orang", "korban", "anggota", "kader", "pihak", "kelompok", "pendukung", "pelaku", "tersangka", "terdakwa",
    "terpidana", "tahanan", "sandera", "pengungsi", "anak", "perempuan", "pria", "wanita", "personel", "petugas",
    "petani", "buruh", "pekerja", "nelayan", "jemaah", "santri", "pegawai", "karyawan", "staf", "relawan",
    "pimpinan", "pengurus", "keluarga", "tokoh", "delegasi", "utusan", "negara", "pemimpin", "warganet",
    "simpatisan", "penumpang", "siswa", "guru", "dokter", "pasien", "penyidik", "penyelidik", "pengacara",
    "masyarakat", "publik", "umat", "kalangan", "elemen", "komunitas", "sekutu", "pasangan", "calon", "kandidat",
    "perwakilan", "wakil", "pejuang", "penculik", "penyerang", "pembunuh", "majelis", "lembaga", "organisasi",
    "koalisi", "fraksi", "oposisi", "rezim", "otoritas", "penguasa", "pengunjung", "peserta", "penduduk",
    # committees, teams, camps and their people (events-id/train names each as a party several times)
    "panitia", "tim", "kubu", "kontingen", "pansus", "parpol", "politisi", "politikus", "pegiat", "petinggi",
    "sipir", "milisi", "musuh", "lawan", "departemen", "kaum",
    # witnesses questioned, congregations attacked (events-id/train names "saksi" as a party twice)
    "saksi", "jemaat",
})

#: Group nouns of people an event only ever happens to: witnesses are questioned, they question no one (events-id
#: names "saksi" as a target twice and never as a source; "menurut keterangan saksi" reports, it does not act)
PATIENT_ONLY: frozenset[str] = frozenset({"saksi"})

#: Words of role, title and portfolio phrases (``Menteri Pemuda dan Olahraga``, ``Deputi Bidang
#: Kemaritiman``, ``Juru Bicara``): a person's name never starts with one of them. Lower case.
ROLE_WORDS: frozenset[str] = frozenset("""
    presiden wapres menteri menlu menhan menko mensesneg menkeu mendagri menkes menag mendikbud menpora
    perdana kanselir gubernur wagub bupati wabup walikota camat lurah kapolri kapolda kapolres kapolsek
    kasad kasal kasau kastaf panglima pangdam danrem dandim komandan komisaris direktur dirut deputi asisten
    sekretaris sekjen sesjen juru bicara jubir duta dubes konsul atase ketua wakil kepala kabid kadis kasubdit
    kabag kadiv kasat kajati kajari komisioner rektor dpp dpw dpd dpc plt plh pelaksana jenderal letjen mayjen
    brigjen marsekal kolonel senator jaksa
    anggota pemimpin kaisar pangeran staf bidang urusan koordinator kementerian
    luar negeri pertahanan keamanan keuangan perdagangan perindustrian pertanian kesehatan pendidikan
    kebudayaan agama sosial hukum ham politik pemuda olahraga kemaritiman maritim investasi perekonomian
    pembangunan energi lingkungan kehutanan perhubungan pariwisata ketenagakerjaan komunikasi informatika
    perumahan perencanaan pemerintahan kependudukan kelautan perikanan transmigrasi kemanusiaan
    kebijakan eksekutif operasional gabungan polhukam marves pmk kumham ekuin kesra infrastruktur pangan
    umum irjen komjen kombes akbp kompol akp iptu ipda aiptu bripka briptu laksma laksda laksdya marsma marsda marsdya
    letkol kapten mayor letnan sersan kopral bripda brigpol aipda bharada bharatu bharaka polwan
""".split())

#: Role words that are also common name words (``Agung Laksono``, ``Raja Juli Antoni``, ``Eko Putra``):
#: taken as part of a role only right after another role word (``Jaksa Agung``, ``Duta Besar``).
ROLE_WORDS_AFTER_ROLE: frozenset[str] = frozenset("""
    besar agung raja ratu sultan putra mahkota muda madya utama tinggi dalam khusus daya hidup desa
    tertinggi senior negara dan hakim laksamana emir terpilih pol kabinet
""".split())

#: Police and military ranks written before a name, as abbreviations (``AKBP Budi``, ``Irjen Karyoto``): never
#: part of an organisation's name, so an organisation span running into one ends there.
RANK_ABBREVIATIONS: frozenset[str] = frozenset("""
    irjen komjen kombes akbp kompol akp iptu ipda aiptu aipda bripka briptu bripda brigpol bharada brigjen mayjen
    letjen laksda laksma laksdya marsda marsma marsdya letkol
""".split())
#: The same ranks written out (``Inspektur Jenderal``, ``Komisaris Besar``).
RANK_PHRASES: frozenset[str] = frozenset({
    "inspektur jenderal", "brigadir jenderal", "komisaris jenderal", "komisaris besar", "ajun komisaris besar",
    "ajun komisaris",
    "mayor jenderal", "letnan jenderal", "letnan kolonel", "laksamana muda", "laksamana madya", "marsekal muda",
    "marsekal madya",
})


#: The service a rank before a name belongs to: police (``AKBP``, ``Kombes``, ``Komisaris Besar``) or armed forces
#: (``Letkol``, ``Mayor Jenderal``). Ranks both use (``Brigjen``, ``Jenderal``) name the police only with ``Pol``
#: after them (``Brigjen Pol X``) and the armed forces only with ``TNI``; otherwise they give no sector.
POLICE_RANKS: frozenset[str] = frozenset({
    "irjen", "komjen", "kombes", "akbp", "kompol", "akp", "iptu", "ipda", "aiptu", "aipda", "bripka", "briptu",
    "bripda", "brigpol", "bharada", "bharatu", "bharaka", "inspektur jenderal", "komisaris jenderal",
    "komisaris besar", "ajun komisaris besar", "ajun komisaris",
})
MILITARY_RANKS: frozenset[str] = frozenset({
    "mayjen", "letjen", "laksda", "laksma", "laksdya", "marsda", "marsma", "marsdya", "letkol", "kolonel", "mayor",
    "serka", "serma", "sertu", "pratu", "prada", "praka", "letda", "lettu", "mayor jenderal", "letnan jenderal",
    "letnan kolonel", "laksamana muda", "laksamana madya", "laksamana pertama", "marsekal muda", "marsekal madya",
    "marsekal pertama",
})
SHARED_RANKS: frozenset[str] = frozenset({"brigjen", "jenderal", "brigadir jenderal"})
#: Corps written after an armed-forces rank (``Letkol Inf X``, ``Kolonel Czi X``, ``Mayor Pnb X``).
CORPS: frozenset[str] = frozenset("""
    inf kav arm arh czi cpn cpm chk ckm caj cba chb cke cku psk mar pnb tek kes adm lek
""".split())

#: Every word of a rank, a corps or a service mark (``irjen``, ``komisaris``, ``besar``, ``inf``, ``pol``): the words
#: between a title's body and the name of its holder (``Kapolres Bogor AKBP Rudi``, ``Kepala Staf TNI AD Jenderal X``)
RANK_TOKENS: frozenset[str] = frozenset(w for rank in POLICE_RANKS | MILITARY_RANKS | SHARED_RANKS
                                        for w in rank.split()) | CORPS | {"pol", "polisi", "tni"}


def rank_sector(words: list[str]) -> str | None:
    """``COP`` or ``MIL`` when the lower-case ``words`` end on a police or military rank (the words right before a
    name: ``… kapolres metro jakarta pusat kombes``, ``… brigjen pol``), else None."""
    service = None
    if words and words[-1] in CORPS:
        service, words = "MIL", words[:-1]
    elif words and words[-1] in ("pol", "polisi", "tni"):
        service = "COP" if words[-1] != "tni" else "MIL"
        words = words[:-1]
    for size in (3, 2, 1):
        rank = " ".join(words[-size:]) if len(words) >= size else ""
        if rank in POLICE_RANKS:
            return "COP"
        if rank in MILITARY_RANKS:
            return "MIL"
        if rank in SHARED_RANKS:
            return service
    return None


def rank_length(words: list[str]) -> int:
    """How many of the lower-case ``words`` a police or military rank opening them takes (``akbp``: 1, ``ajun
    komisaris besar``: 3), else 0."""
    if words[:1] and words[0] in RANK_ABBREVIATIONS:
        return 1
    return next((size for size in (3, 2) if " ".join(words[:size]) in RANK_PHRASES), 0)

