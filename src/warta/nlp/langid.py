"""Language identification for whole documents (py3langid, a fast CPU n-gram model).

Decided on the whole document, never per paragraph: single Indonesian paragraphs, especially of
machine-translated text, are often labelled Malay. Indonesian and Malay are close, so when the
model says one of them the choice is settled by words that differ between the two standards
(Indonesian ``karena``, ``setelah``, ``uang``, ``pemerintah``; Malay ``kerana``, ``selepas``,
``wang``, ``kerajaan``); Malay wins only when its words clearly outnumber Indonesian ones.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache

#: Malay-only words a document needs before a "Malay" verdict stands (short texts are unreliable).
MIN_MALAY_WORDS = 3
#: Characters of a document the detector looks at (the start is representative and fast).
SAMPLE_CHARS = 6000

ID_MARKERS = frozenset(
    ["karena", "setelah", "sesudah", "bisa", "uang", "saja", "sekarang", "pemerintah", "tersebut", "kantor", "mengatakan", "menurut", "ketika", "kemarin", "sedang", "belum", "bahwa", "presiden", "polisi", "kepolisian", "nggak", "enggak", "tetapi", "dimana", "namun", "juga", "sudah", "akan", "hingga", "sejumlah"]
)
MS_MARKERS = frozenset(
    ["kerana", "selepas", "boleh", "wang", "sahaja", "kini", "kerajaan", "ialah", "berkata", "hendaklah", "jabatan", "mahkamah", "kenyataan", "manakala", "apabila", "berkuasa", "pejabat-pejabat"]
) - ID_MARKERS
#: Indonesian function words: short texts (a title and a sentence) often fool n-gram models,
#: but a text where these make up a sixth of the words is Indonesian or Malay.
FUNCTION_WORDS = frozenset(
    """yang dan di ke dari ini itu dengan untuk pada dalam akan tidak oleh bahwa juga atau telah sudah para
    kepada saat setelah tersebut adalah bagi serta sebagai antara tentang terhadap hingga masih""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Below this many words the n-gram model is unreliable: a headline like ``KPK menahan Bupati X``
#: comes out Slovenian. Such a text counts as Indonesian when Indonesian or Malay is among the model's
#: three best and a quarter of its words are Indonesian by form (``me-``/``ber-``/``di-`` verbs, ``-kan``
#: verbs, function words, titles; one English ``discuss`` in a sentence is not enough).
SHORT_TEXT_WORDS = 30
_AFFIXED = re.compile(r"^(?:(?:mem|men|meng|meny|me|ber|di|ter|per)[a-z]{3,}|[a-z]{3,}(?:kan|lah))$")

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """ISO 639-1 code, the model's probability, and how Indonesian/Malay was settled."""

    code: str
    probability: float
    note: str | None = None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Detect the language of a whole document."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return LanguageGuess("und", 0.0, "no words")
    with _lock:
        code, prob = _identifier().classify(sample)
    prob = float(prob)
    id_hits = sum(w in ID_MARKERS for w in words)
    ms_hits = sum(w in MS_MARKERS for w in words)
    if code == "ms" and (ms_hits <= id_hits or ms_hits < MIN_MALAY_WORDS):
        return LanguageGuess("id", prob, f"model said Malay; Indonesian words {id_hits} >= Malay words {ms_hits}")
    if code == "id" and ms_hits > 2 * id_hits + 2:
        return LanguageGuess("ms", prob, f"model said Indonesian; Malay words {ms_hits} outnumber {id_hits}")
    function_share = sum(w in FUNCTION_WORDS for w in words) / len(words)
    if code not in ("id", "ms") and (function_share >= 0.15 or (len(words) < 12 and id_hits >= 2)):
        return LanguageGuess("id", prob, f"model said {code!r} but {function_share:.0%} of the words are "
                             "Indonesian function words")
    if code not in ("id", "ms") and len(words) < SHORT_TEXT_WORDS:
        evidence = [w for w in words if _looks_indonesian(w)]
        with _lock:
            runners_up = [c for c, _p in _identifier().rank(sample)[:3]]
        if len(evidence) * 4 >= len(words) and ("id" in runners_up or "ms" in runners_up):
            return LanguageGuess("id", prob, f"short text: model said {code!r}, Indonesian ranked next and "
                                 f"{', '.join(evidence[:3])} read as Indonesian")
    return LanguageGuess(code, prob)


def _looks_indonesian(word: str) -> bool:
    """A word of Indonesian's closed classes or titles, or one built with its verbal affixes."""
    from warta.lang.id.roles import ROLE_WORDS

    return word in FUNCTION_WORDS or word in ID_MARKERS or word in ROLE_WORDS or bool(_AFFIXED.match(word))
