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
#include <stdbool.h>
#include <string.h>
#include "base/fileio.h"
#include "base/strbuf.h"
#include "mdsec/vulndb.h"
#include "sbom/sbom_int.h"

/* Whether got (comma-separated ids, "-" for none) satisfies want: the
 * exact set, or "+ID"/"-ID" items that must / must not be among them. */
static bool satisfied(const char *got, const char *want)
{
	char buf[4096], *item, *save = NULL;

	if (want[0] != '+' && want[0] != '-')
		return !strcmp(got, want);
	if (!strcmp(want, "-"))
		return !strcmp(got, "-");
	snprintf(buf, sizeof(buf), "%s", want);
	for (item = strtok_r(buf, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		char pat[80];
		size_t n;
		bool in;

		snprintf(pat, sizeof(pat), ",%s,", item + 1);
		n = strlen(got);
		{
			char wrapped[8192];

			snprintf(wrapped, sizeof(wrapped), ",%.*s,", (int)n,
				 got);
			in = strstr(wrapped, pat) != NULL;
		}
		if (in != (item[0] == '+'))
			return false;
	}
	return true;
}

/* Import feeds into an in-memory database, then check every row of a
 * known-answers table (a component's CPE or PURL, what must match). */
static void known_answers(const char *const *feeds, size_t nfeeds,
			  const char *table, bool purl, size_t want_rows)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_import_stats st;
	struct strbuf tsv = STRBUF_INIT, got = STRBUF_INIT;
	mdsec_vulndb *db = NULL;
	char *line, *save = NULL;
	size_t rows = 0, bad = 0;

	assert_int_equal(mdsec_vulndb_open(&db, ":memory:", &dl), 0);
	assert_int_equal(mdsec_vulndb_import(db, feeds, nfeeds, &st, &dl), 0);
	assert_int_equal(file_read_capped(&tsv, table, 1 << 20), 0);
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
			purl ? mdsec_vulndb_match_purl(db, line, &ids, &n, &dl)
			     : mdsec_vulndb_match_cpe(db, line, &ids, &n, &dl),
			0);
		strbuf_reset(&got);
		for (i = 0; i < n; i++)
			strbuf_addf(&got, "%s%s", i ? "," : "", ids[i]);
		if (!n)
			strbuf_addstr(&got, "-");
		if (!satisfied(got.buf, tab + 1)) {
			fprintf(stderr, "%s: got %s, expected %s\n", line,
				got.buf, tab + 1);
			bad++;
		}
		mdsec_vulndb_free_ids(ids, n);
	}
	assert_int_equal(rows, want_rows);
	assert_int_equal(bad, 0);
	strbuf_release(&tsv);
	strbuf_release(&got);
	mdsec_vulndb_close(db);
	mdsec_diag_list_release(&dl);
}

#define D MDSEC_TEST_SRCDIR "/tests/data/vuln/"

/* NVD API 2.0: the 13 real records, exact sets. */
static void test_known_answers(void **state)
{
	const char *feeds[] = { D "nvd/cves" };

	(void)state;
	known_answers(feeds, 1, D "known-answers.tsv", false, 47);
}

/* NVD 1.1: nested AND nodes, platforms never the affected product. */
static void test_known_answers_nvd11(void **state)
{
	const char *feeds[] = { D "nvd11" };

	(void)state;
	known_answers(feeds, 1, D "known-answers-nvd11.tsv", false, 13);
}

/* CVE JSON 5: the OpenSSL CNA's ranges per branch, CISA ADP CPEs, the
 * kernel CNA's defaultStatus with unaffected "5.4.*" ranges. */
static void test_known_answers_cve5(void **state)
{
	const char *feeds[] = { D "cve5/openssl-cna", D "cve5/vulnrichment" };

	(void)state;
	known_answers(feeds, 2, D "known-answers-cve5.tsv", false, 41);
}

/* OSV: ECOSYSTEM (Debian), SEMVER, listed versions, GIT not decided. */
static void test_known_answers_osv(void **state)
{
	const char *feeds[] = { D "osv" };

	(void)state;
	known_answers(feeds, 1, D "known-answers-osv.tsv", true, 33);
}

/* Aliases both ways: an OSV record's own aliases, and the records that
 * name a CVE as their alias. */
static void test_aliases(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_import_stats st;
	const char *feeds[] = { D "osv" };
	mdsec_vulndb *db = NULL;
	char **ids = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(mdsec_vulndb_open(&db, ":memory:", &dl), 0);
	assert_int_equal(mdsec_vulndb_import(db, feeds, 1, &st, &dl), 0);
	assert_int_equal(mdsec_vulndb_aliases(db, "CVE-2022-3602", &ids, &n),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], "MDSEC-TEST-2026-0001");
	mdsec_vulndb_free_ids(ids, n);
	assert_int_equal(
		mdsec_vulndb_aliases(db, "MDSEC-TEST-2026-0002", &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], "GHSA-test-0002-xxxx");
	mdsec_vulndb_free_ids(ids, n);
	assert_int_equal(mdsec_vulndb_aliases(db, "CVE-1999-0001", &ids, &n),
			 0);
	assert_int_equal(n, 0);
	mdsec_vulndb_free_ids(ids, n);
	mdsec_vulndb_close(db);
	mdsec_diag_list_release(&dl);
}

/* An SBOM built by a program may carry an identifier that does not
 * parse: the other one matches alone, and the report says so; with
 * neither valid the component is not checked. */
static void test_invalid_identifier(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_import_stats st;
	const char *feeds[] = { D "nvd/cves" };
	mdsec_vulndb *db = NULL;
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_vulns r;
	size_t i, a, b;

	(void)state;
	assert_non_null(s);
	a = sbom_add_component(s);
	s->components.v[a].name = sbom_str(s, "BusyBox");
	s->components.v[a].version = sbom_str(s, "1.33.1");
	s->components.v[a].cpe =
		sbom_str(s, "cpe:2.3:a:busybox:busybox:1.33.1:*:*:*:*:*:*:*");
	s->components.v[a].purl = sbom_str(s, "pkg:/busybox@1.33.1");
	b = sbom_add_component(s);
	s->components.v[b].name = sbom_str(s, "weird");
	s->components.v[b].cpe = sbom_str(s, "cpe:2.3:a:bad");
	s->components.v[b].purl = sbom_str(s, "not-a-purl");
	assert_int_equal(mdsec_vulndb_open(&db, ":memory:", &dl), 0);
	assert_int_equal(mdsec_vulndb_import(db, feeds, 1, &st, &dl), 0);
	assert_int_equal(mdsec_vulns_match(db, s, &r, &dl), 0);
	assert_int_equal(r.nfindings, 2); /* CVE-2021-42374, CVE-2022-48174 */
	for (i = 0; i < r.nfindings; i++)
		assert_int_equal(r.findings[i].component, a);
	assert_int_equal(r.nunchecked, 2);
	assert_int_equal(r.unchecked[0].component, a);
	assert_non_null(strstr(r.unchecked[0].reason, "matched by the other"));
	assert_int_equal(r.unchecked[1].component, b);
	assert_string_equal(r.unchecked[1].reason,
			    "neither its CPE nor its PURL is valid");
	assert_int_equal(dl.nerrors, 0);
	mdsec_vulns_release(&r);
	mdsec_sbom_free(s);
	mdsec_vulndb_close(db);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_known_answers_nvd11),
		cmocka_unit_test(test_known_answers_cve5),
		cmocka_unit_test(test_known_answers_osv),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_invalid_identifier),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
