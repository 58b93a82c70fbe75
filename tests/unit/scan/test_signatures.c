/* SPDX-License-Identifier: Apache-2.0
 *
 * test_signatures.c - the shipped signatures (data/signatures) against
 * real version strings: every signature's own examples, and the 562
 * version strings of cve-bin-tool's test data (tests/data/scan/
 * version-strings.tsv: product, version, the strings found in that
 * product's binaries) as data-driven cases. A row whose product a
 * signature covers must give exactly that version for it, and never
 * another version; signatures that also fire on a row (a curl string
 * naming its OpenSSL) are counted, not failed. Coverage is asserted so
 * that a lost signature file cannot pass unnoticed.
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
#include "mdsec/scan.h"

static mdsec_sigset *set;
static mdsec_scanner *sc;

static int setup(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	const char *dir = MDSEC_TEST_SRCDIR "/data/signatures";
	char cache[] = "/tmp/mdsec-sigtest-XXXXXX";
	size_t i;

	(void)state;
	if (!mkdtemp(cache))
		return -1;
	setenv("XDG_CACHE_HOME", cache, 1);
	if (mdsec_sigset_load(&set, &dir, 1, &dl) != 0 ||
	    mdsec_scanner_new(&sc, set, NULL, &dl) != 0) {
		for (i = 0; i < dl.len; i++) {
			char line[1024];

			mdsec_diag_format(line, sizeof(line), &dl.items[i]);
			fprintf(stderr, "%s\n", line);
		}
		return -1;
	}
	mdsec_diag_list_release(&dl);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mdsec_scanner_free(sc);
	mdsec_sigset_free(set);
	return 0;
}

/* Versions the scan of text reports for signature sg (joined by ' '). */
static void versions_for(const char *text, size_t len,
			 const struct mdsec_signature *sg, struct strbuf *out)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;
	size_t i;

	strbuf_reset(out);
	assert_int_equal(mdsec_scan_buffer(sc, text, len, "t", &s, &dl), 0);
	for (i = 0; i < s->components.n; i++) {
		const struct mdsec_component *c = &s->components.v[i];
		size_t n = strlen(sg->id);

		if (!strncmp(c->ref, sg->id, n) && c->ref[n] == '@') {
			if (out->len)
				strbuf_addch(out, ' ');
			strbuf_addstr(out, c->version);
		}
	}
	mdsec_sbom_free(s);
	mdsec_diag_list_release(&dl);
}

static void test_examples(void **state)
{
	struct strbuf got = STRBUF_INIT, text = STRBUF_INIT;
	size_t i, j, nex = 0, untested = 0, bad = 0;

	(void)state;
	assert_true(mdsec_sigset_count(set) >= 80);
	for (i = 0; i < mdsec_sigset_count(set); i++) {
		const struct mdsec_signature *sg = mdsec_sigset_get(set, i);

		untested += sg->untested;
		for (j = 0; j < sg->nexamples; j++, nex++) {
			/* inside binary-looking bytes, as in an image */
			strbuf_reset(&text);
			strbuf_add(&text,
				   "\x7f"
				   "ELF\0\0\x01\0",
				   8);
			strbuf_addstr(&text, sg->ex_text[j]);
			strbuf_add(&text, "\0\x03\xff", 3);
			versions_for(text.buf, text.len, sg, &got);
			if (strcmp(got.buf, sg->ex_version[j])) {
				fprintf(stderr,
					"%s: example '%s': got '%s', "
					"expected '%s'\n",
					sg->id, sg->ex_text[j], got.buf,
					sg->ex_version[j]);
				bad++;
			}
		}
	}
	fprintf(stderr, "signatures: %zu, examples: %zu, untested: %zu\n",
		mdsec_sigset_count(set), nex, untested);
	assert_int_equal(bad, 0);
	assert_true(nex >= mdsec_sigset_count(set) - untested);
	strbuf_release(&got);
	strbuf_release(&text);
}

static bool covers(const struct mdsec_signature *sg, const char *product)
{
	size_t i;

	if (!strcmp(sg->id, product) || !strcmp(sg->cpe_product, product))
		return true;
	for (i = 0; i < sg->nproducts; i++)
		if (!strcmp(sg->products[i], product))
			return true;
	return false;
}

/* Unescape the TSV's "\n" and split " || " into NUL-separated text. */
static void row_text(const char *field, struct strbuf *out)
{
	const char *p;

	strbuf_reset(out);
	for (p = field; *p; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			strbuf_addch(out, '\n');
			p++;
		} else if (!strncmp(p, " || ", 4)) {
			strbuf_addch(out, '\0');
			p += 3;
		} else {
			strbuf_addch(out, *p);
		}
	}
}

/* Rows no signature in this format can answer (line numbers of the TSV;
 * tools/check-signatures.py gives the same list with reasons): 480-484
 * hold only SQLite's SQLITE_SOURCE_ID (a date and a hash, no version;
 * 480's "version" is itself a source id), 508 is tcpdump's bare version
 * number next to a digit table, 563 has a typo in cve-bin-tool's data (a
 * literal "/n" for a line break). A row listed here that starts being
 * found fails the test, so the list cannot go stale. */
static const unsigned expected_miss[] = { 480, 481, 482, 483, 484, 508, 563 };

static bool is_expected_miss(unsigned line)
{
	size_t i;

	for (i = 0; i < sizeof(expected_miss) / sizeof(expected_miss[0]); i++)
		if (expected_miss[i] == line)
			return true;
	return false;
}

static void test_version_strings(void **state)
{
	struct strbuf tsv = STRBUF_INIT, text = STRBUF_INIT, got = STRBUF_INIT;
	char *line, *save = NULL;
	size_t rows = 0, covered = 0, bad = 0, misses = 0, i;

	(void)state;
	assert_int_equal(
		file_read_capped(&tsv,
				 MDSEC_TEST_SRCDIR
				 "/tests/data/scan/version-strings.tsv",
				 1 << 24),
		0);
	line = strtok_r(tsv.buf, "\n", &save); /* header */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *t1 = strchr(line, '\t'),
		     *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;

		assert_non_null(t2);
		*t1 = *t2 = '\0';
		rows++;
		row_text(t2 + 1, &text);
		for (i = 0; i < mdsec_sigset_count(set); i++) {
			const struct mdsec_signature *sg =
				mdsec_sigset_get(set, i);

			if (!covers(sg, line))
				continue;
			covered++;
			versions_for(text.buf, text.len, sg, &got);
			if (!got.len && is_expected_miss((unsigned)rows + 1)) {
				misses++;
				continue;
			}
			if (strcmp(got.buf, t1 + 1) ||
			    is_expected_miss((unsigned)rows + 1)) {
				fprintf(stderr,
					"%s %s: signature %s found "
					"'%s'\n",
					line, t1 + 1, sg->id, got.buf);
				bad++;
			}
		}
	}
	fprintf(stderr,
		"version strings: %zu rows, %zu covered by a "
		"signature\n",
		rows, covered);
	assert_int_equal(rows, 562);
	assert_true(covered >= 200);
	assert_int_equal(misses, 7);
	assert_int_equal(bad, 0);
	strbuf_release(&tsv);
	strbuf_release(&text);
	strbuf_release(&got);
}

/* The first scanner (setup, fresh cache directory) compiled and stored
 * the database; a second one takes it from the cache and finds the same. */
static void test_cache(void **state)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_scanner *again = NULL;
	mdsec_sbom *s = NULL;
	static const char text[] = "\0OpenSSL 3.0.11 19 Sep 2023\0";

	(void)state;
	assert_false(mdsec_scanner_from_cache(sc));
	assert_int_equal(mdsec_scanner_new(&again, set, NULL, &dl), 0);
	assert_true(mdsec_scanner_from_cache(again));
	assert_int_equal(
		mdsec_scan_buffer(again, text, sizeof(text), "t", &s, &dl), 0);
	assert_int_equal(s->components.n, 1);
	assert_string_equal(s->components.v[0].version, "3.0.11");
	mdsec_sbom_free(s);
	mdsec_scanner_free(again);
	mdsec_diag_list_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_version_strings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
