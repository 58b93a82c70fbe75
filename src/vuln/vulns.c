/* SPDX-License-Identifier: Apache-2.0
 *
 * vulns.c - the known vulnerabilities of an SBOM's components: each
 * component with a CPE matched against the database
 * (mdsec_vulndb_match_cpe), each finding with its CVSS (scored here by the
 * cvss module from the stored vector; precedence: the highest CVSS version
 * NVD itself published, then the highest a CNA published), its KEV flag
 * and due date, its EPSS probability and percentile when known. Components that cannot be checked are listed with the
 * reason, never silently clean: no CPE, or a vendor:product the database
 * knows nothing about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/cvss.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

static void best_metric(mdsec_vulndb *db, const char *id, const char *rec,
			struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	f->score = -1;
	/* NVD's own (origin nvd@nist.gov) before a CNA's; then the newest
	 * CVSS version */
	if (!(st = vdb_prepare(
		      db, "SELECT cvss_version, vector, origin FROM metric "
			  "WHERE vuln_id = ?1 OR vuln_id = ?2 ORDER BY "
			  "(cvss_version = 'text'), "
			  "(origin = 'nvd@nist.gov') DESC, (source = 'osv'), "
			  "cvss_version DESC, vector")))
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rec, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *vec = (const char *)sqlite3_column_text(st, 1);
		const char *origin = (const char *)sqlite3_column_text(st, 2);
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct mdsec_loc at = { NULL, 0, 0 };
		const char *ver = (const char *)sqlite3_column_text(st, 0);
		struct mdsec_cvss c;
		struct mdsec_cvss_scores sc;

		if (vec && ver && !strcmp(ver, "text")) {
			/* no CVSS anywhere: the CNA's own word, unscored */
			snprintf(f->severity, sizeof(f->severity), "%s", vec);
			snprintf(f->score_source, sizeof(f->score_source), "%s",
				 origin ? origin : "");
			break;
		}
		if (!vec || mdsec_cvss_parse(&c, vec, strlen(vec),
					     MDSEC_CVSS_LENIENT, at, &dl) < 0) {
			mdsec_diag_list_release(&dl);
			continue;
		}
		mdsec_diag_list_release(&dl);
		mdsec_cvss_score(&c, &sc);
		f->score = sc.base;
		snprintf(f->vector, sizeof(f->vector), "%s", vec);
		snprintf(f->score_source, sizeof(f->score_source), "%s",
			 origin ? origin : "");
		snprintf(f->severity, sizeof(f->severity), "%s",
			 mdsec_cvss_severity(c.version, sc.base));
		break;
	}
	sqlite3_reset(st);
}

static void kev_of(mdsec_vulndb *db, const char *id,
		   struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	if (!(st = vdb_prepare(db, "SELECT due_date FROM kev WHERE cve = ?1")))
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *due = (const char *)sqlite3_column_text(st, 0);

		f->kev = true;
		snprintf(f->kev_due, sizeof(f->kev_due), "%s", due ? due : "");
	}
	sqlite3_reset(st);
}

static void epss_of(mdsec_vulndb *db, const char *id,
		    struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	f->epss = f->epss_percentile = -1;
	if (!(st = vdb_prepare(db,
			       "SELECT CAST(round(score * 100000) AS INTEGER), "
			       "CAST(round(percentile * 100000) AS INTEGER) "
			       "FROM epss WHERE cve = ?1")))
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->epss = sqlite3_column_int(st, 0);
		f->epss_percentile = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
}

/* The CVE id an OSV record stands for: its id, or its only CVE alias. */
static void canonical_id(mdsec_vulndb *db, const struct mdsec_vuln_hit *h,
			 char *out, size_t n)
{
	sqlite3_stmt *st;
	int count = 0;

	snprintf(out, n, "%s", h->id);
	if (!strncmp(h->id, "CVE-", 4) ||
	    !(st = vdb_prepare(db,
			       "SELECT DISTINCT alias FROM alias WHERE "
			       "vuln_id = ?1 AND alias LIKE 'CVE-%' LIMIT 2")))
		return;
	sqlite3_bind_text(st, 1, h->id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (++count == 1)
			snprintf(out, n, "%s", sqlite3_column_text(st, 0));
	if (count != 1)
		snprintf(out, n, "%s", h->id);
	sqlite3_reset(st);
}

/* Rank of a source for the fixed version: the CNA's word first. */
static int fix_rank(const char *src)
{
	return !strcmp(src, "cve5") ? 0 : !strcmp(src, "osv") ? 1 : 2;
}

static void add_source(char *by, size_t n, const char *src)
{
	static const char *const order[] = { "nvd", "cve5", "osv" };
	char out[24] = "";
	size_t k;

	for (k = 0; k < 3; k++) {
		if (strcmp(order[k], src) && !strstr(by, order[k]))
			continue;
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
			 *out ? "+" : "", order[k]);
	}
	snprintf(by, n, "%s", out);
}

int mdsec_vulndb_aliases(mdsec_vulndb *db, const char *id, char ***ids,
			 size_t *n)
{
	sqlite3_stmt *st;
	VEC(char *) v = VEC_INIT;
	int rc = 0;

	*ids = NULL;
	*n = 0;
	if (!(st = vdb_prepare(db, "SELECT alias FROM alias WHERE vuln_id = ?1 "
				   "UNION SELECT vuln_id FROM alias WHERE "
				   "alias = ?1 ORDER BY 1")))
		return MDSEC_EIO;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		char *c;

		if (!a || !strcmp(a, id))
			continue;
		if (!(c = xstrdup(a)) || (rc = vec_push(&v, c)) < 0) {
			xfree(c);
			rc = MDSEC_ENOMEM;
		}
	}
	sqlite3_reset(st);
	if (rc < 0) {
		mdsec_vulndb_free_ids(v.v, v.n);
		return rc;
	}
	*ids = v.v;
	*n = v.n;
	return 0;
}

void mdsec_vulns_release(struct mdsec_vulns *r)
{
	xfree(r->findings);
	xfree(r->unchecked);
	memset(r, 0, sizeof(*r));
}

/* Match one component by its CPE and PURL; an identifier that does not
 * parse (SBOMs from strangers keep what they were given) leaves the other
 * to match alone (*partial), or the component unchecked (MDSEC_EINPUT). */
static int match_component(mdsec_vulndb *db, const struct mdsec_component *c,
			   struct mdsec_vuln_hit **h, size_t *n, bool *known,
			   bool *partial, struct mdsec_diag_list *dl)
{
	size_t i;
	struct mdsec_diag_list scratch = MDSEC_DIAG_LIST_INIT;
	int rc = mdsec_vulndb_match(db, c->cpe, c->purl, c->version, h, n,
				    known, &scratch);

	*partial = false;
	if (rc == MDSEC_EINPUT && c->cpe && c->purl) {
		rc = mdsec_vulndb_match(db, c->cpe, NULL, c->version, h, n,
					known, &scratch);
		if (rc == MDSEC_EINPUT)
			rc = mdsec_vulndb_match(db, NULL, c->purl, c->version,
						h, n, known, &scratch);
		*partial = rc == 0;
	}
	/* a database error is the caller's to report */
	for (i = 0; rc < 0 && rc != MDSEC_EINPUT && i < scratch.len; i++)
		diag_error(dl, scratch.items[i].loc, "%s",
			   scratch.items[i].msg);
	mdsec_diag_list_release(&scratch);
	return rc;
}

static const char *unknown_reason(const struct mdsec_component *c)
{
	if (c->cpe && c->purl)
		return "neither its CPE vendor:product nor its PURL package "
		       "is known to the database";
	return c->cpe ? "its CPE vendor:product is unknown to the database"
		      : "its PURL package is unknown to the database";
}

/* One hit under the id of the vulnerability it stands for. */
struct named_hit {
	char id[64];
	const struct mdsec_vuln_hit *h;
};

static int by_vuln(const void *a, const void *b)
{
	const struct named_hit *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->h->id, y->h->id);
}

/* The findings of one component from its hits, grouped by vulnerability
 * (sorted, so linear in the hits): one finding per vulnerability with a
 * decided hit, every source that decided named, the fixed version from
 * the source ranked first by fix_rank(); a vulnerability with undecided
 * hits only is listed as not checked for the component. */
static int component_findings(mdsec_vulndb *db, size_t ci,
			      struct mdsec_vuln_hit *h, size_t n, void *fvp,
			      void *uvp)
{
	VEC(struct mdsec_vuln_finding) *fv = fvp;
	VEC(struct mdsec_vuln_unchecked) *uv = uvp;
	struct named_hit *nh = xcalloc(n + 1, sizeof(*nh));
	size_t i, j, k;
	int rc = 0;

	if (!nh)
		return MDSEC_ENOMEM;
	for (i = 0; i < n; i++) {
		canonical_id(db, &h[i], nh[i].id, sizeof(nh[i].id));
		nh[i].h = &h[i];
	}
	if (n)
		qsort(nh, n, sizeof(*nh), by_vuln);
	for (i = 0; i < n && rc == 0; i = j) {
		struct mdsec_vuln_finding f;
		const struct mdsec_vuln_hit *rep = NULL;
		int best = 3;

		for (j = i; j < n && !strcmp(nh[j].id, nh[i].id); j++)
			if (!nh[j].h->undecided && !rep)
				rep = nh[j].h;
		if (!rep) {
			struct mdsec_vuln_unchecked u;

			memset(&u, 0, sizeof(u));
			u.component = ci;
			u.reason = "the record names it only by commit ranges "
				   "(GIT): not decided without the commit "
				   "graph";
			snprintf(u.vuln, sizeof(u.vuln), "%s", nh[i].id);
			rc = vec_push(uv, u);
			continue;
		}
		memset(&f, 0, sizeof(f));
		f.component = ci;
		snprintf(f.id, sizeof(f.id), "%s", nh[i].id);
		for (k = i; k < j; k++) {
			const struct mdsec_vuln_hit *x = nh[k].h;

			if (x->undecided)
				continue;
			add_source(f.matched_by, sizeof(f.matched_by),
				   x->source);
			if (*x->fixed && fix_rank(x->source) < best) {
				best = fix_rank(x->source);
				snprintf(f.fixed, sizeof(f.fixed), "%s",
					 x->fixed);
			}
		}
		best_metric(db, f.id, rep->id, &f);
		kev_of(db, f.id, &f);
		epss_of(db, f.id, &f);
		rc = vec_push(fv, f);
	}
	xfree(nh);
	return rc;
}

int mdsec_vulns_match(mdsec_vulndb *db, const mdsec_sbom *s,
		      struct mdsec_vulns *r, struct mdsec_diag_list *dl)
{
	VEC(struct mdsec_vuln_finding) fv = VEC_INIT;
	VEC(struct mdsec_vuln_unchecked) uv = VEC_INIT;
	size_t i;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < s->components.n && rc == 0; i++) {
		const struct mdsec_component *c = &s->components.v[i];
		struct mdsec_vuln_hit *h = NULL;
		struct mdsec_vuln_unchecked u;
		size_t n = 0;
		bool known = false, partial = false;

		memset(&u, 0, sizeof(u));
		u.component = i;
		if (!c->cpe && !c->purl) {
			u.reason = "no CPE or PURL";
			if (i != s->primary)
				rc = vec_push(&uv, u);
			continue;
		}
		rc = match_component(db, c, &h, &n, &known, &partial, dl);
		if (rc == MDSEC_EINPUT) {
			u.reason = "neither its CPE nor its PURL is valid";
			rc = vec_push(&uv, u);
			continue;
		}
		if (rc == 0 && partial) {
			u.reason =
				"one of its identifiers (CPE or PURL) is not "
				"valid: matched by the other only";
			rc = vec_push(&uv, u);
		}
		if (rc == MDSEC_ELIMIT) {
			u.reason = "more candidate records than the bound "
				   "(MDSEC_VULN_MAX_CANDIDATES): not checked";
			rc = vec_push(&uv, u);
			continue;
		}
		if (rc == 0 && !known) {
			u.reason = unknown_reason(c);
			rc = vec_push(&uv, u);
		} else if (rc == 0) {
			rc = component_findings(db, i, h, n, &fv, &uv);
		}
		xfree(h);
	}
	if (rc < 0) {
		vec_release(&fv);
		vec_release(&uv);
		return rc;
	}
	r->findings = fv.v;
	r->nfindings = fv.n;
	r->unchecked = uv.v;
	r->nunchecked = uv.n;
	return 0;
}
