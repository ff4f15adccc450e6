"""Events, issue 6 step 4, on Arabic written for these tests: support verbs far from their verbal
noun, perform verbs, phrases opened by a finite verb, accusation/topic frames, dated list entries,
purpose كي, بدون طيار, agents after على أيدي, a verb's verbal-noun object."""
from __future__ import annotations

from marsad.stages.events_args import AGENT_INDEX, AGENT_MARKERS, _marked
from marsad.stages.events_args import Mention as ArgMention
from tests.unit.events_util import run


def by_trigger(d, text):
    evs = [v for v in d.events if text in v["trigger"]["text"]]
    assert evs, [v["trigger"]["text"] for v in d.events]
    return evs[0]


def test_undergo_verb_far_from_its_noun_is_a_report_not_a_purpose(base, events):
    d = run(base, events, "تعرض مسؤول في البلدية صباح الثلاثاء، للخطف في وسط المدينة.")
    v = by_trigger(d, "للخطف")
    assert v["type"] == "ASSAULT" and v["status"] == "occurred"
    assert "light-verb" in v["specificity"]["signals"]
    # a purpose ل with no undergo verb before it stays planned
    d = run(base, events, "وصل المسلحون إلى القرية للخطف.")
    assert by_trigger(d, "للخطف")["status"] != "occurred"


def test_support_verb_across_a_time_phrase(base, events):
    d = run(base, events, "وقامت الجماعة في الشهر الماضي بخطف صحافيين اثنين.")
    assert "light-verb" in by_trigger(d, "بخطف")["specificity"]["signals"]


def test_perform_verb_with_the_act_as_object(base, events):
    d = run(base, events, "ونفذت الطائرات ضربة جوية على المعسكر.")
    assert "light-verb" in by_trigger(d, "ضربة")["specificity"]["signals"]
    d = run(base, events, "وتحدث الوزير عن ضربة جوية على المعسكر.")
    assert "light-verb" not in by_trigger(d, "ضربة")["specificity"]["signals"]


def test_imposing_and_intensifying_verbs_with_the_act_as_object(base, events):
    """فرضت حصارا، كثف غاراته، واصلت غاراتها: the act is reported as done; the bare form فرض is
    mostly the verbal noun (إعادة فرض العقوبات: a re-imposition, maybe never done) and stays out."""
    d = run(base, events, "وفرضت قوات الأمن حصارا خانقا على الحي القديم أمس.")
    v = by_trigger(d, "حصارا")
    assert v["type"] == "COERCE" and "light-verb" in v["specificity"]["signals"]
    d = run(base, events, "كثف الطيران الحربي غاراته على مواقع المسلحين في المدينة أمس.")
    v = by_trigger(d, "غاراته")
    assert v["type"] == "ASSAULT" and v["mode"] == "aerial" and "light-verb" in v["specificity"]["signals"]
    d = run(base, events, "وواصلت الطائرات غاراتها على القرى الحدودية.")
    assert "light-verb" in by_trigger(d, "غاراتها")["specificity"]["signals"]
    d = run(base, events, "ويمكن للمجلس إعادة فرض العقوبات على البلاد.")
    assert not any("light-verb" in v["specificity"]["signals"] for v in d.events)


def test_phrase_opened_by_a_finite_verb_scores_as_a_verb(base, events):
    d = run(base, events, "وقال شهود إن مسلحين فتحوا النار على الحافلة.")
    v = by_trigger(d, "فتحوا النار")
    assert "finite-verb" in v["specificity"]["signals"] and "lead" in v["specificity"]["signals"]
    d = run(base, events, "وأدان الوزير إطلاق النار على الحافلة.")
    assert "finite-verb" not in by_trigger(d, "النار")["specificity"]["signals"]


def test_drone_is_not_a_negation(base, events):
    d = run(base, events, "أطلقت طائرة بدون طيار صاروخين على السيارة.")
    assert all(v["status"] == "occurred" for v in d.events if v["type"] == "ASSAULT")
    d = run(base, events, "انتهت المباراة بدون اشتباكات.")
    assert by_trigger(d, "اشتباكات")["status"] == "negated"


def test_accusation_and_topic_frames(base, events):
    d = run(base, events, "تتهم المعارضة الوزير بأنه وراء هجوم على الصحافيين.")
    assert "embedded(-3)" in by_trigger(d, "هجوم")["specificity"]["signals"]
    d = run(base, events, "وعقد البرلمان جلسة طويلة حول اغتيال القاضي.")
    assert "embedded(-3)" in by_trigger(d, "اغتيال")["specificity"]["signals"]
    d = run(base, events, "هاجم مسلحون مركزا للشرطة في المدينة.")
    sig = by_trigger(d, "هاجم")["specificity"]["signals"]
    assert "embedded(-3)" not in sig and "background-frame(-1)" not in sig


def test_dated_list_entry_leads_and_a_full_date_is_no_bare_year(base, events):
    d = run(base, events, "* 3 مارس (آذار) 2004: اغتيال القاضي بعبوة ناسفة في المدينة.")
    sig = by_trigger(d, "اغتيال")["specificity"]["signals"]
    assert "lead" in sig and "year(-1)" not in sig
    d = run(base, events, "وفي عام 2004 جرى اغتيال القاضي بعبوة ناسفة.")
    assert "year(-1)" in by_trigger(d, "اغتيال")["specificity"]["signals"]


def test_purpose_kay_is_planned(base, events):
    d = run(base, events, "أرسل الزعيم أوامر لأنصاره كي يقوموا بهجمات على المدينة.")
    v = by_trigger(d, "بهجمات")
    assert v["status"] == "planned" and v["type"] == "THREATEN"


def test_unnamed_agents_after_an_agent_marker(base, events):
    d = run(base, events, "خطف صحافي أجنبي في وسط المدينة على أيدي مسلحين.")
    assert "agent" in by_trigger(d, "خطف")["specificity"]["signals"]
    assert not [v for v in d.events if v["type"] == "SUPPORT"]     # أيدي "hands" is not أيّد
    d = run(base, events, "خطف صحافي أجنبي في وسط المدينة على أيدي أقاربه.")
    assert "agent" not in by_trigger(d, "خطف")["specificity"]["signals"]


def test_verb_after_a_verb_is_its_verbal_noun(base, events):
    # ضرب after the finite verb تستهدف is its object (a verbal noun), not a second finite verb
    assert events._verb_before("تستهدف") and events._verb_before("وهاجم")
    assert not events._verb_before("الخطه") and not events._verb_before("الهجوم")
    d = run(base, events, "وقال إن قوات الجيش ضرب مواقع المسلحين.", ents=[("STATE_FORCE", "قوات الجيش")])
    assert "finite-verb" in by_trigger(d, "ضرب")["specificity"]["signals"]


def test_marker_index_finds_the_same_agents_as_the_marker_list():
    norms = ["قتل", "الجندي", "علي", "ايدي", "عناصر", "الجماعه", "وبواسطه", "الجيش"]
    ments = [ArgMention(5, 5, "e1", "ARMED_GROUP"), ArgMention(7, 7, "e2", "STATE_FORCE")]
    got = _marked(norms, ments, AGENT_INDEX, 1, len(norms))
    assert got == _marked(norms, ments, AGENT_MARKERS, 1, len(norms))
    assert [(i, m.eid) for i, m in got] == [(2, "e1"), (6, "e2")]


def test_setting_of_an_embedded_event_is_embedded_too(base, events):
    d = run(base, events, "وتظاهر الطلاب أمس إثر مقتل شرطي في هجوم على المدينة.")
    v = by_trigger(d, "مقتل")
    assert v["type"] == "ASSAULT" and "embedded(-3)" in v["specificity"]["signals"]
    d = run(base, events, "وقتل شرطي أمس في هجوم على المدينة.")
    assert "embedded(-3)" not in by_trigger(d, "وقتل")["specificity"]["signals"]
