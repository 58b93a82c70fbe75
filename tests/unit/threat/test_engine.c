/* SPDX-License-Identifier: Apache-2.0
 *
 * test_engine.c - the threat engine (docs/rules.md) on a small model, one
 * table row per attribute, relation or control test: the rule's condition
 * and the objects it must match, no more and no fewer. Threat ids are
 * "RULE@object", sorted, and deriving twice gives the same list. Rules are
 * loaded from buffers, never from data/rules/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "mdsec/threat.h"

#define NAME  "/nonexistent-dir/m.yaml"
#define RNAME "/nonexistent-dir/rules.yaml"
#define TODAY "2026-01-01"

/*
 * Zones: dev (high) holds the pump; lan (low) the phone; net (untrusted)
 * the cloud; hosp (medium) the gateway, EMR and workstation.
 * Flows: app -> fw (commands, BLE), app <-> cloud (bidirectional), cloud ->
 * fw (code, no via: crosses, so network), gw -> emr (HL7 via the
 * gateway's port), emr -> ws (no via, same zone: local), rtos -> fw,
 * gw -> ws (REST, written on the flow, over the gateway's HL7 port).
 */
static const char model_text[] =
	"format: 1\n"
	"device: {name: P, version: \"1\", manufacturer: M, intended_use: u, "
	"submission_type: 510k, end_of_support: 2026-01-01, cyber_device: "
	"{software: true, connectivity: true}}\n"
	"zones:\n"
	"  - {id: dev, trust: high}\n"
	"  - {id: lan, trust: low}\n"
	"  - {id: net, trust: untrusted}\n"
	"  - {id: hosp, trust: medium}\n"
	"elements:\n"
	"  - id: pump\n"
	"    name: Infusion Pump\n"
	"    kind: device\n"
	"    zone: dev\n"
	"    platform: Zephyr RTOS 3.7\n"
	"    interfaces:\n"
	"      - {id: ble, kind: ble, exposure: adjacent, protocol: BLE GATT}\n"
	"      - {id: swd, kind: swd, exposure: physical, "
	"enabled_in_production: false}\n"
	"      - {id: usb, kind: usb, exposure: physical, direction: in}\n"
	"      - {id: uart, kind: uart, exposure: physical, "
	"enabled_in_production: true}\n"
	"  - {id: fw, kind: firmware, runs_on: pump}\n"
	"  - {id: rtos, kind: software, runs_on: fw}\n"
	"  - id: phone\n"
	"    kind: external-system\n"
	"    zone: lan\n"
	"    interfaces:\n"
	"      - {id: ble, kind: ble, exposure: adjacent}\n"
	"      - {id: cell, kind: cellular, exposure: internet}\n"
	"  - {id: app, kind: mobile-app, runs_on: phone}\n"
	"  - id: cloud\n"
	"    kind: cloud-service\n"
	"    zone: net\n"
	"    interfaces:\n"
	"      - {id: api, kind: network-service, exposure: internet, "
	"port: 443, protocol: https}\n"
	"  - id: gw\n"
	"    kind: gateway\n"
	"    zone: hosp\n"
	"    description: Interface engine\n"
	"    interfaces:\n"
	"      - {id: eth, kind: ethernet, exposure: network, protocol: HL7 v2 "
	"MLLP}\n"
	"  - {id: emr, kind: external-system, zone: hosp}\n"
	"  - id: ws\n"
	"    kind: workstation\n"
	"    zone: hosp\n"
	"    interfaces:\n"
	"      - {id: rdp, kind: network-service, exposure: network, port: "
	"3389, protocol: RDP}\n"
	"assets:\n"
	"  - {id: rate, kind: therapy-settings, confidentiality: low, "
	"integrity: high, availability: high, stored_on: [fw, app]}\n"
	"  - {id: hist, kind: clinical-data, confidentiality: medium, "
	"integrity: medium, availability: low, stored_on: [cloud]}\n"
	"  - {id: key, kind: keys, confidentiality: high, integrity: high, "
	"availability: none, stored_on: [fw]}\n"
	"  - {id: logs, kind: logs, confidentiality: none, integrity: low, "
	"availability: none}\n"
	"flows:\n"
	"  - {id: f-cmd, from: app, to: fw, via: [phone.ble, pump.ble], "
	"assets: [rate], commands: [therapy, settings], protections: "
	"[authentication, integrity]}\n"
	"  - {id: f-sync, from: app, to: cloud, via: [cloud.api], "
	"bidirectional: true, assets: [hist], protections: "
	"[mutual-authentication, encryption], protocol: HTTPS (TLS 1.3)}\n"
	"  - {id: f-upd, from: cloud, to: fw, code: true, commands: [update], "
	"protections: [signature]}\n"
	"  - {id: f-hl7, from: gw, to: emr, via: [gw.eth], assets: [hist]}\n"
	"  - {id: f-chart, from: emr, to: ws, commands: [query], protocol: "
	"FHIR over HTTPS}\n"
	"  - {id: f-local, from: rtos, to: fw, commands: [control]}\n"
	"  - {id: f-rest, from: gw, to: ws, via: [gw.eth], protocol: REST "
	"over HTTPS}\n"
	"hazards:\n"
	"  - {id: hz-over, harm: overdose, severity: catastrophic, assets: "
	"[rate], flows: [f-cmd]}\n"
	"  - {id: hz-mass, harm: wrong charting, severity: serious, "
	"multi_patient: true, flows: [f-hl7]}\n"
	"software:\n"
	"  - {id: sw-os, element: rtos, version: \"3.7\", supplier: Z, "
	"origin: open-source, purl: \"pkg:generic/zephyr@3.7\", license: "
	"Apache-2.0, support: actively-maintained, end_of_support: "
	"2025-12-31}\n"
	"  - {id: sw-ssl, element: fw, version: 1.1.1, supplier: O, origin: "
	"third-party, cpe: \"cpe:2.3:a:openssl:openssl:1.1.1:*:*:*:*:*:*:*\", "
	"support: no-longer-maintained, end_of_support: 2026-01-01}\n"
	"  - {id: sw-app, element: app, version: \"2\", supplier: M, origin: "
	"own, support: actively-maintained, support_justification: ours}\n"
	"controls:\n"
	"  - {id: c-auth, category: authentication, protects: [f-cmd]}\n"
	"  - {id: c-lock, category: integrity, protects: [pump]}\n"
	"  - {id: c-tls, category: cryptography, status: planned, protects: "
	"[f-sync, cloud]}\n"
	"  - {id: c-pair, category: confidentiality, protects: [phone.ble]}\n"
	"  - {id: c-log, category: event-logging, protects: [gw]}\n"
	"justifications:\n"
	"  - {id: j-hl7, absent: encryption, subjects: [f-hl7, pump.swd], "
	"reason: legacy EMR}\n";

struct row {
	const char *target;
	const char *when;   /* one line of flow-style YAML */
	const char *expect; /* matching object ids, sorted, space-separated */
};

/* clang-format off */
static const struct row rows[] = {
	/* ---- every target: id, name, description ---- */
	{ "interface", "{id: {contains_any: [pump.]}}",
	  "pump.ble pump.swd pump.uart pump.usb" },
	{ "element", "{name: {contains_any: [PUMP]}}", "pump" },
	{ "element", "{description: {present: true}}", "gw" },
	{ "element", "{description: {present: false}}",
	  "app cloud emr fw phone pump rtos ws" },
	{ "asset", "{description: {contains_any: [x]}}", "" },
	/* ---- element attributes ---- */
	{ "element", "{kind: device}", "pump" },
	{ "element", "{kind: [firmware, software]}", "fw rtos" },
	{ "element", "{platform: {contains_any: [zephyr]}}", "pump" },
	{ "element", "{platform: {present: false}}",
	  "app cloud emr fw gw phone rtos ws" },
	{ "element", "{trust: untrusted}", "cloud" },
	{ "element", "{trust: [low, untrusted]}", "app cloud phone" },
	{ "element", "{trust: {min: medium}}", "emr fw gw pump rtos ws" },
	{ "element", "{trust: {max: low}}", "app cloud phone" },
	{ "element", "{exposure: {min: network}}", "app cloud gw phone ws" },
	{ "element", "{exposure: adjacent}", "fw pump rtos" },
	{ "element", "{exposure: {max: physical}}", "emr" },
	{ "element", "{multi_patient: true}", "cloud emr gw" },
	{ "element", "{multi_patient: false}", "app fw phone pump rtos ws" },
	/* ---- interface attributes ---- */
	{ "interface", "{kind: [jtag, swd, uart]}", "pump.swd pump.uart" },
	{ "interface", "{exposure: {min: network}}",
	  "cloud.api gw.eth phone.cell ws.rdp" },
	{ "interface", "{exposure: physical}",
	  "pump.swd pump.uart pump.usb" },
	{ "interface", "{direction: in}", "pump.usb" },
	{ "interface", "{direction: both, exposure: {max: local}}",
	  "pump.swd pump.uart" },
	{ "interface", "{enabled_in_production: false}", "pump.swd" },
	{ "interface", "{enabled_in_production: true, kind: [swd, uart]}",
	  "pump.uart" },
	/* present: written in the model, not defaulted */
	{ "interface", "{enabled_in_production: {present: true}}",
	  "pump.swd pump.uart" },
	{ "interface", "{protocol: {contains_any: [gatt]}}", "pump.ble" },
	{ "interface", "{protocol: {present: false}}",
	  "phone.ble phone.cell pump.swd pump.uart pump.usb" },
	{ "interface", "{port: {present: true}}", "cloud.api ws.rdp" },
	/* ---- flow attributes ---- */
	{ "flow", "{commands: {has_any: [therapy, update]}}", "f-cmd f-upd" },
	{ "flow", "{commands: {has_all: [therapy, settings]}}", "f-cmd" },
	{ "flow", "{commands: {has_all: [therapy, query]}}", "" },
	{ "flow", "{commands: {lacks_all: [therapy, update]}}",
	  "f-chart f-hl7 f-local f-rest f-sync" },
	{ "flow", "{commands: {lacks_any: [therapy, settings]}}",
	  "f-chart f-hl7 f-local f-rest f-sync f-upd" },
	{ "flow", "{protections: {has_any: [authentication, "
		  "mutual-authentication]}}", "f-cmd f-sync" },
	{ "flow", "{protections: {lacks_all: [encryption, integrity, "
		  "signature]}}", "f-chart f-hl7 f-local f-rest" },
	{ "flow", "{code: true}", "f-upd" },
	{ "flow", "{crosses_boundary: true}", "f-cmd f-sync f-upd" },
	{ "flow", "{crosses_boundary: false}",
	  "f-chart f-hl7 f-local f-rest" },
	{ "flow", "{into_more_trusted: true}", "f-cmd f-upd" },
	/* the flow's own protocol, else its via interfaces' */
	{ "flow", "{protocol: {contains_any: [mllp]}}", "f-hl7" },
	{ "flow", "{protocol: {contains_any: [rest]}}", "f-rest" },
	{ "flow", "{protocol: {contains_any: [https]}}",
	  "f-chart f-rest f-sync" },
	{ "flow", "{protocol: {contains_any: [gatt]}}", "f-cmd" },
	{ "flow", "{protocol: {contains_any: [tls, fhir]}}",
	  "f-chart f-sync" },
	{ "flow", "{protocol: {present: false}}", "f-local f-upd" },
	/* via: highest via exposure; none: network across a boundary */
	{ "flow", "{exposure: local}", "f-chart f-local" },
	{ "flow", "{exposure: adjacent}", "f-cmd" },
	{ "flow", "{exposure: network}", "f-hl7 f-rest f-upd" },
	{ "flow", "{exposure: {min: internet}}", "f-sync" },
	/* ---- software attributes ---- */
	{ "software", "{origin: open-source}", "sw-os" },
	{ "software", "{support: [no-longer-maintained, abandoned]}",
	  "sw-ssl" },
	{ "software", "{support_expired: true}", "sw-os" },
	{ "software", "{support_expired: false}", "sw-app sw-ssl" },
	/* before the device's end of support; false without a date */
	{ "software", "{support_ends_before_device: true}", "sw-os" },
	{ "software", "{support_ends_before_device: false}",
	  "sw-app sw-ssl" },
	{ "software", "{purl: {present: true}}", "sw-os" },
	{ "software", "{cpe: {contains_any: [OpenSSL]}}", "sw-ssl" },
	{ "software", "{license: {contains_any: [apache]}}", "sw-os" },
	{ "software", "{license: {present: false}}", "sw-app sw-ssl" },
	/* ---- asset attributes ---- */
	{ "asset", "{kind: keys}", "key" },
	{ "asset", "{confidentiality: {min: medium}}", "hist key" },
	{ "asset", "{integrity: {max: low}}", "logs" },
	{ "asset", "{availability: high}", "rate" },
	/* ---- flow relations ---- */
	{ "flow", "{from: {kind: mobile-app}}", "f-cmd f-sync" },
	{ "flow", "{to: {kind: firmware}}", "f-cmd f-local f-upd" },
	{ "flow", "{either_end: {kind: cloud-service}}", "f-sync f-upd" },
	{ "flow", "{via_any: {kind: ble}}", "f-cmd" },
	{ "flow", "{via_any: {exposure: physical}}", "" },
	{ "flow", "{assets_any: {kind: clinical-data}}", "f-hl7 f-sync" },
	{ "flow", "{assets_none: {integrity: high}}",
	  "f-chart f-hl7 f-local f-rest f-sync f-upd" },
	/* ---- element relations ---- */
	{ "element", "{host: {kind: device}}", "fw" },
	{ "element", "{host: {host: {kind: device}}}", "rtos" },
	{ "element", "{not: {host: {kind: device}}}",
	  "app cloud emr gw phone pump rtos ws" },
	/* its interfaces and those of its hosts */
	{ "element", "{interfaces_any: {kind: ble}}",
	  "app fw phone pump rtos" },
	{ "element", "{interfaces_any: {enabled_in_production: false}}",
	  "fw pump rtos" },
	{ "element", "{interfaces_none: {kind: network-service}}",
	  "app emr fw gw phone pump rtos" },
	{ "element", "{software_any: {support_expired: true}}", "rtos" },
	{ "element", "{software_none: {origin: own}}",
	  "cloud emr fw gw phone pump rtos ws" },
	{ "element", "{stores_any: {kind: therapy-settings}}", "app fw" },
	{ "element", "{stores_any: {kind: keys}}", "fw" },
	/* flows ending at it or at what runs on it */
	{ "element", "{flows_in_any: {commands: {has_any: [therapy]}}}",
	  "fw pump" },
	{ "element", "{flows_in_any: {code: true}}", "fw pump" },
	{ "element", "{flows_out_any: {commands: {has_any: [therapy]}}}",
	  "app phone" },
	{ "element", "{flows_out_any: {exposure: local}}",
	  "emr fw pump rtos" },
	/* along flows, both ways when bidirectional; a source only when a
	 * chain leads back to it */
	{ "element", "{reachable_from: {kind: gateway}}", "emr ws" },
	{ "element", "{reachable_from: {kind: cloud-service}}",
	  "app cloud fw" },
	{ "element", "{reachable_from: {kind: mobile-app}}",
	  "app cloud fw" },
	{ "element", "{reachable_from: {trust: untrusted}}",
	  "app cloud fw" },
	{ "element", "{reachable_from: {kind: software}}", "fw" },
	{ "element", "{reachable_from: {kind: firmware}}", "" },
	{ "element", "{not: {reachable_from: {multi_patient: true}}}",
	  "gw phone pump rtos" },
	{ "element", "{kind: firmware, reachable_from: {reachable_from: "
		     "{kind: cloud-service}}}", "fw" },
	/* ---- interface, software and asset relations ---- */
	{ "interface", "{element: {kind: device}}",
	  "pump.ble pump.swd pump.uart pump.usb" },
	{ "interface", "{element: {multi_patient: true}}",
	  "cloud.api gw.eth" },
	{ "software", "{element: {kind: firmware}}", "sw-ssl" },
	{ "software", "{element: {host: {kind: firmware}}}", "sw-os" },
	{ "asset", "{stored_on_any: {kind: cloud-service}}", "hist" },
	{ "asset", "{stored_on_any: {trust: high}}", "key rate" },
	{ "asset", "{carried_by_any: {exposure: internet}}", "hist" },
	{ "asset", "{carried_by_any: {to: {kind: firmware}}}", "rate" },
	/* ---- controls: implemented only; through hosts and interfaces ---- */
	{ "flow", "{controlled_by: [authentication]}", "f-cmd" },
	{ "flow", "{controlled_by: integrity}", "f-cmd f-local f-upd" },
	{ "flow", "{controlled_by: [confidentiality]}", "f-cmd" },
	{ "flow", "{controlled_by: [event-logging]}", "f-hl7 f-rest" },
	{ "flow", "{controlled_by: [cryptography]}", "" },
	{ "element", "{controlled_by: [integrity]}", "fw pump rtos" },
	{ "element", "{controlled_by: [cryptography]}", "" },
	{ "element", "{controlled_by: [confidentiality]}", "" },
	{ "interface", "{controlled_by: [integrity]}",
	  "pump.ble pump.swd pump.uart pump.usb" },
	{ "interface", "{controlled_by: [confidentiality, event-logging]}",
	  "gw.eth phone.ble" },
	{ "software", "{controlled_by: [integrity]}", "sw-os sw-ssl" },
	{ "asset", "{controlled_by: [integrity, cryptography]}", "" },
	/* ---- justifications ---- */
	{ "flow", "{justified: true}", "f-hl7" },
	{ "flow", "{justified: false}",
	  "f-chart f-cmd f-local f-rest f-sync f-upd" },
	{ "interface", "{justified: true}", "pump.swd" },
	{ "element", "{justified: true}", "" },
	/* ---- logic ---- */
	{ "flow", "{any: [{code: true}, {commands: {has_any: [query]}}]}",
	  "f-chart f-upd" },
	{ "flow", "{all: [{crosses_boundary: true}, {not: {code: true}}]}",
	  "f-cmd f-sync" },
	{ "flow", "{crosses_boundary: true, exposure: {min: network}}",
	  "f-sync f-upd" },
	{ "flow", "{not: {not: {code: true}}}", "f-upd" },
};
/* clang-format on */

static mdsec_model *load_model(const char *text)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char buf[1024];
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
	mdsec_diag_list_release(&dl);
	return m;
}

static mdsec_ruleset *load_rules(const char *text)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;
	char buf[1024];
	size_t i;
	int error;

	error = mdsec_rules_load_buffer(&rs, RNAME, text, strlen(text), &dl);
	for (i = 0; i < dl.len; i++) {
		mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		print_message("%s\n", buf);
	}
	assert_int_equal(error, 0);
	mdsec_diag_list_release(&dl);
	return rs;
}

/* A rule file with one rule `id` on `target` with condition `when`. */
static void rule_text(char *buf, size_t len, const char *id, const char *target,
		      const char *when)
{
	int n = snprintf(buf, len,
			 "format: 1\n"
			 "rules:\n"
			 "  - id: %s\n"
			 "    title: t\n"
			 "    target: %s\n"
			 "    stride: tampering\n"
			 "    capec: [1]\n"
			 "    cwe: [2]\n"
			 "    when: %s\n"
			 "    rationale: r\n"
			 "    harm: h\n"
			 "    mitigations: [integrity]\n",
			 id, target, when);

	assert_true(n > 0 && (size_t)n < len);
}

/* "R@a R@b" for the threats of t, in their order. */
static void threat_list(char *buf, size_t len, const mdsec_threats *t)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < t->n; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? " " : "",
				 t->v[i].id);

		assert_true(n > 0 && (size_t)n < len - used);
		used += (size_t)n;
	}
}

/* The expected list: "a b" -> "R@a R@b". */
static void expected_list(char *buf, size_t len, const char *rule,
			  const char *objects)
{
	const char *p = objects, *sp;
	size_t used = 0;
	int n;

	buf[0] = '\0';
	while (*p) {
		sp = strchr(p, ' ');
		if (!sp)
			sp = p + strlen(p);
		n = snprintf(buf + used, len - used, "%s%s@%.*s",
			     used ? " " : "", rule, (int)(sp - p), p);
		assert_true(n > 0 && (size_t)n < len - used);
		used += (size_t)n;
		p = *sp ? sp + 1 : sp;
	}
}

static bool check_row(const mdsec_model *m, const struct row *r)
{
	char rules[2048], got[2048], want[2048];
	mdsec_ruleset *rs;
	mdsec_threats *t = NULL;
	size_t i;
	bool ok = true;

	rule_text(rules, sizeof(rules), "R", r->target, r->when);
	rs = load_rules(rules);
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	threat_list(got, sizeof(got), t);
	expected_list(want, sizeof(want), "R", r->expect);
	if (strcmp(got, want)) {
		print_error("%s %s:\n got:      %s\n expected: %s\n", r->target,
			    r->when, got, want);
		ok = false;
	}
	for (i = 0; i < t->n; i++) {
		assert_ptr_equal(t->v[i].rule, &rs->rules[0]);
		assert_int_equal(t->v[i].kind, rs->rules[0].target);
		assert_string_equal(t->v[i].id + 2, t->v[i].object);
	}
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	return ok;
}

static void test_engine_every_attribute_and_relation(void **state)
{
	mdsec_model *m = load_model(model_text);
	size_t i, failed = 0, n = sizeof(rows) / sizeof(*rows);

	(void)state;
	for (i = 0; i < n; i++)
		failed += !check_row(m, &rows[i]);
	if (failed)
		fail_msg("%zu of %zu rows failed", failed, n);
	mdsec_model_free(m);
}

/* The index of each threat points at its object in the model. */
static void test_engine_threat_names_its_object(void **state)
{
	mdsec_model *m = load_model(model_text);
	mdsec_ruleset *rs;
	mdsec_threats *t = NULL;
	char rules[2048];
	enum mdsec_kind k;
	size_t i, idx;

	(void)state;
	rule_text(rules, sizeof(rules), "DEV-DEBUG", "interface",
		  "{kind: [swd, uart]}");
	rs = load_rules(rules);
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(t->n, 2);
	assert_string_equal(t->v[0].id, "DEV-DEBUG@pump.swd");
	assert_string_equal(t->v[1].id, "DEV-DEBUG@pump.uart");
	for (i = 0; i < t->n; i++) {
		assert_int_equal(t->v[i].kind, MDSEC_KIND_INTERFACE);
		assert_int_equal(
			mdsec_model_lookup(&k, &idx, m, t->v[i].object), 0);
		assert_int_equal(k, MDSEC_KIND_INTERFACE);
		assert_int_equal(idx, t->v[i].index);
		assert_ptr_equal(t->v[i].object, m->interfaces[idx].o.id);
	}
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

/* support_expired compares end_of_support with the `today` argument:
 * a component is expired the day after its end of support. */
static void test_engine_support_expired_follows_today(void **state)
{
	static const struct {
		const char *today, *expect;
	} days[] = {
		{ "2025-12-30", "" },
		{ "2025-12-31", "" },
		{ "2026-01-01", "R@sw-os" },
		{ "2026-01-02", "R@sw-os R@sw-ssl" },
		{ "2099-01-01", "R@sw-os R@sw-ssl" },
	};
	mdsec_model *m = load_model(model_text);
	mdsec_ruleset *rs;
	mdsec_threats *t;
	char rules[2048], got[2048];
	size_t i;

	(void)state;
	rule_text(rules, sizeof(rules), "R", "software",
		  "{support_expired: true}");
	rs = load_rules(rules);
	for (i = 0; i < sizeof(days) / sizeof(*days); i++) {
		t = NULL;
		assert_int_equal(mdsec_threats_derive(&t, m, rs, days[i].today),
				 0);
		threat_list(got, sizeof(got), t);
		if (strcmp(got, days[i].expect))
			fail_msg("today %s: got '%s', expected '%s'",
				 days[i].today, got, days[i].expect);
		mdsec_threats_free(t);
	}
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

/* Several rules: threats sorted by id across rules (not in rule or model
 * order), and deriving again gives exactly the same list. */
static void test_engine_threats_sorted_and_deterministic(void **state)
{
	static const char rules[] =
		"format: 1\n"
		"rules:\n"
		"  - {id: ZZ-LAST, title: t, target: element, stride: "
		"spoofing, capec: [1], cwe: [2], when: {kind: device}, "
		"rationale: r, harm: h, mitigations: [integrity]}\n"
		"  - {id: AA-FIRST, title: t, target: flow, stride: spoofing, "
		"capec: [1], cwe: [2], when: {crosses_boundary: true}, "
		"rationale: r, harm: h, mitigations: [integrity]}\n"
		"  - {id: MM-MID, title: t, target: interface, stride: "
		"spoofing, capec: [1], cwe: [2], when: {exposure: {min: "
		"network}}, rationale: r, harm: h, mitigations: [integrity]}\n"
		"  - {id: AA-FIRST-2, title: t, target: asset, stride: "
		"spoofing, capec: [1], cwe: [2], when: {stored_on_any: "
		"{reachable_from: {trust: untrusted}}}, rationale: r, harm: "
		"h, mitigations: [integrity]}\n";
	static const char *const expect[] = {
		"AA-FIRST-2@hist",  "AA-FIRST-2@key",  "AA-FIRST-2@rate",
		"AA-FIRST@f-cmd",   "AA-FIRST@f-sync", "AA-FIRST@f-upd",
		"MM-MID@cloud.api", "MM-MID@gw.eth",   "MM-MID@phone.cell",
		"MM-MID@ws.rdp",    "ZZ-LAST@pump",
	};
	mdsec_model *m = load_model(model_text);
	mdsec_ruleset *rs = load_rules(rules);
	mdsec_threats *t = NULL, *t2 = NULL;
	size_t i, n = sizeof(expect) / sizeof(*expect);

	(void)state;
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(t->n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(t->v[i].id, expect[i]);
	for (i = 1; i < t->n; i++)
		assert_true(strcmp(t->v[i - 1].id, t->v[i].id) < 0);
	assert_int_equal(mdsec_threats_derive(&t2, m, rs, TODAY), 0);
	assert_int_equal(t2->n, t->n);
	for (i = 0; i < t->n; i++) {
		assert_string_equal(t2->v[i].id, t->v[i].id);
		assert_ptr_equal(t2->v[i].rule, t->v[i].rule);
		assert_int_equal(t2->v[i].kind, t->v[i].kind);
		assert_int_equal(t2->v[i].index, t->v[i].index);
	}
	mdsec_threats_free(t2);
	mdsec_threats_free(t);
	mdsec_threats_free(NULL);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

/* A model with no objects of the target kind, and an empty rule set. */
static void test_engine_empty_inputs_give_no_threat(void **state)
{
	static const char small[] =
		"format: 1\n"
		"device: {name: P, version: \"1\", manufacturer: M, "
		"intended_use: u, submission_type: 510k, cyber_device: "
		"{software: true, connectivity: true}}\n";
	mdsec_model *m = load_model(small);
	mdsec_ruleset *rs;
	mdsec_threats *t = NULL;
	char rules[2048];

	(void)state;
	rule_text(rules, sizeof(rules), "R", "element",
		  "{not: {reachable_from: {kind: device}}}");
	rs = load_rules(rules);
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(t->n, 0);
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	rs = load_rules("format: 1\nrules: []\n");
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(t->n, 0);
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_every_attribute_and_relation),
		cmocka_unit_test(test_engine_threat_names_its_object),
		cmocka_unit_test(test_engine_support_expired_follows_today),
		cmocka_unit_test(test_engine_threats_sorted_and_deterministic),
		cmocka_unit_test(test_engine_empty_inputs_give_no_threat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
