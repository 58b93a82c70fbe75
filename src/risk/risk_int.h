/* SPDX-License-Identifier: Apache-2.0
 *
 * risk_int.h - the risk assessment with an index the pipeline built once.
 */
#ifndef MDSEC_RISK_INT_H
#define MDSEC_RISK_INT_H

#include "mdsec/risk.h"
#include "base/vec.h"
#include "threat/index.h"

int risk_assess_indexed(mdsec_assessment **out, const struct model_index *ix,
			const mdsec_model *m, const mdsec_threats *t,
			const struct mdsec_risk_matrix *mx);

#endif
