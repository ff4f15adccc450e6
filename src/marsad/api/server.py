"""``marsad serve``: the HTTP API and the web page, from one process.

Why the standard library's ``ThreadingHTTPServer`` rather than a framework: the API is a dozen
read-mostly JSON endpoints on a local machine; ``http.server`` needs no dependency, starts in
milliseconds, and is enough for an analyst's browser plus scripts.  Each request thread borrows a
database connection from a small pool (SQLite connections are not shared between threads at the
same time); writes additionally pass through one lock, so there is one writer.
"""
from __future__ import annotations

import hmac
import json
import logging
import mimetypes
import queue
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from marsad.api.routes import ROUTES
from marsad.errors import MarsadError
from marsad.store import open_store

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
MAX_BODY = 64 * 1024 * 1024
STATUS = {"E210": 400, "E212": 401, "E213": 404, "E209": 503}

NOT_BUILT = """<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>مرصد</title>
<body><h1>مرصد</h1><p>The web page is not built. Run <code>make web</code> (npm ci and the build step,
see docs/api.md), then restart <code>marsad serve</code>. The JSON API works: <a href="/api/stats">/api/stats</a>,
<a href="/openapi.json">/openapi.json</a>.</p></body></html>"""


class MarsadServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, *, db_url: str, token: str = "", pool_size: int = 4, static_dir: Path = STATIC):
        self.db_url = db_url
        self.token = token
        self.static_dir = static_dir
        self.write_lock = threading.Lock()
        first = open_store(db_url)  # creates / migrates once
        self.pool: queue.Queue = queue.Queue()
        self.pool.put(first)
        for _ in range(pool_size - 1):
            self.pool.put(open_store(db_url, migrate=False))
        self.routes = [(r, r.regex()) for r in ROUTES]
        super().__init__(addr, Handler)

    @contextmanager
    def db(self):
        conn = self.pool.get()
        try:
            yield conn
        finally:
            self.pool.put(conn)

    def server_close(self) -> None:
        super().server_close()
        while not self.pool.empty():
            self.pool.get().close()


class Handler(BaseHTTPRequestHandler):
    server: MarsadServer
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt: str, *args) -> None:  # route to logging, not stderr
        log.info("%s %s", self.address_string(), fmt % args)

    # ------------------------------------------------------------ responses
    def send_json(self, status: int, obj, media: str = "application/json") -> None:
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.send_bytes(status, data, f"{media}; charset=utf-8")

    def send_bytes(self, status: int, data: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error_json(self, status: int, code: str, message: str) -> None:
        self.send_json(status, {"error": {"code": code, "status": status, "message": message}})

    # ------------------------------------------------------------ dispatch
    def do_GET(self) -> None:
        self.dispatch("GET")

    def do_HEAD(self) -> None:
        self.dispatch("GET")

    def do_POST(self) -> None:
        self.dispatch("POST")

    def do_DELETE(self) -> None:
        self.dispatch("DELETE")

    def do_PUT(self) -> None:
        self.dispatch("PUT")

    def authorised(self) -> bool:
        token = self.server.token
        if not token:
            return False
        given = self.headers.get("Authorization", "")
        given = given[7:].strip() if given.lower().startswith("bearer ") else self.headers.get("X-Marsad-Token", "")
        return hmac.compare_digest(given.encode(), token.encode())

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            raise MarsadError("E210", f"body: larger than {MAX_BODY} bytes")
        if n == 0:
            return None
        raw = self.rfile.read(n)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MarsadError("E210", f"body: not valid UTF-8 JSON ({exc})") from None

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        qs = dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            if method == "GET" and path == "/openapi.json":
                from marsad.api.openapi import spec

                return self.send_json(200, spec())
            if method == "GET" and not path.startswith("/api/"):
                return self.serve_static(path)
            allowed = []
            for route, rx in self.server.routes:
                m = rx.match(path)
                if not m:
                    continue
                allowed.append(route.method)
                if route.method != method:
                    continue
                if route.write and not self.authorised():
                    # read the body anyway so the connection stays usable
                    self.rfile.read(min(int(self.headers.get("Content-Length") or 0), MAX_BODY))
                    return self.send_error_json(401, "E212", str(MarsadError("E212")))
                body = self.read_body() if method in ("POST", "PUT") else None
                with self.server.db() as db:
                    if route.write:
                        with self.server.write_lock:
                            out = route.handler(db, m.groupdict(), qs, body)
                    else:
                        out = route.handler(db, m.groupdict(), qs, body)
                return self.send_json(200, out, route.media)
            if allowed:
                return self.send_error_json(405, "E210", f"{method} not allowed on {path}; use {', '.join(allowed)}")
            return self.send_error_json(404, "E213", f"no endpoint {path}; see /openapi.json")
        except MarsadError as exc:
            return self.send_error_json(STATUS.get(exc.code, 500), exc.code, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
            log.exception("request %s %s failed", method, self.path)
            return self.send_error_json(500, "E109", f"internal error: {type(exc).__name__}: {exc}")

    def serve_static(self, path: str) -> None:
        root = self.server.static_dir.resolve()
        rel = "index.html" if path in ("/", "") else path.lstrip("/")
        if rel.startswith("static/"):
            rel = rel[len("static/"):]
        f = (root / rel).resolve()
        if root not in f.parents and f != root:
            return self.send_error_json(404, "E213", "no such file")
        if not f.is_file():
            if rel == "index.html":
                return self.send_bytes(200, NOT_BUILT.encode("utf-8"), "text/html; charset=utf-8")
            return self.send_error_json(404, "E213", f"no such file {path}")
        ctype = mimetypes.guess_type(f.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_bytes(200, f.read_bytes(), ctype)


def make_server(*, db_url: str, host: str = "127.0.0.1", port: int = 8765, token: str = "",
                static_dir: Path = STATIC) -> MarsadServer:
    return MarsadServer((host, port), db_url=db_url, token=token, static_dir=static_dir)
