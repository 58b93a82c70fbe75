/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/pipeline.h - one analysis of one device model, stage by stage:
 * load the model, load the rules and the risk matrix, derive threats,
 * assess risks and findings. Every command that needs more than one
 * module goes through here, so no command re-assembles the pipeline.
 */
#ifndef MDSEC_PIPELINE_H
#define MDSEC_PIPELINE_H

#include <stdbool.h>
#include "mdsec/error.h"
#include "mdsec/model.h"
#include "mdsec/risk.h"
#include "mdsec/sbom.h"
#include "mdsec/threat.h"

struct mdsec_analysis_options {
	unsigned version;	      /* MDSEC_ANALYSIS_OPTIONS_VERSION */
	const char *const *rule_dirs; /* extra rule directories (--rules) */
	size_t nrule_dirs;
	bool no_default_rules; /* skip DATADIR/rules */
	const char *matrix;    /* matrix file; NULL: DATADIR/risk/matrix.yaml */
	bool model_only;       /* stop after loading the model */
};

#define MDSEC_ANALYSIS_OPTIONS_VERSION 1
#define MDSEC_ANALYSIS_OPTIONS_INIT                                            \
	{                                                                      \
		MDSEC_ANALYSIS_OPTIONS_VERSION, NULL, 0, false, NULL, false    \
	}

typedef struct mdsec_analysis {
	mdsec_model *model;
	mdsec_ruleset *rules;	      /* NULL when model_only */
	mdsec_threats *threats;	      /* NULL when model_only */
	mdsec_assessment *assessment; /* parallel to threats */
	struct mdsec_risk_matrix matrix;
	char today[11];	   /* assessment date, YYYY-MM-DD */
	char *matrix_path; /* the matrix file used */
} mdsec_analysis;

/**
 * Run the pipeline on the model at `path`.
 * @return 0; MDSEC_EINPUT (model, rules or matrix malformed; see dl);
 *         MDSEC_ENOTFOUND (model, rule directory or matrix missing);
 *         MDSEC_EIO; MDSEC_ENOMEM. On failure *out is NULL.
 */
int mdsec_analyze(mdsec_analysis **out, const char *path,
		  const struct mdsec_analysis_options *opts,
		  struct mdsec_diag_list *dl);

void mdsec_analysis_free(mdsec_analysis *a);

/** Threat report formats (docs/cli.md, `mdsec threats`). */
enum mdsec_threats_format {
	MDSEC_THREATS_TABLE,
	MDSEC_THREATS_JSON,
	MDSEC_THREATS_CSV
};

/** Output callback: write len bytes; return 0, or negative to stop. */
typedef int (*mdsec_write_fn)(void *payload, const char *buf, size_t len);

/**
 * Write the threats and risks through `w`. JSON is streamed one threat at
 * a time, so memory does not grow with the report.
 * @return 0, MDSEC_EIO (w failed) or MDSEC_ENOMEM
 */
int mdsec_threats_write(const mdsec_analysis *a,
			enum mdsec_threats_format format, mdsec_write_fn w,
			void *payload);

/**
 * Compare two analyses by threat id: added, removed, changed risk.
 * Renders the difference as text or JSON into *out (caller frees) and sets
 * *differ. 0 or MDSEC_ENOMEM.
 */
int mdsec_threats_diff(char **out, bool *differ, const mdsec_analysis *old_a,
		       const mdsec_analysis *new_a, bool json);

/**
 * The SBOM of a model with what ships scanned: mdsec_sbom_from_model(),
 * then every image the elements list under `firmware` scanned with the
 * shipped signatures (plus sigdirs) and merged in, each component found
 * attributed to its element with the image as evidence.
 */
int mdsec_model_sbom(mdsec_sbom **out, const mdsec_model *m,
		     const char *const *sigdirs, size_t nsigdirs,
		     struct mdsec_diag_list *dl);

#endif
