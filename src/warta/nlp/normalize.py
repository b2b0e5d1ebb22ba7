"""Normalisation for matching, with an alignment back to the text as read.

News text reaches warta with machine-translation and scraping artefacts: ``orang -orang``,
``ke -80``, ``kata ,``, non-breaking spaces, curly and straight quotes mixed, ``\\r\\n`` line
ends, zero-width characters. :func:`normalize` repairs them for the analysis stages only.

Every edit is either a one-to-one character substitution or a deletion, so the alignment is a
step function (normalised index → original index) stored as change points: a few integers per
edit, not one per character. :meth:`Alignment.span` maps any span found on the normalised form
back to exact offsets in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

#: One-to-one substitutions (length preserving).
_SUBST = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\t": " ", "\u2028": "\n",
    "\u2029": "\n", "\u000b": " ", "\u000c": " ", "\u0085": "\n",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00b4": "'", "\u0060": "'",
    **{chr(c): " " for c in range(0x2000, 0x200B)},
}
_TABLE = str.maketrans(_SUBST)

#: Deletions, each a pattern whose whole match is removed. Applied to the substituted text;
#: the union of all matches is deleted.
_DELETIONS = [
    re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+"),  # zero-width, soft hyphen
    re.compile(r"\r(?=\n)"),  # CRLF -> LF
    re.compile(r"(?<= ) +"),  # runs of spaces -> one
    re.compile(r"^ +", re.MULTILINE),  # spaces at line start
    re.compile(r" +(?=\r?\n|\Z)"),  # spaces at line end
    re.compile(r"(?<=[\w\"')\]]) +(?=[,.;:!?)\]](?:\s|\Z|[\"']))"),  # space before punctuation
    re.compile(r"(?<=[(\[]) +"),  # space after an opening bracket
    re.compile(r"(?<=\w) +(?=-\w)"),  # MT reduplication/ordinal: orang -orang, ke -80
]


@dataclass(slots=True)
class Alignment:
    """Maps offsets of the normalised text back to the original text.

    ``points[k]`` is a normalised index from which on ``deltas[k]`` original characters have
    been deleted before it; ``orig(i) = i + deltas[k]`` for the last ``points[k] <= i``.
    """

    points: list[int] = field(default_factory=list)
    deltas: list[int] = field(default_factory=list)
    norm_length: int = 0
    orig_length: int = 0

    def orig(self, i: int) -> int:
        """Original index of normalised index ``i`` (``i == norm_length`` maps to the end)."""
        if i >= self.norm_length:
            return self.orig_length + (i - self.norm_length)
        k = bisect_right(self.points, i) - 1
        return i + (self.deltas[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1

    def to_data(self) -> dict[str, list[int] | int]:
        """A msgpack/JSON-safe form (for ``Doc`` user data and multiprocessing)."""
        return {"points": self.points, "deltas": self.deltas, "n": self.norm_length, "o": self.orig_length}

    @classmethod
    def from_data(cls, data: dict) -> Alignment:
        """Inverse of :meth:`to_data`."""
        return cls(list(data["points"]), list(data["deltas"]), int(data["n"]), int(data["o"]))


def normalize(text: str) -> tuple[str, Alignment]:
    """Return the normalised text and its alignment to ``text``.

    >>> norm, al = normalize("orang -orang")
    >>> norm, al.span(0, len(norm))
    ('orang-orang', (0, 12))
    """
    subst = text.translate(_TABLE)
    deleted: set[int] = set()
    for pattern in _DELETIONS:
        for m in pattern.finditer(subst):
            deleted.update(range(m.start(), m.end()))
    align = Alignment(orig_length=len(text))
    if not deleted:
        align.norm_length = len(text)
        return subst.replace("\r", "\n"), align
    pieces: list[str] = []
    prev = 0  # original index where the current kept run starts
    for removed, pos in enumerate(sorted(deleted), start=1):
        if pos > prev:
            pieces.append(subst[prev:pos])
        prev = pos + 1
        nxt = pos + 1 - removed  # normalised index of the next kept character
        if align.points and align.points[-1] == nxt:
            align.deltas[-1] = removed
        else:
            align.points.append(nxt)
            align.deltas.append(removed)
    pieces.append(subst[prev:])
    norm = "".join(pieces).replace("\r", "\n")
    align.norm_length = len(norm)
    return norm, align


def substitute_char(ch: str) -> str:
    """The one-to-one substitution :func:`normalize` applies to a kept character."""
    return "\n" if ch == "\r" else ch.translate(_TABLE)
