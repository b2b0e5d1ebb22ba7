"""Names that belong to another name's phrase, not parties of their own: the seat named after an institution
(``Pengadilan Negeri [Medan]``) and the organisation in a title whose holder is named next
(``Direktur Utama [PT X], Budi``). Used by the argument rules (:mod:`warta.nlp.events.args`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.names import INSTITUTION_HEADS
from warta.lang.id.roles import ROLE_WORDS, ROLE_WORDS_AFTER_ROLE

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: words of a title (``Direktur Utama``, ``Ketua Umum``) before the body it names
TITLE_WORDS = ROLE_WORDS | ROLE_WORDS_AFTER_ROLE | {"umum", "harian"}


def seat_of(ctx: ArgContext, m: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """The institution whose seat the place ``m`` names right after it (``Pengadilan Negeri [Medan]``,
    ``Kejaksaan Tinggi [Papua]``; its name starts with an institution word), or the party whose branch it names
    (``PDIP [Sumut]``): its mention, else None. The place is part of its name, not a party of its own."""
    if m[0] == 0 or ctx.ents[m[2]].get("type") != "GPE" or ctx.ent_at[m[0] - 1] < 0:
        return None
    before = ctx.mentions[ctx.ent_at[m[0] - 1]]
    org = ctx.ents[before[2]]
    # a party's name and a region: its branch there ("PDIP [Sumut]", "Golkar [Jabar]")
    seated = before[1] == m[0] and org.get("type") == "ORG" and (ctx.lower[before[0]] in INSTITUTION_HEADS
                                                                  or org.get("sector") == "PTY")
    return before if seated else None


def affiliation(ctx: ArgContext, m: tuple[int, int, str]) -> bool:
    """Whether the organisation or place ``m`` is part of a title whose holder is named next, after a comma
    (``Direktur Utama [PT X], Budi``; ``Ketua [Partai Y], Ani``)."""
    if m[0] == 0 or ctx.lower[m[0] - 1] not in TITLE_WORDS or m[1] + 1 >= len(ctx.lower) or ctx.lower[m[1]] != ",":
        return False
    if ctx.ents[m[2]].get("type") not in ("ORG", "GPE"):
        return False  # "Presiden Jokowi, Prabowo dan Gibran": a list of people, the first with his title
    nxt = ctx.ent_at[m[1] + 1]
    return nxt >= 0 and ctx.mentions[nxt][0] == m[1] + 1 and ctx.ents[ctx.mentions[nxt][2]].get("type") == "PER"
