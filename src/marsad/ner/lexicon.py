"""The NER tagger's name lexicon: folded names from lists the project keeps anyway, never from
the training data, so the CRF's ``lx=`` features fire on names it never saw in training.

* the actor knowledge base (``resources/data/actors/*.jsonl``): every name and alias, labelled
  ``KP`` (person), ``KO`` (organisation, armed group, state force, media) or ``KN`` (group of
  people);
* the gazetteer (``resources/data/gazetteer.sqlite``): names (not demonyms) of countries and
  regions (``GC``), provinces and districts (``GA``) and cities (``GT``) — villages,
  neighbourhoods and sites are left out (too many of their names are ordinary words), and so is
  the gazetteer's list of common words.

Keys are folded (:func:`marsad.arabic.normalise.key`) and written as the tagger's tokens are:
punctuation inside a name splits it like the segmenter does, so only names of word tokens are
kept.  A name of more than ``max_words`` words is left out.

Building it (:func:`build_lexicon`) reads the actor files and scans the gazetteer, about half a
second of CPU in every process that tags.  The bundled sources' lexicon is therefore committed
as ``resources/data/ner_lexicon.tsv.gz`` (``python -m marsad.build.ner_lexicon``) and
:func:`load_lexicon` reads that file (~50 ms) unless ``MARSAD_DATA_DIR`` points at other data;
a unit test keeps the file equal to a fresh build.
"""
from __future__ import annotations

import gzip
import re
import sqlite3
from collections.abc import Iterable

from marsad.arabic.normalise import key as fold_key

_KB_LABEL = {"PERSON": "KP", "ORG": "KO", "ARMED_GROUP": "KO", "STATE_FORCE": "KO", "MEDIA": "KO", "NORP": "KN"}
_GAZ_LABEL = {"country": "GC", "region": "GC", "admin1": "GA", "admin2": "GA", "city": "GT"}
#: The committed lexicon of the bundled sources (one ``key<TAB>label,label`` line per name).
LEXICON_FILE = "ner_lexicon.tsv.gz"
_WORDS = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")


def _add(out: dict[str, set[str]], name: str, label: str, max_words: int) -> None:
    k = fold_key(name)
    if k and _WORDS.match(k) and k.count(" ") < max_words:
        out.setdefault(k, set()).add(label)


def kb_names(actors: Iterable) -> Iterable[tuple[str, str]]:
    """(name, label) for every name and alias of knowledge-base actors."""
    for a in actors:
        lab = _KB_LABEL.get(a.type)
        if lab:
            for n in (a.name, *a.aliases):
                yield n, lab


def gazetteer_names(db: sqlite3.Connection, common: frozenset[str] = frozenset()) -> Iterable[tuple[str, str]]:
    """(folded name, label) for the gazetteer's countries, regions, provinces and cities."""
    kinds = tuple(_GAZ_LABEL)
    rows = db.execute(
        "SELECT n.key, p.kind FROM names n JOIN places p ON p.pid = n.pid "
        f"WHERE n.how != 2 AND p.kind IN ({','.join('?' * len(kinds))})", kinds)
    for k, kind in rows:
        if k not in common:
            yield k, _GAZ_LABEL[kind]


def build_lexicon(*, max_words: int = 4, kb: bool = True, gazetteer: bool = True) -> dict[str, tuple[str, ...]]:
    """The lexicon built from the knowledge base and gazetteer of the data directory: folded
    name → sorted labels."""
    out: dict[str, set[str]] = {}
    if kb:
        from marsad.resources.actors import ActorKB

        for n, lab in kb_names(ActorKB.load(user=False).actors.values()):
            _add(out, n, lab, max_words)
    if gazetteer:
        from marsad.resources.gazetteer import Gazetteer

        gaz = Gazetteer()
        try:
            common = frozenset(gaz.stopwords)
        except (AttributeError, OSError):  # an older gazetteer without the common-word list
            common = frozenset()
        for k, lab in gazetteer_names(gaz.db, common):
            _add(out, k, lab, max_words)
        gaz.close()
    return {k: tuple(sorted(v)) for k, v in out.items()}


def dump_lexicon(lex: dict[str, tuple[str, ...]]) -> str:
    """The committed file's text: a comment line, then ``key<TAB>labels`` sorted by key (keys
    are letters and spaces only, so never a tab, a newline or a leading ``#``)."""
    head = "# NER lexicon: folded name<TAB>labels (built by python -m marsad.build.ner_lexicon; do not edit)\n"
    return head + "".join(f"{k}\t{','.join(lex[k])}\n" for k in sorted(lex))


def read_lexicon(text: str) -> dict[str, tuple[str, ...]]:
    """Parse :func:`dump_lexicon`'s text back into the same dict."""
    lines = text.splitlines()
    if lines and lines[0].startswith("#"):
        del lines[0]
    labels: dict[str, tuple[str, ...]] = {}  # one tuple per distinct label set (a dozen of them)
    out = {}
    for ln in lines:
        k, _, lab = ln.partition("\t")
        t = labels.get(lab)
        if t is None:
            t = labels[lab] = tuple(lab.split(","))
        out[k] = t
    return out


def load_lexicon(*, max_words: int = 4, kb: bool = True, gazetteer: bool = True) -> dict[str, tuple[str, ...]]:
    """The lexicon of the bundled knowledge base and gazetteer: folded name → sorted labels.

    With the default options and the package's own data directory this is the committed
    ``ner_lexicon.tsv.gz`` (built from exactly those sources, kept equal by a unit test); with
    ``MARSAD_DATA_DIR`` elsewhere, other options or no committed file it is built from the sources."""
    from marsad.resources import PACKAGE_DATA, data_dir

    committed = PACKAGE_DATA / LEXICON_FILE
    if (max_words, kb, gazetteer) == (4, True, True) and committed.exists() \
            and data_dir().resolve() == PACKAGE_DATA.resolve():
        return read_lexicon(gzip.decompress(committed.read_bytes()).decode("utf-8"))
    return build_lexicon(max_words=max_words, kb=kb, gazetteer=gazetteer)
