"""Run-time decoding of the NER model with numpy: python-crfsuite's labels, label for label.

Why: python-crfsuite is given ~30 feature strings per token and converts each to an attribute
id before a cheap C Viterbi; with the feature lists built per token in Python, that was ~4 ms of
a corpus article.  A token's CRF state score is a sum of attribute weight rows, and almost every
attribute depends on one word form only (its own features, or its key / shape / given-name flag
as seen by a neighbour).  So here

* the model file is read once (:func:`read_model`: crfsuite's ``lCRF`` layout, the feature table
  and the label and attribute dictionaries) into a weight matrix ``W``, one row per attribute
  plus a zero row standing for "no feature";
* each distinct word form gets, once, the sum of the rows of its own features and the row ids
  it gives its neighbours, both taken from the cache entry of the restricted :class:`Features`
  (the very bytes python-crfsuite would be given);
* a document's state scores are a few array gathers and adds over all its tokens, added **in the
  order of the token's feature list** (:meth:`Features._window`: own features, the previous
  token's, the bigram, two before, the next token's, two after, given-name marks, trigger marks,
  lexicon marks), so every floating-point sum is the one crfsuite makes: crfsuite adds, label by
  label, the weight of each attribute in item order starting from 0; adding the zero row where
  a feature is absent leaves a sum unchanged;
* Viterbi runs over all sentences of the document at once (one numpy step per position, the
  sentences longest first so the live ones are a prefix), with crfsuite's arithmetic
  (``alpha[t-1][i] + trans[i][j]``, then ``+ state[t][j]``) and tie rule (the first best label
  wins, which is ``argmax``'s rule).

``tests/unit/test_ner_fastcrf.py`` checks the labels against python-crfsuite.  Training still
uses python-crfsuite and the feature strings (:mod:`marsad.ner.train`).
"""
from __future__ import annotations

import struct
from itertools import chain
from pathlib import Path

import numpy as np

from marsad.doc import Doc
from marsad.errors import MarsadError
from marsad.ner.features import (
    _BG,
    _FORM,
    _KEY,
    _LEX,
    _NB,
    _ST,
    _TRIG,
    MAX_CACHE,
    Features,
)


def _cqdb_keys(b: bytes, off: int) -> list[bytes]:
    """The id → key table of a CQDB chunk (crfsuite's constant database), keys as bytes."""
    if b[off:off + 4] != b"CQDB":
        raise ValueError("no CQDB chunk")
    _size, _flag, _order, n, bwd = struct.unpack_from("<5I", b, off + 4)
    out = [b""] * n
    for r in struct.unpack_from(f"<{n}I", b, off + bwd):
        if r:
            i, ks = struct.unpack_from("<2I", b, off + r)
            out[i] = b[off + r + 8: off + r + 7 + ks]  # the key without its final NUL
    return out


def read_model(path: Path) -> tuple[list[str], list[bytes], np.ndarray, np.ndarray]:
    """(labels, attributes as UTF-8 bytes, state weights W, transition weights trans[previous
    label, label]) of a crfsuite CRF1d model.  Row 0 of W is zero ("no feature") and attribute
    k is row k + 1, so a row number is never 0 (see :meth:`Features.restricted`)."""
    try:
        b = Path(path).read_bytes()
        if b[:4] != b"lCRF" or b[8:12] != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        _ver, _nf, nl, na, off_f, off_l, off_a = struct.unpack_from("<7I", b, 12)
        if b[off_f:off_f + 4] != b"FEAT":
            raise ValueError("no feature chunk")
        num = struct.unpack_from("<I", b, off_f + 8)[0]
        labels = [x.decode("utf-8") for x in _cqdb_keys(b, off_l)[:nl]]
        attrs = _cqdb_keys(b, off_a)[:na]
        feats = np.frombuffer(b, dtype=np.dtype([("t", "<u4"), ("s", "<u4"), ("d", "<u4"), ("w", "<f8")]),
                              count=num, offset=off_f + 12)
    except (OSError, ValueError, struct.error, UnicodeDecodeError) as exc:
        raise MarsadError("E205", f"NER model {path} cannot be read: {exc}") from exc
    w = np.zeros((na + 1, nl))
    trans = np.zeros((nl, nl))
    st = feats[feats["t"] == 0]  # state features: attribute → label
    w[st["s"] + 1, st["d"]] = st["w"]
    tr = feats[feats["t"] == 1]  # transitions: previous label → label
    trans[tr["s"], tr["d"]] = tr["w"]
    return labels, attrs, w, trans


# pseudo-forms standing for the positions just outside a sentence (see Features._tables): two
# before its first token (nothing, then "bos"/"bos2"), two after its last ("eos", then nothing)
_NONE, _FIRST, _AFTER = 0, 1, 2
# A form's neighbour rows, by column: what it gives the token after it (w-1, sh+1), two after it
# (w-2), before it (w+1, sh-1), two before it (w+2); "gn-1" after a given name, "gn+1" before.
# _GATHER_OFF: where the giver of each column sits relative to the token, in the order the
# token's feature list has them (the bigram comes between the first two columns and the rest).
_NB_COLS = 8
_GATHER_OFF = np.array([-1, -1, -2, 1, 1, 2, -1, 1], dtype=np.intp)
_GATHER_COL = np.arange(_NB_COLS, dtype=np.intp)

try:  # the C loops (setup.py builds them when a compiler is there); else the numpy path below
    from marsad.ner import _crfkernel as _KERNEL
except ImportError:  # pragma: no cover - depends on the build
    _KERNEL = None
try:  # the per-form entries and mark walks in C; else the Python methods of Features
    from marsad.ner import _formkernel as _FORMS
except ImportError:  # pragma: no cover - depends on the build
    _FORMS = None


class FastCRF:
    """The labels python-crfsuite's ``Tagger.tag`` gives each sentence of a Doc."""

    def __init__(self, model_path: Path, features: Features, *, compiled: bool = True) -> None:
        """``compiled=False`` decodes with numpy even where the C kernel is built (tests compare
        the two)."""
        self.labels, attrs, self.w, trans = read_model(model_path)
        self._kernel = _KERNEL if compiled else None
        self._forms = _FORMS if compiled else None  # per-form entries and mark walks in C
        if len(self.labels) > 256:  # back pointers are read as bytes (see _viterbi)
            raise MarsadError("E205", f"NER model {model_path} has {len(self.labels)} labels (at most 256)")
        names = [a.decode("utf-8") for a in attrs]
        #: the model's attributes (feature strings)
        self.attributes = frozenset(names)
        #: the extractor restricted to the model's attributes, each given as its row of ``w``
        self.features = features.restricted(self.attributes, ids={a: k + 1 for k, a in enumerate(names)})
        self.o = self.labels.index("O") if "O" in self.labels else -1
        # trans_t[label, previous label]: the previous label is the axis argmax runs along
        self._trans_t = np.ascontiguousarray(trans.T)
        # a new form's cache entry: Features._static, or the same made in C
        self._entry = self.features._static
        if self._forms is not None:
            tables, form_entry = self.features.entry_tables(), self._forms.form_entry
            self._entry = lambda norm, pieces: form_entry(norm, pieces, tables)
        self._reset()

    def _reset(self) -> None:
        """Empty per-form tables (bounded: emptied between documents past MAX_CACHE forms)."""
        f = self.features
        self._fid: dict[str, int] = {}
        self._entries: list[tuple] = []
        nl = len(self.labels)
        # Room for MAX_CACHE forms from the start (doubled in _fill if a document brings more):
        # zeroed memory is mapped lazily, so the untouched rows cost no memory, where growing
        # step by step copied the tables at every doubling.
        cap = MAX_CACHE + 1024
        self._static = np.zeros((cap, nl))
        self._nb = np.zeros((cap, _NB_COLS), dtype=np.intp)
        self._trig = np.zeros(cap, dtype=bool)  # a trigger word
        self._lex = np.zeros(cap, dtype=bool)  # may start a listed name
        self._bg_left = np.zeros(cap, dtype=bool)  # the first word of some known bigram
        self._bg_right = np.zeros(cap, dtype=bool)  # the second word of some known bigram
        # (the keys that are a second word: a token can take a bigram row only if its key is one)
        self._seconds = frozenset(b for d in f._bigrams.values() for b in d)
        self._entries += [f._before[0], f._before[1], f._after[0]]  # _NONE, _FIRST, _AFTER
        self._fill(0)

    def _fill(self, lo: int) -> None:
        """The tables of the forms recorded from id ``lo`` on (a document's new forms, at once):
        neighbour rows, flags, and the sum of the rows of their own features, feature after
        feature in list order (crfsuite's order, from 0; the zero row pads the shorter lists at
        their end)."""
        es = self._entries[lo:]
        hi = len(self._entries)
        while hi > len(self._static):  # doubled when full
            self._static = np.concatenate([self._static, np.zeros_like(self._static)])
            self._nb = np.concatenate([self._nb, np.zeros_like(self._nb)])
            self._trig = np.concatenate([self._trig, np.zeros_like(self._trig)])
            self._lex = np.concatenate([self._lex, np.zeros_like(self._lex)])
            self._bg_left = np.concatenate([self._bg_left, np.zeros_like(self._bg_left)])
            self._bg_right = np.concatenate([self._bg_right, np.zeros_like(self._bg_right)])
        # a missing feature is row 0, the zero row: adding it leaves a sum as it is
        n = hi - lo
        # (the neighbour rows read as one flat run of ints: numpy converts a list of tuples
        # element by element, several times slower)
        self._nb[lo:hi] = np.fromiter(chain.from_iterable([e[_NB] for e in es]), dtype=np.intp,
                                      count=n * _NB_COLS).reshape(n, _NB_COLS)
        self._trig[lo:hi] = [e[_TRIG] for e in es]
        self._lex[lo:hi] = [e[_LEX] for e in es]
        self._bg_left[lo:hi] = [bool(e[_BG]) for e in es]
        seconds = self._seconds
        self._bg_right[lo:hi] = [e[_KEY] in seconds for e in es]
        sts = [e[_ST] for e in es]
        lens = np.fromiter(map(len, sts), dtype=np.intp, count=len(sts))
        if self._kernel is not None:  # the same sums, in C
            rows = np.fromiter(chain.from_iterable(sts), dtype=np.intp, count=int(lens.sum()))
            self._kernel.sum_rows(self._static, self.w, lo, rows, lens, self._static.shape[1])
            return
        most = int(lens.max()) if len(sts) else 0
        if not most:
            return
        # each form's feature rows in list order, padded with the zero row at the end (a
        # row-major mask assignment fills each row's first cells in the order given)
        idx = np.zeros((len(es), most), dtype=np.intp)
        idx[np.arange(most) < lens[:, None]] = list(chain.from_iterable(sts))
        g = self.w[idx.T]  # (features, forms, labels): each feature's rows contiguous
        acc = np.zeros(g.shape[1:])
        for j in range(most):
            acc += g[j]
        self._static[lo:hi] = acc

    # ------------------------------------------------------------------ per document
    def _form_ids(self, doc: Doc, norms: list[str]) -> list[int]:
        if len(self._fid) >= MAX_CACHE:  # bounded: start afresh between documents
            self._reset()
        get = self._fid.get
        fids = list(map(get, norms))
        if None not in fids:
            return fids
        lo = len(self._entries)
        static, entries, fid = self._entry, self._entries, self._fid
        for ti in [i for i, f in enumerate(fids) if f is None]:  # the tokens of new forms
            x = norms[ti]
            f = get(x)
            if f is None:  # (a form met twice in the document is new only the first time)
                f = fid[x] = len(entries)
                entries.append(static(x, doc.token_pieces(ti)))
            fids[ti] = f
        self._fill(lo)
        return fids

    def decode(self, doc: Doc) -> tuple[list[int], np.ndarray]:
        """(sentence bounds [0, ..., len(tokens)], label ids of every token)."""
        tokens = doc.tokens
        if not tokens:
            return [0], np.zeros(0, dtype=np.intp)
        n = len(tokens)
        norms = doc.norms
        cuts = doc.sent_cuts  # a sentence is a run of tokens with the same sentence number
        cut = np.array(cuts, dtype=np.intp)
        fids = self._form_ids(doc, norms)
        fa = np.array(fids, dtype=np.intp)
        if self._kernel is not None:  # the same sums and labels, in C (see _crfkernel.c)
            k, nl = self._kernel, len(self.labels)
            bg = np.zeros(n, dtype=np.intp)
            tok, rows = self._bigrams(k.pairs(self._bg_left, self._bg_right, fa, cut), fids)
            if tok:
                bg[tok] = rows
            s = np.empty((n, nl))
            k.scores(self._static, self._nb, self.w, fa, cut, bg, nl, s)
            tm, lm = self._marks(fids, k.cands(self._trig, fa, cut), k.cands(self._lex, fa, cut))
            if tm or lm:
                k.add_marks(s, self.w, tm, lm, nl)  # a token's trigger marks, then its lexicon marks
            out = np.empty(n, dtype=np.uint8)
            k.viterbi(s, self._trans_t, cut, nl, out)
            return cuts, out.astype(np.intp)
        ns = len(cuts) - 1
        lens = cut[1:] - cut[:-1]
        sid = np.repeat(np.arange(ns), lens)
        # every sentence framed by pseudo-forms (none, first | its tokens | after, none), so a
        # token's neighbours are at fixed offsets, as in Features._window
        pos = np.arange(n) + 4 * sid + 2
        ext = np.zeros(n + 4 * ns, dtype=np.intp)  # _NONE
        ext[pos] = fa
        four = 4 * np.arange(ns)
        ext[cut[:-1] + four + 1] = _FIRST
        ext[cut[1:] + four + 2] = _AFTER
        # (8, tokens, labels), column-major so that each column's rows are contiguous
        g = self.w[self._nb[ext[_GATHER_OFF[:, None] + pos], _GATHER_COL[:, None]]]
        s = self._static[fa]
        s += g[0]
        s += g[1]
        self._add_bigrams(s, fa, fids, cuts)
        for j in range(2, _NB_COLS):
            s += g[j]
        self._add_marks(s, fa, fids, cuts, sid)
        return cuts, self._viterbi(s, lens, sid, cut)

    def _bigrams(self, at: list[int], fids: list[int]) -> tuple[list[int], list[int]]:
        """(tokens, rows): the known "bg=previous|key" row of each token at ``at`` (the tokens
        whose previous token in the sentence is some bigram's first word and whose key is some
        bigram's second word) that has one."""
        tok: list[int] = []
        rows: list[int] = []
        entries = self._entries
        for i in at:
            r = entries[fids[i - 1]][_BG].get(entries[fids[i]][_KEY])
            if r is not None:
                tok.append(i)
                rows.append(r[0])
        return tok, rows

    def _add_bigrams(self, s: np.ndarray, fa: np.ndarray, fids: list[int], cuts: list[int]) -> None:
        """Add the known bigram rows (:meth:`_bigrams`) to the state scores."""
        # (a token after a bigram's first word whose key is some bigram's second word: about one
        # token in ten, where a first word alone is one in three)
        left = self._bg_left[fa[:-1]] & self._bg_right[fa[1:]]
        left[np.array(cuts[1:-1], dtype=np.intp) - 1] = False  # none across sentences
        tok, rows = self._bigrams((np.flatnonzero(left) + 1).tolist(), fids)
        if tok:
            s[tok] += self.w[rows]  # each token once: a plain fancy-index add

    def _marks(self, fids: list[int], tc: list[tuple[int, int, int]],
               lc: list[tuple[int, int, int]]) -> tuple[dict, dict]:
        """(trigger marks, lexicon marks): {token: [row, ...]} for the candidate tokens ``tc``
        (a trigger word's) and ``lc`` (a listed name may start there), each (token, its
        sentence's start, end)."""
        feats, entries = self.features, self._entries
        k = self._forms
        if k is None:
            tm = feats.trigger_marks_at(entries, fids, tc) if tc else {}
            lm = feats.lexicon_marks_at(entries, fids, lc) if lc else {}
        else:  # the same two walks in C (_formkernel.c), the same dicts
            tm = k.trigger_marks(entries, fids, tc, feats._trig_feats, _KEY) if tc else {}
            lm = (k.lexicon_marks(entries, fids, lc, feats.lexicon, feats._lex_starts,
                                  feats.lexicon_words, feats._lexicon_feats, _KEY, _FORM, _LEX)
                  if lc else {})
        return tm, lm

    def _add_marks(self, s: np.ndarray, fa: np.ndarray, fids: list[int], cuts: list[int],
                   sid: np.ndarray) -> None:
        """Trigger marks, then lexicon marks (Features._window's order), found for the whole
        document at once from the tokens a trigger or a listed name may start with."""
        def cands(at: np.ndarray) -> list[tuple[int, int, int]]:
            k = sid[at].tolist()
            return [(i, cuts[j], cuts[j + 1]) for i, j in zip(at.tolist(), k, strict=True)]

        tm, lm = self._marks(fids, cands(np.flatnonzero(self._trig[fa])), cands(np.flatnonzero(self._lex[fa])))
        for i, m in lm.items():  # a token's trigger marks, then its lexicon marks
            t = tm.get(i)
            tm[i] = m if t is None else t + m
        if not tm:
            return
        # Row r of the padded table holds token r's marks in list order, then the zero row.
        # Column by column the marks are added one after the other in list order, as crfsuite
        # adds them; adding the zero row leaves a sum as it is (it started at +0.0, so it is
        # never -0.0).
        rows = list(tm.values())
        lens = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        most = int(lens.max())
        idx = np.zeros((len(rows), most), dtype=np.intp)
        idx[np.arange(most) < lens[:, None]] = list(chain.from_iterable(rows))
        toks = np.fromiter(tm, dtype=np.intp, count=len(rows))
        g = self.w[idx.T]  # (marks, tokens, labels)
        acc = s[toks]
        for c in range(most):
            acc += g[c]
        s[toks] = acc

    def _viterbi(self, s: np.ndarray, lens: np.ndarray, sid: np.ndarray, cut: np.ndarray) -> np.ndarray:
        """crfsuite's Viterbi (crf1dc_viterbi) for every sentence; the label ids of all tokens.

        One numpy step per position for all the sentences still going (longest first, so they
        are a prefix): b[s, j, i] = alpha[s, i] + trans[i][j] as crfsuite adds them; the back
        pointer is the first best i (argmax's rule and crfsuite's); the new alpha is b at that
        i (so exactly crfsuite's max) plus the state score."""
        ns, nl = len(lens), s.shape[1]
        order = np.argsort(-lens, kind="stable")
        sl = lens[order]
        m = int(sl[0])
        rank = np.empty(ns, dtype=np.intp)
        rank[order] = np.arange(ns)
        tpos = np.arange(len(s)) - cut[sid]
        col = rank[sid]
        state = np.empty((m, ns, nl))
        state[tpos, col] = s  # (position, sentence, label); cells past a sentence's end unread
        live = np.searchsorted(-sl, -np.arange(m), side="left").tolist()  # sentences longer than t
        alpha = np.empty((m, ns, nl))
        alpha[0] = state[0]
        back = np.empty((m, ns, nl), dtype=np.intp)
        at = (np.arange(ns * nl) * nl).reshape(ns, nl)  # where each (s, j) row of b starts
        buf = np.empty(ns * nl * nl)
        tt, add, take = self._trans_t, np.add, buf.take  # (the method: np.take is a Python wrapper)
        k0 = -1
        for t in range(1, m):
            k = live[t]
            if k != k0:  # the live prefix changes a few times per document: views made then
                b = buf[:k * nl * nl].reshape(k, nl, nl)
                atk = at[:k]
                al, alb, bak, stk = alpha[:, :k], alpha[:, :k, None, :], back[:, :k], state[:, :k]
                k0 = k
            add(alb[t - 1], tt, out=b)
            bk = bak[t]
            b.argmax(axis=2, out=bk)
            a = al[t]
            take(atk + bk, out=a)
            a += stk[t]
        # a sentence's last label is its first best final score; then the back pointers, read
        # token by token from the tokens' rows as bytes (a label id is < 256) in one Python loop
        # over the document (a numpy step per position costs more: most steps have 1-2 live
        # sentences); a sentence's first token's row is never read
        ar = np.arange(ns)
        fin = alpha[sl - 1, ar].argmax(axis=1)[rank].tolist()  # by sentence, in document order
        bb = back[tpos, col].astype(np.uint8).tobytes()  # token t's pointers at t * nl ...
        out = bytearray(len(s))
        cuts = cut.tolist()
        for a0, t, y in zip(cuts, cuts[1:], fin, strict=False):
            t -= 1
            out[t] = y
            while t > a0:
                y = bb[t * nl + y]
                t -= 1
                out[t] = y
        return np.frombuffer(out, dtype=np.uint8).astype(np.intp)
