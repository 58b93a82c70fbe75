/* SPDX-License-Identifier: Apache-2.0
 *
 * test_load.c - loading models from buffers: what a user would notice in
 * the resolved model (references, inherited zones, qualified interface
 * ids, defaults, flags, decisions, lookup, JSON) and the exact text and
 * place of the diagnostics for broken models. Buffers are named under a
 * directory that does not exist, so an include cannot reach a real file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "base/diag.h"

#define NAME "/nonexistent-dir/m.yaml"

/* 64 lines; the line numbers in the tests below refer to this text. */
static const char full_model[] =
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

/* Two lines in front of each broken case, so that its text starts on
 * line 3. */
static const char header[] =
	"format: 1\n"
	"device: {name: P, version: \"1\", manufacturer: M, intended_use: u, "
	"submission_type: 510k, cyber_device: {software: true, "
	"connectivity: true}}\n";

static mdsec_model *load_ok(const char *text)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char buf[512];
	size_t i;
	int error;

	error = mdsec_model_load_buffer(&m, NAME, text, strlen(text), NULL,
					&dl);
	for (i = 0; i < dl.len; i++) {
		mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		print_message("%s\n", buf);
	}
	assert_int_equal(error, 0);
	assert_int_equal(dl.nerrors, 0);
	assert_non_null(m);
	mdsec_diag_list_release(&dl);
	return m;
}

/*
 * Load header + body and check that loading fails with exactly the
 * diagnostics in expect (NULL-terminated), formatted and in sorted order.
 */
static void assert_diags(const char *body, const char *const *expect)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = (mdsec_model *)1;
	char text[4096], buf[512];
	size_t i, n = strlen(header), len = strlen(body);
	int error;

	assert_true(n + len < sizeof(text));
	memcpy(text, header, n);
	memcpy(text + n, body, len + 1);
	error = mdsec_model_load_buffer(&m, NAME, text, n + len, NULL, &dl);
	assert_int_equal(error, MDSEC_EINPUT);
	assert_null(m);
	mdsec_diag_list_sort(&dl);
	for (i = 0; i < dl.len || expect[i]; i++) {
		if (i < dl.len)
			mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		if (i >= dl.len || !expect[i] || strcmp(buf, expect[i]))
			fail_msg("diagnostic %zu:\n got:      %s\n"
				 " expected: %s",
				 i, i < dl.len ? buf : "(none)",
				 expect[i] ? expect[i] : "(none)");
	}
	mdsec_diag_list_release(&dl);
}

#define DIAGS(body, ...)                                                       \
	do {                                                                   \
		static const char *const expect_[] = { __VA_ARGS__, NULL };    \
		assert_diags(body, expect_);                                   \
	} while (0)

static size_t index_of(const mdsec_model *m, enum mdsec_kind kind,
		       const char *id)
{
	enum mdsec_kind k;
	size_t i;

	assert_int_equal(mdsec_model_lookup(&k, &i, m, id), 0);
	assert_int_equal(k, kind);
	return i;
}

/* ---- a valid model --------------------------------------------------- */

static void test_load_valid_model_has_every_object(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_int_equal(m->format, 1);
	assert_string_equal(m->root, NAME);
	assert_int_equal(m->files.n, 1);
	assert_string_equal(m->files.v[0], NAME);
	assert_string_equal(m->device.name, "Infusion pump");
	assert_string_equal(m->device.version, "2.1");
	assert_true(m->device.has_software);
	assert_true(m->device.can_connect);
	assert_null(m->device.cyber_rationale);
	assert_int_equal(m->nfunctions, 1);
	assert_string_equal(m->functions[0].o.name, "Infuse drug");
	assert_int_equal(m->nperformance, 1);
	assert_int_equal(m->nroles, 1);
	assert_int_equal(m->nzones, 3);
	assert_int_equal(m->nelements, 5);
	assert_int_equal(m->ninterfaces, 5);
	assert_int_equal(m->nassets, 1);
	assert_int_equal(m->nflows, 2);
	assert_int_equal(m->nhazards, 1);
	assert_int_equal(m->nsoftware, 1);
	assert_int_equal(m->ncontrols, 2);
	assert_int_equal(m->ndecisions, 2);
	assert_int_equal(m->nassumptions, 1);
	assert_int_equal(m->njustifications, 1);
	mdsec_model_free(m);
}

static void test_load_objects_know_where_they_were_written(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_string_equal(m->elements[0].o.loc.file, NAME);
	assert_int_equal(m->elements[0].o.loc.line, 20);
	assert_int_equal(m->elements[0].o.loc.col, 5);
	assert_int_equal(m->flows[0].o.loc.line, 43);
	assert_int_equal(m->flows[0].via.v[1].loc.line, 46);
	assert_int_equal(m->flows[0].via.v[1].loc.col, 20);
	assert_int_equal(m->interfaces[1].o.loc.line, 26);
	assert_int_equal(m->interfaces[1].o.loc.col, 9);
	mdsec_model_free(m);
}

static void test_load_name_defaults_to_the_id(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_string_equal(m->zones[0].o.name, "body");
	assert_string_equal(m->performance[0].o.name, "accurate-rate");
	assert_null(m->zones[0].o.description);
	assert_string_equal(m->assumptions[0].o.description,
			    "the hospital network is managed");
	mdsec_model_free(m);
}

static void test_load_resolves_references_to_the_right_index(void **state)
{
	mdsec_model *m = load_ok(full_model);
	const struct mdsec_flow *f;
	const struct mdsec_hazard *h;

	(void)state;
	f = &m->flows[0];
	assert_string_equal(f->o.id, "set-rate");
	assert_string_equal(f->from.id, "app");
	assert_int_equal(f->from.kind, MDSEC_KIND_ELEMENT);
	assert_int_equal(f->from.index, 3);
	assert_string_equal(m->elements[f->from.index].o.id, "app");
	assert_int_equal(f->to.index, 1);
	assert_string_equal(m->elements[f->to.index].o.id, "fw");
	assert_int_equal(f->via.n, 2);
	assert_int_equal(f->via.v[0].kind, MDSEC_KIND_INTERFACE);
	assert_string_equal(m->interfaces[f->via.v[0].index].o.id, "app.ble");
	assert_string_equal(m->interfaces[f->via.v[1].index].o.id, "pump.ble");
	assert_int_equal(f->assets.n, 1);
	assert_int_equal(f->assets.v[0].kind, MDSEC_KIND_ASSET);
	assert_int_equal(f->assets.v[0].index, 0);
	assert_string_equal(m->elements[m->flows[1].to.index].o.id, "cloud");
	assert_int_equal(m->elements[0].users.n, 1);
	assert_int_equal(m->elements[0].users.v[0].kind, MDSEC_KIND_ROLE);
	assert_int_equal(m->assets[0].stored_on.v[0].index, 1);
	assert_int_equal(m->software[0].element.index, 2);
	h = &m->hazards[0];
	assert_int_equal(h->functions.n, 2);
	assert_int_equal(h->functions.v[0].kind, MDSEC_KIND_FUNCTION);
	assert_int_equal(h->functions.v[1].kind, MDSEC_KIND_PERFORMANCE);
	assert_int_equal(h->functions.v[1].index, 0);
	assert_int_equal(h->flows.v[0].kind, MDSEC_KIND_FLOW);
	assert_int_equal(h->flows.v[0].index, 0);
	assert_int_equal(m->controls[1].protects.n, 2);
	assert_int_equal(m->controls[1].protects.v[0].kind, MDSEC_KIND_FLOW);
	assert_int_equal(m->controls[1].protects.v[1].kind, MDSEC_KIND_ASSET);
	assert_int_equal(m->justifications[0].subjects.v[0].kind,
			 MDSEC_KIND_ELEMENT);
	assert_int_equal(m->justifications[0].subjects.v[0].index, 0);
	mdsec_model_free(m);
}

static void test_load_element_inherits_zone_through_runs_on(void **state)
{
	mdsec_model *m = load_ok(full_model);
	const struct mdsec_element *fw, *rtos;

	(void)state;
	fw = &m->elements[index_of(m, MDSEC_KIND_ELEMENT, "fw")];
	rtos = &m->elements[index_of(m, MDSEC_KIND_ELEMENT, "rtos")];
	assert_string_equal(fw->runs_on.id, "pump");
	assert_int_equal(fw->runs_on.index, 0);
	assert_string_equal(fw->zone.id, "body");
	assert_int_equal(fw->zone.kind, MDSEC_KIND_ZONE);
	assert_int_equal(fw->zone.index, 0);
	/* Two hosts up: rtos runs on fw, which runs on pump. */
	assert_string_equal(rtos->zone.id, "body");
	assert_int_equal(rtos->zone.index, 0);
	assert_string_equal(m->elements[3].zone.id, "internet");
	assert_int_equal(m->elements[3].zone.index, 2);
	assert_null(m->elements[3].runs_on.id);
	mdsec_model_free(m);
}

static void test_load_own_zone_wins_over_the_hosts(void **state)
{
	static const char text[] =
		"format: 1\n"
		"device: {name: P, version: \"1\", manufacturer: M, "
		"intended_use: u, submission_type: 510k, cyber_device: "
		"{software: true, connectivity: true}}\n"
		"zones: [{id: a, trust: high}, {id: b, trust: low}]\n"
		"elements:\n"
		"  - {id: host, kind: server, zone: a}\n"
		"  - {id: vm, kind: software, runs_on: host, zone: b}\n";
	mdsec_model *m = load_ok(text);

	(void)state;
	assert_string_equal(m->elements[1].zone.id, "b");
	assert_int_equal(m->elements[1].zone.index, 1);
	mdsec_model_free(m);
}

static void test_load_qualifies_interface_ids_with_element(void **state)
{
	mdsec_model *m = load_ok(full_model);
	const struct mdsec_element *pump = &m->elements[0];
	const struct mdsec_interface *ifc;

	(void)state;
	assert_int_equal(pump->first_interface, 0);
	assert_int_equal(pump->ninterfaces, 3);
	assert_int_equal(m->elements[1].ninterfaces, 0);
	assert_int_equal(m->elements[3].first_interface, 3);
	assert_int_equal(m->elements[3].ninterfaces, 1);
	ifc = &m->interfaces[0];
	assert_string_equal(ifc->o.id, "pump.ble");
	assert_string_equal(ifc->local_id, "ble");
	assert_string_equal(ifc->o.name, "pump.ble");
	assert_int_equal(ifc->element, 0);
	ifc = &m->interfaces[3];
	assert_string_equal(ifc->o.id, "app.ble");
	assert_string_equal(ifc->local_id, "ble");
	assert_int_equal(ifc->element, 3);
	ifc = &m->interfaces[4];
	assert_string_equal(ifc->o.id, "cloud.api");
	assert_int_equal(ifc->kind, MDSEC_IF_NETWORK_SERVICE);
	assert_int_equal(ifc->port, 443);
	assert_string_equal(ifc->protocol, "https");
	assert_int_equal(ifc->transport, 0);
	assert_int_equal(ifc->exposure, MDSEC_EXPOSE_INTERNET);
	assert_int_equal(index_of(m, MDSEC_KIND_INTERFACE, "app.ble"), 3);
	mdsec_model_free(m);
}

static void test_load_enabled_in_production_defaults_to_true(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_true(m->interfaces[0].enabled_in_production);
	assert_false(m->interfaces[0].enabled_given);
	assert_string_equal(m->interfaces[1].local_id, "jtag");
	assert_false(m->interfaces[1].enabled_in_production);
	assert_true(m->interfaces[1].enabled_given);
	mdsec_model_free(m);
}

static void test_load_direction_defaults_to_both(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_int_equal(m->interfaces[0].direction, MDSEC_DIR_BOTH);
	assert_string_equal(m->interfaces[2].local_id, "usb");
	assert_int_equal(m->interfaces[2].direction, MDSEC_DIR_IN);
	mdsec_model_free(m);
}

static void test_load_flow_protections_and_commands_are_bits(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_int_equal(m->flows[0].protections,
			 MDSEC_PROT_AUTHENTICATION | MDSEC_PROT_INTEGRITY |
				 MDSEC_PROT_ENCRYPTION);
	assert_int_equal(m->flows[0].commands,
			 MDSEC_CMD_THERAPY | MDSEC_CMD_SETTINGS);
	assert_false(m->flows[0].bidirectional);
	assert_false(m->flows[0].code);
	assert_int_equal(m->flows[1].protections, 0);
	assert_int_equal(m->flows[1].commands, 0);
	assert_true(m->flows[1].bidirectional);
	mdsec_model_free(m);
}

static void test_load_enumerations_follow_the_c_enums(void **state)
{
	mdsec_model *m = load_ok(full_model);

	(void)state;
	assert_int_equal(m->elements[0].kind, MDSEC_ELEM_DEVICE);
	assert_int_equal(m->elements[4].kind, MDSEC_ELEM_CLOUD_SERVICE);
	assert_int_equal(m->interfaces[1].kind, MDSEC_IF_JTAG);
	assert_int_equal(m->hazards[0].severity, MDSEC_SEV_CATASTROPHIC);
	assert_int_equal(m->assets[0].confidentiality, MDSEC_LEVEL_LOW);
	assert_int_equal(m->assets[0].integrity, MDSEC_LEVEL_HIGH);
	assert_int_equal(m->controls[1].category, MDSEC_CTRL_CRYPTOGRAPHY);
	assert_string_equal(
		mdsec_enum_names("control-status")[m->controls[1].status],
		"planned");
	assert_string_equal(mdsec_enum_names("trust")[m->zones[2].trust],
			    "untrusted");
	assert_string_equal(mdsec_enum_names("role-kind")[m->roles[0].kind],
			    "clinician");
	assert_string_equal(
		mdsec_enum_names("submission-type")[m->device.submission_type],
		"510k");
	assert_null(mdsec_enum_names("no-such-enumeration"));
	mdsec_model_free(m);
}

static void test_load_software_and_controls_keep_their_lists(void **state)
{
	mdsec_model *m = load_ok(full_model);
	const struct mdsec_software *sw = &m->software[0];

	(void)state;
	assert_string_equal(sw->version, "10.4.3");
	assert_string_equal(sw->purl, "pkg:generic/freertos@10.4.3");
	assert_string_equal(sw->end_of_support, "2030-01-01");
	assert_null(sw->cpe);
	assert_int_equal(m->controls[0].requirements.n, 1);
	assert_string_equal(m->controls[0].requirements.v[0], "SRS-1");
	assert_int_equal(m->controls[0].requirements.loc[0].line, 56);
	assert_string_equal(m->controls[0].tests.v[0], "TC-1");
	assert_int_equal(m->controls[1].tests.n, 0);
	mdsec_model_free(m);
}

static void test_load_reads_risk_decisions(void **state)
{
	mdsec_model *m = load_ok(full_model);
	const struct mdsec_decision *d;
	enum mdsec_kind k;
	size_t i;

	(void)state;
	d = &m->decisions[0];
	assert_string_equal(d->o.id, "T-SPOOF-set-rate");
	assert_string_equal(mdsec_enum_names("decision")[d->decision],
			    "mitigate");
	assert_int_equal(d->controls.n, 2);
	assert_int_equal(d->controls.v[0].kind, MDSEC_KIND_CONTROL);
	assert_int_equal(d->controls.v[0].index, 0);
	assert_int_equal(d->controls.v[1].index, 1);
	assert_null(d->rationale);
	d = &m->decisions[1];
	assert_string_equal(d->o.id, "T-DOS-sync");
	assert_string_equal(mdsec_enum_names("decision")[d->decision],
			    "accept");
	assert_string_equal(d->rationale,
			    "clinical workflow continues offline");
	assert_int_equal(d->controls.n, 0);
	/* Threat ids are not object ids. */
	assert_int_equal(mdsec_model_lookup(&k, &i, m, "T-DOS-sync"),
			 MDSEC_ENOTFOUND);
	mdsec_model_free(m);
}

static void test_model_lookup_finds_every_kind_by_id(void **state)
{
	static const struct {
		const char *id;
		enum mdsec_kind kind;
		size_t index;
	} cases[] = {
		{ "infuse", MDSEC_KIND_FUNCTION, 0 },
		{ "accurate-rate", MDSEC_KIND_PERFORMANCE, 0 },
		{ "nurse", MDSEC_KIND_ROLE, 0 },
		{ "internet", MDSEC_KIND_ZONE, 2 },
		{ "cloud", MDSEC_KIND_ELEMENT, 4 },
		{ "pump.usb", MDSEC_KIND_INTERFACE, 2 },
		{ "rate", MDSEC_KIND_ASSET, 0 },
		{ "sync", MDSEC_KIND_FLOW, 1 },
		{ "overdose", MDSEC_KIND_HAZARD, 0 },
		{ "freertos", MDSEC_KIND_SOFTWARE, 0 },
		{ "c-enc", MDSEC_KIND_CONTROL, 1 },
		{ "hospital-wifi", MDSEC_KIND_ASSUMPTION, 0 },
		{ "no-logging", MDSEC_KIND_JUSTIFICATION, 0 },
	};
	mdsec_model *m = load_ok(full_model);
	enum mdsec_kind k;
	size_t i, index;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		k = MDSEC_KIND_COUNT;
		index = 99;
		if (mdsec_model_lookup(&k, &index, m, cases[i].id) != 0 ||
		    k != cases[i].kind || index != cases[i].index)
			fail_msg("lookup of '%s' gave kind %d index %zu",
				 cases[i].id, (int)k, index);
	}
	assert_int_equal(mdsec_model_lookup(&k, &index, m, "ble"),
			 MDSEC_ENOTFOUND);
	assert_int_equal(mdsec_model_lookup(&k, &index, m, "Pump"),
			 MDSEC_ENOTFOUND);
	assert_int_equal(mdsec_model_lookup(&k, &index, m, ""),
			 MDSEC_ENOTFOUND);
	mdsec_model_free(m);
}

static void test_model_to_json_has_the_expected_keys(void **state)
{
	static const char *const expect[] = {
		"\"format\": \"mdsec.model/1\"",
		"\"model_format\": 1",
		"\"files\": [\n    \"m.yaml\"\n  ]",
		"\"connections\": [\n        \"ble\",\n        \"usb\"\n",
		"\"id\": \"pump.ble\"",
		"\"enabled_in_production\": false",
		"\"direction\": \"in\"",
		"\"zone\": \"body\"",
		"\"source\": \"m.yaml:20:5\"",
		"\"crosses_boundary\": true",
		"\"protections\": [\n        \"authentication\",\n"
		"        \"integrity\",\n        \"encryption\"\n      ]",
		"\"transport\": \"tcp\"",
		"\"port\": 443",
		"\"risk_decisions\": [",
		"\"threat\": \"T-SPOOF-set-rate\"",
		"\"justifications\": [",
	};
	mdsec_model *m = load_ok(full_model);
	char *json = NULL;
	size_t i, n;

	(void)state;
	assert_int_equal(mdsec_model_to_json(&json, m), 0);
	assert_non_null(json);
	n = strlen(json);
	assert_true(n > 2);
	assert_int_equal(json[0], '{');
	assert_int_equal(json[n - 1], '\n');
	assert_int_equal(json[n - 2], '}');
	for (i = 0; i < sizeof(expect) / sizeof(*expect); i++) {
		if (!strstr(json, expect[i]))
			fail_msg("JSON lacks %s", expect[i]);
	}
	/* The firmware inherits its zone and the JSON says so. */
	assert_non_null(strstr(json, "\"id\": \"fw\",\n      \"name\": \"fw\","
				     "\n      \"kind\": \"firmware\",\n"
				     "      \"zone\": \"body\""));
	free(json);
	mdsec_model_free(m);
}

static void test_model_to_json_is_deterministic(void **state)
{
	mdsec_model *a = load_ok(full_model), *b = load_ok(full_model);
	char *ja = NULL, *jb = NULL;

	(void)state;
	assert_int_equal(mdsec_model_to_json(&ja, a), 0);
	assert_int_equal(mdsec_model_to_json(&jb, b), 0);
	assert_string_equal(ja, jb);
	free(ja);
	free(jb);
	mdsec_model_free(a);
	mdsec_model_free(b);
}

static void test_load_warning_does_not_fail_the_load(void **state)
{
	static const char body[] =
		"zones: [{id: z, trust: high}]\n"
		"elements: [{id: a, kind: server, zone: z}]\n"
		"software:\n"
		"  - {id: lib, element: a, version: \"1\", supplier: x, "
		"origin: third-party, support: abandoned, "
		"support_justification: gone}\n";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char text[1024], buf[512];
	int error;

	(void)state;
	assert_true(strlen(header) + strlen(body) < sizeof(text));
	memcpy(text, header, strlen(header));
	memcpy(text + strlen(header), body, strlen(body) + 1);
	error = mdsec_model_load_buffer(&m, NAME, text, strlen(text), NULL,
					&dl);
	assert_int_equal(error, 0);
	assert_non_null(m);
	assert_int_equal(dl.nerrors, 0);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, NAME ":6:5: warning: software 'lib' has "
				      "neither 'purl' nor 'cpe' (known "
				      "vulnerabilities cannot be matched to "
				      "it)");
	assert_string_equal(m->software[0].support_justification, "gone");
	assert_null(m->software[0].end_of_support);
	mdsec_diag_list_release(&dl);
	mdsec_model_free(m);
}

static void test_load_resolves_sbom_paths_next_to_the_model(void **state)
{
	static const char body[] = "zones: [{id: z, trust: high}]\n"
				   "elements: [{id: a, kind: server, zone: z, "
				   "sboms: [sbom/a.cdx.json, /abs/b.json]}]\n";
	struct mdsec_model_options opts = MDSEC_MODEL_OPTIONS_INIT;
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char text[1024];

	(void)state;
	memcpy(text, header, strlen(header));
	memcpy(text + strlen(header), body, strlen(body) + 1);
	opts.check_paths = false;
	assert_int_equal(mdsec_model_load_buffer(&m, NAME, text, strlen(text),
						 &opts, &dl),
			 0);
	assert_int_equal(m->elements[0].sboms.n, 2);
	assert_string_equal(m->elements[0].sboms.v[0],
			    "/nonexistent-dir/sbom/a.cdx.json");
	assert_string_equal(m->elements[0].sboms.v[1], "/abs/b.json");
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	DIAGS(body,
	      NAME ":4:51: error: file '/nonexistent-dir/sbom/a.cdx.json' not "
		   "found (expected an SBOM file relative to the model file)",
	      NAME ":4:68: error: file '/abs/b.json' not found (expected an "
		   "SBOM file relative to the model file)");
}

/* ---- broken models: exact diagnostics -------------------------------- */

static void test_load_unknown_key_suggests_the_closest_key(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - id: pump\n"
	      "    kind: device\n"
	      "    zoen: z\n",
	      NAME ":6:5: error: element 'pump' has no 'zone' (expected the id "
		   "of a zone, or 'runs_on' naming its host)",
	      NAME ":8:5: error: unknown key 'zoen' in element 'pump' (did you "
		   "mean 'zone'?)");
}

static void test_load_unknown_key_without_neighbour_lists_keys(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high, colour: red}\n",
	      NAME ":4:26: error: unknown key 'colour' in zone 'z' (expected "
		   "one of: id, name, description, trust, parent)");
}

static void test_load_unknown_enum_value_suggests_a_value(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: pump, kind: devise, zone: z}\n",
	      NAME ":6:22: error: unknown element kind 'devise' (did you mean "
		   "'device'?)");
}

static void test_load_unknown_enum_value_lists_the_values(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: total}\n",
	      NAME ":4:20: error: unknown trust 'total' (expected one of: "
		   "untrusted, low, medium, high)");
}

static void test_load_duplicate_id_points_at_the_first(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "  - {id: z, trust: low}\n",
	      NAME
	      ":5:5: error: duplicate id 'z' (first defined as zone at " NAME
	      ":4:5)");
}

static void test_load_missing_required_key_is_named(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - id: z\n",
	      NAME ":4:5: error: missing key 'trust' in zone 'z' (expected one "
		   "of: untrusted, low, medium, high)");
}

static void test_load_unknown_reference_suggests_an_id(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, zone: z}\n"
	      "  - {id: bee, kind: server, zone: z}\n"
	      "flows:\n"
	      "  - {id: f, from: a, to: bea}\n",
	      NAME ":9:26: error: unknown id 'bea' in 'to' (did you mean "
		   "'bee'?)");
}

static void test_load_reference_to_wrong_kind_names_both(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, zone: z}\n"
	      "flows:\n"
	      "  - {id: f, from: z, to: a}\n",
	      NAME ":8:19: error: 'z' in 'from' is a zone (expected an "
		   "element)");
}

static void test_load_bare_interface_id_suggests_qualified_id(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, zone: z, interfaces: [{id: eth, "
	      "kind: ethernet, exposure: network}]}\n"
	      "  - {id: b, kind: server, zone: z}\n"
	      "flows:\n"
	      "  - {id: f, from: a, to: b, via: [eth]}\n",
	      NAME ":9:35: error: unknown id 'eth' in 'via' (did you mean "
		   "'a.eth'?)");
}

static void test_load_interface_must_belong_to_a_flow_end(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, zone: z}\n"
	      "  - {id: b, kind: server, zone: z}\n"
	      "  - {id: c, kind: server, zone: z, interfaces: [{id: eth, "
	      "kind: ethernet, exposure: network}]}\n"
	      "flows:\n"
	      "  - {id: f, from: a, to: b, via: [c.eth]}\n",
	      NAME ":10:35: error: interface 'c.eth' is not on 'a' or 'b' "
		   "(expected an interface of either end of flow 'f')");
}

static void test_load_debug_port_must_state_production_use(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: device, zone: z, interfaces: [{id: dbg, "
	      "kind: jtag, exposure: physical}]}\n",
	      NAME ":6:49: error: debug interface 'a.dbg' does not state "
		   "'enabled_in_production' (expected true or false: "
		   "reviewers ask whether debug ports ship enabled)");
}

static void test_load_element_without_zone_or_host_is_reported(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, zone: z}\n"
	      "  - {id: b, kind: server, runs_on: a}\n"
	      "  - {id: c, kind: server}\n",
	      NAME ":8:5: error: element 'c' has no 'zone' (expected the id of "
		   "a zone, or 'runs_on' naming its host)");
}

static void test_load_host_cycle_is_reported_at_each_member(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - {id: z, trust: high}\n"
	      "elements:\n"
	      "  - {id: a, kind: server, runs_on: b}\n"
	      "  - {id: b, kind: server, runs_on: a}\n",
	      NAME ":6:36: error: element 'a' runs on itself through 'runs_on' "
		   "(expected a host chain without a cycle)",
	      NAME ":7:36: error: element 'b' runs on itself through 'runs_on' "
		   "(expected a host chain without a cycle)");
}

static void test_load_invalid_date_is_reported(void **state)
{
	(void)state;
	DIAGS("zones: [{id: z, trust: high}]\n"
	      "elements: [{id: a, kind: server, zone: z}]\n"
	      "software:\n"
	      "  - {id: s, element: a, version: \"1\", supplier: x, "
	      "origin: own,\n"
	      "     support: abandoned, end_of_support: 2023-02-29}\n",
	      NAME
	      ":7:42: error: invalid date '2023-02-29' for "
	      "'end_of_support' (expected a calendar date written YYYY-MM-DD)");
}

static void test_load_port_out_of_range_is_reported_once(void **state)
{
	(void)state;
	DIAGS("zones: [{id: z, trust: high}]\n"
	      "elements:\n"
	      "  - id: a\n"
	      "    kind: server\n"
	      "    zone: z\n"
	      "    interfaces:\n"
	      "      - {id: s, kind: network-service, exposure: network, "
	      "port: 70000}\n",
	      NAME ":9:65: error: invalid port '70000' (expected a port number "
		   "from 1 to 65535)");
}

static void test_load_second_decision_for_a_threat_is_refused(void **state)
{
	(void)state;
	DIAGS("risk_decisions:\n"
	      "  - {threat: T1, decision: accept, rationale: r}\n"
	      "  - {threat: T1, decision: transfer, labeling: IFU}\n"
	      "  - {threat: T2, decision: transfer}\n",
	      NAME ":5:5: error: second risk decision for threat 'T1' (first "
		   "at " NAME ":4:5; expected one decision per threat)",
	      NAME ":6:5: error: decision to transfer 'T2' has no labeling "
		   "reference (expected 'labeling' naming where users are "
		   "told)");
}

static void test_load_invalid_yaml_is_located(void **state)
{
	(void)state;
	DIAGS("zones: [a\n",
	      NAME ":4:1: error: invalid YAML: flow sequence without a closing "
		   "bracket");
}

static void test_load_yaml_aliases_are_refused(void **state)
{
	(void)state;
	DIAGS("zones:\n"
	      "  - &x {id: z, trust: high}\n"
	      "  - *x\n",
	      NAME ":5:5: error: YAML aliases are not supported in a model "
		   "(expected the value written out)");
}

static void test_load_include_cannot_leave_the_model_directory(void **state)
{
	(void)state;
	DIAGS("include: [../etc/passwd]\n",
	      NAME ":3:11: error: cannot read "
		   "'/nonexistent-dir/../etc/passwd': No such file or "
		   "directory (expected a readable file to include)");
}

static void test_load_newer_format_is_refused(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char buf[256];

	(void)state;
	assert_int_equal(
		mdsec_model_load_buffer(&m, NAME, "format: 2\n", 10, NULL, &dl),
		MDSEC_EINPUT);
	assert_null(m);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, NAME ":1:9: error: model format 2 is newer "
				      "than this mdsec reads (expected 1)");
	mdsec_diag_list_release(&dl);
}

static void test_load_empty_buffer_is_an_empty_model(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = (mdsec_model *)1;
	char buf[256];

	(void)state;
	assert_int_equal(mdsec_model_load_buffer(&m, NAME, NULL, 0, NULL, &dl),
			 MDSEC_EINPUT);
	assert_null(m);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, NAME ":1:1: error: empty model file (expected "
				      "a mapping with 'format' and 'device')");
	mdsec_diag_list_release(&dl);
}

static void test_load_without_device_says_so(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char buf[256];

	(void)state;
	assert_int_equal(
		mdsec_model_load_buffer(&m, NAME, "format: 1\n", 10, NULL, &dl),
		MDSEC_EINPUT);
	assert_null(m);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, NAME ":1:1: error: missing key 'device' in "
				      "model (expected a 'device' section in "
				      "the root file or an included file)");
	mdsec_diag_list_release(&dl);
}

static void test_load_appends_to_a_list_that_has_diagnostics(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc l = { "earlier.yaml", 1, 1 };
	mdsec_model *m = NULL;

	(void)state;
	/* An unrelated earlier error must not make a valid model fail. */
	assert_int_equal(diag_error(&dl, l, "an earlier problem"),
			 MDSEC_EINPUT);
	assert_int_equal(mdsec_model_load_buffer(&m, NAME, full_model,
						 strlen(full_model), NULL, &dl),
			 0);
	assert_non_null(m);
	assert_int_equal(dl.nerrors, 1);
	assert_int_equal(dl.len, 1);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_valid_model_has_every_object),
		cmocka_unit_test(
			test_load_objects_know_where_they_were_written),
		cmocka_unit_test(test_load_name_defaults_to_the_id),
		cmocka_unit_test(
			test_load_resolves_references_to_the_right_index),
		cmocka_unit_test(
			test_load_element_inherits_zone_through_runs_on),
		cmocka_unit_test(test_load_own_zone_wins_over_the_hosts),
		cmocka_unit_test(
			test_load_qualifies_interface_ids_with_element),
		cmocka_unit_test(
			test_load_enabled_in_production_defaults_to_true),
		cmocka_unit_test(test_load_direction_defaults_to_both),
		cmocka_unit_test(
			test_load_flow_protections_and_commands_are_bits),
		cmocka_unit_test(test_load_enumerations_follow_the_c_enums),
		cmocka_unit_test(
			test_load_software_and_controls_keep_their_lists),
		cmocka_unit_test(test_load_reads_risk_decisions),
		cmocka_unit_test(test_model_lookup_finds_every_kind_by_id),
		cmocka_unit_test(test_model_to_json_has_the_expected_keys),
		cmocka_unit_test(test_model_to_json_is_deterministic),
		cmocka_unit_test(test_load_warning_does_not_fail_the_load),
		cmocka_unit_test(
			test_load_resolves_sbom_paths_next_to_the_model),
		cmocka_unit_test(
			test_load_unknown_key_suggests_the_closest_key),
		cmocka_unit_test(
			test_load_unknown_key_without_neighbour_lists_keys),
		cmocka_unit_test(test_load_unknown_enum_value_suggests_a_value),
		cmocka_unit_test(test_load_unknown_enum_value_lists_the_values),
		cmocka_unit_test(test_load_duplicate_id_points_at_the_first),
		cmocka_unit_test(test_load_missing_required_key_is_named),
		cmocka_unit_test(test_load_unknown_reference_suggests_an_id),
		cmocka_unit_test(test_load_reference_to_wrong_kind_names_both),
		cmocka_unit_test(
			test_load_bare_interface_id_suggests_qualified_id),
		cmocka_unit_test(test_load_interface_must_belong_to_a_flow_end),
		cmocka_unit_test(
			test_load_debug_port_must_state_production_use),
		cmocka_unit_test(
			test_load_element_without_zone_or_host_is_reported),
		cmocka_unit_test(
			test_load_host_cycle_is_reported_at_each_member),
		cmocka_unit_test(test_load_invalid_date_is_reported),
		cmocka_unit_test(test_load_port_out_of_range_is_reported_once),
		cmocka_unit_test(
			test_load_second_decision_for_a_threat_is_refused),
		cmocka_unit_test(test_load_invalid_yaml_is_located),
		cmocka_unit_test(test_load_yaml_aliases_are_refused),
		cmocka_unit_test(
			test_load_include_cannot_leave_the_model_directory),
		cmocka_unit_test(test_load_newer_format_is_refused),
		cmocka_unit_test(test_load_empty_buffer_is_an_empty_model),
		cmocka_unit_test(test_load_without_device_says_so),
		cmocka_unit_test(
			test_load_appends_to_a_list_that_has_diagnostics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
