"""Indonesian words the speaker finder reads (:mod:`warta.nlp.quotes.speakers`): pronouns, words that
end a speaker phrase after a cue, and adverbs between a subject and its cue."""

from __future__ import annotations

PRONOUNS = frozenset({"ia", "dia", "beliau", "dirinya"})
#: Words that end the speaker phrase after a cue (``kata X di Jakarta``).
STOP_AFTER = frozenset({"di", "dalam", "saat", "ketika", "setelah", "usai", "seusai", "kepada", "pada", "via",
                        "melalui", "seperti", "yang", ";", ".", "kemarin", "sambil", "sebagaimana", "dikutip"})
#: Words between a subject and its cue that do not break the link (``Kim juga mengatakan``).
ADVERBS = frozenset({"juga", "pun", "telah", "sudah", "kembali", "lalu", "kemudian", "lantas", "hanya",
                     "sempat", "lagi", "akan", "tidak", "justru", "bahkan", "menambahkan", "secara", "tegas"})
