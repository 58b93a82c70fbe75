/* SPDX-License-Identifier: Apache-2.0
 *
 * test_quality.c - the SBOM quality check (src/sbom/quality.c): the
 * counts and scores of each NTIA and FDA check on small SBOMs built in
 * memory (a component missing supplier and version, one whose end of
 * support is justified rather than dated, one outside the dependency
 * graph, an SBOM without author, an empty SBOM), rounding half up, the
 * exact text report of one case, the JSON report's shape, a real SBOM
 * read from tests/data/sbom when it is there, and allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mdsec/sbom.h"
#include "mdsec/sbom_report.h"
#include "base/xalloc.h"
#include "sbom/sbom_int.h"

struct spec {
	const char *name, *version, *supplier, *purl, *cpe;
	const char *support, *eos, *justification;
};

static size_t add(mdsec_sbom *s, const struct spec *p)
{
	size_t i = sbom_add_component(s);
	struct mdsec_component *c;

	assert_true(i != MDSEC_SBOM_NONE);
	c = &s->components.v[i];
	c->ref = sbom_printf(s, "ref-%zu", i);
	c->type = "library";
	c->name = sbom_str(s, p->name);
	c->version = sbom_str(s, p->version);
	c->supplier = sbom_str(s, p->supplier);
	c->purl = sbom_str(s, p->purl);
	c->cpe = sbom_str(s, p->cpe);
	c->support = sbom_str(s, p->support);
	c->end_of_support = sbom_str(s, p->eos);
	c->support_justification = sbom_str(s, p->justification);
	return i;
}

/*
 * The main case: no author; a primary device depending on zlib (complete),
 * libfoo (no supplier, no version, hashes but no purl or cpe, no FDA
 * fields) and busybox (end of support justified); orphan is complete but
 * outside the graph.
 */
static mdsec_sbom *small_sbom(void)
{
	static const struct spec dev = { "device", "1.0", "Acme",
					 "pkg:generic/acme/device@1.0" };
	static const struct spec zlib = { "zlib",
					  "1.3",
					  "Jean-loup Gailly",
					  "pkg:generic/zlib@1.3",
					  NULL,
					  "actively-maintained",
					  "2030-01-01" };
	static const struct spec libfoo = { "libfoo" };
	static const struct spec busybox = {
		"busybox",
		"1.36.1",
		"Busybox project",
		NULL,
		"cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*",
		"no-longer-maintained",
		NULL,
		"fixes are backported by the manufacturer"
	};
	static const struct spec orphan = {
		"orphan",     "2.0",
		"Orphan Inc", "pkg:generic/orphan@2.0",
		NULL,	      "actively-maintained",
		"2031-12-31"
	};
	mdsec_sbom *s = mdsec_sbom_new();
	size_t d, z, f, b;

	assert_non_null(s);
	s->name = "device";
	s->timestamp = "2026-01-01T00:00:00Z";
	/* added out of order: reports sort by name, version */
	z = add(s, &zlib);
	d = add(s, &dev);
	add(s, &orphan);
	f = add(s, &libfoo);
	b = add(s, &busybox);
	assert_int_equal(sbom_add_hash(&s->components.v[f], "SHA-256", "00ff"),
			 0);
	s->primary = d;
	assert_int_equal(sbom_add_dep(&s->components.v[d], z), 0);
	assert_int_equal(sbom_add_dep(&s->components.v[d], f), 0);
	assert_int_equal(sbom_add_dep(&s->components.v[d], b), 0);
	return s;
}

static void assert_check(const struct mdsec_sbom_quality *q, int id,
			 size_t passed, size_t total, int score)
{
	assert_int_equal(q->checks[id].passed, passed);
	assert_int_equal(q->checks[id].total, total);
	assert_int_equal(q->checks[id].score, score);
}

static void test_counts_and_scores_of_a_small_sbom(void **state)
{
	mdsec_sbom *s = small_sbom();
	struct mdsec_sbom_quality q;

	(void)state;
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	assert_check(&q, MDSEC_SBOM_CHECK_AUTHOR, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_TIMESTAMP, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_PRIMARY, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_GRAPH, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPLIER, 4, 5, 80);
	assert_check(&q, MDSEC_SBOM_CHECK_NAME, 5, 5, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_VERSION, 4, 5, 80);
	assert_check(&q, MDSEC_SBOM_CHECK_IDENTIFIER, 4, 5, 80);
	assert_check(&q, MDSEC_SBOM_CHECK_DEPENDENCY, 4, 5, 80);
	/* FDA checks leave the primary component (the product) out */
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPORT, 3, 4, 75);
	assert_check(&q, MDSEC_SBOM_CHECK_END_OF_SUPPORT, 3, 4, 75);
	assert_int_equal(q.checks[MDSEC_SBOM_CHECK_END_OF_SUPPORT].justified,
			 1);
	assert_string_equal(q.checks[MDSEC_SBOM_CHECK_SUPPLIER].id,
			    "ntia.supplier");
	assert_string_equal(q.checks[MDSEC_SBOM_CHECK_END_OF_SUPPORT].id,
			    "fda.end_of_support");
	/* (0 + 100 + 100 + 100 + 80 + 100 + 80 + 80 + 80 + 75 + 75) / 11
	 * = 79.09; NTIA 720 / 9 = 80; FDA 150 / 2 = 75 */
	assert_int_equal(q.score, 79);
	assert_int_equal(q.ntia, 80);
	assert_int_equal(q.fda, 75);
	assert_int_equal(q.incomplete, 2); /* libfoo, orphan */
	mdsec_sbom_free(s);
}

static const char small_text[] =
	"SBOM quality score: 79/100 (NTIA 80/100, FDA 75/100)\n"
	"\n"
	"CHECK               PASSED  SCORE\n"
	"ntia.author            0/1    0.0\n"
	"ntia.timestamp         1/1   10.0\n"
	"ntia.primary           1/1   10.0\n"
	"ntia.graph             1/1   10.0\n"
	"ntia.supplier          4/5    8.0\n"
	"ntia.name              5/5   10.0\n"
	"ntia.version           4/5    8.0\n"
	"ntia.identifier        4/5    8.0\n"
	"ntia.dependency        4/5    8.0\n"
	"fda.support            3/4    7.5\n"
	"fda.end_of_support     3/4    7.5  (1 justified)\n"
	"\n"
	"COMPONENT   MISSING\n"
	"libfoo      supplier, version, identifier, support, end_of_support\n"
	"orphan@2.0  dependency\n";

static void test_text_report_of_a_small_sbom(void **state)
{
	mdsec_sbom *s = small_sbom();
	char *out = NULL;
	int score = -1;

	(void)state;
	assert_int_equal(
		mdsec_sbom_check_report(s, MDSEC_REPORT_TEXT, &out, &score), 0);
	assert_string_equal(out, small_text);
	assert_int_equal(score, 79);
	free(out);
	mdsec_sbom_free(s);
}

static json_t *member(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	assert_non_null(v);
	return v;
}

static void test_json_report_of_a_small_sbom(void **state)
{
	mdsec_sbom *s = small_sbom();
	json_t *root, *checks, *comps, *c, *m;
	json_error_t err;
	char *out = NULL;
	int score = -1;

	(void)state;
	assert_int_equal(
		mdsec_sbom_check_report(s, MDSEC_REPORT_JSON, &out, &score), 0);
	assert_int_equal(score, 79);
	/* scores are written from integers: one decimal, always */
	assert_non_null(strstr(out, "\"score\": 7.5\n"));
	assert_non_null(strstr(out, "\"score\": 10.0\n"));
	assert_non_null(strstr(out, "\"score\": 0.0\n"));
	assert_int_equal(out[strlen(out) - 1], '\n');
	root = json_loads(out, 0, &err);
	assert_non_null(root);
	assert_string_equal(json_string_value(member(root, "format")),
			    "mdsec.sbom-check/1");
	assert_int_equal(json_integer_value(member(root, "score")), 79);
	assert_int_equal(
		json_integer_value(member(member(root, "categories"), "fda")),
		75);
	c = member(root, "document");
	assert_int_equal(json_array_size(member(c, "authors")), 0);
	assert_string_equal(
		json_string_value(member(member(c, "primary"), "name")),
		"device");
	assert_int_equal(json_integer_value(member(c, "components")), 5);
	assert_int_equal(json_integer_value(member(c, "dependencies")), 3);
	checks = member(root, "checks");
	assert_int_equal(json_array_size(checks), MDSEC_SBOM_NCHECKS);
	c = json_array_get(checks, MDSEC_SBOM_CHECK_END_OF_SUPPORT);
	assert_string_equal(json_string_value(member(c, "id")),
			    "fda.end_of_support");
	assert_string_equal(json_string_value(member(c, "category")), "fda");
	assert_string_equal(json_string_value(member(c, "level")), "component");
	assert_int_equal(json_integer_value(member(c, "justified")), 1);
	assert_true(json_real_value(member(c, "score")) == 7.5);
	assert_null(json_object_get(json_array_get(checks, 0), "justified"));
	assert_int_equal(json_integer_value(member(root, "incomplete")), 2);
	/* busybox (justified only), libfoo, orphan: sorted by name */
	comps = member(root, "components");
	assert_int_equal(json_array_size(comps), 3);
	c = json_array_get(comps, 0);
	assert_string_equal(json_string_value(member(c, "name")), "busybox");
	assert_int_equal(json_array_size(member(c, "missing")), 0);
	m = json_array_get(member(c, "justified"), 0);
	assert_string_equal(json_string_value(member(m, "field")),
			    "end_of_support");
	assert_string_equal(json_string_value(member(m, "justification")),
			    "fixes are backported by the manufacturer");
	c = json_array_get(comps, 1);
	assert_string_equal(json_string_value(member(c, "name")), "libfoo");
	assert_true(json_is_null(member(c, "version")));
	m = member(c, "missing");
	assert_int_equal(json_array_size(m), 5);
	assert_string_equal(
		json_string_value(member(json_array_get(m, 0), "field")),
		"supplier");
	assert_string_equal(
		json_string_value(member(json_array_get(m, 2), "field")),
		"identifier");
	/* hashes alone are not an identifier, and the reason says so */
	assert_non_null(strstr(
		json_string_value(member(json_array_get(m, 2), "reason")),
		"hashes identify a file"));
	c = json_array_get(comps, 2);
	assert_string_equal(json_string_value(member(c, "ref")), "ref-2");
	assert_string_equal(
		json_string_value(member(
			json_array_get(member(c, "missing"), 0), "field")),
		"dependency");
	json_decref(root);
	free(out);
	mdsec_sbom_free(s);
}

static void test_a_complete_sbom_scores_100(void **state)
{
	static const struct spec dev = { "pump", "2.1", "Acme",
					 "pkg:generic/acme/pump@2.1" };
	static const struct spec lib = {
		"mbedtls",
		"3.6.2",
		"Trusted Firmware",
		"pkg:github/mbed-tls/mbedtls@3.6.2",
		NULL,
		"actively-maintained",
		NULL,
		"supported as long as the LTS branch"
	};
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;
	char *out = NULL;
	size_t d, l;
	int score = 0, k;

	(void)state;
	assert_non_null(s);
	assert_int_equal(sbom_add_author(s, "Organization: Acme"), 0);
	s->timestamp = "2026-01-01T00:00:00Z";
	d = add(s, &dev);
	l = add(s, &lib);
	s->primary = d;
	assert_int_equal(sbom_add_dep(&s->components.v[d], l), 0);
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++)
		assert_int_equal(q.checks[k].score, 100);
	assert_int_equal(q.score, 100);
	assert_int_equal(q.incomplete, 0);
	assert_int_equal(
		mdsec_sbom_check_report(s, MDSEC_REPORT_TEXT, &out, &score), 0);
	assert_int_equal(score, 100);
	assert_non_null(strstr(out, "SBOM quality score: 100/100 (NTIA "
				    "100/100, FDA 100/100)\n"));
	assert_non_null(strstr(out, "\nno component is missing a field\n"));
	free(out);
	mdsec_sbom_free(s);
}

/* Without a primary component every component is checked for FDA too,
 * and a component with neither dependencies nor dependants is outside the
 * graph even when the SBOM has no graph at all. */
static void test_without_primary_or_author_every_component_counts(void **state)
{
	static const struct spec a = { "a", "1", "S", "pkg:generic/a@1" };
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;

	(void)state;
	assert_non_null(s);
	add(s, &a);
	add(s, &a);
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	assert_check(&q, MDSEC_SBOM_CHECK_AUTHOR, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_TIMESTAMP, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_PRIMARY, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_GRAPH, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPLIER, 2, 2, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_DEPENDENCY, 0, 2, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPORT, 0, 2, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_END_OF_SUPPORT, 0, 2, 0);
	/* 4 x 100 of 11 checks: 36.4 */
	assert_int_equal(q.score, 36);
	assert_int_equal(q.ntia, 44); /* 400 / 9 = 44.4 */
	assert_int_equal(q.fda, 0);
	mdsec_sbom_free(s);
}

/* The ntia.supplier score of an SBOM of `with` components with a
 * supplier and `without` without. */
static int supplier_score(int with, int without)
{
	static const struct spec w = { "w", "1", "S" };
	static const struct spec x = { "x", "1" };
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;
	int i;

	assert_non_null(s);
	for (i = 0; i < with; i++)
		add(s, &w);
	for (i = 0; i < without; i++)
		add(s, &x);
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	assert_int_equal(q.checks[MDSEC_SBOM_CHECK_SUPPLIER].passed,
			 (size_t)with);
	assert_int_equal(q.checks[MDSEC_SBOM_CHECK_SUPPLIER].total,
			 (size_t)(with + without));
	mdsec_sbom_free(s);
	return q.checks[MDSEC_SBOM_CHECK_SUPPLIER].score;
}

/* passed/total x 10 rounded half up to tenths. */
static void test_scores_round_half_up(void **state)
{
	(void)state;
	assert_int_equal(supplier_score(1, 7), 13);    /* 1.25 -> 1.3 */
	assert_int_equal(supplier_score(3, 5), 38);    /* 3.75 -> 3.8 */
	assert_int_equal(supplier_score(2, 1), 67);    /* 6.67 -> 6.7 */
	assert_int_equal(supplier_score(1, 2), 33);    /* 3.33 -> 3.3 */
	assert_int_equal(supplier_score(199, 1), 100); /* 9.95 -> 10.0 */
	assert_int_equal(supplier_score(0, 3), 0);
	assert_int_equal(supplier_score(0, 0), 0); /* nothing to check */
}

/* An empty supplier is no supplier. */
static void test_empty_strings_are_missing(void **state)
{
	static const struct spec a = { "a", "", "", "", "" };
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;

	(void)state;
	assert_non_null(s);
	add(s, &a);
	assert_int_equal(sbom_add_author(s, ""), 0);
	s->timestamp = "";
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	assert_check(&q, MDSEC_SBOM_CHECK_AUTHOR, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_TIMESTAMP, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_NAME, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPLIER, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_VERSION, 0, 1, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_IDENTIFIER, 0, 1, 0);
	mdsec_sbom_free(s);
}

static void test_an_empty_sbom_scores_0(void **state)
{
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;
	char *out = NULL;
	int score = -1, k;

	(void)state;
	assert_non_null(s);
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
		assert_int_equal(q.checks[k].passed, 0);
		assert_int_equal(q.checks[k].score, 0);
	}
	assert_int_equal(q.checks[MDSEC_SBOM_CHECK_SUPPLIER].total, 0);
	assert_int_equal(q.score, 0);
	assert_int_equal(
		mdsec_sbom_check_report(s, MDSEC_REPORT_JSON, &out, &score), 0);
	assert_int_equal(score, 0);
	assert_non_null(strstr(out, "\"components\": []"));
	assert_non_null(strstr(out, "\"primary\": null"));
	free(out);
	mdsec_sbom_free(s);
}

static void test_bad_arguments_are_usage_errors(void **state)
{
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_sbom_quality q;
	char *out = (char *)"x";
	int score = 5;

	(void)state;
	assert_int_equal(mdsec_sbom_check_report(s, 2, &out, &score),
			 MDSEC_EUSAGE);
	assert_null(out);
	assert_int_equal(score, 0);
	assert_int_equal(mdsec_sbom_check_report(NULL, 0, &out, &score),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_sbom_check_report(s, 0, NULL, &score),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_sbom_quality(NULL, &q), MDSEC_EUSAGE);
	/* the score is optional */
	assert_int_equal(mdsec_sbom_check_report(s, 0, &out, NULL), 0);
	free(out);
	mdsec_sbom_free(s);
}

/* A real SBOM: the laravel CycloneDX 1.4 example (63 components, the
 * application itself primary, a full graph, no supplier names, no FDA
 * fields, no author or timestamp). Skipped while the file is absent. */
static void test_a_real_sbom_is_checked(void **state)
{
	const char *path = MDSEC_TEST_SRCDIR
		"/tests/data/sbom/cyclonedx/laravel-7.12.0.cdx-1.4.json";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_sbom_quality q;
	mdsec_sbom *s = NULL;
	json_t *root;
	char *out = NULL;
	int score = -1, fmt;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(mdsec_sbom_read(&s, path, &dl), 0);
	mdsec_diag_list_release(&dl);
	assert_int_equal(mdsec_sbom_quality(s, &q), 0);
	assert_int_equal(s->components.n, 63);
	assert_check(&q, MDSEC_SBOM_CHECK_PRIMARY, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_GRAPH, 1, 1, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_NAME, 63, 63, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_VERSION, 63, 63, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_IDENTIFIER, 63, 63, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_DEPENDENCY, 63, 63, 100);
	assert_check(&q, MDSEC_SBOM_CHECK_SUPPORT, 0, 62, 0);
	assert_check(&q, MDSEC_SBOM_CHECK_END_OF_SUPPORT, 0, 62, 0);
	for (fmt = MDSEC_REPORT_TEXT; fmt <= MDSEC_REPORT_JSON; fmt++) {
		assert_int_equal(mdsec_sbom_check_report(s, fmt, &out, &score),
				 0);
		assert_int_equal(score, q.score);
		if (fmt == MDSEC_REPORT_JSON) {
			root = json_loads(out, 0, NULL);
			assert_non_null(root);
			assert_int_equal(
				json_integer_value(member(root, "score")),
				q.score);
			assert_int_equal(
				json_array_size(member(root, "components")),
				q.incomplete);
			json_decref(root);
		}
		free(out);
	}
	mdsec_sbom_free(s);
}

/* Allocation N (and every later one) fails: MDSEC_ENOMEM and no output,
 * never a crash or a leak; without failures, the same report. */
static void test_allocation_failures_are_reported(void **state)
{
	mdsec_sbom *s = small_sbom();
	unsigned long n;
	char *out;
	int fmt, rc, score;

	(void)state;
	for (fmt = MDSEC_REPORT_TEXT; fmt <= MDSEC_REPORT_JSON; fmt++) {
		for (n = 1; n < 10000; n++) {
			out = NULL;
			xalloc_fail_after(n);
			rc = mdsec_sbom_check_report(s, fmt, &out, &score);
			xalloc_fail_after(0);
			if (rc == 0)
				break;
			assert_int_equal(rc, MDSEC_ENOMEM);
			assert_null(out);
		}
		assert_int_equal(rc, 0);
		if (fmt == MDSEC_REPORT_TEXT)
			assert_string_equal(out, small_text);
		assert_int_equal(score, 79);
		free(out);
	}
	mdsec_sbom_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_and_scores_of_a_small_sbom),
		cmocka_unit_test(test_text_report_of_a_small_sbom),
		cmocka_unit_test(test_json_report_of_a_small_sbom),
		cmocka_unit_test(test_a_complete_sbom_scores_100),
		cmocka_unit_test(
			test_without_primary_or_author_every_component_counts),
		cmocka_unit_test(test_scores_round_half_up),
		cmocka_unit_test(test_empty_strings_are_missing),
		cmocka_unit_test(test_an_empty_sbom_scores_0),
		cmocka_unit_test(test_bad_arguments_are_usage_errors),
		cmocka_unit_test(test_a_real_sbom_is_checked),
		cmocka_unit_test(test_allocation_failures_are_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
