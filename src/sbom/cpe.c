/* SPDX-License-Identifier: Apache-2.0
 *
 * cpe.c - CPE 2.3 names (see mdsec/cpe.h): unbinding formatted strings
 * (NIST IR 7695 6.2.3) and URIs (6.1.3, with the packed edition and
 * percent-encoding of table 6-1), reading the WFN notation of 5.4,
 * checking every string value against 5.3.2 (one place, whatever the
 * binding it came from), binding to both (6.1.2, 6.2.2), and name
 * matching (NIST IR 7696 6.1 table 6-2, 6.2, and the compare and
 * compare_strings functions of section 7). Below the SBOM readers and the
 * vulnerability matching; no allocation when comparing.
 *
 * A parsed name keeps its eleven values in one buffer. Each unbinding
 * first turns a value into its WFN form, remembering for every byte the
 * column it came from, and then hands it to check_value(), so the rules
 * of 5.3.2 are written once and every message still points at the input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mdsec/cpe.h"
#include "base/xalloc.h"
#include "base/banned.h"

const char mdsec_cpe_na[] = "-";

static const char *const attr_names[MDSEC_CPE_NATTRS] = {
	"part",	    "vendor",	  "product",   "version",   "update", "edition",
	"language", "sw_edition", "target_sw", "target_hw", "other",
};

/* Offsets are kept in unsigned short: every input is capped. */
_Static_assert(MDSEC_CPE_MAX_LEN < 30000, "offsets fit unsigned short");

#define WFN_MAX (2 * MDSEC_CPE_MAX_LEN + 2) /* a value, quoted, + NUL */

/* ---- characters (ASCII only, no locale) ---- */

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static int to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	c = to_lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool is_na(const char *v)
{
	return v && v[0] == '-' && v[1] == '\0';
}

static bool is_str(const char *v)
{
	return v && !is_na(v);
}

/* ---- errors ---- */

struct perr {
	char *err;
	size_t errlen;
	unsigned *col;
};

static int fail(const struct perr *pe, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(const struct perr *pe, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (pe->err && pe->errlen) {
		va_start(ap, fmt);
		vsnprintf(pe->err, pe->errlen, fmt, ap);
		va_end(ap);
	}
	if (pe->col)
		*pe->col = (unsigned)off + 1;
	return MDSEC_EINPUT;
}

static int out_of_memory(const struct perr *pe)
{
	if (pe->err && pe->errlen)
		snprintf(pe->err, pe->errlen, "out of memory");
	if (pe->col)
		*pe->col = 0;
	return MDSEC_ENOMEM;
}

static void clear_err(const struct perr *pe)
{
	if (pe->err && pe->errlen)
		pe->err[0] = '\0';
	if (pe->col)
		*pe->col = 0;
}

/* ---- the names of things, per binding, for messages ---- */

enum syn { SYN_FS, SYN_URI, SYN_WFN };

struct words {
	const char *star, *qmark;   /* the wildcards as written */
	const char *qstar, *qqmark; /* the characters, quoted */
	const char *any, *na;	    /* "expected ..." for ANY and NA */
	const char *parts;	    /* the values part may take */
};

static const struct words words[] = {
	[SYN_FS] = { "*", "?", "\\*", "\\?", "'*' for ANY", "'-' for NA",
		     "'a', 'h', 'o', '*' or '-'" },
	[SYN_URI] = { "%02", "%01", "%2a", "%3f", "an empty component for ANY",
		      "'-' for NA", "'a', 'h', 'o', empty or '-'" },
	[SYN_WFN] = { "*", "?", "\\*", "\\?", "ANY", "NA",
		      "\"a\", \"h\", \"o\", ANY or NA" },
};

/* ---- 5.3.2: one value in WFN form ---- */

struct val {
	const char *w;		   /* the value, quoted as a WFN value */
	size_t n;		   /* its length */
	const unsigned short *map; /* input offset of each byte of w */
	const char *src;	   /* the value as written, for messages */
	size_t srclen;
	size_t base; /* input offset of the value */
	enum syn syn;
	enum mdsec_cpe_attr a;
};

/* 5.3.3.7 and the LANGTAG rule of 6.2.2: RFC 5646 language ["-" region],
 * language 2*3ALPHA, region 2ALPHA / 3DIGIT. */
static bool is_langtag(const char *w, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && is_alpha(w[i]))
		i++;
	if (i < 2)
		return false;
	if (i == n)
		return true;
	if (n - i < 4 || w[i] != '\\' || w[i + 1] != '-')
		return false;
	i += 2;
	if (n - i == 2)
		return is_alpha(w[i]) && is_alpha(w[i + 1]);
	return n - i == 3 && is_digit(w[i]) && is_digit(w[i + 1]) &&
	       is_digit(w[i + 2]);
}

static int check_value(const struct perr *pe, const struct val *x)
{
	const struct words *wd = &words[x->syn];
	const char *an = attr_names[x->a], *w = x->w;
	size_t n = x->n, i = 0, j;
	char c;

	if (w[0] == '*')
		i = 1;
	else
		while (i < n && w[i] == '?')
			i++;
	while (i < n) {
		c = w[i];
		if (c == '\\') {
			if (i + 1 == n)
				return fail(pe, x->map[i],
					    "backslash at the end of %s "
					    "(expected a character after it)",
					    an);
			if (is_alnum(w[i + 1]) || w[i + 1] == '_')
				return fail(pe, x->map[i],
					    "needless quoting of '%c' in %s "
					    "(expected '\\' only before "
					    "punctuation)",
					    w[i + 1], an);
			i += 2;
			continue;
		}
		if (is_alnum(c) || c == '_') {
			i++;
			continue;
		}
		if (c == '*' && i == n - 1) {
			if (n == 2 && w[0] == '*')
				return fail(pe, x->map[i],
					    "'%s%s' in %s (expected a single "
					    "'%s')",
					    wd->star, wd->star, an, wd->star);
			i++;
			continue;
		}
		if (c == '*')
			return fail(pe, x->map[i],
				    "embedded '%s' in %s (expected '%s' only "
				    "at the start or the end, or '%s')",
				    wd->star, an, wd->star, wd->qstar);
		if (c == '?') {
			for (j = i; j < n && w[j] == '?'; j++)
				;
			if (j == n)
				break;
			return fail(pe, x->map[i],
				    "embedded '%s' in %s (expected '%s' only "
				    "in a run at the start or the end, or "
				    "'%s')",
				    wd->qmark, an, wd->qmark, wd->qqmark);
		}
		return fail(pe, x->map[i],
			    "unquoted '%c' in %s (expected '\\%c')", c, an, c);
	}
	if (n == 1 && w[0] == '*')
		return fail(pe, x->base, "'%s' alone in %s (expected %s)",
			    wd->star, an, wd->any);
	if (n == 2 && w[0] == '\\' && w[1] == '-')
		return fail(pe, x->base, "'%.*s' alone in %s (expected %s)",
			    (int)x->srclen, x->src, an, wd->na);
	if (x->a == MDSEC_CPE_PART &&
	    !(n == 1 && (w[0] == 'a' || w[0] == 'h' || w[0] == 'o')))
		return fail(pe, x->base, "bad part '%.*s' (expected %s)",
			    (int)x->srclen, x->src, wd->parts);
	if (x->a == MDSEC_CPE_LANGUAGE && !is_langtag(w, n))
		return fail(pe, x->base,
			    "bad language '%.*s' (expected an RFC 5646 tag: 2 "
			    "or 3 letters, then optionally '-' and 2 letters "
			    "or 3 digits)",
			    (int)x->srclen, x->src);
	return 0;
}

/* ---- building a name ---- */

struct build {
	struct mdsec_cpe *out;
	char *buf;
	size_t pos, cap;
};

static int build_start(struct build *b, struct mdsec_cpe *out, size_t len)
{
	b->out = out;
	b->pos = 0;
	b->cap = 2 * len + MDSEC_CPE_NATTRS + 1;
	b->buf = xmalloc(b->cap);
	return b->buf ? 0 : MDSEC_ENOMEM;
}

static void build_put(struct build *b, enum mdsec_cpe_attr a, const char *w,
		      size_t n)
{
	char *p = b->buf + b->pos;

	memcpy(p, w, n);
	p[n] = '\0';
	b->out->v[a] = p;
	b->pos += n + 1;
}

/* Check w[0..n) and store it as attribute a. */
static int build_value(const struct perr *pe, struct build *b, struct val *x)
{
	int ret = check_value(pe, x);

	if (ret == 0)
		build_put(b, x->a, x->w, x->n);
	return ret;
}

static int build_end(struct build *b, int ret)
{
	if (ret == 0) {
		b->out->buf = b->buf;
		return 0;
	}
	xfree(b->buf);
	mdsec_cpe_init(b->out);
	return ret;
}

/* ---- 6.2.3: formatted strings ---- */

/* The field s[off..off+n) of attribute a, not "*", "-" nor empty. */
static int fs_value(const struct perr *pe, struct build *b, const char *s,
		    size_t off, size_t n, enum mdsec_cpe_attr a)
{
	char w[WFN_MAX];
	unsigned short map[WFN_MAX];
	struct val x = { w, 0, map, s + off, n, off, SYN_FS, a };
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		char c = s[off + i];

		map[k] = (unsigned short)(off + i);
		if (c == '\\' && i + 1 < n) {
			w[k++] = c;
			map[k] = (unsigned short)(off + i);
			w[k++] = s[off + ++i];
		} else if (c == '-' || c == '.') {
			/* add_quoting: all but alphanumerics, '_' and the
			 * wildcards is quoted in the WFN; the checks below
			 * then refuse what the FS should have quoted */
			w[k++] = '\\';
			map[k] = (unsigned short)(off + i);
			w[k++] = c;
		} else {
			w[k++] = c;
		}
	}
	x.n = k;
	return build_value(pe, b, &x);
}

static int parse_fs(const struct perr *pe, const char *s, size_t len,
		    struct mdsec_cpe *out)
{
	size_t fstart[MDSEC_CPE_NATTRS], fend[MDSEC_CPE_NATTRS];
	size_t i, nf = 0, start = 8, extra = 0;
	struct build b;
	int ret = 0;
	int a;

	for (i = 8;; i++) {
		if (i == len || s[i] == ':') {
			if (nf < MDSEC_CPE_NATTRS) {
				fstart[nf] = start;
				fend[nf] = i;
			} else if (nf == MDSEC_CPE_NATTRS) {
				extra = start - 1;
			}
			nf++;
			if (i == len)
				break;
			start = i + 1;
		} else if (s[i] == '\\' && i + 1 < len) {
			i++;
		}
	}
	if (nf != MDSEC_CPE_NATTRS)
		return fail(pe, nf < MDSEC_CPE_NATTRS ? len : extra,
			    "%zu fields (expected 13: 'cpe', '2.3' and 11 "
			    "attributes)",
			    nf + 2);
	if (build_start(&b, out, len))
		return out_of_memory(pe);
	for (a = 0; a < MDSEC_CPE_NATTRS && ret == 0; a++) {
		size_t off = fstart[a], n = fend[a] - fstart[a];

		if (n == 0)
			ret = fail(pe, off,
				   "empty %s (expected a value, '*' for ANY "
				   "or '-' for NA)",
				   attr_names[a]);
		else if (n == 1 && s[off] == '*')
			out->v[a] = NULL;
		else if (n == 1 && s[off] == '-')
			out->v[a] = MDSEC_CPE_NA_VALUE;
		else
			ret = fs_value(pe, &b, s, off, n,
				       (enum mdsec_cpe_attr)a);
	}
	return build_end(&b, ret);
}

/* ---- 6.1.3: URIs ---- */

/* Table 6-1: the characters a URI percent-encodes are the printable
 * punctuation but '-', '.' and '_' (which are never encoded). */
static bool pct_decodable(int c)
{
	return c > 0x20 && c < 0x7f && !is_alnum(c) && c != '-' && c != '.' &&
	       c != '_';
}

/* decode() of 6.1.3: component s[off..off+n) of attribute a. */
static int uri_value(const struct perr *pe, struct build *b, const char *s,
		     size_t off, size_t n, enum mdsec_cpe_attr a)
{
	char w[WFN_MAX];
	unsigned short map[WFN_MAX];
	struct val x = { w, 0, map, s + off, n, off, SYN_URI, a };
	size_t i = 0, k = 0;

	if (n == 0)
		return 0; /* ANY */
	if (n == 1 && s[off] == '-') {
		b->out->v[a] = MDSEC_CPE_NA_VALUE;
		return 0;
	}
	while (i < n) {
		int c = (unsigned char)s[off + i], hi, lo;

		map[k] = (unsigned short)(off + i);
		if (c == '%') {
			hi = i + 1 < n ? hex_value(s[off + i + 1]) : -1;
			lo = i + 2 < n ? hex_value(s[off + i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return fail(pe, off + i,
					    "bad percent-encoding '%.*s' in "
					    "%s (expected '%%' and two hex "
					    "digits)",
					    (int)(n - i < 3 ? n - i : 3),
					    s + off + i, attr_names[a]);
			c = hi * 16 + lo;
			if (c == 1 || c == 2) {
				w[k++] = c == 1 ? '?' : '*';
			} else if (pct_decodable(c)) {
				w[k++] = '\\';
				map[k] = (unsigned short)(off + i);
				w[k++] = (char)c;
			} else {
				return fail(pe, off + i,
					    "bad percent-encoding '%.3s' in "
					    "%s (expected %%01, %%02 or one "
					    "of table 6-1: punctuation but "
					    "'-', '.' and '_')",
					    s + off + i, attr_names[a]);
			}
			i += 3;
			continue;
		}
		if (is_alnum(c) || c == '_') {
			w[k++] = (char)to_lower(c);
		} else if (c == '.' || c == '-' || c == '~') {
			w[k++] = '\\';
			map[k] = (unsigned short)(off + i);
			w[k++] = (char)c;
		} else {
			return fail(pe, off + i,
				    "bad character '%c' in %s (expected "
				    "letters, digits, '_', '.', '-', '~' or "
				    "percent-encodings)",
				    c, attr_names[a]);
		}
		i++;
	}
	x.n = k;
	return build_value(pe, b, &x);
}

/* unpack() of 6.1.3: "~edition~sw_edition~target_sw~target_hw~other";
 * other takes the rest, '~' included. */
static int uri_unpack(const struct perr *pe, struct build *b, const char *s,
		      size_t off, size_t n)
{
	static const enum mdsec_cpe_attr packed[5] = {
		MDSEC_CPE_EDITION, MDSEC_CPE_SW_EDITION, MDSEC_CPE_TARGET_SW,
		MDSEC_CPE_TARGET_HW, MDSEC_CPE_OTHER
	};
	size_t start[5], end[5], i, k = 0, ntilde = 0;
	int ret = 0;

	for (i = 0; i < n; i++)
		if (s[off + i] == '~')
			ntilde++;
	if (ntilde < 5)
		return fail(pe, off,
			    "packed edition with %zu fields (expected 5, each "
			    "after a '~': edition, sw_edition, target_sw, "
			    "target_hw, other)",
			    ntilde);
	for (i = 1; k < 4; i++) {
		if (s[off + i] == '~') {
			end[k++] = off + i;
			start[k] = off + i + 1;
		}
	}
	start[0] = off + 1;
	end[4] = off + n;
	for (k = 0; k < 5 && ret == 0; k++)
		ret = uri_value(pe, b, s, start[k], end[k] - start[k],
				packed[k]);
	return ret;
}

static int parse_uri(const struct perr *pe, const char *s, size_t len,
		     struct mdsec_cpe *out)
{
	static const enum mdsec_cpe_attr comps[7] = {
		MDSEC_CPE_PART,	   MDSEC_CPE_VENDOR, MDSEC_CPE_PRODUCT,
		MDSEC_CPE_VERSION, MDSEC_CPE_UPDATE, MDSEC_CPE_EDITION,
		MDSEC_CPE_LANGUAGE
	};
	size_t i, start = 5, nc = 0, extra = 0, cstart[7], cend[7];
	struct build b;
	int ret = 0;

	for (i = 5;; i++) {
		if (i == len || s[i] == ':') {
			if (nc < 7) {
				cstart[nc] = start;
				cend[nc] = i;
			} else if (nc == 7) {
				extra = start - 1;
			}
			nc++;
			if (i == len)
				break;
			start = i + 1;
		}
	}
	if (nc > 7)
		return fail(pe, extra,
			    "%zu components (expected at most 7: part to "
			    "language, the rest packed in edition)",
			    nc);
	if (build_start(&b, out, len))
		return out_of_memory(pe);
	for (i = 0; i < nc && ret == 0; i++) {
		size_t off = cstart[i], n = cend[i] - cstart[i];

		if (comps[i] == MDSEC_CPE_EDITION && n > 0 && s[off] == '~')
			ret = uri_unpack(pe, &b, s, off, n);
		else
			ret = uri_value(pe, &b, s, off, n, comps[i]);
	}
	return build_end(&b, ret);
}

/* ---- entry points ---- */

void mdsec_cpe_init(struct mdsec_cpe *c)
{
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		c->v[a] = NULL;
	c->buf = NULL;
}

void mdsec_cpe_release(struct mdsec_cpe *c)
{
	if (!c)
		return;
	xfree(c->buf);
	mdsec_cpe_init(c);
}

/* Length (at most MDSEC_CPE_MAX_LEN) and bytes; space allowed or not. */
static int check_bytes(const struct perr *pe, const char *s, size_t *lenp,
		       bool spaces)
{
	size_t len = strnlen(s, MDSEC_CPE_MAX_LEN + 1), i;

	if (len > MDSEC_CPE_MAX_LEN)
		return fail(pe, MDSEC_CPE_MAX_LEN,
			    "name longer than %d bytes (expected at most %d)",
			    MDSEC_CPE_MAX_LEN, MDSEC_CPE_MAX_LEN);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c <= 0x20 || c >= 0x7f) && !(spaces && c == ' '))
			return fail(pe, i,
				    "bad byte 0x%02x (expected printable "
				    "ASCII without spaces)",
				    c);
	}
	*lenp = len;
	return 0;
}

int mdsec_cpe_parse(const char *s, struct mdsec_cpe *out, char *err,
		    size_t errlen, unsigned *col)
{
	struct perr pe = { err, errlen, col };
	size_t len, n;
	int ret;

	mdsec_cpe_init(out);
	clear_err(&pe);
	if (!s)
		s = "";
	ret = check_bytes(&pe, s, &len, false);
	if (ret)
		return ret;
	if (strncmp(s, "cpe:", 4) != 0)
		return fail(&pe, 0,
			    "missing 'cpe:' prefix (expected 'cpe:2.3:' or "
			    "'cpe:/')");
	if (s[4] == '/')
		return parse_uri(&pe, s, len, out);
	if (strncmp(s + 4, "2.3:", 4) != 0) {
		for (n = 0; s[4 + n] && s[4 + n] != ':'; n++)
			;
		return fail(&pe, 4,
			    "unknown binding 'cpe:%.*s' (expected 'cpe:2.3:' "
			    "or 'cpe:/')",
			    (int)n, s + 4);
	}
	return parse_fs(&pe, s, len, out);
}

/* ---- 5.4: the WFN notation ---- */

static size_t skip_spaces(const char *s, size_t i)
{
	while (s[i] == ' ')
		i++;
	return i;
}

static int wfn_pair(const struct perr *pe, struct build *b, const char *s,
		    size_t *ip, bool *seen)
{
	unsigned short map[WFN_MAX];
	struct val x = { NULL, 0, map, NULL, 0, 0, SYN_WFN, 0 };
	size_t i = *ip, start = i, n, k;
	int a;

	while (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z'))
		i++;
	n = i - start;
	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		if (strlen(attr_names[a]) == n &&
		    !memcmp(attr_names[a], s + start, n))
			break;
	if (a == MDSEC_CPE_NATTRS)
		return fail(pe, start,
			    "unknown attribute '%.*s' (expected part, vendor, "
			    "product, version, update, edition, language, "
			    "sw_edition, target_sw, target_hw or other)",
			    (int)(n ? n : 1), s + start);
	if (seen[a])
		return fail(pe, start,
			    "second value for %s (expected each attribute "
			    "once)",
			    attr_names[a]);
	seen[a] = true;
	i = skip_spaces(s, i);
	if (s[i] != '=')
		return fail(pe, i, "missing '=' after %s (expected attr=value)",
			    attr_names[a]);
	i = skip_spaces(s, i + 1);
	if (!strncmp(s + i, "ANY", 3) && !is_alnum(s[i + 3])) {
		*ip = i + 3;
		return 0;
	}
	if (!strncmp(s + i, "NA", 2) && !is_alnum(s[i + 2])) {
		b->out->v[a] = MDSEC_CPE_NA_VALUE;
		*ip = i + 2;
		return 0;
	}
	if (s[i] != '"')
		return fail(pe, i,
			    "bad value of %s (expected ANY, NA or a string in "
			    "double quotes)",
			    attr_names[a]);
	start = ++i;
	for (; s[i] && s[i] != '"'; i++) {
		if (s[i] == ' ')
			return fail(pe, i,
				    "bad byte 0x20 (expected printable ASCII "
				    "without spaces)");
		if (s[i] == '\\' && s[i + 1] && s[i + 1] != ' ')
			i++;
	}
	if (!s[i])
		return fail(pe, start - 1,
			    "unterminated string of %s (expected a closing "
			    "'\"')",
			    attr_names[a]);
	n = i - start;
	if (n == 0)
		return fail(pe, start - 1,
			    "empty string for %s (expected a value, ANY or "
			    "NA)",
			    attr_names[a]);
	for (k = 0; k < n; k++)
		map[k] = (unsigned short)(start + k);
	x.w = s + start;
	x.n = n;
	x.src = s + start;
	x.srclen = n;
	x.base = start;
	x.a = (enum mdsec_cpe_attr)a;
	*ip = i + 1;
	return build_value(pe, b, &x);
}

int mdsec_cpe_parse_wfn(const char *s, struct mdsec_cpe *out, char *err,
			size_t errlen, unsigned *col)
{
	struct perr pe = { err, errlen, col };
	bool seen[MDSEC_CPE_NATTRS] = { false };
	struct build b;
	size_t len, i;
	int ret;

	mdsec_cpe_init(out);
	clear_err(&pe);
	if (!s)
		s = "";
	ret = check_bytes(&pe, s, &len, true);
	if (ret)
		return ret;
	if (strncmp(s, "wfn:[", 5) != 0)
		return fail(&pe, 0, "missing 'wfn:[' (expected a WFN)");
	if (build_start(&b, out, len))
		return out_of_memory(&pe);
	i = skip_spaces(s, 5);
	if (s[i] != ']') {
		for (;;) {
			if (!s[i]) {
				ret = fail(&pe, i,
					   "missing ']' at the end (expected "
					   "',' or ']')");
				break;
			}
			ret = wfn_pair(&pe, &b, s, &i, seen);
			if (ret)
				break;
			i = skip_spaces(s, i);
			if (s[i] == ']')
				break;
			if (!s[i]) {
				ret = fail(&pe, i,
					   "missing ']' at the end (expected "
					   "',' or ']')");
				break;
			}
			if (s[i] != ',') {
				ret = fail(&pe, i,
					   "'%c' after a value (expected ',' "
					   "or ']')",
					   s[i]);
				break;
			}
			i = skip_spaces(s, i + 1);
		}
	}
	if (ret == 0 && s[i + 1] != '\0')
		ret = fail(&pe, i + 1, "text after ']' (expected the end)");
	return build_end(&b, ret);
}

/* ---- setting and copying ---- */

/* Replace every value of c by vals[] (which may point into c->buf). */
static int rebuild(struct mdsec_cpe *c, const char **vals)
{
	size_t need = 1, pos = 0;
	char *buf;
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		if (is_str(vals[a]))
			need += strlen(vals[a]) + 1;
	buf = xmalloc(need);
	if (!buf)
		return MDSEC_ENOMEM;
	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		size_t n;

		if (!is_str(vals[a]))
			continue;
		n = strlen(vals[a]);
		memcpy(buf + pos, vals[a], n + 1);
		vals[a] = buf + pos;
		pos += n + 1;
	}
	xfree(c->buf);
	c->buf = buf;
	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		c->v[a] = !vals[a]	   ? NULL
			  : is_na(vals[a]) ? MDSEC_CPE_NA_VALUE
					   : vals[a];
	return 0;
}

int mdsec_cpe_set(struct mdsec_cpe *c, enum mdsec_cpe_attr a, const char *value,
		  char *err, size_t errlen)
{
	struct perr pe = { err, errlen, NULL };
	const char *vals[MDSEC_CPE_NATTRS];
	struct val x = { value, 0, NULL, value, 0, 0, SYN_WFN, a };
	size_t n = 0, i;
	int ret;

	clear_err(&pe);
	if (!c || (int)a < 0 || a >= MDSEC_CPE_NATTRS) {
		if (err && errlen)
			snprintf(err, errlen,
				 "bad attribute (expected 0 to %d)",
				 MDSEC_CPE_NATTRS - 1);
		return MDSEC_EUSAGE;
	}
	if (is_str(value)) {
		n = strnlen(value, WFN_MAX);
		if (n >= WFN_MAX - 1)
			return fail(&pe, 0,
				    "%s longer than %d bytes (expected at most "
				    "%d)",
				    attr_names[a], WFN_MAX - 2, WFN_MAX - 2);
		if (n == 0)
			return fail(
				&pe, 0,
				"empty string for %s (expected a value, ANY "
				"or NA)",
				attr_names[a]);
		for (i = 0; i < n; i++)
			if ((unsigned char)value[i] <= 0x20 ||
			    (unsigned char)value[i] >= 0x7f)
				return fail(&pe, i,
					    "bad byte 0x%02x (expected "
					    "printable ASCII without spaces)",
					    (unsigned char)value[i]);
		x.n = n;
		x.srclen = n;
		{
			/* columns are not reported by set(): a zero map */
			unsigned short map[WFN_MAX];

			memset(map, 0, n * sizeof(map[0]));
			x.map = map;
			ret = check_value(&pe, &x);
		}
		if (ret)
			return ret;
	}
	memcpy(vals, c->v, sizeof(vals));
	vals[a] = value;
	ret = rebuild(c, vals);
	if (ret)
		return out_of_memory(&pe);
	return 0;
}

int mdsec_cpe_copy(struct mdsec_cpe *dst, const struct mdsec_cpe *src)
{
	const char *vals[MDSEC_CPE_NATTRS];

	if (dst == src)
		return 0;
	memcpy(vals, src->v, sizeof(vals));
	mdsec_cpe_init(dst);
	return rebuild(dst, vals);
}

/* ---- binding ---- */

struct out {
	char *p;
	size_t n;
};

static void put_c(struct out *o, char c)
{
	o->p[o->n++] = c;
}

static void put_s(struct out *o, const char *s)
{
	while (*s)
		o->p[o->n++] = *s++;
}

static size_t total_len(const struct mdsec_cpe *c)
{
	size_t n = 0;
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		n += is_str(c->v[a]) ? strlen(c->v[a]) : 3;
	return n;
}

/* bind_value_for_fs and process_quoted_chars of 6.2.2. */
static void fs_bind_value(struct out *o, const char *v)
{
	if (!v) {
		put_c(o, '*');
		return;
	}
	if (is_na(v)) {
		put_c(o, '-');
		return;
	}
	for (; *v; v++) {
		if (*v == '\\' && (v[1] == '.' || v[1] == '-' || v[1] == '_')) {
			v++;
		} else if (*v == '\\' && v[1]) {
			put_c(o, *v++);
		}
		put_c(o, *v);
	}
}

char *mdsec_cpe_to_fs(const struct mdsec_cpe *c)
{
	struct out o;
	int a;

	o.p = xmalloc(8 + total_len(c) + MDSEC_CPE_NATTRS + 1);
	if (!o.p)
		return NULL;
	o.n = 0;
	put_s(&o, "cpe:2.3");
	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		put_c(&o, ':');
		fs_bind_value(&o, c->v[a]);
	}
	put_c(&o, '\0');
	return o.p;
}

/* bind_value_for_uri, transform_for_uri and pct_encode of 6.1.2. */
static void uri_bind_value(struct out *o, const char *v)
{
	static const char hex[] = "0123456789abcdef";

	if (!v)
		return;
	if (is_na(v)) {
		put_c(o, '-');
		return;
	}
	for (; *v; v++) {
		if (*v == '?') {
			put_s(o, "%01");
		} else if (*v == '*') {
			put_s(o, "%02");
		} else if (*v != '\\' || !v[1]) {
			put_c(o, *v);
		} else if (v[1] == '-' || v[1] == '.') {
			put_c(o, *++v);
		} else {
			v++;
			put_c(o, '%');
			put_c(o, hex[(unsigned char)*v >> 4]);
			put_c(o, hex[(unsigned char)*v & 15]);
		}
	}
}

char *mdsec_cpe_to_uri(const struct mdsec_cpe *c)
{
	struct out o;
	size_t keep;
	int a;

	o.p = xmalloc(5 + 3 * total_len(c) + 2 * MDSEC_CPE_NATTRS + 1);
	if (!o.p)
		return NULL;
	o.n = 0;
	put_s(&o, "cpe:/");
	for (a = 0; a <= MDSEC_CPE_LANGUAGE; a++) {
		if (a)
			put_c(&o, ':');
		if (a == MDSEC_CPE_EDITION &&
		    (c->v[MDSEC_CPE_SW_EDITION] || c->v[MDSEC_CPE_TARGET_SW] ||
		     c->v[MDSEC_CPE_TARGET_HW] || c->v[MDSEC_CPE_OTHER])) {
			int p;

			/* pack() */
			for (p = MDSEC_CPE_EDITION; p <= MDSEC_CPE_OTHER; p++) {
				if (p == MDSEC_CPE_LANGUAGE)
					continue;
				put_c(&o, '~');
				uri_bind_value(&o, c->v[p]);
			}
		} else {
			uri_bind_value(&o, c->v[a]);
		}
	}
	/* trim(): drop trailing colons */
	keep = o.n;
	while (keep > 5 && o.p[keep - 1] == ':')
		keep--;
	o.p[keep] = '\0';
	return o.p;
}

char *mdsec_cpe_to_wfn(const struct mdsec_cpe *c)
{
	struct out o;
	int a;

	o.p = xmalloc(6 + total_len(c) + 16 * MDSEC_CPE_NATTRS + 2);
	if (!o.p)
		return NULL;
	o.n = 0;
	put_s(&o, "wfn:[");
	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		if (a)
			put_c(&o, ',');
		put_s(&o, attr_names[a]);
		put_c(&o, '=');
		if (!c->v[a]) {
			put_s(&o, "ANY");
		} else if (is_na(c->v[a])) {
			put_s(&o, "NA");
		} else {
			put_c(&o, '"');
			put_s(&o, c->v[a]);
			put_c(&o, '"');
		}
	}
	put_s(&o, "]");
	put_c(&o, '\0');
	return o.p;
}

int mdsec_cpe_canonical(const char *s, char **out, char *err, size_t errlen,
			unsigned *col)
{
	struct mdsec_cpe c;
	int ret;

	*out = NULL;
	ret = mdsec_cpe_parse(s, &c, err, errlen, col);
	if (ret)
		return ret;
	*out = mdsec_cpe_to_fs(&c);
	mdsec_cpe_release(&c);
	if (!*out) {
		struct perr pe = { err, errlen, col };

		return out_of_memory(&pe);
	}
	return 0;
}

/* ---- matching (IR 7696) ---- */

/* Whether a string value has an unquoted '*' or '?'. */
static bool has_wildcards(const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' && v[1])
			v++;
		else if (*v == '*' || *v == '?')
			return true;
	}
	return false;
}

static bool equal_ci(const char *x, const char *y)
{
	while (*x && to_lower(*x) == to_lower(*y)) {
		x++;
		y++;
	}
	return *x == *y;
}

/* The character at v[*i], its quoting removed; advances *i. */
static int next_char(const char *v, size_t *i)
{
	if (v[*i] == '\\' && v[*i + 1])
		++*i;
	return to_lower(v[(*i)++]);
}

static size_t count_chars(const char *v, size_t from, size_t to)
{
	size_t n = 0;

	while (from < to) {
		next_char(v, &from);
		n++;
	}
	return n;
}

/*
 * A run of n unquoted '?' at one end matches up to n characters and a '*'
 * any number: what compare_strings of IR 7696 section 7 computes (it only
 * refuses a prefix longer than the run, "begins < index - escapes", and a
 * leftover longer than it, "leftover > ends").
 */
static bool end_fits(size_t chars, size_t qmarks, bool star)
{
	return star || chars <= qmarks;
}

/* compare_strings: whether the source value s (with wildcards) matches
 * the target value t (without), ignoring ASCII case. */
static bool wild_match(const char *s, const char *t)
{
	size_t n = strlen(s), i = 0, bstart, bend, tn, bn, p, tj = 0;
	size_t lead = 0, trail = 0;
	bool lead_star = false, trail_star = false;

	if (s[0] == '*') {
		lead_star = true;
		i = 1;
	} else {
		while (i < n && s[i] == '?') {
			lead++;
			i++;
		}
	}
	bstart = bend = i;
	while (bend < n && s[bend] != '*' && s[bend] != '?')
		bend += s[bend] == '\\' && s[bend + 1] ? 2 : 1;
	if (bend < n && s[bend] == '*')
		trail_star = true;
	else
		trail = n - bend;
	tn = count_chars(t, 0, strlen(t));
	bn = count_chars(s, bstart, bend);
	for (p = 0; p + bn <= tn; p++) {
		size_t si = bstart, ti = tj, k;

		if (!end_fits(p, lead, lead_star))
			break;
		if (end_fits(tn - p - bn, trail, trail_star)) {
			for (k = 0; k < bn; k++)
				if (next_char(s, &si) != next_char(t, &ti))
					break;
			if (k == bn)
				return true;
		}
		next_char(t, &tj);
	}
	return false;
}

/* compare() of IR 7696 section 7, table 6-2. */
static enum mdsec_cpe_rel compare_values(const char *s, const char *t)
{
	if (is_str(t) && has_wildcards(t))
		return MDSEC_CPE_UNDEFINED;
	if ((!s && !t) || (is_na(s) && is_na(t)))
		return MDSEC_CPE_EQUAL;
	if (is_str(s) && is_str(t) && equal_ci(s, t))
		return MDSEC_CPE_EQUAL;
	if (!s)
		return MDSEC_CPE_SUPERSET;
	if (!t)
		return MDSEC_CPE_SUBSET;
	if (is_na(s) || is_na(t))
		return MDSEC_CPE_DISJOINT;
	return has_wildcards(s) && wild_match(s, t) ? MDSEC_CPE_SUPERSET
						    : MDSEC_CPE_DISJOINT;
}

enum mdsec_cpe_rel mdsec_cpe_compare_attr(const struct mdsec_cpe *src,
					  const struct mdsec_cpe *tgt,
					  enum mdsec_cpe_attr a)
{
	if ((int)a < 0 || a >= MDSEC_CPE_NATTRS)
		return MDSEC_CPE_UNDEFINED;
	return compare_values(src->v[a], tgt->v[a]);
}

enum mdsec_cpe_rel mdsec_cpe_compare(const struct mdsec_cpe *src,
				     const struct mdsec_cpe *tgt)
{
	bool eq = true, sup = true, sub = true;
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		enum mdsec_cpe_rel r = compare_values(src->v[a], tgt->v[a]);

		if (r == MDSEC_CPE_DISJOINT)
			return MDSEC_CPE_DISJOINT;
		if (r != MDSEC_CPE_EQUAL)
			eq = false;
		if (r != MDSEC_CPE_EQUAL && r != MDSEC_CPE_SUPERSET)
			sup = false;
		if (r != MDSEC_CPE_EQUAL && r != MDSEC_CPE_SUBSET)
			sub = false;
	}
	if (eq)
		return MDSEC_CPE_EQUAL;
	if (sup)
		return MDSEC_CPE_SUPERSET;
	return sub ? MDSEC_CPE_SUBSET : MDSEC_CPE_UNDEFINED;
}

bool mdsec_cpe_matches(const struct mdsec_cpe *src, const struct mdsec_cpe *tgt)
{
	/* the most selective attributes first */
	static const enum mdsec_cpe_attr order[MDSEC_CPE_NATTRS] = {
		MDSEC_CPE_PRODUCT,    MDSEC_CPE_VENDOR,	   MDSEC_CPE_VERSION,
		MDSEC_CPE_PART,	      MDSEC_CPE_UPDATE,	   MDSEC_CPE_EDITION,
		MDSEC_CPE_SW_EDITION, MDSEC_CPE_TARGET_SW, MDSEC_CPE_TARGET_HW,
		MDSEC_CPE_LANGUAGE,   MDSEC_CPE_OTHER
	};
	int i;

	for (i = 0; i < MDSEC_CPE_NATTRS; i++) {
		enum mdsec_cpe_rel r =
			compare_values(src->v[order[i]], tgt->v[order[i]]);

		if (r != MDSEC_CPE_SUPERSET && r != MDSEC_CPE_EQUAL)
			return false;
	}
	return true;
}

bool mdsec_cpe_attr_equal(const struct mdsec_cpe *x, const struct mdsec_cpe *y,
			  enum mdsec_cpe_attr a)
{
	const char *p, *q;

	if ((int)a < 0 || a >= MDSEC_CPE_NATTRS)
		return false;
	p = x->v[a];
	q = y->v[a];
	if (!p || !q || is_na(p) || is_na(q))
		return (!p && !q) || (is_na(p) && is_na(q));
	return equal_ci(p, q);
}

/* ---- accessors ---- */

const char *mdsec_cpe_attr_get(const struct mdsec_cpe *c, enum mdsec_cpe_attr a,
			       char *buf, size_t size)
{
	const char *v;
	size_t n = 0;

	if ((int)a < 0 || a >= MDSEC_CPE_NATTRS || !size)
		return NULL;
	v = c->v[a];
	if (!v || is_na(v)) {
		if (size < 2)
			return NULL;
		buf[0] = v ? '-' : '*';
		buf[1] = '\0';
		return buf;
	}
	for (; *v; v++) {
		if (*v == '\\' && v[1])
			v++;
		if (n + 1 >= size)
			return NULL;
		buf[n++] = *v;
	}
	buf[n] = '\0';
	return buf;
}

const char *mdsec_cpe_attr_name(enum mdsec_cpe_attr a)
{
	if ((int)a < 0 || a >= MDSEC_CPE_NATTRS)
		return NULL;
	return attr_names[a];
}

const char *mdsec_cpe_rel_name(enum mdsec_cpe_rel r)
{
	switch (r) {
	case MDSEC_CPE_DISJOINT:
		return "DISJOINT";
	case MDSEC_CPE_SUBSET:
		return "SUBSET";
	case MDSEC_CPE_SUPERSET:
		return "SUPERSET";
	case MDSEC_CPE_EQUAL:
		return "EQUAL";
	case MDSEC_CPE_UNDEFINED:
		break;
	}
	return "UNDEFINED";
}
