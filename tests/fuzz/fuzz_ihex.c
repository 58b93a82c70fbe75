/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_ihex.c - libFuzzer target for the Intel HEX decoder of
 * scan/decode.h: any bytes must decode or be rejected with a message and a
 * 1-based place, never crash, hang or leak, nor yield more bytes than they
 * are; the checks are in fuzz_decode.h.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_ihex tests/fuzz/corpus/ihex
 */
#include "fuzz_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_decode(DECODE_IHEX, data, size);
	return 0;
}
