"""Names in a clause's parenthesis, never a party of the act that follows: who reports it in an aside
(``Partai X, kata [Budi], menolak …``) or after ``menurut`` (:func:`according`), who is named in a relative clause
about the subject (``X, yang didampingi [Y], menyambut …``), and a news outlet reporting it
(``Kantor berita X melaporkan …``). Used by
the argument rules (:mod:`warta.nlp.events.args`), the role scorer's candidates (:mod:`warta.nlp.events.roles`) and
the event coder."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING

from warta.lang.id.morphology import candidates

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


@cache
def _after_cues() -> frozenset[str]:
    """Speech cues that follow what is said (``…, kata X``), from ``data/cues.tsv``."""
    from warta.nlp.quotes.component import load_cues

    return frozenset(f for f, c in load_cues().items() if c.kind == "speech" and c.position in ("after", "both"))


def aside(ctx: ArgContext, m: tuple[int, int, str], start: int) -> int | None:
    """The comma opening an aside that names the person ``m`` only as the one reporting the clause of the
    trigger at ``start`` (``Partai X, kata [Budi], menolak …``; ``Karena itu, [Budi] melanjutkan, partainya …``),
    else None. The reporter is the speaker, not a party of the act reported."""
    s, e, eid = m
    if ctx.ents[eid].get("type") != "PER" or s < 3 or e >= start or e >= len(ctx.lower):
        return None
    cues = _after_cues()
    if ctx.lower[s - 1] in cues and ctx.lower[s - 2] == "," and ctx.lower[e] == ",":
        opened = s - 2  # ", kata Budi,"
    elif e + 1 < start and ctx.lower[e + 1] == "," and ctx.lower[s - 1] == "," and _speech_verb(ctx.lower[e], cues):
        opened = s - 1  # ", Budi melanjutkan,"
    else:
        return None
    return opened if opened > 0 and ctx.lower[opened - 1] not in (",", "“", '"') else None


def relative_aside(ctx: ArgContext, m: tuple[int, int, str], start: int) -> int | None:
    """The comma opening a relative clause set off by commas between the subject and the trigger at ``start`` that
    holds the mention ``m`` (``Presiden X, yang hadir didampingi [Menlu Y], menyambut baik …``), else None: the
    clause tells about the subject, its names are no party of the act that follows."""
    s, e, _eid = m
    if e >= start:
        return None
    y = s - 1
    while y > 0 and ctx.lower[y] not in ("yang", ",", ".") and s - y < 12:
        y -= 1
    if y < 1 or ctx.lower[y] != "yang" or ctx.lower[y - 1] != ",":
        return None
    c = e
    while c < start and ctx.lower[c] not in (",", "."):
        c += 1
    closed = c < start and ctx.lower[c] == "," and not any(w in (",", ".") for w in ctx.lower[c + 1:start])
    return y - 1 if closed else None


def _speech_verb(word: str, cues: frozenset[str]) -> bool:
    """``melanjutkan``, ``menambahkan``, ``menjelaskan``: the active form of a cue (``lanjut``, ``tambah``)."""
    return word in cues or (word.startswith("me") and word.endswith("kan") and not cues.isdisjoint(candidates(word)))


@cache
def _report_cues() -> frozenset[str]:
    """Every cue verb of saying or reporting (``melaporkan``, ``mengatakan``, ``menyebut``), from ``data/cues.tsv``."""
    from warta.nlp.quotes.component import load_cues

    return frozenset(f for f, c in load_cues().items() if c.kind in ("speech", "report", "write"))


def reporting_outlets(ctx: ArgContext, lo: int, hi: int) -> set[str]:
    """News outlets (sector JRN) that report in the sentence ``[lo, hi)`` (``Kantor berita Tasnim melaporkan …``,
    ``Reuters menyebutkan …``): the acts they report are not theirs."""
    cues = _report_cues()
    return {eid for s, e, eid in ctx.mentions[bisect_left(ctx.starts, lo):bisect_left(ctx.starts, hi)]
            if ctx.ents[eid].get("sector") == "JRN" and e < hi and (ctx.lower[e] in cues or _speech_verb(ctx.lower[e], cues))}


def according(ctx: ArgContext, first: int, floor: int) -> int | None:
    """Where ``menurut`` stands when it is right before ``first`` or only names lie between (``Menurut Walhi
    Kalbar, …``: both names say who reports the claim); else None."""
    k = first - 1
    while k > floor and (ctx.ent_at[k] >= 0 or ctx.doc[k].is_title) and ctx.lower[k] != "menurut":
        k -= 1
    return k if k >= floor and ctx.lower[k] == "menurut" else None
