/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_sbom.c - libFuzzer target for the SBOM readers (CycloneDX and
 * SPDX JSON): any bytes must be read or rejected with located
 * diagnostics, never crash, hang or leak; whatever is read must write in
 * both formats, and the CycloneDX written must read back with the same
 * number of components.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_sbom tests/fuzz/corpus/sbom
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(const mdsec_sbom *s)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *again = NULL;
	char *out = NULL;
	size_t len = 0;

	if (mdsec_sbom_write(s, MDSEC_SBOM_SPDX, &out, &len) != 0)
		abort();
	free(out);
	if (mdsec_sbom_write(s, MDSEC_SBOM_CYCLONEDX, &out, &len) != 0)
		abort();
	if (mdsec_sbom_read_buffer(&again, "again", out, len, &dl) != 0 ||
	    again->components.n != s->components.n)
		abort();
	mdsec_sbom_free(again);
	mdsec_diag_list_release(&dl);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;
	size_t i;
	int rc;

	rc = mdsec_sbom_read_buffer(&s, "fuzz.json", (const char *)data, size,
				    &dl);
	if (rc == 0) {
		if (!s)
			abort();
		roundtrip(s);
	} else if (s || (rc == MDSEC_EINPUT && dl.nerrors == 0)) {
		abort();
	}
	for (i = 0; i < dl.len; i++)
		if (!dl.items[i].msg)
			abort();
	mdsec_sbom_free(s);
	mdsec_diag_list_release(&dl);
	return 0;
}
