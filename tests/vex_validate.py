#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# tests/vex_validate.py FILE... - validate VEX documents against the
# official schemas copied into tests/data/schemas/: OpenVEX 0.2.0 and
# CSAF 2.0 (JSON Schema 2020-12; CSAF's references to FIRST's CVSS
# schemas resolved from local copies), CycloneDX 1.6 (draft-07, its spdx
# and jsf references local), with Debian's python3-jsonschema and its
# format checker. The kind of each file is told by its content. No
# network.
import json
import sys

import jsonschema

S = "tests/data/schemas/"


def load(name):
    with open(S + name, encoding="utf-8") as f:
        return json.load(f)


fmt = jsonschema.FormatChecker()

# CycloneDX 1.6, as tests/sbom_validate.py resolves it
cdx_store = {}
for name in ("spdx.schema.json", "jsf-0.82.schema.json",
             "bom-1.6.schema.json"):
    doc = load(name)
    cdx_store[doc["$id"]] = doc
    cdx_store["http://cyclonedx.org/schema/" + name] = doc
cdx = load("bom-1.6.schema.json")

# CSAF 2.0 and the CVSS schemas it names by URL
csaf = load("csaf_json_schema.json")
csaf_store = {csaf["$id"]: csaf}
for v in ("2.0", "3.0", "3.1"):
    doc = load("cvss-v%s.json" % v)
    csaf_store["https://www.first.org/cvss/cvss-v%s.json" % v] = doc
    for key in ("$id", "id"):  # each names itself with a "?date" suffix
        if key in doc:
            csaf_store[doc[key]] = doc

openvex = load("openvex.schema.json")

for schema, cls in ((cdx, jsonschema.Draft7Validator),
                    (csaf, jsonschema.Draft202012Validator),
                    (openvex, jsonschema.Draft202012Validator)):
    cls.check_schema(schema)

validators = {
    "cyclonedx": jsonschema.Draft7Validator(
        cdx, resolver=jsonschema.RefResolver.from_schema(cdx, store=cdx_store),
        format_checker=fmt),
    "csaf": jsonschema.Draft202012Validator(
        csaf, resolver=jsonschema.RefResolver.from_schema(
            csaf, store=csaf_store),
        format_checker=fmt),
    "openvex": jsonschema.Draft202012Validator(openvex, format_checker=fmt),
}


def kind(doc):
    if "openvex" in str(doc.get("@context", "")):
        return "openvex"
    if doc.get("bomFormat") == "CycloneDX":
        return "cyclonedx"
    if "csaf_version" in doc.get("document", {}):
        return "csaf"
    return None


bad = 0
counts = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    k = kind(doc)
    if k is None:
        print(f"{path}: not OpenVEX, CycloneDX or CSAF")
        bad += 1
        continue
    if k == "cyclonedx" and doc.get("specVersion") != "1.6":
        print(f"{path}: specVersion {doc.get('specVersion')} (expected 1.6)")
        bad += 1
        continue
    errs = sorted(validators[k].iter_errors(doc), key=lambda e: list(e.path))
    for e in errs[:5]:
        print(f"{path}: {k}: {list(e.path)}: {e.message[:300]}")
    bad += bool(errs)
    counts[k] = counts.get(k, 0) + 1
if bad:
    sys.exit(1)
print("vex schemas: %d documents valid (%s)" % (
    len(sys.argv) - 1,
    ", ".join("%s %d" % (k, n) for k, n in sorted(counts.items()))))
