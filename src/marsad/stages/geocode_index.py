"""Per-document indexes that keep the Geocode stage fast (:mod:`marsad.stages.geocode`).

Each gives exactly what the plain scan it replaces gave: the token or sentence holding an offset
(bisection), whether a span overlaps any entity mention (bisection over starts with a running
maximum of ends), the tokens that can join a name (followed on demand and memoised), and the
nearness bonus (anchors more than 4.6 degrees of latitude away are over 500 km and skipped), and
whether a point has one of a set of points (big cities) within a distance (a latitude window).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from operator import attrgetter

from marsad.doc import Doc
from marsad.resources.gazetteer import Place, haversine_km

_JOIN_GAP = re.compile(r"^[\s_#]*$")
_START = attrgetter("start")


def scannable(doc: Doc, *, blocks: frozenset[str]) -> list[bool]:
    """Per token: an Arabic word in a block free lookup reads (one of ``blocks`` kinds)."""
    flt = TokenFilter(doc, blocks=blocks)
    return [flt[k] for k in range(len(doc.tokens))]


class TokenFilter:
    """Per token, worked out on first use: an Arabic word in a block of one of the ``blocks``
    kinds (or in no block), not overlapping any of the ``taken`` spans.  ``flt[k]`` is a bool."""

    __slots__ = ("_doc", "_kinds", "_ordered", "_starts", "_taken", "_memo")

    def __init__(self, doc: Doc, *, blocks: frozenset[str], taken: Spans | None = None) -> None:
        self._doc, self._kinds, self._taken = doc, blocks, taken
        bl = doc.blocks
        self._ordered = all(bl[a].end <= bl[a + 1].start for a in range(len(bl) - 1))
        self._starts = [b.start for b in bl]
        self._memo: list[bool | None] = [None] * len(doc.tokens)

    def __getitem__(self, k: int) -> bool:
        v = self._memo[k]
        if v is not None:
            return v
        v = self._memo[k] = False
        t = self._doc.tokens[k]
        if not t.is_word or not t.norm or not ("\u0621" <= t.norm[0] <= "\u064a"):
            return v
        blocks = self._doc.blocks
        if blocks:
            if self._ordered:  # disjoint and in order: the last block starting at or before it
                bi = bisect_right(self._starts, t.start) - 1  # (index_of by bisection)
                b = blocks[bi] if bi >= 0 and t.start < blocks[bi].end else None
            else:
                b = self._doc.block_of(t.start)
            if b is not None and b.kind not in self._kinds:
                return v
        v = self._memo[k] = self._taken is None or not self._taken.hits(t.start, t.end)
        return v


def grow(doc: Doc, run: list[int], ok_tok: list[bool] | TokenFilter, nxt: list[int], maxw: int) -> bool:
    """Append to ``run`` the next token that can join its name (memoised in ``nxt``); False when
    the run has ``maxw`` tokens or no token can follow."""
    if len(run) >= maxw:
        return False
    j = run[-1]
    k = nxt[j]
    if k == -2:
        toks = doc.tokens
        sent = toks[j].sent
        k = j + 1
        while k < len(toks) and toks[k].norm in ("_", "#") and toks[k].sent == sent:
            k += 1
        if k >= len(toks) or not ok_tok[k] or toks[k].sent != sent \
                or not _JOIN_GAP.match(doc.text[toks[j].end:toks[k].start]):
            k = -1
        nxt[j] = k
    if k < 0:
        return False
    run.append(k)
    return True


def nearness(c: Place, key: str, anchors: list[tuple[str, float, float, float]], w: dict[str, float], *,
             lats: list[float] | None = None) -> float:
    """Bonus for closeness to the nearest anchor (key, lat, lon, lat in radians: another name's
    chosen place) within 500 km, with the weights ``w`` (near_50, near_200, near_500).  With
    ``lats`` (the anchors' latitudes, ``anchors`` sorted by latitude) only the anchors in the
    latitude band that can be within 500 km are read; the bonus is a maximum, so the same."""
    n50, n200, n500 = w["near_50"], w["near_200"], w["near_500"]
    top = max(n50, n200, n500)
    best = 0.0
    lat, lon = c.lat, c.lon
    if lats is not None:  # a band a little wider than the exact test below
        anchors = anchors[bisect_left(lats, lat - 4.65):bisect_right(lats, lat + 4.65)]
        if not anchors:
            return best
    p1 = math.radians(lat)
    cos1 = math.cos(p1)
    for k, la, lo, p2 in anchors:
        if k == key or abs(lat - la) > 4.6:  # 4.6° of latitude alone is over 500 km
            continue
        # haversine_km(lat, lon, la, lo), inlined with the same operations
        dp, dl = p2 - p1, math.radians(lo - lon)
        a = math.sin(dp / 2) ** 2 + cos1 * math.cos(p2) * math.sin(dl / 2) ** 2
        d = 12742.0 * math.asin(min(1.0, math.sqrt(a)))
        best = max(best, n50 if d < 50 else n200 if d < 200 else n500 if d < 500 else 0.0)
        if best == top:
            break
    return best


def index_of(spans: list, pos: int) -> int:
    """Index of the span (token, sentence; sorted, disjoint) holding offset ``pos``, else -1."""
    i = bisect_right(spans, pos, key=_START) - 1  # the last span starting at or before pos
    return i if i >= 0 and spans[i].start <= pos < spans[i].end else -1


class Spans:
    """Spans indexed for "does (s, e) overlap any of them" (a < e and s < b) in O(log n)."""

    __slots__ = ("_starts", "_maxend")

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._maxend, m = [], None
        for _, b in ordered:
            m = b if m is None or b > m else m
            self._maxend.append(m)

    def hits(self, s: int, e: int) -> bool:
        n = bisect_left(self._starts, e)  # spans starting before e
        return n > 0 and self._maxend[n - 1] > s


class Points:
    """Points (lat, lon) sorted by latitude, for "is one within ``km`` (< 0.5° of latitude)"."""

    __slots__ = ("_pts", "_lats")

    def __init__(self, points) -> None:
        self._pts = sorted(points)
        self._lats = [la for la, _ in self._pts]

    def any_within(self, lat: float, lon: float, km: float) -> bool:
        lo_i = bisect_right(self._lats, lat - 0.51)  # a wider window; the exact test is below
        hi_i = bisect_left(self._lats, lat + 0.51)
        if lo_i >= hi_i:
            return False
        if abs(lat) <= 60.0:
            # both points within 60.5 degrees of the equator (cos >= 0.49): the haversine formula
            # gives d >= 2R asin(0.49 sin(dlon / 2)), so a longitude gap wider than ``span`` (with
            # 1% to spare) is km or more away and cannot pass the exact test
            span = 1.01 * math.degrees(2 * math.asin(min(1.0, math.sin(km / 12742.0) / 0.49)))
            return any(abs(lat - la) < 0.5 and min(abs(lon - lo), 360.0 - abs(lon - lo)) <= span
                       and haversine_km(lat, lon, la, lo) < km for la, lo in self._pts[lo_i:hi_i])
        return any(abs(lat - la) < 0.5 and haversine_km(lat, lon, la, lo) < km for la, lo in self._pts[lo_i:hi_i])
