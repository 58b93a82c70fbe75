/* SPDX-License-Identifier: Apache-2.0
 *
 * vulns_run.h - one matching run, shared by `mdsec vulns` and `mdsec
 * triage list`: the model or SBOM read, its components matched against
 * the database, findings in report order, triage statements applied.
 */
#ifndef MDSEC_CLI_VULNS_RUN_H
#define MDSEC_CLI_VULNS_RUN_H

#include "cli/triage_view.h"
#include "mdsec/model.h"
#include "mdsec/sbom.h"
#include "mdsec/vulndb.h"

/* Supplier statement files one run takes (--statements). */
#define VULNS_MAX_STATEMENTS 64

/* A source imported longer ago than this is warned about. */
#define VULNS_MAX_AGE_DAYS 7

struct vulns_run {
	mdsec_model *m; /* NULL for an SBOM input */
	mdsec_sbom *s;
	mdsec_vulndb *db;
	struct mdsec_vulns r; /* findings sorted by component, then id */
	struct triage_view tv;
	char digest[65]; /* the database's content digest */
};

struct cli_cmd;
/* One more --statements file (of at most VULNS_MAX_STATEMENTS); a usage
 * message and -1 past the limit. */
int vulns_add_statements(const struct cli_cmd *cmd, const char **list,
			 size_t *n, const char *file);

/* Run; diagnostics printed. Returns EXIT_CLEAN or the exit status of the
 * failure (2 bad input, 3 no database...). Release in every case. */
int vulns_run_load(struct vulns_run *run, const char *input, const char *db,
		   const char *triage, const char *const *statements,
		   size_t nstatements);
void vulns_run_release(struct vulns_run *run);

#endif
