"""The segmenter's fast paths give what the plain definitions give (Arabic we wrote)."""
from __future__ import annotations

import pytest

from marsad.arabic.normalise import clean, fold
from marsad.doc import Doc
from marsad.stages.segment import _GAP_TOKEN_RE, TOKEN_RE, Segment
from marsad.stages.structure import Structure


def seg(text):
    d = Doc(text, id="t")
    Structure()(d)
    return Segment()(d)


@pytest.mark.parametrize("s", [
    "قال الوزير: «لن نتراجع» (اليوم)، ثم غادر!",
    "  وصل 3,500 جندي\u2003إلى F-16's  القاعدة…  ",
    "سعر\u00a0الدولار 1.25 دينار;أمس\tو؟ ثم-ماذا",
    "",
    "   ",
])
def test_gap_token_regex_finds_the_same_tokens(s):
    want = [m.span() for m in TOKEN_RE.finditer(s)]
    got, pos = [], 0
    for gap, form in _GAP_TOKEN_RE.findall(s):
        start = pos + len(gap)
        pos = start + len(form)
        got.append((start, pos))
    assert got == want


def test_spans_with_marks_in_some_sentences_only():
    # marks (diacritics, tatweel, an invisible mark) in the second sentence only: the first and
    # third go through the constant-shift path, the second through the offset array
    text = ("عاد الهدوء إلى المدينة اليوم. وَقَصَفَتْ الطائراتُ مواقـــعَ المسلحين\u200f ليلاً. "
            "وقال المتحدث إن الوضع مستقر.")
    d = seg(text)
    assert len(d.sentences) == 3
    for t in d.tokens:
        assert clean(d.text[t.start:t.end])[0] == t.form
    for w in d.words:
        assert clean(d.text[w.start:w.end])[0] == w.form
    surfaces = [d.text[t.start:t.end] for t in d.tokens]
    assert "وَقَصَفَتْ" in surfaces and "الطائراتُ" in surfaces and "مواقـــعَ" in surfaces
    assert "ليلاً" in surfaces and "وقال" in surfaces
    # the token after the invisible mark starts after it, the one before it ends before it
    i = surfaces.index("المسلحين")
    assert d.text[d.tokens[i].end] == "\u200f"
    pieces = [d.text[w.start:w.end] for w in d.words if w.token == surfaces.index("الطائراتُ")]
    assert pieces == ["ال", "طائراتُ"]


def test_tokens_shared_per_form_are_equal_to_fresh_ones():
    # the second occurrence of a form comes from the per-form cache
    d = seg("والجيش والجيش قواته قواته.")
    a, b = [w for w in d.words if w.token == 0], [w for w in d.words if w.token == 1]
    assert [(w.form, w.norm, w.role) for w in a] == [(w.form, w.norm, w.role) for w in b]
    assert [w.start - d.tokens[0].start for w in a] == [w.start - d.tokens[1].start for w in b]


@pytest.mark.parametrize("text, n", [
    # two quotes before the full stop: the quote closed, so the stop ends the sentence
    ('قال "نعم" ثم غادر. وعاد مساء.', 2),
    # three quotes: one still open, the stop inside it does not end the sentence
    ('قال "نعم" ثم "لا. أبدا" وغادر.', 1),
    # four quotes, then a stop outside them
    ('قال "نعم" و"لا" وغادر. ثم عاد.', 2),
])
def test_quote_parity_decides_boundaries(text, n):
    d = seg(text)
    assert len(d.sentences) == n


def test_suffix_lookup_equals_trying_each_suffix_longest_first():
    s = Segment()
    known, suffixes = s.lex["known"], s.lex["suffixes"]

    def plain_stem_end(w, i):  # the rule as written: suffixes longest first, stem known, 2+ letters
        n = len(w)
        if n <= 2 or w in s.lex["no_split"]:  # never split
            return n
        for suf in suffixes:
            if w.endswith(suf) and n - len(suf) - i >= 2 and w[i:n - len(suf)] in known:
                return n - len(suf)
        return n

    for stem in sorted(known):
        for suf in (*suffixes, ""):
            for pre in ("", "و", "ال", "وال", "بال", "لل"):
                w = pre + stem + suf
                pieces = s._split(w)
                role, i, end = next(p for p in pieces if p[0] == "stem")
                assert end == plain_stem_end(w, i), w


@pytest.mark.parametrize("text", [
    "وبالموصل عاد السكان إلى بيوتهم، وللمدينة أسواقها.",
    "وَبِالْمَوْصِلِ عادَ السُّكّانُ. وقال محافظـــها لمراسلنا إنّ الوضعَ هادئٌ.",
])
def test_lazy_words_match_words_built_per_token(text):
    # segment records only the pieces of tokens that split; Doc.words builds every Word on first
    # read and token_words builds one token's: both must give the same spans and strings, each
    # an original span whose clean text is the piece's form
    d = seg(text)
    per_token = [d.token_words(ti) for ti in range(len(d.tokens))]
    pieces = [d.token_pieces(ti) for ti in range(len(d.tokens))]
    assert pieces == [[(w.role, w.norm) for w in ws] for ws in per_token]
    assert any(len(ws) > 1 for ws in per_token)
    words = d.words
    assert words == [w for ws in per_token for w in ws]
    assert d.words is words  # built once
    for ti, ws in enumerate(per_token):
        t = d.tokens[ti]
        assert ws[0].start == t.start and ws[-1].end == t.end
        assert "".join(w.form for w in ws) == t.form
        for w in ws:
            assert clean(d.text[w.start:w.end])[0] == w.form
        assert d.token_words(ti) == ws  # read from the built list too


def test_assigned_words_are_what_doc_reads():
    d = seg("وبالموصل عاد السكان.")
    mine = d.words[1:]
    d.words = mine
    assert d.words is mine
    assert d.token_words(0) == [w for w in mine if w.token == 0]
    assert d.token_pieces(0) == [(w.role, w.norm) for w in mine if w.token == 0]


@pytest.mark.parametrize("s", [
    'قال: "انتهى." ثم غادر!! هل عاد؟ نعم... ربما…\nسطر آخر. 3.5 مليون.',
    "..a .!? x. ؟\"') ... (قال.)] نهاية.",
    "بلا علامات",
    "",
    ".\n!\n?\n…",
])
def test_end_regex_equals_its_plain_pattern(s):
    import re

    from marsad.arabic.normalise import clean as clean_text
    from marsad.stages.segment import _END_RE, END_PATTERN

    c = clean_text(s)[0]
    plain = re.compile(END_PATTERN)
    for a in range(len(c) + 1):
        for b in (a, a + 3, len(c)):
            assert [m.span() for m in _END_RE.finditer(c, a, b)] == [m.span() for m in plain.finditer(c, a, b)]


def test_token_kind_told_by_first_character_is_the_regex_kind():
    # _form remembers the TOKEN_RE alternative per first character: the same kind (is_word) as
    # matching the whole form, for every kind of token, in any order of first sightings
    forms = ["وقال", "3,500", "F-16's", "é", "×", "؟", "«", "_", "ٱلله", "پاکستان", "١٢", "٣", "%", "zebra",
             "Ünal", "ـ", "2"]
    s = Segment()
    for f in forms + forms[::-1]:
        norm, is_word, _ = s._form(f, f)
        assert norm == f
        assert is_word == (TOKEN_RE.match(f).lastgroup in ("ar", "lat")), f
    # and the texts' tokens are what a fresh segmenter (nothing remembered) gives
    text = "قال 12 جنديا: «F-16 وصلت» × ٣ ـ"
    assert [(t.form, t.is_word) for t in seg(text).tokens] == \
        [(m.group(), m.lastgroup in ("ar", "lat")) for m in TOKEN_RE.finditer(clean(text)[0])]


def test_split_of_forms_no_proclitic_rule_can_start():
    # forms not starting with و ف ب ك ل ا take the suffix rule only (Segment._split's fast path);
    # the others still get the proclitic rules
    lex = {"known_stems": ["جيش", "قائد", "سلاح"], "suffixes": ["ه", "هم", "ها"], "no_split": ["جيشها"],
           "abbreviations": []}
    s = Segment(lexicon=lex)
    assert s._split("جيشهم") == (("stem", 0, 3), ("suffix", 3, 5))
    assert s._split(fold("قائده")) == (("stem", 0, 4), ("suffix", 4, 5))  # the stems are folded
    assert s._split("جيشها") == (("stem", 0, 5),)  # no_split wins
    assert s._split("جنود") == (("stem", 0, 4),)  # unknown stem: no suffix split
    assert s._split("جي") == (("stem", 0, 2),)
    assert s._split("وجيشهم") == (("prefix", 0, 1), ("stem", 1, 4), ("suffix", 4, 6))
    assert s._split("بسلاح") == (("prefix", 0, 1), ("stem", 1, 5))
    assert s._split("الجيشه") == (("article", 0, 2), ("stem", 2, 5), ("suffix", 5, 6))
