#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# tools/check-signatures.py - check the firmware signature data
# (data/signatures/*.yaml, format in docs/signatures.md) without the C
# scanner:
#
#   1. the format rules of docs/signatures.md, each error located
#      (file:line: error: ...);
#   2. every example: some anchor occurs in its text and the `version`
#      pattern, run the way the scanner runs it (window of 256 bytes before
#      and 512 after the anchor hit, the match must contain the anchor),
#      extracts exactly the example's version, and no other signature
#      extracts anything from it;
#   3. over tests/data/scan/version-strings.tsv (cve-bin-tool's version
#      strings, one row per product and version): every row whose product a
#      signature covers (its id, its CPE product or a name in `products:`)
#      is found with exactly its version, and no signature finds a version
#      in a row of a product it does not cover (a false positive);
#   4. with --scan FILE...: what every signature finds in real files (to
#      verify signatures against real binaries and hunt false positives).
#
# Patterns run on both engines: PCRE2 itself (libpcre2-8 through ctypes,
# no UTF mode: binaries are bytes), and Python's `re` on bytes, with the
# PCRE named-group syntax `(?<name>` translated to `(?P<name>`. Both must
# compile every pattern and agree on every result, so a pattern that only
# one of them understands is an error. When libpcre2-8 cannot be loaded the
# checks run on `re` alone, with a note.
#
# Needs PyYAML (Debian: python3-yaml); without it the check is skipped with
# a message and exit status 77 (CTest's SKIP_RETURN_CODE).
#
# Usage: tools/check-signatures.py [--signatures DIR] [--tsv FILE]
#                                  [--scan FILE...] [-v]
# Exit status: 0 all checks pass, 1 a check failed, 2 usage, 77 skipped.
import argparse
import ctypes
import ctypes.util
import glob
import os
import re
import sys

BEFORE = 256  # bytes of the window before the anchor hit
AFTER = 512  # bytes of the window after the end of the anchor

KEYS = {"id", "name", "supplier", "cpe", "purl", "anchors", "version",
        "products", "examples", "untested"}
REQUIRED = ("id", "name", "supplier", "cpe", "purl", "anchors", "version")

# Rows of the cve-bin-tool data that no signature in this format can find
# with the row's version, each with the reason. They are reported (as
# "expected misses"), not failed; a row listed here that is found after all
# is reported too, so the list cannot go stale silently.
EXPECTED_MISSES = {
    # (product, version, version_strings column): why
    ("sqlite", "2020.04.06 18:16:31 1e4b6a93987cdfbf829e2ff35ef417c290625f2894ad11949e301af518f1fb44",
     "2020-04-06 18:16:31 1e4b6a93987cdfbf829e2ff35ef417c290625f2894ad11949e301af518f1fb44\\nSQLite"):
        "the row's version is a SQLITE_SOURCE_ID, not a version (bad test data)",
    ("sqlite", "3.12.2", "2016-04-18 17:30:31 92dc59fd5ad66f646666042eb04195e3a61a9e8e\\nSQLITE || "
     "ESCAPE expression must be a single character"):
        "the strings hold only SQLITE_SOURCE_ID (date and hash): finding the version needs "
        "a source-id -> version table, which the format has no place for",
    ("sqlite", "3.12.2", "2016-04-18 17:30:31 92dc59fd5ad66f646666042eb04195e3a61aalt2\\nSQLITE || "
     "ESCAPE expression must be a single character"):
        "same: SQLITE_SOURCE_ID only",
    ("sqlite", "3.16.1", "2017-01-03 18:27:03 979f04392853b8053817a3eea2fc679947b437fd\\nSQLITE || "
     "ESCAPE expression must be a single character"):
        "same: SQLITE_SOURCE_ID only",
    ("sqlite", "3.30.1", "2019-10-10 20:19:45 18db032d058f1436ce3dea84081f4ee5a0f2259ad97301d43c426bc7f3df1b0b"
     "\\nSQLITE || ESCAPE expression must be a single character"):
        "same: SQLITE_SOURCE_ID only",
    ("zstandard", "1.4.0", "Frame requires too much memory for decoding/n1.4.0"):
        "cve-bin-tool typo: the string has a literal '/n' where the binary has a line "
        "break, so it is not a real string",
    ("tcpdump", "4.9.2", "Running\\n4.9.2\\n0123456789"):
        "the only string is the version between 'Running' and a digit table: nothing in "
        "it is specific to tcpdump (the other 4.9.2 row is found)",
}


class Error(Exception):
    pass


# ---------------------------------------------------------------- YAML ---

def load_yaml_module():
    try:
        import yaml  # noqa: F401
    except ImportError:
        print("check-signatures: SKIP: PyYAML is not installed "
              "(Debian: apt-get install python3-yaml)")
        sys.exit(77)
    import yaml
    return yaml


class LocatedDict(dict):
    line = 0


class LocatedList(list):
    line = 0


class LocatedStr(str):
    line = 0


def make_loader(yaml):
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        d = LocatedDict()
        for knode, vnode in node.value:
            key = loader.construct_object(knode, deep=True)
            if key in d:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key %r" % key, knode.start_mark)
            d[key] = loader.construct_object(vnode, deep=True)
        d.line = node.start_mark.line + 1
        return d

    def construct_seq(loader, node):
        lst = LocatedList(loader.construct_sequence(node, deep=True))
        lst.line = node.start_mark.line + 1
        return lst

    def construct_str(loader, node):
        s = LocatedStr(loader.construct_scalar(node))
        s.line = node.start_mark.line + 1
        return s

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_seq)
    Loader.add_constructor("tag:yaml.org,2002:str", construct_str)
    return Loader


# --------------------------------------------------------------- PCRE2 ---

class Pcre2:
    """The few libpcre2-8 calls the checker needs, through ctypes."""

    INFO_CAPTURECOUNT = 4
    ERROR_NOMATCH = -1

    def __init__(self):
        name = ctypes.util.find_library("pcre2-8") or "libpcre2-8.so.0"
        lib = ctypes.CDLL(name)
        self.lib = lib
        lib.pcre2_compile_8.restype = ctypes.c_void_p
        lib.pcre2_compile_8.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32,
                                        ctypes.POINTER(ctypes.c_int),
                                        ctypes.POINTER(ctypes.c_size_t), ctypes.c_void_p]
        lib.pcre2_get_error_message_8.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
        lib.pcre2_pattern_info_8.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p]
        lib.pcre2_substring_number_from_name_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.pcre2_match_data_create_from_pattern_8.restype = ctypes.c_void_p
        lib.pcre2_match_data_create_from_pattern_8.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.pcre2_match_8.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.c_size_t, ctypes.c_uint32, ctypes.c_void_p,
                                      ctypes.c_void_p]
        lib.pcre2_get_ovector_pointer_8.restype = ctypes.POINTER(ctypes.c_size_t)
        lib.pcre2_get_ovector_pointer_8.argtypes = [ctypes.c_void_p]
        lib.pcre2_get_ovector_count_8.restype = ctypes.c_uint32
        lib.pcre2_get_ovector_count_8.argtypes = [ctypes.c_void_p]

    def compile(self, pattern):
        """(code, match_data, version group number) or raise Error."""
        err = ctypes.c_int()
        off = ctypes.c_size_t()
        code = self.lib.pcre2_compile_8(pattern, len(pattern), 0, ctypes.byref(err),
                                        ctypes.byref(off), None)
        if not code:
            buf = ctypes.create_string_buffer(256)
            self.lib.pcre2_get_error_message_8(err.value, buf, 256)
            raise Error("PCRE2 cannot compile the pattern at offset %d: %s"
                        % (off.value, buf.value.decode()))
        n = self.lib.pcre2_substring_number_from_name_8(code, b"version")
        if n < 0:
            cnt = ctypes.c_uint32()
            self.lib.pcre2_pattern_info_8(code, self.INFO_CAPTURECOUNT, ctypes.byref(cnt))
            if cnt.value < 1:
                raise Error("the pattern has no group named `version` and no capture group")
            n = 1
        md = self.lib.pcre2_match_data_create_from_pattern_8(code, None)
        return (code, md, n)

    def search(self, compiled, subject, start):
        """(match start, match end, version or None) of the first match at or
        after `start`, or None."""
        code, md, n = compiled
        rc = self.lib.pcre2_match_8(code, subject, len(subject), start, 0, md, None)
        if rc == self.ERROR_NOMATCH:
            return None
        if rc < 0:
            raise Error("PCRE2 match error %d" % rc)
        ov = self.lib.pcre2_get_ovector_pointer_8(md)
        ms, me = ov[0], ov[1]
        version = None
        if n < self.lib.pcre2_get_ovector_count_8(md):
            vs, ve = ov[2 * n], ov[2 * n + 1]
            unset = ctypes.c_size_t(-1).value
            if vs != unset:
                version = subject[vs:ve]
        return (ms, me, version)


# ---------------------------------------------------------- signatures ---

CPE_PART = re.compile(r"^[aoh]$")
# CPE 2.3 formatted-string characters of a vendor or product (NISTIR 7695
# 6.2.2.2): unreserved characters, and other printable ASCII quoted by `\`.
CPE_NAME = re.compile(r"^(?:[A-Za-z0-9._\-~]|\\[!\"#$%&'()*+,/:;<=>?@\[\]^`{|}~\\-])+$")
ID = re.compile(r"^[a-z0-9._-]+$")
PURL = re.compile(r"^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)/((?:[^/@?#]+/)*)([^/@?#]+)@([^?#]+)"
                  r"(?:\?([^#]*))?(?:#(.*))?$")


# Package URL types whose namespace is required (purl-spec type definitions).
NEEDS_NAMESPACE = {"bitbucket", "composer", "github", "golang", "maven", "swift"}


def py_pattern(p):
    """PCRE -> Python `re`: named groups and named back-references."""
    p = re.sub(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>", r"(?P<\1>", p)
    p = re.sub(r"\\k<([A-Za-z_][A-Za-z0-9_]*)>", r"(?P=\1)", p)
    return p


class Signature:
    def __init__(self, d, path):
        self.path = path
        self.line = d.line
        self.id = d["id"]
        self.cpe = d["cpe"]
        self.anchors = [a.encode("utf-8") for a in d["anchors"]]
        self.pattern = d["version"]
        self.products = list(d.get("products") or [])
        self.examples = list(d.get("examples") or [])
        self.untested = bool(d.get("untested", False))
        product = re.split(r"(?<!\\):", self.cpe)[2]
        self.covers = {self.id, product, product.replace("\\", "")} | set(self.products)
        self.re = None
        self.pcre = None
        self.group = None


def check_signature_dict(d, path, errors):
    """Format rules of docs/signatures.md for one signature mapping."""
    line = getattr(d, "line", 0)

    def err(msg, node=None):
        errors.append("%s:%d: error: %s" % (path, getattr(node, "line", 0) or line, msg))

    if not isinstance(d, dict):
        err("a signature must be a mapping")
        return False
    ok = True
    for k in d:
        if k not in KEYS:
            err("unknown key `%s` (expected one of %s)" % (k, ", ".join(sorted(KEYS))), d[k])
            ok = False
    for k in REQUIRED:
        if k not in d:
            err("missing required key `%s`" % k)
            ok = False
        elif k != "anchors" and (not isinstance(d[k], str) or not d[k].strip()):
            err("`%s` must be a non-empty string" % k, d[k])
            ok = False
    if not ok:
        return False
    if not ID.match(d["id"]):
        err("`id` %r must match [a-z0-9._-]+" % d["id"], d["id"])
        ok = False
    cpe = re.split(r"(?<!\\):", d["cpe"])
    if len(cpe) != 3:
        err("`cpe` %r must be part:vendor:product" % d["cpe"], d["cpe"])
        ok = False
    else:
        part, vendor, product = cpe[0], cpe[1], cpe[2]
        if not CPE_PART.match(part):
            err("`cpe` part %r must be a, o or h" % part, d["cpe"])
            ok = False
        for what, v in (("vendor", vendor), ("product", product)):
            if v in ("*", "-", "") or "*" in v.replace("\\*", "") or "?" in v.replace("\\?", ""):
                err("`cpe` %s %r must be a real name, never a wildcard" % (what, v), d["cpe"])
                ok = False
            elif not CPE_NAME.match(v) or v != v.lower():
                err("`cpe` %s %r is not a CPE 2.3 name (lower case, [a-z0-9._-~], "
                    "other characters quoted with \\)" % (what, v), d["cpe"])
                ok = False
    purl = d["purl"]
    if "{version}" not in purl:
        err("`purl` %r has no {version}" % purl, purl)
        ok = False
    m = PURL.match(purl.replace("{version}", "1.2.3"))
    if not m or " " in purl:
        err("`purl` %r is not a Package URL (pkg:type/namespace/name@{version})" % purl, purl)
        ok = False
    elif m.group(1).lower() in NEEDS_NAMESPACE and not m.group(2):
        err("`purl` %r: type %s needs a namespace (pkg:%s/namespace/name@{version})"
            % (purl, m.group(1), m.group(1)), purl)
        ok = False
    anchors = d["anchors"]
    if not isinstance(anchors, list) or not anchors:
        err("`anchors` must be a non-empty list of strings", anchors)
        ok = False
    else:
        for a in anchors:
            if not isinstance(a, str) or not a:
                err("an anchor must be a non-empty string", a)
                ok = False
            elif len(a.encode("utf-8")) < 4:
                err("anchor %r is shorter than 4 bytes: too common for a prefilter" % a, a)
                ok = False
        if len(set(anchors)) != len(anchors):
            err("`anchors` lists the same string twice", anchors)
            ok = False
    if "products" in d:
        p = d["products"]
        if not isinstance(p, list) or not all(isinstance(x, str) and x for x in p):
            err("`products` must be a list of non-empty strings", p)
            ok = False
    untested = d.get("untested", False)
    if not isinstance(untested, bool):
        err("`untested` must be true or false", d)
        ok = False
    ex = d.get("examples")
    if ex is None or ex == []:
        if untested is not True:
            err("a signature without `examples` must say `untested: true`")
            ok = False
    else:
        if untested is True:
            err("`untested: true` but the signature has examples")
            ok = False
        if not isinstance(ex, list):
            err("`examples` must be a list", ex)
            return False
        for e in ex:
            if not isinstance(e, dict) or set(e) != {"text", "version"} \
                    or not all(isinstance(e[k], str) and e[k] for k in ("text", "version")):
                err("an example is a mapping with exactly `text` and `version`, "
                    "both non-empty strings", e)
                ok = False
    return ok


def load_signatures(sigdir, yaml, errors):
    Loader = make_loader(yaml)
    files = sorted(glob.glob(os.path.join(sigdir, "*.yaml")))
    if not files:
        errors.append("%s: error: no *.yaml signature file" % sigdir)
    sigs = []
    seen = {}
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.load(f, Loader=Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            errors.append("%s: error: %s" % (path, str(e).replace("\n", " ")))
            continue
        if not isinstance(doc, dict):
            errors.append("%s:1: error: the file must be a mapping with `format` and "
                          "`signatures`" % path)
            continue
        for k in doc:
            if k not in ("format", "signatures"):
                errors.append("%s:%d: error: unknown top-level key `%s`"
                              % (path, getattr(doc[k], "line", 1), k))
        if doc.get("format") != 1:
            errors.append("%s:1: error: `format: 1` expected" % path)
        lst = doc.get("signatures")
        if not isinstance(lst, list) or not lst:
            errors.append("%s:1: error: `signatures` must be a non-empty list" % path)
            continue
        for d in lst:
            if not check_signature_dict(d, path, errors):
                continue
            s = Signature(d, path)
            if s.id in seen:
                errors.append("%s:%d: error: duplicate id `%s` (first at %s)"
                              % (path, s.line, s.id, seen[s.id]))
                continue
            seen[s.id] = "%s:%d" % (path, s.line)
            sigs.append(s)
    return sigs


def compile_signatures(sigs, pcre, errors):
    good = []
    for s in sigs:
        loc = "%s:%d" % (s.path, getattr(s.pattern, "line", s.line))
        try:
            s.re = re.compile(py_pattern(s.pattern).encode("utf-8"))
        except re.error as e:
            errors.append("%s: error: Python re cannot compile `version` of %s: %s"
                          % (loc, s.id, e))
            continue
        if "version" in s.re.groupindex:
            s.group = "version"
        elif s.re.groups >= 1:
            s.group = 1
        else:
            errors.append("%s: error: `version` of %s has no group named `version` and "
                          "no capture group" % (loc, s.id))
            continue
        if pcre:
            try:
                s.pcre = pcre.compile(s.pattern.encode("utf-8"))
            except Error as e:
                errors.append("%s: error: `version` of %s: %s" % (loc, s.id, e))
                continue
        good.append(s)
    return good


# ------------------------------------------------------------ matching ---

def find_in_window(s, window, rel, alen, pcre, disagreements):
    """The version of the leftmost match of `s` in `window` that contains
    the anchor at [rel, rel+alen), or None; the same with PCRE2 and re."""
    def run_re():
        pos = 0
        while pos <= rel:
            m = s.re.search(window, pos)
            if not m or m.start() > rel:
                return None
            if m.end() >= rel + alen:
                return (m.start(), m.end(), m.group(s.group))
            pos = m.start() + 1
        return None

    def run_pcre():
        pos = 0
        while pos <= rel:
            r = pcre.search(s.pcre, window, pos)
            if not r or r[0] > rel:
                return None
            if r[1] >= rel + alen:
                return r
            pos = r[0] + 1
        return None

    a = run_re()
    if pcre:
        b = run_pcre()
        if a != b:
            disagreements.append((s.id, window, a, b))
            return b
    return a


def scan(s, data, pcre, disagreements, limit=None):
    """Every (offset, version, matched text) `s` finds in `data`."""
    out = []
    for anchor in s.anchors:
        i = data.find(anchor)
        while i >= 0:
            ws = max(0, i - BEFORE)
            we = min(len(data), i + len(anchor) + AFTER)
            window = data[ws:we]
            r = find_in_window(s, window, i - ws, len(anchor), pcre, disagreements)
            if r and r[2] is not None:
                out.append((ws + r[0], r[2], window[r[0]:r[1]]))
                if limit and len(out) >= limit:
                    return out
            i = data.find(anchor, i + 1)
    return out


def versions(s, data, pcre, disagreements):
    return {v.decode("latin-1") for _, v, _ in scan(s, data, pcre, disagreements)}


# ------------------------------------------------------------- checks ---

# What the C test (tests/unit/scan/test_signatures.c) puts around each
# example: binary-looking bytes, as in an image.
EXAMPLE_PREFIX = b"\x7fELF\0\0\x01\0"
EXAMPLE_SUFFIX = b"\0\x03\xff"


def check_examples(sigs, pcre, errors, disagreements):
    n = 0
    for s in sigs:
        for e in s.examples:
            n += 1
            text = e["text"].encode("utf-8")
            loc = "%s:%d" % (s.path, getattr(e, "line", s.line))
            if b"\0" in text:
                errors.append("%s: error: example of %s holds a NUL byte: the loader keeps "
                              "texts as C strings, write a string boundary as \\n" % (loc, s.id))
                continue
            if not any(a in text for a in s.anchors):
                errors.append("%s: error: example of %s: no anchor occurs in %r"
                              % (loc, s.id, e["text"]))
                continue
            for form in (text, EXAMPLE_PREFIX + text + EXAMPLE_SUFFIX):
                got = versions(s, form, pcre, disagreements)
                if got != {e["version"]}:
                    errors.append("%s: error: example of %s: %r gives %s, expected exactly %r"
                                  % (loc, s.id, form, sorted(got) or "nothing", e["version"]))
                    break
            for o in sigs:
                if o is s:
                    continue
                got = versions(o, text, pcre, disagreements)
                if got:
                    errors.append("%s: error: false positive: %s finds %s in the example "
                                  "of %s %r" % (loc, o.id, sorted(got), s.id, e["text"]))
    return n


def tsv_text(column):
    """A row's strings as the C test scans them: `\\n` unescaped to a line
    break, the strings joined with NUL bytes (as in a binary)."""
    return column.replace("\\n", "\n").replace(" || ", "\0").encode("utf-8")


def tsv_forms(s):
    """One string of a row as more texts to hunt false positives in: as
    written, and as a NUL-terminated string with NUL-terminated lines."""
    raw = s.replace("\\n", "\n").encode("utf-8")
    nul = b"\0" + raw.replace(b"\n", b"\0") + b"\0"
    return (raw, nul)


def check_tsv(sigs, tsv, pcre, errors, notes, disagreements, verbose):
    rows = []
    # split on "\n" only: some strings hold a bare carriage return
    with open(tsv, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t") if lines else []
    if header[:3] != ["product", "version", "version_strings"]:
        errors.append("%s:1: error: header must be product, version, version_strings" % tsv)
        return
    for lineno, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if len(cols) != 3:
            errors.append("%s:%d: error: 3 tab-separated columns expected" % (tsv, lineno))
            continue
        rows.append((lineno, cols[0], cols[1], cols[2]))
    covered_rows = found_rows = 0
    products = set()
    found_products = set()
    misses = []
    for lineno, product, version, column in rows:
        strings = column.split(" || ")
        products.add(product)
        covering = [s for s in sigs if product in s.covers]
        whole = tsv_text(column)
        found = {}  # what each signature finds in the row as the C test scans it
        extra = {}  # ... and in each string alone, in both forms
        for s in sigs:
            got = versions(s, whole, pcre, disagreements)
            if got:
                found[s.id] = got
            more = set()
            for st in strings:
                for form in tsv_forms(st):
                    more |= versions(s, form, pcre, disagreements)
            if more | got:
                extra[s.id] = more | got
        key = (product, version, column)
        if covering:
            covered_rows += 1
            ok = all(found.get(s.id) == {version} for s in covering)
            if ok:
                found_rows += 1
                found_products.add(product)
                if key in EXPECTED_MISSES:
                    errors.append("%s:%d: error: %s %s is listed as an expected miss but is "
                                  "found: remove it from EXPECTED_MISSES"
                                  % (tsv, lineno, product, version))
            elif key in EXPECTED_MISSES:
                misses.append("%s:%d: %s %s: %s" % (tsv, lineno, product, version,
                                                    EXPECTED_MISSES[key]))
            else:
                errors.append("%s:%d: error: %s %s not found by %s (found: %s) in %r"
                              % (tsv, lineno, product, version,
                                 ", ".join(s.id for s in covering),
                                 found or "nothing", strings))
            for s in covering:
                wrong = extra.get(s.id, set()) - {version}
                if wrong:
                    errors.append("%s:%d: error: %s finds %s in the %s %s row (wrong version)"
                                  % (tsv, lineno, s.id, sorted(wrong), product, version))
        for sid, got in extra.items():
            s = next(x for x in sigs if x.id == sid)
            if product not in s.covers:
                errors.append("%s:%d: error: false positive: %s finds %s in the %s %s row %r"
                              % (tsv, lineno, sid, sorted(got), product, version, strings))
    keys = {(product, version, column) for _, product, version, column in rows}
    for key in EXPECTED_MISSES:
        if key not in keys:
            errors.append("%s: error: EXPECTED_MISSES entry %r matches no row" % (tsv, key[:2]))
    sig_products = set()
    for s in sigs:
        sig_products |= s.covers
    print("tsv: %d rows, %d products; rows covered by a signature: %d/%d, found with "
          "their version: %d/%d (expected misses: %d); products covered: %d/%d"
          % (len(rows), len(products), covered_rows, len(rows), found_rows, covered_rows,
             len(misses), len(products & sig_products), len(products)))
    for m in misses:
        notes.append("expected miss: " + m)
    if verbose:
        print("tsv: products found: " + " ".join(sorted(found_products)))


def cmd_scan(sigs, files, pcre, disagreements):
    for fn in files:
        try:
            with open(fn, "rb") as f:
                data = f.read()
        except OSError as e:
            print("%s: %s" % (fn, e))
            continue
        for s in sigs:
            hits = scan(s, data, pcre, disagreements, limit=50)
            byver = {}
            for off, v, text in hits:
                byver.setdefault(v, (off, text, 0))
                o, t, c = byver[v]
                byver[v] = (o, t, c + 1)
            for v, (off, text, c) in sorted(byver.items()):
                print("%s\t%s\t%s\t@%#x\t(x%d)\t%r" % (fn, s.id, v.decode("latin-1"), off, c,
                                                       text[:120]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(
        description="Check data/signatures/*.yaml: format, examples, and the "
                    "cve-bin-tool version strings (see the comment at the top of this file).")
    ap.add_argument("--signatures", default=os.path.join(root, "data", "signatures"))
    ap.add_argument("--tsv", default=os.path.join(root, "tests", "data", "scan",
                                                  "version-strings.tsv"))
    ap.add_argument("--scan", nargs="+", metavar="FILE",
                    help="print what every signature finds in FILE (no other check)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    yaml = load_yaml_module()

    pcre = None
    try:
        pcre = Pcre2()
    except OSError as e:
        print("check-signatures: note: libpcre2-8 not loadable (%s): checking with Python "
              "re only" % e)

    errors, notes, disagreements = [], [], []
    sigs = load_signatures(args.signatures, yaml, errors)
    sigs = compile_signatures(sigs, pcre, errors)
    if args.scan:
        for e in errors:
            print(e)
        cmd_scan(sigs, args.scan, pcre, disagreements)
        for d in disagreements:
            print("engines disagree: %s on %r: re %r, PCRE2 %r" % d)
        return 1 if errors or disagreements else 0

    nex = check_examples(sigs, pcre, errors, disagreements)
    untested = sum(1 for s in sigs if s.untested)
    print("signatures: %d in %d files (%d untested), %d examples; engines: %s"
          % (len(sigs), len(glob.glob(os.path.join(args.signatures, "*.yaml"))), untested, nex,
             "PCRE2 and Python re" if pcre else "Python re"))
    if os.path.exists(args.tsv):
        check_tsv(sigs, args.tsv, pcre, errors, notes, disagreements, args.verbose)
    else:
        errors.append("%s: error: no such file" % args.tsv)
    seen = set()
    for sid, window, a, b in disagreements:
        if (sid, window) in seen:
            continue
        seen.add((sid, window))
        errors.append("error: %s: Python re and PCRE2 disagree on %r: re %r, PCRE2 %r"
                      % (sid, window[:200], a, b))
    for n in notes:
        print(n)
    for e in errors:
        print(e)
    print("check-signatures: %s (%d error%s)" % ("FAIL" if errors else "ok", len(errors),
                                                 "" if len(errors) == 1 else "s"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
