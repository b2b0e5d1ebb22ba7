"""Indonesian words the event argument rules read (:mod:`warta.nlp.events.args`): role nouns for
unnamed actors, words skipped or stopped at in the word windows, titles before names, pronouns, and the
words that mark negation, the future, conditionals, hypotheticals and denials."""

from __future__ import annotations

#: role nouns for unnamed actors beyond warta.lang.id.roles.SECTOR_NOUNS
EXTRA_NOUNS = {"keluarga": "CVL", "orator": "CVL", "negara": "GOV", "entitas": "BUS", "perusahaan": "BUS",
               "pengunjuk": "CVL", "petugas": "COP", "penyidik": "COP", "aparat": "COP", "buruh": "LAB",
               "pekerja": "LAB", "petani": "CVL", "nelayan": "CVL", "tersangka": "CRM", "ulama": "REL",
               "guru": "EDU", "siswa": "EDU", "pedagang": "CVL", "pengemudi": "CVL", "sopir": "CVL", "junta": "MIL",
               "saksi": "CVL", "jemaat": "REL",
               # regional governments by their usual abbreviations
               "pemda": "GOV", "pemkab": "GOV", "pemkot": "GOV", "pemprov": "GOV"}
SKIP_LEFT = frozenset({"telah", "akan", "juga", "tidak", "tak", "belum", "sudah", "pun", "lalu", "lantas", "kemudian",
                       "sempat", "masih", "terus", "kembali", "segera", "langsung", "hanya", "bahkan", "pernah",
                       "sedang", "tengah", "baru", "bisa", "dapat", "ingin", "mau", "harus", "sebelumnya", "saling"})
#: words heading a predicate without being its act: aspect and modals (``akan``, ``telah``, ``harus``) and the adjectives
#: of readiness and willingness (``siap``, ``sanggup``, ``rela``): the trigger ``akan membantu`` is a verb, not a noun
AUXILIARIES = SKIP_LEFT | {"bakal", "hendak", "siap", "sanggup", "rela", "wajib", "perlu", "mesti", "boleh"}
#: Conditionals: "kalau/jika … bertemu" describes no event that happened or was announced; a condition is a clause of
#: its own (``… operasi militer jika Hamas menolak …``)
CONDITIONAL = frozenset({"jika", "bila", "apabila", "kalau", "seandainya", "andaikan"})
STOP = frozenset({"bahwa", ";", ":", "“", "”", '"', "(", ")", "agar", "supaya", "karena", "sehingga", "ketika",
                  "saat", "setelah", "sebelum", "sejak", "namun", "tetapi", "tapi", "meski", "meskipun", "sementara"}
                 | CONDITIONAL)
STOP_RIGHT = frozenset({"bahwa", ";", ",", "karena", "sehingga", "namun", "tetapi", "tapi", "sementara",
                        "ketika", "saat", "setelah", "agar", "supaya", "sejak"} | CONDITIONAL)
#: conjunctions that open a clause of another time (``… usai jembatan itu runtuh pada Sabtu``): a time expression
#: after one of them, later in the sentence than the trigger, dates that clause's act, not the trigger's
TEMPORAL_SUBORDINATORS = frozenset({"setelah", "sesudah", "usai", "seusai", "sebelum", "sejak", "semenjak", "pasca",
                                    "menyusul", "selepas", "sehabis"})
#: conjunctions of simultaneity that open a clause of time as those do (``tewas saat polisi membubarkan …``), unless
#: they mean "now" or "then" (``saat ini``, ``ketika itu``)
WHEN_SUBORDINATORS = frozenset({"saat", "ketika", "sewaktu", "tatkala"})
#: role nouns that are often adjectives (``kemitraan militer``): actors only before a country name
ADJ_LIKE = frozenset({"militer", "media", "negara", "rakyat"})
#: titles and words of titles before a name (``Menteri Luar Negeri X``, ``Pak X``)
NAME_TITLES = frozenset({"presiden", "pemimpin", "menlu", "menteri", "perdana", "pm", "raja", "kanselir", "ketua", "pak",
                         "bapak", "ibu", "bu", "jenderal", "wakil", "luar", "negeri", "sekretaris", "juru", "bicara"})
LOCATIVE_PREPS = frozenset({"di", "dari", "dalam", "pada"})
#: words that open a law's or regulation's name (``RUU Cipta Kerja``, ``UU KPK``, ``Perppu Ormas``): the name
#: after one is the law's, not a party's
LAW_WORDS = frozenset({"ruu", "uu", "undang-undang", "perppu", "perpu", "perpres", "permen", "permendagri", "perda",
                       "pergub", "perwali", "perbup", "inpres", "keppres", "kepres", "pp", "rkuhp", "kuhp",
                       # an international body's charter or resolution (``Piagam PBB``, ``resolusi Dewan Keamanan``)
                       "piagam", "resolusi", "statuta"})
#: words for an election, after which a region names the election's, not a party (``Pilkada Jawa Timur``)
ELECTION_WORDS = frozenset({"pilkada", "pilgub", "pilbup", "pilwalkot", "pileg", "pilpres", "pemilu"})
FIRST_PERSON = frozenset({"saya", "kami", "kita", "aku"})
#: words for the speaker's own side in what they say: the first person, and ``pihaknya`` (``Menurut X, pihaknya telah
#: …``, ``X mengatakan pihaknya …``: X's body; events-id/train makes the speaker its act's source in all 4 such acts)
SPEAKER_WORDS = FIRST_PERSON | {"pihaknya"} | frozenset(w + "nya" for w in (
    # "X mengatakan partainya …", "… negaranya tidak …": the speaker's party, country, troops. events-id/train makes
    # the speaker (or the speaker's party) the source in 4 of the 5 acts with one as the reported clause's subject
    "partai", "negara", "pasukan", "pemerintah", "tim", "jajaran", "kelompok", "lembaga", "institusi", "kementerian",
    "organisasi", "kubu", "koalisi"))
THIRD_SINGULAR = frozenset({"ia", "dia", "beliau"})
#: words that stand for an actor named elsewhere (a pronoun, "kedua pihak", "pihaknya"): an act with one of them as
#: its subject has a doer the sentence does not name
PRO_SUBJECTS = frozenset({*FIRST_PERSON, *THIRD_SINGULAR, "mereka", "keduanya", "pihak", "pihaknya"})
DUAL = {"pemimpin": "PER", "negara": "GPE", "pihak": None, "belah": None, "tokoh": "PER", "presiden": "PER",
        "delegasi": None, "kubu": None}
NEG = frozenset({"tidak", "belum", "bukan", "tak", "tanpa", "batal", "gagal"})
FUTURE = frozenset({"akan", "berencana", "dijadwalkan", "bakal", "rencananya", "hendak", "segera"})
HYPO = frozenset({"jika", "bila", "apabila", "kalau", "bisa", "kemungkinan", "mungkin", "dapat", "seandainya",
                  "diperkirakan"})
#: Obligation: "harus/wajib/seharusnya … menahan" says what ought to be done, not that it was.
OBLIGATION = frozenset({"harus", "wajib", "seharusnya", "semestinya", "mestinya", "sebaiknya", "hendaknya",
                        "sepatutnya", "patut", "mesti"})
DENY = frozenset({"membantah", "menyangkal", "menepis"})
#: Nouns of the charged: an accusation noun right after one is the charge's name (``tersangka dugaan korupsi``), as
#: ``kasus dugaan korupsi`` is a case's (the lexicon's blocker), not an accusation made
CHARGED = frozenset({"tersangka", "terdakwa", "terpidana", "terduga"})
#: Nouns of documents and rules: an act noun right after one names what the document is about (``perjanjian
#: ekstradisi``, ``RUU penyiaran``), not an act (events-id codes none of its 14). A policy can be one: events-id
#: codes ``kebijakan represif`` as the government's act.
DOCUMENT_NOUNS = frozenset({"perjanjian", "traktat", "konvensi", "protokol", "undang-undang", "uu", "ruu", "perppu",
                            "perpu", "peraturan", "aturan", "regulasi", "rancangan", "nota"})
#: Endings of an imperative on a verb root (``hentikan``, ``bebaskanlah``, ``adili``): a clause that opens with
#: one, with no subject, orders the act rather than reporting it.
IMPERATIVE_ENDINGS = ("kan", "lah", "kanlah", "i", "ilah")
#: Verb roots that order on their own (``Tarik pasukan!``, ``Tangkap koruptor!``, ``Usut tuntas!``); roots that
#: are also nouns (``demo``, ``perang``, ``bom``, ``protes``) are left out: a quote may open with the noun.
BARE_IMPERATIVES = frozenset({"tarik", "tangkap", "tolak", "usut", "lawan", "tembak", "bunuh", "serang", "dukung",
                              "bantu", "pecat", "copot", "cabut", "tunda", "hukum"})
#: nouns that, with ``itu``/``tersebut``, point back to the last actor of their kind (``kelompok itu`` after Hamas,
#: ``negara tersebut`` after Iran, ``pria itu`` after a man's name)
BACK_NOUNS = {"kelompok": "ORG", "organisasi": "ORG", "lembaga": "ORG", "partai": "ORG", "perusahaan": "ORG",
              "negara": "GPE", "pria": "PER", "wanita": "PER", "tokoh": "PER"}

#: Lemmas of blocking acts (``memblokir jalan``, ``memblokade``, ``mengepung gedung``): by a civilian crowd, a
#: protest that obstructs (PLOVER PROTEST ``obstruct``), not a state's coercion.
OBSTRUCT_LEMMAS = frozenset({"blokir", "blokade", "kepung"})
