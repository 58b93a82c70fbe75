#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Write N CVSS vectors (v2.0, v3.0, v3.1, v4.0 in turn), random but
# deterministic (fixed seed), base metrics always, a temporal/threat metric
# on every third: the input of bench/run-cvss. Usage: gen-cvss.py N
import random
import sys

V2 = [("AV", "LAN"), ("AC", "HML"), ("Au", "MSN"), ("C", "NPC"), ("I", "NPC"), ("A", "NPC")]
V3 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"),
      ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
V4 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
      ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]


def main():
    n = int(sys.argv[1])
    rnd = random.Random(20261129)
    out = sys.stdout
    for i in range(n):
        k = i % 4
        if k == 0:
            v = "/".join("%s:%s" % (m, rnd.choice(vals)) for m, vals in V2)
            if i % 3 == 0:
                v += "/E:" + rnd.choice(["U", "POC", "F", "H", "ND"])
        elif k in (1, 2):
            v = ("CVSS:3.0/" if k == 1 else "CVSS:3.1/") + "/".join(
                "%s:%s" % (m, rnd.choice(vals)) for m, vals in V3)
            if i % 3 == 0:
                v += "/E:" + rnd.choice("XUPFH")
        else:
            v = "CVSS:4.0/" + "/".join("%s:%s" % (m, rnd.choice(vals)) for m, vals in V4)
            if i % 3 == 0:
                v += "/E:" + rnd.choice("XAPU")
        out.write(v + "\n")


main()
