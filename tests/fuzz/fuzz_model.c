/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_model.c - libFuzzer target for the device model loader: any bytes
 * must load or be rejected with diagnostics, never crash, hang or leak.
 * The model is named inside a directory that does not exist, so includes
 * and referenced files cannot reach the real file system.
 * Build: make fuzz; run: build-fuzz/tests/fuzz/fuzz_model tests/fuzz/corpus/model
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "mdsec/mdsec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	mdsec_model *m = NULL;
	char *json = NULL;

	if (mdsec_model_load_buffer(&m, "/nonexistent-fuzz-dir/model.yaml",
				    (const char *)data, size, NULL, &dl) == 0) {
		if (mdsec_model_to_json(&json, m) == 0)
			free(json);
	}
	mdsec_diag_list_sort(&dl);
	mdsec_model_free(m);
	mdsec_diag_list_release(&dl);
	return 0;
}
