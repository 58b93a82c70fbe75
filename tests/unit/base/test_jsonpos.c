/* SPDX-License-Identifier: Apache-2.0
 *
 * test_jsonpos.c - json_locate(): the line and column of a value found by
 * its path, as a table: members, indices, keys with escapes, values of
 * every type in between, a missing member (the object's position), an
 * index past the end (the array's position), and text that is not JSON;
 * then struct json_path, the readers' context over it: errors located at
 * the path (with a member appended), counted, and decoding problems
 * located.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "base/jsonpos.h"
#include "mdsec/error.h"

#define K(k)                                                                   \
	{                                                                      \
		k, 0                                                           \
	}
#define I(i)                                                                   \
	{                                                                      \
		NULL, i                                                        \
	}

static const char doc[] =
	"{\n"
	"  \"bomFormat\": \"CycloneDX\",\n"
	"  \"n\": -1.5e3, \"t\": true, \"z\": null,\n"
	"  \"k\\\"ey\": {\"a\": [1, {\"b\": \"x\\u0041\"}]},\n"
	"  \"components\": [\n"
	"    {\"type\": \"library\", \"name\": \"zlib\"},\n"
	"    {\"type\": \"library\"}\n"
	"  ]\n"
	"}\n";

struct row {
	struct json_step path[4];
	size_t n;
	int rc;
	unsigned line, col;
};

static const struct row rows[] = {
	{ { { 0 } }, 0, 0, 1, 1 },
	{ { K("bomFormat") }, 1, 0, 2, 16 },
	{ { K("z") }, 1, 0, 3, 32 },
	{ { K("k\"ey") }, 1, 0, 4, 12 },
	{ { K("k\"ey"), K("a"), I(1), K("b") }, 4, 0, 4, 28 },
	{ { K("components") }, 1, 0, 5, 17 },
	{ { K("components"), I(0), K("name") }, 3, 0, 6, 33 },
	{ { K("components"), I(1) }, 2, 0, 7, 5 },
	/* missing member: the object that lacks it */
	{ { K("components"), I(1), K("name") }, 3, 0, 7, 5 },
	/* index past the end: the array */
	{ { K("components"), I(2) }, 2, 0, 5, 17 },
	/* a step into a scalar stops at the scalar */
	{ { K("bomFormat"), K("x") }, 2, 0, 2, 16 },
	{ { K("nope") }, 1, 0, 1, 1 },
};

static void test_locate_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned line = 0, col = 0;
		int rc = json_locate(doc, strlen(doc), rows[i].path, rows[i].n,
				     &line, &col);

		if (rc != rows[i].rc || line != rows[i].line ||
		    col != rows[i].col)
			fail_msg(
				"row %zu: rc %d at %u:%u, expected %d at %u:%u",
				i, rc, line, col, rows[i].rc, rows[i].line,
				rows[i].col);
	}
}

static void test_locate_malformed(void **state)
{
	static const char bad[] = "{\n  \"a\": [1, 2,, 3],\n  \"b\": 1\n}";
	struct json_step path[] = { K("b") };
	struct json_step into[] = { K("a"), I(3) };
	unsigned line = 0, col = 0;

	(void)state;
	/* walking past the broken array fails; the position says where */
	assert_int_equal(json_locate(bad, strlen(bad), path, 1, &line, &col),
			 -1);
	assert_int_equal(line, 2);
	assert_int_equal(json_locate(bad, strlen(bad), into, 2, &line, &col),
			 -1);
	assert_int_equal(line, 2);
	assert_int_equal(json_locate("", 0, path, 1, &line, &col), -1);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
}

static void test_path_errors_point_at_the_path(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct json_path p;
	size_t i;

	(void)state;
	json_path_init(&p, "t.json", doc, strlen(doc), &dl);
	json_path_push_key(&p, "components");
	json_path_push_index(&p, 0);
	assert_int_equal(json_path_error(&p, "name", "bad '%s'", "zlib"),
			 MDSEC_EINPUT);
	json_path_pop(&p);
	json_path_push_index(&p, 1);
	/* a missing member: the object that lacks it */
	assert_int_equal(json_path_warning(&p, "name", "no name"), 0);
	json_path_pop(&p);
	json_path_pop(&p);
	json_path_pop(&p); /* one pop too many stays at the top */
	assert_int_equal(p.depth, 0);
	/* steps past JSON_PATH_MAX are counted, not kept */
	json_path_push_key(&p, "components");
	for (i = 0; i < JSON_PATH_MAX + 3; i++)
		json_path_push_index(&p, 0);
	json_path_error(&p, NULL, "deep");
	assert_int_equal(p.nerrors, 2);
	assert_int_equal(dl.len, 3);
	assert_string_equal(dl.items[0].loc.file, "t.json");
	assert_string_equal(dl.items[0].msg, "bad 'zlib'");
	assert_int_equal(dl.items[0].loc.line, 6);
	assert_int_equal(dl.items[0].loc.col, 33);
	assert_int_equal(dl.items[1].sev, MDSEC_DIAG_WARNING);
	assert_int_equal(dl.items[1].loc.line, 7);
	assert_int_equal(dl.items[1].loc.col, 5);
	assert_int_equal(dl.items[2].loc.line, 6);
	assert_int_equal(dl.items[2].loc.col, 5);
	mdsec_diag_list_release(&dl);
}

static void test_path_decode_locates_problems(void **state)
{
	static const char utf8[] = "{\"a\":\n \"\xff\"}";
	static const char dup[] = "{\"a\": 1,\n \"a\": 2}";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct json_path p;
	json_t *root = NULL;

	(void)state;
	json_path_init(&p, "t.json", utf8, strlen(utf8), &dl);
	assert_int_equal(json_path_decode(&p, "a thing", &root), MDSEC_EINPUT);
	assert_null(root);
	json_path_init(&p, "t.json", dup, strlen(dup), &dl);
	assert_int_equal(json_path_decode(&p, "a thing", &root), MDSEC_EINPUT);
	json_path_init(&p, "t.json", doc, strlen(doc), &dl);
	assert_int_equal(json_path_decode(&p, "a thing", &root), 0);
	assert_non_null(root);
	json_decref(root);
	assert_int_equal(dl.len, 2);
	assert_string_equal(dl.items[0].msg,
			    "invalid UTF-8 (expected a JSON text in UTF-8)");
	assert_int_equal(dl.items[0].loc.line, 2);
	assert_int_equal(dl.items[0].loc.col, 3);
	assert_int_equal(dl.items[1].loc.line, 2);
	assert_non_null(strstr(dl.items[1].msg, "(expected a thing)"));
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate_table),
		cmocka_unit_test(test_locate_malformed),
		cmocka_unit_test(test_path_errors_point_at_the_path),
		cmocka_unit_test(test_path_decode_locates_problems),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
