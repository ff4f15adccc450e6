"""Quotes stage: token ranges stay inside the block (regressions for IndexError crashes on real
news).  Arabic sentences written for these tests."""
from __future__ import annotations

from tests.unit.test_quotes_cues import content, eid, run


def test_unclosed_quoted_name_after_subject_at_block_end():
    # «الوطن is a short quotation that never closes: the subject after the cue runs to the end of
    # the sentence, not past the block's last token.
    doc = run("انتهى الاجتماع دون اتفاق، وقالت صحيفة «الوطن")
    assert all(q["cue"]["text"] == "وقالت" for q in doc.quotes)


def test_unclosed_quoted_name_with_full_stop_and_named_outlet():
    doc = run("انتهى الاجتماع دون اتفاق، وقالت صحيفة «الوطن.\n", [("الوطن", "MEDIA")])
    for q in doc.quotes:
        assert q["speaker"] in (None, eid(doc, "الوطن"))


def test_unclosed_quoted_name_ends_paragraph_before_another():
    # the quotation pairs only inside its block: the next paragraph is not part of the subject
    text = "انتهى الاجتماع دون اتفاق، وقالت صحيفة «الوطن\n\nوعاد الوفد إلى بلاده مساء أمس.\n"
    doc = run(text)
    for q in doc.quotes:
        assert q["content"]["end"] <= text.index("\n")


def test_quoted_name_closed_in_its_sentence_still_read_as_subject():
    doc = run("وقال المتحدث باسم «لجنة الإغاثة» إن القوافل وصلت إلى القرى المحاصرة.\n",
              [("لجنة الإغاثة", "ORG")])
    [q] = doc.quotes
    assert q["speaker"] == eid(doc, "لجنة الإغاثة")
    assert content(doc, q).startswith("إن القوافل")
