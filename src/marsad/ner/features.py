"""CRF features for one token of a segmented Doc.

The tagger labels TOKENS (whitespace/punctuation-delimited, :attr:`Doc.tokens`) and describes
each with its clitic-split pieces (:attr:`Doc.words`): the proclitics (و ف ب ل ك), the article
and the pronoun suffix become features, and the stem ("core") is the word's identity.  Why
tokens and not pieces: a name never starts inside a proclitic, so a token-level label plus
trimming the proclitics off the first token (see :mod:`marsad.ner.tagger`) gives the right
span, while sequences stay as short as the text (a ±2 window sees two real words, not an
article and a conjunction) and tagging is cheaper.

Features (all strings, weight 1): core, stem prefixes and suffixes (1-3 letters), proclitics,
article, pronoun suffix, shape and length class, the core of the tokens at ±1 and ±2, the
previous-core bigram, neighbour shapes, and trigger words (``ner_triggers.tsv``) on the token
itself, just before it (1 or 2 tokens) and just after it.  An optional gazetteer (a mapping of
folded core → type label) adds ``gz=TYPE``; it is off unless the caller passes one.  An optional
lexicon (folded names of one to four words → labels, see :func:`marsad.ner.lexicon.load_lexicon`:
the actor knowledge base and the gazetteer's countries, regions, provinces and cities) marks
every token of a listed name met in the sentence with ``lx=LABEL`` (``lxb=LABEL`` on its first
token, ``lxa=LABEL`` on the token after it); the lists are not built from the training data, so
the feature fires on names the model never saw.

Static features of a token depend only on its folded form, so they are computed once per
distinct form and cached (bounded), which keeps extraction well above 50,000 tokens/s.
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path

from marsad.arabic.normalise import fold
from marsad.doc import Doc

MAX_CACHE = 300_000
_AR_LO, _AR_HI = "\u0621", "\u06ff"


def load_names(path: Path) -> frozenset[str]:
    """Folded given names, one a line (# comments)."""
    return frozenset(fold(w.strip()) for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def load_triggers(path: Path, split: Callable[[str], tuple]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Triggers by the key of their first word: [(keys of the following words, type)].

    ``split`` is the segmenter's clitic splitter, so a trigger's key is computed exactly as a
    token's at run time (proclitics and article dropped)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        keys = tuple(core_key(fold(w), split) for w in parts[0].split())
        typ = parts[1].strip()
        entry = (keys[1:], typ)
        lst = out.setdefault(keys[0], [])
        if entry not in lst:
            lst.append(entry)
    return out


def core_key(norm: str, split: Callable[[str], tuple]) -> str:
    """A folded Arabic token without its proclitics and article (the token itself otherwise)."""
    if not norm or not (_AR_LO <= norm[0] <= _AR_HI):
        return norm
    for role, a, _b in split(norm):
        if role not in ("prefix", "article"):
            return norm[a:]
    return norm


def _shape(form: str) -> str:
    c = form[0]
    if _AR_LO <= c <= _AR_HI:
        return "A"
    if c.isdigit():
        return "D"
    if c.isalpha():
        return "Lc" if c.isupper() else "L"
    return "P" + c


def _len_class(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3" if n == 3 else "4" if n <= 6 else "7"


class Features:
    """Feature extraction over the tokens of a segmented Doc."""

    def __init__(self, *, triggers: Mapping[str, list[tuple[tuple[str, ...], str]]] | None = None,
                 names: frozenset[str] = frozenset(), gazetteer: Mapping[str, str] | None = None,
                 lexicon: Mapping[str, tuple[str, ...]] | None = None, lexicon_words: int = 4) -> None:
        self.triggers = triggers or {}
        self.names = names
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.lexicon_words = lexicon_words
        # first word of the listed names → most words of a name starting with it (a token that
        # starts no name costs one set lookup)
        self._lex_first: dict[str, int] = {}
        for k in lexicon or ():
            w = k.split(" ")
            if len(w) > self._lex_first.get(w[0], 0):
                self._lex_first[w[0]] = len(w)
        self._cache: dict[str, tuple] = {}
        #: when set, a token's own (cached) features outside it are left out (see :meth:`restricted`)
        self.known: frozenset[str] | None = None

    def restricted(self, known: frozenset[str]) -> Features:
        """A copy whose per-form features keep only those in ``known`` (a model's attributes), in
        the same order.  The CRF skips attributes it does not know, so labels and scores are the
        same while tagging converts and looks up fewer strings."""
        out = copy.copy(self)
        out._cache = {}
        out.known = frozenset(known)
        return out

    # ------------------------------------------------------------------ per form
    def _static(self, norm: str, pieces: list[tuple[str, str]]) -> tuple:
        """(static features, key, neighbour variants, given name?) of one token form."""
        if self.name_clitic(norm, pieces):
            pieces = [("prefix", norm[0]), ("stem", norm[1:])]
        pre = "".join(p for r, p in pieces if r == "prefix")
        art = any(r == "article" for r, _ in pieces)
        suf = "".join(p for r, p in pieces if r == "suffix")
        stem = next((p for r, p in pieces if r == "stem"), norm)
        key = norm[sum(len(p) for r, p in pieces if r in ("prefix", "article")):] or norm
        sh = _shape(norm)
        f = ["b", "w=" + key, "sh=" + sh, "ln=" + _len_class(len(stem))]
        if sh == "A":
            f += ["p1=" + stem[:1], "p2=" + stem[:2], "p3=" + stem[:3],
                  "s1=" + stem[-1:], "s2=" + stem[-2:], "s3=" + stem[-3:]]
            if pre:
                f.append("pre=" + pre)
            if art:
                f.append("art")
            if suf:
                f.append("suf=" + suf)
        elif sh[0] == "L":
            low = key.lower()
            f += ["s3=" + low[-3:], "lw=" + low]
        gn = key in self.names
        if gn:
            f.append("gn")
        if self.gazetteer is not None:
            g = self.gazetteer.get(key)
            if g:
                f.append("gz=" + g)
        if self.known is not None:
            f = [x for x in f if x in self.known]
        nb = ("w-2=" + key, "w-1=" + key, "w+1=" + key, "w+2=" + key, "sh-1=" + sh, "sh+1=" + sh)
        # the token without its proclitics (article kept), for the lexicon: وبالموصل → الموصل
        return f, key, nb, gn, norm[len(pre):] or norm

    def name_clitic(self, norm: str, pieces) -> bool:
        """True when an unsplit token is a clitic و ف ب ل ك + a given name (لمريم, وياسر)."""
        return (len(pieces) <= 1 and len(norm) > 3 and norm[0] in "وفبلك" and norm not in self.names
                and norm[1:] in self.names)

    # ------------------------------------------------------------------ per sentence
    def sentences(self, doc: Doc) -> list[tuple[list[int], list[list[str]]]]:
        """For each sentence: its token indices and one feature list per token."""
        tokens, words = doc.tokens, doc.words
        cache = self._cache
        # first word of each token (words are in token order)
        first = [0] * (len(tokens) + 1)
        last_t = -1
        for wi, w in enumerate(words):
            if w.token != last_t:
                for t in range(last_t + 1, w.token + 1):
                    first[t] = wi
                last_t = w.token
        for t in range(last_t + 1, len(tokens) + 1):
            first[t] = len(words)
        out: list[tuple[list[int], list[list[str]]]] = []
        cur_sent, idx, stat = -1, [], []
        for ti, tok in enumerate(tokens):
            if tok.sent != cur_sent:
                if idx:
                    out.append((idx, self._window(stat)))
                cur_sent, idx, stat = tok.sent, [], []
            s = cache.get(tok.norm)
            if s is None:
                pieces = [(w.role, w.norm) for w in words[first[ti]:first[ti + 1]]]
                s = self._static(tok.norm, pieces)
                if len(cache) < MAX_CACHE:
                    cache[tok.norm] = s
            idx.append(ti)
            stat.append(s)
        if idx:
            out.append((idx, self._window(stat)))
        return out

    def _window(self, stat: list[tuple]) -> list[list[str]]:
        n = len(stat)
        keys = [s[1] for s in stat]
        trig = self._trigger_marks(keys)
        lex = self._lexicon_marks([s[4] for s in stat], keys) if self.lexicon else None
        xs: list[list[str]] = []
        for i in range(n):
            f = list(stat[i][0])
            if i >= 1:
                nb = stat[i - 1][2]
                f += (nb[1], nb[5], "bg=" + keys[i - 1] + "|" + keys[i])
                if i >= 2:
                    f.append(stat[i - 2][2][0])
                else:
                    f.append("bos2")
            else:
                f.append("bos")
            if i + 1 < n:
                nb = stat[i + 1][2]
                f += (nb[2], nb[4])
                if i + 2 < n:
                    f.append(stat[i + 2][2][3])
            else:
                f.append("eos")
            if i >= 1 and stat[i - 1][3]:
                f.append("gn-1")
            if i + 1 < n and stat[i + 1][3]:
                f.append("gn+1")
            t = trig[i]
            if t:
                f += t
            if lex is not None and lex[i]:
                f += lex[i]
            xs.append(f)
        return xs

    def _lexicon_marks(self, forms: list[str], keys: list[str]) -> list[list[str] | None]:
        """Lexicon features per position: the longest listed name starting at each token (its
        form without proclitics, or its core without the article for a one-word name)."""
        n = len(forms)
        marks: list[list[str] | None] = [None] * n
        lex, first = self.lexicon, self._lex_first
        for i in range(n):
            most = first.get(forms[i], 0)
            if not most:
                if keys[i] != forms[i] and keys[i] in lex:
                    most = 1
                else:
                    continue
            hit, end = None, i
            for j in range(min(n, i + most, i + self.lexicon_words), i, -1):
                k = forms[i] if j == i + 1 else " ".join(forms[i:j])
                hit = lex.get(k)
                if hit is None and j == i + 1 and keys[i] != forms[i]:
                    hit = lex.get(keys[i])
                if hit is not None:
                    end = j
                    break
            if hit is None:
                continue
            for p in range(i, end):
                m = marks[p]
                if m is None:
                    m = marks[p] = []
                for lab in hit:
                    if p == i:
                        m.append("lxb=" + lab)
                    m.append("lx=" + lab)
            if end < n:
                m = marks[end]
                if m is None:
                    m = marks[end] = []
                m += ["lxa=" + lab for lab in hit]
        return marks

    def _trigger_marks(self, keys: list[str]) -> list[list[str] | None]:
        """Trigger features per position: on the trigger (tg=), 1-2 after it (ta1=, ta2=), 1 before (tb1=)."""
        n = len(keys)
        marks: list[list[str] | None] = [None] * n
        trig = self.triggers

        def add(i: int, feat: str) -> None:
            if 0 <= i < n:
                m = marks[i]
                if m is None:
                    marks[i] = [feat]
                elif feat not in m:
                    m.append(feat)

        for i, k in enumerate(keys):
            cands = trig.get(k)
            if not cands:
                continue
            for rest, typ in cands:
                j = i + 1 + len(rest)
                if rest and tuple(keys[i + 1:j]) != rest:
                    continue
                for p in range(i, j):
                    add(p, "tg=" + typ)
                add(j, "ta1=" + typ)
                add(j + 1, "ta2=" + typ)
                add(i - 1, "tb1=" + typ)
        return marks
