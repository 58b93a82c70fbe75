/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_cpe.c - libFuzzer target for CPE 2.3 names (src/sbom/cpe.c): any
 * bytes must unbind (as a formatted string or URI, and as the WFN
 * notation) or be refused with a message and a column inside the input,
 * never crash, hang or leak. Whatever unbinds must bind to a formatted
 * string, a URI and the WFN notation that unbind to the same WFN (the URI
 * but for letter case), binding again to the same strings; it must relate
 * to itself as EQUAL, or UNDEFINED when it holds a wildcard. An input with
 * a newline is also read as two names, source and target, whose relation
 * must agree with its reverse and with mdsec_cpe_matches().
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_cpe tests/fuzz/corpus/cpe
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mdsec/cpe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool has_wildcards(const struct mdsec_cpe *c)
{
	const char *v;
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		for (v = c->v[a]; v && v != MDSEC_CPE_NA_VALUE && *v; v++) {
			if (*v == '\\')
				v++;
			else if (*v == '*' || *v == '?')
				return true;
		}
	}
	return false;
}

static bool same(const struct mdsec_cpe *x, const struct mdsec_cpe *y,
		 bool nocase)
{
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		const char *p = x->v[a], *q = y->v[a];

		if (!p || !q || p == MDSEC_CPE_NA_VALUE ||
		    q == MDSEC_CPE_NA_VALUE) {
			if (p != q)
				return false;
		} else if (nocase ? strcasecmp(p, q) : strcmp(p, q)) {
			return false;
		}
	}
	return true;
}

/* Unbind the binding s of c again (when it fits the input cap). */
static void again(const struct mdsec_cpe *c, const char *s, bool wfn,
		  bool nocase, char *(*bind)(const struct mdsec_cpe *))
{
	char err[MDSEC_CPE_ERR_MAX], *s2;
	struct mdsec_cpe d;
	unsigned col;
	int ret;

	if (!s)
		abort();
	if (strlen(s) > MDSEC_CPE_MAX_LEN)
		return;
	ret = wfn ? mdsec_cpe_parse_wfn(s, &d, err, sizeof(err), &col)
		  : mdsec_cpe_parse(s, &d, err, sizeof(err), &col);
	if (ret != 0 || !same(c, &d, nocase))
		abort();
	s2 = bind(&d);
	if (!s2 || (nocase ? strcasecmp(s, s2) : strcmp(s, s2)))
		abort();
	free(s2);
	mdsec_cpe_release(&d);
}

static void check(const struct mdsec_cpe *c)
{
	char *fs = mdsec_cpe_to_fs(c), *uri = mdsec_cpe_to_uri(c);
	char *wfn = mdsec_cpe_to_wfn(c);
	char buf[2 * MDSEC_CPE_MAX_LEN + 2];
	enum mdsec_cpe_rel r = mdsec_cpe_compare(c, c);
	int a;

	again(c, fs, false, false, mdsec_cpe_to_fs);
	again(c, uri, false, true, mdsec_cpe_to_uri);
	again(c, wfn, true, false, mdsec_cpe_to_wfn);
	if (r != (has_wildcards(c) ? MDSEC_CPE_UNDEFINED : MDSEC_CPE_EQUAL) ||
	    mdsec_cpe_matches(c, c) != (r == MDSEC_CPE_EQUAL))
		abort();
	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		if (!mdsec_cpe_attr_get(c, (enum mdsec_cpe_attr)a, buf,
					sizeof(buf)) ||
		    !mdsec_cpe_attr_equal(c, c, (enum mdsec_cpe_attr)a))
			abort();
	free(fs);
	free(uri);
	free(wfn);
}

/* Parse s both ways; 1 when one of them gave a name in *c. */
static int parse(const char *s, struct mdsec_cpe *c)
{
	char err[MDSEC_CPE_ERR_MAX];
	unsigned col;
	int mode, ret, ok = 0;

	for (mode = 0; mode < 2; mode++) {
		struct mdsec_cpe tmp;

		ret = mode ? mdsec_cpe_parse_wfn(s, &tmp, err, sizeof(err),
						 &col)
			   : mdsec_cpe_parse(s, &tmp, err, sizeof(err), &col);
		if (ret == MDSEC_EINPUT) {
			if (!err[0] || col == 0 ||
			    col > strnlen(s, MDSEC_CPE_MAX_LEN) + 1 ||
			    tmp.buf || tmp.v[MDSEC_CPE_PART])
				abort();
			continue;
		}
		if (ret != 0 || err[0] || col != 0)
			abort();
		check(&tmp);
		if (!ok) {
			*c = tmp;
			ok = 1;
		} else {
			mdsec_cpe_release(&tmp);
		}
	}
	return ok;
}

static void relate(const struct mdsec_cpe *s, const struct mdsec_cpe *t)
{
	enum mdsec_cpe_rel r = mdsec_cpe_compare(s, t);
	enum mdsec_cpe_rel back = mdsec_cpe_compare(t, s);
	bool m = mdsec_cpe_matches(s, t);

	if (m != (r == MDSEC_CPE_EQUAL || r == MDSEC_CPE_SUPERSET))
		abort();
	if (has_wildcards(s) || has_wildcards(t))
		return;
	if ((r == MDSEC_CPE_SUPERSET && back != MDSEC_CPE_SUBSET) ||
	    (r == MDSEC_CPE_SUBSET && back != MDSEC_CPE_SUPERSET) ||
	    (r == MDSEC_CPE_EQUAL && back != MDSEC_CPE_EQUAL) ||
	    (r == MDSEC_CPE_DISJOINT && back != MDSEC_CPE_DISJOINT) ||
	    (r == MDSEC_CPE_UNDEFINED && back != MDSEC_CPE_UNDEFINED))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *nl;
	struct mdsec_cpe c, src, tgt;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (parse(s, &c))
		mdsec_cpe_release(&c);
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		if (parse(s, &src)) {
			if (parse(nl + 1, &tgt)) {
				relate(&src, &tgt);
				mdsec_cpe_release(&tgt);
			}
			mdsec_cpe_release(&src);
		}
	}
	free(s);
	return 0;
}
