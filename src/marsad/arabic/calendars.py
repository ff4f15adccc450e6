"""Calendars: Arabic month names (Levantine, Egyptian/Gulf, Maghrebi, Hijri) and date arithmetic.

* :class:`MonthLexicon` reads ``months.tsv`` (folded names, month number, calendar, family, and
  whether the name is also a common word);
* :func:`hijri_to_gregorian` converts with the Umm al-Qura tables of the ``hijridate`` package
  (valid 1343-1500 AH, i.e. 1924-2077 CE); outside that range it returns None rather than guess;
* small pure helpers for calendar periods (ISO weeks, months, years) and parts of them.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from marsad.arabic.normalise import key

Date = dt.date

WEEKDAYS = {  # folded weekday names (with article) -> Python weekday (Monday = 0)
    key("الاثنين"): 0, key("الإثنين"): 0, key("الثلاثاء"): 1, key("الأربعاء"): 2,
    key("الخميس"): 3, key("الجمعة"): 4, key("السبت"): 5, key("الأحد"): 6,
}


@dataclass(frozen=True, slots=True)
class Month:
    name: str  # folded, may be two words
    number: int
    calendar: str  # gregorian | hijri
    family: str
    ambiguous: bool


def lengths_by_first(phrases) -> dict[str, tuple[int, ...]]:
    """First word -> the word counts of the phrases (tuples of words) it starts, longest first."""
    out: dict[str, set[int]] = {}
    for k in phrases:
        out.setdefault(k[0], set()).add(len(k))
    return {w: tuple(sorted(ns, reverse=True)) for w, ns in out.items()}


@dataclass(slots=True)
class MonthLexicon:
    months: dict[tuple[str, ...], Month]
    max_words: int
    _lens: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._lens = lengths_by_first(self.months)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> MonthLexicon:
        from marsad import resources
        from marsad.arabic.numerals import _rows

        path = (data_dir / "months.tsv") if data_dir else resources.path("months.tsv")
        months: dict[tuple[str, ...], Month] = {}
        for row in _rows(path):
            row = row + [""] * (5 - len(row))
            name = key(row[0])
            months[tuple(name.split())] = Month(name, int(row[1]), row[2], row[3], row[4] == "yes")
        return cls(months, max(len(k) for k in months))

    def match(self, words: list[str], i: int) -> tuple[Month, int] | None:
        """Month whose name starts at ``words[i]`` (article/clitics allowed), and its word count."""
        # only the lengths of the names that start with the word (or with it minus a clitic) can
        # match: the same longest-first search as over range(max_words, 0, -1), without misses
        w = words[i]
        lens = self._lens.get(w, ())
        if w[:1] in ("و", "ف", "ب", "ل") and len(w) > 3:
            more = self._lens.get(w[1:])
            if more:
                lens = sorted(set(lens) | set(more), reverse=True)
        for n in lens:
            if i + n > len(words):
                continue
            got = list(words[i:i + n])
            m = self.months.get(tuple(got))
            if m is None and got[0][:1] in ("و", "ف", "ب", "ل") and len(got[0]) > 3:
                got[0] = got[0][1:]
                m = self.months.get(tuple(got))
            if m is not None:
                return m, n
        return None


def hijri_to_gregorian(year: int, month: int, day: int) -> Date | None:
    """Umm al-Qura conversion; None when out of the table's range or invalid."""
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian()
    except (OverflowError, ValueError):
        return None


def hijri_month_range(year: int, month: int) -> tuple[Date, Date] | None:
    from hijridate import Hijri

    try:
        h = Hijri(year, month, 1)
        start = h.to_gregorian()
        return start, start + dt.timedelta(days=h.month_length() - 1)
    except (OverflowError, ValueError):
        return None


def hijri_year_range(year: int) -> tuple[Date, Date] | None:
    a = hijri_month_range(year, 1)
    b = hijri_month_range(year, 12)
    return (a[0], b[1]) if a and b else None


def safe_date(year: int, month: int, day: int) -> Date | None:
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def month_range(year: int, month: int) -> tuple[Date, Date]:
    return Date(year, month, 1), Date(year, month, calendar.monthrange(year, month)[1])


def period_range(unit: str, ref: Date, n: int) -> tuple[Date, Date]:
    """The calendar ``unit`` (week/month/year) ``n`` periods from the one holding ``ref``."""
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=n)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        y, m = add_months(ref.year, ref.month, n)
        return month_range(y, m)
    if unit == "year":
        return Date(ref.year + n, 1, 1), Date(ref.year + n, 12, 31)
    if unit == "day":
        d = ref + dt.timedelta(days=n)
        return d, d
    raise ValueError(unit)


def part_of(start: Date, end: Date, part: str) -> tuple[Date, Date]:
    """First, middle or last third of a period (مطلع / منتصف / أواخر)."""
    days = (end - start).days + 1
    third = max(1, days // 3)
    if part == "first":
        return start, start + dt.timedelta(days=third - 1)
    if part == "last":
        return end - dt.timedelta(days=third - 1), end
    return start + dt.timedelta(days=third), end - dt.timedelta(days=third)


def shift(ref: Date, unit: str, n: int) -> Date | None:
    """``ref`` moved by ``n`` units (day/week/month/year/hour; hours round to days); None when
    the result falls outside the calendar (``قبل 5000 عام``)."""
    try:
        return _shift(ref, unit, n)
    except (OverflowError, ValueError):
        return None


def _shift(ref: Date, unit: str, n: int) -> Date:
    if unit == "hour":
        return ref + dt.timedelta(days=round(n / 24))
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    months = n if unit == "month" else 12 * n
    y, m = add_months(ref.year, ref.month, months)
    return Date(y, m, min(ref.day, calendar.monthrange(y, m)[1]))


def weekday_date(ref: Date, weekday: int, direction: str) -> Date:
    """The weekday nearest ``ref``: past (on or before, or strictly before with "past"), next."""
    delta = (ref.weekday() - weekday) % 7
    if direction == "next":
        ahead = (weekday - ref.weekday()) % 7 or 7
        return ref + dt.timedelta(days=ahead)
    if direction == "past" and delta == 0:
        delta = 7
    return ref - dt.timedelta(days=delta)


def parse_iso(s: str | None) -> Date | None:
    if not s:
        return None
    try:
        return Date.fromisoformat(str(s)[:10])
    except ValueError:
        return None
