/* The arithmetic of the NER decoder (marsad.ner.fastcrf) in C: the sum of a new form's own
 * feature rows, the per-token state scores, the trigger and lexicon marks added to them, and
 * crfsuite's Viterbi (the per-form entries and the mark walks, over Python objects, are in
 * _formkernel.c).  Optional: built by `pip install` when a C compiler is there; without it
 * marsad.ner.fastcrf runs the same arithmetic with numpy, which costs about 1 ms more per
 * article (the numpy path pays a Python-level step per position of the longest sentence).
 *
 * Why hand-written C: the work is small loops over doubles whose every sum must be the one
 * python-crfsuite makes (same operands, same order), which no library offers over our per-form
 * tables.  Only additions and comparisons of doubles, so the results are bit for bit those of
 * the numpy path (tests/unit/test_ner_fastcrf.py checks both against python-crfsuite).
 *
 * Arrays come through the buffer protocol (numpy arrays, C-contiguous): no numpy headers are
 * needed to build this. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <float.h>
#include <string.h>

/* Giver pseudo-forms, as in fastcrf.py: none, the first slot before a sentence, the slot after. */
#define F_NONE 0
#define F_FIRST 1
#define F_AFTER 2
#define NB_COLS 8

/* where the giver of each neighbour column sits relative to the token (fastcrf._GATHER_OFF) */
static const int GATHER_OFF[NB_COLS] = {-1, -1, -2, 1, 1, 2, -1, 1};

static int
check(Py_buffer *b, Py_ssize_t items, Py_ssize_t itemsize, const char *what)
{
    if (b->len != items * itemsize) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes, expected %zd", what, b->len, items * itemsize);
        return -1;
    }
    return 0;
}

/* the sentence cuts of n tokens: 0 first, n last, never decreasing */
static int
check_cuts(Py_buffer *bcuts, Py_ssize_t n, const char *what)
{
    const Py_ssize_t *cuts = bcuts->buf;
    Py_ssize_t ncut = bcuts->len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (ncut < 1 || cuts[0] != 0 || cuts[ncut - 1] != n) {
        PyErr_Format(PyExc_ValueError, "%s: sentence cuts do not span the tokens", what);
        return -1;
    }
    for (Py_ssize_t k = 1; k < ncut; k++)
        if (cuts[k] < cuts[k - 1]) {
            PyErr_Format(PyExc_ValueError, "%s: sentence cuts out of order", what);
            return -1;
        }
    return 0;
}

/* scores(static, nb, w, fa, cuts, bigram, nl, out)
 *
 * out[t] = static[fa[t]] + w[nb[g0][0]] + w[nb[g1][1]] + w[bigram[t]] (when bigram[t] > 0)
 *          + w[nb[g2][2]] + ... + w[nb[g7][7]]
 * added in that order, label by label, where gc is the form at t + GATHER_OFF[c] within the
 * token's sentence, F_FIRST just before it, F_AFTER just after it, F_NONE farther out. */
static PyObject *
scores(PyObject *self, PyObject *args)
{
    Py_buffer bs, bnb, bw, bfa, bcuts, bbg, bout;
    Py_ssize_t nl;
    PyObject *res = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*nw*", &bs, &bnb, &bw, &bfa, &bcuts, &bbg, &nl, &bout))
        return NULL;
    const double *st = bs.buf, *w = bw.buf;
    const Py_ssize_t *nb = bnb.buf, *fa = bfa.buf, *cuts = bcuts.buf, *bg = bbg.buf;
    double *out = bout.buf;
    Py_ssize_t n = bfa.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t ncut = bcuts.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t nforms = nl > 0 ? bs.len / (Py_ssize_t)sizeof(double) / nl : 0;
    Py_ssize_t nrows = nl > 0 ? bw.len / (Py_ssize_t)sizeof(double) / nl : 0;
    if (nl <= 0 || check_cuts(&bcuts, n, "scores") < 0
        || check(&bnb, nforms * NB_COLS, sizeof(Py_ssize_t), "nb") < 0
        || check(&bbg, n, sizeof(Py_ssize_t), "bigram") < 0
        || check(&bout, n * nl, sizeof(double), "out") < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "scores: inconsistent shapes");
        goto done;
    }
    for (Py_ssize_t t = 0; t < n; t++)
        if (fa[t] < 0 || fa[t] >= nforms || bg[t] < 0 || bg[t] >= nrows) {
            PyErr_SetString(PyExc_IndexError, "scores: form or row id out of range");
            goto done;
        }
    if (nforms <= F_AFTER) {
        PyErr_SetString(PyExc_ValueError, "scores: the table lacks the pseudo-forms");
        goto done;
    }
    for (Py_ssize_t s = 0; s + 1 < ncut; s++) {
        Py_ssize_t a = cuts[s], b = cuts[s + 1];
        for (Py_ssize_t t = a; t < b; t++) {
            const double *rows[NB_COLS];
            for (int c = 0; c < NB_COLS; c++) {
                Py_ssize_t p = t + GATHER_OFF[c], f;
                if (p >= a && p < b)
                    f = fa[p];
                else if (p == a - 1)
                    f = F_FIRST;
                else if (p == b)
                    f = F_AFTER;
                else
                    f = F_NONE;
                Py_ssize_t r = nb[f * NB_COLS + c];
                if (r < 0 || r >= nrows) {
                    PyErr_SetString(PyExc_IndexError, "scores: neighbour row out of range");
                    goto done;
                }
                rows[c] = w + r * nl;
            }
            double *o = out + t * nl;
            const double *s0 = st + fa[t] * nl;
            const double *r2 = bg[t] > 0 ? w + bg[t] * nl : NULL;
            for (Py_ssize_t l = 0; l < nl; l++) {
                double v = s0[l];
                v += rows[0][l];
                v += rows[1][l];
                if (r2 != NULL)
                    v += r2[l];
                for (int c = 2; c < NB_COLS; c++)
                    v += rows[c][l];
                o[l] = v;
            }
        }
    }
    res = Py_None;
    Py_INCREF(res);
done:
    PyBuffer_Release(&bs);
    PyBuffer_Release(&bnb);
    PyBuffer_Release(&bw);
    PyBuffer_Release(&bfa);
    PyBuffer_Release(&bcuts);
    PyBuffer_Release(&bbg);
    PyBuffer_Release(&bout);
    return res;
}

/* viterbi(state, trans_t, cuts, nl, out): crfsuite's crf1dc_viterbi for each sentence
 * [cuts[s], cuts[s+1]) of the state scores (tokens × labels); trans_t[j][i] is the weight of
 * label i followed by label j.  out (one byte per token) gets the label ids.  At each position
 * and label j the best previous label i is the first with the greatest alpha[i] + trans[i][j]
 * (crfsuite's strict "<" test); alpha[j] is that sum plus the state score; the last label is
 * the first with the greatest final alpha. */
static PyObject *
viterbi(PyObject *self, PyObject *args)
{
    Py_buffer bs, btt, bcuts, bout;
    Py_ssize_t nl;
    PyObject *res = NULL;
    double *alpha = NULL;
    unsigned char *back = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*nw*", &bs, &btt, &bcuts, &nl, &bout))
        return NULL;
    const double *state = bs.buf, *tt = btt.buf;
    const Py_ssize_t *cuts = bcuts.buf;
    unsigned char *out = bout.buf;
    Py_ssize_t n = bout.len;
    Py_ssize_t ncut = bcuts.len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (nl <= 0 || nl > 256 || check_cuts(&bcuts, n, "viterbi") < 0
        || check(&bs, n * nl, sizeof(double), "state") < 0
        || check(&btt, nl * nl, sizeof(double), "trans") < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "viterbi: inconsistent shapes");
        goto done;
    }
    Py_ssize_t longest = 0;
    for (Py_ssize_t s = 0; s + 1 < ncut; s++) {
        if (cuts[s + 1] - cuts[s] > longest)
            longest = cuts[s + 1] - cuts[s];
    }
    alpha = PyMem_Malloc(2 * nl * sizeof(double));
    back = PyMem_Malloc((longest > 0 ? longest : 1) * nl);
    if (alpha == NULL || back == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t s = 0; s + 1 < ncut; s++) {
        Py_ssize_t a = cuts[s], m = cuts[s + 1] - a;
        if (m == 0)
            continue;
        double *prev = alpha, *cur = alpha + nl, *tmp;
        memcpy(prev, state + a * nl, nl * sizeof(double));
        for (Py_ssize_t t = 1; t < m; t++) {
            const double *sc = state + (a + t) * nl;
            unsigned char *bk = back + t * nl;
            for (Py_ssize_t j = 0; j < nl; j++) {
                const double *trj = tt + j * nl;
                double best = -DBL_MAX;
                int arg = 0;
                for (Py_ssize_t i = 0; i < nl; i++) {
                    double v = prev[i] + trj[i];
                    if (best < v) {
                        best = v;
                        arg = (int)i;
                    }
                }
                bk[j] = (unsigned char)arg;
                cur[j] = best + sc[j];
            }
            tmp = prev;
            prev = cur;
            cur = tmp;
        }
        double best = -DBL_MAX;
        int y = 0;
        for (Py_ssize_t i = 0; i < nl; i++)
            if (best < prev[i]) {
                best = prev[i];
                y = (int)i;
            }
        out[a + m - 1] = (unsigned char)y;
        for (Py_ssize_t t = m - 1; t > 0; t--) {
            y = back[t * nl + y];
            out[a + t - 1] = (unsigned char)y;
        }
    }
    res = Py_None;
    Py_INCREF(res);
done:
    PyMem_Free(alpha);
    PyMem_Free(back);
    PyBuffer_Release(&bs);
    PyBuffer_Release(&btt);
    PyBuffer_Release(&bcuts);
    PyBuffer_Release(&bout);
    return res;
}

/* sum_rows(static, w, lo, rows, lens, nl): for each new form i (lens[i] rows of w, listed one
 * form after the other in rows), static[lo + i] = 0.0 + w[r0] + w[r1] + ..., label by label in
 * list order, as the numpy path sums them (fastcrf.FastCRF._fill). */
static PyObject *
sum_rows(PyObject *self, PyObject *args)
{
    Py_buffer bs, bw, br, bl;
    Py_ssize_t lo, nl;
    PyObject *res = NULL;
    if (!PyArg_ParseTuple(args, "w*y*ny*y*n", &bs, &bw, &lo, &br, &bl, &nl))
        return NULL;
    double *st = bs.buf;
    const double *w = bw.buf;
    const Py_ssize_t *rows = br.buf, *lens = bl.buf;
    Py_ssize_t nr = br.len / (Py_ssize_t)sizeof(Py_ssize_t), nf = bl.len / (Py_ssize_t)sizeof(Py_ssize_t);
    Py_ssize_t cap = nl > 0 ? bs.len / (Py_ssize_t)sizeof(double) / nl : 0;
    Py_ssize_t nrows = nl > 0 ? bw.len / (Py_ssize_t)sizeof(double) / nl : 0;
    Py_ssize_t total = 0;
    if (nl <= 0 || lo < 0 || lo + nf > cap || check(&bs, cap * nl, sizeof(double), "static") < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "sum_rows: inconsistent shapes");
        goto done;
    }
    for (Py_ssize_t i = 0; i < nf; i++) {
        if (lens[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "sum_rows: negative count");
            goto done;
        }
        total += lens[i];
    }
    if (total != nr) {
        PyErr_SetString(PyExc_ValueError, "sum_rows: the counts do not add up to the rows");
        goto done;
    }
    for (Py_ssize_t k = 0; k < nr; k++)
        if (rows[k] < 0 || rows[k] >= nrows) {
            PyErr_SetString(PyExc_IndexError, "sum_rows: row id out of range");
            goto done;
        }
    const Py_ssize_t *r = rows;
    for (Py_ssize_t i = 0; i < nf; i++) {
        double *o = st + (lo + i) * nl;
        for (Py_ssize_t l = 0; l < nl; l++)
            o[l] = 0.0;
        for (Py_ssize_t k = 0; k < lens[i]; k++, r++) {
            const double *x = w + *r * nl;
            for (Py_ssize_t l = 0; l < nl; l++)
                o[l] += x[l];
        }
    }
    res = Py_None;
    Py_INCREF(res);
done:
    PyBuffer_Release(&bs);
    PyBuffer_Release(&bw);
    PyBuffer_Release(&br);
    PyBuffer_Release(&bl);
    return res;
}

/* The per-document index work of the decoder that numpy did in a dozen calls (fastcrf.py):
 * which tokens a flag table marks, the sentence bounds of each, and the positions where a
 * known bigram may start.  The tables are indexed by form id (fa[t]), one byte per form. */

/* cands(flags, fa, cuts) -> [(t, start, end), ...]: every token t whose form is flagged
 * (flags[fa[t]] != 0), ascending, with its sentence's token bounds [start, end). */
static PyObject *
cands(PyObject *self, PyObject *args)
{
    Py_buffer bf, bfa, bcuts;
    PyObject *res = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*", &bf, &bfa, &bcuts))
        return NULL;
    const unsigned char *flags = bf.buf;
    const Py_ssize_t *fa = bfa.buf, *cuts = bcuts.buf;
    Py_ssize_t n = bfa.len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (check_cuts(&bcuts, n, "cands") < 0)
        goto done;
    for (Py_ssize_t t = 0; t < n; t++)
        if (fa[t] < 0 || fa[t] >= bf.len) {
            PyErr_SetString(PyExc_IndexError, "cands: form id out of range");
            goto done;
        }
    if (!(res = PyList_New(0)))
        goto done;
    Py_ssize_t k = 0;  /* cuts[k] <= t < cuts[k + 1] */
    for (Py_ssize_t t = 0; t < n; t++) {
        if (!flags[fa[t]])
            continue;
        while (cuts[k + 1] <= t)
            k++;
        PyObject *c = Py_BuildValue("(nnn)", t, cuts[k], cuts[k + 1]);
        if (!c || PyList_Append(res, c) < 0) {
            Py_XDECREF(c);
            Py_CLEAR(res);
            goto done;
        }
        Py_DECREF(c);
    }
done:
    PyBuffer_Release(&bf);
    PyBuffer_Release(&bfa);
    PyBuffer_Release(&bcuts);
    return res;
}

/* pairs(left, right, fa, cuts) -> [t, ...]: the tokens t (ascending) whose previous token in the
 * same sentence has a form flagged in ``left`` while t's form is flagged in ``right``. */
static PyObject *
pairs(PyObject *self, PyObject *args)
{
    Py_buffer bl, br, bfa, bcuts;
    PyObject *res = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*", &bl, &br, &bfa, &bcuts))
        return NULL;
    const unsigned char *left = bl.buf, *right = br.buf;
    const Py_ssize_t *fa = bfa.buf, *cuts = bcuts.buf;
    Py_ssize_t n = bfa.len / (Py_ssize_t)sizeof(Py_ssize_t);
    if (check_cuts(&bcuts, n, "pairs") < 0)
        goto done;
    for (Py_ssize_t t = 0; t < n; t++)
        if (fa[t] < 0 || fa[t] >= bl.len || fa[t] >= br.len) {
            PyErr_SetString(PyExc_IndexError, "pairs: form id out of range");
            goto done;
        }
    if (!(res = PyList_New(0)))
        goto done;
    Py_ssize_t k = 1;  /* the next sentence start after t - 1 */
    for (Py_ssize_t t = 1; t < n; t++) {
        while (cuts[k] < t)
            k++;
        if (cuts[k] == t || !left[fa[t - 1]] || !right[fa[t]])
            continue;  /* (t starts a sentence: no pair across sentences) */
        PyObject *v = PyLong_FromSsize_t(t);
        if (!v || PyList_Append(res, v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(res);
            goto done;
        }
        Py_DECREF(v);
    }
done:
    PyBuffer_Release(&bl);
    PyBuffer_Release(&br);
    PyBuffer_Release(&bfa);
    PyBuffer_Release(&bcuts);
    return res;
}

/* add the rows listed in each value of ``marks`` ({token: [row, ...]}) to that token's state
 * scores, label by label, in list order */
static int
add_mark_dict(double *st, const double *w, Py_ssize_t n, Py_ssize_t nrows, Py_ssize_t nl, PyObject *marks)
{
    PyObject *key, *val;
    Py_ssize_t pos = 0;
    if (!PyDict_Check(marks)) {
        PyErr_SetString(PyExc_TypeError, "add_marks: the marks must be a dict");
        return -1;
    }
    while (PyDict_Next(marks, &pos, &key, &val)) {
        Py_ssize_t t = PyLong_AsSsize_t(key);
        if (t == -1 && PyErr_Occurred())
            return -1;
        if (t < 0 || t >= n || !PyList_Check(val)) {
            PyErr_SetString(PyExc_ValueError, "add_marks: a token out of range or marks not a list");
            return -1;
        }
        double *o = st + t * nl;
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(val); j++) {
            Py_ssize_t r = PyLong_AsSsize_t(PyList_GET_ITEM(val, j));
            if (r == -1 && PyErr_Occurred())
                return -1;
            if (r < 0 || r >= nrows) {
                PyErr_SetString(PyExc_IndexError, "add_marks: row id out of range");
                return -1;
            }
            const double *x = w + r * nl;
            for (Py_ssize_t l = 0; l < nl; l++)
                o[l] += x[l];
        }
    }
    return 0;
}

/* add_marks(state, w, first, then, nl): each token's rows in ``first`` ({token: [row, ...]}),
 * then its rows in ``then``, added to its state scores label by label in list order (the
 * trigger marks, then the lexicon marks: the order of fastcrf's numpy path).  A token's sums
 * depend only on its own rows, so the tokens may come in any order. */
static PyObject *
add_marks(PyObject *self, PyObject *args)
{
    Py_buffer bs, bw;
    PyObject *first, *then, *res = NULL;
    Py_ssize_t nl;
    if (!PyArg_ParseTuple(args, "w*y*OOn", &bs, &bw, &first, &then, &nl))
        return NULL;
    Py_ssize_t n = nl > 0 ? bs.len / (Py_ssize_t)sizeof(double) / nl : 0;
    Py_ssize_t nrows = nl > 0 ? bw.len / (Py_ssize_t)sizeof(double) / nl : 0;
    if (nl <= 0 || check(&bs, n * nl, sizeof(double), "state") < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "add_marks: inconsistent shapes");
        goto done;
    }
    if (add_mark_dict(bs.buf, bw.buf, n, nrows, nl, first) < 0
        || add_mark_dict(bs.buf, bw.buf, n, nrows, nl, then) < 0)
        goto done;
    res = Py_None;
    Py_INCREF(res);
done:
    PyBuffer_Release(&bs);
    PyBuffer_Release(&bw);
    return res;
}

static PyMethodDef methods[] = {
    {"scores", scores, METH_VARARGS,
     "scores(static, nb, w, fa, cuts, bigram, nl, out): per-token state scores (see fastcrf.py)"},
    {"viterbi", viterbi, METH_VARARGS,
     "viterbi(state, trans_t, cuts, nl, out): crfsuite's Viterbi labels of every sentence"},
    {"sum_rows", sum_rows, METH_VARARGS,
     "sum_rows(static, w, lo, rows, lens, nl): each new form's rows summed in list order"},
    {"cands", cands, METH_VARARGS,
     "cands(flags, fa, cuts): [(t, start, end)] of the tokens whose form is flagged, with their sentence"},
    {"pairs", pairs, METH_VARARGS,
     "pairs(left, right, fa, cuts): tokens t with left[fa[t - 1]] and right[fa[t]] in one sentence"},
    {"add_marks", add_marks, METH_VARARGS,
     "add_marks(state, w, first, then, nl): each token's rows in first, then in then, added in order"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_crfkernel",
    "C loops of the NER decoder (optional; marsad.ner.fastcrf falls back to numpy).", -1, methods,
};

PyMODINIT_FUNC
PyInit__crfkernel(void)
{
    return PyModule_Create(&module);
}
