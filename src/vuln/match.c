/* SPDX-License-Identifier: Apache-2.0
 *
 * match.c - which records name a component as affected at its version.
 *
 * By CPE, from the narrow tables keyed by vendor and product (never a
 * wildcard vendor or product):
 * - NVD configurations (cpe_match): exact part too; rows with vulnerable
 *   = 0 (the platform an application runs on, in an AND configuration)
 *   are never candidates: the platform is a fact about the device, not
 *   the component. Versions decided with the generic NVD scheme, the CPE
 *   update field folded in. A criteria version of ANY with no range, or
 *   NA ("-"), applies to every version: NVD writes those when the whole
 *   product is affected (reported, not hidden).
 * - CVE JSON 5 (cna_version): per affected entry, the versions[] entries
 *   decide as the format defines them (version alone: that version;
 *   with lessThan / lessThanOrEqual: from version up to it, "*" open,
 *   "5.4.*" every 5.4.x), exact entries before ranges, an affected range
 *   before an unaffected one that overlaps it; otherwise defaultStatus.
 *   Commit-hash entries (versionType git, or commit ids written as
 *   versions) are not decided. The CNA's own entries decide for the
 *   product when they carry versions; an ADP's only where they do not.
 * By PURL, from osv_range keyed by type and name (namespace compared):
 *   intervals and listed versions in the row's scheme; GIT ranges only
 *   make an "undecided" hit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "mdsec/version.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

struct hits {
	struct mdsec_vuln_hit *v;
	size_t n, alloc;
	size_t rows; /* candidate rows seen */
};

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ANY ("*") as mdsec_cpe_attr_get shows it, or nothing. */
static bool any(const char *v)
{
	return !v || !*v || !strcmp(v, "*");
}

static int add_hit(struct hits *h, const char *id, const char *fixed,
		   const char *source, bool undecided)
{
	struct mdsec_vuln_hit *x;

	if (h->n == h->alloc) {
		size_t na = h->alloc ? h->alloc * 2 : 16;
		struct mdsec_vuln_hit *nv =
			xreallocarray(h->v, na, sizeof(*nv));

		if (!nv)
			return MDSEC_ENOMEM;
		h->v = nv;
		h->alloc = na;
	}
	x = &h->v[h->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->id, sizeof(x->id), "%s", id);
	snprintf(x->fixed, sizeof(x->fixed), "%s", fixed ? fixed : "");
	snprintf(x->source, sizeof(x->source), "%s", source);
	x->undecided = undecided;
	return 0;
}

static int step_row(struct hits *h, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && ++h->rows > MDSEC_VULN_MAX_CANDIDATES)
		return MDSEC_ELIMIT;
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : MDSEC_EIO;
}

/* ---- NVD configurations ---- */

static bool nvd_row_matches(sqlite3_stmt *st, const char *ver, const char *upd)
{
	const char *rv = col(st, 1), *ru = col(st, 2), *start = col(st, 3),
		   *end = col(st, 5);
	bool sin = sqlite3_column_int(st, 4) != 0;
	bool ein = sqlite3_column_int(st, 6) != 0;

	if (start || end) {
		if (any(ver) || !strcmp(ver, "-"))
			return false; /* no version: a range cannot decide */
		if (start && mdsec_version_cmp_update(ver, upd, start, NULL) <
				     (sin ? 0 : 1))
			return false;
		if (end && mdsec_version_cmp_update(ver, upd, end, NULL) >
				   (ein ? 0 : -1))
			return false;
		return true;
	}
	if (any(rv) || !strcmp(rv, "-"))
		return true;
	if (any(ver))
		return false;
	if (!any(ru) && strcmp(ru, "-"))
		return mdsec_version_cmp_update(ver, upd, rv, ru) == 0;
	return mdsec_version_cmp_update(ver, upd, rv, NULL) == 0;
}

static int match_nvd(mdsec_vulndb *db, struct hits *out, const char *part,
		     const char *vendor, const char *product, const char *ver,
		     const char *upd)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = vdb_prepare(db,
			       "SELECT vuln_id, version, version_update, "
			       "start, start_incl, end, end_incl FROM "
			       "cpe_match WHERE vendor = ?1 AND product = ?2 "
			       "AND part = ?3 AND vulnerable = 1")))
		return MDSEC_EIO;
	sqlite3_bind_text(st, 1, vendor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, product, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, part, -1, SQLITE_STATIC);
	while ((rc = step_row(out, st)) == 1) {
		const char *end = col(st, 5);
		bool ein = sqlite3_column_int(st, 6) != 0;

		if (!nvd_row_matches(st, ver, upd))
			continue;
		if ((rc = add_hit(out, col(st, 0), end && !ein ? end : NULL,
				  "nvd", false)) < 0)
			break;
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- CVE JSON 5 ---- */

/* v <= bound, where bound may end in ".*" (every release of that
 * prefix) or be "*" (no bound). */
static bool at_most(const char *v, const char *upd, const char *bound)
{
	size_t n = strlen(bound);

	if (!strcmp(bound, "*"))
		return true;
	if (n > 2 && !strcmp(bound + n - 2, ".*")) {
		char pre[128];

		if (n - 2 >= sizeof(pre))
			return false;
		memcpy(pre, bound, n - 2);
		pre[n - 2] = '\0';
		if (mdsec_version_cmp_update(v, upd, pre, NULL) <= 0)
			return true;
		return !strncmp(v, pre, n - 2) &&
		       (v[n - 2] == '.' || v[n - 2] == '\0');
	}
	return mdsec_version_cmp_update(v, upd, bound, NULL) <= 0;
}

/* One affected entry's status at v: 'a'ffected, 'u'naffected, '?'
 * (unknown) or 0 (nothing said); and the record's, over its entries. */
struct cna_state {
	char exact, range, deflt;
	bool adp;	/* the entry is an ADP's, not the CNA's */
	bool decidable; /* the entry has rows other than commit hashes */
	bool gitonly;	/* it has affected commit-hash rows only */
	char fixed[64];
};

struct cna_record {
	char id[64];
	bool decidable, undecidable;
	bool cna_decides;      /* the CNA's own entries have versions */
	bool cna_hit, adp_hit; /* an entry of each says affected */
	char cna_fixed[64], adp_fixed[64];
};

/* A git commit id written where a version goes (CISA's ADP copies the
 * kernel CNA's commit ranges with versionType "custom"): 7 to 64 hex
 * digits with at least one letter. */
static bool commit_like(const char *s)
{
	size_t n = 0;
	bool letter = false;

	for (; s && s[n]; n++) {
		char c = s[n];

		if (c >= 'a' && c <= 'f')
			letter = true;
		else if (!(c >= '0' && c <= '9'))
			return false;
	}
	return n >= 7 && n <= 64 && letter;
}

static void cna_row(struct cna_state *s, sqlite3_stmt *st, const char *v,
		    const char *upd)
{
	const char *ver = col(st, 2), *status = col(st, 3), *type = col(st, 4),
		   *lt = col(st, 5);
	bool lte = sqlite3_column_int(st, 6) != 0;
	char mark;

	if (!ver || !status) {
		s->decidable = true; /* no versions: defaultStatus says */
		return;
	}
	mark = !strcmp(status, "affected")     ? 'a'
	       : !strcmp(status, "unaffected") ? 'u'
					       : '?';
	if ((type && !strcmp(type, "git")) || commit_like(ver) ||
	    commit_like(lt)) {
		s->gitonly |= mark == 'a';
		return;
	}
	s->decidable = true;
	if (any(v) || !strcmp(v, "-"))
		return; /* no version: only defaultStatus can say */
	if (!lt) {
		if (mdsec_version_cmp_update(v, upd, ver, NULL) == 0 &&
		    s->exact != 'a')
			s->exact = mark;
		return;
	}
	if (strcmp(ver, "0") && strcmp(ver, "*") &&
	    mdsec_version_cmp_update(v, upd, ver, NULL) < 0)
		return;
	if (lte ? !at_most(v, upd, lt)
		: strcmp(lt, "*") &&
			    mdsec_version_cmp_update(v, upd, lt, NULL) >= 0)
		return;
	if (s->range != 'a') {
		s->range = mark;
		if (mark == 'a' && !lte && strcmp(lt, "*"))
			snprintf(s->fixed, sizeof(s->fixed), "%s", lt);
	}
}

/* End of one affected entry. */
static void cna_entry_end(struct cna_record *r, struct cna_state *s)
{
	char st = s->exact ? s->exact : s->range ? s->range : s->deflt;
	const char *fixed = s->exact ? "" : s->fixed;

	if (s->decidable) {
		r->decidable = true;
		if (!s->adp)
			r->cna_decides = true;
		if (st == 'a' && !s->adp && !r->cna_hit) {
			r->cna_hit = true;
			snprintf(r->cna_fixed, sizeof(r->cna_fixed), "%s",
				 fixed);
		} else if (st == 'a' && s->adp && !r->adp_hit) {
			r->adp_hit = true;
			snprintf(r->adp_fixed, sizeof(r->adp_fixed), "%s",
				 fixed);
		}
	} else if (s->gitonly) {
		r->undecidable = true;
	}
	memset(s, 0, sizeof(*s));
}

/* End of one record. The CNA's own entries decide when they have
 * versions: ADP containers only fill in for a CNA that gave none (CISA's
 * ADP re-types versions, e.g. "5.64" for 5.6.4). Commit-hash entries
 * alone leave the record undecided. */
static int cna_record_end(struct hits *out, struct cna_record *r)
{
	int rc = 0;

	if (!*r->id)
		return 0;
	if (r->cna_decides) {
		if (r->cna_hit)
			rc = add_hit(out, r->id, r->cna_fixed, "cve5", false);
	} else if (r->adp_hit) {
		rc = add_hit(out, r->id, r->adp_fixed, "cve5", false);
	} else if (!r->decidable && r->undecidable) {
		rc = add_hit(out, r->id, NULL, "cve5", true);
	}
	memset(r, 0, sizeof(*r));
	return rc;
}

static int match_cna(mdsec_vulndb *db, struct hits *out, const char *vendor,
		     const char *product, const char *v, const char *upd)
{
	sqlite3_stmt *st;
	struct cna_state s;
	struct cna_record r;
	int aff = -1, rc;

	if (!(st = vdb_prepare(db,
			       "SELECT vuln_id, aff, version, status, "
			       "version_type, less_than, lte, default_status, "
			       "container FROM cna_version WHERE vendor = ?1 "
			       "AND product = ?2 ORDER BY vuln_id, aff")))
		return MDSEC_EIO;
	sqlite3_bind_text(st, 1, vendor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, product, -1, SQLITE_STATIC);
	memset(&s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	while ((rc = step_row(out, st)) == 1) {
		const char *d = col(st, 7), *id = col(st, 0);
		bool new_rec = strcmp(r.id, id) != 0;

		if (new_rec || aff != sqlite3_column_int(st, 1)) {
			if (*r.id)
				cna_entry_end(&r, &s);
			if (new_rec) {
				if ((rc = cna_record_end(out, &r)) < 0)
					break;
				snprintf(r.id, sizeof(r.id), "%s", id);
			}
			aff = sqlite3_column_int(st, 1);
			s.adp = col(st, 8) && !strcmp(col(st, 8), "adp");
			s.deflt = !d			     ? 0
				  : !strcmp(d, "affected")   ? 'a'
				  : !strcmp(d, "unaffected") ? 'u'
							     : '?';
		}
		cna_row(&s, st, v, upd);
	}
	if (rc == 0 && *r.id)
		cna_entry_end(&r, &s);
	if (rc == 0)
		rc = cna_record_end(out, &r);
	sqlite3_reset(st);
	return rc;
}

/* ---- OSV ---- */

static int match_osv(mdsec_vulndb *db, struct hits *out,
		     const struct mdsec_purl *p, const char *v)
{
	sqlite3_stmt *st;
	int rc;

	if (!(st = vdb_prepare(db,
			       "SELECT vuln_id, kind, scheme, introduced, end, "
			       "end_incl FROM osv_range WHERE purl_type = ?1 "
			       "AND name = ?2 AND namespace = ?3")))
		return MDSEC_EIO;
	sqlite3_bind_text(st, 1, p->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->namespace_ ? p->namespace_ : "", -1,
			  SQLITE_STATIC);
	while ((rc = step_row(out, st)) == 1) {
		const char *kind = col(st, 1), *in = col(st, 3),
			   *end = col(st, 4);
		bool ein = sqlite3_column_int(st, 5) != 0;
		enum mdsec_version_scheme sch = MDSEC_VER_GENERIC;

		mdsec_version_scheme_from_name(col(st, 2), &sch);
		if (!strcmp(kind, "GIT")) {
			rc = add_hit(out, col(st, 0), NULL, "osv", true);
		} else if (!v) {
			continue;
		} else if (!strcmp(kind, "VERSION")) {
			if (in && mdsec_version_cmp(sch, v, in) == 0)
				rc = add_hit(out, col(st, 0), NULL, "osv",
					     false);
		} else if (mdsec_version_in_range(sch, v, in, true, end, ein)) {
			rc = add_hit(out, col(st, 0), end && !ein ? end : NULL,
				     "osv", false);
		}
		if (rc < 0)
			break;
	}
	sqlite3_reset(st);
	return rc;
}

static bool exists(mdsec_vulndb *db, const char *sql, const char *a,
		   const char *b)
{
	sqlite3_stmt *st;
	bool yes = false;

	if (!(st = vdb_prepare(db, sql)))
		return false;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

static int by_cpe(mdsec_vulndb *db, struct hits *out, const char *cpe,
		  const char *version, bool *known, struct mdsec_diag_list *dl)
{
	struct mdsec_cpe c = MDSEC_CPE_INIT;
	char err[MDSEC_CPE_ERR_MAX], part[8], vendor[256], product[256];
	char ver[256], upd[256];
	unsigned colno = 0;
	int rc;

	if (mdsec_cpe_parse(cpe, &c, err, sizeof(err), &colno) < 0) {
		struct mdsec_loc l = { NULL, 0, colno };

		return diag_error(dl, l, "CPE '%s': %s", cpe, err);
	}
	if (!mdsec_cpe_attr_get(&c, MDSEC_CPE_PART, part, sizeof(part)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_VENDOR, vendor, sizeof(vendor)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_PRODUCT, product,
				sizeof(product)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, ver, sizeof(ver)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_UPDATE, upd, sizeof(upd))) {
		mdsec_cpe_release(&c);
		return MDSEC_ELIMIT;
	}
	mdsec_cpe_release(&c);
	if (any(vendor) || any(product))
		return 0; /* never matched on a wildcard vendor or product */
	if (any(ver) && version && strlen(version) < sizeof(ver))
		snprintf(ver, sizeof(ver), "%s", version);
	*known = *known ||
		 exists(db,
			"SELECT 1 FROM cpe_match WHERE vendor = ?1 AND "
			"product = ?2 LIMIT 1",
			vendor, product) ||
		 exists(db,
			"SELECT 1 FROM cna_version WHERE vendor = ?1 AND "
			"product = ?2 LIMIT 1",
			vendor, product);
	rc = match_nvd(db, out, part, vendor, product, ver,
		       any(upd) ? NULL : upd);
	if (rc == 0)
		rc = match_cna(db, out, vendor, product, ver,
			       any(upd) ? NULL : upd);
	return rc;
}

static int by_purl(mdsec_vulndb *db, struct hits *out, const char *purl,
		   const char *version, bool *known, struct mdsec_diag_list *dl)
{
	struct mdsec_purl p;
	char err[MDSEC_PURL_ERR_MAX];
	unsigned colno = 0;
	int rc;

	memset(&p, 0, sizeof(p));
	if (mdsec_purl_parse(purl, &p, err, sizeof(err), &colno) < 0) {
		struct mdsec_loc l = { NULL, 0, colno };

		mdsec_purl_release(&p);
		return diag_error(dl, l, "PURL '%s': %s", purl, err);
	}
	*known = *known ||
		 exists(db,
			"SELECT 1 FROM osv_range WHERE purl_type = ?1 AND "
			"name = ?2 LIMIT 1",
			p.type, p.name);
	rc = match_osv(db, out, &p, p.version ? p.version : version);
	mdsec_purl_release(&p);
	return rc;
}

static int cmp_hit(const void *a, const void *b)
{
	const struct mdsec_vuln_hit *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	if ((c = strcmp(x->source, y->source)))
		return c;
	/* decided before undecided, a known fix first */
	if (x->undecided != y->undecided)
		return x->undecided ? 1 : -1;
	return strcmp(y->fixed, x->fixed);
}

int mdsec_vulndb_match(mdsec_vulndb *db, const char *cpe, const char *purl,
		       const char *version, struct mdsec_vuln_hit **hits,
		       size_t *n, bool *known, struct mdsec_diag_list *dl)
{
	struct hits out = { NULL, 0, 0, 0 };
	size_t i, j;
	int rc = 0;

	*hits = NULL;
	*n = 0;
	*known = false;
	if (cpe)
		rc = by_cpe(db, &out, cpe, version, known, dl);
	if (rc == 0 && purl)
		rc = by_purl(db, &out, purl, version, known, dl);
	if (rc == MDSEC_EIO) {
		struct mdsec_loc l = { db->path, 0, 0 };

		diag_error(dl, l, "database: %s", sqlite3_errmsg(db->h));
	}
	if (rc < 0) {
		xfree(out.v);
		return rc;
	}
	if (out.n)
		qsort(out.v, out.n, sizeof(*out.v), cmp_hit);
	/* one hit per (id, source); a decided one wins */
	for (i = j = 0; i < out.n; i++) {
		if (j && !strcmp(out.v[j - 1].id, out.v[i].id) &&
		    !strcmp(out.v[j - 1].source, out.v[i].source))
			continue;
		out.v[j++] = out.v[i];
	}
	*hits = out.v;
	*n = j;
	return 0;
}

void mdsec_vulndb_free_ids(char **ids, size_t n)
{
	size_t i;

	for (i = 0; ids && i < n; i++)
		xfree(ids[i]);
	xfree(ids);
}

static int ids_of(mdsec_vulndb *db, const char *cpe, const char *purl,
		  char ***ids, size_t *n, struct mdsec_diag_list *dl)
{
	struct mdsec_vuln_hit *h;
	size_t nh, i, k = 0;
	bool known;
	char **out;
	int rc;

	*ids = NULL;
	*n = 0;
	rc = mdsec_vulndb_match(db, cpe, purl, NULL, &h, &nh, &known, dl);
	if (rc < 0)
		return rc;
	out = xcalloc(nh + 1, sizeof(*out));
	if (!out) {
		xfree(h);
		return MDSEC_ENOMEM;
	}
	for (i = 0; i < nh; i++) {
		if (h[i].undecided || (k && !strcmp(out[k - 1], h[i].id)))
			continue;
		if (!(out[k] = xstrdup(h[i].id))) {
			mdsec_vulndb_free_ids(out, k);
			xfree(h);
			return MDSEC_ENOMEM;
		}
		k++;
	}
	xfree(h);
	*ids = out;
	*n = k;
	return 0;
}

int mdsec_vulndb_match_cpe(mdsec_vulndb *db, const char *cpe, char ***ids,
			   size_t *n, struct mdsec_diag_list *dl)
{
	return ids_of(db, cpe, NULL, ids, n, dl);
}

int mdsec_vulndb_match_purl(mdsec_vulndb *db, const char *purl, char ***ids,
			    size_t *n, struct mdsec_diag_list *dl)
{
	return ids_of(db, NULL, purl, ids, n, dl);
}
