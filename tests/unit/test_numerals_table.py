"""Table-driven tests of Arabic counts: value/range/qualifier and kind, on sentences written for
these tests.  Each row: (sentence, kind, value, low, high, qualifier).  The sentence must yield
a quantity with exactly these fields (other quantities may be present)."""
from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.stages.temporal import Temporal

N = None
COUNTS = [
    # digits, Arabic-Indic digits, separators
    ("قتل 25 شخصاً في الهجوم", "killed", 25, N, N, "exact"),
    ("قتل ٢٥ شخصاً في الهجوم", "killed", 25, N, N, "exact"),
    ("سقط 7 قتلى في القصف", "killed", 7, N, N, "exact"),
    ("أسفر الانفجار عن 14 قتيلاً", "killed", 14, N, N, "exact"),
    ("أسفر الانفجار عن ١٤ جريحاً", "wounded", 14, N, N, "exact"),
    ("نزح 1,500 شخص من القرية", "displaced", 1500, N, N, "exact"),
    ("وصل 12,000 لاجئ إلى الحدود", "displaced", 12000, N, N, "exact"),
    ("وصل ١٢٬٠٠٠ لاجئ إلى الحدود", "displaced", 12000, N, N, "exact"),
    ("انتشر 500 مقاتل في المدينة", "fighters", 500, N, N, "exact"),
    ("هاجم 33 مسلحاً من التنظيم القرية", "fighters", 33, N, N, "exact"),
    ("اعتقلت الشرطة 9 أشخاص", "arrested", 9, N, N, "exact"),
    ("اعتقال 40 مشتبهاً في المدينة", "arrested", 40, N, N, "exact"),
    ("أفرج عن 8 معتقلين أمس", "arrested", 8, N, N, "exact"),
    ("خطف مسلحون 12 مدنياً على الطريق", "kidnapped", 12, N, N, "exact"),
    ("ما زال 6 رهائن في قبضة الخاطفين", "kidnapped", 6, N, N, "exact"),
    ("يوجد 300 نازح في المخيم", "displaced", 300, N, N, "exact"),
    ("أصيب 18 مدنياً بجروح", "wounded", 18, N, N, "exact"),
    ("جرح 4 جنود في الاشتباك", "wounded", 4, N, N, "exact"),
    ("مقتل 3 جنود وإصابة 5 آخرين", "killed", 3, N, N, "exact"),
    ("مقتل 3 جنود وإصابة 5 آخرين", "wounded", 5, N, N, "exact"),
    ("شارك 20 جندياً في الدورية", "fighters", 20, N, N, "exact"),
    ("تسلل 15 عنصراً من الميليشيا", "fighters", 15, N, N, "exact"),
    ("قتل 15 عنصراً من الميليشيا", "killed", 15, N, N, "exact"),
    ("انشق 11 ضابطاً عن الجيش", "fighters", 11, N, N, "exact"),
    ("عثر على 5 جثث في النهر", "killed", 5, N, N, "exact"),
    ("ارتفع عدد الضحايا إلى 42 ضحية", "killed", 42, N, N, "exact"),
    ("استشهد 6 أشخاص في الغارة", "killed", 6, N, N, "exact"),
    ("تم توقيف 7 مطلوبين", "arrested", 7, N, N, "exact"),
    # digits with multiplier words
    ("بلغ عدد العناصر 60 ألف مقاتل", "fighters", 60000, N, N, "exact"),
    ("فر 3 آلاف نازح من البلدة", "displaced", 3000, N, N, "exact"),
    ("فر ٣ آلاف نازح من البلدة", "displaced", 3000, N, N, "exact"),
    ("يعيش 1.5 مليون لاجئ في البلاد", "displaced", 1500000, N, N, "exact"),
    ("يضم الجيش 20 ألف جندي", "fighters", 20000, N, N, "exact"),
    # number words: units with gender forms
    ("قتل ثلاثة أشخاص في الحادث", "killed", 3, N, N, "exact"),
    ("قتلت ثلاث نساء في القصف", "killed", 3, N, N, "exact"),
    ("أصيب أربعة مدنيين", "wounded", 4, N, N, "exact"),
    ("اعتقل خمسة مسلحين", "arrested", 5, N, N, "exact"),
    ("خطف ستة صحفيين", "kidnapped", 6, N, N, "exact"),
    ("قتل سبعة جنود", "killed", 7, N, N, "exact"),
    ("قتل ثمانية مقاتلين", "killed", 8, N, N, "exact"),
    ("قتلت ثماني نساء", "killed", 8, N, N, "exact"),
    ("أصيب تسعة أطفال", "wounded", 9, N, N, "exact"),
    ("قتل عشرة مسلحين", "killed", 10, N, N, "exact"),
    ("قتلت عشر نساء", "killed", 10, N, N, "exact"),
    ("قتل اثنان من الحراس", "killed", 2, N, N, "exact"),
    ("أصيب اثنين من المارة", "wounded", 2, N, N, "exact"),
    ("سقط خمس قتلى", "killed", 5, N, N, "exact"),
    ("وصل سبع لاجئين", "displaced", 7, N, N, "exact"),
    # teens
    ("قتل أحد عشر جندياً", "killed", 11, N, N, "exact"),
    ("قتلت إحدى عشرة امرأة", "killed", 11, N, N, "exact"),
    ("اعتقل اثنا عشر شخصاً", "arrested", 12, N, N, "exact"),
    ("اعتقل اثني عشر شخصاً", "arrested", 12, N, N, "exact"),
    ("أصيب ثلاثة عشر مدنياً", "wounded", 13, N, N, "exact"),
    ("قتل خمسة عشر مسلحاً", "killed", 15, N, N, "exact"),
    ("نزح تسعة عشر شخصاً", "displaced", 19, N, N, "exact"),
    # tens and compounds
    ("قتل عشرون شخصاً", "killed", 20, N, N, "exact"),
    ("قتل عشرين شخصاً", "killed", 20, N, N, "exact"),
    ("أصيب ثلاثون جندياً", "wounded", 30, N, N, "exact"),
    ("اعتقل أربعين مشتبهاً", "arrested", 40, N, N, "exact"),
    ("قتل خمسون مسلحاً", "killed", 50, N, N, "exact"),
    ("قتل ستين مسلحاً", "killed", 60, N, N, "exact"),
    ("خطف سبعون مدنياً", "kidnapped", 70, N, N, "exact"),
    ("نزح ثمانون شخصاً", "displaced", 80, N, N, "exact"),
    ("قتل تسعين شخصاً", "killed", 90, N, N, "exact"),
    ("قتل خمسة وعشرون شخصاً", "killed", 25, N, N, "exact"),
    ("قتل خمسة وعشرين شخصاً", "killed", 25, N, N, "exact"),
    ("أصيب ثلاثة وأربعون مدنياً", "wounded", 43, N, N, "exact"),
    ("قتل واحد وثلاثون جندياً", "killed", 31, N, N, "exact"),
    # hundreds
    ("قتل مئة شخص", "killed", 100, N, N, "exact"),
    ("قتل مائة شخص", "killed", 100, N, N, "exact"),
    ("اعتقل مئتا شخص", "arrested", 200, N, N, "exact"),
    ("اعتقلت الشرطة مئتي شخص", "arrested", 200, N, N, "exact"),
    ("نزح مائتان من السكان", "displaced", 200, N, N, "exact"),
    ("انتشر ثلاثمائة مقاتل", "fighters", 300, N, N, "exact"),
    ("انتشر خمسمائة مقاتل", "fighters", 500, N, N, "exact"),
    ("انتشر خمسمئة مقاتل", "fighters", 500, N, N, "exact"),
    ("انتشر ثلاث مئة مقاتل", "fighters", 300, N, N, "exact"),
    ("قتل مئة وخمسون مسلحاً", "killed", 150, N, N, "exact"),
    ("قتل سبعمائة وعشرون شخصاً", "killed", 720, N, N, "exact"),
    # thousands and millions in words
    ("نزح ألف شخص", "displaced", 1000, N, N, "exact"),
    ("نزح ألفا شخص", "displaced", 1000, N, N, "exact"),
    ("نزح ألفان من السكان", "displaced", 2000, N, N, "exact"),
    ("نزح ألفين من السكان", "displaced", 2000, N, N, "exact"),
    ("نزح ثلاثة آلاف شخص", "displaced", 3000, N, N, "exact"),
    ("يضم التنظيم ستين ألف مقاتل", "fighters", 60000, N, N, "exact"),
    ("يضم الجيش مئتي ألف جندي", "fighters", 200000, N, N, "exact"),
    ("نزح عشرة آلاف شخص", "displaced", 10000, N, N, "exact"),
    ("نزح ثلاثة آلاف وخمسمائة شخص", "displaced", 3500, N, N, "exact"),
    ("يعيش مليون لاجئ في البلاد", "displaced", 1000000, N, N, "exact"),
    ("يعيش ثلاثة ملايين لاجئ", "displaced", 3000000, N, N, "exact"),
    # vague words
    ("قتل بضعة أشخاص", "killed", N, 3, 9, "approx"),
    ("اعتقل بضع نساء", "arrested", N, 3, 9, "approx"),
    ("قتل العشرات من عناصر التنظيم", "killed", N, 10, 99, "approx"),
    ("سقط عشرات القتلى", "killed", N, 10, 99, "approx"),
    ("أصيب العشرات بجروح", "wounded", N, 10, 99, "approx"),
    ("انتشر مئات المقاتلين في الشوارع", "fighters", N, 100, 999, "approx"),
    ("اعتقل المئات من المحتجين", "arrested", N, 100, 999, "approx"),
    ("نزح آلاف المدنيين", "displaced", N, 1000, 9999, "approx"),
    ("نزح الآلاف من السكان", "displaced", N, 1000, 9999, "approx"),
    ("نزح عشرات الآلاف من السكان", "displaced", N, 10000, 99999, "approx"),
    ("نزح مئات الآلاف من السكان", "displaced", N, 100000, 999999, "approx"),
    ("نزح بضعة آلاف شخص", "displaced", N, 3000, 9999, "approx"),
    ("يعيش ملايين اللاجئين في المخيمات", "displaced", N, 1000000, 9999999, "approx"),
    ("تجمع مئات الرجال ضمن كتائب مسلحة", "fighters", N, 100, 999, "approx"),
    # modifiers
    ("قتل نحو 50 شخصاً", "killed", 50, N, N, "approx"),
    ("قتل قرابة 30 مسلحاً", "killed", 30, N, N, "approx"),
    ("نزح حوالي 2000 شخص", "displaced", 2000, N, N, "approx"),
    ("نزح زهاء ألف شخص", "displaced", 1000, N, N, "approx"),
    ("انتشر ما يقارب 400 مقاتل", "fighters", 400, N, N, "approx"),
    ("قتل 12 شخصاً تقريباً", "killed", 12, N, N, "approx"),
    ("أرسل التنظيم أكثر من 200 مسلحاً", "fighters", 200, 200, N, "at_least"),
    ("قتل ما لا يقل عن 70 شخصاً", "killed", 70, 70, N, "at_least"),
    ("اعتقل ما يزيد عن 100 شخص", "arrested", 100, 100, N, "at_least"),
    ("اعتقل ما يزيد على مئة شخص", "arrested", 100, 100, N, "at_least"),
    ("أصيب أكثر من عشرين مدنياً", "wounded", 20, 20, N, "at_least"),
    ("قتل 10 أشخاص على الأقل", "killed", 10, 10, N, "at_least"),
    ("قتل أقل من 10 أشخاص", "killed", 10, N, 10, "at_most"),
    ("اعتقل ما لا يزيد عن 30 شخصاً", "arrested", 30, N, 30, "at_most"),
    ("قتل نحو عشرات المسلحين", "killed", N, 10, 99, "approx"),
    # a verb after the count
    ("قال إن 12 مسلحاً لقوا مصرعهم في الاشتباك", "killed", 12, N, N, "exact"),
    ("ذكر المصدر أن 5 مدنيين أصيبوا بجروح", "wounded", 5, N, N, "exact"),
    # ranges
    ("قتل بين 5 و7 أشخاص", "killed", N, 5, 7, "approx"),
    ("قتل ما بين خمسة وسبعة أشخاص", "killed", N, 5, 7, "approx"),
    ("اعتقل من 20 إلى 30 شخصاً", "arrested", N, 20, 30, "approx"),
    ("أصيب 10-15 مدنياً", "wounded", N, 10, 15, "approx"),
    # duals
    ("قتل جنديين في الكمين", "killed", 2, N, N, "exact"),
    ("سقط قتيلان في الحادث", "killed", 2, N, N, "exact"),
    ("سقط قتيلين في الحادث", "killed", 2, N, N, "exact"),
    ("أصيب جريحان بشظايا", "wounded", 2, N, N, "exact"),
    ("اعتقلت الشرطة مسلحَين قرب الحاجز", "arrested", 2, N, N, "exact"),
    ("تسلل عنصران إلى الثكنة", "fighters", 2, N, N, "exact"),
    ("أطلق سراح رهينتين", "kidnapped", 2, N, N, "exact"),
    ("قتل جنديان اثنان", "killed", 2, N, N, "exact"),
    ("لقي جنديان مصرعهما", "killed", 2, N, N, "exact"),
    # a killing verb outranks a prisoner/refugee noun; status nouns outrank other verbs
    ("أدى التمرد إلى مقتل نحو 25 سجيناً", "killed", 25, N, N, "approx"),
    ("شنت الشرطة حملة اعتقال 5 لاجئين", "arrested", 5, N, N, "exact"),
    ("قتل شخص وجرح آخران", "wounded", 2, N, N, "exact"),
    ("أعلنت الوزارة وفاة 12 شخصاً", "killed", 12, N, N, "exact"),
    # 4-digit counts that are not years
    ("قتل 2000 مقاتل في المعارك", "killed", 2000, N, N, "exact"),
]

NOT_COUNTS = [
    "وقع الهجوم عام 2003 في المدينة",
    "وقع الهجوم في 2015",
    "اتصلوا على الرقم 0012022773659 للتبليغ",
    "للتواصل: +963 933 123 456",
    "هاتف 0933123456",
    "البالغ من العمر 45 عاماً",
    "كان عمره 30 حين اعتقل",
    "دفع الخاطفون 300 دولار",
    "بلغت الخسائر 5 ملايين دولار",
    "ارتفعت الأسعار 20% هذا العام",
    "ارتفعت الأسعار 20 بالمئة",
    "وصل الوفد في الساعة 5 مساء",
    "استمر القصف 3 ساعات",
    "استمر الحصار ثلاثة أشهر",
    "حكم عليه بالسجن 10 سنوات",
    "انسحب مسافة 15 كيلومتراً",
    "اجتمع مجلس الأمن لمناقشة القرار 2254",
    "تقدمت الفرقة 17 نحو البلدة",
    "انظر صفحة 12 من التقرير",
    "زار الموقع www.example.com/news/2016/123 للمزيد",
    "جرت الانتخابات في 12 حزيران 2016",
    "وصل الوفد في اليوم الثالث عشر من الشهر",
    "هرب العديد من مسلحي التنظيم",
    "قتل الكثير من عناصر التنظيم",
    "لست أدري ما حدث",
    "وروى أحد مقاتلي الكتيبة القصة",
    "خصص منزل لكل أسرة واحدة",
    "امتدت الأزمة 2015-2016 في البلاد",
]


@pytest.fixture(scope="module")
def stage() -> Temporal:
    return Temporal()


def _quantities(stage: Temporal, text: str) -> list[dict]:
    doc = stage(Doc(text, id="t", meta={"published": "2016-06-20"}))
    for q in doc.quantities:
        assert doc.text[q["start"]:q["end"]] == q["text"]
        ev = q["evidence"]
        assert ev["start"] <= q["start"] and q["end"] <= ev["end"]
    return doc.quantities


@pytest.mark.parametrize("text,kind,value,low,high,qualifier", COUNTS, ids=range(len(COUNTS)))
def test_count(stage, text, kind, value, low, high, qualifier):
    got = [(q["kind"], q["value"], q["low"], q["high"], q["qualifier"]) for q in _quantities(stage, text)]
    assert (kind, value, low, high, qualifier) in got, got


@pytest.mark.parametrize("text", NOT_COUNTS, ids=range(len(NOT_COUNTS)))
def test_not_a_count(stage, text):
    got = [q for q in _quantities(stage, text) if q["kind"] != "other" or q["value"] is not None]
    assert got == [], got


def test_table_size():
    assert len(COUNTS) + len(NOT_COUNTS) >= 150
