/* SPDX-License-Identifier: Apache-2.0
 *
 * test_timeutil.c - the output time: SOURCE_DATE_EPOCH valid, malformed
 * and unset (reproducible-builds.org/specs/source-date-epoch), ISO 8601
 * formatting, and calendar date validation with leap years.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mdsec/error.h"
#include "base/timeutil.h"

static int restore_env(void **state)
{
	(void)state;
	unsetenv("SOURCE_DATE_EPOCH");
	return 0;
}

/* time_output() under SOURCE_DATE_EPOCH=value; checks *out is "now"
 * when the call is expected to ignore the variable. */
static void assert_output_now(const char *value, int expect_error)
{
	time_t before, after, t = 0;

	if (value)
		assert_int_equal(setenv("SOURCE_DATE_EPOCH", value, 1), 0);
	else
		assert_int_equal(unsetenv("SOURCE_DATE_EPOCH"), 0);
	before = time(NULL);
	if (time_output(&t) != expect_error)
		fail_msg("SOURCE_DATE_EPOCH='%s' should give %d",
			 value ? value : "(unset)", expect_error);
	after = time(NULL);
	assert_true(t >= before && t <= after);
}

static void test_time_output_uses_source_date_epoch(void **state)
{
	time_t t = 0;
	char buf[21];

	(void)state;
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "1767225600", 1), 0);
	assert_int_equal(time_output(&t), 0);
	assert_int_equal(t, 1767225600);
	time_iso8601(buf, t);
	assert_string_equal(buf, "2026-01-01T00:00:00Z");
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
	assert_int_equal(time_output(&t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(setenv("SOURCE_DATE_EPOCH", "253402300799", 1), 0);
	assert_int_equal(time_output(&t), 0);
	assert_int_equal(t, 253402300799LL);
}

static void test_time_output_without_source_date_epoch_is_now(void **state)
{
	(void)state;
	assert_output_now(NULL, 0);
	assert_output_now("", 0);
}

static void test_time_output_rejects_malformed_source_date_epoch(void **state)
{
	static const char *const bad[] = {
		"abc", "12x", "1.5",  "-1",	      "+5",
		" 5",  "5 ",  "0x10", "253402300800", "99999999999999999999999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_output_now(bad[i], MDSEC_EINPUT);
	}
}

static void test_time_iso8601_formats_utc(void **state)
{
	static const struct {
		long long t;
		const char *iso;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ 951827696, "2000-02-29T12:34:56Z" },
		{ 1767225599, "2025-12-31T23:59:59Z" },
		{ 253402300799LL, "9999-12-31T23:59:59Z" },
	};
	char buf[21];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		time_iso8601(buf, (time_t)cases[i].t);
		assert_string_equal(buf, cases[i].iso);
	}
}

static void test_time_valid_date_knows_the_calendar(void **state)
{
	static const struct {
		const char *s;
		int valid;
	} cases[] = {
		{ "2024-02-29", 1 },			  /* divisible by 4 */
		{ "2023-02-29", 0 }, { "1900-02-29", 0 }, /* divisible by 100 */
		{ "2000-02-29", 1 },			  /* divisible by 400 */
		{ "2023-02-28", 1 }, { "2024-02-30", 0 }, { "2030-01-01", 1 },
		{ "2030-01-31", 1 }, { "2030-01-32", 0 }, { "2030-04-30", 1 },
		{ "2030-04-31", 0 }, { "2030-12-31", 1 }, { "2030-13-01", 0 },
		{ "2030-00-10", 0 }, { "2030-06-00", 0 }, { "0000-01-01", 1 },
		{ "9999-12-31", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		if (!!time_valid_date(cases[i].s) != cases[i].valid)
			fail_msg("time_valid_date(\"%s\") should be %d",
				 cases[i].s, cases[i].valid);
	}
}

static void test_time_valid_date_rejects_malformed_strings(void **state)
{
	static const char *const bad[] = {
		"",
		"2024",
		"2024-1-01",
		"2024-01-1",
		"24-01-01",
		"2024/01/01",
		"2024-01-01T00:00:00Z",
		"2024-01-01 ",
		" 2024-01-01",
		"2024-0a-01",
		"2024-01-0b",
		"abcd-01-01",
		"2024--1-01",
		"2024-01--1",
		"+024-01-01",
		"2024-01-001",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		if (time_valid_date(bad[i]))
			fail_msg("time_valid_date(\"%s\") should be 0", bad[i]);
	}
}

#define T(f) cmocka_unit_test_teardown(f, restore_env)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_time_output_uses_source_date_epoch),
		T(test_time_output_without_source_date_epoch_is_now),
		T(test_time_output_rejects_malformed_source_date_epoch),
		T(test_time_iso8601_formats_utc),
		T(test_time_valid_date_knows_the_calendar),
		T(test_time_valid_date_rejects_malformed_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
