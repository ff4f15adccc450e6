"""Coded errors.  Every code says what went wrong and how to fix it.

Codes are stable (they appear in output records, logs and the HTTP API) and each one is listed
in ``docs/errors.md``; a test fails when one is missing there.
"""
from __future__ import annotations

#: code -> (short title, how to fix)
CODES: dict[str, tuple[str, str]] = {
    # input problems: they become error records, the batch goes on
    "E101": ("empty document", "The input has no text. Check the file or the record's 'text' field."),
    "E102": ("binary input", "The input looks binary (NUL or control bytes). Give Marsad UTF-8 text, "
                             "HTML or JSONL."),
    "E103": ("undecodable text", "The bytes are not valid UTF-8. Convert the file, e.g. "
                                 "`iconv -f CP1256 -t UTF-8 in.txt > out.txt`."),
    "E104": ("malformed JSON line", "The JSONL line is not a complete JSON object (truncated or broken). "
                                    "Fix or drop the line; other lines are processed."),
    "E105": ("missing text field", "A JSONL record needs a string 'text' field (and ideally an 'id')."),
    "E106": ("document too large", "The document exceeds the size limit (MARSAD_MAX_DOC_CHARS). Split it, "
                                   "or raise the limit."),
    "E107": ("unreadable file", "The file could not be opened or read (permissions, broken gzip, I/O error)."),
    "E108": ("no article text in HTML", "No article body was found in the HTML page."),
    "E109": ("analysis failed", "A pipeline stage raised an unexpected error on this document; please "
                                "report it with the document id. Other documents are not affected."),
    "E110": ("analysis timed out", "Analysing this document took longer than MARSAD_DOC_TIMEOUT seconds and was "
                                   "stopped; the batch goes on. Raise the limit, or report the document (a slow "
                                   "stage on it is a bug)."),
    # usage problems: the command stops with this message
    "E201": ("input path not found", "Check the path; give files or directories of .txt, .html, .jsonl, "
                                     ".jsonl.gz."),
    "E202": ("unsupported input type", "Marsad reads .txt, .html/.htm, .jsonl and .jsonl.gz (and "
                                       "directories of them)."),
    "E203": ("bad date", "Dates are given as YYYY-MM-DD, e.g. --published 2016-05-02."),
    "E204": ("stage requirements not met", "A pipeline stage needs a layer no earlier stage provides; "
                                           "add the providing stage before it."),
    "E205": ("resource missing", "A bundled data file is missing. Reinstall Marsad, or rebuild it with "
                                 "`make resources` (see docs/resources.md)."),
    "E206": ("resource checksum mismatch", "A data file does not match its catalogue checksum; rebuild "
                                           "it or set MARSAD_DATA_DIR to a good copy."),
    "E207": ("bad setting", "A MARSAD_* environment variable has a value of the wrong type; see "
                            "docs/settings.md."),
    "E208": ("output not writable", "The output path cannot be written; check the directory exists "
                                    "and is writable."),
    # store and HTTP API (marsad.store, marsad.api)
    "E209": ("database unavailable", "The database could not be opened or reached. For SQLite check the "
                                     "path; for PostgreSQL check the postgresql:// URL and that the server runs."),
    "E210": ("bad parameter", "A query or API parameter has a wrong value; the message names it and what "
                              "is accepted (see docs/api.md)."),
    "E211": ("database schema too new", "The database was written by a newer Marsad; upgrade Marsad."),
    "E212": ("token required", "Writes through the HTTP API need `Authorization: Bearer <MARSAD_TOKEN>`; "
                               "set MARSAD_TOKEN on the server and send the same token."),
    "E213": ("not found", "No article, event or cluster has that id; list them with the API first."),
    # knowledge base (marsad.resources.actors)
    "E214": ("bad actor file", "An actor knowledge-base file (bundled or in MARSAD_USER_ACTORS) has a bad "
                               "line; the message names the file and line. See docs/actors.md for the format."),
}


def describe(code: str) -> str:
    title, fix = CODES[code]
    return f"[{code}] {title}. {fix}"


class MarsadError(Exception):
    """An error with a stable code; str() includes the fix."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in CODES:  # pragma: no cover - programming error
            raise ValueError(f"unknown error code {code}")
        self.code = code
        self.detail = detail
        title, fix = CODES[code]
        msg = f"[{code}] {title}"
        if detail:
            msg += f": {detail}"
        super().__init__(f"{msg}. {fix}")

    def as_record(self) -> dict:
        return {"code": self.code, "message": str(self)}


def batch_exit_status(documents: int, failed: int, *, strict: bool = False) -> int:
    """The exit status of a batch command (extract, ingest, the Spark driver) that ran to the end.

    0 when no document failed, or when some did but others were analysed: every failure is an
    error record with its code and the summary line counts them, so one empty article in a
    corpus of thousands does not make the whole run look failed (and a caller that runs the
    command and reads its output, as the shared scorer does, gets the other records).  1 when
    every document failed (nothing was analysed: a wrong input), or with ``strict`` when any
    did.  Usage and environment errors (E2xx) stop the command with 2 before this point."""
    if not failed:
        return 0
    return 1 if strict or failed >= documents else 0
