"""Acts viewed by others: a nominal act right after a verb of judging, asking or supporting (``X mengecam
penangkapan Y``, ``X menuntut pembebasan Y``, ``X mendukung invasi``) or after a topic preposition
(``memeriksa saksi terkait penyerangan X``) is not the viewer's own act. A statement reported as coming from
someone (``Kecaman juga datang dari X``, ``Kritik serupa disampaikan X``) is X's (:func:`voiced_by`)."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from warta.lang.id.clause import DEMONSTRATIVES
from warta.nlp.events import args as arg_rules
from warta.nlp.events.forms import about, noun_phrase_end, responded, verb_form
from warta.nlp.events.kinds import CLAIMS, COMMITS, VIEWS
from warta.nlp.events.merge import others

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext
    from warta.nlp.events.lexicon import Trigger

#: words between a statement's noun and the words saying whose it is (``Kritik [serupa] [juga] datang dari X``)
ECHO_WORDS = frozenset({"juga", "pun", "serupa", "senada", "yang", "sama", "tersebut", "itu", "keras", "lain"})
#: verbs of a statement coming from someone (``datang dari X``, ``disampaikan (oleh) X``)
VOICED_BY = (("datang", "dari"), ("muncul", "dari"), ("disampaikan",), ("dilontarkan",), ("dilayangkan",),
             ("diungkapkan",), ("dikemukakan",))
#: words after which the next name is whom the statement is addressed to, or where, not who voices it
NOT_VOICE = frozenset({"kepada", "ke", "di", "pada", "melalui", "dalam", "saat", "untuk", "terhadap"})


#: rows of denying: denying having done something is aimed at the accuser, not at the clause's object
DENIALS = frozenset({"bantah", "sangkal", "tepis"})
#: words that open the clause of what is denied (``membantah [telah] menargetkan …``)
DONE_WORDS = frozenset({"telah", "sudah", "pernah", "ikut", "turut", "sengaja"})


def denies_doing(lower: list[str], end: int, hi: int) -> bool:
    """Whether a denial ending at ``end`` goes on with what the denier is said to have done (``membantah telah
    menargetkan permukiman warga``, ``menyangkal menerima suap``)."""
    k = end
    while k < hi and lower[k] in DONE_WORDS:
        k += 1
    return k < hi and (k > end or verb_form(lower[k]))


def voiced_by(lower: list[str], end: int, hi: int) -> int | None:
    """Where the name of the one voicing the statement whose noun ends at ``end`` begins (``Kecaman juga datang dari
    [Presiden X]``, ``Protes itu disampaikan [X] kepada Y``), else None."""
    k = end
    while k < hi and k - end < 3 and lower[k] in ECHO_WORDS:
        k += 1
    for words in VOICED_BY:
        if tuple(lower[k:k + len(words)]) == words:
            k += len(words)
            k += k < hi and lower[k] == "oleh"
            return k if k < hi and lower[k] not in NOT_VOICE else None
    return None


def _only_before(ctx: ArgContext, actor: dict, lo: int, start: int, end: int, hi: int) -> bool:
    """Whether ``actor`` is named in ``[lo, start)`` and not in ``[end, hi)``."""
    eid = actor.get("entity")
    if eid is not None:
        spans = [s for s, _e, e in ctx.mentions[bisect_left(ctx.starts, lo):bisect_left(ctx.starts, hi)] if e == eid]
        return any(lo <= s < start for s in spans) and not any(end <= s < hi for s in spans)
    head = actor["name"].split()[0].lower()
    return head in ctx.lower[lo:start] and head not in ctx.lower[end:hi]


def viewed(ctx: ArgContext, prev: list, tr: Trigger, start: int, end: int, lo: int, hi: int, src: list[dict],
           tgt: list[dict], *, nominal: bool) -> tuple[list[dict], list[dict]]:
    """The source and target of the trigger at ``[start, end)`` once a view of it is taken into account.

    ``prev``: the sentence's earlier trigger matches (trigger, start, end). Only a doer named in the noun's own
    phrase is the viewed act's source (``… penangkapan Y oleh polisi``; ``mengecam penyerangan itu dan meminta aparat
    …`` names none), and the viewer, who judges it, is not whom it was done to. A claim after a view is the viewer's
    (``menilai ada kecurangan``), but not one denied (``X membantah tudingan …``: others accused X) nor another's act
    (``menilai penetapan tersangka …``).
    """
    if tr.pattern[0] in DENIALS and denies_doing(ctx.lower, end, hi):
        return src, []  # "Moskow membantah telah menargetkan permukiman warga": the residents are not denied anything
    if not nominal:
        return src, tgt
    if (k := voiced_by(ctx.lower, end, hi)) is not None and (voice := arg_rules.objects(ctx, k, hi)):
        # "Kecaman juga datang dari X": X criticises; "disampaikan X kepada Y": Y is criticised
        told = next((j for j in range(k, hi) if ctx.lower[j] == "kepada"), None)
        return voice, arg_rules.objects(ctx, told + 1, hi) if told is not None else []
    # an active view verb right before (a headline's bare verb is active: "Indonesia Kecam Serangan …")
    viewer = next(((p, p_s) for p, p_s, p_end in prev if p.type in VIEWS and p.pattern[0] not in COMMITS
                   and (ctx.lower[p_s].startswith("me") or ctx.idx[p_s] < ctx.title_end)
                   and 0 <= start - p_end <= 1), None)
    word = ctx.lower[start]
    if not (about(ctx.lower, start, lo, tr.type) or (viewer is not None and (
            tr.type not in CLAIMS or viewer[0].type == "REJECT" or (word.startswith("pe") and tr.voice != "reported")))):
        # "X tidak senang dengan serangan tersebut": an act told before, not X's (events-id codes the doer of none of
        # its such nouns from a name before them, only from one after: "Ajakan itu disampaikan Wapres", or the speaker)
        if end < hi and ctx.lower[end] in DEMONSTRATIVES:
            return [a for a in src if not _only_before(ctx, a, lo, start, end, hi)], tgt
        return src, tgt
    stop = noun_phrase_end(ctx.lower, end, hi)
    after = {eid for _s, _t, eid in ctx.mentions[bisect_left(ctx.starts, end):bisect_left(ctx.starts, stop)]}
    own = "mereka" in ctx.lower[end:stop]  # "tuntutan mereka": their own act, whoever they are
    src = [a for a in src if own or a.get("entity") in after
           or (not a.get("entity") and a["name"].split()[0].lower() in ctx.lower[end:stop])]
    if not src and (k := next((k for k in range(end, stop) if ctx.lower[k] == "oleh"), None)) is not None:
        src = arg_rules.objects(ctx, k + 1, stop)  # "mengecam penangkapan petani oleh aparat"
    viewers = arg_rules.subject(ctx, viewer[1] if viewer else start, lo)
    if responded(ctx.lower, start, lo):  # "Kementerian tidak menanggapi tuntutan mereka": the demand was made of it
        return src, tgt or viewers
    return src, others(tgt, viewers)  # "Pemerintah Indonesia" too is the viewer Indonesia
