"""The actor knowledge base: bundled data, the alias matcher, user files."""
from __future__ import annotations

import json
import re

import pytest

from marsad.arabic.normalise import clean, fold
from marsad.errors import MarsadError
from marsad.resources.actors import CATEGORIES, TYPES, ActorKB


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(user=False)


def matches(kb: ActorKB, text: str) -> list[tuple[str, str, bool]]:
    c, _ = clean(text)
    f = fold(c)
    return [(c[m.start:m.end], m.key, m.short) for m in kb.find(f, [(0, len(f))])]


def test_bundled_kb_is_large_and_valid(kb):
    assert len(kb) >= 400
    types = {a.type for a in kb.actors.values()}
    assert types <= TYPES and {"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "MEDIA", "NORP"} <= types
    for a in kb.actors.values():
        assert a.name and re.search("[\u0621-\u064a]", a.name), a.key
        if a.wikidata:
            assert re.fullmatch(r"Q[1-9]\d*", a.wikidata)
        if a.actor_category:
            assert a.inter == CATEGORIES[a.actor_category]
    countries = {a.country for a in kb.actors.values()}
    for cc in ("IQ", "SY", "YE", "LY", "LB", "PS", "EG", "SD", "SO", "ML", "AF", "TR", "IR", "SA", "US", "RU"):
        assert cc in countries, cc


def test_clitics_are_outside_the_match(kb):
    got = matches(kb, "وبالحشد الشعبي هاجم للجيش العراقي ولداعش")
    assert ("الحشد الشعبي", "iq_pmf", False) in got
    assert ("لجيش العراقي", "iq_army", False) in got  # ل + ال written لل: the article's ل stays
    assert ("داعش", "isis", False) in got


def test_spelling_variants_fold_together(kb):
    got = {k for _, k, _ in matches(kb, "التقى اسامة النجيفي بقادة البيشمركه وجماعة انصار الله")}
    assert {"iq_nujaifi", "iq_peshmerga", "ye_houthis"} <= got


def test_whole_words_only_and_longest_match(kb):
    assert matches(kb, "استقبلوه بحماسة كبيرة") == []
    got = matches(kb, "أعلنت كتائب حزب الله العراقية مسؤوليتها")
    assert [k for _, k, _ in got] == ["iq_kataib_hezbollah"]


def test_block_next_refuses_a_common_noun_reading(kb):
    assert matches(kb, "هبطت الطائرة في القاعدة العسكرية") == []
    assert [k for _, k, _ in matches(kb, "هاجم تنظيم القاعدة الموقع")] == ["al_qaeda"]


def test_block_prev_and_common_word_aliases(kb):
    # السنة is the year after هذه/خلال and before الماضية, the Sunna after الكتاب; the Sunnis beside الشيعة
    for text in ("ارتفعت الأسعار هذه السنة", "خلال السنة المالية", "درس الكتاب والسنة", "في السنة الماضية"):
        assert "norp_sunni" not in {k for _, k, _ in matches(kb, text)}, text
    assert "norp_sunni" in {k for _, k, _ in matches(kb, "تصاعد التوتر بين السنة والشيعة")}
    # الحرة (free) and أعماق (depths) name the outlets only as short forms, after their full names
    assert [s for _, k, s in matches(kb, "اتفاقية التجارة الحرة") if k == "alhurra"] == [True]
    assert [s for _, k, s in matches(kb, "في أعماق البحر") if k == "amaq"] == [True]
    # القاعدة after اقتحام، أرجاء، داخل is the base; الحشد والتجنيد is mobilising, not the PMF
    for text in ("وتتريث القوات في اقتحام القاعدة الجوية", "وانتشر الجنود في أرجاء القاعدة", "وقع انفجار داخل القاعدة"):
        assert "al_qaeda" not in {k for _, k, _ in matches(kb, text)}, text
    assert "al_qaeda" in {k for _, k, _ in matches(kb, "وأعلن تنظيم القاعدة مسؤوليته")}
    assert "iq_pmf" not in {k for _, k, _ in matches(kb, "ولم يعد خافيا أن الحشد والتجنيد يتمان علنا")}
    # فيتو (FETÖ) is "a veto" unless the Gülen movement was named in full before
    assert [s for _, k, s in matches(kb, "واستخدمت روسيا حق الفيتو") if k == "tr_gulen_movement"] in ([], [True])
    assert [s for _, k, s in matches(kb, "وعطل فيتو روسي القرار") if k == "tr_gulen_movement"] in ([], [True])


def test_short_aliases_are_flagged(kb):
    got = matches(kb, "وقال النجيفي")
    assert got and all(short for _, _, short in got)


def test_user_file_adds_overrides_and_disables(tmp_path, monkeypatch, kb):
    f = tmp_path / "mine.jsonl"
    rows = [
        {"key": "my_brigade", "type": "ARMED_GROUP", "name": "لواء الصقور الحمر",
         "aliases": ["الصقور الحمر"], "actor_category": "identity militia"},
        {"key": "iq_army", "type": "STATE_FORCE", "name": "الجيش العراقي", "name_en": "Iraqi Army (mine)"},
        {"key": "facebook", "disabled": True},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_USER_ACTORS", str(f))
    mine = ActorKB.load()
    assert len(mine) == len(kb) + 1 - 1
    assert mine.actors["my_brigade"].inter == 4
    assert mine.actors["iq_army"].name_en == "Iraqi Army (mine)"
    assert "facebook" not in mine.actors
    assert [k for _, k, _ in matches(mine, "هاجم الصقور الحمر القرية")] == ["my_brigade"]


@pytest.mark.parametrize("line", [
    '{"key": "x", "type": "ROBOT", "name": "س"}',
    '{"key": "x", "type": "ORG"}',
    '{"key": "x", "type": "ORG", "name": "س", "wikidata": "12"}',
    '{"key": "x", "type": "ORG", "name": "س", "actor_category": "pirates"}',
    '{"key": "x", "type": ',
])
def test_bad_user_lines_are_coded_errors(tmp_path, monkeypatch, line):
    f = tmp_path / "bad.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_USER_ACTORS", str(f))
    with pytest.raises(MarsadError) as exc:
        ActorKB.load()
    assert exc.value.code == "E214" and "bad.jsonl:1" in str(exc.value)


def test_missing_user_file_is_a_coded_error(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_USER_ACTORS", str(tmp_path / "nope.jsonl"))
    with pytest.raises(MarsadError) as exc:
        ActorKB.load()
    assert exc.value.code == "E214"


def test_find_tokens_matches_find_on_pretokenised_regions(kb):
    from marsad.stages.entity_rules import tokenise

    text = ("قال المتحدث باسم الجيش العراقي إن تنظيم داعش هاجم بلدة قرب الموصل،\n"
            "وأكدت وزارة الدفاع الأمريكية وللجيش التركي أن حزب الله لم يعلق.")
    c, _ = clean(text)
    f = fold(c)
    regions = [(0, c.index("\n")), (c.index("\n") + 1, len(c))]
    got = kb.find_tokens(f, tokenise(f, regions))
    assert got == kb.find(f, regions)
    assert len(got) >= 2  # the sentence names known actors, so the comparison is not vacuous


def test_find_tokens_reads_regions_without_tokens_and_respects_gaps(kb):
    """The matcher reads a Region's forms/starts/flags lists (no token objects) and tells the
    text between two words from the folded view: spaces or a hyphen join an alias, a comma, a
    line break or a dot do not; the same matches as over a plain list of tokens."""
    from marsad.stages.entity_rules import KB, Tok, tokenise

    text = ("هاجم مقاتلو الجيش السوري  الحر مواقع الدولة - الإسلامية، وردّ حزب الله.\n"
            "وقال بيان للحشد الشعبي إن حزب، الله والجيش السوري.الحر والدولة\nالإسلامية لم ترد")
    c, _ = clean(text)
    f = fold(c)
    regions = [(0, len(f))]
    flagged = tokenise(f, regions, flags=lambda w, st: KB if kb.may_start(st) else 0)
    got = kb.find_tokens(f, flagged, mask=KB)
    assert all(t is None for r in flagged for t in r._toks)  # no token was made
    # the same tokens as a plain list (every token tried)
    plain = [[Tok(m.start(), m.end(), m.group(), "", []) for m in re.finditer(r"[^\W_]+", f)]]
    assert got == kb.find_tokens(f, plain) == kb.find(f, regions)
    found = [(c[m.start:m.end], m.key) for m in got]
    assert ("الجيش السوري  الحر", "sy_fsa") in found
    assert ("الدولة - الإسلامية", "isis") in found
    assert ("حزب الله", "lb_hezbollah") in found
    assert ("لحشد الشعبي", "iq_pmf") in found  # لل + ال: the match starts after the preposition
    # a comma, a dot or a line break between the words: no alias across it
    assert ("الجيش السوري", "sy_army") in found
    assert not any(s.startswith(("حزب،", "الجيش السوري.", "الدولة\n")) for s, _ in found)
