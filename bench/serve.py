#!/usr/bin/env python3
"""serve.py: a small static HTTP/1.1 server for the fetch benchmark.

    python3 bench/serve.py --root DIR --port N [--hosts 127.0.0.1,...]
        [--delay-ms 50] --log FILE

Serves files under DIR on each loopback address of --hosts (default
127.0.0.1; every 127.x.y.z is the local machine on Linux), with keep-alive and TCP_NODELAY,
answers conditional requests (If-None-Match / If-Modified-Since) with 304,
sleeps --delay-ms before every answer (added latency), and appends one line
"STATUS PATH" per request to --log so the benchmark can count requests.
Prints "ready" on stdout once it listens.
"""
import argparse
import email.utils
import hashlib
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bench-serve/1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, fmt, *args):
        pass

    def record(self, status):
        with self.server.log_lock:
            self.server.log.write("%d %s\n" % (status, self.path))
            self.server.log.flush()

    def answer(self, status, headers, body=b"", file=None, size=0):
        """Sends body, or size bytes of the open file with sendfile(2): the
        kernel copies them, so the server takes as little as it can of the
        CPU the client being measured runs on."""
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(size if file else len(body)))
        self.end_headers()
        if self.command != "HEAD":
            if file is not None:
                self.wfile.flush()
                self.connection.sendfile(file, 0, size)
            elif body:
                self.wfile.write(body)
        self.record(status)

    def do_GET(self):
        if self.server.delay:
            time.sleep(self.server.delay)
        rel = self.path.split("?", 1)[0].lstrip("/")
        path = os.path.realpath(os.path.join(self.server.root, rel))
        if not path.startswith(self.server.root + os.sep) or \
           not os.path.isfile(path):
            self.answer(404, [("Content-Type", "text/plain")], b"not found\n")
            return
        st = os.stat(path)
        etag = '"%x-%x"' % (int(st.st_mtime), st.st_size)
        lm = email.utils.formatdate(st.st_mtime, usegmt=True)
        common = [("ETag", etag), ("Last-Modified", lm),
                  ("Cache-Control", "max-age=0")]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or inm == "*"
        elif ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() \
                    >= int(st.st_mtime)
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.answer(304, common)
            return
        ctype = "application/xml; charset=utf-8"
        if path.endswith(".opml"):
            ctype = "text/x-opml; charset=utf-8"
        with open(path, "rb") as f:
            self.answer(200, common + [("Content-Type", ctype)], file=f,
                        size=st.st_size)

    do_HEAD = do_GET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--hosts", default="127.0.0.1")
    ap.add_argument("--delay-ms", type=float, default=0)
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    log = open(a.log, "a")
    lock = threading.Lock()
    servers = []
    for host in a.hosts.split(","):
        if not host.startswith("127."):
            sys.exit("serve.py: %s is not a loopback address" % host)
        srv = Server((host, a.port), Handler)
        srv.root = os.path.realpath(a.root)
        srv.delay = a.delay_ms / 1000.0
        srv.log = log
        srv.log_lock = lock
        servers.append(srv)
    for srv in servers[1:]:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print("ready", flush=True)
    try:
        servers[0].serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
