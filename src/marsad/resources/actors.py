"""The actor knowledge base: loading, validation and an alias matcher over the folded view.

Actors live in JSONL files (one actor per line) under ``resources/data/actors/``; users add
their own files with ``MARSAD_USER_ACTORS`` (``:``-separated paths).  A user entry with the
same ``key`` as a bundled one replaces it; ``"disabled": true`` removes it.  The format is
documented in ``docs/actors.md``.

Matching works on the folded view of a Doc (hamza/alef, ة/ه and ى/ي variants fold together),
token by token: an alias may be preceded by clitic prefixes (و ف ب ل ك, and ل+ال written لل)
that are excluded from the match, must cover whole words, and the longest alias wins.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad import settings
from marsad.arabic.normalise import key as fold_key
from marsad.errors import MarsadError
from marsad.resources import data_dir

TYPES = frozenset({"PERSON", "ORG", "ARMED_GROUP", "STATE_FORCE", "MEDIA", "NORP"})
#: ACLED actor categories and their ``inter`` codes.
CATEGORIES = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external forces": 8,
}
WORD_RE = re.compile(r"[^\W_]+")
CONJ = "وف"
PREP = "بلك"


@dataclass(frozen=True, slots=True)
class Actor:
    key: str
    type: str
    name: str
    name_en: str | None = None
    wikidata: str | None = None
    country: str | None = None
    actor_category: str | None = None
    inter: int | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()  # valid only after the actor was named in the document
    quoted: tuple[str, ...] = ()  # names that count only in quotes or parentheses («الميادين»، (وام))
    nisba: tuple[str, ...] = ()  # adjectives for its members (كردي for a Kurdish party)
    heads: tuple[str, ...] = ()  # generic heads that can refer back to it (تنظيم, حركة ...)
    block_next: tuple[str, ...] = ()  # a match is refused when one of these words follows
    block_prev: tuple[str, ...] = ()  # ... or when one of these words comes right before it
    source: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """An alias found in the folded view: clean-view span, actor key, whether it is a short form."""

    start: int
    end: int
    key: str
    short: bool = False


class _Tok:
    """A word token for :meth:`ActorKB.find` (the entities stage passes its own tokens)."""

    __slots__ = ("cs", "ce", "f", "stems", "fl")

    def __init__(self, cs: int, ce: int, f: str) -> None:
        self.cs, self.ce, self.f = cs, ce, f
        self.stems = clitic_stems(f)
        self.fl = -1


def alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(fold_key(alias)))


def abd_variants(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The alias written the other way round where it has "عبد" + a definite word: عبد الله
    and عبدالله are one name, spelt joined or apart about equally often in news."""
    joined: list[str] = []
    split: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "عبد" and i + 1 < len(toks) and toks[i + 1].startswith("ال"):
            joined.append(t + toks[i + 1])
            split += [t, toks[i + 1]]
            i += 2
            continue
        if t.startswith("عبدال") and len(t) > 6:
            split += ["عبد", t[3:]]
        else:
            split.append(t)
        joined.append(t)
        i += 1
    return [v for v in {tuple(joined), tuple(split)} if v != toks]


def clitic_stems(tok: str) -> list[tuple[int, str]]:
    """(offset, stem) readings of a folded token: itself, and with clitic prefixes removed.

    ``offset`` is how many letters of the token the prefixes take; for ل + ال written لل the
    stem is given back its alef (للجيش → الجيش at offset 1, so the mention reads لجيش).
    """
    out = [(0, tok)]
    if len(tok) >= 4 and tok[0] in CONJ:
        out.append((1, tok[1:]))
    for off, s in list(out):
        if len(s) >= 3 and s[0] in PREP:
            out.append((off + 1, s[1:]))
            if s[0] == "ل" and s[1] == "ل":
                out.append((off + 1, "ا" + s[1:]))
    return out


def clitic_forms(stem: str) -> set[str]:
    """The folded tokens one of whose :func:`clitic_stems` readings is ``stem`` (its inverse).

    The readings of a token t are t; t[1:] after a conjunction when t has 4+ letters; then,
    of t or that, the rest after a preposition when it has 3+ letters, and for لل that rest
    given back its alef.  So ``stem`` (n letters) is a reading of exactly: itself; conjunction
    + stem (n >= 3); preposition + stem, with or without a conjunction before (n >= 2); and
    for a stem ال... of 3+ letters, ل + stem[1:] (لل...) with or without a conjunction."""
    n = len(stem)
    out = {stem}
    if n >= 3:
        out.update([c + stem for c in CONJ])
    if n >= 2:
        for p in PREP:
            out.add(p + stem)
            out.update([c + p + stem for c in CONJ])
    if n >= 3 and stem.startswith("ال"):
        ll = "ل" + stem[1:]
        out.add(ll)
        out.update([c + ll for c in CONJ])
    return out


def _str_list(rec: dict, name: str, where: str) -> tuple[str, ...]:
    v = rec.get(name) or []
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise MarsadError("E214", f"{where}: '{name}' must be a list of strings")
    return tuple(x.strip() for x in v if x.strip())


def parse_actor(rec: dict, where: str) -> Actor:
    """Validate one JSON record into an :class:`Actor` (E214 on a bad record)."""
    if not isinstance(rec, dict):
        raise MarsadError("E214", f"{where}: a line must be a JSON object")
    for req in ("key", "type", "name"):
        if not isinstance(rec.get(req), str) or not rec[req].strip():
            raise MarsadError("E214", f"{where}: missing or empty '{req}'")
    if rec["type"] not in TYPES:
        raise MarsadError("E214", f"{where}: type {rec['type']!r} is not one of {sorted(TYPES)}")
    cat = rec.get("actor_category")
    if cat is None and rec.get("kind") == "government":
        cat = "state forces"   # ACLED codes a government as a state actor (inter 1)
    if cat is not None and cat not in CATEGORIES:
        raise MarsadError("E214", f"{where}: actor_category {cat!r} is not one of {sorted(CATEGORIES)}")
    wd = rec.get("wikidata")
    if wd is not None and not (isinstance(wd, str) and re.fullmatch(r"Q[1-9]\d*", wd)):
        raise MarsadError("E214", f"{where}: wikidata {wd!r} is not a Q-identifier")
    inter = rec.get("inter", CATEGORIES.get(cat) if cat else None)
    return Actor(
        key=rec["key"].strip(), type=rec["type"], name=rec["name"].strip(),
        name_en=rec.get("name_en"), wikidata=wd, country=rec.get("country"),
        actor_category=cat, inter=inter, kind=rec.get("kind"),
        aliases=_str_list(rec, "aliases", where), short=_str_list(rec, "short", where),
        quoted=_str_list(rec, "quoted", where),
        nisba=_str_list(rec, "nisba", where), heads=_str_list(rec, "heads", where),
        block_next=_str_list(rec, "block_next", where), block_prev=_str_list(rec, "block_prev", where),
        source=where,
    )


def read_actor_file(p: Path) -> Iterator[tuple[dict, str]]:
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise MarsadError("E214", f"{p}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            yield json.loads(line), f"{p.name}:{n}"
        except json.JSONDecodeError as exc:
            raise MarsadError("E214", f"{p.name}:{n}: not valid JSON ({exc.msg})") from exc


def bundled_files() -> list[Path]:
    d = data_dir() / "actors"
    if not d.is_dir():
        raise MarsadError("E205", f"actors/ not found in {data_dir()}")
    return sorted(d.glob("*.jsonl"))


def user_files() -> list[Path]:
    raw = settings.get("user_actors")
    out = []
    for part in (raw or "").split(":"):
        if part.strip():
            p = Path(part.strip()).expanduser()
            if not p.exists():
                raise MarsadError("E214", f"MARSAD_USER_ACTORS names {p}, which does not exist")
            out.append(p)
    return out


@dataclass
class ActorKB:
    """All actors by key, and the token-sequence indexes the matcher uses."""

    actors: dict[str, Actor]
    head_words: frozenset[str] = frozenset()
    _index: dict[tuple[str, ...], list[tuple[str, bool]]] = field(default_factory=dict, repr=False)
    _longest: dict[str, int] = field(default_factory=dict, repr=False)
    _prefixes: set[tuple[str, ...]] = field(default_factory=set, repr=False)  # of longer aliases
    # first word of an alias of 2+ words -> the second words of those aliases
    _seconds: dict[str, set[str]] = field(default_factory=dict, repr=False)
    # folded form -> its clitic readings that start an alias: (offset, reading, longest alias
    # length, the one-word alias's keys or None, the second words of longer aliases)
    _readings: dict[str, tuple[tuple, ...]] = field(default_factory=dict, repr=False)
    # actor key -> its folded block_next and block_prev words (only actors that have some)
    _blocks: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index.clear()
        self._longest.clear()
        self._prefixes.clear()
        self._seconds.clear()
        self._readings.clear()
        self._blocks = {a.key: (frozenset(map(fold_key, a.block_next)), frozenset(map(fold_key, a.block_prev)))
                        for a in self.actors.values() if a.block_next or a.block_prev}
        for a in self.actors.values():
            for alias in (a.name, *a.aliases):
                self._add(alias_tokens(alias), a.key, False)
            for alias in a.short:
                self._add(alias_tokens(alias), a.key, True)

    def _add(self, toks: tuple[str, ...], k: str, short: bool) -> None:
        """Index an alias and its other spelling of عبد + a definite word (:func:`abd_variants`)."""
        for v in (toks, *abd_variants(toks)):
            self._add_one(v, k, short)

    def _add_one(self, toks: tuple[str, ...], k: str, short: bool) -> None:
        if not toks:
            return
        lst = self._index.setdefault(toks, [])
        if (k, short) not in lst:
            lst.append((k, short))
        if len(toks) > self._longest.get(toks[0], 0):
            self._longest[toks[0]] = len(toks)
        for n in range(1, len(toks)):
            self._prefixes.add(toks[:n])
        if len(toks) >= 2:
            self._seconds.setdefault(toks[0], set()).add(toks[1])

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, *, files: Iterable[Path] | None = None, user: bool = True,
             head_words: Iterable[str] = ()) -> ActorKB:
        """Bundled files (or ``files``), then the user's files from ``MARSAD_USER_ACTORS``."""
        paths = list(files) if files is not None else bundled_files()
        extra = user_files() if user else []
        actors: dict[str, Actor] = {}
        for p in paths:
            for rec, where in read_actor_file(p):
                a = parse_actor(rec, where)
                if a.key in actors:
                    raise MarsadError("E214", f"{where}: duplicate key {a.key!r} (also in {actors[a.key].source})")
                actors[a.key] = a
        for p in extra:  # user files override bundled entries with the same key
            for rec, where in read_actor_file(p):
                if isinstance(rec, dict) and rec.get("disabled") and isinstance(rec.get("key"), str):
                    actors.pop(rec["key"], None)
                    continue
                a = parse_actor(rec, where)
                actors[a.key] = a
        return cls(actors, frozenset(fold_key(h) for h in head_words))

    def get(self, k: str | None) -> Actor | None:
        return self.actors.get(k) if k else None

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(self, alias: str) -> list[tuple[str, bool]]:
        """Actor keys (and whether as a short form) for an exact alias, folded."""
        return list(self._index.get(alias_tokens(alias), []))

    # ------------------------------------------------------------ matching
    def may_start(self, stems: Iterable[tuple[int, str]]) -> bool:
        """Whether an alias can start at a token with these clitic readings."""
        return any(s in self._longest for _, s in stems)

    def start_words(self) -> list[str]:
        """The words an alias starts with: :meth:`may_start` holds for readings among them."""
        return list(self._longest)

    def find(self, folded: str, spans: Iterable[tuple[int, int]]) -> list[Match]:
        """Leftmost-longest alias matches inside each (start, end) region of the folded text."""
        out: list[Match] = []
        for rs, re_ in spans:
            toks = [_Tok(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(folded, rs, re_)]
            out += self._find_tokens(folded, toks)
        return out

    def find_tokens(self, folded: str, regions: Iterable[list], *, mask: int = -1) -> list[Match]:
        """:meth:`find` over regions already tokenised with ``WORD_RE`` over ``folded``: one
        sequence per region, either a list of tokens with ``cs``, ``f`` and ``fl`` or an
        :class:`~marsad.stages.entity_rules.Region` (read through its ``forms``, ``fls``,
        ``starts`` and ``marked`` lists, making no token).  Only tokens with a bit of ``mask`` in
        ``fl`` are tried as the start of an alias (the caller sets that bit on every form for
        which :meth:`may_start` holds); their alias-starting :func:`clitic_stems` readings are
        remembered per form."""
        out: list[Match] = []
        for toks in regions:
            out += self._find_tokens(folded, toks, mask)
        return out

    def _find_tokens(self, folded: str, toks, mask: int = -1) -> list[Match]:
        # Read through the tokeniser's per-region lists (forms, flags, starts, marked) when the
        # sequence has them (entity_rules.Region), so that no token object is made: a token is
        # needed only for the clitic readings of a flagged start token.  A token's end is its
        # start plus its form's length (the form is the folded text of its span), so the text
        # between two tokens is read from the folded view with no object.
        n = len(toks)
        forms = getattr(toks, "forms", None)
        if forms is None:  # a plain list of tokens
            forms = [t.f for t in toks]
            starts = [t.cs for t in toks]
            fls = [t.fl for t in toks]
            marked = range(n)
        else:
            starts = toks.starts
            fls = toks.fls
            marked = toks.marked  # the tokens with any flag: the only ones with our bit

        def joinable(i: int) -> bool:
            """Token i and i+1 are separated by spaces (or a hyphen) only."""
            if i + 1 >= n:
                return False
            gap = folded[starts[i] + len(forms[i]):starts[i + 1]]
            return gap == " " or (gap.strip(" -") == "" and "\n" not in gap)

        out: list[Match] = []
        i = 0
        index = self._index
        prefixes = self._prefixes
        # a token none of whose readings starts an alias has no match: only the flagged are tried
        for k in [k for k in marked if fls[k] & mask]:
            if k < i:
                continue  # inside the previous match
            i = k
            best: tuple[int, int, int, list[tuple[str, bool]]] | None = None  # (len, -off, off, keys)
            for off, stem, longest, one, seconds in self._start_readings(forms[i]):
                cands = [(1, one)] if one else []
                # an alias of 2+ words goes on with one of its second words: when the next
                # form is none of them, (stem, next) is neither an alias nor the start of one
                # and the loop below would stop there (joinable has no side effect)
                if i + 1 < n and forms[i + 1] in seconds and joinable(i):
                    j = i + 1
                    seq = [stem, forms[j]]
                else:
                    j = -1
                while j >= 0:
                    tup = tuple(seq)
                    hit = index.get(tup)
                    if hit:
                        cands.append((len(seq), hit))
                    # no alias goes on from a sequence that starts none longer
                    if len(seq) >= longest or tup not in prefixes or not joinable(j):
                        break
                    j += 1
                    seq.append(forms[j])
                # the word before, when only spaces separate it (الكتاب of الكتاب والسنة)
                prev = forms[i - 1] if i > 0 and joinable(i - 1) else None
                for ln, hit in reversed(cands):
                    hit = self._filter_block(hit, forms, i + ln, joinable(i + ln - 1), prev)
                    if hit and (best is None or (ln, -off) > (best[0], best[1])):
                        best = (ln, -off, off, hit)
                    if hit:
                        break
            if best is None:
                continue
            ln, _, off, hit = best
            last = i + ln - 1
            start, end = starts[i] + off, starts[last] + len(forms[last])
            for key, short in hit:
                out.append(Match(start, end, key, short))
            i += ln
        return out

    def _start_readings(self, form: str) -> tuple[tuple, ...]:
        """(offset, stem, longest alias length, keys of the one-word alias ``stem`` or None,
        second words of the longer aliases starting with it) of each :func:`clitic_stems`
        reading of a folded form at which an alias starts, in the readings' order; remembered
        per form (up to 100,000 forms)."""
        got = self._readings.get(form)
        if got is None:
            longest, index, seconds = self._longest, self._index, self._seconds
            got = tuple([(off, s, longest[s], index.get((s,)), seconds.get(s, ()))
                         for off, s in clitic_stems(form) if s in longest])
            if len(self._readings) < 100_000:
                self._readings[form] = got
        return got

    def _filter_block(self, hit, forms: list[str], nxt: int, joined: bool, prev: str | None = None):
        """The hits whose actor accepts the word after the alias (``block_next``: القاعدة العسكرية
        is a base) and the word before it (``block_prev``: هذه السنة is a year, not the Sunnis)."""
        follow = forms[nxt] if nxt < len(forms) and joined else None
        if follow is None and prev is None:
            return hit
        blocks = self._blocks
        keep = []
        for k, short in hit:
            blk = blocks.get(k)
            if blk is not None and (follow in blk[0] or prev in blk[1]):
                continue
            keep.append((k, short))
        return keep
