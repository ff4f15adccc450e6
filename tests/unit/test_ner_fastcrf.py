"""The NER decoder (marsad.ner.fastcrf) gives python-crfsuite's labels, sentence for sentence,
with its C kernel (marsad.ner._crfkernel, built by setup.py) and with its numpy path."""
from __future__ import annotations

import shutil
import sysconfig

import numpy as np
import pytest

from marsad.doc import Doc
from marsad.ner import fastcrf
from marsad.ner.fastcrf import FastCRF, read_model
from marsad.ner.tagger import Tagger
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure

TEXTS = [
    "قال وزير الخارجية الأردني أيمن الصفدي في عمّان إن بلاده تدعم جهود الأمم المتحدة.",
    "وصل الرئيس إلى بغداد قادماً من أنقرة، واجتمع مع رئيس الوزراء في قصر السلام.\n"
    "وأعلنت وزارة الدفاع أن قوات الحشد الشعبي انسحبت من قرية كفر نبل وبالرمادي.",
    "سالم",
    "؟؟ ، !",
    "أعلنت كتائب المقاومة الموصلية مسؤوليتها، وذكرت وكالة الأنباء الكويتية أن الشيخ جابر "
    "الأحمد الصباح استقبل السفير الفرنسي في الكويت يوم الأحد.",
    "التقى المتحدث باسم الحكومة اليمنية مع مبعوث الأمم المتحدة في الرياض وجدة ومسقط، "
    "ثم غادر إلى القاهرة. وصرح العميد الركن سامي الحسن لمريم بأن الوضع هادئ في درعا.\n\n"
    "رحب الاتحاد الأوروبي وجامعة الدول العربية بالاتفاق الموقع في جنيف يوم 12 مارس 2015.",
]


@pytest.fixture(scope="module")
def tagger():
    return Tagger.load()


def _docs(texts):
    structure, segment = Structure(), Segment()
    return [segment(structure(Doc(t, id=f"d{i}"))) for i, t in enumerate(texts)]


def _crfsuite(tagger, doc):
    """python-crfsuite on the feature strings the model knows (bytes), sentence by sentence."""
    return [(idx, tagger.crf.tag(xs)) for idx, xs in tagger.run_features.sentences(doc)]


def test_model_reader_matches_crfsuite_dump(tagger):
    labels, attrs, w, trans = read_model(tagger.model_path)
    info = tagger.crf.info()
    assert labels == tagger.crf.labels()
    assert {a.decode("utf-8") for a in attrs} == set(info.attributes)
    row = {a.decode("utf-8"): k + 1 for k, a in enumerate(attrs)}
    li = {lab: k for k, lab in enumerate(labels)}
    for (a, lab), weight in list(info.state_features.items())[:3000]:
        assert abs(w[row[a], li[lab]] - weight) < 1e-5
    for (x, y), weight in info.transitions.items():
        assert abs(trans[li[x], li[y]] - weight) < 1e-5
    assert not w[0].any()  # row 0 stands for "no feature"


def test_same_labels_as_crfsuite_on_written_text(tagger):
    docs = _docs(TEXTS)
    for doc in docs:
        assert tagger.labels(doc) == _crfsuite(tagger, doc)
    # names are found through the decoder; the text has bigram, trigger and lexicon marks
    assert tagger.tag(docs[0]) and tagger.tag(docs[5])
    feats = {x[:3] for doc in docs for _, xs in tagger.run_features.sentences(doc) for f in xs for x in f}
    assert {b"bg=", b"tg=", b"ta1", b"tb1", b"lxb", b"lxa", b"gn-"} <= feats


def test_labels_of_a_sentence_alone_and_within_a_document(tagger):
    """Sentences decoded together (padded, longest first) get the labels each gets alone."""
    one = _docs([TEXTS[5]])[0]
    alone = [_docs([one.text[one.tokens[idx[0]].start:one.tokens[idx[-1]].end]])[0]
             for idx, _ in tagger.labels(one)]
    together = [labs for _, labs in tagger.labels(one)]
    assert [labs for d in alone for _, labs in tagger.labels(d)] == together


def test_cache_reset_keeps_labels(tagger, monkeypatch):
    import marsad.ner.fastcrf as fc

    monkeypatch.setattr(fc, "MAX_CACHE", 5)
    fast = FastCRF(tagger.model_path, tagger.features)
    names = fast.labels
    docs = _docs(TEXTS)
    for doc in docs + docs:
        cuts, lab = fast.decode(doc)
        got = [(list(range(a, b)), [names[k] for k in lab[a:b].tolist()]) for a, b in zip(cuts, cuts[1:], strict=False)]
        assert got == _crfsuite(tagger, doc)


def test_empty_document(tagger):
    doc = _docs([""])[0]
    assert tagger.labels(doc) == [] and tagger.tag_tokens(doc) == []


def test_marks_added_in_list_order(tagger):
    """np.add.at adds a token's repeated rows one after the other, in index order (the order
    crfsuite adds a token's attributes): checked on values whose sums depend on the order."""
    s = np.zeros((2, 1))
    rows = np.array([[1e16], [1.0], [-1e16], [1.0]])
    np.add.at(s, [0, 0, 0, 1], rows)
    assert s[0, 0] == ((1e16 + 1.0) - 1e16) and s[1, 0] == 1.0


@pytest.mark.shared
def test_same_labels_as_crfsuite_on_corpus(tagger, corpus_texts):
    for doc in _docs(corpus_texts(40)):
        assert tagger.labels(doc) == _crfsuite(tagger, doc)


# ---------------------------------------------------------------- the C kernel and the numpy path
needs_kernel = pytest.mark.skipif(fastcrf._KERNEL is None or fastcrf._FORMS is None,
                                  reason="marsad.ner._crfkernel or _formkernel is not built")


def test_kernel_is_built_where_a_compiler_is():
    """`pip install` builds the kernel when a C compiler is there (setup.py marks it optional so
    an install without one still works): a missing kernel on such a machine is a build bug."""
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}): the numpy path is used")
    assert fastcrf._KERNEL is not None and fastcrf._FORMS is not None


@needs_kernel
def test_kernel_and_numpy_paths_give_the_same_labels(tagger):
    c = FastCRF(tagger.model_path, tagger.features)
    py = FastCRF(tagger.model_path, tagger.features, compiled=False)
    assert c._kernel is not None and py._kernel is None
    names = c.labels
    for doc in _docs(TEXTS):
        (cuts, lab), (cuts2, lab2) = c.decode(doc), py.decode(doc)
        assert cuts == cuts2 and lab.tolist() == lab2.tolist() and lab.dtype == lab2.dtype
        got = [(list(range(a, b)), [names[k] for k in lab[a:b].tolist()])
               for a, b in zip(cuts, cuts[1:], strict=False)]
        assert got == _crfsuite(tagger, doc)


@needs_kernel
def test_kernel_state_scores_are_the_numpy_sums_bit_for_bit(tagger):
    """The scores before the marks: the same doubles (same operands added in the same order)."""
    fast = FastCRF(tagger.model_path, tagger.features)
    doc = _docs([TEXTS[4] + " " + TEXTS[5]])[0]
    fast.decode(doc)  # records the forms
    fids = fast._form_ids(doc, [t.norm for t in doc.tokens])
    fa = np.array(fids, dtype=np.intp)
    sents = [t.sent for t in doc.tokens]
    cut = np.array([0] + [i for i in range(1, len(sents)) if sents[i] != sents[i - 1]] + [len(sents)],
                   dtype=np.intp)
    cuts = cut.tolist()
    nl = len(fast.labels)
    tok, rows = fast._bigrams(fastcrf._KERNEL.pairs(fast._bg_left, fast._bg_right, fa, cut), fids)
    assert tok, "the text has a known bigram"
    bg = np.zeros(len(fa), dtype=np.intp)
    bg[tok] = rows
    got = np.empty((len(fa), nl))
    fastcrf._KERNEL.scores(fast._static, fast._nb, fast.w, fa, cut, bg, nl, got)
    # the numpy path, up to the marks
    ns = len(cuts) - 1
    lens = cut[1:] - cut[:-1]
    sid = np.repeat(np.arange(ns), lens)
    pos = np.arange(len(fa)) + 4 * sid + 2
    ext = np.zeros(len(fa) + 4 * ns, dtype=np.intp)
    ext[pos] = fa
    four = 4 * np.arange(ns)
    ext[cut[:-1] + four + 1] = fastcrf._FIRST
    ext[cut[1:] + four + 2] = fastcrf._AFTER
    g = fast.w[fast._nb[ext[fastcrf._GATHER_OFF[:, None] + pos], fastcrf._GATHER_COL[:, None]]]
    want = fast._static[fa]
    want += g[0]
    want += g[1]
    fast._add_bigrams(want, fa, fids, cuts)
    for j in range(2, 8):
        want += g[j]
    assert got.tobytes() == want.tobytes()


@needs_kernel
def test_kernel_marks_are_the_numpy_sums_bit_for_bit(tagger):
    """Trigger and lexicon marks added in C: each token's marks in list order, as numpy adds
    them, so the same doubles come out."""
    c = FastCRF(tagger.model_path, tagger.features)
    py = FastCRF(tagger.model_path, tagger.features, compiled=False)
    doc = _docs([TEXTS[4] + " " + TEXTS[5]])[0]
    norms = [t.norm for t in doc.tokens]
    fids = c._form_ids(doc, norms)
    assert py._form_ids(doc, norms) == fids
    fa = np.array(fids, dtype=np.intp)
    sents = [t.sent for t in doc.tokens]
    cuts = [0] + [i for i in range(1, len(sents)) if sents[i] != sents[i - 1]] + [len(sents)]
    sid = np.repeat(np.arange(len(cuts) - 1), np.diff(cuts))
    assert c._trig[fa].any() and c._lex[fa].any(), "the text has a trigger and a listed name"
    base = np.random.default_rng(7).standard_normal((len(fa), len(c.labels)))
    got, want = base.copy(), base.copy()
    k, cut = fastcrf._KERNEL, np.array(cuts, dtype=np.intp)
    tm, lm = c._marks(fids, k.cands(c._trig, fa, cut), k.cands(c._lex, fa, cut))
    assert set(tm) & set(lm) or len(tm) + len(lm) >= 2
    k.add_marks(got, c.w, tm, lm, len(c.labels))
    py._add_marks(want, fa, fids, cuts, sid)
    assert (got != base).any(axis=1).sum() >= 2
    assert got.tobytes() == want.tobytes()


@needs_kernel
def test_kernel_candidates_are_the_numpy_ones(tagger):
    """The tokens of flagged forms with their sentence bounds (cands), and the positions where
    a known bigram may start (pairs): what the numpy path works out, on a text and on made-up
    tables where every form is flagged (no pair across a sentence end)."""
    c = FastCRF(tagger.model_path, tagger.features)
    k = fastcrf._KERNEL
    doc = _docs([TEXTS[4] + " " + TEXTS[5]])[0]
    fids = c._form_ids(doc, doc.norms)
    fa = np.array(fids, dtype=np.intp)
    cuts = doc.sent_cuts
    cut = np.array(cuts, dtype=np.intp)
    assert len(cuts) > 2, "more than one sentence"
    sid = np.repeat(np.arange(len(cuts) - 1), np.diff(cuts))

    def numpy_cands(flags):
        at = np.flatnonzero(flags[fa])
        return [(i, cuts[j], cuts[j + 1]) for i, j in zip(at.tolist(), sid[at].tolist(), strict=True)]

    def numpy_pairs(left, right):
        both = left[fa[:-1]] & right[fa[1:]]
        both[np.array(cuts[1:-1], dtype=np.intp) - 1] = False
        return (np.flatnonzero(both) + 1).tolist()

    for flags in (c._trig, c._lex, np.ones_like(c._trig)):
        assert k.cands(flags, fa, cut) == numpy_cands(flags)
    assert k.cands(c._trig, fa, cut) and k.cands(c._lex, fa, cut)
    assert k.pairs(c._bg_left, c._bg_right, fa, cut) == numpy_pairs(c._bg_left, c._bg_right)
    every = np.ones_like(c._bg_left)
    got = k.pairs(every, every, fa, cut)
    assert got == numpy_pairs(every, every) == [t for t in range(1, len(fa)) if t not in cuts]
    # no token: nothing; bad input: an error, not a crash
    empty = np.zeros(0, dtype=np.intp)
    assert k.cands(c._trig, empty, np.array([0], dtype=np.intp)) == []
    assert k.pairs(every, every, empty, np.array([0], dtype=np.intp)) == []
    with pytest.raises(ValueError):  # the cuts do not end at the last token
        k.cands(c._trig, fa, np.array([0, 1], dtype=np.intp))
    with pytest.raises(IndexError):  # a form id past the table
        k.pairs(every[:2], every[:2], np.array([0, 5], dtype=np.intp), np.array([0, 2], dtype=np.intp))


@needs_kernel
def test_kernel_form_tables_are_the_numpy_ones_bit_for_bit(tagger):
    """A new form's own rows summed in C (sum_rows) and its neighbour rows and flags: the same
    tables as the numpy path's, form for form."""
    c = FastCRF(tagger.model_path, tagger.features)
    py = FastCRF(tagger.model_path, tagger.features, compiled=False)
    for doc in _docs(TEXTS):
        c.decode(doc)
        py.decode(doc)
    n = len(c._entries)
    assert c._fid == py._fid and n > 50
    for name in ("_static", "_nb", "_trig", "_lex", "_bg_left"):
        assert getattr(c, name)[:n].tobytes() == getattr(py, name)[:n].tobytes(), name
    assert c._static[3:n].any(axis=1).all()  # every real form has some feature of its own


@needs_kernel
def test_kernel_sum_rows_order_and_bounds():
    k = fastcrf._KERNEL
    w = np.array([[0.0, 0.0], [1e16, 1.0], [-1e16, 2.0], [1.0, 4.0]])
    st = np.full((4, 2), 9.0)
    # form 2: rows 1, 2, 3 in that order, (1e16 - 1e16) + 1 = 1; form 3: no row at all
    k.sum_rows(st, w, 1, np.array([3, 1, 2, 3], dtype=np.intp), np.array([1, 3, 0], dtype=np.intp), 2)
    assert st.tolist() == [[9.0, 9.0], [1.0, 4.0], [1.0, 7.0], [0.0, 0.0]]
    with pytest.raises(ValueError):  # the counts do not match the rows
        k.sum_rows(st, w, 0, np.array([1, 2], dtype=np.intp), np.array([1], dtype=np.intp), 2)
    with pytest.raises(ValueError):  # past the table's end
        k.sum_rows(st, w, 3, np.array([1, 2], dtype=np.intp), np.array([1, 1], dtype=np.intp), 2)
    with pytest.raises(IndexError):
        k.sum_rows(st, w, 0, np.array([4], dtype=np.intp), np.array([1], dtype=np.intp), 2)


@needs_kernel
def test_kernel_add_marks_order_and_bounds():
    k = fastcrf._KERNEL
    w = np.array([[0.0, 0.0], [1e16, 1.0], [-1e16, 2.0], [1.0, 4.0]])
    s = np.zeros((2, 2))
    # token 1 gets rows 1, 2 (first), then 3 (then), in that order: (1e16 - 1e16) + 1 = 1, where
    # 1e16 + 1 would be lost; token 0 only row 3
    k.add_marks(s, w, {1: [1, 2]}, {0: [3], 1: [3]}, 2)
    assert s.tolist() == [[1.0, 4.0], [1.0, 7.0]]
    s = np.zeros((2, 2))
    k.add_marks(s, w, {1: [3, 1]}, {1: [2]}, 2)  # (1 + 1e16) - 1e16 = 0: the order is kept
    assert s.tolist() == [[0.0, 0.0], [0.0, 7.0]]
    with pytest.raises(ValueError):
        k.add_marks(s, w, {2: [1]}, {}, 2)  # no token 2
    with pytest.raises(IndexError):
        k.add_marks(s, w, {}, {0: [4]}, 2)  # no row 4
    with pytest.raises(TypeError):
        k.add_marks(s, w, [(0, [1])], {}, 2)  # not a dict


def _entries_both_ways(fast, docs):
    """(form, Python entry, C entry) of every distinct form of the documents' tokens."""
    tables, seen, out = fast.features.entry_tables(), set(), []
    for doc in docs:
        for i, t in enumerate(doc.tokens):
            if t.norm not in seen:
                seen.add(t.norm)
                pieces = doc.token_pieces(i)
                out.append((t.norm, fast.features._static(t.norm, pieces),
                            fastcrf._FORMS.form_entry(t.norm, pieces, tables)))
    return out


@needs_kernel
def test_kernel_form_entries_are_the_python_ones(tagger):
    """A new form's cache entry made in C (form_entry): the same tuple as Features._static's, on
    written Arabic with clitics, an article, suffixes, a clitic + given name (لمريم), Latin words
    (upper and lower case), numbers and punctuation."""
    fast = FastCRF(tagger.model_path, tagger.features)
    extra = ["وبالموصل وللرمادي وكتابهم ولسالم ومريم لمريم USA Reuters cnn F-16 ٢٠١٥ 3.5 ؟ « » ـ"]
    got = _entries_both_ways(fast, _docs(TEXTS + extra))
    assert len(got) > 100
    for norm, py, c in got:
        assert c == py, norm
        assert [type(x) for x in c] == [type(x) for x in py], norm
    # the cases asked for are there: a clitic + given name read as prefix + stem, an article,
    # a Latin word, a form the lexicon starts
    by = {n: py for n, py, _ in got}
    assert by["لمريم"][1] == "مريم" and "art" not in by["لمريم"]
    assert any(e[10] for e in by.values())  # a listed name starts here


@needs_kernel
@pytest.mark.shared
def test_kernel_form_entries_agree_on_corpus_forms(tagger, corpus_texts):
    fast = FastCRF(tagger.model_path, tagger.features)
    got = _entries_both_ways(fast, _docs(corpus_texts(150)))
    assert len(got) > 10_000
    assert all(c == py for _, py, c in got)


@needs_kernel
def test_kernel_form_entry_refuses_malformed_input(tagger):
    fast = FastCRF(tagger.model_path, tagger.features)
    tables = fast.features.entry_tables()
    with pytest.raises(TypeError):
        fastcrf._FORMS.form_entry("قال", [("stem", "قال")], tables[:-1])  # a table missing
    with pytest.raises(TypeError):
        fastcrf._FORMS.form_entry("قال", [("stem",)], tables)  # a piece without its form
    with pytest.raises(ValueError):
        fastcrf._FORMS.form_entry("", [], tables)


def _mark_walks(fast, doc):
    """(Python, C) trigger marks and (Python, C) lexicon marks of one document."""
    feats, k = fast.features, fastcrf._FORMS
    fids = fast._form_ids(doc, [t.norm for t in doc.tokens])
    fa = np.array(fids, dtype=np.intp)
    sents = [t.sent for t in doc.tokens]
    cuts = [0] + [i for i in range(1, len(sents)) if sents[i] != sents[i - 1]] + [len(sents)]
    sid = np.repeat(np.arange(len(cuts) - 1), np.diff(cuts)).tolist()

    def cands(flags):
        return [(i, cuts[sid[i]], cuts[sid[i] + 1]) for i in np.flatnonzero(flags[fa]).tolist()]

    e, tc, lc = fast._entries, cands(fast._trig), cands(fast._lex)
    return ((feats.trigger_marks_at(e, fids, tc), k.trigger_marks(e, fids, tc, feats._trig_feats, fastcrf._KEY)),
            (feats.lexicon_marks_at(e, fids, lc),
             k.lexicon_marks(e, fids, lc, feats.lexicon, feats._lex_starts, feats.lexicon_words,
                             feats._lexicon_feats, fastcrf._KEY, fastcrf._FORM, fastcrf._LEX)))


@needs_kernel
def test_kernel_mark_walks_are_the_python_ones(tagger):
    """Trigger and lexicon marks found in C: the same dicts (tokens in the same order, each
    token's marks in the same order) as Features.trigger_marks_at / lexicon_marks_at."""
    fast = FastCRF(tagger.model_path, tagger.features)
    n_trig = n_lex = 0
    for doc in _docs(TEXTS):
        (pt, ct), (pl, cl) = _mark_walks(fast, doc)
        assert list(ct.items()) == list(pt.items()) and list(cl.items()) == list(pl.items())
        n_trig += len(pt)
        n_lex += len(pl)
    assert n_trig > 10 and n_lex > 10
    # a name of several words marks its first token, the tokens inside it and the one after it
    doc = _docs(["ذكرت وكالة الأنباء الكويتية أن جامعة الدول العربية اجتمعت أمس."])[0]
    (_, _), (pl, cl) = _mark_walks(fast, doc)
    assert cl == pl and len(cl) >= 3


@needs_kernel
@pytest.mark.shared
def test_kernel_mark_walks_agree_on_corpus_articles(tagger, corpus_texts):
    fast = FastCRF(tagger.model_path, tagger.features)
    for doc in _docs(corpus_texts(150)):
        if doc.tokens:
            (pt, ct), (pl, cl) = _mark_walks(fast, doc)
            assert list(ct.items()) == list(pt.items()) and list(cl.items()) == list(pl.items())


@needs_kernel
def test_kernel_mark_walks_refuse_malformed_input():
    k = fastcrf._FORMS
    entries = [("x",) * 13]
    with pytest.raises(IndexError):  # a candidate token without a form id
        k.trigger_marks(entries, [0], [(3, 0, 4)], {}, fastcrf._KEY)
    with pytest.raises(KeyError):  # a trigger key the table does not have
        k.trigger_marks(entries, [0], [(0, 0, 1)], {}, fastcrf._KEY)
    with pytest.raises(TypeError):  # a candidate that is not (token, start, end)
        k.lexicon_marks(entries, [0], [(0, 1)], {}, set(), 3, lambda h: h, fastcrf._KEY, fastcrf._FORM,
                        fastcrf._LEX)


@needs_kernel
def test_kernel_viterbi_ties_and_short_sentences():
    """crfsuite's rules: the first best previous label, the first best last label; sentences of
    one token and empty ones."""
    k = fastcrf._KERNEL
    nl = 3
    trans_t = np.zeros((nl, nl))
    state = np.array([[0.0, 0.0, 0.0],  # sentence 1: first label tied (0 wins), then 0 → 2
                      [1.0, 1.0, 1.0],
                      [0.0, 2.0, 2.0],  # sentence 2 (one token): the first of two best
                      [5.0, 0.0, 0.0],  # sentence 3: trans favours 2 after 0
                      [0.0, 0.0, 0.0]])
    trans_t[2, 0] = 3.0  # label 0 followed by label 2
    cut = np.array([0, 2, 2, 3, 5], dtype=np.intp)  # with an empty sentence
    out = np.empty(5, dtype=np.uint8)
    k.viterbi(state, trans_t, cut, nl, out)
    assert out.tolist() == [0, 2, 1, 0, 2]


@needs_kernel
def test_kernel_refuses_inconsistent_arrays():
    k = fastcrf._KERNEL
    state, tt = np.zeros((4, 2)), np.zeros((2, 2))
    out = np.empty(4, dtype=np.uint8)
    with pytest.raises(ValueError):
        k.viterbi(state, tt, np.array([0, 3], dtype=np.intp), 2, out)  # bounds do not end at 4
    with pytest.raises(ValueError):
        k.viterbi(state, tt, np.array([0, 3, 2, 4], dtype=np.intp), 2, out)  # not in order
    with pytest.raises(ValueError):
        k.viterbi(np.zeros((4, 3)), tt, np.array([0, 4], dtype=np.intp), 2, out)
    static, nb, w = np.zeros((4, 2)), np.zeros((4, 8), dtype=np.intp), np.zeros((5, 2))
    fa, bg = np.array([3, 3], dtype=np.intp), np.zeros(2, dtype=np.intp)
    cut, s = np.array([0, 2], dtype=np.intp), np.empty((2, 2))
    k.scores(static, nb, w, fa, cut, bg, 2, s)  # consistent: fine
    with pytest.raises(ValueError):  # sentence cuts out of order, checked before any sum
        k.scores(static, nb, w, fa, np.array([0, 2, 1, 2], dtype=np.intp), bg, 2, s)
    with pytest.raises(ValueError):  # cuts that do not end at the last token
        k.scores(static, nb, w, fa, np.array([0, 1], dtype=np.intp), bg, 2, s)
    with pytest.raises(IndexError):
        k.scores(static, nb, w, np.array([3, 4], dtype=np.intp), cut, bg, 2, s)  # no form 4
    nb[3, 0] = 9  # what form 3 gives the token after it
    with pytest.raises(IndexError):
        k.scores(static, nb, w, fa, cut, bg, 2, s)  # no row 9
