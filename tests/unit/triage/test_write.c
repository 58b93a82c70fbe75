/* SPDX-License-Identifier: Apache-2.0
 *
 * test_write.c - publishing VEX: the device fixture of
 * tests/data/triage/device/ (an SBOM, the maker's triage file, ESP-IDF's
 * lists as supplier input) and a list of findings, looked up as the CLI
 * will, written as OpenVEX 0.2, CycloneDX 1.6 and CSAF 2.0: byte for
 * byte the goldens of tests/data/triage/golden/ (SOURCE_DATE_EPOCH
 * pinned), the same bytes when written twice, and every decision back
 * when the output is read as a triage file (each format keeps what it
 * has a place for: docs/triage.md). The triage YAML round trip keeps
 * every field. MDSEC_REGEN_GOLDEN=1 rewrites the goldens;
 * MDSEC_VEX_OUT=DIR also writes the three documents there, for
 * tests/run-vex.sh to validate against the official schemas.
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
#include "mdsec/triage.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/triage/"

/* What the findings are: as mdsec vulns would report them. */
static const struct {
	const char *ref, *vuln, *fixed;
} findings[] = {
	{ "mbedtls", "CVE-2024-23170", "2.28.7" },
	{ "mbedtls", "CVE-2024-23775", "2.28.7" },
	{ "mbedtls", "CVE-2026-1677", NULL }, /* unassessed */
	{ "zlib", "CVE-2022-37434", "1.2.13" },
	{ "zlib", "CVE-2023-45853", "1.3.1" }, /* unassessed */
	{ "freertos", "CVE-2024-28115", NULL },
	{ "freertos", "CVE-2026-7422", NULL }, /* ESP-IDF: unrelated */
	{ "lwip", "CVE-2026-7422", NULL },     /* ESP-IDF: unrelated */
	{ "lwip", "CVE-2020-22283", NULL },
	{ "device", "CVE-2021-44228", NULL },
	{ "cjson", "GHSA-r9xq-xq2v-4r6p", NULL },
	{ "cjson", "CVE-2024-31755", NULL }, /* ESP-IDF manifest */
};
#define NFIND (sizeof(findings) / sizeof(findings[0]))

static const struct mdsec_triage_device device = {
	"Acme Medical",
	"InsuPump Controller",
	"3.2.0",
	NULL,
	"https://psirt.acme-medical.example",
};

struct fixture {
	mdsec_sbom *s;
	mdsec_triage *t;
	struct mdsec_triage_item items[NFIND];
};

static void load(mdsec_triage *t, const char *file,
		 enum mdsec_triage_origin origin)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;

	assert_int_equal(mdsec_triage_load(NULL, t, file, origin, &dl), 0);
	mdsec_diag_list_release(&dl);
}

static int setup(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct fixture *f = calloc(1, sizeof(*f));
	size_t i;

	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	assert_int_equal(
		mdsec_sbom_read(&f->s, DATA "device/sbom.cdx.json", &dl), 0);
	f->t = mdsec_triage_new();
	load(f->t, DATA "esp-idf/esp-idf-v5.5-components.yml",
	     MDSEC_TRIAGE_SUPPLIER);
	load(f->t, DATA "esp-idf/esp-idf-excluded_cves.yaml",
	     MDSEC_TRIAGE_SUPPLIER);
	load(f->t, DATA "device/triage.yaml", MDSEC_TRIAGE_OWN);
	for (i = 0; i < NFIND; i++) {
		struct mdsec_triage_match m;
		size_t c = mdsec_sbom_find_ref(f->s, findings[i].ref);

		assert_true(c != MDSEC_SBOM_NONE);
		assert_int_equal(mdsec_triage_lookup(&m, f->t,
						     &f->s->components.v[c],
						     findings[i].vuln, NULL, 0),
				 0);
		f->items[i].component = c;
		f->items[i].vuln = findings[i].vuln;
		f->items[i].fixed = findings[i].fixed;
		f->items[i].decision = m.decision;
		mdsec_triage_match_release(&m);
	}
	mdsec_diag_list_release(&dl);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	mdsec_triage_free(f->t);
	mdsec_sbom_free(f->s);
	free(f);
	return 0;
}

static const struct {
	enum mdsec_triage_format fmt;
	const char *file;
} outputs[] = {
	{ MDSEC_TRIAGE_FMT_OPENVEX, "device.openvex.json" },
	{ MDSEC_TRIAGE_FMT_CYCLONEDX, "device.cdx.json" },
	{ MDSEC_TRIAGE_FMT_CSAF, "device.csaf.json" },
};

static void write_fmt(struct fixture *f, enum mdsec_triage_format fmt,
		      char **out, size_t *len)
{
	assert_int_equal(mdsec_triage_write_vex(out, len, fmt, &device, f->s,
						f->items, NFIND),
			 0);
	assert_non_null(*out);
	assert_int_equal(strlen(*out), *len);
}

static void test_outputs_match_the_goldens(void **state)
{
	struct fixture *f = *state;
	const char *regen = getenv("MDSEC_REGEN_GOLDEN");
	const char *dump = getenv("MDSEC_VEX_OUT");
	size_t i;

	for (i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
		struct strbuf want = STRBUF_INIT;
		char path[1024], *out;
		size_t len;

		write_fmt(f, outputs[i].fmt, &out, &len);
		snprintf(path, sizeof(path), DATA "golden/%s", outputs[i].file);
		if (regen && *regen)
			assert_int_equal(file_write_atomic(path, out, len), 0);
		if (dump && *dump) {
			char dpath[1024];

			snprintf(dpath, sizeof(dpath), "%s/%s", dump,
				 outputs[i].file);
			assert_int_equal(file_write_atomic(dpath, out, len), 0);
		}
		assert_int_equal(file_read_capped(&want, path, 1 << 24), 0);
		if (strcmp(want.buf, out))
			fail_msg("%s differs from its golden (regenerate with "
				 "MDSEC_REGEN_GOLDEN=1 and review the diff)",
				 outputs[i].file);
		strbuf_release(&want);
		free(out);
	}
}

static void test_writing_twice_gives_the_same_bytes(void **state)
{
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
		char *a, *b;
		size_t la, lb;

		write_fmt(f, outputs[i].fmt, &a, &la);
		write_fmt(f, outputs[i].fmt, &b, &lb);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		free(a);
		free(b);
	}
}

static void test_the_time_comes_from_source_date_epoch(void **state)
{
	struct fixture *f = *state;
	char *a, *b;
	size_t la, lb;

	write_fmt(f, MDSEC_TRIAGE_FMT_CSAF, &a, &la);
	assert_non_null(strstr(a, "\"initial_release_date\": "
				  "\"2026-01-01T00:00:00Z\""));
	setenv("SOURCE_DATE_EPOCH", "1767312000", 1);
	write_fmt(f, MDSEC_TRIAGE_FMT_CSAF, &b, &lb);
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	assert_non_null(strstr(b, "\"initial_release_date\": "
				  "\"2026-01-02T00:00:00Z\""));
	/* the document id is a hash of the content, time included */
	assert_true(strcmp(a, b) != 0);
	free(a);
	free(b);
}

/* What each format keeps of a decision (docs/triage.md). */
struct keeps {
	bool responses;	     /* all of them */
	bool affected_resp;  /* those of affected decisions */
	bool action_any;     /* the action of any state */
	bool author;	     /* the decision's author */
	bool date_of_detail; /* the date of decisions with a detail */
};

static void check_round_trip(struct fixture *f, enum mdsec_triage_format fmt,
			     const struct keeps *k)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_triage *back = mdsec_triage_new();
	enum mdsec_triage_format got;
	char *out;
	size_t len, i;

	write_fmt(f, fmt, &out, &len);
	assert_int_equal(mdsec_triage_load_buffer(&got, back, "vex", out, len,
						  MDSEC_TRIAGE_OWN, &dl),
			 0);
	assert_int_equal(got, fmt);
	for (i = 0; i < NFIND; i++) {
		const struct mdsec_triage_item *it = &f->items[i];
		const struct mdsec_triage_entry *d = it->decision, *e;
		struct mdsec_triage_match m;

		assert_int_equal(
			mdsec_triage_lookup(&m, back,
					    &f->s->components.v[it->component],
					    it->vuln, NULL, 0),
			0);
		e = m.decision;
		if (!e)
			fail_msg("%s: %s of %s came back without a decision",
				 mdsec_triage_format_name(fmt), it->vuln,
				 findings[i].ref);
		if (!d) {
			assert_int_equal(e->state,
					 MDSEC_TRIAGE_UNDER_INVESTIGATION);
			mdsec_triage_match_release(&m);
			continue;
		}
		if (e->state != d->state)
			fail_msg("%s: %s of %s: state %d (expected %d)",
				 mdsec_triage_format_name(fmt), it->vuln,
				 findings[i].ref, e->state, d->state);
		if (d->state == MDSEC_TRIAGE_NOT_AFFECTED)
			assert_int_equal(e->justification, d->justification);
		if (d->detail)
			assert_string_equal(e->detail, d->detail);
		if (d->action &&
		    (k->action_any || d->state == MDSEC_TRIAGE_AFFECTED))
			assert_string_equal(e->action, d->action);
		if (k->responses ||
		    (k->affected_resp && d->state == MDSEC_TRIAGE_AFFECTED))
			assert_int_equal(e->responses, d->responses);
		if (k->author && d->author)
			assert_string_equal(e->author, d->author);
		if (d->date && (k->date_of_detail || !d->detail)) {
			char wide[32];

			snprintf(wide, sizeof(wide), "%s%s", d->date,
				 strlen(d->date) == 10 ? "T00:00:00Z" : "");
			if (d->detail || fmt != MDSEC_TRIAGE_FMT_CSAF ||
			    d->state == MDSEC_TRIAGE_NOT_AFFECTED)
				assert_string_equal(e->date, wide);
		}
		mdsec_triage_match_release(&m);
	}
	free(out);
	mdsec_diag_list_release(&dl);
	mdsec_triage_free(back);
}

static void test_openvex_round_trip_keeps_every_decision(void **state)
{
	struct keeps k = { false, false, true, false, true };

	check_round_trip(*state, MDSEC_TRIAGE_FMT_OPENVEX, &k);
}

static void test_cyclonedx_round_trip_keeps_every_decision(void **state)
{
	struct keeps k = { true, true, true, true, true };

	check_round_trip(*state, MDSEC_TRIAGE_FMT_CYCLONEDX, &k);
}

static void test_csaf_round_trip_keeps_every_decision(void **state)
{
	struct keeps k = { false, true, false, false, true };

	check_round_trip(*state, MDSEC_TRIAGE_FMT_CSAF, &k);
}

static void assert_str_same(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void test_yaml_round_trip_keeps_every_field(void **state)
{
	struct fixture *f = *state;
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_triage *back = mdsec_triage_new();
	char *out;
	size_t len, i, k;

	/* every entry, the suppliers' too (a conversion to a triage file) */
	assert_int_equal(mdsec_triage_write_yaml(&out, &len, f->t, -1), 0);
	if (mdsec_triage_load_buffer(NULL, back, "rt.yaml", out, len,
				     MDSEC_TRIAGE_OWN, &dl) != 0) {
		char msg[1024];

		mdsec_diag_format(msg, sizeof(msg), &dl.items[0]);
		fail_msg("%s", msg);
	}
	assert_int_equal(back->entries.n, f->t->entries.n);
	for (i = 0; i < back->entries.n; i++) {
		const struct mdsec_triage_entry *a = &f->t->entries.v[i];
		const struct mdsec_triage_entry *b = &back->entries.v[i];

		assert_str_same(a->subject.purl, b->subject.purl);
		assert_str_same(a->subject.cpe, b->subject.cpe);
		assert_str_same(a->subject.name, b->subject.name);
		assert_str_same(a->subject.version, b->subject.version);
		assert_str_same(a->subject.range, b->subject.range);
		assert_str_same(a->subject.ref, b->subject.ref);
		assert_str_same(a->subject.supplier, b->subject.supplier);
		assert_string_equal(a->vuln, b->vuln);
		assert_int_equal(a->naliases, b->naliases);
		for (k = 0; k < a->naliases; k++)
			assert_string_equal(a->aliases[k], b->aliases[k]);
		assert_int_equal(a->state, b->state);
		assert_int_equal(a->justification, b->justification);
		if (a->origin == MDSEC_TRIAGE_OWN)
			assert_str_same(a->justification_text,
					b->justification_text);
		assert_int_equal(a->responses, b->responses);
		assert_str_same(a->action, b->action);
		assert_str_same(a->detail, b->detail);
		assert_str_same(a->author, b->author);
		assert_str_same(a->date, b->date);
	}
	/* only the maker's own: the file it was read from, comments aside */
	free(out);
	assert_int_equal(
		mdsec_triage_write_yaml(&out, &len, f->t, MDSEC_TRIAGE_OWN), 0);
	assert_non_null(strstr(out, "format: mdsec.triage/1\nentries:\n"
				    "  - component: "
				    "pkg:generic/mbedtls@2.28.0\n"
				    "    vulnerability: CVE-2024-23170\n"
				    "    state: not_affected\n"
				    "    justification: "
				    "vulnerable_code_not_in_execute_path\n"
				    "    detail: MBEDTLS_X509_CRT_PARSE_C is "
				    "disabled in the pump's configuration.\n"
				    "    author: Jane Roe "
				    "<jane.roe@example.com>\n"
				    "    date: 2026-01-15\n"));
	free(out);
	mdsec_diag_list_release(&dl);
	mdsec_triage_free(back);
}

static void test_bad_arguments_are_refused(void **state)
{
	struct fixture *f = *state;
	struct mdsec_triage_device nameless = device;
	struct mdsec_triage_item bad = f->items[0];
	char *out = (char *)"x";
	size_t len = 1;

	nameless.name = "";
	assert_int_equal(
		mdsec_triage_write_vex(&out, &len, MDSEC_TRIAGE_FMT_CSAF,
				       &nameless, f->s, f->items, NFIND),
		MDSEC_EUSAGE);
	assert_null(out);
	assert_int_equal(len, 0);
	bad.component = f->s->components.n;
	assert_int_equal(mdsec_triage_write_vex(&out, &len,
						MDSEC_TRIAGE_FMT_OPENVEX,
						&device, f->s, &bad, 1),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_triage_write_vex(&out, &len,
						MDSEC_TRIAGE_FMT_YAML, &device,
						f->s, f->items, NFIND),
			 MDSEC_EUSAGE);
	/* OpenVEX has no empty document: at least one statement */
	assert_int_equal(mdsec_triage_write_vex(&out, &len,
						MDSEC_TRIAGE_FMT_OPENVEX,
						&device, f->s, NULL, 0),
			 MDSEC_EUSAGE);
	/* nor CSAF VEX (6.1.27.11); CycloneDX can say "nothing known" */
	assert_int_equal(mdsec_triage_write_vex(&out, &len,
						MDSEC_TRIAGE_FMT_CSAF, &device,
						f->s, NULL, 0),
			 MDSEC_EUSAGE);
	assert_int_equal(mdsec_triage_write_vex(&out, &len,
						MDSEC_TRIAGE_FMT_CYCLONEDX,
						&device, f->s, NULL, 0),
			 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs_match_the_goldens),
		cmocka_unit_test(test_writing_twice_gives_the_same_bytes),
		cmocka_unit_test(test_the_time_comes_from_source_date_epoch),
		cmocka_unit_test(test_openvex_round_trip_keeps_every_decision),
		cmocka_unit_test(
			test_cyclonedx_round_trip_keeps_every_decision),
		cmocka_unit_test(test_csaf_round_trip_keeps_every_decision),
		cmocka_unit_test(test_yaml_round_trip_keeps_every_field),
		cmocka_unit_test(test_bad_arguments_are_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
