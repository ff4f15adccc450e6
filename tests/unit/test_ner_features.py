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


def test_own_features_are_spelt_by_kind_in_list_order(feats):
    """Each kind of feature is read off the right piece: the core (w=), the stem's first and last
    one to three letters (p1-p3, s1-s3), the proclitics and the article; Latin words their
    lower-cased form and last three letters.  The order is the CRF's order of addition."""
    doc, ((idx, xs),) = _xs(feats, "وبالموصل محمد ACME.")
    own = [feats._static(t.norm, doc.token_pieces(i))[0] for i, t in enumerate(doc.tokens)]
    assert own[0] == ("b", "w=موصل", "sh=A", "ln=4", "p1=م", "p2=مو", "p3=موص", "s1=ل", "s2=صل",
                      "s3=وصل", "pre=وب", "art")
    assert own[1] == ("b", "w=محمد", "sh=A", "ln=4", "p1=م", "p2=مح", "p3=محم", "s1=د", "s2=مد",
                      "s3=حمد", "gn")
    assert own[2] == ("b", "w=ACME", "sh=Lc", "ln=4", "s3=cme", "lw=acme")
    assert own[3] == ("b", "w=.", "sh=P.", "ln=1")
    # what a token gives its neighbours: its core at -1/-2/+1/+2 and its shape (named the other
    # way round: sh+1 for the token after it)
    assert "w-1=موصل" in xs[1] and "sh+1=A" in xs[1] and "w-2=موصل" in xs[2]
    assert "w+1=محمد" in xs[0] and "sh-1=A" in xs[0] and "w+2=ACME" in xs[0]


def test_restricted_kind_tables_keep_the_known_features():
    """Restricted to a model's attributes, a form's entry holds exactly the known ones of its
    full entry, converted, in the same order (the kind tables find them without spelling them)."""
    full = make_features(lexicon=False)
    known = frozenset({"b", "w=موصل", "p2=مو", "s3=وصل", "art", "w+1=موصل", "sh-1=A", "lw=acme",
                       "sh+1=Lc", "gn", "p3=محم"})
    ids = {a: k + 1 for k, a in enumerate(sorted(known))}
    run = full.restricted(known, ids=ids)
    doc = Segment()(Structure()(Doc("وبالموصل محمد ACME.", id="t")))
    for i, t in enumerate(doc.tokens):
        a, b = full._static(t.norm, doc.token_pieces(i)), run._static(t.norm, doc.token_pieces(i))
        assert b[0] == tuple(ids[f] for f in a[0] if f in known)
        for field in (3, 4, 5, 6):  # the features given to the neighbours
            assert b[field] == tuple(ids[f] for f in a[field] if f in known)
    first = run._static(doc.tokens[0].norm, doc.token_pieces(0))
    assert first[0] == (ids["b"], ids["w=موصل"], ids["p2=مو"], ids["s3=وصل"], ids["art"])
    assert first[5] == (ids["w+1=موصل"], ids["sh-1=A"])


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


def test_sentence_edges_and_neighbours(feats):
    # first token "bos", second "bos2", last "eos"; the neighbours' shapes keep the names the
    # model was trained with (the previous token's shape is "sh+1=", the next one's "sh-1=")
    doc, sents = _xs(feats, "انتهى.\nوصل الوفد 3 أمس")
    xs = next(xs for idx, xs in sents if len(idx) == 2)  # انتهى .
    assert "bos" in xs[0] and "eos" not in xs[0] and "bos2" in xs[1] and "eos" in xs[1]
    assert not any(f.startswith(("w-", "bg=")) for f in xs[0]) and not any(f.startswith("w+") for f in xs[1])
    xs = next(xs for idx, xs in sents if len(idx) == 4)
    assert "bos2" in xs[1] and "bos" not in xs[1] and "eos" not in xs[1]
    assert "bg=وصل|وفد" in xs[1] and "w-1=وصل" in xs[1] and "w-2=وصل" in xs[2]
    assert "w+1=3" in xs[1] and "sh-1=D" in xs[1] and "sh+1=D" in xs[3] and "w+2=امس" in xs[1]
    assert "eos" in xs[3] and "bos2" not in xs[2]


def test_cache_entry_field_numbers():
    # Features._window reads these fields by number (one comprehension per token)
    from marsad.ner import features as m

    assert (m._ST, m._KEY, m._L1, m._L2, m._R1, m._R2, m._BG, m._GNP, m._GNN) == (0, 1, 3, 4, 5, 6, 7, 8, 9)


def test_longest_listed_name_wins(feats):
    # واشنطن (a city) and واشنطن بوست (a newspaper, knowledge base) are both listed: the longer
    # name is marked where both start; followed by another word only the city is
    _, ((idx, xs),) = _xs(feats, "قالت واشنطن بوست إن الاجتماع انتهى.")
    assert "lxb=KO" in xs[1] and "lx=KO" in xs[2] and "lxa=KO" in xs[3]
    assert not any(f.startswith(("lxb=G", "lx=G")) for f in xs[1])
    _, ((idx, xs),) = _xs(feats, "زار الوزير واشنطن الأسبوع الماضي")
    assert any(f.startswith("lxb=G") for f in xs[2]) and "lxb=KO" not in xs[2]
    assert not any(f.startswith("lx=") for f in xs[3])
