/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_scan.c - libFuzzer target for everything between the bytes of an
 * input and the scanner: format sniffing, the HEX/S-record/UF2 decoders,
 * libarchive walking (nested archives, limits) and the chunked prefilter
 * with PCRE2 extraction. Any bytes: no crash, no hang, no leak; whatever
 * is found has a name, a version and scan evidence.
 * Signatures: MDSEC_DATADIR/signatures (the shipped ones).
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_scan tests/fuzz/corpus/scan
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mdsec/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mdsec_sigset *set;
static mdsec_scanner *sc;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_sbom *s = NULL;
	size_t i;

	if (!sc) {
		if (mdsec_sigset_load(&set, NULL, 0, &dl) != 0 ||
		    mdsec_scanner_new(&sc, set, NULL, &dl) != 0)
			abort();
		mdsec_diag_list_release(&dl);
	}
	if (mdsec_scan_buffer(sc, data, size, "fuzz", &s, &dl) != 0)
		abort();
	for (i = 0; i < s->components.n; i++)
		if (!s->components.v[i].name || !s->components.v[i].version ||
		    s->components.v[i].evidence.n == 0)
			abort();
	mdsec_sbom_free(s);
	mdsec_diag_list_release(&dl);
	return 0;
}
