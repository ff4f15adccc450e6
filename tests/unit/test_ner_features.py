"""Feature extraction of the NER tagger on sentences written for these tests."""
from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.ner.tagger import make_features
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure


@pytest.fixture(scope="module")
def feats():
    return make_features()


def _xs(feats, text):
    doc = Segment()(Structure()(Doc(text, id="t")))
    return doc, feats.sentences(doc)


def test_clitics_article_and_core(feats):
    doc, ((idx, xs),) = _xs(feats, "وبالمدينة القديمة حي كبير")
    f0 = xs[0]
    assert "w=مدينه" in f0 and "pre=وب" in f0 and "art" in f0
    assert "w-1=مدينه" in xs[1] and "bos" in f0 and "eos" in xs[-1]


def test_multiword_trigger_marks_following_tokens(feats):
    _, ((idx, xs),) = _xs(feats, "قال المتحدث باسم الحركة إن الاجتماع انتهى")
    # المتحدث باسم (PERSON trigger) on tokens 1-2; the token after it gets ta1=, the next ta2=
    assert "tg=PERSON" in xs[1] and "tg=PERSON" in xs[2]
    assert "ta1=PERSON" in xs[3] and "ta2=PERSON" in xs[4]
    assert "tb1=PERSON" in xs[0]
    assert "tg=ORG" in xs[3]  # حركة is itself an ORG trigger


def test_given_name_and_clitic_before_it(feats):
    _, ((idx, xs),) = _xs(feats, "أرسل الطبيب رسالة لمريم عن نتائج الفحص")
    f = xs[3]
    assert "w=مريم" in f and "pre=ل" in f and "gn" in f
    assert "gn-1" in xs[4]
    assert feats.name_clitic("لمريم", [("stem", "لمريم")])
    assert not feats.name_clitic("مريم", [("stem", "مريم")])


def test_features_are_strings_and_deterministic(feats):
    a = _xs(feats, "زار رئيس الوزراء مدينة البصرة أمس")[1]
    b = _xs(make_features(), "زار رئيس الوزراء مدينة البصرة أمس")[1]
    assert a == b
    assert all(isinstance(x, str) for _, xs in a for f in xs for x in f)


def test_lexicon_marks_kb_and_gazetteer_names(feats):
    # الحشد الشعبي (knowledge base), وبالبصرة (a gazetteer city, behind its clitics), بيت لحم (two words)
    _, ((idx, xs),) = _xs(feats, "وصلت قوات الحشد الشعبي وبالبصرة ثم إلى بيت لحم أمس")
    assert "lxb=KO" in xs[2] and "lx=KO" in xs[3] and "lxb=KO" not in xs[3]
    assert "lxa=KO" in xs[4]
    assert any(f.startswith("lxb=G") for f in xs[4])
    assert any(f.startswith("lxb=G") for f in xs[7]) and any(f.startswith("lx=G") for f in xs[8])
    assert not any(f.startswith("lx") for f in xs[0] + xs[6])  # وصلت, إلى: no name


def test_lexicon_is_not_the_training_data():
    from marsad.arabic.normalise import key
    from marsad.ner.lexicon import load_lexicon

    lex = load_lexicon()
    # names no NER corpus of ours needs to contain: they come from the KB and the gazetteer
    assert "KO" in lex[key("عصائب أهل الحق")] and any(x.startswith("G") for x in lex[key("الفلوجة")])
    assert key("المنزل") not in lex and key("سمير") not in lex
