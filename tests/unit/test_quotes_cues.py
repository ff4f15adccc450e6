"""Quotes stage: cue patterns (direct, reported, unclosed, cue after quote, continuations,
nesting) on Arabic sentences written for these tests.  Entities are made by hand at the right
offsets, after the real Structure and Segment stages."""
from __future__ import annotations

import re

from marsad.doc import Doc, Entity, Mention
from marsad.stages.quotes import Quotes, attribution_for_offset, quote_for_offset
from marsad.stages.segment import Segment
from marsad.stages.structure import Structure
from tests.conftest import assert_offsets

_STAGES = (Structure(), Segment(), Quotes())


def run(text: str, ents: list[tuple[str, str]] | None = None) -> Doc:
    """Analyse ``text`` with entities given as (surface, type): every whole-word occurrence (a
    one-letter proclitic may precede it) becomes a mention of one entity per surface."""
    doc = Doc(text, id="t")
    doc = _STAGES[1](_STAGES[0](doc))
    for i, (surface, typ) in enumerate(ents or []):
        ms = [Mention(m.start(1), m.end(1), surface)
              for m in re.finditer(r"(?:^|(?<=[\s\"«(])[وفبلك]?)(" + re.escape(surface) + r")(?![\u0621-\u064a])", text)]
        doc.entities.append(Entity(f"e{i + 1}", typ, surface, ms))
    doc = _STAGES[2](doc)
    assert_offsets(doc.to_json())
    for q in doc.quotes:  # content lies in the text and is not empty
        assert 0 <= q["content"]["start"] < q["content"]["end"] <= len(text)
    return doc


def content(doc: Doc, q: dict) -> str:
    return doc.text[q["content"]["start"]:q["content"]["end"]]


def eid(doc: Doc, name: str) -> str:
    return next(e.id for e in doc.entities if e.name == name)


def test_direct_quote_with_guillemets_and_colon():
    doc = run("وقال وزير الداخلية خالد العمري: «سنلاحق المسلحين في كل مكان حتى نعيد الأمن إلى المدينة».\n",
              [("خالد العمري", "PERSON")])
    [q] = doc.quotes
    assert q["cue"]["text"] == "وقال"
    assert q["direct"] is True
    assert q["speaker"] == eid(doc, "خالد العمري") and q["anonymous"] is False
    assert content(doc, q).startswith("سنلاحق") and content(doc, q).endswith("المدينة")


def test_reported_speech_with_curly_quotes_elsewhere_and_role_subject():
    doc = run("وأكد المتحدث باسم الجيش يحيى رسول أن القوات استعادت السيطرة على حي “الزهراء” بالكامل.\n",
              [("يحيى رسول", "PERSON"), ("الجيش", "STATE_FORCE")])
    [q] = doc.quotes
    assert q["direct"] is False
    assert q["speaker"] == eid(doc, "يحيى رسول")
    assert content(doc, q).startswith("أن القوات")


def test_unclosed_quote_runs_to_block_end():
    text = 'تجددت المعارك في المدينة صباح أمس.\nوقالت منظمة العفو الدولية في بيان: "إن المدنيين يدفعون ثمن المعارك في الأحياء الشرقية\nوتستمر المعارك.\n'
    doc = run(text, [("منظمة العفو الدولية", "ORG")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "منظمة العفو الدولية")
    assert q["channel"] == "statement" and q["via"] is None
    assert content(doc, q).endswith("الأحياء الشرقية")


def test_cue_after_the_quote():
    doc = run('"لن نتراجع عن مواقعنا مهما كان الثمن"، قال القائد الميداني أبو علي الشامي.\n',
              [("أبو علي الشامي", "PERSON")])
    [q] = doc.quotes
    assert q["direct"] and content(doc, q) == "لن نتراجع عن مواقعنا مهما كان الثمن"
    assert q["speaker"] == eid(doc, "أبو علي الشامي")


def test_zero_subject_continuation_across_sentences_inherits_speaker_and_outlet():
    text = ('وكشف النائب هادي السامر لصحيفة "المدى" أن الحكومة تدرس سحب القوات من البلدة.\n'
            'وأضاف أن القرار سيصدر خلال أيام.\n')
    doc = run(text, [("هادي السامر", "PERSON"), ("المدى", "MEDIA")])
    q1, q2 = doc.quotes
    assert q1["via"] == eid(doc, "المدى") and q1["speaker"] == eid(doc, "هادي السامر")
    assert q2["cue"]["text"] == "وأضاف" and q2["speaker"] == q1["speaker"] and q2["via"] == q1["via"]
    assert q2["resolved_by"] == "continuation"


def test_participle_continues_the_same_quote():
    text = 'وقال هادي السامر إن الطريق مقطوع منذ يومين، مضيفاً: "لا يستطيع أحد الخروج من البيوت".\n'
    doc = run(text, [("هادي السامر", "PERSON")])
    [q] = doc.quotes
    assert content(doc, q).startswith("إن الطريق") and content(doc, q).endswith("من البيوت")


def test_second_cue_without_subject_in_the_same_sentence_extends_the_quote():
    text = "وأوضح هادي السامر أن الجسر دُمّر، وأشار إلى أن الأهالي نزحوا نحو القرى المجاورة.\n"
    doc = run(text, [("هادي السامر", "PERSON")])
    [q] = doc.quotes
    assert content(doc, q).endswith("القرى المجاورة")


def test_cue_verbs_with_prepositions_and_np_objects():
    text = ("وكشف الحزب الديمقراطي عن اتفاق جديد مع الحكومة.\n"
            "ونفت وزارة الدفاع سقوط ضحايا مدنيين في الغارة.\n")
    doc = run(text, [("الحزب الديمقراطي", "ORG"), ("وزارة الدفاع", "ORG")])
    q1, q2 = doc.quotes
    assert content(doc, q1).startswith("عن اتفاق") and q1["speaker"] == eid(doc, "الحزب الديمقراطي")
    assert content(doc, q2).startswith("سقوط ضحايا") and q2["speaker"] == eid(doc, "وزارة الدفاع")


def test_no_quote_without_a_speech_cue():
    text = ('وسيطر تنظيم "داعش" على قرية "البوعيثة" قبل أسبوع.\n'
            "ودارت اشتباكات بين الجيش والمسلحين قرب الجسر.\n")
    doc = run(text, [("داعش", "ARMED_GROUP"), ("الجيش", "STATE_FORCE")])
    assert doc.quotes == []


def test_quote_inside_quote_keeps_the_outer_quote_whole_and_lists_nested_speech():
    text = ('وقال المحلل جمال يوسف: "كتب الجنود على الجدران "لن نعود أبداً" قبل أن ينسحبوا، '
            'وقال أحدهم للسكان إن المعركة انتهت".\n')
    doc = run(text, [("جمال يوسف", "PERSON")])
    [q] = doc.quotes
    assert content(doc, q).startswith("كتب الجنود") and content(doc, q).endswith("المعركة انتهت")
    assert [n["cue"]["text"] for n in q["nested"]] == ["وقال"]


def test_statement_via_platform_with_subject_before_the_verb():
    text = 'ونشرت حركة التغيير بياناً عبر موقع "تويتر" قالت فيه إن الانتخابات مزورة.\n'
    doc = run(text, [("حركة التغيير", "ORG"), ("تويتر", "MEDIA")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "حركة التغيير")
    assert q["via"] == eid(doc, "تويتر")


def test_quote_for_offset_finds_the_containing_quote():
    text = "وقال هادي السامر إن الجسر دُمّر بالكامل.\nوتستمر المعارك في الشمال.\n"
    doc = run(text, [("هادي السامر", "PERSON")])
    [q] = doc.quotes
    inside = text.index("الجسر")
    assert quote_for_offset(doc, inside) is q
    assert quote_for_offset(doc, text.index("المعارك")) is None
    assert attribution_for_offset(doc, inside) == {"speaker": q["speaker"], "anonymous": False, "via": None}


def test_offsets_hold_with_diacritics_and_tatweel():
    text = "وقالَ هادي السامـر: «إنَّ الوضعَ صعبٌ جداً في المدينةِ».\n"
    doc = run(text, [("هادي السامـر", "PERSON")])
    [q] = doc.quotes
    assert q["cue"]["text"] == "وقالَ" and text[q["cue"]["start"]:q["cue"]["end"]] == "وقالَ"
    assert content(doc, q).startswith("إنَّ") and content(doc, q).endswith("المدينةِ")


def test_ambiguous_cue_words_need_a_complement_at_once():
    text = ("وكان من بين الحضور وزير الخارجية، وقد أكد المنظمون بأن القاعة امتلأت.\n"
            "وفي الفترة ما بين 2010 و2012 ذكر التقرير أن الأسعار ارتفعت.\n")
    doc = run(text)
    assert [q["cue"]["text"] for q in doc.quotes] == ["أكد", "ذكر"]


def test_outlet_named_after_a_noun_is_the_speaker_and_a_distant_name_is_not():
    text = ('ولكن ترشح ميشيل بلاتيني لن يكون مفاجئاً، حيث أشارت صحيفة "آس" الإسبانية إلى أنه سيحظى بدعم واسع.\n')
    doc = run(text, [("ميشيل بلاتيني", "PERSON"), ("آس", "MEDIA")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "آس")
