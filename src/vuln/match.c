/* SPDX-License-Identifier: Apache-2.0
 *
 * match.c - which NVD records name a product as vulnerable at a version:
 * candidates from the narrow cpe_match table by exact part, vendor and
 * product (never a wildcard vendor, never a "running on" platform: rows
 * with vulnerable = 0 are not candidates), then the version decided with
 * the generic NVD scheme (docs/versions.md), the CPE update field folded
 * in. A criteria version of ANY with no range, or NA ("-"), applies to
 * every version: NVD writes those when the whole product is affected
 * (reported, not hidden: a demanding reviewer prefers a triage entry to
 * a miss). In an AND configuration the vulnerable node alone decides,
 * since the platform it runs on is a fact about the device, not the
 * component.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/version.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ANY ("*") and NA ("-") as mdsec_cpe_attr_get shows them. */
static bool any(const char *v)
{
	return !v || !*v || !strcmp(v, "*");
}

static bool row_matches(sqlite3_stmt *st, const char *ver, const char *upd)
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void mdsec_vulndb_free_ids(char **ids, size_t n)
{
	size_t i;

	for (i = 0; ids && i < n; i++)
		xfree(ids[i]);
	xfree(ids);
}

int mdsec_vulndb_match_cpe(mdsec_vulndb *db, const char *cpe, char ***ids,
			   size_t *n, struct mdsec_diag_list *dl)
{
	struct mdsec_cpe c = MDSEC_CPE_INIT;
	char err[MDSEC_CPE_ERR_MAX], part[8], vendor[256], product[256];
	char ver[256], upd[256];
	unsigned colno = 0;
	sqlite3_stmt *st;
	char **out = NULL;
	size_t cnt = 0, cap = 0, i, j;
	int rc = 0;

	*ids = NULL;
	*n = 0;
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
	if (sqlite3_prepare_v2(
		    db->h,
		    "SELECT vuln_id, version, version_update, start, "
		    "start_incl, end, end_incl FROM cpe_match WHERE "
		    "vendor = ?1 AND product = ?2 AND part = ?3 AND "
		    "vulnerable = 1",
		    -1, &st, NULL) != SQLITE_OK)
		return MDSEC_EIO;
	sqlite3_bind_text(st, 1, vendor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, product, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, part, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!row_matches(st, ver, any(upd) ? NULL : upd))
			continue;
		if (cnt == cap) {
			char **nn = xreallocarray(out, cap ? cap * 2 : 16,
						  sizeof(*out));

			if (!nn) {
				rc = MDSEC_ENOMEM;
				break;
			}
			out = nn;
			cap = cap ? cap * 2 : 16;
		}
		if (!(out[cnt] = xstrdup(col(st, 0)))) {
			rc = MDSEC_ENOMEM;
			break;
		}
		cnt++;
	}
	sqlite3_finalize(st);
	if (rc < 0) {
		mdsec_vulndb_free_ids(out, cnt);
		return rc;
	}
	if (cnt)
		qsort(out, cnt, sizeof(*out), cmp_str);
	for (i = j = 0; i < cnt; i++) {
		if (j && !strcmp(out[j - 1], out[i]))
			xfree(out[i]);
		else
			out[j++] = out[i];
	}
	*ids = out;
	*n = j;
	return 0;
}
