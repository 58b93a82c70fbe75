#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every JSON output validates against its published schema in
# docs/schemas/, checked by an independent validator (Debian's
# python3-jsonschema), and the schemas themselves are valid and current.
set -eu
bin=$1 py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" tools/gen-model-schema.py --check
i=0
for m in examples/*/model.yaml data/templates/model.yaml; do
	i=$((i + 1))
	"$bin" model "$m" > "$tmp/model.$i.json"
	"$bin" check --format json "$m" > "$tmp/check.$i.json" || [ $? -eq 1 ]
	"$bin" threats --format json "$m" > "$tmp/threats.$i.json"
	"$bin" diff --format json data/templates/model.yaml "$m" > "$tmp/diff.$i.json" || [ $? -eq 1 ]
done
for m in tests/data/threat/*/fires.yaml; do
	i=$((i + 1))
	"$bin" threats --format json "$m" > "$tmp/threats.$i.json"
done
for m in tests/data/model/bad/*.yaml; do
	case "$m" in *.inc.yaml) continue ;; esac
	i=$((i + 1))
	"$bin" check --format json "$m" > "$tmp/check.$i.json" && {
		echo "schemas: $m was accepted"; exit 1; }
	[ $? -eq 2 ] || { echo "schemas: $m did not exit 2"; exit 1; }
done
# SBOM quality and diff reports, of the examples' SBOMs and real SBOMs
for f in tests/data/sbom/cyclonedx/*.json tests/data/sbom/spdx/*.json; do
	i=$((i + 1))
	"$bin" sbom check --format json "$f" >"$tmp/sbom-check.$i.json"
	"$bin" sbom diff --format json tests/data/sbom/cyclonedx/laravel-7.12.0.cdx-1.4.json "$f" >"$tmp/sbom-diff.$i.json" || [ $? -eq 1 ]
done
for m in examples/*/model.yaml; do
	i=$((i + 1))
	"$bin" sbom "$m" -o "$tmp/m$i.cdx.json"
	"$bin" sbom check --format json "$tmp/m$i.cdx.json" >"$tmp/sbom-check.$i.json"
	"$bin" sbom diff --format json "$tmp/m$i.cdx.json" examples/insulin-pump/sboms/cgm-transmitter.cdx.json >"$tmp/sbom-diff.$i.json" || [ $? -eq 1 ]
done
# scan reports (test signatures: fixed, small)
for f in tests/fuzz/corpus/scan/*; do
	i=$((i + 1))
	"$bin" scan --no-default-signatures --signatures tests/data/scan-sigs \
		--format json "$f" >"$tmp/scan.$i.json" 2>/dev/null || [ $? -eq 1 ]
done
"$bin" db import --db "$tmp/v.db" tests/data/vuln/nvd/cves tests/data/vuln/kev 2>/dev/null
"$bin" db info --db "$tmp/v.db" --format json >"$tmp/db-info.1.json"
"$bin" vulns --db "$tmp/v.db" --format json tests/data/vuln/old-firmware.cdx.json >"$tmp/vulns.1.json"
"$bin" vulns --db "$tmp/v.db" --format json examples/insulin-pump/model.yaml >"$tmp/vulns.2.json"
"$bin" vulns --db "$tmp/v.db" --format json --baseline "$tmp/vulns.1.json" tests/data/vuln/new-firmware.cdx.json >"$tmp/vulns.3.json"
"$bin" db import --db "$tmp/w.db" tests/data/vuln/cve5 tests/data/vuln/osv tests/data/vuln/nvd 2>/dev/null
"$bin" db info --db "$tmp/w.db" --format json >"$tmp/db-info.2.json"
"$bin" vulns --db "$tmp/w.db" --format json tests/data/vuln/mixed.cdx.json >"$tmp/vulns.4.json"
"$bin" vulns --db "$tmp/v.db" --format json --triage tests/data/triage/cli/triage.yaml \
	--statements tests/data/triage/esp-idf/esp-idf-v4.4.8-components.yml \
	tests/data/triage/cli/monitor.cdx.json >"$tmp/vulns.5.json"
"$bin" triage list --db "$tmp/v.db" --format json --triage tests/data/triage/cli/triage.yaml \
	tests/data/triage/cli/monitor.cdx.json >"$tmp/triage-queue.1.json" || [ $? -eq 1 ]
"$bin" cvss --format json --rubric tests/golden/cvss/rubric/answers.yaml >"$tmp/cvss-rubric.1.json"
# CVSS answers: every shared vector of each version, plus bad lines.
for v in 2.0 3.0 3.1 4.0; do
	cut -f1 "tests/data/cvss/cvss$v.tsv" | tail -n +2 | head -300 >"$tmp/vectors"
	printf 'CVSS:3.1/AV:X/AC:L\nnot a vector\n' >>"$tmp/vectors"
	"$bin" cvss --format json - <"$tmp/vectors" >"$tmp/cvss-lines.$v" 2>/dev/null || [ $? -eq 2 ]
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s\n' "$line" >"$tmp/cvss.$v.$i.json"
	done <"$tmp/cvss-lines.$v"
done
"$py" - "$tmp" <<'PY'
import json, sys, glob
from jsonschema import Draft202012Validator
tmp = sys.argv[1]
n = 0
for kind in ("model", "check", "threats", "diff", "cvss", "cvss-rubric",
             "sbom-check", "sbom-diff", "scan", "db-info", "vulns",
             "triage-queue"):
    schema = json.load(open(f"docs/schemas/{kind}.schema.json"))
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    for f in sorted(glob.glob(f"{tmp}/{kind}.*.json")):
        doc = json.load(open(f))
        errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        for e in errs[:5]:
            print(f"{f}: {list(e.path)}: {e.message}")
        if errs:
            sys.exit(1)
        n += 1
print(f"schemas: {n} documents valid")
PY
