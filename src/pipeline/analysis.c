/* SPDX-License-Identifier: Apache-2.0
 *
 * analysis.c - the pipeline for one device model: load -> resolve (the
 * model module) -> derive threats (threat) -> assess risks (risk). The
 * model index is built once and shared by the derive and assess stages.
 */
#include <stdio.h>
#include <string.h>
#include "mdsec/mdsec.h"
#include "mdsec/pipeline.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "risk/risk_int.h"
#include "threat/index.h"
#include "base/banned.h"

int mdsec_analyze(mdsec_analysis **out, const char *path,
		  const struct mdsec_analysis_options *opts,
		  struct mdsec_diag_list *dl)
{
	struct mdsec_analysis_options defaults = MDSEC_ANALYSIS_OPTIONS_INIT;
	struct strbuf rules_dir = STRBUF_INIT, matrix = STRBUF_INIT;
	const char **dirs = NULL;
	struct model_index *ix = NULL;
	mdsec_analysis *a;
	size_t n = 0, i;
	time_t now;
	char stamp[21];
	int error;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	a = xcalloc(1, sizeof(*a));
	if (!a)
		return MDSEC_ENOMEM;
	error = mdsec_model_load(&a->model, path, NULL, dl);
	if (error < 0 || opts->model_only)
		goto out;
	time_output(&now);
	time_iso8601(stamp, now);
	memcpy(a->today, stamp, 10);
	a->today[10] = '\0';

	dirs = xcalloc(opts->nrule_dirs + 1, sizeof(*dirs));
	if (!dirs) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	if (!opts->no_default_rules) {
		if (strbuf_addf(&rules_dir, "%s/rules", mdsec_datadir()) < 0) {
			error = MDSEC_ENOMEM;
			goto out;
		}
		dirs[n++] = rules_dir.buf;
	}
	for (i = 0; i < opts->nrule_dirs; i++)
		dirs[n++] = opts->rule_dirs[i];
	error = mdsec_rules_load(&a->rules, dirs, n, dl);
	if (error < 0)
		goto out;
	if (opts->matrix)
		error = strbuf_addstr(&matrix, opts->matrix);
	else
		error = strbuf_addf(&matrix, "%s/risk/matrix.yaml",
				    mdsec_datadir());
	if (error < 0)
		goto out;
	error = mdsec_risk_matrix_load(&a->matrix, matrix.buf, dl);
	if (error < 0)
		goto out;
	a->matrix_path = strbuf_detach(&matrix, NULL);
	error = model_index_build(&ix, a->model, a->today);
	if (error < 0)
		goto out;
	error = mdsec_threats_derive_indexed(&a->threats, ix, a->model,
					     a->rules);
	if (error < 0)
		goto out;
	error = risk_assess_indexed(&a->assessment, ix, a->model, a->threats,
				    &a->matrix);
out:
	model_index_free(ix);
	xfree(dirs);
	strbuf_release(&rules_dir);
	strbuf_release(&matrix);
	if (error < 0) {
		mdsec_analysis_free(a);
		return error;
	}
	*out = a;
	return 0;
}

void mdsec_analysis_free(mdsec_analysis *a)
{
	if (!a)
		return;
	mdsec_assessment_free(a->assessment);
	mdsec_threats_free(a->threats);
	mdsec_rules_free(a->rules);
	mdsec_model_free(a->model);
	xfree(a->matrix_path);
	xfree(a);
}
