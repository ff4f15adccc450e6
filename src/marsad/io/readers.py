"""Reading inputs: .txt, .html, .jsonl, .jsonl.gz and directories of them, streamed.

:func:`iter_records` yields one plain dict per article, in input order, never holding more than
one JSONL line (or one file) in memory: either ``{"id", "text", "title"?, "published"?, ...}``
or ``{"id", "error": {"code", "message"}}`` for what cannot be read.  :func:`make_doc` turns a
record into a :class:`~marsad.doc.Doc`.  Records are plain dicts so they cross process
boundaries cheaply (see :mod:`marsad.parallel`).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from marsad import settings
from marsad.doc import Doc
from marsad.errors import MarsadError

SUPPORTED = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 each is one byte, and no other character has a byte
# below 0x80 but the ASCII ones, so their number in a text is the number of these bytes in its
# UTF-8 form (counted by deleting them: C-speed, several times faster than the regex scan).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _control_bytes(raw: bytes) -> int:
    """How many of ``raw``'s bytes are control bytes (``_CONTROL``'s characters as bytes)."""
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES))


def _count_control(text: str) -> int:
    """How many characters of ``text`` match ``_CONTROL`` (``len(_CONTROL.findall(text))``)."""
    return _control_bytes(text.encode("utf-8", "surrogatepass"))


def _suffix(p: Path) -> str:
    name = p.name.lower()
    for ext in sorted(SUPPORTED, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return p.suffix.lower()


def _doc_id(p: Path) -> str:
    name = p.name
    for ext in sorted(SUPPORTED, key=len, reverse=True):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return p.stem


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to read, in the order given; directories walked recursively in sorted order."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    fp = Path(root) / f
                    if _suffix(fp) in SUPPORTED:
                        out.append(fp)
        elif p.exists():
            out.append(p)
        else:
            raise MarsadError("E201", str(p))
    return out


def decode_bytes(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or BOM-marked UTF-16; E102/E103 otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise MarsadError("E103", f"bad UTF-16 at byte {exc.start}") from exc
    head = data[:8192]
    if b"\x00" in head or _control_bytes(head) > 0.1 * len(head):
        raise MarsadError("E102", "NUL or control bytes found")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MarsadError("E103", f"invalid UTF-8 at byte {exc.start}") from exc


def _err(id_: str, exc: MarsadError, **extra) -> dict:
    return {"id": id_, "error": exc.as_record(), **extra}


def input_bytes(paths: Iterable[str | os.PathLike]) -> int | None:
    """Total uncompressed size of the inputs (gzip: from its trailer), for progress and ETA."""
    total = 0
    for p in expand_paths(paths):
        try:
            size = p.stat().st_size
            if _suffix(p).endswith(".gz"):
                with p.open("rb") as f:
                    f.seek(-4, os.SEEK_END)
                    isize = int.from_bytes(f.read(4), "little")  # size mod 2**32 (last member)
                if isize < size:  # wrapped (> 4 GiB) or multi-member: unknown
                    return None
                size = isize
        except OSError:
            return None
        total += size
    return total


def iter_records(paths: Iterable[str | os.PathLike], *, published: str | None = None,
                 on_bytes: Callable[[int], None] | None = None) -> Iterator[dict]:
    """Stream article records (or error records) from the given paths, in input order.

    ``on_bytes(n)`` is called with the number of (uncompressed) bytes consumed for each record,
    so a progress bar can show an ETA for JSONL inputs of unknown record count.
    """
    max_chars = settings.get("max_doc_chars")
    for p in expand_paths(paths):
        ext = _suffix(p)
        if ext in (".jsonl", ".jsonl.gz", ".ndjson"):
            yield from _iter_jsonl(p, ext, published=published, on_bytes=on_bytes)
            continue
        did = _doc_id(p)
        if ext not in SUPPORTED:
            yield _err(did, MarsadError("E202", str(p)), source=str(p))
            continue
        try:
            size = p.stat().st_size
            if on_bytes is not None:
                on_bytes(size)
            if size > 4 * max_chars:
                raise MarsadError("E106", f"{size} bytes")
            text = decode_bytes(p.read_bytes())
            rec = {"id": did, "text": text, "source": str(p)}
            if ext in (".html", ".htm"):
                from marsad.io.html import extract_article

                rec.update(extract_article(text))
        except MarsadError as exc:
            yield _err(did, exc, source=str(p))
            continue
        except OSError as exc:
            yield _err(did, MarsadError("E107", f"{p}: {exc}"), source=str(p))
            continue
        if published and not rec.get("published"):
            rec["published"] = published
        yield rec


def _iter_jsonl(p: Path, ext: str, *, published: str | None,
                on_bytes: Callable[[int], None] | None = None) -> Iterator[dict]:
    max_line = settings.get("max_line_bytes")
    stem = _doc_id(p)
    lineno = 0
    try:
        f = gzip.open(p, "rb") if ext.endswith(".gz") else p.open("rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield _err(stem, MarsadError("E107", f"{p}: {exc}"), source=str(p))
        return
    with f:
        while True:
            try:
                raw = f.readline(max_line + 1)
            except (OSError, EOFError, zlib.error) as exc:
                yield _err(f"{stem}:{lineno + 1}", MarsadError("E107", f"{p} after line {lineno}: {exc}"),
                           source=f"{p}:{lineno + 1}")
                return
            if not raw:
                return
            lineno += 1
            if on_bytes is not None:
                on_bytes(len(raw))
            loc = f"{p}:{lineno}"
            if len(raw) > max_line and not raw.endswith(b"\n"):
                # skip the rest of an over-long line without holding it
                try:
                    while True:
                        chunk = f.readline(1 << 20)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                except (OSError, EOFError, zlib.error):
                    pass
                yield _err(f"{stem}:{lineno}", MarsadError("E106", f"line longer than {max_line} bytes"),
                           source=loc)
                continue
            if not raw.strip():
                continue
            yield _parse_line(raw, stem, lineno, loc, published)


def parse_jsonl_line(raw: bytes, *, path: str, lineno: int, published: str | None = None) -> dict | None:
    """The record for line ``lineno`` (1-based) of the JSONL file ``path``, exactly as
    :func:`iter_records` makes it (same ids for id-less lines, same error records); None for a
    blank line.  Used by :mod:`marsad.spark`, which reads lines itself."""
    stem = _doc_id(Path(path))
    loc = f"{path}:{lineno}"
    if len(raw) > settings.get("max_line_bytes"):
        return _err(f"{stem}:{lineno}", MarsadError("E106", f"line longer than {settings.get('max_line_bytes')} "
                                                            "bytes"), source=loc)
    if not raw.strip():
        return None
    return _parse_line(raw, stem, lineno, loc, published)


def _parse_line(raw: bytes, stem: str, lineno: int, loc: str, published: str | None) -> dict:
    fallback = f"{stem}:{lineno}"
    if raw.endswith(b"\n"):  # without its terminator, as Spark's line reader gives it
        raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _err(fallback, MarsadError("E103", f"line {lineno}, byte {exc.start}"), source=loc)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _err(fallback, MarsadError("E104", f"line {lineno}: {exc.msg} at column {exc.colno}"),
                    source=loc)
    return record_from_obj(obj, fallback=fallback, loc=loc, published=published)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _safe_str(value: object) -> str:
    """``str(value)`` with lone surrogates (from JSON ``\\udXXX`` escapes) replaced by U+FFFD, so
    that it can always be written as UTF-8."""
    s = value if isinstance(value, str) else str(value)
    return _SURROGATE.sub("\ufffd", s)


def record_from_obj(obj: object, *, fallback: str, loc: str, published: str | None = None) -> dict:
    """An article record (or error record) from one decoded JSON object or table row.

    Shared by the JSONL reader and :mod:`marsad.spark` (Parquet rows), so both produce the same
    records.  ``id``/``title``/``published``/``outlet``/``url`` must be strings (other values are
    converted; lone surrogates replaced); ``text`` must be a string that is valid Unicode (lone
    surrogates make it E103, since offsets into a repaired text would not be the input's).
    """
    if not isinstance(obj, dict):
        return _err(fallback, MarsadError("E104", f"{loc}: not a JSON object"), source=loc)
    rid = obj.get("id")
    rid = _safe_str(rid) if rid not in (None, "") else fallback
    text = obj.get("text")
    if not isinstance(text, str):
        return _err(rid, MarsadError("E105", loc), source=loc)
    try:  # a str encodes to UTF-8 unless it holds a surrogate (and at C speed, unlike a scan)
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # its start is the first surrogate's index
        return _err(rid, MarsadError("E103", f"{loc}: lone surrogate at character {exc.start}"),
                    source=loc)
    rec = {}
    for k in ("title", "published", "outlet", "url"):
        v = obj.get(k)
        if v is not None and not isinstance(v, dict | list):
            rec[k] = _safe_str(v)
    rec.update(id=rid, text=text, source=loc)
    if published and not rec.get("published"):
        rec["published"] = published
    return rec


def parse_date(value: str | None) -> str | None:
    """A publication date as YYYY-MM-DD, or None when absent or unparseable."""
    if not value:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def make_doc(rec: dict) -> Doc:
    """A Doc for a record from :func:`iter_records` (or an error Doc for an error record)."""
    rid = str(rec.get("id") or "doc")
    if "error" in rec:
        d = Doc.failed(id=rid, code=rec["error"]["code"], message=rec["error"]["message"])
        return d
    text = rec.get("text")
    if not isinstance(text, str):
        return Doc.failed(id=rid, **MarsadError("E105").as_record())
    max_chars = settings.get("max_doc_chars")
    if len(text) > max_chars:
        return Doc.failed(id=rid, **MarsadError("E106", f"{len(text)} characters > {max_chars}").as_record())
    sample = text[:8192]
    if "\x00" in sample or _count_control(sample) > 0.1 * len(sample):
        return Doc.failed(id=rid, **MarsadError("E102", "control characters in text").as_record())
    meta = {
        "title": rec.get("title") or None,
        "published": parse_date(rec.get("published")),
        "outlet": rec.get("outlet") or None,
        "url": rec.get("url") or None,
    }
    if rec.get("published") and meta["published"] is None:
        meta["published_raw"] = str(rec["published"])
    doc = Doc(text, id=rid, meta=meta)
    if not doc.clean.strip():  # nothing but spaces and invisible marks
        return Doc.failed(id=rid, **MarsadError("E101").as_record())
    return doc
