/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_cvss.c - libFuzzer target for the CVSS vector parser: any bytes
 * must parse or be rejected with diagnostics, never crash, hang or leak,
 * in both modes; and whatever parses must give scores within 0..10 and a
 * canonical vector that parses strictly to the same scores.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_cvss tests/fuzz/corpus/cvss
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct mdsec_cvss *c)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { NULL, 0, 0 };
	struct mdsec_cvss again;
	struct mdsec_cvss_scores s, s2;
	char canon[MDSEC_CVSS_MAX_LEN + 1];
	int n;

	mdsec_cvss_score(c, &s);
	if (s.base < 0 || s.base > 100 || s.temporal < 0 || s.temporal > 100 ||
	    s.environmental < 0 || s.environmental > 100)
		abort();
	n = mdsec_cvss_format(canon, sizeof(canon), c);
	if (n < 0 || (size_t)n >= sizeof(canon))
		abort();
	if (mdsec_cvss_parse(&again, canon, (size_t)n, MDSEC_CVSS_STRICT, at,
			     &dl) != 0 ||
	    dl.len != 0)
		abort();
	mdsec_cvss_score(&again, &s2);
	if (memcmp(&s, &s2, sizeof(s)) != 0 ||
	    !mdsec_cvss_severity(c->version, s.base))
		abort();
	mdsec_diag_list_release(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	struct mdsec_loc at = { "fuzz", 3, 5 };
	struct mdsec_cvss c;
	int mode;

	for (mode = MDSEC_CVSS_STRICT; mode <= MDSEC_CVSS_LENIENT; mode++) {
		if (mdsec_cvss_parse(&c, (const char *)data, size,
				     (enum mdsec_cvss_mode)mode, at, &dl) == 0)
			check(&c);
		mdsec_diag_list_release(&dl);
	}
	return 0;
}
