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
distinct form and cached (bounded), together with what the form gives its neighbours; a token's
list is then one concatenation of cached tuples.  At tagging time (:meth:`Features.restricted`)
only the model's attributes are kept, already as UTF-8 bytes, which halves python-crfsuite's
share.  Features take ~1.7 ms per corpus article with a warm cache and ~3.5 ms on the first
300 corpus articles (~130 new forms each), i.e. roughly 250,000-500,000 tokens/s.
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


# Fields of a per-form cache entry, a plain tuple (the window loop unpacks it): the form's own
# features; its key and lexicon form; the features it gives the token after it, two after, before
# it, two before; its bigrams as the first word (``.get(next key, ())`` → the "bg=" feature in a
# 1-tuple, or nothing); "gn-1" / "gn+1" for the tokens after / before a given name; how many words
# a listed name starting with it may have (0: none); whether a trigger starts with it; and, for
# the numpy decoder (:mod:`marsad.ner.fastcrf`, features as row numbers), the rows it gives its
# neighbours as 8 numbers (0, the zero row, for an unknown feature), in the order of
# ``fastcrf._GATHER_OFF``: w-1 sh+1 | w-2 | w+1 sh-1 | w+2 | gn-1 | gn+1.
_ST, _KEY, _FORM, _L1, _L2, _R1, _R2, _BG, _GNP, _GNN, _LEX, _TRIG, _NB = range(13)
_NO_WORDS, _NO_SHAPES = (None,) * 5, (None,) * 3
MAX_MARKS = 10_000  # label sets of listed names whose marks are kept converted


# Per kind of feature, how a value becomes the feature (see Features._kinds): the single-valued
# kinds, then the two groups looked up at once (a key's five word features, a shape's three).
_KINDS = ("ln=", "p1=", "p2=", "p3=", "s1=", "s2=", "s3=", "pre=", "suf=", "lw=", "gz=")
_WORD_KINDS = ("w=", "w-1=", "w-2=", "w+1=", "w+2=")
# The neighbour shapes are named the other way round (the previous token's shape is "sh+1=",
# the next one's "sh-1="): that is how the model was trained, so it stays.
_SHAPE_KINDS = ("sh=", "sh+1=", "sh-1=")


class _Spelled:
    """A kind's lookup in the full mode: every value is a feature, spelt out (``p1=`` + value);
    with several prefixes, the tuple of the features of the value."""

    __slots__ = ("prefixes",)

    def __init__(self, *prefixes: str) -> None:
        self.prefixes = prefixes

    def get(self, value: str, default=None):
        if len(self.prefixes) == 1:
            return self.prefixes[0] + value
        return tuple([p + value for p in self.prefixes])


class _AllBigrams:
    """Bigrams of one previous key in the full mode: every one, built on request."""

    __slots__ = ("prefix",)

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def get(self, key: str, default=None) -> tuple[str]:
        return (self.prefix + key,)


class Features:
    """Feature extraction over the tokens of a segmented Doc.

    Two modes.  The full extractor (training, tests) gives every feature as a ``str``.  A copy
    made by :meth:`restricted` (tagging) keeps only the features the model knows, already
    encoded as UTF-8 ``bytes`` -- what python-crfsuite converts a ``str`` to before looking it
    up, so the labels are the same and tagging skips one encoding per feature and the lookup of
    every attribute the model would ignore anyway."""

    def __init__(self, *, triggers: Mapping[str, list[tuple[tuple[str, ...], str]]] | None = None,
                 names: frozenset[str] = frozenset(), gazetteer: Mapping[str, str] | None = None,
                 lexicon: Mapping[str, tuple[str, ...]] | None = None, lexicon_words: int = 4) -> None:
        self.triggers = triggers or {}
        self.names = names
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.lexicon_words = lexicon_words
        # first word of the listed names → most words of a name starting with it (a token that
        # starts no name costs one set lookup), and every start of two or more words of a listed
        # name (a longer name can only continue a start that is listed)
        # (one pass over the ~33k names at start-up: a one-word name, most of them, is one
        # setdefault; a longer one adds itself and its word-prefixes of two words or more)
        first: dict[str, int] = {}
        starts: set[str] = set()
        for k in lexicon or ():
            p = k.find(" ")
            if p < 0:
                first.setdefault(k, 1)  # every count is >= 1
                continue
            n = k.count(" ") + 1
            if n > first.get(k[:p], 0):
                first[k[:p]] = n
            starts.add(k)
            q = k.find(" ", p + 1)
            while q >= 0:
                starts.add(k[:q])
                q = k.find(" ", q + 1)
        self._lex_first, self._lex_starts = first, starts
        self._cache: dict[str, tuple] = {}
        #: when set, a token's features outside it are left out (see :meth:`restricted`)
        self.known: frozenset[str] | None = None
        self._enc: dict[str, bytes] | dict[str, int] | None = None  # known feature → bytes (or id)
        self._bigrams: dict[str, dict[str, tuple]] = {}  # previous key → {key: known "bg="}
        self._tables()

    def _tables(self) -> None:
        """What depends on the mode (full or restricted): the edge entries, standing for the
        positions just outside a sentence so the window loop has no edge cases (before the first
        token "bos", and "bos2" on the second; after the last "eos"); each trigger with its four
        marks (None: unknown to the model) by the key of its first word; the marks of listed
        names by their labels (filled on use)."""
        conv = self._conv

        def one(f: str):
            c = conv([f])
            return c[0] if c else None

        self._gn_prev, self._gn_next = conv(["gn-1"]), conv(["gn+1"])
        self._kinds()
        self._trig_feats = {k: [(rest, one("tg=" + t), one("ta1=" + t), one("ta2=" + t), one("tb1=" + t))
                                for rest, t in v] for k, v in self.triggers.items()}
        self._lex_feats: dict[tuple[str, ...], tuple[tuple, tuple, tuple]] = {}
        blank = [(), "", "", (), (), (), (), None, (), (), 0, False, (0,) * 8]
        first, after = list(blank), list(blank)
        first[_L1], first[_L2] = conv(["bos"]), conv(["bos2"])
        after[_R1] = conv(["eos"])
        first[_NB] = ((*first[_L1], 0)[0], 0, (*first[_L2], 0)[0], 0, 0, 0, 0, 0)
        after[_NB] = (0, 0, 0, (*after[_R1], 0)[0], 0, 0, 0, 0)
        self._before = (tuple(blank), tuple(first))
        self._after = (tuple(after), tuple(blank))

    def _conv(self, feats) -> tuple:
        """Features as the CRF is given them: all of them (str), or the known ones as bytes."""
        enc = self._enc
        if enc is None:
            return tuple(feats)
        # a feature is never empty, so its bytes are never falsy: filter(None) drops the unknown
        return tuple(filter(None, map(enc.get, feats)))

    def _kinds(self) -> None:
        """Per kind of feature, the value → feature lookup :meth:`_static` uses, so that a new
        form's features are found without spelling each one out: in the full mode every
        feature is spelt (:class:`_Spelled`); restricted, a kind's table holds the values of the
        model's attributes of that kind (``"p2=" + v`` is known iff ``v`` is in the ``p2=``
        table, to the same bytes or row), and a key's five word features and a shape's three
        come in one lookup (None for an unknown one)."""
        enc = self._enc
        self._fixed = tuple(f if enc is None else enc.get(f) for f in ("b", "art", "gn"))
        if enc is None:
            self._by_kind = {k: _Spelled(k) for k in _KINDS}
            self._words, self._shapes = _Spelled(*_WORD_KINDS), _Spelled(*_SHAPE_KINDS)
            return
        # a kind of the word or shape group → (its group's table, its place in the group)
        words: dict[str, list] = {}
        shapes: dict[str, list] = {}
        slot = {k: (words, i, len(_WORD_KINDS)) for i, k in enumerate(_WORD_KINDS)}
        slot.update({k: (shapes, i, len(_SHAPE_KINDS)) for i, k in enumerate(_SHAPE_KINDS)})
        by: dict[str, dict[str, object]] = {k: {} for k in _KINDS}
        for a, code in enc.items():
            # every kind's name has one "=", its last character: a's kind is a up to its first "="
            cut = a.find("=") + 1
            if not cut:
                continue
            k = a[:cut]
            table = by.get(k)
            if table is not None:
                table[a[cut:]] = code
            elif k in slot:
                group, i, n = slot[k]
                row = group.get(a[cut:])
                if row is None:
                    row = group[a[cut:]] = [None] * n
                row[i] = code
        self._by_kind, self._words, self._shapes = by, words, shapes

    def restricted(self, known: frozenset[str], *, ids: Mapping[str, int] | None = None) -> Features:
        """A copy whose features keep only those in ``known`` (a model's attributes), in the
        same order, as UTF-8 bytes.  The CRF skips attributes it does not know, so labels and
        scores are the same while tagging converts and looks up fewer strings.  With ``ids``
        (attribute → a positive row number, :mod:`marsad.ner.fastcrf`) the features are those
        numbers instead of bytes: never 0, so never falsy either."""
        out = copy.copy(self)
        out._cache = {}
        out.known = frozenset(known)
        out._enc = ({a: a.encode("utf-8") for a in out.known} if ids is None
                    else {a: ids[a] for a in out.known})
        # "bg=A|B" by A then B.  A key may itself contain "|", so every split is recorded: each
        # one rebuilds the same attribute, hence a lookup (A, B) hits exactly when "bg=A|B" is known.
        big: dict[str, dict[str, tuple]] = {}
        for a, b in out._enc.items():
            if a.startswith("bg="):
                body = a[3:]
                p = body.find("|")
                while p >= 0:
                    big.setdefault(body[:p], {})[body[p + 1:]] = (b,)
                    p = body.find("|", p + 1)
        out._bigrams = big
        out._tables()
        return out

    # ------------------------------------------------------------------ per form
    def entry_tables(self) -> tuple:
        """What the C version of :meth:`_static` reads (``_crfkernel.form_entry``), in its order;
        only for a restricted copy with row numbers (the full mode spells features out)."""
        if self._enc is None:
            raise ValueError("entry_tables: only for features restricted to a model's rows")
        kind = self._by_kind
        kinds = tuple(kind[k] for k in ("ln=", "p1=", "p2=", "p3=", "s1=", "s2=", "s3=", "pre=", "suf=",
                                        "lw=", "gz="))
        return (self.names, kinds, self._fixed, self._words, self._shapes, self.gazetteer,
                self._lex_first, self.lexicon, self._bigrams, self._gn_prev, self._gn_next, self.triggers)

    def _static(self, norm: str, pieces: list[tuple[str, str]]) -> tuple:
        """The cache entry of one token form (fields _ST ... _NB above)."""
        if self.name_clitic(norm, pieces):
            pieces = [("prefix", norm[0]), ("stem", norm[1:])]
        pre = suf = ""
        art, stem, cut = False, None, 0
        for r, p in pieces:
            if r == "prefix":
                pre += p
                cut += len(p)
            elif r == "article":
                art = True
                cut += len(p)
            elif r == "suffix":
                suf += p
            elif r == "stem" and stem is None:
                stem = p
        if stem is None:
            stem = norm
        key = norm[cut:] or norm
        sh = _shape(norm)
        # each feature found by kind (see _kinds): None for one the model does not know, which
        # filter(None) drops (a feature's bytes or row are never falsy)
        kind = self._by_kind
        b, art_f, gn_f = self._fixed
        wk = self._words.get(key) or _NO_WORDS  # w= w-1= w-2= w+1= w+2=
        sk = self._shapes.get(sh) or _NO_SHAPES  # sh= sh+1= sh-1=
        f = [b, wk[0], sk[0], kind["ln="].get(_len_class(len(stem)))]
        if sh == "A":
            f += (kind["p1="].get(stem[:1]), kind["p2="].get(stem[:2]), kind["p3="].get(stem[:3]),
                  kind["s1="].get(stem[-1:]), kind["s2="].get(stem[-2:]), kind["s3="].get(stem[-3:]))
            if pre:
                f.append(kind["pre="].get(pre))
            if art:
                f.append(art_f)
            if suf:
                f.append(kind["suf="].get(suf))
        elif sh[0] == "L":
            low = key.lower()
            f += (kind["s3="].get(low[-3:]), kind["lw="].get(low))
        gn = key in self.names
        if gn:
            f.append(gn_f)
        if self.gazetteer is not None:
            g = self.gazetteer.get(key)
            if g:
                f.append(kind["gz="].get(g))
        # the token without its proclitics (article kept), for the lexicon: وبالموصل → الموصل
        form = norm[len(pre):] or norm
        lex = 0
        if self.lexicon:
            lex = self._lex_first.get(form, 0) or (1 if key != form and key in self.lexicon else 0)
        w1, s1, w2, n1, sn1, n2 = wk[1], sk[1], wk[2], wk[3], sk[2], wk[4]
        if self._enc is None:
            bg = _AllBigrams("bg=" + key + "|")
        else:
            bg = self._bigrams.get(key)
        gnp, gnn = (self._gn_prev, self._gn_next) if gn else ((), ())
        # the neighbour rows with 0 (the zero row) for an unknown feature: where the zero row is
        # added among a token's rows does not matter, adding 0.0 to a sum that started at +0.0
        # leaves it as it is (such a sum is never -0.0)
        nb = (w1 or 0, s1 or 0, w2 or 0, n1 or 0, sn1 or 0, n2 or 0, (*gnp, 0)[0], (*gnn, 0)[0])
        return (tuple(filter(None, f)), key, form, tuple(filter(None, (w1, s1))),
                tuple(filter(None, (w2,))), tuple(filter(None, (n1, sn1))), tuple(filter(None, (n2,))),
                bg, gnp, gnn, lex, key in self.triggers, nb)

    def name_clitic(self, norm: str, pieces) -> bool:
        """True when an unsplit token is a clitic و ف ب ل ك + a given name (لمريم, وياسر)."""
        return (len(pieces) <= 1 and len(norm) > 3 and norm[0] in "وفبلك" and norm not in self.names
                and norm[1:] in self.names)

    # ------------------------------------------------------------------ per sentence
    def sentences(self, doc: Doc) -> list[tuple[list[int], list[list]]]:
        """For each sentence: its token indices and one feature list per token."""
        tokens = doc.tokens
        cache = self._cache
        norms = [t.norm for t in tokens]
        sents = [t.sent for t in tokens]
        # a sentence is a run of tokens with the same sentence number
        cuts = [0, *(i for i in range(1, len(sents)) if sents[i] != sents[i - 1]), len(sents)]
        out: list[tuple[list[int], list[list]]] = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            if a == b:
                continue
            try:
                stat = [cache[x] for x in norms[a:b]]
            except KeyError:  # a form not met yet
                stat = [cache.get(x) or self._entry(x, a + i, doc) for i, x in enumerate(norms[a:b])]
            out.append((list(range(a, b)), self._window(stat)))
        return out

    def _entry(self, norm: str, ti: int, doc: Doc) -> tuple:
        """The cache entry of the new form of token ``ti``."""
        # the token's pieces, looked up only for a new form (without building every Word)
        s = self._static(norm, doc.token_pieces(ti))
        if len(self._cache) < MAX_CACHE:
            self._cache[norm] = s
        return s

    def _window(self, stat: list[tuple]) -> list[list]:
        """One feature list per token: its own features, then those of its neighbours (or the
        sentence edges), given names next to it, trigger marks, lexicon marks."""
        ext = [*self._before, *stat, *self._after]
        xs = [[*s[0], *p[3], *(p[7].get(s[1], ()) if p[7] else ()), *pp[4],
               *n[5], *nn[6], *p[8], *n[9]]
              for pp, p, s, n, nn in zip(ext, ext[1:], stat, ext[3:], ext[4:], strict=False)]
        # (indices are the _ST, _KEY, _L1, _BG, _L2, _R1, _R2, _GNP, _GNN fields, written as
        # numbers: this comprehension runs once per token of every document)
        if any(s[_TRIG] for s in stat):
            for i, m in self._trigger_marks(stat).items():
                xs[i] += m
        if any(s[_LEX] for s in stat):
            for i, m in self._lexicon_marks(stat).items():
                xs[i] += m
        return xs

    def _lexicon_feats(self, hit: tuple[str, ...]) -> tuple[tuple, tuple, tuple]:
        """The marks of a listed name with labels ``hit``, as the CRF is given them: on its first
        token (lxb= and lx= for each label), on the others (lx=), on the token after it (lxa=)."""
        c = self._lex_feats.get(hit)
        if c is None:
            c = (self._conv([f for lab in hit for f in ("lxb=" + lab, "lx=" + lab)]),
                 self._conv(["lx=" + lab for lab in hit]), self._conv(["lxa=" + lab for lab in hit]))
            if len(self._lex_feats) < MAX_MARKS:
                self._lex_feats[hit] = c
        return c

    def _lexicon_marks(self, stat: list[tuple]) -> dict[int, list]:
        """Lexicon features by position in one sentence (see :meth:`lexicon_marks_at`)."""
        n = len(stat)
        return self.lexicon_marks_at(stat, range(n), [(i, 0, n) for i, s in enumerate(stat) if s[_LEX]])

    def lexicon_marks_at(self, entries, fids, cands) -> dict[int, list]:
        """Lexicon features by token: the longest listed name starting at each candidate token
        (its form without proclitics, or its core without the article for a one-word name).

        ``entries[fids[p]]`` is the cache entry of token ``p``; ``cands`` are (token, sentence
        start, sentence end) for the tokens with a ``_LEX`` count, in token order, so a
        document's sentences are done at once (a name never runs past its sentence's end)."""
        marks: dict[int, list] = {}
        lex, starts, most_words = self.lexicon, self._lex_starts, self.lexicon_words
        for i, _a, n in cands:
            s = entries[fids[i]]
            most = s[_LEX]
            form, key = s[_FORM], s[_KEY]
            hit = lex.get(form)
            if hit is None and key != form:
                hit = lex.get(key)
            end = i + 1
            # longer names, shortest first, while the words so far start a listed name; the
            # longest one found wins
            k = form
            for j in range(i + 2, min(n, i + most, i + most_words) + 1):
                k = k + " " + entries[fids[j - 1]][_FORM]
                if k not in starts:
                    break
                h = lex.get(k)
                if h is not None:
                    hit, end = h, j
            if hit is None:
                continue
            first, inner, after = self._lexicon_feats(hit)
            marks.setdefault(i, []).extend(first)
            for p in range(i + 1, end):
                marks.setdefault(p, []).extend(inner)
            if end < n:
                marks.setdefault(end, []).extend(after)
        return marks

    def _trigger_marks(self, stat: list[tuple]) -> dict[int, list]:
        """Trigger features by position in one sentence (see :meth:`trigger_marks_at`)."""
        n = len(stat)
        return self.trigger_marks_at(stat, range(n), [(i, 0, n) for i, s in enumerate(stat) if s[_TRIG]])

    def trigger_marks_at(self, entries, fids, cands) -> dict[int, list]:
        """Trigger features by token: on the trigger (tg=), 1-2 after it (ta1=, ta2=), 1 before
        (tb1=); each once, within the trigger's sentence.  ``entries``, ``fids`` and ``cands``
        (the tokens a trigger starts with) as in :meth:`lexicon_marks_at`."""
        marks: dict[int, list] = {}
        feats = self._trig_feats
        for i, a, n in cands:
            for rest, tg, ta1, ta2, tb1 in feats[entries[fids[i]][_KEY]]:
                j = i + 1 + len(rest)
                if rest and tuple(entries[fids[p]][_KEY] for p in range(i + 1, min(j, n))) != rest:
                    continue
                put = [(p, tg) for p in range(i, j)]
                put += ((j, ta1), (j + 1, ta2), (i - 1, tb1))
                for p, feat in put:
                    if a <= p < n and feat is not None:  # None: a mark the model does not know
                        m = marks.get(p)
                        if m is None:
                            marks[p] = [feat]
                        elif feat not in m:
                            m.append(feat)
        return marks
