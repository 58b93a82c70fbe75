/* SPDX-License-Identifier: Apache-2.0
 *
 * test_match.c - known answers from the real NVD records: the 13 records
 * of tests/data/vuln/nvd/cves imported into an in-memory database, then
 * every row of tests/data/vuln/known-answers.tsv (a component's CPE and
 * the exact set of records that must match it, probing each range at and
 * just outside its edges, platforms of AND configurations, exact
 * vendor/product) checked with mdsec_vulndb_match_cpe().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "base/fileio.h"
#include "base/strbuf.h"
#include "mdsec/vulndb.h"

static void test_known_answers(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_import_stats st;
	const char *feeds[] = { MDSEC_TEST_SRCDIR "/tests/data/vuln/nvd/cves" };
	struct strbuf tsv = STRBUF_INIT, got = STRBUF_INIT;
	mdsec_vulndb *db = NULL;
	char *line, *save = NULL;
	size_t rows = 0, bad = 0;

	(void)state;
	assert_int_equal(mdsec_vulndb_open(&db, ":memory:", &dl), 0);
	assert_int_equal(mdsec_vulndb_import(db, feeds, 1, &st, &dl), 0);
	assert_int_equal(st.records, 13);
	assert_int_equal(file_read_capped(&tsv,
					  MDSEC_TEST_SRCDIR
					  "/tests/data/vuln/known-answers.tsv",
					  1 << 20),
			 0);
	for (line = strtok_r(tsv.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), **ids = NULL;
		size_t n = 0, i;

		if (line[0] == '#')
			continue;
		assert_non_null(tab);
		*tab = '\0';
		rows++;
		assert_int_equal(
			mdsec_vulndb_match_cpe(db, line, &ids, &n, &dl), 0);
		strbuf_reset(&got);
		for (i = 0; i < n; i++)
			strbuf_addf(&got, "%s%s", i ? "," : "", ids[i]);
		if (!n)
			strbuf_addstr(&got, "-");
		if (strcmp(got.buf, tab + 1)) {
			fprintf(stderr, "%s: got %s, expected %s\n", line,
				got.buf, tab + 1);
			bad++;
		}
		mdsec_vulndb_free_ids(ids, n);
	}
	assert_int_equal(rows, 47);
	assert_int_equal(bad, 0);
	strbuf_release(&tsv);
	strbuf_release(&got);
	mdsec_vulndb_close(db);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
