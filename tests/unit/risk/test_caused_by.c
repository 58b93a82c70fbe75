/* SPDX-License-Identifier: Apache-2.0
 *
 * test_caused_by.c - a hazard's `caused_by` decides which threats take its
 * severity (docs/risk.md): a flood of an element does not score a hazard
 * caused only by a loss of integrity, a tampering threat does, and a
 * hazard without `caused_by` counts for both.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "mdsec/mdsec.h"

static const char rules[] =
	"format: 1\n"
	"rules:\n"
	"  - {id: T-DOS, title: flood, target: element, stride: "
	"denial-of-service, capec: [125], cwe: [400], when: {kind: server}, "
	"rationale: r, harm: h, mitigations: [resiliency]}\n"
	"  - {id: T-TAMPER, title: tamper, target: element, stride: tampering, "
	"capec: [94], cwe: [345], when: {kind: server}, rationale: r, harm: h, "
	"mitigations: [integrity]}\n";

static const char model_fmt[] =
	"format: 1\n"
	"device: {name: D, version: '1', manufacturer: M, intended_use: U,\n"
	"  submission_type: 510k, cyber_device: {software: true, "
	"connectivity: true}}\n"
	"zones: [{id: z, trust: medium}]\n"
	"elements: [{id: srv, kind: server, zone: z}]\n"
	"assets: [{id: lib, kind: configuration, confidentiality: none, "
	"integrity: low, availability: low, stored_on: [srv]}]\n"
	"hazards: [{id: h-over, harm: overdose, severity: catastrophic, "
	"assets: [lib]%s}]\n";

/* Severity of each of the two threats for one `caused_by` text. */
static void severities(const char *caused_by, int *dos, int *tamper)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx;
	mdsec_ruleset *rs = NULL;
	mdsec_model *m = NULL;
	mdsec_threats *t = NULL;
	mdsec_assessment *a = NULL;
	char text[2048];

	memset(&mx, 0, sizeof(mx));
	snprintf(text, sizeof(text), model_fmt, caused_by);
	assert_int_equal(mdsec_rules_load_buffer(&rs, "/nonexistent/r.yaml",
						 rules, strlen(rules), &dl),
			 0);
	assert_int_equal(mdsec_model_load_buffer(&m, "/nonexistent/m.yaml",
						 text, strlen(text), NULL, &dl),
			 0);
	assert_int_equal(mdsec_threats_derive(&t, m, rs, "2026-01-01"), 0);
	assert_int_equal(mdsec_risk_assess(&a, m, t, &mx), 0);
	assert_int_equal(t->n, 2);
	/* sorted by id: T-DOS@srv, T-TAMPER@srv */
	*dos = a->risks[0].severity;
	*tamper = a->risks[1].severity;
	mdsec_assessment_free(a);
	mdsec_threats_free(t);
	mdsec_model_free(m);
	mdsec_rules_free(rs);
	mdsec_diag_list_release(&dl);
}

static void test_integrity_hazard_does_not_score_a_flood(void **state)
{
	int dos, tamper;

	(void)state;
	severities(", caused_by: [integrity]", &dos, &tamper);
	assert_int_equal(tamper, MDSEC_SEV_CATASTROPHIC);
	/* the flood falls back to the asset's availability need: low */
	assert_int_equal(dos, MDSEC_SEV_MINOR);
}

static void test_availability_hazard_scores_only_the_flood(void **state)
{
	int dos, tamper;

	(void)state;
	severities(", caused_by: [availability]", &dos, &tamper);
	assert_int_equal(dos, MDSEC_SEV_CATASTROPHIC);
	assert_int_equal(tamper, MDSEC_SEV_MINOR);
}

static void test_hazard_without_caused_by_scores_every_threat(void **state)
{
	int dos, tamper;

	(void)state;
	severities("", &dos, &tamper);
	assert_int_equal(dos, MDSEC_SEV_CATASTROPHIC);
	assert_int_equal(tamper, MDSEC_SEV_CATASTROPHIC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integrity_hazard_does_not_score_a_flood),
		cmocka_unit_test(
			test_availability_hazard_scores_only_the_flood),
		cmocka_unit_test(
			test_hazard_without_caused_by_scores_every_threat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
