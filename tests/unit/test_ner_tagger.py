"""The bundled NER model on Arabic sentences written for these tests."""
from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.errors import MarsadError
from marsad.ner import TYPES
from marsad.ner.tagger import Tagger
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure


@pytest.fixture(scope="module")
def run():
    st, sg, tagger = Structure(), Segment(), Tagger.load()

    def _run(text: str) -> tuple[Doc, list[tuple[str, str]]]:
        doc = sg(st(Doc(text, id="t")))
        spans = tagger.tag(doc)
        for s, e, t in spans:
            assert 0 <= s < e <= len(text)
            assert t in TYPES
        return doc, [(text[s:e], t) for s, e, t in spans]

    return _run


def test_person_after_minister(run):
    _, got = run("قال وزير الدفاع العراقي خالد المفرجي إن القوات وصلت إلى الحدود صباح اليوم.")
    assert ("خالد المفرجي", "PERSON") in got


def test_party_and_place(run):
    _, got = run("أعلن حزب العمال الكردستاني مسؤوليته عن الهجوم في ديار بكر.")
    assert ("حزب العمال الكردستاني", "ORG") in got
    assert ("ديار بكر", "PLACE") in got


def test_spokesman_rank_and_army(run):
    _, got = run("وصرح المتحدث باسم الجيش اللبناني العميد سامر الحلبي بأن الوضع هادئ.")
    assert ("الجيش اللبناني", "ORG") in got
    assert ("سامر الحلبي", "PERSON") in got


def test_clitic_prefix_not_in_mention(run):
    _, got = run("وصل الوفد إلى بغداد قادما من عمان وبيروت.")
    assert ("بيروت", "PLACE") in got  # from وبيروت
    _, got = run("أرسل الطبيب رسالة لمريم الخطيب عن نتائج الفحص.")
    assert ("مريم الخطيب", "PERSON") in got  # from لمريم: a clitic before a given name


def test_article_kept(run):
    _, got = run("وأكدت قناة الجزيرة أن قوات الدعم السريع دخلت مدينة الفاشر في ولاية شمال دارفور.")
    assert any(m.endswith("الفاشر") and t == "PLACE" for m, t in got), got
    assert all(not m.startswith(("و", "ب", "ل")) for m, _ in got), got


def test_diacritised_text_offsets(run):
    text = "التقى الرئيسُ عبدُ الفتاح السيسي بوفدٍ من البنك الدولي في القاهرةِ."
    doc, got = run(text)
    names = [m for m, t in got if t == "PERSON"]
    assert names and names[0].startswith("عبدُ") and names[0].endswith("السيسي")
    assert ("القاهرةِ", "PLACE") in got or ("القاهرة", "PLACE") in got


def test_all_blocks_tagged_title_and_body(run):
    text = "السيسي يستقبل وفدا من البنك الدولي\n\nاستقبل الرئيس المصري عبد الفتاح السيسي وفدا في القاهرة."
    doc, got = run(text)
    assert doc.blocks[0].kind == "title"
    title_end = doc.blocks[0].end
    spans = Tagger.load().tag(doc)
    assert any(e <= title_end for _, e, _ in spans), got
    assert any(s > title_end for s, _, _ in spans), got


def test_deterministic(run):
    text = "وأكدت قناة الجزيرة أن قوات الدعم السريع دخلت مدينة الفاشر في ولاية شمال دارفور."
    assert run(text)[1] == run(text)[1]
    assert Tagger.load().tag(run(text)[0]) == Tagger.load().tag(run(text)[0])


def test_missing_model_is_a_coded_error(tmp_path):
    with pytest.raises(MarsadError) as ei:
        Tagger.load(tmp_path / "nope.crfsuite")
    assert ei.value.code == "E205"


def test_coordinated_names_are_split():
    from marsad.ner.tagger import split_coordination

    d = Segment()(Structure()(Doc("انتشرت القوات في كركوك وبالرمادي، ونينوى ووزارة التربية والتعليم .", id="t")))
    norms = [t.norm for t in d.tokens]
    last = norms.index(".")
    spans = split_coordination(d, [(3, 7, "PLACE"), (7, last, "ORG")])
    got = [(" ".join(norms[a:b]), t) for a, b, t in spans]
    assert got == [("كركوك", "PLACE"), ("وبالرمادي", "PLACE"), ("ونينوي", "PLACE"),
                   ("ووزاره التربيه والتعليم", "ORG")]


def test_restricted_features_give_the_same_labels():
    """Tagging uses only the token features the model knows, as UTF-8 bytes: exactly the known
    ones of the full feature lists, in the same order, so the labels are those of the full lists."""
    tagger = Tagger.load()
    doc = Segment()(Structure()(Doc(
        "التقى الرئيس الفرنسي إيمانويل ماكرون في باريس وفدا من وزارة الخارجية السعودية، "
        "وقال مكتبه إن الجانبين بحثا الوضع في اليمن وسوريا. رحب.", id="t")))
    full, run = tagger.features.sentences(doc), tagger.run_features.sentences(doc)
    assert tagger.run_features is not tagger.features
    known = tagger.run_features.known
    n_full = n_run = 0
    for (idx_f, xs_f), (idx_r, xs_r) in zip(full, run, strict=True):
        assert idx_f == idx_r
        assert tagger.crf.tag(xs_f) == tagger.crf.tag(xs_r)
        for a, b in zip(xs_f, xs_r, strict=True):
            assert list(b) == [x.encode("utf-8") for x in a if x in known]
            n_full, n_run = n_full + len(a), n_run + len(b)
    assert n_run < n_full
    assert any(x.startswith(b"bg=") for _, xs in run for f in xs for x in f)  # known bigrams kept


def test_spans_from_non_o_tokens_match_bio_decoding():
    """Tagger._spans (read from the non-O tokens of a whole document) gives decode()'s spans of
    each sentence: stray I-, B- after I-, a type change, runs cut by O and by sentence ends."""
    import random

    import numpy as np

    from marsad.ner.tagger import decode

    tagger = Tagger.load()
    names = tagger.fast.labels
    rnd = random.Random(7)
    o = names.index("O")
    for _ in range(300):
        n = rnd.randint(0, 40)
        # mostly O, with runs of names, as in text
        lab = [o if rnd.random() < 0.5 else rnd.randrange(len(names)) for _ in range(n)]
        cuts = sorted({0, n, *(rnd.randint(0, n) for _ in range(rnd.randint(0, 5)))})
        want = [(a + i, a + j, t) for a, b in zip(cuts, cuts[1:], strict=False)
                for i, j, t in decode([names[x] for x in lab[a:b]])]
        assert tagger._spans(cuts, np.array(lab, dtype=np.intp)) == want


def test_a_span_ending_in_a_definite_word_or_a_nisba_keeps_its_last_letter(run):
    # the segmenter reads المدني as ال + مدن + ي and البلدة as ال + بلد + ة; neither ending is a
    # pronoun in a name, so the span keeps it (it had read "مجلس الدفاع المدن", "الحشد الشعب")
    _, got = run("وأعلن مجلس الدفاع المدني أن فرقه أخلت السكان.")
    assert ("مجلس الدفاع المدني", "ORG") in got, got
    _, got = run("وقالت قوات الحشد الشعبي إنها سيطرت على البلدة.")
    assert any(m.endswith("الحشد الشعبي") for m, _ in got), got


def test_whole_tail_rule():
    from marsad.ner.tagger import _whole_tail
    doc = Segment()(Structure()(Doc("المدني البلدة قادته مدني", id="t")))
    words = [doc.token_words(i) for i in range(4)]
    assert [_whole_tail(w) for w in words] == [True, True, False, True]
