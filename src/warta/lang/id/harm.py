"""Indonesian words that report harm to people or things (general vocabulary, not taken from any corpus).

Used by the event coder to find who an attack hit when the attack is a noun: ``serangan X menewaskan
tiga orang`` (the object of a harming verb whose subject is the attack) or ``dua warga tewas dalam
serangan X`` (the subject of a casualty verb that the attack is an oblique of).
"""

from __future__ import annotations

#: Transitive verbs whose object the subject harmed (``menewaskan``, ``melukai`` …), in the forms news uses.
HARMING_VERBS = frozenset({
    "menewaskan", "membunuh", "melukai", "mencederai", "menghantam", "mengenai", "menghancurkan", "merusak",
    "menyasar", "menargetkan", "menimpa", "merenggut", "memakan",
})

#: Intransitive verbs and adjectives whose subject suffered harm (``tewas``, ``terluka`` …).
CASUALTY_WORDS = frozenset({
    "tewas", "terluka", "luka", "luka-luka", "cedera", "meninggal", "terbunuh", "hancur", "rusak", "tertembak",
    "gugur", "korban", "menjadi",
})

#: Case markers of the phrase that names the harm's cause (``tewas dalam serangan``, ``akibat serangan``).
CAUSE_CASES = frozenset({"dalam", "akibat", "oleh", "karena", "saat", "ketika"})
