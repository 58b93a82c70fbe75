/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_uf2.c - libFuzzer target for the UF2 decoder of
 * scan/decode.h: any bytes must decode or be rejected with a message and a
 * 1-based place, never crash, hang or leak, nor yield more bytes than they
 * are; the checks are in fuzz_decode.h.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_uf2 tests/fuzz/corpus/uf2
 */
#include "fuzz_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(DECODE_UF2, data, size);
	return 0;
}
