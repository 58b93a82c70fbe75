/* SPDX-License-Identifier: Apache-2.0
 *
 * license.c - looking up SPDX license identifiers.
 */
#include <stdlib.h>
#include <string.h>

#include "sbom/spdx_ids.h"

#include "base/banned.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool spdx_id_known(const char *id)
{
	return bsearch(&id, spdx_ids, spdx_nids, sizeof(spdx_ids[0]), cmp) !=
	       NULL;
}
