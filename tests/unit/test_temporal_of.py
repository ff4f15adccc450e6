"""Temporal._of (the entity a count is of) by bisection equals the scan over every mention
(Arabic written for this test)."""
from __future__ import annotations

from marsad.doc import Doc, Entity, Mention
from marsad.stages.temporal import OF_TYPES, Temporal


def plain_of(doc, after, sent_end):
    best = None
    for ent in doc.entities:
        if ent.type not in OF_TYPES:
            continue
        for m in ent.mentions:
            if after <= m.start < sent_end and m.start - after <= 40 and \
                    len(doc.text[after:m.start].split()) <= 4 and (best is None or m.start < best[0]):
                best = (m.start, ent.id)
    return best[1] if best else None


def test_of_equals_the_scan_over_mentions():
    text = ("قتل 12 عنصرا من الجيش العراقي وأصيب خمسة من عناصر الحشد في هجوم شنه مسلحو "
            "التنظيم على مواقع الجيش قرب الموصل، بحسب الشرطة المحلية.")

    def at(word, n=0):
        i = -1
        for _ in range(n + 1):
            i = text.index(word, i + 1)
        return Mention(i, i + len(word), word)

    doc = Doc(text, id="t")
    doc.entities = [
        Entity("e1", "STATE_FORCE", "الجيش", [at("الجيش"), at("الجيش", 1)]),
        Entity("e2", "ARMED_GROUP", "الحشد", [at("الحشد")]),
        Entity("e3", "PLACE", "الموصل", [at("الموصل")]),
        Entity("e4", "ARMED_GROUP", "التنظيم", [at("التنظيم")]),
        Entity("e5", "ORG", "الجيش العراقي", [at("الجيش العراقي")]),  # same start as e1's first
        Entity("e6", "STATE_FORCE", "الشرطة", [at("الشرطة")]),
    ]
    actors = Temporal._actor_mentions(doc)
    for sent_end in (40, 90, len(text)):
        for after in range(len(text) + 1):
            assert Temporal._of(doc, after, sent_end, actors) == plain_of(doc, after, sent_end), (after, sent_end)
    assert Temporal._of(doc, text.index("من"), len(text), actors) == "e1"  # the first of equal starts
