#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-triage.sh MDSEC PYTHON - triage end to end through the CLI:
# the device maker's triage file and a supplier's real exclusion list
# (Espressif's ESP-IDF v4.4.8 manifest, which excludes CVE-2020-22283 for
# its lwIP) applied to the findings of a monitor's SBOM: own decisions
# win, the supplier's shows where there is no own one, a stale entry is
# named, --fail-on unassessed gates; the three VEX formats written by
# `mdsec vulns --vex` validate (official schemas; CSAF's mandatory tests
# when the library is installed) and read back as triage give the same
# decisions; `mdsec triage set` appends and replaces in place keeping
# comments; bad input is exit 2 and changes nothing.
set -eu
bin=$1 py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
D=tests/data/triage/cli
fail=0
no() { echo "triage: $*"; fail=1; }

"$bin" db import --db "$tmp/v.db" tests/data/vuln/nvd/cves tests/data/vuln/kev 2>/dev/null
run() { "$bin" vulns --db "$tmp/v.db" "$@" $D/monitor.cdx.json; }
states() {
	"$py" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for v in d["vulnerabilities"]:
    t = v["triage"]
    print(v["id"], v["component"], t["state"], t["decided_by"])' "$1"
}

# own + supplier
run --triage $D/triage.yaml --statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml --format json >"$tmp/r.json"
states "$tmp/r.json" >"$tmp/states"
cat >"$tmp/want" <<'W'
CVE-2021-42374 BusyBox affected own
CVE-2022-48174 BusyBox unassessed None
CVE-2020-22283 lwIP not_affected supplier
CVE-2022-37434 zlib not_affected own
W
diff -u "$tmp/want" "$tmp/states" || no "decisions applied wrongly"
"$py" -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["triage"]["stale"]
assert len(s) == 1 and s[0]["component"] == "BusyBox@1.30.0" and s[0]["source"].endswith("triage.yaml:23:5"), s
assert d["triage"]["unassessed"] == 1
lw = [v for v in d["vulnerabilities"] if v["component"] == "lwIP"][0]["triage"]["supplier"]
assert lw["format"] == "esp-idf" and "379d5504" in lw["detail"], lw' "$tmp/r.json" || no "stale entry or supplier statement not shown"

# the gate
set +e
run --triage $D/triage.yaml --statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml --fail-on unassessed >/dev/null
rc=$?
set -e
[ $rc -eq 1 ] || no "--fail-on unassessed: exit $rc with one unassessed (expected 1)"

# VEX out, validated, and read back as triage: the same decisions
for f in openvex cyclonedx csaf; do
	run --triage $D/triage.yaml --statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml --vex $f -o "$tmp/vex.$f.json" || no "--vex $f failed"
	run --triage $D/triage.yaml --statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml --vex $f -o "$tmp/vex2.$f.json"
	cmp -s "$tmp/vex.$f.json" "$tmp/vex2.$f.json" || no "--vex $f not deterministic"
	run --triage "$tmp/vex.$f.json" --format json >"$tmp/rt.$f.json" || no "$f does not read back"
	states "$tmp/rt.$f.json" | sed 's/ supplier$/ own/; s/unassessed None/under_investigation own/' >"$tmp/rt.states"
	sed 's/ supplier$/ own/; s/unassessed None/under_investigation own/' "$tmp/states" >"$tmp/want.rt"
	diff -u "$tmp/want.rt" "$tmp/rt.states" || no "$f round trip lost a decision"
done
"$py" tests/vex_validate.py "$tmp"/vex.*.json || no "a VEX written by mdsec vulns is not valid"
lib=tests/node/node_modules/@secvisogram/csaf-validator-lib
if command -v node >/dev/null 2>&1 && [ -d "$lib" ]; then
	node tests/node/csaf-check.mjs "$tmp/vex.csaf.json" || no "CSAF mandatory tests failed"
else
	echo "triage: CSAF mandatory tests not run (no node or library; see tests/run-vex.sh)"
fi

# mdsec triage set: append, then replace in place; comments kept
cp $D/triage.yaml "$tmp/t.yaml"
"$bin" triage set --triage "$tmp/t.yaml" --component 'cpe:2.3:a:busybox:busybox:1.33.1:*:*:*:*:*:*:*' \
	--vulnerability CVE-2022-48174 --state under_investigation --author "Jane Roe" 2>/dev/null || no "set (append) failed"
grep -q "^  # an old decision" "$tmp/t.yaml" || no "set lost a comment"
[ "$(grep -c 'vulnerability:' "$tmp/t.yaml")" = 4 ] || no "set did not append"
"$bin" triage set --triage "$tmp/t.yaml" --component 'cpe:2.3:a:busybox:busybox:1.33.1:*:*:*:*:*:*:*' \
	--vulnerability CVE-2022-48174 --state not_affected --justification vulnerable_code_not_present \
	--detail "ash is not built" --author "Jane Roe" 2>"$tmp/err" || no "set (replace) failed"
grep -q "replaced" "$tmp/err" || no "set did not say it replaced"
[ "$(grep -c 'vulnerability:' "$tmp/t.yaml")" = 4 ] || no "replace appended instead"
set +e
"$bin" triage list --db "$tmp/v.db" --triage "$tmp/t.yaml" --statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml $D/monitor.cdx.json >"$tmp/list"
rc=$?
set -e
[ $rc -eq 0 ] && grep -q "^0 of 4 findings unassessed" "$tmp/list" || no "list after set: exit $rc, $(tail -2 "$tmp/list")"

# bad input: located error, exit 2, nothing written
cp "$tmp/t.yaml" "$tmp/t0.yaml"
set +e
"$bin" triage set --triage "$tmp/t.yaml" --component 'BusyBox@1.33.1' --vulnerability CVE-2022-48174 --state exploitable 2>/dev/null
rc=$?
set -e
[ $rc -eq 64 ] || no "unknown state: exit $rc (expected 64)"
cmp -s "$tmp/t.yaml" "$tmp/t0.yaml" || no "a refused set changed the file"
set +e
run --triage tests/data/triage/bad/yaml-bad-state.yaml >/dev/null 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || no "bad triage file: exit $rc (expected 2)"
sed "s,^,tests/data/triage/bad/," tests/data/triage/bad/yaml-bad-state.err | diff -u - "$tmp/err" || no "bad triage file: wrong error"
set +e
run --vex csaf -o "$tmp/none.json" --triage tests/data/triage/bad/yaml-bad-state.yaml 2>/dev/null
set -e
[ ! -e "$tmp/none.json" ] || no "a failed run wrote its output"
exit $fail
