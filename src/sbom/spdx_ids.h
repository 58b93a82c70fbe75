/* SPDX-License-Identifier: Apache-2.0
 *
 * spdx_ids.h - the SPDX license list identifiers (generated table) and a
 * lookup.
 */
#ifndef MDSEC_SPDX_IDS_H
#define MDSEC_SPDX_IDS_H

#include <stdbool.h>
#include <stddef.h>

extern const char *const spdx_ids[];
extern const size_t spdx_nids;

/* id is on the SPDX license list (exact, case-sensitive as the CycloneDX
 * schema compares). */
bool spdx_id_known(const char *id);

#endif
