"""Events fast paths give what the plain definitions give: :meth:`Lexicon.keys` (affixes grouped by
letter), :meth:`Lexicon.tags` (word classes by key), :meth:`Lexicon.trigger` and
:meth:`Lexicon.live_forms` (the sentence gate).  Words written for these tests, plus lexicon
entries with affixes glued on."""
from __future__ import annotations

import pytest

from marsad.arabic.normalise import key
from marsad.io.readers import make_doc
from marsad.stages.events import Events
from marsad.stages.events_rules import _PREFIXES, _SUFFIXES, Lexicon

SENTENCES = [
    "وقتل ثلاثة مدنيين وأصيب آخرون في غارة جوية استهدفت سوقا شعبيا شمال المدينة أمس",
    "تظاهر مئات الطلاب أمام مبنى الوزارة للمطالبة بالإفراج عن زملائهم المعتقلين",
    "ستفرض الحكومة عقوبات جديدة على الشركات التي لم تلتزم بالقرار بعد اجتماع الوزراء",
    "قامت المجموعة المسلحة بخطف صحفيين اثنين وتعرض أحدهم للضرب على أيدي مسلحين ملثمين",
    "لم تشهد المنطقة اشتباكات منذ توقيع الاتفاق ، وقالت مصادر إن الهدوء مستمر",
]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon()


@pytest.fixture(scope="module")
def forms(lex: Lexicon) -> list[str]:
    out = {w for s in SENTENCES for w in key(s).split()}
    for i, w in enumerate(sorted(lex.words)):
        if i % 7 == 0:
            out.update({w, "و" + w, "ال" + w, "بال" + w, "س" + w, "ل" + w, "وب" + w, w + "ها", "ف" + w + "هم"})
    out.update(lex.phrases)
    out.update(w for s in (lex.happen_words, lex.frame_words, lex.light_words, lex.perform_words) for w in s)
    return sorted(out)


def _keys_plain(norm: str) -> tuple:
    """The affix stripping written out, every prefix and suffix tried in list order."""
    out = [(norm, "", "")]
    stems = [(norm, "")]
    for p, flags in _PREFIXES:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            rest = norm[len(p):]
            out.append((rest, flags or "al", ""))
            if not p.endswith(("ال", "لل")):
                stems.append((rest, flags or "al"))
    for st, flags in stems:
        for s in _SUFFIXES:
            if st.endswith(s) and len(st) - len(s) >= 3:
                out.append((st[: -len(s)], flags, s))
    return tuple(out)


def _tags_plain(lex: Lexicon, norm: str) -> set[str]:
    ks = lex.keys(norm)
    classes = {"head": lex.head_words, "sub": lex.sub_words, "during": lex.during_words,
               "frame": lex.frame_words, "crowd": lex.crowd_words, "quantity": lex.quantity_words,
               "happen": lex.happen_words, "agent": lex.agent_words, "light": lex.light_words,
               "undergo": lex.undergo_words}
    depth = {"sub": 3, "frame": 3}
    out = {f"{c}{depth.get(c, 2)}" for c, words in classes.items()
           if any(k in words for k, _, _ in ks[:depth.get(c, 2)])}
    for c, words in (("finite", lex.finite_words), ("perform", lex.perform_words), ("occur", lex.occur_words),
                     ("sign", lex.sign_words)):
        if any(k in words for k, fl, _ in ks[:2] if fl in ("", "w", "f")):
            out.add(f"{c}2f")
    out.update(("mode:" if len(mc.words) == 1 else "mode+:") + mc.type
               for k, _, _ in ks[:4] for mc in lex.mode_words.get(k, ()))
    return out


def test_keys_match_the_plain_stripping(lex: Lexicon, forms: list[str]) -> None:
    assert len(forms) > 500
    for w in forms:
        assert lex.keys(w) == _keys_plain(w), w


def test_tags_match_the_class_tests(lex: Lexicon, forms: list[str]) -> None:
    tagged = 0
    for w in forms:
        assert set(lex.tags(w)) == _tags_plain(lex, w), w
        tagged += bool(lex.tags(w))
    assert tagged > 20


def test_trigger_and_sentence_gate(lex: Lexicon, forms: list[str]) -> None:
    fresh = Lexicon()
    for w in forms:
        phrases = tuple((e, fl) for k, fl, _ in lex.keys(w) for e in lex.phrases.get(k, ()))
        assert fresh.trigger(w) == (phrases, lex.match_word(w)), w
    for s in SENTENCES + [" ".join(forms[i:i + 20]) for i in range(0, len(forms), 20)]:
        norms = key(s).split()
        want = {w for w in norms if lex.trigger(w) != ((), None)}
        assert fresh.live_forms(norms) == want
        assert fresh.live_forms(norms) == want   # again, now from the remembered inert forms
    assert fresh.live_forms(key(SENTENCES[0]).split())   # قتل، غارة ... are live


def test_key_bits_say_which_tables_a_key_is_in(lex: Lexicon, forms: list[str]) -> None:
    """``_key_bits`` (one stripping pass for a new form) agrees with the keys looked up one by one:
    bit 1 when a key is a trigger word, phrase start or stop word, bit 2 when a key is a class
    word or instrument cue word; a form with no bit 2 has no tags."""
    fresh = Lexicon()
    entry = set(lex.words) | set(lex.phrases) | lex.stop
    classes = set().union(lex.head_words, lex.finite_words, lex.sub_words, lex.during_words, lex.frame_words,
                          lex.crowd_words, lex.quantity_words, lex.happen_words, lex.agent_words,
                          lex.light_words, lex.undergo_words, lex.perform_words, lex.occur_words, lex.mode_words)
    seen = {1: 0, 2: 0}
    for w in forms + ["", "و", "ال", "شن", "وشن", "بالله", "والتي", "فسيقتلونهم"]:
        ks = [k for k, _, _ in lex.keys(w)]
        bits = fresh._key_bits(w)
        assert bool(bits & 1) == any(k in entry for k in ks), w
        assert bool(bits & 2) == any(k in classes for k in ks), w
        if not bits & 2:
            assert fresh.tags(w) == frozenset(), w
        seen[1] += bool(bits & 1)
        seen[2] += bool(bits & 2)
    assert seen[1] > 100 and seen[2] > 20


def test_key_bits_pretest_on_every_affixed_key(lex: Lexicon) -> None:
    """The ending pre-test of ``_key_bits`` never turns away a form one of whose keys is in a table:
    table keys (every 7th) with every proclitic and pronoun suffix glued on, and near misses (a
    letter changed at the end) agree with the keys looked up one by one."""
    fresh = Lexicon()
    fresh._key_bits("")   # builds the tables
    table = fresh._bits_of_key
    rejected = 0
    for i, k in enumerate(sorted(table)):
        if i % 7:
            continue
        for p, _ in ("", ""), *_PREFIXES:
            for s in ("",) + _SUFFIXES + ("ق",):
                w = p + k + s
                want = 0
                for kk, _, _ in lex.keys(w):
                    want |= table.get(kk, 0)
                bits = fresh._key_bits(w)
                assert bits == want, w
                rejected += not any(w[-m:] in fresh._tails for m in range(2, 6))
    assert rejected > 100   # the ق-ended near misses mostly stop at the pre-test


def test_set_pretest_is_the_per_form_pretest(lex: Lexicon, forms: list[str]) -> None:
    """``_pretest`` (the ending test over a whole set, used by live_forms for new forms) keeps exactly
    the forms that are under 2 letters or end in one of ``_tails``; every form it drops has no key
    in any table (``_key_bits`` 0), so live_forms may make it inert at once."""
    fresh = Lexicon()
    ws = set(forms) | {"", "و", "ق", "قتلق", "بالغارةق", "شن", "وشنوا"}
    keep = fresh._pretest(ws)
    for w in ws:
        assert (w in keep) == (len(w) < 2 or any(w[-m:] in fresh._tails for m in range(2, 6))), w
        if w not in keep:
            assert fresh._key_bits(w) == 0, w
    assert 0 < len(keep) < len(ws)


def test_before_cues_skip_is_exact(lex: Lexicon, forms: list[str]) -> None:
    """``before_cues`` answers () without building keys for a form none of whose endings at the
    و/ف/وال/فال cuts is a cue word: the same answer as the cues of its first 3 keys, for the
    fixture forms and every before-cue word with each prefix and suffix glued on."""
    fresh = Lexicon()
    cue_words = [k for k, cs in lex.cues.items() if any(c.side == "before" for c in cs)]
    ws = set(forms) | {p + k + s for k in cue_words for p, _ in (("", ""), *_PREFIXES) for s in ("", *_SUFFIXES)}
    found = 0
    for w in sorted(ws):
        want = tuple(c for k, fl, suf in lex.keys(w)[:3] if fl in ("", "w", "f") and not suf
                     for c in lex.cues.get(k, ()) if c.side == "before")
        assert fresh.before_cues(w) == want, w
        found += bool(want)
    assert found > 50


class _Ungated(Lexicon):
    """The lexicon with no phrase-only forms known: every live form makes its sentence live."""

    @property
    def phrase_only(self) -> dict:
        return {}

    @phrase_only.setter
    def phrase_only(self, value: dict) -> None:
        pass


class _Seen(Events):
    """Events remembering the start of every sentence it reads for triggers."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.seen: list[int] = []

    def _sentence(self, doc, s, *args) -> None:
        self.seen.append(s.start)
        super()._sentence(doc, s, *args)


GATE_TEXT = ("وحصل الفريق على الكأس بعد مباراة صعبة. وظهرت عبارات مسيئة على جدران المدرسة صباحا. "
             "وسيطر الهدوء على المدينة. ثم وقع انفجار قرب الجسر على الطريق السريع. وعلينا أن ننتظر النتائج")


def test_phrase_only_forms_gate_their_sentence(base) -> None:
    """على starts only a phrase (على جدران): a sentence whose only live token is such a form is
    read for triggers only when the next token can be the phrase's second word; the events are
    those of the ungated stage."""
    gated, plain = _Seen(min_score=0), _Seen(min_score=0, lexicon=_Ungated())
    docs = []
    for ev in (gated, plain):
        ev.requires = frozenset(ev.requires - {"entities"})
        d = base(make_doc({"id": "t", "text": GATE_TEXT}))
        ev(d)
        docs.append(d)
    assert docs[0].events == docs[1].events
    assert any(v["trigger"]["text"] == "انفجار" for v in docs[0].events)
    assert gated.lex.phrase_only.get(key("على")) == frozenset({key("جدران")})
    starts = {GATE_TEXT.index(x) for x in ("وظهرت", "ثم وقع")}
    assert set(gated.seen) == starts             # the graffiti sentence and the blast one
    assert set(plain.seen) > starts              # the ungated stage reads the other على sentences too
    norms = key("وظهرت عبارات مسيئة على جدران المدرسة صباحا").split()
    hits = gated._triggers(norms, len(norms), gated.lex.live_forms(norms))
    assert [(h.t0, h.t1, h.entry.form) for h in hits] == [(3, 5, "phrase")]   # its only live form: على


def _phrase_at_plain(lex: Lexicon, kind: str, norms: list[str], lo: int, hi: int) -> bool:
    """Lexicon.phrase_at written out: every token's first four keys tried against the rows."""
    table = lex.phrase_tables[kind]
    for j in range(lo, hi):
        for k, _flags, _suf in lex.keys(norms[j])[:4]:
            for rest in table.get(k, ()):
                if all(j + 1 + q < hi and norms[j + 1 + q] == w for q, w in enumerate(rest)):
                    return True
    return False


PHRASE_SENTENCES = SENTENCES + [
    "لقي ثلاثة أشخاص مصرعهم في حادث سير مروع على الطريق الدولي",
    "أصيب خمسة عمال في انهيار مبنى قديم وسط المدينة",
    "نفذت السلطات حكم الإعدام بحق مدانين اثنين صباح اليوم",
    "احتشد الآلاف لمشاهدة الألعاب النارية احتفالا بالعيد",
    "التقى الفريقان في مباراة ودية على ملعب المدينة",
    "وقع حادث",  # a row's first word at the end, its next word missing
    "انقلاب سياره",
]


@pytest.mark.parametrize("kind", ["accident", "festive", "judicial", "sports"])
def test_phrase_at_is_the_plain_scan(lex, kind, monkeypatch):
    """phrase_at (forms sorted out once per kind, only the tokens of row-starting forms tried)
    gives the plain scan's answer for every window, the first time and again, and when its
    memory of forms is full."""
    found = 0
    for bound in (None, 0):
        if bound is not None:  # full: nothing more is remembered, each call works it out
            monkeypatch.setattr("marsad.stages.events_rules._CACHE_MAX", bound)
            fresh = Lexicon()
        for text in PHRASE_SENTENCES:
            norms = key(text).split()
            n = len(norms)
            for lo, hi in ((0, n), (1, n), (0, max(0, n - 1)), (min(2, n), min(4, n))):
                for lx in ((lex, lex) if bound is None else (fresh, fresh)):
                    got = lx.phrase_at(kind, norms, lo, hi)
                    assert got == _phrase_at_plain(lx, kind, norms, lo, hi), (kind, text, lo, hi)
                    found += got
    assert found  # some window of the sentences has a row of each kind
    if bound is not None:
        assert not fresh._phrase_seen[kind]  # nothing was remembered past the bound
