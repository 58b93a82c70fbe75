/* SPDX-License-Identifier: Apache-2.0
 *
 * test_parse.c - CVSS vector validation: a table of malformed vectors with
 * the exact diagnostics each gives, strict (what `mdsec cvss` uses) and
 * lenient (importers: order not enforced, warnings where the score is
 * still defined); the column named is the 1-based byte offset of the bad
 * metric, shifted by the caller's location. Also the canonical vector,
 * severity names, the v4.0 nomenclature and a few published scores.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "mdsec/cvss.h"

#define V31 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
#define V2  "AV:N/AC:L/Au:N/C:P/I:P/A:P"
#define V40 "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"

struct pcase {
	enum mdsec_cvss_mode mode;
	const char *vector;
	int ret;	   /* expected return */
	const char *diags; /* every diagnostic, formatted, one a line */
	int base;	   /* expected base score in tenths when ret == 0 */
	const char *canon; /* expected canonical vector when ret == 0 */
};

#define S MDSEC_CVSS_STRICT
#define L MDSEC_CVSS_LENIENT
#define E MDSEC_EINPUT

static const struct pcase cases[] = {
	/* well-formed */
	{ S, V31, 0, "", 98, V31 },
	{ S, V2, 0, "", 75, V2 },
	{ S, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 0, "", 100,
	  "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" },
	{ S, V40, 0, "", 100, V40 },
	{ S,
	  "CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/E:P/"
	  "S:X/AU:N/R:X/V:D/RE:X/U:X",
	  0, "", 73,
	  "CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/E:P/"
	  "S:X/AU:N/R:X/V:D/RE:X/U:X" },
	/* strict errors */
	{ S, "", E,
	  "<input>:1:1: error: empty vector (expected a CVSS vector)\n" },
	{ S, "CVSS:4.1/AV:N", E,
	  "<input>:1:1: error: unsupported version 'CVSS:4.1' (expected "
	  "CVSS:3.0, CVSS:3.1 or CVSS:4.0, or a v2 vector without prefix)\n" },
	{ S, "CVSS:4.0/AV:N/AT:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
	  E,
	  "<input>:1:20: error: metric 'AC' out of order (expected before "
	  "'AT')\n" },
	{ S, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
	  E,
	  "<input>:1:30: error: bad value 'R' for metric 'UI' (expected N, P "
	  "or A)\n" },
	{ S, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H", E,
	  "<input>:1:59: error: missing base metric 'SA' (expected every base "
	  "metric of CVSS v4)\n" },
	{ S, V40 "/S:N/CR:H", E,
	  "<input>:1:69: error: metric 'CR' out of order (expected before "
	  "'S')\n" },
	{ S, V40 "/MSC:S", E,
	  "<input>:1:65: error: bad value 'S' for metric 'MSC' (expected X, H, "
	  "L or N)\n" },
	{ S, V40 "/E:A/E:P", E,
	  "<input>:1:69: error: duplicate metric 'E' with another value "
	  "(expected once; first at column 65)\n" },
	{ S, V31 "/XX:Y", E,
	  "<input>:1:46: error: unknown metric 'XX' (expected a CVSS v3 "
	  "metric)\n" },
	{ S, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N", E,
	  "<input>:1:46: error: duplicate metric 'AV' (expected once; first "
	  "at column 10)\n" },
	{ S, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", E,
	  "<input>:1:41: error: missing base metric 'A' (expected every base "
	  "metric of CVSS v3)\n" },
	{ S, "CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", E,
	  "<input>:1:10: error: bad value 'Z' for metric 'AV' (expected N, A, "
	  "L or P)\n" },
	{ S, "CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H", E,
	  "<input>:1:15: error: metric 'AV' out of order (expected before "
	  "'AC')\n" },
	{ S, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E", E,
	  "<input>:1:46: error: malformed component 'E' (expected "
	  "METRIC:VALUE)\n" },
	{ S, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", E,
	  "<input>:1:46: error: empty component (expected METRIC:VALUE between "
	  "slashes)\n" },
	{ S, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:H", E,
	  "<input>:1:50: error: duplicate metric 'E' with another value "
	  "(expected once; first at column 46)\n" },
	{ S, "AV:N/AC:L/PR:N/C:P/I:P/A:P", E,
	  "<input>:1:11: error: unknown metric 'PR' (expected a CVSS v2 "
	  "metric)\n"
	  "<input>:1:27: error: missing base metric 'Au' (expected every base "
	  "metric of CVSS v2)\n" },
	{ S, "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", E,
	  "<input>:1:28: error: bad value 'X' for metric 'E' (expected U, POC, "
	  "F, H or ND)\n" },
	{ S, "CVSS:3.1", E,
	  "<input>:1:9: error: missing base metric 'AV' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'AC' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'PR' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'UI' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'S' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'C' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'I' (expected every base "
	  "metric of CVSS v3)\n"
	  "<input>:1:9: error: missing base metric 'A' (expected every base "
	  "metric of CVSS v3)\n" },
	{ S, "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", E,
	  "<input>:1:1: error: unsupported version 'cvss:3.1' (expected "
	  "CVSS:3.0, CVSS:3.1 or CVSS:4.0, or a v2 vector without prefix)\n" },
	/* lenient: warnings where the score is still defined */
	{ L, "CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H", 0,
	  "<input>:1:15: warning: metric 'AV' out of order (expected before "
	  "'AC')\n",
	  98, V31 },
	{ L, V31 "/AV:N", 0,
	  "<input>:1:46: warning: duplicate metric 'AV' (expected once; first "
	  "at column 10)\n",
	  98, V31 },
	{ L, V31 "/XX:Y/", 0,
	  "<input>:1:46: warning: unknown metric 'XX' (expected a CVSS v3 "
	  "metric)\n"
	  "<input>:1:51: warning: empty component (expected METRIC:VALUE "
	  "between slashes)\n",
	  98, V31 },
	{ L, "A:P/I:P/C:P/Au:N/AC:L/AV:N", 0,
	  "<input>:1:5: warning: metric 'I' out of order (expected before "
	  "'A')\n"
	  "<input>:1:9: warning: metric 'C' out of order (expected before "
	  "'A')\n"
	  "<input>:1:13: warning: metric 'Au' out of order (expected before "
	  "'A')\n"
	  "<input>:1:18: warning: metric 'AC' out of order (expected before "
	  "'A')\n"
	  "<input>:1:23: warning: metric 'AV' out of order (expected before "
	  "'A')\n",
	  75, V2 },
	/* lenient: still errors where the score is not defined */
	{ L, V40 "/S:N/CR:H", 0,
	  "<input>:1:69: warning: metric 'CR' out of order (expected before "
	  "'S')\n",
	  100, V40 "/CR:H/S:N" },
	{ L, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", E,
	  "<input>:1:46: error: duplicate metric 'AV' with another value "
	  "(expected once; first at column 10)\n" },
	{ L, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q", E,
	  "<input>:1:42: error: bad value 'Q' for metric 'A' (expected H, L or "
	  "N)\n" },
	{ L, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", E,
	  "<input>:1:41: error: missing base metric 'A' (expected every base "
	  "metric of CVSS v3)\n" },
};

static void diags_to_text(char *buf, size_t size,
			  const struct mdsec_diag_list *dl)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < dl->len && len < size; i++) {
		len += (size_t)mdsec_diag_format(buf + len, size - len,
						 &dl->items[i]);
		if (len < size - 1) {
			buf[len++] = '\n';
			buf[len] = '\0';
		}
	}
}

static void test_each_vector_gives_its_exact_diagnostics(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pcase *t = &cases[i];
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct mdsec_loc at = { NULL, 0, 0 };
		struct mdsec_cvss c;
		struct mdsec_cvss_scores s;
		char text[4096], canon[256];
		int ret;

		ret = mdsec_cvss_parse(&c, t->vector, strlen(t->vector),
				       t->mode, at, &dl);
		diags_to_text(text, sizeof(text), &dl);
		if (ret != t->ret || strcmp(text, t->diags) != 0)
			print_error("case %zu '%s': ret %d\n%s", i, t->vector,
				    ret, text);
		assert_int_equal(ret, t->ret);
		assert_string_equal(text, t->diags);
		if (ret == 0) {
			mdsec_cvss_score(&c, &s);
			mdsec_cvss_format(canon, sizeof(canon), &c);
			assert_int_equal(s.base, t->base);
			assert_string_equal(canon, t->canon);
		}
		mdsec_diag_list_release(&dl);
	}
}

static void test_columns_are_shifted_by_the_callers_location(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { "advisory.yaml", 7, 12 };
	struct mdsec_cvss c;
	char text[512];

	(void)state;
	assert_int_equal(mdsec_cvss_parse(&c, "AV:N/AC:Q/Au:N/C:P/I:P/A:P", 26,
					  MDSEC_CVSS_STRICT, at, &dl),
			 MDSEC_EINPUT);
	diags_to_text(text, sizeof(text), &dl);
	assert_string_equal(text, "advisory.yaml:7:17: error: bad value 'Q' "
				  "for metric 'AC' (expected H, M or L)\n");
	mdsec_diag_list_release(&dl);
}

static void test_vectors_are_read_by_length_not_terminator(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { NULL, 0, 0 };
	struct mdsec_cvss c;

	(void)state;
	assert_int_equal(
		mdsec_cvss_parse(&c, V2 "/E:U", strlen(V2), S, at, &dl), 0);
	assert_false(c.has_temporal);
	assert_int_equal(mdsec_cvss_parse(&c, "AV:N\0AC:L", 9, S, at, &dl),
			 MDSEC_EINPUT);
	mdsec_diag_list_release(&dl);
}

static void test_severity_names_follow_each_version(void **state)
{
	(void)state;
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 0), "Low");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 39), "Low");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 40), "Medium");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 69), "Medium");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 70), "High");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V2, 100), "High");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 0), "None");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 1), "Low");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_0, 39), "Low");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 40), "Medium");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 70), "High");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 89), "High");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V3_1, 90),
			    "Critical");
	assert_string_equal(mdsec_cvss_version_name(MDSEC_CVSS_V3_0), "3.0");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V4_0, 0), "None");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V4_0, 89), "High");
	assert_string_equal(mdsec_cvss_severity(MDSEC_CVSS_V4_0, 90),
			    "Critical");
	assert_string_equal(mdsec_cvss_version_name(MDSEC_CVSS_V4_0), "4.0");
}

static void test_v4_nomenclature_names_what_the_score_covers(void **state)
{
	static const char *const cases[][2] = {
		{ V40, "CVSS-B" },
		{ V40 "/E:X/CR:X/S:N", "CVSS-B" },
		{ V40 "/E:P", "CVSS-BT" },
		{ V40 "/MAV:L", "CVSS-BE" },
		{ V40 "/E:U/AR:L/U:Red", "CVSS-BTE" },
	};
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { NULL, 0, 0 };
	struct mdsec_cvss c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(mdsec_cvss_parse(&c, cases[i][0],
						  strlen(cases[i][0]), S, at,
						  &dl),
				 0);
		assert_string_equal(mdsec_cvss_nomenclature(&c), cases[i][1]);
	}
	assert_int_equal(mdsec_cvss_parse(&c, V31, strlen(V31), S, at, &dl), 0);
	assert_null(mdsec_cvss_nomenclature(&c));
	mdsec_diag_list_release(&dl);
}

static void test_canonical_vector_fits_or_reports_its_length(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { NULL, 0, 0 };
	struct mdsec_cvss c;
	char small[10];

	(void)state;
	assert_int_equal(mdsec_cvss_parse(&c, V31, strlen(V31), S, at, &dl), 0);
	assert_int_equal(mdsec_cvss_format(small, sizeof(small), &c),
			 (int)strlen(V31));
	assert_string_equal(small, "CVSS:3.1/");
	assert_int_equal(mdsec_cvss_format(NULL, 0, &c), (int)strlen(V31));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_vector_gives_its_exact_diagnostics),
		cmocka_unit_test(
			test_columns_are_shifted_by_the_callers_location),
		cmocka_unit_test(
			test_vectors_are_read_by_length_not_terminator),
		cmocka_unit_test(test_severity_names_follow_each_version),
		cmocka_unit_test(
			test_v4_nomenclature_names_what_the_score_covers),
		cmocka_unit_test(
			test_canonical_vector_fits_or_reports_its_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
