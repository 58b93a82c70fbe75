#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-db-update.sh MDSEC [PYTHON] - `mdsec db update` against
# tests/feed_server.py on 127.0.0.1: a full update (paged NVD, KEV, EPSS
# through a redirect) gives the same content digest as `mdsec db import`
# of the same files; the next update asks only for records modified since
# the stored newest one, in windows of at most 120 days, within the rate
# limit, and is idempotent; the API key goes to NVD only; a 503 is
# retried, and a server that keeps failing is given up after 5 tries
# (exit 3); a malformed page is exit 2 with its located error; an
# interrupted KEV download is resumed with Range/If-Range (and fetched
# whole again when the file changed); http_proxy, CURL_CA_BUNDLE and
# SSL_CERT_FILE are honoured (an untrusted certificate is exit 3); a
# server that is down is exit 3.
# On every failure the database content is unchanged.
set -eu
bin=$1
py=${2:-/usr/bin/python3}
tmp=$(mktemp -d)
srv=""
tls=""
cleanup() {
	[ -z "$srv" ] || kill "$srv" 2>/dev/null || true
	[ -z "$tls" ] || kill "$tls" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
D=tests/data/vuln
fail=0
no() { echo "db-update: $*"; fail=1; }
digest() { "$bin" db info --db "$1" --format json | sed -n 's/.*"digest": "\(.*\)".*/\1/p'; }
newest() {
	"$bin" db info --db "$1" --format json |
		"$py" -c 'import json,sys; print([s["newest_modified"] for s in json.load(sys.stdin)["sources"] if s["name"] == "nvd"][0])'
}
# the window of NVD's rate limit, short so that the test does not wait 30 s
W=100
export MDSEC_NVD_RATE_WINDOW_MS=$W
unset NVD_API_KEY || true
# everything here is on loopback: no proxy of the environment in between
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY || true

"$py" tests/feed_server.py --log "$tmp/log" --max-page 100 --lifetime 120 \
	--kev $D/kev/known_exploited_vulnerabilities.json \
	--epss $D/epss/epss_scores-2026-01-01.csv \
	$D/nvd/cves $D/nvd/nvd-go_cves-2023-first200.json >"$tmp/port" &
srv=$!
port=""
for _ in $(seq 100); do
	port=$(head -1 "$tmp/port" 2>/dev/null || true)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "db-update: the feed server did not start"; exit 1; }
base=http://127.0.0.1:$port
nvd=$base/nvd/rest/json/cves/2.0
kev=$base/kev/known_exploited_vulnerabilities.json
urls="--nvd-url $nvd --kev-url $kev --epss-url $base/epss/epss_scores-current.csv.gz"
ctl() { "$py" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' "$base/_control?$1"; }
# run `mdsec db update --db DB ARGS...`; its exit status in $rc, its
# stderr in $tmp/err, the requests it made in $tmp/run
upd() {
	db=$1
	shift
	mark=$(wc -l <"$tmp/log")
	set +e
	# shellcheck disable=SC2086
	"$bin" db update --db "$db" $urls "$@" 2>"$tmp/err"
	rc=$?
	set -e
	tail -n +$((mark + 1)) "$tmp/log" >"$tmp/run"
}
# assert a Python expression over the last run's requests: L all of them,
# N the NVD ones, Q their queries; W the rate window in seconds
logged() {
	"$py" -c "
import datetime, json, sys
L = [json.loads(l) for l in sys.stdin]
N = [e for e in L if e['path'].startswith('/nvd')]
Q = [e['query'] for e in N]
W = $W / 1000
T = datetime.datetime.fromisoformat
sys.exit(0 if ($1) else 1)" <"$tmp/run" || no "$2"
}

"$bin" db import --db "$tmp/ref.db" $D/nvd/cves $D/nvd/nvd-go_cves-2023-first200.json \
	$D/kev/known_exploited_vulnerabilities.json $D/epss 2>/dev/null
ref=$(digest "$tmp/ref.db")
"$bin" db import --db "$tmp/ref-kev.db" $D/kev/known_exploited_vulnerabilities.json 2>/dev/null
refkev=$(digest "$tmp/ref-kev.db")

# full update: paged NVD (the server gives 100 a page), KEV, EPSS
upd "$tmp/u.db"
[ $rc -eq 0 ] || no "full update: exit $rc: $(cat "$tmp/err")"
[ "$(digest "$tmp/u.db")" = "$ref" ] || no "full update: digest differs from db import of the same files"
grep -q "uses data from the NVD API but is not endorsed or certified by the NVD" "$tmp/err" ||
	no "full update: NVD's attribution notice not shown"
logged "[q['startIndex'] for q in Q] == ['0', '100', '200'] and all(q['resultsPerPage'] == '2000' and 'lastModStartDate' not in q for q in Q)" \
	"full update: not paged by startIndex without dates"
logged "[e['status'] for e in L if e['path'].startswith('/epss')] == [302, 200]" "EPSS redirect not followed"
logged "all(e['ua'] == 'mdsec/' + e['ua'].split('/')[1] and not e['apiKey'] for e in L)" "User-Agent or a key sent without NVD_API_KEY"
[ ! -e "$tmp/u.db.download" ] || no "download directory left after success"

# incremental: first only what was modified up to 2025, then the rest
ctl "cutoff=2025-01-01T00:00:00"
upd "$tmp/i.db"
[ $rc -eq 0 ] || no "update with cutoff: exit $rc"
since=$(newest "$tmp/i.db")
[ "$(digest "$tmp/i.db")" != "$ref" ] || no "cutoff had no effect"
ctl "cutoff="
upd "$tmp/i.db"
[ $rc -eq 0 ] || no "incremental update: exit $rc: $(cat "$tmp/err")"
[ "$(digest "$tmp/i.db")" = "$ref" ] || no "incremental update: digest differs from the full import"
logged "Q and Q[0]['lastModStartDate'] == '$since+00:00'" "incremental update: lastModStartDate is not the stored newest time $since"
logged "all(T(q['lastModEndDate']) - T(q['lastModStartDate']) <= datetime.timedelta(days=120) for q in Q)" "a lastMod window over 120 days"
logged "all(T(Q[i + 1]['lastModStartDate']) == T(Q[i]['lastModEndDate']) for i in range(len(Q) - 1) if Q[i + 1]['startIndex'] == '0')" "lastMod windows not contiguous"
logged "T(Q[-1]['lastModEndDate']) >= datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)" "last lastMod window does not end now"
logged "len(N) > 5 and all(N[i + 5]['t'] - N[i]['t'] >= W for i in range(len(N) - 5))" "more than 5 NVD requests in one rate window without a key"
since=$(newest "$tmp/i.db")
upd "$tmp/i.db"
[ $rc -eq 0 ] && [ "$(digest "$tmp/i.db")" = "$ref" ] || no "second incremental update is not idempotent"
logged "Q[0]['lastModStartDate'] == '$since+00:00'" "second incremental update: wrong lastModStartDate"
grep -q "modified since $since+00:00" "$tmp/err" || no "summary does not name the start time"

# the API key: in the apiKey header, to NVD only (which requires it here)
ctl "require_key=k-123"
upd "$tmp/u.db"
[ $rc -eq 3 ] || no "NVD refusing without a key: exit $rc (expected 3)"
NVD_API_KEY=k-123 upd "$tmp/u.db"
[ $rc -eq 0 ] || no "update with NVD_API_KEY: exit $rc: $(cat "$tmp/err")"
logged "N and all(e['apiKey'] == 'k-123' for e in N) and not any(e['apiKey'] for e in L if e not in N)" "API key not sent to NVD, or sent elsewhere"
logged "'k-123' not in json.dumps(Q)" "API key in a URL"
ctl "require_key="

# a 503 once is retried; one that persists is given up after 5 tries
ctl "fail=503&path=/nvd&count=1"
upd "$tmp/u.db"
[ $rc -eq 0 ] || no "503 once: exit $rc: $(cat "$tmp/err")"
logged "[e['status'] for e in N[:2]] == [503, 200] and Q[0] == Q[1]" "503 not retried"
ctl "fail=503&path=/kev&count=99"
upd "$tmp/u.db" --only kev
[ $rc -eq 3 ] || no "persistent 503: exit $rc (expected 3)"
grep -qx "mdsec: error: $kev: HTTP 503, 5 times (expected 200 OK)" "$tmp/err" || no "persistent 503: wrong error: $(cat "$tmp/err")"
logged "len(L) == 5" "persistent 503: not 5 tries"
[ "$(digest "$tmp/u.db")" = "$ref" ] || no "persistent 503: database changed"
[ ! -e "$tmp/u.db.download" ] || no "persistent 503: download directory left with nothing to resume"
ctl "reset=1"

# a malformed page: located error, exit 2, nothing changed
ctl "malformed=/nvd"
upd "$tmp/u.db" --full
[ $rc -eq 2 ] || no "malformed page: exit $rc (expected 2)"
grep -Eq "^$tmp/u.db.download/nvd-000-00000.json:[0-9]+:[0-9]+: error: .* \(expected a JSON feed\)$" "$tmp/err" ||
	no "malformed page: wrong error: $(cat "$tmp/err")"
[ "$(digest "$tmp/u.db")" = "$ref" ] || no "malformed page: database changed"
ctl "reset=1"

# resume: the connection drops at byte 500000 of the KEV catalog on every
# try; the next run continues from there with Range and If-Range
ctl "cut=/kev&at=500000&count=99"
upd "$tmp/r.db" --only kev
[ $rc -eq 3 ] || no "cut download: exit $rc (expected 3)"
part=$tmp/r.db.download/kev-known_exploited_vulnerabilities.json.part
[ "$(wc -c <"$part" 2>/dev/null)" = 500000 ] || no "cut download: no 500000-byte partial file"
logged "L[0]['range'] is None and all(e['range'] == 'bytes=500000-' and e['ifRange'] for e in L[1:])" "retries do not resume"
ctl "reset=1"
upd "$tmp/r.db" --only kev
[ $rc -eq 0 ] || no "resume: exit $rc: $(cat "$tmp/err")"
logged "[(e['range'], e['status']) for e in L] == [('bytes=500000-', 206)]" "resume: not one 206 answer to Range: bytes=500000-"
[ "$(digest "$tmp/r.db")" = "$refkev" ] || no "resumed download: wrong content"
[ ! -e "$tmp/r.db.download" ] || no "download directory left after resume"
# the file changed meanwhile: If-Range fails, the server sends it whole
ctl "cut=/kev&at=300000&count=99"
upd "$tmp/r2.db" --only kev
ctl "reset=1"
ctl "etag=v2"
upd "$tmp/r2.db" --only kev
[ $rc -eq 0 ] || no "changed file: exit $rc: $(cat "$tmp/err")"
logged "[(e['range'], e['status']) for e in L] == [('bytes=300000-', 200)]" "changed file: If-Range not honoured"
[ "$(digest "$tmp/r2.db")" = "$refkev" ] || no "changed file: spliced content"
ctl "reset=1"

# proxies from the environment: the loopback server is the proxy, the
# feed's host name is never resolved
mark=$(wc -l <"$tmp/log")
env -u no_proxy -u NO_PROXY http_proxy="$base" "$bin" db update --db "$tmp/p.db" --only kev \
	--kev-url http://kev.feeds.invalid/kev/known_exploited_vulnerabilities.json 2>"$tmp/err" ||
	no "http_proxy: exit $?: $(cat "$tmp/err")"
tail -n +$((mark + 1)) "$tmp/log" >"$tmp/run"
logged "[e['path'] for e in L] == ['http://kev.feeds.invalid/kev/known_exploited_vulnerabilities.json']" "http_proxy not used"
[ "$(digest "$tmp/p.db")" = "$refkev" ] || no "http_proxy: wrong content"

# a CA bundle from CURL_CA_BUNDLE or SSL_CERT_FILE (HTTPS on loopback with
# a certificate made here; skipped without the openssl tool)
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1; then
	"$py" tests/feed_server.py --log "$tmp/tls.log" --lifetime 60 --tls "$tmp/cert.pem" "$tmp/key.pem" \
		--kev $D/kev/known_exploited_vulnerabilities.json \
		--epss $D/epss/epss_scores-2026-01-01.csv $D/nvd/cves >"$tmp/tls.port" &
	tls=$!
	tport=""
	for _ in $(seq 100); do
		tport=$(head -1 "$tmp/tls.port" 2>/dev/null || true)
		[ -n "$tport" ] && break
		sleep 0.1
	done
	tkev="--only kev --kev-url https://127.0.0.1:$tport/kev/known_exploited_vulnerabilities.json"
	set +e
	# shellcheck disable=SC2086
	env -u CURL_CA_BUNDLE -u SSL_CERT_FILE -u SSL_CERT_DIR "$bin" db update --db "$tmp/t.db" $tkev 2>"$tmp/err"
	rc=$?
	[ $rc -eq 3 ] && grep -q "(expected a certificate the CA bundle trusts" "$tmp/err" ||
		no "an untrusted certificate: exit $rc: $(cat "$tmp/err")"
	# shellcheck disable=SC2086
	CURL_CA_BUNDLE=$tmp/cert.pem "$bin" db update --db "$tmp/t.db" $tkev 2>"$tmp/err" ||
		no "CURL_CA_BUNDLE not used: $(cat "$tmp/err")"
	# shellcheck disable=SC2086
	env -u CURL_CA_BUNDLE SSL_CERT_FILE=$tmp/cert.pem "$bin" db update --db "$tmp/t2.db" $tkev 2>"$tmp/err" ||
		no "SSL_CERT_FILE not used: $(cat "$tmp/err")"
	set -e
	[ "$(digest "$tmp/t.db")" = "$refkev" ] && [ "$(digest "$tmp/t2.db")" = "$refkev" ] || no "HTTPS: wrong content"
	kill "$tls" 2>/dev/null || true
	wait "$tls" 2>/dev/null || true
	tls=""
else
	echo "db-update: no openssl tool, HTTPS not tested"
fi

# usage
set +e
"$bin" db update --db "$tmp/x.db" --only nvd,foo >/dev/null 2>&1
[ $? -eq 64 ] || no "--only with an unknown source is not a usage error"
"$bin" db import --db "$tmp/x.db" --full $D/kev >/dev/null 2>&1
[ $? -eq 64 ] || no "--full accepted by import"
"$bin" db update --db "$tmp/x.db" extra >/dev/null 2>&1
[ $? -eq 64 ] || no "update accepted an operand"
MDSEC_NVD_RATE_WINDOW_MS=abc "$bin" db update --db "$tmp/x.db" --only kev --kev-url "$kev" >/dev/null 2>&1
[ $? -eq 3 ] || no "a malformed MDSEC_NVD_RATE_WINDOW_MS is not exit 3"
"$bin" db update --db "$tmp/x.db" --only kev --kev-url "file:///etc/passwd" 2>"$tmp/err"
[ $? -eq 3 ] && grep -q "expected an http or https URL" "$tmp/err" || no "file:// URL not refused: $(cat "$tmp/err")"
set -e

# the server is down: exit 3, one error line naming the URL
kill "$srv"
wait "$srv" 2>/dev/null || true
srv=""
upd "$tmp/u.db"
[ $rc -eq 3 ] || no "server down: exit $rc (expected 3)"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^mdsec: error: $nvd?resultsPerPage=2000&startIndex=0&lastModStartDate=.*: .* (expected a reachable server" "$tmp/err" ||
	no "server down: wrong error: $(cat "$tmp/err")"
[ "$(digest "$tmp/u.db")" = "$ref" ] || no "server down: database changed"

[ "$fail" -eq 0 ] && echo "db-update: ok (digest $ref)"
exit $fail
