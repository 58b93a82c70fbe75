/* SPDX-License-Identifier: Apache-2.0
 *
 * test_alloc_faults.c - allocation failure injection over the model
 * loader (STYLE rule 34; curl torture, SQLite OOM tests): for N = 1, 2,
 * 3, ... allocation N and every later one fail. Each run must end in
 * success or MDSEC_ENOMEM with no model, never crash or leak (the ASan
 * build checks leaks), and a run that succeeds despite a failed
 * allocation must give the same model as a run without failures.
 * libfyaml and jansson allocate with plain malloc and are not injected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "base/xalloc.h"

#define NAME	 "/nonexistent-dir/m.yaml"
#define MAX_RUNS 1000000ul

static const char valid_model[] =
	"format: 1\n"
	"device:\n"
	"  name: Infusion pump\n"
	"  version: \"2.1\"\n"
	"  manufacturer: ACME Medical\n"
	"  intended_use: drug infusion\n"
	"  submission_type: 510k\n"
	"  cyber_device: {software: true, connectivity: true}\n"
	"  clinical_functions:\n"
	"    - {id: infuse, name: Infuse drug}\n"
	"  essential_performance:\n"
	"    - {id: accurate-rate}\n"
	"roles:\n"
	"  - {id: nurse, kind: clinician}\n"
	"zones:\n"
	"  - {id: body, trust: high}\n"
	"  - {id: hospital, trust: medium}\n"
	"  - {id: internet, trust: untrusted}\n"
	"elements:\n"
	"  - id: pump\n"
	"    kind: device\n"
	"    zone: body\n"
	"    users: [nurse]\n"
	"    interfaces:\n"
	"      - {id: ble, kind: ble, exposure: adjacent}\n"
	"      - {id: jtag, kind: jtag, exposure: physical, "
	"enabled_in_production: false}\n"
	"      - {id: usb, kind: usb, exposure: physical, direction: in}\n"
	"  - {id: fw, kind: firmware, runs_on: pump}\n"
	"  - {id: rtos, kind: software, runs_on: fw}\n"
	"  - id: app\n"
	"    kind: mobile-app\n"
	"    zone: internet\n"
	"    interfaces:\n"
	"      - {id: ble, kind: ble, exposure: adjacent}\n"
	"  - id: cloud\n"
	"    kind: cloud-service\n"
	"    zone: internet\n"
	"    interfaces:\n"
	"      - {id: api, kind: network-service, exposure: internet, "
	"port: 443, protocol: https}\n"
	"assets:\n"
	"  - {id: rate, kind: therapy-settings, confidentiality: low, "
	"integrity: high, availability: high, stored_on: [fw]}\n"
	"flows:\n"
	"  - id: set-rate\n"
	"    from: app\n"
	"    to: fw\n"
	"    via: [app.ble, pump.ble]\n"
	"    assets: [rate]\n"
	"    commands: [therapy, settings]\n"
	"    protections: [authentication, integrity, encryption]\n"
	"  - {id: sync, from: app, to: cloud, via: [cloud.api], "
	"bidirectional: true}\n"
	"hazards:\n"
	"  - {id: overdose, harm: overdose, severity: catastrophic, "
	"assets: [rate], flows: [set-rate], functions: [infuse, "
	"accurate-rate]}\n"
	"software:\n"
	"  - {id: freertos, element: rtos, version: 10.4.3, supplier: AWS, "
	"origin: open-source, purl: \"pkg:generic/freertos@10.4.3\", "
	"support: actively-maintained, end_of_support: 2030-01-01}\n"
	"controls:\n"
	"  - {id: c-auth, category: authentication, protects: [set-rate], "
	"requirements: [SRS-1], tests: [TC-1]}\n"
	"  - {id: c-enc, category: cryptography, status: planned, "
	"protects: [set-rate, rate]}\n"
	"risk_decisions:\n"
	"  - {threat: T-SPOOF-set-rate, decision: mitigate, controls: "
	"[c-auth, c-enc]}\n"
	"  - {threat: T-DOS-sync, decision: accept, rationale: clinical "
	"workflow continues offline}\n"
	"assumptions:\n"
	"  - {id: hospital-wifi, description: the hospital network is "
	"managed}\n"
	"justifications:\n"
	"  - {id: no-logging, absent: event logging, subjects: [pump], "
	"reason: no storage}\n";

/* Errors of several kinds, so that the error paths allocate too. */
static const char broken_model[] =
	"format: 1\n"
	"include: [missing.yaml]\n"
	"device: {name: P, version: \"1\", manufacturer: M, intended_use: u, "
	"submission_type: 510k, cyber_device: {software: true, "
	"connectivity: false}}\n"
	"zones: [{id: z, trust: hihg}, {id: z, trust: low, parent: q}]\n"
	"elements:\n"
	"  - {id: a, kind: device, zone: z, zoen: z,\n"
	"     interfaces: [{id: j, kind: jtag, exposure: physical}]}\n"
	"  - {id: b, kind: server, runs_on: c}\n"
	"  - {id: c, kind: server, runs_on: b}\n"
	"flows:\n"
	"  - {id: f, from: a, to: a, via: [j], protections: [encrypton]}\n"
	"software:\n"
	"  - {id: s, element: a, version: \"1\", supplier: x, "
	"origin: third-party,\n"
	"     support: abandoned, purl: x, end_of_support: 2023-02-29}\n"
	"risk_decisions:\n"
	"  - {threat: T1, decision: mitigate}\n"
	"  - {threat: T1, decision: accept}\n";

static char *to_json(const mdsec_model *m)
{
	char *json = NULL;

	assert_int_equal(mdsec_model_to_json(&json, m), 0);
	assert_non_null(json);
	return json;
}

static void test_load_survives_every_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m;
	char *expect, *json;
	unsigned long n, count;
	int error;

	(void)state;
	error = mdsec_model_load_buffer(&m, NAME, valid_model,
					strlen(valid_model), NULL, &dl);
	assert_int_equal(error, 0);
	expect = to_json(m);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	for (n = 1; n < MAX_RUNS; n++) {
		m = (mdsec_model *)1;
		xalloc_fail_after(n);
		error = mdsec_model_load_buffer(&m, NAME, valid_model,
						strlen(valid_model), NULL, &dl);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error != 0 && error != MDSEC_ENOMEM)
			fail_msg("allocation %lu failed: load returned %d (%s)",
				 n, error, mdsec_strerror(error));
		if (error == MDSEC_ENOMEM) {
			assert_null(m);
		} else {
			assert_non_null(m);
			json = to_json(m);
			if (strcmp(json, expect))
				fail_msg("allocation %lu failed: the model "
					 "differs",
					 n);
			free(json);
			mdsec_model_free(m);
		}
		mdsec_diag_list_release(&dl);
		if (error == 0 && count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
	free(expect);
}

static void test_broken_load_survives_every_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m;
	unsigned long n, count;
	size_t nerrors;
	int error;

	(void)state;
	error = mdsec_model_load_buffer(&m, NAME, broken_model,
					strlen(broken_model), NULL, &dl);
	assert_int_equal(error, MDSEC_EINPUT);
	nerrors = dl.nerrors;
	assert_true(nerrors > 10);
	mdsec_diag_list_release(&dl);
	for (n = 1; n < MAX_RUNS; n++) {
		m = (mdsec_model *)1;
		xalloc_fail_after(n);
		error = mdsec_model_load_buffer(&m, NAME, broken_model,
						strlen(broken_model), NULL,
						&dl);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error != MDSEC_EINPUT && error != MDSEC_ENOMEM)
			fail_msg("allocation %lu failed: load returned %d (%s)",
				 n, error, mdsec_strerror(error));
		assert_null(m);
		if (error == MDSEC_EINPUT && count < n)
			assert_int_equal(dl.nerrors, nerrors);
		mdsec_diag_list_release(&dl);
		if (error == MDSEC_EINPUT && count < n)
			break;
	}
	assert_true(n > 10);
	assert_true(n < MAX_RUNS);
}

static void test_model_to_json_survives_allocation_failure(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m;
	char *json, *expect;
	unsigned long n, count;
	int error;

	(void)state;
	assert_int_equal(mdsec_model_load_buffer(&m, NAME, valid_model,
						 strlen(valid_model), NULL,
						 &dl),
			 0);
	expect = to_json(m);
	for (n = 1; n < MAX_RUNS; n++) {
		json = (char *)1;
		xalloc_fail_after(n);
		error = mdsec_model_to_json(&json, m);
		count = xalloc_count();
		xalloc_fail_after(0);
		if (error == MDSEC_ENOMEM) {
			assert_null(json);
			continue;
		}
		assert_int_equal(error, 0);
		assert_string_equal(json, expect);
		free(json);
		if (count < n)
			break;
	}
	assert_true(n > 1);
	free(expect);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_survives_every_allocation_failure),
		cmocka_unit_test(
			test_broken_load_survives_every_allocation_failure),
		cmocka_unit_test(
			test_model_to_json_survives_allocation_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
