"""Names that belong to another name's phrase, not parties of their own: the seat named after an institution
(``Pengadilan Negeri [Medan]``) and the organisation in a title whose holder is named next
(``Direktur Utama [PT X], Budi``); and a role noun that is the last word of a person's name (``Rizal [Hakim]``).
Used by the argument rules (:mod:`warta.nlp.events.args`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warta.lang.id.names import INSTITUTION_HEADS
from warta.lang.id.roles import ROLE_PHRASES, ROLE_WORDS, ROLE_WORDS_AFTER_ROLE

if TYPE_CHECKING:
    from warta.nlp.events.args import ArgContext

#: words of a title (``Direktur Utama``, ``Ketua Umum``) before the body it names
TITLE_WORDS = ROLE_WORDS | ROLE_WORDS_AFTER_ROLE | {"umum", "harian"}


def seat_of(ctx: ArgContext, m: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """The institution whose seat the place ``m`` names right after it (``Pengadilan Negeri [Medan]``,
    ``Kejaksaan Tinggi [Papua]``; its name starts with an institution word), or the party whose branch it names
    (``PDIP [Sumut]``): its mention, else None. The place is part of its name, not a party of its own."""
    if m[0] == 0 or ctx.ents[m[2]].get("type") != "GPE":
        return None
    k = m[0] - 1
    if ctx.lower[k] == ")":  # "Partai Amanat Nasional (PAN) [Sulsel]": past the abbreviation in brackets
        k = next((j - 1 for j in range(k - 1, max(0, k - 5), -1) if ctx.lower[j] == "("), k)
    if k < 0 or ctx.ent_at[k] < 0:
        return None
    before = ctx.mentions[ctx.ent_at[k]]
    org = ctx.ents[before[2]]
    # a party's name and a region: its branch there ("PDIP [Sumut]", "Golkar [Jabar]")
    seated = before[1] == k + 1 and org.get("type") == "ORG" and (ctx.lower[before[0]] in INSTITUTION_HEADS
                                                                  or org.get("sector") == "PTY")
    return before if seated else None


#: most regions in apposition after a title's place (``Bupati Sidoarjo, Jawa Timur, Saiful``: one province;
#: ``Kepala Desa X, Kecamatan Y, Kabupaten Z, Budi``: more)
MAX_APPOSED_REGIONS = 3


def titled(lower: list[str], i: int) -> bool:
    """Whether a title's word ends right before token ``i`` (``Bupati``, ``Wali Kota``, ``Ketua Umum``)."""
    return (i > 0 and lower[i - 1] in TITLE_WORDS) or (i > 1 and f"{lower[i - 2]} {lower[i - 1]}" in ROLE_PHRASES)


def _apposed(ctx: ArgContext, m: tuple[int, int, str], step: int) -> tuple[int, int, str] | None:
    """The mention next to ``m`` across one comma: after it a place (``step`` 1), before it a place or the
    organisation whose region it names (``step`` -1); else None."""
    comma = m[0] - 1 if step < 0 else m[1]
    k = comma + step
    if not 0 <= k < len(ctx.lower) or ctx.lower[comma] != "," or ctx.ent_at[k] < 0:
        return None
    other = ctx.mentions[ctx.ent_at[k]]
    if (other[1] if step < 0 else other[0]) != (comma if step < 0 else comma + 1):
        return None
    return other if ctx.ents[other[2]].get("type") in (("ORG", "GPE") if step < 0 else ("GPE",)) else None


def affiliation(ctx: ArgContext, m: tuple[int, int, str]) -> bool:
    """Whether the organisation or place ``m`` is part of a title whose holder is named next, after a comma
    (``Direktur Utama [PT X], Budi``; ``Ketua [Partai Y], Ani``), regions in apposition to the title's place
    included (``Bupati [Sidoarjo], [Jawa Timur], Saiful``)."""
    if ctx.ents[m[2]].get("type") not in ("ORG", "GPE"):
        return False  # "Presiden Jokowi, Prabowo dan Gibran": a list of people, the first with his title
    head = m
    for _ in range(MAX_APPOSED_REGIONS):
        if ctx.ents[head[2]].get("type") != "GPE" or (before := _apposed(ctx, head, -1)) is None:
            break
        head = before
    if not titled(ctx.lower, head[0]):
        return False
    last = m
    for _ in range(MAX_APPOSED_REGIONS):
        if (after := _apposed(ctx, last, 1)) is None:
            break
        last = after
    if last[1] + 1 >= len(ctx.lower) or ctx.lower[last[1]] != ",":
        return False
    nxt = ctx.ent_at[last[1] + 1]
    return nxt >= 0 and ctx.mentions[nxt][0] == last[1] + 1 and ctx.ents[ctx.mentions[nxt][2]].get("type") == "PER"


#: words between a title's body and its holder's name (``Kepala Dinas X (PUPR) Sumut berinisial TS``)
HOLDER_GLUE = frozenset({"(", ")", "berinisial", "inisial"})


def title_holder(ctx: ArgContext, m: tuple[int, int, str]) -> int | None:
    """Where the holder's name starts when the organisation ``m`` is in a title (``mantan Kepala [Dinas PUPR] Sumut
    berinisial TS``): past its short form, its region and ``berinisial``, a person's name; else None."""
    if ctx.ents[m[2]].get("type") != "ORG" or not titled(ctx.lower, m[0]):
        return None
    j = m[1]
    for _ in range(8):
        if j >= len(ctx.lower):
            return None
        if ctx.ent_at[j] >= 0:
            s, t, eid = ctx.mentions[ctx.ent_at[j]]
            kind = ctx.ents[eid].get("type")
            if kind == "PER" and s == j:
                return j
            if kind not in ("ORG", "GPE"):
                return None
            j = t
        elif ctx.lower[j] in HOLDER_GLUE:
            j += 1
        else:
            return None
    return None


def surname(ctx: ArgContext, i: int) -> bool:
    """Whether the role noun at token ``i`` is capitalised right after a person's name the NER cut short (``koordinator
    aksi Rizal [Hakim]``: a surname, no judge)."""
    k = ctx.ent_at[i - 1] if i > 0 else -1
    return k >= 0 and ctx.doc[i].text[:1].isupper() and ctx.mentions[k][1] == i \
        and ctx.ents[ctx.mentions[k][2]].get("type") == "PER"
