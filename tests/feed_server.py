#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""tests/feed_server.py - a loopback stand-in for the feeds `mdsec db update`
downloads, for tests/run-db-update.sh. Standard library only.

    feed_server.py --log FILE --kev FILE --epss FILE [--max-page N]
                   [--lifetime SECONDS] [--tls CERT KEY] NVD...

NVD... are NVD API 2.0 pages, single records or directories of them. The
server listens on 127.0.0.1, port chosen by the system, prints the port on
the first line of stdout (HTTPS with --tls), stops by itself after --lifetime seconds (300),
and serves:

  /nvd...          the NVD CVE API 2.0: resultsPerPage (at most 2000, and
                   at most --max-page), startIndex, totalResults;
                   lastModStartDate/lastModEndDate (both or neither, at
                   most 120 days apart, else 404 with a `message` header
                   as NVD does); records sorted by id
  /kev/NAME        the KEV catalog
  /epss/epss_scores-current.csv.gz
                   302 to /epss/epss_scores-DATE.csv.gz, the EPSS CSV
                   gzipped
  /_control?...    changes behaviour (below); answers 204

KEV and EPSS answer Range: bytes=N- with 206 and Content-Range, honour
If-Range (ETag or Last-Modified) and 416 past the end.

Control parameters (each request replaces only what it names):
  reset=1                    back to normal
  fail=STATUS&path=P&count=N the next N requests under P get STATUS
  malformed=P                bodies under P are cut in half (bad JSON)
  cutoff=DATETIME            NVD records modified after it are hidden
  cut=P&at=BYTES&count=N     the next N answers under P stop at file
                             offset BYTES and close the connection
  etag=S                     KEV/EPSS ETag and Last-Modified change
  require_key=K              NVD answers 403 unless apiKey is K

Every request is logged to --log as one JSON object per line: time
(monotonic, seconds), path, the decoded query, status, and the apiKey,
Range, If-Range and User-Agent headers.
"""
import argparse
import datetime
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import re
import socket
import ssl
import sys
import threading
import time
import urllib.parse

UTC = datetime.timezone.utc


def parse_time(s):
    t = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def load_records(paths):
    recs = {}

    def add(doc):
        if "vulnerabilities" in doc:
            for v in doc["vulnerabilities"]:
                add(v)
        elif "cve" in doc:
            add(doc["cve"])
        elif "id" in doc:
            recs[doc["id"]] = doc

    for p in paths:
        files = [p]
        if os.path.isdir(p):
            files = [os.path.join(p, n) for n in sorted(os.listdir(p))
                     if n.endswith(".json")]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                add(json.load(fh))
    return [recs[k] for k in sorted(recs)]


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.fail = None  # (path, status, count)
        self.malformed = None
        self.cutoff = None
        self.cut = None  # (path, at, count)
        self.etag = ""
        self.require_key = None


def make_handler(args, state, records, files, log):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # headers and body go out in separate writes: without this,
            # Nagle's algorithm and delayed ACKs add 40 ms to each answer
            self.connection.setsockopt(socket.IPPROTO_TCP,
                                       socket.TCP_NODELAY, 1)

        def log_message(self, fmt, *a):
            pass

        def record(self, status, query):
            entry = {
                "t": time.monotonic(),
                "path": self.path.split("?")[0],
                "query": query,
                "status": status,
                "apiKey": self.headers.get("apiKey"),
                "range": self.headers.get("Range"),
                "ifRange": self.headers.get("If-Range"),
                "ua": self.headers.get("User-Agent"),
            }
            with state.lock:
                log.write(json.dumps(entry, sort_keys=True) + "\n")
                log.flush()

        def answer(self, status, body=b"", headers=(), query=None, stop=None):
            self.record(status, query or {})
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            if stop is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if stop is not None:
                self.wfile.write(body[:stop])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def take(self, what, path):
            """Consume one of a counted behaviour for this path."""
            with state.lock:
                v = getattr(state, what)
                if not v or not path.startswith(v[0]) or v[-1] <= 0:
                    return None
                setattr(state, what, v[:-1] + (v[-1] - 1,))
                return v

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            q = {k: v[-1] for k, v in
                 urllib.parse.parse_qs(url.query,
                                       keep_blank_values=True).items()}
            if url.path == "/_control":
                return self.control(q)
            failing = self.take("fail", url.path)
            if failing:
                return self.answer(failing[1], b"try again\n", query=q)
            if url.path.startswith("/nvd"):
                return self.nvd(url.path, q)
            if url.path == "/epss/epss_scores-current.csv.gz":
                return self.answer(302, headers=[
                    ("Location", "/epss/epss_scores-2026-01-01.csv.gz")],
                    query=q)
            if url.path in files:
                return self.whole(url.path, files[url.path], q)
            return self.answer(404, b"not found\n", query=q)

        def control(self, q):
            with state.lock:
                if "reset" in q:
                    state.reset()
                if "fail" in q:
                    state.fail = (q.get("path", "/"), int(q["fail"]),
                                  int(q.get("count", "1")))
                if "malformed" in q:
                    state.malformed = q["malformed"] or None
                if "cutoff" in q:
                    state.cutoff = (parse_time(q["cutoff"])
                                    if q["cutoff"] else None)
                if "cut" in q:
                    state.cut = (q["cut"], int(q["at"]),
                                 int(q.get("count", "1")))
                if "etag" in q:
                    state.etag = q["etag"]
                if "require_key" in q:
                    state.require_key = q["require_key"] or None
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def refuse(self, q, why):
            return self.answer(404, b"", headers=[("message", why)], query=q)

        def nvd(self, path, q):
            if state.require_key and \
                    self.headers.get("apiKey") != state.require_key:
                return self.answer(403, b"forbidden\n", query=q)
            try:
                per = int(q.get("resultsPerPage", "2000"))
                start = int(q.get("startIndex", "0"))
            except ValueError:
                return self.refuse(q, "Invalid resultsPerPage or startIndex")
            if per < 1 or per > 2000 or start < 0:
                return self.refuse(q, "Invalid resultsPerPage or startIndex")
            lo, hi = q.get("lastModStartDate"), q.get("lastModEndDate")
            if (lo is None) != (hi is None):
                return self.refuse(q, "Both lastModStartDate and "
                                   "lastModEndDate are required")
            recs = records
            if lo is not None:
                try:
                    lo_t, hi_t = parse_time(lo), parse_time(hi)
                except ValueError:
                    return self.refuse(q, "Invalid date format")
                if hi_t < lo_t or hi_t - lo_t > datetime.timedelta(days=120):
                    return self.refuse(q, "The date range must not exceed "
                                       "120 days")
                recs = [r for r in recs
                        if lo_t <= parse_time(r["lastModified"]) <= hi_t]
            if state.cutoff:
                recs = [r for r in recs
                        if parse_time(r["lastModified"]) <= state.cutoff]
            page = recs[start:start + min(per, args.max_page)]
            body = json.dumps({
                "resultsPerPage": len(page),
                "startIndex": start,
                "totalResults": len(recs),
                "format": "NVD_CVE",
                "version": "2.0",
                "timestamp": "2026-01-01T00:00:00.000",
                "vulnerabilities": [{"cve": r} for r in page],
            }, indent=1).encode()
            if state.malformed and path.startswith(state.malformed):
                body = body[:len(body) // 2]
            return self.answer(200, body, [("Content-Type",
                                            "application/json")], q)

        def whole(self, path, data, q):
            etag = '"%s%s"' % (hashlib.sha256(data).hexdigest()[:16],
                               state.etag)
            mtime = 1767225600 + (7 if state.etag else 0)
            lastmod = email.utils.formatdate(mtime, usegmt=True)
            headers = [("ETag", etag), ("Last-Modified", lastmod),
                       ("Accept-Ranges", "bytes")]
            rng = self.headers.get("Range")
            ifr = self.headers.get("If-Range")
            start, status = 0, 200
            m = re.fullmatch(r"bytes=(\d+)-", rng or "")
            if m and (ifr is None or ifr in (etag, lastmod)):
                start, status = int(m.group(1)), 206
                if start >= len(data):
                    return self.answer(416, headers=[
                        ("Content-Range", "bytes */%d" % len(data))],
                        query=q)
            if status == 206:
                headers.append(("Content-Range", "bytes %d-%d/%d" % (
                    start, len(data) - 1, len(data))))
            stop = None
            cut = self.take("cut", path)
            if cut:
                stop = max(0, cut[1] - start)
            return self.answer(status, data[start:], headers, q, stop)

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--kev", required=True)
    ap.add_argument("--epss", required=True)
    ap.add_argument("--max-page", type=int, default=2000)
    ap.add_argument("--lifetime", type=float, default=300,
                    help="stop by itself after this many seconds")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate and key")
    ap.add_argument("nvd", nargs="+")
    args = ap.parse_args()
    records = load_records(args.nvd)
    with open(args.kev, "rb") as fh:
        kev = fh.read()
    with open(args.epss, "rb") as fh:
        epss = fh.read()
    if not epss.startswith(b"\x1f\x8b"):
        epss = gzip.compress(epss, mtime=0)
    files = {
        "/kev/known_exploited_vulnerabilities.json": kev,
        "/epss/epss_scores-2026-01-01.csv.gz": epss,
    }
    state = State()
    log = open(args.log, "a", encoding="utf-8")
    srv = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), make_handler(args, state, records, files, log))
    srv.daemon_threads = True
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Timer(args.lifetime, srv.shutdown).start()
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
