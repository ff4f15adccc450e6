"""The fast token scans of :mod:`marsad.arabic.numerals` give what the regex scans gave."""
from marsad.arabic.dates import DateReader
from marsad.arabic.normalise import fold
from marsad.arabic.numerals import (
    TOKEN_RE,
    CliticLookup,
    NumberReader,
    Openers,
    Tok,
    opener_regex,
    strip_clitics,
    tokenize,
)

TEXTS = [
    "قتل 12 شخصاً وأصيب خمسة وعشرون آخرون في انفجار بالمدينة أمس الأول.",
    "ووصل ب91 جريحا إلى المستشفى عام 2016، وفي الخامس من حزيران/يونيو عاد 3,500 نازح.",
    "#عاجل_5 مقتل العشرات وبالعشرات من المسلحين خلال الأيام الماضية (2.5 كم) x7 7x",
    "منذ أكثر من شهرين، يوم الأحد الماضي: ١٢ قتيلاً و²٣ و_4 و-5 و/6 و«سبعة»",
    "",
    "   ",
]


def _regex_openers(regex, folded: str, toks: list[Tok]) -> list[int]:
    index = {t.start: k for k, t in enumerate(toks)}
    return [index[m.start()] for m in regex.finditer(folded) if m.start() in index]


def test_tokenize_matches_token_regex():
    for text in TEXTS:
        folded = fold(text)
        assert tokenize(folded) == [Tok(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(folded)]


def test_openers_match_the_opener_regex():
    nums = NumberReader()
    dates = DateReader(numbers=nums)
    for forms in (nums.lex.words, dates._openers, {"خمسه", "عشرون"}):
        op, regex = Openers(forms), opener_regex(forms)
        assert op._regex is None  # single-word forms: the token scan is used
        for text in TEXTS:
            folded = fold(text)
            toks = tokenize(folded)
            assert op.indices(folded, toks) == _regex_openers(regex, folded, toks), text


def test_glued_digits_are_not_openers():
    folded = fold("وصل ب91 جريحا و 12 قتيلا")
    toks = tokenize(folded)
    got = [toks[i].text for i in Openers({"قتيل"}).indices(folded, toks)]
    assert got == ["12"]


def test_multiword_forms_fall_back_to_the_regex():
    forms = {"اول امس", "امس"}
    op = Openers(forms)
    assert op._regex is not None
    folded = fold("وصل أول أمس وغادر أمس")
    toks = tokenize(folded)
    assert op.indices(folded, toks) == _regex_openers(opener_regex(forms), folded, toks)


def test_clitic_lookup_is_strip_clitics():
    known = {"قتيل": "killed", "جندي": "fighters"}
    look = CliticLookup(known, size=2)
    for w in ("والقتيل", "قتيلهم", "بالجندي", "جنديا", "كتاب", "والقتيل", "قتيلهم"):
        assert look(w) == strip_clitics(w, known)
    assert len(look._memo) <= 2
