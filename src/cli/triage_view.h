/* SPDX-License-Identifier: Apache-2.0
 *
 * triage_view.h - the triage statements (the device maker's own file,
 * suppliers' VEX, advisories and exclusion lists) applied to the findings
 * of `mdsec vulns`: per finding the own decision, the supplier's, and the
 * one in force; the statements that matched nothing (stale); rendering
 * of both in text and JSON. Shared by `mdsec vulns` and `mdsec triage`.
 */
#ifndef MDSEC_CLI_TRIAGE_VIEW_H
#define MDSEC_CLI_TRIAGE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "mdsec/triage.h"
#include "mdsec/vulndb.h"

struct triage_view {
	mdsec_triage *t;
	struct mdsec_triage_match *m; /* one per finding, in their order */
	size_t n;
	size_t unassessed;
	bool given; /* any triage input was given */
};

/* Read the own file (may be NULL) and the supplier files, then look every
 * finding up (its aliases from the database too). Diagnostics in dl. */
int triage_view_build(struct triage_view *v, const char *own,
		      const char *const *supplier, size_t nsupplier,
		      mdsec_vulndb *db, const mdsec_sbom *s,
		      const struct mdsec_vulns *r, struct mdsec_diag_list *dl);
void triage_view_release(struct triage_view *v);

/* The state shown for finding i: "not_affected", ..., "unassessed". */
const char *triage_view_state(const struct triage_view *v, size_t i);
/* The finding's "triage" object (JSON), or nothing without input. */
void triage_view_json(const struct triage_view *v, size_t i, struct jsonw *w);
/* The report's "triage" summary: files, unassessed, stale entries. */
void triage_view_json_summary(const struct triage_view *v, struct jsonw *w);
/* The same in text, after the table. */
void triage_view_text_summary(const struct triage_view *v, struct strbuf *out);

#endif
