/* SPDX-License-Identifier: Apache-2.0
 *
 * cvss.c - parsing and validating CVSS vectors of every supported version
 * against the metric tables of cvss2.c, cvss3.c and cvss4.c, the canonical
 * vector, severity names and the v4.0 nomenclature. Sits below the
 * vulnerability and risk modules. Specifications: FIRST CVSS v2 Complete
 * Guide section 2.4 (vectors), CVSS v3.0 / v3.1 Specification Document
 * section 6 (vector string) and section 5 (qualitative severity rating
 * scale), CVSS v4.0 Specification Document sections 1.3 (nomenclature),
 * 5 (qualitative severity rating scale) and 7 (vector string).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/diag.h"
#include "cvss/cvss_int.h"
#include "base/banned.h"

const char *mdsec_cvss_version_name(enum mdsec_cvss_version v)
{
	switch (v) {
	case MDSEC_CVSS_V2:
		return "2.0";
	case MDSEC_CVSS_V3_0:
		return "3.0";
	case MDSEC_CVSS_V3_1:
		return "3.1";
	case MDSEC_CVSS_V4_0:
		return "4.0";
	}
	return "unknown";
}

const char *mdsec_cvss_severity(enum mdsec_cvss_version v, int tenths)
{
	if (v == MDSEC_CVSS_V2)
		return tenths < 40 ? "Low" : tenths < 70 ? "Medium" : "High";
	if (tenths <= 0)
		return "None";
	if (tenths < 40)
		return "Low";
	if (tenths < 70)
		return "Medium";
	return tenths < 90 ? "High" : "Critical";
}

static const struct cvss_spec *spec_of(enum mdsec_cvss_version v)
{
	if (v == MDSEC_CVSS_V2)
		return &cvss2_spec;
	return v == MDSEC_CVSS_V4_0 ? &cvss4_spec : &cvss3_spec;
}

const char *mdsec_cvss_nomenclature(const struct mdsec_cvss *c)
{
	const struct cvss_spec *sp = &cvss4_spec;
	bool t = false, e = false;
	int i;

	if (c->version != MDSEC_CVSS_V4_0)
		return NULL;
	for (i = 0; i < sp->nmetrics; i++) {
		if (c->value[i] <= 1) /* absent or X */
			continue;
		if (sp->metrics[i].group == CVSS_TEMPORAL)
			t = true;
		else if (sp->metrics[i].group == CVSS_ENVIRONMENTAL)
			e = true;
	}
	return t ? (e ? "CVSS-BTE" : "CVSS-BT") : (e ? "CVSS-BE" : "CVSS-B");
}

/* Parser state: where diagnostics go and how severe they are. */
struct pstate {
	struct mdsec_loc at;
	enum mdsec_cvss_mode mode;
	struct mdsec_diag_list *dl;
	int error;
	bool named[MDSEC_CVSS_MAX_METRICS]; /* seen, even with a bad value */
};

static struct mdsec_loc col_at(const struct pstate *ps, size_t off)
{
	struct mdsec_loc l = ps->at;

	if (!l.line)
		l.line = 1;
	l.col = (l.col ? l.col : 1) + (unsigned)off;
	return l;
}

/* An error, or in lenient mode (soft) a warning. */
static void problem(struct pstate *ps, bool soft, size_t off, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

static void problem(struct pstate *ps, bool soft, size_t off, const char *fmt,
		    ...)
{
	va_list ap;
	int e;

	va_start(ap, fmt);
	soft = soft && ps->mode == MDSEC_CVSS_LENIENT;
	e = diag_vadd(ps->dl, soft ? MDSEC_DIAG_WARNING : MDSEC_DIAG_ERROR,
		      col_at(ps, off), fmt, ap);
	va_end(ap);
	if (e == MDSEC_ENOMEM)
		ps->error = e;
	else if (!soft && ps->error == 0)
		ps->error = MDSEC_EINPUT;
}

/* "N, A, L or P" */
static void list_values(char *buf, size_t size, const char *const *v)
{
	size_t n = 0, i, len = 0;

	while (v[n])
		n++;
	buf[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i == 0	     ? ""
					: i == n - 1 ? " or "
						     : ", ",
					v[i]);
}

static int find_metric(const struct cvss_spec *sp, const char *name, size_t n)
{
	int i;

	for (i = 0; i < sp->nmetrics; i++)
		if (strlen(sp->metrics[i].name) == n &&
		    !memcmp(sp->metrics[i].name, name, n))
			return i;
	return -1;
}

static int find_value(const char *const *v, const char *s, size_t n)
{
	int i;

	for (i = 0; v[i]; i++)
		if (strlen(v[i]) == n && !memcmp(v[i], s, n))
			return i;
	return -1;
}

/* One METRIC:VALUE component at s[0..n), offset off in the vector. */
static void parse_component(struct mdsec_cvss *c, const struct cvss_spec *sp,
			    struct pstate *ps, const char *s, size_t n,
			    size_t off, int *last, size_t *first_off)
{
	char name[MDSEC_CVSS_MAX_LEN + 1], val[MDSEC_CVSS_MAX_LEN + 1];
	char expected[128];
	const char *colon = memchr(s, ':', n);
	size_t nn, vn;
	int m, v;

	if (n == 0) {
		problem(ps, true, off,
			"empty component (expected METRIC:VALUE between "
			"slashes)");
		return;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	if (!colon || colon == s || colon == s + n - 1) {
		problem(ps, false, off,
			"malformed component '%s' (expected METRIC:VALUE)",
			name);
		return;
	}
	nn = (size_t)(colon - s);
	vn = n - nn - 1;
	name[nn] = '\0';
	memcpy(val, colon + 1, vn);
	val[vn] = '\0';
	m = find_metric(sp, s, nn);
	if (m < 0) {
		problem(ps, true, off,
			"unknown metric '%s' (expected a %s metric)", name,
			sp->label);
		return;
	}
	ps->named[m] = true;
	v = find_value(sp->metrics[m].values, val, vn);
	if (v < 0) {
		list_values(expected, sizeof(expected), sp->metrics[m].values);
		problem(ps, false, off,
			"bad value '%s' for metric '%s' (expected %s)", val,
			name, expected);
		return;
	}
	if (c->value[m]) {
		unsigned first = col_at(ps, first_off[m]).col;

		if (c->value[m] == v + 1)
			problem(ps, true, off,
				"duplicate metric '%s' (expected once; first "
				"at column %u)",
				name, first);
		else
			problem(ps, false, off,
				"duplicate metric '%s' with another value "
				"(expected once; first at column %u)",
				name, first);
		return;
	}
	if (m < *last)
		problem(ps, true, off,
			"metric '%s' out of order (expected before '%s')", name,
			sp->metrics[*last].name);
	else
		*last = m;
	c->value[m] = (unsigned char)(v + 1);
	first_off[m] = off;
	if (sp->metrics[m].group == CVSS_TEMPORAL)
		c->has_temporal = true;
	else if (sp->metrics[m].group == CVSS_ENVIRONMENTAL)
		c->has_environmental = true;
}

int mdsec_cvss_parse(struct mdsec_cvss *out, const char *vector, size_t len,
		     enum mdsec_cvss_mode mode, struct mdsec_loc at,
		     struct mdsec_diag_list *dl)
{
	struct pstate ps;
	const struct cvss_spec *sp;
	size_t first_off[MDSEC_CVSS_MAX_METRICS];
	size_t pos = 0, end;
	int last = 0, i;

	ps.at = at;
	ps.mode = mode;
	ps.dl = dl;
	ps.error = 0;
	memset(ps.named, 0, sizeof(ps.named));
	memset(out, 0, sizeof(*out));
	if (len == 0)
		return diag_error(dl, col_at(&ps, 0),
				  "empty vector (expected a CVSS vector)");
	if (len > MDSEC_CVSS_MAX_LEN)
		return diag_error(dl, col_at(&ps, 0),
				  "vector longer than %d bytes (expected a "
				  "CVSS vector)",
				  MDSEC_CVSS_MAX_LEN);
	if (memchr(vector, '\0', len))
		return diag_error(
			dl, col_at(&ps, 0),
			"NUL byte in vector (expected a CVSS vector)");
	if (len >= 5 && !strncasecmp(vector, "CVSS:", 5)) {
		const char *slash = memchr(vector, '/', len);
		size_t pl = slash ? (size_t)(slash - vector) : len;
		char prefix[MDSEC_CVSS_MAX_LEN + 1];

		if (pl == 8 && !memcmp(vector, "CVSS:3.0", 8))
			out->version = MDSEC_CVSS_V3_0;
		else if (pl == 8 && !memcmp(vector, "CVSS:3.1", 8))
			out->version = MDSEC_CVSS_V3_1;
		else if (pl == 8 && !memcmp(vector, "CVSS:4.0", 8))
			out->version = MDSEC_CVSS_V4_0;
		else {
			memcpy(prefix, vector, pl);
			prefix[pl] = '\0';
			return diag_error(dl, col_at(&ps, 0),
					  "unsupported version '%s' (expected "
					  "CVSS:3.0, CVSS:3.1 or CVSS:4.0, or "
					  "a v2 vector without prefix)",
					  prefix);
		}
		pos = pl + 1;
	} else {
		out->version = MDSEC_CVSS_V2;
	}
	sp = spec_of(out->version);
	while (pos <= len) {
		const char *slash = memchr(vector + pos, '/', len - pos);

		end = slash ? (size_t)(slash - vector) : len;
		parse_component(out, sp, &ps, vector + pos, end - pos, pos,
				&last, first_off);
		pos = end + 1;
	}
	for (i = 0; i < sp->nmetrics; i++)
		if (sp->metrics[i].group == CVSS_BASE && !ps.named[i])
			problem(&ps, false, len,
				"missing base metric '%s' (expected every "
				"base metric of %s)",
				sp->metrics[i].name, sp->label);
	return ps.error;
}

/* Append str at buf[*len], truncating like snprintf; *len counts all. */
static void put(char *buf, size_t size, size_t *len, const char *str)
{
	size_t n = strlen(str);

	if (*len + 1 < size) {
		size_t room = size - 1 - *len;

		memcpy(buf + *len, str, n < room ? n : room);
		buf[*len + (n < room ? n : room)] = '\0';
	}
	*len += n;
}

int mdsec_cvss_format(char *buf, size_t size, const struct mdsec_cvss *c)
{
	const struct cvss_spec *sp = spec_of(c->version);
	size_t len = 0;
	int i;

	if (size)
		buf[0] = '\0';
	if (c->version != MDSEC_CVSS_V2) {
		put(buf, size, &len, "CVSS:");
		put(buf, size, &len, mdsec_cvss_version_name(c->version));
	}
	for (i = 0; i < sp->nmetrics; i++) {
		if (!c->value[i])
			continue;
		if (len)
			put(buf, size, &len, "/");
		put(buf, size, &len, sp->metrics[i].name);
		put(buf, size, &len, ":");
		put(buf, size, &len, sp->metrics[i].values[c->value[i] - 1]);
	}
	return (int)len;
}

void mdsec_cvss_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out)
{
	if (c->version == MDSEC_CVSS_V2)
		cvss2_score(c, out);
	else if (c->version == MDSEC_CVSS_V4_0)
		cvss4_score(c, out);
	else
		cvss3_score(c, out);
}
