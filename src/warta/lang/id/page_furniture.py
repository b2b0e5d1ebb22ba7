"""Lines of an Indonesian news page that belong to the page, not to the report.

Online news interleaves the story with links to other stories (``Baca juga: Menteri X Bertemu Y``,
``Simak juga``, ``Artikel terkait``) and syndication notes (``Artikel ini telah tayang di ...``). A link
line is another article's headline: what it states did not happen in this report, and the people it
names are not the ones a later ``ia`` refers to. The event coder takes neither events nor actors from
such a line; its entities are still listed (they are in the text).
"""

from __future__ import annotations

import re

#: Phrases that open a link or syndication line (general usage of Indonesian news sites).
LINK_OPENERS: tuple[str, ...] = (
    "baca juga", "baca pula", "lihat juga", "simak juga", "tonton juga", "simak video", "tonton video",
    "artikel terkait", "berita terkait", "baca selengkapnya", "artikel ini telah tayang", "artikel ini sudah tayang",
    "dapatkan update berita", "ikuti berita",
)
#: A whole link line: optional marks (``» Baca juga:``, ``- BACA JUGA``; normalisation makes ``»`` a quote mark),
#: an opener, the rest of the line.
LINK_LINE = re.compile(r"""(?im)^[ \t\-–—*•»«>|(\["']*(?:""" + "|".join(p.replace(" ", r"\s+") for p in LINK_OPENERS)
                       + r")\b[^\n]*")


def link_lines(text: str) -> list[tuple[int, int]]:
    """The character spans of the link and syndication lines of ``text``."""
    return [m.span() for m in LINK_LINE.finditer(text)]
