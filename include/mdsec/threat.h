/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/threat.h - threat rules (data/rules/ (YAML), docs/rules.md) and the
 * engine that applies them to a device model: every object on which a
 * rule's condition holds gives one threat, with a stable id
 * "RULE-ID@object-id" that survives edits elsewhere in the model.
 *
 * Ownership: a rule set and a threat list own everything they point to;
 * a threat list also borrows from the model and the rule set it was derived
 * from, which must outlive it.
 */
#ifndef MDSEC_THREAT_H
#define MDSEC_THREAT_H

#include <stddef.h>
#include "mdsec/error.h"
#include "mdsec/model.h"

/** STRIDE categories. */
enum mdsec_stride {
	MDSEC_STRIDE_SPOOFING,
	MDSEC_STRIDE_TAMPERING,
	MDSEC_STRIDE_REPUDIATION,
	MDSEC_STRIDE_INFORMATION_DISCLOSURE,
	MDSEC_STRIDE_DENIAL_OF_SERVICE,
	MDSEC_STRIDE_ELEVATION_OF_PRIVILEGE
};

/** One rule, as loaded. Read-only for callers. */
struct mdsec_rule {
	const char *id; /* e.g. "MED-THERAPY-NOAUTH" */
	const char *title;
	enum mdsec_kind target; /* element, interface, flow, software, asset */
	enum mdsec_stride stride;
	const int *capec; /* CAPEC ids */
	size_t ncapec;
	const int *cwe; /* CWE ids */
	size_t ncwe;
	int complexity; /* 0 low, 1 medium, 2 high */
	const char *rationale;
	const char *harm;
	unsigned mitigations; /* bits of enum mdsec_control_category */
	struct mdsec_loc loc; /* where the rule is written */
	void *cond;	      /* private: the compiled condition */
};

typedef struct mdsec_ruleset {
	struct mdsec_rule *rules; /* sorted by id */
	size_t nrules;
	void *priv; /* private */
} mdsec_ruleset;

/**
 * Load every *.yaml file of each directory (in name order) into one rule
 * set. Problems are reported in `dl` with their location; duplicate rule
 * ids across files are errors.
 * @return 0, MDSEC_EINPUT, MDSEC_ENOTFOUND (a directory is missing),
 *         MDSEC_ENOMEM
 */
int mdsec_rules_load(mdsec_ruleset **out, const char *const *dirs, size_t ndirs,
		     struct mdsec_diag_list *dl);

/** Load rules from one buffer named `name` (tests, fuzzing). */
int mdsec_rules_load_buffer(mdsec_ruleset **out, const char *name,
			    const char *buf, size_t len,
			    struct mdsec_diag_list *dl);

/** Free a rule set; accepts NULL. */
void mdsec_rules_free(mdsec_ruleset *rs);

/** One derived threat. */
struct mdsec_threat {
	char *id;		       /* "RULE-ID@object-id" */
	const struct mdsec_rule *rule; /* borrowed from the rule set */
	enum mdsec_kind kind;	       /* target object's kind */
	size_t index;		       /* target object's index in the model */
	const char *object;	       /* target object's id (borrowed) */
};

typedef struct mdsec_threats {
	struct mdsec_threat *v; /* sorted by id */
	size_t n;
} mdsec_threats;

/**
 * Apply every rule of `rs` to `model`. `today` is the assessment date
 * "YYYY-MM-DD" (software support_expired compares against it).
 * @return 0 or MDSEC_ENOMEM
 */
int mdsec_threats_derive(mdsec_threats **out, const mdsec_model *model,
			 const mdsec_ruleset *rs, const char *today);

/** Free a threat list; accepts NULL. */
void mdsec_threats_free(mdsec_threats *t);

/** Name of a STRIDE category, e.g. "information-disclosure". */
const char *mdsec_stride_name(enum mdsec_stride s);

#endif
