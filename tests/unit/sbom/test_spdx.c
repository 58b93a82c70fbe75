/* SPDX-License-Identifier: Apache-2.0
 *
 * test_spdx.c - SPDX 2.2/2.3 JSON in and SPDX 2.3 JSON out: the real SBOMs
 * of tests/data/sbom/spdx/ (spdx-examples and FreeRTOS-Kernel) read into
 * the exact components, suppliers, purls and dependency edges they state;
 * every one written and read back unchanged, the FDA fields, evidence and
 * mdsec's annotations included; the output byte-stable; and the exact
 * text and place of the diagnostics for malformed documents.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonpos.h"
#include "base/xalloc.h"
#include "mdsec/sbom.h"
#include "sbom/sbom_int.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/sbom/spdx/"

static const char *const files[] = {
	"OSS-NA-2023-01-MinimalSBOM.json",
	"OSS-NA-2023-04-SBOMwSecurity.json",
	"SBOMS-SPDX-Now-and-Future-ACME-v2.3.spdx.json",
	"example8-examplemaven-0.0.1.spdx.json",
	"example10-hello-source.spdx.json",
	"example11-sbom.spdx.json",
	"example14-examplemaven-0.0.1-enriched.spdx.json",
	"FreeRTOS-Kernel-V11.3.0.spdx.json",
};

/* Every diagnostic, sorted, one "file:line:col: sev: msg" per line. */
static char *diags_text(struct mdsec_diag_list *dl)
{
	size_t i, len = 0;
	char *out = calloc(1, 1);

	mdsec_diag_list_sort(dl);
	for (i = 0; i < dl->len; i++) {
		char line[1024];
		int n = mdsec_diag_format(line, sizeof(line), &dl->items[i]);

		assert_true(n > 0 && (size_t)n < sizeof(line));
		out = realloc(out, len + (size_t)n + 2);
		assert_non_null(out);
		memcpy(out + len, line, (size_t)n);
		len += (size_t)n;
		out[len++] = '\n';
		out[len] = '\0';
	}
	return out;
}

static mdsec_sbom *load(const char *file)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;
	char path[1024];
	char *text;
	int rc;

	snprintf(path, sizeof(path), "%s%s", DATA, file);
	rc = mdsec_sbom_read(&s, path, &dl);
	text = diags_text(&dl);
	if (*text)
		print_message("%s", text);
	assert_string_equal(text, "");
	assert_int_equal(rc, 0);
	assert_non_null(s);
	assert_int_equal(s->format, MDSEC_SBOM_SPDX);
	free(text);
	mdsec_diag_list_release(&dl);
	return s;
}

static mdsec_sbom *load_buffer(const char *text)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;
	char *d;
	int rc;

	rc = mdsec_sbom_read_buffer(&s, "out.spdx.json", text, strlen(text),
				    &dl);
	d = diags_text(&dl);
	if (*d)
		print_message("%s", d);
	assert_string_equal(d, "");
	assert_int_equal(rc, 0);
	free(d);
	mdsec_diag_list_release(&dl);
	return s;
}

static const struct mdsec_component *comp(const mdsec_sbom *s, const char *ref)
{
	size_t i = mdsec_sbom_find_ref(s, ref);

	if (i == MDSEC_SBOM_NONE)
		fail_msg("no component with ref '%s'", ref);
	return &s->components.v[i];
}

static bool has_dep(const mdsec_sbom *s, const char *from, const char *to)
{
	const struct mdsec_component *c = comp(s, from);
	size_t i, t = mdsec_sbom_find_ref(s, to);

	for (i = 0; i < c->deps.n; i++)
		if (c->deps.v[i] == t)
			return true;
	return false;
}

static size_t ndeps(const mdsec_sbom *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->components.n; i++)
		n += s->components.v[i].deps.n;
	return n;
}

static void assert_str_or_null(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* --- the real documents ------------------------------------------- */

static void test_minimal_sbom_reads_its_one_package(void **state)
{
	mdsec_sbom *s = load("OSS-NA-2023-01-MinimalSBOM.json");
	const struct mdsec_component *c;

	(void)state;
	assert_string_equal(s->spec_version, "SPDX-2.3");
	assert_string_equal(s->name, "SPDX Tools v1.1.5 Java SBOM");
	assert_string_equal(s->serial,
			    "http://spdx.org/spdxdocs/tools-java/"
			    "v1.1.5-444504E0-4F89-41D3-9A0C-0305E82C3301");
	assert_string_equal(s->timestamp, "2023-05-12T18:30:22Z");
	assert_int_equal(s->authors.n, 1);
	assert_string_equal(s->authors.v[0],
			    "Person: Gary O'Neall (gary@sourceauditor.com)");
	assert_int_equal(s->tools.n, 0);
	assert_int_equal(s->components.n, 1);
	assert_int_equal(s->primary, 0);
	c = comp(s, "Package");
	assert_string_equal(c->name, "tools-java");
	assert_string_equal(c->version, "1.5.1");
	assert_string_equal(c->type, "library");
	assert_string_equal(c->supplier, "SPDX (Spdx-tech@lists.spdx.org)");
	assert_null(c->author);
	assert_null(c->license);
	assert_string_equal(c->purl,
			    "pkg:github/spdx/tools-java@"
			    "2235d5d7f7fe46ce1e0d54b7831c5681633b25cc");
	assert_int_equal(c->hashes.n, 1);
	assert_string_equal(c->hashes.v[0].alg, "SHA-1");
	assert_string_equal(c->hashes.v[0].value,
			    "e01bcba3c55fa7f0c82d08d0cdce9061b21bf32f");
	assert_int_equal(c->loc.line, 11);
	assert_int_equal(c->loc.col, 18);
	assert_int_equal(ndeps(s), 0);
	mdsec_sbom_free(s);
}

static void test_security_sbom_links_the_dependency(void **state)
{
	mdsec_sbom *s = load("OSS-NA-2023-04-SBOMwSecurity.json");
	const struct mdsec_component *c;

	(void)state;
	assert_int_equal(s->components.n, 2);
	assert_int_equal(s->primary, mdsec_sbom_find_ref(s, "Package"));
	c = comp(s, "xlsx");
	assert_string_equal(c->name, "xlsx");
	assert_string_equal(c->version, "0.16.6");
	assert_string_equal(c->supplier, "Webjar");
	assert_string_equal(c->purl, "pkg:maven/org.webjars.npm/xlsx@0.16.6");
	assert_null(c->cpe);	     /* the advisory reference is not a CPE */
	assert_null(c->description); /* comment is not the description */
	assert_true(has_dep(s, "Package", "xlsx")); /* DYNAMIC_LINK */
	assert_int_equal(ndeps(s), 1);
	mdsec_sbom_free(s);
}

static void test_acme_sbom_reads_purpose_agents_and_contains(void **state)
{
	mdsec_sbom *s = load("SBOMS-SPDX-Now-and-Future-ACME-v2.3.spdx.json");
	const struct mdsec_component *c;

	(void)state;
	assert_string_equal(s->name, "ACME SBOM");
	assert_int_equal(s->components.n, 4);
	assert_int_equal(s->authors.n, 2);
	assert_string_equal(s->authors.v[0],
			    "Organization: ExampleCodeInspect ()");
	assert_string_equal(s->authors.v[1], "Person: Jane Doe ()");
	/* documentDescribes */
	assert_int_equal(s->primary, mdsec_sbom_find_ref(s, "Acme"));
	c = comp(s, "Acme");
	assert_string_equal(c->name, "Acme Applcation");
	assert_string_equal(c->version, "2.3");
	assert_string_equal(c->type, "application");
	assert_string_equal(c->supplier, "Jane Doe (jane.doe@example.com)");
	assert_string_equal(c->author,
			    "ExampleCodeInspect (contact@example.com)");
	assert_string_equal(c->license, "Apache-2.0");
	assert_string_equal(c->description, "The ACME package is a typical "
					    "application we use in SPDX "
					    "examples");
	assert_string_equal(c->copyright, "Copyright 2008-2010 John Smith");
	c = comp(s, "openssl");
	assert_string_equal(c->name, "OpenSSL");
	assert_string_equal(c->version, "3.0.4");
	assert_string_equal(c->purl, "pkg:alpine/openssl@3.0.4");
	assert_null(c->supplier);
	c = comp(s, "alpine");
	assert_string_equal(c->version, "latest");
	assert_null(c->purl);
	assert_true(has_dep(s, "Acme", "npm-elliptic"));
	assert_true(has_dep(s, "Acme", "alpine"));
	assert_true(has_dep(s, "Acme", "openssl"));
	assert_int_equal(ndeps(s), 3);
	mdsec_sbom_free(s);
}

static void check_examplemaven(mdsec_sbom *s)
{
	const struct mdsec_component *c;

	assert_string_equal(s->name, "examplemaven");
	assert_int_equal(s->components.n, 6);
	assert_int_equal(s->primary, mdsec_sbom_find_ref(s, "example"));
	c = comp(s, "example");
	assert_string_equal(c->name, "examplemaven");
	assert_string_equal(c->version, "0.0.1");
	assert_string_equal(c->supplier, "SPDX");
	assert_string_equal(c->type, "library");
	c = comp(s, "junit");
	assert_string_equal(c->name, "JUnit");
	assert_string_equal(c->version, "3.8.1");
	assert_string_equal(c->author, "JUnit");
	assert_null(c->supplier);
	/* licenseConcluded NOASSERTION: the declared license */
	assert_string_equal(c->license, "CPL-1.0");
	assert_string_equal(c->copyright, "UNSPECIFIED");
	c = comp(s, "log4jslf4jbinding");
	assert_string_equal(c->name, "Apache Log4j SLF4J Binding");
	assert_null(c->version);
	assert_null(c->license);
	assert_string_equal(c->description,
			    "The Apache Log4j SLF4J API binding to Log4j 2 "
			    "Core");
	/* DYNAMIC_LINK forward, TEST_DEPENDENCY_OF reversed; CONTAINS of
	 * files, GENERATES and TEST_CASE_OF are not package edges */
	assert_true(has_dep(s, "example", "log4jslf4jbinding"));
	assert_true(has_dep(s, "example", "log4jslf4jApi"));
	assert_true(has_dep(s, "example", "log4jApi"));
	assert_true(has_dep(s, "example", "log4jImpl"));
	assert_true(has_dep(s, "example", "junit"));
	assert_int_equal(ndeps(s), 5);
}

static void test_examplemaven_reads_links_and_test_dependency(void **state)
{
	mdsec_sbom *s = load("example8-examplemaven-0.0.1.spdx.json");

	(void)state;
	assert_string_equal(s->timestamp, "2022-10-23T15:44:16Z");
	assert_int_equal(s->tools.n, 1);
	assert_string_equal(s->tools.v[0], "spdx-maven-plugin");
	check_examplemaven(s);
	mdsec_sbom_free(s);
}

static void test_enriched_examplemaven_skips_external_elements(void **s_)
{
	mdsec_sbom *s = load("example14-examplemaven-0.0.1-enriched.spdx.json");

	(void)s_;
	/* AMENDS DocumentRef-original:SPDXRef-DOCUMENT: not an error */
	assert_int_equal(s->tools.n, 2);
	assert_string_equal(s->tools.v[1], "Parlay");
	check_examplemaven(s);
	mdsec_sbom_free(s);
}

static void test_hello_source_reads_a_package_with_files(void **state)
{
	mdsec_sbom *s = load("example10-hello-source.spdx.json");
	const struct mdsec_component *c;

	(void)state;
	assert_int_equal(s->components.n, 1);
	assert_int_equal(s->primary, 0);
	c = comp(s, "hello-source");
	assert_string_equal(c->name, "hello");
	assert_null(c->version);
	assert_string_equal(c->type, "library");
	assert_string_equal(c->author, "Nisha Kumar");
	assert_string_equal(c->license, "MIT");
	assert_string_equal(c->copyright,
			    "Copyright (c) 2022 Authors of Hello");
	assert_int_equal(ndeps(s), 0);
	mdsec_sbom_free(s);
}

static void test_rust_sbom_reads_depends_on(void **state)
{
	mdsec_sbom *s = load("example11-sbom.spdx.json");
	const struct mdsec_component *c;

	(void)state;
	assert_int_equal(s->components.n, 4);
	assert_int_equal(s->tools.n, 1);
	assert_string_equal(s->tools.v[0], "sigs.k8s.io/bom/pkg/spdx");
	assert_int_equal(s->authors.n, 1);
	assert_string_equal(s->authors.v[0], "Organization: Unknown");
	/* documentDescribes names a package and a file: the package */
	assert_int_equal(s->primary,
			 mdsec_sbom_find_ref(s, "Package-hello-server-src"));
	c = comp(s, "Package-SPDXRef-Package-cargo-hyper-0.14");
	assert_string_equal(c->name, "hyper");
	assert_string_equal(c->version, "0.14");
	assert_string_equal(c->purl, "pkg:cargo/hyper@0.14");
	assert_string_equal(c->license, "MIT");
	assert_null(c->copyright); /* NOASSERTION */
	assert_int_equal(c->hashes.n, 1);
	assert_string_equal(c->hashes.v[0].alg, "SHA-256");
	assert_string_equal(c->hashes.v[0].value,
			    "02c929dc5c39e335a03c405292728118860721b10190d98c"
			    "2a0f0efd5baafbac");
	c = comp(s, "Package-hello-server-src");
	assert_int_equal(c->hashes.n, 0); /* "checksums": [] */
	assert_int_equal(c->deps.n, 3);
	assert_true(has_dep(s, "Package-hello-server-src",
			    "Package-SPDXRef-Package-cargo-pretty-env-logger-"
			    "0.4.0"));
	assert_true(has_dep(s, "Package-hello-server-src",
			    "Package-SPDXRef-Package-cargo-tokio-1"));
	assert_true(has_dep(s, "Package-hello-server-src",
			    "Package-SPDXRef-Package-cargo-hyper-0.14"));
	assert_int_equal(ndeps(s), 3);
	mdsec_sbom_free(s);
}

static void test_freertos_sbom_is_one_package_of_886_files(void **state)
{
	mdsec_sbom *s = load("FreeRTOS-Kernel-V11.3.0.spdx.json");
	const struct mdsec_component *c;

	(void)state;
	assert_string_equal(s->name, "FreeRTOS-Kernel V11.3.0 repository SBOM");
	assert_string_equal(s->timestamp, "2026-03-30T23:50:05Z");
	assert_int_equal(s->tools.n, 1);
	assert_string_equal(s->tools.v[0], "sbom-generator");
	assert_string_equal(s->authors.v[0],
			    "Organization: Amazon Web Services, Inc.");
	assert_int_equal(s->components.n, 1);
	assert_int_equal(s->primary, 0);
	c = comp(s, "Package");
	assert_string_equal(c->name, "FreeRTOS-Kernel");
	assert_string_equal(c->version, "V11.3.0");
	assert_string_equal(c->license, "Apache-2.0 AND BSD-3-Clause AND MIT");
	assert_string_equal(c->description, "FreeRTOS Kernel.");
	assert_null(c->supplier);
	assert_null(c->purl);
	assert_int_equal(ndeps(s), 0); /* 886 CONTAINS of files */
	mdsec_sbom_free(s);
}

static void assert_locs_as_json_locate(const mdsec_sbom *s, const char *text)
{
	struct json_step path[2] = { { "packages", 0 }, { NULL, 0 } };
	size_t i;

	for (i = 0; i < s->components.n; i++) {
		unsigned line = 0, col = 0;

		path[1].index = i;
		assert_int_equal(
			json_locate(text, strlen(text), path, 2, &line, &col),
			0);
		assert_int_equal(s->components.v[i].loc.line, line);
		assert_int_equal(s->components.v[i].loc.col, col);
	}
}

/* every package is located where json_locate() finds it, in one pass */
static void test_packages_are_located_like_json_locate(void **state)
{
	static const char odd[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\","
		"\"name\":\"t\",\"documentNamespace\":\"https://x.test/t\","
		"\"creationInfo\":{\"created\":\"2024-01-01T00:00:00Z\"},"
		"\"packages\"\t:\r\n[\r\n\t{\"SPDXID\":\"SPDXRef-a\",\"name\":"
		"\"[,]\\\"{\"} ,{\"SPDXID\":\"SPDXRef-b\",\"name\":\"b\","
		"\"x\":[{},[]]}\n\n   ,\n{\"SPDXID\":\"SPDXRef-c\",\"name\":"
		"\"\\u00e9t\xc3\xa9 \\u2603\"},{\"name\": \"\xe2\x98\x83\", "
		"\"SPDXID\": "
		"\"SPDXRef-d\"}]}";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[1024], *text;
		mdsec_sbom *s = load(files[i]);
		FILE *f;
		long n;

		snprintf(path, sizeof(path), "%s%s", DATA, files[i]);
		f = fopen(path, "rb");
		assert_non_null(f);
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		n = ftell(f);
		assert_true(n > 0);
		rewind(f);
		text = calloc(1, (size_t)n + 1);
		assert_non_null(text);
		assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		assert_locs_as_json_locate(s, text);
		free(text);
		mdsec_sbom_free(s);
	}
	{
		mdsec_sbom *s = load_buffer(odd);

		assert_int_equal(s->components.n, 4);
		assert_int_equal(s->components.v[3].loc.line, 6);
		assert_locs_as_json_locate(s, odd);
		mdsec_sbom_free(s);
	}
}

/* --- writing and reading back -------------------------------------- */

static char *write_spdx(const mdsec_sbom *s)
{
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(mdsec_sbom_write(s, MDSEC_SBOM_SPDX, &out, &len), 0);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	assert_true(len > 2 && out[len - 1] == '\n' && out[len - 2] == '}');
	return out;
}

static bool same_identity(const struct mdsec_component *a,
			  const struct mdsec_component *b)
{
	return !strcmp(a->name, b->name) &&
	       !strcmp(a->version ? a->version : "",
		       b->version ? b->version : "") &&
	       !strcmp(a->purl ? a->purl : "", b->purl ? b->purl : "");
}

static bool valid_idstring(const char *ref)
{
	if (!ref || !*ref)
		return false;
	for (; *ref; ref++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"
			    "YZ"
			    "0123456789.-",
			    *ref))
			return false;
	return true;
}

/* b (read back) has a's components field by field, a's edges and
 * primary; refs too where they were already valid SPDX id strings. */
static void assert_same_sbom(const mdsec_sbom *a, const mdsec_sbom *b)
{
	size_t i, j, k, *m;

	assert_int_equal(a->components.n, b->components.n);
	m = calloc(a->components.n + 1, sizeof(*m));
	assert_non_null(m);
	for (i = 0; i < a->components.n; i++) {
		const struct mdsec_component *x = &a->components.v[i], *y;

		for (j = 0; j < b->components.n; j++)
			if (same_identity(x, &b->components.v[j]))
				break;
		if (j == b->components.n)
			fail_msg("'%s' was not read back", x->name);
		m[i] = j;
		y = &b->components.v[j];
		if (valid_idstring(x->ref))
			assert_string_equal(x->ref, y->ref);
		assert_string_equal(x->type ? x->type : "library", y->type);
		assert_str_or_null(x->group, y->group);
		assert_str_or_null(x->supplier, y->supplier);
		assert_str_or_null(x->author, y->author);
		assert_str_or_null(x->cpe, y->cpe);
		assert_str_or_null(x->license, y->license);
		assert_str_or_null(x->description, y->description);
		assert_str_or_null(x->copyright, y->copyright);
		assert_str_or_null(x->scope, y->scope);
		assert_str_or_null(x->support, y->support);
		assert_str_or_null(x->end_of_support, y->end_of_support);
		assert_str_or_null(x->support_justification,
				   y->support_justification);
		assert_str_or_null(x->element, y->element);
		assert_int_equal(x->hashes.n, y->hashes.n);
		for (k = 0; k < x->hashes.n; k++) {
			assert_string_equal(x->hashes.v[k].alg,
					    y->hashes.v[k].alg);
			assert_string_equal(x->hashes.v[k].value,
					    y->hashes.v[k].value);
		}
		assert_int_equal(x->evidence.n, y->evidence.n);
		for (k = 0; k < x->evidence.n; k++) {
			assert_int_equal(x->evidence.v[k].method,
					 y->evidence.v[k].method);
			assert_int_equal(x->evidence.v[k].confidence,
					 y->evidence.v[k].confidence);
			assert_string_equal(x->evidence.v[k].source,
					    y->evidence.v[k].source);
			assert_str_or_null(x->evidence.v[k].detail,
					   y->evidence.v[k].detail);
		}
		assert_int_equal(x->deps.n, y->deps.n);
	}
	for (i = 0; i < a->components.n; i++) {
		const struct mdsec_component *x = &a->components.v[i];
		const struct mdsec_component *y = &b->components.v[m[i]];

		for (k = 0; k < x->deps.n; k++) {
			for (j = 0; j < y->deps.n; j++)
				if (y->deps.v[j] == m[x->deps.v[k]])
					break;
			if (j == y->deps.n)
				fail_msg("edge %s -> %s lost", x->name,
					 a->components.v[x->deps.v[k]].name);
		}
	}
	if (a->primary != MDSEC_SBOM_NONE)
		assert_int_equal(m[a->primary], b->primary);
	assert_str_or_null(a->name, b->name);
	/* SPDX's form: seconds in UTC ("+02:00" is converted) */
	if (a->timestamp) {
		assert_non_null(b->timestamp);
		assert_int_equal(strlen(b->timestamp), 20);
		if (a->timestamp[strlen(a->timestamp) - 1] == 'Z')
			assert_memory_equal(a->timestamp, b->timestamp, 19);
	}
	/* authors are kept as SPDX writes them: "Organization: X" */
	assert_int_equal(a->authors.n, b->authors.n);
	for (i = 0; i < a->authors.n; i++)
		if (strcmp(a->authors.v[i], b->authors.v[i]))
			assert_string_equal(b->authors.v[i] +
						    strlen("Organization: "),
					    a->authors.v[i]);
	if (a->serial && !strncmp(a->serial, "http", 4))
		assert_string_equal(a->serial, b->serial);
	free(m);
}

/* write, read back, compare; write again: the same bytes */
static void round_trip(const mdsec_sbom *s)
{
	char *out = write_spdx(s), *again, *third;
	mdsec_sbom *back;

	back = load_buffer(out);
	assert_string_equal(back->spec_version, "SPDX-2.3");
	assert_same_sbom(s, back);
	again = write_spdx(s);
	assert_string_equal(out, again);
	third = write_spdx(back);
	assert_string_equal(out, third);
	free(third);
	free(again);
	free(out);
	mdsec_sbom_free(back);
}

static void test_every_document_survives_writing_and_reading(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		mdsec_sbom *s = load(files[i]);

		print_message("%s\n", files[i]);
		round_trip(s);
		mdsec_sbom_free(s);
	}
}

/* CycloneDX as read by cdx_read.c, through SPDX and back */
static void test_cyclonedx_documents_survive_spdx(void **state)
{
	static const char *const cdx[] = {
		"cbom-protocol.cdx.json",
		"cern-lhc-vdm-editor.cdx.json",
		"hbom-pcie-sata-adapter-board.cdx.json",
		"laravel-7.12.0.cdx-1.4.json",
		"proton-bridge-v1.8.0.cdx.json",
		"saasbom-apigateway.cdx.json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cdx) / sizeof(cdx[0]); i++) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		mdsec_sbom *s = NULL;
		char path[1024];

		print_message("%s\n", cdx[i]);
		snprintf(path, sizeof(path),
			 MDSEC_TEST_SRCDIR "/tests/data/sbom/cyclonedx/%s",
			 cdx[i]);
		assert_int_equal(mdsec_sbom_read(&s, path, &dl), 0);
		assert_int_equal(s->format, MDSEC_SBOM_CYCLONEDX);
		round_trip(s);
		if (!strcmp(cdx[i], "proton-bridge-v1.8.0.cdx.json")) {
			char *out = write_spdx(s);

			assert_non_null(strstr(out,
					       "\"created\": "
					       "\"2021-05-16T15:10:53Z\""));
			free(out);
		}
		mdsec_sbom_free(s);
		mdsec_diag_list_release(&dl);
	}
}

static size_t add(mdsec_sbom *s, const char *ref, const char *type,
		  const char *name, const char *version)
{
	size_t i = sbom_add_component(s);
	struct mdsec_component *c;

	assert_int_not_equal(i, MDSEC_SBOM_NONE);
	c = &s->components.v[i];
	c->ref = sbom_str(s, ref);
	c->type = sbom_str(s, type);
	c->name = sbom_str(s, name);
	c->version = sbom_str(s, version);
	return i;
}

static void add_evidence(mdsec_sbom *s, size_t i, enum mdsec_sbom_method m,
			 const char *src, const char *detail, int conf)
{
	struct mdsec_sbom_evidence e;

	e.method = m;
	e.source = sbom_str(s, src);
	e.detail = sbom_str(s, detail);
	e.confidence = conf;
	assert_int_equal(sbom_add_evidence(&s->components.v[i], &e), 0);
}

/* A device SBOM as the model builder makes it: FDA fields, evidence,
 * refs that are not SPDX id strings, a group, a scope, a CycloneDX type
 * SPDX has no purpose for, a license known only by name. */
static mdsec_sbom *device_sbom(void)
{
	mdsec_sbom *s = mdsec_sbom_new();
	struct mdsec_component *c;
	size_t fw, tls, tls2, ip, drv;

	assert_non_null(s);
	s->name = sbom_str(s, "Infusion pump 2.1");
	s->timestamp = sbom_str(s, "2026-01-01T00:00:00Z");
	sbom_add_author(s, sbom_str(s, "ACME Medical"));
	sbom_add_author(s, sbom_str(s, "Person: Jane Roe"));
	fw = add(s, "pump-fw", "firmware", "pump-fw", "2.1.0");
	tls = add(s, "sw_mbedtls", "library", "mbedtls", "3.6.0");
	tls2 = add(s, "sw mbedtls", "library", "mbedtls-legacy", "2.28.8");
	ip = add(s, NULL, "platform", "lwip", "2.2.0");
	drv = add(s, "drv", "device-driver", "uart", NULL);
	s->primary = fw;
	c = &s->components.v[fw];
	c->supplier = sbom_str(s, "ACME Medical");
	c->support = "actively-maintained";
	c->end_of_support = sbom_str(s, "2030-12-31");
	c->element = sbom_str(s, "pump");
	c->license = sbom_str(s, "LicenseRef-ACME-Proprietary");
	add_evidence(s, fw, MDSEC_FOUND_MODEL, "model.yaml", "software pump-fw",
		     100);
	c = &s->components.v[tls];
	c->supplier = sbom_str(s, "Organization: Arm");
	c->purl = sbom_str(s, "pkg:github/mbed-tls/mbedtls@3.6.0");
	c->cpe = sbom_str(s, "cpe:2.3:a:arm:mbed_tls:3.6.0:*:*:*:*:*:*:*");
	c->license = sbom_str(s, "Apache-2.0 OR GPL-2.0-or-later");
	c->scope = "required";
	c->support = "actively-maintained";
	c->end_of_support = sbom_str(s, "2027-03-31");
	c->element = sbom_str(s, "pump");
	sbom_add_hash(c, "SHA-256",
		      "8bd4f0ad7a1d2d54ec5dc9fc3bfd6a3b47b5f3dd5b0fdd4ffc3b"
		      "b6a8d5a7b3c1");
	sbom_add_hash(c, "MD5", "0123456789abcdef0123456789abcdef");
	add_evidence(s, tls, MDSEC_FOUND_SCAN, "/images/fw v2%.bin",
		     "offset 4096", 80);
	add_evidence(s, tls, MDSEC_FOUND_SBOM, "vendor.cdx.json", NULL, 100);
	c = &s->components.v[tls2];
	c->support = "no-longer-maintained";
	c->support_justification =
		sbom_str(s, "end of life; replaced by 3.6 in release 2.2");
	c->scope = "optional";
	c = &s->components.v[ip];
	c->group = sbom_str(s, "org.savannah");
	c->author = sbom_str(s, "Adam Dunkels");
	c->license = sbom_str(s, "lwIP license (BSD style)");
	c->copyright = sbom_str(s, "Copyright (c) 2001-2004 Swedish Institute "
				   "of Computer Science");
	c->description = sbom_str(s, "A lightweight \"TCP/IP\" stack\n");
	c->support = "abandoned";
	add_evidence(s, ip, MDSEC_FOUND_SCAN, "fw.bin", "", 55);
	sbom_add_dep(&s->components.v[fw], tls);
	sbom_add_dep(&s->components.v[fw], ip);
	sbom_add_dep(&s->components.v[fw], drv);
	sbom_add_dep(&s->components.v[tls], ip);
	sbom_add_dep(&s->components.v[drv], tls2);
	return s;
}

static void test_device_sbom_keeps_fda_fields_and_evidence(void **state)
{
	mdsec_sbom *s = device_sbom(), *back;
	char *out;

	(void)state;
	out = write_spdx(s);
	/* the layout decisions of docs/formats.md */
	assert_non_null(strstr(out, "{\n  \"spdxVersion\": \"SPDX-2.3\",\n"
				    "  \"dataLicense\": \"CC0-1.0\",\n"
				    "  \"SPDXID\": \"SPDXRef-DOCUMENT\",\n"
				    "  \"name\": \"Infusion pump 2.1\",\n"
				    "  \"documentNamespace\": \"https://spdx."
				    "org/spdxdocs/Infusion-pump-2.1-"));
	assert_non_null(strstr(out, "\"created\": \"2026-01-01T00:00:00Z\""));
	assert_non_null(strstr(out, "\"Tool: mdsec-"));
	assert_non_null(strstr(out, "\"Organization: ACME Medical\",\n"
				    "      \"Person: Jane Roe\"\n"));
	assert_non_null(strstr(out, "\"packages\": [\n    {\n"
				    "      \"SPDXID\": \"SPDXRef-pump-fw\","));
	assert_non_null(strstr(out, "\"SPDXID\": \"SPDXRef-sw-mbedtls\""));
	assert_non_null(strstr(out, "\"SPDXID\": \"SPDXRef-sw-mbedtls-2\""));
	assert_non_null(strstr(out, "\"SPDXID\": \"SPDXRef-lwip-2.2.0\""));
	assert_non_null(strstr(out, "\"supplier\": \"Organization: Arm\""));
	assert_non_null(strstr(out, "\"supplier\": \"NOASSERTION\""));
	assert_non_null(strstr(out, "\"originator\": \"Organization: Adam "
				    "Dunkels\""));
	assert_non_null(strstr(out, "\"validUntilDate\": "
				    "\"2030-12-31T00:00:00Z\""));
	assert_non_null(strstr(out, "\"primaryPackagePurpose\": \"FIRMWARE\""));
	assert_non_null(strstr(out, "\"primaryPackagePurpose\": \"OTHER\""));
	assert_non_null(strstr(out, "\"comment\": \"mdsec:type=platform\""));
	assert_non_null(strstr(out, "\"comment\": \"cdx:fda:level-of-support="
				    "actively maintained\""));
	assert_non_null(strstr(out, "\"comment\": \"cdx:fda:end-of-support-"
				    "date=2030-12-31\""));
	assert_non_null(strstr(out, "\"comment\": \"mdsec:element=pump\""));
	assert_non_null(
		strstr(out, "\"comment\": \"mdsec:group=org.savannah\""));
	assert_non_null(strstr(out, "\"comment\": \"mdsec:evidence=scan/80 "
				    "/images/fw%20v2%25.bin offset 4096\""));
	assert_non_null(strstr(out, "\"comment\": \"mdsec:evidence=sbom "
				    "vendor.cdx.json\""));
	assert_non_null(strstr(out, "\"annotator\": \"Tool: mdsec-"));
	assert_non_null(strstr(out, "\"annotationDate\": "
				    "\"2026-01-01T00:00:00Z\""));
	assert_non_null(strstr(out, "\"licenseDeclared\": \"Apache-2.0 OR "
				    "GPL-2.0-or-later\""));
	assert_non_null(strstr(out, "\"licenseDeclared\": \"LicenseRef-lwIP-"
				    "license--BSD-style-\""));
	assert_non_null(strstr(out, "\"licenseId\": \"LicenseRef-ACME-"
				    "Proprietary\""));
	assert_non_null(strstr(out, "\"algorithm\": \"SHA256\""));
	assert_non_null(strstr(out, "\"referenceType\": \"cpe23Type\""));
	assert_non_null(strstr(out,
			       "\"spdxElementId\": \"SPDXRef-DOCUMENT\",\n"
			       "      \"relationshipType\": \"DESCRIBES\",\n"
			       "      \"relatedSpdxElement\": "
			       "\"SPDXRef-pump-fw\"\n"));
	assert_non_null(
		strstr(out, "\"spdxElementId\": \"SPDXRef-pump-fw\",\n"
			    "      \"relationshipType\": \"DEPENDS_ON\",\n"
			    "      \"relatedSpdxElement\": \"SPDXRef-drv\""));
	assert_null(strstr(out, "documentDescribes"));
	back = load_buffer(out);
	/* what SPDX cannot say as it was */
	assert_string_equal(comp(back, "lwip-2.2.0")->license,
			    "LicenseRef-lwIP-license--BSD-style-");
	assert_string_equal(comp(back, "sw-mbedtls")->supplier, "Arm");
	assert_string_equal(comp(back, "sw-mbedtls-2")->name, "mbedtls-legacy");
	assert_int_equal(back->tools.n, 1);
	/* and everything else as it was */
	s->components.v[3].license = "LicenseRef-lwIP-license--BSD-style-";
	s->components.v[1].supplier = "Arm";
	round_trip(s);
	mdsec_sbom_free(back);
	free(out);
	mdsec_sbom_free(s);
}

static void test_without_primary_the_top_level_is_described(void **state)
{
	mdsec_sbom *s = device_sbom(), *back;
	char *out;

	(void)state;
	s->primary = MDSEC_SBOM_NONE;
	out = write_spdx(s);
	/* pump-fw has no dependant; nothing else is top level */
	assert_non_null(strstr(out, "\"relatedSpdxElement\": \"SPDXRef-pump-"
				    "fw\""));
	assert_null(strstr(out, "\"relationshipType\": \"DESCRIBES\",\n"
				"      \"relatedSpdxElement\": "
				"\"SPDXRef-drv\""));
	back = load_buffer(out);
	assert_int_equal(back->primary, mdsec_sbom_find_ref(back, "pump-fw"));
	mdsec_sbom_free(back);
	free(out);
	mdsec_sbom_free(s);
}

static void test_source_date_epoch_wins_over_the_document_time(void **s_)
{
	mdsec_sbom *s = device_sbom();
	char *out;

	(void)s_;
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1767225600", 1), 0);
	s->timestamp = "2023-05-12T18:30:22Z";
	out = write_spdx(s);
	assert_int_equal(unsetenv("SOURCE_DATE_EPOCH"), 0);
	assert_non_null(strstr(out, "\"created\": \"2026-01-01T00:00:00Z\""));
	assert_null(strstr(out, "2023-05-12"));
	free(out);
	out = write_spdx(s);
	assert_non_null(strstr(out, "\"created\": \"2023-05-12T18:30:22Z\""));
	assert_non_null(strstr(out, "\"annotationDate\": "
				    "\"2023-05-12T18:30:22Z\""));
	free(out);
	mdsec_sbom_free(s);
}

static void test_empty_sbom_is_a_valid_document(void **state)
{
	mdsec_sbom *s = mdsec_sbom_new(), *back;
	char *out;

	(void)state;
	assert_non_null(s);
	out = write_spdx(s);
	assert_non_null(strstr(out, "\"name\": \"mdsec-sbom\""));
	assert_non_null(strstr(out, "\"packages\": [],\n"
				    "  \"relationships\": []\n}\n"));
	back = load_buffer(out);
	assert_int_equal(back->components.n, 0);
	assert_int_equal(back->primary, MDSEC_SBOM_NONE);
	mdsec_sbom_free(back);
	free(out);
	mdsec_sbom_free(s);
}

static void test_spdx_2_2_documents_are_read(void **state)
{
	static const char doc[] =
		"{\"spdxVersion\": \"SPDX-2.2\", \"SPDXID\": "
		"\"SPDXRef-DOCUMENT\", \"name\": \"old\",\n"
		" \"documentNamespace\": \"https://example.com/old\",\n"
		" \"creationInfo\": {\"created\": \"2021-01-01T00:00:00Z\", "
		"\"creators\": [\"Tool: scanner-1.0\"]},\n"
		" \"documentDescribes\": [\"SPDXRef-b\"],\n"
		" \"packages\": [\n"
		"  {\"SPDXID\": \"SPDXRef-a\", \"name\": \"a\", "
		"\"primaryPackagePurpose\": \"OPERATING-SYSTEM\",\n"
		"   \"externalRefs\": [{\"referenceCategory\": "
		"\"PACKAGE_MANAGER\", \"referenceType\": "
		"\"http://spdx.org/rdf/references/purl\", "
		"\"referenceLocator\": \"pkg:npm/a@1\"}],\n"
		"   \"checksums\": [{\"algorithm\": \"SHA1\", "
		"\"checksumValue\": "
		"\"E01BCBA3C55FA7F0C82D08D0CDCE9061B21BF32F\"}]},\n"
		"  {\"SPDXID\": \"SPDXRef-b\", \"name\": \"b\", "
		"\"licenseConcluded\": \"NONE\", \"licenseDeclared\": "
		"\"NOASSERTION\", \"copyrightText\": \"NONE\", \"summary\": "
		"\"the b\", \"validUntilDate\": \"2029-06-30T00:00:00Z\",\n"
		"   \"annotations\": [{\"annotationType\": \"REVIEW\", "
		"\"comment\": \"looks fine\"}, {\"comment\": "
		"\"cdx:fda:justification=cdx:fda:level-of-support: vendor "
		"gone\"}]},\n"
		"  {\"SPDXID\": \"SPDXRef-c\", \"name\": \"c\"}],\n"
		" \"relationships\": [\n"
		"  {\"spdxElementId\": \"SPDXRef-a\", \"relationshipType\": "
		"\"DEPENDENCY_OF\", \"relatedSpdxElement\": \"SPDXRef-b\"},\n"
		"  {\"spdxElementId\": \"SPDXRef-c\", \"relationshipType\": "
		"\"CONTAINED_BY\", \"relatedSpdxElement\": \"SPDXRef-b\"},\n"
		"  {\"spdxElementId\": \"SPDXRef-b\", \"relationshipType\": "
		"\"STATIC_LINK\", \"relatedSpdxElement\": \"NOASSERTION\"},\n"
		"  {\"spdxElementId\": \"SPDXRef-a\", \"relationshipType\": "
		"\"DEPENDS_ON\", \"relatedSpdxElement\": \"SPDXRef-a\"}]}\n";
	mdsec_sbom *s = load_buffer(doc);
	const struct mdsec_component *c;

	(void)state;
	assert_string_equal(s->spec_version, "SPDX-2.2");
	assert_string_equal(s->tools.v[0], "scanner-1.0");
	assert_int_equal(s->primary, mdsec_sbom_find_ref(s, "b"));
	c = comp(s, "a");
	assert_string_equal(c->type, "operating-system");
	assert_string_equal(c->purl, "pkg:npm/a@1");
	assert_string_equal(c->hashes.v[0].value,
			    "e01bcba3c55fa7f0c82d08d0cdce9061b21bf32f");
	assert_int_equal(c->deps.n, 0); /* no self edge */
	c = comp(s, "b");
	assert_null(c->license);
	assert_null(c->copyright);
	assert_string_equal(c->description, "the b");
	assert_string_equal(c->end_of_support, "2029-06-30");
	assert_string_equal(c->support_justification, "vendor gone");
	assert_true(has_dep(s, "b", "a"));
	assert_true(has_dep(s, "b", "c"));
	assert_int_equal(ndeps(s), 2);
	mdsec_sbom_free(s);
}

/* every allocation failure, reading and writing: an error code, no leak
 * (the sanitizer run checks) and no half-made document */
static void test_allocation_failures_are_clean(void **state)
{
	mdsec_sbom *dev = device_sbom();
	char *text = write_spdx(dev);
	unsigned long n;
	int done = 0;

	(void)state;
	for (n = 1; !done && n < 10000; n++) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		mdsec_sbom *s = NULL;
		char *out = NULL;
		int rc, wrc = 0;

		xalloc_fail_after(n);
		rc = mdsec_sbom_read_buffer(&s, "t.json", text, strlen(text),
					    &dl);
		if (rc == 0)
			wrc = mdsec_sbom_write(s, MDSEC_SBOM_SPDX, &out, NULL);
		done = xalloc_count() < n && rc == 0 && wrc == 0;
		xalloc_fail_after(0);
		/* an arena string lost to no memory may read as missing */
		assert_true(rc == 0 || rc == MDSEC_ENOMEM ||
			    rc == MDSEC_EINPUT);
		if (rc)
			assert_null(s);
		assert_true(wrc == 0 || wrc == MDSEC_ENOMEM);
		if (wrc)
			assert_null(out);
		if (done)
			assert_string_equal(out, text);
		free(out);
		mdsec_sbom_free(s);
		mdsec_diag_list_release(&dl);
	}
	assert_true(done);
	/* writing alone: all of it or nothing */
	for (done = 0, n = 1; !done && n < 10000; n++) {
		char *out = NULL;
		int rc;

		xalloc_fail_after(n);
		rc = mdsec_sbom_write(dev, MDSEC_SBOM_SPDX, &out, NULL);
		done = xalloc_count() < n;
		xalloc_fail_after(0);
		if (rc == 0)
			assert_string_equal(out, text);
		else
			assert_int_equal(rc, MDSEC_ENOMEM);
		free(out);
	}
	assert_true(done);
	free(text);
	mdsec_sbom_free(dev);
}

/* --- malformed documents ------------------------------------------- */

/* Three lines of a valid document head; cases add from line 4 on. */
#define HEAD                                                                   \
	"{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\",\n"  \
	" \"name\": \"t\", \"documentNamespace\": \"https://x.test/t\",\n"     \
	" \"creationInfo\": {\"created\": \"2024-01-01T00:00:00Z\", "          \
	"\"creators\": [\"Tool: t\"]},\n"
#define PKG(id) "{\"SPDXID\": \"" id "\", \"name\": \"n\"}"

/* prefix: diags is the start of the text (the message of the purl or
 * CPE module follows) */
static const struct {
	const char *doc;
	const char *diags; /* every diagnostic, sorted; "" when none */
	int prefix;
} bad[] = {
	/* 0: the version decides everything else */
	{ "{\"spdxVersion\": \"SPDX-2.1\"}",
	  "t.json:1:17: error: unsupported SPDX version 'SPDX-2.1' (expected "
	  "SPDX-2.2 or SPDX-2.3)\n",
	  0 },
	{ "{\"spdxVersion\": 2.3}",
	  "t.json:1:17: error: \"spdxVersion\" is a number (expected a "
	  "string)\n",
	  0 },
	/* 2: the document's identity */
	{ "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOC\",\n"
	  " \"name\": \"t\",\n"
	  " \"creationInfo\": {\"created\": \"2024-01-01 00:00\"}}",
	  "t.json:1:1: error: missing \"documentNamespace\" (a string is "
	  "required here)\n"
	  "t.json:1:39: error: the document's \"SPDXID\" is 'SPDXRef-DOC' "
	  "(expected SPDXRef-DOCUMENT)\n"
	  "t.json:3:30: error: '2024-01-01 00:00' is not a date-time "
	  "(expected RFC 3339, e.g. 2026-01-01T00:00:00Z)\n",
	  0 },
	{ "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\", "
	  "\"name\": \"t\",\n \"documentNamespace\": \"\",\n"
	  " \"creationInfo\": {\"creators\": [\"Person: p\", 1]}}",
	  "t.json:2:23: error: \"documentNamespace\" is empty (expected the "
	  "document's unique URI)\n"
	  "t.json:3:18: error: missing \"created\" (a string is required "
	  "here)\n"
	  "t.json:3:45: error: a creator is not a string (expected \"Tool: "
	  "...\", \"Organization: ...\" or \"Person: ...\")\n",
	  0 },
	{ "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\", "
	  "\"name\": \"t\",\n \"documentNamespace\": \"https://x.test/t\"}",
	  "t.json:1:1: error: missing \"creationInfo\" (an object with "
	  "\"created\" is required here)\n",
	  0 },
	/* 5: packages and their identifiers */
	{ HEAD " \"packages\": {}}",
	  "t.json:4:14: error: \"packages\" is an object (expected an "
	  "array)\n",
	  0 },
	{ HEAD " \"packages\": [" PKG("SPDXRef-a") ",\n  " PKG(
		  "SPDXRef-a") ",\n  " PKG("SPDXRef-b_c") ",\n  {\"name\": "
							  "1}]}",
	  "t.json:5:14: error: duplicate \"SPDXID\" 'SPDXRef-a' (expected "
	  "identifiers unique in the document)\n"
	  "t.json:6:14: error: \"SPDXID\" 'SPDXRef-b_c' is not an SPDX "
	  "identifier (expected SPDXRef- followed by letters, digits, '.' or "
	  "'-')\n"
	  "t.json:7:3: error: missing \"SPDXID\" (a string is required "
	  "here)\n"
	  "t.json:7:12: error: \"name\" is a number (expected a string)\n",
	  0 },
	{ HEAD " \"packages\": [" PKG(
		  "SPDXRef-a") "],\n"
			       " \"files\": [{\"SPDXID\": \"SPDXRef-a\"}, "
			       "{\"SPDXID\": "
			       "\"SPDXRef-f\"},\n  {\"fileName\": \"x\"}, 7],\n"
			       " \"snippets\": [{\"SPDXID\": \"SPDXRef-f\"}]}",
	  "t.json:5:23: error: duplicate \"SPDXID\" 'SPDXRef-a' (expected "
	  "identifiers unique in the document)\n"
	  "t.json:6:3: error: missing \"SPDXID\" (a string is required "
	  "here)\n"
	  "t.json:6:22: error: an entry of \"files\" is not an object "
	  "(expected {\"SPDXID\": ...})\n"
	  "t.json:7:26: error: duplicate \"SPDXID\" 'SPDXRef-f' (expected "
	  "identifiers unique in the document)\n",
	  0 },
	/* 8: checksums */
	{ HEAD
	  " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\",\n"
	  "   \"checksums\": [{\"algorithm\": \"SHA-256\", "
	  "\"checksumValue\": \"00\"},\n"
	  "     {\"algorithm\": \"SHA256\", \"checksumValue\": \"abc\"},\n"
	  "     {\"algorithm\": \"SHA224\", \"checksumValue\": "
	  "\"00000000000000000000000000000000000000000000000000000000\"},\n"
	  "     {\"algorithm\": \"MD5\"}, \"x\"]}]}",
	  "t.json:5:32: error: unknown checksum algorithm 'SHA-256' (expected "
	  "SHA1, SHA256, SHA384, SHA512, MD5, SHA3-256, SHA3-384, SHA3-512, "
	  "BLAKE2b-256, BLAKE2b-384, BLAKE2b-512, BLAKE3, SHA224, MD2, MD4, "
	  "MD6 or ADLER32)\n"
	  "t.json:6:47: error: SHA256 checksum 'abc' is not 64 hexadecimal "
	  "digits (expected the digest in hex)\n"
	  "t.json:7:20: warning: checksum algorithm 'SHA224' is not kept "
	  "(expected one CycloneDX also names, such as SHA256)\n"
	  "t.json:8:6: error: missing \"checksumValue\" (a string is required "
	  "here)\n"
	  "t.json:8:28: error: a checksum is not an object (expected "
	  "{\"algorithm\": ..., \"checksumValue\": ...})\n",
	  0 },
	/* 9: agents, purpose, dates, external references */
	{ HEAD " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\",\n"
	       "   \"supplier\": \"ACME\", \"originator\": \"Tool: x\",\n"
	       "   \"primaryPackagePurpose\": \"PLUGIN\",\n"
	       "   \"validUntilDate\": \"2030-02-30T00:00:00Z\",\n"
	       "   \"externalRefs\": [{\"referenceCategory\": \"OTHER\", "
	       "\"referenceType\": \"purl\", \"referenceLocator\": "
	       "\"pkg:npm/a@1\"},\n"
	       "     {\"referenceCategory\": \"PACKAGE-MANAGER\", "
	       "\"referenceType\": \"purl\", \"referenceLocator\": "
	       "\"pkg:npm/b@1\"},\n"
	       "     {\"referenceCategory\": \"SECURITY\", \"referenceType\": "
	       "\"cpe23Type\"}]}]}",
	  "t.json:5:16: warning: \"supplier\" 'ACME' is neither "
	  "\"Organization: ...\" nor \"Person: ...\" (expected the SPDX agent "
	  "syntax; kept as written)\n"
	  "t.json:5:38: warning: \"originator\" 'Tool: x' is neither "
	  "\"Organization: ...\" nor \"Person: ...\" (expected the SPDX agent "
	  "syntax; kept as written)\n"
	  "t.json:6:29: error: 'PLUGIN' is not a package purpose (expected "
	  "APPLICATION, FRAMEWORK, LIBRARY, CONTAINER, OPERATING_SYSTEM, "
	  "DEVICE, FIRMWARE, SOURCE, ARCHIVE, FILE, INSTALL or OTHER)\n"
	  "t.json:7:22: error: '2030-02-30T00:00:00Z' is not a date-time "
	  "(expected YYYY-MM-DDThh:mm:ssZ)\n"
	  "t.json:8:43: warning: a purl reference in category 'OTHER' "
	  "(expected PACKAGE-MANAGER)\n"
	  "t.json:9:92: warning: a second purl 'pkg:npm/b@1' is ignored "
	  "(expected one purl per package; the first, 'pkg:npm/a@1', is "
	  "kept)\n"
	  "t.json:10:6: error: missing \"referenceLocator\" (a string is "
	  "required here)\n",
	  0 },
	{ HEAD " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\",\n"
	       "   \"externalRefs\": [{\"referenceCategory\": "
	       "\"PACKAGE-MANAGER\", \"referenceType\": \"purl\", "
	       "\"referenceLocator\": \"npm/a\"}]}]}",
	  "t.json:5:107: error: invalid purl 'npm/a': ", 1 },
	{ HEAD " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\",\n"
	       "   \"externalRefs\": [{\"referenceCategory\": \"SECURITY\", "
	       "\"referenceType\": \"cpe23Type\", \"referenceLocator\": "
	       "\"not-a-cpe\"}]}]}",
	  "t.json:5:105: error: invalid CPE 'not-a-cpe': ", 1 },
	/* 12: warnings only: the document is read */
	{ HEAD " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\", "
	       "\"supplier\": \"ACME\",\n"
	       "   \"checksums\": [{\"algorithm\": \"MD4\", \"checksumValue\": "
	       "\"00000000000000000000000000000000\"}]}]}",
	  "t.json:4:64: warning: \"supplier\" 'ACME' is neither "
	  "\"Organization: ...\" nor \"Person: ...\" (expected the SPDX agent "
	  "syntax; kept as written)\n"
	  "t.json:5:32: warning: checksum algorithm 'MD4' is not kept "
	  "(expected one CycloneDX also names, such as SHA256)\n",
	  0 },
	/* 13: mdsec's annotations */
	{ HEAD
	  " \"packages\": [{\"SPDXID\": \"SPDXRef-a\", \"name\": \"n\",\n"
	  "   \"annotations\": [{\"comment\": \"mdsec:scope=sometimes\"},\n"
	  "     {\"comment\": \"cdx:fda:level-of-support=maybe\"},\n"
	  "     {\"comment\": \"cdx:fda:end-of-support-date=soon\"},\n"
	  "     {\"comment\": \"mdsec:evidence=guess x y\"},\n"
	  "     {\"comment\": \"mdsec:type=gadget\"}, {\"comment\": 5}, "
	  "[]]}]}",
	  "t.json:5:32: error: scope 'sometimes' is not allowed (expected "
	  "required, optional or excluded)\n"
	  "t.json:6:18: warning: unknown level of support 'maybe' (expected "
	  "actively maintained, no longer maintained or abandoned)\n"
	  "t.json:7:18: error: end-of-support 'soon' is not a date (expected "
	  "YYYY-MM-DD)\n"
	  "t.json:8:18: error: evidence 'guess x y' is malformed (expected "
	  "\"<model|sbom|scan>[/<confidence>] <source> <detail>\")\n"
	  "t.json:9:18: error: 'gadget' is not a CycloneDX component type "
	  "(expected application, framework, library, container, "
	  "operating-system, device, firmware, file, platform, "
	  "device-driver, machine-learning-model, data or "
	  "cryptographic-asset)\n"
	  "t.json:9:52: error: \"comment\" is a number (expected a string)\n"
	  "t.json:9:56: error: an annotation is not an object (expected "
	  "{\"annotator\": ..., \"comment\": ...})\n",
	  0 },
	/* 14: relationships */
	{ HEAD " \"packages\": [" PKG(
		  "SPDXRef-a") "],\n"
			       " \"files\": [{\"SPDXID\": \"SPDXRef-f\"}],\n"
			       " \"documentDescribes\": [\"SPDXRef-z\", 3],\n"
			       " \"relationships\": [\n"
			       "  {\"spdxElementId\": \"SPDXRef-a\", "
			       "\"relationshipType\": "
			       "\"DEPENDS_ON\", \"relatedSpdxElement\": "
			       "\"SPDXRef-q\"},\n"
			       "  {\"spdxElementId\": \"a\", "
			       "\"relationshipType\": "
			       "\"CONTAINS\", \"relatedSpdxElement\": "
			       "\"SPDXRef-f\"},\n"
			       "  {\"spdxElementId\": \"SPDXRef-a\", "
			       "\"relatedSpdxElement\": "
			       "\"SPDXRef-f\"},\n"
			       "  {\"spdxElementId\": "
			       "\"DocumentRef-x:SPDXRef-y\", "
			       "\"relationshipType\": \"OTHER\", "
			       "\"relatedSpdxElement\": "
			       "\"NONE\"},\n"
			       "  \"x\"]}",
	  "t.json:6:24: error: unknown SPDX element 'SPDXRef-z' (expected the "
	  "SPDXID of the document or of a package, file or snippet in it, or "
	  "DocumentRef-<id>:<SPDXID>)\n"
	  "t.json:6:37: error: a described element is not a string (expected "
	  "an SPDXID)\n"
	  "t.json:8:90: error: unknown SPDX element 'SPDXRef-q' (expected the "
	  "SPDXID of the document or of a package, file or snippet in it, or "
	  "DocumentRef-<id>:<SPDXID>)\n"
	  "t.json:9:21: error: unknown SPDX element 'a' (expected the SPDXID "
	  "of the document or of a package, file or snippet in it, or "
	  "DocumentRef-<id>:<SPDXID>)\n"
	  "t.json:10:3: error: missing \"relationshipType\" (a string is "
	  "required here)\n"
	  "t.json:12:3: error: a relationship is not an object (expected "
	  "{\"spdxElementId\": ..., \"relationshipType\": ..., "
	  "\"relatedSpdxElement\": ...})\n",
	  0 },
};

static void test_malformed_documents_are_located(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		mdsec_sbom *s = NULL;
		char *text;
		int rc;

		rc = mdsec_sbom_read_buffer(&s, "t.json", bad[i].doc,
					    strlen(bad[i].doc), &dl);
		text = diags_text(&dl);
		if (bad[i].prefix)
			text[strlen(bad[i].diags) < strlen(text)
				     ? strlen(bad[i].diags)
				     : strlen(text)] = '\0';
		if (strcmp(text, bad[i].diags))
			print_message("case %zu:\n%s", i, text);
		assert_string_equal(text, bad[i].diags);
		if (dl.nerrors) {
			assert_int_equal(rc, MDSEC_EINPUT);
			assert_null(s);
		} else {
			assert_int_equal(rc, 0);
			mdsec_sbom_free(s);
		}
		free(text);
		mdsec_diag_list_release(&dl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_sbom_reads_its_one_package),
		cmocka_unit_test(test_security_sbom_links_the_dependency),
		cmocka_unit_test(
			test_acme_sbom_reads_purpose_agents_and_contains),
		cmocka_unit_test(
			test_examplemaven_reads_links_and_test_dependency),
		cmocka_unit_test(
			test_enriched_examplemaven_skips_external_elements),
		cmocka_unit_test(test_hello_source_reads_a_package_with_files),
		cmocka_unit_test(test_rust_sbom_reads_depends_on),
		cmocka_unit_test(
			test_freertos_sbom_is_one_package_of_886_files),
		cmocka_unit_test(test_packages_are_located_like_json_locate),
		cmocka_unit_test(
			test_every_document_survives_writing_and_reading),
		cmocka_unit_test(test_cyclonedx_documents_survive_spdx),
		cmocka_unit_test(
			test_device_sbom_keeps_fda_fields_and_evidence),
		cmocka_unit_test(
			test_without_primary_the_top_level_is_described),
		cmocka_unit_test(
			test_source_date_epoch_wins_over_the_document_time),
		cmocka_unit_test(test_empty_sbom_is_a_valid_document),
		cmocka_unit_test(test_spdx_2_2_documents_are_read),
		cmocka_unit_test(test_allocation_failures_are_clean),
		cmocka_unit_test(test_malformed_documents_are_located),
	};

	/* the document's own time is written unless this is set */
	unsetenv("SOURCE_DATE_EPOCH");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
