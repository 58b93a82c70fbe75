/* SPDX-License-Identifier: Apache-2.0
 *
 * test_jsonw.c - the streaming JSON writer produces exactly what jansson
 * (an independent implementation) produces for the same document with
 * JSON_INDENT(2), and its output parses back to the same values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "base/jsonw.h"

static const char *const strings[] = { "plain",
				       "",
				       "quote \" and backslash \\",
				       "tab\tnewline\ncr\r",
				       "bell \x07 and unit separator \x1f",
				       "slash / stays",
				       "caf\xc3\xa9 ok",
				       "\xe2\x82\xac euro",
				       "del \x7f passes" };

/* Write the same document with both, return the two texts. */
static void build(char **mine, char **theirs)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_t *root = json_object(), *arr = json_array(), *empty_o, *empty_a;
	size_t i;

	jsonw_init(&w, &sb, 0);
	jsonw_object_begin(&w);
	jsonw_key(&w, "strings");
	jsonw_array_begin(&w);
	for (i = 0; i < sizeof(strings) / sizeof(*strings); i++) {
		jsonw_string(&w, strings[i]);
		json_array_append_new(arr, json_string(strings[i]));
	}
	jsonw_array_end(&w);
	json_object_set_new(root, "strings", arr);
	jsonw_key(&w, "int");
	jsonw_int(&w, -9007199254740991LL);
	json_object_set_new(root, "int", json_integer(-9007199254740991LL));
	jsonw_key(&w, "yes");
	jsonw_bool(&w, true);
	json_object_set_new(root, "yes", json_true());
	jsonw_key(&w, "nothing");
	jsonw_null(&w);
	json_object_set_new(root, "nothing", json_null());
	/* members: present, null, and an optional one left out */
	jsonw_member(&w, "member", "value");
	json_object_set_new(root, "member", json_string("value"));
	jsonw_member(&w, "null member", NULL);
	json_object_set_new(root, "null member", json_null());
	jsonw_member_opt(&w, "absent", NULL);
	jsonw_member_opt(&w, "present", "here");
	json_object_set_new(root, "present", json_string("here"));
	jsonw_key(&w, "empty object");
	jsonw_object_begin(&w);
	jsonw_object_end(&w);
	empty_o = json_object();
	json_object_set_new(root, "empty object", empty_o);
	jsonw_key(&w, "empty array");
	jsonw_array_begin(&w);
	jsonw_array_end(&w);
	empty_a = json_array();
	json_object_set_new(root, "empty array", empty_a);
	jsonw_key(&w, "nested");
	jsonw_array_begin(&w);
	jsonw_object_begin(&w);
	jsonw_key(&w, "k");
	jsonw_array_begin(&w);
	jsonw_int(&w, 1);
	jsonw_int(&w, 2);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	jsonw_array_end(&w);
	json_object_set_new(root, "nested",
			    json_pack("[{s:[i,i]}]", "k", 1, 2));
	jsonw_object_end(&w);
	assert_int_equal(w.error, 0);
	*mine = strbuf_detach(&sb, NULL);
	*theirs = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
}

static void test_jsonw_writes_what_jansson_writes(void **state)
{
	char *mine, *theirs;

	(void)state;
	build(&mine, &theirs);
	assert_string_equal(mine, theirs);
	free(mine);
	free(theirs);
}

static void test_jsonw_output_parses_back_to_the_same_strings(void **state)
{
	char *mine, *theirs;
	json_error_t err;
	json_t *doc, *arr;
	size_t i;

	(void)state;
	build(&mine, &theirs);
	doc = json_loads(mine, 0, &err);
	assert_non_null(doc);
	arr = json_object_get(doc, "strings");
	assert_int_equal(json_array_size(arr),
			 sizeof(strings) / sizeof(*strings));
	for (i = 0; i < json_array_size(arr); i++)
		assert_string_equal(json_string_value(json_array_get(arr, i)),
				    strings[i]);
	json_decref(doc);
	free(mine);
	free(theirs);
}

static void test_jsonw_too_deep_is_an_error_not_an_overflow(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int i;

	(void)state;
	jsonw_init(&w, &sb, 0);
	for (i = 0; i < JSONW_MAX_DEPTH + 5; i++)
		jsonw_array_begin(&w);
	assert_int_not_equal(w.error, 0);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonw_writes_what_jansson_writes),
		cmocka_unit_test(
			test_jsonw_output_parses_back_to_the_same_strings),
		cmocka_unit_test(
			test_jsonw_too_deep_is_an_error_not_an_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
