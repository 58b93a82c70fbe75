/* SPDX-License-Identifier: Apache-2.0
 *
 * cvss_int.h - what the version files (cvss2.c, cvss3.c, cvss4.c) share
 * with the common parser (cvss.c): the metric tables and the scoring entry
 * points.
 */
#ifndef MDSEC_CVSS_INT_H
#define MDSEC_CVSS_INT_H

#include "mdsec/cvss.h"

/* v4: CVSS_TEMPORAL holds the threat metric */
enum cvss_group {
	CVSS_BASE,
	CVSS_TEMPORAL,
	CVSS_ENVIRONMENTAL,
	CVSS_SUPPLEMENTAL
};

struct cvss_metric {
	const char *name;
	const char *const *values; /* NULL-terminated, specification spelling */
	enum cvss_group group;
};

struct cvss_spec {
	const char *label; /* "CVSS v3.1" in messages */
	const struct cvss_metric *metrics;
	int nmetrics;
};

extern const struct cvss_spec cvss2_spec;
extern const struct cvss_spec cvss3_spec;
extern const struct cvss_spec cvss4_spec;

void cvss2_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out);
void cvss3_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out);
void cvss4_score(const struct mdsec_cvss *c, struct mdsec_cvss_scores *out);

#endif
