"""What a number counts: its kind (killed, wounded, fighters, ...) from head noun and context.

Pure functions over the folded tokens of :mod:`marsad.arabic.numerals`.  The lexicon is the data
file ``count_nouns.tsv`` (head nouns, dual nouns, governing verbs, armed-group words).

Rules, in order of strength:

1. a killed/wounded head noun (قتلى، جرحى) right after the number, or after ``من``
   (``العشرات من القتلى``), fixes the kind;
2. otherwise a governing verb or verbal noun up to three tokens before the number
   (``قتل العشرات من عناصر``, ``اعتقال 5 مسلحين``, ``أصيب 3 جنود``) fixes it, whatever the head noun (``مقتل 25 سجيناً`` is killed,
   ``اعتقال 5 لاجئين`` arrested);
3. otherwise the head noun's kind (``500 مقاتل`` → fighters);
3b. otherwise an unambiguous verb right after the count or its noun (``12 مسلحاً لقوا مصرعهم``,
   ``5 مدنيين أصيبوا``) fixes it;
4. otherwise a count of people "within armed brigades" (``مئات الرجال ضمن كتائب مسلحة``) →
   fighters;
5. otherwise ``other``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.arabic.normalise import key
from marsad.arabic.numerals import CliticLookup, _rows
from marsad.arabic.numtokens import Tokens

VICTIM_KINDS = frozenset({"killed", "wounded", "arrested", "kidnapped", "displaced"})
SCORED_KINDS = VICTIM_KINDS | {"fighters"}
#: Tokens that end the backward search for a governing cue (clause/sentence punctuation).
_STOP = frozenset({".", "!", "?", ";", ":", "(", ")", "\n"})
#: Small words skipped between a count and its noun: "من" (of), quote marks.
_OF_WORDS = frozenset({"من"})


@dataclass(slots=True)
class CountLexicon:
    nouns: dict[str, str]
    duals: dict[str, str]
    cues: dict[str, str]
    groups: frozenset[str]
    members: frozenset[str]
    postcues: dict[str, str]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> CountLexicon:
        from marsad import resources

        path = (data_dir / "count_nouns.tsv") if data_dir else resources.path("count_nouns.tsv")
        nouns: dict[str, str] = {}
        duals: dict[str, str] = {}
        cues: dict[str, str] = {}
        postcues: dict[str, str] = {}
        groups, members = set(), set()
        for form, kind, role in (r[:3] for r in _rows(path)):
            f = key(form)
            if role == "noun":
                nouns[f] = kind
            elif role == "dual":
                duals[f] = kind
            elif role == "cue":
                cues[f] = kind
            elif role == "group":
                groups.add(f)
            elif role == "member":
                members.add(f)
            elif role == "postcue":
                postcues[f] = kind
        return cls(nouns, duals, cues, frozenset(groups), frozenset(members), postcues)


@dataclass(slots=True)
class KindResult:
    kind: str
    head: int | None  # token index of the counted noun, if any
    cue: int | None  # token index of the governing cue, if any


class CountReader:
    """Assigns kinds to number spans.  Build once per stage."""

    def __init__(self, lexicon: CountLexicon | None = None) -> None:
        self.lex = lexicon or CountLexicon.load()
        # strip_clitics per lexicon, remembered per word (the same words recur in every text)
        lex = self.lex
        self._noun, self._dual = CliticLookup(lex.nouns), CliticLookup(lex.duals)
        self._cue = CliticLookup(lex.cues, suffixes=False)  # أسرة is not أسر + ه
        self._post = CliticLookup(lex.postcues, suffixes=False)
        self._member, self._group = CliticLookup(lex.members), CliticLookup(lex.groups)

    def noun_kind(self, word: str) -> str | None:
        f = self._noun(word)
        return self.lex.nouns[f] if f is not None else None

    def dual_kind(self, word: str) -> str | None:
        f = self._dual(word)
        # a dual takes no pronoun suffix in a count: only proclitics (والقتيلين)
        if f is None or not word.endswith(f):
            return None
        return self.lex.duals[f]

    def head(self, toks: Tokens, after: int, *, limit: int) -> tuple[int | None, str | None]:
        """The counted noun starting at token ``after`` (optionally after ``من``)."""
        m = after
        if m < limit and toks.words[m] in ("ال",):
            m += 1
        if m < limit and toks.words[m] in _OF_WORDS:
            m += 1
        if m < limit and toks.words[m] == '"':
            m += 1
        if m >= limit:
            return None, None
        k = self.noun_kind(toks.words[m])
        return (m, k) if k else (m, None)

    def cue(self, toks: Tokens, before: int, *, floor: int, text: str) -> tuple[int | None, str | None]:
        """Nearest governing cue in the 3 tokens before token ``before`` (same clause)."""
        k = before - 1
        seen = 0
        while k >= floor and seen < 3:
            t = toks.words[k]
            if t in _STOP or "\n" in text[toks.ends[k]:toks.starts[k + 1] if k + 1 < len(toks.words) else toks.ends[k]]:
                break
            c = self._cue(t)  # proclitics only: أسرة is not أسر + ه
            if c is not None:
                return k, self.lex.cues[c]
            if t.isalpha():
                seen += 1
            k -= 1
        return None, None

    def membership(self, toks: Tokens, start: int, *, limit: int) -> bool:
        """``ضمن كتائب`` / ``في صفوف الميليشيات`` within four tokens of ``start``."""
        for m in range(start, min(start + 4, limit)):
            if self._member(toks.words[m]) is not None:
                for g in range(m + 1, min(m + 3, limit)):
                    if self._group(toks.words[g]) is not None:
                        return True
        return False

    def kind(self, toks: Tokens, first: int, last: int, *, text: str, floor: int = 0,
             limit: int | None = None) -> KindResult:
        """Kind of the count whose number occupies tokens ``first..last``.

        ``floor``/``limit`` bound the search to the sentence; ``text`` is the folded text (used to
        stop at line breaks).
        """
        limit = len(toks.words) if limit is None else limit
        head, hkind = self.head(toks, last + 1, limit=limit)
        if hkind in ("killed", "wounded"):
            return KindResult(hkind, head, None)
        cue, ckind = self.cue(toks, first, floor=floor, text=text)
        if ckind:
            return KindResult(ckind, head if hkind else None, cue)
        # "12 مسلحاً لقوا مصرعهم": an unambiguous passive/intransitive verb right after the count
        after = (head + 1) if hkind else last + 1
        for m in range(after, min(after + 2, limit)):
            p = self._post(toks.words[m])
            if p is not None:
                return KindResult(self.lex.postcues[p], head if hkind else None, m)
        if head is not None and hkind in (None, "other") and self.membership(toks, head, limit=limit):
            return KindResult("fighters", head, None)
        if hkind:
            return KindResult(hkind, head, None)
        return KindResult("other", None, None)
