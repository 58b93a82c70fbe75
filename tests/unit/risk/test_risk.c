/* SPDX-License-Identifier: Apache-2.0
 *
 * test_risk.c - the risk arithmetic of docs/risk.md, one table row per
 * rule of it: exposure levels, authenticated flows, complexity, controls
 * (implemented, of a mitigating category, on the target or an object it
 * names, each once), decision controls, stated residuals, severity from
 * hazards, assets or the default, the matrix regions, and the findings
 * `mdsec check` gates on. Also the matrix file loader. Rules are loaded
 * from buffers, never from data/rules/.
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
#include <unistd.h>
#include "mdsec/mdsec.h"
#include "mdsec/risk.h"
#include "mdsec/threat.h"

#define NAME  "/nonexistent-dir/m.yaml"
#define RNAME "/nonexistent-dir/rules.yaml"
#define TODAY "2026-01-01"

#define HEADER                                                                 \
	"format: 1\n"                                                          \
	"device: {name: P, version: \"1\", manufacturer: M, intended_use: u, " \
	"submission_type: 510k, cyber_device: {software: true, "               \
	"connectivity: true}}\n"

/*
 * e-* elements: one interface per exposure level; e-guest runs on e-host,
 * whose network interface gives it its exposure. fl-* flows: internet via
 * e-inet.i, with and without authentication; fl-ctl is named by controls
 * on itself, its source's host, its via interface, its destination.
 * s-* elements and flows: hazards and assets for severity.
 */
static const char model_head[] = HEADER
	"zones:\n"
	"  - {id: zd, trust: high}\n"
	"  - {id: zl, trust: low}\n"
	"  - {id: zn, trust: untrusted}\n"
	"elements:\n"
	"  - {id: e-phys, kind: device, zone: zd, interfaces: [{id: p, kind: "
	"usb, exposure: physical}]}\n"
	"  - {id: e-loc, kind: server, zone: zl, interfaces: [{id: l, kind: "
	"network-service, exposure: local, port: 1}]}\n"
	"  - {id: e-adj, kind: device, zone: zd, interfaces: [{id: a, kind: "
	"ble, exposure: adjacent}]}\n"
	"  - {id: e-netw, kind: server, zone: zl, interfaces: [{id: n, kind: "
	"network-service, exposure: network, port: 2}]}\n"
	"  - id: e-inet\n"
	"    kind: cloud-service\n"
	"    zone: zn\n"
	"    interfaces:\n"
	"      - {id: i, kind: network-service, exposure: internet, port: 3}\n"
	"      - {id: off, kind: network-service, exposure: internet, port: 4, "
	"enabled_in_production: false}\n"
	"  - id: e-host\n"
	"    kind: device\n"
	"    zone: zd\n"
	"    interfaces:\n"
	"      - {id: x, kind: wifi, exposure: network}\n"
	"      - {id: y, kind: cellular, exposure: internet, "
	"enabled_in_production: false}\n"
	"  - {id: e-guest, kind: firmware, runs_on: e-host, interfaces: [{id: "
	"g, kind: ble, exposure: adjacent}]}\n"
	"  - {id: e-bare, kind: external-system, zone: zl}\n"
	"  - {id: s-src, kind: workstation, zone: zl}\n"
	"  - {id: s-mid, kind: server, zone: zl}\n"
	"  - {id: s-dst, kind: device, zone: zd}\n"
	"  - {id: s-store, kind: device, zone: zd}\n"
	"  - {id: s-mid2, kind: server, zone: zl}\n";

/* The rest of the model (one string would exceed what C99 compilers must
 * accept). */
static const char model_rest[] =
	"assets:\n"
	"  - {id: as-x, kind: other, confidentiality: low, integrity: low, "
	"availability: low, stored_on: [e-guest]}\n"
	"  - {id: as-y, kind: other, confidentiality: low, integrity: low, "
	"availability: low, stored_on: [e-bare]}\n"
	"  - {id: as-z, kind: other, confidentiality: low, integrity: low, "
	"availability: low}\n"
	"  - {id: as-hi, kind: clinical-data, confidentiality: high, "
	"integrity: low, availability: low, stored_on: [e-netw]}\n"
	"  - {id: as-lo, kind: phi, confidentiality: low, integrity: none, "
	"availability: medium, stored_on: [e-netw]}\n"
	"  - {id: as-phi, kind: phi, confidentiality: high, integrity: low, "
	"availability: none}\n"
	"  - {id: as-cfg, kind: configuration, confidentiality: none, "
	"integrity: high, availability: low, stored_on: [s-store]}\n"
	"  - {id: as-none, kind: other, confidentiality: none, integrity: "
	"none, availability: none}\n"
	"flows:\n"
	"  - {id: fl-int, from: e-bare, to: e-inet, via: [e-inet.i], assets: "
	"[as-x]}\n"
	"  - {id: fl-auth, from: e-bare, to: e-inet, via: [e-inet.i], "
	"protections: [authentication]}\n"
	"  - {id: fl-mauth, from: e-bare, to: e-inet, via: [e-inet.i], "
	"protections: [mutual-authentication, integrity]}\n"
	"  - {id: fl-prot, from: e-bare, to: e-inet, via: [e-inet.i], "
	"protections: [integrity, encryption]}\n"
	"  - {id: fl-cross, from: e-bare, to: e-phys}\n"
	"  - {id: fl-same, from: e-loc, to: e-netw, assets: [as-y]}\n"
	"  - {id: fl-ctl, from: e-guest, to: e-netw, via: [e-host.x, "
	"e-netw.n]}\n"
	"  - {id: s-f-other, from: s-mid, to: s-dst}\n"
	"  - {id: s-f-link, from: s-src, to: s-mid, assets: [as-phi]}\n"
	"  - {id: s-f-cmd, from: s-src, to: s-dst, commands: [therapy]}\n"
	"  - {id: s-f-code, from: s-src, to: s-dst, code: true}\n"
	"  - {id: s-f-data, from: s-src, to: s-dst}\n"
	"  - {id: s-f-asset, from: s-src, to: s-mid, assets: [as-cfg]}\n"
	"  - {id: s-f-bidir, from: s-dst, to: s-src, bidirectional: true, "
	"commands: [control]}\n"
	"  - {id: s-f-alarm, from: s-dst, to: s-mid2, commands: [alarm]}\n"
	"  - {id: s-f-phi, from: s-src, to: s-mid2, assets: [as-phi]}\n"
	"hazards:\n"
	"  - {id: hz-minor, harm: h, severity: minor, flows: [s-f-link]}\n"
	"  - {id: hz-cat, harm: h, severity: catastrophic, flows: "
	"[s-f-other]}\n"
	"  - {id: hz-ser, harm: h, severity: serious, flows: [s-f-link]}\n"
	"  - {id: hz-crit, harm: h, severity: critical, assets: [as-cfg]}\n"
	"software:\n"
	"  - {id: sw-g, element: e-guest, version: \"1\", supplier: s, "
	"origin: own, support: actively-maintained, support_justification: "
	"j}\n"
	"  - {id: sw-n, element: e-netw, version: \"1\", supplier: s, "
	"origin: own, support: actively-maintained, support_justification: "
	"j}\n"
	"controls:\n"
	"  - {id: k-flow, category: authentication, protects: [fl-ctl]}\n"
	"  - {id: k-host, category: authorization, protects: [e-host]}\n"
	"  - {id: k-via, category: cryptography, protects: [e-netw.n]}\n"
	"  - {id: k-dup, category: integrity, protects: [fl-ctl, e-guest]}\n"
	"  - {id: k-planned, category: confidentiality, status: planned, "
	"protects: [fl-ctl]}\n"
	"  - {id: k-other, category: event-logging, protects: [e-inet]}\n"
	"  - {id: k-to, category: resiliency, protects: [e-netw]}\n"
	"  - {id: k-asset, category: updatability, protects: [as-x]}\n"
	"risk_decisions:\n"
	"  - {threat: R@fl-same, decision: mitigate, controls: [k-other]}\n"
	"  - {threat: R@e-guest.g, decision: mitigate, controls: [k-other]}\n"
	"  - {threat: R@sw-g, decision: mitigate, controls: [k-flow, "
	"k-planned]}\n"
	"  - {threat: R@e-host, decision: accept, rationale: r, controls: "
	"[k-other]}\n"
	"  - {threat: R@fl-cross, decision: mitigate, controls: [k-flow], "
	"residual_exploitability: 5}\n"
	"  - {threat: R@fl-int, decision: mitigate, controls: [k-flow], "
	"residual_exploitability: 1}\n";

static char model_text[sizeof(model_head) + sizeof(model_rest)];

static int join_model(void **state)
{
	(void)state;
	memcpy(model_text, model_head, sizeof(model_head) - 1);
	memcpy(model_text + sizeof(model_head) - 1, model_rest,
	       sizeof(model_rest));
	return 0;
}

/* A matrix whose every cell differs from its neighbours, so that a wrong
 * row or column shows. */
static struct mdsec_risk_matrix pattern_matrix(void)
{
	struct mdsec_risk_matrix mx;
	int s, e;

	for (s = 0; s < 5; s++) {
		for (e = 0; e < 5; e++)
			mx.region[s][e] = (enum mdsec_region)((s + 2 * e) % 3);
	}
	return mx;
}

/* The default matrix of docs/risk.md, rows negligible .. catastrophic. */
static struct mdsec_risk_matrix docs_matrix(void)
{
#define A MDSEC_REGION_ACCEPTABLE
#define R MDSEC_REGION_REVIEW
#define U MDSEC_REGION_UNACCEPTABLE
	static const enum mdsec_region rows[5][5] = {
		{ A, A, A, A, R }, /* negligible */
		{ A, A, R, R, R }, /* minor */
		{ A, R, R, U, U }, /* serious */
		{ A, R, U, U, U }, /* critical */
		{ R, U, U, U, U }, /* catastrophic */
	};
#undef A
#undef R
#undef U
	struct mdsec_risk_matrix mx;

	memcpy(mx.region, rows, sizeof(rows));
	return mx;
}

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

/* One rule "R" on `target` matching the object whose id contains `obj`. */
static mdsec_ruleset *load_rule(const char *target, const char *obj,
				const char *stride, const char *complexity,
				const char *mitigations)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;
	char text[2048];
	int n;

	n = snprintf(text, sizeof(text),
		     "format: 1\n"
		     "rules:\n"
		     "  - id: R\n"
		     "    title: t\n"
		     "    target: %s\n"
		     "    stride: %s\n"
		     "    capec: [1]\n"
		     "    cwe: [2]\n"
		     "    complexity: %s\n"
		     "    when: {id: {contains_any: [\"%s\"]}}\n"
		     "    rationale: r\n"
		     "    harm: h\n"
		     "    mitigations: %s\n",
		     target, stride, complexity, obj, mitigations);
	assert_true(n > 0 && (size_t)n < sizeof(text));
	assert_int_equal(
		mdsec_rules_load_buffer(&rs, RNAME, text, (size_t)n, &dl), 0);
	mdsec_diag_list_release(&dl);
	return rs;
}

/* Derive rule R for `obj` and assess it; exactly one threat, R@obj. */
struct one {
	mdsec_ruleset *rs;
	mdsec_threats *t;
	mdsec_assessment *a;
	const struct mdsec_risk *r;
};

static void assess_one(struct one *o, const mdsec_model *m, const char *target,
		       const char *obj, const char *stride,
		       const char *complexity, const char *mitigations,
		       const struct mdsec_risk_matrix *mx)
{
	char id[128];

	o->rs = load_rule(target, obj, stride, complexity, mitigations);
	o->t = NULL;
	o->a = NULL;
	assert_int_equal(mdsec_threats_derive(&o->t, m, o->rs, TODAY), 0);
	snprintf(id, sizeof(id), "R@%s", obj);
	if (o->t->n != 1 || strcmp(o->t->v[0].id, id))
		fail_msg("%s %s: %zu threats, the first '%s'", target, obj,
			 o->t->n, o->t->n ? o->t->v[0].id : "");
	assert_int_equal(mdsec_risk_assess(&o->a, m, o->t, mx), 0);
	assert_int_equal(o->a->nrisks, 1);
	o->r = &o->a->risks[0];
}

static void one_release(struct one *o)
{
	mdsec_assessment_free(o->a);
	mdsec_threats_free(o->t);
	mdsec_rules_free(o->rs);
}

/* "k-a k-b": the applied controls' ids, sorted. */
static void control_ids(char *buf, size_t len, const mdsec_model *m,
			const struct mdsec_risk *r)
{
	const char *ids[32];
	size_t i, j, used = 0;
	const char *tmp;

	assert_true(r->ncontrols < 32);
	for (i = 0; i < r->ncontrols; i++)
		ids[i] = m->controls[r->controls[i]].o.id;
	for (i = 1; i < r->ncontrols; i++) {
		for (j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
			tmp = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = tmp;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < r->ncontrols; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i ? " " : "", ids[i]);
}

/* ---- exploitability --------------------------------------------------- */

struct xrow {
	const char *target, *obj, *complexity, *mitigations;
	int exposure; /* enum mdsec_exposure */
	bool authenticated;
	int before;
	const char *controls; /* applied, sorted */
	int after;
	bool computed;
};

enum {
	PHY = MDSEC_EXPOSE_PHYSICAL,
	LOC = MDSEC_EXPOSE_LOCAL,
	ADJ = MDSEC_EXPOSE_ADJACENT,
	NET = MDSEC_EXPOSE_NETWORK,
	INET = MDSEC_EXPOSE_INTERNET
};

#define UPD "[updatability]"

/* clang-format off */
static const struct xrow xrows[] = {
	/* exposure levels 1..5; a disabled interface is physical */
	{ "interface", "e-phys.p", "low", UPD, PHY, false, 1, "", 1, true },
	{ "interface", "e-loc.l", "low", UPD, LOC, false, 2, "", 2, true },
	{ "interface", "e-adj.a", "low", UPD, ADJ, false, 3, "", 3, true },
	{ "interface", "e-netw.n", "low", UPD, NET, false, 4, "", 4, true },
	{ "interface", "e-inet.i", "low", UPD, INET, false, 5, "", 5, true },
	{ "interface", "e-inet.off", "low", UPD, PHY, false, 1, "", 1, true },
	/* complexity: medium -1, high -2, kept at 1 or above */
	{ "interface", "e-inet.i", "medium", UPD, INET, false, 4, "", 4,
	  true },
	{ "interface", "e-inet.i", "high", UPD, INET, false, 3, "", 3, true },
	{ "interface", "e-phys.p", "high", UPD, PHY, false, 1, "", 1, true },
	/* element: own and hosts' enabled interfaces; none: physical */
	{ "element", "e-guest", "low", UPD, NET, false, 4, "", 4, true },
	{ "element", "e-host", "low", UPD, NET, false, 4, "", 4, true },
	{ "element", "e-bare", "low", UPD, PHY, false, 1, "", 1, true },
	/* flow: via; without via, network across a boundary, else local;
	 * authenticated senders -1 */
	{ "flow", "fl-auth", "low", UPD, INET, true, 4, "", 4, true },
	{ "flow", "fl-mauth", "low", UPD, INET, true, 4, "", 4, true },
	{ "flow", "fl-prot", "low", UPD, INET, false, 5, "", 5, true },
	{ "flow", "fl-auth", "high", UPD, INET, true, 2, "", 2, true },
	{ "flow", "fl-ctl", "medium", UPD, NET, false, 3, "", 3, true },
	/* software: its element's */
	{ "software", "sw-n", "low", UPD, NET, false, 4, "", 4, true },
	/* asset: highest of the elements storing it, flows carrying it */
	{ "asset", "as-x", "low", UPD, INET, false, 5, "k-asset", 4, true },
	{ "asset", "as-y", "low", UPD, LOC, false, 2, "", 2, true },
	{ "asset", "as-z", "low", UPD, PHY, false, 1, "", 1, true },
	/* controls on a flow: the flow, its ends and their hosts, its via
	 * interfaces; of a mitigating category; implemented; once each */
	{ "flow", "fl-ctl", "low", "[authentication]", NET, false, 4,
	  "k-flow", 3, true },
	{ "flow", "fl-ctl", "low", "[authorization]", NET, false, 4,
	  "k-host", 3, true },
	{ "flow", "fl-ctl", "low", "[cryptography]", NET, false, 4, "k-via",
	  3, true },
	{ "flow", "fl-ctl", "low", "[integrity]", NET, false, 4, "k-dup", 3,
	  true },
	{ "flow", "fl-ctl", "low", "[resiliency]", NET, false, 4, "k-to", 3,
	  true },
	{ "flow", "fl-ctl", "low", "[confidentiality]", NET, false, 4, "", 4,
	  true },
	{ "flow", "fl-ctl", "low", "[event-logging]", NET, false, 4, "", 4,
	  true },
	{ "flow", "fl-ctl", "low", "[authentication, authorization, "
	  "cryptography]", NET, false, 4, "k-flow k-host k-via", 1, true },
	{ "flow", "fl-ctl", "low", "[authentication, authorization, "
	  "cryptography, integrity, resiliency]", NET, false, 4,
	  "k-dup k-flow k-host k-to k-via", 1, true },
	/* interface: its element and the element's hosts */
	{ "interface", "e-host.x", "low", "[authorization]", NET, false, 4,
	  "k-host", 3, true },
	{ "interface", "e-guest.g", "low", "[authorization]", ADJ, false, 3,
	  "k-host k-other", 1, true },
	{ "interface", "e-guest.g", "low", "[integrity]", ADJ, false, 3,
	  "k-dup k-other", 1, true },
	/* software: its element and hosts */
	{ "software", "sw-g", "low", "[authorization]", NET, false, 4,
	  "k-flow k-host", 2, true },
	{ "software", "sw-g", "low", "[integrity]", NET, false, 4,
	  "k-dup k-flow", 2, true },
	/* element: its own and its hosts', not those of what it hosts */
	{ "element", "e-guest", "low", "[authorization]", NET, false, 4,
	  "k-host", 3, true },
	{ "element", "e-guest", "low", "[integrity]", NET, false, 4, "k-dup",
	  3, true },
	{ "element", "e-host", "low", "[integrity]", NET, false, 4, "", 4,
	  true },
	/* mitigate decisions: their implemented controls count whatever
	 * the category (k-other is event-logging); planned ones do not;
	 * an accept decision's controls do not */
	{ "flow", "fl-same", "low", "[authentication]", LOC, false, 2,
	  "k-other", 1, true },
	{ "software", "sw-g", "low", UPD, NET, false, 4, "k-flow", 3, true },
	{ "element", "e-host", "low", "[event-logging]", NET, false, 4, "", 4,
	  true },
	/* a stated residual replaces the computed one, either way */
	{ "flow", "fl-cross", "low", "[authentication]", NET, false, 4,
	  "k-flow", 5, false },
	{ "flow", "fl-int", "low", UPD, INET, false, 5, "k-flow", 1, false },
};
/* clang-format on */

static bool check_xrow(const mdsec_model *m, const struct xrow *x,
		       const struct mdsec_risk_matrix *mx)
{
	struct one o;
	char ctl[512];
	bool ok;

	assess_one(&o, m, x->target, x->obj, "tampering", x->complexity,
		   x->mitigations, mx);
	control_ids(ctl, sizeof(ctl), m, o.r);
	ok = (int)o.r->exposure == (int)x->exposure &&
	     o.r->authenticated == x->authenticated &&
	     o.r->complexity == (!strcmp(x->complexity, "low")	    ? 0
				 : !strcmp(x->complexity, "medium") ? 1
								    : 2) &&
	     o.r->before == x->before && o.r->after == x->after &&
	     o.r->after_computed == x->computed && !strcmp(ctl, x->controls) &&
	     o.r->region_before == mx->region[o.r->severity][x->before - 1] &&
	     o.r->region_after == mx->region[o.r->severity][x->after - 1];
	if (!ok)
		print_error("%s %s %s %s:\n"
			    " got:      exposure %d auth %d before %d "
			    "controls '%s' after %d computed %d\n"
			    " expected: exposure %d auth %d before %d "
			    "controls '%s' after %d computed %d\n",
			    x->target, x->obj, x->complexity, x->mitigations,
			    o.r->exposure, o.r->authenticated, o.r->before, ctl,
			    o.r->after, o.r->after_computed, x->exposure,
			    x->authenticated, x->before, x->controls, x->after,
			    x->computed);
	one_release(&o);
	return ok;
}

static void test_risk_exploitability_arithmetic(void **state)
{
	struct mdsec_risk_matrix mx = pattern_matrix();
	mdsec_model *m = load_model(model_text);
	size_t i, failed = 0, n = sizeof(xrows) / sizeof(*xrows);

	(void)state;
	for (i = 0; i < n; i++)
		failed += !check_xrow(m, &xrows[i], &mx);
	if (failed)
		fail_msg("%zu of %zu rows failed", failed, n);
	mdsec_model_free(m);
}

/* ---- severity --------------------------------------------------------- */

struct srow {
	const char *target, *obj, *stride;
	int severity;	  /* enum mdsec_severity */
	int source;	  /* enum mdsec_severity_source */
	const char *from; /* hazard or asset id; NULL for the default */
};

enum {
	NEG = MDSEC_SEV_NEGLIGIBLE,
	MIN = MDSEC_SEV_MINOR,
	SER = MDSEC_SEV_SERIOUS,
	CRIT = MDSEC_SEV_CRITICAL,
	CAT = MDSEC_SEV_CATASTROPHIC
};
enum {
	HAZ = MDSEC_SEVERITY_HAZARD,
	AST = MDSEC_SEVERITY_ASSET,
	DEF = MDSEC_SEVERITY_DEFAULT
};

/* clang-format off */
static const struct srow srows[] = {
	/* the most severe linked hazard, whatever its place in the model */
	{ "flow", "s-f-link", "tampering", SER, HAZ, "hz-ser" },
	/* a hazard wins over an asset, even a more severe one */
	{ "flow", "s-f-link", "information-disclosure", SER, HAZ, "hz-ser" },
	/* code and commands reach the destination's hazards; data alone
	 * does not */
	{ "flow", "s-f-cmd", "tampering", CAT, HAZ, "hz-cat" },
	{ "flow", "s-f-code", "tampering", CAT, HAZ, "hz-cat" },
	{ "flow", "s-f-data", "tampering", SER, DEF, NULL },
	{ "flow", "s-f-alarm", "spoofing", SER, DEF, NULL },
	/* a bidirectional flow delivers its commands to both ends */
	{ "flow", "s-f-bidir", "tampering", CAT, HAZ, "hz-cat" },
	/* hazards of the assets a flow carries */
	{ "flow", "s-f-asset", "tampering", CRIT, HAZ, "hz-crit" },
	/* no hazard: the need STRIDE threatens, none..high ->
	 * negligible..critical */
	{ "flow", "s-f-phi", "information-disclosure", CRIT, AST, "as-phi" },
	{ "flow", "s-f-phi", "tampering", MIN, AST, "as-phi" },
	{ "flow", "s-f-phi", "denial-of-service", NEG, AST, "as-phi" },
	{ "flow", "s-f-phi", "spoofing", MIN, AST, "as-phi" },
	{ "flow", "s-f-phi", "repudiation", MIN, AST, "as-phi" },
	{ "flow", "s-f-phi", "elevation-of-privilege", MIN, AST, "as-phi" },
	/* elements: hazards of their flows and stored assets, else the
	 * most needed of their stored assets */
	{ "element", "s-store", "tampering", CRIT, HAZ, "hz-crit" },
	{ "element", "s-dst", "denial-of-service", CAT, HAZ, "hz-cat" },
	{ "element", "e-netw", "information-disclosure", CRIT, AST, "as-hi" },
	{ "element", "e-netw", "denial-of-service", SER, AST, "as-lo" },
	{ "element", "e-netw", "tampering", MIN, AST, "as-hi" },
	{ "element", "s-mid2", "tampering", SER, DEF, NULL },
	/* interfaces and software: their element's */
	{ "interface", "e-netw.n", "information-disclosure", CRIT, AST,
	  "as-hi" },
	{ "software", "sw-n", "denial-of-service", SER, AST, "as-lo" },
	/* assets: their hazards, else their own need */
	{ "asset", "as-cfg", "information-disclosure", CRIT, HAZ, "hz-crit" },
	{ "asset", "as-phi", "information-disclosure", CRIT, AST, "as-phi" },
	{ "asset", "as-none", "tampering", NEG, AST, "as-none" },
};
/* clang-format on */

static bool check_srow(const mdsec_model *m, const struct srow *s,
		       const struct mdsec_risk_matrix *mx)
{
	struct one o;
	const char *from = NULL;
	bool ok;

	assess_one(&o, m, s->target, s->obj, s->stride, "low", UPD, mx);
	if (o.r->severity_source == MDSEC_SEVERITY_HAZARD)
		from = m->hazards[o.r->severity_object].o.id;
	else if (o.r->severity_source == MDSEC_SEVERITY_ASSET)
		from = m->assets[o.r->severity_object].o.id;
	ok = (int)o.r->severity == s->severity &&
	     (int)o.r->severity_source == s->source &&
	     (from && s->from ? !strcmp(from, s->from) : from == s->from) &&
	     o.r->region_before == mx->region[o.r->severity][o.r->before - 1] &&
	     o.r->region_after == mx->region[o.r->severity][o.r->after - 1];
	if (!ok)
		print_error("%s %s %s:\n got:      severity %d source %d "
			    "from %s\n expected: severity %d source %d from "
			    "%s\n",
			    s->target, s->obj, s->stride, o.r->severity,
			    o.r->severity_source, from ? from : "-",
			    s->severity, s->source, s->from ? s->from : "-");
	one_release(&o);
	return ok;
}

static void test_risk_severity(void **state)
{
	struct mdsec_risk_matrix mx = pattern_matrix();
	mdsec_model *m = load_model(model_text);
	size_t i, failed = 0, n = sizeof(srows) / sizeof(*srows);

	(void)state;
	for (i = 0; i < n; i++)
		failed += !check_srow(m, &srows[i], &mx);
	if (failed)
		fail_msg("%zu of %zu rows failed", failed, n);
	mdsec_model_free(m);
}

/* ---- regions of the default matrix ------------------------------------ */

static void test_risk_regions_of_the_documented_matrix(void **state)
{
	static const struct {
		const char *obj, *stride;
		int before, after;
		enum mdsec_region rb, ra;
	} rows[] = {
		/* catastrophic: 3 -> unacceptable */
		{ "s-f-cmd", "tampering", 4, 4, MDSEC_REGION_UNACCEPTABLE,
		  MDSEC_REGION_UNACCEPTABLE },
		/* serious, default: 4 unacceptable */
		{ "s-f-data", "tampering", 4, 4, MDSEC_REGION_UNACCEPTABLE,
		  MDSEC_REGION_UNACCEPTABLE },
		/* negligible and minor (same zone, local): 2 acceptable */
		{ "s-f-phi", "denial-of-service", 2, 2, MDSEC_REGION_ACCEPTABLE,
		  MDSEC_REGION_ACCEPTABLE },
		{ "s-f-phi", "tampering", 2, 2, MDSEC_REGION_ACCEPTABLE,
		  MDSEC_REGION_ACCEPTABLE },
		/* critical: 2 review */
		{ "s-f-phi", "information-disclosure", 2, 2,
		  MDSEC_REGION_REVIEW, MDSEC_REGION_REVIEW },
	};
	struct mdsec_risk_matrix mx = docs_matrix();
	mdsec_model *m = load_model(model_text);
	struct one o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		assess_one(&o, m, "flow", rows[i].obj, rows[i].stride, "low",
			   UPD, &mx);
		assert_int_equal(o.r->before, rows[i].before);
		assert_int_equal(o.r->after, rows[i].after);
		assert_int_equal(o.r->region_before, rows[i].rb);
		assert_int_equal(o.r->region_after, rows[i].ra);
		one_release(&o);
	}
	/* minor: 5 and 4 both review */
	assess_one(&o, m, "asset", "as-x", "tampering", "low", UPD, &mx);
	assert_int_equal(o.r->before, 5);
	assert_int_equal(o.r->after, 4);
	assert_int_equal(o.r->severity, MDSEC_SEV_MINOR);
	assert_int_equal(o.r->region_before, MDSEC_REGION_REVIEW);
	assert_int_equal(o.r->region_after, MDSEC_REGION_REVIEW);
	one_release(&o);
	/* before and after in different regions: serious, 4 -> 1 */
	assess_one(&o, m, "flow", "fl-ctl", "denial-of-service", "low",
		   "[authentication, authorization, cryptography]", &mx);
	assert_int_equal(o.r->severity, MDSEC_SEV_SERIOUS);
	assert_int_equal(o.r->before, 4);
	assert_int_equal(o.r->after, 1);
	assert_int_equal(o.r->region_before, MDSEC_REGION_UNACCEPTABLE);
	assert_int_equal(o.r->region_after, MDSEC_REGION_ACCEPTABLE);
	one_release(&o);
	mdsec_model_free(m);
}

static void test_risk_names(void **state)
{
	(void)state;
	assert_string_equal(mdsec_region_name(MDSEC_REGION_ACCEPTABLE),
			    "acceptable");
	assert_string_equal(mdsec_region_name(MDSEC_REGION_REVIEW), "review");
	assert_string_equal(mdsec_region_name(MDSEC_REGION_UNACCEPTABLE),
			    "unacceptable");
	assert_string_equal(mdsec_region_name((enum mdsec_region)3), "unknown");
	assert_string_equal(mdsec_exploitability_name(1), "very-low");
	assert_string_equal(mdsec_exploitability_name(3), "medium");
	assert_string_equal(mdsec_exploitability_name(5), "very-high");
	assert_string_equal(mdsec_exploitability_name(0), "unknown");
	assert_string_equal(mdsec_exploitability_name(6), "unknown");
}

/* ---- findings --------------------------------------------------------- */

/* Decisions are written before the elements, so a stale decision comes
 * first in location order; the element order differs from id order. */
static const char findings_model[] = HEADER
	"risk_decisions:\n"
	"  - {threat: R@gone, decision: accept, rationale: r}\n"
	"  - {threat: R@c.t, decision: accept, rationale: r}\n"
	"  - {threat: R@d.u, decision: mitigate, controls: [k1], "
	"residual_exploitability: 2}\n"
	"zones:\n"
	"  - {id: z, trust: low}\n"
	"elements:\n"
	"  - {id: e, kind: device, zone: z, interfaces: [{id: v, kind: usb, "
	"exposure: physical}]}\n"
	"  - {id: b, kind: server, zone: z, interfaces: [{id: s, kind: "
	"network-service, exposure: internet, port: 1}]}\n"
	"  - {id: c, kind: server, zone: z, interfaces: [{id: t, kind: "
	"network-service, exposure: network, port: 1}]}\n"
	"  - {id: d, kind: server, zone: z, interfaces: [{id: u, kind: "
	"network-service, exposure: internet, port: 1}]}\n"
	"  - {id: a, kind: device, zone: z, interfaces: [{id: r, kind: ble, "
	"exposure: adjacent}]}\n"
	"controls:\n"
	"  - {id: k1, category: authentication, protects: [a.r]}\n";

static void test_risk_findings(void **state)
{
	static const struct {
		enum mdsec_finding_kind kind;
		bool gating;
		const char *threat;
		unsigned line;
		const char *msg;
	} expect[] = {
		{ MDSEC_FINDING_STALE_DECISION, false, "R@gone", 4,
		  "risk decision for 'R@gone' matches no derived threat "
		  "(expected the id of a threat printed by mdsec threats)" },
		{ MDSEC_FINDING_UNMITIGATED, true, "R@e.v", 10,
		  "threat 'R@e.v' has no control and no risk decision "
		  "(expected an implemented control of: authentication, "
		  "integrity, or a risk decision)" },
		{ MDSEC_FINDING_UNMITIGATED, true, "R@b.s", 11,
		  "threat 'R@b.s' has no control and no risk decision "
		  "(expected an implemented control of: authentication, "
		  "integrity, or a risk decision)" },
		{ MDSEC_FINDING_UNACCEPTABLE, true, "R@b.s", 11,
		  "threat 'R@b.s': residual risk is unacceptable "
		  "(exploitability very-high, severity serious; expected a "
		  "risk in the acceptable or review region)" },
		{ MDSEC_FINDING_UNACCEPTABLE, true, "R@c.t", 12,
		  "threat 'R@c.t': residual risk is unacceptable "
		  "(exploitability high, severity serious; expected a risk in "
		  "the acceptable or review region)" },
	};
	static const char rules[] =
		"format: 1\n"
		"rules:\n"
		"  - {id: R, title: t, target: interface, stride: tampering, "
		"capec: [1], cwe: [2], complexity: low, when: {direction: "
		"both}, rationale: r, harm: h, mitigations: [integrity, "
		"authentication]}\n";
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx = docs_matrix();
	mdsec_model *m = load_model(findings_model);
	mdsec_ruleset *rs = NULL;
	mdsec_threats *t = NULL;
	mdsec_assessment *a = NULL;
	const struct mdsec_finding *f;
	size_t i;

	(void)state;
	assert_int_equal(
		mdsec_rules_load_buffer(&rs, RNAME, rules, strlen(rules), &dl),
		0);
	assert_int_equal(mdsec_threats_derive(&t, m, rs, TODAY), 0);
	assert_int_equal(t->n, 5);
	assert_int_equal(mdsec_risk_assess(&a, m, t, &mx), 0);
	assert_int_equal(a->nrisks, 5);
	/* R@a.r: adjacent 3, k1 -> 2, serious: review, no finding */
	assert_string_equal(t->v[0].id, "R@a.r");
	assert_int_equal(a->risks[0].after, 2);
	assert_int_equal(a->risks[0].region_after, MDSEC_REGION_REVIEW);
	assert_int_equal(a->risks[0].decision, -1);
	/* R@d.u: internet 5, stated 2 despite the decision's control */
	assert_string_equal(t->v[3].id, "R@d.u");
	assert_int_equal(a->risks[3].before, 5);
	assert_int_equal(a->risks[3].after, 2);
	assert_false(a->risks[3].after_computed);
	assert_int_equal(a->risks[3].decision, 2);
	assert_int_equal(a->risks[3].region_before, MDSEC_REGION_UNACCEPTABLE);
	for (i = 0; i < a->nfindings; i++)
		print_message("%d %s %u:%u %s\n", a->findings[i].kind,
			      a->findings[i].threat, a->findings[i].loc.line,
			      a->findings[i].loc.col, a->findings[i].msg);
	assert_int_equal(a->nfindings, sizeof(expect) / sizeof(*expect));
	assert_int_equal(a->ngating, 4);
	for (i = 0; i < a->nfindings; i++) {
		f = &a->findings[i];
		assert_int_equal(f->kind, expect[i].kind);
		assert_int_equal(f->gating, expect[i].gating);
		assert_string_equal(f->threat, expect[i].threat);
		assert_string_equal(f->loc.file, NAME);
		assert_int_equal(f->loc.line, expect[i].line);
		assert_string_equal(f->msg, expect[i].msg);
	}
	mdsec_assessment_free(a);
	mdsec_assessment_free(NULL);
	mdsec_threats_free(t);
	mdsec_rules_free(rs);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
}

/* ---- the matrix file --------------------------------------------------- */

static char tmpdir[] = "/tmp/mdsec-test-risk-XXXXXX";

static int make_tmpdir(void **state)
{
	join_model(state);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static int remove_tmpdir(void **state)
{
	static const char *const names[] = {
		"custom.yaml",	    "missing-row.yaml", "four-columns.yaml",
		"bad-region.yaml",  "bad-rows.yaml",	"no-matrix.yaml",
		"not-mapping.yaml", "bad-keys.yaml",
	};
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
	return rmdir(tmpdir);
}

static void test_risk_matrix_loads_a_custom_matrix(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx, want = docs_matrix();
	const char *path;

	(void)state;
	/* rows in any order */
	path = write_file(
		"custom.yaml",
		"# the documented default, rows upside down\n"
		"format: 1\n"
		"matrix:\n"
		"  negligible: [acceptable, acceptable, acceptable, "
		"acceptable, review]\n"
		"  minor: [acceptable, acceptable, review, review, "
		"review]\n"
		"  serious: [acceptable, review, review, unacceptable, "
		"unacceptable]\n"
		"  critical: [acceptable, review, unacceptable, "
		"unacceptable, unacceptable]\n"
		"  catastrophic: [review, unacceptable, unacceptable, "
		"unacceptable, unacceptable]\n");
	memset(&mx, 0xff, sizeof(mx));
	assert_int_equal(mdsec_risk_matrix_load(&mx, path, &dl), 0);
	assert_int_equal(dl.len, 0);
	assert_memory_equal(&mx, &want, sizeof(mx));
	mdsec_diag_list_release(&dl);
}

/* Load `text` as a matrix; it must fail with exactly `expect` (each
 * "line:col: message", or ": message" without a place). */
static void check_bad_matrix(const char *name, const char *text,
			     const char *const *expect)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx;
	const char *path = write_file(name, text);
	char buf[1024], want[1024];
	size_t i;

	assert_int_equal(mdsec_risk_matrix_load(&mx, path, &dl), MDSEC_EINPUT);
	mdsec_diag_list_sort(&dl);
	for (i = 0; i < dl.len || expect[i]; i++) {
		if (i < dl.len)
			mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		if (expect[i])
			snprintf(want, sizeof(want), "%s:%s", path, expect[i]);
		if (i >= dl.len || !expect[i] || strcmp(buf, want))
			fail_msg("%s: diagnostic %zu:\n got:      %s\n"
				 " expected: %s",
				 name, i, i < dl.len ? buf : "(none)",
				 expect[i] ? want : "(none)");
	}
	mdsec_diag_list_release(&dl);
}

#define BAD_MATRIX(name, text, ...)                                            \
	do {                                                                   \
		static const char *const expect_[] = { __VA_ARGS__, NULL };    \
		check_bad_matrix(name, text, expect_);                         \
	} while (0)

#define ROW5 "[acceptable, review, review, unacceptable, unacceptable]\n"

static void test_risk_matrix_rejects_malformed_matrices(void **state)
{
	(void)state;
	BAD_MATRIX("missing-row.yaml",
		   "format: 1\n"
		   "matrix:\n"
		   "  catastrophic: " ROW5 "  serious: " ROW5 "  minor: " ROW5
		   "  negligible: " ROW5,
		   "1:1: error: missing row 'critical' (expected all five "
		   "severities)");
	BAD_MATRIX("four-columns.yaml",
		   "format: 1\n"
		   "matrix:\n"
		   "  catastrophic: " ROW5 "  critical: " ROW5
		   "  serious: " ROW5
		   "  minor: [acceptable, acceptable, review, review]\n"
		   "  negligible: " ROW5,
		   "6:3: error: row 'minor' does not have five regions "
		   "(expected one per exploitability level, very-low to "
		   "very-high)");
	BAD_MATRIX("bad-region.yaml",
		   "format: 1\n"
		   "matrix:\n"
		   "  catastrophic: " ROW5 "  critical: " ROW5
		   "  serious: " ROW5
		   "  minor: [acceptable, acceptible, review, review, "
		   "review]\n"
		   "  negligible: " ROW5,
		   "6:23: error: unknown region 'acceptible' (expected "
		   "acceptable, review or unacceptable)");
	BAD_MATRIX("bad-rows.yaml",
		   "format: 1\n"
		   "matrix:\n"
		   "  catastrophic: " ROW5 "  critical: " ROW5 "  serius: " ROW5
		   "  minor: " ROW5 "  minor: " ROW5 "  negligible: " ROW5,
		   "1:1: error: missing row 'serious' (expected all five "
		   "severities)",
		   "5:3: error: unknown severity 'serius' (expected each of "
		   "negligible, minor, serious, critical, catastrophic once)",
		   "7:3: error: repeated severity 'minor' (expected each of "
		   "negligible, minor, serious, critical, catastrophic once)");
	BAD_MATRIX("no-matrix.yaml", "format: 1\n",
		   "1:1: error: missing 'matrix' (expected a mapping from each "
		   "severity to five regions)");
	BAD_MATRIX("not-mapping.yaml", "- review\n",
		   "1:1: error: the risk matrix is not a mapping (expected "
		   "'format: 1' and 'matrix')");
	BAD_MATRIX("bad-keys.yaml",
		   "format: 2\n"
		   "matrix:\n"
		   "  catastrophic: " ROW5 "  critical: " ROW5
		   "  serious: " ROW5 "  minor: " ROW5 "  negligible: " ROW5
		   "regions: 3\n",
		   "1:1: error: unexpected key 'format' (expected 'format: 1' "
		   "and 'matrix')",
		   "8:1: error: unexpected key 'regions' (expected 'format: 1' "
		   "and 'matrix')");
}

static void test_risk_matrix_missing_file(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_risk_matrix mx;
	char buf[512];

	(void)state;
	assert_int_equal(
		mdsec_risk_matrix_load(&mx, "/nonexistent-dir/m.yaml", &dl),
		MDSEC_ENOTFOUND);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, "/nonexistent-dir/m.yaml: error: cannot read "
				 "the risk matrix (expected a readable YAML "
				 "file)");
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_risk_exploitability_arithmetic),
		cmocka_unit_test(test_risk_severity),
		cmocka_unit_test(test_risk_regions_of_the_documented_matrix),
		cmocka_unit_test(test_risk_names),
		cmocka_unit_test(test_risk_findings),
		cmocka_unit_test(test_risk_matrix_loads_a_custom_matrix),
		cmocka_unit_test(test_risk_matrix_rejects_malformed_matrices),
		cmocka_unit_test(test_risk_matrix_missing_file),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
