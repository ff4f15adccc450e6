"""Events, on Arabic written for these tests: an instrument word is not an attack by itself, a
several-word instrument cue needs all its words (فجر alone is "dawn", not فجر نفسه), and training
for an attack is a plan, not the attack."""
from __future__ import annotations

from marsad.io.readers import make_doc


def coded(base, events, text):
    d = base(make_doc({"id": "t", "text": text}))
    events(d)
    for v in d.events:
        t = v["trigger"]
        assert d.text[t["start"]:t["end"]] == t["text"]
    return d.events


def test_weapon_alone_is_low_confidence(base, events):
    evs = coded(base, events, "ضبطت الشرطة سيارة مفخخة عند مدخل المدينة.")
    assert [(v["type"], v["confidence"]) for v in evs if v["trigger"]["text"] == "سيارة مفخخة"] == [("ASSAULT", "low")]
    evs = coded(base, events, "ونقل المهربون عبوات ناسفة في شاحنة مغلقة.")
    assert all(v["confidence"] == "low" for v in evs if v["type"] == "ASSAULT")


def test_weapon_with_an_act_is_coded(base, events):
    evs = coded(base, events, "انفجرت سيارة مفخخة أمس قرب سوق شعبي وسط المدينة.")
    v = next(v for v in evs if v["trigger"]["text"] == "انفجرت")
    assert (v["type"], v["mode"], v["confidence"]) == ("ASSAULT", "explosives", "high")


def test_dawn_is_not_an_instrument(base, events):
    # شن needs an attack word or a weapon within 5 words after it; فجر (dawn) must not stand for فجر نفسه
    evs = coded(base, events, "شن الجيش، فجر امس، حملة واسعة على المهربين.")
    assert not [v for v in evs if v["type"] == "ASSAULT"]
    evs = coded(base, events, "شن الجيش فجر امس هجوما على مواقع المهربين.")
    assert [v for v in evs if v["type"] == "ASSAULT"]


def test_suicide_cue_needs_both_words(base, events):
    evs = coded(base, events, "فجر انتحاري نفسه داخل مطعم مزدحم.")
    assert any(v["mode"] == "suicide-attack" for v in evs if v["type"] == "ASSAULT")


def test_training_for_an_attack_is_a_plan(base, events):
    evs = coded(base, events, "وقالت مصادر أمنية إن ثلاثة مسلحين تدربوا على تنفيذ هجوم على السفارة.")
    kinds = {(v["type"], v["status"]) for v in evs if v["trigger"]["text"].startswith("هجوم")}
    assert kinds == {("THREATEN", "planned")}


def test_drone_written_bla_tayyar_and_dual_helicopters(base, events):
    evs = coded(base, events, "وأسفرت غارة شنتها طائرة أميركية بلا طيار أمس عن مقتل قائد الجماعة.")
    assert [v["mode"] for v in evs if v["type"] == "ASSAULT"][:1] == ["drone"]
    evs = coded(base, events, "وقال الحاكم إن مروحيتين هاجمتا حاجزا للجيش صباح أمس.")
    v = [x for x in evs if x["type"] == "ASSAULT"]
    assert v and v[0]["mode"] == "aerial" and "instrument" in v[0]["specificity"]["signals"]
