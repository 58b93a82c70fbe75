/* SPDX-License-Identifier: Apache-2.0
 *
 * test_canon.c - the canonical record text the database stores and the
 * content digest hashes is byte for byte what jansson's
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS) writes: for every real record
 * of the test feeds (NVD API 2.0 pages and records, CVE JSON 5, OSV, the
 * KEV catalog) and for values chosen for the edges (control characters,
 * non-ASCII text, reals with exponents, -0.0, big integers, empty and
 * many-keyed objects, deep nesting).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/strbuf.h"
#include "vuln/vuln_int.h"

static size_t checked;

static void same_as_jansson(json_t *v, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	char *want =
		json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);

	assert_non_null(want);
	assert_int_equal(vdb_canonical_json(&sb, v), 0);
	if (strcmp(sb.buf, want)) {
		size_t i = 0;

		while (sb.buf[i] && sb.buf[i] == want[i])
			i++;
		fail_msg(
			"%s: differs at byte %zu: got '%.40s', jansson '%.40s'",
			what, i, sb.buf + i, want + i);
	}
	free(want);
	strbuf_release(&sb);
	checked++;
}

static void check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		json_error_t err;
		json_t *root;
		size_t n = strlen(e->d_name);

		if (n < 6 || strcmp(e->d_name + n - 5, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		root = json_load_file(path, 0, &err);
		assert_non_null(root);
		same_as_jansson(root, path);
		json_decref(root);
	}
	closedir(d);
}

#define D MDSEC_TEST_SRCDIR "/tests/data/vuln/"

static void test_real_records(void **state)
{
	(void)state;
	check_dir(D "nvd/cves");
	check_dir(D "nvd");
	check_dir(D "cve5/openssl-cna");
	check_dir(D "cve5/vulnrichment");
	check_dir(D "osv");
	check_dir(D "kev");
	assert_true(checked > 400);
}

static void test_edges(void **state)
{
	static const char *const texts[] = {
		"{\"s\": \"tab\\there\\nnew\\r\\b\\f\\u0001\\u001f \\\"q\\\" "
		"\\\\ / \\u00e9\\u4e2d\\ud83d\\ude00\"}",
		"[0.1, 1.5, -0.0, 1e5, 1e-05, 1.7976931348623157e308, "
		"5e-324, 100000000000000000000.0, 0.30000000000000004, 2.0]",
		"[9223372036854775807, -9223372036854775808, 0, -1]",
		"{}",
		"[]",
		"{\"b\": 1, \"a\": {\"z\": [], \"y\": {}, \"\": null}, "
		"\"A\": true, \"aa\": false, \"a\\u00e9\": 2, \"ab\": 3}",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	char big[4096];
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		json_error_t err;
		json_t *v = json_loads(texts[i], JSON_ALLOW_NUL, &err);

		if (!v)
			fail_msg("%s: %s", texts[i], err.text);
		same_as_jansson(v, texts[i]);
		json_decref(v);
	}
	/* an object with more keys than the writer keeps on the stack */
	{
		json_t *o = json_object();

		for (k = 0; k < 100; k++) {
			snprintf(big, sizeof(big), "key-%03d", (k * 37) % 100);
			json_object_set_new(o, big, json_integer(k));
		}
		same_as_jansson(o, "100 keys");
		json_decref(o);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_records),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
