#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-sbom.sh MDSEC PYTHON - the SBOM commands end to end:
#  1. CycloneDX spec test documents: every valid-* is read; every invalid-*
#     is rejected with exit 2 and a located error, unless exempted with a
#     reason in tests/data/sbom/cyclonedx/exemptions.txt;
#  2. real SBOMs convert to the other format and back without losing
#     name, version, supplier, identifiers or dependency edges (checked by
#     tests/sbom_compare.py, which reads JSON with Python, not mdsec);
#  3. every SBOM mdsec writes validates against the official schemas
#     (tests/sbom_validate.py) and two runs are byte-identical;
#  4. malformed SBOMs (tests/data/sbom/bad/*.json) give exactly the
#     expected error (*.err), exit 2, and leave no output file.
set -eu
bin=$1 py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
D=tests/data/sbom

# 1. spec tests
exempt=$D/cyclonedx/exemptions.txt
nvalid=0 ninvalid=0 nexempt=0
for f in $D/cyclonedx/spec-tests/*/*.json; do
	b=$(basename "$f")
	if grep -q "^$b " "$exempt"; then
		nexempt=$((nexempt + 1))
		continue
	fi
	set +e
	"$bin" sbom check "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	set -e
	case "$b" in
	valid-*)
		nvalid=$((nvalid + 1))
		if [ $rc -ne 0 ]; then
			echo "sbom: $b: exit $rc (expected 0)"; cat "$tmp/err"; fail=1
		fi ;;
	invalid-*)
		ninvalid=$((ninvalid + 1))
		if [ $rc -ne 2 ] || ! grep -q "^$f:[0-9]*:[0-9]*: error: " "$tmp/err"; then
			echo "sbom: $b: exit $rc (expected 2 with a located error)"
			cat "$tmp/err"; fail=1
		fi ;;
	esac
done
echo "sbom: spec tests: $nvalid valid read, $ninvalid invalid rejected, $nexempt exempt"
[ $nvalid -ge 80 ] && [ $ninvalid -ge 45 ] || { echo "sbom: too few spec tests ran"; fail=1; }

# 2. round trips of real SBOMs
i=0
for f in $D/cyclonedx/*.json $D/spdx/*.json; do
	[ -f "$f" ] || continue
	i=$((i + 1))
	case "$(head -c 2000 "$f")" in
	*bomFormat*) there=spdx back=cyclonedx ;;
	*) there=cyclonedx back=spdx ;;
	esac
	"$bin" sbom convert --format $there "$f" -o "$tmp/rt$i.a.json"
	"$bin" sbom convert --format $back "$tmp/rt$i.a.json" -o "$tmp/rt$i.b.json"
	"$py" tests/sbom_compare.py "$f" "$tmp/rt$i.a.json" >/dev/null || fail=1
	"$py" tests/sbom_compare.py "$f" "$tmp/rt$i.b.json" || fail=1
	"$bin" sbom convert --format $there "$f" -o "$tmp/rt$i.c.json"
	cmp -s "$tmp/rt$i.a.json" "$tmp/rt$i.c.json" || { echo "sbom: $f: two conversions differ"; fail=1; }
done
[ $i -ge 6 ] || { echo "sbom: too few real SBOMs"; fail=1; }

# 3. model SBOMs, merges; all outputs valid
for m in examples/*/model.yaml data/templates/model.yaml; do
	n=$(basename "$(dirname "$m")")
	"$bin" sbom "$m" -o "$tmp/model-$n.cdx.json"
	"$bin" sbom "$m" -o "$tmp/model-$n.spdx.json"
	"$bin" sbom "$m" --format cyclonedx >"$tmp/model-$n.again.json"
	cmp -s "$tmp/model-$n.cdx.json" "$tmp/model-$n.again.json" || { echo "sbom: $m: two runs differ"; fail=1; }
	"$py" tests/sbom_compare.py "$tmp/model-$n.cdx.json" "$tmp/model-$n.spdx.json" >/dev/null || fail=1
done
rm -f "$tmp"/*.again.json
"$bin" sbom merge $D/cyclonedx/laravel-7.12.0.cdx-1.4.json $D/cyclonedx/cern-lhc-vdm-editor.cdx.json -o "$tmp/merged.cdx.json"
"$bin" sbom merge $D/cyclonedx/laravel-7.12.0.cdx-1.4.json $D/cyclonedx/laravel-7.12.0.cdx-1.4.json -o "$tmp/self.cdx.json"
"$py" tests/sbom_compare.py $D/cyclonedx/laravel-7.12.0.cdx-1.4.json "$tmp/self.cdx.json" >/dev/null || fail=1
# what mdsec scan writes as CycloneDX is an SBOM like the others, and merges
"$bin" scan --format cyclonedx tests/fuzz/corpus/scan/nested.zip -o "$tmp/scan.cdx.json"
"$bin" sbom merge "$tmp/model-insulin-pump.cdx.json" "$tmp/scan.cdx.json" -o "$tmp/with-scan.cdx.json"
"$py" tests/sbom_validate.py "$tmp"/*.json || fail=1

# 4. malformed SBOMs
nbad=0
for f in $D/bad/*.json; do
	[ -f "$f" ] || continue
	nbad=$((nbad + 1))
	set +e
	"$bin" sbom convert "$f" -o "$tmp/out.json" 2>"$tmp/err" >/dev/null
	rc=$?
	set -e
	if [ $rc -ne 2 ]; then echo "sbom: $f: exit $rc (expected 2)"; fail=1; fi
	if [ -e "$tmp/out.json" ]; then echo "sbom: $f: output written"; fail=1; rm -f "$tmp/out.json"; fi
	if ! diff -u "${f%.json}.err" "$tmp/err"; then echo "sbom: $f: wrong error"; fail=1; fi
done
[ $nbad -ge 10 ] || { echo "sbom: too few malformed SBOM cases ($nbad)"; fail=1; }
exit $fail
