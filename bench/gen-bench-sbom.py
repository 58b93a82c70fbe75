#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bench/gen-bench-sbom.py PRODUCTS N OUT - a CycloneDX 1.6 SBOM of N
components for `mdsec vulns` against the feed of bench/gen-feed.py:
PRODUCTS is the TSV gen-feed.py writes with --products (every product the
feed names as vulnerable, its CVE count and versions tagged = exact,
>= start, <= end-including, < end-excluding).

Every component has a PURL; --no-cpe (default 5 %) have no CPE (listed as
"no CPE" by mdsec vulns). Of those with a CPE, --known (default 25 %) name
a product of the feed: the 10 products with the most CVEs (a device
SBOM has its kernel, C library, TLS library...), then products drawn
uniformly from the rest (most have one or two CVEs), and one in ten
a second version of a product already in; their versions are one the feed
names as vulnerable (45 %: an exact version, a range's included start or
end), a range's excluded end (20 %), or any other version (35 %). The
rest are the real packages of the SBOMs in tests/data/sbom and
$MDSEC_BENCH_DATA/sboms (their PURLs, numbered when repeated), which the
feed does not know: many components, no CVEs, as in a real device SBOM.
Fixed seed: the output depends only on the inputs and N.
"""
import argparse
import glob
import json
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.environ.get("MDSEC_BENCH_DATA", "/work/shared/data")


def real_purls():
    paths = sorted(glob.glob(os.path.join(ROOT, "tests/data/sbom/cyclonedx/*.json")))
    paths += sorted(glob.glob(os.path.join(DATA, "sboms/cyclonedx/*.json")))
    seen, out = set(), []
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError):
            continue
        for c in doc.get("components", []) or []:
            purl = c.get("purl", "") if isinstance(c, dict) else ""
            if not purl.startswith("pkg:"):
                continue
            base = purl.split("@")[0].split("?")[0].split("#")[0]
            if base in seen:
                continue
            seen.add(base)
            out.append((base, c.get("name", base.rsplit("/", 1)[-1])))
    return out


def cpe_value(s):
    s = re.sub(r"[^a-z0-9_.]", "_", s.lower()).strip("_.")
    return s or "x"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("products")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--known", type=float, default=0.25)
    ap.add_argument("--no-cpe", type=float, default=0.05)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    prods = []
    with open(a.products, encoding="utf-8") as f:
        next(f)
        for line in f:
            part, vendor, product, cves, rows, versions = line.rstrip("\n").split("\t")
            prods.append((part, vendor, product, int(cves),
                          [v for v in versions.split(",") if v]))
    if not prods:
        sys.exit("gen-bench-sbom: no products in " + a.products)
    feed_names = {(p[1], p[2]) for p in prods}
    purls = real_purls()
    if not purls:
        sys.exit("gen-bench-sbom: no real PURLs found")

    n_cpe = a.n - round(a.n * a.no_cpe)
    n_known = round(n_cpe * a.known)
    distinct = n_known - n_known // 10
    head = prods[:min(10, distinct)]
    tail = rng.sample(prods[len(head):], min(distinct - len(head), len(prods) - len(head)))
    chosen = head + tail
    known = chosen + [rng.choice(chosen) for _ in range(n_known - len(chosen))]

    def version_for(versions):
        r = rng.random()
        hits = [v.lstrip("=<>") for v in versions if not v.startswith("<") or v.startswith("<=")]
        hits = [v for v in hits if v]
        ends = [v[1:] for v in versions if v.startswith("<") and not v.startswith("<=")]
        if r < 0.45 and hits:
            return rng.choice(hits)
        if r < 0.65 and ends:
            return rng.choice(ends)
        return f"{rng.randint(0, 20)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"

    comps = []
    for part, vendor, product, _, versions in known:
        ver = version_for(versions)
        ctype = "operating-system" if part == "o" else "firmware" if part == "h" else "library"
        comps.append({"type": ctype, "name": product, "version": ver,
                      "supplier": {"name": vendor},
                      "purl": f"pkg:generic/{vendor}/{product}@{ver}",
                      "cpe": f"cpe:2.3:{part}:{vendor}:{product}:{ver}:*:*:*:*:*:*:*"})
    k = 0
    while len(comps) < a.n:
        base, name = purls[k % len(purls)]
        copy = k // len(purls)
        k += 1
        if copy:
            base, name = f"{base}-{copy}", f"{name}-{copy}"
        ver = f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 20)}"
        c = {"type": "library", "name": name, "version": ver,
             "purl": f"{base}@{ver}"}
        if len(comps) < n_cpe:
            segs = base.split("/")
            vendor = cpe_value(segs[-2] if len(segs) > 2 else name)
            product = cpe_value(segs[-1])
            if (vendor, product) in feed_names:
                product += "_pkg"
            c["cpe"] = f"cpe:2.3:a:{vendor}:{product}:{ver}:*:*:*:*:*:*:*"
        comps.append(c)
    rng.shuffle(comps)
    for i, c in enumerate(comps):
        c["bom-ref"] = f"c{i}"
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "version": 1,
        "metadata": {"timestamp": "2026-01-01T00:00:00Z",
                     "authors": [{"name": "bench"}],
                     "component": {"type": "device", "name": "bench-device",
                                   "version": "1.0", "bom-ref": "device"}},
        "components": comps,
        "dependencies": [{"ref": "device", "dependsOn": [c["bom-ref"] for c in comps]}],
    }
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    print(f"gen-bench-sbom: {a.n} components, {n_cpe} with a CPE, {n_known} of "
          f"{len(chosen)} feed products", file=sys.stderr)


if __name__ == "__main__":
    main()
