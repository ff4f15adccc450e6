"""The token loops in C (marsad.arabic._tokenkernel) give what their Python versions give: the
segmenter's tokens and the number and date readers' (Arabic we wrote, and the shared corpus when
it is there)."""
from __future__ import annotations

import shutil
import sysconfig

import pytest

from marsad.arabic import numtokens
from marsad.io.readers import make_doc
from marsad.stages import entity_rules, segment
from marsad.stages.segment import TOKEN_RE, Segment
from marsad.stages.structure import Structure

needs_kernel = pytest.mark.skipif(segment._KERNEL is None, reason="marsad.arabic._tokenkernel is not built")


def test_kernel_is_built_where_a_compiler_is():
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}): the Python loop is used")
    assert segment._KERNEL is not None


@needs_kernel
@pytest.mark.parametrize("s", [
    "قال الوزير: «لن نتراجع» (اليوم)، ثم غادر!",
    "وصل 3,500.25 جندي و1. و,5 و12,, إلى F-16's و al-Qaeda' و x- و 'a",
    "سعر\u00a0الدولار\u2003 1.25 دينار;أمس\tو؟ ثم-ماذا\u3000انتهى",
    "عام2015 و٣٫٥ و۱۲ وڤيتنام وگرگان ـ ـــ مقاومة",  # Arabic-Indic and Persian digits, tatweel alone
    "رمز 😀 وعلامة \u200f و\u200d ثم é×÷Ø ok",  # a character outside the BMP, bidi and joiner marks
    "",
    "   ",
    "x",
])
def test_kernel_finds_token_res_tokens(s):
    assert segment._KERNEL.spans(s) == [m.span() for m in TOKEN_RE.finditer(s)]


def _pair(text: str):
    docs = []
    for compiled in (True, False):
        d = make_doc({"id": "t", "text": text})
        Structure()(d)
        Segment(compiled=compiled)(d)
        docs.append(d)
    return docs


def _same(a, b, *, invariant: bool = True) -> None:
    assert a.tokens == b.tokens and a.sentences == b.sentences
    assert a.norms == b.norms == [t.norm for t in a.tokens]  # as the segmenter recorded them
    assert a._split == b._split
    assert [(w.start, w.end, w.form, w.norm, w.role, w.token) for w in a.words] == \
        [(w.start, w.end, w.form, w.norm, w.role, w.token) for w in b.words]
    for t in a.tokens if invariant else ():  # and the invariant: the surface cleans to the form
        assert make_doc({"id": "x", "text": a.text[t.start:t.end]}).clean == t.form


@needs_kernel
def test_kernel_tokens_with_marks_in_some_sentences():
    # marks (vowels, shadda, tatweel, an invisible mark) in the second sentence only: the first and
    # third take the shifted path, the second the offset array, with ends extended over vowels
    text = ("عاد الهدوء إلى المدينة اليوم. وَقَصَفَتْ الطائراتُ مواقـــعَ المسلحين\u200f ليلاً، "
            "وقُتِلَ 12 مسلّحاً. وقال المتحدث إن الوضع مستقر وبالموصل هدوء.")
    a, b = _pair(text)
    _same(a, b)
    assert len(a.sentences) == 3 and a._split  # some tokens split into clitics
    surfaces = [a.text[t.start:t.end] for t in a.tokens]
    assert "وَقَصَفَتْ" in surfaces and "مواقـــعَ" in surfaces and "مسلّحاً" in surfaces


@needs_kernel
def test_kernel_refuses_bounds_outside_the_view():
    d = make_doc({"id": "t", "text": "قال الوزير"})
    miss = lambda f, n: (n, True, None)  # noqa: E731
    with pytest.raises(ValueError):
        segment._KERNEL.tokens(d.clean, 0, 99, 0, None, d.text, d.folded, {}, miss, segment.Token, 0, {}, [], "", [])
    with pytest.raises(ValueError):  # more marks counted than there are
        segment._KERNEL.tokens(d.clean, 0, 3, 2, (1,), d.text, d.folded, {}, miss, segment.Token, 0, {}, [], "", [])


@needs_kernel
@pytest.mark.shared
def test_kernel_and_python_loop_agree_on_corpus_articles(corpus_texts):
    n = 0
    for text in corpus_texts(200):
        if not text.strip("- \n"):
            continue
        a, b = _pair(text)
        _same(a, b, invariant=False)
        n += 1
    assert n > 150


# ---------------------------------------------------------------- the number and date readers' tokens
@needs_kernel
@pytest.mark.parametrize("s", [
    "قتل 3,500.25 شخصا و1. و,5 و12,, في 2015/07/21",
    "عام2015 و٣٫٥ و۱۲ و²³ وⅫ وڤيتنام ـ ـــ foo_bar __init__ x_1",  # digit-like letters, "_"
    "رمز 😀 وعلامة \u200f و\u200d ثم é×÷Ø ok\u00a0\u2003\u3000نهاية",
    "",
    " _ ",
])
def test_kernel_finds_the_number_readers_tokens(s):
    want = numtokens.python_tokens(s)
    got = numtokens.tokens(s)
    assert (got.starts, got.ends, got.words) == (want.starts, want.ends, want.words)
    assert list(zip(got.starts, got.ends, strict=True)) == [m.span() for m in numtokens.TOKEN_RE.finditer(s)]


@needs_kernel
@pytest.mark.shared
def test_number_reader_tokens_agree_on_corpus_articles(corpus_texts):
    for text in corpus_texts(300):
        folded = make_doc({"id": "t", "text": text}).folded
        got, want = numtokens.tokens(folded), numtokens.python_tokens(folded)
        assert (got.starts, got.ends, got.words) == (want.starts, want.ends, want.words)


# ---------------------------------------------------------------- the entity rules' word split
@needs_kernel
@pytest.mark.parametrize("s", [
    "", " ", "_", "قال", " قال ", "قال: «لن نتراجع» (اليوم)، ثم غادر!",
    "foo_bar __init__ x_1 12ab_ ²³ Ⅻ ٣٫٥ عام2015",
    "رمز 😀 وعلامة \u200f و\u200d ثم é×÷Ø ok\u00a0\u2003نهاية.",
])
def test_kernel_splits_words_as_the_regex_does(s):
    from marsad.arabic._tokenkernel import word_split
    assert word_split(s) == entity_rules._SPLIT_RE.split(s)


@needs_kernel
@pytest.mark.shared
def test_word_split_agrees_on_corpus_articles(corpus_texts):
    from marsad.arabic._tokenkernel import word_split
    for text in corpus_texts(300):
        folded = make_doc({"id": "t", "text": text}).folded
        assert word_split(folded) == entity_rules._SPLIT_RE.split(folded)


# ---------------------------------------------------------------- how the loop makes its tokens
@needs_kernel
def test_kernel_tokens_are_whole_token_objects():
    """Token's slots are filled directly (Token.__marsad_plain_init__): the objects are the
    ones __init__ would make, tracked by the garbage collector, with every field readable."""
    import gc
    import pickle

    d, _ = _pair("قال الوزير إن 3 جنود قُتِلوا.")
    for t in d.tokens:
        fresh = segment.Token(t.start, t.end, t.form, t.norm, t.sent, t.is_word)
        assert t == fresh and repr(t) == repr(fresh) and gc.is_tracked(t)
        assert pickle.loads(pickle.dumps(t)) == t


@needs_kernel
def test_kernel_calls_init_of_a_type_that_does_more():
    """A token type whose __init__ does more than store (here a subclass with a __post_init__,
    which inherits Token's marker but not its slots) is called, not filled."""
    from dataclasses import dataclass

    made = []

    @dataclass(slots=True)
    class Counted(segment.Token):
        def __post_init__(self):
            made.append(self.form)

    assert Counted.__marsad_plain_init__  # inherited: the slot check is what refuses it
    d = make_doc({"id": "t", "text": "قال الوزير"})
    out = []
    norms = []
    segment._KERNEL.tokens(d.clean, 0, len(d.clean), 0, None, d.text, d.folded, {},
                           lambda f, n: (n, True, None), Counted, 0, {}, out, "", norms)
    assert made == ["قال", "الوزير"] and [t.form for t in out] == made
    assert norms == [t.norm for t in out]
