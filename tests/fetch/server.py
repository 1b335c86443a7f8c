#!/usr/bin/env python3
"""A small HTTP server for the fetch tests, on 127.0.0.1 only.

    server.py --data DIR --port-file FILE --log FILE

Serves the files of DIR under /feed/NAME (with @BASE@ replaced by the
server's own http://127.0.0.1:PORT), answers conditional requests with
304, and has canned routes for redirects, errors, slow and oversized
bodies; /post/SLUG/ serves the article page SLUG.html and /post/SLUG/feed/
WordPress's comment feed of it, SLUG-comments.xml.  Every request is appended to the log as one JSON line (listener,
method, path, headers), so tests can check what was sent.  A second
listener, the canary, runs on another port (and on 127.0.0.2 at the main
port when the system allows it); nothing should ever reach it.  Once
listening, "PORT CANARY_PORT ALT_OK TLS_PORT" is written to the port
file; with --tls-cert and --tls-key the same routes are also served over
TLS on TLS_PORT (else 0).
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import socket
import ssl
import sys
import threading
import time

LAST_MODIFIED = "Mon, 23 Nov 2026 08:00:00 GMT"
LOG_LOCK = threading.Lock()
BOMB = None
HOLDING = 0


def bomb():
    global BOMB
    if BOMB is None:
        BOMB = gzip.compress(b"<" + b" " * (24 << 20), 9)
    return BOMB


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass        # clients that hang up early are part of the tests

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "rounds-test"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def record(self, **extra):
        entry = {
            "listener": self.server.name,
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
        }
        entry.update(extra)
        with LOG_LOCK:
            with open(self.server.opts.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def base(self):
        if self.server.name == "tls":
            return "https://127.0.0.1:%d" % self.server.opts.tls_port
        return "http://127.0.0.1:%d" % self.server.opts.port

    def send(self, code, body=b"", ctype="application/rss+xml",
             headers=None, length=None):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length",
                         str(len(body) if length is None else length))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, code, to):
        self.send(code, b"moved\n", "text/plain", {"Location": to})

    def serve_file(self, name, gz=False, ctype=None):
        path = os.path.join(self.server.opts.data, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                body = f.read()
        except OSError:
            self.send(404, b"no such feed\n", "text/plain")
            return
        body = body.replace(b"@BASE@", self.base().encode()).replace(
            b"@CANARY@", b"http://127.0.0.1:%d" % self.server.opts.canary_port)
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        inm = self.headers.get("If-None-Match")
        if inm is not None and inm == etag:
            self.send(304, b"", None, {"ETag": etag})
            return
        ctype = ctype or ("application/atom+xml" if b"<feed" in body[:400]
                          else "application/rss+xml; charset=utf-8")
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if gz:
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                self.send(406, b"gzip only\n", "text/plain")
                return
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self.send(200, body, ctype, headers)

    def drip(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for _ in range(120):
                self.wfile.write(b"1\r\n \r\n")
                self.wfile.flush()
                time.sleep(1)
        except OSError:
            pass
        self.close_connection = True

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<!-- filler text that never ends -->\n" * 100
        try:
            for _ in range(100000):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass
        self.close_connection = True

    def mismatch(self, announced, body):
        # headers and body in one write, as a careless server would
        head = ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                "Content-Length: %d\r\n\r\n" % announced).encode()
        self.wfile.write(head + body)
        self.wfile.flush()
        self.close_connection = True

    def charset_feed(self, declared, codec="cp1252"):
        path = os.path.join(self.server.opts.data, "latin.tmpl")
        with open(path, encoding="utf-8") as f:
            text = f.read().replace("@BASE@", self.base())
        body = text.encode(codec)
        self.send(200, body, "application/rss+xml; charset=" + declared)

    def do_HEAD(self):
        self.do_GET()

    def hold(self):
        """/hold/N: a page answered after 0.3 s; the log says how many
        /hold/ requests were being answered at once (per-host limits)."""
        global HOLDING
        with LOG_LOCK:
            HOLDING += 1
            active = HOLDING
        try:
            self.record(active=active)
            time.sleep(0.3)
            self.send(200, b"<html><head><title>held</title></head>"
                      b"<body>held</body></html>", "text/html")
        finally:
            with LOG_LOCK:
                HOLDING -= 1

    def do_GET(self):
        if self.path.startswith("/hold/"):
            self.hold()
            return
        self.record()
        if self.path.startswith("http://"):
            # a request through us as a proxy: serve only our own URLs
            rest = self.path[len("http://"):]
            host, _, path = rest.partition("/")
            if host != "127.0.0.1:%d" % self.server.opts.port:
                self.send(502, b"this proxy only knows itself\n",
                          "text/plain")
                return
            self.path = "/" + path
        if self.server.name not in ("main", "tls"):
            self.send(200, b"the canary was reached\n", "text/plain")
            return
        p = self.path.split("?", 1)[0]
        parts = p.strip("/").split("/")
        if p.startswith("/feed/"):
            self.serve_file(p[len("/feed/"):])
        elif parts[0] == "post" and len(parts) == 3 and parts[2] == "feed":
            # /post/SLUG/feed/: WordPress's per-post comment feed
            self.serve_file(parts[1] + "-comments.xml")
        elif parts[0] == "post" and len(parts) == 2:
            # /post/SLUG/: the article page
            self.serve_file(parts[1] + ".html",
                            ctype="text/html; charset=utf-8")
        elif p.startswith("/gz/"):
            self.serve_file(p[len("/gz/"):], gz=True)
        elif parts[0] == "r" and len(parts) >= 3:
            # /r/CODE/REST: a redirect with that code to /REST
            self.redirect(int(parts[1]), "/" + "/".join(parts[2:]))
        elif parts[0] == "loop":
            n = int(parts[1]) if len(parts) > 1 else 0
            self.redirect(301, "/loop/%d" % (n + 1))
        elif p == "/to-file":
            self.redirect(302, "file:///etc/passwd")
        elif p == "/to-canary-port":
            self.redirect(302, "http://127.0.0.1:%d/canary"
                          % self.server.opts.canary_port)
        elif p == "/to-canary-localhost":
            self.redirect(301, "http://localhost:%d/canary"
                          % self.server.opts.canary_port)
        elif p == "/to-canary-alt":
            self.redirect(302, "http://127.0.0.2:%d/canary"
                          % self.server.opts.port)
        elif p == "/gone":
            self.send(410, b"gone for good\n", "text/plain")
        elif p == "/limited":
            self.send(429, b"slow down\n", "text/plain",
                      {"Retry-After": "7200"})
        elif p == "/unavailable":
            when = email.utils.formatdate(time.time() + 3 * 3600,
                                          usegmt=True)
            self.send(503, b"busy\n", "text/plain", {"Retry-After": when})
        elif p == "/error":
            self.send(500, b"broken\n", "text/plain")
        elif p == "/slow":
            self.drip()
        elif p == "/endless":
            self.endless()
        elif p == "/bomb":
            self.send(200, bomb(), "application/rss+xml",
                      {"Content-Encoding": "gzip"})
        elif p == "/short":
            self.mismatch(4000, b"<?xml version='1.0'?><rss><channel>"
                          b"<title>cut short</title>")
        elif p == "/long":
            self.mismatch(30, b"<?xml version='1.0'?><rss version='2.0'>"
                          b"<channel><title>too long</title></channel>"
                          b"</rss>")
        elif p == "/latin":
            self.charset_feed("windows-1252")
        elif p == "/bad-charset":
            self.charset_feed("x-no-such-charset")
        elif p == "/mislabelled":      # UTF-8, labelled with a default
            self.charset_feed("ISO-8859-1", "utf-8")
        elif p == "/not-a-feed":
            self.send(200, b"<html><body>hello</body></html>", "text/html")
        else:
            self.send(404, b"not found\n", "text/plain")


def listen(addr, port, name, opts, tls=None):
    srv = Server((addr, port), Handler)
    if tls:
        srv.socket = tls.wrap_socket(srv.socket, server_side=True)
    srv.name = name
    srv.opts = opts
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    opts = ap.parse_args()
    open(opts.log, "a").close()
    main_srv = listen("127.0.0.1", 0, "main", opts)
    opts.port = main_srv.server_address[1]
    canary = listen("127.0.0.1", 0, "canary", opts)
    opts.canary_port = canary.server_address[1]
    alt_ok = 1
    try:
        listen("127.0.0.2", opts.port, "canary-alt", opts)
    except OSError:
        alt_ok = 0
    opts.tls_port = 0
    if opts.tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(opts.tls_cert, opts.tls_key)
        opts.tls_port = listen("127.0.0.1", 0, "tls", opts,
                               ctx).server_address[1]
    tmp = opts.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d %d %d %d\n" % (opts.port, opts.canary_port, alt_ok,
                                    opts.tls_port))
    os.rename(tmp, opts.port_file)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
