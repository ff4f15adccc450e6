"""The searchable form of Arabic text: folded letters, no diacritics, clitics and light stems.

Both the indexed text and every query go through :func:`stems`, so a word matches whatever
proclitics (و ف ب ك ل), article (ال) or common suffix it carries in either place: الموصل, وبالموصل
and الْمَوْصِل all become ``موصل``.  SQLite's FTS5 indexes this form directly (its tokenizer only
splits on spaces); PostgreSQL's ``arabic`` configuration stems it once more, on both sides too.

Proclitic stripping is repeated while at least three letters remain, so it is a function of the
word's letters alone (``f(و + w) == f(w)``): stripping one clitic never makes a word index
differently from the same word without it.  That is deliberately recall-first; ranking (bm25 /
ts_rank) keeps the closest matches on top.
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.arabic.normalise import key

#: single-letter proclitics (conjunctions و ف, prepositions ب ك ل) and the article (ال, لل)
PROCLITICS_2 = ("ال", "لل")
PROCLITICS_1 = ("و", "ف", "ب", "ك", "ل")
#: light suffixes, longest first (after folding: ة→ه, ى→ي); stripped once
SUFFIXES = ("هما", "كما", "تين", "ها", "هم", "هن", "كم", "نا", "ات", "ان", "ون", "ين", "يه", "ه", "ي")
MIN_STEM = 3

_WORD_RE = re.compile(r"[0-9A-Za-z\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF]+")


@lru_cache(maxsize=262144)  # a pure function of one word; news vocabulary repeats heavily
def stem(word: str) -> str:
    """Light stem of one already-folded word (see module doc)."""
    w = word
    changed = True
    while changed:
        changed = False
        for p in PROCLITICS_2:
            if w.startswith(p) and len(w) - 2 >= MIN_STEM:
                w = w[2:]
                changed = True
                break
        else:
            if w[:1] in PROCLITICS_1 and len(w) - 1 >= MIN_STEM:
                w = w[1:]
                changed = True
    for s in SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= MIN_STEM:
            return w[: -len(s)]
    return w


def words(text: str) -> list[str]:
    """Folded words of ``text`` (letters and digits only), lower-cased for Latin script."""
    return _WORD_RE.findall(key(text).lower())


def stems(text: str) -> list[str]:
    return [stem(w) if not w.isascii() else w for w in words(text)]


def index_form(text: str) -> str:
    """The space-separated stems of ``text``: what the full-text index stores."""
    return " ".join(stems(text))


_QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(q: str) -> list[list[str]]:
    """Query → list of required terms; each term is a phrase (a list of stems, one or more).

    ``"قصف جوي" الموصل`` → ``[["قصف", "جو"], ["موصل"]]``.  Quotes mark phrases; all terms are
    required (AND).  Punctuation inside words is ignored, so no input can break the FTS syntax.
    """
    terms: list[list[str]] = []
    for m in _QUERY_RE.finditer(q.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"')):
        s = stems(m.group(1) if m.group(1) is not None else m.group(2))
        if not s:
            continue
        if m.group(1) is not None:
            terms.append(s)
        else:
            terms.extend([x] for x in s)
    return terms


def fts5_match(terms: list[list[str]]) -> str:
    """FTS5 MATCH expression: every term a quoted phrase, ANDed."""
    return " AND ".join('"' + " ".join(t) + '"' for t in terms)


def pg_tsquery(terms: list[list[str]]) -> str:
    """A PostgreSQL ``websearch_to_tsquery`` string for the same terms."""
    return " ".join('"' + " ".join(t) + '"' if len(t) > 1 else t[0] for t in terms)
