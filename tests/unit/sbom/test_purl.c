/* SPDX-License-Identifier: Apache-2.0
 *
 * test_purl.c - the Package URL module against the published purl test
 * suite (tests/data/purl/, README.md there: source commit and license):
 * every case of spec/specification-test.json and of each
 * types/<type>-test.json, whatever its test_type (parse, validate, build)
 * and test_group (required, recommended). A parse must give exactly the
 * expected components, a validate or build exactly the expected string,
 * an expected failure must fail; every parsed purl must also survive a
 * round trip through its canonical string. The few cases the module
 * deliberately does not follow are listed below with their reason, and
 * are still run: an exempted case that starts passing fails the test, so
 * the list cannot go stale. The counts of files and cases are asserted,
 * so that a missing file cannot make the suite pass vacuously.
 *
 * Then: the exact error messages and columns, the type table against the
 * machine-readable type definitions, normalisation of unvalidated
 * structs, and allocation failure injection.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/purl.h"
#include "base/xalloc.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/purl"

/* The suite as copied (tests/data/purl/README.md). */
#define SPEC_CASES	 18
#define TYPE_FILES	 42
#define TYPE_CASES	 568
#define DEFINITION_FILES 42
#define MAX_RUNS	 100000ul

/*
 * Cases the module deliberately does not follow. Keep this list short;
 * each entry needs a reason that points at the conflicting rule.
 */
struct exemption {
	const char *file;
	const char *test_type;
	const char *input;
	const char *reason;
};

static const struct exemption exemptions[] = {
	{ "gem-test.json", "parse",
	  "pkg:gem/jruby-launcher@1.1.2?Platform=java",
	  "expects a failure for an upper-case qualifier key, but the "
	  "required maven-test.json case 'pkg:Maven/...?type=pom&"
	  "repositorY_url=...' expects the same kind of key to parse, "
	  "lower-cased, as how-to-parse.md says ('the key is the lowercase "
	  "left side'): keys are lower-cased" },
	{ "rpm-test.json", "parse",
	  "pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25",
	  "same conflict as the gem case: upper-case qualifier keys are "
	  "lower-cased, as the required maven case and how-to-parse.md want" },
	{ "git-test.json", "validate",
	  "pkg:git/github/Package-url/purl-Spec@244fd47e07d1004f0aed9c",
	  "a 'recommended' case that lower-cases the namespace and name, "
	  "while git-definition.json declares both case_sensitive: true "
	  "(git hosts and paths can be case-sensitive; the definition's own "
	  "example is gitlab.gnome.org/GNOME/adwaita-fonts)" },
};

#define NEXEMPT (sizeof(exemptions) / sizeof(exemptions[0]))

struct tally {
	size_t files, cases, passed, exempt;
	size_t used[NEXEMPT]; /* how often each exemption matched */
	int failures;
};

static const struct exemption *find_exemption(const char *file,
					      const char *type, json_t *input,
					      struct tally *t)
{
	size_t i;

	if (!json_is_string(input))
		return NULL;
	for (i = 0; i < NEXEMPT; i++)
		if (!strcmp(exemptions[i].file, file) &&
		    !strcmp(exemptions[i].test_type, type) &&
		    !strcmp(exemptions[i].input, json_string_value(input))) {
			t->used[i]++;
			return &exemptions[i];
		}
	return NULL;
}

/* got (may be NULL) against a JSON string or null. */
static bool same_str(const char *got, json_t *want)
{
	if (!want || json_is_null(want))
		return got == NULL;
	return got && json_is_string(want) &&
	       !strcmp(got, json_string_value(want));
}

static const char *or_null(const char *s)
{
	return s ? s : "(null)";
}

/* Compare a parsed purl with the expected components; why on mismatch. */
static bool same_purl(const struct mdsec_purl *p, json_t *want, char *why,
		      size_t whylen)
{
	json_t *q = json_object_get(want, "qualifiers"), *v;
	const char *key;
	size_t i;

	if (!same_str(p->type, json_object_get(want, "type")) ||
	    !same_str(p->namespace_, json_object_get(want, "namespace")) ||
	    !same_str(p->name, json_object_get(want, "name")) ||
	    !same_str(p->version, json_object_get(want, "version")) ||
	    !same_str(p->subpath, json_object_get(want, "subpath"))) {
		snprintf(why, whylen,
			 "got type %s namespace %s name %s version %s "
			 "subpath %s",
			 or_null(p->type), or_null(p->namespace_),
			 or_null(p->name), or_null(p->version),
			 or_null(p->subpath));
		return false;
	}
	if (p->nqualifiers != (json_is_object(q) ? json_object_size(q) : 0)) {
		snprintf(why, whylen, "got %zu qualifiers", p->nqualifiers);
		return false;
	}
	for (i = 0; i < p->nqualifiers; i++) {
		if (i && strcmp(p->qualifiers[i - 1].key,
				p->qualifiers[i].key) >= 0) {
			snprintf(why, whylen, "qualifiers not sorted");
			return false;
		}
	}
	json_object_foreach(q, key, v)
	{
		const char *got = mdsec_purl_qualifier(p, key);

		if (!same_str(got, v)) {
			snprintf(why, whylen, "qualifier %s: got %s", key,
				 or_null(got));
			return false;
		}
	}
	return true;
}

static bool same_parsed(const struct mdsec_purl *a, const struct mdsec_purl *b)
{
	size_t i;

	if (strcmp(or_null(a->type), or_null(b->type)) ||
	    strcmp(or_null(a->namespace_), or_null(b->namespace_)) ||
	    strcmp(or_null(a->name), or_null(b->name)) ||
	    strcmp(or_null(a->version), or_null(b->version)) ||
	    strcmp(or_null(a->subpath), or_null(b->subpath)) ||
	    a->nqualifiers != b->nqualifiers)
		return false;
	for (i = 0; i < a->nqualifiers; i++)
		if (strcmp(a->qualifiers[i].key, b->qualifiers[i].key) ||
		    strcmp(a->qualifiers[i].value, b->qualifiers[i].value))
			return false;
	return true;
}

static bool is_zero(const struct mdsec_purl *p)
{
	return !p->type && !p->namespace_ && !p->name && !p->version &&
	       !p->qualifiers && !p->nqualifiers && !p->subpath;
}

/* The canonical string of p parses back to p and is its own canonical
 * string. */
static bool round_trips(const struct mdsec_purl *p, char *why, size_t whylen)
{
	struct mdsec_purl again;
	char err[MDSEC_PURL_ERR_MAX];
	char *s = mdsec_purl_to_string(p), *s2;
	bool ok;

	assert_non_null(s);
	if (mdsec_purl_parse(s, &again, err, sizeof(err), NULL)) {
		snprintf(why, whylen, "canonical %s does not parse: %s", s,
			 err);
		free(s);
		return false;
	}
	s2 = mdsec_purl_to_string(&again);
	assert_non_null(s2);
	ok = same_parsed(p, &again) && !strcmp(s, s2);
	if (!ok)
		snprintf(why, whylen, "canonical %s gives %s", s, s2);
	free(s);
	free(s2);
	mdsec_purl_release(&again);
	return ok;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Build from the components of a JSON object: 0 with *out the canonical
 * string, or the error code. */
static int build_from(json_t *in, char **out, struct mdsec_purl *p, char *err,
		      size_t errlen)
{
	struct mdsec_purl_qualifier q[64];
	json_t *qs = json_object_get(in, "qualifiers"), *v;
	const char *key;
	size_t nq = 0;
	int rc;

	json_object_foreach(qs, key, v)
	{
		assert_true(nq < 64);
		q[nq].key = (char *)key;
		q[nq].value = (char *)json_string_value(v);
		nq++;
	}
	*out = NULL;
	rc = mdsec_purl_build(jstr(in, "type"), jstr(in, "namespace"),
			      jstr(in, "name"), jstr(in, "version"), q, nq,
			      jstr(in, "subpath"), p, err, errlen);
	if (rc == 0) {
		*out = mdsec_purl_to_string(p);
		assert_non_null(*out);
	}
	return rc;
}

/* Run one case; true when the module gives what the case expects. */
static bool run_case(json_t *tc, char *why, size_t whylen)
{
	const char *type = jstr(tc, "test_type");
	json_t *input = json_object_get(tc, "input");
	json_t *want = json_object_get(tc, "expected_output");
	bool fail = json_is_true(json_object_get(tc, "expected_failure"));
	struct mdsec_purl p;
	char err[MDSEC_PURL_ERR_MAX];
	char *s = NULL;
	unsigned col = 0;
	bool ok;
	int rc;

	why[0] = '\0';
	if (type && !strcmp(type, "parse") && json_is_string(input)) {
		const char *in = json_string_value(input);

		rc = mdsec_purl_parse(in, &p, err, sizeof(err), &col);
		if (fail) {
			ok = rc == MDSEC_EINPUT && is_zero(&p) && err[0] &&
			     col >= 1 && col <= strlen(in) + 1;
			if (!ok)
				snprintf(why, whylen,
					 "parsed, expected a failure");
			mdsec_purl_release(&p);
			return ok;
		}
		if (rc) {
			snprintf(why, whylen, "column %u: %s", col, err);
			return false;
		}
		ok = same_purl(&p, want, why, whylen) &&
		     round_trips(&p, why, whylen);
		mdsec_purl_release(&p);
		return ok;
	}
	if (type && !strcmp(type, "validate") && json_is_string(input)) {
		rc = mdsec_purl_canonical(json_string_value(input), &s, err,
					  sizeof(err), &col);
		if (fail)
			ok = rc == MDSEC_EINPUT && !s;
		else
			ok = rc == 0 && same_str(s, want);
		if (!ok)
			snprintf(why, whylen, "got %s", rc ? err : s);
		free(s);
		return ok;
	}
	if (type && !strcmp(type, "build") && json_is_object(input)) {
		rc = build_from(input, &s, &p, err, sizeof(err));
		if (fail) {
			ok = rc == MDSEC_EINPUT && is_zero(&p) && err[0];
			if (!ok)
				snprintf(why, whylen,
					 "built %s, expected a failure", s);
		} else {
			ok = rc == 0 && same_str(s, want);
			if (!ok)
				snprintf(why, whylen, "got %s", rc ? err : s);
		}
		free(s);
		mdsec_purl_release(&p);
		return ok;
	}
	snprintf(why, whylen, "unknown test_type %s", or_null(type));
	return false;
}

static size_t run_file(const char *dir, const char *file, struct tally *t)
{
	char path[4096], why[1024];
	json_error_t jerr;
	json_t *root, *tests, *tc;
	size_t i, n;

	snprintf(path, sizeof(path), "%s/%s/%s", DATA, dir, file);
	root = json_load_file(path, 0, &jerr);
	if (!root)
		fail_msg("%s:%d: %s", path, jerr.line, jerr.text);
	tests = json_object_get(root, "tests");
	assert_true(json_is_array(tests));
	n = json_array_size(tests);
	t->files++;
	json_array_foreach(tests, i, tc)
	{
		const struct exemption *ex =
			find_exemption(file, or_null(jstr(tc, "test_type")),
				       json_object_get(tc, "input"), t);
		bool ok = run_case(tc, why, sizeof(why));

		t->cases++;
		if (ex && ok) {
			fprintf(stderr,
				"%s: case %zu (%s %s) now passes: remove "
				"its exemption\n",
				path, i, jstr(tc, "test_type"), ex->input);
			t->failures++;
		} else if (ex) {
			t->exempt++;
		} else if (ok) {
			t->passed++;
		} else {
			char *in = json_dumps(json_object_get(tc, "input"),
					      JSON_ENCODE_ANY | JSON_COMPACT);

			fprintf(stderr, "%s: case %zu (%s, %s) %s: %s\n", path,
				i, or_null(jstr(tc, "test_group")),
				or_null(jstr(tc, "test_type")), in, why);
			free(in);
			t->failures++;
		}
	}
	json_decref(root);
	return n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of DATA/dir ending in suffix, sorted; *n of them. */
static char **list_dir(const char *dir, const char *suffix, size_t *n)
{
	char path[4096];
	char **v = NULL;
	struct dirent *d;
	DIR *dp;
	size_t sl = strlen(suffix);

	*n = 0;
	snprintf(path, sizeof(path), "%s/%s", DATA, dir);
	dp = opendir(path);
	if (!dp)
		fail_msg("%s: cannot open", path);
	while ((d = readdir(dp)) != NULL) {
		size_t l = strlen(d->d_name);

		if (l <= sl || strcmp(d->d_name + l - sl, suffix))
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		assert_non_null(v);
		v[*n] = strdup(d->d_name);
		assert_non_null(v[*n]);
		(*n)++;
	}
	closedir(dp);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void report(const char *what, const struct tally *t)
{
	printf("%s: %zu files, %zu cases, %zu pass, %zu exempt\n", what,
	       t->files, t->cases, t->passed, t->exempt);
}

static void every_specification_case_passes(void **state)
{
	struct tally t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(run_file("spec", "specification-test.json", &t),
			 SPEC_CASES);
	report("specification-test.json", &t);
	assert_int_equal(t.failures, 0);
	assert_int_equal(t.cases, SPEC_CASES);
	assert_int_equal(t.passed + t.exempt, SPEC_CASES);
}

static void every_type_case_passes_or_is_exempt(void **state)
{
	struct tally t;
	char **files;
	size_t n, i;

	(void)state;
	memset(&t, 0, sizeof(t));
	files = list_dir("types", "-test.json", &n);
	assert_int_equal(n, TYPE_FILES);
	for (i = 0; i < n; i++)
		run_file("types", files[i], &t);
	free_list(files, n);
	report("types/*-test.json", &t);
	for (i = 0; i < NEXEMPT; i++)
		if (t.used[i] != 1)
			fail_msg("exemption %s %s matched %zu cases "
				 "(expected 1)",
				 exemptions[i].file, exemptions[i].input,
				 t.used[i]);
	assert_int_equal(t.failures, 0);
	assert_int_equal(t.files, TYPE_FILES);
	assert_int_equal(t.cases, TYPE_CASES);
	assert_int_equal(t.exempt, NEXEMPT);
	assert_int_equal(t.passed + t.exempt, TYPE_CASES);
}

/* Every registered type has its test file and its definition. */
static void every_registered_type_has_tests_and_a_definition(void **state)
{
	json_error_t jerr;
	json_t *index = json_load_file(DATA "/purl-types-index.json", 0, &jerr);
	char **tests, **defs, name[256];
	size_t nt, nd, i;
	json_t *v;

	(void)state;
	assert_non_null(index);
	tests = list_dir("types", "-test.json", &nt);
	defs = list_dir("definitions", "-definition.json", &nd);
	assert_int_equal(json_array_size(index), TYPE_FILES);
	assert_int_equal(nd, DEFINITION_FILES);
	json_array_foreach(index, i, v)
	{
		snprintf(name, sizeof(name), "%s-test.json",
			 json_string_value(v));
		assert_string_equal(tests[i], name);
		snprintf(name, sizeof(name), "%s-definition.json",
			 json_string_value(v));
		assert_string_equal(defs[i], name);
	}
	free_list(tests, nt);
	free_list(defs, nd);
	json_decref(index);
}

/*
 * The module's type table against the definitions: namespace required,
 * optional or prohibited; a case_sensitive: false component lower-cased
 * and any other kept as written; required qualifiers required. The cpan
 * namespace is upper-cased (its definition says so in prose).
 */
static void type_rules_match_the_definitions(void **state)
{
	char **defs, path[4096], err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl_qualifier q[4];
	size_t nd, i, nq;

	(void)state;
	defs = list_dir("definitions", "-definition.json", &nd);
	assert_int_equal(nd, DEFINITION_FILES);
	for (i = 0; i < nd; i++) {
		json_error_t jerr;
		json_t *d, *ns, *nm, *ver, *sub, *qd, *v;
		struct mdsec_purl p;
		const char *type, *req, *name, *version, *want;
		size_t k;
		bool chrome;
		int rc;

		snprintf(path, sizeof(path), "%s/definitions/%s", DATA,
			 defs[i]);
		d = json_load_file(path, 0, &jerr);
		assert_non_null(d);
		type = jstr(d, "type");
		ns = json_object_get(d, "namespace_definition");
		nm = json_object_get(d, "name_definition");
		ver = json_object_get(d, "version_definition");
		sub = json_object_get(d, "subpath_definition");
		req = jstr(ns, "requirement");
		chrome = !strcmp(type, "chrome-extension");
		name = chrome ? "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP" : "NameX";
		version = chrome ? "1.2" : "VerX";
		nq = 0;
		qd = json_object_get(d, "qualifiers_definition");
		json_array_foreach(qd, k, v)
		{
			const char *r = jstr(v, "requirement");

			if (r && !strcmp(r, "required")) {
				q[nq].key = (char *)jstr(v, "key");
				q[nq++].value = (char *)"x";
			}
		}
		/* with a namespace */
		rc = mdsec_purl_build(type, "NsX", name, version, q, nq, "SubX",
				      &p, err, sizeof(err));
		if (!strcmp(req, "prohibited")) {
			if (rc != MDSEC_EINPUT)
				fail_msg("%s: namespace accepted", type);
		} else {
			if (rc)
				fail_msg("%s: %s", type, err);
			want = !strcmp(type, "cpan") ? "NSX"
			       : json_is_false(
					 json_object_get(ns, "case_sensitive"))
				       ? "nsx"
				       : "NsX";
			if (strcmp(p.namespace_, want))
				fail_msg("%s: namespace %s", type,
					 p.namespace_);
		}
		mdsec_purl_release(&p);
		/* without */
		rc = mdsec_purl_build(type, NULL, name, version, q, nq, "SubX",
				      &p, err, sizeof(err));
		if (!strcmp(req, "required")) {
			if (rc != MDSEC_EINPUT)
				fail_msg("%s: no namespace accepted", type);
		} else {
			if (rc)
				fail_msg("%s: %s", type, err);
			if (json_is_false(
				    json_object_get(nm, "case_sensitive")))
				assert_string_equal(p.name,
						    chrome ? "abcdefghijklmnop"
							     "abcdefghijklmnop"
							   : "namex");
			else
				assert_string_equal(p.name, name);
			assert_string_equal(p.version,
					    json_is_false(json_object_get(
						    ver, "case_sensitive"))
						    ? "verx"
						    : version);
			assert_string_equal(p.subpath,
					    json_is_false(json_object_get(
						    sub, "case_sensitive"))
						    ? "subx"
						    : "SubX");
		}
		mdsec_purl_release(&p);
		/* a required qualifier is required */
		if (nq) {
			rc = mdsec_purl_build(type, NULL, name, NULL, NULL, 0,
					      NULL, &p, err, sizeof(err));
			if (rc != MDSEC_EINPUT)
				fail_msg("%s: no %s accepted", type, q[0].key);
		}
		json_decref(d);
	}
	free_list(defs, nd);
}

/* Exact messages and columns of parse errors. */
struct bad_purl {
	const char *input;
	const char *message;
	unsigned col;
};

static const struct bad_purl bad_purls[] = {
	{ "EnterpriseLibrary.Common@6.0.1304",
	  "missing scheme 'pkg:' (expected 'pkg:type/name')", 1 },
	{ "pkg%3Amaven/org.apache.commons/io",
	  "missing scheme 'pkg:' (expected 'pkg:type/name')", 1 },
	{ "pkg:", "missing type (expected 'pkg:type/name')", 5 },
	{ "pkg:/", "missing type (expected 'pkg:type/name')", 6 },
	{ "pkg:3nginx/nginx@0.8.9",
	  "type '3nginx' starts with '3' (expected an ASCII letter first)", 5 },
	{ "pkg:nginx:a/nginx@0.8.9",
	  "invalid character ':' in type 'nginx:a' (expected ASCII letters, "
	  "digits, '.' or '-')",
	  10 },
	{ "pkg:EnterpriseLibrary.Common@6.0.1304",
	  "invalid character '@' in type 'EnterpriseLibrary.Common@6.0.1304' "
	  "(expected ASCII letters, digits, '.' or '-')",
	  29 },
	{ "pkg:maven/@1.3.4", "missing name (expected 'pkg:maven/name')", 11 },
	{ "pkg:hackage", "missing name (expected 'pkg:hackage/name')", 12 },
	{ "pkg:NPM/", "missing name (expected 'pkg:npm/name')", 9 },
	{ "pkg:generic/a%zz",
	  "bad percent-encoding '%zz' (expected '%' and two hex digits)", 14 },
	{ "pkg:generic/a%4",
	  "bad percent-encoding '%4' (expected '%' and two hex digits)", 14 },
	{ "pkg:generic/a@1%",
	  "bad percent-encoding '%' (expected '%' and two hex digits)", 16 },
	{ "pkg:generic/a\xff",
	  "invalid UTF-8 byte 0xff (expected well-formed UTF-8)", 14 },
	{ "pkg:generic/caf\xc3",
	  "invalid UTF-8 byte 0xc3 (expected well-formed UTF-8)", 16 },
	{ "pkg:generic/caf%C3%A9%FF",
	  "percent-decoded name 'caf\\xc3\\xa9\\xff' is not UTF-8 (expected "
	  "percent-encoded UTF-8)",
	  22 },
	{ "pkg:generic/a%00b",
	  "percent-encoded NUL byte '%00' in name (expected any other "
	  "character)",
	  14 },
	{ "pkg:generic/a\nb",
	  "control character 0x0a (expected it percent-encoded)", 14 },
	{ "pkg:generic/a b\x7f",
	  "control character 0x7f (expected it percent-encoded)", 16 },
	{ "pkg:npm/myartifact@1.0.0?in%20production=true",
	  "invalid character '%' in qualifier key 'in%20production' "
	  "(expected ASCII letters, digits, '.', '-' or '_')",
	  28 },
	{ "pkg:npm/a?1x=y",
	  "qualifier key '1x' starts with '1' (expected an ASCII letter "
	  "first)",
	  11 },
	{ "pkg:npm/a?=y", "empty qualifier key (expected key=value)", 11 },
	{ "pkg:npm/a?arch", "qualifier 'arch' has no '=' (expected key=value)",
	  11 },
	{ "pkg:npm/a?arch=x86&os=linux&Arch=arm",
	  "duplicate qualifier key 'arch' (expected each key once)", 29 },
	{ "pkg:npm/a?x=%G1",
	  "bad percent-encoding '%G1' (expected '%' and two hex digits)", 13 },
	{ "pkg:npm/a%2Fb/c",
	  "percent-decoded namespace segment 'a/b' contains '/' (expected '/' "
	  "only between segments)",
	  9 },
	{ "pkg:npm/a#b/c%2Fd",
	  "percent-decoded subpath segment 'c/d' contains '/' (expected '/' "
	  "only between segments)",
	  13 },
	{ "pkg:generic/a?u=http://h/p?q=1",
	  "unencoded '?' before the qualifiers (expected '%3F')", 14 },
	{ "pkg:generic/a#b#c",
	  "unencoded '#' before the subpath (expected "
	  "'%23')",
	  14 },
	{ "pkg:swift/Alamofire@5.4.3",
	  "missing namespace for type 'swift' (expected "
	  "'pkg:swift/namespace/name')",
	  11 },
	{ "pkg:swift/github.com/Alamofire/@5.4.3",
	  "missing name (expected 'pkg:swift/name')", 32 },
	{ "pkg:vcpkg/boost/asio@1.84.0",
	  "namespace 'boost' not allowed for type 'vcpkg' (expected "
	  "'pkg:vcpkg/name')",
	  11 },
	{ "pkg:julia/Dates",
	  "missing qualifier 'uuid' for type 'julia' (expected '?uuid=...')",
	  16 },
	{ "pkg:julia/Dates?x=1#sub",
	  "missing qualifier 'uuid' for type 'julia' (expected '?uuid=...')",
	  16 },
	{ "pkg:cpan/GDT/URI::PackageURL",
	  "name 'URI::PackageURL' is a module name (expected a cpan "
	  "distribution name, without '::')",
	  14 },
	{ "pkg:chrome-extension/dogs",
	  "name 'dogs' is not an extension id (expected 32 letters 'a' to "
	  "'p' for type 'chrome-extension')",
	  22 },
	{ "pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3-beta",
	  "version '1.2.3-beta' is invalid (expected 1 to 4 dot-separated "
	  "numbers for type 'chrome-extension')",
	  55 },
	{ "pkg:swid/a/b/c/n?tag_id=x",
	  "namespace 'a/b/c' has more than two segments (expected at most 2 "
	  "for type 'swid')",
	  10 },
};

static void parse_errors_have_exact_messages_and_columns(void **state)
{
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p;
	unsigned col;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(bad_purls) / sizeof(bad_purls[0]); i++) {
		col = 12345;
		memset(&p, 0xa5, sizeof(p));
		rc = mdsec_purl_parse(bad_purls[i].input, &p, err, sizeof(err),
				      &col);
		if (rc != MDSEC_EINPUT || strcmp(err, bad_purls[i].message) ||
		    col != bad_purls[i].col)
			fail_msg("%s: got %d, column %u: %s",
				 bad_purls[i].input, rc, col, err);
		assert_true(is_zero(&p));
	}
}

static void over_long_input_is_refused_at_the_cap(void **state)
{
	char *s = malloc(MDSEC_PURL_MAX_LEN + 64), err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p;
	unsigned col = 0;
	size_t n;

	(void)state;
	assert_non_null(s);
	n = (size_t)snprintf(s, 64, "pkg:generic/");
	memset(s + n, 'a', MDSEC_PURL_MAX_LEN - n);
	s[MDSEC_PURL_MAX_LEN] = '\0';
	assert_int_equal(mdsec_purl_parse(s, &p, err, sizeof(err), &col), 0);
	assert_string_equal(err, "");
	assert_int_equal(col, 0);
	mdsec_purl_release(&p);
	s[MDSEC_PURL_MAX_LEN] = 'a';
	s[MDSEC_PURL_MAX_LEN + 1] = '\0';
	assert_int_equal(mdsec_purl_parse(s, &p, err, sizeof(err), &col),
			 MDSEC_EINPUT);
	assert_string_equal(err, "purl longer than 8192 bytes (expected at "
				 "most 8192)");
	assert_int_equal(col, MDSEC_PURL_MAX_LEN + 1);
	assert_true(is_zero(&p));
	free(s);
}

static void errors_are_truncated_to_the_buffer_and_col_is_optional(void **state)
{
	char err[8];
	struct mdsec_purl p;
	char *s = (char *)"x";

	(void)state;
	assert_int_equal(mdsec_purl_parse("nope", &p, err, sizeof(err), NULL),
			 MDSEC_EINPUT);
	assert_string_equal(err, "missing");
	assert_int_equal(mdsec_purl_parse("nope", &p, NULL, 0, NULL),
			 MDSEC_EINPUT);
	assert_int_equal(mdsec_purl_parse(NULL, &p, NULL, 0, NULL),
			 MDSEC_EINPUT);
	assert_int_equal(mdsec_purl_canonical("nope", &s, NULL, 0, NULL),
			 MDSEC_EINPUT);
	assert_null(s);
}

/* Exact messages of build errors. */
static void build_errors_have_exact_messages(void **state)
{
	struct mdsec_purl_qualifier q[2] = { { (char *)"in production",
					       (char *)"true" },
					     { NULL, (char *)"x" } };
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p;

	(void)state;
	assert_int_equal(mdsec_purl_build(NULL, NULL, "nginx", "0.8.9", NULL, 0,
					  NULL, &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "missing type (expected 'pkg:type/name')");
	assert_int_equal(mdsec_purl_build("maven", NULL, NULL, NULL, NULL, 0,
					  NULL, &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "missing name (expected 'pkg:maven/name')");
	assert_int_equal(mdsec_purl_build("generic", NULL, "//", NULL, NULL, 0,
					  NULL, &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "missing name (expected 'pkg:generic/name')");
	assert_int_equal(mdsec_purl_build("npm", NULL, "a", NULL, q, 1, NULL,
					  &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "invalid character ' ' in qualifier key 'in "
				 "production' (expected ASCII letters, "
				 "digits, '.', '-' or '_')");
	assert_int_equal(mdsec_purl_build("npm", NULL, "a", NULL, q + 1, 1,
					  NULL, &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "empty qualifier key (expected key=value)");
	assert_int_equal(mdsec_purl_build("npm", NULL, "caf\xc3", NULL, NULL, 0,
					  NULL, &p, err, sizeof(err)),
			 MDSEC_EINPUT);
	assert_string_equal(err, "name 'caf\\xc3' is not UTF-8 (expected UTF-8 "
				 "text)");
	assert_true(is_zero(&p));
}

/* Canonical strings of valid but non-canonical input. */
static void canonical_forms(void **state)
{
	static const char *const cases[][2] = {
		{ "PKG:///NPM//%40Babel//Core@7.0.0/?B=2&a=1&c=#/./x/../y/",
		  "pkg:npm/%40Babel/Core@7.0.0?a=1&b=2#x/y" },
		{ "pkg:generic/na%20me@1.0+b?v=a%2Cb",
		  "pkg:generic/na%20me@1.0%2Bb?v=a%2Cb" },
		{ "pkg:generic/caf%c3%a9%7e", "pkg:generic/caf%C3%A9~" },
		{ "pkg:generic/caf\xc3\xa9", "pkg:generic/caf%C3%A9" },
		{ "pkg:pypi/Zope_Interface@5.0",
		  "pkg:pypi/zope-interface@5.0" },
		{ "pkg:pub/Flutter-Test@1", "pkg:pub/flutter_test@1" },
		{ "pkg:cpan/drolsky/DateTime", "pkg:cpan/DROLSKY/DateTime" },
		{ "pkg:git/GitLab.gnome.org/GNOME/adwaita-fonts",
		  "pkg:git/GitLab.gnome.org/GNOME/adwaita-fonts" },
		{ "pkg:generic/a?x=%00%31", NULL },
		{ "pkg:generic/%2Fa%2F", "pkg:generic/a" },
		{ "pkg:generic/a%2Fb", "pkg:generic/a%2Fb" },
		{ "pkg:generic/a@", "pkg:generic/a" },
		{ "pkg:generic/a?&&x=1&", "pkg:generic/a?x=1" },
		{ "pkg:generic/a#%2E%2E/b", "pkg:generic/a#b" },
		{ "pkg:generic/a##b", NULL },
		{ "pkg:mlflow/Model?repository_url=https://X.Databricks.com",
		  "pkg:mlflow/"
		  "model?repository_url=https:%2F%2FX.Databricks.com" },
	};
	char err[MDSEC_PURL_ERR_MAX];
	size_t i;
	char *s;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rc = mdsec_purl_canonical(cases[i][0], &s, err, sizeof(err),
					  NULL);
		if (!cases[i][1]) {
			assert_int_equal(rc, MDSEC_EINPUT);
			continue;
		}
		if (rc || strcmp(s, cases[i][1]))
			fail_msg("%s: got %s", cases[i][0], rc ? err : s);
		free(s);
	}
}

/* to_string() normalises whatever it is given, without validating. */
static void to_string_normalises_unvalidated_structs(void **state)
{
	struct mdsec_purl_qualifier q[4] = {
		{ (char *)"Zeta", (char *)"1" },
		{ (char *)"alpha", (char *)"" },
		{ NULL, (char *)"dropped" },
		{ (char *)"Beta", (char *)"a b/c" },
	};
	struct mdsec_purl p;
	char *s;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.type = (char *)"GitHub";
	p.namespace_ = (char *)"/Package-URL//";
	p.name = (char *)"Purl-Spec";
	p.version = (char *)"";
	p.qualifiers = q;
	p.nqualifiers = 4;
	p.subpath = (char *)"./a/../b//";
	s = mdsec_purl_to_string(&p);
	assert_string_equal(s, "pkg:github/package-url/purl-spec?beta=a%20b%2F"
			       "c&zeta=1#a/b");
	free(s);
	memset(&p, 0, sizeof(p));
	s = mdsec_purl_to_string(&p);
	assert_string_equal(s, "pkg:/");
	free(s);
	assert_null(mdsec_purl_to_string(NULL));
	assert_null(mdsec_purl_qualifier(NULL, "x"));
	mdsec_purl_release(NULL);
}

static void build_normalises_like_parse(void **state)
{
	struct mdsec_purl_qualifier q[2] = {
		{ (char *)"Repository_URL", (char *)"https://x" },
		{ (char *)"empty", NULL },
	};
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p, p2;

	(void)state;
	assert_int_equal(mdsec_purl_build("Maven", "/org//apache/", "/io/", "",
					  q, 2, "../x/./y", &p, err,
					  sizeof(err)),
			 0);
	assert_string_equal(p.type, "maven");
	assert_string_equal(p.namespace_, "org/apache");
	assert_string_equal(p.name, "io");
	assert_null(p.version);
	assert_int_equal(p.nqualifiers, 1);
	assert_string_equal(p.qualifiers[0].key, "repository_url");
	assert_string_equal(mdsec_purl_qualifier(&p, "repository_url"),
			    "https://x");
	assert_string_equal(p.subpath, "x/y");
	assert_int_equal(mdsec_purl_parse("pkg:maven/org/apache/io?"
					  "repository_url=https:%2F%2Fx#x/y",
					  &p2, err, sizeof(err), NULL),
			 0);
	assert_true(same_parsed(&p, &p2));
	mdsec_purl_release(&p);
	mdsec_purl_release(&p2);
}

static void allocation_failures_are_clean(void **state)
{
	static const char purl[] =
		"pkg:git/codeberg.org/forgejo/forgejo@v1?b=2&a=%20x&c=#/x/./y";
	static const char want[] =
		"pkg:git/codeberg.org/forgejo/forgejo@v1?a=%20x&b=2#x/y";
	struct mdsec_purl_qualifier q[2] = { { (char *)"B", (char *)"2" },
					     { (char *)"a", (char *)" x" } };
	char err[MDSEC_PURL_ERR_MAX];
	struct mdsec_purl p;
	unsigned long n, count;
	char *s = NULL;
	int rc, done = 0;

	(void)state;
	for (n = 1; n < MAX_RUNS && done != 7; n++) {
		xalloc_fail_after(n);
		rc = mdsec_purl_parse(purl, &p, err, sizeof(err), NULL);
		count = xalloc_count();
		xalloc_fail_after(0);
		assert_true(rc == 0 || rc == MDSEC_ENOMEM);
		if (rc)
			assert_true(is_zero(&p));
		mdsec_purl_release(&p);
		if (rc == 0 && count < n)
			done |= 1;

		xalloc_fail_after(n);
		rc = mdsec_purl_canonical(purl, &s, err, sizeof(err), NULL);
		count = xalloc_count();
		xalloc_fail_after(0);
		assert_true(rc == 0 || rc == MDSEC_ENOMEM);
		if (rc == 0)
			assert_string_equal(s, want);
		else
			assert_null(s);
		free(s);
		if (rc == 0 && count < n)
			done |= 2;

		xalloc_fail_after(n);
		rc = mdsec_purl_build("git", "codeberg.org", "forgejo/forgejo",
				      "v1", q, 2, "x/y", &p, err, sizeof(err));
		count = xalloc_count();
		xalloc_fail_after(0);
		assert_true(rc == 0 || rc == MDSEC_ENOMEM);
		if (rc)
			assert_true(is_zero(&p));
		else
			s = mdsec_purl_to_string(&p);
		mdsec_purl_release(&p);
		if (rc == 0) {
			assert_string_equal(s, want);
			free(s);
		}
		if (rc == 0 && count < n)
			done |= 4;
	}
	assert_int_equal(done, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_specification_case_passes),
		cmocka_unit_test(every_type_case_passes_or_is_exempt),
		cmocka_unit_test(
			every_registered_type_has_tests_and_a_definition),
		cmocka_unit_test(type_rules_match_the_definitions),
		cmocka_unit_test(parse_errors_have_exact_messages_and_columns),
		cmocka_unit_test(over_long_input_is_refused_at_the_cap),
		cmocka_unit_test(
			errors_are_truncated_to_the_buffer_and_col_is_optional),
		cmocka_unit_test(build_errors_have_exact_messages),
		cmocka_unit_test(canonical_forms),
		cmocka_unit_test(to_string_normalises_unvalidated_structs),
		cmocka_unit_test(build_normalises_like_parse),
		cmocka_unit_test(allocation_failures_are_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
