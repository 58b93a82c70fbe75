/* SPDX-License-Identifier: Apache-2.0
 *
 * test_map.c - struct map: insertion and lookup across rehashes,
 * duplicates, absent keys, content (not pointer) comparison, failure.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/map.h"
#include "base/xalloc.h"

#define NKEYS 20000

static char keys[NKEYS][16];

static void make_keys(void)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		snprintf(keys[i], sizeof(keys[i]), "key-%zu", i);
}

static void test_map_get_on_empty_map_returns_null(void **state)
{
	struct map m = MAP_INIT;

	(void)state;
	assert_null(map_get(&m, "anything"));
	assert_null(map_get(&m, ""));
	map_release(&m);
}

static void test_map_many_keys_survive_rehashing(void **state)
{
	struct map m = MAP_INIT;
	size_t i, cap = 0, rehashes = 0;

	(void)state;
	make_keys();
	for (i = 0; i < NKEYS; i++) {
		assert_int_equal(map_put(&m, keys[i], &keys[i], NULL), 0);
		assert_int_equal(m.len, i + 1);
		assert_true(m.len * 2 <= m.capacity);
		assert_int_equal(m.capacity & (m.capacity - 1), 0);
		if (m.capacity != cap) {
			rehashes++;
			cap = m.capacity;
		}
	}
	assert_true(rehashes > 5);
	for (i = 0; i < NKEYS; i++)
		assert_ptr_equal(map_get(&m, keys[i]), &keys[i]);
	map_release(&m);
}

static void test_map_compares_keys_by_content(void **state)
{
	struct map m = MAP_INIT;
	char probe[16];
	int v = 1;

	(void)state;
	assert_int_equal(map_put(&m, "pump.ble", &v, NULL), 0);
	snprintf(probe, sizeof(probe), "pump.%s", "ble");
	assert_ptr_equal(map_get(&m, probe), &v);
	map_release(&m);
}

static void test_map_duplicate_returns_1_and_existing_value(void **state)
{
	struct map m = MAP_INIT;
	int first = 1, second = 2;
	void *existing = NULL;
	char copy[8];

	(void)state;
	assert_int_equal(map_put(&m, "zone", &first, &existing), 0);
	assert_null(existing);
	snprintf(copy, sizeof(copy), "zone");
	assert_int_equal(map_put(&m, copy, &second, &existing), 1);
	assert_ptr_equal(existing, &first);
	assert_int_equal(m.len, 1);
	assert_ptr_equal(map_get(&m, "zone"), &first);
	assert_int_equal(map_put(&m, "zone", &second, NULL), 1);
	assert_ptr_equal(map_get(&m, "zone"), &first);
	map_release(&m);
}

static void test_map_duplicates_found_after_rehash(void **state)
{
	struct map m = MAP_INIT;
	void *existing = NULL;
	int other;
	size_t i;

	(void)state;
	make_keys();
	for (i = 0; i < 1000; i++)
		assert_int_equal(map_put(&m, keys[i], &keys[i], NULL), 0);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(map_put(&m, keys[i], &other, &existing), 1);
		assert_ptr_equal(existing, &keys[i]);
	}
	assert_int_equal(m.len, 1000);
	map_release(&m);
}

static void test_map_get_of_absent_key_returns_null(void **state)
{
	struct map m = MAP_INIT;
	size_t i;

	(void)state;
	make_keys();
	for (i = 0; i < 500; i++)
		assert_int_equal(map_put(&m, keys[i], &keys[i], NULL), 0);
	for (i = 500; i < 2000; i++)
		assert_null(map_get(&m, keys[i]));
	assert_null(map_get(&m, ""));
	assert_null(map_get(&m, "key-"));
	assert_null(map_get(&m, "key-1 "));
	map_release(&m);
}

static void test_map_stores_null_values_and_the_empty_key(void **state)
{
	struct map m = MAP_INIT;
	int v;
	void *existing = &v;

	(void)state;
	assert_int_equal(map_put(&m, "", &v, NULL), 0);
	assert_ptr_equal(map_get(&m, ""), &v);
	assert_int_equal(map_put(&m, "nothing", NULL, NULL), 0);
	assert_int_equal(map_put(&m, "nothing", &v, &existing), 1);
	assert_null(existing);
	map_release(&m);
}

static void test_map_put_without_memory_leaves_map_unchanged(void **state)
{
	struct map m = MAP_INIT;
	size_t i, cap;
	int v;

	(void)state;
	make_keys();
	xalloc_fail_after(1);
	assert_int_equal(map_put(&m, "a", &v, NULL), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_int_equal(m.len, 0);
	assert_null(map_get(&m, "a"));
	/* Fill up to the load limit, then fail the rehash. */
	for (i = 0; (m.len + 1) * 2 <= m.capacity || m.len == 0; i++)
		assert_int_equal(map_put(&m, keys[i], &keys[i], NULL), 0);
	cap = m.capacity;
	xalloc_fail_after(1);
	assert_int_equal(map_put(&m, keys[i], &keys[i], NULL), MDSEC_ENOMEM);
	xalloc_fail_after(0);
	assert_int_equal(m.capacity, cap);
	assert_int_equal(m.len, i);
	assert_null(map_get(&m, keys[i]));
	for (; i > 0; i--)
		assert_ptr_equal(map_get(&m, keys[i - 1]), &keys[i - 1]);
	map_release(&m);
}

static void test_map_release_empties_and_allows_reuse(void **state)
{
	struct map m = MAP_INIT;
	int v;

	(void)state;
	assert_int_equal(map_put(&m, "x", &v, NULL), 0);
	map_release(&m);
	assert_null(m.slots);
	assert_int_equal(m.capacity, 0);
	assert_int_equal(m.len, 0);
	assert_null(map_get(&m, "x"));
	assert_int_equal(map_put(&m, "x", &v, NULL), 0);
	assert_ptr_equal(map_get(&m, "x"), &v);
	map_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_get_on_empty_map_returns_null),
		cmocka_unit_test(test_map_many_keys_survive_rehashing),
		cmocka_unit_test(test_map_compares_keys_by_content),
		cmocka_unit_test(
			test_map_duplicate_returns_1_and_existing_value),
		cmocka_unit_test(test_map_duplicates_found_after_rehash),
		cmocka_unit_test(test_map_get_of_absent_key_returns_null),
		cmocka_unit_test(test_map_stores_null_values_and_the_empty_key),
		cmocka_unit_test(
			test_map_put_without_memory_leaves_map_unchanged),
		cmocka_unit_test(test_map_release_empties_and_allows_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
