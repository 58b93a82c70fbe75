/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_rules.c - libFuzzer target for the threat rule loader and the
 * condition compiler: any bytes load or are rejected with diagnostics.
 * Loaded rules are applied to a small fixed model, so the engine runs on
 * every condition the fuzzer can compile.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "mdsec/mdsec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char model_text[] =
	"format: 1\n"
	"device: {name: D, version: '1', manufacturer: M, intended_use: U,\n"
	"  submission_type: 510k, cyber_device: {software: true, "
	"connectivity: true}}\n"
	"zones: [{id: z1, trust: high}, {id: z2, trust: untrusted}]\n"
	"elements:\n"
	"  - {id: d, kind: device, zone: z1, interfaces: [{id: ble, kind: "
	"ble, exposure: adjacent}]}\n"
	"  - {id: fw, kind: firmware, runs_on: d}\n"
	"  - {id: app, kind: mobile-app, zone: z2, interfaces: [{id: ble, "
	"kind: ble, exposure: adjacent}]}\n"
	"assets: [{id: a, kind: phi, confidentiality: high, integrity: high, "
	"availability: low, stored_on: [d]}]\n"
	"flows: [{id: f, from: app, to: fw, via: [app.ble, d.ble], assets: "
	"[a], commands: [therapy]}]\n"
	"software: [{id: s, element: fw, version: '1', supplier: x, origin: "
	"own, support: abandoned, end_of_support: 2020-01-01}]\n"
	"hazards: [{id: h, harm: x, severity: critical, flows: [f]}]\n"
	"controls: [{id: c, category: authentication, protects: [f]}]\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;
	mdsec_model *m = NULL;
	mdsec_threats *t = NULL;

	if (mdsec_rules_load_buffer(&rs, "/nonexistent-fuzz-dir/rules.yaml",
				    (const char *)data, size, &dl) == 0 &&
	    mdsec_model_load_buffer(&m, "/nonexistent-fuzz-dir/model.yaml",
				    model_text, strlen(model_text), NULL,
				    &dl) == 0)
		mdsec_threats_derive(&t, m, rs, "2026-01-01");
	mdsec_threats_free(t);
	mdsec_model_free(m);
	mdsec_rules_free(rs);
	mdsec_diag_list_release(&dl);
	return 0;
}
