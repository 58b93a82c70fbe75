#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every shipped rule has a model it fires on and one it must not fire on:
# tests/data/threat/<RULE-ID>/fires.yaml with the target id in `expect`,
# and quiet.yaml. Also checks that every rule in data/rules has such a pair.
set -u
bin=$1
fail=0 n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in tests/data/threat/*/; do
	dir=${dir%/}
	rule=${dir##*/}
	n=$((n + 1))
	expect=$(cat "$dir/expect" 2>/dev/null)
	if ! "$bin" threats --format json "$dir/fires.yaml" >"$tmp/fires.json" 2>"$tmp/err"; then
		echo "FAIL $rule: fires.yaml: $(cat "$tmp/err")"; fail=$((fail + 1)); continue
	fi
	if ! grep -qF "\"id\": \"$rule@$expect\"" "$tmp/fires.json"; then
		echo "FAIL $rule: does not fire on '$expect' in fires.yaml"; fail=$((fail + 1)); continue
	fi
	if ! "$bin" threats --format json "$dir/quiet.yaml" >"$tmp/quiet.json" 2>"$tmp/err"; then
		echo "FAIL $rule: quiet.yaml: $(cat "$tmp/err")"; fail=$((fail + 1)); continue
	fi
	if grep -qF "\"rule\": \"$rule\"" "$tmp/quiet.json"; then
		echo "FAIL $rule: fires on quiet.yaml"; fail=$((fail + 1)); continue
	fi
done
# Every shipped rule is covered by a pair.
for id in $(sed -n 's/^  - id: \([A-Z0-9-]*\).*/\1/p' data/rules/*.yaml); do
	[ -d "tests/data/threat/$id" ] || { echo "FAIL $id: no fires/quiet pair"; fail=$((fail + 1)); }
done
echo "rule-pairs: $n rules tested, $fail failed"
[ "$n" -ge 60 ] || { echo "rule-pairs: expected at least 60 rules with pairs"; exit 1; }
[ "$fail" -eq 0 ]
