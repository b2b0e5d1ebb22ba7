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


def aside(ctx: ArgContext, m: tuple[int, int, str], start: int) -> int | None:
    """The comma opening an aside that names the person ``m`` only as the one reporting the clause of the
    trigger at ``start`` (``Partai X, kata [Budi], menolak …``; ``Karena itu, [Budi] melanjutkan, partainya …``),
    else None. The reporter is the speaker, not a party of the act reported."""
    from warta.nlp.quotes.component import load_cues

    s, e, eid = m
    if ctx.ents[eid].get("type") != "PER" or s < 3 or e >= start or e >= len(ctx.lower):
        return None
    cues = {f for f, c in load_cues().items() if c.kind == "speech" and c.position in ("after", "both")}
    if ctx.lower[s - 1] in cues and ctx.lower[s - 2] == "," and ctx.lower[e] == ",":
        opened = s - 2  # ", kata Budi,"
    elif e + 1 < start and _speech_verb(ctx.lower[e], cues) and ctx.lower[e + 1] == "," and ctx.lower[s - 1] == ",":
        opened = s - 1  # ", Budi melanjutkan,"
    else:
        return None
    return opened if opened > 0 and ctx.lower[opened - 1] not in (",", "“", '"') else None


def _speech_verb(word: str, cues: set[str]) -> bool:
    """``melanjutkan``, ``menambahkan``, ``menjelaskan``: the active form of a cue (``lanjut``, ``tambah``)."""
    return word in cues or any(word in (f"me{c}kan", f"men{c}kan", f"mem{c}kan", f"meng{c}kan", f"meny{c[1:]}kan")
                               for c in cues)
