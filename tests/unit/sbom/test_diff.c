/* SPDX-License-Identifier: Apache-2.0
 *
 * test_diff.c - the SBOM diff (src/sbom/diff.c) on SBOMs built in memory:
 * identical SBOMs give no change; components added, removed and changed
 * (matched by purl without its version, by CPE product, by name), the
 * changed fields, dependency edges added and removed; the exact text
 * report of one case and the JSON report's shape; duplicates of one name
 * paired same version first; a real SBOM against itself and an edited
 * copy when tests/data/sbom is there; allocation failures.
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
	const char *name, *version, *supplier, *purl, *cpe, *license;
};

static size_t add(mdsec_sbom *s, const struct spec *p)
{
	size_t i = sbom_add_component(s);
	struct mdsec_component *c;

	assert_true(i != MDSEC_SBOM_NONE);
	c = &s->components.v[i];
	c->ref = sbom_printf(s, "%s-%s", p->name,
			     p->version ? p->version : "none");
	c->type = "library";
	c->name = sbom_str(s, p->name);
	c->version = sbom_str(s, p->version);
	c->supplier = sbom_str(s, p->supplier);
	c->purl = sbom_str(s, p->purl);
	c->cpe = sbom_str(s, p->cpe);
	c->license = sbom_str(s, p->license);
	return i;
}

static void dep(mdsec_sbom *s, size_t from, size_t to)
{
	assert_int_equal(sbom_add_dep(&s->components.v[from], to), 0);
}

static mdsec_sbom *new_sbom(void)
{
	mdsec_sbom *s = mdsec_sbom_new();

	assert_non_null(s);
	return s;
}

/*
 * old: app 1.0 -> openssl 3.0.13, zlib 1.2.13, libold 1.0
 * new: app 1.0 -> openssl 3.0.15 (new supplier), zlib 1.2.13 (licensed
 *      now), libnew 2.0; openssl -> zlib
 */
static mdsec_sbom *old_sbom(void)
{
	static const struct spec app = { "app", "1.0", "Acme",
					 "pkg:generic/acme/app@1.0" };
	static const struct spec ssl = { "openssl", "3.0.13", "OpenSSL",
					 "pkg:generic/openssl@3.0.13" };
	static const struct spec zlib = { "zlib", "1.2.13" };
	static const struct spec old = { "libold", "1.0", "Old Co",
					 "pkg:generic/libold@1.0" };
	mdsec_sbom *s = new_sbom();
	size_t a;

	s->name = "app";
	a = add(s, &app);
	s->primary = a;
	dep(s, a, add(s, &ssl));
	dep(s, a, add(s, &zlib));
	dep(s, a, add(s, &old));
	return s;
}

static mdsec_sbom *new_sbom_of_app(void)
{
	static const struct spec app = { "app", "1.0", "Acme",
					 "pkg:generic/acme/app@1.0" };
	static const struct spec ssl = { "openssl", "3.0.15",
					 "OpenSSL Foundation",
					 "pkg:generic/openssl@3.0.15" };
	static const struct spec zlib = { "zlib", "1.2.13", NULL,
					  NULL,	  NULL,	    "Zlib" };
	static const struct spec lnew = { "libnew", "2.0", "New Co",
					  "pkg:generic/libnew@2.0" };
	mdsec_sbom *s = new_sbom();
	size_t a, o, z;

	s->name = "app";
	/* another order than old: matching does not depend on it */
	z = add(s, &zlib);
	dep(s, (a = add(s, &app)), add(s, &lnew));
	o = add(s, &ssl);
	s->primary = a;
	dep(s, a, o);
	dep(s, a, z);
	dep(s, o, z);
	return s;
}

static void test_identical_sboms_have_no_changes(void **state)
{
	mdsec_sbom *a = old_sbom(), *b = old_sbom();
	struct mdsec_sbom_diff_counts c;
	size_t n = 99;
	char *out = NULL;

	(void)state;
	assert_int_equal(mdsec_sbom_diff(a, b, &c), 0);
	assert_int_equal(c.added + c.removed + c.changed + c.deps_added +
				 c.deps_removed,
			 0);
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(out, "0 added, 0 removed, 0 changed; "
				 "dependencies: 0 added, 0 removed\n");
	free(out);
	/* an SBOM against itself, too */
	assert_int_equal(
		mdsec_sbom_diff_report(a, a, MDSEC_REPORT_JSON, &out, &n), 0);
	assert_int_equal(n, 0);
	assert_non_null(strstr(out, "\"changed\": []"));
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

static const char app_text[] =
	"+ libnew 2.0\n"
	"- libold 1.0\n"
	"~ openssl: version 3.0.13 -> 3.0.15; supplier OpenSSL -> OpenSSL "
	"Foundation\n"
	"~ zlib 1.2.13: license (none) -> Zlib\n"
	"+ dependency app@1.0 -> libnew@2.0\n"
	"+ dependency openssl@3.0.15 -> zlib@1.2.13\n"
	"- dependency app@1.0 -> libold@1.0\n"
	"1 added, 1 removed, 2 changed; dependencies: 2 added, 1 removed\n";

static void test_added_removed_changed_and_edges(void **state)
{
	mdsec_sbom *a = old_sbom(), *b = new_sbom_of_app();
	struct mdsec_sbom_diff_counts c;
	size_t n = 0;
	char *out = NULL;

	(void)state;
	assert_int_equal(mdsec_sbom_diff(a, b, &c), 0);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.removed, 1);
	assert_int_equal(c.changed, 2);
	assert_int_equal(c.deps_added, 2);
	assert_int_equal(c.deps_removed, 1);
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_string_equal(out, app_text);
	assert_int_equal(n, 7);
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

static json_t *member(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	assert_non_null(v);
	return v;
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(member(o, k));
}

static void test_json_report(void **state)
{
	mdsec_sbom *a = old_sbom(), *b = new_sbom_of_app();
	json_t *root, *v, *ch;
	size_t n = 0;
	char *out = NULL;

	(void)state;
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_JSON, &out, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(out[strlen(out) - 1], '\n');
	root = json_loads(out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(str(root, "format"), "mdsec.sbom-diff/1");
	v = member(root, "old");
	assert_string_equal(str(v, "name"), "app");
	assert_int_equal(json_integer_value(member(v, "components")), 4);
	assert_int_equal(json_integer_value(member(v, "dependencies")), 3);
	v = json_array_get(member(root, "added"), 0);
	assert_string_equal(str(v, "name"), "libnew");
	assert_string_equal(str(v, "purl"), "pkg:generic/libnew@2.0");
	assert_true(json_is_null(member(v, "cpe")));
	v = json_array_get(member(root, "removed"), 0);
	assert_string_equal(str(v, "ref"), "libold-1.0");
	v = member(root, "changed");
	assert_int_equal(json_array_size(v), 2);
	ch = json_array_get(v, 0);
	assert_string_equal(str(ch, "name"), "openssl");
	assert_string_equal(str(ch, "version"), "3.0.13");
	assert_string_equal(str(ch, "match"), "purl");
	assert_string_equal(str(ch, "new_ref"), "openssl-3.0.15");
	/* the purl differs in its version only: one change, the version */
	ch = member(ch, "changes");
	assert_int_equal(json_array_size(ch), 2);
	assert_string_equal(str(json_array_get(ch, 0), "field"), "version");
	assert_string_equal(str(json_array_get(ch, 0), "old"), "3.0.13");
	assert_string_equal(str(json_array_get(ch, 0), "new"), "3.0.15");
	assert_string_equal(str(json_array_get(ch, 1), "field"), "supplier");
	ch = json_array_get(v, 1);
	assert_string_equal(str(ch, "match"), "name");
	ch = json_array_get(member(ch, "changes"), 0);
	assert_string_equal(str(ch, "field"), "license");
	assert_true(json_is_null(member(ch, "old")));
	v = member(root, "dependencies");
	assert_int_equal(json_array_size(member(v, "added")), 2);
	assert_string_equal(str(json_array_get(member(v, "removed"), 0), "to"),
			    "libold@1.0");
	v = member(root, "summary");
	assert_int_equal(json_integer_value(member(v, "changed")), 2);
	assert_int_equal(json_integer_value(member(v, "dependencies_added")),
			 2);
	json_decref(root);
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

/* Renamed, same CPE product: changed (name and version), matched by CPE;
 * the CPE itself differs only in its version and is not a change. */
static void test_cpe_matches_a_renamed_component(void **state)
{
	static const struct spec o = {
		"glibc", "2.36", "GNU", NULL,
		"cpe:2.3:a:gnu:glibc:2.36:*:*:*:*:*:*:*"
	};
	static const struct spec n = {
		"GNU C Library", "2.37", "GNU", NULL,
		"cpe:2.3:a:gnu:glibc:2.37:*:*:*:*:*:*:*"
	};
	mdsec_sbom *a = new_sbom(), *b = new_sbom();
	size_t count = 0;
	char *out = NULL;

	(void)state;
	add(a, &o);
	add(b, &n);
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &count),
		0);
	assert_string_equal(out,
			    "~ glibc: name glibc -> GNU C Library; version "
			    "2.36 -> 2.37\n"
			    "0 added, 0 removed, 1 changed; dependencies: 0 "
			    "added, 0 removed\n");
	assert_int_equal(count, 1);
	free(out);
	/* another CPE field than the version is a change of the CPE */
	b->components.v[0].cpe = "cpe:2.3:a:gnu:glibc:2.37:*:*:*:*:*:arm:*";
	b->components.v[0].version = "2.36";
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_JSON, &out, &count),
		0);
	assert_int_equal(count, 1);
	assert_non_null(strstr(out, "\"match\": \"cpe\""));
	assert_non_null(strstr(out, "\"field\": \"cpe\""));
	assert_null(strstr(out, "\"field\": \"version\""));
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

/* Purls on both sides decide: same name, other package type, no match. */
static void test_different_purls_do_not_match_by_name(void **state)
{
	static const struct spec o = { "debug", "4.3.4", NULL,
				       "pkg:npm/debug@4.3.4" };
	static const struct spec n = { "debug", "4.3.4", NULL,
				       "pkg:pypi/debug@4.3.4" };
	static const struct spec q = { "left-pad", "1.3.0", NULL,
				       "pkg:npm/left-pad@1.3.0?arch=x" };
	static const struct spec r = { "left-pad", "1.3.0", NULL,
				       "pkg:npm/left-pad@1.3.0?arch=y" };
	mdsec_sbom *a = new_sbom(), *b = new_sbom();
	struct mdsec_sbom_diff_counts c;

	(void)state;
	add(a, &o);
	add(b, &n);
	add(a, &q);
	add(b, &r);
	assert_int_equal(mdsec_sbom_diff(a, b, &c), 0);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.removed, 1);
	/* qualifiers do not keep a match from happening; they are compared */
	assert_int_equal(c.changed, 1);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

/* Two versions of zlib before, two after: the common version pairs with
 * itself, the other two are one upgrade. */
static void test_same_version_pairs_first(void **state)
{
	static const struct spec z12 = { "zlib", "1.2.13" };
	static const struct spec z13 = { "zlib", "1.3" };
	static const struct spec z131 = { "zlib", "1.3.1" };
	mdsec_sbom *a = new_sbom(), *b = new_sbom();
	size_t n = 0;
	char *out = NULL;

	(void)state;
	add(a, &z12);
	add(a, &z13);
	add(b, &z131);
	add(b, &z13);
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_string_equal(out, "~ zlib: version 1.2.13 -> 1.3.1\n"
				 "0 added, 0 removed, 1 changed; "
				 "dependencies: 0 added, 0 removed\n");
	assert_int_equal(n, 1);
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

static void test_hashes_support_and_eos_are_compared(void **state)
{
	static const struct spec x = { "fw", "1", "Acme",
				       "pkg:generic/acme/fw@1" };
	mdsec_sbom *a = new_sbom(), *b = new_sbom();
	struct mdsec_component *p, *q;
	size_t n = 0;
	char *out = NULL;

	(void)state;
	add(a, &x);
	add(b, &x);
	p = &a->components.v[0];
	q = &b->components.v[0];
	assert_int_equal(sbom_add_hash(p, "SHA-256", "aa"), 0);
	assert_int_equal(sbom_add_hash(q, "SHA-256", "bb"), 0);
	assert_int_equal(sbom_add_hash(q, "SHA-1", "cc"), 0);
	p->support = "actively-maintained";
	q->support = "no-longer-maintained";
	q->end_of_support = "2027-06-30";
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_string_equal(
		out, "~ fw 1: support actively-maintained -> "
		     "no-longer-maintained; end_of_support (none) -> "
		     "2027-06-30; hashes SHA-256:aa -> SHA-1:cc SHA-256:bb\n"
		     "0 added, 0 removed, 1 changed; dependencies: 0 added, "
		     "0 removed\n");
	free(out);
	/* the same hashes in another order are the same hashes */
	p = &a->components.v[0];
	p->hashes.n = 0;
	assert_int_equal(sbom_add_hash(p, "SHA-1", "cc"), 0);
	assert_int_equal(sbom_add_hash(p, "SHA-256", "bb"), 0);
	p->support = q->support;
	p->end_of_support = q->end_of_support;
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_int_equal(n, 0);
	free(out);
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

/* Edges follow matched components: an upgrade of both ends keeps the
 * edge; empty SBOMs compare fine. */
static void test_edges_follow_matched_components(void **state)
{
	static const struct spec a1 = { "a", "1" }, b1 = { "b", "1" };
	static const struct spec a2 = { "a", "2" }, b2 = { "b", "2" };
	mdsec_sbom *x = new_sbom(), *y = new_sbom(), *e = new_sbom();
	struct mdsec_sbom_diff_counts c;

	(void)state;
	dep(x, add(x, &a1), add(x, &b1));
	dep(y, add(y, &a2), add(y, &b2));
	assert_int_equal(mdsec_sbom_diff(x, y, &c), 0);
	assert_int_equal(c.changed, 2);
	assert_int_equal(c.deps_added + c.deps_removed, 0);
	assert_int_equal(mdsec_sbom_diff(x, e, &c), 0);
	assert_int_equal(c.removed, 2);
	assert_int_equal(c.deps_removed, 1);
	assert_int_equal(mdsec_sbom_diff(e, e, &c), 0);
	assert_int_equal(c.added + c.removed + c.changed, 0);
	mdsec_sbom_free(x);
	mdsec_sbom_free(y);
	mdsec_sbom_free(e);
}

static void test_bad_arguments_are_usage_errors(void **state)
{
	mdsec_sbom *s = new_sbom();
	struct mdsec_sbom_diff_counts c;
	char *out = (char *)"x";
	size_t n = 5;

	(void)state;
	assert_int_equal(mdsec_sbom_diff_report(s, s, 3, &out, &n),
			 MDSEC_EUSAGE);
	assert_null(out);
	assert_int_equal(n, 0);
	assert_int_equal(mdsec_sbom_diff_report(NULL, s, 0, &out, &n),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_sbom_diff_report(s, s, 0, NULL, &n),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_sbom_diff(s, NULL, &c), MDSEC_EUSAGE);
	mdsec_sbom_free(s);
}

/* A real SBOM against itself: nothing; against a copy with one version
 * changed and one component's dependencies dropped: that. Skipped while
 * the file is absent. */
static void test_a_real_sbom(void **state)
{
	const char *path = MDSEC_TEST_SRCDIR
		"/tests/data/sbom/cyclonedx/laravel-7.12.0.cdx-1.4.json";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_sbom_diff_counts c;
	mdsec_sbom *a = NULL, *b = NULL;
	size_t i, k = MDSEC_SBOM_NONE, n = 0, ndeps;
	char *out = NULL;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	assert_int_equal(mdsec_sbom_read(&a, path, &dl), 0);
	assert_int_equal(mdsec_sbom_read(&b, path, &dl), 0);
	mdsec_diag_list_release(&dl);
	assert_int_equal(mdsec_sbom_diff(a, b, &c), 0);
	assert_int_equal(c.added + c.removed + c.changed + c.deps_added +
				 c.deps_removed,
			 0);
	for (i = 0; i < b->components.n && k == MDSEC_SBOM_NONE; i++)
		if (i != b->primary && b->components.v[i].deps.n)
			k = i;
	assert_true(k != MDSEC_SBOM_NONE);
	ndeps = b->components.v[k].deps.n;
	b->components.v[k].version = "99.0";
	b->components.v[k].deps.n = 0;
	assert_int_equal(mdsec_sbom_diff(a, b, &c), 0);
	assert_int_equal(c.added + c.removed, 0);
	assert_int_equal(c.changed, 1);
	assert_int_equal(c.deps_removed, ndeps);
	assert_int_equal(
		mdsec_sbom_diff_report(a, b, MDSEC_REPORT_TEXT, &out, &n), 0);
	assert_int_equal(n, 1 + ndeps);
	assert_non_null(strstr(out, " -> 99.0"));
	free(out);
	b->components.v[k].deps.n = ndeps;
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

/* Allocation N (and every later one) fails: MDSEC_ENOMEM and no output,
 * never a crash or a leak; without failures, the same report. */
static void test_allocation_failures_are_reported(void **state)
{
	mdsec_sbom *a = old_sbom(), *b = new_sbom_of_app();
	unsigned long k;
	size_t n = 0;
	char *out;
	int fmt, rc = -1;

	(void)state;
	assert_int_equal(sbom_add_hash(&a->components.v[1], "SHA-1", "aa"), 0);
	for (fmt = MDSEC_REPORT_TEXT; fmt <= MDSEC_REPORT_JSON; fmt++) {
		for (k = 1; k < 10000; k++) {
			out = NULL;
			xalloc_fail_after(k);
			rc = mdsec_sbom_diff_report(a, b, fmt, &out, &n);
			xalloc_fail_after(0);
			if (rc == 0)
				break;
			assert_int_equal(rc, MDSEC_ENOMEM);
			assert_null(out);
		}
		assert_int_equal(rc, 0);
		assert_int_equal(n, 7);
		free(out);
	}
	mdsec_sbom_free(a);
	mdsec_sbom_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_sboms_have_no_changes),
		cmocka_unit_test(test_added_removed_changed_and_edges),
		cmocka_unit_test(test_json_report),
		cmocka_unit_test(test_cpe_matches_a_renamed_component),
		cmocka_unit_test(test_different_purls_do_not_match_by_name),
		cmocka_unit_test(test_same_version_pairs_first),
		cmocka_unit_test(test_hashes_support_and_eos_are_compared),
		cmocka_unit_test(test_edges_follow_matched_components),
		cmocka_unit_test(test_bad_arguments_are_usage_errors),
		cmocka_unit_test(test_a_real_sbom),
		cmocka_unit_test(test_allocation_failures_are_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
