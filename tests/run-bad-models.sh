#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every tests/data/model/bad/<case>.yaml must make `mdsec check` exit 2 and
# print exactly <case>.err on stderr and nothing on stdout (jq %%FAIL style).
# With MDSEC_GOLDEN_UPDATE=1 the .err files are rewritten instead.
set -u
bin=$1
dir=tests/data/model/bad
fail=0 n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for model in "$dir"/*.yaml; do
	case "$model" in *.inc.yaml) continue ;; esac
	n=$((n + 1))
	err=${model%.yaml}.err
	"$bin" check "$model" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "${MDSEC_GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$tmp/err" "$err"
	fi
	if [ "$status" -ne 2 ]; then
		echo "FAIL $model: exit $status, expected 2"; fail=$((fail + 1)); continue
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL $model: wrote to stdout"; fail=$((fail + 1)); continue
	fi
	if ! diff -u "$err" "$tmp/err"; then
		echo "FAIL $model: stderr differs"; fail=$((fail + 1)); continue
	fi
done
echo "bad-models: $n cases, $fail failed"
[ "$n" -ge 40 ] || { echo "bad-models: expected at least 40 cases"; exit 1; }
[ "$fail" -eq 0 ]
