#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Golden tests (git test_cmp style). Each case is a directory
# tests/golden/<command>/<case>/ holding:
#   cmd              one shell command line run from the repository root,
#                    with $MDSEC the binary and $OUT a scratch directory
#   expected.stdout  expected standard output
#   expected.stderr  expected standard error (absent = must be empty)
#   expected.exit    expected exit status (absent = 0)
#   expected.<name>  expected content of $OUT/<name>, for files written
# MDSEC_GOLDEN_UPDATE=1 rewrites the expected files from the current
# binary; review that diff like code.
set -u
MDSEC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export MDSEC
fail=0 n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for case in tests/golden/*/*/; do
	case=${case%/}
	[ -f "$case/cmd" ] || continue
	n=$((n + 1))
	OUT=$tmp/out.$n
	mkdir -p "$OUT"
	export OUT
	sh -c "$(cat "$case/cmd")" >"$tmp/stdout" 2>"$tmp/stderr"
	status=$?
	if [ "${MDSEC_GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$tmp/stdout" "$case/expected.stdout"
		if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" "$case/expected.stderr"; else rm -f "$case/expected.stderr"; fi
		if [ "$status" -ne 0 ]; then echo "$status" >"$case/expected.exit"; else rm -f "$case/expected.exit"; fi
		for f in "$OUT"/*; do
			[ -f "$f" ] && cp "$f" "$case/expected.$(basename "$f")"
		done
	fi
	want_exit=0
	[ -f "$case/expected.exit" ] && want_exit=$(cat "$case/expected.exit")
	bad=0
	if [ "$status" -ne "$want_exit" ]; then
		echo "FAIL $case: exit $status, expected $want_exit"; bad=1
	fi
	diff -u "$case/expected.stdout" "$tmp/stdout" || bad=1
	if [ -f "$case/expected.stderr" ]; then
		diff -u "$case/expected.stderr" "$tmp/stderr" || bad=1
	elif [ -s "$tmp/stderr" ]; then
		echo "FAIL $case: unexpected stderr:"; cat "$tmp/stderr"; bad=1
	fi
	for f in "$case"/expected.*; do
		name=${f##*/expected.}
		case $name in stdout|stderr|exit) continue ;; esac
		diff -u "$f" "$OUT/$name" || bad=1
	done
	[ "$bad" -eq 0 ] || { echo "FAIL $case"; fail=$((fail + 1)); }
done
echo "golden: $n cases, $fail failed"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
