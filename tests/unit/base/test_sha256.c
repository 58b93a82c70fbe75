/* SPDX-License-Identifier: Apache-2.0
 *
 * test_sha256.c - SHA-256 known answers from the FIPS 180-4 examples
 * (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf"): one-shot, incremental
 * in uneven pieces, and one million 'a'.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "base/sha256.h"

#define HEX_EMPTY                                                              \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define HEX_ABC                                                                \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define MSG_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define HEX_448                                                                \
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define HEX_MILLION_A                                                          \
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

static void test_sha256_of_empty_input(void **state)
{
	char hex[SHA256_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sha256_hex(hex, "", 0), 0);
	assert_string_equal(hex, HEX_EMPTY);
	assert_int_equal(sha256_hex(hex, NULL, 0), 0);
	assert_string_equal(hex, HEX_EMPTY);
}

static void test_sha256_of_abc(void **state)
{
	char hex[SHA256_HEX_LEN + 1];

	(void)state;
	assert_int_equal(sha256_hex(hex, "abc", 3), 0);
	assert_string_equal(hex, HEX_ABC);
}

static void test_sha256_of_448_bit_message(void **state)
{
	char hex[SHA256_HEX_LEN + 1];

	(void)state;
	assert_int_equal(strlen(MSG_448) * 8, 448);
	assert_int_equal(sha256_hex(hex, MSG_448, strlen(MSG_448)), 0);
	assert_string_equal(hex, HEX_448);
}

static void test_sha256_incremental_equals_one_shot(void **state)
{
	unsigned char d[SHA256_LEN];
	char hex[SHA256_HEX_LEN + 1];
	struct sha256 s;
	size_t i, len = strlen(MSG_448);

	(void)state;
	/* Byte by byte, crossing the 64-byte block boundary. */
	assert_int_equal(sha256_init(&s), 0);
	for (i = 0; i < len; i++)
		assert_int_equal(sha256_update(&s, MSG_448 + i, 1), 0);
	assert_int_equal(sha256_final(&s, d), 0);
	assert_null(s.ctx);
	sha256_to_hex(hex, d);
	assert_string_equal(hex, HEX_448);
	/* Uneven pieces with an empty one in the middle. */
	assert_int_equal(sha256_init(&s), 0);
	assert_int_equal(sha256_update(&s, MSG_448, 5), 0);
	assert_int_equal(sha256_update(&s, MSG_448 + 5, 0), 0);
	assert_int_equal(sha256_update(&s, MSG_448 + 5, len - 5), 0);
	assert_int_equal(sha256_final(&s, d), 0);
	sha256_to_hex(hex, d);
	assert_string_equal(hex, HEX_448);
}

static void test_sha256_of_one_million_a_incrementally(void **state)
{
	unsigned char d[SHA256_LEN];
	char hex[SHA256_HEX_LEN + 1], block[1000];
	struct sha256 s;
	int i;

	(void)state;
	memset(block, 'a', sizeof(block));
	assert_int_equal(sha256_init(&s), 0);
	for (i = 0; i < 1000; i++)
		assert_int_equal(sha256_update(&s, block, sizeof(block)), 0);
	assert_int_equal(sha256_final(&s, d), 0);
	sha256_to_hex(hex, d);
	assert_string_equal(hex, HEX_MILLION_A);
}

static void test_sha256_to_hex_is_lower_case_and_terminated(void **state)
{
	unsigned char d[SHA256_LEN];
	char hex[SHA256_HEX_LEN + 2];
	int i;

	(void)state;
	for (i = 0; i < SHA256_LEN; i++)
		d[i] = (unsigned char)(i * 8 + 7);
	memset(hex, 'X', sizeof(hex));
	sha256_to_hex(hex, d);
	assert_int_equal(hex[SHA256_HEX_LEN], '\0');
	assert_int_equal(hex[SHA256_HEX_LEN + 1], 'X');
	assert_memory_equal(hex, "070f171f272f373f", 16);
	assert_memory_equal(hex + 48, "c7cfd7dfe7eff7ff", 16);
}

static void test_sha256_release_without_final_is_allowed(void **state)
{
	struct sha256 s;

	(void)state;
	assert_int_equal(sha256_init(&s), 0);
	assert_int_equal(sha256_update(&s, "abc", 3), 0);
	sha256_release(&s);
	assert_null(s.ctx);
	sha256_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_of_empty_input),
		cmocka_unit_test(test_sha256_of_abc),
		cmocka_unit_test(test_sha256_of_448_bit_message),
		cmocka_unit_test(test_sha256_incremental_equals_one_shot),
		cmocka_unit_test(test_sha256_of_one_million_a_incrementally),
		cmocka_unit_test(
			test_sha256_to_hex_is_lower_case_and_terminated),
		cmocka_unit_test(test_sha256_release_without_final_is_allowed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
