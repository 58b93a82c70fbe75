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

#include "base/vec.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/cvss.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

static void best_metric(mdsec_vulndb *db, const char *id,
			struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	f->score = -1;
	/* NVD's own (origin nvd@nist.gov) before a CNA's; then the newest
	 * CVSS version */
	if (sqlite3_prepare_v2(
		    db->h,
		    "SELECT cvss_version, vector, origin FROM metric "
		    "WHERE vuln_id = ?1 ORDER BY "
		    "(origin = 'nvd@nist.gov') DESC, cvss_version "
		    "DESC, vector",
		    -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *vec = (const char *)sqlite3_column_text(st, 1);
		const char *origin = (const char *)sqlite3_column_text(st, 2);
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct mdsec_loc at = { NULL, 0, 0 };
		struct mdsec_cvss c;
		struct mdsec_cvss_scores sc;

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
	sqlite3_finalize(st);
}

static void kev_of(mdsec_vulndb *db, const char *id,
		   struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->h, "SELECT due_date FROM kev WHERE cve = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *due = (const char *)sqlite3_column_text(st, 0);

		f->kev = true;
		snprintf(f->kev_due, sizeof(f->kev_due), "%s", due ? due : "");
	}
	sqlite3_finalize(st);
}

static void epss_of(mdsec_vulndb *db, const char *id,
		    struct mdsec_vuln_finding *f)
{
	sqlite3_stmt *st;

	f->epss = f->epss_percentile = -1;
	if (sqlite3_prepare_v2(db->h,
			       "SELECT CAST(round(score * 100000) AS INTEGER), "
			       "CAST(round(percentile * 100000) AS INTEGER) "
			       "FROM epss WHERE cve = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		f->epss = sqlite3_column_int(st, 0);
		f->epss_percentile = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
}

static bool product_known(mdsec_vulndb *db, const char *cpe)
{
	struct mdsec_cpe c = MDSEC_CPE_INIT;
	char err[MDSEC_CPE_ERR_MAX], vendor[256], product[256];
	unsigned col = 0;
	sqlite3_stmt *st;
	bool known = false;

	if (mdsec_cpe_parse(cpe, &c, err, sizeof(err), &col) < 0)
		return false;
	if (mdsec_cpe_attr_get(&c, MDSEC_CPE_VENDOR, vendor, sizeof(vendor)) &&
	    mdsec_cpe_attr_get(&c, MDSEC_CPE_PRODUCT, product,
			       sizeof(product)) &&
	    sqlite3_prepare_v2(db->h,
			       "SELECT 1 FROM cpe_match WHERE vendor = ?1 AND "
			       "product = ?2 LIMIT 1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, vendor, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, product, -1, SQLITE_STATIC);
		known = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	mdsec_cpe_release(&c);
	return known;
}

void mdsec_vulns_release(struct mdsec_vulns *r)
{
	xfree(r->findings);
	xfree(r->unchecked);
	memset(r, 0, sizeof(*r));
}

int mdsec_vulns_match(mdsec_vulndb *db, const mdsec_sbom *s,
		      struct mdsec_vulns *r, struct mdsec_diag_list *dl)
{
	VEC(struct mdsec_vuln_finding) fv = VEC_INIT;
	VEC(struct mdsec_vuln_unchecked) uv = VEC_INIT;
	size_t i, j;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < s->components.n && rc == 0; i++) {
		const struct mdsec_component *c = &s->components.v[i];
		char **ids = NULL;
		size_t n = 0;

		if (!c->cpe) {
			struct mdsec_vuln_unchecked u = { i, "no CPE" };

			if (i != s->primary)
				rc = vec_push(&uv, u);
			continue;
		}
		if (!product_known(db, c->cpe)) {
			struct mdsec_vuln_unchecked u = {
				i, "its CPE vendor:product is unknown to the "
				   "database"
			};

			rc = vec_push(&uv, u);
			continue;
		}
		rc = mdsec_vulndb_match_cpe(db, c->cpe, &ids, &n, dl);
		for (j = 0; j < n && rc == 0; j++) {
			struct mdsec_vuln_finding f;

			memset(&f, 0, sizeof(f));
			f.component = i;
			snprintf(f.id, sizeof(f.id), "%s", ids[j]);
			best_metric(db, ids[j], &f);
			kev_of(db, ids[j], &f);
			epss_of(db, ids[j], &f);
			rc = vec_push(&fv, f);
		}
		mdsec_vulndb_free_ids(ids, n);
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
