/* SPDX-License-Identifier: Apache-2.0
 *
 * test_version.c - version comparison per scheme (src/vuln/version.c).
 * Every row of tests/data/vuln/versions.tsv (scheme, a, b, expected sign:
 * the specifications' own examples, rpm's and dpkg's test cases, real
 * version strings) compares as expected, and its reverse as the opposite;
 * the versions of each scheme sort into an order every pair agrees with
 * (transitivity on real data). Every curl CVE of tests/data/vuln/curl
 * becomes range checks. A failing row is reported as file:line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/version.h"

#define TABLE_ROWS 333 /* rows of versions.tsv: a truncated table fails */
#define CURL_CVES  206 /* CVEs of curl-vulnerabilities.tsv */
#define MAX_VERS   1024

static FILE *open_data(const char *name, char *path, size_t n)
{
	FILE *fp;

	snprintf(path, n, "%s/tests/data/vuln/%s", MDSEC_TEST_SRCDIR, name);
	fp = fopen(path, "r");
	if (!fp)
		fprintf(stderr, "%s: cannot open\n", path);
	return fp;
}

/* Split line into at most n tab-separated fields; the number found. */
static int split(char *line, char **f, int n)
{
	int i = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (i < n) {
		f[i++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	return i;
}

/* "version|update" (the "update" pseudo-scheme of the table). */
static int cmp_update(const char *a, const char *b)
{
	char x[256], y[256], *ux, *uy;

	snprintf(x, sizeof(x), "%s", a);
	snprintf(y, sizeof(y), "%s", b);
	ux = strchr(x, '|');
	uy = strchr(y, '|');
	if (ux)
		*ux++ = '\0';
	if (uy)
		*uy++ = '\0';
	return mdsec_version_cmp_update(x, ux, y, uy);
}

struct vset {
	char *v[MAX_VERS];
	size_t n;
};

static void vset_add(struct vset *s, const char *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], v))
			return;
	if (s->n < MAX_VERS)
		s->v[s->n++] = strdup(v);
}

static void vset_free(struct vset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	s->n = 0;
}

static enum mdsec_version_scheme sort_scheme;

static int by_version(const void *a, const void *b)
{
	return mdsec_version_cmp(sort_scheme, *(char *const *)a,
				 *(char *const *)b);
}

/* Sort the set, then every pair must agree with the order found. */
static int check_total_order(enum mdsec_version_scheme s, struct vset *vs)
{
	size_t i, j;
	int failures = 0, c;

	sort_scheme = s;
	qsort(vs->v, vs->n, sizeof(vs->v[0]), by_version);
	for (i = 0; i < vs->n; i++) {
		for (j = i + 1; j < vs->n; j++) {
			c = mdsec_version_cmp(s, vs->v[i], vs->v[j]);
			if (c > 0 ||
			    c != -mdsec_version_cmp(s, vs->v[j], vs->v[i])) {
				fprintf(stderr, "%s: '%s' '%s' out of order\n",
					mdsec_version_scheme_name(s), vs->v[i],
					vs->v[j]);
				failures++;
			}
		}
	}
	return failures;
}

static void test_every_row_of_the_table_compares_as_expected(void **state)
{
	char path[4096], line[1024], *f[5];
	struct vset sets[MDSEC_VER_NSCHEMES];
	enum mdsec_version_scheme s;
	unsigned lineno = 0;
	int failures = 0, exp, got, back, k;
	size_t rows = 0;
	bool upd;
	FILE *fp;

	(void)state;
	memset(sets, 0, sizeof(sets));
	fp = open_data("versions.tsv", path, sizeof(path));
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (lineno == 1)
			continue;
		if (split(line, f, 5) != 5) {
			fprintf(stderr, "%s:%u: malformed row\n", path, lineno);
			failures++;
			continue;
		}
		rows++;
		exp = (int)strtol(f[3], NULL, 10);
		upd = !strcmp(f[0], "update");
		if (!upd && mdsec_version_scheme_from_name(f[0], &s) != 0) {
			fprintf(stderr, "%s:%u: unknown scheme '%s'\n", path,
				lineno, f[0]);
			failures++;
			continue;
		}
		got = upd ? cmp_update(f[1], f[2])
			  : mdsec_version_cmp(s, f[1], f[2]);
		back = upd ? cmp_update(f[2], f[1])
			   : mdsec_version_cmp(s, f[2], f[1]);
		if (got != exp || back != -exp) {
			fprintf(stderr,
				"%s:%u: %s '%s' vs '%s': expected %d, got %d "
				"(reversed %d)\n",
				path, lineno, f[0], f[1], f[2], exp, got, back);
			failures++;
		}
		if (!upd) {
			vset_add(&sets[s], f[1]);
			vset_add(&sets[s], f[2]);
		}
	}
	fclose(fp);
	for (k = 0; k < MDSEC_VER_NSCHEMES; k++) {
		failures += check_total_order((enum mdsec_version_scheme)k,
					      &sets[k]);
		vset_free(&sets[k]);
	}
	assert_int_equal(failures, 0);
	assert_true(rows >= 200);
	assert_int_equal(rows, TABLE_ROWS);
}

/* The nearest version of vs strictly below (dir < 0) or above v. */
static const char *neighbour(const struct vset *vs, const char *v, int dir)
{
	const char *best = NULL;
	size_t i;
	int c;

	for (i = 0; i < vs->n; i++) {
		c = mdsec_version_cmp(MDSEC_VER_GENERIC, vs->v[i], v);
		if (c == 0 || (c < 0) != (dir < 0))
			continue;
		if (!best || mdsec_version_cmp(MDSEC_VER_GENERIC, vs->v[i],
					       best) == (dir < 0 ? 1 : -1))
			best = vs->v[i];
	}
	return best;
}

static void test_every_curl_cve_range_holds_its_versions(void **state)
{
	char path[4096], line[1024], *f[14];
	static char first[CURL_CVES + 8][32], last[CURL_CVES + 8][32];
	static char cve[CURL_CVES + 8][32];
	struct vset vs = { { NULL }, 0 };
	const char *g = NULL;
	size_t n = 0, i, outside = 0;
	unsigned lineno = 0;
	int failures = 0;
	FILE *fp;

	(void)state;
	fp = open_data("curl/curl-vulnerabilities.tsv", path, sizeof(path));
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		if (lineno == 1)
			continue;
		if (split(line, f, 14) < 5 || n >= CURL_CVES + 8) {
			fprintf(stderr, "%s:%u: malformed row\n", path, lineno);
			failures++;
			continue;
		}
		snprintf(first[n], sizeof(first[n]), "%s", f[1]);
		snprintf(last[n], sizeof(last[n]), "%s", f[2]);
		snprintf(cve[n], sizeof(cve[n]), "%s", f[4]);
		vset_add(&vs, f[1]);
		vset_add(&vs, f[2]);
		n++;
	}
	fclose(fp);
	for (i = 0; i < n; i++) {
		const char *lo = first[i], *hi = last[i];

		if (mdsec_version_cmp(MDSEC_VER_GENERIC, lo, hi) > 0 ||
		    !mdsec_version_in_range(MDSEC_VER_GENERIC, lo, lo, true, hi,
					    true) ||
		    !mdsec_version_in_range(MDSEC_VER_GENERIC, hi, lo, true, hi,
					    true) ||
		    mdsec_version_in_range(MDSEC_VER_GENERIC, lo, lo, false, hi,
					   true) ||
		    mdsec_version_in_range(MDSEC_VER_GENERIC, hi, lo, true, hi,
					   false)) {
			fprintf(stderr, "%s: [%s, %s] does not hold its ends\n",
				cve[i], lo, hi);
			failures++;
		}
		g = neighbour(&vs, lo, -1);
		if (g) {
			outside++;
			if (mdsec_version_in_range(MDSEC_VER_GENERIC, g, lo,
						   true, hi, true)) {
				fprintf(stderr, "%s: %s in [%s, %s]\n", cve[i],
					g, lo, hi);
				failures++;
			}
		}
		g = neighbour(&vs, hi, 1);
		if (g) {
			outside++;
			if (mdsec_version_in_range(MDSEC_VER_GENERIC, g, lo,
						   true, hi, true)) {
				fprintf(stderr, "%s: %s in [%s, %s]\n", cve[i],
					g, lo, hi);
				failures++;
			}
		}
	}
	failures += check_total_order(MDSEC_VER_GENERIC, &vs);
	vset_free(&vs);
	assert_int_equal(failures, 0);
	assert_int_equal(n, CURL_CVES);
	/* only the oldest first version and the newest last one lack a
	 * neighbour in the table */
	assert_true(outside >= 2 * CURL_CVES - 40);
}

static void test_ranges_honour_inclusive_exclusive_and_open_bounds(void **s)
{
	enum mdsec_version_scheme g = MDSEC_VER_GENERIC;

	(void)s;
	assert_true(mdsec_version_in_range(g, "1.1.1", "1.1.1", true, "1.1.1w",
					   false));
	assert_false(mdsec_version_in_range(g, "1.1.1", "1.1.1", false,
					    "1.1.1w", false));
	assert_false(mdsec_version_in_range(g, "1.1.1w", "1.1.1", true,
					    "1.1.1w", false));
	assert_true(mdsec_version_in_range(g, "1.1.1w", "1.1.1", true, "1.1.1w",
					   true));
	assert_true(
		mdsec_version_in_range(g, "0.1", NULL, false, "1.0", false));
	assert_true(mdsec_version_in_range(g, "99", "1.0", true, NULL, false));
	assert_true(mdsec_version_in_range(g, "1", NULL, false, NULL, false));
	assert_false(mdsec_version_in_range(g, NULL, NULL, false, NULL, false));
	/* CVE-2022-3602: 3.0.0 <= v < 3.0.7 */
	assert_true(mdsec_version_in_range(MDSEC_VER_OPENSSL, "3.0.6", "3.0.0",
					   true, "3.0.7", false));
	assert_false(mdsec_version_in_range(MDSEC_VER_OPENSSL, "3.0.7", "3.0.0",
					    true, "3.0.7", false));
	assert_false(mdsec_version_in_range(MDSEC_VER_OPENSSL, "1.1.1w",
					    "3.0.0", true, "3.0.7", false));
	/* Dropbear CVE-2016-7406: <= 2016.73 */
	assert_true(mdsec_version_in_range(g, "2016.73", NULL, false, "2016.73",
					   true));
	assert_false(mdsec_version_in_range(g, "2016.74", NULL, false,
					    "2016.73", true));
	/* a pre-release of the fix is still affected */
	assert_true(mdsec_version_in_range(g, "3.0.7-rc1", "3.0.0", true,
					   "3.0.7", false));
	assert_true(mdsec_version_in_range(MDSEC_VER_DEBIAN, "1:9.2p1-2", NULL,
					   false, "1:9.2p1-2+deb12u3", false));
}

static void test_null_compares_as_the_empty_string(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < MDSEC_VER_NSCHEMES; k++) {
		enum mdsec_version_scheme s = (enum mdsec_version_scheme)k;

		assert_int_equal(mdsec_version_cmp(s, NULL, NULL), 0);
		assert_int_equal(mdsec_version_cmp(s, NULL, ""), 0);
		assert_int_equal(mdsec_version_cmp(s, "1.0", NULL),
				 mdsec_version_cmp(s, "1.0", ""));
	}
	assert_int_equal(mdsec_version_cmp_update(NULL, NULL, "", "-"), 0);
}

static void test_purl_types_choose_their_scheme(void **state)
{
	(void)state;
	assert_int_equal(mdsec_version_scheme_for("deb"), MDSEC_VER_DEBIAN);
	assert_int_equal(mdsec_version_scheme_for("rpm"), MDSEC_VER_RPM);
	assert_int_equal(mdsec_version_scheme_for("npm"), MDSEC_VER_SEMVER);
	assert_int_equal(mdsec_version_scheme_for("cargo"), MDSEC_VER_SEMVER);
	assert_int_equal(mdsec_version_scheme_for("golang"), MDSEC_VER_SEMVER);
	assert_int_equal(mdsec_version_scheme_for("DEB"), MDSEC_VER_DEBIAN);
	assert_int_equal(mdsec_version_scheme_for("generic"),
			 MDSEC_VER_GENERIC);
	assert_int_equal(mdsec_version_scheme_for("debian"), MDSEC_VER_GENERIC);
	assert_int_equal(mdsec_version_scheme_for(""), MDSEC_VER_GENERIC);
	assert_int_equal(mdsec_version_scheme_for(NULL), MDSEC_VER_GENERIC);
}

static void test_scheme_names_round_trip(void **state)
{
	enum mdsec_version_scheme s = MDSEC_VER_RPM;
	int k;

	(void)state;
	for (k = 0; k < MDSEC_VER_NSCHEMES; k++) {
		assert_int_equal(mdsec_version_scheme_from_name(
					 mdsec_version_scheme_name(
						 (enum mdsec_version_scheme)k),
					 &s),
				 0);
		assert_int_equal(s, k);
	}
	assert_int_equal(mdsec_version_scheme_from_name("SemVer", &s), 0);
	assert_int_equal(s, MDSEC_VER_SEMVER);
	assert_int_equal(mdsec_version_scheme_from_name("deb", &s),
			 MDSEC_EUSAGE);
	assert_int_equal(s, MDSEC_VER_SEMVER);
	assert_int_equal(mdsec_version_scheme_from_name(NULL, &s),
			 MDSEC_EUSAGE);
	assert_string_equal(
		mdsec_version_scheme_name((enum mdsec_version_scheme)99),
		"unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_every_row_of_the_table_compares_as_expected),
		cmocka_unit_test(test_every_curl_cve_range_holds_its_versions),
		cmocka_unit_test(
			test_ranges_honour_inclusive_exclusive_and_open_bounds),
		cmocka_unit_test(test_null_compares_as_the_empty_string),
		cmocka_unit_test(test_purl_types_choose_their_scheme),
		cmocka_unit_test(test_scheme_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
