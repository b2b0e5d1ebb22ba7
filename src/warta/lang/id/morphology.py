"""A small rule-based Indonesian affix stripper for matching words against a known lemma set.

``candidates(word)`` lists every stem the word could have under Indonesian morphology
(prefixes me-/mem-/men-/meng-/meny-, ber-, di-, ter-, per-, pe-/pem-/pen-/peng-/peny-, ke-, se-,
suffixes -kan/-i/-an, particles -nya/-lah/-kah/-pun, and the confixes they form), best first:
the word itself, then suffix-only, prefix-only and prefix+suffix stems. ``lemma(word, known)``
picks the first candidate in ``known`` (a lexicon's lemma set), so ``pertemuan`` → ``temu`` and
``menemui`` → ``temu`` while a word the lexicon lists as itself (``tersangka``) stays whole.
No dictionary is needed: a candidate only counts when the lexicon knows it.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiou")
PARTICLES = ("nya", "lah", "kah", "pun")
SUFFIXES = ("kan", "an", "i")
MIN_STEM = 3


def _suffix_stems(word: str) -> list[str]:
    out = [word]
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= MIN_STEM:
            out.append(word[: -len(p)])
    for base in list(out):
        for s in SUFFIXES:
            if base.endswith(s) and len(base) - len(s) >= MIN_STEM:
                out.append(base[: -len(s)])
    return out


def _nasal(rest: str, nasal: str) -> list[str]:
    """Stems behind a nasal prefix remainder (``me``+``nasal``+``rest``)."""
    if not rest:
        return []
    first = rest[0]
    out: list[str] = []
    if nasal == "m":
        if first in "bpfv":  # memvonis, memveto: loan words keep their v
            out.append(rest)
        elif first in VOWELS:
            out += ["p" + rest, rest]
    elif nasal == "n":
        if first in "dcjtz":
            out.append(rest)
        elif first in VOWELS:
            out += ["t" + rest, rest]
    elif nasal == "ng":
        if first in "ghk" or first in VOWELS:
            out.append(rest)
        if first in VOWELS:
            out.append("k" + rest)
    elif nasal == "ny":
        if first in VOWELS:
            out += ["s" + rest, "c" + rest]
    elif first in "lmnrwy":  # plain me-/pe-
        out.append(rest)
    return out


def _prefix_stems(word: str) -> list[str]:
    out: list[str] = []
    for pre in ("me", "pe"):
        if word.startswith(pre):
            rest = word[2:]
            for nasal in ("ng", "ny", "m", "n", ""):
                if rest.startswith(nasal):
                    out += _nasal(rest[len(nasal):], nasal)
                    if nasal:
                        break
            if rest[:1] and rest[0] in "lmnrwy":  # me-/pe- before a sonorant: meminta → minta
                out.append(rest)
            if pre == "me" and rest.startswith("mper"):  # memper-
                out += [rest[4:], rest[1:]]
            if pre == "pe" and rest.startswith("r"):  # per-, pe-
                out.append(rest[1:])
            if pre == "pe" and rest.startswith("l"):  # pel- (pelajar)
                out.append(rest[1:])
    if word.startswith(("menge", "penge")):  # one-syllable stems: mengebom, pengeboman, mengecat
        out.append(word[5:])
    if word.startswith("diper"):
        out.append(word[5:])
    for pre in ("ber", "be", "ter", "di", "ke", "se"):
        if word.startswith(pre):
            out.append(word[len(pre):])
    if word.startswith("bel"):
        out.append(word[3:])
    return [s for s in out if len(s) >= MIN_STEM]


def agent_noun(word: str, stem: str) -> bool:
    """Whether ``word`` is the doer of ``stem``'s act: ``pe(N)-`` with no ``-an`` (``penyerang`` attacker,
    ``pembajak`` hijacker, ``pendukung`` supporter; not ``penyerangan`` the attack, nor ``perang`` itself)."""
    w = word.lower()
    for p in PARTICLES:
        if w.endswith(p) and len(w) - len(p) >= MIN_STEM + 2:
            w = w[: -len(p)]
            break
    return w.startswith("pe") and w != stem and stem in _prefix_stems(w)


@lru_cache(maxsize=65536)
def candidates(word: str) -> tuple[str, ...]:
    """Possible stems of ``word`` (lower-cased), best first, without duplicates."""
    w = word.lower()
    if not w.isalpha() or len(w) < 2:
        return (w,)
    seen: dict[str, None] = {}
    suffixed = _suffix_stems(w)
    for s in suffixed:
        seen.setdefault(s)
    for s in _prefix_stems(w):
        seen.setdefault(s)
    for base in suffixed[1:]:
        for s in _prefix_stems(base):
            seen.setdefault(s)
    return tuple(seen)


def lemma(word: str, known: frozenset[str] | set[str]) -> str:
    """The first candidate of ``word`` in ``known``, else the lower-cased word."""
    for c in candidates(word):
        if c in known:
            return c
    return word.lower()
