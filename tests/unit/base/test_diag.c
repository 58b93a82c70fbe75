/* SPDX-License-Identifier: Apache-2.0
 *
 * test_diag.c - the diagnostic list: exact formatting, counting, the cap
 * and its dropped count, sorting by file of first appearance then line
 * and column (stable), copying of names, release.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/diag.h"
#include "base/xalloc.h"

static struct mdsec_loc loc(const char *file, unsigned line, unsigned col)
{
	struct mdsec_loc l;

	l.file = file;
	l.line = line;
	l.col = col;
	return l;
}

/* Format item i of dl into buf and check it against expect. */
static void assert_diag(const struct mdsec_diag_list *dl, size_t i,
			const char *expect)
{
	char buf[512];
	int n;

	assert_true(i < dl->len);
	n = mdsec_diag_format(buf, sizeof(buf), &dl->items[i]);
	assert_string_equal(buf, expect);
	assert_int_equal(n, (int)strlen(expect));
}

static void test_diag_format_has_file_line_col_severity_message(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	(void)state;
	diag_error(&dl, loc("model.yaml", 12, 5), "unknown key '%s'", "zoen");
	diag_warning(&dl, loc("model.yaml", 3, 1), "software '%s' has %d", "fw",
		     2);
	diag_error(&dl, loc("a/b.yaml", 7, 0), "line only");
	diag_warning(&dl, loc("c.yaml", 0, 0), "no place");
	diag_error(&dl, loc(NULL, 1, 2), "unnamed input");
	diag_error(&dl, loc(NULL, 0, 0), "%s", "nothing at all");
	assert_int_equal(dl.len, 6);
	assert_diag(&dl, 0, "model.yaml:12:5: error: unknown key 'zoen'");
	assert_diag(&dl, 1, "model.yaml:3:1: warning: software 'fw' has 2");
	assert_diag(&dl, 2, "a/b.yaml:7: error: line only");
	assert_diag(&dl, 3, "c.yaml: warning: no place");
	assert_diag(&dl, 4, "<input>:1:2: error: unnamed input");
	assert_diag(&dl, 5, "<input>: error: nothing at all");
	mdsec_diag_list_release(&dl);
}

static void test_diag_format_of_a_note_says_note(void **state)
{
	struct mdsec_diag d;
	char buf[64];

	(void)state;
	d.loc = loc("n.yaml", 2, 3);
	d.sev = MDSEC_DIAG_NOTE;
	d.msg = buf + 40;
	snprintf(d.msg, 24, "first defined here");
	mdsec_diag_format(buf, 40, &d);
	assert_string_equal(buf, "n.yaml:2:3: note: first defined here");
}

static void test_diag_format_truncates_but_returns_full_length(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	char buf[10];
	int n;

	(void)state;
	diag_error(&dl, loc("f.yaml", 1, 1), "a long message");
	n = mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_int_equal(n, (int)strlen("f.yaml:1:1: error: a long message"));
	assert_string_equal(buf, "f.yaml:1:");
	mdsec_diag_list_release(&dl);
}

static void test_diag_error_returns_einput_and_warning_returns_0(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(diag_error(&dl, loc("f", 1, 1), "e"), MDSEC_EINPUT);
	assert_int_equal(diag_warning(&dl, loc("f", 1, 1), "w"), 0);
	assert_int_equal(dl.items[0].sev, MDSEC_DIAG_ERROR);
	assert_int_equal(dl.items[1].sev, MDSEC_DIAG_WARNING);
	mdsec_diag_list_release(&dl);
}

static void test_diag_nerrors_counts_only_errors(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		diag_error(&dl, loc("f", 1, 1), "error %d", i);
		diag_warning(&dl, loc("f", 1, 1), "warning %d", i);
	}
	assert_int_equal(dl.len, 10);
	assert_int_equal(dl.nerrors, 5);
	assert_int_equal(dl.dropped, 0);
	mdsec_diag_list_release(&dl);
}

static void test_diag_list_copies_file_names(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	char name[32];

	(void)state;
	snprintf(name, sizeof(name), "temp.yaml");
	diag_error(&dl, loc(name, 4, 2), "msg");
	snprintf(name, sizeof(name), "changed.yaml");
	assert_ptr_not_equal(dl.items[0].loc.file, name);
	assert_diag(&dl, 0, "temp.yaml:4:2: error: msg");
	assert_int_equal(dl.items[0].loc.line, 4);
	assert_int_equal(dl.items[0].loc.col, 2);
	mdsec_diag_list_release(&dl);
}

static void test_diag_sort_orders_by_file_appearance_then_place(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	(void)state;
	diag_error(&dl, loc("z.yaml", 9, 1), "z9");
	diag_error(&dl, loc("a.yaml", 1, 1), "a1");
	diag_error(&dl, loc("z.yaml", 2, 8), "z2c8");
	diag_warning(&dl, loc("z.yaml", 2, 3), "z2c3");
	diag_error(&dl, loc(NULL, 5, 5), "none");
	diag_error(&dl, loc("a.yaml", 0, 0), "a0");
	diag_error(&dl, loc("m.yaml", 1, 1), "m1");
	mdsec_diag_list_sort(&dl);
	assert_int_equal(dl.len, 7);
	assert_diag(&dl, 0, "z.yaml:2:3: warning: z2c3");
	assert_diag(&dl, 1, "z.yaml:2:8: error: z2c8");
	assert_diag(&dl, 2, "z.yaml:9:1: error: z9");
	assert_diag(&dl, 3, "a.yaml: error: a0");
	assert_diag(&dl, 4, "a.yaml:1:1: error: a1");
	assert_diag(&dl, 5, "<input>:5:5: error: none");
	assert_diag(&dl, 6, "m.yaml:1:1: error: m1");
	mdsec_diag_list_release(&dl);
}

static void test_diag_sort_keeps_order_of_diagnostics_at_one_place(void **state)
{
	enum { N = 200 };
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	char expect[32];
	size_t i;

	(void)state;
	/* Interleave two places so qsort has to move things. */
	for (i = 0; i < N; i++) {
		diag_error(&dl, loc("f.yaml", 3, 3), "late %zu", i);
		diag_error(&dl, loc("f.yaml", 1, 1), "early %zu", i);
	}
	mdsec_diag_list_sort(&dl);
	for (i = 0; i < N; i++) {
		snprintf(expect, sizeof(expect), "early %zu", i);
		assert_string_equal(dl.items[i].msg, expect);
		snprintf(expect, sizeof(expect), "late %zu", i);
		assert_string_equal(dl.items[N + i].msg, expect);
	}
	mdsec_diag_list_release(&dl);
}

static void test_diag_sort_of_short_lists_is_harmless(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	(void)state;
	mdsec_diag_list_sort(&dl);
	assert_int_equal(dl.len, 0);
	diag_error(&dl, loc("f", 2, 2), "only");
	mdsec_diag_list_sort(&dl);
	assert_diag(&dl, 0, "f:2:2: error: only");
	mdsec_diag_list_release(&dl);
}

static void test_diag_max_keeps_first_and_counts_dropped(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	int i;

	(void)state;
	dl.max = 3;
	for (i = 0; i < 5; i++)
		assert_int_equal(
			diag_error(&dl, loc("f", (unsigned)i + 1, 1), "e%d", i),
			MDSEC_EINPUT);
	assert_int_equal(diag_warning(&dl, loc("f", 9, 1), "w"), 0);
	assert_int_equal(dl.len, 3);
	assert_int_equal(dl.dropped, 3);
	assert_int_equal(dl.nerrors, 5);
	assert_diag(&dl, 0, "f:1:1: error: e0");
	assert_diag(&dl, 2, "f:3:1: error: e2");
	mdsec_diag_list_release(&dl);
}

static void test_diag_default_max_is_ten_thousand(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10005; i++)
		diag_warning(&dl, loc("f", 1, 1), "w");
	assert_int_equal(dl.len, 10000);
	assert_int_equal(dl.dropped, 5);
	assert_int_equal(dl.nerrors, 0);
	mdsec_diag_list_release(&dl);
}

static void test_diag_without_memory_counts_as_dropped(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	unsigned long n;

	(void)state;
	for (n = 1; n <= 4; n++) {
		xalloc_fail_after(n);
		diag_error(&dl, loc("f.yaml", 1, 1), "message %lu", n);
		xalloc_fail_after(0);
	}
	assert_int_equal(dl.nerrors, 4);
	assert_int_equal(dl.len, 1);
	assert_int_equal(dl.dropped, 3);
	assert_string_equal(dl.items[0].msg, "message 4");
	xalloc_fail_after(1);
	assert_int_equal(diag_warning(&dl, loc("f", 1, 1), "w"), MDSEC_ENOMEM);
	assert_int_equal(diag_error(&dl, loc("f", 1, 1), "e"), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	mdsec_diag_list_release(&dl);
}

static void test_diag_release_resets_and_keeps_max(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	(void)state;
	dl.max = 2;
	diag_error(&dl, loc("f", 1, 1), "a");
	diag_error(&dl, loc("f", 1, 1), "b");
	diag_error(&dl, loc("f", 1, 1), "c");
	mdsec_diag_list_release(&dl);
	assert_null(dl.items);
	assert_int_equal(dl.len, 0);
	assert_int_equal(dl.alloc, 0);
	assert_int_equal(dl.nerrors, 0);
	assert_int_equal(dl.dropped, 0);
	assert_int_equal(dl.max, 2);
	diag_error(&dl, loc("f", 1, 1), "again");
	assert_diag(&dl, 0, "f:1:1: error: again");
	mdsec_diag_list_release(&dl);
	mdsec_diag_list_release(&dl);
}

static void test_strerror_names_every_code(void **state)
{
	(void)state;
	assert_string_equal(mdsec_strerror(MDSEC_OK), "success");
	assert_string_equal(mdsec_strerror(MDSEC_EINPUT), "malformed input");
	assert_string_equal(mdsec_strerror(MDSEC_ENOTFOUND), "not found");
	assert_string_equal(mdsec_strerror(MDSEC_EIO), "input/output error");
	assert_string_equal(mdsec_strerror(MDSEC_ENOMEM), "out of memory");
	assert_string_equal(mdsec_strerror(MDSEC_ELIMIT),
			    "input exceeds a limit");
	assert_string_equal(mdsec_strerror(MDSEC_EUSAGE), "invalid usage");
	assert_string_equal(mdsec_strerror(-99), "unknown error");
	assert_string_equal(mdsec_strerror(1), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_diag_format_has_file_line_col_severity_message),
		cmocka_unit_test(test_diag_format_of_a_note_says_note),
		cmocka_unit_test(
			test_diag_format_truncates_but_returns_full_length),
		cmocka_unit_test(
			test_diag_error_returns_einput_and_warning_returns_0),
		cmocka_unit_test(test_diag_nerrors_counts_only_errors),
		cmocka_unit_test(test_diag_list_copies_file_names),
		cmocka_unit_test(
			test_diag_sort_orders_by_file_appearance_then_place),
		cmocka_unit_test(
			test_diag_sort_keeps_order_of_diagnostics_at_one_place),
		cmocka_unit_test(test_diag_sort_of_short_lists_is_harmless),
		cmocka_unit_test(test_diag_max_keeps_first_and_counts_dropped),
		cmocka_unit_test(test_diag_default_max_is_ten_thousand),
		cmocka_unit_test(test_diag_without_memory_counts_as_dropped),
		cmocka_unit_test(test_diag_release_resets_and_keeps_max),
		cmocka_unit_test(test_strerror_names_every_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
