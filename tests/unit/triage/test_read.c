/* SPDX-License-Identifier: Apache-2.0
 *
 * test_read.c - reading triage and VEX files: the real supplier documents
 * of tests/data/triage/ (CycloneDX VEX from CycloneDX/bom-examples, CSAF
 * 2.0 from oasis-tcs/csaf, ESP-IDF's exclusion lists) give the statements
 * they state, with their component, state, justification, responses,
 * texts, author, date, document id and file:line:col; the OpenVEX and
 * triage YAML fixtures likewise; every malformed file of
 * tests/data/triage/bad/ gives exactly the diagnostics of its .err
 * sibling and adds nothing to the list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/triage.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/triage/"

/* Every diagnostic, one "file:line:col: sev: msg" per line. */
static char *diags_text(struct mdsec_diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	mdsec_diag_list_sort(dl);
	for (i = 0; i < dl->len; i++) {
		char line[2048];
		int n = mdsec_diag_format(line, sizeof(line), &dl->items[i]);

		assert_true(n > 0 && (size_t)n < sizeof(line));
		strbuf_addstr(&sb, line);
		strbuf_addch(&sb, '\n');
	}
	return strbuf_detach(&sb, NULL);
}

/* Load DATA/file as origin into t; no diagnostic allowed. */
static void load_ok(mdsec_triage *t, const char *file,
		    enum mdsec_triage_origin origin,
		    enum mdsec_triage_format want)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	enum mdsec_triage_format fmt;
	char path[1024], *text;
	int rc;

	snprintf(path, sizeof(path), DATA "%s", file);
	rc = mdsec_triage_load(&fmt, t, path, origin, &dl);
	text = diags_text(&dl);
	if (*text)
		print_message("%s", text);
	assert_string_equal(text, "");
	assert_int_equal(rc, 0);
	assert_int_equal(fmt, want);
	free(text);
	mdsec_diag_list_release(&dl);
}

static mdsec_triage *load1(const char *file, enum mdsec_triage_format want)
{
	mdsec_triage *t = mdsec_triage_new();

	assert_non_null(t);
	load_ok(t, file, MDSEC_TRIAGE_SUPPLIER, want);
	return t;
}

/* The entry about vuln whose subject has this ref (or name, or purl). */
static const struct mdsec_triage_entry *find(const mdsec_triage *t,
					     const char *vuln, const char *who)
{
	size_t i;

	for (i = 0; i < t->entries.n; i++) {
		const struct mdsec_triage_entry *e = &t->entries.v[i];
		const struct mdsec_triage_subject *s = &e->subject;

		if (strcmp(e->vuln, vuln))
			continue;
		if ((s->ref && !strcmp(s->ref, who)) ||
		    (s->name && !strcmp(s->name, who)) ||
		    (s->purl && !strcmp(s->purl, who)) ||
		    (s->cpe && !strcmp(s->cpe, who)) ||
		    (s->supplier && !strcmp(s->supplier, who)))
			return e;
	}
	fail_msg("no statement about %s for %s", vuln, who);
	return NULL;
}

static void assert_loc(const struct mdsec_triage_entry *e, unsigned line,
		       unsigned col)
{
	assert_non_null(e->loc.file);
	assert_int_equal(e->loc.line, line);
	assert_int_equal(e->loc.col, col);
}

/* --- CycloneDX ------------------------------------------------------- */

static void
test_cyclonedx_cisa_not_affected_names_metadata_component(void **state)
{
	mdsec_triage *t = load1("cyclonedx/cisa-case-1-vex-not_affected.json",
				MDSEC_TRIAGE_FMT_CYCLONEDX);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 1);
	e = &t->entries.v[0];
	assert_string_equal(e->vuln, "CVE-2021-44228");
	/* affects ref "product-ABC" is metadata.component: ABC 4.2 */
	assert_string_equal(e->subject.ref, "product-ABC");
	assert_string_equal(e->subject.name, "ABC");
	assert_string_equal(e->subject.version, "4.2");
	assert_null(e->subject.purl);
	assert_int_equal(e->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_string_equal(e->state_text, "not_affected");
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT);
	assert_string_equal(e->justification_text, "code_not_present");
	assert_int_equal(e->responses, MDSEC_TRIAGE_WILL_NOT_FIX);
	assert_string_equal(e->detail,
			    "This version of Product ABC is not affected by "
			    "the vulnerability. Class with vulnerable code "
			    "was removed before shipping.");
	assert_string_equal(e->date, "2022-03-03T00:00:00Z");
	assert_int_equal(e->origin, MDSEC_TRIAGE_SUPPLIER);
	assert_int_equal(e->format, MDSEC_TRIAGE_FMT_CYCLONEDX);
	assert_loc(e, 28, 9);
	mdsec_triage_free(t);
}

static void test_cyclonedx_bom_link_to_a_purl_gives_the_purl(void **state)
{
	mdsec_triage *t =
		load1("cyclonedx/vex.json", MDSEC_TRIAGE_FMT_CYCLONEDX);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 1);
	e = &t->entries.v[0];
	assert_string_equal(e->vuln, "CVE-2020-25649");
	assert_string_equal(e->subject.purl,
			    "pkg:maven/com.fasterxml.jackson.core/"
			    "jackson-databind@2.10.0?type=jar");
	assert_string_equal(e->subject.ref,
			    "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#"
			    "pkg:maven/com.fasterxml.jackson.core/"
			    "jackson-databind@2.10.0?type=jar");
	assert_int_equal(e->naliases, 1);
	assert_string_equal(e->aliases[0],
			    "SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302");
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
	assert_int_equal(e->responses,
			 MDSEC_TRIAGE_WILL_NOT_FIX | MDSEC_TRIAGE_UPDATE);
	assert_string_equal(e->action,
			    "Upgrade com.fasterxml.jackson.core:jackson-"
			    "databind to version 2.6.7.4, 2.9.10.7, 2.10.5.1 "
			    "or higher.");
	assert_string_equal(e->date, "2021-10-26T00:00:00.000Z");
	assert_loc(e, 90, 9);
	mdsec_triage_free(t);
}

static void test_cyclonedx_versions_become_one_statement_each(void **state)
{
	mdsec_triage *t = load1("cyclonedx/cisa-case-7-vex.json",
				MDSEC_TRIAGE_FMT_CYCLONEDX);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 10);
	e = &t->entries.v[0];
	assert_string_equal(e->subject.ref,
			    "urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#"
			    "product-ABC");
	assert_string_equal(e->subject.version, "2.4");
	assert_int_equal(e->state, MDSEC_TRIAGE_AFFECTED);
	assert_string_equal(e->state_text, "exploitable");
	assert_loc(e, 33, 13);
	e = &t->entries.v[2];
	assert_null(e->subject.version);
	assert_string_equal(e->subject.range, "vers:generic/>=2.9|<=4.1");
	e = &t->entries.v[5];
	assert_string_equal(e->subject.version, "2.5");
	assert_int_equal(e->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT);
	/* the resolved one: JKL 5.1, no status given */
	e = &t->entries.v[9];
	assert_string_equal(e->subject.version, "5.1");
	assert_int_equal(e->state, MDSEC_TRIAGE_FIXED);
	assert_string_equal(e->state_text, "resolved");
	mdsec_triage_free(t);
}

static void test_cyclonedx_semver_ranges_are_kept(void **state)
{
	mdsec_triage *t = load1("cyclonedx/usecase-5-vex.json",
				MDSEC_TRIAGE_FMT_CYCLONEDX);

	(void)state;
	assert_int_equal(t->entries.n, 2);
	assert_string_equal(t->entries.v[0].subject.range,
			    "vers:semver/<7.0.0|>=1.5.0");
	assert_int_equal(t->entries.v[0].state, MDSEC_TRIAGE_AFFECTED);
	assert_string_equal(t->entries.v[1].subject.range,
			    "vers:semver/<1.5.0|>=7.0.0");
	assert_int_equal(t->entries.v[1].state, MDSEC_TRIAGE_NOT_AFFECTED);
	mdsec_triage_free(t);
}

/* Every CycloneDX file: how many statements it holds (the BOMs none). */
static const struct {
	const char *file;
	size_t n;
} cdx_counts[] = {
	{ "bom.json", 0 },
	{ "cisa-case-1-vex-affected.json", 1 },
	{ "cisa-case-1-vex-fixed.json", 1 },
	{ "cisa-case-1-vex-not_affected.json", 1 },
	{ "cisa-case-1-vex-under_investigation.json", 1 },
	{ "cisa-case-2-vex.json", 19 },
	{ "cisa-case-3-vex.json", 19 },
	{ "cisa-case-4-vex.json", 3 },
	{ "cisa-case-5-vex.json", 1 },
	{ "cisa-case-6-vex.json", 7 },
	{ "cisa-case-7-bom-1.json", 0 },
	{ "cisa-case-7-bom-2.json", 0 },
	{ "cisa-case-7-vex.json", 10 },
	{ "cisa-case-8-bom-1.json", 0 },
	{ "cisa-case-8-bom-2.json", 0 },
	{ "cisa-case-8-vex.json", 24 },
	{ "usecase-1-vex.json", 1 },
	{ "usecase-13-bom-1.json", 0 },
	{ "usecase-13-bom-2.json", 0 },
	{ "usecase-13-bom-3.json", 0 },
	{ "usecase-13-vex.json", 3 },
	{ "usecase-5-vex.json", 2 },
	{ "usecase-9-bom-1.json", 0 },
	{ "usecase-9-bom-2.json", 0 },
	{ "usecase-9-bom-3.json", 0 },
	{ "usecase-9-vex.json", 57 },
	{ "vex.json", 1 },
};

static const struct {
	const char *file;
	size_t n;
} csaf_counts[] = {
	{ "2022-evd-uc-01-a-001.json", 1 },
	{ "2022-evd-uc-01-f-001.json", 1 },
	{ "2022-evd-uc-01-na-001.json", 1 },
	{ "2022-evd-uc-01-ui-001.json", 1 },
	{ "2022-evd-uc-02-na-001.json", 19 },
	{ "2022-evd-uc-03-ms-001.json", 19 },
	{ "2022-evd-uc-04-001.json", 3 },
	{ "2022-evd-uc-05-001.json", 1 },
	{ "2022-evd-uc-06-001.json", 7 },
	{ "2022-evd-uc-07-001.json", 10 },
	{ "2022-evd-uc-08-001.json", 21 },
	{ "2022-evd-uc-09-001.json", 4 },
	{ "bsi-2022-0001.json", 7 },
	{ "cisco-sa-20180328-smi2.json", 259 },
	{ "rhsa-2019_1862.json", 0 },
	{ "rhsa-2021_5186.json", 6 },
	{ "rhsa-2021_5217.json", 1 },
	{ "rhsa-2022_0011.json", 15 },
	{ "sec-vex-2022-0001.json", 3 },
};

static void test_every_real_file_reads_with_its_statement_count(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cdx_counts) / sizeof(cdx_counts[0]); i++) {
		char f[256];
		mdsec_triage *t;

		snprintf(f, sizeof(f), "cyclonedx/%s", cdx_counts[i].file);
		t = load1(f, MDSEC_TRIAGE_FMT_CYCLONEDX);
		if (t->entries.n != cdx_counts[i].n)
			fail_msg("%s: %zu statements (expected %zu)", f,
				 t->entries.n, cdx_counts[i].n);
		mdsec_triage_free(t);
	}
	for (i = 0; i < sizeof(csaf_counts) / sizeof(csaf_counts[0]); i++) {
		char f[256];
		mdsec_triage *t;

		snprintf(f, sizeof(f), "csaf/%s", csaf_counts[i].file);
		t = load1(f, MDSEC_TRIAGE_FMT_CSAF);
		if (t->entries.n != csaf_counts[i].n)
			fail_msg("%s: %zu statements (expected %zu)", f,
				 t->entries.n, csaf_counts[i].n);
		mdsec_triage_free(t);
	}
}

/* --- CSAF ------------------------------------------------------------ */

static void test_csaf_vex_not_affected_with_impact_statement(void **state)
{
	mdsec_triage *t =
		load1("csaf/2022-evd-uc-01-na-001.json", MDSEC_TRIAGE_FMT_CSAF);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 1);
	e = &t->entries.v[0];
	assert_string_equal(e->vuln, "CVE-2021-44228");
	/* vendor / product_name ABC / product_version 4.2 */
	assert_string_equal(e->subject.name, "ABC");
	assert_string_equal(e->subject.version, "4.2");
	assert_string_equal(e->subject.ref, "CSAFPID-0001");
	assert_int_equal(e->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_string_equal(e->state_text, "known_not_affected");
	assert_int_equal(e->justification, MDSEC_TRIAGE_JUST_NONE);
	assert_string_equal(e->detail,
			    "Class with vulnerable code was removed before "
			    "shipping.");
	assert_string_equal(e->author, "Example Company ProductCERT");
	assert_string_equal(e->doc_id, "2022-EVD-UC-01-NA-001");
	assert_string_equal(e->date, "2022-03-03T11:00:00.000Z");
	assert_loc(e, 76, 11);
	mdsec_triage_free(t);
}

static void test_csaf_flag_gives_the_justification(void **state)
{
	mdsec_triage *t =
		load1("csaf/sec-vex-2022-0001.json", MDSEC_TRIAGE_FMT_CSAF);
	const struct mdsec_triage_entry *e;

	(void)state;
	e = find(t, "CVE-2021-45046", "Secvisogram");
	assert_int_equal(e->justification, MDSEC_TRIAGE_COMPONENT_NOT_PRESENT);
	assert_string_equal(e->justification_text, "component_not_present");
	/* product_version_range "<=1.14.0" read as a vers range */
	assert_string_equal(e->subject.range, "vers:generic/<=1.14.0");
	assert_string_equal(e->date, "2022-05-27T10:00:00.000Z");
	assert_string_equal(e->detail,
			    "Secvisogram is written in JavaScript. No Java "
			    "is included.");
	mdsec_triage_free(t);
}

static void test_csaf_remediations_give_responses_and_action(void **state)
{
	mdsec_triage *t =
		load1("csaf/2022-evd-uc-03-ms-001.json", MDSEC_TRIAGE_FMT_CSAF);
	const struct mdsec_triage_entry *e;

	(void)state;
	e = find(t, "CVE-2020-11898", "GHI");
	assert_int_equal(e->state, MDSEC_TRIAGE_AFFECTED);
	assert_string_equal(e->state_text, "known_affected");
	assert_int_equal(e->responses, MDSEC_TRIAGE_CAN_NOT_FIX);
	assert_non_null(e->action);
	e = find(t, "CVE-2020-11901", "GHI");
	assert_int_equal(e->state, MDSEC_TRIAGE_FIXED);
	e = find(t, "CVE-2020-11896", "GHI");
	assert_int_equal(e->state, MDSEC_TRIAGE_UNDER_INVESTIGATION);
	mdsec_triage_free(t);
}

static void test_csaf_advisory_helpers_relationships_and_ids(void **state)
{
	mdsec_triage *t;
	const struct mdsec_triage_entry *e;

	(void)state;
	t = load1("csaf/bsi-2022-0001.json", MDSEC_TRIAGE_FMT_CSAF);
	e = find(t, "CVE-2022-27193", "CSAFPID-0006");
	assert_int_equal(e->state, MDSEC_TRIAGE_FIXED);
	assert_string_equal(e->state_text, "first_fixed");
	assert_string_equal(e->subject.cpe,
			    "cpe:2.3:a:csaf-tools:cvrf-csaf-converter:"
			    "1.0.0-rc2:*:*:*:*:*:*:*");
	assert_string_equal(e->subject.name, "CVRF-CSAF-Converter");
	assert_string_equal(e->subject.version, "1.0.0-rc2");
	assert_int_equal(e->naliases, 1);
	assert_string_equal(e->aliases[0], "csaf-tools/CVRF-CSAF-Converter#78");
	e = find(t, "CVE-2022-27193", "CSAFPID-0001");
	assert_int_equal(e->state, MDSEC_TRIAGE_AFFECTED);
	assert_int_equal(e->responses, MDSEC_TRIAGE_UPDATE);
	mdsec_triage_free(t);

	/* a relationship's product is the component it names */
	t = load1("csaf/rhsa-2021_5186.json", MDSEC_TRIAGE_FMT_CSAF);
	e = find(t, "CVE-2021-4104",
		 "8Base-RHOSE-4.6:openshift4/ose-metering-hive:v4.6.0-"
		 "202112160147.p0.gf139e12.assembly.stream");
	assert_string_equal(e->subject.name,
			    "openshift4/ose-metering-hive:v4.6.0-"
			    "202112160147.p0.gf139e12.assembly.stream");
	assert_int_equal(e->state, MDSEC_TRIAGE_FIXED);
	assert_string_equal(e->author, "Red Hat Product Security");
	mdsec_triage_free(t);

	/* Cisco: 259 affected products, a workaround for each */
	t = load1("csaf/cisco-sa-20180328-smi2.json", MDSEC_TRIAGE_FMT_CSAF);
	e = &t->entries.v[0];
	assert_string_equal(e->vuln, "CVE-2018-0171");
	assert_string_equal(e->subject.name, "IOS");
	assert_string_equal(e->subject.version, "12.2EY");
	assert_true(e->responses & MDSEC_TRIAGE_WORKAROUND_AVAILABLE);
	assert_loc(e, 2507, 11);
	mdsec_triage_free(t);
}

/* --- ESP-IDF --------------------------------------------------------- */

static void test_espidf_exclusions_are_supplier_not_affected(void **state)
{
	mdsec_triage *t = load1("esp-idf/esp-idf-excluded_cves.yaml",
				MDSEC_TRIAGE_FMT_ESPIDF);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 78);
	e = find(t, "CVE-2024-2466", "Espressif");
	assert_int_equal(e->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_string_equal(e->state_text, "excluded");
	assert_string_equal(e->detail, "Related to libcurl");
	assert_string_equal(e->author, "Espressif Systems");
	assert_null(e->subject.cpe);
	assert_loc(e, 47, 1);
	/* the scoped form: the CPE it was evaluated for */
	e = find(t, "CVE-2025-27840",
		 "cpe:2.3:o:espressif:esp32_firmware:-:*:*:*:*:*:*:*");
	assert_null(e->subject.supplier);
	assert_true(!strncmp(e->detail,
			     "A security issue was reported concerning "
			     "undocumented HCI commands",
			     60));
	assert_loc(e, 120, 7);
	mdsec_triage_free(t);
}

static void test_espidf_manifest_exclusions_name_the_component(void **state)
{
	mdsec_triage *t = load1("esp-idf/esp-idf-v5.5-components.yml",
				MDSEC_TRIAGE_FMT_ESPIDF);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 6);
	e = find(t, "CVE-2024-28115", "freertos");
	assert_string_equal(e->subject.version, "10.5.1");
	assert_string_equal(e->subject.cpe,
			    "cpe:2.3:o:amazon:freertos:10.5.1:*:*:*:*:*:*:*");
	assert_string_equal(e->detail,
			    "Affects only ARMv7-M MPU ports, and ARMv8-M "
			    "ports with Memory Protected Unit (MPU) support "
			    "enabled");
	assert_loc(e, 7, 7);
	e = find(t, "CVE-2023-26819", "cJSON");
	assert_string_equal(e->subject.version, "1.7.18");
	mdsec_triage_free(t);
}

/* --- OpenVEX and the triage file ------------------------------------ */

static void test_openvex_statements_products_and_subcomponents(void **state)
{
	mdsec_triage *t = load1("openvex/supplier.openvex.json",
				MDSEC_TRIAGE_FMT_OPENVEX);
	const struct mdsec_triage_entry *e;

	(void)state;
	assert_int_equal(t->entries.n, 5);
	/* a product with subcomponents: the statement is about them */
	e = &t->entries.v[0];
	assert_string_equal(e->vuln, "CVE-2023-45853");
	assert_string_equal(e->subject.purl, "pkg:generic/zlib@1.2.13");
	assert_int_equal(e->naliases, 1);
	assert_string_equal(e->aliases[0], "GHSA-mq29-j5xf-cjwr");
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT);
	assert_string_equal(e->detail,
			    "The firmware's zlib build omits minizip, where "
			    "the overflow is.");
	assert_string_equal(e->author, "Example Sensor Co. PSIRT");
	assert_string_equal(e->doc_id,
			    "https://vex.example.com/public/vex-2026-0007");
	assert_string_equal(e->date, "2026-02-01T08:00:00Z");
	assert_loc(e, 19, 13);
	e = &t->entries.v[1];
	assert_string_equal(e->subject.purl, "pkg:generic/mbedtls@2.28.0");
	assert_string_equal(e->subject.cpe,
			    "cpe:2.3:a:arm:mbed_tls:2.28.0:*:*:*:*:*:*:*");
	assert_string_equal(e->action, "Update to Mbed TLS 2.28.7 or later.");
	assert_string_equal(e->date, "2026-02-02T10:00:00Z");
	/* two products: two statements */
	assert_string_equal(t->entries.v[3].subject.purl,
			    "pkg:generic/zlib@1.2.12");
	assert_string_equal(t->entries.v[3].detail,
			    "Fixed by the backport in sensor firmware 4.2.0.");
	assert_string_equal(t->entries.v[4].date, "2026-02-03T12:00:00Z");
	assert_int_equal(t->entries.v[4].state,
			 MDSEC_TRIAGE_UNDER_INVESTIGATION);
	mdsec_triage_free(t);
}

static void test_triage_yaml_reads_every_field(void **state)
{
	mdsec_triage *t = mdsec_triage_new();
	const struct mdsec_triage_entry *e;

	(void)state;
	load_ok(t, "device/triage.yaml", MDSEC_TRIAGE_OWN,
		MDSEC_TRIAGE_FMT_YAML);
	assert_int_equal(t->entries.n, 8);
	e = &t->entries.v[0];
	assert_string_equal(e->subject.purl, "pkg:generic/mbedtls@2.28.0");
	assert_string_equal(e->vuln, "CVE-2024-23170");
	assert_int_equal(e->state, MDSEC_TRIAGE_NOT_AFFECTED);
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
	assert_string_equal(e->author, "Jane Roe <jane.roe@example.com>");
	assert_string_equal(e->date, "2026-01-15");
	assert_int_equal(e->origin, MDSEC_TRIAGE_OWN);
	assert_null(e->doc_id);
	assert_loc(e, 6, 5);
	e = &t->entries.v[2];
	assert_string_equal(e->subject.name, "zlib");
	assert_string_equal(e->subject.purl, "pkg:generic/zlib@1.2.13");
	/* a CycloneDX justification is read, and kept as written */
	assert_int_equal(e->justification,
			 MDSEC_TRIAGE_VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
	assert_string_equal(e->justification_text, "requires_configuration");
	e = &t->entries.v[4];
	assert_string_equal(e->subject.name, "lwip");
	assert_string_equal(e->subject.version, "2.1.3");
	assert_int_equal(e->responses, MDSEC_TRIAGE_UPDATE);
	e = &t->entries.v[6];
	assert_string_equal(e->vuln, "GHSA-r9xq-xq2v-4r6p");
	assert_int_equal(e->naliases, 1);
	assert_string_equal(e->aliases[0], "CVE-2099-0001");
	assert_int_equal(e->responses,
			 MDSEC_TRIAGE_WILL_NOT_FIX |
				 MDSEC_TRIAGE_WORKAROUND_AVAILABLE);
	mdsec_triage_free(t);
}

/* --- malformed input ------------------------------------------------ */

static char *read_text(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_read_capped(&sb, path, 1 << 24), 0);
	return strbuf_detach(&sb, NULL);
}

static void test_malformed_files_give_their_exact_diagnostics(void **state)
{
	static const char *const sfx[] = { ".json", ".yaml", NULL };
	mdsec_triage *t = mdsec_triage_new();
	char **names = NULL;
	size_t i, before, cases = 0;

	(void)state;
	load_ok(t, "device/triage.yaml", MDSEC_TRIAGE_OWN,
		MDSEC_TRIAGE_FMT_YAML);
	before = t->entries.n;
	assert_int_equal(dir_list(&names, DATA "bad", sfx), 0);
	for (i = 0; names[i]; i++) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		char path[1024], *buf, *want, *got;
		size_t len;
		int rc;

		snprintf(path, sizeof(path), DATA "bad/%s", names[i]);
		buf = read_text(path);
		len = strlen(buf);
		snprintf(path, sizeof(path), DATA "bad/%.*s.err",
			 (int)(strrchr(names[i], '.') - names[i]), names[i]);
		want = read_text(path);
		rc = mdsec_triage_load_buffer(NULL, t, names[i], buf, len,
					      MDSEC_TRIAGE_SUPPLIER, &dl);
		got = diags_text(&dl);
		if (strcmp(got, want))
			fail_msg("%s:\n got: %s want: %s", names[i], got, want);
		assert_int_equal(rc, MDSEC_EINPUT);
		/* nothing added, nothing changed */
		assert_int_equal(t->entries.n, before);
		assert_string_equal(t->entries.v[0].vuln, "CVE-2024-23170");
		free(buf);
		free(want);
		free(got);
		mdsec_diag_list_release(&dl);
		cases++;
	}
	assert_true(cases >= 30);
	dir_list_free(names);
	mdsec_triage_free(t);
}

static void test_missing_file_is_a_located_error(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_triage *t = mdsec_triage_new();
	char *got;

	(void)state;
	assert_int_equal(mdsec_triage_load(NULL, t, "no/such.vex.json",
					   MDSEC_TRIAGE_OWN, &dl),
			 MDSEC_ENOTFOUND);
	got = diags_text(&dl);
	assert_string_equal(got,
			    "no/such.vex.json: error: cannot read: no such "
			    "file (expected a readable triage or VEX file)\n");
	free(got);
	mdsec_diag_list_release(&dl);
	mdsec_triage_free(t);
}

static void test_format_is_detected_from_content(void **state)
{
	static const struct {
		const char *text;
		enum mdsec_triage_format f;
	} cases[] = {
		{ "{\"@context\": \"https://openvex.dev/ns/v0.2.0\"}",
		  MDSEC_TRIAGE_FMT_OPENVEX },
		{ "{\"bomFormat\": \"CycloneDX\"}",
		  MDSEC_TRIAGE_FMT_CYCLONEDX },
		{ "{\"document\": {\"csaf_version\": \"2.0\"}}",
		  MDSEC_TRIAGE_FMT_CSAF },
		{ "format: mdsec.triage/1\nentries: []\n",
		  MDSEC_TRIAGE_FMT_YAML },
		{ "CVE-2024-0001: unrelated\n", MDSEC_TRIAGE_FMT_ESPIDF },
		{ "manifests:\n- dest: x\n", MDSEC_TRIAGE_FMT_ESPIDF },
		{ "{\"spdxVersion\": \"SPDX-2.3\"}", MDSEC_TRIAGE_FMT_UNKNOWN },
		{ "just: yaml\n", MDSEC_TRIAGE_FMT_UNKNOWN },
		{ "{ broken", MDSEC_TRIAGE_FMT_UNKNOWN },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(mdsec_triage_detect(cases[i].text,
						     strlen(cases[i].text)),
				 cases[i].f);
}

/* Every allocation of a load failing in turn: an error, never a crash,
 * a leak (under ASan) or a partial list. */
static void test_allocation_failures_are_handled(void **state)
{
	static const char *const files[] = {
		"device/triage.yaml",
		"openvex/supplier.openvex.json",
		"cyclonedx/cisa-case-7-vex.json",
		"csaf/2022-evd-uc-08-001.json",
		"esp-idf/esp-idf-v5.5-components.yml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		unsigned long n;
		char path[1024];

		snprintf(path, sizeof(path), DATA "%s", files[i]);
		for (n = 1; n < 100000; n++) {
			struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
			mdsec_triage *t = mdsec_triage_new();
			int rc;

			assert_non_null(t);
			xalloc_fail_after(n);
			rc = mdsec_triage_load(NULL, t, path, MDSEC_TRIAGE_OWN,
					       &dl);
			xalloc_fail_after(0);
			mdsec_diag_list_release(&dl);
			if (rc == 0) {
				mdsec_triage_free(t);
				break;
			}
			assert_true(rc < 0);
			assert_int_equal(t->entries.n, 0);
			mdsec_triage_free(t);
		}
		assert_true(n > 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_cyclonedx_cisa_not_affected_names_metadata_component),
		cmocka_unit_test(
			test_cyclonedx_bom_link_to_a_purl_gives_the_purl),
		cmocka_unit_test(
			test_cyclonedx_versions_become_one_statement_each),
		cmocka_unit_test(test_cyclonedx_semver_ranges_are_kept),
		cmocka_unit_test(
			test_every_real_file_reads_with_its_statement_count),
		cmocka_unit_test(
			test_csaf_vex_not_affected_with_impact_statement),
		cmocka_unit_test(test_csaf_flag_gives_the_justification),
		cmocka_unit_test(
			test_csaf_remediations_give_responses_and_action),
		cmocka_unit_test(
			test_csaf_advisory_helpers_relationships_and_ids),
		cmocka_unit_test(
			test_espidf_exclusions_are_supplier_not_affected),
		cmocka_unit_test(
			test_espidf_manifest_exclusions_name_the_component),
		cmocka_unit_test(
			test_openvex_statements_products_and_subcomponents),
		cmocka_unit_test(test_triage_yaml_reads_every_field),
		cmocka_unit_test(
			test_malformed_files_give_their_exact_diagnostics),
		cmocka_unit_test(test_missing_file_is_a_located_error),
		cmocka_unit_test(test_format_is_detected_from_content),
		cmocka_unit_test(test_allocation_failures_are_handled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
