#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# tests/sbom_compare.py A B - read two SBOMs (CycloneDX or SPDX JSON, each
# with Python's own json module, independently of mdsec) and check that B
# keeps what A says: every component's name, version, supplier, purl and
# CPE, and every dependency edge between components. Exit 1 with the
# differences when something was lost.
import json
import sys
from urllib.parse import unquote


def cdx(doc):
    comps, refs, edges = {}, {}, set()

    def add(c):
        key = (c.get("group"), c["name"], c.get("version"), c.get("purl"))
        sup = (c.get("supplier") or {}).get("name") or c.get("publisher")
        if not sup and isinstance(c.get("manufacturer"), dict):
            sup = c["manufacturer"].get("name")
        comps[key] = {"supplier": sup, "purl": c.get("purl"),
                      "cpe": c.get("cpe")}
        if "bom-ref" in c:
            refs[c["bom-ref"]] = key
        for sub in c.get("components", []):
            add(sub)

    md = doc.get("metadata", {})
    if "component" in md:
        add(md["component"])
    for c in doc.get("components", []):
        add(c)
    for d in doc.get("dependencies", []):
        for t in d.get("dependsOn", []):
            if d["ref"] in refs and t in refs and d["ref"] != t:
                edges.add((refs[d["ref"]], refs[t]))
    return comps, edges


def org(v):
    if not v or v in ("NOASSERTION", "NONE"):
        return None
    for p in ("Organization: ", "Person: "):
        if v.startswith(p):
            v = v[len(p):]
            # SPDX allows "Name (email)"; mdsec keeps the whole text
    return v


def spdx(doc):
    comps, ids, edges = {}, {}, set()
    for p in doc.get("packages", []):
        purl = cpe = None
        for r in p.get("externalRefs", []):
            if r["referenceType"] == "purl" and purl is None:
                purl = r["referenceLocator"]
            if r["referenceType"] in ("cpe23Type",) and cpe is None:
                cpe = r["referenceLocator"]
        key = (None, p["name"], p.get("versionInfo"), purl)
        comps[key] = {"supplier": org(p.get("supplier")), "purl": purl,
                      "cpe": cpe}
        ids[p["SPDXID"]] = key
    rev = {"DEPENDENCY_OF", "CONTAINED_BY", "BUILD_DEPENDENCY_OF",
           "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF",
           "PROVIDED_DEPENDENCY_OF", "TEST_DEPENDENCY_OF",
           "RUNTIME_DEPENDENCY_OF"}
    fwd = {"DEPENDS_ON", "CONTAINS", "STATIC_LINK", "DYNAMIC_LINK"}
    for r in doc.get("relationships", []):
        a, t, b = r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"]
        if a in ids and b in ids and a != b:
            if t in fwd:
                edges.add((ids[a], ids[b]))
            elif t in rev:
                edges.add((ids[b], ids[a]))
    return comps, edges


def load(path):
    doc = json.load(open(path, encoding="utf-8"))
    return cdx(doc) if "bomFormat" in doc else spdx(doc)


def norm_key(k):
    # name, version and the purl percent-decoded and lower-cased (mdsec
    # writes purls in canonical form, which may differ in encoding/case)
    return (k[1], k[2], unquote(k[3]).lower() if k[3] else None)


def main():
    a_comps, a_edges = load(sys.argv[1])
    b_comps, b_edges = load(sys.argv[2])
    a = {norm_key(k): v for k, v in a_comps.items()}
    b = {norm_key(k): v for k, v in b_comps.items()}
    bad = []
    for k, v in sorted(a.items(), key=str):
        if k not in b:
            bad.append(f"lost component {k}")
            continue
        for f in ("supplier", "cpe"):
            if v[f] and v[f] != b[k][f]:
                bad.append(f"{k}: {f} {v[f]!r} became {b[k][f]!r}")
    ae = {(norm_key(x), norm_key(y)) for x, y in a_edges}
    be = {(norm_key(x), norm_key(y)) for x, y in b_edges}
    for e in sorted(ae - be, key=str):
        bad.append(f"lost dependency {e[0]} -> {e[1]}")
    for line in bad[:20]:
        print(f"{sys.argv[2]}: {line}")
    if bad:
        sys.exit(1)
    print(f"{sys.argv[2]}: {len(a)} components, {len(ae)} edges kept")


main()
