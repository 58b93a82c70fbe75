/* SPDX-License-Identifier: Apache-2.0
 *
 * sbom.c - the SBOM of a model with what ships scanned: the model's own
 * software list and supplier SBOMs (mdsec_sbom_from_model), then every
 * firmware image the model's elements list under `firmware`, scanned
 * (mdsec scan) and merged in; the components found run on that element
 * and carry the image as evidence.
 */
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "mdsec/pipeline.h"
#include "mdsec/scan.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

int mdsec_model_sbom(mdsec_sbom **out, const mdsec_model *m,
		     const char *const *sigdirs, size_t nsigdirs,
		     struct mdsec_diag_list *dl)
{
	mdsec_sbom *base = NULL, *found = NULL, *docs[2];
	mdsec_sigset *set = NULL;
	mdsec_scanner *sc = NULL;
	size_t e, k, j, nimages = 0;
	int rc;

	*out = NULL;
	rc = mdsec_sbom_from_model(&base, m, dl);
	if (rc < 0)
		return rc;
	for (e = 0; e < m->nelements; e++)
		nimages += m->elements[e].firmware.n;
	if (nimages == 0) {
		*out = base;
		return 0;
	}
	rc = mdsec_sigset_load(&set, sigdirs, nsigdirs, dl);
	if (rc == 0)
		rc = mdsec_scanner_new(&sc, set, NULL, dl);
	for (e = 0; e < m->nelements && rc == 0; e++) {
		const struct mdsec_element *el = &m->elements[e];

		for (k = 0; k < el->firmware.n && rc == 0; k++) {
			mdsec_sbom *one = NULL;
			const char *shown =
				mdsec_model_display_path(m, el->firmware.v[k]);

			rc = mdsec_scan_file(sc, el->firmware.v[k], shown, &one,
					     dl);
			if (rc == 0) {
				for (j = 0; j < one->components.n; j++)
					one->components.v[j].element =
						sbom_str(one, el->o.id);
				docs[0] = found;
				docs[1] = one;
				if (found) {
					mdsec_sbom *merged = NULL;

					rc = mdsec_sbom_merge(&merged, docs, 2,
							      dl);
					mdsec_sbom_free(found);
					mdsec_sbom_free(one);
					found = merged;
				} else {
					found = one;
				}
			} else {
				mdsec_sbom_free(one);
			}
		}
	}
	if (rc == 0) {
		docs[0] = base;
		docs[1] = found;
		rc = mdsec_sbom_merge(out, docs, found ? 2 : 1, dl);
	}
	mdsec_sbom_free(found);
	mdsec_sbom_free(base);
	mdsec_scanner_free(sc);
	mdsec_sigset_free(set);
	return rc;
}
