"""Date expressions in Arabic news and their resolution to calendar ranges.

:class:`DateReader` scans the folded view (tokens of :func:`marsad.arabic.numtokens.tokens`) for

* absolute dates: ``12 حزيران 2016``, ``12 حزيران/يونيو 2016``, ``12 يونيو``, ``2016/6/12``,
  ``12-6-2016``, month + year (``حزيران 2016``), year after عام/سنة (``عام 2003``);
* Hijri dates (``15 رمضان 1437 هـ``), converted with :mod:`marsad.arabic.calendars`;
* weekdays (``يوم الأحد``, ``الأحد الماضي``, ``الخميس المقبل``);
* relative expressions (``أمس``, ``قبل يومين``, ``منذ أكثر من شهر``, ``خلال اليومين الماضيين``,
  ``الأسبوع المقبل``, ``مطلع الشهر الجاري``) from ``relative_dates.tsv``, resolved against the
  publication date.  Without one they are returned with ``resolved=False`` and no dates.

Every result is a :class:`DateSpan` in folded (= clean) offsets with ``first``/``last`` dates
(inclusive) and a ``precision``: day, week, month, year or range.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from marsad.arabic import calendars as cal
from marsad.arabic.normalise import key
from marsad.arabic.numerals import NumberReader, _rows
from marsad.arabic.numtokens import Openers, OpenerScan, Tokens

# (not inside a longer run of numbers and separators; a full stop or a hyphen right after it, not
# followed by a digit, ends the sentence or the phrase: في 21/07/2015.)
_NUMERIC_RE = re.compile(r"(?<![\d/.\-])(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})(?!\d|[/.\-]\d)")
_NUMERIC_HINT = re.compile(r"[/.\-]\d{1,2}[/.\-]")
_HIJRI_MARKS = frozenset({"ه", "هـ", "هجري", "هجريه", "للهجره"})
#: ordinal day numbers before من + a month (الأول من يوليو، الحادي عشر من سبتمبر), folded
_ORDINAL_UNITS = {"الحادي": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6,
                  "السابع": 7, "الثامن": 8, "التاسع": 9}
_ORDINAL_DAYS: dict[tuple[str, ...], int] = {
    ("الاول",): 1, **{(w,): n for w, n in _ORDINAL_UNITS.items() if n > 1}, ("العاشر",): 10,
    ("العشرين",): 20, ("الثلاثين",): 30,
    **{(w, "عشر"): 10 + n for w, n in _ORDINAL_UNITS.items()},
    **{(w, "والعشرين"): 20 + n for w, n in _ORDINAL_UNITS.items()},
    ("الحادي", "والثلاثين"): 31,
}
_GREG_MARKS = frozenset({"م", "ميلادي", "ميلاديه", "للميلاد"})
_YEAR_CUES = frozenset(key(w) for w in ("عام", "العام", "سنة", "السنة", "عامي"))
_AGO = frozenset(key(w) for w in ("قبل", "منذ"))
_WITHIN = frozenset(key(w) for w in ("خلال", "في", "طيلة", "طوال"))
_BOUND = {key("أكثر"): "before", key("اكثر"): "before", key("نحو"): "approx",
          key("حوالي"): "approx", key("قرابة"): "approx", key("أقل"): "after"}
_NOT_TODAY_AFTER = frozenset(key(w) for w in ("الوطني", "العالمي", "الدولي", "التالي", "الأول",
                                               "الثاني", "الثالث", "الأخير", "نفسه", "ذاته"))
#: words before الجمعة that make it the Friday sermon/prayer in general, not a date
_GENERIC_FRIDAY = frozenset(key(w) for w in ("خطب", "خطبة", "خطباء", "خطيب", "أئمة", "إمام"))
_PAST_WORDS = frozenset(key(w) for w in ("الماضي", "الماضية", "الماضيين", "الماضيتين", "الأخيرة",
                                         "الأخيرين", "المنصرم", "الفائت", "المنصرمة"))


@dataclass(slots=True)
class DateSpan:
    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: str
    resolved: bool
    kind: str  # absolute | relative | weekday
    calendar: str = "gregorian"
    qualifier: str | None = None  # before | approx | after, for "منذ أكثر من شهر" and the like

    def as_dict(self) -> dict:
        return {
            "start": self.first.isoformat() if self.first else None,
            "end": self.last.isoformat() if self.last else None,
            "precision": self.precision, "resolved": self.resolved, "kind": self.kind,
            "calendar": self.calendar, "qualifier": self.qualifier,
        }


@dataclass(slots=True)
class RelativeLexicon:
    phrases: dict[tuple[str, ...], str]
    max_words: int

    @classmethod
    def load(cls, data_dir: Path | None = None) -> RelativeLexicon:
        from marsad import resources

        path = (data_dir / "relative_dates.tsv") if data_dir else resources.path("relative_dates.tsv")
        phrases = {tuple(key(r[0]).split()): r[1] for r in _rows(path)}
        return cls(phrases, max(len(k) for k in phrases))


class DateReader:
    """Finds and resolves dates.  Build once per stage; call :meth:`find` per text."""

    def __init__(self, *, months: cal.MonthLexicon | None = None, relative: RelativeLexicon | None = None,
                 numbers: NumberReader | None = None) -> None:
        self.months = months or cal.MonthLexicon.load()
        self.rel = relative or RelativeLexicon.load()
        self.numbers = numbers or NumberReader()
        # first words that can open a date expression: one set lookup per token skips the rest
        self._openers = ({k[0] for k in self.rel.phrases} | {k[0] for k in self.months.months}
                         | _YEAR_CUES | _AGO | _WITHIN | set(cal.WEEKDAYS) | {"يوم"})

        self._opener = Openers(self._openers)
        self._rel_first = frozenset(k[0] for k in self.rel.phrases)
        self._rel_lens = cal.lengths_by_first(self.rel.phrases)
        # ~30 of an article's ~70 opener tokens are في, which starts a date only with a "past"
        # word after it (في الأيام الأخيرة, في الساعات الـ48 الماضية); find skips such openers
        # when no past word follows them, without trying every reader (see _needs_past)
        self._rel_by_first: dict[str, list] = {}  # the relative phrases by first word
        for k in self.rel.phrases:
            self._rel_by_first.setdefault(k[0], []).append(k)
        self._need_past = frozenset(w for w in self._opener.forms if self._needs_past(w))
        self.past_words = _PAST_WORDS  # for an OpenerGroup's extra sets (see find)
        # how far after such an opener its past word can be, unless a count follows it: the last
        # word of a relative phrase, or the word after _window's unit (ال + unit + past)
        self._past_reach = max(self.rel.max_words - 1, 3)
        # which readers can start at a word (see _can_start), remembered per word
        self._can: dict[str, tuple[bool, bool, bool, bool]] = {}

    def _needs_past(self, w: str) -> bool:
        """True when a date can start at a token ``w`` only if a _PAST_WORDS token follows it.

        Follows the readers' own first-token tests, in :meth:`find`'s order: _absolute starts
        only at a weekday, يوم, a digit or a month name's first word (bare or after one clitic
        letter, as MonthLexicon.match looks it up); _year_cue at a year cue; _ago and _weekday at
        their words (bare or after و/ف); _part and _relative's phrases only where a phrase of
        relative_dates.tsv starts (as _rel looks them up), so every such phrase must hold a past
        word after its first; _window only where words[j + 1] is a past word, j > i.
        """
        clitic = w[:1] in "وفبل" and len(w) > 3
        month_firsts = self.months._lens
        if w.isdigit() or w in ("يوم", "ويوم") or w in cal.WEEKDAYS or w in _YEAR_CUES or w in _AGO \
                or w in month_firsts or (clitic and w[1:] in month_firsts):
            return False
        if w[:1] in "وف" and (w[1:] in _AGO or w[1:] in cal.WEEKDAYS):
            return False
        firsts = {w, w[1:]} if clitic else {w}
        by_first = self._rel_by_first
        return all(_PAST_WORDS.intersection(k[1:]) for f in firsts for k in by_first.get(f, ()))

    def _can_start(self, w: str) -> tuple[bool, bool, bool, bool]:
        """Whether _absolute, _year_cue, _relative and _weekday can find a date starting at a
        token ``w``: their own first-token tests, so a reader marked False returns None there
        (the readers are pure: skipping one that returns None changes nothing).

        _absolute reads a weekday or يوم before a day, a day number, or a month name at the
        token (bare or after one clitic letter, as MonthLexicon.match looks it up); _year_cue
        needs a year cue; _relative needs a relative phrase to start at the token (bare or after
        a clitic, as _rel looks it up: _part starts only there too), or _ago's words (bare or
        after و/ف) or _window's (bare or after و); _weekday needs يوم/ويوم or a weekday (bare or
        after و/ف)."""
        got = self._can.get(w)
        if got is not None:
            return got
        months = self.months._lens
        clitic = w[:1] in ("و", "ف", "ب", "ل") and len(w) > 3
        got = (w in cal.WEEKDAYS or w == "يوم" or w.isdigit() or w in months or (clitic and w[1:] in months),
               w in _YEAR_CUES,
               w in self._rel_first or w[1:] in self._rel_first or w in _AGO or w in _WITHIN
               or (w[:1] in "وف" and w[1:] in _AGO) or (w[:1] == "و" and w[1:] in _WITHIN),
               w in ("يوم", "ويوم") or w in cal.WEEKDAYS or (w[:1] in "وف" and w[1:] in cal.WEEKDAYS))
        if len(self._can) >= 50_000:  # digit tokens are many forms; the opener words are few
            self._can.clear()
        self._can[w] = got
        return got

    def _far_from_past(self, words: list[str], i: int, past: list[int]) -> bool:
        """No date starts at opener ``i`` of :attr:`_need_past` (``past``: the indices of the
        past words).  Its past word must come after it: within a relative phrase (at most
        _past_reach words on), or right after _window's unit (ال + unit + past), or after a count
        that _window reads at i + 1 or i + 2, which starts with a digit or a number word (a
        form of the number reader's openers) there."""
        k = bisect_right(past, i)
        if k == len(past):
            return True
        if past[k] - i <= self._past_reach:
            return False
        forms = self.numbers._opener.forms
        return not any(w[:1].isdigit() or w in forms for w in words[i + 1:i + 3])

    # ------------------------------------------------------------ helpers
    def _rel(self, words: list[str], i: int, *, prefix_ok: bool = True) -> tuple[str, int] | None:
        w = words[i]
        if w not in self._rel_first and not (prefix_ok and w[1:] in self._rel_first):
            return None
        # only the lengths of the phrases that start with w (or with w minus its clitic) can
        # match: the same longest-first search as over range(max_words, 0, -1), without misses
        lens = self._rel_lens.get(w, ())
        if prefix_ok and w[:1] in "وفبل" and len(w) > 3:
            lens = sorted(set(lens) | set(self._rel_lens.get(w[1:], ())), reverse=True)
        for n in lens:
            if i + n > len(words):
                continue
            got = list(words[i:i + n])
            r = self.rel.phrases.get(tuple(got))
            if r is None and prefix_ok and got[0][:1] in "وفبل" and len(got[0]) > 3:
                got[0] = got[0][1:]
                r = self.rel.phrases.get(tuple(got))
            if r is not None:
                return r, n
        return None

    def _unit(self, word: str) -> tuple[str, int] | None:
        for w in (word, word[2:] if word.startswith("ال") else None):
            if w:
                r = self.rel.phrases.get((w,))
                if r and r.startswith("unit:"):
                    _, u, n = r.split(":")
                    return u, int(n)
        return None

    @staticmethod
    def _year(tok: str) -> int | None:
        return int(tok) if tok.isdigit() and len(tok) == 4 else None

    # ------------------------------------------------------------ main
    def find(self, folded: str, toks: Tokens, published: dt.date | None, *,
             digits: list[int] | None = None, scan: OpenerScan | None = None) -> list[DateSpan]:
        """Dates in ``folded`` (``toks``: its :func:`~marsad.arabic.numtokens.tokens`; ``digits``:
        their :func:`~marsad.arabic.numtokens.digit_openers`; ``scan``: an
        :meth:`~marsad.arabic.numtokens.OpenerGroup.scan` of them; when the caller has them)."""
        words = toks.words
        out: list[DateSpan] = []
        taken: set[int] = set()
        # _NUMERIC_RE opens with a lookbehind, so its scan tries the pattern at every position;
        # every match holds _NUMERIC_HINT (a separator, 1-2 digits, a separator: the middle number with
        # the separators around it; the hint does not ask for the same one twice), whose scan
        # skips to the separators (fewer than the digits): one cheap search rules out the ~99% of
        # texts without such dates
        numeric = _NUMERIC_RE.finditer(folded) if _NUMERIC_HINT.search(folded) else ()
        starts = toks.starts
        for m in numeric:
            got = self._numeric(m)
            if got is not None:
                d, calendar = got
                out.append(DateSpan(m.start(), m.end(), d, d, "day", True, "absolute", calendar))
                k = bisect_left(starts, m.start())
                while k < len(starts) and starts[k] < m.end():
                    taken.add(k)
                    k += 1
        done = -1
        # the past words (الماضي، الأخيرة ...) of the text: an opener of _need_past without one
        # soon after it starts no date (see _far_from_past)
        past = scan.select(_PAST_WORDS) if scan is not None else None
        if past is None:
            past = list(compress(range(len(words)), map(_PAST_WORDS.__contains__, words)))
        need_past = self._need_past
        # _far_from_past without a call for most of the ~36 such openers of an article: with no
        # past word after i (i >= the last one) it is True; with one within _past_reach after i
        # (i in near) it is False; only the others need its count test
        last_past = past[-1] if past else -1
        near = {p - d for p in past for d in range(1, self._past_reach + 1)}
        can = self._can
        for i in self._opener.indices(folded, toks, digits=digits, scan=scan):
            if i <= done or i in taken:
                continue
            w = words[i]
            if w in need_past and (i >= last_past or (i not in near and self._far_from_past(words, i, past))):
                continue
            a, y, r, wd = can.get(w) or self._can_start(w)
            got = ((a and self._absolute(toks, words, i, published)) or (y and self._year_cue(toks, words, i))
                   or (r and self._relative(toks, words, i, published))
                   or (wd and self._weekday(toks, words, i, published)))
            if not got:
                continue
            span, last = got
            out.append(span)
            done = last
        out.sort(key=lambda s: s.start)
        return out

    # ------------------------------------------------------------ absolute
    @staticmethod
    def _numeric(m: re.Match) -> tuple[dt.date, str] | None:
        """(Gregorian date, calendar) of d/m/yyyy or yyyy/m/d.  A year from 1300 to 1500 is a
        Hijri year (19/7/1436، 1436/10/30هـ: Saudi news dates that way; no modern text writes a
        Gregorian date of the 14th century in figures), converted with the Umm al-Qura table."""
        a, b, c = m.group(1), m.group(3), m.group(4)
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        elif len(c) == 4 and len(a) <= 2:
            y, mo, d = int(c), int(b), int(a)
        else:
            return None
        if 1300 <= y <= 1500:
            h = cal.hijri_to_gregorian(y, mo, d)
            return (h, "hijri") if h is not None else None
        g = cal.safe_date(y, mo, d)
        return (g, "gregorian") if g is not None else None

    def _absolute(self, toks, words, i, published):
        n = len(words)
        start_i = i
        weekday = None
        if words[i] in cal.WEEKDAYS and i + 1 < n and words[i + 1].isdigit():
            weekday, i = words[i], i + 1
        elif words[i] == "يوم" and i + 2 < n and words[i + 1] in cal.WEEKDAYS and words[i + 2].isdigit():
            weekday, i = words[i + 1], i + 2
        day = None
        if words[i].isdigit() and len(words[i]) <= 2 and 1 <= int(words[i]) <= 31:
            day, j = int(words[i]), i + 1
            if j < n and words[j] in ("من",):  # "12 من حزيران"
                j += 1
        else:
            j = i
        mm = self.months.match(words, j) if j < n else None
        if mm is None:
            return None
        month, k = mm
        if day is None and weekday is None and j == start_i and j >= 2 and words[j - 1] == "من":
            # an ordinal day before من and the month (الأول من يوليو، الحادي عشر من سبتمبر): the
            # month is the opener, so the date's start moves back over them
            for w in (2, 1):
                got_day = _ORDINAL_DAYS.get(tuple(words[j - 1 - w:j - 1])) if j - 1 - w >= 0 else None
                # (not an ordinal adjective of a definite noun: الربع الأول من يونيو)
                if got_day is not None and not (j - 2 - w >= 0 and words[j - 2 - w].startswith("ال")):
                    day, start_i = got_day, j - 1 - w
                    break
        last = j + k - 1
        # alternative name: حزيران/يونيو, حزيران (يونيو)
        if last + 2 < n and words[last + 1] in ("/", "(", "-"):
            alt = self.months.match(words, last + 2)
            if alt and alt[0].number == month.number:
                last = last + 1 + alt[1]
                if last + 1 < n and words[last + 1] == ")":
                    last += 1
        year = None
        # the year, maybe after a year cue, عام / سنة (5 أكتوبر عام 1976، يونيو من عام 1967)
        y_at = last + 1
        if y_at + 1 < n and words[y_at] == "من" and words[y_at + 1] in _YEAR_CUES:
            y_at += 1
        if y_at + 1 < n and words[y_at] in _YEAR_CUES and self._year(words[y_at + 1]) is not None:
            y_at += 1
        if y_at < n and self._year(words[y_at]) is not None:
            year, last = self._year(words[y_at]), y_at
            if last + 1 < n and words[last + 1] in _HIJRI_MARKS | _GREG_MARKS:
                last += 1
        if day is None and year is None:
            # a month name alone: only unambiguous names, with a direction word or "شهر" before
            direction = None
            if last + 1 < n:
                r = self.rel.phrases.get((words[last + 1],), "")
                if r.startswith("dir:"):
                    direction, last = r[4:], last + 1
            if month.ambiguous or (direction is None and not (start_i > 0 and words[start_i - 1] == "شهر")):
                return None
            return self._month_alone(toks, start_i, last, month, direction or "past", published)
        if day is None and month.ambiguous and year is None:
            return None
        span = DateSpan(toks.starts[start_i], toks.ends[last], None, None, "day" if day else "month",
                        False, "absolute", month.calendar)
        if year is None:
            if published is None:
                span.kind = "relative"
                return span, last
            year = self._infer_year(month, day, published)
        if month.calendar == "hijri":
            if day:
                d = cal.hijri_to_gregorian(year, month.number, day)
                rng = (d, d) if d else None
            else:
                rng = cal.hijri_month_range(year, month.number)
        else:
            if day:
                d = cal.safe_date(year, month.number, day)
                rng = (d, d) if d else None
            else:
                rng = cal.month_range(year, month.number) if 1 <= year <= 9999 else None
        if rng is None:
            return span, last
        span.first, span.last, span.resolved = rng[0], rng[1], True
        if weekday is not None:
            span.kind = "absolute"
        return span, last

    @staticmethod
    def _infer_year(month: cal.Month, day: int | None, published: dt.date) -> int:
        if month.calendar == "hijri":
            from hijridate import Gregorian

            h = Gregorian(published.year, published.month, published.day).to_hijri()
            return h.year if (month.number, day or 1) <= (h.month, h.day) else h.year - 1
        d = cal.safe_date(published.year, month.number, min(day or 1, 28))
        return published.year if d is None or d <= published + dt.timedelta(days=31) else published.year - 1

    def _month_alone(self, toks, start_i, last, month, direction, published):
        span = DateSpan(toks.starts[start_i], toks.ends[last], None, None, "month", False, "relative",
                        month.calendar)
        if published is None:
            return span, last
        if month.calendar == "hijri":
            from hijridate import Gregorian

            h = Gregorian(published.year, published.month, published.day).to_hijri()
            ref_y, ref_m = h.year, h.month
        else:
            ref_y, ref_m = published.year, published.month
        y = ref_y
        if direction == "past" and month.number > ref_m:
            y -= 1
        elif direction == "next" and month.number < ref_m:
            y += 1
        rng = (cal.hijri_month_range(y, month.number) if month.calendar == "hijri"
               else cal.month_range(y, month.number))
        if rng:
            span.first, span.last, span.resolved = rng[0], rng[1], True
        return span, last

    def _year_cue(self, toks, words, i):
        n = len(words)
        if words[i] not in _YEAR_CUES or i + 1 >= n:
            return None
        year = self._year(words[i + 1])
        if year is None:
            return None
        last = i + 1
        hijri = last + 1 < n and words[last + 1] in _HIJRI_MARKS
        if last + 1 < n and words[last + 1] in _HIJRI_MARKS | _GREG_MARKS:
            last += 1
        if hijri or 1300 <= year <= 1500:
            rng = cal.hijri_year_range(year)
            cal_name = "hijri"
        else:
            if not 1000 <= year <= 2200:
                return None
            rng = (dt.date(year, 1, 1), dt.date(year, 12, 31))
            cal_name = "gregorian"
        span = DateSpan(toks.starts[i + 1], toks.ends[last], None, None, "year", False, "absolute", cal_name)
        if rng:
            span.first, span.last, span.resolved = rng[0], rng[1], True
        return span, last

    # ------------------------------------------------------------ relative
    def _relative(self, toks, words, i, published):
        r = self._rel(words, i)
        if r is None or r[0].split(":")[0] not in ("day", "period", "window"):
            return self._part(toks, words, i, published, rel=r) or self._ago(toks, words, i, published) \
                or self._window(toks, words, i, published)
        rule, k = r
        parts = rule.split(":")
        # "16 ساعة في اليوم" (per day), "اليوم الوطني" (national day): not a date
        if words[i].endswith("اليوم") and ((i > 0 and words[i - 1] in ("في", "كل", "طوال", "طيلة")) or (
                i + 1 < len(words) and words[i + 1] in _NOT_TODAY_AFTER)):
            return None
        last = i + k - 1
        span = DateSpan(toks.starts[i], toks.ends[last], None, None, "day", False, "relative")
        if parts[0] == "period":
            span.precision = parts[1]
        elif parts[0] == "window":
            span.precision = "range"
        if published is None:
            return span, last
        if parts[0] == "day":
            d = published + dt.timedelta(days=int(parts[1]))
            span.first = span.last = d
        elif parts[0] == "period":
            span.first, span.last = cal.period_range(parts[1], published, int(parts[2]))
        else:
            span.first, span.last = cal.shift(published, parts[1], -int(parts[2])), published
        span.resolved = span.first is not None
        return span, last

    def _part(self, toks, words, i, published, *, rel=False):
        r = self._rel(words, i) if rel is False else rel  # rel: _rel(words, i) when known already
        if not r or not r[0].startswith("part:") or i + 1 >= len(words):
            return None
        part = r[0].split(":")[1]
        inner = self._rel(words, i + 1, prefix_ok=False)
        if inner and inner[0].startswith("period:"):
            _, unit, num = inner[0].split(":")
            last = i + inner[1]
            span = DateSpan(toks.starts[i], toks.ends[last], None, None, "range", False, "relative")
            if published is not None:
                a, b = cal.period_range(unit, published, int(num))
                span.first, span.last = cal.part_of(a, b, part)
                span.resolved = True
            return span, last
        sub = self._absolute(toks, words, i + 1, published) or self._year_cue(toks, words, i + 1)
        if sub and sub[0].precision in ("month", "year"):
            span, last = sub
            span.start = toks.starts[i]
            span.precision = "range"
            if span.first and span.last:
                span.first, span.last = cal.part_of(span.first, span.last, part)
            return span, last
        return None

    def _count(self, toks, words, i) -> tuple[int, int] | None:
        """A small number at token i (digits or words) and its last token."""
        if words[i].isdigit():
            return int(words[i]), i
        sp = self.numbers._read_at("", toks, i)
        if sp is not None and sp.value:
            return int(sp.value), sp.tok_last
        return None

    def _ago(self, toks, words, i, published):
        n = len(words)
        w = words[i][1:] if words[i][:1] in "وف" and words[i][1:] in _AGO else words[i]
        if w not in _AGO or i + 1 >= n:
            return None
        j, qual = i + 1, None
        if words[j] in _BOUND:
            qual = _BOUND[words[j]]
            j += 2 if j + 1 < n and words[j + 1] == "من" else 1
        if j >= n:
            return None
        count, unit = 1, self._unit(words[j])
        last = j
        if unit is None:
            c = self._count(toks, words, j)
            if c is None or c[1] + 1 >= n:
                return None
            count, last = c[0], c[1] + 1
            unit = self._unit(words[last])
            if unit is None:
                return None
        elif unit[1] > 1:
            count = unit[1]
        elif unit[1] == 0:
            return None  # "قبل أيام": too vague to place
        u = unit[0]
        precision = "range" if qual == "before" else (u if u != "hour" else "day")
        span = DateSpan(toks.starts[i], toks.ends[last], None, None, precision, False, "relative",
                        qualifier=qual)
        if published is None:
            return span, last
        point = cal.shift(published, u, -count)
        first = cal.shift(point, u, -count) if point and qual == "before" else point
        if point is None or first is None:
            return span, last  # out of the calendar's range: left unresolved
        span.first, span.last, span.resolved = first, point, True
        return span, last

    def _window(self, toks, words, i, published):
        n = len(words)
        w = words[i][1:] if words[i][:1] == "و" and words[i][1:] in _WITHIN else words[i]
        if w not in _WITHIN or i + 2 >= n:
            return None
        j = i + 1
        if words[j] == "ال":
            j += 1
        count = None
        unit = self._unit(words[j]) if j < n else None
        if unit is None:
            c = self._count(toks, words, j) if j < n else None
            if c is None or c[1] + 1 >= n:
                return None
            count, j = c[0], c[1] + 1
            unit = self._unit(words[j])
            if unit is None:
                return None
        if j + 1 >= n or words[j + 1] not in _PAST_WORDS:
            return None
        u, k = unit
        count = count or (k if k else 7 if u == "day" else 3)
        last = j + 1
        span = DateSpan(toks.starts[i], toks.ends[last], None, None, "range", False, "relative")
        first = cal.shift(published, u, -count) if published is not None else None
        if first is not None:
            span.first, span.last, span.resolved = first, published, True
        return span, last

    def _weekday(self, toks, words, i, published):
        n = len(words)
        start_i = i
        explicit = False
        if words[i] in ("يوم", "ويوم") and i + 1 < n and words[i + 1] in cal.WEEKDAYS:
            i += 1
            explicit = True
        w = words[i]
        if w not in cal.WEEKDAYS:
            if w[:1] in "وف" and w[1:] in cal.WEEKDAYS:
                w = w[1:]
            else:
                return None
        last = i
        direction = "bare"
        if last + 1 < n:
            r = self.rel.phrases.get((words[last + 1],), "")
            if r.startswith("dir:"):
                direction, last = r[4:], last + 1
        if w == key("الجمعة") and start_i > 0 and words[start_i - 1] in _GENERIC_FRIDAY:
            return None
        # الاثنين is also "the two": only with يوم before it or a direction word after it
        if cal.WEEKDAYS[w] == 0 and not explicit and direction == "bare":
            return None
        span = DateSpan(toks.starts[start_i], toks.ends[last], None, None, "day", False, "weekday")
        if published is not None:
            d = cal.weekday_date(published, cal.WEEKDAYS[w], "past" if direction == "past" else
                                 "next" if direction == "next" else "bare")
            span.first = span.last = d
            span.resolved = True
        return span, last
