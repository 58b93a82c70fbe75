#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# tests/sbom_validate.py FILE... - validate SBOMs against the official
# schemas copied into tests/data/schemas/ (CycloneDX 1.6 with its spdx and
# jsf references resolved from local files, SPDX 2.3), with Debian's
# python3-jsonschema and its date-time format checker. No network.
import json
import sys

import jsonschema

S = "tests/data/schemas/"


def load(name):
    return json.load(open(S + name, encoding="utf-8"))


store = {}
for name in ("spdx.schema.json", "jsf-0.82.schema.json",
             "bom-1.6.schema.json", "bom-1.5.schema.json"):
    doc = load(name)
    store[doc["$id"]] = doc
    store["http://cyclonedx.org/schema/" + name] = doc
cdx = load("bom-1.6.schema.json")
spdx = load("spdx-2.3.schema.json")
fmt = jsonschema.FormatChecker()
validators = {
    "cdx": jsonschema.Draft7Validator(
        cdx, resolver=jsonschema.RefResolver.from_schema(cdx, store=store),
        format_checker=fmt),
    "spdx": jsonschema.Draft7Validator(spdx, format_checker=fmt),
}
bad = 0
for path in sys.argv[1:]:
    doc = json.load(open(path, encoding="utf-8"))
    kind = "cdx" if "bomFormat" in doc else "spdx"
    if kind == "cdx" and doc.get("specVersion") != "1.6":
        print(f"{path}: specVersion {doc.get('specVersion')} (expected 1.6)")
        bad += 1
        continue
    errs = sorted(validators[kind].iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:5]:
        print(f"{path}: {list(e.path)}: {e.message[:300]}")
    bad += bool(errs)
if bad:
    sys.exit(1)
print(f"sbom schemas: {len(sys.argv) - 1} documents valid")
