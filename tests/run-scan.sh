#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/run-scan.sh MDSEC PYTHON - `mdsec scan` on real binaries. The
# Debian packages of well-known libraries and tools (scripts/install-deps
# installs them) carry exact upstream versions that dpkg-query reports.
# This test builds an image from the installed binaries at run time (with
# varied padding between them), reads the expected versions from
# dpkg-query at run time (never a golden file that a point release would
# break), also wraps the image as Intel HEX, S-record and UF2, and the
# files as tar.gz inside a zip, and requires every component with its
# exact upstream version and no other version of any of them.
set -eu
bin=$1 py=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"

# package | file (extended regex over dpkg -L) | NVD vendor:product
# (libxml2 is not in the table: its binary holds its version only as the
# number 20914, which the signature format cannot turn into 2.9.14 yet.)
cat >"$tmp/table" <<'T'
libssl3|/libcrypto\.so\.3$|openssl:openssl
zlib1g|/libz\.so\.1\.|zlib:zlib
libsqlite3-0|/libsqlite3\.so\.0\.|sqlite:sqlite
libcurl4|/libcurl\.so\.4\.|haxx:libcurl
libexpat1|/libexpat\.so\.1\.|libexpat_project:libexpat
busybox-static|/bin/busybox$|busybox:busybox
dropbear-bin|/sbin/dropbear$|dropbear_ssh_project:dropbear_ssh
libmbedcrypto7|/libmbedcrypto\.so\.|arm:mbed_tls
libwolfssl35|/libwolfssl\.so\.35\.|wolfssl:wolfssl
libpng16-16|/libpng16\.so\.16\.|libpng:libpng
libjpeg62-turbo|/libjpeg\.so\.62\.|libjpeg-turbo:libjpeg-turbo
openssh-client|/bin/ssh$|openbsd:openssh
T

upstream() { # Debian version -> upstream version
	printf '%s\n' "$1" | sed -e 's/^[0-9]*://' -e 's/-[^-]*$//' \
		-e 's/[+~.]dfsg.*//' -e 's/[+~].*//'
}

: >"$tmp/expected"
: >"$tmp/image.bin"
mkdir -p "$tmp/files"
i=0
while IFS='|' read -r pkg re cpe; do
	ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || {
		echo "scan: package $pkg is not installed (scripts/install-deps)"; exit 1; }
	f=$(dpkg -L "$pkg" | grep -E "$re" | head -1)
	[ -n "$f" ] && [ -f "$f" ] || { echo "scan: no file $re in $pkg"; exit 1; }
	i=$((i + 1))
	echo "$cpe $(upstream "$ver") $pkg" >>"$tmp/expected"
	cat "$f" >>"$tmp/image.bin"
	# varied, non-zero padding: a few KiB of this script's own bytes
	head -c $((1000 + i * 337)) "$0" >>"$tmp/image.bin"
	cp "$f" "$tmp/files/$(basename "$f")"
done <"$tmp/table"

# the image in every wrapping
objcopy -I binary -O ihex "$tmp/image.bin" "$tmp/image.hex"
objcopy -I binary -O srec "$tmp/image.bin" "$tmp/image.srec"
"$py" - "$tmp/image.bin" "$tmp/image.uf2" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
n = (len(data) + 255) // 256
with open(sys.argv[2], "wb") as out:
    for b in range(n):
        chunk = data[b * 256:(b + 1) * 256]
        blk = struct.pack("<IIIIIIII", 0x0A324655, 0x9E5D5157, 0x2000,
                          0x10000000 + b * 256, len(chunk), b, n, 0xe48bff56)
        blk += chunk.ljust(476, b"\0") + struct.pack("<I", 0x0AB16F30)
        out.write(blk)
PY
tar czf "$tmp/files.tar.gz" -C "$tmp/files" .
"$py" -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[2],'firmware/files.tar.gz'); z.close()" "$tmp/bundle.zip" "$tmp/files.tar.gz"

fail=0
for input in image.bin image.hex image.srec image.uf2 files.tar.gz bundle.zip; do
	"$bin" scan --format json "$tmp/$input" >"$tmp/$input.json" || {
		echo "scan: $input: exit $?"; fail=1; continue; }
	"$py" - "$tmp/expected" "$tmp/$input.json" "$input" <<'PY' || fail=1
import json, sys
expected = {}
for line in open(sys.argv[1]):
    cpe, ver, pkg = line.split()
    expected[cpe] = (ver, pkg)
doc = json.load(open(sys.argv[2]))
found = {}
for c in doc["components"]:
    if not c.get("cpe"):
        continue
    vp = ":".join(c["cpe"].split(":")[3:5])
    found.setdefault(vp, set()).add(c["version"])
bad = []
for cpe, (ver, pkg) in sorted(expected.items()):
    got = found.get(cpe, set())
    if ver not in got:
        bad.append(f"{pkg}: {cpe} {ver} not found (found {sorted(got) or 'nothing'})")
    elif len(got) > 1:
        bad.append(f"{pkg}: {cpe}: wrong versions besides {ver}: {sorted(got - {ver})}")
for b in bad:
    print(f"scan: {sys.argv[3]}: {b}")
if bad:
    sys.exit(1)
print(f"scan: {sys.argv[3]}: {len(expected)} components, exact versions, "
      f"{doc['bytes_scanned']} bytes")
PY
done
# hostile inputs: a compression bomb, archives nested too deep, a truncated
# archive: each a warning naming it, exit 1, bounded time, no crash
yes A | head -c 67108864 | xz -1 >"$tmp/bomb.xz"
cp "$tmp/files/$(ls "$tmp/files" | head -1)" "$tmp/deep.0"
for d in 1 2 3 4 5 6 7 8 9 10; do
	tar czf "$tmp/deep.$d" -C "$tmp" "deep.$((d - 1))"
done
head -c 300000 "$tmp/files.tar.gz" >"$tmp/truncated.tar.gz"
for h in bomb.xz:"compression bomb" deep.10:"nested more than 8 deep" \
	truncated.tar.gz:"truncated"; do
	f=${h%%:*} want=${h#*:}
	set +e
	timeout 60 "$bin" scan "$tmp/$f" >/dev/null 2>"$tmp/err"
	rc=$?
	set -e
	if [ $rc -ne 1 ] || ! grep -q "$want" "$tmp/err"; then
		echo "scan: $f: exit $rc (expected 1 and a warning about: $want)"
		cat "$tmp/err"; fail=1
	else
		echo "scan: $f: $(head -1 "$tmp/err")"
	fi
done

# the database came from the cache the second time
[ -n "$(ls "$tmp/cache/mdsec/" 2>/dev/null)" ] || { echo "scan: no cached database"; fail=1; }
exit $fail
