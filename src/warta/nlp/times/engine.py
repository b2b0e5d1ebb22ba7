"""Time expressions in Indonesian news, resolved against the article's date.

:func:`find_times` finds dates (``3 Sep 2025``, ``8 Juli tahun 2024``, ``Juli 8, 2024``,
``Sabtu (4/10)``, ``Minggu(28-9)``, ``(20/3)``, ``Juni 2024``, ``tahun 2019``, ``2019-2020``),
day ranges (``8-10 Juli 2024``, ``30 Juni sampai 2 Juli 2024``, ``Sabtu-Minggu (27-28/9)``),
relative times (``kemarin``, ``pekan lalu``, ``dua hari lalu``, ``sehari kemudian``), weekdays
(``pada hari Rabu``) and months (``pada bulan April``) and resolves each to ``YYYY-MM-DD``,
``YYYY-Www`` (ISO week), ``YYYY-MM`` or ``YYYY``. Phrase tables: :mod:`warta.lang.id.time_phrases`.
Conventions, with ``anchor`` the article's date:

* a weekday alone is the latest such day on or before the anchor (the anchor itself on its own
  weekday); ``Rabu lalu``/``Rabu kemarin`` the latest strictly before it; forward-marked
  (``Jumat depan``, or ``akan``/``dijadwalkan`` … as the latest tense word of the clause before
  it, not ``akan tetapi`` nor one followed by ``sudah``/``telah``) the first strictly after;
* a day and month without a year takes the year that puts it nearest the anchor, a day ahead
  counting as :data:`FUTURE_COST` days back (``14 Juni`` published 2025-06-20 or 2025-06-10 is
  2025-06-14; ``14 Desember`` published 2025-01-10 is 2024-12-14). Past-marked (``14 Juni lalu``,
  or ``sudah``/``telah`` … as the clause's latest tense word): on or before the anchor;
  forward-marked (``9 Juni nanti``, ``akan``): on or after it. A weekday given with it
  (``Senin (30/12)``) picks among the years within :data:`WEEKDAY_REACH` days that fall on it; a
  weekday that fits none of them is a slip and the numbers win; ``14 Juni tahun lalu`` takes the
  anchor's year shifted;
* a range's value is its first day (as a year range's is its first year);
* a month alone is the most recent on or before the anchor's month; ``Juni lalu`` strictly
  before; forward-marked strictly after; ``Juni ini`` in the anchor's year;
* ``sehari kemudian``, ``keesokan harinya``, ``sehari sebelumnya``, ``tahun sebelumnya`` count
  from the previous resolved time in the text that is precise enough (else the anchor);
* ``tadi malam``/``semalam`` are the anchor's day (the hour of publication is unknown);
* leading ``pada``/``sejak`` (and ``hari``/``tanggal``) and modifiers ``awal``/``akhir``/
  ``pertengahan`` are kept in the match; ``hingga``/``sampai``/``periode`` are not;
* not times: a regulation's ``Nomor 6 tahun 2010``, a name's ``Pemilihan Umum Tahun 2024``,
  ``malam Minggu``, ``salat Jumat``, ``setiap Senin``;
* overlapping candidates: the longest wins; no two results overlap. Patterns are bounded (no
  nested repetition), so the scan is linear in the text length.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from warta.io.dates import PartialDate, full_year, make_date
from warta.lang.id import time_phrases as P
from warta.lang.id.months import MONTHS
from warta.lang.id.weekdays import WEEKDAYS


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """One time expression: ``text[start:end]``, its value and the rule that found it."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY; None when it cannot be resolved
    precision: str | None  # day, week, month, year
    rule: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A candidate that looks like a date but is not one (``(31/2)``), with the reason."""

    start: int
    end: int
    text: str
    reason: str


_Res = tuple[str, str, date]  # value, precision, a representative day (for later relative times)
_Cand = tuple[int, int, int, re.Match[str], str]  # start, end, rule index, match, verdict
_OK, _INVALID = "ok", "invalid"
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_SPACE = " \t\u00a0"
_WORD_CHARS = string.ascii_letters + string.digits + "'-"
_CLAUSE_END = '.!?;,\n"“”()'
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # keeps every offset
_S = r"[^\S\n]{1,3}"  # a short run of spaces inside a phrase (never a line break)
_S0 = r"[^\S\n]{0,3}"
#: Patterns start after a non-word character (not inside a word or a number like 1.3): a leading
#: character class lets the regex engine skip word characters fast.
_BEFORE = r"[^\w-](?<!\d[.,/])"
_R = r"(?![\w-])"
_YR = r"(?![\w/-]|[.,:]\d)"  # a year ends the number
#: Completing a yearless date, a day ahead of the anchor weighs as much as this many days before it
#: (reports look back; a date a few days or weeks ahead is still this year's).
FUTURE_COST = 2
#: A weekday given with a yearless date picks among the candidate years within this many days.
WEEKDAY_REACH = 183


def find_times(text: str, *, anchor: date | None) -> list[TimeMatch]:
    """The time expressions of ``text``, in text order, resolved against ``anchor``."""
    return scan_times(text, anchor=anchor)[0]


def scan_times(text: str, *, anchor: date | None) -> tuple[list[TimeMatch], list[Skipped]]:
    """Like :func:`find_times`, and also the candidates skipped as invalid dates."""
    rules = _compiled()
    src = " " + text  # every pattern starts with the character before the match
    low = src.translate(_LOWER)  # the patterns are lower-case; checks read the original case
    cands: list[_Cand] = []
    for idx, (rule, rx) in enumerate(rules.rules):
        has_x = "x" in rx.groupindex
        for m in rx.finditer(low):
            verdict = rule.check(src, m)
            if verdict is not None:
                start = m.start("x") if has_x and m.start("x") >= 0 else m.start("t")
                cands.append((start - 1, m.end() - 1, idx, m, verdict))
    ctx = TimeContext(low, anchor, rules.tense)
    matches: list[TimeMatch] = []
    skipped: list[Skipped] = []
    for start, end, idx, m, verdict in _select(cands):
        rule = rules.rules[idx][0]
        if verdict == _INVALID:
            skipped.append(Skipped(start, end, text[start:end], "invalid date"))
            continue
        try:
            res = rule.resolve(ctx, m)
        except (ValueError, OverflowError):
            res = None
        if res is not None:
            ctx.remember(res[1], res[2])
        matches.append(TimeMatch(start, end, text[start:end], *(res[:2] if res else (None, None)), rule.name))
    return matches, skipped


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first (then leftmost, then rule order), in text order."""
    cands.sort(key=lambda c: (c[0], -c[1]))
    chosen: list[_Cand] = []
    i = 0
    while i < len(cands):  # one cluster of transitively overlapping candidates at a time
        j, end = i + 1, cands[i][1]
        while j < len(cands) and cands[j][0] < end:
            end = max(end, cands[j][1])
            j += 1
        taken: list[_Cand] = []
        for c in sorted(cands[i:j], key=lambda c: (c[0] - c[1], c[0], c[2])):
            if all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
                taken.append(c)
        chosen.extend(sorted(taken, key=lambda c: c[0]))
        i = j
    return chosen


class TimeContext:
    """The resolution state: the anchor and the latest resolved time of each precision."""

    def __init__(self, text: str, anchor: date | None, tense: re.Pattern[str]) -> None:
        self.text, self.anchor, self.tense_rx = text, anchor, tense
        self.last: dict[int, date] = {}

    def ref(self, unit: str) -> date | None:
        """The latest resolved time at least as precise as ``unit``, else the anchor."""
        return self.last.get(_RANK[unit], self.anchor)

    def remember(self, precision: str, rep: date) -> None:
        """Record a resolved time."""
        for r in range(_RANK[precision], 4):
            self.last[r] = rep

    def tense_before(self, start: int) -> str | None:
        """``future`` or ``past`` when the clause ending at ``start`` says so: by its latest tense
        word, ``akan``/``dijadwalkan``/… (not ``akan tetapi``) or ``sudah``/``telah``/…"""
        window = self.text[max(0, start - 80):start]
        cut = max(window.rfind(c) for c in _CLAUSE_END)
        *_, last = (None, *self.tense_rx.finditer(window, cut + 1))
        return None if last is None else "future" if last["fwd"] is not None else "past"

    def forward_before(self, start: int) -> bool:
        """Whether the clause ending at ``start`` points ahead (:meth:`tense_before`)."""
        return self.tense_before(start) == "future"


# -- values --------------------------------------------------------------------------------
def _partial(p: PartialDate) -> _Res:
    """The value of a day, month or year (ValueError when it is no date)."""
    rep = date(p.year, p.month or 1, p.day or 1)
    return rep.isoformat()[:{"day": 10, "month": 7, "year": 4}[p.precision]], p.precision, rep


def _day(d: date) -> _Res:
    return d.isoformat(), "day", d


def _shift(ref: date, unit: str, n: int) -> _Res:
    """``ref`` moved by ``n`` units, at that unit's precision (weeks are ISO weeks)."""
    if unit == "day":
        return _day(ref + timedelta(days=n))
    if unit == "week":
        d = ref + timedelta(weeks=n)
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}", "week", d - timedelta(days=d.weekday())
    if unit == "month":
        k = ref.year * 12 + ref.month - 1 + n
        return _partial(PartialDate(k // 12, k % 12 + 1))
    return _partial(PartialDate(ref.year + n))


def _infer(day: int, month: int, weekday: int | None, anchor: date, tense: str | None) -> date | None:
    """Complete a yearless day and month: the candidate year nearest the anchor, days ahead
    counting :data:`FUTURE_COST` times (``tense`` ``past``: on or before the anchor; ``future``: on
    or after it, nearest first). A weekday picks among the candidates within
    :data:`WEEKDAY_REACH` days that fall on it; when none does, the numbers win over the weekday."""
    cands = [d for y in range(anchor.year - 4, anchor.year + 5) if (d := make_date(y, month, day)) is not None
             and (tense != "past" or d <= anchor) and (tense != "future" or d >= anchor)]

    def cost(d: date) -> int:
        n = (d - anchor).days
        return -n if n <= 0 else n if tense == "future" else n * FUTURE_COST

    agreeing = [d for d in cands if d.weekday() == weekday and abs((d - anchor).days) <= WEEKDAY_REACH]
    return min(agreeing or cands, key=cost, default=None)


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""  # a phrase as written in the tables


# -- context checks (on the original text, with its case) ----------------------------------
def _prev(text: str, start: int) -> tuple[str, str]:
    """The character before ``start`` (spaces skipped) and the word ending there, if any."""
    before = text[max(0, start - 40):start].rstrip(_SPACE)
    return before[-1:], before[len(before.rstrip(_WORD_CHARS)):]


def _sentence_initial(text: str, start: int) -> bool:
    return _prev(text, start)[0] in ('', *'.!?\n"“”\'-–—:')


def _check_numeric(text: str, m: re.Match[str]) -> str | None:
    """``d/m[/y]`` needs a bracket, weekday or lead unless it has a four-digit year."""
    y, sep = m["y"], m["sep"]
    context = bool(m["op"] or m["wd"] or m["lead"])
    framed = bool(m["op"] and m["wd"])  # "Minggu (28-9)": a weekday and a bracket
    if ((sep == "." or y is None) and not context) or (y is None and sep != "/" and not framed) \
            or (y is not None and len(y) == 2 and not framed):
        return None
    if make_date(full_year(y) or 2000, int(m["m"]), int(m["d"])) is None:
        return _INVALID if context else None
    return _OK


def _check_text_date(text: str, m: re.Match[str]) -> str | None:
    y = m.groupdict().get("y")
    return _OK if make_date(int(y) if y else 2000, MONTHS[m["mon"]], int(m["d"])) else _INVALID


def _check_range(text: str, m: re.Match[str]) -> str | None:
    """Both days are valid, and in one month the first comes first; two full dates joined by
    ``dan`` are two dates (``15 Januari dan 15 Juli``), not a range."""
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else MONTHS[g["mon"]]
    start_month = MONTHS[g["mon1"]] if g.get("mon1") else month
    if (start_month == month and int(g["d"]) >= int(g["d2"])) or make_date(2000, month, int(g["d2"])) is None \
            or (g.get("mon1") and _norm(g.get("upto")) in P.LIST_CONNECTORS):
        return None
    return _OK if make_date(2000, start_month, int(g["d"])) else _INVALID


def _check_year_tahun(text: str, m: re.Match[str]) -> str | None:
    """``tahun 2019`` but not a regulation's ``Nomor 6 tahun 2010`` nor a name's ``Pemilihan Umum Tahun 2024``."""
    start = m.start("t")
    if not 1000 <= int(m["y"]) <= 2199:
        return None
    if _compiled().citation.search(text, max(0, start - 40), start):
        return None
    word = _prev(text, start)[1]
    if text.startswith("Tahun", start) and word[:1].isupper() and not _sentence_initial(text, start):
        return None
    return _OK


def _check_weekday(text: str, m: re.Match[str]) -> str | None:
    """A capitalised weekday is a time when led, marked, or set off by punctuation."""
    ch, word = _prev(text, m.start("t"))
    if word.lower() in P.WEEKDAY_BLOCK_BEFORE:
        return None  # "setiap Senin": a recurrence
    if not m["lead"] and word.lower() in P.WEEKDAY_NOT_A_DAY_BEFORE:
        return None  # "malam Minggu", "salat Jumat", "dua Minggu"
    if not text[m.start("wd")].isupper() and "hari" not in _norm(m["lead"]):
        return None  # lower-case "minggu" is "week" ("pada minggu kedua"); "hari minggu" is Sunday
    if m["lead"]:
        return _OK
    rel = _norm(m["rel"])
    if text[m.start("wd"):m.end("wd")] == "Minggu" and rel in P.UNIT_RELATIVE and _sentence_initial(text, m.start("t")):
        return None  # "Minggu lalu, ..." opening a sentence: last week
    if word[:1].isupper() and not rel:
        return None  # part of a name: "Pasar Minggu"
    after = text[m.end():m.end() + 40]
    if rel or m["pod"] or word.lower() in P.WEEKDAY_AFTER_WORDS or ch in ",(":
        return _OK
    if word[:1].islower() and not after.lstrip(_SPACE)[:1].isupper():
        return _OK  # "bertemu Selasa di Jakarta", but not "program Jumat Berkah"
    if _compiled().next_weekday.match(after):
        return _OK  # "Senin dan Selasa"
    return _OK if after.lstrip(_SPACE)[:1] in ("", "\n", ".", ",", ";", ":", "(", ")", '"', "”") else None


# -- resolvers -----------------------------------------------------------------------------
def _res_date(ctx: TimeContext, m: re.Match[str]) -> _Res | None:
    """A date, or the first day of a range (``8-10 Juli 2024``, ``30 Juni sampai 2 Juli 2024``)."""
    g = m.groupdict()
    day, month, year = int(g["d"]), int(g["m"]) if g.get("m") else MONTHS[g["mon"]], full_year(g.get("y"))
    start_month = MONTHS[g["mon1"]] if g.get("mon1") else month
    if year is not None:
        return _partial(PartialDate(year - (start_month > month), start_month, day))
    if ctx.anchor is None:
        return None
    if g.get("yrel"):
        return _partial(PartialDate(ctx.anchor.year + P.YEAR_AFTER_DATE[_norm(g["yrel"])], start_month, day))
    weekday = WEEKDAYS[g["wd"]] if g.get("wd") else None
    tense = "future" if g.get("fwd") else "past" if g.get("past") else ctx.tense_before(m.start("t"))
    got = _infer(day, start_month, weekday, ctx.anchor, tense)
    return _day(got) if got else None


def _res_day_word(ctx: TimeContext, m: re.Match[str]) -> _Res | None:
    """``kemarin`` counts from the anchor; ``keesokan harinya`` from the previous day in the text."""
    g = m.groupdict()
    ref, offset = (ctx.ref("day"), P.FROM_PREVIOUS[_norm(g["n"])]) if g.get("n") else \
        (ctx.anchor, {**P.DAY_WORDS, **P.DAY_WORDS_WITH_PART}[_norm(g["w"] or g["w2"])])
    return _day(ref + timedelta(days=offset)) if ref else None


def _res_unit(ctx: TimeContext, m: re.Match[str]) -> _Res | None:
    """``pekan lalu`` (no count) and ``dua hari lalu``, ``sehari kemudian`` (counts)."""
    num, se = m.groupdict().get("num"), m.groupdict().get("se")
    n = int(num) if num and num.isdigit() else P.NUMBERS[_norm(num)] if num else 1
    unit = P.SE_UNITS[se] if se else P.UNITS[m["unit"]]
    base, sign = (P.N_DIRECTIONS if se or num else P.UNIT_RELATIVE)[_norm(m["rel"])]
    ref = ctx.anchor if base == "anchor" else ctx.ref(unit)
    return _shift(ref, unit, sign * n) if ref else None


def _res_weekday(ctx: TimeContext, m: re.Match[str]) -> _Res | None:
    if (a := ctx.anchor) is None:
        return None
    wd = WEEKDAYS[m["wd"]]
    rel = P.WEEKDAY_RELATIVE.get(_norm(m["rel"]))
    if isinstance(rel, int):
        return _day(a - timedelta(days=a.weekday()) + timedelta(days=7 * rel + wd))
    if rel == "past":
        return _day(a - timedelta(days=(a.weekday() - wd) % 7 or 7))
    if rel == "future" or ctx.forward_before(m.start("t")):
        return _day(a + timedelta(days=(wd - a.weekday()) % 7 or 7))
    return _day(a - timedelta(days=(a.weekday() - wd) % 7))


def _res_month(ctx: TimeContext, m: re.Match[str]) -> _Res | None:
    if (a := ctx.anchor) is None:
        return None
    month = MONTHS[m["mon"]]
    rel = P.MONTH_RELATIVE.get(_norm(m["rel"]))
    if rel is None and ctx.forward_before(m.start("t")):
        rel = "future"
    shift = {"this": 0, "past": -(month >= a.month), "future": int(month <= a.month)}.get(rel, -(month > a.month))
    return _partial(PartialDate(a.year + shift, month))


# -- rules ---------------------------------------------------------------------------------
_Check = Callable[[str, re.Match[str]], str | None]  # original text, match → _OK, _INVALID or None (no match)
_Resolve = Callable[[TimeContext, re.Match[str]], _Res | None]


class _Rule(NamedTuple):
    name: str
    pattern: str
    check: _Check
    resolve: _Resolve


class _Compiled(NamedTuple):
    rules: tuple[tuple[_Rule, re.Pattern[str]], ...]
    tense: re.Pattern[str]  # akan, dijadwalkan, ... (group fwd); sudah, telah, ... (group past)
    next_weekday: re.Pattern[str]  # "dan Selasa" after a weekday
    citation: re.Pattern[str]  # "Nomor 6 " before "tahun 2010"


def _trie(words: Iterable[str]) -> str:
    """A prefix-factored regex alternation of ``words`` (longest match first; spaces → ``_S``)."""
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in " ".join(w.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [(_S if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node and body else body

    return build(tree)


def _rule_specs() -> list[_Rule]:
    """The rules, longest-match ties broken by this order."""
    leads, nouns, mods = _trie(P.LEADS), _trie(P.LEAD_NOUNS), _trie(P.MODIFIERS)
    lead, mod = rf"(?:(?:{leads}){_S})?", rf"(?:(?:{mods}){_S})?"
    lead_n = rf"(?:(?:{leads}){_S}(?:(?:{nouns}){_S})?|(?:{nouns}){_S})?"
    pod = rf"(?:{_S}(?P<pod>{_trie(P.PARTS_OF_DAY)})(?:{_S}hari)?{_R})?"
    wd = rf"(?:(?P<wd>{_trie(WEEKDAYS)})\b{_S0},?{_S0})?"
    mon = rf"(?P<mon>{_trie(MONTHS)})\b"
    opn, cls = rf"(?:(?P<op>\(){_S0})?", rf"(?(op){_S0}\))"
    dm_text = rf"(?P<d>\d{{1,2}})(?:{_S}(?:bulan{_S})?|-){mon}"
    then_year = rf"(?:,?{_S}(?:tahun{_S})?|-)(?P<y>\d{{4}}){_YR}"  # "8 Juli 2024", "8 Juli tahun 2024"
    tense = (rf"(?:{_S}(?:(?P<fwd>{_trie(P.FORWARD_AFTER)})|(?P<past>{_trie(P.PAST_AFTER)})"
             rf"|tahun{_S}(?P<yrel>{_trie(P.YEAR_AFTER_DATE)})){_R})?")  # "9 Juni nanti", "14 Juni lalu"
    upto = rf"(?P<upto>{_S0}[-–—]{_S0}|{_S}(?:{_trie(P.RANGE_CONNECTORS)}){_S})"
    start_day = rf"(?P<d>\d{{1,2}})(?:(?:{_S}|-)(?P<mon1>{_trie(MONTHS)})\b\.?)?"
    year, counted = r"(?P<y>(?:1[5-9]|20)\d{2})", rf"(?!{_S}(?:{_trie(P.COUNT_NOUNS)}){_R})"
    ok: _Check = lambda text, m: _OK  # noqa: E731
    year_ok: _Check = lambda text, m: _OK if 1000 <= int(m["y"]) <= 2199 else None  # noqa: E731
    res_year: _Resolve = lambda ctx, m: _partial(PartialDate(int(m["y"])))  # noqa: E731
    return [
        _Rule("date_dmy", rf"(?P<lead>{lead_n}){wd}{opn}{dm_text}\.?{then_year}{cls}{pod}", _check_text_date, _res_date),
        _Rule("date_mdy", rf"(?P<lead>{lead_n}){wd}{opn}{mon}\.?{_S}(?P<d>\d{{1,2}}),?{_S}(?P<y>\d{{4}}){_YR}{cls}",
              _check_text_date, _res_date),  # "Juli 8, 2024" in translated copy
        _Rule("date_range", rf"(?P<lead>{lead_n}){wd}{opn}{start_day}{upto}(?P<d2>\d{{1,2}})(?:{_S}|-){mon}"
              rf"(?:\.?{then_year}|(?!{_S0},?{_S0}\d)){cls}{tense}{pod}", _check_range, _res_date),
        _Rule("date_numeric_range", rf"(?P<lead>{lead_n})(?:(?P<wd>{_trie(WEEKDAYS)})\b(?:{_S0}[-–]{_S0}"
              rf"(?:{_trie(WEEKDAYS)})\b)?{_S0},?{_S0})?\({_S0}(?P<d>\d{{1,2}}){_S0}[-–]{_S0}(?P<d2>\d{{1,2}})/"
              rf"(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?{_S0}\){pod}", _check_range, _res_date),  # "Sabtu-Minggu (27-28/9)"
        _Rule("date_numeric", rf"(?P<lead>{lead_n}){wd}{opn}(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})"
              rf"(?:(?P=sep)(?P<y>\d{{4}}|\d{{2}}))?(?![\w/]|[.,:-]\d){cls}{tense}{pod}", _check_numeric, _res_date),
        _Rule("date_dm", rf"(?P<lead>{lead_n}){wd}{opn}{dm_text}(?!{_S0},?{_S0}\d){cls}{tense}{pod}",
              _check_text_date, _res_date),
        _Rule("month_year", rf"{lead}{mod}(?:bulan{_S})?{mon}\.?,?{_S}(?P<y>\d{{4}}){_YR}", year_ok,
              lambda ctx, m: _partial(PartialDate(int(m["y"]), MONTHS[m["mon"]]))),
        _Rule("year_range", rf"{lead}{mod}(?:tahun{_S})?(?P<y1>(?:1[5-9]|20)\d{{2}}){_S0}[-–—/]{_S0}"
              rf"(?P<y2>(?:1[5-9]|20)\d{{2}}){_YR}{counted}", lambda text, m: _OK if 0 < int(m["y2"]) - int(m["y1"]) <= 100
              else None, lambda ctx, m: _partial(PartialDate(int(m["y1"])))),
        _Rule("year_tahun", rf"{lead}{mod}tahun{_S}(?P<y>\d{{4}}){_YR}", _check_year_tahun, res_year),
        _Rule("year_prep", rf"(?:(?:{leads}){_S}{mod}|(?:{_trie(P.YEAR_TRIGGERS_DROPPED)}){_S}(?P<x>){mod}"
              rf"|(?:{mods}){_S}){year}{_YR}{counted}", ok, res_year),
        _Rule("relative_day", rf"{lead}(?:(?P<w>{_trie(P.DAY_WORDS_WITH_PART)}){_R}{pod}"
              rf"|(?P<w2>{_trie(P.DAY_WORDS)}){_R})", ok, _res_day_word),
        _Rule("relative_next", rf"{lead}(?P<n>{_trie(P.FROM_PREVIOUS)}){_R}", ok, _res_day_word),
        _Rule("relative_unit", rf"(?P<lead>{lead}{mod})(?P<unit>pekan|minggu|bulan|tahun){_S}"
              rf"(?P<rel>{_trie(P.UNIT_RELATIVE)}){_R}",  # capitalised "Minggu lalu": last week only opening a sentence
              lambda text, m: None if text[m.start("unit"):m.end("unit")] == "Minggu" and (
                  m["lead"] or not _sentence_initial(text, m.start("t"))) else _OK, _res_unit),
        _Rule("relative_count", rf"{lead}(?:(?P<num>{_trie(P.NUMBERS)}|\d{{1,3}}){_S}(?P<unit>{_trie(P.UNITS)})"
              rf"|(?P<se>{_trie(P.SE_UNITS)})){_S}(?P<rel>{_trie(P.N_DIRECTIONS)}){_R}",  # "dua hari lalu" but not "selama dua hari"
              lambda text, m: None if _prev(text, m.start("t"))[1].lower() in P.DURATION_BEFORE else _OK, _res_unit),
        _Rule("weekday", rf"(?P<lead>(?:{leads}){_S}(?:hari{_S})?|hari{_S})?(?P<wd>{_trie(P.WEEKDAY_NAMES)}){_R}"
              rf"(?:{_S}(?P<rel>{_trie(P.WEEKDAY_RELATIVE)}){_R})?{pod}", _check_weekday, _res_weekday),
        _Rule("month", rf"(?:(?P<lead>{leads}){_S}|(?:{_trie(P.MONTH_TRIGGERS_DROPPED)}){_S}(?P<x>))?"
              rf"(?P<mod>(?:{mods}){_S})?(?P<bulan>bulan{_S})?(?P<mon>{_trie(P.MONTH_FULL)}){_R}"
              rf"(?!{_S0},?{_S0}\d)(?:{_S}(?P<rel>{_trie(P.MONTH_RELATIVE)}){_R})?",
              lambda text, m: _OK if m["lead"] or m["x"] is not None or m["mod"] or m["bulan"] or m["rel"] else None,
              _res_month),
    ]


@cache
def _compiled() -> _Compiled:
    """The rules, compiled on first use."""
    rules = tuple((r, re.compile(rf"{_BEFORE}(?P<t>{r.pattern})")) for r in _rule_specs())
    fwd = "|".join(re.escape(w) + (rf"(?!{_S}(?:{_trie(P.FORWARD_NOT_BEFORE[w])}){_R})" if w in P.FORWARD_NOT_BEFORE
                                    else "") for w in P.FORWARD_BEFORE)
    tense = re.compile(rf"(?<![\w-])(?:(?P<fwd>{fwd})|(?P<past>{_trie(P.PAST_BEFORE)}))(?![\w-])")
    names = "|".join(re.escape(w) for w in P.WEEKDAY_NAMES)
    next_weekday = re.compile(rf"{_S}(?:{_trie(P.WEEKDAY_AFTER_WORDS)}){_S}(?:{names})\b")
    citation = re.compile(rf"(?<![\w.])(?:{_trie(P.CITATION_NUMBER_WORDS)}){_S0}\d{{1,4}}[a-z]?{_S}$", re.IGNORECASE)
    return _Compiled(rules, tense, next_weekday, citation)
