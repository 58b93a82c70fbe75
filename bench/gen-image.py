#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# bench/gen-image.py SIZE_MIB OUT - a firmware-like image of real binaries:
# the shared libraries and programs of this machine (the packages the
# scan test uses first, then /usr/lib/x86_64-linux-gnu), concatenated
# over and over with varied, non-zero padding between them (a slice of
# the previous binary, reversed) until SIZE_MIB MiB. Fixed order: the
# same machine gives the same image.
import glob
import os
import sys

size = int(sys.argv[1]) << 20
out = sys.argv[2]
files = sorted(set(
    glob.glob("/usr/lib/x86_64-linux-gnu/lib*.so.*") +
    ["/bin/busybox", "/usr/sbin/dropbear", "/usr/bin/ssh"]))
files = [f for f in files if os.path.isfile(f) and not os.path.islink(f)]
assert files, "no binaries found"
written = 0
prev = b"mdsec"
i = 0
with open(out, "wb") as o:
    while written < size:
        data = open(files[i % len(files)], "rb").read()
        pad = prev[-(1000 + (i * 7919) % 30000):][::-1]
        for chunk in (data, pad):
            chunk = chunk[: size - written]
            o.write(chunk)
            written += len(chunk)
        prev = data
        i += 1
print(f"{out}: {written} bytes from {min(i, len(files))} distinct binaries")
