/* SPDX-License-Identifier: Apache-2.0
 *
 * test_match.c - which statements apply to a finding: the names and the
 * CycloneDX <-> OpenVEX/CSAF mapping tables of docs/triage.md, vers
 * ranges, subject matching by purl (qualifiers ignored, version when the
 * statement has one), CPE vendor:product:version, name+version ignoring
 * case, bom-link refs and supplier scope; vulnerability ids and aliases;
 * the device maker's own decision winning over a supplier's with both
 * kept visible; and the entries no finding used, listed as stale.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mdsec/triage.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/triage/"

/* --- names and mappings --------------------------------------------- */

static void test_state_names_round_trip(void **state)
{
	static const char *const names[] = { "under_investigation", "affected",
					     "not_affected", "fixed" };
	enum mdsec_triage_state s;
	unsigned i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_string_equal(mdsec_triage_state_name(i), names[i]);
		assert_int_equal(mdsec_triage_state_parse(&s, names[i]), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(mdsec_triage_state_parse(&s, "exploitable"),
			 MDSEC_EINPUT);
}

/* docs/triage.md "Justifications": every value of both vocabularies. */
static const struct {
	const char *text;
	enum mdsec_triage_justification j;
	const char *cdx_written; /* what CycloneDX output says for j */
} just_table[] = {
	{ "component_not_present", MDSEC_TRIAGE_COMPONENT_NOT_PRESENT,
	  "code_not_present" },
	{ "vulnerable_code_not_present",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT, "code_not_present" },
	{ "vulnerable_code_not_in_execute_path",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH,
	  "code_not_reachable" },
	{ "vulnerable_code_cannot_be_controlled_by_adversary",
	  MDSEC_TRIAGE_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY,
	  "requires_environment" },
	{ "inline_mitigations_already_exist",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST,
	  "protected_by_mitigating_control" },
	{ "code_not_present", MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT, NULL },
	{ "code_not_reachable",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH, NULL },
	{ "requires_configuration",
	  MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH, NULL },
	{ "requires_dependency", MDSEC_TRIAGE_COMPONENT_NOT_PRESENT, NULL },
	{ "requires_environment",
	  MDSEC_TRIAGE_VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY,
	  NULL },
	{ "protected_by_compiler",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST, NULL },
	{ "protected_at_runtime", MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST,
	  NULL },
	{ "protected_at_perimeter",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST, NULL },
	{ "protected_by_mitigating_control",
	  MDSEC_TRIAGE_INLINE_MITIGATIONS_ALREADY_EXIST, NULL },
};

static void test_justification_mapping_table(void **state)
{
	enum mdsec_triage_justification j;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(just_table) / sizeof(just_table[0]); i++) {
		assert_int_equal(mdsec_triage_justification_parse(
					 &j, just_table[i].text),
				 0);
		assert_int_equal(j, just_table[i].j);
		if (!just_table[i].cdx_written)
			continue;
		assert_string_equal(mdsec_triage_justification_name(j),
				    just_table[i].text);
		assert_string_equal(mdsec_triage_justification_cdx(j),
				    just_table[i].cdx_written);
	}
	assert_null(mdsec_triage_justification_name(MDSEC_TRIAGE_JUST_NONE));
	assert_null(mdsec_triage_justification_cdx(MDSEC_TRIAGE_JUST_NONE));
	assert_int_equal(mdsec_triage_justification_parse(&j, "because"),
			 MDSEC_EINPUT);
}

static void test_response_names(void **state)
{
	static const char *const names[] = { "can_not_fix", "will_not_fix",
					     "update", "rollback",
					     "workaround_available" };
	unsigned i, bit;

	(void)state;
	for (i = 0; i < MDSEC_TRIAGE_NRESPONSES; i++) {
		assert_string_equal(mdsec_triage_response_name(1u << i),
				    names[i]);
		assert_int_equal(mdsec_triage_response_parse(&bit, names[i]),
				 0);
		assert_int_equal(bit, 1u << i);
	}
	assert_null(mdsec_triage_response_name(3));
	assert_int_equal(mdsec_triage_response_parse(&bit, "patch"),
			 MDSEC_EINPUT);
}

/* --- vers ranges ----------------------------------------------------- */

static void test_vers_ranges(void **state)
{
	static const struct {
		const char *range, *v;
		bool in;
	} cases[] = {
		{ "vers:generic/>=2.9|<=4.1", "2.9", true },
		{ "vers:generic/>=2.9|<=4.1", "3.10", true },
		{ "vers:generic/>=2.9|<=4.1", "4.1", true },
		{ "vers:generic/>=2.9|<=4.1", "4.2", false },
		{ "vers:generic/>=2.9|<=4.1", "2.8", false },
		/* usecase-5 writes its constraints out of order */
		{ "vers:semver/<7.0.0|>=1.5.0", "6.9.9", true },
		{ "vers:semver/<7.0.0|>=1.5.0", "7.0.0", false },
		{ "vers:semver/<1.5.0|>=7.0.0", "1.4.0", true },
		{ "vers:semver/<1.5.0|>=7.0.0", "7.1.0", true },
		{ "vers:semver/<1.5.0|>=7.0.0", "2.0.0", false },
		{ "vers:generic/<=1.14.0", "1.14.0", true },
		{ "vers:generic/<=1.14.0", "1.15", false },
		{ "vers:generic/>5.0.8|<5.1", "5.0.9", true },
		{ "vers:generic/>5.0.8|<5.1", "5.0.8", false },
		{ "vers:generic/1.2.3|2.0", "2.0", true },
		{ "vers:generic/1.2.3|2.0", "1.2.4", false },
		{ "vers:generic/!=1.0", "1.1", true },
		{ "vers:generic/!=1.0", "1.0", false },
		{ "vers:all/*", "0.0.1", true },
		{ "vers:deb/>=1:1.0-1", "1:1.0-2", true },
		{ "vers:generic/>=1.0|<2.0|>=3.0", "3.5", true },
		{ "vers:generic/>=1.0|<2.0|>=3.0", "2.5", false },
		{ ">=1.0", "1.0", false }, /* not vers: contains nothing */
		{ "vers:generic/", "1.0", false },
		{ "vers:generic/>=1.0", NULL, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (mdsec_triage_vers_contains(cases[i].range, cases[i].v) !=
		    cases[i].in)
			fail_msg("%s contains %s: expected %s", cases[i].range,
				 cases[i].v ? cases[i].v : "(null)",
				 cases[i].in ? "yes" : "no");
}

/* --- subjects -------------------------------------------------------- */

static struct mdsec_component comp(const char *name, const char *version,
				   const char *purl, const char *cpe)
{
	struct mdsec_component c;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.version = version;
	c.purl = purl;
	c.cpe = cpe;
	return c;
}

static void test_subject_matching_rules(void **state)
{
	struct mdsec_component zlib = comp(
		"zlib", "1.2.13", "pkg:generic/zlib@1.2.13?arch=arm", NULL);
	struct mdsec_component mbed =
		comp("mbedtls", "2.28.0", NULL,
		     "cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*");
	struct mdsec_component lwip = comp("lwIP", "2.1.3", NULL, NULL);
	struct mdsec_triage_subject s;

	(void)state;
	/* purl: qualifiers ignored; version only when the statement has one */
	memset(&s, 0, sizeof(s));
	s.purl = "pkg:generic/zlib@1.2.13";
	assert_true(mdsec_triage_subject_matches(&s, &zlib));
	s.purl = "pkg:generic/zlib";
	assert_true(mdsec_triage_subject_matches(&s, &zlib));
	s.purl = "pkg:generic/zlib@1.2.12";
	assert_false(mdsec_triage_subject_matches(&s, &zlib));
	/* purl decides when both have one, even if the names agree */
	s.name = "zlib";
	assert_false(mdsec_triage_subject_matches(&s, &zlib));
	/* a purl against a component known by name only: its name@version */
	memset(&s, 0, sizeof(s));
	s.purl = "pkg:generic/lwip@2.1.3";
	assert_true(mdsec_triage_subject_matches(&s, &lwip));
	s.purl = "pkg:generic/lwip@2.1.2";
	assert_false(mdsec_triage_subject_matches(&s, &lwip));

	/* CPE: vendor, product and version */
	memset(&s, 0, sizeof(s));
	s.cpe = "cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*";
	assert_true(mdsec_triage_subject_matches(&s, &mbed));
	s.cpe = "cpe:2.3:a:arm:mbed_tls:*:*:*:*:*:*:*:*";
	assert_true(mdsec_triage_subject_matches(&s, &mbed));
	s.range = "vers:generic/>=2.28.0|<2.28.8";
	assert_true(mdsec_triage_subject_matches(&s, &mbed));
	s.range = "vers:generic/>=3.0";
	assert_false(mdsec_triage_subject_matches(&s, &mbed));
	s.range = NULL;
	s.cpe = "cpe:2.3:a:arm:mbed_tls:3.6.0:*:*:*:*:*:*:*";
	assert_false(mdsec_triage_subject_matches(&s, &mbed));
	s.cpe = "cpe:2.3:a:mbed:mbed_tls:2.28.0:*:*:*:*:*:*:*";
	assert_false(mdsec_triage_subject_matches(&s, &mbed));

	/* name and version, ignoring case; no version: every version */
	memset(&s, 0, sizeof(s));
	s.name = "LWIP";
	assert_true(mdsec_triage_subject_matches(&s, &lwip));
	s.version = "2.1.3";
	assert_true(mdsec_triage_subject_matches(&s, &lwip));
	s.version = "2.1.4";
	assert_false(mdsec_triage_subject_matches(&s, &lwip));

	/* a bom-link names the component by its bom-ref */
	memset(&s, 0, sizeof(s));
	lwip.ref = "lwip-ref";
	s.ref = "urn:cdx:2c385cf7-e1ee-46e9-a51c-13de1ecb380a/1#lwip-ref";
	assert_true(mdsec_triage_subject_matches(&s, &lwip));
	s.ref = "urn:cdx:2c385cf7-e1ee-46e9-a51c-13de1ecb380a/1#other";
	assert_false(mdsec_triage_subject_matches(&s, &lwip));

	/* a supplier alone: every component it supplies */
	memset(&s, 0, sizeof(s));
	s.supplier = "Espressif";
	lwip.supplier = "Organization: ESPRESSIF Systems";
	assert_true(mdsec_triage_subject_matches(&s, &lwip));
	assert_false(mdsec_triage_subject_matches(&s, &mbed));
	memset(&s, 0, sizeof(s));
	assert_false(mdsec_triage_subject_matches(&s, &lwip));
}

static void test_subject_parse_from_user_text(void **state)
{
	mdsec_triage *t = mdsec_triage_new();
	struct mdsec_triage_subject s;
	char err[256];

	(void)state;
	assert_int_equal(mdsec_triage_subject_parse(&s, t,
						    "pkg:GENERIC/zlib@1.2.13",
						    err, sizeof(err)),
			 0);
	assert_string_equal(s.purl, "pkg:generic/zlib@1.2.13");
	assert_int_equal(
		mdsec_triage_subject_parse(&s, t, "cpe:/a:arm:mbed_tls:2.28.0",
					   err, sizeof(err)),
		0);
	assert_string_equal(s.cpe,
			    "cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*");
	assert_int_equal(mdsec_triage_subject_parse(&s, t, "@scope/pkg@1.0",
						    err, sizeof(err)),
			 0);
	assert_string_equal(s.name, "@scope/pkg");
	assert_string_equal(s.version, "1.0");
	assert_int_equal(
		mdsec_triage_subject_parse(&s, t, "lwip", err, sizeof(err)), 0);
	assert_string_equal(s.name, "lwip");
	assert_null(s.version);
	assert_int_equal(
		mdsec_triage_subject_parse(&s, t, "pkg:", err, sizeof(err)),
		MDSEC_EINPUT);
	assert_true(err[0] != '\0');
	assert_null(s.purl);
	mdsec_triage_free(t);
}

/* --- lookups over the device fixture --------------------------------- */

static mdsec_sbom *device_sbom(void)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;

	assert_int_equal(mdsec_sbom_read(&s, DATA "device/sbom.cdx.json", &dl),
			 0);
	mdsec_diag_list_release(&dl);
	return s;
}

static const struct mdsec_component *by_ref(const mdsec_sbom *s,
					    const char *ref)
{
	size_t i = mdsec_sbom_find_ref(s, ref);

	assert_true(i != MDSEC_SBOM_NONE);
	return &s->components.v[i];
}

static void load(mdsec_triage *t, const char *file,
		 enum mdsec_triage_origin origin)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	assert_int_equal(mdsec_triage_load(NULL, t, file, origin, &dl), 0);
	assert_int_equal(dl.len, 0);
	mdsec_diag_list_release(&dl);
}

static void test_own_decision_wins_and_supplier_stays_visible(void **state)
{
	mdsec_sbom *s = device_sbom();
	mdsec_triage *t = mdsec_triage_new();
	struct mdsec_triage_match m;

	(void)state;
	load(t, DATA "esp-idf/esp-idf-v5.5-components.yml",
	     MDSEC_TRIAGE_SUPPLIER);
	load(t, DATA "device/triage.yaml", MDSEC_TRIAGE_OWN);
	load(t, DATA "openvex/supplier.openvex.json", MDSEC_TRIAGE_SUPPLIER);

	/* FreeRTOS CVE-2024-28115: ESP-IDF excludes it (not_affected), the
	 * device maker is still investigating: own wins, both listed */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "freertos"),
					     "CVE-2024-28115", NULL, 0),
			 0);
	assert_int_equal(m.n, 2);
	assert_non_null(m.own);
	assert_int_equal(m.own->state, MDSEC_TRIAGE_UNDER_INVESTIGATION);
	assert_int_equal(m.own->origin, MDSEC_TRIAGE_OWN);
	assert_non_null(m.supplier);
	assert_int_equal(m.supplier->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_int_equal(m.supplier->format, MDSEC_TRIAGE_FMT_ESPIDF);
	assert_ptr_equal(m.decision, m.own);
	assert_ptr_equal(m.all[0], m.own);
	assert_ptr_equal(m.all[1], m.supplier);
	mdsec_triage_match_release(&m);

	/* Mbed TLS CVE-2024-23775: own affected, supplier OpenVEX
	 * affected too */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "mbedtls"),
					     "CVE-2024-23775", NULL, 0),
			 0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.decision->action,
			    "Update Mbed TLS to 2.28.7 in firmware 3.3.0.");
	assert_string_equal(m.supplier->action,
			    "Update to Mbed TLS 2.28.7 or later.");
	mdsec_triage_match_release(&m);

	/* cJSON CVE-2024-31755: only ESP-IDF says something: in force */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "cjson"),
					     "CVE-2024-31755", NULL, 0),
			 0);
	assert_null(m.own);
	assert_non_null(m.supplier);
	assert_ptr_equal(m.decision, m.supplier);
	assert_string_equal(m.decision->detail, "Resolved in v1.7.18");
	mdsec_triage_match_release(&m);

	/* by alias: the finding's id is the alias of the statement */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "cjson"),
					     "CVE-2099-0001", NULL, 0),
			 0);
	assert_non_null(m.own);
	assert_string_equal(m.own->vuln, "GHSA-r9xq-xq2v-4r6p");
	mdsec_triage_match_release(&m);
	{
		const char *aliases[] = { "GHSA-jfh8-c2jp-5v3q" };

		/* and the finding's alias is the statement's alias */
		assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "device"),
						     "OSV-2021-0001", aliases,
						     1),
				 0);
		assert_non_null(m.own);
		assert_string_equal(m.own->vuln, "CVE-2021-44228");
		mdsec_triage_match_release(&m);
	}

	/* unassessed: nothing applies */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "zlib"),
					     "CVE-2023-99999", NULL, 0),
			 0);
	assert_int_equal(m.n, 0);
	assert_null(m.decision);
	mdsec_triage_match_release(&m);
	mdsec_triage_free(t);
	mdsec_sbom_free(s);
}

static void test_most_specific_then_newest_own_decision(void **state)
{
	mdsec_sbom *s = device_sbom();
	mdsec_triage *t = mdsec_triage_new();
	struct mdsec_triage_entry e;
	struct mdsec_triage_match m;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.vuln = "CVE-2024-0001";
	e.origin = MDSEC_TRIAGE_OWN;
	e.state = MDSEC_TRIAGE_AFFECTED;
	e.subject.name = "zlib"; /* any version */
	e.date = "2026-03-01";
	assert_int_equal(mdsec_triage_add(t, &e), 0);
	e.subject.name = NULL;
	e.subject.purl = "pkg:generic/zlib@1.2.13"; /* this release */
	e.state = MDSEC_TRIAGE_NOT_AFFECTED;
	e.detail = "not used";
	e.date = "2026-01-01";
	assert_int_equal(mdsec_triage_add(t, &e), 0);
	e.subject.purl = "pkg:generic/zlib@1.2.13";
	e.state = MDSEC_TRIAGE_FIXED;
	e.date = "2026-02-01"; /* same subject, newer */
	assert_int_equal(mdsec_triage_add(t, &e), 0);
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "zlib"),
					     "cve-2024-0001", NULL, 0),
			 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.own->state, MDSEC_TRIAGE_FIXED);
	assert_null(m.supplier);
	mdsec_triage_match_release(&m);
	/* a subject naming nothing, or no vuln, is refused */
	memset(&e.subject, 0, sizeof(e.subject));
	assert_int_equal(mdsec_triage_add(t, &e), MDSEC_EUSAGE);
	assert_int_equal(t->entries.n, 3);
	mdsec_triage_free(t);
	mdsec_sbom_free(s);
}

static void
test_espidf_unscoped_exclusions_only_reach_its_components(void **state)
{
	mdsec_sbom *s = device_sbom();
	mdsec_triage *t = mdsec_triage_new();
	struct mdsec_triage_match m;

	(void)state;
	load(t, DATA "esp-idf/esp-idf-excluded_cves.yaml",
	     MDSEC_TRIAGE_SUPPLIER);
	/* FreeRTOS-Plus-TCP, excluded: freertos here is supplied by
	 * Espressif */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "freertos"),
					     "CVE-2026-7422", NULL, 0),
			 0);
	assert_non_null(m.decision);
	assert_int_equal(m.decision->state, MDSEC_TRIAGE_NOT_AFFECTED);
	mdsec_triage_match_release(&m);
	/* "not a vulnerability in mbedTLS", but this Mbed TLS comes from
	 * Arm, not from Espressif: the exclusion does not reach it */
	assert_int_equal(mdsec_triage_lookup(&m, t, by_ref(s, "mbedtls"),
					     "CVE-2026-1677", NULL, 0),
			 0);
	assert_null(m.decision);
	mdsec_triage_match_release(&m);
	mdsec_triage_free(t);
	mdsec_sbom_free(s);
}

static void test_unused_entries_are_stale(void **state)
{
	static const struct {
		const char *ref, *vuln;
	} findings[] = {
		{ "mbedtls", "CVE-2024-23170" },
		{ "mbedtls", "CVE-2024-23775" },
		{ "zlib", "CVE-2022-37434" },
		{ "freertos", "CVE-2024-28115" },
		{ "lwip", "CVE-2020-22283" },
		{ "device", "CVE-2021-44228" },
		{ "cjson", "CVE-2099-0001" },
	};
	mdsec_sbom *s = device_sbom();
	mdsec_triage *t = mdsec_triage_new();
	struct mdsec_triage_match m;
	size_t i, nstale = 0;

	(void)state;
	load(t, DATA "device/triage.yaml", MDSEC_TRIAGE_OWN);
	for (i = 0; i < sizeof(findings) / sizeof(findings[0]); i++) {
		assert_int_equal(mdsec_triage_lookup(&m, t,
						     by_ref(s, findings[i].ref),
						     findings[i].vuln, NULL, 0),
				 0);
		if (!m.own)
			fail_msg("no decision for %s %s", findings[i].ref,
				 findings[i].vuln);
		mdsec_triage_match_release(&m);
	}
	for (i = 0; i < t->entries.n; i++)
		if (!t->entries.v[i].used) {
			nstale++;
			assert_string_equal(t->entries.v[i].vuln,
					    "CVE-2018-25032");
			assert_int_equal(t->entries.v[i].loc.line, 66);
		}
	assert_int_equal(nstale, 1);
	mdsec_triage_clear_used(t);
	for (i = 0; i < t->entries.n; i++)
		assert_false(t->entries.v[i].used);
	mdsec_triage_free(t);
	mdsec_sbom_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_names_round_trip),
		cmocka_unit_test(test_justification_mapping_table),
		cmocka_unit_test(test_response_names),
		cmocka_unit_test(test_vers_ranges),
		cmocka_unit_test(test_subject_matching_rules),
		cmocka_unit_test(test_subject_parse_from_user_text),
		cmocka_unit_test(
			test_own_decision_wins_and_supplier_stays_visible),
		cmocka_unit_test(test_most_specific_then_newest_own_decision),
		cmocka_unit_test(
			test_espidf_unscoped_exclusions_only_reach_its_components),
		cmocka_unit_test(test_unused_entries_are_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
