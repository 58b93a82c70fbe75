/* SPDX-License-Identifier: Apache-2.0
 *
 * test_rules.c - loading threat rule files (docs/rules.md): a file that
 * uses every condition form compiles into the rule set a reader expects,
 * and each kind of mistake in a rule file gives exactly one located
 * diagnostic with the text a rule author reads. Buffers are named under a
 * directory that does not exist; the directory cases use
 * tests/data/rules/bad/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "mdsec/threat.h"

#define NAME "/nonexistent-dir/rules.yaml"
#define BAD  MDSEC_TEST_SRCDIR "/tests/data/rules/bad"

/* One rule per target, each using many condition forms; the line numbers
 * in the tests below refer to this text. */
static const char every_form[] =
	"format: 1\n"
	"rules:\n"
	"  - id: FLOW-ALL-FORMS\n"
	"    title: Every flow test and relation\n"
	"    target: flow\n"
	"    stride: spoofing\n"
	"    capec: [151, 94]\n"
	"    cwe: [306, 290]\n"
	"    complexity: low\n"
	"    when:\n"
	"      all:\n"
	"        - commands: {has_any: [therapy]}\n"
	"        - commands: {has_all: [therapy, settings]}\n"
	"        - protections: {lacks_all: [authentication]}\n"
	"        - protections: {lacks_any: [encryption, integrity]}\n"
	"        - code: false\n"
	"        - crosses_boundary: true\n"
	"        - into_more_trusted: true\n"
	"        - protocol: {contains_any: [BLE, gatt]}\n"
	"        - protocol: {contains_any: single-word}\n"
	"        - exposure: {min: adjacent}\n"
	"        - exposure: {max: internet}\n"
	"        - exposure: [adjacent, network]\n"
	"        - id: {present: true}\n"
	"        - name: {contains_any: [x]}\n"
	"        - description: {present: false}\n"
	"        - from: {kind: mobile-app}\n"
	"        - to: {kind: firmware, trust: {min: medium}}\n"
	"        - either_end: {multi_patient: false}\n"
	"        - via_any: {kind: ble}\n"
	"        - assets_any: {kind: therapy-settings}\n"
	"        - assets_none: {integrity: {max: low}}\n"
	"        - any:\n"
	"            - not: {controlled_by: [authentication, "
	"cryptography]}\n"
	"            - justified: false\n"
	"            - controlled_by: integrity\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [authentication, cryptography]\n"
	"  - id: ELEMENT-ALL-FORMS\n"
	"    title: Every element test and relation\n"
	"    target: element\n"
	"    stride: elevation-of-privilege\n"
	"    capec: [1]\n"
	"    cwe: [2]\n"
	"    complexity: high\n"
	"    when:\n"
	"      kind: [device, firmware]\n"
	"      platform: {contains_any: [zephyr]}\n"
	"      trust: high\n"
	"      exposure: {min: physical}\n"
	"      multi_patient: true\n"
	"      host: {kind: device}\n"
	"      interfaces_any: {enabled_in_production: true, port: "
	"{present: false}}\n"
	"      interfaces_none: {direction: in}\n"
	"      software_any: {support_expired: true}\n"
	"      software_none: {origin: own}\n"
	"      stores_any: {confidentiality: {min: high}}\n"
	"      flows_in_any: {code: true}\n"
	"      flows_out_any: {commands: {has_any: [alarm]}}\n"
	"      reachable_from: {trust: untrusted}\n"
	"      justified: true\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [integrity]\n"
	"  - id: IFACE-ALL-FORMS\n"
	"    title: Every interface test and relation\n"
	"    target: interface\n"
	"    stride: denial-of-service\n"
	"    capec: [3]\n"
	"    cwe: [4]\n"
	"    when: {kind: [jtag, swd], exposure: physical, direction: both, "
	"enabled_in_production: true, protocol: {present: true}, port: "
	"{present: true}, element: {kind: device}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [resiliency, updatability]\n"
	"  - id: SW-ALL-FORMS\n"
	"    title: Every software test and relation\n"
	"    target: software\n"
	"    stride: tampering\n"
	"    capec: [5]\n"
	"    cwe: [6]\n"
	"    when: {origin: open-source, support: [abandoned, "
	"no-longer-maintained], support_expired: false, "
	"support_ends_before_device: true, purl: {present: "
	"false}, cpe: {contains_any: [openssl]}, license: {present: true}, "
	"element: {host: {kind: device}}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [updatability]\n"
	"  - id: ASSET-ALL-FORMS\n"
	"    title: Every asset test and relation\n"
	"    target: asset\n"
	"    stride: information-disclosure\n"
	"    capec: [7]\n"
	"    cwe: [8]\n"
	"    when: {kind: keys, confidentiality: high, integrity: {min: "
	"medium}, availability: {max: low}, stored_on_any: {kind: server}, "
	"carried_by_any: {protections: {has_any: [encryption]}}}\n"
	"    rationale: r\n"
	"    harm: h\n"
	"    mitigations: [confidentiality, event-logging, authorization]\n";

static void print_diags(const struct mdsec_diag_list *dl)
{
	char buf[1024];
	size_t i;

	for (i = 0; i < dl->len; i++) {
		mdsec_diag_format(buf, sizeof(buf), &dl->items[i]);
		print_message("%s\n", buf);
	}
}

static mdsec_ruleset *load_ok(const char *text)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;
	int error;

	error = mdsec_rules_load_buffer(&rs, NAME, text, strlen(text), &dl);
	print_diags(&dl);
	assert_int_equal(error, 0);
	assert_int_equal(dl.len, 0);
	assert_non_null(rs);
	mdsec_diag_list_release(&dl);
	return rs;
}

static const struct mdsec_rule *rule(const mdsec_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		if (!strcmp(rs->rules[i].id, id))
			return &rs->rules[i];
	}
	fail_msg("no rule '%s'", id);
	return NULL;
}

static void test_rules_every_condition_form_compiles(void **state)
{
	mdsec_ruleset *rs = load_ok(every_form);
	const struct mdsec_rule *r;

	(void)state;
	assert_int_equal(rs->nrules, 5);
	/* Sorted by id, whatever the order in the file. */
	assert_string_equal(rs->rules[0].id, "ASSET-ALL-FORMS");
	assert_string_equal(rs->rules[1].id, "ELEMENT-ALL-FORMS");
	assert_string_equal(rs->rules[2].id, "FLOW-ALL-FORMS");
	assert_string_equal(rs->rules[3].id, "IFACE-ALL-FORMS");
	assert_string_equal(rs->rules[4].id, "SW-ALL-FORMS");
	r = rule(rs, "FLOW-ALL-FORMS");
	assert_string_equal(r->title, "Every flow test and relation");
	assert_int_equal(r->target, MDSEC_KIND_FLOW);
	assert_int_equal(r->stride, MDSEC_STRIDE_SPOOFING);
	assert_int_equal(r->ncapec, 2);
	assert_int_equal(r->capec[0], 151);
	assert_int_equal(r->capec[1], 94);
	assert_int_equal(r->ncwe, 2);
	assert_int_equal(r->cwe[0], 306);
	assert_int_equal(r->cwe[1], 290);
	assert_int_equal(r->complexity, 0);
	assert_string_equal(r->rationale, "r");
	assert_string_equal(r->harm, "h");
	assert_int_equal(r->mitigations,
			 (1u << MDSEC_CTRL_AUTHENTICATION) |
				 (1u << MDSEC_CTRL_CRYPTOGRAPHY));
	assert_string_equal(r->loc.file, NAME);
	assert_int_equal(r->loc.line, 3);
	assert_int_equal(r->loc.col, 5);
	assert_non_null(r->cond);
	r = rule(rs, "ELEMENT-ALL-FORMS");
	assert_int_equal(r->target, MDSEC_KIND_ELEMENT);
	assert_int_equal(r->stride, MDSEC_STRIDE_ELEVATION_OF_PRIVILEGE);
	assert_int_equal(r->complexity, 2);
	assert_int_equal(r->loc.line, 40);
	r = rule(rs, "IFACE-ALL-FORMS");
	assert_int_equal(r->target, MDSEC_KIND_INTERFACE);
	assert_int_equal(r->stride, MDSEC_STRIDE_DENIAL_OF_SERVICE);
	/* complexity defaults to medium */
	assert_int_equal(r->complexity, 1);
	assert_int_equal(r->mitigations,
			 (1u << MDSEC_CTRL_RESILIENCY) |
				 (1u << MDSEC_CTRL_UPDATABILITY));
	r = rule(rs, "SW-ALL-FORMS");
	assert_int_equal(r->target, MDSEC_KIND_SOFTWARE);
	assert_int_equal(r->stride, MDSEC_STRIDE_TAMPERING);
	r = rule(rs, "ASSET-ALL-FORMS");
	assert_int_equal(r->target, MDSEC_KIND_ASSET);
	assert_int_equal(r->stride, MDSEC_STRIDE_INFORMATION_DISCLOSURE);
	assert_int_equal(r->mitigations,
			 (1u << MDSEC_CTRL_CONFIDENTIALITY) |
				 (1u << MDSEC_CTRL_EVENT_LOGGING) |
				 (1u << MDSEC_CTRL_AUTHORIZATION));
	mdsec_rules_free(rs);
}

static void test_rules_stride_names(void **state)
{
	(void)state;
	assert_string_equal(mdsec_stride_name(MDSEC_STRIDE_SPOOFING),
			    "spoofing");
	assert_string_equal(
		mdsec_stride_name(MDSEC_STRIDE_INFORMATION_DISCLOSURE),
		"information-disclosure");
	assert_string_equal(
		mdsec_stride_name(MDSEC_STRIDE_ELEVATION_OF_PRIVILEGE),
		"elevation-of-privilege");
	assert_string_equal(mdsec_stride_name((enum mdsec_stride)6), "unknown");
}

static void test_rules_empty_list_loads_no_rule(void **state)
{
	mdsec_ruleset *rs = load_ok("format: 1\nrules: []\n");

	(void)state;
	assert_int_equal(rs->nrules, 0);
	mdsec_rules_free(rs);
	mdsec_rules_free(NULL);
}

/* ---- malformed rule files ------------------------------------------ */

/*
 * A one-rule file whose `when` (line 9, value at column 11) and the rest
 * are given; R_FLOW fills the usual keys around a flow condition.
 */
#define HEAD "format: 1\nrules:\n"
#define TAIL                                                                   \
	"    rationale: r\n    harm: h\n    mitigations: [authentication]\n"
#define RULE(id, target, when)                                                 \
	HEAD "  - id: " id "\n    title: t\n    target: " target               \
	     "\n    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"      \
	     "    when: " when "\n" TAIL
#define R_FLOW(when)	   RULE("R-1", "flow", when)
#define AT(line, col, msg) NAME ":" #line ":" #col ": error: " msg

struct bad_case {
	const char *what;
	const char *text;
	const char *expect[4]; /* NULL-terminated, in sorted order */
};

static const struct bad_case bad_cases[] = {
	{ "unknown key in a rule, close to a known one",
	  HEAD "  - id: R-1\n    titel: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n" TAIL,
	  { AT(3, 5, "missing key 'title' in rule 'R-1'"),
	    AT(4, 5, "unknown key 'titel' in rule (did you mean 'title'?)") } },
	{ "unknown key in a rule, far from any",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n    severity: high\n" TAIL,
	  { AT(10, 5,
	       "unknown key 'severity' in rule (expected one of: id, "
	       "title, target, stride, capec, cwe, complexity, when, "
	       "rationale, harm, mitigations)") } },
	{ "unknown key at the top of the file",
	  "format: 1\nrulez: []\n",
	  { AT(1, 1, "missing 'rules' (expected a list of rules)"),
	    AT(2, 1,
	       "unknown key 'rulez' in rule file (did you mean "
	       "'rules'?)") } },
	{ "unknown condition, close to a known one",
	  R_FLOW("{comands: {has_any: [therapy]}}"),
	  { AT(9, 12,
	       "unknown condition 'comands' for a flow (did you "
	       "mean 'commands'?)") } },
	{ "unknown condition, far from any",
	  R_FLOW("{all: [{code: true}, {zzzz: 1}]}"),
	  { AT(9, 33,
	       "unknown condition 'zzzz' for a flow (expected one of: all, "
	       "any, not, controlled_by, justified, id, name, description, "
	       "commands, protections, code, crosses_boundary, protocol, "
	       "exposure, into_more_trusted, from, to, either_end, via_any, "
	       "assets_any, assets_none)") } },
	{ "relation of another target",
	  R_FLOW("{host: {kind: device}}"),
	  { AT(9, 12,
	       "condition 'host' does not apply to a flow (it "
	       "applies to an element)") } },
	{ "relation of two other targets",
	  RULE("R-1", "element", "{element: {kind: device}}"),
	  { AT(9, 12,
	       "condition 'element' does not apply to an element "
	       "(it applies to an interface or a software "
	       "component)") } },
	{ "attribute of three other targets",
	  RULE("R-1", "software", "{kind: device}"),
	  { AT(9, 12,
	       "condition 'kind' does not apply to a software "
	       "component (it applies to an element, an interface or "
	       "an asset)") } },
	{ "attribute of another target",
	  R_FLOW("{direction: in}"),
	  { AT(9, 12,
	       "condition 'direction' does not apply to a flow (it "
	       "applies to an interface)") } },
	{ "min on a set",
	  R_FLOW("{commands: {min: therapy}}"),
	  { AT(9, 23,
	       "test 'min' does not apply to 'commands' (expected "
	       "has_any, has_all, lacks_all or lacks_any)") } },
	{ "has_any on an ordered enum",
	  R_FLOW("{exposure: {has_any: [network]}}"),
	  { AT(9, 23,
	       "test 'has_any' does not apply to 'exposure' "
	       "(expected a value, a list, min or max)") } },
	{ "contains_any on a boolean",
	  R_FLOW("{code: {contains_any: [x]}}"),
	  { AT(9, 19,
	       "test 'contains_any' does not apply to 'code' "
	       "(expected a value or present)") } },
	{ "min on text",
	  R_FLOW("{protocol: {min: x}}"),
	  { AT(9, 23,
	       "test 'min' does not apply to 'protocol' (expected "
	       "contains_any or present)") } },
	{ "min on an unordered enum",
	  RULE("R-1", "interface", "{kind: {min: usb}}"),
	  { AT(9, 19,
	       "test 'min' does not apply to 'kind' (expected a "
	       "value or present)") } },
	{ "a value on a port",
	  RULE("R-1", "interface", "{port: 443}"),
	  { AT(9, 18,
	       "'port' cannot be compared to a value (expected a "
	       "test such as {present: true})") } },
	{ "a value on text",
	  R_FLOW("{protocol: https}"),
	  { AT(9, 22,
	       "'protocol' cannot be compared to a value (expected "
	       "a test such as {contains_any: [...]} or {present: "
	       "true})") } },
	{ "a value on a set",
	  R_FLOW("{commands: therapy}"),
	  { AT(9, 22,
	       "'commands' cannot be compared to a value (expected "
	       "a test such as {has_any: [...]})") } },
	{ "unknown test",
	  R_FLOW("{commands: {has_some: [therapy]}}"),
	  { AT(9, 23,
	       "unknown test 'has_some' (expected one of: min, max, "
	       "has_any, has_all, lacks_all, lacks_any, contains_any, "
	       "present)") } },
	{ "a test with two keys",
	  R_FLOW("{exposure: {min: local, max: network}}"),
	  { AT(9, 22,
	       "test on 'exposure' has 2 keys (expected exactly "
	       "one, such as min, has_any or present)") } },
	{ "bad enum value in a set test",
	  R_FLOW("{commands: {has_any: [therapy, setings]}}"),
	  { AT(9, 42,
	       "unknown commands 'setings' (did you mean "
	       "'settings'?)") } },
	{ "bad enum value in a relation",
	  R_FLOW("{to: {kind: devise}}"),
	  { AT(9, 23, "unknown kind 'devise' (did you mean 'device'?)") } },
	{ "bad ordered value",
	  R_FLOW("{exposure: {max: remote}}"),
	  { AT(9, 28,
	       "unknown exposure 'remote' (expected one of: "
	       "physical, local, adjacent, network, internet)") } },
	{ "boolean written as yes",
	  R_FLOW("{code: yes}"),
	  { AT(9, 18, "'code' needs true or false (expected a boolean)") } },
	{ "present not a boolean",
	  R_FLOW("{protocol: {present: maybe}}"),
	  { AT(9, 32,
	       "present is not a boolean (expected true or "
	       "false)") } },
	{ "contains_any with a mapping",
	  R_FLOW("{protocol: {contains_any: {a: b}}}"),
	  { AT(9, 37,
	       "contains_any is a mapping (expected a word or a list "
	       "of words)") } },
	{ "contains_any with a list of lists",
	  R_FLOW("{protocol: {contains_any: [[a]]}}"),
	  { AT(9, 38, "word is a list (expected a string)") } },
	{ "controlled_by an unknown category",
	  R_FLOW("{controlled_by: [authentication, encription]}"),
	  { AT(9, 44,
	       "unknown control category 'encription' (expected "
	       "one of: authentication, authorization, cryptography, "
	       "integrity, confidentiality, event-logging, resiliency, "
	       "updatability)") } },
	{ "justified not a boolean",
	  R_FLOW("{justified: 1}"),
	  { AT(9, 23,
	       "'justified' needs true or false (expected a "
	       "boolean)") } },
	{ "empty all",
	  R_FLOW("{all: []}"),
	  { AT(9, 17,
	       "'all' is an empty list (expected a non-empty list "
	       "of conditions)") } },
	{ "any not a list",
	  R_FLOW("{any: {code: true}}"),
	  { AT(9, 17,
	       "'any' is a mapping (expected a non-empty list of "
	       "conditions)") } },
	{ "every mistake in a list",
	  R_FLOW("{any: [{comands: {}}, {code: maybe}]}"),
	  { AT(9, 19,
	       "unknown condition 'comands' for a flow (did you "
	       "mean 'commands'?)"),
	    AT(9, 40, "'code' needs true or false (expected a boolean)") } },
	{ "a condition that is not a mapping",
	  R_FLOW("{all: [code]}"),
	  { AT(9, 18,
	       "a condition is a scalar (expected a mapping such as "
	       "{kind: device})") } },
	{ "an empty condition",
	  R_FLOW("{not: {}}"),
	  { AT(9, 17,
	       "a condition is an empty mapping (expected a mapping "
	       "such as {kind: device})") } },
	{ "when written as a list",
	  R_FLOW("[{code: true}]"),
	  { AT(9, 11,
	       "a condition is a list (expected a mapping such as "
	       "{kind: device})") } },
	{ "missing required key",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n"
	       "    when: {code: true}\n" TAIL,
	  { AT(3, 5, "missing key 'cwe' in rule 'R-1'") } },
	{ "missing when and harm of a rule without an id",
	  HEAD "  - title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [1]\n"
	       "    rationale: r\n    mitigations: [integrity]\n",
	  { AT(3, 5, "missing key 'id' in rule '?'"),
	    AT(3, 5, "missing key 'when' in rule '?'"),
	    AT(3, 5, "missing key 'harm' in rule '?'") } },
	{ "duplicate key in a rule",
	  HEAD "  - id: R-1\n    title: t\n    title: u\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n" TAIL,
	  { AT(5, 5,
	       "duplicate key 'title' in rule (first given at line "
	       "4)") } },
	{ "lower-case rule id",
	  RULE("med-lower", "flow", "{code: true}"),
	  { AT(3, 9,
	       "invalid rule id 'med-lower' (expected upper-case "
	       "letters, digits and '-', at most 64)") } },
	{ "rule id starting with a dash",
	  RULE("-R", "flow", "{code: true}"),
	  { AT(3, 9,
	       "invalid rule id '-R' (expected upper-case letters, "
	       "digits and '-', at most 64)") } },
	{ "rule id too long",
	  RULE("A1234567890123456789012345678901234567890123456789012345678"
	       "901234",
	       "flow", "{code: true}"),
	  { AT(3, 9,
	       "invalid rule id 'A1234567890123456789012345678901234"
	       "567890123456789012345678901234' (expected upper-case "
	       "letters, digits and '-', at most 64)") } },
	{ "bad target",
	  RULE("R-1", "flows", "{code: true}"),
	  { AT(5, 13, "unknown target 'flows' (did you mean 'flow'?)") } },
	{ "bad STRIDE category",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoof\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n" TAIL,
	  { AT(6, 13,
	       "unknown STRIDE category 'spoof' (did you mean "
	       "'spoofing'?)") } },
	{ "bad complexity",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    complexity: hard\n    when: {code: true}\n" TAIL,
	  { AT(9, 17,
	       "unknown complexity 'hard' (expected one of: low, "
	       "medium, high)") } },
	{ "CAPEC id not a number",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151, CAPEC-94]\n"
	       "    cwe: [306]\n    when: {code: true}\n" TAIL,
	  { AT(7, 18,
	       "invalid CAPEC id 'CAPEC-94' (expected a number such "
	       "as 306)") } },
	{ "CAPEC id zero",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [0]\n"
	       "    cwe: [306]\n    when: {code: true}\n" TAIL,
	  { AT(7, 13,
	       "invalid CAPEC id '0' (expected a number such as "
	       "306)") } },
	{ "capec not a list",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: 151\n"
	       "    cwe: [306]\n    when: {code: true}\n" TAIL,
	  { AT(7, 12, "'capec' is a scalar (expected a list of numbers)") } },
	{ "CWE id quoted",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n"
	       "    cwe: [\"306\"]\n    when: {code: true}\n" TAIL,
	  { AT(8, 11,
	       "invalid CWE id '306' (expected a number such as "
	       "306)") } },
	{ "bad mitigation category",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n    rationale: r\n    harm: h\n"
	       "    mitigations: [authentification]\n",
	  { AT(12, 19,
	       "unknown control category 'authentification' (did "
	       "you mean 'authentication'?)") } },
	{ "title not text",
	  HEAD "  - id: R-1\n    title: [t]\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n" TAIL,
	  { AT(4, 12, "'title' is a list (expected text)") } },
	{ "duplicate rule id in one file",
	  HEAD "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: true}\n" TAIL
	       "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: false}\n" TAIL
	       "  - id: R-1\n    title: t\n    target: flow\n"
	       "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
	       "    when: {code: false}\n" TAIL,
	  { AT(13, 5,
	       "duplicate rule id 'R-1' (first defined at " NAME ":3:5)"),
	    AT(23, 5,
	       "duplicate rule id 'R-1' (first defined at " NAME ":3:5)") } },
	{ "a rule that is not a mapping",
	  HEAD "  - R-1\n",
	  { AT(3, 5, "a rule is a scalar (expected a mapping)") } },
	{ "rules not a list",
	  "format: 1\nrules: {id: R-1}\n",
	  { AT(2, 8, "malformed 'rules' (expected a list of rules)") } },
	{ "wrong format",
	  "format: 2\nrules: []\n",
	  { AT(1, 9,
	       "unsupported rule file format (expected 'format: "
	       "1')") } },
	{ "missing format",
	  "rules: []\n",
	  { AT(1, 1, "missing rule file format (expected 'format: 1')") } },
	{ "a list instead of a rule file",
	  "- id: R-1\n",
	  { AT(1, 1,
	       "a rule file is a list (expected a mapping with "
	       "'format' and 'rules')") } },
	{ "an empty file",
	  "",
	  { AT(1, 1,
	       "a rule file is empty (expected a mapping with "
	       "'format' and 'rules')") } },
};

/* Load one bad case; print what differs and return false on a mismatch,
 * so that one run shows every case that fails. */
static bool check_bad(const struct bad_case *c)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	char buf[1024];
	bool ok = true;
	size_t i;
	int error;

	error = mdsec_rules_load_buffer(&rs, NAME, c->text, strlen(c->text),
					&dl);
	if (error != MDSEC_EINPUT || rs != NULL) {
		print_error("%s: load returned %d\n", c->what, error);
		ok = false;
	}
	mdsec_diag_list_sort(&dl);
	for (i = 0; i < dl.len || c->expect[i]; i++) {
		if (i < dl.len)
			mdsec_diag_format(buf, sizeof(buf), &dl.items[i]);
		if (i >= dl.len || !c->expect[i] || strcmp(buf, c->expect[i])) {
			print_error("%s: diagnostic %zu:\n got:      %s\n"
				    " expected: %s\n",
				    c->what, i, i < dl.len ? buf : "(none)",
				    c->expect[i] ? c->expect[i] : "(none)");
			ok = false;
		}
		if (!c->expect[i])
			break;
	}
	if (dl.nerrors != dl.len)
		ok = false;
	mdsec_diag_list_release(&dl);
	return ok;
}

static void test_rules_malformed_files_give_exact_diagnostics(void **state)
{
	size_t i, failed = 0;

	(void)state;
	assert_true(sizeof(bad_cases) / sizeof(*bad_cases) >= 15);
	for (i = 0; i < sizeof(bad_cases) / sizeof(*bad_cases); i++)
		failed += !check_bad(&bad_cases[i]);
	if (failed)
		fail_msg("%zu of %zu cases failed", failed,
			 sizeof(bad_cases) / sizeof(*bad_cases));
}

static void test_rules_yaml_syntax_error_is_located(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	const char text[] = "format: 1\nrules: [\n";

	(void)state;
	assert_int_equal(
		mdsec_rules_load_buffer(&rs, NAME, text, strlen(text), &dl),
		MDSEC_EINPUT);
	assert_null(rs);
	assert_int_equal(dl.nerrors, 1);
	assert_string_equal(dl.items[0].loc.file, NAME);
	assert_true(dl.items[0].loc.line >= 2);
	mdsec_diag_list_release(&dl);
}

/* Every error of a file is reported in one run, not only the first. */
static void test_rules_every_error_of_a_file_is_reported(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	const char text[] =
		HEAD "  - id: R-1\n    title: t\n    target: flow\n"
		     "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
		     "    when: {comands: {}, code: maybe}\n" TAIL
		     "  - id: r-2\n    title: t\n    target: asset\n"
		     "    stride: spoofing\n    capec: [151]\n    cwe: [306]\n"
		     "    when: {kind: kyes}\n" TAIL;

	(void)state;
	assert_int_equal(
		mdsec_rules_load_buffer(&rs, NAME, text, strlen(text), &dl),
		MDSEC_EINPUT);
	assert_null(rs);
	assert_int_equal(dl.nerrors, 4);
	mdsec_diag_list_release(&dl);
}

/* ---- rule directories ---------------------------------------------- */

static void test_rules_duplicate_across_files_names_the_later(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	const char *dirs[] = { BAD "/dup-across-files" };
	char buf[1024];

	(void)state;
	assert_int_equal(mdsec_rules_load(&rs, dirs, 1, &dl), MDSEC_EINPUT);
	assert_null(rs);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, BAD "/dup-across-files/b.yaml:3:5: error: "
				     "duplicate rule id 'DUP-RULE' (first "
				     "defined at " BAD
				     "/dup-across-files/a.yaml:9:5)");
	mdsec_diag_list_release(&dl);
}

/* Directories load in the order given (the shipped rules first, then
 * --rules): the later directory holds the duplicate, even when its path
 * sorts first. */
static void test_rules_duplicate_across_dirs_names_the_later(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	const char *dirs[] = { BAD "/dup-across-dirs/z-loaded-first",
			       BAD "/dup-across-dirs/a-loaded-second" };
	char buf[1024];

	(void)state;
	assert_int_equal(mdsec_rules_load(&rs, dirs, 2, &dl), MDSEC_EINPUT);
	assert_null(rs);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(
		buf, BAD "/dup-across-dirs/a-loaded-second/rules.yaml:3:5: "
			 "error: duplicate rule id 'DUP-RULE' (first defined "
			 "at " BAD
			 "/dup-across-dirs/z-loaded-first/rules.yaml:3:5)");
	mdsec_diag_list_release(&dl);
}

static void test_rules_directory_loads_in_name_order(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = NULL;
	const char *dirs[] = { BAD "/dup-across-dirs/z-loaded-first",
			       BAD "/two-good-files" };

	(void)state;
	assert_int_equal(mdsec_rules_load(&rs, dirs, 2, &dl), 0);
	print_diags(&dl);
	assert_int_equal(dl.len, 0);
	assert_int_equal(rs->nrules, 3);
	assert_string_equal(rs->rules[0].id, "DUP-RULE");
	assert_string_equal(rs->rules[1].id, "GOOD-A");
	assert_string_equal(rs->rules[2].id, "GOOD-B");
	assert_string_equal(rs->rules[1].loc.file,
			    BAD "/two-good-files/1-a.yaml");
	assert_string_equal(rs->rules[2].loc.file,
			    BAD "/two-good-files/2-b.yaml");
	mdsec_rules_free(rs);
	mdsec_diag_list_release(&dl);
}

static void test_rules_missing_directory_is_not_found(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_ruleset *rs = (mdsec_ruleset *)1;
	const char *dirs[] = { "/nonexistent-dir/rules" };
	char buf[1024];

	(void)state;
	assert_int_equal(mdsec_rules_load(&rs, dirs, 1, &dl), MDSEC_ENOTFOUND);
	assert_null(rs);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(buf, sizeof(buf), &dl.items[0]);
	assert_string_equal(buf, "/nonexistent-dir/rules: error: cannot read "
				 "rule directory: No such file or directory "
				 "(expected a directory of *.yaml rule files)");
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_every_condition_form_compiles),
		cmocka_unit_test(test_rules_stride_names),
		cmocka_unit_test(test_rules_empty_list_loads_no_rule),
		cmocka_unit_test(
			test_rules_malformed_files_give_exact_diagnostics),
		cmocka_unit_test(test_rules_yaml_syntax_error_is_located),
		cmocka_unit_test(test_rules_every_error_of_a_file_is_reported),
		cmocka_unit_test(
			test_rules_duplicate_across_files_names_the_later),
		cmocka_unit_test(
			test_rules_duplicate_across_dirs_names_the_later),
		cmocka_unit_test(test_rules_directory_loads_in_name_order),
		cmocka_unit_test(test_rules_missing_directory_is_not_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
