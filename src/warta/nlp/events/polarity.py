"""An event trigger's polarity and modality from the words before it: negated (``tidak bertemu``, ``membantah
menyerang``), announced for the future (``akan bertemu``), hypothetical or conditional (``jika bertemu``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.clause import AFTER_WORDS, JOINS, SPEECH, VERB_FORM_PREFIXES
from warta.lang.id.event_words import BARE_IMPERATIVES, CONDITIONAL, DENY, FUTURE, HYPO, IMPERATIVE_ENDINGS, NEG

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


def _verb_like(word: str) -> bool:
    """A word long enough and prefixed like a verb form (``mengetahui``, ``menculik``), by its letters alone."""
    return len(word) > 5 and word.startswith(VERB_FORM_PREFIXES)


def _negates(near: list[str]) -> bool:
    """Whether a negator among the words just before a trigger negates it: not ``tidak hanya`` (not only), and not
    one that negates a verb in between (``tidak mengetahui isi pembicaraan``: the knowing is denied, not the talks)."""
    for k, w in enumerate(near):
        if w in NEG and near[k + 1:k + 2] != ["hanya"] and not any(_verb_like(b) for b in near[k + 1:]):
            return True
    return False


def _denied(left: list[str]) -> bool:
    """Whether a denial before the trigger (not right before it) covers it: ``membantah telah menyerang``, ``menepis
    tudingan menyerang``, ``membantah menculik dan membunuh``, but not past a conjunction after a denied noun
    (``membantah tuduhan itu dan menuding X``: a second act of the denier) nor before a verb of saying
    (``membantah menargetkan warga dan menyatakan serangan itu …``)."""
    for k, w in enumerate(left[:-1]):
        rest = left[k + 1:]
        joined = [j for j, x in enumerate(rest) if x in JOINS]
        if w in DENY and (not joined or (_verb_like(rest[0])
                                         and not any(rest[j + 1:j + 2] and rest[j + 1] in SPEECH for j in joined))):
            return True
    return False


def _future(near: list[str]) -> bool:
    """Whether a word of the future before the trigger covers it: not past a clause of time between them (``sepakat
    gencatan senjata segera setelah perundingan``: the talks that came first); ``rencana`` only right before it
    (``rencana kunjungan``, not ``Rencana ini didukung``)."""
    return near[-1:] == ["rencana"] or any(w in FUTURE and not AFTER_WORDS.intersection(near[k + 1:])
                                           for k, w in enumerate(near))


def flags(ctx: ArgContext, trig: int, lo: int) -> dict[str, bool]:
    """The trigger's polarity and modality from the words before it in its sentence ``[lo, …)``."""
    left = ctx.lower[max(lo, trig - 8):trig]
    return {"negated": _negates(left[-4:]) or _denied(left),
            "future": _future(left[-5:]),
            "hypothetical": any(w in HYPO for w in left),
            "conditional": any(w in CONDITIONAL for w in left[-6:])}


def imperative(ctx: ArgContext, root: str, start: int, lo: int, quote: dict) -> bool:
    """Whether a trigger in a direct quote is an order: the first word of the quote, of a sentence in it, or of
    a clause after a comma (``“Kepada bapak polisi, tarik pasukan”``), with the trigger row's first lemma ``root``
    as a bare root that orders on its own or with an imperative ending (``“Hentikan serangan!”``)."""
    word = ctx.lower[start]
    if root.startswith("=") or root == "*":
        return False
    opens = start == lo or ctx.lower[start - 1] in ('"', "“", "'", ",") or ctx.idx[start] <= quote["start"] + 1
    return opens and ((word in BARE_IMPERATIVES and word == root) or any(word == root + e for e in IMPERATIVE_ENDINGS))
