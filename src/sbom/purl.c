/* SPDX-License-Identifier: Apache-2.0
 *
 * purl.c - Package URLs: parsing a purl string into decoded components,
 * building one from components, the canonical string, and the rules of
 * the registered types. Sits below the SBOM readers and the vulnerability
 * matching, which compare components by their canonical purl.
 *
 * Specification: ECMA-427 as kept in github package-url/purl-spec
 * (docs/standard/components.md "Rules for each purl component",
 * characters-and-encoding.md "Character encoding" and "Case folding",
 * docs/how-to-parse.md, docs/how-to-build.md) and the machine-readable
 * type definitions (types/<type>-definition.json), validated by the
 * project's test suite (tests/data/purl/, tests/unit/sbom/test_purl.c).
 * Where the specification leaves room or contradicts its own tests, the
 * choice made is documented in docs/internals/purl.md.
 *
 * Every input goes through one path: mdsec_purl_parse() splits and
 * percent-decodes, mdsec_purl_build() takes decoded components, and both
 * hand them to assemble(), which normalises (lower-case type and keys,
 * segments, sorted qualifiers, the type's rules) and, for those two,
 * validates. mdsec_purl_to_string() runs assemble() without validation on
 * whatever it is given, then percent-encodes.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mdsec/purl.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

#define NPOS SIZE_MAX

/* What a registered type says about its namespace. */
enum ns_rule { NS_OPTIONAL = 0, NS_REQUIRED = 1, NS_PROHIBITED = 2 };

/* Per-type rules: the case_sensitive: false components are lower-cased;
 * the rest are the rules given only as text in the definitions. */
#define T_LOWER_NS	0x001u /* namespace case-insensitive */
#define T_LOWER_NAME	0x002u /* name case-insensitive */
#define T_LOWER_VERSION 0x004u /* version case-insensitive */
#define T_LOWER_SUBPATH 0x008u /* subpath case-insensitive */
#define T_UPPER_NS	0x010u /* cpan: the CPAN author id is upper-case */
#define T_NO_COLONS	0x020u /* cpan: a distribution name has no "::" */
#define T_NAME_PATH	0x040u /* git: namespace is the host, name the path */
#define T_PYPI		0x080u /* pypi: '_' in the name becomes '-' */
#define T_PUB		0x100u /* pub: only [a-z0-9_] in the name */
#define T_MLFLOW	0x200u /* mlflow: name lower-cased on Databricks */
#define T_CHROME	0x400u /* chrome-extension: id and version syntax */
#define T_NS_MAX2	0x800u /* swid: at most two namespace segments */

struct purl_type {
	const char *type;
	enum ns_rule ns;
	unsigned flags;
	const char *required_key; /* a qualifier the type requires */
};

/*
 * The registered types of purl-spec types/<type>-definition.json
 * (tests/data/purl/types/): namespace requirement, case_sensitive: false
 * components, and the qualifier whose requirement is "required". One
 * deliberate difference from the tests, not from the definitions: git
 * keeps the case of its namespace and name (docs/internals/purl.md).
 */
static const struct purl_type purl_types[] = {
	{ "alpm", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "apk", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "bazel", NS_PROHIBITED, 0, NULL },
	{ "bitbucket", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "bitnami", NS_PROHIBITED, T_LOWER_NAME, NULL },
	{ "brew", NS_OPTIONAL, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "cargo", NS_PROHIBITED, 0, NULL },
	{ "chrome-extension", NS_PROHIBITED, T_LOWER_NAME | T_CHROME, NULL },
	{ "cocoapods", NS_PROHIBITED, 0, NULL },
	{ "composer", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "conan", NS_OPTIONAL, 0, NULL },
	{ "conda", NS_PROHIBITED, 0, NULL },
	{ "cpan", NS_OPTIONAL, T_UPPER_NS | T_NO_COLONS, NULL },
	{ "cran", NS_PROHIBITED, 0, NULL },
	{ "deb", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "docker", NS_OPTIONAL, 0, NULL },
	{ "gem", NS_PROHIBITED, 0, NULL },
	{ "generic", NS_OPTIONAL, 0, NULL },
	{ "git", NS_REQUIRED, T_NAME_PATH, NULL },
	{ "github", NS_REQUIRED, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "golang", NS_REQUIRED, 0, NULL },
	{ "hackage", NS_PROHIBITED, 0, NULL },
	{ "hex", NS_OPTIONAL, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "huggingface", NS_REQUIRED, T_LOWER_VERSION, NULL },
	{ "julia", NS_PROHIBITED, 0, "uuid" },
	{ "luarocks", NS_OPTIONAL, T_LOWER_NS | T_LOWER_NAME, NULL },
	{ "maven", NS_REQUIRED, 0, NULL },
	{ "mlflow", NS_PROHIBITED, T_MLFLOW, NULL },
	{ "npm", NS_OPTIONAL, 0, NULL },
	{ "nuget", NS_PROHIBITED, 0, NULL },
	{ "oci", NS_PROHIBITED, T_LOWER_NAME | T_LOWER_VERSION, NULL },
	{ "opam", NS_PROHIBITED, 0, NULL },
	{ "otp", NS_PROHIBITED, T_LOWER_NAME | T_LOWER_SUBPATH, NULL },
	{ "pub", NS_PROHIBITED, T_LOWER_NAME | T_PUB, NULL },
	{ "pypi", NS_PROHIBITED, T_LOWER_NAME | T_LOWER_VERSION | T_PYPI,
	  NULL },
	{ "qpkg", NS_REQUIRED, T_LOWER_NS, NULL },
	{ "rpm", NS_REQUIRED, T_LOWER_NS, NULL },
	{ "swid", NS_OPTIONAL, T_NS_MAX2, "tag_id" },
	{ "swift", NS_REQUIRED, 0, NULL },
	{ "vcpkg", NS_PROHIBITED, 0, NULL },
	{ "vscode-extension", NS_REQUIRED,
	  T_LOWER_NS | T_LOWER_NAME | T_LOWER_VERSION, NULL },
	{ "yocto", NS_OPTIONAL, T_LOWER_NS, NULL },
};

static const struct purl_type *find_type(const char *type)
{
	size_t i;

	if (!type)
		return NULL;
	for (i = 0; i < sizeof(purl_types) / sizeof(purl_types[0]); i++)
		if (!strcmp(purl_types[i].type, type))
			return &purl_types[i];
	return NULL;
}

/* Where errors go: the caller's buffer and column. */
struct perr {
	char *buf;
	size_t size;
	unsigned *col;
};

static void perr_ok(struct perr *e)
{
	if (e->buf && e->size)
		e->buf[0] = '\0';
	if (e->col)
		*e->col = 0;
}

/* The error at byte offset off (column off + 1); returns MDSEC_EINPUT. */
static int perr_at(struct perr *e, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr_at(struct perr *e, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (e->buf && e->size) {
		va_start(ap, fmt);
		vsnprintf(e->buf, e->size, fmt, ap);
		va_end(ap);
	}
	if (e->col)
		*e->col = off >= UINT32_MAX ? UINT32_MAX : (unsigned)(off + 1);
	return MDSEC_EINPUT;
}

static int nomem(struct perr *e)
{
	perr_at(e, 0, "out of memory (expected an allocation to succeed)");
	return MDSEC_ENOMEM;
}

/* A subject for a message: printable ASCII as is, other bytes as \xNN,
 * cut after SHOW_MAX bytes. */
#define SHOW_MAX 40
struct shown {
	char s[SHOW_MAX * 4 + 4];
};

static const char *show(struct shown *b, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && i < SHOW_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f) {
			b->s[o++] = (char)c;
		} else {
			snprintf(b->s + o, 5, "\\x%02x", c);
			o += 4;
		}
	}
	if (i < n) {
		memcpy(b->s + o, "...", 3);
		o += 3;
	}
	b->s[o] = '\0';
	return b->s;
}

static const char *shows(struct shown *b, const char *s)
{
	return show(b, s, strlen(s));
}

/* ASCII only: the case folding of the specification on ASCII letters;
 * other characters are left alone (docs/internals/purl.md). */
static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void lower(char *s)
{
	for (; s && *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static void upper(char *s)
{
	for (; s && *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static int hexval(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int sbom_pct_decode(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		int hi = -1, lo = -1;

		if (s[i] == '%' && i + 2 < n) {
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
		}
		if (hi >= 0 && lo >= 0) {
			rc = strbuf_addch(sb, hi * 16 + lo);
			i += 2;
		} else {
			rc = strbuf_addch(sb, s[i]);
		}
	}
	return rc;
}

/* The characters left as they are in a canonical component: ASCII
 * letters and digits, ".-_~" and ':' (characters-and-encoding.md). */
static bool keep(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '_' ||
	       c == '~' || c == ':';
}

/* Append s percent-encoded; with slash, '/' stays as a separator. */
static bool enc_add(struct strbuf *sb, const char *s, bool slash)
{
	static const char hex[] = "0123456789ABCDEF";
	bool bad = false;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char t[3];

		if (keep(c) || (slash && c == '/')) {
			bad |= strbuf_addch(sb, c) != 0;
			continue;
		}
		t[0] = '%';
		t[1] = hex[c >> 4];
		t[2] = hex[c & 15];
		bad |= strbuf_add(sb, t, 3) != 0;
	}
	return bad;
}

/* Offset in s[0..n) (percent-encoded) of decoded byte di. */
static size_t src_index(const char *s, size_t n, size_t di)
{
	size_t i = 0, k = 0;

	while (i < n && k < di) {
		i += s[i] == '%' ? 3 : 1;
		k++;
	}
	return i;
}

/* Percent-decode s[0..n), found at offset off, into a new string. */
static int decode(const char *s, size_t n, size_t off, const char *what,
		  char **out, struct perr *e)
{
	struct shown sh;
	char *d;
	size_t i, k = 0, bad;

	*out = NULL;
	d = xmalloc(n + 1);
	if (!d)
		return nomem(e);
	for (i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] != '%') {
			d[k++] = s[i];
			continue;
		}
		hi = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
		lo = hi >= 0 && i + 2 < n ? hexval((unsigned char)s[i + 2])
					  : -1;
		if (hi < 0 || lo < 0) {
			xfree(d);
			return perr_at(e, off + i,
				       "bad percent-encoding '%s' (expected "
				       "'%%' and two hex digits)",
				       show(&sh, s + i, n - i < 3 ? n - i : 3));
		}
		if (hi == 0 && lo == 0) {
			xfree(d);
			return perr_at(e, off + i,
				       "percent-encoded NUL byte '%%00' in %s "
				       "(expected any other character)",
				       what);
		}
		d[k++] = (char)(hi * 16 + lo);
		i += 2;
	}
	d[k] = '\0';
	bad = utf8_check(d, k);
	if (bad != k) {
		int r = perr_at(e, off + src_index(s, n, bad),
				"percent-decoded %s '%s' is not UTF-8 "
				"(expected percent-encoded UTF-8)",
				what, show(&sh, d, k));

		xfree(d);
		return r;
	}
	*out = d;
	return 0;
}

static int check_type(const char *s, size_t n, size_t off, struct perr *e)
{
	struct shown a, b;
	size_t i;

	if (n == 0)
		return perr_at(e, off,
			       "missing type (expected 'pkg:type/name')");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-')
			return perr_at(e, off + i,
				       "invalid character '%s' in type '%s' "
				       "(expected ASCII letters, digits, '.' "
				       "or '-')",
				       show(&a, s + i, 1), show(&b, s, n));
	}
	if (!is_alpha((unsigned char)s[0]))
		return perr_at(e, off,
			       "type '%s' starts with '%c' (expected an ASCII "
			       "letter first)",
			       show(&a, s, n), s[0]);
	return 0;
}

/* A qualifier key, already lower-cased (components.md: lower-case ASCII
 * letters, digits, '.', '-', '_', starting with a letter). */
static int check_key(const char *k, size_t off, struct perr *e)
{
	struct shown a, b;
	size_t i;

	if (!*k)
		return perr_at(e, off,
			       "empty qualifier key (expected key=value)");
	for (i = 0; k[i]; i++) {
		unsigned char c = (unsigned char)k[i];

		if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-' &&
		    c != '_')
			return perr_at(e, off + i,
				       "invalid character '%s' in qualifier "
				       "key '%s' (expected ASCII letters, "
				       "digits, '.', '-' or '_')",
				       show(&a, k + i, 1), shows(&b, k));
	}
	if (!is_alpha((unsigned char)k[0]))
		return perr_at(e, off,
			       "qualifier key '%s' starts with '%c' (expected "
			       "an ASCII letter first)",
			       shows(&a, k), k[0]);
	return 0;
}

static int check_utf8(const char *s, const char *what, size_t off,
		      struct perr *e)
{
	struct shown a;
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (utf8_check(s, n) == n)
		return 0;
	return perr_at(e, off, "%s '%s' is not UTF-8 (expected UTF-8 text)",
		       what, show(&a, s, n));
}

/*
 * Split s on '/', drop empty segments (and "." and ".." when dots), and
 * join what is left with '/' into *out; NULL when nothing is left.
 */
static int join_segments(const char *s, bool dots, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	bool bad = false;
	const char *p = s;

	*out = NULL;
	if (!s)
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n && !(dots && ((n == 1 && p[0] == '.') ||
				    (n == 2 && p[0] == '.' && p[1] == '.')))) {
			if (sb.len)
				bad |= strbuf_addch(&sb, '/') != 0;
			bad |= strbuf_add(&sb, p, n) != 0;
		}
		p += n;
		if (*p == '/')
			p++;
	}
	if (bad) {
		strbuf_release(&sb);
		return MDSEC_ENOMEM;
	}
	if (!sb.len)
		return 0;
	*out = strbuf_detach(&sb, NULL);
	return *out ? 0 : MDSEC_ENOMEM;
}

/* Decoded components, borrowed: what assemble() works from. */
struct parts {
	const char *type, *ns, *name, *version;
	const struct mdsec_purl_qualifier *q;
	size_t nq;
	const char *subpath;
};

/* Where each component starts in the purl string (0 for a build). */
struct offs {
	size_t type, ns, name, version, qual;
	const size_t *qoff; /* each qualifier pair; NULL for a build */
};

/* A qualifier while sorting, with its place for messages. */
struct qtmp {
	char *key;
	const char *value;
	size_t off;
};

static int cmp_qtmp(const void *a, const void *b)
{
	const struct qtmp *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* pub: lower-case letters, digits and '_' only; anything else, one
 * Unicode character at a time, becomes '_'. */
static void pub_name(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		unsigned char c = (unsigned char)*r++;

		if (c >= 0x80)
			while (((unsigned char)*r & 0xC0) == 0x80)
				r++;
		*w++ = (c >= 'a' && c <= 'z') || is_digit(c) || c == '_'
			       ? (char)c
			       : '_';
	}
	*w = '\0';
}

/* chrome-extension: the id is 32 letters a to p; the version is one to
 * four dot-separated numbers (chrome-extension-definition.json). */
static bool chrome_id(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < 'a' || s[i] > 'p')
			return false;
	return i == 32;
}

static bool chrome_version(const char *s)
{
	int parts = 0;

	for (;;) {
		if (!is_digit((unsigned char)*s))
			return false;
		while (is_digit((unsigned char)*s))
			s++;
		parts++;
		if (!*s)
			return parts <= 4;
		if (*s++ != '.')
			return false;
	}
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

/* The rules of a registered type: normalise always, check when asked. */
static int apply_type(struct mdsec_purl *p, const struct offs *o, bool check,
		      struct perr *e)
{
	const struct purl_type *t = find_type(p->type);
	struct shown a;
	const char *v;

	if (!t)
		return 0;
	if (t->flags & T_LOWER_NS)
		lower(p->namespace_);
	if (t->flags & T_UPPER_NS)
		upper(p->namespace_);
	if (t->flags & T_LOWER_NAME)
		lower(p->name);
	if (t->flags & T_LOWER_VERSION)
		lower(p->version);
	if (t->flags & T_LOWER_SUBPATH)
		lower(p->subpath);
	if (t->flags & T_PYPI) {
		char *c;

		for (c = p->name; c && *c; c++)
			if (*c == '_')
				*c = '-';
	}
	if ((t->flags & T_PUB) && p->name)
		pub_name(p->name);
	if (t->flags & T_MLFLOW) {
		v = mdsec_purl_qualifier(p, "repository_url");
		if (v && contains_ci(v, "databricks"))
			lower(p->name);
	}
	if (!check)
		return 0;
	if (t->ns == NS_REQUIRED && !p->namespace_)
		return perr_at(e, o->name,
			       "missing namespace for type '%s' (expected "
			       "'pkg:%s/namespace/name')",
			       t->type, t->type);
	if (t->ns == NS_PROHIBITED && p->namespace_)
		return perr_at(e, o->ns,
			       "namespace '%s' not allowed for type '%s' "
			       "(expected 'pkg:%s/name')",
			       shows(&a, p->namespace_), t->type, t->type);
	if ((t->flags & T_NAME_PATH) && p->namespace_ &&
	    strchr(p->namespace_, '/'))
		return perr_at(e, o->ns,
			       "namespace '%s' has more than one segment "
			       "(expected the host only for type '%s')",
			       shows(&a, p->namespace_), t->type);
	if ((t->flags & T_NS_MAX2) && p->namespace_ &&
	    count_char(p->namespace_, '/') > 1)
		return perr_at(e, o->ns,
			       "namespace '%s' has more than two segments "
			       "(expected at most 2 for type '%s')",
			       shows(&a, p->namespace_), t->type);
	if ((t->flags & T_NO_COLONS) && strstr(p->name, "::"))
		return perr_at(e, o->name,
			       "name '%s' is a module name (expected a %s "
			       "distribution name, without '::')",
			       shows(&a, p->name), t->type);
	if ((t->flags & T_CHROME) && !chrome_id(p->name))
		return perr_at(e, o->name,
			       "name '%s' is not an extension id (expected "
			       "32 letters 'a' to 'p' for type '%s')",
			       shows(&a, p->name), t->type);
	if ((t->flags & T_CHROME) && p->version && !chrome_version(p->version))
		return perr_at(e, o->version,
			       "version '%s' is invalid (expected 1 to 4 "
			       "dot-separated numbers for type '%s')",
			       shows(&a, p->version), t->type);
	if (t->required_key && !mdsec_purl_qualifier(p, t->required_key))
		return perr_at(e, o->qual,
			       "missing qualifier '%s' for type '%s' "
			       "(expected '?%s=...')",
			       t->required_key, t->type, t->required_key);
	return 0;
}

/* The qualifiers of in, keys lower-cased, sorted by key, empty values
 * left out; with check, keys valid and unique. */
static int assemble_qualifiers(const struct parts *in, const struct offs *o,
			       bool check, struct mdsec_purl *out,
			       struct perr *e)
{
	struct qtmp *qs = NULL;
	size_t i, n = 0, keep_n = 0;
	int rc = 0;

	if (!in->nq || !in->q)
		return 0;
	qs = xcalloc(in->nq, sizeof(*qs));
	if (!qs)
		return nomem(e);
	for (i = 0; i < in->nq; i++) {
		size_t off = o->qoff ? o->qoff[i] : 0;

		if (!in->q[i].key) {
			if (!check)
				continue;
			rc = perr_at(e, off,
				     "empty qualifier key (expected "
				     "key=value)");
			goto out;
		}
		qs[n].key = xstrdup(in->q[i].key);
		if (!qs[n].key) {
			rc = nomem(e);
			goto out;
		}
		lower(qs[n].key);
		qs[n].value = in->q[i].value;
		qs[n].off = off;
		n++;
		if (!check)
			continue;
		rc = check_key(qs[n - 1].key, off, e);
		if (!rc)
			rc = check_utf8(in->q[i].value, "qualifier value", off,
					e);
		if (rc)
			goto out;
	}
	qsort(qs, n, sizeof(*qs), cmp_qtmp);
	for (i = 0; i < n; i++) {
		if (check && i > 0 && !strcmp(qs[i].key, qs[i - 1].key)) {
			struct shown a;

			rc = perr_at(e, qs[i].off,
				     "duplicate qualifier key '%s' (expected "
				     "each key once)",
				     shows(&a, qs[i].key));
			goto out;
		}
		if (qs[i].value && *qs[i].value)
			keep_n++;
	}
	if (!keep_n)
		goto out;
	out->qualifiers = xcalloc(keep_n, sizeof(*out->qualifiers));
	if (!out->qualifiers) {
		rc = nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct mdsec_purl_qualifier *dst;

		if (!qs[i].value || !*qs[i].value)
			continue;
		dst = &out->qualifiers[out->nqualifiers];
		dst->value = xstrdup(qs[i].value);
		if (!dst->value) {
			rc = nomem(e);
			goto out;
		}
		dst->key = qs[i].key;
		qs[i].key = NULL;
		out->nqualifiers++;
	}
out:
	for (i = 0; qs && i < in->nq; i++)
		xfree(qs[i].key);
	xfree(qs);
	return rc;
}

/* Trim leading and trailing '/' from s into a new string. */
static char *trim_slashes(const char *s)
{
	size_t n;

	while (*s == '/')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == '/')
		n--;
	return xstrndup(s, n);
}

/*
 * Normalise the decoded components of in into out (all copies); with
 * check, validate them too. Without check only MDSEC_ENOMEM can happen.
 */
static int assemble(const struct parts *in, const struct offs *o, bool check,
		    struct mdsec_purl *out, struct perr *e)
{
	const struct purl_type *t;
	const char *type = in->type ? in->type : "";
	struct shown a;
	int rc;

	memset(out, 0, sizeof(*out));
	if (check) {
		rc = check_type(type, strlen(type), o->type, e);
		if (!rc)
			rc = check_utf8(in->ns, "namespace", o->ns, e);
		if (!rc)
			rc = check_utf8(in->name, "name", o->name, e);
		if (!rc)
			rc = check_utf8(in->version, "version", o->version, e);
		if (!rc)
			rc = check_utf8(in->subpath, "subpath", 0, e);
		if (rc)
			return rc;
	}
	rc = MDSEC_ENOMEM;
	out->type = xstrdup(type);
	if (!out->type)
		goto out;
	lower(out->type);
	t = find_type(out->type);
	rc = join_segments(in->ns, false, &out->namespace_);
	if (rc)
		goto out;
	if (t && (t->flags & T_NAME_PATH)) {
		rc = join_segments(in->name, false, &out->name);
		if (!rc && !out->name)
			out->name = xstrdup("");
	} else {
		out->name = trim_slashes(in->name ? in->name : "");
	}
	if (!rc && !out->name)
		rc = MDSEC_ENOMEM;
	if (rc)
		goto out;
	if (check && !*out->name) {
		rc = perr_at(e, o->name,
			     "missing name (expected 'pkg:%s/name')",
			     shows(&a, out->type));
		goto out;
	}
	if (in->version && *in->version) {
		out->version = xstrdup(in->version);
		if (!out->version) {
			rc = MDSEC_ENOMEM;
			goto out;
		}
	}
	rc = assemble_qualifiers(in, o, check, out, e);
	if (!rc)
		rc = join_segments(in->subpath, true, &out->subpath);
	if (!rc)
		rc = apply_type(out, o, check, e);
out:
	if (rc == MDSEC_ENOMEM)
		nomem(e);
	if (rc)
		mdsec_purl_release(out);
	return rc;
}

void mdsec_purl_release(struct mdsec_purl *p)
{
	size_t i;

	if (!p)
		return;
	xfree(p->type);
	xfree(p->namespace_);
	xfree(p->name);
	xfree(p->version);
	for (i = 0; p->qualifiers && i < p->nqualifiers; i++) {
		xfree(p->qualifiers[i].key);
		xfree(p->qualifiers[i].value);
	}
	xfree(p->qualifiers);
	xfree(p->subpath);
	memset(p, 0, sizeof(*p));
}

const char *mdsec_purl_qualifier(const struct mdsec_purl *p, const char *key)
{
	size_t i;

	for (i = 0; p && key && p->qualifiers && i < p->nqualifiers; i++)
		if (p->qualifiers[i].key && !strcmp(p->qualifiers[i].key, key))
			return p->qualifiers[i].value;
	return NULL;
}

/* One '/'-separated piece of the purl string. */
struct span {
	size_t off, len;
};

static size_t last_of(const char *s, size_t from, size_t to, char c)
{
	while (to > from)
		if (s[--to] == c)
			return to;
	return NPOS;
}

static size_t first_of(const char *s, size_t from, size_t to, char c)
{
	for (; from < to; from++)
		if (s[from] == c)
			return from;
	return NPOS;
}

/* Decode the segments seg[0..n) and join them with '/'; a decoded
 * segment must not hold a '/'. *out is NULL when n is 0. */
static int decode_segments(const char *s, const struct span *seg, size_t n,
			   const char *what, char **out, struct perr *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct shown a;
	bool bad = false;
	size_t i;
	char *d;
	int rc;

	*out = NULL;
	for (i = 0; i < n; i++) {
		rc = decode(s + seg[i].off, seg[i].len, seg[i].off, what, &d,
			    e);
		if (rc)
			goto out;
		if (strchr(d, '/')) {
			rc = perr_at(e, seg[i].off,
				     "percent-decoded %s '%s' contains '/' "
				     "(expected '/' only between segments)",
				     what, shows(&a, d));
			xfree(d);
			goto out;
		}
		if (i)
			bad |= strbuf_addch(&sb, '/') != 0;
		bad |= strbuf_addstr(&sb, d) != 0;
		xfree(d);
	}
	rc = bad ? MDSEC_ENOMEM : 0;
	if (!rc && n) {
		*out = strbuf_detach(&sb, NULL);
		if (!*out)
			rc = MDSEC_ENOMEM;
	}
out:
	if (rc == MDSEC_ENOMEM)
		nomem(e);
	strbuf_release(&sb);
	return rc;
}

/* The subpath s[a..b): segments decoded, empty, "." and ".." dropped. */
static int parse_subpath(const char *s, size_t a, size_t b, char **out,
			 struct perr *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct shown sh;
	bool bad = false;
	char *d;
	int rc;

	*out = NULL;
	while (a <= b) {
		size_t n = first_of(s, a, b, '/');

		n = (n == NPOS ? b : n) - a;
		rc = decode(s + a, n, a, "subpath segment", &d, e);
		if (rc)
			goto out;
		if (strchr(d, '/')) {
			rc = perr_at(e, a,
				     "percent-decoded subpath segment '%s' "
				     "contains '/' (expected '/' only between "
				     "segments)",
				     shows(&sh, d));
			xfree(d);
			goto out;
		}
		if (*d && strcmp(d, ".") && strcmp(d, "..")) {
			if (sb.len)
				bad |= strbuf_addch(&sb, '/') != 0;
			bad |= strbuf_addstr(&sb, d) != 0;
		}
		xfree(d);
		a += n + 1;
	}
	rc = bad ? MDSEC_ENOMEM : 0;
	if (!rc && sb.len) {
		*out = strbuf_detach(&sb, NULL);
		if (!*out)
			rc = MDSEC_ENOMEM;
	}
out:
	if (rc == MDSEC_ENOMEM)
		nomem(e);
	strbuf_release(&sb);
	return rc;
}

/* The qualifiers s[a..b): pairs split on '&' (empty pairs skipped), keys
 * lower-cased, values decoded. Checks are left to assemble(). */
static int parse_qualifiers(const char *s, size_t a, size_t b,
			    struct mdsec_purl_qualifier **qout, size_t **qoff,
			    size_t *nq, struct perr *e)
{
	struct mdsec_purl_qualifier *q;
	struct shown sh;
	size_t max = 1, i, eq, n;
	int rc;

	for (i = a; i < b; i++)
		max += s[i] == '&';
	q = xcalloc(max, sizeof(*q));
	*qout = q;
	*qoff = xcalloc(max, sizeof(**qoff));
	if (!q || !*qoff)
		return nomem(e);
	while (a <= b) {
		n = first_of(s, a, b, '&');
		n = (n == NPOS ? b : n) - a;
		if (!n) {
			a++;
			continue;
		}
		eq = first_of(s, a, a + n, '=');
		if (eq == NPOS)
			return perr_at(e, a,
				       "qualifier '%s' has no '=' (expected "
				       "key=value)",
				       show(&sh, s + a, n));
		q[*nq].key = xstrndup(s + a, eq - a);
		if (!q[*nq].key)
			return nomem(e);
		lower(q[*nq].key);
		(*qoff)[*nq] = a;
		(*nq)++;
		rc = decode(s + eq + 1, a + n - eq - 1, eq + 1,
			    "qualifier value", &q[*nq - 1].value, e);
		if (rc)
			return rc;
		a += n + 1;
	}
	return 0;
}

/* Split the path s[a..b) into its non-empty '/'-separated segments. */
static int split_path(const char *s, size_t a, size_t b, struct span **out,
		      size_t *n, struct perr *e)
{
	size_t i, j, max = 0;

	*n = 0;
	for (i = a; i <= b; i = j + 1) {
		j = first_of(s, i, b, '/');
		if (j == NPOS)
			j = b;
		max += j > i;
	}
	*out = xcalloc(max ? max : 1, sizeof(**out));
	if (!*out)
		return nomem(e);
	for (i = a; i <= b; i = j + 1) {
		j = first_of(s, i, b, '/');
		if (j == NPOS)
			j = b;
		if (j > i) {
			(*out)[*n].off = i;
			(*out)[(*n)++].len = j - i;
		}
	}
	return 0;
}

int mdsec_purl_parse(const char *s, struct mdsec_purl *out, char *err,
		     size_t errlen, unsigned *col)
{
	struct perr e = { err, errlen, col };
	struct mdsec_purl_qualifier *q = NULL;
	const struct purl_type *t;
	struct span *seg = NULL;
	struct parts in;
	struct offs o;
	struct shown sh;
	char *type = NULL, *ns = NULL, *name = NULL, *version = NULL;
	char *subpath = NULL;
	size_t *qoff = NULL;
	size_t len, p, end, hash, qm, slash, at, nseg = 0, nsn, nq = 0, i;
	int rc;

	perr_ok(&e);
	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));
	if (out)
		memset(out, 0, sizeof(*out));
	if (!s || !out)
		return perr_at(&e, 0, "no purl (expected 'pkg:type/name')");
	len = strnlen(s, MDSEC_PURL_MAX_LEN + 1);
	if (len > MDSEC_PURL_MAX_LEN)
		return perr_at(&e, MDSEC_PURL_MAX_LEN,
			       "purl longer than %d bytes (expected at most "
			       "%d)",
			       MDSEC_PURL_MAX_LEN, MDSEC_PURL_MAX_LEN);
	i = utf8_check(s, len);
	if (i != len)
		return perr_at(&e, i,
			       "invalid UTF-8 byte 0x%02x (expected "
			       "well-formed UTF-8)",
			       (unsigned char)s[i]);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return perr_at(&e, i,
				       "control character 0x%02x (expected "
				       "it percent-encoded)",
				       (unsigned char)s[i]);
	if (strncasecmp(s, "pkg:", 4))
		return perr_at(&e, 0,
			       "missing scheme 'pkg:' (expected "
			       "'pkg:type/name')");

	/* how-to-parse.md: subpath from the right on '#', qualifiers from
	 * the right on '?', then the type up to the first '/' */
	p = 4;
	while (p < len && s[p] == '/')
		p++;
	end = len;
	hash = last_of(s, p, end, '#');
	if (hash != NPOS)
		end = hash;
	qm = last_of(s, p, end, '?');
	if (qm != NPOS)
		end = qm;
	/* any other '#' or '?' would be silently misread: refuse it */
	i = hash == NPOS ? NPOS : first_of(s, p, hash, '#');
	if (i != NPOS)
		return perr_at(&e, i,
			       "unencoded '#' before the subpath (expected "
			       "'%%23')");
	i = qm == NPOS ? NPOS : first_of(s, p, qm, '?');
	if (i != NPOS)
		return perr_at(&e, i,
			       "unencoded '?' before the qualifiers (expected "
			       "'%%3F')");
	slash = first_of(s, p, end, '/');
	rc = check_type(s + p, (slash == NPOS ? end : slash) - p, p, &e);
	if (rc)
		goto out;
	o.type = p;
	type = xstrndup(s + p, (slash == NPOS ? end : slash) - p);
	if (!type) {
		rc = MDSEC_ENOMEM;
		goto out;
	}
	lower(type);
	t = find_type(type);
	if (slash != NPOS) {
		rc = split_path(s, slash + 1, end, &seg, &nseg, &e);
		if (rc)
			goto out;
	}
	if (!nseg) {
		rc = perr_at(&e, slash == NPOS ? end : slash + 1,
			     "missing name (expected 'pkg:%s/name')",
			     shows(&sh, type));
		goto out;
	}

	/* the version: after the last '@' of the last segment */
	at = last_of(s, seg[nseg - 1].off,
		     seg[nseg - 1].off + seg[nseg - 1].len, '@');
	o.version = at == NPOS ? 0 : at + 1;
	if (at != NPOS) {
		size_t vlen = seg[nseg - 1].off + seg[nseg - 1].len - at - 1;

		rc = decode(s + at + 1, vlen, at + 1, "version", &version, &e);
		if (rc)
			goto out;
		seg[nseg - 1].len = at - seg[nseg - 1].off;
	}
	if (!seg[nseg - 1].len) {
		rc = perr_at(&e, seg[nseg - 1].off,
			     "missing name (expected 'pkg:%s/name')",
			     shows(&sh, type));
		goto out;
	}

	/* namespace and name: git's name is the path after the host */
	nsn = nseg - 1;
	if (t && (t->flags & T_NAME_PATH) && nseg > 1)
		nsn = 1;
	o.ns = seg[0].off;
	o.name = seg[nsn].off;
	rc = decode_segments(s, seg, nsn, "namespace segment", &ns, &e);
	if (rc)
		goto out;
	if (nsn + 1 < nseg)
		rc = decode_segments(s, seg + nsn, nseg - nsn, "name segment",
				     &name, &e);
	else
		rc = decode(s + seg[nsn].off, seg[nsn].len, seg[nsn].off,
			    "name", &name, &e);
	if (rc)
		goto out;

	o.qual = end;
	if (qm != NPOS) {
		rc = parse_qualifiers(s, qm + 1, hash == NPOS ? len : hash, &q,
				      &qoff, &nq, &e);
		if (rc)
			goto out;
	}
	o.qoff = qoff;
	if (hash != NPOS) {
		rc = parse_subpath(s, hash + 1, len, &subpath, &e);
		if (rc)
			goto out;
	}

	in.type = type;
	in.ns = ns;
	in.name = name;
	in.version = version;
	in.q = q;
	in.nq = nq;
	in.subpath = subpath;
	rc = assemble(&in, &o, true, out, &e);
out:
	if (rc == MDSEC_ENOMEM)
		nomem(&e);
	for (i = 0; q && i < nq; i++) {
		xfree(q[i].key);
		xfree(q[i].value);
	}
	xfree(q);
	xfree(qoff);
	xfree(seg);
	xfree(type);
	xfree(ns);
	xfree(name);
	xfree(version);
	xfree(subpath);
	if (rc)
		mdsec_purl_release(out);
	return rc;
}

int mdsec_purl_build(const char *type, const char *namespace_, const char *name,
		     const char *version, const struct mdsec_purl_qualifier *q,
		     size_t nq, const char *subpath, struct mdsec_purl *out,
		     char *err, size_t errlen)
{
	struct perr e = { err, errlen, NULL };
	struct parts in;
	struct offs o;

	perr_ok(&e);
	if (!out)
		return perr_at(&e, 0, "no purl (expected a place for it)");
	memset(&o, 0, sizeof(o));
	in.type = type;
	in.ns = namespace_;
	in.name = name;
	in.version = version;
	in.q = q;
	in.nq = q ? nq : 0;
	in.subpath = subpath;
	return assemble(&in, &o, true, out, &e);
}

/* The canonical string of an assembled purl. */
static char *format(const struct mdsec_purl *p)
{
	const struct purl_type *t = find_type(p->type);
	struct strbuf sb = STRBUF_INIT;
	bool bad = false;
	size_t i;

	bad |= strbuf_addstr(&sb, "pkg:") != 0;
	bad |= enc_add(&sb, p->type, false);
	bad |= strbuf_addch(&sb, '/') != 0;
	if (p->namespace_) {
		bad |= enc_add(&sb, p->namespace_, true);
		bad |= strbuf_addch(&sb, '/') != 0;
	}
	bad |= enc_add(&sb, p->name, t && (t->flags & T_NAME_PATH));
	if (p->version) {
		bad |= strbuf_addch(&sb, '@') != 0;
		bad |= enc_add(&sb, p->version, false);
	}
	for (i = 0; i < p->nqualifiers; i++) {
		bad |= strbuf_addch(&sb, i ? '&' : '?') != 0;
		bad |= enc_add(&sb, p->qualifiers[i].key, false);
		bad |= strbuf_addch(&sb, '=') != 0;
		bad |= enc_add(&sb, p->qualifiers[i].value, false);
	}
	if (p->subpath) {
		bad |= strbuf_addch(&sb, '#') != 0;
		bad |= enc_add(&sb, p->subpath, true);
	}
	if (bad) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

char *mdsec_purl_to_string(const struct mdsec_purl *p)
{
	struct perr e = { NULL, 0, NULL };
	struct mdsec_purl n;
	struct parts in;
	struct offs o;
	char *s;

	if (!p)
		return NULL;
	memset(&o, 0, sizeof(o));
	in.type = p->type;
	in.ns = p->namespace_;
	in.name = p->name;
	in.version = p->version;
	in.q = p->qualifiers;
	in.nq = p->qualifiers ? p->nqualifiers : 0;
	in.subpath = p->subpath;
	if (assemble(&in, &o, false, &n, &e))
		return NULL;
	s = format(&n);
	mdsec_purl_release(&n);
	return s;
}

int mdsec_purl_canonical(const char *s, char **out, char *err, size_t errlen,
			 unsigned *col)
{
	struct mdsec_purl p;
	int rc;

	if (!out)
		return perr_at(&(struct perr){ err, errlen, col }, 0,
			       "no purl (expected a place for it)");
	*out = NULL;
	rc = mdsec_purl_parse(s, &p, err, errlen, col);
	if (rc)
		return rc;
	*out = mdsec_purl_to_string(&p);
	mdsec_purl_release(&p);
	if (!*out)
		return nomem(&(struct perr){ err, errlen, col });
	return 0;
}
