/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/risk.h - security risk per threat, the AAMI TIR57 / SW96 way:
 * exploitability (not probability) on five levels against the severity of
 * the patient harm on five levels, before and after controls, placed in a
 * configurable 5x5 acceptability matrix (docs/risk.md).
 */
#ifndef MDSEC_RISK_H
#define MDSEC_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"
#include "mdsec/model.h"
#include "mdsec/threat.h"

/** Acceptability regions of the matrix. */
enum mdsec_region {
	MDSEC_REGION_ACCEPTABLE,
	MDSEC_REGION_REVIEW, /* acceptable with justification (ALARP) */
	MDSEC_REGION_UNACCEPTABLE
};

/** The matrix: region[severity][exploitability - 1]. */
struct mdsec_risk_matrix {
	enum mdsec_region region[5][5];
};

/**
 * Load a matrix file (data/risk/matrix.yaml layout, docs/risk.md).
 * @return 0, MDSEC_EINPUT (see dl), MDSEC_ENOTFOUND, MDSEC_ENOMEM
 */
int mdsec_risk_matrix_load(struct mdsec_risk_matrix *out, const char *path,
			   struct mdsec_diag_list *dl);

/** Where a threat's severity came from. */
enum mdsec_severity_source {
	MDSEC_SEVERITY_HAZARD, /* a linked hazard's harm */
	MDSEC_SEVERITY_ASSET,  /* an asset's CIA need */
	MDSEC_SEVERITY_DEFAULT /* nothing linked: serious, stated as such */
};

/** The risk of one threat, with the inputs that produced it. */
struct mdsec_risk {
	int exposure;	     /* enum mdsec_exposure of the target */
	bool authenticated;  /* the flow authenticates its sender */
	int complexity;	     /* rule's: 0 low, 1 medium, 2 high */
	int before;	     /* exploitability before controls, 1..5 */
	int after;	     /* after controls, 1..5 */
	bool after_computed; /* false when the model states it */
	size_t *controls;    /* indices of model controls applied */
	size_t ncontrols;
	enum mdsec_severity severity;
	enum mdsec_severity_source severity_source;
	size_t severity_object; /* hazard or asset index */
	long decision;		/* index in model->decisions, -1 none */
	enum mdsec_region region_before, region_after;
};

/** Kinds of findings (docs/risk.md, "Findings"). */
enum mdsec_finding_kind {
	MDSEC_FINDING_UNMITIGATED,   /* no control, no decision */
	MDSEC_FINDING_UNACCEPTABLE,  /* residual in the unacceptable region */
	MDSEC_FINDING_STALE_DECISION /* a decision for no derived threat */
};

struct mdsec_finding {
	enum mdsec_finding_kind kind;
	bool gating;	      /* makes `mdsec check` exit 1 */
	const char *threat;   /* threat id (borrowed) */
	struct mdsec_loc loc; /* the object or decision it is about */
	char *msg;	      /* owned */
};

typedef struct mdsec_assessment {
	struct mdsec_risk *risks; /* parallel to the threat list */
	size_t nrisks;
	struct mdsec_finding *findings; /* sorted by location, then threat */
	size_t nfindings;
	size_t ngating;
} mdsec_assessment;

/**
 * Assess every threat of `t` derived from `m` against `matrix`.
 * @return 0 or MDSEC_ENOMEM
 */
int mdsec_risk_assess(mdsec_assessment **out, const mdsec_model *m,
		      const mdsec_threats *t,
		      const struct mdsec_risk_matrix *matrix);

void mdsec_assessment_free(mdsec_assessment *a);

/** "acceptable", "review", "unacceptable". */
const char *mdsec_region_name(enum mdsec_region r);
/** "very-low" .. "very-high" for 1..5. */
const char *mdsec_exploitability_name(int level);

#endif
