"""The fast token scans of :mod:`marsad.arabic.numtokens` and :mod:`marsad.arabic.numerals` give what the regex scans gave."""
from marsad.arabic.dates import DateReader
from marsad.arabic.normalise import fold
from marsad.arabic.numerals import CliticLookup, NumberReader, strip_clitics
from marsad.arabic.numtokens import (
    TOKEN_RE,
    OpenerGroup,
    Openers,
    Tokens,
    digit_openers,
    opener_regex,
    tokens,
)

TEXTS = [
    "قتل 12 شخصاً وأصيب خمسة وعشرون آخرون في انفجار بالمدينة أمس الأول.",
    "ووصل ب91 جريحا إلى المستشفى عام 2016، وفي الخامس من حزيران/يونيو عاد 3,500 نازح.",
    "#عاجل_5 مقتل العشرات وبالعشرات من المسلحين خلال الأيام الماضية (2.5 كم) x7 7x",
    "منذ أكثر من شهرين، يوم الأحد الماضي: ١٢ قتيلاً و²٣ و_4 و-5 و/6 و«سبعة»",
    "",
    "   ",
]


def _triples(text: str) -> list[tuple[int, int, str]]:
    toks = tokens(text)
    return list(zip(toks.starts, toks.ends, toks.words, strict=True))


def _regex_openers(regex, folded: str, toks: Tokens) -> list[int]:
    index = {s: k for k, s in enumerate(toks.starts)}
    return [index[m.start()] for m in regex.finditer(folded) if m.start() in index]


def test_tokens_match_token_regex():
    for text in TEXTS:
        folded = fold(text)
        assert _triples(folded) == [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(folded)]


def test_tokens_match_token_regex_where_arabic_meets_other_letters():
    # the split's Arabic-range fast path must give way whenever a letter outside the range
    # continues the run: tatweel, Persian/Urdu letters, Latin, accented Latin, letter-like digits
    pieces = ["قتل", "ـ", "پ", "گروه", "abc", "é", "²", "5", "_", "-", "،", " ", "\n", "٣", "ة", "ى", "ٱ"]
    texts = ["الجيشـالسوري", "پاکستان وگروهها", "قصفABC وdef", "مقهىé", "قتلى²3", "جرحى_5 و٣",
             "ٱلله", "كلمة.", "قتل-جرح"]
    texts += [a + b + c for a in pieces for b in pieces for c in pieces[:6]]
    for text in texts:
        assert _triples(text) == [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)], text


def test_openers_match_the_opener_regex():
    nums = NumberReader()
    dates = DateReader(numbers=nums)
    for forms in (nums.lex.words, dates._openers, {"خمسه", "عشرون"}):
        op, regex = Openers(forms), opener_regex(forms)
        assert op._regex is None  # single-word forms: the token scan is used
        for text in TEXTS:
            folded = fold(text)
            toks = tokens(folded)
            assert op.indices(folded, toks) == _regex_openers(regex, folded, toks), text


def test_glued_digits_are_not_openers():
    folded = fold("وصل ب91 جريحا و 12 قتيلا")
    toks = tokens(folded)
    got = [toks.words[i] for i in Openers({"قتيل"}).indices(folded, toks)]
    assert got == ["12"]


def test_multiword_forms_fall_back_to_the_regex():
    forms = {"اول امس", "امس"}
    op = Openers(forms)
    assert op._regex is not None
    folded = fold("وصل أول أمس وغادر أمس")
    toks = tokens(folded)
    assert op.indices(folded, toks) == _regex_openers(opener_regex(forms), folded, toks)


def test_clitic_lookup_is_strip_clitics():
    known = {"قتيل": "killed", "جندي": "fighters"}
    look = CliticLookup(known, size=2)
    for w in ("والقتيل", "قتيلهم", "بالجندي", "جنديا", "كتاب", "والقتيل", "قتيلهم"):
        assert look(w) == strip_clitics(w, known)
    assert len(look._memo) <= 2


def test_a_group_scan_gives_each_member_its_own_indices():
    nums = NumberReader()
    dates = DateReader(numbers=nums)
    duals = Openers({"قتيلين", "جنديين"})
    group = OpenerGroup(nums._opener, dates._opener, duals, extra=(dates.past_words,))
    other = Openers({"خمسه", "انفجار"})  # not in the group: the scan is not used for it
    texts = [*TEXTS, "سقط قتيلين وجنديين اثنين يوم الخميس في 3 هجمات، وبعد خمسة أيام انفجار ثان",
             "في الأيام الأخيرة قتل 4 وفي الشهر الماضي قتل 7 خلال الساعات الـ48 الماضية"]
    seen = 0
    for text in texts:
        folded = fold(text)
        toks = tokens(folded)
        words = toks.words
        digits = digit_openers(folded, toks)
        scan = group.scan(words)
        for op in (nums._opener, dates._opener, duals, other):
            for d in (digits, [], None):
                got = op.indices(folded, toks, digits=d, scan=scan)
                assert got == op.indices(folded, toks, digits=d), (text, d)
                seen += len(got)
        assert nums.find(folded, toks, digits=digits, scan=scan) == nums.find(folded, toks)
        assert scan.select(dates.past_words) == [k for k, w in enumerate(words) if w in dates.past_words]
        assert scan.select(frozenset({"قتيلين"})) is None  # not one of the group's sets
        assert dates.find(folded, toks, None, scan=scan) == dates.find(folded, toks, None)
    assert seen > 40


def _digit_openers_by_tokens(folded: str, toks: Tokens) -> list[int]:
    # the rule per token: a digit token whose previous character is not a letter
    out = []
    for k, (s, w) in enumerate(zip(toks.starts, toks.words, strict=True)):
        p = folded[s - 1] if s else " "
        if w[0].isdecimal() and not (p.isalnum() and not p.isdecimal()):
            out.append(k)
    return out


def test_digit_openers_regex_is_the_token_rule():
    # digits after digits, separators, letters of every kind, symbols and the start of the text
    pieces = ["12", "1,500", "2.5", "3", ".", ",", "،", "-", "/", "ب", "a", "é", "²", "_", "ـ", " ", "\n",
              "٣", "قتيل"]
    texts = [a + b + c + d for a in pieces for b in pieces for c in pieces[:9] for d in ("", " 7")]
    texts += [fold(t) for t in TEXTS] + ["1.,2 و1,2,3 و.5 وa.5 و12..4", "ب91 و(91) 0933 123"]
    found = 0
    for text in texts:
        toks = tokens(text)
        got = digit_openers(text, toks)
        assert got == _digit_openers_by_tokens(text, toks), text
        found += len(got)
    assert found > 1000


def test_clitic_lookup_agrees_with_strip_clitics_on_real_lexicons():
    from marsad.arabic.counts import CountLexicon

    nums = NumberReader()
    counts = CountLexicon.load()
    # stems whose suffixed forms overlap (قتيل+هما and قتيله+ما; جندي+ه and جنديه+ا ...)
    tricky = {"قتيل": "a", "قتيله": "b", "قتيلهم": "c", "جندي": "d", "جنديه": "e", "ها": "f", "نا": "g"}
    checked = 0
    for known in (nums.lex.cues, nums.lex.units, counts.nouns, counts.cues, counts.members, tricky):
        for suffixes in (True, False):
            look = CliticLookup(known, suffixes=suffixes)
            stems = sorted(known)[::5] + ["قتيل", "جنديه", "ها", "ا", "مسلح", "كتاب"]
            for stem in stems:
                for pre in ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فب", "وبال", "لل", "ولل"):
                    for suf in ("", "هما", "هم", "هن", "ها", "نا", "ه", "ا", "ما", "ين"):
                        w = pre + stem + suf
                        assert look(w) == strip_clitics(w, known, suffixes=suffixes), (w, suffixes)
                        checked += 1
    assert checked > 10_000
