/* SPDX-License-Identifier: Apache-2.0
 *
 * version.c - version comparison per scheme, for matching a component's
 * version against the affected ranges of vulnerability records (NVD CPE
 * match ranges, OSV ranges, vendor tables). Sits below the vulnerability
 * importers and matchers; needs nothing but the C library. Rules and
 * examples: docs/versions.md. Specifications implemented:
 * - SemVer 2.0.0 (semver.org), section 11 (precedence) and 10 (build
 *   metadata does not take part in precedence);
 * - Debian Policy 5.6.12 (Version), with dpkg's verrevcmp();
 * - RPM's rpmvercmp() (rpmio/rpmvercmp.c, with '~' and '^') and parseEVR;
 * - OpenSSL letter releases (a..z, then za..zz) and -alphaN/-betaN/-preN;
 * - the generic NVD/CPE style, with the CPE 2.3 update field folded in.
 * Every function is total: no input fails, none allocates.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "mdsec/version.h"
#include "base/banned.h"

/* Locale-independent ASCII classes: versions are compared bytewise. */
static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int sign(long v)
{
	return v < 0 ? -1 : v > 0;
}

/* Compare two digit strings as numbers, of any length. */
static int num_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c;

	while (an && *a == '0') {
		a++;
		an--;
	}
	while (bn && *b == '0') {
		b++;
		bn--;
	}
	if (an != bn)
		return an < bn ? -1 : 1;
	c = an ? memcmp(a, b, an) : 0;
	return sign(c);
}

/* Bytewise comparison of two counted strings (a prefix sorts first). */
static int bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c)
		return sign(c);
	return an == bn ? 0 : an < bn ? -1 : 1;
}

/* ---- Generic and OpenSSL ---------------------------------------------- */

/*
 * A version as up to three pieces read as one string: the version, an
 * optional "." and the CPE update field (mdsec_version_cmp_update).
 */
struct vstr {
	const char *p[3];
	size_t n[3];
	size_t len;
};

static void vstr_init(struct vstr *v, const char *s, const char *sep,
		      const char *upd)
{
	v->p[0] = s ? s : "";
	v->p[1] = sep ? sep : "";
	v->p[2] = upd ? upd : "";
	v->n[0] = strlen(v->p[0]);
	v->n[1] = strlen(v->p[1]);
	v->n[2] = strlen(v->p[2]);
	v->len = v->n[0] + v->n[1] + v->n[2];
}

/* The byte at i (0 past the end). */
static int vstr_at(const struct vstr *v, size_t i)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (i < v->n[k])
			return (unsigned char)v->p[k][i];
		i -= v->n[k];
	}
	return 0;
}

/* Token kinds in ascending order: a pre-release word sorts before the end
 * of the version, which sorts before any other word, before a number. */
enum tok_kind { TOK_PRE = 0, TOK_END, TOK_WORD, TOK_NUM };

struct tok {
	enum tok_kind kind;
	int rank;   /* TOK_PRE: dev/snapshot 1, alpha 2, beta 3, pre 4, rc 5 */
	size_t off; /* TOK_NUM: digits without leading zeros */
	size_t len;
};

struct gen_iter {
	const struct vstr *s;
	size_t pos;
	size_t keep;  /* zeros starting before this offset are kept */
	bool openssl; /* a word right after a digit is a letter release */
};

static bool word_byte(int c)
{
	return is_alpha(c) || c >= 0x80;
}

static bool word_is(const struct vstr *s, const struct tok *t, const char *w)
{
	size_t i, n = strlen(w);

	if (t->len != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(vstr_at(s, t->off + i)) != w[i])
			return false;
	return true;
}

static int pre_rank(const struct vstr *s, const struct tok *t)
{
	static const struct {
		const char *word;
		int rank;
	} words[] = { { "dev", 1 },  { "snapshot", 1 }, { "alpha", 2 },
		      { "beta", 3 }, { "pre", 4 },	{ "rc", 5 } };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (word_is(s, t, words[i].word))
			return words[i].rank;
	return 0;
}

/* The next raw token from *pos: separators (any other ASCII byte) are
 * skipped; a number, a word or the end. */
static void raw_next(const struct gen_iter *it, size_t *pos, struct tok *t)
{
	const struct vstr *s = it->s;
	size_t i = *pos;
	int c;

	while (i < s->len) {
		c = vstr_at(s, i);
		if (is_digit(c) || word_byte(c))
			break;
		i++;
	}
	t->rank = 0;
	t->off = i;
	t->len = 0;
	if (i >= s->len) {
		t->kind = TOK_END;
		*pos = i;
		return;
	}
	c = vstr_at(s, i);
	if (is_digit(c)) {
		t->kind = TOK_NUM;
		while (i < s->len && vstr_at(s, i) == '0')
			i++;
		t->off = i;
		while (i < s->len && is_digit(vstr_at(s, i)))
			i++;
	} else {
		bool attached = t->off > 0 && is_digit(vstr_at(s, t->off - 1));

		t->kind = TOK_WORD;
		while (i < s->len && word_byte(vstr_at(s, i)))
			i++;
		t->len = i - t->off;
		if (!(it->openssl && attached)) {
			t->rank = pre_rank(s, t);
			if (t->rank)
				t->kind = TOK_PRE;
		}
	}
	if (t->kind == TOK_NUM)
		t->len = i - t->off;
	*pos = i;
}

/*
 * The next token, with zeros dropped where they stand before a word or
 * the end: "2.0" and "2.0.0" read as "2", "1.0.0-rc1" as "1-rc1", so
 * that padding never changes the order ("2.0a" == "2a").
 */
static void gen_next(struct gen_iter *it, struct tok *t)
{
	size_t look, start;
	struct tok u;

	for (;;) {
		start = it->pos;
		raw_next(it, &it->pos, t);
		if (t->kind != TOK_NUM || t->len != 0 || start < it->keep)
			return;
		look = it->pos;
		do {
			raw_next(it, &look, &u);
		} while (u.kind == TOK_NUM && u.len == 0);
		if (u.kind == TOK_NUM) {
			it->keep = u.off;
			return;
		}
		/* only zeros up to a word or the end: skip them */
		it->pos = u.kind == TOK_END ? look : u.off;
		if (u.kind == TOK_END) {
			*t = u;
			return;
		}
	}
}

static int word_cmp(const struct vstr *a, const struct tok *ta,
		    const struct vstr *b, const struct tok *tb)
{
	size_t i;
	int ca, cb;

	for (i = 0; i < ta->len && i < tb->len; i++) {
		ca = lower(vstr_at(a, ta->off + i));
		cb = lower(vstr_at(b, tb->off + i));
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return ta->len == tb->len ? 0 : ta->len < tb->len ? -1 : 1;
}

static int num_tok_cmp(const struct vstr *a, const struct tok *ta,
		       const struct vstr *b, const struct tok *tb)
{
	size_t i;
	int ca, cb;

	if (ta->len != tb->len)
		return ta->len < tb->len ? -1 : 1;
	for (i = 0; i < ta->len; i++) {
		ca = vstr_at(a, ta->off + i);
		cb = vstr_at(b, tb->off + i);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return 0;
}

static void gen_iter_init(struct gen_iter *it, const struct vstr *s,
			  bool openssl)
{
	it->s = s;
	it->pos = 0;
	it->keep = 0;
	it->openssl = openssl;
	/* "v1.2" is "1.2" */
	if (lower(vstr_at(s, 0)) == 'v' && is_digit(vstr_at(s, 1)))
		it->pos = 1;
}

static int gen_cmp(const struct vstr *a, const struct vstr *b, bool openssl)
{
	struct gen_iter ia, ib;
	struct tok ta, tb;
	int c;

	gen_iter_init(&ia, a, openssl);
	gen_iter_init(&ib, b, openssl);
	for (;;) {
		gen_next(&ia, &ta);
		gen_next(&ib, &tb);
		if (ta.kind != tb.kind)
			return ta.kind < tb.kind ? -1 : 1;
		switch (ta.kind) {
		case TOK_END:
			return 0;
		case TOK_PRE:
			c = sign(ta.rank - tb.rank);
			break;
		case TOK_WORD:
			c = word_cmp(a, &ta, b, &tb);
			break;
		default:
			c = num_tok_cmp(a, &ta, b, &tb);
			break;
		}
		if (c)
			return c;
	}
}

/* ---- SemVer 2.0.0 ----------------------------------------------------- */

struct semver {
	const char *num[3]; /* major, minor, patch digits ("" when absent) */
	size_t nlen[3];
	const char *pre; /* pre-release identifiers, NULL when none */
	size_t prelen;
};

static bool ident_byte(int c)
{
	return is_digit(c) || is_alpha(c) || c == '-';
}

/* A dot-separated list of non-empty [0-9A-Za-z-] identifiers; its length
 * (0 when none could be read). */
static size_t idents(const char *s)
{
	size_t i = 0, n;

	for (;;) {
		n = 0;
		while (ident_byte((unsigned char)s[i + n]))
			n++;
		if (!n)
			return 0;
		i += n;
		if (s[i] != '.')
			return i;
		i++;
	}
}

/*
 * Lenient semver.org grammar: an optional "v" or "=" (npm, Go), 1 to 3
 * numeric parts (missing ones are 0, leading zeros tolerated), then
 * "-pre.release" and "+build" as the specification writes them. false
 * for anything else.
 */
static bool semver_parse(const char *s, struct semver *v)
{
	size_t i = 0, n;
	int k;

	memset(v, 0, sizeof(*v));
	for (k = 0; k < 3; k++) {
		v->num[k] = "";
		v->nlen[k] = 0;
	}
	if (s[0] == 'v' || s[0] == 'V' || s[0] == '=')
		i++;
	for (k = 0; k < 3; k++) {
		n = 0;
		while (is_digit((unsigned char)s[i + n]))
			n++;
		if (!n)
			return false;
		v->num[k] = s + i;
		v->nlen[k] = n;
		i += n;
		if (s[i] != '.' || k == 2)
			break;
		i++;
	}
	if (s[i] == '-') {
		i++;
		n = idents(s + i);
		if (!n)
			return false;
		v->pre = s + i;
		v->prelen = n;
		i += n;
	}
	if (s[i] == '+') {
		i++;
		n = idents(s + i);
		if (!n)
			return false;
		i += n;
	}
	return s[i] == '\0';
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return true;
}

/* semver.org 11.4: identifier by identifier; numeric ones numerically
 * and below alphanumeric ones (ASCII order); a shorter list first. */
static int semver_pre_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0, la, lb;
	bool da, db;
	int c;

	for (;;) {
		if (i >= an || j >= bn)
			return i >= an ? (j >= bn ? 0 : -1) : 1;
		la = 0;
		while (i + la < an && a[i + la] != '.')
			la++;
		lb = 0;
		while (j + lb < bn && b[j + lb] != '.')
			lb++;
		da = all_digits(a + i, la);
		db = all_digits(b + j, lb);
		if (da != db)
			return da ? -1 : 1;
		c = da ? num_cmp(a + i, la, b + j, lb)
		       : bytes_cmp(a + i, la, b + j, lb);
		if (c)
			return c;
		i += la + 1;
		j += lb + 1;
	}
}

static int semver_cmp(const char *a, const char *b)
{
	struct semver va, vb;
	bool oka = semver_parse(a, &va), okb = semver_parse(b, &vb);
	int k, c;

	/* what is not SemVer sorts after all SemVer, bytewise */
	if (!oka || !okb) {
		if (oka != okb)
			return oka ? -1 : 1;
		return bytes_cmp(a, strlen(a), b, strlen(b));
	}
	for (k = 0; k < 3; k++) {
		c = num_cmp(va.num[k], va.nlen[k], vb.num[k], vb.nlen[k]);
		if (c)
			return c;
	}
	if (!va.pre || !vb.pre)
		return va.pre ? -1 : vb.pre ? 1 : 0;
	return semver_pre_cmp(va.pre, va.prelen, vb.pre, vb.prelen);
}

/* ---- Debian ----------------------------------------------------------- */

/* dpkg's order(): '~' first, then the end of a part (and digits, which
 * end a non-digit run), then letters, then every other byte. */
static int deb_order(int c)
{
	if (is_digit(c))
		return 0;
	if (is_alpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

/* dpkg's verrevcmp() over counted strings. */
static int deb_verrevcmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	int first_diff, ac, bc;

#define A_AT(k) ((k) < an ? (unsigned char)a[k] : 0)
#define B_AT(k) ((k) < bn ? (unsigned char)b[k] : 0)
	while (i < an || j < bn) {
		first_diff = 0;
		while ((A_AT(i) && !is_digit(A_AT(i))) ||
		       (B_AT(j) && !is_digit(B_AT(j)))) {
			ac = deb_order(A_AT(i));
			bc = deb_order(B_AT(j));
			if (ac != bc)
				return sign(ac - bc);
			i++;
			j++;
		}
		while (A_AT(i) == '0')
			i++;
		while (B_AT(j) == '0')
			j++;
		while (is_digit(A_AT(i)) && is_digit(B_AT(j))) {
			if (!first_diff)
				first_diff = A_AT(i) - B_AT(j);
			i++;
			j++;
		}
		if (is_digit(A_AT(i)))
			return 1;
		if (is_digit(B_AT(j)))
			return -1;
		if (first_diff)
			return sign(first_diff);
	}
	return 0;
#undef A_AT
#undef B_AT
}

struct evr {
	const char *epoch; /* digits; "" when absent (0) */
	size_t elen;
	const char *ver;
	size_t vlen;
	const char *rel; /* NULL when absent */
	size_t rlen;
};

/*
 * [epoch:]version[-release]: the epoch is the digits before the first
 * ':' (Debian: before a ':' that ends an all-digit prefix; otherwise there
 * is no epoch); the release is what follows the last '-'.
 */
static void evr_split(const char *s, struct evr *e)
{
	size_t n = 0, len = strlen(s);
	const char *dash;

	while (is_digit((unsigned char)s[n]))
		n++;
	e->epoch = "";
	e->elen = 0;
	e->ver = s;
	if (s[n] == ':') {
		e->epoch = s;
		e->elen = n;
		e->ver = s + n + 1;
	}
	e->vlen = len - (size_t)(e->ver - s);
	dash = strrchr(e->ver, '-');
	e->rel = NULL;
	e->rlen = 0;
	if (dash) {
		e->rel = dash + 1;
		e->rlen = len - (size_t)(e->rel - s);
		e->vlen = (size_t)(dash - e->ver);
	}
}

typedef int part_cmp_fn(const char *a, size_t an, const char *b, size_t bn);

/* [epoch:]version[-revision] compared part by part with cmp (Debian's
 * verrevcmp or rpmvercmp); an absent revision compares as "" (dpkg: like
 * "0"; rpm likewise). */
static int evr_cmp(const char *a, const char *b, part_cmp_fn *cmp)
{
	struct evr ea, eb;
	int c;

	evr_split(a, &ea);
	evr_split(b, &eb);
	c = num_cmp(ea.epoch, ea.elen, eb.epoch, eb.elen);
	if (!c)
		c = cmp(ea.ver, ea.vlen, eb.ver, eb.vlen);
	if (!c)
		c = cmp(ea.rel ? ea.rel : "", ea.rlen, eb.rel ? eb.rel : "",
			eb.rlen);
	return c;
}

/* ---- RPM -------------------------------------------------------------- */

/* rpmvercmp() of rpm 4.15+ over counted strings. */
static int rpm_vercmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0, si, sj;
	bool isnum;
	int c;

#define A_AT(k) ((k) < an ? (unsigned char)a[k] : 0)
#define B_AT(k) ((k) < bn ? (unsigned char)b[k] : 0)
	if (an == bn && !memcmp(a, b, an))
		return 0;
	while (A_AT(i) || B_AT(j)) {
		while (A_AT(i) && !is_digit(A_AT(i)) && !is_alpha(A_AT(i)) &&
		       A_AT(i) != '~' && A_AT(i) != '^')
			i++;
		while (B_AT(j) && !is_digit(B_AT(j)) && !is_alpha(B_AT(j)) &&
		       B_AT(j) != '~' && B_AT(j) != '^')
			j++;
		/* '~' sorts before everything else */
		if (A_AT(i) == '~' || B_AT(j) == '~') {
			if (A_AT(i) != '~')
				return 1;
			if (B_AT(j) != '~')
				return -1;
			i++;
			j++;
			continue;
		}
		/* '^' likewise, except that the end sorts before it */
		if (A_AT(i) == '^' || B_AT(j) == '^') {
			if (!A_AT(i))
				return -1;
			if (!B_AT(j))
				return 1;
			if (A_AT(i) != '^')
				return 1;
			if (B_AT(j) != '^')
				return -1;
			i++;
			j++;
			continue;
		}
		if (!(A_AT(i) && B_AT(j)))
			break;
		si = i;
		sj = j;
		isnum = is_digit(A_AT(i));
		if (isnum) {
			while (is_digit(A_AT(si)))
				si++;
			while (is_digit(B_AT(sj)))
				sj++;
		} else {
			while (is_alpha(A_AT(si)))
				si++;
			while (is_alpha(B_AT(sj)))
				sj++;
		}
		/* a number is newer than letters */
		if (sj == j)
			return isnum ? 1 : -1;
		c = isnum ? num_cmp(a + i, si - i, b + j, sj - j)
			  : bytes_cmp(a + i, si - i, b + j, sj - j);
		if (c)
			return c;
		i = si;
		j = sj;
	}
	if (!A_AT(i) && !B_AT(j))
		return 0;
	return !A_AT(i) ? -1 : 1;
#undef A_AT
#undef B_AT
}

/* ---- Public API ------------------------------------------------------- */

int mdsec_version_cmp(enum mdsec_version_scheme s, const char *a, const char *b)
{
	struct vstr va, vb;

	if (!a)
		a = "";
	if (!b)
		b = "";
	switch (s) {
	case MDSEC_VER_SEMVER:
		return semver_cmp(a, b);
	case MDSEC_VER_DEBIAN:
		return evr_cmp(a, b, deb_verrevcmp);
	case MDSEC_VER_RPM:
		return evr_cmp(a, b, rpm_vercmp);
	case MDSEC_VER_OPENSSL:
	case MDSEC_VER_GENERIC:
		break;
	}
	vstr_init(&va, a, NULL, NULL);
	vstr_init(&vb, b, NULL, NULL);
	return gen_cmp(&va, &vb, s == MDSEC_VER_OPENSSL);
}

/* The update field as a suffix: NULL for none, "*" (ANY) and "-" (NA). */
static void fold(struct vstr *v, const char *ver, const char *upd)
{
	size_t n;

	if (!ver)
		ver = "";
	if (!upd || !upd[0] || !strcmp(upd, "*") || !strcmp(upd, "-")) {
		vstr_init(v, ver, NULL, NULL);
		return;
	}
	n = strlen(ver);
	vstr_init(v, ver,
		  n && is_digit((unsigned char)ver[n - 1]) &&
				  is_digit((unsigned char)upd[0])
			  ? "."
			  : NULL,
		  upd);
}

int mdsec_version_cmp_update(const char *a, const char *a_update, const char *b,
			     const char *b_update)
{
	struct vstr va, vb;

	fold(&va, a, a_update);
	fold(&vb, b, b_update);
	return gen_cmp(&va, &vb, false);
}

bool mdsec_version_in_range(enum mdsec_version_scheme s, const char *v,
			    const char *start, bool start_incl, const char *end,
			    bool end_incl)
{
	int c;

	if (!v)
		return false;
	if (start) {
		c = mdsec_version_cmp(s, v, start);
		if (c < 0 || (c == 0 && !start_incl))
			return false;
	}
	if (end) {
		c = mdsec_version_cmp(s, v, end);
		if (c > 0 || (c == 0 && !end_incl))
			return false;
	}
	return true;
}

static bool name_eq(const char *a, const char *b)
{
	while (*a && lower((unsigned char)*a) == *b) {
		a++;
		b++;
	}
	return !*a && !*b;
}

static const char *const scheme_names[MDSEC_VER_NSCHEMES] = {
	"generic", "semver", "debian", "rpm", "openssl"
};

enum mdsec_version_scheme mdsec_version_scheme_for(const char *purl_type)
{
	if (!purl_type)
		return MDSEC_VER_GENERIC;
	if (name_eq(purl_type, "deb"))
		return MDSEC_VER_DEBIAN;
	if (name_eq(purl_type, "rpm"))
		return MDSEC_VER_RPM;
	if (name_eq(purl_type, "npm") || name_eq(purl_type, "cargo") ||
	    name_eq(purl_type, "golang"))
		return MDSEC_VER_SEMVER;
	return MDSEC_VER_GENERIC;
}

const char *mdsec_version_scheme_name(enum mdsec_version_scheme s)
{
	if ((int)s < 0 || (int)s >= MDSEC_VER_NSCHEMES)
		return "unknown";
	return scheme_names[s];
}

int mdsec_version_scheme_from_name(const char *name,
				   enum mdsec_version_scheme *out)
{
	int k;

	if (!name || !out)
		return MDSEC_EUSAGE;
	for (k = 0; k < MDSEC_VER_NSCHEMES; k++) {
		if (name_eq(name, scheme_names[k])) {
			*out = (enum mdsec_version_scheme)k;
			return 0;
		}
	}
	return MDSEC_EUSAGE;
}
