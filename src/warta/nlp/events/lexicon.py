"""The event trigger lexicon (``warta/data/triggers.tsv``): parsing, validation and matching.

A pattern element is either a **lemma** (``serang``), matched when it is one of the token's possible
stems under Indonesian affixation (:func:`warta.lang.id.morphology.candidates`: ``menyerang``,
``serangan``, ``diserang`` → ``serang``), or a **surface form** written ``=word`` (``=bertahan``),
matched only by that word (with a ``-nya/-lah/-kah/-pun`` particle or as a reduplication
``X-X``). A lemma never matches its agent noun (``penyerang`` attacker, ``pembajak`` hijacker): those
name a doer. Blockers (type ``-``) consume the tokens they match so no trigger fires inside them;
they never change how other words are stemmed. At each token the longest row wins; at equal
length a blocker beats a trigger, then the stronger row wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from warta.lang.id.morphology import PARTICLES, agent_noun, candidates

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
BLOCK = "-"  # a lexicon row of this type blocks triggers inside it (``menahan diri``)
VOICES = ("any", "reported")
FIELDS = ("lemma_pattern", "type", "mode", "cameo", "strength", "voice", "note")
MAX_GAP = 3  # tokens a ``*`` may skip
#: tokens a ``**`` may skip: a whole name phrase, with a title and an apposition in commas, before a fixed frame
#: (``menetapkan mantan Direktur Utama PT X, Budi, sebagai tersangka``)
LONG_GAP = 12
GAPS = {"*": MAX_GAP, "**": LONG_GAP}
MAX_TRIGGERS_PER_SENTENCE = 12
MAX_TOKEN_CHARS = 40


class LexiconError(ValueError):
    """A malformed trigger lexicon row (the message names file, line and field)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a pattern of lemmas (``*`` = gap, ``**`` = long gap, ``=w`` = surface form) and what it
    codes."""

    pattern: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str | None
    strength: float
    voice: str
    line: int
    note: str = ""

    @property
    def text(self) -> str:
        """The pattern as written in the lexicon."""
        return " ".join(self.pattern)


def _fail(path, line: int, field: str, msg: str):
    raise LexiconError(f"{path}:{line}: field '{field}': {msg}")


def _valid_element(tok: str) -> bool:
    word = tok[1:] if tok.startswith("=") else tok
    return bool(word) and word == word.lower() and not word.startswith("=")


def parse_lexicon(lines, path: str | Path = "triggers.tsv") -> list[Trigger]:
    """Parse and validate lexicon lines (``#`` comments and the header line are skipped)."""
    out: list[Trigger] = []
    header_seen = False
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cols) != FIELDS:
                _fail(path, n, "header", f"expected {' / '.join(FIELDS)}, got {cols}")
            header_seen = True
            continue
        if len(cols) != len(FIELDS):
            _fail(path, n, "columns", f"expected {len(FIELDS)} tab-separated fields, got {len(cols)}")
        pat, typ, mode, cameo, strength, voice, note = (c.strip() for c in cols)
        toks = tuple(pat.split())
        if not toks or toks[0] in GAPS or toks[-1] in GAPS or not all(t in GAPS or _valid_element(t) for t in toks):
            _fail(path, n, "lemma_pattern", f"{pat!r} must be lower-case lemmas or =forms, '*' or '**' only between them")
        if typ not in TYPES and typ != BLOCK:
            _fail(path, n, "type", f"{typ!r} is not a PLOVER type")
        if cameo and not (len(cameo) == 2 and cameo.isdigit() and 1 <= int(cameo) <= 20):
            _fail(path, n, "cameo", f"{cameo!r} is not a 2-digit CAMEO root 01-20")
        try:
            s = float(strength)
        except ValueError:
            s = -1.0
        if not 0 < s <= 1:
            _fail(path, n, "strength", f"{strength!r} is not a number in (0, 1]")
        if voice not in VOICES:
            _fail(path, n, "voice", f"{voice!r} is not one of {VOICES}")
        out.append(Trigger(toks, typ, mode or None, cameo or None, s, voice, n, note))
    if not header_seen:
        _fail(path, 1, "header", "missing header line")
    return out


def surface_keys(word: str) -> list[str]:
    """``=form`` keys of a lower-cased word: itself, without a particle, and one half of a reduplication
    (``pihak-pihaknya`` → ``pihak-pihak``, ``pihak``)."""
    keys = [word]
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 3:
            keys.append(word[: -len(p)])
    for base in list(keys):
        head, dash, tail = base.partition("-")
        if dash and head == tail:
            keys.append(head)
    return ["=" + k for k in dict.fromkeys(keys)]


class Lexicon:
    """The parsed rows indexed by their first element, with a per-word cache of matchable keys."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self.vocab = frozenset(t for tr in triggers for t in tr.pattern if t not in GAPS and not t.startswith("="))
        self.by_first: dict[str, list[Trigger]] = {}
        for tr in triggers:
            self.by_first.setdefault(tr.pattern[0], []).append(tr)
        self._keys: dict[str, frozenset[str]] = {}
        self._rows: dict[frozenset[str], list[Trigger]] = {}

    def keys(self, word: str) -> frozenset[str]:
        """What a pattern element can match on ``word`` (lower-cased): known stems and ``=`` surface forms."""
        got = self._keys.get(word)
        if got is not None:
            return got
        if len(word) > MAX_TOKEN_CHARS:
            got = frozenset(("=" + word,))
        else:
            surfaces = surface_keys(word)
            # an agent noun (``penyerang`` attacker) names a doer, not an act: only ``=`` rows match it
            stems = {c for s in surfaces for c in candidates(s[1:]) if c in self.vocab and not agent_noun(s[1:], c)}
            got = frozenset(surfaces) | stems
        if len(self._keys) < 200_000:
            self._keys[word] = got
        return got

    def rows_at(self, keys: frozenset[str]) -> list[Trigger]:
        """Rows whose first element matches ``keys``: longest first, blockers first, then strongest."""
        rows = self._rows.get(keys)
        if rows is None:
            rows = [tr for k in keys for tr in self.by_first.get(k, ())]
            rows.sort(key=lambda tr: (-len(tr.pattern), tr.type != BLOCK, -tr.strength, tr.line))
            if len(self._rows) < 200_000:
                self._rows[keys] = rows
        return rows


@cache
def default_lexicon(path: str | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: warta's own ``triggers.tsv``), parsed once."""
    if path:
        with open(path, encoding="utf-8") as fh:
            return Lexicon(parse_lexicon(fh, path))
    ref = resources.files("warta.data").joinpath("triggers.tsv")
    with ref.open(encoding="utf-8") as fh:
        return Lexicon(parse_lexicon(fh, str(ref)))


def _match_at(keys: list[frozenset[str]], i: int, hi: int, tr: Trigger) -> int | None:
    """End token of ``tr`` matched from token ``i`` (exclusive), or None."""
    j = i
    gap = 0
    for p in tr.pattern:
        if p in GAPS:
            gap = GAPS[p]
            continue
        k = j
        while k < hi and k <= j + gap and p not in keys[k]:
            k += 1
        if k >= hi or k > j + gap:
            return None
        j, gap = k + 1, 0
    return j


def find_triggers(lex: Lexicon, keys: list[frozenset[str]], lo: int, hi: int) -> list[tuple[int, int, Trigger]]:
    """Non-overlapping trigger matches in tokens ``[lo, hi)`` (``keys`` from :meth:`Lexicon.keys`)."""
    out: list[tuple[int, int, Trigger]] = []
    i = lo
    while i < hi and len(out) < MAX_TRIGGERS_PER_SENTENCE:
        best = None
        for tr in lex.rows_at(keys[i]):
            end = _match_at(keys, i, hi, tr)
            if end is not None:
                best = (i, end, tr)
                break
        if best is None:
            i += 1
            continue
        if best[2].type != BLOCK:
            out.append(best)
        i = best[1]
    return out


def note_forms(note: str) -> list[str]:
    """The Indonesian forms a row's note documents: comma-separated, before an optional ``—`` gloss."""
    head = note.split("—", 1)[0]
    return [f.strip().lower() for f in head.split(",") if f.strip() and "..." not in f and "(" not in f]


def sentence_triggers(doc, lex: Lexicon, spans: list[tuple[int, int]], *, last: bool = False,
                      lower: list[str] | None = None) -> list[list[tuple[int, int, Trigger]]]:
    """Trigger matches of each sentence span of ``doc``, computed once per Doc and lexicon (``warta_syntax``
    chooses the sentences to parse with them, ``warta_events`` codes them and, as the ``last`` user, drops them;
    ``lower``: the Doc's lower-cased words when the caller has them)."""
    key = ("warta_triggers", id(lex), tuple(spans))
    got = doc.user_data.pop(key, None) if last else doc.user_data.get(key)
    if got is None:
        keys = [lex.keys(w) for w in (lower if lower is not None else [t.lower_ for t in doc])]
        got = [find_triggers(lex, keys, lo, hi) for lo, hi in spans]
        if not last:
            doc.user_data[key] = got
    return got
