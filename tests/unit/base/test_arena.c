/* SPDX-License-Identifier: Apache-2.0
 *
 * test_arena.c - struct arena: alignment, zeroed memory, blocks bigger
 * than a chunk, many small allocations, string copies and overflow.
 * Also run under MDSEC_DEBUG_ARENA by `make asan`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdalign.h>
#include <string.h>
#include "base/arena.h"
#include "base/xalloc.h"

#define ALIGN alignof(max_align_t)

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != v)
			return 0;
	}
	return 1;
}

static void test_arena_alloc_aligns_every_size_for_any_type(void **state)
{
	struct arena a = ARENA_INIT;
	size_t size;
	void *p;

	(void)state;
	for (size = 0; size < 200; size++) {
		p = arena_alloc(&a, size);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % ALIGN, 0);
	}
	arena_release(&a);
}

static void test_arena_alloc_returns_zeroed_memory(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *p;
	size_t i, size;

	(void)state;
	/* Dirty each block after checking it, so a later block that reused
	 * or overlapped it would show. */
	for (i = 0; i < 2000; i++) {
		size = 1 + i % 97;
		p = arena_alloc(&a, size);
		assert_non_null(p);
		assert_true(all_bytes(p, size, 0));
		memset(p, 0xa5, size);
	}
	arena_release(&a);
	for (i = 0; i < 100; i++) {
		p = arena_alloc(&a, 64);
		assert_non_null(p);
		assert_true(all_bytes(p, 64, 0));
		memset(p, 0x5a, 64);
	}
	arena_release(&a);
}

static void test_arena_big_allocations_are_whole_and_separate(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *small1, *big, *small2, *huge;
	size_t bigsize = (size_t)1 << 20, hugesize = 3 * ((size_t)1 << 20);

	(void)state;
	small1 = arena_alloc(&a, 10);
	assert_non_null(small1);
	memset(small1, 1, 10);
	big = arena_alloc(&a, bigsize);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % ALIGN, 0);
	assert_true(all_bytes(big, bigsize, 0));
	memset(big, 2, bigsize);
	small2 = arena_alloc(&a, 10);
	assert_non_null(small2);
	assert_true(all_bytes(small2, 10, 0));
	memset(small2, 3, 10);
	huge = arena_alloc(&a, hugesize);
	assert_non_null(huge);
	assert_true(all_bytes(huge, hugesize, 0));
	memset(huge, 4, hugesize);
	assert_true(all_bytes(small1, 10, 1));
	assert_true(all_bytes(big, bigsize, 2));
	assert_true(all_bytes(small2, 10, 3));
	assert_true(all_bytes(huge, hugesize, 4));
	assert_int_equal(a.used, 20 + bigsize + hugesize);
	arena_release(&a);
}

static void test_arena_block_of_exactly_one_chunk_is_usable(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned char *p, *q;

	(void)state;
	p = arena_alloc(&a, 65536);
	assert_non_null(p);
	memset(p, 7, 65536);
	q = arena_alloc(&a, 16);
	assert_non_null(q);
	assert_true(all_bytes(q, 16, 0));
	memset(q, 8, 16);
	assert_true(all_bytes(p, 65536, 7));
	arena_release(&a);
}

static void test_arena_many_allocations_keep_their_contents(void **state)
{
	enum { N = 100000 };
	struct arena a = ARENA_INIT;
	static size_t *ptrs[N];
	size_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		ptrs[i] = arena_alloc(&a, 3 * sizeof(size_t));
		assert_non_null(ptrs[i]);
		ptrs[i][0] = i;
		ptrs[i][1] = ~i;
		ptrs[i][2] = i * 7;
	}
	for (i = 0; i < N; i++) {
		assert_int_equal(ptrs[i][0], i);
		assert_int_equal(ptrs[i][1], ~i);
		assert_int_equal(ptrs[i][2], i * 7);
	}
	assert_int_equal(a.used, (size_t)N * 3 * sizeof(size_t));
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

static void test_arena_strndup_copies_n_bytes_and_terminates(void **state)
{
	struct arena a = ARENA_INIT;
	const char *src = "interfaces";
	char *p, *q, *r;

	(void)state;
	p = arena_strndup(&a, src, 5);
	assert_non_null(p);
	assert_string_equal(p, "inter");
	assert_ptr_not_equal(p, src);
	q = arena_strndup(&a, src, 0);
	assert_non_null(q);
	assert_string_equal(q, "");
	r = arena_strdup(&a, src);
	assert_non_null(r);
	assert_string_equal(r, "interfaces");
	assert_ptr_not_equal(r, src);
	p = arena_strndup(&a, "a\0b", 3);
	assert_non_null(p);
	assert_memory_equal(p, "a\0b", 4);
	arena_release(&a);
}

static void test_arena_array_is_zeroed_and_refuses_overflow(void **state)
{
	struct arena a = ARENA_INIT;
	int *v;

	(void)state;
	v = arena_array(&a, 100, sizeof(int));
	assert_non_null(v);
	assert_true(all_bytes((unsigned char *)v, 100 * sizeof(int), 0));
	assert_null(arena_array(&a, SIZE_MAX / 2, 4));
	assert_null(arena_array(&a, SIZE_MAX, SIZE_MAX));
	assert_non_null(arena_array(&a, 0, 8));
	arena_release(&a);
}

static void test_arena_alloc_refuses_impossible_sizes(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	assert_null(arena_alloc(&a, SIZE_MAX));
	assert_null(arena_alloc(&a, SIZE_MAX - 8));
	assert_int_equal(a.used, 0);
	arena_release(&a);
}

static void test_arena_alloc_without_memory_returns_null(void **state)
{
	struct arena a = ARENA_INIT;
	char *p;

	(void)state;
	xalloc_fail_after(1);
	assert_null(arena_alloc(&a, 16));
	assert_null(arena_strdup(&a, "x"));
	xalloc_fail_after(0);
	assert_int_equal(a.used, 0);
	p = arena_strdup(&a, "works again");
	assert_non_null(p);
	assert_string_equal(p, "works again");
	arena_release(&a);
}

static void test_arena_release_makes_arena_reusable(void **state)
{
	struct arena a = ARENA_INIT;

	(void)state;
	arena_release(&a);
	assert_non_null(arena_alloc(&a, 100));
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	assert_non_null(arena_strdup(&a, "again"));
	assert_int_equal(a.used, 6);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_arena_alloc_aligns_every_size_for_any_type),
		cmocka_unit_test(test_arena_alloc_returns_zeroed_memory),
		cmocka_unit_test(
			test_arena_big_allocations_are_whole_and_separate),
		cmocka_unit_test(
			test_arena_block_of_exactly_one_chunk_is_usable),
		cmocka_unit_test(
			test_arena_many_allocations_keep_their_contents),
		cmocka_unit_test(
			test_arena_strndup_copies_n_bytes_and_terminates),
		cmocka_unit_test(
			test_arena_array_is_zeroed_and_refuses_overflow),
		cmocka_unit_test(test_arena_alloc_refuses_impossible_sizes),
		cmocka_unit_test(test_arena_alloc_without_memory_returns_null),
		cmocka_unit_test(test_arena_release_makes_arena_reusable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
