/* SPDX-License-Identifier: Apache-2.0
 *
 * test_alloc_faults.c - allocation failure injection over the threat and
 * risk stages (STYLE: every allocation failure is handled): for N = 1, 2,
 * 3, ... allocation N and every later one fail, in loading rules, in
 * deriving threats and in assessing risks. Each run must end in success
 * or MDSEC_ENOMEM with no result, never crash or leak (the ASan build
 * checks leaks), and a run that succeeds despite a failed allocation must
 * give the same result as a run without failures. libfyaml allocates with
 * plain malloc and is not injected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "mdsec/risk.h"
#include "mdsec/threat.h"
#include "base/xalloc.h"

#define NAME	 "/nonexistent-dir/m.yaml"
#define RNAME	 "/nonexistent-dir/rules.yaml"
#define TODAY	 "2026-01-01"
#define MAX_RUNS 1000000ul

static const char model_text[] =
	"format: 1\n"
	"device: {name: P, version: \"1\", manufacturer: M, intended_use: u, "
	"submission_type: 510k, cyber_device: {software: true, "
	"connectivity: true}}\n"
	"zones:\n"
	"  - {id: dev, trust: high}\n"
	"  - {id: lan, trust: low}\n"
	"  - {id: net, trust: untrusted}\n"
	"elements:\n"
	"  - id: pump\n"
	"    kind: device\n"
	"    zone: dev\n"
	"    interfaces:\n"
	"      - {id: ble, kind: ble, exposure: adjacent, protocol: GATT}\n"
	"      - {id: swd, kind: swd, exposure: physical, "
	"enabled_in_production: true}\n"
	"  - {id: fw, kind: firmware, runs_on: pump}\n"
	"  - id: phone\n"
	"    kind: external-system\n"
	"    zone: lan\n"
	"    interfaces: [{id: ble, kind: ble, exposure: adjacent}]\n"
	"  - {id: app, kind: mobile-app, runs_on: phone}\n"
	"  - id: cloud\n"
	"    kind: cloud-service\n"
	"    zone: net\n"
	"    interfaces: [{id: api, kind: network-service, exposure: "
	"internet, port: 443, protocol: https}]\n"
	"assets:\n"
	"  - {id: rate, kind: therapy-settings, confidentiality: low, "
	"integrity: high, availability: high, stored_on: [fw]}\n"
	"  - {id: hist, kind: phi, confidentiality: high, integrity: low, "
	"availability: low, stored_on: [cloud]}\n"
	"flows:\n"
	"  - {id: f-cmd, from: app, to: fw, via: [phone.ble, pump.ble], "
	"assets: [rate], commands: [therapy]}\n"
	"  - {id: f-sync, from: app, to: cloud, via: [cloud.api], "
	"bidirectional: true, assets: [hist]}\n"
	"  - {id: f-upd, from: cloud, to: fw, code: true}\n"
	"hazards:\n"
	"  - {id: hz, harm: h, severity: catastrophic, flows: [f-cmd], "
	"multi_patient: true}\n"
	"software:\n"
	"  - {id: sw, element: fw, version: \"1\", supplier: s, origin: "
	"open-source, purl: \"pkg:generic/x@1\", support: abandoned, "
	"end_of_support: 2020-01-01}\n"
	"controls:\n"
	"  - {id: c-lock, category: integrity, protects: [pump]}\n"
	"  - {id: c-auth, category: authentication, protects: [f-cmd]}\n"
	"  - {id: c-log, category: event-logging, protects: [cloud]}\n"
	"risk_decisions:\n"
	"  - {threat: T-ELEM@fw, decision: mitigate, controls: [c-log]}\n"
	"  - {threat: T-FLOW@f-sync, decision: accept, rationale: r, "
	"residual_exploitability: 2}\n"
	"  - {threat: T-GONE@x, decision: accept, rationale: r}\n"
	"justifications:\n"
	"  - {id: j, absent: a, subjects: [pump.swd], reason: r}\n";

/* Every target, relations (reachable_from twice, so two memo slots),
 * contains_any, controls and justifications. */
static const char rules_text[] =
	"format: 1\n"
	"rules:\n"
	"  - id: T-FLOW\n"
	"    title: t\n"
	"    target: flow\n"
	"    stride: spoofing\n"
	"    capec: [151, 94]\n"
	"    cwe: [306]\n"
	"    complexity: low\n"
	"    when:\n"
	"      any:\n"
	"        - {commands: {has_any: [therapy]}, to: {reachable_from: "
	"{trust: untrusted}}}\n"
	"        - {protocol: {contains_any: [HTTPS, gatt]}}\n"
	"        - {code: true, not: {controlled_by: [cryptography]}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [authentication, cryptography]\n"
	"  - id: T-ELEM\n"
	"    title: t\n"
	"    target: element\n"
	"    stride: tampering\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    when: {any: [{reachable_from: {kind: mobile-app}}, "
	"{interfaces_any: {justified: true}}, {flows_in_any: {code: "
	"true}}]}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [integrity]\n"
	"  - id: T-IF\n"
	"    title: t\n"
	"    target: interface\n"
	"    stride: denial-of-service\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    complexity: high\n"
	"    when: {element: {stores_any: {integrity: {min: medium}}}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [resiliency]\n"
	"  - id: T-SW\n"
	"    title: t\n"
	"    target: software\n"
	"    stride: elevation-of-privilege\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    when: {support_expired: true, purl: {present: true}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [updatability]\n"
	"  - id: T-ASSET\n"
	"    title: t\n"
	"    target: asset\n"
	"    stride: information-disclosure\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    when: {carried_by_any: {crosses_boundary: true}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [confidentiality]\n";

/* Errors of many kinds, so that the error paths allocate too. */
static const char broken_rules[] =
	"format: 1\n"
	"rulez: []\n"
	"rules:\n"
	"  - id: B-1\n"
	"    titel: t\n"
	"    target: flow\n"
	"    stride: spoof\n"
	"    capec: [x]\n"
	"    cwe: 2\n"
	"    when: {all: [{comands: {}}, {host: {kind: device}}, {zzzz: 1}, "
	"{protocol: {min: x}}, {exposure: [remote]}, {all: []}]}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [integrety]\n"
	"  - id: B-2\n"
	"    title: t\n"
	"    target: asset\n"
	"    stride: tampering\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    when: {kind: keys}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [integrity]\n"
	"  - id: B-2\n"
	"    title: t\n"
	"    target: asset\n"
	"    stride: tampering\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    when: {stored_on_any: {kind: firmware}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [integrity]\n";

static mdsec_model *load_model(void)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;

	assert_int_equal(mdsec_model_load_buffer(&m, NAME, model_text,
						 strlen(model_text), NULL, &dl),
			 0);
	mdsec_diag_list_release(&dl);
	return m;
}

static mdsec_ruleset *load_rules(void)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;

	assert_int_equal(mdsec_rules_load_buffer(&rs, RNAME, rules_text,
						 strlen(rules_text), &dl),
			 0);
	mdsec_diag_list_release(&dl);
	return rs;
}

/* Text forms of results, compared between runs (plain malloc: the test's
 * own allocations must not be failed). */
static char *rules_str(const mdsec_ruleset *rs)
{
	char *s = calloc(1, 4096);
	size_t i, used = 0;

	assert_non_null(s);
	for (i = 0; i < rs->nrules; i++)
		used += (size_t)snprintf(
			s + used, 4096 - used, "%s %d %d %u %u %u\n",
			rs->rules[i].id, rs->rules[i].target,
			rs->rules[i].complexity, rs->rules[i].mitigations,
			rs->rules[i].loc.line, (unsigned)rs->rules[i].ncapec);
	assert_true(used < 4096);
	return s;
}

static char *threats_str(const mdsec_threats *t)
{
	char *s = calloc(1, 8192);
	size_t i, used = 0;

	assert_non_null(s);
	for (i = 0; i < t->n; i++)
		used += (size_t)snprintf(
			s + used, 8192 - used, "%s %s %d %zu\n", t->v[i].id,
			t->v[i].rule->id, t->v[i].kind, t->v[i].index);
	assert_true(used < 8192);
	assert_true(t->n > 5);
	return s;
}

static char *assessment_str(const mdsec_assessment *a)
{
	char *s = calloc(1, 16384);
	size_t i, j, used = 0;

	assert_non_null(s);
	for (i = 0; i < a->nrisks; i++) {
		const struct mdsec_risk *r = &a->risks[i];

		used += (size_t)snprintf(
			s + used, 16384 - used,
			"%d %d %d %d %d %d %d %d %zu %ld %d %d:", r->exposure,
			r->authenticated, r->complexity, r->before, r->after,
			r->after_computed, r->severity, r->severity_source,
			r->severity_object, r->decision, r->region_before,
			r->region_after);
		for (j = 0; j < r->ncontrols; j++)
			used += (size_t)snprintf(s + used, 16384 - used, " %zu",
						 r->controls[j]);
		used += (size_t)snprintf(s + used, 16384 - used, "\n");
	}
	for (i = 0; i < a->nfindings; i++)
		used += (size_t)snprintf(
			s + used, 16384 - used, "%d %d %s %u:%u %s\n",
			a->findings[i].kind, a->findings[i].gating,
			a->findings[i].threat, a->findings[i].loc.line,
			a->findings[i].loc.col, a->findings[i].msg);
	used += (size_t)snprintf(s + used, 16384 - used, "%zu\n", a->ngating);
	assert_true(used < 16384);
	assert_true(a->nfindings > 2);
	return s;
}

static void test_rules_load_survives_every_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = load_rules();
	char *expect = rules_str(rs), *got;
	unsigned long n, count;
	int error;

	(void)state;
	mdsec_rules_free(rs);
	for (n = 1; n < MAX_RUNS; n++) {
		rs = (mdsec_ruleset *)1;
		xalloc_fail_after(n);
		error = mdsec_rules_load_buffer(&rs, RNAME, rules_text,
						strlen(rules_text), &dl);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error != 0 && error != MDSEC_ENOMEM)
			fail_msg("allocation %lu failed: load returned %d (%s)",
				 n, error, mdsec_strerror(error));
		if (error == MDSEC_ENOMEM) {
			assert_null(rs);
		} else {
			assert_non_null(rs);
			got = rules_str(rs);
			if (strcmp(got, expect))
				fail_msg("allocation %lu failed: the rules "
					 "differ",
					 n);
			free(got);
			mdsec_rules_free(rs);
		}
		mdsec_diag_list_release(&dl);
		if (error == 0 && count < n)
			break;
	}
	/* The arena allocates in large blocks: few allocations, unless
	 * built with MDSEC_DEBUG_ARENA. */
	assert_true(n > 3);
	assert_true(n < MAX_RUNS);
	free(expect);
}

static void test_broken_rules_survive_every_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs;
	unsigned long n, count;
	size_t nerrors;
	int error;

	(void)state;
	error = mdsec_rules_load_buffer(&rs, RNAME, broken_rules,
					strlen(broken_rules), &dl);
	assert_int_equal(error, MDSEC_EINPUT);
	nerrors = dl.nerrors;
	assert_true(nerrors > 10);
	mdsec_diag_list_release(&dl);
	for (n = 1; n < MAX_RUNS; n++) {
		rs = (mdsec_ruleset *)1;
		xalloc_fail_after(n);
		error = mdsec_rules_load_buffer(&rs, RNAME, broken_rules,
						strlen(broken_rules), &dl);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error != MDSEC_EINPUT && error != MDSEC_ENOMEM)
			fail_msg("allocation %lu failed: load returned %d (%s)",
				 n, error, mdsec_strerror(error));
		assert_null(rs);
		if (error == MDSEC_EINPUT && count < n)
			assert_int_equal(dl.nerrors, nerrors);
		mdsec_diag_list_release(&dl);
		if (error == MDSEC_EINPUT && count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
}

static void test_derive_survives_every_allocation_failure(void **state)
{
	mdsec_model *m = load_model();
	mdsec_ruleset *rs = load_rules();
	mdsec_threats *t = NULL;
	char *expect, *got;
	unsigned long n, count;
	int error;

	(void)state;
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	expect = threats_str(t);
	mdsec_threats_free(t);
	for (n = 1; n < MAX_RUNS; n++) {
		t = (mdsec_threats *)1;
		xalloc_fail_after(n);
		error = mdsec_threats_derive(&t, m, rs, TODAY);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error == MDSEC_ENOMEM) {
			assert_null(t);
			continue;
		}
		if (error != 0)
			fail_msg("allocation %lu failed: derive returned %d", n,
				 error);
		got = threats_str(t);
		if (strcmp(got, expect))
			fail_msg("allocation %lu failed: the threats differ\n"
				 "%s\nexpected:\n%s",
				 n, got, expect);
		free(got);
		mdsec_threats_free(t);
		if (count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
	free(expect);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

static void test_assess_survives_every_allocation_failure(void **state)
{
	struct mdsec_risk_matrix mx;
	mdsec_model *m = load_model();
	mdsec_ruleset *rs = load_rules();
	mdsec_threats *t = NULL;
	mdsec_assessment *a = NULL;
	char *expect, *got;
	unsigned long n, count;
	int error, s, e;

	(void)state;
	for (s = 0; s < 5; s++) {
		for (e = 0; e < 5; e++)
			mx.region[s][e] = (enum mdsec_region)(s + e > 5	  ? 2
							      : s + e > 3 ? 1
									  : 0);
	}
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(mdsec_risk_assess(&a, m, t, &mx), 0);
	expect = assessment_str(a);
	mdsec_assessment_free(a);
	for (n = 1; n < MAX_RUNS; n++) {
		a = (mdsec_assessment *)1;
		xalloc_fail_after(n);
		error = mdsec_risk_assess(&a, m, t, &mx);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error == MDSEC_ENOMEM) {
			assert_null(a);
			continue;
		}
		if (error != 0)
			fail_msg("allocation %lu failed: assess returned %d", n,
				 error);
		got = assessment_str(a);
		if (strcmp(got, expect))
			fail_msg("allocation %lu failed: the assessment "
				 "differs\n%s\nexpected:\n%s",
				 n, got, expect);
		free(got);
		mdsec_assessment_free(a);
		if (count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
	free(expect);
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

/* The three stages in a row, as the pipeline runs them, under one
 * failure schedule: whichever stage fails, nothing leaks. */
static void test_stages_in_a_row_survive_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx;
	mdsec_model *m = load_model();
	mdsec_ruleset *rs;
	mdsec_threats *t;
	mdsec_assessment *a;
	unsigned long n, count;
	int error;

	(void)state;
	memset(&mx, 0, sizeof(mx));
	for (n = 1; n < MAX_RUNS; n++) {
		rs = NULL;
		t = NULL;
		a = NULL;
		xalloc_fail_after(n);
		error = mdsec_rules_load_buffer(&rs, RNAME, rules_text,
						strlen(rules_text), &dl);
		if (!error)
			error = mdsec_threats_derive(&t, m, rs, TODAY);
		if (!error)
			error = mdsec_risk_assess(&a, m, t, &mx);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error != 0 && error != MDSEC_ENOMEM)
			fail_msg("allocation %lu failed: returned %d", n,
				 error);
		assert_true(error != 0 || (a && a->nrisks == t->n));
		mdsec_assessment_free(a);
		mdsec_threats_free(t);
		mdsec_rules_free(rs);
		mdsec_diag_list_release(&dl);
		if (error == 0 && count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
	mdsec_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_rules_load_survives_every_allocation_failure),
		cmocka_unit_test(
			test_broken_rules_survive_every_allocation_failure),
		cmocka_unit_test(test_derive_survives_every_allocation_failure),
		cmocka_unit_test(test_assess_survives_every_allocation_failure),
		cmocka_unit_test(
			test_stages_in_a_row_survive_allocation_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
