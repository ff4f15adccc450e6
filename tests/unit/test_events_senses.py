"""Trigger words read in the sense their sentence gives them, on Arabic written for these tests:
one row per sentence, the event types it must not have and those it must have.  Each group
pairs the sense that is no event with one that is, so a rule that drops the word everywhere
fails too (the rows of event_triggers.tsv named in the comments)."""
from __future__ import annotations

import pytest

from tests.unit.test_events_forces import events_of, types
from tests.unit.test_events_frames import run  # entities placed by hand, trigger offsets checked

GROUP = [("ARMED_GROUP", "جبهة الصخر")]
KING = [("PERSON", "الملك سالم بن راشد")]
NOTHING = None  # as `absent`: the sentence has no event at all

CASES = [
    # a judicial execution (conf judicial, judicial rows) is no attack; its charges are no events
    ("وأعدمت السلطات أمس أربعة رجال أدينوا بتهريب المخدرات بعد أن صادقت المحكمة على الحكم.", [],
     {"ASSAULT", "ACCUSE"}, set()),
    ("ونفذت السلطات حكم الإعدام بحق ثلاثة مدانين في سجن المدينة فجر اليوم.", [], {"ASSAULT"}, set()),
    ("وأعدم خمسة رجال أدينوا بتهم الاغتصاب والخطف وسط المدينة.", [], {"ASSAULT"}, set()),
    # purpose ل before the harmed people (persons rows) is no plan; before a verbal noun it is
    ("وقدمت فرق الإسعاف العلاج للمصابين الخمسة ونقلتهم إلى مستشفى المدينة.", [], {"THREATEN"}, set()),
    ("وقدمت الجمعية المساعدات لأسر الضحايا في البلدة.", [], {"THREATEN"}, set()),
    ("وحشدت جبهة الصخر مقاتليها للهجوم على البلدة.", GROUP, set(), {"THREATEN"}),
    # a match (sports rows): its meetings and agreements are sport, its violence is not
    ("ويلتقي فريق النخيل غريمه فريق الوادي مساء اليوم على ملعب المدينة في مباراة حاسمة.", [], {"CONSULT"}, set()),
    ("واتفقت إدارة نادي الوادي مع المدرب الجديد على عقد لمدة عامين.", [], {"AGREE"}, set()),
    ("واعتدى مشجعون على حكم المباراة بالضرب بعد نهايتها.", [], set(), {"ASSAULT"}),
    ("والتقى وزير الخارجية نظيره الأردني في عمان أمس.", [], set(), {"CONSULT"}),
    # a courtesy visit to patients (زيارة معايدة، زار المرضى) is no meeting of actors
    ("وقام الوزير سالم نور بزيارة معايدة للمرضى المنومين في مستشفى المدينة.", [("PERSON", "سالم نور")],
     {"CONSULT"}, set()),
    ("وقام وزير الخارجية بزيارة رسمية إلى العاصمة التقى خلالها الرئيس.", [], set(), {"CONSULT"}),
    # التحالف alone is mostly the coalition's name, an alliance only with a partner (مع، بين)
    ("وشنت مقاتلات التحالف غارات جوية على مواقع المسلحين شمال المدينة أمس.", [], {"COOPERATE"}, {"ASSAULT"}),
    ("وفي العام الماضي تحالف الحزب مع القوى القبلية في المحافظة.", [], set(), {"COOPERATE"}),
    # اتصالات needs a partner or a contact verb (conf paired); alone it is telecommunications
    ("وارتفعت إيرادات شركات الاتصالات في البلاد خلال العام الماضي.", [], {"CONSULT"}, set()),
    ("وأعلنت هيئة الاتصالات وتقنية المعلومات إطلاق خدمة جديدة.", [], {"CONSULT"}, set()),
    ("وأجرى وزير الخارجية اتصالات هاتفية مع نظيره الأردني.", [], set(), {"CONSULT"}),
    ("وتلقى ولي العهد الأمير سالم بن راشد اتصالات للتهنئة بالعيد.", [], set(), {"CONSULT"}),
    # حصل is aid only with the support obtained (conf cued, AID cues)
    ("وحصلت صحيفة الوادي على نسخة من التقرير.", [("MEDIA", "صحيفة الوادي")], {"AID"}, set()),
    ("وحصلت مدرسة النخيل على المركز الأول في المسابقة.", [("ORG", "مدرسة النخيل")], {"AID"}, set()),
    ("وحصلت جبهة الصخر على أسلحة حديثة من جهات خارجية.", GROUP, set(), {"AID"}),
    # blessings (not_before rows)
    ("في عهد الملك سالم بن راشد – أيده الله – تطورت البلاد.", KING, {"SUPPORT"}, set()),
    ("واستقرت الرصاصة في رأس الشهيد مراد الزين – تقبله الله – أمام منزله.", [("PERSON", "مراد الزين")],
     {"AGREE"}, set()),
    ("وأيد الملك سالم بن راشد قرار الحكومة.", KING, set(), {"SUPPORT"}),
    # idioms of ضرب (not_before rows) and عبوة alone, a bottle or a can
    ("وسأضرب مثالا بالممثل الكبير سالم الحداد.", [], {"ASSAULT", "THREATEN"}, set()),
    ("وضرب الطرفان موعدا للقاء جديد الشهر المقبل.", [], {"ASSAULT", "THREATEN"}, set()),
    ("ولا بد من شراء عبوة صغيرة من دهن العود.", [], {"ASSAULT", "THREATEN"}, set()),
    ("ويجب التخلص منها واستخدام عبوات جديدة.", [], {"ASSAULT", "THREATEN"}, set()),
    ("وانفجرت عبوة ناسفة قرب سوق المدينة.", [], set(), {"ASSAULT"}),
    ("وضرب الطيران مواقع المسلحين في الجبل.", [], set(), {"ASSAULT"}),
    # withholding one's own name (anonymity.tsv markers) is a source's anonymity
    ("وقال المقاتل الذي رفض ذكر اسمه إن الحملة مستمرة.", [], {"REJECT", "REQUEST"}, set()),
    ("وقال مسؤول أمني طالبا عدم الإشارة إلى اسمه إن القوات تقدمت.", [], {"REJECT", "REQUEST"}, set()),
    ("وقالت موظفة رفضت الكشف عن هويتها إن الرواتب تأخرت.", [], {"REJECT", "REQUEST"}, set()),
    ("ورفضت الوزارة الكشف عن تفاصيل الاتفاق مع الشركة.", [], set(), {"REJECT"}),
    # و / ف + the article is never a verb: والطالب is "and the student", not وطالب "and he demanded"
    ("شرب الماء العذب في الصباح.", [], NOTHING, set()),
    ("اهتم الوزير بالمعلم والطالب في كل المدارس.", [], NOTHING, set()),
    ("وطالب المعلمون بزيادة الرواتب.", [], set(), ["REQUEST"]),
    # قبلها / قبله: "before it / him", not "accepted it"
    ("وانتقل إلى جامعة المدينة وقبلها درس في مدرسة القرية.", [], NOTHING, set()),
    ("وكان الحاكم مثل من جاء قبله من الحكام.", [], NOTHING, set()),
    ("ووافقت الحكومة على العرض.", [], set(), ["AGREE"]),
]


@pytest.mark.parametrize("text,ents,absent,present", CASES, ids=range(len(CASES)))
def test_trigger_sense(base, events, text, ents, absent, present):
    """``absent`` NOTHING: no event at all; ``present`` a list: exactly these events, in order."""
    got = types(run(base, events, text, ents))
    if absent is NOTHING:
        assert got == [], (text, got)
    elif isinstance(present, list):
        assert got == present, (text, got)
    else:
        assert not set(got) & absent and present <= set(got), (text, got)


def test_an_execution_by_an_armed_group_is_an_attack(base, events):
    # no court or conviction: an attack on its victims
    d = run(base, events, "وأعدمت جبهة الصخر أربعة رجال رمياً بالرصاص في ساحة البلدة أمس.", GROUP)
    v = events_of(d, "ASSAULT")
    assert v and v[0]["actor"] == ["e1"] and v[0]["mode"] == "targeted", v


def test_ministries_are_no_visits(base, events):
    # وزارته، وزارتا (stop rows): a ministry, not زارت + a pronoun
    d = run(base, events, "وقالت الوزيرة في بيان نشرته وزارتها إن وزارتا الصحة والتعليم ستتعاونان.")
    assert not [v for v in d.events if v["trigger"]["text"].startswith("وزارت")], d.events
