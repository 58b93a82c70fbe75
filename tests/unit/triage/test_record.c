/* SPDX-License-Identifier: Apache-2.0
 *
 * test_record.c - recording a decision in the device maker's triage
 * file: the entry about the same component and vulnerability is replaced
 * in place, every other line (comments, blank lines, the other entries in
 * their order) kept byte for byte; a new one is appended after the last
 * entry, in the file's own indentation; a missing file is created; a
 * malformed file, another format or a failed write changes nothing and
 * leaves no temporary file behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/strbuf.h"
#include "mdsec/triage.h"

#define DATA MDSEC_TEST_SRCDIR "/tests/data/triage/"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	snprintf(dir, sizeof(dir), "/tmp/mdsec-record-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[256];

	(void)state;
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static char *slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(file_read_capped(&sb, path, 1 << 20), 0);
	return strbuf_detach(&sb, NULL);
}

static void put(const char *path, const char *text)
{
	assert_int_equal(file_write_atomic(path, text, strlen(text)), 0);
}

static const char *tmp_path(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

/* The file must read as a triage file with n entries. */
static void assert_reads(const char *path, size_t n)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_triage *t = mdsec_triage_new();
	enum mdsec_triage_format f;

	assert_int_equal(mdsec_triage_load(&f, t, path, MDSEC_TRIAGE_OWN, &dl),
			 0);
	assert_int_equal(f, MDSEC_TRIAGE_FMT_YAML);
	assert_int_equal(t->entries.n, n);
	mdsec_triage_free(t);
	mdsec_diag_list_release(&dl);
}

static struct mdsec_triage_entry decision(const char *purl, const char *vuln,
					  enum mdsec_triage_state st)
{
	struct mdsec_triage_entry e;

	memset(&e, 0, sizeof(e));
	e.subject.purl = purl;
	e.vuln = vuln;
	e.state = st;
	e.origin = MDSEC_TRIAGE_OWN;
	return e;
}

/* Replace `from` (once) in text by `to`; malloc'd. */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct strbuf sb = STRBUF_INIT;

	assert_non_null(at);
	strbuf_add(&sb, text, (size_t)(at - text));
	strbuf_addstr(&sb, to);
	strbuf_addstr(&sb, at + strlen(from));
	return strbuf_detach(&sb, NULL);
}

static const char old_entry[] =
	"  - component: pkg:generic/mbedtls@2.28.0\n"
	"    vulnerability: CVE-2024-23775\n"
	"    state: affected\n"
	"    response: [update]\n"
	"    action: Update Mbed TLS to 2.28.7 in firmware 3.3.0.\n"
	"    detail: \"The pump accepts TLS connections from the clinic "
	"gateway: reachable.\"\n"
	"    author: Jane Roe <jane.roe@example.com>\n"
	"    date: 2026-01-16T09:30:00Z\n";

static void test_replacing_keeps_every_other_line(void **state)
{
	const char *path = tmp_path("replace.yaml");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_triage_entry e;
	char *orig = slurp(DATA "device/triage.yaml"), *want, *got;
	bool replaced = false;

	(void)state;
	put(path, orig);
	/* the same subject written another way is the same subject */
	e = decision("pkg:GENERIC/mbedtls@2.28.0", "cve-2024-23775",
		     MDSEC_TRIAGE_FIXED);
	e.responses = MDSEC_TRIAGE_UPDATE;
	e.detail = "Mbed TLS 2.28.7 ships in firmware 3.3.0.";
	e.author = "Jane Roe <jane.roe@example.com>";
	e.date = "2026-03-02";
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl), 0);
	assert_true(replaced);
	want = replace(orig, old_entry,
		       "  - component: pkg:generic/mbedtls@2.28.0\n"
		       "    vulnerability: cve-2024-23775\n"
		       "    state: fixed\n"
		       "    response: [update]\n"
		       "    detail: Mbed TLS 2.28.7 ships in firmware 3.3.0.\n"
		       "    author: Jane Roe <jane.roe@example.com>\n"
		       "    date: 2026-03-02\n");
	got = slurp(path);
	assert_string_equal(got, want);
	assert_reads(path, 8);
	free(orig);
	free(want);
	free(got);
	mdsec_diag_list_release(&dl);
}

static void test_a_new_decision_is_appended(void **state)
{
	const char *path = tmp_path("append.yaml");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_triage_entry e;
	struct strbuf want = STRBUF_INIT;
	char *orig = slurp(DATA "device/triage.yaml"), *got;
	bool replaced = true;

	(void)state;
	put(path, orig);
	e = decision("pkg:generic/zlib@1.2.13", "CVE-2023-45853",
		     MDSEC_TRIAGE_NOT_AFFECTED);
	e.justification = MDSEC_TRIAGE_VULNERABLE_CODE_NOT_PRESENT;
	e.detail = "minizip is not built.";
	e.author = "John Doe";
	/* no date: the output time */
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl), 0);
	assert_false(replaced);
	strbuf_addstr(&want, orig);
	strbuf_addstr(&want, "  - component: pkg:generic/zlib@1.2.13\n"
			     "    vulnerability: CVE-2023-45853\n"
			     "    state: not_affected\n"
			     "    justification: vulnerable_code_not_present\n"
			     "    detail: minizip is not built.\n"
			     "    author: John Doe\n"
			     "    date: 2026-01-01T00:00:00Z\n");
	got = slurp(path);
	assert_string_equal(got, want.buf);
	assert_reads(path, 9);
	free(orig);
	free(got);
	strbuf_release(&want);
	mdsec_diag_list_release(&dl);
}

static void test_the_files_own_indentation_and_layout(void **state)
{
	static const struct {
		const char *name, *before, *after;
		bool by_name, replaced;
	} cases[] = {
		/* a list at column 1, named by name@version: the first entry
		 * replaced in the file's indentation, the blank line and the
		 * comments after it kept */
		{ "col1.yaml",
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "- component: zlib@1.2.13 # the vendored copy\n"
		  "  vulnerability: CVE-2022-37434\n"
		  "  state: under_investigation\n"
		  "\n"
		  "# keep this\n"
		  "- component: lwip@2.1.3\n"
		  "  vulnerability: CVE-2020-22283\n"
		  "  state: fixed\n"
		  "# trailing comment\n",
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "- component: zlib@1.2.13\n"
		  "  vulnerability: CVE-2022-37434\n"
		  "  state: affected\n"
		  "  date: 2026-01-01T00:00:00Z\n"
		  "\n"
		  "# keep this\n"
		  "- component: lwip@2.1.3\n"
		  "  vulnerability: CVE-2020-22283\n"
		  "  state: fixed\n"
		  "# trailing comment\n",
		  true, true },
		/* an empty flow list becomes a block list */
		{ "flow.yaml",
		  "# header\n"
		  "format: mdsec.triage/1\n"
		  "entries: []\n"
		  "# tail\n",
		  "# header\n"
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "  - component: pkg:generic/zlib@1.2.13\n"
		  "    vulnerability: CVE-2022-37434\n"
		  "    state: affected\n"
		  "    date: 2026-01-01T00:00:00Z\n"
		  "# tail\n",
		  false, false },
		/* no entries key at all, no final newline */
		{ "nokey.yaml", "format: mdsec.triage/1",
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "  - component: pkg:generic/zlib@1.2.13\n"
		  "    vulnerability: CVE-2022-37434\n"
		  "    state: affected\n"
		  "    date: 2026-01-01T00:00:00Z\n",
		  false, false },
		/* the dash on a line of its own */
		{ "dash.yaml",
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "  -\n"
		  "    component: pkg:generic/zlib@1.2.13\n"
		  "    vulnerability: CVE-2022-37434\n"
		  "    state: fixed\n",
		  "format: mdsec.triage/1\n"
		  "entries:\n"
		  "  - component: pkg:generic/zlib@1.2.13\n"
		  "    vulnerability: CVE-2022-37434\n"
		  "    state: affected\n"
		  "    date: 2026-01-01T00:00:00Z\n",
		  false, true },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct mdsec_triage_entry e =
			decision("pkg:generic/zlib@1.2.13", "CVE-2022-37434",
				 MDSEC_TRIAGE_AFFECTED);
		const char *path = tmp_path(cases[i].name);
		bool replaced;
		char *got;

		if (cases[i].by_name) {
			e.subject.purl = NULL;
			e.subject.name = "zlib";
			e.subject.version = "1.2.13";
		}
		put(path, cases[i].before);
		assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
				 0);
		assert_int_equal(replaced, cases[i].replaced);
		got = slurp(path);
		assert_string_equal(got, cases[i].after);
		assert_reads(path, cases[i].by_name ? 2 : 1);
		free(got);
		mdsec_diag_list_release(&dl);
	}
}

static void test_a_missing_file_is_created(void **state)
{
	const char *path = tmp_path("new.yaml");
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_triage_entry e =
		decision("pkg:generic/zlib@1.2.13", "CVE-2022-37434",
			 MDSEC_TRIAGE_UNDER_INVESTIGATION);
	bool replaced = true;
	char *got;

	(void)state;
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl), 0);
	assert_false(replaced);
	got = slurp(path);
	assert_string_equal(got,
			    "# Triage decisions of the device maker: one entry "
			    "per component and\n"
			    "# vulnerability (docs/triage.md).\n"
			    "format: mdsec.triage/1\n"
			    "entries:\n"
			    "  - component: pkg:generic/zlib@1.2.13\n"
			    "    vulnerability: CVE-2022-37434\n"
			    "    state: under_investigation\n"
			    "    date: 2026-01-01T00:00:00Z\n");
	free(got);
	mdsec_diag_list_release(&dl);
}

static size_t files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)))
		n += de->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void test_bad_files_and_failures_change_nothing(void **state)
{
	static const char bad[] = "format: mdsec.triage/1\n"
				  "entries:\n"
				  "  - component: zlib@1.2.13\n"
				  "    vulnerability: CVE-2022-37434\n"
				  "    state: exploitable\n";
	static const char flow[] = "format: mdsec.triage/1\n"
				   "entries: [{component: zlib, "
				   "vulnerability: CVE-1, state: fixed}]\n";
	struct mdsec_triage_entry e =
		decision("pkg:generic/zlib@1.2.13", "CVE-2022-37434",
			 MDSEC_TRIAGE_FIXED);
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	const char *path = tmp_path("bad.yaml");
	char msg[512], *got, *vex;
	bool replaced;
	size_t before;

	(void)state;
	put(path, bad);
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EINPUT);
	assert_int_equal(dl.len, 1);
	mdsec_diag_format(msg, sizeof(msg), &dl.items[0]);
	assert_non_null(strstr(msg, "bad.yaml:5:12: error: unknown state "
				    "'exploitable'"));
	got = slurp(path);
	assert_string_equal(got, bad);
	free(got);
	mdsec_diag_list_release(&dl);

	/* a flow list with entries cannot be edited line by line */
	put(path, flow);
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EINPUT);
	mdsec_diag_format(msg, sizeof(msg), &dl.items[dl.len - 1]);
	assert_non_null(strstr(msg, "'entries' is a flow list"));
	got = slurp(path);
	assert_string_equal(got, flow);
	free(got);
	mdsec_diag_list_release(&dl);

	/* another format is not a triage file */
	vex = slurp(DATA "openvex/supplier.openvex.json");
	put(path, vex);
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EINPUT);
	mdsec_diag_format(msg, sizeof(msg), &dl.items[0]);
	assert_non_null(strstr(msg, "not a triage file: the content is "
				    "openvex"));
	got = slurp(path);
	assert_string_equal(got, vex);
	free(got);
	free(vex);
	mdsec_diag_list_release(&dl);

	/* a bad decision: nothing to record */
	e.vuln = NULL;
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EUSAGE);
	e.vuln = "CVE-2022-37434";
	e.subject.purl = "pkg:";
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EINPUT);
	e.subject.purl = "pkg:generic/zlib@1.2.13";
	mdsec_diag_list_release(&dl);

	/* a write that fails: the old file stays, no temporary is left */
	put(path, "format: mdsec.triage/1\nentries: []\n");
	before = files_in_dir();
	fileio_fail_after(2);
	assert_int_equal(mdsec_triage_record(&replaced, path, &e, &dl),
			 MDSEC_EIO);
	fileio_fail_after(0);
	got = slurp(path);
	assert_string_equal(got, "format: mdsec.triage/1\nentries: []\n");
	free(got);
	assert_int_equal(files_in_dir(), before);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replacing_keeps_every_other_line),
		cmocka_unit_test(test_a_new_decision_is_appended),
		cmocka_unit_test(test_the_files_own_indentation_and_layout),
		cmocka_unit_test(test_a_missing_file_is_created),
		cmocka_unit_test(test_bad_files_and_failures_change_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
