"""Publication dates: parse them as pages give them, or infer them from the url, dateline or body.

Indonesian pages write dates as ``Selasa, 19/06/2012 19:55 WIB``, ``14/11/2023, 12:37 WIB``,
``Kamis, 14 Maret 2019 13:58``, ``3 Sep 2025``, ISO, or only ``Kamis (13/10)`` — day, month and
weekday without a year. For the last, the year is the most recent one not after today whose
calendar puts that day on that weekday (:func:`resolve_day_month`). A clock time with a foreign
offset (``2025-09-21T20:30:00Z``, ``... 20:30:00 GMT``) is read in Indonesian time (WIB) first:
the article's day is the day its readers had, which ``kemarin`` and ``Selasa`` count from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from warta.lang.id.months import MONTH_ALTERNATION, MONTHS
from warta.lang.id.weekdays import WEEKDAY_ALTERNATION, WEEKDAYS

#: How far back a weekday-only date may be placed.
MAX_YEARS_BACK = 40

_WD = rf"(?P<wd>{WEEKDAY_ALTERNATION})"
_MON = rf"(?P<mon>{MONTH_ALTERNATION})"
_ISO = re.compile(r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?(?:[T ]\d{1,2}[:.]\d{2}.*)?\s*$")
_TEXTUAL = re.compile(
    rf"(?:\b{_WD}\b\s*,?\s*)?\b(?P<d>\d{{1,2}})\s*[-\s]\s*{_MON}\b\.?\s*[-\s,]\s*(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_TEXTUAL_US = re.compile(rf"\b{_MON}\b\.?\s+(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}})\b", re.IGNORECASE)
_NUMERIC = re.compile(
    rf"(?:\b{_WD}\b\s*,?\s*\(?\s*)?(?<![\d/.-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})(?![\d/.-])",
    re.IGNORECASE,
)
_WEEKDAY_DM = re.compile(
    rf"\b{_WD}\b\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{2}}|\d{{4}}))?\s*\)",
    re.IGNORECASE,
)
_WEEKDAY_D_MONTH = re.compile(rf"\b{_WD}\b\s*,?\s*\(?(?P<d>\d{{1,2}})\s+{_MON}\b\.?(?!\s*\d)", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^\s*{_MON}\b\.?\s*,?\s*(?P<y>\d{{4}})\s*$", re.IGNORECASE)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:diterbitkan|dipublikasikan|dipublikasi|terbit|published|diunggah|diposting)\b[^\n\d]{0,20}(?P<rest>[^\n]{4,60})$",
    re.IGNORECASE | re.MULTILINE,
)
_URL = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|$|[^\d])")
_URL_COMPACT = re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:/|$|[-_])")
_CLOCK_ZONE = re.compile(
    r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.][0-5]\d(?:[.,]\d+)?)?\s?"
    r"(?P<z>Z|WITA|WIB|WIT|(?:GMT|UTC)\s?(?P<s1>[+-])(?P<h1>\d{1,2})(?::?(?P<m1>\d{2}))?"
    r"|(?P<s2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2})|GMT|UTC)(?!\w)",
    re.IGNORECASE,
)
#: Offsets from UTC, in minutes, of the zones written by name.
_ZONES = {"z": 0, "gmt": 0, "utc": 0, "wib": 420, "wita": 480, "wit": 540}
#: Indonesia's own offsets (WIB, WITA, WIT): a day written with one of them is kept as it is.
_INDONESIAN_OFFSETS = range(420, 541)
_WIB = timedelta(hours=7)
_FORWARD = re.compile(r"^\W{0,3}(?:nanti|mendatang|depan|yang akan datang)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date | None:
        """The ``date`` when the precision is a day."""
        return date(self.year, self.month, self.day) if self.day and self.month else None

    def admits(self, d: date) -> bool:
        """Whether ``d`` falls inside this partial date."""
        return d.year == self.year and (self.month is None or d.month == self.month) and (
            self.day is None or d.day == self.day)


def make_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _indonesian_day(day: date, raw: str) -> date:
    """``day`` moved to Indonesian time (WIB) when ``raw`` gives a clock time with a foreign offset."""
    m = _CLOCK_ZONE.search(raw)
    if not m:
        return day
    sign, hours, minutes = (m["s1"], m["h1"], m["m1"]) if m["s1"] else (m["s2"], m["h2"], m["m2"])
    offset = _ZONES.get(m["z"].lower(), 0) if sign is None else \
        (1 if sign == "+" else -1) * (int(hours) * 60 + int(minutes or 0))
    if offset in _INDONESIAN_OFFSETS:
        return day
    return (datetime.combine(day, time(int(m["h"]), int(m["mi"]))) - timedelta(minutes=offset) + _WIB).date()


def full_year(y: str | None) -> int | None:
    """A year as written (``24`` or ``2024``) as four digits, or None."""
    if not y:
        return None
    n = int(y)
    return n + 2000 if len(y) == 2 else n


def resolve_day_month(day: int, month: int, *, weekday: int | None, today: date,
                      year: int | None = None) -> date | None:
    """Complete a day and month to a date.

    With a ``year`` the date is that day (or None when invalid). With a ``weekday`` (Monday = 0)
    it is the most recent date not after ``today`` whose weekday matches. Without either, it is
    the most recent such day not after ``today``.
    """
    if year is not None:
        return make_date(year, month, day)
    for y in range(today.year, today.year - MAX_YEARS_BACK, -1):
        d = make_date(y, month, day)
        if d is None or d > today:
            continue
        if weekday is None or d.weekday() == weekday:
            return d
    return None


def parse_published(raw: str | None, *, today: date | None = None) -> PartialDate | None:
    """Parse a publication date as a page or feed gives it. Returns None when unreadable.

    >>> parse_published("Selasa, 19/06/2012 19:55 WIB")
    PartialDate(year=2012, month=6, day=19)
    >>> parse_published("2018-04").precision
    'month'
    """
    if not raw or not raw.strip():
        return None
    today = today or date.today()
    s = raw.strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = int(m["y"]), m["m"], m["d"]
        if mo and d:
            got = make_date(y, int(mo), int(d))
            if got is None:
                return None
            got = _indonesian_day(got, s)
            return PartialDate(got.year, got.month, got.day)
        if mo:
            return PartialDate(y, int(mo)) if 1 <= int(mo) <= 12 else None
        return PartialDate(y) if 1900 <= y <= 2100 else None
    for pattern in (_NUMERIC, _TEXTUAL, _TEXTUAL_US):
        m = pattern.search(s)
        if m:
            mo = int(m["m"]) if "m" in m.groupdict() and m["m"] else MONTHS[m["mon"].lower()]
            got = make_date(int(m["y"]), mo, int(m["d"]))
            if got is None:
                return None
            got = _indonesian_day(got, s[m.end():])
            return PartialDate(got.year, got.month, got.day)
    m = _WEEKDAY_DM.search(s)
    if m:
        got = resolve_day_month(int(m["d"]), int(m["m"]), weekday=WEEKDAYS[m["wd"].lower()],
                                today=today, year=full_year(m["y"]))
        return PartialDate(got.year, got.month, got.day) if got else None
    m = _MONTH_YEAR.match(s)
    if m:
        return PartialDate(int(m["y"]), MONTHS[m["mon"].lower()])
    return None


def date_from_url(url: str | None) -> date | None:
    """A date written in a url path: ``/2023/10/21/``, ``/2023-10-21/``, ``/20231021/``."""
    if not url:
        return None
    for pattern in (_URL, _URL_COMPACT):
        for m in pattern.finditer(url):
            got = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if got:
                return got
    return None


def published_line(text: str, *, today: date) -> PartialDate | None:
    """A ``Diterbitkan pada 3 Sep 2025`` style line among the first lines of ``text``."""
    for m in _PUBLISHED_LINE.finditer(text[:1500]):
        got = parse_published(m["rest"], today=today)
        if got:
            return got
    return None


def dateline_date(text: str, *, today: date, limit: int = 400) -> date | None:
    """The date of the opening dateline or first paragraph: ``Jakarta, Sabtu (21/10/2023)``,
    ``..., Selasa (24/9).``, ``Kamis, 14 Maret 2019``. Only weekday-bearing dates count here."""
    head = text[:limit]
    best: tuple[int, date] | None = None
    for pattern in (_WEEKDAY_DM, _NUMERIC, _TEXTUAL, _WEEKDAY_D_MONTH):
        for m in pattern.finditer(head):
            if not m["wd"]:
                continue
            wd = WEEKDAYS[m["wd"].lower()]
            mo = int(m["m"]) if m.groupdict().get("m") else MONTHS[m["mon"].lower()]
            year = full_year(m.groupdict().get("y"))
            got = resolve_day_month(int(m["d"]), mo, weekday=None if year else wd, today=today, year=year)
            if got and (best is None or m.start() < best[0]):
                best = (m.start(), got)
            break
    return best[1] if best else None


#: How much of the body is searched for a reporting date.
BODY_SEARCH_CHARS = 20000


def body_date(text: str, *, today: date) -> date | None:
    """The reporting date stated in the body: the first full date with a weekday
    (``Rabu 6 Juni 2018``), else the latest full date not after today that does not point
    forward (``9 Juni nanti``). Only the first :data:`BODY_SEARCH_CHARS` are searched."""
    text = text[:BODY_SEARCH_CHARS]
    found: list[tuple[int, bool, date]] = []
    for pattern in (_TEXTUAL, _NUMERIC):
        for m in pattern.finditer(text):
            mo = int(m["m"]) if m.groupdict().get("m") else MONTHS[m["mon"].lower()]
            got = make_date(int(m["y"]), mo, int(m["d"]))
            if got is None or got > today or _FORWARD.match(text[m.end():m.end() + 30]):
                continue
            found.append((m.start(), bool(m["wd"]), got))
    if not found:
        return None
    with_weekday = sorted((pos, d) for pos, wd, d in found if wd and d.weekday() == _weekday_at(text, pos))
    if with_weekday:
        return with_weekday[0][1]
    return max(d for _, _, d in found)


def _weekday_at(text: str, pos: int) -> int | None:
    m = re.match(WEEKDAY_ALTERNATION, text[pos:pos + 10], re.IGNORECASE)
    return WEEKDAYS[m.group(0).lower()] if m else None


def infer_published(*, raw: str | None, url: str | None, text: str,
                    today: date | None = None) -> tuple[date | None, str | None]:
    """Decide an article's publication date and say where it came from.

    Order: metadata (``raw``) when it gives a day; a ``Diterbitkan pada`` line; the url; the
    dateline; the body. A partial metadata date (``2018-04``) only admits candidates inside it.
    Returns ``(date, origin)`` where origin is ``metadata``, ``line``, ``url``, ``dateline`` or
    ``body``; ``(None, None)`` when nothing is found.
    """
    today = today or date.today()
    meta = parse_published(raw, today=today)
    if meta and meta.as_date():
        return meta.as_date(), "metadata"
    line = published_line(text, today=today)
    candidates = [
        ("line", line.as_date() if line else None),
        ("url", date_from_url(url)),
        ("dateline", dateline_date(text, today=today)),
        ("body", body_date(text, today=today)),
    ]
    for origin, got in candidates:
        if got and (meta is None or meta.admits(got)):
            return got, origin
    return None, None


def date_interval(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """The first and last day a date of this precision may mean (``2025-W36`` → Monday..Sunday)."""
    if not value:
        return None, None
    try:
        if precision == "week" or "-W" in value:
            year, week = value.split("-W")
            start = date.fromisocalendar(int(year), int(week[:2]), 1)
            return start.isoformat(), (start + timedelta(days=6)).isoformat()
        parts = value.split("-")
        if not (len(parts[0]) == 4 and parts[0].isdigit()):
            return None, None
        if precision == "year" or len(parts) == 1:
            return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
        if precision == "month" or len(parts) == 2:
            first = date(int(parts[0]), int(parts[1]), 1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return first.isoformat(), last.isoformat()
        day = date.fromisoformat(value[:10])
        return day.isoformat(), day.isoformat()
    except ValueError:
        return None, None
