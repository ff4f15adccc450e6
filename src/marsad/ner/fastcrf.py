"""Fast run-time decoding of the NER model: the same labels as python-crfsuite, computed with
numpy from per-word-form score vectors.

python-crfsuite spends most of its time converting each token's ~17 feature strings to
attribute ids; the Viterbi search itself is cheap.  A token's CRF state score is the sum, over
its features, of each feature's weight vector (one weight per label).  Most features depend on
one word form only (its own static features, or its key / shape seen from a neighbour), so here

* the model file is read once (:func:`read_model`: the crfsuite ``lCRF`` format — feature table,
  label and attribute dictionaries) into a weight matrix ``W`` (one row per attribute, plus a
  zero row for attributes the model does not know);
* each distinct word form gets, once, the sum of its static features' rows and the row numbers
  of its neighbour features (``w-1=key`` ...);
* a sentence's state scores are then a few array gathers, added **in the order the features
  appear in the token's feature list** (:meth:`marsad.ner.features.Features._window`), so every
  floating-point sum is the one crfsuite computes (adding a zero row is exact);
* the Viterbi search runs over all sentences of a document at once, with crfsuite's tie rule
  (the first best previous label wins, ``numpy.argmax``'s rule too).

The result is label-for-label the crfsuite result (checked by ``tests/unit/test_ner_fastcrf.py``
on real text); training still uses the feature strings of :class:`Features`.
"""
from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from marsad.doc import Doc
from marsad.errors import MarsadError
from marsad.ner.features import MAX_CACHE, Features


def _cqdb_strings(b: bytes, off: int) -> list[str]:
    """The id → string table of a CQDB chunk (crfsuite's constant database)."""
    if b[off:off + 4] != b"CQDB":
        raise ValueError("no CQDB chunk")
    _size, _flag, _order, bwd_size, bwd_off = struct.unpack_from("<5I", b, off + 4)
    out = [""] * bwd_size
    refs = struct.unpack_from(f"<{bwd_size}I", b, off + bwd_off)
    for r in refs:
        if r:
            i, ks = struct.unpack_from("<2I", b, off + r)
            out[i] = b[off + r + 8: off + r + 7 + ks].decode("utf-8")
    return out


def read_model(path: Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """(labels, attribute → row, state weights W (attributes + 1 zero row) x labels, transitions)."""
    try:
        b = Path(path).read_bytes()
        if b[:4] != b"lCRF" or b[8:12] != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        _ver, _nf, nl, na, off_f, off_l, off_a = struct.unpack_from("<7I", b, 12)
        if b[off_f:off_f + 4] != b"FEAT":
            raise ValueError("no feature chunk")
        num = struct.unpack_from("<I", b, off_f + 8)[0]
        labels = _cqdb_strings(b, off_l)[:nl]
        attrs = _cqdb_strings(b, off_a)[:na]
    except (OSError, ValueError, struct.error, UnicodeDecodeError) as exc:
        raise MarsadError("E205", f"NER model {path} cannot be read: {exc}") from exc
    w = np.zeros((na + 1, nl))
    trans = np.zeros((nl, nl))
    feats = np.frombuffer(b, dtype=np.dtype([("t", "<u4"), ("s", "<u4"), ("d", "<u4"), ("w", "<f8")]),
                          count=num, offset=off_f + 12)
    st = feats[feats["t"] == 0]
    w[st["s"], st["d"]] = st["w"]
    tr = feats[feats["t"] == 1]
    trans[tr["s"], tr["d"]] = tr["w"]
    return labels, {a: i for i, a in enumerate(attrs)}, w, trans


class FastCRF:
    """Labels of every sentence of a Doc, as :meth:`pycrfsuite.Tagger.tag` gives them."""

    def __init__(self, model_path: Path, features: Features) -> None:
        self.labels, self.attr, self.w, self.trans = read_model(model_path)
        self.features = features
        self.zero = len(self.w) - 1
        a = self.attr.get
        z = self.zero
        self._bos, self._bos2, self._eos = a("bos", z), a("bos2", z), a("eos", z)
        self._gnm, self._gnp = a("gn-1", z), a("gn+1", z)
        self._left: set[str] = set()
        self._right: set[str] = set()
        for x in self.attr:
            if x.startswith("bg="):  # every split at a "|" (a key may be one)
                pair = x[3:]
                for k, ch in enumerate(pair):
                    if ch == "|":
                        self._left.add(pair[:k])
                        self._right.add(pair[k + 1:])
        self._reset()

    def _reset(self) -> None:
        self._fid: dict[str, int] = {}
        self._keys: list[str] = []
        self._lexf: list[str] = []
        self._static = np.zeros((1024, len(self.labels)))
        self._role = np.zeros((1024, 6), dtype=np.intp)
        # given name, bigram left, bigram right, trigger word, may start a lexicon name
        self._flags = np.zeros((1024, 5), dtype=bool)

    def _add_form(self, norm: str, pieces: list[tuple[str, str]]) -> int:
        f, key, nb, gn, lexf = self.features._static(norm, pieces)
        fid = len(self._keys)
        if fid >= len(self._static):
            self._static = np.concatenate([self._static, np.zeros_like(self._static)])
            self._role = np.concatenate([self._role, np.zeros_like(self._role)])
            self._flags = np.concatenate([self._flags, np.zeros_like(self._flags)])
        a, z, w = self.attr.get, self.zero, self.w
        v = np.zeros(len(self.labels))
        for x in f:  # in feature-list order: the sums crfsuite makes
            r = a(x)
            if r is not None:
                v = v + w[r]
        self._static[fid] = v
        self._role[fid] = [a(x, z) for x in nb]
        self._fid[norm] = fid
        self._keys.append(key)
        feats = self.features
        lex = feats.lexicon
        self._flags[fid] = (gn, key in self._left, key in self._right, key in feats.triggers,
                            bool(lex) and (lexf in feats._lex_first or (key != lexf and key in lex)))
        self._lexf.append(lexf)
        return fid

    # ------------------------------------------------------------------ per document
    def tag(self, doc: Doc) -> list[tuple[list[int], list[str]]]:
        """(token indices, labels) per sentence."""
        tokens, words = doc.tokens, doc.words
        if not tokens:
            return []
        first = [0] * (len(tokens) + 1)
        last_t = -1
        for wi, wd in enumerate(words):
            if wd.token != last_t:
                for t in range(last_t + 1, wd.token + 1):
                    first[t] = wi
                last_t = wd.token
        for t in range(last_t + 1, len(tokens) + 1):
            first[t] = len(words)
        if len(self._fid) >= MAX_CACHE:  # bounded: start afresh between documents
            self._reset()
        fidmap = self._fid
        fids: list[int] = []
        sents: list[list[int]] = []
        cur_sent, idx = -1, []
        for ti, tok in enumerate(tokens):
            if tok.sent != cur_sent:
                idx = []
                sents.append(idx)
                cur_sent = tok.sent
            fid = fidmap.get(tok.norm)
            if fid is None:
                fid = self._add_form(tok.norm, [(wd.role, wd.norm) for wd in words[first[ti]:first[ti + 1]]])
            idx.append(ti)
            fids.append(fid)
        return self._decode(sents, fids)

    def _decode(self, sents: list[list[int]], fids: list[int]) -> list[tuple[list[int], list[str]]]:
        feats = self.features
        keys, lexf = self._keys, self._lexf
        a, z = self.attr.get, self.zero
        nt = len(fids)
        fa = np.asarray(fids, dtype=np.intp)
        flags = self._flags[fa]
        role = self._role[fa]  # (T, 6): w-2, w-1, w+1, w+2, sh-1, sh+1 rows of each token's form
        lens = [len(x) for x in sents]
        starts = np.repeat([x[0] for x in sents], lens)
        pos = np.arange(nt) - starts
        slen = np.repeat(lens, lens)
        bg = np.full(nt, z, dtype=np.intp)
        # bigram features only where the model has one with this left and this right word
        for t in np.flatnonzero((pos >= 1) & np.roll(flags[:, 1], 1) & flags[:, 2]).tolist():
            bg[t] = a("bg=" + keys[fids[t - 1]] + "|" + keys[fids[t]], z)
        # the k-th known mark feature of each token: (tokens, rows) for k = 0, 1 ...
        extra: list[tuple[list[int], list[int]]] = []
        tg_at = np.flatnonzero(flags[:, 3]).tolist()
        lx_at = np.flatnonzero(flags[:, 4]).tolist()
        ti = li = 0
        for idx in sents:
            s0, n = idx[0], len(idx)
            tg = []
            while ti < len(tg_at) and tg_at[ti] < s0 + n:
                tg.append(tg_at[ti] - s0)
                ti += 1
            lx = []
            while li < len(lx_at) and lx_at[li] < s0 + n:
                lx.append(lx_at[li] - s0)
                li += 1
            if not tg and not lx:
                continue
            sk = [keys[fids[t]] for t in idx]
            trig = feats._trigger_marks(sk, at=tg)
            lex = feats._lexicon_marks([lexf[fids[t]] for t in idx], sk, at=lx) if lx else None
            if lex is None:
                lex = [None] * n
            for i, (t, lm) in enumerate(zip(trig, lex, strict=True)):
                if t or lm:
                    rk = 0
                    for x in (t or []) + (lm or []):
                        r = a(x)
                        if r is not None:
                            if rk == len(extra):
                                extra.append(([], []))
                            extra[rk][0].append(s0 + i)
                            extra[rk][1].append(r)
                            rk += 1
        prev1 = np.roll(role, 1, axis=0)
        prev2 = np.roll(role, 2, axis=0)
        next1 = np.roll(role, -1, axis=0)
        next2 = np.roll(role, -2, axis=0)
        has_p1, has_p2 = pos >= 1, pos >= 2
        has_n1, has_n2 = pos + 1 < slen, pos + 2 < slen
        w = self.w
        s = self._static[fa]
        # the order of Features._window: prev w-1, prev sh+1, bigram, w-2 | bos2 (| bos), next
        # w+1, next sh-1, w+2 | eos, gn-1, gn+1, trigger marks, lexicon marks
        s += w[np.where(has_p1, prev1[:, 1], self._bos)]
        s += w[np.where(has_p1, prev1[:, 5], z)]
        s += w[bg]
        s += w[np.where(has_p2, prev2[:, 0], np.where(pos == 1, self._bos2, z))]
        s += w[np.where(has_n1, next1[:, 2], self._eos)]
        s += w[np.where(has_n1, next1[:, 4], z)]
        s += w[np.where(has_n2, next2[:, 3], z)]
        gn = flags[:, 0]
        s += w[np.where(has_p1 & np.roll(gn, 1), self._gnm, z)]
        s += w[np.where(has_n1 & np.roll(gn, -1), self._gnp, z)]
        for toks, rows in extra:  # a token at most once per rank: a plain fancy-index add
            s[toks] += w[rows]
        labs = self._viterbi(s, sents)
        names = self.labels
        return [(idx, [names[k] for k in lab]) for idx, lab in zip(sents, labs, strict=True)]

    def _viterbi(self, s: np.ndarray, sents: list[list[int]]) -> list[list[int]]:
        """crfsuite's Viterbi (crf1dc_viterbi) over all sentences at once."""
        ns = len(sents)
        lens = np.array([len(x) for x in sents], dtype=np.intp)
        m = int(lens.max())
        nl = s.shape[1]
        state = np.zeros((ns, m, nl))
        starts = np.array([x[0] for x in sents], dtype=np.intp)
        rows = np.repeat(np.arange(ns), lens)
        cols = np.arange(len(s)) - np.repeat(starts, lens)
        state[rows, cols] = s
        alpha = np.empty((ns, m, nl))
        back = np.zeros((ns, m, nl), dtype=np.intp)
        alpha[:, 0] = state[:, 0]
        trans = self.trans
        for t in range(1, m):
            score = alpha[:, t - 1, :, None] + trans  # (sentences, previous label, label)
            back[:, t] = score.argmax(axis=1)
            alpha[:, t] = score.max(axis=1) + state[:, t]  # the max is exact: the argmax's score
        ar = np.arange(ns)
        lab = np.zeros((ns, m), dtype=np.intp)
        last = lens - 1
        # the last item takes the best final score (the first best, as crfsuite), the others
        # follow the back pointers (beyond a sentence's end the values are never read)
        cur = alpha[ar, last].argmax(axis=1)
        end_lab = cur
        for t in range(m - 1, -1, -1):
            if t + 1 < m:
                cur = np.where(last == t, end_lab, back[ar, t + 1, cur])
            lab[:, t] = cur
        return [lab[k, :lens[k]].tolist() for k in range(ns)]
