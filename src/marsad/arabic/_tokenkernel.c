/* The segmenter's token loop (marsad.stages.segment.Segment._tokens) in C, the number and date
 * readers' tokens (marsad.arabic.numtokens.tokens) and the entity rules' word split
 * (marsad.stages.entity_rules.tokenise).  Optional: built by `pip install` when
 * a C compiler is there; without it the same loops run in Python (tests/unit/test_segment_kernel.py
 * checks that both give the same tokens).
 *
 * Why hand-written C: the loop runs once per token of every article (about a thousand per
 * article) and in Python it cost more than any other function of the pipeline; what it does
 * (find TOKEN_RE's tokens, map their offsets back to the original text, look each form up in the
 * per-form cache, make the Token) is simple, but no library does it over our offset map and
 * cache.  The tokens are TOKEN_RE's (segment.py), alternative by alternative:
 *
 *   ar     a run of the Arabic letters of _AR
 *   num    \d+(?:[.,]\d+)*             (\d: a Unicode decimal digit, as in Python's re)
 *   lat    [A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f]*(?:['\-][A-Za-z0-9\u00c0-\u024f]+)*
 *   other  any other character but whitespace (\s: Python's str.isspace)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

/* Token's fields in its __init__'s order.  A Token is a slotted dataclass whose __init__ only
 * stores its arguments, so the loop fills the slots of a new instance directly (the member
 * descriptors give their offsets), which costs a fifth of a call to __init__; with any other
 * kind of type it calls the type. */
static const char *const TOKEN_FIELDS[6] = {"start", "end", "form", "norm", "sent", "is_word"};

/* the slot offsets of ttype's fields, or 0 (then call the type) */
static int
slot_offsets(PyObject *ttype, Py_ssize_t *off)
{
    if (!PyType_Check(ttype) || ((PyTypeObject *)ttype)->tp_init == NULL)
        return 0;
    for (int i = 0; i < 6; i++) {
        PyObject *d = PyObject_GetAttrString(ttype, TOKEN_FIELDS[i]);
        if (d == NULL) {
            PyErr_Clear();
            return 0;
        }
        int ok = Py_IS_TYPE(d, &PyMemberDescr_Type)
                 && ((PyMemberDescrObject *)d)->d_common.d_type == (PyTypeObject *)ttype
                 && ((PyMemberDescrObject *)d)->d_member->type == T_OBJECT_EX
                 && !(((PyMemberDescrObject *)d)->d_member->flags & READONLY);
        if (ok)
            off[i] = ((PyMemberDescrObject *)d)->d_member->offset;
        Py_DECREF(d);
        if (!ok)
            return 0;
    }
    return 1;
}

static int
is_ar(Py_UCS4 c)
{
    /* _AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff" */
    return (c >= 0x0621 && c <= 0x063a) || (c >= 0x0641 && c <= 0x064a)
        || (c >= 0x0671 && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff);
}

static int
is_lat_first(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x00c0 && c <= 0x024f);
}

static int
is_lat_rest(Py_UCS4 c)
{
    return is_lat_first(c) || (c >= '0' && c <= '9');
}

static int
is_decimal(Py_UCS4 c)
{
    return Py_UNICODE_ISDECIMAL(c);
}

/* End of a run of ``in`` characters from j, continued by a joiner (sep1 or sep2) only when an
 * ``in`` character follows it: the X*(?:[sep]X+)* tail of the number and Latin alternatives. */
static Py_ssize_t
joined_run(int kind, const void *data, Py_ssize_t j, Py_ssize_t n, int (*in)(Py_UCS4), Py_UCS4 sep1,
           Py_UCS4 sep2)
{
    while (j < n && in(PyUnicode_READ(kind, data, j)))
        j++;
    while (j + 1 < n) {
        Py_UCS4 s = PyUnicode_READ(kind, data, j);
        if ((s != sep1 && s != sep2) || !in(PyUnicode_READ(kind, data, j + 1)))
            break;
        j += 2;
        while (j < n && in(PyUnicode_READ(kind, data, j)))
            j++;
    }
    return j;
}

/* End of the number starting at i (a decimal digit there): \d+(?:[.,]\d+)* */
static Py_ssize_t
number_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t n)
{
    return joined_run(kind, data, i + 1, n, is_decimal, '.', ',');
}

/* End of the token starting at i (< n), whose first character is not whitespace. */
static Py_ssize_t
token_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t n)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    Py_ssize_t j = i + 1;
    if (is_ar(c)) {
        while (j < n && is_ar(PyUnicode_READ(kind, data, j)))
            j++;
        return j;
    }
    if (is_decimal(c))
        return number_end(kind, data, i, n);
    if (is_lat_first(c)) /* [A-Za-z\u00c0-\u024f] then [A-Za-z0-9\u00c0-\u024f]*(?:['\-]...+)* */
        return joined_run(kind, data, j, n, is_lat_rest, '\'', '-');
    return j; /* other: one character */
}

static int
is_trailing(Py_UCS4 c, int tkind, const void *tdata, Py_ssize_t tn)
{
    for (Py_ssize_t q = 0; q < tn; q++)
        if (PyUnicode_READ(tkind, tdata, q) == c)
            return 1;
    return 0;
}

/* spans(s): the (start, end) of every token of s, in order (for tests). */
static PyObject *
spans(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "spans: a str is needed");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg), i = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    while (i < n) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = token_end(kind, data, i, n);
        PyObject *t = Py_BuildValue("(nn)", i, j);
        if (t == NULL || PyList_Append(out, t) < 0) {
            Py_XDECREF(t);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(t);
        i = j;
    }
    return out;
}

/* tokens(clean, ss, se, shift, marks, text, folded, forms, miss, token_type, si, split, out,
 *        trailing, norms)
 *
 * Appends to ``out`` a token_type(start, end, form, norm, si, is_word) for every token of
 * clean[ss:se], in order.  Offsets: clean index + shift when ``marks`` is None (nothing deleted
 * in or right after the sentence); else ``marks`` is the offset map's tuple (marks[k]: the clean
 * index the k-th deleted character precedes), ``shift`` is the number of marks <= ss, and a
 * clean index j maps to j + (the number of marks <= j); an end is extended over the characters
 * of ``trailing`` that follow it in ``text``.  (norm, is_word, pieces) is forms[form], or
 * miss(form, folded[cs:ce]) for a form not in ``forms``; a token whose pieces are not None gets
 * split[its index in out] = pieces; each token's norm is appended to ``norms``. */
static PyObject *
tokens(PyObject *self, PyObject *args)
{
    PyObject *clean, *marks, *text, *folded, *forms, *miss, *ttype, *si, *split, *out, *trailing, *norms;
    Py_ssize_t ss, se, shift;
    if (!PyArg_ParseTuple(args, "UnnnOUUO!OOOO!O!UO!", &clean, &ss, &se, &shift, &marks, &text, &folded,
                          &PyDict_Type, &forms, &miss, &ttype, &si, &PyDict_Type, &split,
                          &PyList_Type, &out, &trailing, &PyList_Type, &norms))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(clean), tn = PyUnicode_GET_LENGTH(text);
    if (ss < 0 || se > n || ss > se || PyUnicode_GET_LENGTH(folded) != n) {
        PyErr_SetString(PyExc_ValueError, "tokens: bounds outside the clean view");
        return NULL;
    }
    Py_ssize_t nm = 0, p = shift; /* p: the number of marks <= the clean index last mapped */
    if (marks != Py_None) {
        if (!PyTuple_Check(marks)) {
            PyErr_SetString(PyExc_TypeError, "tokens: marks is a tuple or None");
            return NULL;
        }
        nm = PyTuple_GET_SIZE(marks);
        if (shift < 0 || shift > nm) {
            PyErr_SetString(PyExc_ValueError, "tokens: shift is not a count of marks");
            return NULL;
        }
    }
    int kind = PyUnicode_KIND(clean), tkind = PyUnicode_KIND(text), mkind = PyUnicode_KIND(trailing);
    const void *data = PyUnicode_DATA(clean), *tdata = PyUnicode_DATA(text),
               *mdata = PyUnicode_DATA(trailing);
    Py_ssize_t mn = PyUnicode_GET_LENGTH(trailing);
    Py_ssize_t off[6];
    /* slots filled directly only for a type that says its __init__ just stores its arguments
     * (marsad.doc sets Token.__marsad_plain_init__) */
    int direct = 0;
    PyObject *plain = PyObject_GetAttrString(ttype, "__marsad_plain_init__");
    if (plain == NULL)
        PyErr_Clear();
    else {
        direct = PyObject_IsTrue(plain) == 1 && slot_offsets(ttype, off);
        Py_DECREF(plain);
    }
    Py_ssize_t i = ss;
    while (i < se) {
        if (Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t j = token_end(kind, data, i, se);
        Py_ssize_t os, oe;
        if (marks == Py_None) {
            os = i + shift;
            oe = j + shift;
        } else {
            /* token starts and ends only grow: the count of marks <= j is advanced, not searched */
            for (int pass = 0; pass < 2; pass++) {
                Py_ssize_t at = pass == 0 ? i : j - 1;
                while (p < nm) {
                    Py_ssize_t mk = PyLong_AsSsize_t(PyTuple_GET_ITEM(marks, p));
                    if (mk == -1 && PyErr_Occurred())
                        return NULL;
                    if (mk > at)
                        break;
                    p++;
                }
                if (pass == 0)
                    os = i + p;
                else
                    oe = j + p; /* (j - 1) + p + 1 */
            }
            while (oe < tn && is_trailing(PyUnicode_READ(tkind, tdata, oe), mkind, mdata, mn))
                oe++;
        }
        PyObject *form = PyUnicode_Substring(clean, i, j);
        if (form == NULL)
            return NULL;
        PyObject *entry = PyDict_GetItemWithError(forms, form); /* borrowed */
        if (entry != NULL) {
            Py_INCREF(entry);
        } else if (PyErr_Occurred()) {
            Py_DECREF(form);
            return NULL;
        } else {
            PyObject *fs = PyUnicode_Substring(folded, i, j);
            if (fs == NULL) {
                Py_DECREF(form);
                return NULL;
            }
            entry = PyObject_CallFunctionObjArgs(miss, form, fs, NULL);
            Py_DECREF(fs);
            if (entry == NULL) {
                Py_DECREF(form);
                return NULL;
            }
        }
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3) {
            PyErr_SetString(PyExc_TypeError, "tokens: a per-form entry is (norm, is_word, pieces)");
            Py_DECREF(entry);
            Py_DECREF(form);
            return NULL;
        }
        PyObject *pieces = PyTuple_GET_ITEM(entry, 2);
        if (pieces != Py_None) {
            PyObject *idx = PyLong_FromSsize_t(PyList_GET_SIZE(out));
            int bad = idx == NULL || PyDict_SetItem(split, idx, pieces) < 0;
            Py_XDECREF(idx);
            if (bad) {
                Py_DECREF(entry);
                Py_DECREF(form);
                return NULL;
            }
        }
        PyObject *a = PyLong_FromSsize_t(os), *b = PyLong_FromSsize_t(oe);
        PyObject *tok = NULL;
        if (a != NULL && b != NULL) {
            PyObject *argv[6] = {a, b, form, PyTuple_GET_ITEM(entry, 0), si, PyTuple_GET_ITEM(entry, 1)};
            if (direct) {
                PyTypeObject *tp = (PyTypeObject *)ttype;
                tok = tp->tp_alloc(tp, 0);
                if (tok != NULL)
                    for (int q = 0; q < 6; q++) {
                        Py_INCREF(argv[q]);
                        *(PyObject **)((char *)tok + off[q]) = argv[q];
                    }
            } else {
                tok = PyObject_Vectorcall(ttype, argv, 6, NULL);
            }
        }
        Py_XDECREF(a);
        Py_XDECREF(b);
        int bad = tok == NULL || PyList_Append(out, tok) < 0
                  || PyList_Append(norms, PyTuple_GET_ITEM(entry, 0)) < 0;
        Py_XDECREF(tok);
        Py_DECREF(entry);
        Py_DECREF(form);
        if (bad)
            return NULL;
        i = j;
    }
    Py_RETURN_NONE;
}

/* word_tokens(s): numtokens.TOKEN_RE's tokens of s, \d+(?:[.,]\d+)*|[^\W\d_]+|[^\s\w], as
 * (starts, ends, texts).  Python's re: \d is str.isdecimal, \w is str.isalnum or "_", \s is
 * str.isspace; a space or "_" starts no token. */
static PyObject *
word_tokens(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "word_tokens: a str is needed");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg), i = 0;
    PyObject *starts = PyList_New(0), *ends = PyList_New(0), *texts = PyList_New(0), *res = NULL;
    if (starts == NULL || ends == NULL || texts == NULL)
        goto done;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        Py_ssize_t j;
        if (Py_UNICODE_ISDECIMAL(c)) {
            j = number_end(kind, data, i, n);
        } else if (Py_UNICODE_ISALNUM(c)) {
            j = i + 1;
            while (j < n) {
                Py_UCS4 d = PyUnicode_READ(kind, data, j);
                if (!Py_UNICODE_ISALNUM(d) || Py_UNICODE_ISDECIMAL(d))
                    break;
                j++;
            }
        } else if (c == '_' || Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        } else {
            j = i + 1;
        }
        PyObject *a = PyLong_FromSsize_t(i), *b = PyLong_FromSsize_t(j), *t = PyUnicode_Substring(arg, i, j);
        int bad = a == NULL || b == NULL || t == NULL || PyList_Append(starts, a) < 0
                  || PyList_Append(ends, b) < 0 || PyList_Append(texts, t) < 0;
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_XDECREF(t);
        if (bad)
            goto done;
        i = j;
    }
    res = PyTuple_Pack(3, starts, ends, texts);
done:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(texts);
    return res;
}

/* word_split(s): re.split("([^\W_]+)", s), the entity rules' words (runs of str.isalnum
 * characters) with the gaps around them: [gap, word, gap, word, ..., gap]. */
static PyObject *
word_split(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "word_split: a str is needed");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg), i = 0, gap = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    while (1) {
        while (i < n && !Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i)))
            i++;
        PyObject *g = PyUnicode_Substring(arg, gap, i);
        int bad = g == NULL || PyList_Append(out, g) < 0;
        Py_XDECREF(g);
        if (bad)
            goto fail;
        if (i >= n)
            return out;
        Py_ssize_t j = i + 1;
        while (j < n && Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, j)))
            j++;
        PyObject *w = PyUnicode_Substring(arg, i, j);
        bad = w == NULL || PyList_Append(out, w) < 0;
        Py_XDECREF(w);
        if (bad)
            goto fail;
        gap = i = j;
    }
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokens", tokens, METH_VARARGS,
     "tokens(clean, ss, se, shift, marks, text, folded, forms, miss, token_type, si, split, out, "
     "trailing, norms): the segmenter's tokens of clean[ss:se] (see segment.py)"},
    {"spans", spans, METH_O, "spans(s): (start, end) of TOKEN_RE's tokens of s"},
    {"word_tokens", word_tokens, METH_O,
     "word_tokens(s): (starts, ends, texts) of numtokens.TOKEN_RE's tokens of s"},
    {"word_split", word_split, METH_O, "word_split(s): re.split(\"([^\\W_]+)\", s)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_tokenkernel",
    "Token loops in C (optional; marsad.stages.segment and marsad.arabic.numtokens fall back to Python).",
    -1,
    methods,
};

PyMODINIT_FUNC
PyInit__tokenkernel(void)
{
    return PyModule_Create(&module);
}
