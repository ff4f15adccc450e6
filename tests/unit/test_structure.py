"""Article structure on articles we wrote: title, dateline, byline, headings, captions, footer."""
from __future__ import annotations

import re

import pytest

from marsad.doc import Doc
from marsad.stages.structure import Structure

ARTICLE = (
    "الموصل ـ بقلم سلمى الراوي:\n"
    "أعلنت قيادة العمليات المشتركة صباح اليوم استعادة ثلاث قرى جنوب المدينة بعد معارك استمرت يومين.\n"
    "حصيلة المعارك\n"
    "وقال ضابط في الجيش إن القوات فككت عشرات العبوات الناسفة.\n"
    "*الصورة: آليات عسكرية على طريق ترابي/أرشيف\n"
    "للتواصل معنا عبر البريد: news@example.org\n"
    "هاتف التحرير: 00964 770 123 4567\n"
)


def run(text, **meta):
    d = Doc(text, id="t", meta=meta)
    return Structure()(d)


def kinds(d):
    return [(b.kind, d.text[b.start:b.end]) for b in d.blocks]


def test_dateline_byline_heading_caption_footer():
    d = run(ARTICLE)
    k = kinds(d)
    assert d.meta["dateline"] == {"start": 0, "end": 6, "text": "الموصل"}
    assert d.meta["authors"] == ["سلمى الراوي"]
    assert k[0][0] == "dateline" and k[1] == ("byline", "بقلم سلمى الراوي:")
    assert ("heading", "حصيلة المعارك") in k
    assert k[-3][0] == "caption"
    assert [x[0] for x in k[-2:]] == ["footer", "footer"]
    body = [t for kind, t in k if kind == "body"]
    assert len(body) == 2 and all("4567" not in t for t in body)


def test_title_line_and_signature_outlet():
    text = "اشتباكات عنيفة قرب الحدود\nقالت مصادر محلية إن اشتباكات اندلعت ليلاً.\nوأضافت المصادر أن الهدوء عاد.\nموقع الرصد الإخباري\n"
    d = run(text)
    assert d.meta["title"] == "اشتباكات عنيفة قرب الحدود"
    assert d.meta["outlet"] == "موقع الرصد الإخباري"
    assert [b.kind for b in d.blocks] == ["title", "body", "body", "signature"]


def test_given_title_is_not_overwritten_and_no_false_dateline():
    text = "قال الوزير - في مؤتمر صحفي - إن المفاوضات مستمرة.\nوأكد أن الوفد سيعود الأسبوع المقبل."
    d = run(text, title="عنوان من المصدر")
    assert d.meta["title"] == "عنوان من المصدر"
    assert d.meta["dateline"] is None
    assert all(b.kind == "body" for b in d.blocks)


def test_dateline_with_agency_and_spans_are_original_offsets():
    text = "\u200fعدن (وكالات) - شهدت المدينة احتجاجات على انقطاع الكهرباء.\nوطالب المحتجون بحلول عاجلة."
    d = run(text)
    dl = d.meta["dateline"]
    assert dl["text"] == "عدن" and text[dl["start"]:dl["end"]] == "عدن"
    for b in d.blocks:
        assert text[b.start:b.end].strip() == text[b.start:b.end]


def test_empty_and_single_line():
    assert run("").blocks == []
    d = run("خبر من سطر واحد بلا عنوان.")
    assert [b.kind for b in d.blocks] == ["body"] and d.meta["title"] is None


def test_dateline_on_the_line_after_the_title():
    text = "عنوان قصير للخبر\nحلب - أفاد ناشطون بوقوع انفجار في حي سكني.\nوأضافوا أن فرق الإسعاف وصلت."
    d = run(text)
    assert d.meta["title"] == "عنوان قصير للخبر"
    assert d.meta["dateline"]["text"] == "حلب"
    assert [b.kind for b in d.blocks] == ["title", "dateline", "body", "body"]


@pytest.mark.parametrize("patterns", [
    ["للتواصل:", "جميع الحقوق محفوظة", r"[\w.+-]+@[\w-]+\.[\w.]+", r"(?:^|\s)\+?\d[\d\s-]{9,}\d\s*$",
     r"^https?://\S+$", "©", "a|b"],
    [r"(?i)whatsapp", "هاتف"],  # a leading global flag applies to every alternative
    [r"(\d)x", r"(\w)\1"],  # a back-reference numbered in the joined pattern
])
def test_footer_test_answers_as_the_joined_patterns(patterns):
    from marsad.stages.structure import _footer_test

    lines = ["للتواصل: مكتب التحرير", "راسلونا على news.desk@example.org اليوم", "هاتف 0123 456 7890",
             "هاتف 0123", "https://example.org/x", "زوروا https://example.org", "© الموقع 2020",
             "WhatsApp هاتف", "WHATSAPP", "قال الوزير إن المحادثات ستستمر غدا في العاصمة.", "ab", "aa", "3x",
             "جميع الحقوق", ""]
    joined = re.compile("|".join(patterns))
    test = _footer_test(patterns)
    assert [test(x) for x in lines] == [joined.search(x) is not None for x in lines]


@pytest.mark.parametrize("line", ["بقلم: سلمى الراوي", "تقرير مراسلة الموقع في بغداد", "كتب - أحمد",
                                  "قال مراسل الوكالة إن القصف استمر طوال الليل في أحياء المدينة الشرقية",
                                  "عاد الهدوء إلى المدينة", "", "مراسلنا"])
def test_byline_search_with_cue_gate_equals_the_regex(line):
    st = Structure()
    text = "سطر سابق\n" + line + "\nسطر لاحق"
    s = text.index("\n") + 1
    e = s + len(line)
    got, want = st._byline(text, s, e), st.pat["byline"].search(text, s, e)
    assert (got and got.span("name"), got and got.group("cue")) == (want and want.span("name"), want and want.group("cue"))


def test_credit_line_reporter_outlet_place():
    # the Saudi outlets' credit: reporter - outlet - place: text
    text = "سامي العتيبي- سبق- الطائف: افتتح المحافظ أمس معرضاً للكتاب يستمر أسبوعاً.\nوشارك فيه ناشرون من عدة دول."
    d = run(text)
    dl = d.meta["dateline"]
    assert dl["text"] == "الطائف" and text[dl["start"]:dl["end"]] == "الطائف"
    assert d.meta["authors"] == ["سامي العتيبي"] and d.meta["agency"] == "سبق"
    span = d.meta["author_spans"][0]
    assert text[span["start"]:span["end"]] == "سامي العتيبي"
    assert kinds(d)[:3] == [("byline", "سامي العتيبي- سبق-"), ("dateline", "الطائف:"),
                            ("body", "افتتح المحافظ أمس معرضاً للكتاب يستمر أسبوعاً.")]


def test_credit_line_variants():
    # agency then place; a bracketed photo credit; a reporter the name list does not know, before the outlet
    d = run("واس- جدة: وصلت أمس أولى رحلات الحجاج إلى المطار.\nوكان في استقبالهم مسؤولون.")
    assert d.meta["dateline"]["text"] == "جدة" and d.meta["agency"] == "واس" and d.meta["authors"] == []
    d = run("سلمان الدوسري- (تصوير: فهد القحطاني)- سبق- أبها: شهدت المدينة أمطاراً غزيرة.\nوحذر الدفاع المدني.")
    assert d.meta["dateline"]["text"] == "أبها" and d.meta["authors"] == ["سلمان الدوسري"]
    assert "فهد القحطاني" not in d.meta["authors"]
    d = run("عافت الزويد – سبق – حفر الباطن: باشرت الشرطة التحقيق في الحادث.\nولم تعلن نتائجه.")
    assert d.meta["dateline"]["text"] == "حفر الباطن" and d.meta["authors"] == ["عافت الزويد"]


def test_credit_line_without_a_place():
    # the line closes with the outlet or with متابعة: a reporter and an agency, no dateline
    for text in ("محمد الشمري- سبق: أكد مدرب الفريق أن الاستعداد للموسم بدأ.\nوسيلعب الفريق مباراتين.",
                 "خالد المطيري- سبق- متابعة: كشف تقرير دولي عن تراجع أسعار النفط.\nوتوقع استمرار التراجع.",
                 "محمد الشمري – عين اليوم\nأكد مدرب الفريق أن الاستعداد للموسم بدأ."):
        d = run(text)
        assert d.meta["dateline"] is None, text
        assert d.meta["authors"] and d.meta["agency"] in ("سبق", "عين اليوم")
        assert kinds(d)[0][0] == "byline" and all(k != "dateline" for k, _ in kinds(d))
    # a whole credit line naming the place after the outlet
    d = run("عين اليوم – القاهرة\nارتفعت أسعار الذهب في السوق المحلية.")
    assert d.meta["dateline"]["text"] == "القاهرة" and d.meta["title"] is None
    assert [k for k, _ in kinds(d)] == ["byline", "dateline", "body"]


def test_reporting_verb_person_or_outlet_is_not_a_dateline():
    for text in ("وأضاف: الوزارة تعمل على إنهاء الإجراءات قريباً.\nوتابع أن الموعد لم يحدد.",
                 "محمد الحربي - أعلنت الشرطة القبض على المتهمين.\nوأحيلوا إلى النيابة.",
                 "صحيفة الأفق / ذكرت مصادر أن الاجتماع تأجل إلى الأسبوع المقبل.\nولم يحدد موعد جديد."):
        assert run(text).meta["dateline"] is None, text


def test_byline_cue_is_a_whole_word():
    # تقريرا (a report, accusative) is not the cue تقرير followed by a name
    d = run("بثت القناة تقريرا عن المعارك.")
    assert [b.kind for b in d.blocks] == ["body"] and d.meta["authors"] == []
    d = run("تقرير: سامي الراوي\nأعلنت القوات استعادة القرية.")
    assert d.meta["authors"] == ["سامي الراوي"]
