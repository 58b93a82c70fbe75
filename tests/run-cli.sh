#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The conventions every command follows (docs/cli.md): --help everywhere,
# usage errors exit 64, the man page and docs/cli.md name every command,
# outputs are byte-identical across runs, and an installed mdsec finds its
# shipped data without MDSEC_DATADIR.
set -u
bin=$1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

cmds=$("$bin" help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$cmds" ] || no "mdsec help lists no commands"
for c in $cmds; do
	out=$("$bin" "$c" --help) || no "$c --help exits non-zero"
	echo "$out" | grep -q "^usage: mdsec $c" || no "$c --help shows no usage line"
	grep -q "^\.B $c\b\|^\.SS \"\?$c\b\|\\\\fB$c\\\\fR" docs/man/mdsec.1 || no "man page lacks command $c"
	grep -q "^## \`mdsec $c" docs/cli.md || no "docs/cli.md lacks a section for mdsec $c"
	"$bin" "$c" --no-such-option >/dev/null 2>&1
	[ $? -eq 64 ] || no "$c with an unknown option does not exit 64"
done

"$bin" frobnicate >/dev/null 2>&1
[ $? -eq 64 ] || no "an unknown command does not exit 64"

for m in examples/*/model.yaml; do
	"$bin" model "$m" >"$tmp/a.json" && "$bin" model "$m" >"$tmp/b.json" &&
		cmp -s "$tmp/a.json" "$tmp/b.json" || no "mdsec model $m is not deterministic"
	"$bin" check "$m" >/dev/null
	[ $? -le 1 ] || no "$m is not a valid model"
	"$bin" threats --format json "$m" >"$tmp/a.json" && "$bin" threats --format json "$m" >"$tmp/b.json" &&
		cmp -s "$tmp/a.json" "$tmp/b.json" || no "mdsec threats $m is not deterministic"
done

# An installed copy finds its data through the prefix (mdsec init reads a
# shipped template), with no MDSEC_DATADIR and away from the build tree.
builddir=$(dirname "$bin")
if cmake --install "$builddir" --prefix "$tmp/inst" >/dev/null 2>&1; then
	(cd "$tmp" && env -u MDSEC_DATADIR "$tmp/inst/bin/mdsec" init "$tmp/proj" >/dev/null) ||
		no "installed mdsec cannot find its data"
	env -u MDSEC_DATADIR "$tmp/inst/bin/mdsec" check "$tmp/proj/model.yaml" >/dev/null
	[ $? -le 1 ] || no "the installed mdsec cannot check the starter model (rules or matrix not found)"
else
	no "cmake --install failed"
fi
[ "$fail" -eq 0 ] && echo "cli: ok"
[ "$fail" -eq 0 ]
