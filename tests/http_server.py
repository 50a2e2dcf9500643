#!/usr/bin/python3
"""An HTTP server for the end-to-end tests of fetched sources (Python's http.server).

usage: http_server.py DIR [CERT KEY]

With CERT and KEY (PEM files), it speaks TLS (https).

Listens on 127.0.0.1 at a free port and writes DIR/port once it accepts
connections. What it answers is read from DIR/routes.json at every request,
so a test can change it between runs: an object from path (without the
query) to a route:
  {"status": 200, "file": "feed.xml"}       the file DIR/feed.xml
  {"body": "text"}                           this text
  "etag": "\"v1\"", "last_modified": "..."   validators sent, and a 304 when
                                             the request's If-None-Match or
                                             If-Modified-Since matches
  "headers": {"Retry-After": "120"}          more headers
  {"status": 302, "location": "..."}         a redirect
  {"hang": true}                             never answers (until stopped)
  {"size": N}                                a body of N bytes
  "first": {route}                           the answer to the first request
                                             for this path (then the route's)
  {"reliefweb": {"appname": "A", "pages": ["p1.json", ...]}}
      the ReliefWeb API v2 reports endpoint: 403 unless ?appname=A; a POST
      whose JSON query has offset O gets the page listed for O / limit
Every request is appended to DIR/requests.log as a JSON line: method, path
(with the query), the headers User-Agent, If-None-Match, If-Modified-Since,
Content-Type, and the body.
"""
import json
import os
import signal
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

out_dir = sys.argv[1]
lock = threading.Lock()
seen = {}  # path -> requests so far


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        entry = {"method": self.command, "path": self.path, "body": body}
        for h in ("User-Agent", "If-None-Match", "If-Modified-Since", "Content-Type"):
            if self.headers.get(h) is not None:
                entry[h] = self.headers.get(h)
        with lock:
            with open(os.path.join(out_dir, "requests.log"), "a") as f:
                f.write(json.dumps(entry) + "\n")
        with open(os.path.join(out_dir, "routes.json")) as f:
            routes = json.load(f)
        url = urllib.parse.urlsplit(self.path)
        route = routes.get(url.path)
        with lock:
            seen[url.path] = seen.get(url.path, 0) + 1
            first = seen[url.path] == 1
        if route is not None and first and "first" in route:
            route = route["first"]
        if route is None:
            return self.reply(404, b"no such page\n")
        if route.get("hang"):
            time.sleep(3600)
            return
        extra = dict(route.get("headers", {}))
        if "reliefweb" in route:
            return self.reliefweb(route["reliefweb"], url, body)
        if "location" in route:
            extra["Location"] = route["location"]
            return self.reply(route.get("status", 302), b"", extra)
        etag, lm = route.get("etag"), route.get("last_modified")
        if etag:
            extra["ETag"] = etag
        if lm:
            extra["Last-Modified"] = lm
        if (etag and self.headers.get("If-None-Match") == etag) or (
            lm and not etag and self.headers.get("If-Modified-Since") == lm
        ):
            return self.reply(304, b"", extra)
        if "file" in route:
            with open(os.path.join(out_dir, route["file"]), "rb") as f:
                data = f.read()
        elif "size" in route:
            data = b"x" * route["size"]
        else:
            data = route.get("body", "").encode()
        self.reply(route.get("status", 200), data, extra)

    def reliefweb(self, api, url, body):
        query = urllib.parse.parse_qs(url.query)
        if query.get("appname") != [api["appname"]]:
            return self.reply(403, b'{"status": 403, "error": {"message": "appname not approved"}}')
        q = json.loads(body)
        page = q["offset"] // q["limit"]
        pages = api["pages"]
        if page >= len(pages):
            return self.reply(200, json.dumps({"totalCount": 0, "count": 0, "data": []}).encode())
        with open(os.path.join(out_dir, pages[page]), "rb") as f:
            self.reply(200, f.read(), {"Content-Type": "application/json"})

    def reply(self, status, data, headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if status != 304:
            self.wfile.write(data)

    do_GET = handle_any
    do_POST = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up after the TLS handshake (a pinned key that
        # does not match) is what some tests do, not a server error.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
with open(os.path.join(out_dir, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(out_dir, "port.tmp"), os.path.join(out_dir, "port"))
server.serve_forever()
