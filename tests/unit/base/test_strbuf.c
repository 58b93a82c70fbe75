/* SPDX-License-Identifier: Apache-2.0
 *
 * test_strbuf.c - struct strbuf: the invariants of strbuf.h, checked after
 * every mutation (git t/unit-tests/u-strbuf.c assert_sane_strbuf), the
 * cap, formatting, ownership transfer and binary contents.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* The invariants of strbuf.h. */
static void assert_sane_strbuf(const struct strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_true(sb->len <= sb->max);
	if (sb->alloc == 0) {
		assert_ptr_equal(sb->buf, strbuf_empty);
		assert_int_equal(sb->len, 0);
	} else {
		assert_true(sb->len < sb->alloc);
	}
	assert_int_equal(sb->buf[sb->len], '\0');
}

static void test_strbuf_init_is_empty_and_sane(void **state)
{
	struct strbuf a = STRBUF_INIT, b;

	(void)state;
	assert_sane_strbuf(&a);
	assert_int_equal(a.max, STRBUF_DEFAULT_MAX);
	strbuf_init(&b, 0);
	assert_sane_strbuf(&b);
	assert_int_equal(b.max, STRBUF_DEFAULT_MAX);
	strbuf_init(&b, 10);
	assert_sane_strbuf(&b);
	assert_int_equal(b.max, 10);
	assert_string_equal(b.buf, "");
}

static void test_strbuf_addstr_appends_and_grows(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char expect[3001];
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		assert_int_equal(strbuf_addstr(&sb, "abc"), 0);
		assert_sane_strbuf(&sb);
		memcpy(expect + 3 * i, "abc", 3);
	}
	expect[3000] = '\0';
	assert_int_equal(sb.len, 3000);
	assert_string_equal(sb.buf, expect);
	strbuf_release(&sb);
	assert_sane_strbuf(&sb);
}

static void test_strbuf_addch_appends_one_byte(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_addch(&sb, 'x'), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_addch(&sb, 'y'), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 2);
	assert_string_equal(sb.buf, "xy");
	strbuf_release(&sb);
}

static void test_strbuf_add_up_to_the_cap_succeeds(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 8);
	assert_int_equal(strbuf_addstr(&sb, "12345678"), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 8);
	assert_string_equal(sb.buf, "12345678");
	strbuf_release(&sb);
}

static void test_strbuf_add_over_cap_leaves_buffer_unchanged(void **state)
{
	struct strbuf sb;
	size_t alloc;

	(void)state;
	strbuf_init(&sb, 8);
	assert_int_equal(strbuf_addstr(&sb, "hello"), 0);
	assert_sane_strbuf(&sb);
	alloc = sb.alloc;
	assert_int_equal(strbuf_addstr(&sb, "world"), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 5);
	assert_int_equal(sb.alloc, alloc);
	assert_string_equal(sb.buf, "hello");
	assert_int_equal(strbuf_addch(&sb, '!'), 0);
	assert_int_equal(strbuf_addstr(&sb, "??"), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_addch(&sb, '?'), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "hello!??");
	strbuf_release(&sb);
}

static void test_strbuf_refused_first_add_allocates_nothing(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 3);
	assert_int_equal(strbuf_addstr(&sb, "four"), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.len, 0);
}

static void test_strbuf_grow_over_cap_is_refused(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 100);
	assert_int_equal(strbuf_grow(&sb, 101), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_grow(&sb, (size_t)-1), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_grow(&sb, 100), 0);
	assert_sane_strbuf(&sb);
	assert_true(sb.alloc >= 101);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_strbuf_addf_formats_and_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_addf(&sb, "%s:%u:%d", "f.yaml", 12u, -3), 0);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "f.yaml:12:-3");
	assert_int_equal(strbuf_addf(&sb, " %05.1f%%", 2.5), 0);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "f.yaml:12:-3 002.5%");
	assert_int_equal(sb.len, strlen("f.yaml:12:-3 002.5%"));
	strbuf_release(&sb);
}

static void test_strbuf_addf_with_empty_result_keeps_buffer_sane(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_addf(&sb, "%s", ""), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_strbuf_addf_longer_than_initial_allocation(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[1000];

	(void)state;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(strbuf_addstr(&sb, "<"), 0);
	assert_int_equal(strbuf_addf(&sb, "%s>", big), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 1001);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[999], 'q');
	assert_int_equal(sb.buf[1000], '>');
	strbuf_release(&sb);
}

static void test_strbuf_addf_over_cap_leaves_buffer_unchanged(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 10);
	assert_int_equal(strbuf_addf(&sb, "%d", 12345), 0);
	assert_int_equal(strbuf_addf(&sb, "%d", 123456), MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "12345");
	assert_int_equal(sb.len, 5);
	strbuf_release(&sb);
}

static void test_strbuf_detach_hands_over_buffer_and_resets(void **state)
{
	struct strbuf sb;
	size_t len = 0;
	char *p;

	(void)state;
	strbuf_init(&sb, 50);
	assert_int_equal(strbuf_addstr(&sb, "owned"), 0);
	p = strbuf_detach(&sb, &len);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.max, 50);
	assert_non_null(p);
	assert_int_equal(len, 5);
	assert_string_equal(p, "owned");
	free(p);
	assert_int_equal(strbuf_addstr(&sb, "again"), 0);
	assert_sane_strbuf(&sb);
	strbuf_release(&sb);
}

static void test_strbuf_detach_of_empty_buffer_returns_a_copy(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *p;

	(void)state;
	p = strbuf_detach(&sb, &len);
	assert_sane_strbuf(&sb);
	assert_non_null(p);
	assert_ptr_not_equal(p, strbuf_empty);
	assert_int_equal(len, 0);
	assert_string_equal(p, "");
	free(p);
	p = strbuf_detach(&sb, NULL);
	assert_non_null(p);
	free(p);
}

static void test_strbuf_release_frees_and_keeps_the_cap(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 20);
	assert_int_equal(strbuf_addstr(&sb, "some text"), 0);
	strbuf_release(&sb);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_int_equal(sb.max, 20);
	strbuf_release(&sb);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_addstr(&sb, "012345678901234567890"),
			 MDSEC_ELIMIT);
	assert_sane_strbuf(&sb);
}

static void test_strbuf_reset_empties_but_keeps_allocation(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc;

	(void)state;
	strbuf_reset(&sb);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_addstr(&sb, "text"), 0);
	alloc = sb.alloc;
	strbuf_reset(&sb);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, alloc);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_strbuf_setlen_shortens_and_terminates(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_setlen(&sb, 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(strbuf_addstr(&sb, "abcdef"), 0);
	strbuf_setlen(&sb, 6);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "abcdef");
	strbuf_setlen(&sb, 3);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 3);
	assert_string_equal(sb.buf, "abc");
	strbuf_setlen(&sb, 0);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "");
	assert_int_equal(strbuf_addstr(&sb, "xy"), 0);
	assert_string_equal(sb.buf, "xy");
	strbuf_release(&sb);
}

static void test_strbuf_holds_binary_data_with_nuls(void **state)
{
	static const char bin[] = { 'a', '\0', 'b', '\0', '\0', 'c' };
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	char *p;

	(void)state;
	assert_int_equal(strbuf_add(&sb, bin, sizeof(bin)), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, sizeof(bin));
	assert_memory_equal(sb.buf, bin, sizeof(bin));
	assert_int_equal(strbuf_addch(&sb, '\0'), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, sizeof(bin) + 1);
	assert_int_equal(strbuf_add(&sb, "z", 1), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.buf[sizeof(bin)], '\0');
	assert_int_equal(sb.buf[sizeof(bin) + 1], 'z');
	p = strbuf_detach(&sb, &len);
	assert_int_equal(len, sizeof(bin) + 2);
	assert_memory_equal(p, bin, sizeof(bin));
	assert_int_equal(p[len], '\0');
	free(p);
}

static void test_strbuf_add_of_nothing_changes_nothing(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_add(&sb, NULL, 0), 0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_strbuf_add_without_memory_leaves_buffer_unchanged(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[200];

	(void)state;
	memset(big, 'b', sizeof(big));
	xalloc_fail_after(1);
	assert_int_equal(strbuf_addstr(&sb, "x"), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_sane_strbuf(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(strbuf_addstr(&sb, "keep"), 0);
	xalloc_fail_after(1);
	assert_int_equal(strbuf_add(&sb, big, sizeof(big)), MDSEC_ENOMEM);
	assert_int_equal(strbuf_addf(&sb, "%200s", "x"), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_sane_strbuf(&sb);
	assert_string_equal(sb.buf, "keep");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf_init_is_empty_and_sane),
		cmocka_unit_test(test_strbuf_addstr_appends_and_grows),
		cmocka_unit_test(test_strbuf_addch_appends_one_byte),
		cmocka_unit_test(test_strbuf_add_up_to_the_cap_succeeds),
		cmocka_unit_test(
			test_strbuf_add_over_cap_leaves_buffer_unchanged),
		cmocka_unit_test(
			test_strbuf_refused_first_add_allocates_nothing),
		cmocka_unit_test(test_strbuf_grow_over_cap_is_refused),
		cmocka_unit_test(test_strbuf_addf_formats_and_appends),
		cmocka_unit_test(
			test_strbuf_addf_with_empty_result_keeps_buffer_sane),
		cmocka_unit_test(
			test_strbuf_addf_longer_than_initial_allocation),
		cmocka_unit_test(
			test_strbuf_addf_over_cap_leaves_buffer_unchanged),
		cmocka_unit_test(
			test_strbuf_detach_hands_over_buffer_and_resets),
		cmocka_unit_test(
			test_strbuf_detach_of_empty_buffer_returns_a_copy),
		cmocka_unit_test(test_strbuf_release_frees_and_keeps_the_cap),
		cmocka_unit_test(
			test_strbuf_reset_empties_but_keeps_allocation),
		cmocka_unit_test(test_strbuf_setlen_shortens_and_terminates),
		cmocka_unit_test(test_strbuf_holds_binary_data_with_nuls),
		cmocka_unit_test(test_strbuf_add_of_nothing_changes_nothing),
		cmocka_unit_test(
			test_strbuf_add_without_memory_leaves_buffer_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
