/* SPDX-License-Identifier: Apache-2.0
 *
 * test_vec.c - VEC(T), vec_push, vec_grow and vec_release: growth keeps
 * the items, failures leave the array unchanged, overflow is refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/vec.h"
#include "base/xalloc.h"

struct point {
	int x, y;
	const char *name;
};

static void test_vec_push_keeps_every_item_in_order(void **state)
{
	VEC(int) v = VEC_INIT;
	int i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		assert_int_equal(vec_push(&v, i * 3), 0);
		assert_int_equal(v.n, (size_t)i + 1);
		assert_true(v.alloc >= v.n);
	}
	for (i = 0; i < 10000; i++)
		assert_int_equal(v.v[i], i * 3);
	vec_release(&v);
}

static void test_vec_push_copies_structs(void **state)
{
	VEC(struct point) v = VEC_INIT;
	struct point p = { 1, 2, "a" };

	(void)state;
	assert_int_equal(vec_push(&v, p), 0);
	p.x = 10;
	p.name = "b";
	assert_int_equal(vec_push(&v, p), 0);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.v[0].x, 1);
	assert_int_equal(v.v[0].y, 2);
	assert_string_equal(v.v[0].name, "a");
	assert_int_equal(v.v[1].x, 10);
	assert_string_equal(v.v[1].name, "b");
	vec_release(&v);
}

static void test_vec_grow_within_capacity_changes_nothing(void **state)
{
	VEC(long) v = VEC_INIT;
	long *before;
	size_t alloc;

	(void)state;
	assert_int_equal(vec_push(&v, 5L), 0);
	before = v.v;
	alloc = v.alloc;
	assert_int_equal(vec_grow((void **)&v.v, &v.alloc, alloc, sizeof(*v.v)),
			 0);
	assert_ptr_equal(v.v, before);
	assert_int_equal(v.alloc, alloc);
	assert_int_equal(vec_grow((void **)&v.v, &v.alloc, 0, sizeof(*v.v)), 0);
	assert_int_equal(v.alloc, alloc);
	vec_release(&v);
}

static void test_vec_grow_reaches_at_least_the_need(void **state)
{
	VEC(char) v = VEC_INIT;

	(void)state;
	assert_int_equal(vec_grow((void **)&v.v, &v.alloc, 1000, sizeof(*v.v)),
			 0);
	assert_non_null(v.v);
	assert_true(v.alloc >= 1000);
	memset(v.v, 'x', 1000);
	vec_release(&v);
}

static void test_vec_grow_refuses_overflowing_sizes(void **state)
{
	VEC(double) v = VEC_INIT;

	(void)state;
	assert_int_equal(vec_push(&v, 1.5), 0);
	assert_int_equal(vec_grow((void **)&v.v, &v.alloc, SIZE_MAX, 1),
			 MDSEC_ENOMEM);
	assert_int_equal(
		vec_grow((void **)&v.v, &v.alloc, SIZE_MAX / 4, sizeof(*v.v)),
		MDSEC_ENOMEM);
	assert_int_equal(v.n, 1);
	assert_true(v.alloc >= 1 && v.alloc < 1000);
	assert_true(v.v[0] == 1.5);
	vec_release(&v);
}

static void test_vec_push_without_memory_leaves_vector_unchanged(void **state)
{
	VEC(int) v = VEC_INIT;
	int i;

	(void)state;
	xalloc_fail_after(1);
	assert_int_equal(vec_push(&v, 1), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_null(v.v);
	assert_int_equal(v.n, 0);
	assert_int_equal(v.alloc, 0);
	for (i = 0; (size_t)i < 8; i++)
		assert_int_equal(vec_push(&v, i), 0);
	assert_int_equal(v.alloc, 8);
	xalloc_fail_after(1);
	assert_int_equal(vec_push(&v, 99), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_int_equal(v.n, 8);
	assert_int_equal(v.alloc, 8);
	for (i = 0; i < 8; i++)
		assert_int_equal(v.v[i], i);
	vec_release(&v);
}

static void test_vec_release_empties_and_allows_reuse(void **state)
{
	VEC(int) v = VEC_INIT;

	(void)state;
	vec_release(&v);
	assert_int_equal(vec_push(&v, 7), 0);
	vec_release(&v);
	assert_null(v.v);
	assert_int_equal(v.n, 0);
	assert_int_equal(v.alloc, 0);
	assert_int_equal(vec_push(&v, 8), 0);
	assert_int_equal(v.v[0], 8);
	vec_release(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vec_push_keeps_every_item_in_order),
		cmocka_unit_test(test_vec_push_copies_structs),
		cmocka_unit_test(test_vec_grow_within_capacity_changes_nothing),
		cmocka_unit_test(test_vec_grow_reaches_at_least_the_need),
		cmocka_unit_test(test_vec_grow_refuses_overflowing_sizes),
		cmocka_unit_test(
			test_vec_push_without_memory_leaves_vector_unchanged),
		cmocka_unit_test(test_vec_release_empties_and_allows_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
