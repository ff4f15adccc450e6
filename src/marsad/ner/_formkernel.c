/* The NER decoder's work over Python objects in C (marsad.ner.fastcrf): a new form's cache entry
 * (Features._static) and the trigger and lexicon mark walks (Features.trigger_marks_at,
 * lexicon_marks_at).  Optional, like _crfkernel.c: built by `pip install` when a C compiler is
 * there; without it fastcrf calls the Python methods, which give the same entries and marks
 * (tests/unit/test_ner_fastcrf.py compares the two on Arabic we wrote and on corpus articles).
 *
 * Why hand-written C: these run for every new form (about 40 per article) and every candidate
 * token, and in Python they were the largest first-sight costs left in the pipeline; the
 * steps are dictionary look-ups and small tuples that no library does over our tables. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* ---------------------------------------------------------------- a new form's cache entry
 *
 * form_entry(norm, pieces, tables): what Features._static returns in the restricted mode (the
 * features as row numbers), for a form seen for the first time.  ``tables`` is the tuple
 * Features.entry_tables() builds: (names, (ln, p1, p2, p3, s1, s2, s3, pre, suf, lw, gz),
 * (b, art, gn), words, shapes (their values: 5- and 3-item lists or tuples), gazetteer or None,
 * lex_first, lexicon, bigrams, gn_prev, gn_next, triggers).  Every step is the Python one's, in
 * its order (tests/unit/test_ner_fastcrf.py compares the two on the forms of written Arabic and
 * of corpus articles).
 *
 * A new form's entry (about 40 new forms per article) took ~7 µs of Python; the same steps in C
 * take ~2 µs. */

enum { T_NAMES, T_KINDS, T_FIXED, T_WORDS, T_SHAPES, T_GAZ, T_LEXFIRST, T_LEXICON, T_BIGRAMS,
       T_GNPREV, T_GNNEXT, T_TRIGGERS, T_COUNT };
enum { K_LN, K_P1, K_P2, K_P3, K_S1, K_S2, K_S3, K_PRE, K_SUF, K_LW, K_GZ, K_COUNT };

/* d.get(key) as a new reference to the value or to None; NULL on error */
static PyObject *
get_or_none(PyObject *d, PyObject *key)
{
    PyObject *v = PyDict_GetItemWithError(d, key);
    if (v == NULL) {
        if (PyErr_Occurred())
            return NULL;
        v = Py_None;
    }
    Py_INCREF(v);
    return v;
}

/* append kinds[k].get(key) to list f (None included: dropped later, as filter(None) does) */
static int
add_kind(PyObject *f, PyObject *kinds, int k, PyObject *key)
{
    if (key == NULL)
        return -1;
    PyObject *v = get_or_none(PyTuple_GET_ITEM(kinds, k), key);
    Py_DECREF(key);
    if (v == NULL)
        return -1;
    int r = PyList_Append(f, v);
    Py_DECREF(v);
    return r;
}

/* tuple(filter(None, items)) */
static PyObject *
truthy_tuple(PyObject *const *items, Py_ssize_t n)
{
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        int t = PyObject_IsTrue(items[i]);
        if (t < 0 || (t && PyList_Append(out, items[i]) < 0)) {
            Py_DECREF(out);
            return NULL;
        }
    }
    PyObject *tup = PyList_AsTuple(out);
    Py_DECREF(out);
    return tup;
}

/* x or 0 */
static PyObject *
or_zero(PyObject *x)
{
    int t = PyObject_IsTrue(x);
    if (t < 0)
        return NULL;
    if (t) {
        Py_INCREF(x);
        return x;
    }
    return PyLong_FromLong(0);
}

static PyObject *
form_entry(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1]) || !PyTuple_Check(args[2])
        || PyTuple_GET_SIZE(args[2]) != T_COUNT) {
        PyErr_SetString(PyExc_TypeError, "form_entry(norm, pieces: list, tables: tuple)");
        return NULL;
    }
    PyObject *norm = args[0], *pieces = args[1], *tb = args[2];
    PyObject *names = PyTuple_GET_ITEM(tb, T_NAMES), *kinds = PyTuple_GET_ITEM(tb, T_KINDS),
             *fixed = PyTuple_GET_ITEM(tb, T_FIXED);
    if (!PyTuple_Check(kinds) || PyTuple_GET_SIZE(kinds) != K_COUNT || !PyTuple_Check(fixed)
        || PyTuple_GET_SIZE(fixed) != 3) {
        PyErr_SetString(PyExc_TypeError, "form_entry: malformed tables");
        return NULL;
    }
    for (int k = 0; k < K_COUNT; k++)
        if (!PyDict_Check(PyTuple_GET_ITEM(kinds, k))) {
            PyErr_SetString(PyExc_TypeError, "form_entry: a kind's table is not a dict");
            return NULL;
        }
    Py_ssize_t nlen = PyUnicode_GET_LENGTH(norm);
    if (nlen == 0) {
        PyErr_SetString(PyExc_ValueError, "form_entry: an empty form");
        return NULL;
    }
    PyObject *pre = NULL, *suf = NULL, *stem = NULL, *key = NULL, *sh = NULL, *f = NULL, *wk = NULL,
             *sk = NULL, *form = NULL, *lexv = NULL, *bg = NULL, *res = NULL, *nb = NULL,
             *fs = NULL, *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL, *trig = NULL, *tmp = NULL;
    PyObject *items[8] = {NULL};
    int art = 0;
    Py_ssize_t cut = 0;

    /* name_clitic: an unsplit token that is و ف ب ل ك + a given name (لمريم) */
    int clitic_name = 0;
    if (PyList_GET_SIZE(pieces) <= 1 && nlen > 3) {
        Py_UCS4 c0 = PyUnicode_READ_CHAR(norm, 0);
        if (c0 == 0x0648 || c0 == 0x0641 || c0 == 0x0628 || c0 == 0x0644 || c0 == 0x0643) {
            int in = PySequence_Contains(names, norm);
            if (in < 0)
                goto done;
            if (!in) {
                tmp = PyUnicode_Substring(norm, 1, nlen);
                if (tmp == NULL)
                    goto done;
                in = PySequence_Contains(names, tmp);
                if (in < 0)
                    goto done;
                clitic_name = in;
            }
        }
    }
    pre = PyUnicode_New(0, 0);
    suf = PyUnicode_New(0, 0);
    if (pre == NULL || suf == NULL)
        goto done;
    if (clitic_name) {
        Py_DECREF(pre);
        pre = PyUnicode_Substring(norm, 0, 1);
        if (pre == NULL)
            goto done;
        cut = 1;
        stem = tmp; /* norm[1:] */
        tmp = NULL;
    } else {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(pieces); i++) {
            PyObject *pc = PyList_GET_ITEM(pieces, i);
            if (!PyTuple_Check(pc) || PyTuple_GET_SIZE(pc) != 2) {
                PyErr_SetString(PyExc_TypeError, "form_entry: a piece is (role, form)");
                goto done;
            }
            PyObject *r = PyTuple_GET_ITEM(pc, 0), *p = PyTuple_GET_ITEM(pc, 1);
            if (!PyUnicode_Check(r) || !PyUnicode_Check(p)) {
                PyErr_SetString(PyExc_TypeError, "form_entry: a piece is (role, form)");
                goto done;
            }
            if (PyUnicode_CompareWithASCIIString(r, "prefix") == 0) {
                PyObject *x = PyUnicode_Concat(pre, p);
                if (x == NULL)
                    goto done;
                Py_SETREF(pre, x);
                cut += PyUnicode_GET_LENGTH(p);
            } else if (PyUnicode_CompareWithASCIIString(r, "article") == 0) {
                art = 1;
                cut += PyUnicode_GET_LENGTH(p);
            } else if (PyUnicode_CompareWithASCIIString(r, "suffix") == 0) {
                PyObject *x = PyUnicode_Concat(suf, p);
                if (x == NULL)
                    goto done;
                Py_SETREF(suf, x);
            } else if (PyUnicode_CompareWithASCIIString(r, "stem") == 0 && stem == NULL) {
                Py_INCREF(p);
                stem = p;
            }
        }
    }
    if (stem == NULL) {
        Py_INCREF(norm);
        stem = norm;
    }
    /* key = norm[cut:] or norm */
    if (cut < nlen) {
        key = PyUnicode_Substring(norm, cut, nlen);
    } else {
        Py_INCREF(norm);
        key = norm;
    }
    if (key == NULL)
        goto done;
    /* _shape(norm) */
    Py_UCS4 c = PyUnicode_READ_CHAR(norm, 0);
    int shape_a = c >= 0x0621 && c <= 0x06ff, shape_l = 0;
    if (shape_a)
        sh = PyUnicode_FromString("A");
    else if (Py_UNICODE_ISDIGIT(c))
        sh = PyUnicode_FromString("D");
    else if (Py_UNICODE_ISALPHA(c)) {
        shape_l = 1;
        sh = PyUnicode_FromString(Py_UNICODE_ISUPPER(c) ? "Lc" : "L");
    } else {
        PyObject *c1 = PyUnicode_Substring(norm, 0, 1);
        sh = c1 == NULL ? NULL : PyUnicode_FromFormat("P%U", c1);
        Py_XDECREF(c1);
    }
    if (sh == NULL)
        goto done;
    wk = get_or_none(PyTuple_GET_ITEM(tb, T_WORDS), key);
    sk = wk == NULL ? NULL : get_or_none(PyTuple_GET_ITEM(tb, T_SHAPES), sh);
    if (sk == NULL)
        goto done;
    if (wk == Py_None) { /* _NO_WORDS, _NO_SHAPES: every feature unknown */
        Py_SETREF(wk, PyTuple_Pack(5, Py_None, Py_None, Py_None, Py_None, Py_None));
        if (wk == NULL)
            goto done;
    }
    if (sk == Py_None) {
        Py_SETREF(sk, PyTuple_Pack(3, Py_None, Py_None, Py_None));
        if (sk == NULL)
            goto done;
    }
    if (!(PyTuple_Check(wk) || PyList_Check(wk)) || PySequence_Fast_GET_SIZE(wk) != 5
        || !(PyTuple_Check(sk) || PyList_Check(sk)) || PySequence_Fast_GET_SIZE(sk) != 3) {
        PyErr_SetString(PyExc_TypeError, "form_entry: a word's or shape's features are not a 5- or 3-tuple");
        goto done;
    }
    f = PyList_New(0);
    if (f == NULL || PyList_Append(f, PyTuple_GET_ITEM(fixed, 0)) < 0
        || PyList_Append(f, PySequence_Fast_GET_ITEM(wk, 0)) < 0 || PyList_Append(f, PySequence_Fast_GET_ITEM(sk, 0)) < 0)
        goto done;
    {
        Py_ssize_t sl = PyUnicode_GET_LENGTH(stem);
        const char *lc = sl == 1 ? "1" : sl == 2 ? "2" : sl == 3 ? "3" : sl <= 6 ? "4" : "7";
        if (add_kind(f, kinds, K_LN, PyUnicode_FromString(lc)) < 0)
            goto done;
        if (shape_a) {
            Py_ssize_t a1 = sl < 1 ? sl : 1, a2 = sl < 2 ? sl : 2, a3 = sl < 3 ? sl : 3;
            if (add_kind(f, kinds, K_P1, PyUnicode_Substring(stem, 0, a1)) < 0
                || add_kind(f, kinds, K_P2, PyUnicode_Substring(stem, 0, a2)) < 0
                || add_kind(f, kinds, K_P3, PyUnicode_Substring(stem, 0, a3)) < 0
                || add_kind(f, kinds, K_S1, PyUnicode_Substring(stem, sl - a1, sl)) < 0
                || add_kind(f, kinds, K_S2, PyUnicode_Substring(stem, sl - a2, sl)) < 0
                || add_kind(f, kinds, K_S3, PyUnicode_Substring(stem, sl - a3, sl)) < 0)
                goto done;
            if (PyUnicode_GET_LENGTH(pre)) {
                Py_INCREF(pre);
                if (add_kind(f, kinds, K_PRE, pre) < 0)
                    goto done;
            }
            if (art && PyList_Append(f, PyTuple_GET_ITEM(fixed, 1)) < 0)
                goto done;
            if (PyUnicode_GET_LENGTH(suf)) {
                Py_INCREF(suf);
                if (add_kind(f, kinds, K_SUF, suf) < 0)
                    goto done;
            }
        } else if (shape_l) {
            PyObject *low = PyObject_CallMethod(key, "lower", NULL);
            if (low == NULL)
                goto done;
            Py_ssize_t ll = PyUnicode_GET_LENGTH(low), a3 = ll < 3 ? ll : 3;
            Py_INCREF(low);
            if (add_kind(f, kinds, K_S3, PyUnicode_Substring(low, ll - a3, ll)) < 0
                || add_kind(f, kinds, K_LW, low) < 0) {
                Py_DECREF(low);
                goto done;
            }
            Py_DECREF(low);
        }
    }
    int gn = PySequence_Contains(names, key);
    if (gn < 0 || (gn && PyList_Append(f, PyTuple_GET_ITEM(fixed, 2)) < 0))
        goto done;
    PyObject *gaz = PyTuple_GET_ITEM(tb, T_GAZ);
    if (gaz != Py_None) {
        PyObject *g = PyObject_CallMethod(gaz, "get", "O", key);
        if (g == NULL)
            goto done;
        int t = PyObject_IsTrue(g);
        if (t <= 0) {
            Py_DECREF(g);
            if (t < 0)
                goto done;
        } else if (add_kind(f, kinds, K_GZ, g) < 0) { /* (add_kind releases g) */
            goto done;
        }
    }
    /* form = norm[len(pre):] or norm */
    {
        Py_ssize_t lp = PyUnicode_GET_LENGTH(pre);
        if (lp < nlen)
            form = PyUnicode_Substring(norm, lp, nlen);
        else {
            Py_INCREF(norm);
            form = norm;
        }
        if (form == NULL)
            goto done;
    }
    {
        PyObject *lexicon = PyTuple_GET_ITEM(tb, T_LEXICON);
        int has = PyObject_IsTrue(lexicon);
        if (has < 0)
            goto done;
        if (has) {
            PyObject *v = PyDict_GetItemWithError(PyTuple_GET_ITEM(tb, T_LEXFIRST), form);
            if (v == NULL && PyErr_Occurred())
                goto done;
            int t = v == NULL ? 0 : PyObject_IsTrue(v);
            if (t < 0)
                goto done;
            if (t) {
                Py_INCREF(v);
                lexv = v;
            } else {
                int ne = PyUnicode_Compare(key, form);
                if (ne == -1 && PyErr_Occurred())
                    goto done;
                int in = ne ? PySequence_Contains(lexicon, key) : 0;
                if (in < 0)
                    goto done;
                lexv = PyLong_FromLong(in ? 1 : 0);
            }
        } else {
            lexv = PyLong_FromLong(0);
        }
        if (lexv == NULL)
            goto done;
    }
    bg = get_or_none(PyTuple_GET_ITEM(tb, T_BIGRAMS), key);
    if (bg == NULL)
        goto done;
    PyObject *gnp = gn ? PyTuple_GET_ITEM(tb, T_GNPREV) : NULL, *gnn = gn ? PyTuple_GET_ITEM(tb, T_GNNEXT) : NULL;
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL)
        goto done;
    if (!gn) {
        gnp = gnn = empty;
    }
    if (!PyTuple_Check(gnp) || !PyTuple_Check(gnn)) {
        Py_DECREF(empty);
        PyErr_SetString(PyExc_TypeError, "form_entry: gn rows are tuples");
        goto done;
    }
    /* nb = (w1 or 0, s1 or 0, w2 or 0, n1 or 0, sn1 or 0, n2 or 0, gnp[0] or 0, gnn[0] or 0) */
    {
        PyObject *w1 = PySequence_Fast_GET_ITEM(wk, 1), *w2 = PySequence_Fast_GET_ITEM(wk, 2), *n1 = PySequence_Fast_GET_ITEM(wk, 3),
                 *n2 = PySequence_Fast_GET_ITEM(wk, 4), *s1 = PySequence_Fast_GET_ITEM(sk, 1), *sn1 = PySequence_Fast_GET_ITEM(sk, 2);
        PyObject *src[6] = {w1, s1, w2, n1, sn1, n2};
        for (int i = 0; i < 6; i++)
            if ((items[i] = or_zero(src[i])) == NULL) {
                Py_DECREF(empty);
                goto done;
            }
        items[6] = PyTuple_GET_SIZE(gnp) ? (Py_INCREF(PyTuple_GET_ITEM(gnp, 0)), PyTuple_GET_ITEM(gnp, 0)) : PyLong_FromLong(0);
        items[7] = PyTuple_GET_SIZE(gnn) ? (Py_INCREF(PyTuple_GET_ITEM(gnn, 0)), PyTuple_GET_ITEM(gnn, 0)) : PyLong_FromLong(0);
        if (items[6] == NULL || items[7] == NULL) {
            Py_DECREF(empty);
            goto done;
        }
        nb = PyTuple_New(8);
        if (nb == NULL) {
            Py_DECREF(empty);
            goto done;
        }
        for (int i = 0; i < 8; i++) {
            PyTuple_SET_ITEM(nb, i, items[i]);
            items[i] = NULL;
        }
        PyObject *a[2] = {w1, s1}, *b1[1] = {w2}, *c2[2] = {n1, sn1}, *d1[1] = {n2};
        fs = truthy_tuple(&PyList_GET_ITEM(f, 0), PyList_GET_SIZE(f));
        t1 = truthy_tuple(a, 2);
        t2 = truthy_tuple(b1, 1);
        t3 = truthy_tuple(c2, 2);
        t4 = truthy_tuple(d1, 1);
    }
    {
        int tg = PySequence_Contains(PyTuple_GET_ITEM(tb, T_TRIGGERS), key);
        if (tg < 0 || fs == NULL || t1 == NULL || t2 == NULL || t3 == NULL || t4 == NULL) {
            Py_DECREF(empty);
            goto done;
        }
        trig = PyBool_FromLong(tg);
    }
    res = PyTuple_Pack(13, fs, key, form, t1, t2, t3, t4, bg, gnp, gnn, lexv, trig, nb);
    Py_DECREF(empty);
done:
    for (int i = 0; i < 8; i++)
        Py_XDECREF(items[i]);
    Py_XDECREF(pre);
    Py_XDECREF(suf);
    Py_XDECREF(stem);
    Py_XDECREF(key);
    Py_XDECREF(sh);
    Py_XDECREF(f);
    Py_XDECREF(wk);
    Py_XDECREF(sk);
    Py_XDECREF(form);
    Py_XDECREF(lexv);
    Py_XDECREF(bg);
    Py_XDECREF(nb);
    Py_XDECREF(fs);
    Py_XDECREF(t1);
    Py_XDECREF(t2);
    Py_XDECREF(t3);
    Py_XDECREF(t4);
    Py_XDECREF(trig);
    Py_XDECREF(tmp);
    return res;
}

/* ---------------------------------------------------------------- trigger and lexicon marks
 *
 * The two walks of marsad.ner.features (trigger_marks_at, lexicon_marks_at) over the candidate
 * tokens of a document, step for step: the same {token: [marks]} dict, in the same order. */

/* entries[fids[p]][field], borrowed; NULL (with an exception) when malformed */
static PyObject *
entry_field(PyObject *entries, PyObject *fids, Py_ssize_t p, Py_ssize_t field)
{
    if (p < 0 || p >= PyList_GET_SIZE(fids)) {
        PyErr_SetString(PyExc_IndexError, "marks: token index out of range");
        return NULL;
    }
    Py_ssize_t f = PyLong_AsSsize_t(PyList_GET_ITEM(fids, p));
    if (f == -1 && PyErr_Occurred())
        return NULL;
    if (f < 0 || f >= PyList_GET_SIZE(entries)) {
        PyErr_SetString(PyExc_IndexError, "marks: form id out of range");
        return NULL;
    }
    PyObject *e = PyList_GET_ITEM(entries, f);
    if (!PyTuple_Check(e) || field >= PyTuple_GET_SIZE(e)) {
        PyErr_SetString(PyExc_TypeError, "marks: a cache entry is a tuple");
        return NULL;
    }
    return PyTuple_GET_ITEM(e, field);
}

/* marks.setdefault(p, []), borrowed */
static PyObject *
marks_at(PyObject *marks, Py_ssize_t p)
{
    PyObject *k = PyLong_FromSsize_t(p);
    if (k == NULL)
        return NULL;
    PyObject *m = PyDict_GetItemWithError(marks, k);
    if (m == NULL && !PyErr_Occurred()) {
        m = PyList_New(0);
        if (m != NULL) {
            int r = PyDict_SetItem(marks, k, m);
            Py_DECREF(m);
            if (r < 0)
                m = NULL;
        }
    }
    Py_DECREF(k);
    return m;
}

static int
parse_cand(PyObject *c, Py_ssize_t *i, Py_ssize_t *a, Py_ssize_t *n)
{
    if (!PyTuple_Check(c) || PyTuple_GET_SIZE(c) != 3) {
        PyErr_SetString(PyExc_TypeError, "marks: a candidate is (token, sentence start, sentence end)");
        return -1;
    }
    *i = PyLong_AsSsize_t(PyTuple_GET_ITEM(c, 0));
    *a = PyLong_AsSsize_t(PyTuple_GET_ITEM(c, 1));
    *n = PyLong_AsSsize_t(PyTuple_GET_ITEM(c, 2));
    return PyErr_Occurred() ? -1 : 0;
}

/* trigger_marks(entries, fids, cands, feats, key_field): Features.trigger_marks_at */
static PyObject *
trigger_marks(PyObject *self, PyObject *args)
{
    PyObject *entries, *fids, *cands, *feats;
    Py_ssize_t kf;
    if (!PyArg_ParseTuple(args, "O!O!O!On", &PyList_Type, &entries, &PyList_Type, &fids, &PyList_Type,
                          &cands, &feats, &kf))
        return NULL;
    PyObject *marks = PyDict_New();
    if (marks == NULL)
        return NULL;
    for (Py_ssize_t c = 0; c < PyList_GET_SIZE(cands); c++) {
        Py_ssize_t i, a, n;
        if (parse_cand(PyList_GET_ITEM(cands, c), &i, &a, &n) < 0)
            goto fail;
        PyObject *key = entry_field(entries, fids, i, kf);
        if (key == NULL)
            goto fail;
        PyObject *lst = PyObject_GetItem(feats, key); /* feats[key], KeyError as in Python */
        if (lst == NULL)
            goto fail;
        PyObject *seq = PySequence_Fast(lst, "marks: a trigger's features are a list");
        Py_DECREF(lst);
        if (seq == NULL)
            goto fail;
        for (Py_ssize_t q = 0; q < PySequence_Fast_GET_SIZE(seq); q++) {
            PyObject *t = PySequence_Fast_GET_ITEM(seq, q);
            if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 5 || !PyTuple_Check(PyTuple_GET_ITEM(t, 0))) {
                PyErr_SetString(PyExc_TypeError, "marks: a trigger is (rest, tg, ta1, ta2, tb1)");
                Py_DECREF(seq);
                goto fail;
            }
            PyObject *rest = PyTuple_GET_ITEM(t, 0);
            Py_ssize_t nr = PyTuple_GET_SIZE(rest), j = i + 1 + nr;
            if (nr) { /* the words after the trigger's first, within the sentence */
                if (j > n)
                    continue;
                int same = 1;
                for (Py_ssize_t r = 0; r < nr && same; r++) {
                    PyObject *kp = entry_field(entries, fids, i + 1 + r, kf);
                    if (kp == NULL) {
                        Py_DECREF(seq);
                        goto fail;
                    }
                    same = PyObject_RichCompareBool(kp, PyTuple_GET_ITEM(rest, r), Py_EQ);
                    if (same < 0) {
                        Py_DECREF(seq);
                        goto fail;
                    }
                }
                if (!same)
                    continue;
            }
            /* put: tg on i .. j-1, then ta1 at j, ta2 at j + 1, tb1 at i - 1 */
            Py_ssize_t np = (j - i) + 3;
            for (Py_ssize_t u = 0; u < np; u++) {
                Py_ssize_t p;
                PyObject *feat;
                if (u < j - i) {
                    p = i + u;
                    feat = PyTuple_GET_ITEM(t, 1);
                } else if (u == j - i) {
                    p = j;
                    feat = PyTuple_GET_ITEM(t, 2);
                } else if (u == j - i + 1) {
                    p = j + 1;
                    feat = PyTuple_GET_ITEM(t, 3);
                } else {
                    p = i - 1;
                    feat = PyTuple_GET_ITEM(t, 4);
                }
                if (!(a <= p && p < n) || feat == Py_None)
                    continue;
                PyObject *k = PyLong_FromSsize_t(p);
                if (k == NULL) {
                    Py_DECREF(seq);
                    goto fail;
                }
                PyObject *m = PyDict_GetItemWithError(marks, k);
                int bad = 0;
                if (m == NULL) {
                    if (PyErr_Occurred())
                        bad = 1;
                    else {
                        PyObject *one = PyList_New(1);
                        if (one == NULL)
                            bad = 1;
                        else {
                            Py_INCREF(feat);
                            PyList_SET_ITEM(one, 0, feat);
                            bad = PyDict_SetItem(marks, k, one) < 0;
                            Py_DECREF(one);
                        }
                    }
                } else {
                    int has = PySequence_Contains(m, feat);
                    bad = has < 0 || (!has && PyList_Append(m, feat) < 0);
                }
                Py_DECREF(k);
                if (bad) {
                    Py_DECREF(seq);
                    goto fail;
                }
            }
        }
        Py_DECREF(seq);
    }
    return marks;
fail:
    Py_DECREF(marks);
    return NULL;
}

/* lexicon_marks(entries, fids, cands, lexicon, starts, most_words, lexicon_feats, key_field,
 *               form_field, lex_field): Features.lexicon_marks_at */
static PyObject *
lexicon_marks(PyObject *self, PyObject *args)
{
    PyObject *entries, *fids, *cands, *lex, *starts, *feats_of;
    Py_ssize_t most_words, kf, ff, lf;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OnOnnn", &PyList_Type, &entries, &PyList_Type, &fids, &PyList_Type,
                          &cands, &PyDict_Type, &lex, &starts, &most_words, &feats_of, &kf, &ff, &lf))
        return NULL;
    PyObject *marks = PyDict_New(), *space = PyUnicode_FromString(" ");
    if (marks == NULL || space == NULL)
        goto fail;
    for (Py_ssize_t c = 0; c < PyList_GET_SIZE(cands); c++) {
        Py_ssize_t i, a, n;
        if (parse_cand(PyList_GET_ITEM(cands, c), &i, &a, &n) < 0)
            goto fail;
        PyObject *form = entry_field(entries, fids, i, ff), *key = entry_field(entries, fids, i, kf),
                 *mostv = entry_field(entries, fids, i, lf);
        if (form == NULL || key == NULL || mostv == NULL)
            goto fail;
        Py_ssize_t most = PyLong_AsSsize_t(mostv);
        if (most == -1 && PyErr_Occurred())
            goto fail;
        PyObject *hit = PyDict_GetItemWithError(lex, form); /* borrowed */
        if (hit == NULL && PyErr_Occurred())
            goto fail;
        if (hit == NULL) {
            int ne = PyObject_RichCompareBool(key, form, Py_NE);
            if (ne < 0)
                goto fail;
            if (ne) {
                hit = PyDict_GetItemWithError(lex, key);
                if (hit == NULL && PyErr_Occurred())
                    goto fail;
            }
        }
        Py_XINCREF(hit);
        Py_ssize_t end = i + 1, lim = n;
        if (i + most < lim)
            lim = i + most;
        if (i + most_words < lim)
            lim = i + most_words;
        Py_INCREF(form);
        PyObject *k = form;
        for (Py_ssize_t j = i + 2; j <= lim; j++) {
            PyObject *nf = entry_field(entries, fids, j - 1, ff);
            PyObject *k2 = nf == NULL ? NULL : PyUnicode_Concat(k, space);
            PyObject *k3 = k2 == NULL ? NULL : PyUnicode_Concat(k2, nf);
            Py_XDECREF(k2);
            Py_DECREF(k);
            k = k3;
            if (k == NULL) {
                Py_XDECREF(hit);
                goto fail;
            }
            int in = PySequence_Contains(starts, k);
            if (in <= 0) {
                if (in < 0) {
                    Py_DECREF(k);
                    Py_XDECREF(hit);
                    goto fail;
                }
                break;
            }
            PyObject *h = PyDict_GetItemWithError(lex, k);
            if (h == NULL && PyErr_Occurred()) {
                Py_DECREF(k);
                Py_XDECREF(hit);
                goto fail;
            }
            if (h != NULL) {
                Py_INCREF(h);
                Py_XSETREF(hit, h);
                end = j;
            }
        }
        Py_DECREF(k);
        if (hit == NULL)
            continue;
        PyObject *three = PyObject_CallOneArg(feats_of, hit);
        Py_DECREF(hit);
        if (three == NULL)
            goto fail;
        if (!PyTuple_Check(three) || PyTuple_GET_SIZE(three) != 3) {
            Py_DECREF(three);
            PyErr_SetString(PyExc_TypeError, "marks: a name's marks are (first, inner, after)");
            goto fail;
        }
        /* m.extend(x) as m[len(m):] = x (public API) */
        PyObject *m = marks_at(marks, i);
        int bad = m == NULL || PyList_SetSlice(m, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, PyTuple_GET_ITEM(three, 0)) < 0;
        for (Py_ssize_t p = i + 1; !bad && p < end; p++) {
            m = marks_at(marks, p);
            bad = m == NULL || PyList_SetSlice(m, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, PyTuple_GET_ITEM(three, 1)) < 0;
        }
        if (!bad && end < n) {
            m = marks_at(marks, end);
            bad = m == NULL || PyList_SetSlice(m, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, PyTuple_GET_ITEM(three, 2)) < 0;
        }
        Py_DECREF(three);
        if (bad)
            goto fail;
    }
    Py_DECREF(space);
    return marks;
fail:
    Py_XDECREF(marks);
    Py_XDECREF(space);
    return NULL;
}

static PyMethodDef methods[] = {
    {"form_entry", (PyCFunction)(void (*)(void))form_entry, METH_FASTCALL,
     "form_entry(norm, pieces, tables): Features._static's entry for a new form (row numbers)"},
    {"trigger_marks", trigger_marks, METH_VARARGS,
     "trigger_marks(entries, fids, cands, feats, key_field): Features.trigger_marks_at"},
    {"lexicon_marks", lexicon_marks, METH_VARARGS,
     "lexicon_marks(entries, fids, cands, lexicon, starts, most_words, lexicon_feats, key_field, "
     "form_field, lex_field): Features.lexicon_marks_at"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_formkernel",
    "The NER's per-form entries and mark walks in C (optional; marsad.ner.fastcrf falls back to "
    "Python).",
    -1, methods,
};

PyMODINIT_FUNC
PyInit__formkernel(void)
{
    return PyModule_Create(&module);
}
