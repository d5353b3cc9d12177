"""A static server on 127.0.0.1 that answers the way GitHub Pages does: the tests and the benchmark serve
built sites through it.

GitHub Pages compresses text responses with gzip, sends `Cache-Control: max-age=600` and an ETag (and 304
Not Modified to a request that names it) and answers an unknown path with the site's 404.html and status
404. Lighthouse's transfer sizes are only meaningful with the compression readers get, and the browser tests
see the caching readers get. Standard library only.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import sys
import threading
from pathlib import Path

# What GitHub Pages compresses: text, plus the JSON/XML/SVG that MkDocs and Material emit.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# gzip's default level, which is what `gzip file` and most servers use.
LEVEL = 6


@functools.lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=LEVEL, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as every real host offers (GitHub Pages speaks HTTP/2): with HTTP/1.0 each request would
    # pay for a new connection, which Lighthouse's simulation counts as extra round trips.
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".json": "application/json",
                      ".xml": "application/xml", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}

    def log_message(self, *args):
        pass

    # Test options, off by default (PagesServer sets them): a snippet inserted at the start of every HTML
    # page's <head>, and headers sent with every response.
    head = b""
    extra_headers: dict = {}

    def end_headers(self):
        if "Cache-Control" not in self.extra_headers:  # a test may ask for another (no-cache: see each new build)
            self.send_header("Cache-Control", "max-age=600")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
            if not path.is_file():
                self.send_error(404)
                return None
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        gzipped = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if self.head and ctype == "text/html":
            body = body.replace(b"<head>", b"<head>" + self.head, 1)
            if gzipped:
                body = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        elif gzipped:
            body = _compressed(str(path), path.stat().st_mtime_ns)
        # An ETag, and 304 to a request that already has this body, as GitHub Pages answers a browser that
        # revalidates what it cached (after max-age, or always with Cache-Control: no-cache).
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:20]
        if status == 200 and etag in self.headers.get("If-None-Match", ""):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    # socketserver's default queue of 5 unaccepted connections is too short for a service worker that
    # precaches a whole build at once while the page fetches too, when the accepting thread shares a busy
    # process: connections past the queue wait for the client's SYN retransmit (1 s, 3 s, 7 s ...). Real
    # hosts queue far more.
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # Chromium drops its idle keep-alive connections when Lighthouse closes it: not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PagesServer:
    """Serves a folder on 127.0.0.1 (a free port unless one is given), in a thread. For tests, `head` is
    inserted into every HTML page's <head> (e.g. a recorder of errors) and `headers` go with every response."""

    def __init__(self, directory: Path, port: int = 0, *, head: str = "", headers: dict[str, str] | None = None):
        options = {"head": head.encode("utf-8"), "extra_headers": dict(headers or {})}
        handler = functools.partial(type("Handler", (GzipHandler,), options), directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


if __name__ == "__main__":
    server = PagesServer(Path(sys.argv[1] if len(sys.argv) > 1 else "."), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(f"Serving {sys.argv[1] if len(sys.argv) > 1 else '.'} with gzip on {server.url}", flush=True)
    try:
        server.thread.join()
    except KeyboardInterrupt:
        server.close()
