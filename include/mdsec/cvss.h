/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/cvss.h - CVSS v2.0, v3.0, v3.1 and v4.0 vectors: parsing and
 * validation (strict, or lenient for importers), the canonical vector, and
 * the base, temporal and environmental scores exactly as FIRST specifies
 * them (v4.0: the one score of FIRST's reference calculator, with its
 * nomenclature). The vulnerability and risk modules call this; `mdsec
 * cvss` prints it.
 *
 * Scores are integers of tenths (7.5 is 75), so that no caller compares
 * floating-point values. Diagnostics name the column of the bad metric:
 * its 1-based byte offset in the vector, shifted by the caller's loc.col.
 */
#ifndef MDSEC_CVSS_H
#define MDSEC_CVSS_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"

/** Versions. v2 vectors carry no prefix (as NVD writes them). */
enum mdsec_cvss_version {
	MDSEC_CVSS_V2 = 20,
	MDSEC_CVSS_V3_0 = 30,
	MDSEC_CVSS_V3_1 = 31,
	MDSEC_CVSS_V4_0 = 40
};

/** Parse modes. */
enum mdsec_cvss_mode {
	/* unknown, duplicate or out-of-order metric, missing base metric,
	 * bad value, malformed component: an error each */
	MDSEC_CVSS_STRICT = 0,
	/* order not enforced; where the score is still defined (out of
	 * order, a duplicate with the same value, an unknown metric, an
	 * empty component) a warning instead of an error */
	MDSEC_CVSS_LENIENT = 1
};

#define MDSEC_CVSS_MAX_METRICS 32
#define MDSEC_CVSS_MAX_LEN     512 /* longest vector accepted, in bytes */

/** A parsed vector. */
struct mdsec_cvss {
	enum mdsec_cvss_version version;
	/* per metric of the version, in specification order: 0 when the
	 * vector does not carry it, else 1 + index of its value */
	unsigned char value[MDSEC_CVSS_MAX_METRICS];
	bool has_temporal;	/* carries a temporal (v4: threat) metric */
	bool has_environmental; /* carries an environmental metric */
};

/** Scores in tenths (0..100). v4.0 has one score, which all three hold:
 * that of the metrics the vector carries (see mdsec_cvss_nomenclature). */
struct mdsec_cvss_scores {
	int base;
	int temporal;	   /* always computed (absent metrics are X / ND) */
	int environmental; /* always computed (absent metrics are X / ND) */
};

/**
 * Parse one vector of len bytes (no terminator needed). Diagnostics are
 * located at (at.file, at.line or 1, at.col - 1 + column in the vector,
 * at.col 0 counting as 1).
 * @return 0, MDSEC_EINPUT (see dl), MDSEC_ENOMEM
 */
int mdsec_cvss_parse(struct mdsec_cvss *out, const char *vector, size_t len,
		     enum mdsec_cvss_mode mode, struct mdsec_loc at,
		     struct mdsec_diag_list *dl);

/**
 * Write the canonical vector: the version's prefix, then the metrics the
 * vector carries in specification order, values in the specification's
 * spelling. Returns the length snprintf would have produced.
 */
int mdsec_cvss_format(char *buf, size_t size, const struct mdsec_cvss *c);

/** Compute the base, temporal and environmental scores. */
void mdsec_cvss_score(const struct mdsec_cvss *c,
		      struct mdsec_cvss_scores *out);

/**
 * The severity name of a score of this version: v2 "Low", "Medium",
 * "High" (NVD); v3 and v4 "None", "Low", "Medium", "High", "Critical".
 */
const char *mdsec_cvss_severity(enum mdsec_cvss_version v, int tenths);

/** "2.0", "3.0", "3.1" or "4.0". */
const char *mdsec_cvss_version_name(enum mdsec_cvss_version v);

/**
 * What a v4.0 score covers (CVSS v4.0 Specification section 1.3):
 * "CVSS-B", "CVSS-BT" (a threat metric other than X), "CVSS-BE" (an
 * environmental metric other than X) or "CVSS-BTE"; NULL before v4.0.
 */
const char *mdsec_cvss_nomenclature(const struct mdsec_cvss *c);

/*
 * The MITRE "Rubric for Applying CVSS to Medical Devices" (CVSS v3.0):
 * questions and decision logic loaded from data (data/rubric/rubric.yaml,
 * docs/rubric.md), applied to an answers file (YES / NO / UNKNOWN per
 * question, HIGH / LOW / NONE / UNKNOWN for C, I and A per category).
 */
struct mdsec_rubric;

#define MDSEC_RUBRIC_MAX_EXT 1024 /* longest extended vector, in bytes */

/** What applying the rubric gives. */
struct mdsec_rubric_result {
	struct mdsec_cvss cvss;		     /* the v3.0 base vector */
	int score;			     /* its base score, in tenths */
	char vector[MDSEC_CVSS_MAX_LEN];     /* canonical CVSS:3.0 vector */
	char extended[MDSEC_RUBRIC_MAX_EXT]; /* "XAVN:Y/XAVT:N/.../XAO:N" */
};

/**
 * Load rubric data from buf[0..len) (named file in diagnostics).
 * @return 0, MDSEC_EINPUT (see dl), MDSEC_ENOMEM
 */
int mdsec_rubric_load_buf(struct mdsec_rubric **out, const char *file,
			  const char *buf, size_t len,
			  struct mdsec_diag_list *dl);
/** Load rubric data from a file; adds MDSEC_ENOTFOUND, MDSEC_EIO. */
int mdsec_rubric_load(struct mdsec_rubric **out, const char *path,
		      struct mdsec_diag_list *dl);
/** Free a loaded rubric (NULL accepted). */
void mdsec_rubric_free(struct mdsec_rubric *r);

/**
 * Apply the rubric to an answers document buf[0..len) (named file in
 * diagnostics). A question on the path left unanswered counts as
 * UNKNOWN; a category left out counts as NONE for C, I and A.
 * @return 0, MDSEC_EINPUT (see dl), MDSEC_ENOMEM
 */
int mdsec_rubric_apply_buf(const struct mdsec_rubric *r, const char *file,
			   const char *buf, size_t len,
			   struct mdsec_rubric_result *out,
			   struct mdsec_diag_list *dl);
/** Apply the rubric to an answers file; adds MDSEC_ENOTFOUND, MDSEC_EIO. */
int mdsec_rubric_apply(const struct mdsec_rubric *r, const char *path,
		       struct mdsec_rubric_result *out,
		       struct mdsec_diag_list *dl);

#endif
