"""Helpers shared by the events-stage unit tests: run the stage on Arabic written for a test,
with the entities placed by hand (the fixtures ``base`` and ``events`` are in conftest.py)."""
from __future__ import annotations

from marsad.doc import Entity, Mention
from marsad.io.readers import make_doc
from marsad.pipeline import load_stage


def run(base, events, text, ents=(), quotes=False, countries=()):
    """The events of ``text`` with the entities ``ents`` (type, surface) placed by hand; those whose
    surface is in ``countries`` are placed as countries (PLACE, kind country)."""
    d = base(make_doc({"id": "t", "text": text}))
    for k, (typ, surface) in enumerate(ents, 1):
        e = Entity(f"e{k}", typ, surface)
        if surface in countries:
            e.place = {"lat": 0.0, "lon": 0.0, "country": "XX", "kind": "country"}
        pos = 0
        while (i := text.find(surface, pos)) >= 0:
            e.mentions.append(Mention(i, i + len(surface), surface))
            pos = i + len(surface)
        d.entities.append(e)
    if quotes:
        load_stage("marsad.stages.quotes:Quotes")(d)
    events(d)
    for v in d.events:
        t = v["trigger"]
        assert d.text[t["start"]:t["end"]] == t["text"]
    return d


def of_type(base, events, typ, text, ents=(), quotes=False):
    """The events of type ``typ`` coded in ``text`` (entities placed by hand, as in :func:`run`)."""
    return [x for x in run(base, events, text, ents, quotes=quotes).events if x["type"] == typ]
