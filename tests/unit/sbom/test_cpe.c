/* SPDX-License-Identifier: Apache-2.0
 *
 * test_cpe.c - CPE 2.3 naming and name matching (src/sbom/cpe.c) against
 * real NVD data and the examples of NIST IR 7695 and 7696:
 *   - every cpeName of the first NVD CPE API page (tests/data/cpe, 10,000
 *     names, 1,128 deprecated) unbinds and binds back byte for byte, and
 *     survives URI binding and the WFN notation unchanged;
 *   - every match criterion of an NVD match-criteria response matches each
 *     of the concrete names NVD lists for it;
 *   - the tables bind.tsv (binding / unbinding), attr.tsv (table 6-2 and
 *     wildcards), names.tsv (name relations) and errors.tsv (exact message
 *     and column of each refusal), each row counted so that a truncated or
 *     missing file fails;
 *   - bytes a TSV cannot hold, the accessors, and allocation failures.
 * A failing row is reported as file:line with what was expected and got.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mdsec/cpe.h"
#include "base/xalloc.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/cpe/"

/* ---- helpers ---- */

static int parse_any(const char *s, struct mdsec_cpe *c, char *err,
		     unsigned *col)
{
	if (!strncmp(s, "wfn:[", 5))
		return mdsec_cpe_parse_wfn(s, c, err, MDSEC_CPE_ERR_MAX, col);
	return mdsec_cpe_parse(s, c, err, MDSEC_CPE_ERR_MAX, col);
}

/* Exactly the same WFN: same logical values, same string bytes. */
static bool same_wfn(const struct mdsec_cpe *x, const struct mdsec_cpe *y)
{
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		const char *p = x->v[a], *q = y->v[a];

		if (!p || !q) {
			if (p != q)
				return false;
		} else if ((p == MDSEC_CPE_NA_VALUE) !=
				   (q == MDSEC_CPE_NA_VALUE) ||
			   strcmp(p, q) != 0) {
			return false;
		}
	}
	return true;
}

/* The same WFN but for ASCII case (what URI unbinding changes). */
static bool same_wfn_ci(const struct mdsec_cpe *x, const struct mdsec_cpe *y)
{
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++) {
		const char *p = x->v[a], *q = y->v[a];

		if (!p || !q) {
			if (p != q)
				return false;
		} else if ((p == MDSEC_CPE_NA_VALUE) !=
				   (q == MDSEC_CPE_NA_VALUE) ||
			   strcasecmp(p, q) != 0) {
			return false;
		}
	}
	return true;
}

static bool all_any(const struct mdsec_cpe *c)
{
	int a;

	for (a = 0; a < MDSEC_CPE_NATTRS; a++)
		if (c->v[a])
			return false;
	return c->buf == NULL;
}

/* Rows of a TSV file: callback per data line, split into at most 8
 * fields; returns the number of failures; *nrows counts the rows. */
typedef int (*row_fn)(const char *where, char **f, int nf);

static int each_row(const char *name, row_fn fn, size_t *nrows)
{
	char path[4096], line[8192], where[4200];
	char *f[8], *p;
	FILE *fp;
	unsigned lineno = 0;
	int failures = 0, nf;

	snprintf(path, sizeof(path), DATA "%s", name);
	fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (nf = 0, p = line; p && nf < 8; nf++) {
			f[nf] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		snprintf(where, sizeof(where), "%s:%u", path, lineno);
		(*nrows)++;
		failures += fn(where, f, nf);
	}
	fclose(fp);
	return failures;
}

static json_t *load_json(const char *name)
{
	json_error_t je;
	json_t *root = json_load_file(name, 0, &je);

	if (!root)
		fprintf(stderr, "%s:%d: %s\n", name, je.line, je.text);
	return root;
}

/* ---- NVD dictionary ---- */

static int check_dictionary_name(const char *name)
{
	struct mdsec_cpe c, again, fromuri, fromwfn;
	char err[MDSEC_CPE_ERR_MAX], *fs = NULL, *uri = NULL, *wfn = NULL;
	char *fs2 = NULL;
	unsigned col;
	int bad = 0;

	if (mdsec_cpe_parse(name, &c, err, sizeof(err), &col) != 0) {
		fprintf(stderr, "%s: col %u: %s\n", name, col, err);
		return 1;
	}
	fs = mdsec_cpe_to_fs(&c);
	uri = mdsec_cpe_to_uri(&c);
	wfn = mdsec_cpe_to_wfn(&c);
	if (!fs || strcmp(fs, name) != 0) {
		fprintf(stderr, "%s: binds back to %s\n", name, fs);
		bad++;
	}
	if (mdsec_cpe_parse(fs, &again, err, sizeof(err), &col) != 0 ||
	    !same_wfn(&c, &again)) {
		fprintf(stderr, "%s: FS %s unbinds differently\n", name, fs);
		bad++;
	}
	/* the dictionary is lower case, so URI unbinding (which lower-cases)
	 * must give the very same WFN and formatted string */
	if (mdsec_cpe_parse(uri, &fromuri, err, sizeof(err), &col) != 0 ||
	    !same_wfn(&c, &fromuri)) {
		fprintf(stderr, "%s: URI %s unbinds differently (%s)\n", name,
			uri, err);
		bad++;
	} else {
		fs2 = mdsec_cpe_to_fs(&fromuri);
		if (!fs2 || strcmp(fs2, name) != 0) {
			fprintf(stderr, "%s: via URI %s gives %s\n", name, uri,
				fs2);
			bad++;
		}
	}
	if (mdsec_cpe_parse_wfn(wfn, &fromwfn, err, sizeof(err), &col) != 0 ||
	    !same_wfn(&c, &fromwfn)) {
		fprintf(stderr, "%s: WFN %s reads differently (%s)\n", name,
			wfn, err);
		bad++;
	}
	if (mdsec_cpe_compare(&c, &fromuri) != MDSEC_CPE_EQUAL ||
	    !mdsec_cpe_matches(&c, &c)) {
		fprintf(stderr, "%s: not EQUAL to itself\n", name);
		bad++;
	}
	free(fs);
	free(fs2);
	free(uri);
	free(wfn);
	mdsec_cpe_release(&c);
	mdsec_cpe_release(&again);
	mdsec_cpe_release(&fromuri);
	mdsec_cpe_release(&fromwfn);
	return bad;
}

static void nvd_dictionary_names_bind_back_byte_for_byte(void **state)
{
	json_t *root = load_json(DATA "nvd-go_cpes-first10000.json");
	json_t *products, *item;
	size_t i, n = 0, deprecated = 0, parts[3] = { 0, 0, 0 };
	int failures = 0;

	(void)state;
	assert_non_null(root);
	products = json_object_get(root, "products");
	assert_true(json_is_array(products));
	json_array_foreach(products, i, item)
	{
		json_t *cpe = json_object_get(item, "cpe");
		const char *name =
			json_string_value(json_object_get(cpe, "cpeName"));

		assert_non_null(name);
		n++;
		if (json_is_true(json_object_get(cpe, "deprecated")))
			deprecated++;
		parts[name[8] == 'a' ? 0 : name[8] == 'o' ? 1 : 2]++;
		failures += check_dictionary_name(name);
	}
	json_decref(root);
	assert_int_equal(failures, 0);
	assert_int_equal(n, 10000);
	assert_int_equal(deprecated, 1128);
	assert_int_equal(parts[0], 5410);
	assert_int_equal(parts[1], 3207);
	assert_int_equal(parts[2], 1383);
}

/* ---- NVD match criteria ---- */

/* Dotted numeric versions ("16.13.0"): <0, 0, >0. */
static int vercmp(const char *x, const char *y)
{
	while (*x || *y) {
		long a = strtol(x, (char **)&x, 10);
		long b = strtol(y, (char **)&y, 10);

		if (a != b)
			return a < b ? -1 : 1;
		if (*x == '.')
			x++;
		if (*y == '.')
			y++;
	}
	return 0;
}

/* Whether version v lies in the range NVD gives the criterion m. */
static bool in_range(json_t *m, const char *v)
{
	const char *si =
		json_string_value(json_object_get(m, "versionStartIncluding"));
	const char *ei =
		json_string_value(json_object_get(m, "versionEndIncluding"));
	const char *ee =
		json_string_value(json_object_get(m, "versionEndExcluding"));

	if (si && vercmp(v, si) < 0)
		return false;
	if (ei && vercmp(v, ei) > 0)
		return false;
	return !(ee && vercmp(v, ee) >= 0);
}

/*
 * NVD expands each criterion to the dictionary names it covers. A criterion
 * with version "*" plus a versionStart / versionEnd range is, for IR 7696,
 * the name with version ANY: plain CPE matching is necessary for every
 * listed name (and holds: the criterion is a SUPERSET of each, or EQUAL),
 * and the range is the further, NVD-specific condition that plain matching
 * cannot express. So the plain matching also accepts names of a sibling
 * criterion with the same sw_edition; those must then lie outside this
 * criterion's range, which is what the NVD range adds.
 */
static void nvd_match_criteria_match_their_listed_names(void **state)
{
	json_t *root = load_json(DATA "nvd-go_cpematch-CVE-2022-32223.json");
	json_t *ms, *m, *n, *matches[8];
	struct mdsec_cpe crit[8], names[8][32];
	size_t i, j, k, l, nc = 0, nn[8], own = 0, cross = 0, none = 0;
	char err[MDSEC_CPE_ERR_MAX];
	unsigned col;
	int failures = 0;

	(void)state;
	assert_non_null(root);
	ms = json_object_get(root, "matchStrings");
	assert_int_equal(json_array_size(ms), 6);
	json_array_foreach(ms, i, m)
	{
		json_t *mm = json_object_get(m, "matchString");
		const char *c =
			json_string_value(json_object_get(mm, "criteria"));

		assert_non_null(c);
		assert_int_equal(
			mdsec_cpe_parse(c, &crit[i], err, sizeof(err), &col),
			0);
		matches[i] = mm;
		nn[i] = 0;
		json_array_foreach(json_object_get(mm, "matches"), j, n)
		{
			const char *name = json_string_value(
				json_object_get(n, "cpeName"));

			assert_true(j < 32);
			assert_int_equal(mdsec_cpe_parse(name, &names[i][j],
							 err, sizeof(err),
							 &col),
					 0);
			nn[i]++;
		}
		nc++;
	}
	for (i = 0; i < nc; i++) {
		for (k = 0; k < nc; k++) {
			for (l = 0; l < nn[k]; l++) {
				bool hit = mdsec_cpe_matches(&crit[i],
							     &names[k][l]);
				char ver[64];

				mdsec_cpe_attr_get(&names[k][l],
						   MDSEC_CPE_VERSION, ver,
						   sizeof(ver));
				if (i == k) {
					enum mdsec_cpe_rel r =
						mdsec_cpe_compare(&crit[i],
								  &names[k][l]);

					own++;
					if (!hit ||
					    (r != MDSEC_CPE_SUPERSET &&
					     r != MDSEC_CPE_EQUAL) ||
					    (!strcmp(ver, "-")
						     ? false
						     : !in_range(matches[i],
								 ver))) {
						fprintf(stderr,
							"criterion %zu does "
							"not match its name "
							"%zu (%s)\n",
							i, l,
							mdsec_cpe_rel_name(r));
						failures++;
					}
				} else if (hit) {
					cross++;
					if (in_range(matches[i], ver)) {
						fprintf(stderr,
							"criterion %zu: %s of "
							"criterion %zu in "
							"range\n",
							i, ver, k);
						failures++;
					}
				} else {
					none++;
				}
			}
		}
	}
	for (i = 0; i < nc; i++) {
		mdsec_cpe_release(&crit[i]);
		for (l = 0; l < nn[i]; l++)
			mdsec_cpe_release(&names[i][l]);
	}
	json_decref(root);
	assert_int_equal(failures, 0);
	/* 3 + 8 + 17 + 19 + 24 + 5 listed names */
	assert_int_equal(own, 76);
	/* lts: 8 + 24 names of the sibling; "-": 24 + 22 + 36 */
	assert_int_equal(cross, 114);
	assert_int_equal(none, 6 * 76 - 76 - 114);
}

/* ---- IR 7695 binding table ---- */

static int bind_row(const char *where, char **f, int nf)
{
	struct mdsec_cpe in, want, fromfs, fromuri;
	char err[MDSEC_CPE_ERR_MAX], *fs = NULL, *uri = NULL;
	unsigned col;
	int bad = 0;

	if (nf != 4) {
		fprintf(stderr, "%s: malformed row\n", where);
		return 1;
	}
	if (parse_any(f[0], &in, err, &col) != 0) {
		fprintf(stderr, "%s: %s: col %u: %s\n", where, f[0], col, err);
		return 1;
	}
	if (mdsec_cpe_parse_wfn(f[1], &want, err, sizeof(err), &col) != 0) {
		fprintf(stderr, "%s: expected WFN: col %u: %s\n", where, col,
			err);
		mdsec_cpe_release(&in);
		return 1;
	}
	if (!same_wfn(&in, &want)) {
		char *got = mdsec_cpe_to_wfn(&in);

		fprintf(stderr, "%s: unbinds to %s\n", where, got);
		free(got);
		bad++;
	}
	fs = mdsec_cpe_to_fs(&want);
	uri = mdsec_cpe_to_uri(&want);
	if (strcmp(fs, f[2]) != 0) {
		fprintf(stderr, "%s: FS %s (expected %s)\n", where, fs, f[2]);
		bad++;
	}
	if (strcmp(uri, f[3]) != 0) {
		fprintf(stderr, "%s: URI %s (expected %s)\n", where, uri, f[3]);
		bad++;
	}
	if (mdsec_cpe_parse(f[2], &fromfs, err, sizeof(err), &col) != 0 ||
	    !same_wfn(&fromfs, &want)) {
		fprintf(stderr, "%s: FS column unbinds differently\n", where);
		bad++;
	}
	if (mdsec_cpe_parse(f[3], &fromuri, err, sizeof(err), &col) != 0 ||
	    !same_wfn_ci(&fromuri, &want)) {
		fprintf(stderr, "%s: URI column unbinds differently\n", where);
		bad++;
	}
	free(fs);
	free(uri);
	mdsec_cpe_release(&in);
	mdsec_cpe_release(&want);
	mdsec_cpe_release(&fromfs);
	mdsec_cpe_release(&fromuri);
	return bad;
}

static void ir7695_examples_bind_and_unbind(void **state)
{
	size_t n = 0;

	(void)state;
	assert_int_equal(each_row("bind.tsv", bind_row, &n), 0);
	assert_int_equal(n, 35);
}

/* ---- IR 7696 tables ---- */

static enum mdsec_cpe_rel rel_of(const char *s)
{
	int r;

	for (r = MDSEC_CPE_DISJOINT; r <= MDSEC_CPE_UNDEFINED; r++)
		if (!strcmp(s, mdsec_cpe_rel_name((enum mdsec_cpe_rel)r)))
			return (enum mdsec_cpe_rel)r;
	return (enum mdsec_cpe_rel) - 1;
}

static int attr_row(const char *where, char **f, int nf)
{
	struct mdsec_cpe s, t;
	char buf[512], err[MDSEC_CPE_ERR_MAX];
	enum mdsec_cpe_rel got, want;
	unsigned col;
	int a, bad = 0;

	if (nf != 4 || (int)(want = rel_of(f[3])) < 0) {
		fprintf(stderr, "%s: malformed row\n", where);
		return 1;
	}
	/* the same value pair, tried in every attribute but part and
	 * language (which take only a, h, o and language tags) */
	for (a = MDSEC_CPE_VENDOR; a < MDSEC_CPE_NATTRS; a++) {
		if (a == MDSEC_CPE_LANGUAGE)
			continue;
		snprintf(buf, sizeof(buf), "wfn:[%s=%s]",
			 mdsec_cpe_attr_name((enum mdsec_cpe_attr)a), f[1]);
		if (mdsec_cpe_parse_wfn(buf, &s, err, sizeof(err), &col)) {
			fprintf(stderr, "%s: source: %s\n", where, err);
			return 1;
		}
		snprintf(buf, sizeof(buf), "wfn:[%s=%s]",
			 mdsec_cpe_attr_name((enum mdsec_cpe_attr)a), f[2]);
		if (mdsec_cpe_parse_wfn(buf, &t, err, sizeof(err), &col)) {
			fprintf(stderr, "%s: target: %s\n", where, err);
			mdsec_cpe_release(&s);
			return 1;
		}
		got = mdsec_cpe_compare_attr(&s, &t, (enum mdsec_cpe_attr)a);
		if (got != want) {
			fprintf(stderr, "%s: row %s %s: %s (expected %s)\n",
				where, f[0], buf, mdsec_cpe_rel_name(got),
				f[3]);
			bad++;
		}
		/* every other attribute is ANY/ANY, EQUAL: the names relate
		 * as the attribute does */
		if (mdsec_cpe_compare(&s, &t) != want) {
			fprintf(stderr, "%s: row %s: name relation %s\n", where,
				f[0],
				mdsec_cpe_rel_name(mdsec_cpe_compare(&s, &t)));
			bad++;
		}
		mdsec_cpe_release(&s);
		mdsec_cpe_release(&t);
	}
	return bad;
}

static void ir7696_attribute_comparison_table(void **state)
{
	size_t n = 0;

	(void)state;
	assert_int_equal(each_row("attr.tsv", attr_row, &n), 0);
	assert_int_equal(n, 45);
}

static int name_row(const char *where, char **f, int nf)
{
	struct mdsec_cpe s, t;
	char err[MDSEC_CPE_ERR_MAX];
	enum mdsec_cpe_rel got, want;
	bool disjoint, equal, subset, superset;
	unsigned col;
	int bad = 0;

	if (nf != 3 || (int)(want = rel_of(f[2])) < 0) {
		fprintf(stderr, "%s: malformed row\n", where);
		return 1;
	}
	if (parse_any(f[0], &s, err, &col) || parse_any(f[1], &t, err, &col)) {
		fprintf(stderr, "%s: col %u: %s\n", where, col, err);
		mdsec_cpe_release(&s);
		return 1;
	}
	got = mdsec_cpe_compare(&s, &t);
	/* the four functions of IR 7696 6.2, from the one relation */
	disjoint = got == MDSEC_CPE_DISJOINT;
	equal = got == MDSEC_CPE_EQUAL;
	subset = equal || got == MDSEC_CPE_SUBSET;
	superset = equal || got == MDSEC_CPE_SUPERSET;
	if (got != want || superset != mdsec_cpe_matches(&s, &t)) {
		fprintf(stderr, "%s: %s (expected %s)\n", where,
			mdsec_cpe_rel_name(got), f[2]);
		bad++;
	}
	/* reversed, SUBSET and SUPERSET swap; DISJOINT and EQUAL stay
	 * (unless a wildcard makes one direction UNDEFINED) */
	got = mdsec_cpe_compare(&t, &s);
	if ((want == MDSEC_CPE_SUBSET && got != MDSEC_CPE_SUPERSET) ||
	    (want == MDSEC_CPE_EQUAL && got != MDSEC_CPE_EQUAL) ||
	    (disjoint && got != MDSEC_CPE_DISJOINT &&
	     got != MDSEC_CPE_UNDEFINED) ||
	    (subset && !equal && mdsec_cpe_matches(&s, &t))) {
		fprintf(stderr, "%s: reversed: %s\n", where,
			mdsec_cpe_rel_name(got));
		bad++;
	}
	mdsec_cpe_release(&s);
	mdsec_cpe_release(&t);
	return bad;
}

static void ir7696_name_comparison_table(void **state)
{
	size_t n = 0;

	(void)state;
	assert_int_equal(each_row("names.tsv", name_row, &n), 0);
	assert_int_equal(n, 17);
}

/* ---- refusals ---- */

static int check_error(const char *where, const char *in, unsigned want_col,
		       const char *want_msg)
{
	struct mdsec_cpe c;
	char err[MDSEC_CPE_ERR_MAX];
	unsigned col = 12345;
	int ret = parse_any(in, &c, err, &col);

	if (ret != MDSEC_EINPUT || col != want_col || strcmp(err, want_msg) ||
	    !all_any(&c)) {
		fprintf(stderr,
			"%s: %s\n  got %d col %u: %s\n  expected col %u: %s\n",
			where, in, ret, col, ret ? err : "(accepted)", want_col,
			want_msg);
		mdsec_cpe_release(&c);
		return 1;
	}
	return 0;
}

static int error_row(const char *where, char **f, int nf)
{
	if (nf != 3) {
		fprintf(stderr, "%s: malformed row\n", where);
		return 1;
	}
	return check_error(where, f[0], (unsigned)strtoul(f[1], NULL, 10),
			   f[2]);
}

static void error_table_gives_exact_messages_and_columns(void **state)
{
	size_t n = 0;

	(void)state;
	assert_int_equal(each_row("errors.tsv", error_row, &n), 0);
	assert_int_equal(n, 62);
}

static void bytes_and_lengths_are_refused_with_their_column(void **state)
{
	static const char bad_byte[] =
		"expected printable ASCII without spaces)";
	char big[MDSEC_CPE_MAX_LEN + 64], msg[128];
	struct mdsec_cpe c;
	size_t i;
	int failures = 0;

	(void)state;
	snprintf(msg, sizeof(msg), "bad byte 0x09 (%s", bad_byte);
	failures +=
		check_error("tab", "cpe:2.3:a:v\tx:p:*:*:*:*:*:*:*:*", 12, msg);
	failures += check_error("tab/uri", "cpe:/a:v\tx", 9, msg);
	failures += check_error("tab/wfn", "wfn:[part=\"a\",\tvendor=\"x\"]",
				15, msg);
	snprintf(msg, sizeof(msg), "bad byte 0x01 (%s", bad_byte);
	failures +=
		check_error("soh", "\001cpe:2.3:a:v:p:*:*:*:*:*:*:*:*", 1, msg);
	snprintf(msg, sizeof(msg), "bad byte 0xc3 (%s", bad_byte);
	failures += check_error(
		"utf8", "cpe:2.3:a:caf\xc3\xa9:p:*:*:*:*:*:*:*:*", 14, msg);
	snprintf(msg, sizeof(msg), "bad byte 0x7f (%s", bad_byte);
	failures +=
		check_error("del", "cpe:2.3:a:v:p:\x7f:*:*:*:*:*:*:*", 15, msg);
	snprintf(msg, sizeof(msg), "bad byte 0x0a (%s", bad_byte);
	failures += check_error("newline", "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*\n",
				30, msg);
	failures += check_error("empty", "", 1,
				"missing 'cpe:' prefix (expected 'cpe:2.3:' "
				"or 'cpe:/')");

	/* exactly MDSEC_CPE_MAX_LEN bytes parse; one more does not */
	memcpy(big, "cpe:2.3:a:v:", 12);
	for (i = 12; i < MDSEC_CPE_MAX_LEN - 16; i++)
		big[i] = 'x';
	memcpy(big + i, ":*:*:*:*:*:*:*:*", 17);
	assert_int_equal(strlen(big), MDSEC_CPE_MAX_LEN);
	assert_int_equal(mdsec_cpe_parse(big, &c, NULL, 0, NULL), 0);
	assert_int_equal(strlen(c.v[MDSEC_CPE_PRODUCT]),
			 MDSEC_CPE_MAX_LEN - 28);
	mdsec_cpe_release(&c);
	memmove(big + 13, big + 12, MDSEC_CPE_MAX_LEN - 11);
	big[12] = 'x';
	snprintf(msg, sizeof(msg),
		 "name longer than %d bytes (expected at most %d)",
		 MDSEC_CPE_MAX_LEN, MDSEC_CPE_MAX_LEN);
	failures += check_error("overlong", big, MDSEC_CPE_MAX_LEN + 1, msg);
	/* the longest value quotes to twice its length and still fits */
	memcpy(big, "cpe:2.3:a:v:", 12);
	for (i = 12; i < MDSEC_CPE_MAX_LEN - 16; i++)
		big[i] = '.';
	memcpy(big + i, ":*:*:*:*:*:*:*:*", 17);
	assert_int_equal(mdsec_cpe_parse(big, &c, NULL, 0, NULL), 0);
	assert_int_equal(strlen(c.v[MDSEC_CPE_PRODUCT]),
			 2 * (MDSEC_CPE_MAX_LEN - 28));
	mdsec_cpe_release(&c);
	assert_int_equal(failures, 0);
}

/* ---- the rest of the API ---- */

static void accessors_set_copy_and_display(void **state)
{
	struct mdsec_cpe c = MDSEC_CPE_INIT, d, e;
	char buf[64], err[MDSEC_CPE_ERR_MAX], *s;
	unsigned col = 7;

	(void)state;
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_PART, "a", err, sizeof(err)), 0);
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_VENDOR, "arm", err, sizeof(err)),
		0);
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_PRODUCT, "mbed_tls", err,
				       sizeof(err)),
			 0);
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_VERSION, "2\\.16\\.0", err,
				       sizeof(err)),
			 0);
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_UPDATE, MDSEC_CPE_NA_VALUE,
				       err, sizeof(err)),
			 0);
	assert_string_equal(err, "");
	s = mdsec_cpe_to_fs(&c);
	assert_string_equal(s, "cpe:2.3:a:arm:mbed_tls:2.16.0:-:*:*:*:*:*:*");
	free(s);
	s = mdsec_cpe_to_wfn(&c);
	assert_string_equal(s, "wfn:[part=\"a\",vendor=\"arm\",product="
			       "\"mbed_tls\",version=\"2\\.16\\.0\",update=NA,"
			       "edition=ANY,language=ANY,sw_edition=ANY,"
			       "target_sw=ANY,target_hw=ANY,other=ANY]");
	free(s);

	assert_string_equal(
		mdsec_cpe_attr_get(&c, MDSEC_CPE_PRODUCT, buf, sizeof(buf)),
		"mbed_tls");
	assert_string_equal(
		mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, buf, sizeof(buf)),
		"2.16.0");
	assert_string_equal(
		mdsec_cpe_attr_get(&c, MDSEC_CPE_UPDATE, buf, sizeof(buf)),
		"-");
	assert_string_equal(
		mdsec_cpe_attr_get(&c, MDSEC_CPE_OTHER, buf, sizeof(buf)), "*");
	assert_null(mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, buf, 6));
	assert_non_null(mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, buf, 7));
	assert_null(mdsec_cpe_attr_get(&c, MDSEC_CPE_NATTRS, buf, 64));
	assert_true(c.v[MDSEC_CPE_UPDATE] == MDSEC_CPE_NA_VALUE);

	/* refusals leave the name as it was */
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_VENDOR, "foo.bar", err,
				       sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "unquoted '.' in vendor (expected '\\.')");
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_VENDOR, "*", err, sizeof(err)),
		MDSEC_EINPUT);
	assert_string_equal(err, "'*' alone in vendor (expected ANY)");
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_PART, "x", err, sizeof(err)),
		MDSEC_EINPUT);
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_LANGUAGE, "en\\-us", err,
				       sizeof(err)),
			 0);
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_LANGUAGE, NULL, err, sizeof(err)),
		0);
	assert_int_equal(
		mdsec_cpe_set(&c, MDSEC_CPE_NATTRS, "x", err, sizeof(err)),
		MDSEC_EUSAGE);
	assert_int_equal(mdsec_cpe_set(&c, MDSEC_CPE_VENDOR, "", NULL, 0),
			 MDSEC_EINPUT);
	assert_string_equal(c.v[MDSEC_CPE_VENDOR], "arm");

	assert_int_equal(mdsec_cpe_copy(&d, &c), 0);
	assert_true(same_wfn(&c, &d));
	assert_true(d.v[MDSEC_CPE_VENDOR] != c.v[MDSEC_CPE_VENDOR]);
	assert_int_equal(mdsec_cpe_copy(&d, &d), 0);
	assert_int_equal(mdsec_cpe_compare(&c, &d), MDSEC_CPE_EQUAL);

	/* exact attribute equality ignores case only */
	assert_int_equal(mdsec_cpe_parse("cpe:2.3:a:ARM:Mbed_TLS:*:*:*:*:*:*:"
					 "*:*",
					 &e, err, sizeof(err), &col),
			 0);
	assert_int_equal(col, 0);
	assert_true(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_VENDOR));
	assert_true(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_PRODUCT));
	assert_false(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_VERSION));
	assert_false(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_UPDATE));
	assert_true(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_OTHER));
	assert_false(mdsec_cpe_attr_equal(&c, &e, MDSEC_CPE_NATTRS));
	assert_true(mdsec_cpe_matches(&e, &c));
	assert_false(mdsec_cpe_matches(&c, &e));
	assert_int_equal(mdsec_cpe_compare_attr(&c, &e, MDSEC_CPE_NATTRS),
			 MDSEC_CPE_UNDEFINED);

	assert_string_equal(mdsec_cpe_attr_name(MDSEC_CPE_TARGET_SW),
			    "target_sw");
	assert_null(mdsec_cpe_attr_name(MDSEC_CPE_NATTRS));
	assert_string_equal(mdsec_cpe_rel_name(MDSEC_CPE_SUPERSET), "SUPERSET");

	assert_int_equal(mdsec_cpe_canonical("cpe:/a:foo%7ebar", &s, err,
					     sizeof(err), &col),
			 0);
	assert_string_equal(s, "cpe:2.3:a:foo\\~bar:*:*:*:*:*:*:*:*:*");
	free(s);
	assert_int_equal(
		mdsec_cpe_canonical("cpe:/a:b*c", &s, err, sizeof(err), &col),
		MDSEC_EINPUT);
	assert_null(s);
	assert_int_equal(col, 9);
	/* a short error buffer truncates; NULL ones are accepted */
	mdsec_cpe_release(&e);
	assert_int_equal(mdsec_cpe_parse("cpe:/a:b*c", &e, err, 8, NULL),
			 MDSEC_EINPUT);
	assert_string_equal(err, "bad cha");
	assert_int_equal(mdsec_cpe_parse(NULL, &e, NULL, 0, NULL),
			 MDSEC_EINPUT);

	mdsec_cpe_release(&c);
	mdsec_cpe_release(&d);
	mdsec_cpe_release(&e);
	mdsec_cpe_release(NULL);
	assert_true(all_any(&c));
}

/* Every allocation of every entry point may fail, cleanly. */
static void allocation_failures_are_reported_without_leaks(void **state)
{
	static const char *const inputs[] = {
		"cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:"
		"win2003:x64:*",
		"cpe:/"
		"a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
		"wfn:[part=\"a\",vendor=\"foo\\\\bar\",update=NA]",
	};
	char err[MDSEC_CPE_ERR_MAX], *s;
	struct mdsec_cpe c, d;
	unsigned long n;
	size_t i;
	int ret, failed = 0;

	(void)state;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		for (n = 1;; n++) {
			xalloc_fail_after(n);
			ret = parse_any(inputs[i], &c, err, NULL);
			if (ret == 0) {
				s = mdsec_cpe_to_fs(&c);
				free(s);
				s = mdsec_cpe_to_uri(&c);
				free(s);
				s = mdsec_cpe_to_wfn(&c);
				free(s);
				if (mdsec_cpe_copy(&d, &c) == 0)
					mdsec_cpe_release(&d);
				else
					assert_true(all_any(&d));
				ret = mdsec_cpe_set(&c, MDSEC_CPE_OTHER, "x",
						    err, sizeof(err));
				assert_true(ret == 0 || ret == MDSEC_ENOMEM);
				mdsec_cpe_release(&c);
			} else {
				assert_int_equal(ret, MDSEC_ENOMEM);
				assert_string_equal(err, "out of memory");
				assert_true(all_any(&c));
				failed++;
			}
			xalloc_fail_after(0);
			if (n > 10)
				break;
		}
		if (!strncmp(inputs[i], "wfn:[", 5))
			continue; /* canonical() reads the bindings only */
		xalloc_fail_after(1);
		ret = mdsec_cpe_canonical(inputs[i], &s, err, sizeof(err),
					  NULL);
		xalloc_fail_after(0);
		assert_int_equal(ret, MDSEC_ENOMEM);
		assert_null(s);
		xalloc_fail_after(2);
		ret = mdsec_cpe_canonical(inputs[i], &s, err, sizeof(err),
					  NULL);
		xalloc_fail_after(0);
		assert_int_equal(ret, MDSEC_ENOMEM);
		assert_null(s);
	}
	assert_int_equal(failed, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nvd_dictionary_names_bind_back_byte_for_byte),
		cmocka_unit_test(nvd_match_criteria_match_their_listed_names),
		cmocka_unit_test(ir7695_examples_bind_and_unbind),
		cmocka_unit_test(ir7696_attribute_comparison_table),
		cmocka_unit_test(ir7696_name_comparison_table),
		cmocka_unit_test(error_table_gives_exact_messages_and_columns),
		cmocka_unit_test(
			bytes_and_lengths_are_refused_with_their_column),
		cmocka_unit_test(accessors_set_copy_and_display),
		cmocka_unit_test(
			allocation_failures_are_reported_without_leaks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
