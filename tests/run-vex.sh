#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-vex.sh UNIT_TEST PYTHON - every VEX document mdsec writes is
# valid for the tools hospitals and regulators use: the three documents of
# the triage fixture (written by the unit test tests/unit/triage/
# test_write.c, which also holds them to their goldens) validate against
# the official OpenVEX 0.2.0, CycloneDX 1.6 and CSAF 2.0 schemas copied in
# tests/data/schemas/ (Debian's python3-jsonschema, tests/vex_validate.py),
# and the CSAF one passes the mandatory tests of CSAF 2.0 section 6.1 as
# BSI's @secvisogram/csaf-validator-lib runs them (node, the library
# installed in tests/node/ by scripts/install-deps). Tampered copies must
# fail, so a validator that accepts anything is caught. The real CSAF
# documents of tests/data/triage/csaf/ are run through the same checks.
# Exits 77 (skipped, and says why) when the CSAF library is not installed,
# after the schema checks have passed.
set -eu
unit=$1 py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

MDSEC_VEX_OUT=$tmp "$unit" >"$tmp/unit.log" 2>&1 || {
	cat "$tmp/unit.log"
	echo "run-vex: the writer's unit test failed"
	exit 1
}
for f in device.openvex.json device.cdx.json device.csaf.json; do
	[ -s "$tmp/$f" ] || { echo "run-vex: $f was not written"; exit 1; }
done
"$py" tests/vex_validate.py "$tmp"/device.*.json tests/data/triage/csaf/*.json

# Negative controls: each tampered copy breaks a rule of its schema.
"$py" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def rd(n):
    with open(f"{tmp}/{n}", encoding="utf-8") as f:
        return json.load(f)
def wr(n, d):
    with open(f"{tmp}/bad-{n}", "w", encoding="utf-8") as f:
        json.dump(d, f)
d = rd("device.openvex.json"); del d["author"]; wr("no-author.openvex.json", d)
d = rd("device.openvex.json")
for s in d["statements"]:
    if s["status"] == "affected":
        del s["action_statement"]
wr("no-action.openvex.json", d)
d = rd("device.cdx.json"); d["vulnerabilities"][0]["analysis"]["state"] = "affected"
wr("state.cdx.json", d)
d = rd("device.csaf.json"); d["document"]["category"] = ""
wr("category.csaf.json", d)
d = rd("device.csaf.json"); del d["document"]["tracking"]["id"]
wr("no-id.csaf.json", d)
PY
for f in "$tmp"/bad-*.json; do
	if "$py" tests/vex_validate.py "$f" >/dev/null 2>&1; then
		echo "run-vex: tampered $(basename "$f") was accepted"
		exit 1
	fi
done
echo "run-vex: 5 tampered documents rejected by the schemas"

lib=tests/node/node_modules/@secvisogram/csaf-validator-lib
if ! command -v node >/dev/null 2>&1 || [ ! -d "$lib" ]; then
	echo "run-vex: SKIPPED the CSAF 2.0 mandatory tests: node or" \
		"$lib is missing (scripts/install-deps installs it with npm)"
	exit 77
fi
node tests/node/csaf-check.mjs "$tmp/device.csaf.json" \
	tests/data/triage/csaf/*.json
# and mandatory tests the schema cannot express must catch breakage
"$py" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
with open(f"{tmp}/device.csaf.json", encoding="utf-8") as f:
    d = json.load(f)
# 6.1.27.10: a known_affected product without a remediation
for v in d["vulnerabilities"]:
    v.pop("remediations", None)
with open(f"{tmp}/bad-remediation.csaf.json", "w", encoding="utf-8") as f:
    json.dump(d, f)
with open(f"{tmp}/device.csaf.json", encoding="utf-8") as f:
    d = json.load(f)
# 6.1.1: a status naming a product the tree does not define
d["vulnerabilities"][0]["product_status"]["fixed"] = ["NO-SUCH-PRODUCT"]
with open(f"{tmp}/bad-undefined.csaf.json", "w", encoding="utf-8") as f:
    json.dump(d, f)
PY
node tests/node/csaf-check.mjs --must-fail "$tmp"/bad-remediation.csaf.json \
	"$tmp"/bad-undefined.csaf.json
