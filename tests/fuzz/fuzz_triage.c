/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_triage.c - libFuzzer target for the triage readers (mdsec triage
 * YAML, OpenVEX, CycloneDX VEX, CSAF, ESP-IDF exclusion lists): any bytes
 * are read or refused with located diagnostics and nothing added; no
 * crash, hang or leak. What is read is written back as a triage file and
 * must read again with the same number of entries.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_triage tests/fuzz/corpus/triage
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "mdsec/triage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_triage *t = mdsec_triage_new(), *again = NULL;
	char *out = NULL;
	size_t len = 0;
	int rc;

	if (!t)
		return 0;
	rc = mdsec_triage_load_buffer(NULL, t, "fuzz", (const char *)data, size,
				      MDSEC_TRIAGE_OWN, &dl);
	if (rc < 0 && t->entries.n != 0)
		abort(); /* a refused input adds nothing */
	if (rc == MDSEC_EINPUT && dl.nerrors == 0)
		abort(); /* refused without saying why */
	if (rc == 0 && t->entries.n &&
	    mdsec_triage_write_yaml(&out, &len, t, -1) == 0) {
		mdsec_diag_list_release(&dl);
		again = mdsec_triage_new();
		if (again &&
		    mdsec_triage_load_buffer(NULL, again, "again", out, len,
					     MDSEC_TRIAGE_OWN, &dl) == 0 &&
		    again->entries.n != t->entries.n)
			abort();
		mdsec_triage_free(again);
		free(out);
	}
	mdsec_triage_free(t);
	mdsec_diag_list_release(&dl);
	return 0;
}
