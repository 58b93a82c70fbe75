/* SPDX-License-Identifier: Apache-2.0
 *
 * import_cve5.c - CVE JSON 5 records (CVE Record Format 5.x, as CNAs
 * publish them, e.g. the OpenSSL CNA's own records, and as CISA's
 * vulnrichment enriches them in ADP containers). Every "affected" entry
 * of the CNA and ADP containers becomes rows of cna_version: the product
 * key (the vendor and product written as a CPE would, lower case with
 * spaces as '_', and the vendor:product of every CPE the entry lists),
 * its defaultStatus and one row per versions[] entry (version, status,
 * lessThan or lessThanOrEqual, versionType). They are decided at match
 * time (match.c), the way the format defines them. REJECTED records are
 * kept as records, with no affected rows.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mdsec/cpe.h"
#include "vuln/import_int.h"

#include "base/banned.h"

/* "OpenSSL" -> "openssl", "Mbed TLS" -> "mbed_tls"; false when there is
 * no usable name ("n/a", empty, over the buffer). */
static bool cpe_style(const char *s, char *out, size_t n)
{
	size_t i;

	if (!s || !*s || !strcmp(s, "n/a") || strlen(s) >= n)
		return false;
	for (i = 0; s[i]; i++)
		out[i] = s[i] == ' ' ? '_' : (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
	return true;
}

static int version_rows(struct importer *im, const char *id, int aff,
			const char *vendor, const char *product, json_t *a,
			size_t depth)
{
	json_t *vs = json_object_get(a, "versions"), *v;
	const char *def = imp_jstr(a, "defaultStatus");
	size_t i;
	int rc;

	if (json_array_size(vs) == 0) {
		sqlite3_bind_text(im->ins_cna, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(im->ins_cna, 2, aff);
		imp_bind_text(im->ins_cna, 3, vendor);
		imp_bind_text(im->ins_cna, 4, product);
		imp_bind_text(im->ins_cna, 5, def);
		/* depth 4: containers.cna.affected[i]; 5: an ADP's */
		imp_bind_text(im->ins_cna, 11, depth == 4 ? "cna" : "adp");
		return imp_step(im, im->ins_cna);
	}
	json_array_foreach(vs, i, v)
	{
		const char *lt = imp_jstr(v, "lessThan");
		const char *le = imp_jstr(v, "lessThanOrEqual");
		const char *ver = imp_jstr(v, "version");
		const char *status = imp_jstr(v, "status");

		if (!ver || !status) {
			im->at[depth] = (struct json_step){ "versions", 0 };
			im->at[depth + 1] = (struct json_step){ NULL, i };
			im->nat = depth + 2;
			return imp_err(im, id,
				       "affected versions[%zu] lacks "
				       "\"version\" or \"status\" (expected "
				       "CVE JSON 5 version objects)",
				       i);
		}
		sqlite3_bind_text(im->ins_cna, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(im->ins_cna, 2, aff);
		imp_bind_text(im->ins_cna, 3, vendor);
		imp_bind_text(im->ins_cna, 4, product);
		imp_bind_text(im->ins_cna, 5, def);
		imp_bind_text(im->ins_cna, 6, ver);
		imp_bind_text(im->ins_cna, 7, status);
		imp_bind_text(im->ins_cna, 8, imp_jstr(v, "versionType"));
		imp_bind_text(im->ins_cna, 9, lt ? lt : le);
		sqlite3_bind_int(im->ins_cna, 10, !lt && le);
		/* depth 4: containers.cna.affected[i]; 5: an ADP's */
		imp_bind_text(im->ins_cna, 11, depth == 4 ? "cna" : "adp");
		if ((rc = imp_step(im, im->ins_cna)) < 0)
			return rc;
	}
	return 0;
}

/* The product keys of one affected entry: its vendor/product, then each
 * CPE's, without repeating one. */
static int affected_rows(struct importer *im, const char *id, int aff,
			 json_t *a, size_t depth)
{
	char keys[8][2][128];
	size_t nk = 0, i, k;
	json_t *c;
	int rc;

	if (cpe_style(imp_jstr(a, "vendor"), keys[0][0], sizeof(keys[0][0])) &&
	    cpe_style(imp_jstr(a, "product"), keys[0][1], sizeof(keys[0][1])))
		nk = 1;
	json_array_foreach(json_object_get(a, "cpes"), i, c)
	{
		struct mdsec_cpe cp = MDSEC_CPE_INIT;
		char err[MDSEC_CPE_ERR_MAX];
		unsigned col;
		bool dup = false;

		if (nk == 8 || !json_string_value(c))
			break;
		if (mdsec_cpe_parse(json_string_value(c), &cp, err, sizeof(err),
				    &col) < 0)
			continue; /* ADP CPEs are advisory; a bad one is
				   * no key */
		if (mdsec_cpe_attr_get(&cp, MDSEC_CPE_VENDOR, keys[nk][0],
				       sizeof(keys[nk][0])) &&
		    mdsec_cpe_attr_get(&cp, MDSEC_CPE_PRODUCT, keys[nk][1],
				       sizeof(keys[nk][1])) &&
		    strcmp(keys[nk][0], "*") && strcmp(keys[nk][1], "*")) {
			for (k = 0; k < nk; k++)
				dup |= !strcmp(keys[k][0], keys[nk][0]) &&
				       !strcmp(keys[k][1], keys[nk][1]);
			if (!dup)
				nk++;
		}
		mdsec_cpe_release(&cp);
	}
	for (k = 0; k < nk; k++)
		if ((rc = version_rows(im, id, aff, keys[k][0], keys[k][1], a,
				       depth)) < 0)
			return rc;
	return 0;
}

/* A CNA's own severity word where it publishes no CVSS (the OpenSSL CNA:
 * metrics[].other.content.text "Low", "Moderate", "High", "Critical"),
 * kept as a metric of version "text" with the word as its vector. */
static int qualitative(struct importer *im, const char *id, const char *origin,
		       const char *type, json_t *m)
{
	static const char *const words[] = {
		"Low", "Moderate", "Medium", "Important", "High", "Critical"
	};
	const char *t = imp_jstr(
		json_object_get(json_object_get(m, "other"), "content"),
		"text");
	size_t k;

	for (k = 0; t && k < sizeof(words) / sizeof(words[0]); k++)
		if (!strcasecmp(t, words[k]))
			return imp_metric(im, SRC_CVE5, id, origin, type,
					  "text", words[k], -1);
	return 0;
}

static int container_metrics(struct importer *im, const char *id, json_t *cont,
			     const char *type)
{
	static const char *const keys[][2] = { { "cvssV4_0", "4.0" },
					       { "cvssV3_1", "3.1" },
					       { "cvssV3_0", "3.0" },
					       { "cvssV2_0", "2.0" } };
	json_t *pm = json_object_get(cont, "providerMetadata"), *m;
	const char *origin = imp_jstr(pm, "shortName");
	size_t i, k;
	int rc;

	if (!origin)
		origin = imp_jstr(pm, "orgId");
	json_array_foreach(json_object_get(cont, "metrics"), i, m)
	{
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			json_t *c = json_object_get(m, keys[k][0]);
			const char *vec = imp_jstr(c, "vectorString");

			if (!vec)
				continue;
			rc = imp_metric(
				im, SRC_CVE5, id, origin, type, keys[k][1], vec,
				json_is_number(json_object_get(c, "baseScore"))
					? json_number_value(json_object_get(
						  c, "baseScore"))
					: -1);
			if (rc < 0)
				return rc;
		}
		if ((rc = qualitative(im, id, origin, type, m)) < 0)
			return rc;
	}
	return 0;
}

int imp_cve5(struct importer *im, json_t *root)
{
	json_t *meta = json_object_get(root, "cveMetadata");
	json_t *conts = json_object_get(root, "containers");
	json_t *cna = json_object_get(conts, "cna"), *adp, *a;
	const char *id = imp_jstr(meta, "cveId"), *state, *mod;
	const char *desc = NULL;
	int aff = 0, rc;
	size_t i, j;

	if (!id || strncmp(id, "CVE-", 4) || !json_is_object(cna))
		return imp_err(im, NULL,
			       "not a CVE record (expected CVE JSON 5 with "
			       "\"cveMetadata\": {\"cveId\": \"CVE-...\"} "
			       "and \"containers\": {\"cna\": ...})");
	state = imp_jstr(meta, "state");
	mod = imp_jstr(meta, "dateUpdated");
	if (!mod)
		mod = imp_jstr(meta, "datePublished");
	json_array_foreach(json_object_get(cna, "descriptions"), i, a)
	{
		const char *lang = imp_jstr(a, "lang");

		if (!desc && lang && !strncmp(lang, "en", 2))
			desc = imp_jstr(a, "value");
	}
	rc = imp_record(im, SRC_CVE5, id, imp_jstr(meta, "datePublished"), mod,
			state, desc, root);
	if (rc < 0)
		return rc;
	imp_seen(im, SRC_CVE5, mod);
	if (state && !strcmp(state, "REJECTED"))
		return 0;
	im->at[0] = (struct json_step){ "containers", 0 };
	im->at[1] = (struct json_step){ "cna", 0 };
	im->at[2] = (struct json_step){ "affected", 0 };
	json_array_foreach(json_object_get(cna, "affected"), i, a)
	{
		im->at[3] = (struct json_step){ NULL, i };
		if ((rc = affected_rows(im, id, aff++, a, 4)) < 0)
			return rc;
	}
	if ((rc = container_metrics(im, id, cna, "Primary")) < 0)
		return rc;
	json_array_foreach(json_object_get(conts, "adp"), j, adp)
	{
		im->at[1] = (struct json_step){ "adp", 0 };
		im->at[2] = (struct json_step){ NULL, j };
		im->at[3] = (struct json_step){ "affected", 0 };
		json_array_foreach(json_object_get(adp, "affected"), i, a)
		{
			im->at[4] = (struct json_step){ NULL, i };
			if ((rc = affected_rows(im, id, aff++, a, 5)) < 0)
				return rc;
		}
		if ((rc = container_metrics(im, id, adp, "Secondary")) < 0)
			return rc;
	}
	return 0;
}
