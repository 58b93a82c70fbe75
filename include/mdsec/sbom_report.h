/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/sbom_report.h - what is said about SBOMs once they are read: the
 * quality check (are the NTIA minimum elements and the FDA support fields
 * there, per component and for the document, scored like sbomqs) and the
 * difference between two SBOMs (components added, removed and changed,
 * dependency edges added and removed). Both render as text or as JSON
 * (docs/schemas/sbom-check.schema.json, format mdsec.sbom-check/1;
 * docs/schemas/sbom-diff.schema.json, format mdsec.sbom-diff/1). The
 * checks, the score formula and the matching rules: docs/formats.md.
 *
 * Every output is deterministic: components are listed in the order
 * name, version, purl, cpe, ref; scores are computed in integers.
 */
#ifndef MDSEC_SBOM_REPORT_H
#define MDSEC_SBOM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/sbom.h"

/** How a report is rendered. */
enum mdsec_report_format {
	MDSEC_REPORT_TEXT = 0, /* aligned text for people */
	MDSEC_REPORT_JSON = 1  /* JSON with a "format" member and a schema */
};

/** The quality checks, in report order. Document checks pass or fail
 * once; component checks count the components that pass. */
enum mdsec_sbom_check_id {
	MDSEC_SBOM_CHECK_AUTHOR = 0,	 /* ntia.author: the SBOM's author */
	MDSEC_SBOM_CHECK_TIMESTAMP,	 /* ntia.timestamp */
	MDSEC_SBOM_CHECK_PRIMARY,	 /* ntia.primary: product described */
	MDSEC_SBOM_CHECK_GRAPH,		 /* ntia.graph: any dependency */
	MDSEC_SBOM_CHECK_SUPPLIER,	 /* ntia.supplier */
	MDSEC_SBOM_CHECK_NAME,		 /* ntia.name */
	MDSEC_SBOM_CHECK_VERSION,	 /* ntia.version */
	MDSEC_SBOM_CHECK_IDENTIFIER,	 /* ntia.identifier: purl or cpe */
	MDSEC_SBOM_CHECK_DEPENDENCY,	 /* ntia.dependency: in the graph */
	MDSEC_SBOM_CHECK_SUPPORT,	 /* fda.support: level of support */
	MDSEC_SBOM_CHECK_END_OF_SUPPORT, /* fda.end_of_support */
	MDSEC_SBOM_NCHECKS
};

/** The result of one check. */
struct mdsec_sbom_check {
	const char *id;	   /* "ntia.supplier", "fda.support", ... */
	const char *field; /* the field it looks at: "supplier", ... */
	bool document;	   /* a document check (total is 1) */
	size_t passed;	   /* components (or 1 for the document) passing */
	size_t justified;  /* of passed: end of support justified, not
			     * dated (fda.end_of_support only) */
	size_t total;	   /* components checked (or 1) */
	int score;	   /* tenths, 0..100 for 0.0..10.0: passed/total
			     * x 10 rounded half up; 0 when total is 0 */
};

/** The quality of one SBOM. */
struct mdsec_sbom_quality {
	struct mdsec_sbom_check checks[MDSEC_SBOM_NCHECKS];
	int score;	   /* 0..100: mean of the check scores, x 10,
			    * rounded half up */
	int ntia;	   /* 0..100: the same over the ntia.* checks */
	int fda;	   /* 0..100: the same over the fda.* checks */
	size_t incomplete; /* components missing at least one field */
};

/** Check s into *q. 0 or MDSEC_ENOMEM. */
int mdsec_sbom_quality(const mdsec_sbom *s, struct mdsec_sbom_quality *q);

/** Quality report of s. *out malloc'd, NUL-terminated text; *score the
 * overall score 0..100 (struct mdsec_sbom_quality.score). format is an
 * enum mdsec_report_format. 0, MDSEC_ENOMEM or MDSEC_EUSAGE. */
int mdsec_sbom_check_report(const mdsec_sbom *s, int format, char **out,
			    int *score);

/** Counts of a comparison. */
struct mdsec_sbom_diff_counts {
	size_t added;	     /* components only in the new SBOM */
	size_t removed;	     /* components only in the old SBOM */
	size_t changed;	     /* matched components whose fields differ */
	size_t deps_added;   /* dependency edges only in the new SBOM */
	size_t deps_removed; /* dependency edges only in the old SBOM */
};

/** Compare old and new_ without rendering. 0 or MDSEC_ENOMEM. */
int mdsec_sbom_diff(const mdsec_sbom *old, const mdsec_sbom *new_,
		    struct mdsec_sbom_diff_counts *counts);

/** What changed from old to new_. *out malloc'd, NUL-terminated;
 * *nchanges the number of differences: components added, removed and
 * changed plus dependency edges added and removed (0 = the SBOMs list the
 * same components with the same fields and the same graph). 0,
 * MDSEC_ENOMEM or MDSEC_EUSAGE. */
int mdsec_sbom_diff_report(const mdsec_sbom *old, const mdsec_sbom *new_,
			   int format, char **out, size_t *nchanges);

#endif
