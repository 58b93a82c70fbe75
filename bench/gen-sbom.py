#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# bench/gen-sbom.py N OUT - a CycloneDX 1.6 SBOM of N components generated
# from real component records: the components of the real SBOMs in
# tests/data/sbom (name, group, version, supplier, purl, licenses, hashes
# as they are there), cycled with a per-copy version suffix so that every
# component is distinct, each with two or three dependencies on earlier
# components and the FDA properties on every tenth. Fixed seed.
import glob
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
random.seed(7)
records = []
for path in sorted(glob.glob("tests/data/sbom/cyclonedx/*.json")):
    doc = json.load(open(path, encoding="utf-8"))
    for c in doc.get("components", []):
        if c.get("type") in ("library", "application", "framework",
                             "operating-system", "firmware"):
            records.append(c)
for path in sorted(glob.glob("tests/data/sbom/spdx/*.json")):
    doc = json.load(open(path, encoding="utf-8"))
    for p in doc.get("packages", []):
        rec = {"type": "library", "name": p["name"]}
        if p.get("versionInfo"):
            rec["version"] = p["versionInfo"]
        sup = p.get("supplier", "")
        if sup.startswith("Organization: "):
            rec["supplier"] = {"name": sup[len("Organization: "):]}
        for r in p.get("externalRefs", []):
            if r["referenceType"] == "purl":
                rec["purl"] = r["referenceLocator"]
        records.append(rec)
assert records, "no component records found"

comps, deps = [], []
for i in range(n):
    src = records[i % len(records)]
    copy = i // len(records)
    c = {k: v for k, v in src.items()
         if k in ("type", "group", "name", "version", "supplier", "purl",
                  "licenses", "hashes", "cpe", "description")}
    c["bom-ref"] = f"c{i}"
    if copy:
        v = c.get("version", "0")
        c["version"] = f"{v}-r{copy}"
        if "purl" in c:
            base = c["purl"].split("@")[0].split("?")[0]
            c["purl"] = f"{base}@{c['version']}"
    if i % 10 == 0:
        c["properties"] = [
            {"name": "cdx:fda:level-of-support", "value": "actively maintained"},
            {"name": "cdx:lifecycle:milestone:endOfSupport", "value": "2030-12-31"},
        ]
    comps.append(c)
    on = sorted({f"c{random.randrange(i)}" for _ in range(3)}) if i else []
    deps.append({"ref": f"c{i}", "dependsOn": on})
doc = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "serialNumber": "urn:uuid:6c0b8f39-7f5e-4b8a-9a1c-2d3e4f5a6b7c",
    "version": 1,
    "metadata": {"timestamp": "2026-01-01T00:00:00Z",
                 "authors": [{"name": "bench"}]},
    "components": comps,
    "dependencies": deps,
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2)
    f.write("\n")
