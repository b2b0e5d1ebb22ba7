"""Shapes of a name's phrase the argument rules read past: a name's short form in brackets (``Badan Pengawas Pemilu
(Bawaslu)``) and a capitalised title's portfolio before its holder (``Menteri Kelautan dan Perikanan Budi``). Used
by :mod:`warta.nlp.events.args`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext


def abbreviation_open(ctx: ArgContext, close: int, floor: int) -> int | None:
    """The ``(`` of a name's short form in brackets closed at ``close`` (``Badan Pengawas Pemilu (Bawaslu)``: one
    capitalised word right after a name; ``Cempaka Putih (Jakarta Pusat)`` glosses a place), else None."""
    k = close - 2
    if k <= floor or ctx.lower[k] != "(" or ctx.ent_at[k - 1] < 0 or not ctx.doc[k + 1].text[:1].isupper():
        return None
    return k


def portfolio(ctx: ArgContext, i: int, j: int) -> bool:
    """Whether token ``j`` is a word of the capitalised portfolio of the title at ``i`` (``Menteri Komunikasi dan
    Informatika Budi``: up to six words, ``dan`` between capitalised ones)."""
    if j >= i + 7 or not ctx.doc[i].text[:1].isupper() or j + 1 >= len(ctx.lower):
        return False
    if ctx.lower[j] == "dan":
        return ctx.doc[j - 1].text[:1].isupper() and ctx.doc[j + 1].text[:1].isupper()
    return ctx.doc[j].text[:1].isupper()
