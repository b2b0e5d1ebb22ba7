"""Common Indonesian words that open sentences or quotes with a capital letter and are never
names on their own (``Tolong``, ``Namun``, ``Kami``). A one-word mention from the statistical
model that is one of these is dropped, and they never count as part of a name."""

from __future__ import annotations

COMMON_CAPITALISED = frozenset(
    """tolong mohon silakan kami saya kita mereka anda ia dia beliau ini itu jika kalau bila apabila namun tetapi
    tapi dan atau serta karena sebab sehingga maka lalu kemudian selanjutnya sementara sedangkan sebelumnya
    setelah sesudah usai sejak hingga sampai ketika saat selama meski meskipun walaupun walau bahkan padahal
    menurut berdasarkan terkait soal mengenai tentang dalam di ke dari pada untuk bagi dengan oleh kepada
    terhadap tanpa ada tidak bukan belum sudah telah akan masih juga hanya pun semua seluruh setiap para
    sejumlah beberapa banyak sebagian kedua ketiga pertama terakhir yang apa siapa mengapa kenapa bagaimana
    kapan dimana berapa ya oke baik terima kasih selamat pak bu bapak ibu mas mbak kata ujar
    sebagai selain termasuk yakni yaitu adapun sedang lagi terus kini sekarang nanti besok kemarin tadi
    demikian begitu begini tersebut hal kabar berita anggota dunia nasional internasional redaksi editor
    reporter penulis sumber foto video baca simak lihat kurang lebih sekitar hampir tentu memang jadi sayangnya
    untungnya sebenarnya tampaknya rupanya intinya awalnya akhirnya pasalnya alhasil lantaran nah wah ayo""".split()
)

#: Words before a nationality that make it a group of people (``warga Palestina``).
GROUP_NOUNS = frozenset(
    """warga orang bangsa rakyat etnis suku umat kaum masyarakat komunitas keturunan pemeluk penganut kelompok
    pasukan tentara militer pejabat negara-negara""".split()
)

#: Counted nouns that measure (time, frequency, amounts, units), never a group of people: ``dua kali``
#: (twice), ``tiga hari``, ``50 persen`` head a counted phrase but name no actor.
MEASURE_NOUNS = frozenset(
    """kali detik menit jam hari pekan minggu bulan tahun abad dekade windu persen ton kg kilogram gram km
    kilometer meter hektare hektar liter unit buah lembar ekor titik kasus rupiah dolar euro yen triliun miliar
    juta ribu putaran tahap babak""".split()
)

#: Currency words a country's name follows as part of the currency (``dolar AS``, ``dolar Singapura``, ``yuan
#: China``; idner tags that country O). Lower case.
CURRENCY_WORDS = frozenset("dolar dollar euro yen yuan renminbi won ringgit peso rupee rupe baht pound poundsterling franc "
                           "riyal rial dinar lira rubel".split())

#: Diseases and their agents, never a person or a body (``Covid-19``, ``Ebola``; idner tags them O): a model
#: mention made only of these words (and numbers, hyphens) is dropped. Lower case.
DISEASE_NAMES = frozenset(
    """covid covid-19 covid19 corona korona sars sars-cov-2 mers ebola hiv aids dbd malaria tbc polio cacar
    influenza omicron mpox antraks rabies kolera difteri""".split()
)

#: Acronyms of things, documents, programmes and policies, never a person or a body (idner tags ``BBM``, ``APBN``,
#: ``KTP``, ``UMKM`` O): a model mention that is one of them is dropped. Lower case.
THING_ACRONYMS = frozenset(
    """bbm apbn apbd ktp kk sim stnk npwp nik umkm ukm psbb ppkm pcr apd odp pdp otg skck blt bansos kur csr pdb
    ppn pph ump umr""".split()
)

#: words of a law or draft law before its name (``RUU Penyiaran``, ``UU Cipta Kerja``, ``Undang-Undang Caesar``,
#: ``Perppu Ormas``): the name after one is the law's, not a place, a person or a body
LAW_WORDS = frozenset({"ruu", "uu", "undang-undang", "perppu", "perda", "raperda", "perpres", "inpres", "keppres"})
