"""Closed-class words that mark an argument's role in an Indonesian clause.

Used as features by the learned role scorer (:mod:`warta.nlp.events.roles`): the word before an actor
(``oleh X`` agent, ``kepada/terhadap X`` addressee or patient, ``dari X`` origin, ``antara X dan Y``
parties), the word after it (``X mengatakan``, ``X yang …``), and what lies between actor and trigger;
by the arguments read from the parse (:mod:`warta.nlp.events.syntax`): the case words of obliques, the
conjunctions of requested clauses and quantifiers; and by the event coder (:mod:`warta.nlp.events.component`):
purpose conjunctions and demonstratives.
"""

from __future__ import annotations

#: words before an actor that say how it relates to the predicate (prepositions, conjunctions, markers)
BEFORE_ACTOR = frozenset({
    "oleh", "dari", "kepada", "terhadap", "dengan", "ke", "di", "pada", "atas", "bagi", "untuk", "antara",
    "melawan", "menentang", "bersama", "dan", "serta", "atau", "yang", "bahwa", "kata", "ujar", "menurut",
    "para", "pihak", "kubu", "pemerintah", "pasukan", "tentara", "polisi", ",", "(", "“", '"', ":",
})
#: words after an actor that say what it does next
AFTER_ACTOR = frozenset({
    "yang", "dan", "serta", ",", ".", "(", "”", '"', "mengatakan", "menyatakan", "menyebut", "menegaskan",
    "menilai", "telah", "akan", "juga", "tidak", "tak", "belum", "sudah", "pun", "untuk", "di", "ke", "dari",
    "dengan", "kepada", "terhadap", "itu", "ini", "tersebut", "sendiri",
})
#: speech verbs after a quote or before reported speech
SPEECH = frozenset({"kata", "ujar", "ucap", "tutur", "jelas", "imbuh", "tambah", "mengatakan", "menyatakan",
                    "menegaskan", "menyebut", "menyebutkan", "menilai", "menjelaskan", "mengungkapkan"})

#: demonstratives after a noun: ``pertemuan itu``, ``serangan tersebut`` refer to something named before
DEMONSTRATIVES = frozenset({"itu", "ini", "tersebut"})
#: words after which an act is the time of another (``seusai pertemuan``, ``setelah serangan``): an act already done,
#: reported where it happened, not a new one
AFTER_WORDS = frozenset({"setelah", "sesudah", "usai", "seusai", "selepas", "sehabis", "pasca", "menyusul"})
#: prefixes of verb forms (``menolak itu``, ``bertemu ini`` are not noun phrases; ``memper-``/``diper-`` start so too)
VERB_FORM_PREFIXES = ("me", "ber", "di", "ter")
#: common words that start like a verb form but are prepositions, adverbs, determiners, pronouns or nouns (titles such
#: as ``menteri`` and ``direktur`` are in :data:`warta.lang.id.roles.ROLE_WORDS`)
NOT_VERBS = frozenset("""
    terhadap termasuk terutama tersebut terkait tertentu terakhir terlebih memang menurut mengenai melalui bersama
    berbagai berdasarkan beserta dirinya diantaranya dimana disertai dinas diri dia mereka media medan menit meter
    metode mesin berita teror teroris terminal diskusi distrik divisi diplomat diplomasi direksi dirjen dingin
""".split())

#: prepositions that mark an argument of a verb in the parse (``kepada X`` addressee, ``oleh X`` agent, ``dari X`` origin)
TARGET_CASES = frozenset({"dengan", "kepada", "terhadap", "atas", "ke", "pada", "bagi", "melawan", "menentang"})
AGENT_CASES = frozenset({"oleh"})
SOURCE_CASES = frozenset({"dari"})
#: prepositions of a place attached to a verb (``di X``, ``ke X``)
PLACE_CASES = frozenset({"di", "ke", "pada", "dalam"})
#: Conjunctions that open the clause a request asks for (``meminta agar/supaya X …``).
DIRECTIVE_MARKS = frozenset({"agar", "supaya", "untuk", "biar", "bahwa"})
#: Determiners that count or quantify a noun phrase (``semua warga``, ``sejumlah nama``).
QUANTIFIERS = frozenset({"semua", "seluruh", "segenap", "sejumlah", "beberapa", "banyak", "para", "setiap", "tiap",
                         "sebagian", "puluhan", "ratusan", "ribuan", "berbagai"})
#: conjunctions of purpose before a verb (``untuk menyerang``: an aim, not an act)
PURPOSE = frozenset({"untuk", "guna", "agar", "supaya"})
#: prepositions of a topic: an act of harm or force named after them is what something is about (``memeriksa saksi
#: terkait penyerangan X``), done by whoever is named with it, not by the clause's subject (a decision's maker
#: still is: ``keputusan Presiden terkait pergantian Kapolri``)
TOPIC_WORDS = frozenset({"terkait", "soal", "tentang", "mengenai", "perihal"})
#: verbs of responding: the act they take as their object is another's (``menanggapi gugatan tersebut``, ``merespons
#: nota protes itu``; events-id/train has 3 such phrases: in two the act is another's, the third codes the response
#: itself as the responder's rejection)
RESPONSE_VERBS = frozenset({"menanggapi", "merespons", "merespon", "menyikapi"})
#: words between a topic preposition and the act it names (``terkait dengan kasus dugaan penyerangan …``)
TOPIC_FILLERS = frozenset({"dengan", "kasus", "dugaan", "adanya", "aksi"})
#: verbs and nouns of discussing: what they take as their object is a topic, not an act (``membahas gencatan
#: senjata``, ``perundingan gencatan senjata``: events-id codes no ceasefire after either of its 2 such talks)
DISCUSS = frozenset({"membahas", "dibahas", "membicarakan", "dibicarakan", "mendiskusikan", "didiskusikan",
                     "merundingkan", "dirundingkan", "menegosiasikan", "dinegosiasikan", "memperbincangkan",
                     "perundingan", "negosiasi", "pembahasan", "pembicaraan", "diskusi", "berbicara"})
#: prepositions whose object is a place, a recipient or a beneficiary: never the doer of a passive act
NOT_AGENT_PREPS = frozenset({"di", "ke", "dari", "kepada", "untuk", "bagi", "pada", "dengan", "terhadap", "atas", "menuju"})
#: prepositions of a route or channel (``mengirim bantuan melalui Mesir``, ``menyampaikan lewat juru bicara``): what
#: follows is never a party (events-id: 25 such phrases, none naming one)
ROUTE_PREPS = frozenset({"melalui", "lewat", "via"})
#: nouns of a channel between a route preposition and its name (``melalui juru bicaranya X``, ``lewat akun X``,
#: ``melalui platform X``): the name is the channel too
CHANNEL_WORDS = frozenset({"juru", "bicara", "bicaranya", "jubir", "jubirnya", "platform", "akun", "media", "sosial",
                           "situs", "laman", "stasiun", "televisi", "saluran", "unggahan", "cuitan"})
#: words that join a second predicate or clause (``X membantah tuduhan itu dan menuding Y``)
JOINS = frozenset({"dan", "serta", ",", "lalu", "kemudian", "namun", "tetapi", "tapi", "sedangkan"})
