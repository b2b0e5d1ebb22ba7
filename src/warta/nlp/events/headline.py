"""The clause of a headline act. A title-case headline joins clauses with a comma (``Warga Tolak Tambang, Polisi
Tangkap Dua Orang``; ``Menlu Bertemu Menlu China, Bahas Laut China Selatan``) where a body sentence would use a
conjunction, so an act's parties and place are looked for in its own clause. A comma between names is a list, not
a clause break (``Putin, Kim Bertemu di Beijing``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.event_words import EXTRA_NOUNS
from warta.lang.id.roles import GROUP_NOUNS, SECTOR_NOUNS

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: words that join the names of a list
LIST_WORDS = frozenset({"dan", "serta", "&"})


def _names_only(ctx: ArgContext, lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` hold names and list words only (a list item, not a clause)."""
    return all(ctx.ent_at[k] >= 0 or ctx.lower[k] in LIST_WORDS or ctx.doc[k].is_space for k in range(lo, hi))


def headline_verb(ctx: ArgContext, start: int, lo: int) -> bool:
    """Whether the bare stem at ``start`` is a headline's verb: a title drops the verb's prefix (``Israel Serang
    Doha``, ``Warga Demo …`` for menyerang, berdemo), so a bare stem right after a name or a noun of people is the
    verb they do, not a noun whose following name is its doer (``Demo Mahasiswa Ricuh``)."""
    if not (ctx.idx[start] < ctx.title_end and start > lo):
        return False
    k = start - 1  # past one verb of a series after the name ("AS Balas Gempur Yaman", "Israel Kembali Serang …")
    if k > lo and ctx.ent_at[k] < 0 and ctx.doc[k].text[:1].isupper() and ctx.ent_at[k - 1] >= 0:
        k -= 1
    before = ctx.lower[k]  # a name, or people unnamed ("Warga Tolak …", "Polisi Tangkap …")
    return ctx.ent_at[k] >= 0 or before in SECTOR_NOUNS or before in EXTRA_NOUNS or before in GROUP_NOUNS


def headline_clause(ctx: ArgContext, start: int, end: int, a: int, b: int) -> tuple[int, int]:
    """The window ``[a, b)`` around the act ``[start, end)`` narrowed to its headline clause, or as given when
    the act is not in the title."""
    if ctx.idx[start] >= ctx.title_end:
        return a, b
    commas = [k for k in range(a, b) if ctx.lower[k] == ","]
    left = [k for k in commas if k < start]
    right = [k for k in commas if k >= end]
    for n, k in enumerate(reversed(left)):
        edge = left[-n - 2] + 1 if n + 1 < len(left) else a
        if not _names_only(ctx, edge, k):
            a = k + 1
            break
    for n, k in enumerate(right):
        edge = right[n + 1] if n + 1 < len(right) else b
        if not _names_only(ctx, k + 1, edge):
            b = k
            break
    return a, b
