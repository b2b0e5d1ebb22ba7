"""Indonesian news datelines: ``JAKARTA, KOMPAS.com -``, ``Jakarta (ANTARA) -``, ``KYIV (BP) –``,
``jpnn.com, JAKARTA -``, ``Washington:``. A dateline opens the body; it is not a title."""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Za-z][\w.'’ -]{1,40}?)                # JAKARTA / jpnn.com / Washington DC
    (?:\s*,\s*(?P<agency>[\w.'’ -]{2,40}?))?            # , KOMPAS.com / , AS / , JAKARTA
    (?:\s*\((?P<paren>[\w.'’ /-]{1,30})\))?            # (ANTARA) / (BP)
    \s*(?:[-–—]{1,2}|:)\s+                              # the dash or colon that ends it
    """,
    re.VERBOSE,
)


def match_dateline(line: str) -> re.Match[str] | None:
    """The dateline at the start of ``line``, if any (only short, place-like openings)."""
    m = DATELINE.match(line)
    if not m:
        return None
    # a dateline's place (and the outlet or country after its comma) is upper case, a domain, or a short
    # capitalised name: "Bagi KPK, penangkapan ini merupakan OTT ke - 4" opens a sentence, not a dateline
    if not all(_name_like(part.strip()) for part in (m["place"], m["agency"]) if part is not None):
        return None
    return m


def _name_like(part: str) -> bool:
    return part.isupper() or "." in part or (part[:1].isupper() and len(part.split()) <= 3)
