/* SPDX-License-Identifier: Apache-2.0
 *
 * test_jsonpos.c - json_locate(): the line and column of a value found by
 * its path, as a table: members, indices, keys with escapes, values of
 * every type in between, a missing member (the object's position), an
 * index past the end (the array's position), and text that is not JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "base/jsonpos.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate_table),
		cmocka_unit_test(test_locate_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
