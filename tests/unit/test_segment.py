"""Sentences, tokens and clitic-split words, on Arabic we wrote."""
from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure


def seg(text):
    d = Doc(text, id="t")
    Structure()(d)
    return Segment()(d)


@pytest.fixture(scope="module")
def segmenter():
    return Segment()


@pytest.mark.parametrize(
    "token, pieces",
    [
        ("وبالموصل", ["و", "ب", "ال", "موصل"]),
        ("للموصل", ["ل", "ل", "موصل"]),
        ("والجيش", ["و", "ال", "جيش"]),
        ("فالتنظيم", ["ف", "ال", "تنظيم"]),
        ("كالعادة", ["ك", "ال", "عاده"]),
        ("وقال", ["و", "قال"]),
        ("وزير", ["وزير"]),
        ("واشنطن", ["واشنطن"]),
        ("فلسطين", ["فلسطين"]),
        ("بغداد", ["بغداد"]),
        ("لبنان", ["لبنان"]),
        ("لموقع", ["ل", "موقع"]),
        ("قواته", ["قوات", "ه"]),
        ("ولبنان", ["و", "لبنان"]),
        ("في", ["في"]),
    ],
)
def test_clitic_split(segmenter, token, pieces):
    from marsad.arabic.normalise import fold

    w = fold(token)
    assert [w[a:b] for _, a, b in segmenter.split_clitics(w)] == [fold(p) for p in pieces]


def test_roles():
    s = Segment()
    roles = [r for r, _, _ in s.split_clitics("وبالموصل")]
    assert roles == ["prefix", "prefix", "article", "stem"]


def test_sentences_quotes_and_abbreviations():
    text = ('قال د. خالد العبيدي إن الوضع مستقر. وأضاف: "لن نسمح بعودة المسلحين. سنلاحقهم أينما كانوا". '
            "وبلغت نسبة الإنجاز 3.5 بالمئة فقط! هل انتهت المعركة؟ لا.")
    d = seg(text)
    sents = [d.text[s.start:s.end] for s in d.sentences]
    assert sents[0] == "قال د. خالد العبيدي إن الوضع مستقر."
    assert sents[1].startswith("وأضاف:") and sents[1].endswith('أينما كانوا".')
    assert sents[2] == "وبلغت نسبة الإنجاز 3.5 بالمئة فقط!"
    assert sents[3] == "هل انتهت المعركة؟"
    assert sents[4] == "لا."


def test_tokens_and_words_are_original_spans_with_diacritics_tatweel_digits():
    text = "وَبِالْمَوْصِلِ قُتـــل ٣٥ مسلحاً، حسب «المصدر»."
    d = seg(text)
    forms = [t.form for t in d.tokens]
    assert forms[:4] == ["وبالموصل", "قتل", "35", "مسلحا"]
    assert d.text[d.tokens[0].start:d.tokens[0].end] == "وَبِالْمَوْصِلِ"
    assert d.text[d.tokens[1].start:d.tokens[1].end] == "قُتـــل"
    assert d.text[d.tokens[2].start:d.tokens[2].end] == "٣٥"
    stems = [w for w in d.words if w.token == 0]
    assert [w.role for w in stems] == ["prefix", "prefix", "article", "stem"]
    assert d.text[stems[-1].start:stems[-1].end] == "مَوْصِلِ"
    for t in d.tokens:
        assert t.form == __import__("marsad.arabic.normalise", fromlist=["clean"]).clean(d.text[t.start:t.end])[0]
    for w in d.words:
        assert 0 <= w.start < w.end <= len(text)


def test_clitic_heavy_and_mixed_script():
    text = "وللمقاتلين وبأسلحتهم وبالصواريخ F-16 و2016 وفيسبوك"
    d = seg(text)
    assert [t.form for t in d.tokens] == ["وللمقاتلين", "وبأسلحتهم", "وبالصواريخ", "F-16", "و", "2016", "وفيسبوك"]
    w = [x.form for x in d.words if x.token == 0]
    assert w == ["و", "ل", "ل", "مقاتلين"]


def test_footer_not_tokenised():
    text = "اشتباكات في المدينة\nاندلعت اشتباكات عنيفة مساء أمس.\nللتواصل: 0096477012345678\n"
    d = seg(text)
    assert all("0096477012345678" not in t.form for t in d.tokens)
