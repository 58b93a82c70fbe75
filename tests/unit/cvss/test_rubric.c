/* SPDX-License-Identifier: Apache-2.0
 *
 * test_rubric.c - the MITRE medical-device CVSS rubric (data/rubric/
 * rubric.yaml) applied to answer sets whose vectors were derived by hand
 * from the decision table of the rubric (reference section 3.1; the
 * derivation is beside each case), UNKNOWN taking the more severe value,
 * and a malformed answers file with its exact diagnostics. Scores come
 * from the v3.0 scorer, which test_vectors.c checks on its own.
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

#define RUBRIC MDSEC_TEST_SRCDIR "/data/rubric/rubric.yaml"
#define NOIMPACT                                                               \
	"XCP:N/XIP:N/XAP:N/XCD:N/XID:N/XAD:N/XCT:N/XIT:N/XAT:N/XCW:N/XIW:N/"   \
	"XAW:N/XCS:N/XIS:N/XAS:N/XCO:N/XIO:N/XAO:N"

struct rcase {
	const char *answers;
	const char *vector;
	int score;
	const char *extended;
};

static const struct rcase cases[] = {
	/* Nothing answered: every question on the path is UNKNOWN, the
	 * more severe value. XAVN U -> AV:N; XACL U -> AC:L; XPRL U ->
	 * PR:N; XUI U -> UI:N; XS U -> S:C; no category -> C/I/A:N. */
	{ "", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0,
	  "XAVN:U/XACL:U/XPRL:U/XUI:U/XS:U/" NOIMPACT },
	/* Physical: XAVN NO -> XAVP; XAVP YES -> XAVPA; XAVPA YES -> AV:P.
	 * XACL NO -> AC:H. XPRL YES -> XPRZ YES -> XPRS YES -> PR:H.
	 * XUI YES -> UI:R. XS NO -> S:U. therapy A HIGH -> A:H. */
	{ "XAVN: NO\nXAVP: YES\nXAVPA: YES\nXACL: NO\nXPRL: YES\n"
	  "XPRZ: YES\nXPRS: YES\nXUI: YES\nXS: NO\n"
	  "therapy: {C: NONE, I: NONE, A: HIGH}\n",
	  "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:H", 38,
	  "XAVN:N/XAVP:Y/XAVPA:Y/XACL:N/XPRL:Y/XPRZ:Y/XPRS:Y/XUI:Y/XS:N/"
	  "XCP:N/XIP:N/XAP:N/XCD:N/XID:N/XAD:N/XCT:N/XIT:N/XAT:H/XCW:N/"
	  "XIW:N/XAW:N/XCS:N/XIS:N/XAS:N/XCO:N/XIO:N/XAO:N" },
	/* IP network: XAVN YES -> XAVT YES -> AV:N. XACL YES -> AC:L.
	 * XPRL YES -> XPRZ YES -> XPRS NO -> PR:L. XUI NO -> UI:N. XS NO
	 * -> S:U. system-secrets C HIGH, I HIGH -> C:H, I:H. */
	{ "XAVN: YES\nXAVT: YES\nXACL: YES\nXPRL: YES\nXPRZ: YES\n"
	  "XPRS: NO\nXUI: NO\nXS: NO\n"
	  "system-secrets: {C: HIGH, I: HIGH, A: NONE}\n",
	  "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", 81,
	  "XAVN:Y/XAVT:Y/XACL:Y/XPRL:Y/XPRZ:Y/XPRS:N/XUI:N/XS:N/XCP:N/XIP:N/"
	  "XAP:N/XCD:N/XID:N/XAD:N/XCT:N/XIT:N/XAT:N/XCW:N/XIW:N/XAW:N/"
	  "XCS:H/XIS:H/XAS:N/XCO:N/XIO:N/XAO:N" },
	/* UNKNOWN where it matters: XAVN YES -> XAVT NO -> XAVW UNKNOWN
	 * -> AV:A (not the L of a short-range radio). XACL NO -> AC:H.
	 * XPRL YES -> XPRZ YES -> XPRS UNKNOWN -> PR:N (not H or L). XUI
	 * YES -> UI:R. XS UNKNOWN -> S:C. diagnosis I UNKNOWN -> I:H. */
	{ "XAVN: YES\nXAVT: NO\nXAVW: UNKNOWN\nXACL: NO\nXPRL: YES\n"
	  "XPRZ: YES\nXPRS: UNKNOWN\nXUI: YES\nXS: UNKNOWN\n"
	  "diagnosis: {C: NONE, I: UNKNOWN, A: NONE}\n",
	  "CVSS:3.0/AV:A/AC:H/PR:N/UI:R/S:C/C:N/I:H/A:N", 56,
	  "XAVN:Y/XAVT:N/XAVW:U/XACL:N/XPRL:Y/XPRZ:Y/XPRS:U/XUI:Y/XS:U/"
	  "XCP:N/XIP:N/XAP:N/XCD:N/XID:U/XAD:N/XCT:N/XIT:N/XAT:N/XCW:N/"
	  "XIW:N/XAW:N/XCS:N/XIS:N/XAS:N/XCO:N/XIO:N/XAO:N" },
	/* Local, XCPM UNKNOWN: XAVN NO -> XAVP NO -> AV:L. XACL, XPRL,
	 * XUI answered: AC:L, PR:N, UI:N; XS NO -> S:U. patient-data C
	 * LOW, then XCPM UNKNOWN -> the more severe H -> C:H. */
	{ "XAVN: no\nXAVP: no\nXACL: yes\nXPRL: no\nXUI: no\nXS: no\n"
	  "patient-data: {C: LOW, I: NONE, A: NONE}\nXCPM: UNKNOWN\n",
	  "CVSS:3.0/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 62,
	  "XAVN:N/XAVP:N/XACL:Y/XPRL:N/XUI:N/XS:N/XCP:L/XCPM:U/XIP:N/"
	  "XAP:N/XCD:N/XID:N/XAD:N/XCT:N/XIT:N/XAT:N/XCW:N/XIW:N/XAW:N/"
	  "XCS:N/XIS:N/XAS:N/XCO:N/XIO:N/XAO:N" },
	/* Wired non-IP (the sources disagree; MITRE's calculator): XAVN
	 * YES -> XAVT NO -> XAVW NO -> AV:A. patient-data C LOW with XCPM
	 * NO stays L; other I LOW; clinical-workflow A LOW: the maximum
	 * per metric is L, L, L. */
	{ "XAVN: YES\nXAVT: NO\nXAVW: NO\nXACL: YES\nXPRL: NO\nXUI: NO\n"
	  "XS: NO\nXCPM: NO\npatient-data: {C: LOW, I: NONE, A: NONE}\n"
	  "other: {C: NONE, I: LOW, A: NONE}\n"
	  "clinical-workflow: {C: NONE, I: NONE, A: LOW}\n",
	  "CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L", 63,
	  "XAVN:Y/XAVT:N/XAVW:N/XACL:Y/XPRL:N/XUI:N/XS:N/XCP:L/XCPM:N/XIP:N/"
	  "XAP:N/XCD:N/XID:N/XAD:N/XCT:N/XIT:N/XAT:N/XCW:N/XIW:N/XAW:L/"
	  "XCS:N/XIS:N/XAS:N/XCO:N/XIO:L/XAO:N" },
};

static struct mdsec_rubric *load(void)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric *r = NULL;

	assert_int_equal(mdsec_rubric_load(&r, RUBRIC, &dl), 0);
	assert_int_equal(dl.len, 0);
	mdsec_diag_list_release(&dl);
	return r;
}

static void test_answer_sets_give_the_hand_derived_vectors(void **state)
{
	struct mdsec_rubric *r = load();
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric_result res;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int e = mdsec_rubric_apply_buf(r, "a.yaml", cases[i].answers,
					       strlen(cases[i].answers), &res,
					       &dl);

		if (e || strcmp(res.vector, cases[i].vector) ||
		    strcmp(res.extended, cases[i].extended))
			print_error("case %zu: %d %s\n%s\n", i, e, res.vector,
				    res.extended);
		assert_int_equal(e, 0);
		assert_string_equal(res.vector, cases[i].vector);
		assert_int_equal(res.score, cases[i].score);
		assert_string_equal(res.extended, cases[i].extended);
	}
	mdsec_diag_list_release(&dl);
	mdsec_rubric_free(r);
}

static void test_malformed_answers_give_located_errors(void **state)
{
	static const char bad[] = "XAVN: MAYBE\nXFOO: YES\n"
				  "therapy: {C: HIGH, Q: LOW, A: SOME}\n"
				  "XAVN: NO\n";
	static const char *const want[] = {
		"a.yaml:1:7: error: unknown answer 'MAYBE' to 'XAVN' "
		"(expected YES, NO or UNKNOWN)",
		"a.yaml:2:1: error: unknown question 'XFOO' (expected a "
		"question code or an impact category)",
		"a.yaml:3:20: error: unknown metric 'Q' in 'therapy' "
		"(expected C, I or A)",
		"a.yaml:3:31: error: unknown answer 'SOME' to 'therapy' A "
		"(expected HIGH, LOW, NONE or UNKNOWN)",
	};
	struct mdsec_rubric *r = load();
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric_result res;
	char buf[512];
	size_t i;

	(void)state;
	assert_int_equal(mdsec_rubric_apply_buf(r, "a.yaml", bad, strlen(bad),
						&res, &dl),
			 MDSEC_EINPUT);
	assert_int_equal(dl.len, 4);
	for (i = 0; i < dl.len; i++) {
		mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		assert_string_equal(buf, want[i]);
	}
	mdsec_diag_list_release(&dl);
	mdsec_rubric_free(r);
}

static void test_a_list_of_answers_is_refused(void **state)
{
	struct mdsec_rubric *r = load();
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric_result res;
	char buf[512];

	(void)state;
	assert_int_equal(
		mdsec_rubric_apply_buf(r, "a.yaml", "- YES\n", 6, &res, &dl),
		MDSEC_EINPUT);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, "a.yaml:1:1: error: answers are a list "
				 "(expected a mapping of question codes and "
				 "categories to answers)");
	mdsec_diag_list_release(&dl);
	mdsec_rubric_free(r);
}

static void test_bad_rubric_data_gives_located_errors(void **state)
{
	static const char data[] =
		"format: 1\nquestions:\n"
		"  - {code: XAVN, metric: AV, yes: set Q, no: goto XNOPE, "
		"unknown: set N}\n"
		"categories: []\n";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_rubric *r = NULL;

	(void)state;
	assert_int_equal(
		mdsec_rubric_load_buf(&r, "r.yaml", data, strlen(data), &dl),
		MDSEC_EINPUT);
	assert_null(r);
	assert_true(dl.len >= 2);
	assert_int_equal(dl.items[0].loc.line, 3);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_answer_sets_give_the_hand_derived_vectors),
		cmocka_unit_test(test_malformed_answers_give_located_errors),
		cmocka_unit_test(test_a_list_of_answers_is_refused),
		cmocka_unit_test(test_bad_rubric_data_gives_located_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
