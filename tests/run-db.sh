#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-db.sh MDSEC - the vulnerability database end to end: real NVD
# API 2.0 records and pages and the CISA KEV catalog import; the content
# digest is the same whatever the order and however often they are
# imported; a malformed feed gives its exact error (file, line:col,
# record) and exit 2 and leaves the database byte-for-byte unchanged in
# content; an import killed with SIGKILL at several points leaves a
# database that opens and holds either the old or the new content.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
D=tests/data/vuln
fail=0
no() { echo "db: $*"; fail=1; }

digest() { "$bin" db info --db "$1" --format json | sed -n 's/.*"digest": "\(.*\)".*/\1/p'; }

"$bin" db import --db "$tmp/a.db" $D/nvd/cves $D/nvd/nvd-go_cves-2023-first200.json $D/kev/known_exploited_vulnerabilities.json 2>/dev/null
"$bin" db import --db "$tmp/b.db" $D/kev/known_exploited_vulnerabilities.json $D/nvd/nvd-go_cves-2023-first200.json 2>/dev/null
"$bin" db import --db "$tmp/b.db" $D/nvd/cves $D/nvd/cves 2>/dev/null
a=$(digest "$tmp/a.db") b=$(digest "$tmp/b.db")
[ -n "$a" ] && [ "$a" = "$b" ] || no "digest depends on order or repetition ($a vs $b)"
n=$("$bin" db info --db "$tmp/a.db" --format json | sed -n 's/^  "records": \([0-9]*\),/\1/p')
[ "$n" = 213 ] || no "expected 213 records, got '$n'"
"$bin" db info --db "$tmp/a.db" | grep -q "^source kev      1404 records" || no "KEV count"

# malformed feeds: exact error, exit 2, content unchanged
for f in $D/bad/*; do
	case $f in *.err) continue ;; esac
	cp "$tmp/a.db" "$tmp/c.db"
	set +e
	"$bin" db import --db "$tmp/c.db" $D/nvd/cves "$f" 2>"$tmp/err"
	rc=$?
	set -e
	[ $rc -eq 2 ] || no "$f: exit $rc (expected 2)"
	diff -u "${f%%.json*}.err" "$tmp/err" || no "$f: wrong error"
	[ "$(digest "$tmp/c.db")" = "$a" ] || no "$f: database changed"
done

# SIGKILL during an import: the database opens, holds old or new content
cp "$tmp/a.db" "$tmp/k.db"
"$bin" db import --db "$tmp/n.db" $D/nvd/cves $D/nvd/nvd-go_cves-2023-first200.json $D/kev/known_exploited_vulnerabilities.json 2>/dev/null
rm -f "$tmp/e.db"
"$bin" db import --db "$tmp/e.db" $D/kev/known_exploited_vulnerabilities.json 2>/dev/null
old=$(digest "$tmp/e.db")
new=$(digest "$tmp/n.db")
for delay in 0.01 0.03 0.06 0.1 0.2; do
	cp "$tmp/e.db" "$tmp/k.db"
	"$bin" db import --db "$tmp/k.db" $D/nvd/cves $D/nvd/nvd-go_cves-2023-first200.json 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	got=$(digest "$tmp/k.db")
	[ "$got" = "$old" ] || [ "$got" = "$new" ] || no "killed after ${delay}s: content is neither old nor new"
done
# freshness: a source imported longer ago than --max-age is a warning, exit 1
set +e
SOURCE_DATE_EPOCH=$((${SOURCE_DATE_EPOCH:-$(date +%s)} + 10 * 86400)) \
	"$bin" db info --db "$tmp/a.db" --max-age 7 >/dev/null 2>"$tmp/err"
rc=$?
"$bin" db info --db "$tmp/a.db" --max-age 30 >/dev/null 2>&1
rc2=$?
set -e
[ $rc -eq 1 ] && grep -q "imported 10 days ago (expected at most 7" "$tmp/err" || no "stale source not reported (exit $rc)"
[ $rc2 -eq 0 ] || no "fresh database reported stale"
# mdsec vulns warns about a stale source (and keeps its exit status)
set +e
SOURCE_DATE_EPOCH=$((${SOURCE_DATE_EPOCH:-$(date +%s)} + 10 * 86400)) \
	"$bin" vulns --db "$tmp/a.db" tests/data/vuln/old-firmware.cdx.json >/dev/null 2>"$tmp/err"
rc=$?
"$bin" vulns --db "$tmp/a.db" tests/data/vuln/old-firmware.cdx.json >/dev/null 2>"$tmp/err2"
set -e
[ $rc -eq 0 ] && grep -q "warning: source nvd was imported 10 days ago" "$tmp/err" || no "vulns on stale data: exit $rc, no warning"
[ ! -s "$tmp/err2" ] || no "vulns on fresh data warned: $(cat "$tmp/err2")"
# migration: a schema-1 database (no EPSS, CNA or OSV tables, aliases
# without their source) opens as schema 3 and keeps its content
cp "$tmp/a.db" "$tmp/m.db"
/usr/bin/python3 -c "
import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
for s in ('DROP TABLE epss', 'DROP TABLE cna_version', 'DROP TABLE osv_range', 'DROP TABLE meta',
          'DROP INDEX alias_id', 'ALTER TABLE alias DROP COLUMN source',
          'DROP INDEX cpe_match_key', 'CREATE INDEX cpe_match_vp ON cpe_match(vendor, product)',
          'PRAGMA user_version = 1'):
    c.execute(s)
c.commit()" "$tmp/m.db"
"$bin" db info --db "$tmp/m.db" | grep -q "(schema 3)" || no "schema 1 not migrated"
[ "$(digest "$tmp/m.db")" = "$a" ] || no "migration changed the content"
"$bin" db import --db "$tmp/m.db" $D/epss 2>/dev/null || no "EPSS import after migration"
echo "db: digest $a"
exit $fail
