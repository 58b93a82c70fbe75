#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# bench/sig-patterns.py DIR - the signatures' version patterns as POSIX
# extended regular expressions, one per line, for the grep baseline of
# bench/run-scan: named and non-capturing groups become plain groups;
# patterns grep cannot take are left out (and counted on stderr).
import glob
import re
import subprocess
import sys

import yaml

pats, skipped = [], 0
for path in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    for sg in yaml.safe_load(open(path, encoding="utf-8"))["signatures"]:
        p = sg["version"]
        p = re.sub(r"\(\?<[A-Za-z_]+>", "(", p).replace("(?:", "(")
        p = p.replace(r"\d", "[0-9]").replace(r"\s", "[[:space:]]")
        if "(?" in p or "\\x" in p or r"\b" in p:
            skipped += 1
            continue
        r = subprocess.run(["grep", "-E", "-e", p], input=b"",
                           capture_output=True)
        if r.returncode == 2:
            skipped += 1
            continue
        pats.append(p)
print("\n".join(pats))
print(f"sig-patterns: {len(pats)} patterns, {skipped} left out",
      file=sys.stderr)
