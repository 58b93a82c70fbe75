/* SPDX-License-Identifier: Apache-2.0
 *
 * write.c - serialising an SBOM in the format asked for.
 */
#include "base/strbuf.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

int mdsec_sbom_write(const mdsec_sbom *s, enum mdsec_sbom_format fmt,
		     char **out, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	*out = NULL;
	if (len)
		*len = 0;
	if (fmt == MDSEC_SBOM_CYCLONEDX)
		rc = cdx_write(s, &sb);
	else if (fmt == MDSEC_SBOM_SPDX)
		rc = spdx_write(s, &sb);
	else
		rc = MDSEC_EUSAGE;
	if (rc == 0 && !sb.buf)
		rc = MDSEC_ENOMEM;
	if (rc < 0) {
		strbuf_release(&sb);
		return rc;
	}
	*out = strbuf_detach(&sb, len);
	return 0;
}
