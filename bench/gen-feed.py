#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""bench/gen-feed.py N OUTDIR - a full-size NVD CVE API 2.0 feed for the
vulnerability-database benchmark (bench/run-vulndb), cloned from real
records.

Templates: every real NVD API 2.0 CVE record at hand, that is the pages in
$MDSEC_BENCH_DATA/vulns/nvd/api-responses (responses that are not CVE pages,
such as cvehistory and sources, are skipped), the single records in
vulns/nvd/cves and the repository's data/feeds/nvd (deduplicated by id):
about 450 records, each kept whole (descriptions, metrics, weaknesses,
references, configuration shape: nodes, AND/OR, platforms).

Each of the N generated records clones a template drawn at random and
gets a new id CVE-YYYY-NNNNNN (years weighted like NVD's yearly counts,
pages in id order like the API), new dates within its year, and new
products: every vulnerable vendor:product of the template is replaced by
one drawn from a heavy-tailed (Zipf-like) distribution over a product
universe, every platform (vulnerable: false) by a real operating system
or hardware name. The universe is the real CPE vendor:product pairs of
the template records, of the NVD 1.1 test records (vulns/nvd/legacy-1.1)
and of the NVD CPE dictionary page (cpe/), most frequent template
products first, extended with numbered variants of those names
(product_2, product_3...) up to --universe names, since the real NVD
names tens of thousands of products and the real pairs here are a few
thousand. Versions are shifted per record (the first number + 0..5,
keeping every range ordered) and lists of exact versions are sometimes
lengthened (the next patch versions), so that the cpe_match table has the
real NVD's size: about 5 rows per CVE (1.5-2 M rows for 350,000 CVEs).
A share of records (--unanalysed) has no configurations, as NVD's
"Awaiting Analysis" backlog does.

Also written: kev.json, the real CISA KEV catalog (data/feeds) with its
entries re-pointed at generated CVEs (scaled to N: the real 1,404 KEV
entries per ~350,000 CVEs), and, with --products FILE, a TSV of every
product the feed names as vulnerable (part, vendor, product, CVEs, rows,
versions tagged = exact, >= start, <= end-including, < end-excluding),
which bench/gen-bench-sbom.py reads.

Pages hold 2000 records (NVD's maximum resultsPerPage), compact JSON as
the API sends it, named nvdcve-2.0-NNNN.json (.json.gz with --gzip).
Deterministic: the output depends only on N, the options and the input
records.
"""
import argparse
import bisect
import collections
import glob
import gzip
import itertools
import json
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA = os.environ.get("MDSEC_BENCH_DATA", "/work/shared/data")

# NVD CVEs per publication year (rounded, from NVD's own yearly statistics);
# only the shape matters: N is spread over the years in these proportions.
YEARS = {
    1999: 1500, 2000: 1200, 2001: 1700, 2002: 2400, 2003: 1500, 2004: 2700,
    2005: 4900, 2006: 6600, 2007: 6500, 2008: 5600, 2009: 5700, 2010: 4600,
    2011: 4200, 2012: 5300, 2013: 5200, 2014: 7900, 2015: 6500, 2016: 6400,
    2017: 14600, 2018: 16500, 2019: 17300, 2020: 18300, 2021: 20200,
    2022: 25100, 2023: 29000, 2024: 40000, 2025: 45000,
}

NUM = re.compile(r"\d+")
RANGE_KEYS = ("versionStartIncluding", "versionStartExcluding",
              "versionEndIncluding", "versionEndExcluding")
SAFE_VERSION = re.compile(r"^[0-9A-Za-z._]+$")


def cpe_split(s):
    """Split a CPE 2.3 formatted string on unescaped colons."""
    out, cur, i = [], [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            cur.append(s[i:i + 2])
            i += 2
            continue
        if ch == ":":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def shift(v, d):
    """Add d to the first number of a version (order-preserving)."""
    if not d or v in ("*", "-", ""):
        return v
    m = NUM.search(v)
    if not m:
        return v
    return v[:m.start()] + str(int(m.group()) + d) + v[m.end():]


def bump_last(v, d):
    """Add d to the last number of a version: the next patch versions."""
    ms = list(NUM.finditer(v))
    if not ms:
        return None
    m = ms[-1]
    return v[:m.start()] + str(int(m.group()) + d) + v[m.end():]


def records_of(doc):
    if isinstance(doc, dict) and isinstance(doc.get("vulnerabilities"), list) \
            and doc.get("format") == "NVD_CVE":
        return [v["cve"] for v in doc["vulnerabilities"] if "cve" in v]
    if isinstance(doc, dict) and isinstance(doc.get("cve"), dict):
        return [doc["cve"]]
    if isinstance(doc, dict) and str(doc.get("id", "")).startswith("CVE-") \
            and "published" in doc:
        return [doc]
    return []


def load_templates():
    paths = sorted(glob.glob(os.path.join(DATA, "vulns/nvd/api-responses/*.json")))
    paths += sorted(glob.glob(os.path.join(DATA, "vulns/nvd/cves/*.json")))
    paths += sorted(glob.glob(os.path.join(ROOT, "data/feeds/nvd/*.json")))
    seen, out = set(), []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        for rec in records_of(doc):
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            out.append(rec)
    return out


def matches_of(rec):
    for cfg in rec.get("configurations", []):
        for node in cfg.get("nodes", []):
            for m in node.get("cpeMatch", []):
                yield m


def real_pairs(templates):
    """(vulnerable pairs by frequency, other real pairs, platform pairs)."""
    vuln, other, plat = collections.Counter(), set(), set()
    for rec in templates:
        for m in matches_of(rec):
            f = cpe_split(m["criteria"])
            key = (f[2], f[3], f[4])
            if m.get("vulnerable"):
                vuln[key] += 1
            else:
                plat.add(key)
    legacy = os.path.join(DATA, "vulns/nvd/legacy-1.1/osv.dev_nvdcve-1.1-test-data.json")
    if os.path.exists(legacy):
        with open(legacy, encoding="utf-8") as f:
            doc = json.load(f)

        def walk(nodes):
            for n in nodes:
                for m in n.get("cpe_match", []):
                    yield m
                yield from walk(n.get("children", []))
        for item in doc.get("CVE_Items", []):
            for m in walk(item.get("configurations", {}).get("nodes", [])):
                f = cpe_split(m["cpe23Uri"])
                other.add((f[2], f[3], f[4]))
    dic = os.path.join(DATA, "cpe/nvd-go_cpes-first10000.json")
    if os.path.exists(dic):
        with open(dic, encoding="utf-8") as f:
            doc = json.load(f)
        for p in doc.get("products", []):
            f = cpe_split(p["cpe"]["cpeName"])
            other.add((f[2], f[3], f[4]))
    plat |= {k for k in other if k[0] in ("o", "h")}
    other -= set(vuln)
    return vuln, sorted(other), sorted(plat)


class Zipf:
    """Draw items with weight 1 / (rank + b)^s."""

    def __init__(self, items, s, b):
        self.items = items
        self.cum = list(itertools.accumulate(1.0 / (r + b) ** s for r in range(len(items))))

    def draw(self, rng):
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def build_universe(vuln, other, size, rng):
    head = [k for k, _ in sorted(vuln.items(), key=lambda kv: (-kv[1], kv[0]))]
    rest = list(other)
    rng.shuffle(rest)
    base = head + rest
    names = set(base)
    out = list(base)
    k = 2
    while len(out) < size:
        for part, vendor, product in base:
            name = (part, vendor, f"{product}_{k}")
            if name not in names:
                names.add(name)
                out.append(name)
                if len(out) >= size:
                    break
        k += 1
    return out[:size]


def stamp(rng, year, after=None):
    if after:
        y = min(int(after[:4]) + rng.choice((0, 0, 0, 1, 1, 2, 4)), 2025)
        month = rng.randint(1, 12) if y > int(after[:4]) else rng.randint(int(after[5:7]), 12)
    else:
        y, month = year, rng.randint(1, 12)
    day = rng.randint(1, 28)
    s = f"{y:04d}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:" \
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}"
    return max(s, after) if after else s


def uuid4(rng):
    h = f"{rng.getrandbits(128):032X}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89AB'[rng.randint(0, 3)]}{h[17:20]}-{h[20:32]}"


class Stats:
    def __init__(self):
        self.cves = collections.Counter()
        self.rows = collections.Counter()
        self.versions = collections.defaultdict(set)

    def note(self, key, tagged):
        vs = self.versions[key]
        if len(vs) < 24:
            for t in tagged:
                if SAFE_VERSION.match(t[1:].lstrip("=")):
                    vs.add(t)


def clone(tpl_text, tpl_keys, rng, cve_id, dates, universe, platforms, extra_p,
          unanalysed, stats):
    """One record from a template: new id, dates, products, versions."""
    rec = json.loads(tpl_text)
    rec["id"] = cve_id
    rec["published"], rec["lastModified"] = dates
    if rng.random() < unanalysed:
        rec.pop("configurations", None)
        rec["vulnStatus"] = "Awaiting Analysis"
        return rec, 0
    if rec.get("vulnStatus") in ("Received", "Awaiting Analysis", "Rejected"):
        rec["vulnStatus"] = "Analyzed"
    mapping = {}
    for key, vulnerable in tpl_keys:
        if key not in mapping:
            mapping[key] = (universe if vulnerable else platforms).draw(rng)
    d = rng.choice((0, 0, 0, 1, 1, 2, 3, 5))
    rows = 0
    seen_products = set()
    for cfg in rec.get("configurations", []):
        for node in cfg.get("nodes", []):
            new = []
            exact = []
            for m in node.get("cpeMatch", []):
                f = cpe_split(m["criteria"])
                part, vendor, product = mapping[(f[2], f[3], f[4])]
                f[2], f[3], f[4] = part, vendor, product
                f[5] = shift(f[5], d)
                m["criteria"] = ":".join(f)
                m["matchCriteriaId"] = uuid4(rng)
                tags = []
                for k in RANGE_KEYS:
                    if k in m:
                        m[k] = shift(m[k], d)
                        tags.append({"versionStartIncluding": ">=",
                                     "versionStartExcluding": ">",
                                     "versionEndIncluding": "<=",
                                     "versionEndExcluding": "<"}[k] + m[k])
                if m.get("vulnerable"):
                    key = (part, vendor, product)
                    if f[5] not in ("*", "-") and not tags:
                        tags.append("=" + f[5])
                        exact.append(m)
                    stats.rows[key] += 1
                    stats.note(key, tags)
                    seen_products.add(key)
                new.append(m)
            # lengthen lists of exact versions now and then: the next patches
            if exact and rng.random() < extra_p:
                base = rng.choice(exact)
                f = cpe_split(base["criteria"])
                for j in range(1, 1 + min(int(rng.expovariate(1 / 6.0)) + 1, 60)):
                    v = bump_last(f[5], j)
                    if v is None:
                        break
                    m = dict(base)
                    g = list(f)
                    g[5] = v
                    m["criteria"] = ":".join(g)
                    m["matchCriteriaId"] = uuid4(rng)
                    new.append(m)
                    key = (g[2], g[3], g[4])
                    stats.rows[key] += 1
                    stats.note(key, ["=" + v])
            node["cpeMatch"] = new
            rows += len(new)
    for key in seen_products:
        stats.cves[key] += 1
    return rec, rows


def write_json(path, obj, gz):
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    if gz:
        with gzip.open(path + ".gz", "wt", encoding="utf-8", compresslevel=6) as f:
            f.write(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of CVE records")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--page", type=int, default=2000, help="records per page")
    ap.add_argument("--universe", type=int, default=60000,
                    help="vendor:product names to draw from")
    ap.add_argument("--zipf-s", type=float, default=1.0)
    ap.add_argument("--zipf-b", type=float, default=5.0)
    ap.add_argument("--extra", type=float, default=0.30,
                    help="chance a node of exact versions is lengthened")
    ap.add_argument("--unanalysed", type=float, default=0.10,
                    help="share of records without configurations")
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--no-kev", action="store_true")
    ap.add_argument("--products", help="write the product TSV here")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    templates = load_templates()
    if not templates:
        sys.exit("gen-feed: no NVD API 2.0 records found under " + DATA)
    vuln, other, plat = real_pairs(templates)
    universe = build_universe(vuln, other, a.universe, rng)
    platforms = sorted(plat)
    rng.shuffle(platforms)
    uz = Zipf(universe, a.zipf_s, a.zipf_b)
    pz = Zipf(platforms, 1.0, 10.0)
    tpls = []
    for rec in templates:
        keys = []
        for m in matches_of(rec):
            f = cpe_split(m["criteria"])
            keys.append(((f[2], f[3], f[4]), bool(m.get("vulnerable"))))
        tpls.append((json.dumps(rec, separators=(",", ":"), ensure_ascii=False), keys))

    # ids: per year, in order; the year shares scaled to N
    total = sum(YEARS.values())
    per_year = {y: int(a.n * c / total) for y, c in YEARS.items()}
    short = a.n - sum(per_year.values())
    for y in sorted(YEARS, key=lambda y: -YEARS[y])[:short]:
        per_year[y] += 1
    os.makedirs(a.outdir, exist_ok=True)
    for old in glob.glob(os.path.join(a.outdir, "nvdcve-2.0-*.json*")):
        os.remove(old)
    stats = Stats()
    page, pageno, start, rows_total, generated = [], 0, 0, 0, []
    ts = "2026-01-01T00:00:00.000"

    def flush():
        nonlocal page, pageno, start
        doc = {"resultsPerPage": len(page), "startIndex": start,
               "totalResults": a.n, "format": "NVD_CVE", "version": "2.0",
               "timestamp": ts, "vulnerabilities": [{"cve": r} for r in page]}
        write_json(os.path.join(a.outdir, f"nvdcve-2.0-{pageno:04d}.json"), doc, a.gzip)
        start += len(page)
        pageno += 1
        page = []

    for year in sorted(per_year):
        num = 100000
        for _ in range(per_year[year]):
            num += rng.randint(1, 3)
            cid = f"CVE-{year}-{num:06d}"
            pub = stamp(rng, year)
            mod = stamp(rng, year, pub)
            text, keys = tpls[rng.randrange(len(tpls))]
            rec, rows = clone(text, keys, rng, cid, (pub, mod), uz, pz,
                              a.extra, a.unanalysed, stats)
            rows_total += rows
            if rows:
                first = next((m for m in matches_of(rec) if m.get("vulnerable")), None)
                if first:
                    f = cpe_split(first["criteria"])
                    generated.append((cid, f[3], f[4]))
            page.append(rec)
            if len(page) == a.page:
                flush()
    if page:
        flush()

    if not a.no_kev:
        with open(os.path.join(ROOT, "data/feeds/known_exploited_vulnerabilities.json"),
                  encoding="utf-8") as f:
            kev = json.load(f)
        want = max(1, round(len(kev["vulnerabilities"]) * a.n / 350000))
        picks = rng.sample(generated, min(want, len(generated)))
        vs = []
        for entry, (cid, vendor, product) in zip(itertools.cycle(kev["vulnerabilities"]), sorted(picks)):
            e = dict(entry)
            e["cveID"], e["vendorProject"], e["product"] = cid, vendor, product
            vs.append(e)
        kev["vulnerabilities"] = vs
        kev["count"] = len(vs)
        write_json(os.path.join(a.outdir, "kev.json"), kev, False)

    if a.products:
        with open(a.products, "w", encoding="utf-8") as f:
            f.write("part\tvendor\tproduct\tcves\trows\tversions\n")
            for key in sorted(stats.cves, key=lambda k: (-stats.cves[k], k)):
                f.write("\t".join(key) + f"\t{stats.cves[key]}\t{stats.rows[key]}\t"
                        + ",".join(sorted(stats.versions[key])) + "\n")
    top = stats.cves.most_common(3)
    print(f"gen-feed: {a.n} CVEs in {pageno} pages, {rows_total} cpe_match rows "
          f"({rows_total / max(a.n, 1):.2f}/CVE), {len(stats.cves)} vulnerable products, "
          f"top {', '.join(f'{k[1]}:{k[2]} {c}' for k, c in top)}; "
          f"{len(templates)} templates", file=sys.stderr)


if __name__ == "__main__":
    main()
