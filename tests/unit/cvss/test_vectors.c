/* SPDX-License-Identifier: Apache-2.0
 *
 * test_vectors.c - every row of tests/data/cvss/cvss{2.0,3.0,3.1,4.0}.tsv
 * (README.md there: sources, and how each expected score was agreed by
 * independent implementations) parses strictly and scores exactly: base,
 * temporal and environmental (v4.0: the one score, and the nomenclature
 * its tags start with), compared as integers of tenths. A failing row is
 * reported as file:line with the expected and computed scores.
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
#include "mdsec/cvss.h"

/* "7.5" -> 75; "" -> -1 (not given). */
static int tenths(const char *s)
{
	int whole = 0, frac = 0;

	if (!*s)
		return -1;
	if (sscanf(s, "%d.%1d", &whole, &frac) != 2)
		return -2;
	return whole * 10 + frac;
}

static int check_file(const char *name, enum mdsec_cvss_version want,
		      size_t *nrows, size_t *nlenient)
{
	char path[4096], line[2048], canon[1024];
	char *f[5], *p;
	FILE *fp;
	unsigned lineno = 0;
	int failures = 0, i, exp[3], got[3];
	bool strict, v4 = want == MDSEC_CVSS_V4_0;
	const char *nom;
	size_t nl;

	snprintf(path, sizeof(path), "%s/tests/data/cvss/%s", MDSEC_TEST_SRCDIR,
		 name);
	fp = fopen(path, "r");
	if (!fp) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	while (fgets(line, sizeof(line), fp)) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct mdsec_loc at = { path, 0, 0 };
		struct mdsec_cvss c;
		struct mdsec_cvss_scores s;

		lineno++;
		if (lineno == 1)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		p = line;
		for (i = 0; i < 5; i++) {
			f[i] = p;
			p = p ? strchr(p, '\t') : NULL;
			if (p)
				*p++ = '\0';
		}
		if (!f[v4 ? 4 : 3]) {
			fprintf(stderr, "%s:%u: malformed row\n", path, lineno);
			failures++;
			continue;
		}
		at.line = lineno;
		(*nrows)++;
		strict = mdsec_cvss_parse(&c, f[0], strlen(f[0]),
					  MDSEC_CVSS_STRICT, at, &dl) == 0;
		if (!strict) {
			/* real advisories carry out-of-order vectors (one
			 * upstream row does): lenient mode must score it */
			mdsec_diag_list_release(&dl);
			if (mdsec_cvss_parse(&c, f[0], strlen(f[0]),
					     MDSEC_CVSS_LENIENT, at, &dl) == 0)
				(*nlenient)++;
		}
		if (dl.nerrors != 0 || (strict && dl.len != 0) ||
		    c.version != want) {
			fprintf(stderr, "%s:%u: %s: rejected (%s)\n", path,
				lineno, f[0],
				dl.len ? dl.items[0].msg : "wrong version");
			mdsec_diag_list_release(&dl);
			failures++;
			continue;
		}
		mdsec_cvss_score(&c, &s);
		mdsec_cvss_format(canon, sizeof(canon), &c);
		got[0] = s.base;
		got[1] = s.temporal;
		got[2] = s.environmental;
		for (i = 0; i < 3; i++)
			exp[i] = tenths(f[v4 ? 1 : 1 + i]);
		nom = mdsec_cvss_nomenclature(&c);
		nl = nom ? strlen(nom) : 0;
		if (v4 && (!nom || strncmp(f[4], nom, nl) != 0 ||
			   (f[4][nl] != '\0' && f[4][nl] != ' '))) {
			fprintf(stderr, "%s:%u: %s: nomenclature %s, tags %s\n",
				path, lineno, f[0], nom ? nom : "(none)", f[4]);
			failures++;
		}
		if ((strict && strcmp(canon, f[0]) != 0) ||
		    (exp[0] != got[0]) || (exp[1] >= 0 && exp[1] != got[1]) ||
		    (exp[2] >= 0 && exp[2] != got[2])) {
			fprintf(stderr,
				"%s:%u: %s: expected %s/%s/%s, got "
				"%d.%d/%d.%d/%d.%d (canonical %s)\n",
				path, lineno, f[0], f[1], v4 ? f[1] : f[2],
				v4 ? f[1] : f[3], got[0] / 10, abs(got[0] % 10),
				got[1] / 10, abs(got[1] % 10), got[2] / 10,
				abs(got[2] % 10), canon);
			failures++;
		}
		mdsec_diag_list_release(&dl);
	}
	fclose(fp);
	return failures;
}

static void test_every_v2_row_scores_exactly(void **state)
{
	size_t n = 0, nl = 0;

	(void)state;
	assert_int_equal(check_file("cvss2.0.tsv", MDSEC_CVSS_V2, &n, &nl), 0);
	assert_int_equal(nl, 0);
	assert_true(n > 1000);
}

static void test_every_v3_0_row_scores_exactly(void **state)
{
	size_t n = 0, nl = 0;

	(void)state;
	assert_int_equal(check_file("cvss3.0.tsv", MDSEC_CVSS_V3_0, &n, &nl),
			 0);
	assert_int_equal(nl, 1); /* S before AV, from upstream */
	assert_true(n > 3000);
}

static void test_every_v3_1_row_scores_exactly(void **state)
{
	size_t n = 0, nl = 0;

	(void)state;
	assert_int_equal(check_file("cvss3.1.tsv", MDSEC_CVSS_V3_1, &n, &nl),
			 0);
	assert_int_equal(nl, 0);
	assert_true(n > 3000);
}

static void test_every_v4_0_row_scores_exactly(void **state)
{
	size_t n = 0, nl = 0;

	(void)state;
	assert_int_equal(check_file("cvss4.0.tsv", MDSEC_CVSS_V4_0, &n, &nl),
			 0);
	assert_int_equal(nl, 0);
	assert_true(n > 2900);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_v2_row_scores_exactly),
		cmocka_unit_test(test_every_v3_0_row_scores_exactly),
		cmocka_unit_test(test_every_v3_1_row_scores_exactly),
		cmocka_unit_test(test_every_v4_0_row_scores_exactly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
