/* SPDX-License-Identifier: Apache-2.0
 *
 * vulns_run.c - one matching run (vulns_run.h): input read (a model is
 * turned into its SBOM with supplier SBOMs and firmware scans merged),
 * components matched, findings sorted (component order of the writers,
 * then id), triage statements applied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "cli/cli.h"
#include "cli/vulns_run.h"
#include "mdsec/pipeline.h"

#include "base/banned.h"

static const mdsec_sbom *sort_s;

static int by_finding(const void *a, const void *b)
{
	const struct mdsec_vuln_finding *x = a, *y = b;
	int r = mdsec_sbom_component_cmp(&sort_s->components.v[x->component],
					 &sort_s->components.v[y->component]);

	return r ? r : strcmp(x->id, y->id);
}

static int by_unchecked(const void *a, const void *b)
{
	const struct mdsec_vuln_unchecked *x = a, *y = b;

	return mdsec_sbom_component_cmp(&sort_s->components.v[x->component],
					&sort_s->components.v[y->component]);
}

/* An SBOM (JSON) or a model (YAML), told apart by the first byte. */
static int load_input(const char *path, mdsec_sbom **s, mdsec_model **m,
		      struct mdsec_diag_list *dl)
{
	FILE *fp = fopen(path, "rb");
	int ch = ' ';

	if (fp) {
		while ((ch = fgetc(fp)) == ' ' || ch == '\n' || ch == '\r' ||
		       ch == '\t')
			;
		fclose(fp);
	}
	if (ch == '{')
		return mdsec_sbom_read(s, path, dl);
	{
		int rc = mdsec_model_load(m, path, NULL, dl);

		return rc < 0 ? rc : mdsec_model_sbom(s, *m, NULL, 0, dl);
	}
}

/* A report from stale data is worse than none: say so (db info --max-age
 * is the gate). */
static void warn_stale(mdsec_vulndb *db)
{
	struct mdsec_vulndb_source src[16];
	size_t i, n = 0;

	if (mdsec_vulndb_sources(db, src, 16, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		long age = cli_days_since(src[i].imported);

		if (age > VULNS_MAX_AGE_DAYS)
			fprintf(stderr,
				"%s: warning: source %s was imported %ld days "
				"ago (expected at most %d: mdsec db update)\n",
				mdsec_vulndb_path(db), src[i].name, age,
				VULNS_MAX_AGE_DAYS);
	}
}

int vulns_add_statements(const struct cli_cmd *cmd, const char **list,
			 size_t *n, const char *file)
{
	if (*n == VULNS_MAX_STATEMENTS) {
		cli_usage(cmd, "more than %d --statements files",
			  VULNS_MAX_STATEMENTS);
		return -1;
	}
	list[(*n)++] = file;
	return 0;
}

int vulns_run_load(struct vulns_run *run, const char *input, const char *db,
		   const char *triage, const char *const *statements,
		   size_t nstatements)
{
	struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
	bool began = false;
	int rc;

	memset(run, 0, sizeof(*run));
	if (db && !file_exists(db)) {
		cli_error("no database '%s' (create it with mdsec db import)",
			  db);
		return EXIT_ENV;
	}
	rc = load_input(input, &run->s, &run->m, &dl);
	if (rc == 0 && (rc = mdsec_vulndb_open(&run->db, db, &dl)) == 0)
		warn_stale(run->db);
	/* the digest, the matches and the aliases from one snapshot */
	if (rc == 0 && (rc = mdsec_vulndb_read_begin(run->db)) == 0)
		began = true;
	if (rc == 0)
		rc = mdsec_vulndb_digest(run->db, run->digest);
	if (rc == 0)
		rc = mdsec_vulns_match(run->db, run->s, &run->r, &dl);
	if (rc == 0) {
		sort_s = run->s;
		if (run->r.nfindings)
			qsort(run->r.findings, run->r.nfindings,
			      sizeof(*run->r.findings), by_finding);
		if (run->r.nunchecked)
			qsort(run->r.unchecked, run->r.nunchecked,
			      sizeof(*run->r.unchecked), by_unchecked);
		rc = triage_view_build(&run->tv, triage, statements,
				       nstatements, run->db, run->s, &run->r,
				       &dl);
	}
	if (began)
		mdsec_vulndb_read_end(run->db);
	mdsec_diag_list_sort(&dl);
	cli_print_diags(&dl, false);
	mdsec_diag_list_release(&dl);
	if (rc < 0)
		return rc == MDSEC_ENOTFOUND ? EXIT_INPUT : cli_exit_for(rc);
	return EXIT_CLEAN;
}

void vulns_run_release(struct vulns_run *run)
{
	triage_view_release(&run->tv);
	mdsec_vulns_release(&run->r);
	mdsec_vulndb_close(run->db);
	mdsec_sbom_free(run->s);
	mdsec_model_free(run->m);
	memset(run, 0, sizeof(*run));
}
