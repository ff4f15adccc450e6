"""The entities stage's fast paths give what the exhaustive paths give.

Word forms are classified once (``Tok.fl``: which rule, knowledge-base alias or coreference test
can start at them) and the rules, the alias matcher and coreference visit only the flagged
tokens; coreference finds a document's short forms through :func:`clitic_forms`.  Each test
compares the fast path with the exhaustive one (every token tried) on Arabic written for it."""
from __future__ import annotations

import pytest

from marsad.arabic.normalise import FOLD, clean, fold
from marsad.io.readers import make_doc
from marsad.pipeline import Pipeline, load_stage
from marsad.resources.actors import WORD_RE, ActorKB, clitic_forms, clitic_stems
from marsad.stages.entities import Entities
from marsad.stages.entity_rules import (
    Rules,
    force_cands,
    norp_cands,
    person_cands,
    tokenise,
    trigger_cands,
)

TEXT = (
    "أكد القيادي في الاتحاد الوطني الكردستاني هيوا رشيد كاكه أن الهجوم فشل، وقال العميد أحمد سالم "
    "إن الجيش التركي وللقوات الروسية دورا.\n"
    "ولفت المسؤول الكردي إلى أن العراقيين والسوريون ينتظرون، بحسب صحيفة \"المرآة\" ولموقع (صوت الحرية).\n"
    "وصرح أسامة النجيفي، رئيس مجلس النواب العراقي السابق، بأن تنظيم داعش انسحب، وقال التنظيم "
    "في بيان إنه قتل جنديين.\n"
    "وأضاف رئيس مجلس النواب العراقي السابق أن النجيفي وللنجيفي ووالنجيفي لم يحضروا، وأكدت كتائب "
    "المقاومة ذلك، ووصلت القوات الكينية إلى الحدود."
)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return Rules()


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load(user=False)


def _views(text: str) -> tuple[str, str, list[tuple[int, int]]]:
    c, _ = clean(text)
    f = fold(c)
    regions, start = [], 0
    for line in c.split("\n"):
        regions.append((start, start + len(line)))
        start += len(line) + 1
    return c, f, regions


def test_fold_maps_letters_to_letters_so_gaps_agree():
    # tokenise takes the text between words from the folded view: right only if folding never
    # turns a letter into a non-letter or back
    for a, b in FOLD.items():
        assert WORD_RE.fullmatch(a) and WORD_RE.fullmatch(b), (a, b)


def test_tokenise_flags_and_marked(rules):
    c, f, regions = _views(TEXT)
    plain = tokenise(f, regions)
    flagged = tokenise(f, regions, flags=rules.form_flags)
    for p, q in zip(plain, flagged, strict=True):
        assert [(t.cs, t.ce, t.f, t.gap, t.stems) for t in p] == [(t.cs, t.ce, t.f, t.gap, t.stems) for t in q]
        assert [(m.start(), m.end()) for m in WORD_RE.finditer(f, *regions[plain.index(p)])] == \
            [(t.cs, t.ce) for t in p]
        assert all(t.gap == c[(p[k - 1].ce if k else regions[plain.index(p)][0]):t.cs] for k, t in enumerate(p))
        assert p[-1].after == c[p[-1].ce:regions[plain.index(p)][1]]
        assert all(t.fl == -1 for t in p)
        assert q.marked == [k for k, t in enumerate(q) if t.fl]
        assert q.forms == [t.f for t in q]
        assert 0 < len(q.marked) < len(q)  # some words can start a rule, most cannot


def test_rules_skip_nothing_they_would_find(rules):
    c, f, regions = _views(TEXT)
    plain = tokenise(f, regions)
    flagged = tokenise(f, regions, flags=rules.form_flags)
    found = 0
    for p, q in zip(plain, flagged, strict=True):
        for fn in (force_cands, trigger_cands, norp_cands):
            assert fn(p, rules, c) == fn(q, rules, c)
            found += len(fn(q, rules, c))
        orgs = trigger_cands(q, rules, c) + force_cands(q, rules, c)
        assert person_cands(p, rules, c, orgs) == person_cands(q, rules, c, orgs)
        found += len(person_cands(q, rules, c, orgs))
    assert found >= 6


def test_alias_matcher_tries_only_flagged_tokens(kb, rules):
    c, f, regions = _views(TEXT)
    toks = tokenise(f, regions, flags=lambda w, st: 1 if kb.may_start(st) else 0)
    got = kb.find_tokens(f, toks, mask=1)
    assert got == kb.find(f, regions)
    assert {m.key for m in got} >= {"iq_puk", "isis"}


@pytest.mark.parametrize("stem", ["النجيفي", "الجيش", "داعش", "حماس", "الله", "لبنان", "كتائب", "اب"])
def test_clitic_forms_inverts_clitic_stems(stem):
    forms = clitic_forms(stem)
    assert stem in forms
    for t in forms:
        assert stem in [s for _, s in clitic_stems(t)]
    # every word written with clitics before the stem is among its forms
    for pre in ("و", "ف", "ب", "ل", "ك", "وب", "فل", "وك"):
        t = pre + stem
        if stem in [s for _, s in clitic_stems(t)]:
            assert t in forms, t
    if stem.startswith("ال"):
        assert "ل" + stem[1:] in forms and "و" + "ل" + stem[1:] in forms  # للنجيفي, وللجيش


def test_clitic_forms_of_stems_of_words():
    words = ["وللنجيفي", "فبالجيش", "كالحركة", "ولحزب", "والتنظيم", "بداعش", "لله", "ولل", "فلسطين", "وبل"]
    for w in words:
        for _, s in clitic_stems(w):
            assert w in clitic_forms(s), (w, s)


def _entities(stage: Entities, text: str):
    pre = Pipeline([load_stage("marsad.stages.structure:Structure"), load_stage("marsad.stages.segment:Segment")])
    d = stage(pre(make_doc({"id": "t", "text": text})))
    return [e.to_json() for e in d.entities]


def test_stage_fast_path_equals_exhaustive_path():
    fast = Entities(use_tagger=False)
    slow = Entities(use_tagger=False)
    slow._form_flags = lambda f, stems: -1  # every token may start everything: nothing skipped
    got = _entities(fast, TEXT)
    assert got == _entities(slow, TEXT)
    texts = {m["text"] for e in got for m in e["mentions"]}
    # named mentions, rules and coreference all found something, so the comparison is not vacuous
    assert {"هيوا رشيد كاكه", "المسؤول الكردي", "النجيفي", "التنظيم", "الجيش التركي", "القوات الكينية"} <= texts


def _form_flags_by_test(rules: Rules, f: str, stems) -> int:
    """Rules.form_flags spelt out test by test, as each rule starts (its table must agree)."""
    from marsad.stages.entity_rules import COREF, FORCE, NORP, PERSON, TRIGGER

    fl = PERSON if f in rules.ranks or f in rules.titles else 0
    for _, s in stems:
        if s in rules.triggers or s in rules.definite_triggers:
            fl |= TRIGGER
        if s in rules.force_by_first:
            fl |= FORCE
        cc, form = rules.nisba_cc(s)
        if cc and form == "plural":
            fl |= NORP
        if s in rules.titles:
            fl |= PERSON
        if s in rules.roles or (s.startswith("ال") and s[2:] in rules.heads):
            fl |= COREF
    return fl


def test_form_flags_table_agrees_with_the_rule_tests(rules):
    words = set(WORD_RE.findall(fold(clean(TEXT)[0])))
    # every listed word, with clitics, and the nisba forms of every adjective
    listed = [*rules.triggers, *rules.definite_triggers, *rules.titles, *rules.ranks, *rules.roles,
              *rules.force_by_first, *("ال" + h for h in rules.heads)]
    listed += ["ال" + a[:-1] + suf for a in rules.adj_cc for suf in ("يين", "يون", "ين", "يه", "ي")]
    for w in listed:
        for pre in ("", "و", "ب", "ل", "وب", "فل", "ول"):
            words.add(pre + w)
            if w.startswith("ال"):
                words.add(pre + "ل" + w[1:])  # ل + ال written لل
    seen = 0
    for w in words:
        st = clitic_stems(w)
        assert rules.form_flags(w, st) == _form_flags_by_test(rules, w, st), w
        seen += rules.form_flags(w, st) != 0
    assert seen > len(words) // 4  # many of them get bits: the comparison is not vacuous


def test_region_makes_the_tokens_a_list_would_hold(rules):
    c, f, regions = _views(TEXT)
    for q, (rs, re_) in zip(tokenise(f, regions, flags=rules.form_flags), regions, strict=True):
        ms = list(WORD_RE.finditer(f, rs, re_))
        n = len(ms)
        assert len(q) == n and bool(q)
        # tokens are made on first access, in any order, and are the same objects afterwards
        last, first = q[-1], q[0]
        assert (first.cs, last.ce) == (ms[0].start(), ms[-1].end()) == q.bounds()
        assert q[n - 1] is last and q[0] is first
        assert last.after == c[ms[-1].end():re_] and all(t.after == "" for t in q[: n - 1])
        assert q[1:4] == [q[1], q[2], q[3]] and q[-2:] == [q[n - 2], q[n - 1]] and q[5:2] == []
        assert q.starts == [m.start() for m in ms] == [t.cs for t in q]
        assert q.fls == [t.fl for t in q]
        assert [q.gap(i) for i in range(n)] == [t.gap for t in q]
        assert [q.gap_after(i) for i in range(n)] == [t.gap for t in q[1:]] + [last.after]
        with pytest.raises(IndexError):
            q[n]
    empty = tokenise(f, [(0, 0)])[0]
    assert len(empty) == 0 and not empty and list(empty) == []


def test_overlap_free_mask_agrees_with_pairwise_test():
    import random

    from marsad.stages.entities import _overlap_free
    from marsad.stages.entity_rules import Cand

    def pairwise(cands, taken, grow):
        kept, against = [], list(taken)
        for c in cands:
            if not any(k.cs < c.ce and c.cs < k.ce for k in against):
                kept.append(c)
                against += [c] if grow else []
        return kept

    rnd = random.Random(7)
    for trial in range(300):
        def span(lo=0):
            s = rnd.randrange(0, 60)
            return Cand(s, s + rnd.randrange(lo, 12), "ORG", "x", "x", "rule")
        lo = 0 if trial % 3 == 0 else 1  # a third of the trials have empty spans (pairwise path)
        cands = [span(lo) for _ in range(rnd.randrange(0, 9))]
        taken = [span(lo) for _ in range(rnd.randrange(0, 5))]
        for grow in (False, True):
            got = _overlap_free(cands, taken, grow=grow)
            assert [id(c) for c in got] == [id(c) for c in pairwise(cands, taken, grow)]


def test_clitic_forms_is_exactly_the_inverse_of_clitic_stems():
    # every token of up to two clitic letters (and the لل spelling) before a stem, checked
    # reading by reading: clitic_forms gives those with the stem among their readings, no more
    letters = "وفبلكا"
    stems = ["النجيفي", "الجيش", "داعش", "ال", "الا", "لل", "للا", "لبنان", "وطن", "بر", "ك", "و", "اب",
             "فلسطين", "كتائب", "الله", "لله", "ولد", "بلد"]
    for stem in stems:
        cands = {stem, "ل" + stem[1:]}
        for a in ("", *letters):
            for b in ("", *letters):
                cands |= {a + b + stem, a + b + "ل" + stem[1:]}
        want = {t for t in cands if stem in [s for _, s in clitic_stems(t)]}
        assert clitic_forms(stem) == want, stem


def _clitic_words(rules: Rules) -> set[str]:
    words = set(WORD_RE.findall(fold(clean(TEXT)[0])))
    for w in [*rules.triggers, *rules.titles, *rules.ranks, *rules.roles, "الجيش", "داعش", "لل", "ال"]:
        for pre in ("", "و", "ف", "ب", "ل", "ك", "وب", "فل", "ول", "ولل", "لل"):
            words.add(pre + w)
    return words


def test_reading_bits_is_the_or_over_the_clitic_readings(rules):
    from marsad.stages.entity_rules import reading_bits

    words = _clitic_words(rules)
    # every reading of every word gets its own bit (mod 60): a missed or extra reading shows
    readings = sorted({s for w in words for _, s in clitic_stems(w)})
    table = {s: 1 << (k % 60) for k, s in enumerate(readings)}
    for w in words:
        want = 0
        for _, s in clitic_stems(w):
            want |= table[s]
        assert reading_bits(table.get, w) == want, w


def test_flagger_gives_form_flags_and_the_alias_bit(rules, kb):
    from marsad.stages.entity_rules import KB

    flags = rules.flagger(dict.fromkeys(kb.start_words(), KB))
    seen = 0
    for w in _clitic_words(rules):
        st = clitic_stems(w)
        assert flags(w) == rules.form_flags(w, st) | (KB if kb.may_start(st) else 0), w
        seen += bool(flags(w) & KB)
    assert seen > 10


def test_alias_matcher_finds_every_multiword_alias(kb):
    # the matcher goes past an alias's first word only when the next word is one of the second
    # words of the aliases starting there: each alias of 2+ words is still found in full
    n = 0
    for key, a in sorted(kb.actors.items()):
        for alias in (a.name, *a.aliases):
            words = WORD_RE.findall(fold(clean(alias)[0]))
            if len(words) < 2:
                continue
            text = "قال " + " ".join(words) + " امس"
            got = kb.find(text, [(0, len(text))])
            assert any(m.start == 4 and m.end >= len(text) - 4 for m in got), (key, alias)
            n += 1
    assert n > 50
