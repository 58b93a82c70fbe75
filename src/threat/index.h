/* SPDX-License-Identifier: Apache-2.0
 *
 * index.h - facts about a model computed once per analysis and shared by
 * the threat engine and the risk assessment: hosts, adjacency of flows,
 * software and assets per element, exposure, trust, and the controls and
 * justifications that name each object. All arrays live in one arena.
 */
#ifndef MDSEC_THREAT_INDEX_H
#define MDSEC_THREAT_INDEX_H

#include <stdbool.h>
#include "mdsec/model.h"
#include "mdsec/threat.h"
#include "base/arena.h"

/* Compressed adjacency: items of i are items[start[i] .. start[i+1]). */
struct adj {
	size_t *start; /* n + 1 offsets */
	size_t *items;
};

struct model_index {
	struct arena arena;
	int *el_trust;		 /* zone trust, -1 without zone */
	int *el_exposure;	 /* highest enabled exposure, own + hosts */
	bool *el_multi;		 /* multi-patient element */
	struct adj el_ifaces;	 /* interfaces of the element and its hosts */
	struct adj el_software;	 /* software on the element */
	struct adj el_stores;	 /* assets stored on it */
	struct adj el_flows_in;	 /* flows to it or to what runs on it */
	struct adj el_flows_out; /* flows from it or from what runs on it */
	struct adj el_next;	 /* elements one flow away, downstream */
	struct adj as_flows;	 /* flows carrying each asset */
	struct adj el_hazards;	 /* hazards linked to each element */
	struct adj fl_hazards;	 /* hazards linked to each flow */
	struct adj as_hazards;	 /* hazards linked to each asset */
	bool *fl_crosses;	 /* ends in different zones */
	int *fl_exposure;	 /* see docs/rules.md */
	const char **fl_via_protocols; /* via interfaces' protocols, or NULL */
	bool *sw_expired;	       /* end_of_support before today */
	unsigned *ctrl[MDSEC_KIND_COUNT];      /* category bits of implemented
					     controls protecting the object */
	unsigned char *just[MDSEC_KIND_COUNT]; /* named by a justification */
	struct adj ctrl_of[MDSEC_KIND_COUNT];  /* implemented controls that
						   protect each object */
};

/* Build the index; `today` is "YYYY-MM-DD". 0 or MDSEC_ENOMEM. */
int model_index_build(struct model_index **out, const mdsec_model *m,
		      const char *today);
void model_index_free(struct model_index *ix);

/* Control categories protecting (k, i) or an object it names
 * (docs/rules.md, "controlled_by"). */
unsigned index_controls(const struct model_index *ix, const mdsec_model *m,
			enum mdsec_kind k, size_t i);
bool index_justified(const struct model_index *ix, enum mdsec_kind k, size_t i);

/* Derive with a prebuilt index (engine.c). */
int mdsec_threats_derive_indexed(mdsec_threats **out,
				 const struct model_index *ix,
				 const mdsec_model *m, const mdsec_ruleset *rs);

#endif
