/* SPDX-License-Identifier: Apache-2.0
 *
 * import_nvd.c - NVD records: the CVE API 2.0 "cve" object (pages,
 * single records) and the retired JSON 1.1 feeds ("CVE_Items", nested
 * configuration nodes, "cpe23Uri"). Both become the same rows: the
 * record as payload (source "nvd"), one cpe_match row per CPE match of
 * every configuration node, one metric row per CVSS vector.
 */
#include <stdio.h>
#include <string.h>

#include "vuln/import_int.h"

#include "base/banned.h"

/* Range bounds of one match object; the same member names in both. */
static void range_of(json_t *m, struct imp_cpe_row *r)
{
	const char *s;

	r->start = r->end = NULL;
	r->start_incl = r->end_incl = false;
	if ((s = imp_jstr(m, "versionStartIncluding"))) {
		r->start = s;
		r->start_incl = true;
	} else if ((s = imp_jstr(m, "versionStartExcluding"))) {
		r->start = s;
	}
	if ((s = imp_jstr(m, "versionEndIncluding"))) {
		r->end = s;
		r->end_incl = true;
	} else if ((s = imp_jstr(m, "versionEndExcluding"))) {
		r->end = s;
	}
}

/* One configuration node's matches: key "cpeMatch"/"criteria" in 2.0,
 * "cpe_match"/"cpe23Uri" in 1.1. */
static int import_node(struct importer *im, const char *id, json_t *node,
		       int config, int nodeno, const char *op,
		       const char *matches, const char *crit_key)
{
	json_t *m;
	size_t i;

	json_array_foreach(json_object_get(node, matches), i, m)
	{
		struct imp_cpe_row r;
		json_t *vul = json_object_get(m, "vulnerable");
		int rc;

		memset(&r, 0, sizeof(r));
		r.criteria = imp_jstr(m, crit_key);
		if (!r.criteria || !json_is_boolean(vul))
			return imp_err(im, id,
				       "a CPE match lacks \"%s\" or "
				       "\"vulnerable\" (expected NVD match "
				       "objects)",
				       crit_key);
		r.config = config;
		r.node = nodeno;
		r.op = op ? op : "OR";
		r.vulnerable = json_is_true(vul);
		range_of(m, &r);
		if ((rc = imp_cpe(im, id, &r)) < 0)
			return rc;
	}
	return 0;
}

static int metrics_v2api(struct importer *im, const char *id, json_t *cve)
{
	static const char *const keys[][2] = {
		{ "cvssMetricV40", "4.0" },
		{ "cvssMetricV31", "3.1" },
		{ "cvssMetricV30", "3.0" },
		{ "cvssMetricV2", "2.0" },
	};
	json_t *metrics = json_object_get(cve, "metrics"), *m;
	size_t k, i;
	int rc;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		json_array_foreach(json_object_get(metrics, keys[k][0]), i, m)
		{
			json_t *data = json_object_get(m, "cvssData");
			const char *vec = imp_jstr(data, "vectorString");

			if (!vec)
				continue;
			rc = imp_metric(im, SRC_NVD, id, imp_jstr(m, "source"),
					imp_jstr(m, "type"), keys[k][1], vec,
					json_number_value(json_object_get(
						data, "baseScore")));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* The English description of a {"lang", "value"} array. */
static const char *english(json_t *arr)
{
	json_t *d;
	size_t i;

	json_array_foreach(arr, i, d)
	{
		const char *lang = imp_jstr(d, "lang");

		if (lang && !strncmp(lang, "en", 2))
			return imp_jstr(d, "value");
	}
	return NULL;
}

int imp_nvd_cve(struct importer *im, json_t *cve, const char *where)
{
	const char *id = imp_jstr(cve, "id"), *mod;
	json_t *cfg, *node;
	size_t i, j;
	int rc;

	if (!json_is_object(cve) || !id || strncmp(id, "CVE-", 4))
		return imp_err(im, where,
			       "not a CVE record (expected an object "
			       "with \"id\": \"CVE-...\")");
	mod = imp_jstr(cve, "lastModified");
	rc = imp_record(im, SRC_NVD, id, imp_jstr(cve, "published"), mod,
			imp_jstr(cve, "vulnStatus"),
			english(json_object_get(cve, "descriptions")), cve);
	if (rc < 0)
		return rc;
	json_array_foreach(json_object_get(cve, "configurations"), i, cfg)
	{
		json_array_foreach(json_object_get(cfg, "nodes"), j, node)
		{
			rc = import_node(im, id, node, (int)i, (int)j,
					 imp_jstr(node, "operator"), "cpeMatch",
					 "criteria");
			if (rc < 0)
				return rc;
		}
	}
	if ((rc = metrics_v2api(im, id, cve)) < 0)
		return rc;
	imp_seen(im, SRC_NVD, mod);
	return 0;
}

/* NVD 1.1 impact: baseMetricV3.cvssV3 and baseMetricV2.cvssV2. */
static int metrics_v11(struct importer *im, const char *id, json_t *impact)
{
	json_t *v3 = json_object_get(json_object_get(impact, "baseMetricV3"),
				     "cvssV3");
	json_t *v2 = json_object_get(json_object_get(impact, "baseMetricV2"),
				     "cvssV2");
	const char *vec;
	int rc;

	if ((vec = imp_jstr(v3, "vectorString"))) {
		const char *ver = imp_jstr(v3, "version");

		rc = imp_metric(
			im, SRC_NVD, id, "nvd@nist.gov", "Primary",
			ver && !strcmp(ver, "3.0") ? "3.0" : "3.1", vec,
			json_number_value(json_object_get(v3, "baseScore")));
		if (rc < 0)
			return rc;
	}
	if ((vec = imp_jstr(v2, "vectorString"))) {
		rc = imp_metric(
			im, SRC_NVD, id, "nvd@nist.gov", "Primary", "2.0", vec,
			json_number_value(json_object_get(v2, "baseScore")));
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Time "2022-08-31T05:00Z" (1.1 style) as stored: kept as written. */
static int import_item(struct importer *im, json_t *item, const char *where)
{
	json_t *cve = json_object_get(item, "cve"), *node, *child;
	const char *id = imp_jstr(json_object_get(cve, "CVE_data_meta"), "ID");
	const char *mod = imp_jstr(item, "lastModifiedDate");
	size_t i, j;
	int rc;

	if (!id || strncmp(id, "CVE-", 4))
		return imp_err(im, where,
			       "not a CVE item (expected "
			       "\"cve\": {\"CVE_data_meta\": {\"ID\": "
			       "\"CVE-...\"}})");
	rc = imp_record(
		im, SRC_NVD, id, imp_jstr(item, "publishedDate"), mod, NULL,
		english(json_object_get(json_object_get(cve, "description"),
					"description_data")),
		item);
	if (rc < 0)
		return rc;
	json_array_foreach(
		json_object_get(json_object_get(item, "configurations"),
				"nodes"),
		i, node)
	{
		json_t *children = json_object_get(node, "children");
		const char *op = imp_jstr(node, "operator");

		/* a top-level node is a configuration; its children (AND of
		 * an application and a platform) are its nodes */
		rc = import_node(im, id, node, (int)i, 0, op, "cpe_match",
				 "cpe23Uri");
		json_array_foreach(children, j, child)
		{
			if (rc < 0)
				break;
			rc = import_node(im, id, child, (int)i, (int)j + 1, op,
					 "cpe_match", "cpe23Uri");
		}
		if (rc < 0)
			return rc;
	}
	if ((rc = metrics_v11(im, id, json_object_get(item, "impact"))) < 0)
		return rc;
	imp_seen(im, SRC_NVD, mod);
	return 0;
}

int imp_nvd11(struct importer *im, json_t *root)
{
	json_t *item;
	size_t i;
	int rc;

	im->rec_key = "CVE_Items";
	json_array_foreach(json_object_get(root, "CVE_Items"), i, item)
	{
		char where[64];

		snprintf(where, sizeof(where), "CVE_Items[%zu]", i);
		im->rec = (long)i;
		if ((rc = import_item(im, item, where)) < 0)
			return rc;
	}
	return 0;
}
