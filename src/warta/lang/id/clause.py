"""Closed-class words that mark an argument's role in an Indonesian clause.

Used as features by the learned role scorer (:mod:`warta.nlp.events.roles`): the word before an actor
(``oleh X`` agent, ``kepada/terhadap X`` addressee or patient, ``dari X`` origin, ``antara X dan Y``
parties), the word after it (``X mengatakan``, ``X yang …``), and what lies between actor and trigger.
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
#: prefixes of verb forms (``menolak itu``, ``bertemu ini`` are not noun phrases)
VERB_PREFIXES = ("me", "ber", "di", "ter", "memper", "diper")
