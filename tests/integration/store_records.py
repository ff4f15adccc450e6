"""Hand-made marsad.doc/1 records for the store, API and web tests (Arabic written for Marsad).

:func:`record` builds a record from a text and a list of (surface, entity) and event descriptions,
computing every offset from the text itself, so ``text[start:end] == surface`` by construction.
"""
from __future__ import annotations

MOSUL = {"lat": 36.335, "lon": 43.119, "country": "IQ", "admin1": "Nineveh", "kind": "city", "geonames_id": None}
MOSUL_NEAR = {"lat": 36.36, "lon": 43.15, "country": "IQ", "admin1": "Nineveh", "kind": "city", "geonames_id": None}
SIRTE = {"lat": 31.205, "lon": 16.588, "country": "LY", "admin1": "Sirte", "kind": "city", "geonames_id": None}
BAGHDAD = {"lat": 33.315, "lon": 44.366, "country": "IQ", "admin1": "Baghdad", "kind": "city", "geonames_id": None}


def _find(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return i, i + len(surface)


def record(id: str, text: str, *, title: str | None = None, outlet: str | None = None,
           published: str | None = None, entities: list[dict] = (), events: list[dict] = (),
           quotes: list[dict] = ()) -> dict:
    ents = []
    for i, e in enumerate(entities, 1):
        mentions = []
        for s in e["surfaces"]:
            a, b = _find(text, s)
            mentions.append({"start": a, "end": b, "text": text[a:b]})
        ent = {"id": f"e{i}", "type": e["type"], "name": e["name"], "name_en": e.get("name_en"),
               "wikidata": e.get("wikidata"), "place": e.get("place"), "mentions": mentions}
        if e.get("kb"):
            ent["kb"] = e["kb"]
        ents.append(ent)
    by_name = {e["name"]: e["id"] for e in ents}
    evs = []
    for i, ev in enumerate(events, 1):
        ta, tb = _find(text, ev["trigger"])
        ea, eb = _find(text, ev["evidence"])
        att = ev.get("attribution")
        quantities = []
        for q in ev.get("quantities", []):
            qa, qb = _find(text, q["text"])
            quantities.append({"kind": q["kind"], "of": None, "value": q["value"], "low": None, "high": None,
                               "qualifier": "exact", "start": qa, "end": qb, "text": text[qa:qb]})
        evs.append({
            "id": f"v{i}", "type": ev["type"], "mode": ev.get("mode"), "acled": ev.get("acled"),
            "actor": [by_name[n] for n in ev.get("actor", [])],
            "recipient": [by_name[n] for n in ev.get("recipient", [])],
            "location": [by_name[n] for n in ev.get("location", [])],
            "date": {"start": ev["date"], "end": ev["date"], "text": None} if ev.get("date") else None,
            "quantities": quantities, "status": ev.get("status", "occurred"),
            "attribution": ({"speaker": by_name.get(att.get("speaker")), "anonymous": att.get("anonymous", False),
                             "via": None} if att else None),
            "trigger": {"start": ta, "end": tb, "text": text[ta:tb]},
            "evidence": {"start": ea, "end": eb},
        })
    qs = []
    for i, q in enumerate(quotes, 1):
        ca, cb = _find(text, q["cue"])
        ka, kb = _find(text, q["content"])
        qs.append({"id": f"q{i}", "speaker": by_name.get(q.get("speaker")), "speaker_text": q.get("speaker_text"),
                   "anonymous": q.get("anonymous", False), "via": None,
                   "cue": {"start": ca, "end": cb, "text": text[ca:cb]}, "direct": q.get("direct", True),
                   "content": {"start": ka, "end": kb}})
    return {"schema": "marsad.doc/1", "id": id, "text": text,
            "meta": {"title": title, "dateline": None, "authors": [], "outlet": outlet, "published": published},
            "entities": ents, "events": evs, "quotes": qs,
            "quantities": [q for ev in evs for q in ev["quantities"]], "dates": [], "blocks": []}


MOSUL_TEXT_A = (
    "الموصل - قال المتحدث باسم قيادة العمليات المشتركة يحيى رسول إن طائرات التحالف الدولي شنت غارات جوية "
    "على مواقع لتنظيم داعش في الجانب الأيمن من الْمَوْصِل صباح الثلاثاء، ما أدى إلى مقتل 12 مسلحا. "
    "وأضاف أن القوات العراقية تواصل تقدمها نحو المدينة القديمة."
)
MOSUL_TEXT_B = (
    "أفاد مصدر أمني طلب عدم الكشف عن اسمه بأن غارات جوية استهدفت مقرات للتنظيم وبالموصل يوم الثلاثاء، "
    "وأسفرت عن سقوط قتلى في صفوف المسلحين. وقال المصدر إن الطيران حلق فوق الأحياء الغربية طوال الليل."
)
SIRTE_TEXT = (
    "سرت - اندلعت اشتباكات عنيفة بين قوات البنيان المرصوص ومسلحي تنظيم داعش في الحي الثالث بمدينة سرت "
    "الليبية يوم الأحد، وقال المتحدث باسم المركز الإعلامي للعملية إن ثلاثة من المقاتلين قتلوا في المواجهات."
)
BAGHDAD_TEXT = (
    "بغداد - تظاهر مئات من الطلاب أمام مبنى وزارة التعليم العالي في بغداد للمطالبة بتحسين الخدمات، "
    "ورفع المحتجون لافتات تطالب الحكومة بالاستجابة لمطالبهم، ولم تسجل أي مواجهات مع قوات الأمن."
)


def mosul_a(**kw) -> dict:
    return record(
        "mosul-a", MOSUL_TEXT_A, title="غارات جوية على الموصل", outlet="وكالة الرافدين", published="2017-03-07",
        entities=[
            {"type": "PLACE", "name": "الموصل", "surfaces": ["الموصل", "الْمَوْصِل"], "place": MOSUL},
            {"type": "PERSON", "name": "يحيى رسول", "surfaces": ["يحيى رسول"], "kb": "yahya_rasool"},
            {"type": "STATE_FORCE", "name": "التحالف الدولي", "surfaces": ["التحالف الدولي"], "kb": "coalition"},
            {"type": "ARMED_GROUP", "name": "تنظيم الدولة الإسلامية", "surfaces": ["داعش"], "kb": "isis",
             "wikidata": "Q2429253"},
        ],
        events=[{"type": "ASSAULT", "mode": "aerial", "trigger": "غارات",
                 "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
                 "evidence": "إن طائرات التحالف الدولي شنت غارات جوية على مواقع لتنظيم داعش في الجانب الأيمن من الْمَوْصِل صباح الثلاثاء، ما أدى إلى مقتل 12 مسلحا.",
                 "actor": ["التحالف الدولي"], "recipient": ["تنظيم الدولة الإسلامية"], "location": ["الموصل"],
                 "date": "2017-03-07", "attribution": {"speaker": "يحيى رسول"},
                 "quantities": [{"kind": "killed", "value": 12, "text": "12 مسلحا"}]}],
        quotes=[{"cue": "قال", "content": "طائرات التحالف الدولي شنت غارات جوية", "speaker": "يحيى رسول",
                 "direct": False}], **kw)


def mosul_b(**kw) -> dict:
    return record(
        "mosul-b", MOSUL_TEXT_B, title="قصف على مقرات التنظيم", outlet="شبكة نينوى", published="2017-03-08",
        entities=[
            {"type": "PLACE", "name": "الموصل", "surfaces": ["الموصل"], "place": MOSUL_NEAR},
            {"type": "ARMED_GROUP", "name": "تنظيم الدولة الإسلامية", "surfaces": ["تنظيم"], "kb": "isis"},
        ],
        events=[{"type": "ASSAULT", "mode": "aerial", "trigger": "غارات",
                 "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
                 "evidence": "بأن غارات جوية استهدفت مقرات للتنظيم وبالموصل يوم الثلاثاء، وأسفرت عن سقوط قتلى في صفوف المسلحين.",
                 "recipient": ["تنظيم الدولة الإسلامية"], "location": ["الموصل"], "date": "2017-03-07",
                 "attribution": {"speaker": None, "anonymous": True}}], **kw)


def sirte(**kw) -> dict:
    return record(
        "sirte-1", SIRTE_TEXT, title="اشتباكات في سرت", outlet="بوابة الوسط", published="2016-08-14",
        entities=[
            {"type": "PLACE", "name": "سرت", "surfaces": ["سرت"], "place": SIRTE},
            {"type": "STATE_FORCE", "name": "قوات البنيان المرصوص", "surfaces": ["قوات البنيان المرصوص"],
             "kb": "bunyan_marsous"},
            {"type": "ARMED_GROUP", "name": "تنظيم الدولة الإسلامية", "surfaces": ["تنظيم داعش"], "kb": "isis"},
        ],
        events=[{"type": "ASSAULT", "mode": "firearms", "trigger": "اشتباكات",
                 "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
                 "evidence": "اندلعت اشتباكات عنيفة بين قوات البنيان المرصوص ومسلحي تنظيم داعش في الحي الثالث بمدينة سرت الليبية يوم الأحد،",
                 "actor": ["قوات البنيان المرصوص", "تنظيم الدولة الإسلامية"], "location": ["سرت"],
                 "date": "2016-08-14", "quantities": [{"kind": "killed", "value": 3, "text": "ثلاثة"}]}], **kw)


def baghdad(**kw) -> dict:
    return record(
        "baghdad-1", BAGHDAD_TEXT, title="تظاهرة طلابية في بغداد", outlet="وكالة الرافدين", published="2019-10-02",
        entities=[{"type": "PLACE", "name": "بغداد", "surfaces": ["بغداد"], "place": BAGHDAD},
                  {"type": "ORG", "name": "وزارة التعليم العالي", "surfaces": ["وزارة التعليم العالي"]}],
        events=[{"type": "PROTEST", "mode": "demo", "trigger": "تظاهر",
                 "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
                 "evidence": "تظاهر مئات من الطلاب أمام مبنى وزارة التعليم العالي في بغداد للمطالبة بتحسين الخدمات،",
                 "recipient": ["وزارة التعليم العالي"], "location": ["بغداد"], "date": "2019-10-01"}], **kw)


def all_records() -> list[dict]:
    return [mosul_a(), mosul_b(), sirte(), baghdad()]
