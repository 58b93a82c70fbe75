/* SPDX-License-Identifier: Apache-2.0
 *
 * import.c - feeds into the vulnerability database, format detected from
 * content: NVD CVE API 2.0 pages ({"format": "NVD_CVE", "vulnerabilities":
 * [{"cve": ...}]}), single NVD records (the "cve" object, or {"cve": ...}),
 * CISA KEV ({"catalogVersion", "vulnerabilities": [{"cveID"...}]});
 * directories of such files; .gz files decompressed in memory. Unknown
 * members are ignored (NVD adds fields over time). Everything is one
 * transaction: a malformed file or record is an error naming it and the
 * database stays as it was.
 */
#include <archive.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/jsonpos.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

#define FEED_MAX_BYTES ((size_t)1 << 30) /* 1 GiB per file, expanded */

struct importer {
	mdsec_vulndb *db;
	struct mdsec_diag_list *dl;
	struct mdsec_import_stats *st;
	const char *file;
	const char *text; /* the file's JSON text, for locating records */
	size_t len;
	long rec; /* index in "vulnerabilities", or -1 */
	sqlite3_stmt *del[4], *ins_vuln, *ins_cpe, *ins_metric, *ins_kev;
	sqlite3_stmt *ins_epss;
	struct sha256 nvd_hash, kev_hash, epss_hash;
	bool nvd_seen, kev_seen, epss_seen;
	char epss_date[32];
	char nvd_newest[32];
	int errors;
};

static int ierr(struct importer *im, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int ierr(struct importer *im, const char *where, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_loc l = { im->file, 0, 0 };
	va_list ap;

	if (im->text && im->rec >= 0) {
		struct json_step path[2] = { { "vulnerabilities", 0 },
					     { NULL, (size_t)im->rec } };

		json_locate(im->text, im->len, path, 2, &l.line, &l.col);
	}
	if (where)
		strbuf_addf(&sb, "%s: ", where);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_error(im->dl, l, "%s", sb.buf);
	strbuf_release(&sb);
	im->errors++;
	return MDSEC_EINPUT;
}

static int prep(struct importer *im, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(im->db->h, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	return ierr(im, NULL, "database: %s", sqlite3_errmsg(im->db->h));
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static int step(struct importer *im, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	return ierr(im, NULL, "database: %s", sqlite3_errmsg(im->db->h));
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* Store one configuration node's CPE matches. */
static int import_node(struct importer *im, const char *id, json_t *node,
		       int config, int nodeno)
{
	const char *op = jstr(node, "operator");
	json_t *ms = json_object_get(node, "cpeMatch"), *m;
	size_t i;

	json_array_foreach(ms, i, m)
	{
		const char *crit = jstr(m, "criteria");
		struct mdsec_cpe c = MDSEC_CPE_INIT;
		char err[MDSEC_CPE_ERR_MAX], vendor[256], product[256];
		char version[256], update[256];
		unsigned col = 0;
		json_t *vul = json_object_get(m, "vulnerable");
		const char *s;

		if (!crit || !json_is_boolean(vul))
			return ierr(im, id,
				    "a cpeMatch lacks \"criteria\" or "
				    "\"vulnerable\" (expected NVD "
				    "API 2.0 match objects)");
		if (mdsec_cpe_parse(crit, &c, err, sizeof(err), &col) < 0)
			return ierr(im, id, "bad CPE '%s': %s", crit, err);
		if (!mdsec_cpe_attr_get(&c, MDSEC_CPE_VENDOR, vendor,
					sizeof(vendor)) ||
		    !mdsec_cpe_attr_get(&c, MDSEC_CPE_PRODUCT, product,
					sizeof(product)) ||
		    !mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, version,
					sizeof(version)) ||
		    !mdsec_cpe_attr_get(&c, MDSEC_CPE_UPDATE, update,
					sizeof(update))) {
			mdsec_cpe_release(&c);
			return ierr(im, id,
				    "CPE '%s' has an attribute over %zu "
				    "bytes",
				    crit, sizeof(vendor) - 1);
		}
		sqlite3_bind_text(im->ins_cpe, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(im->ins_cpe, 2, "nvd", -1, SQLITE_STATIC);
		sqlite3_bind_int(im->ins_cpe, 3, config);
		sqlite3_bind_int(im->ins_cpe, 4, nodeno);
		bind_text(im->ins_cpe, 5, op ? op : "OR");
		sqlite3_bind_int(im->ins_cpe, 6, json_is_true(vul));
		bind_text(im->ins_cpe, 7, crit);
		sqlite3_bind_text(im->ins_cpe, 8, crit + 8, 1,
				  SQLITE_TRANSIENT);
		bind_text(im->ins_cpe, 9, vendor);
		bind_text(im->ins_cpe, 10, product);
		bind_text(im->ins_cpe, 11, version);
		bind_text(im->ins_cpe, 12, update);
		if ((s = jstr(m, "versionStartIncluding"))) {
			bind_text(im->ins_cpe, 13, s);
			sqlite3_bind_int(im->ins_cpe, 14, 1);
		} else if ((s = jstr(m, "versionStartExcluding"))) {
			bind_text(im->ins_cpe, 13, s);
			sqlite3_bind_int(im->ins_cpe, 14, 0);
		}
		if ((s = jstr(m, "versionEndIncluding"))) {
			bind_text(im->ins_cpe, 15, s);
			sqlite3_bind_int(im->ins_cpe, 16, 1);
		} else if ((s = jstr(m, "versionEndExcluding"))) {
			bind_text(im->ins_cpe, 15, s);
			sqlite3_bind_int(im->ins_cpe, 16, 0);
		}
		mdsec_cpe_release(&c);
		if (step(im, im->ins_cpe) < 0)
			return MDSEC_EIO;
	}
	return 0;
}

static int import_metrics(struct importer *im, const char *id, json_t *cve)
{
	static const char *const keys[][2] = {
		{ "cvssMetricV40", "4.0" },
		{ "cvssMetricV31", "3.1" },
		{ "cvssMetricV30", "3.0" },
		{ "cvssMetricV2", "2.0" },
	};
	json_t *metrics = json_object_get(cve, "metrics"), *arr, *m;
	size_t k, i;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		arr = json_object_get(metrics, keys[k][0]);
		json_array_foreach(arr, i, m)
		{
			json_t *data = json_object_get(m, "cvssData");
			const char *vec = jstr(data, "vectorString");

			if (!vec)
				continue;
			bind_text(im->ins_metric, 1, id);
			bind_text(im->ins_metric, 2, "nvd");
			bind_text(im->ins_metric, 3, jstr(m, "source"));
			bind_text(im->ins_metric, 4, jstr(m, "type"));
			bind_text(im->ins_metric, 5, keys[k][1]);
			bind_text(im->ins_metric, 6, vec);
			sqlite3_bind_double(im->ins_metric, 7,
					    json_number_value(json_object_get(
						    data, "baseScore")));
			if (step(im, im->ins_metric) < 0)
				return MDSEC_EIO;
		}
	}
	return 0;
}

/* One NVD CVE object. */
static int import_cve(struct importer *im, json_t *cve, const char *where)
{
	const char *id = jstr(cve, "id"), *desc = NULL, *mod;
	json_t *d, *cfgs, *cfg, *nodes, *node;
	char *payload;
	size_t i, j, k;
	int rc = 0;

	if (!json_is_object(cve) || !id || strncmp(id, "CVE-", 4))
		return ierr(im, where,
			    "not a CVE record (expected an object "
			    "with \"id\": \"CVE-...\")");
	json_array_foreach(json_object_get(cve, "descriptions"), i,
			   d) if (!desc && jstr(d, "lang") &&
				  !strcmp(jstr(d, "lang"), "en")) desc =
		jstr(d, "value");
	mod = jstr(cve, "lastModified");
	for (k = 0; k < 3; k++) {
		bind_text(im->del[k], 1, id);
		if (step(im, im->del[k]) < 0)
			return MDSEC_EIO;
	}
	payload = json_dumps(cve, JSON_COMPACT | JSON_SORT_KEYS);
	if (!payload)
		return MDSEC_ENOMEM;
	bind_text(im->ins_vuln, 1, id);
	bind_text(im->ins_vuln, 2, "nvd");
	bind_text(im->ins_vuln, 3, jstr(cve, "published"));
	bind_text(im->ins_vuln, 4, mod);
	bind_text(im->ins_vuln, 5, jstr(cve, "vulnStatus"));
	bind_text(im->ins_vuln, 6, desc);
	bind_text(im->ins_vuln, 7, payload);
	rc = step(im, im->ins_vuln);
	free(payload);
	if (rc < 0)
		return rc;
	cfgs = json_object_get(cve, "configurations");
	json_array_foreach(cfgs, i, cfg)
	{
		nodes = json_object_get(cfg, "nodes");
		json_array_foreach(
			nodes, j,
			node) if ((rc = import_node(im, id, node, (int)i,
						    (int)j)) < 0) return rc;
	}
	if ((rc = import_metrics(im, id, cve)) < 0)
		return rc;
	if (mod && strcmp(mod, im->nvd_newest) > 0)
		snprintf(im->nvd_newest, sizeof(im->nvd_newest), "%s", mod);
	im->st->records++;
	im->nvd_seen = true;
	return 0;
}

static int import_kev(struct importer *im, json_t *root)
{
	json_t *a = json_object_get(root, "vulnerabilities"), *v;
	size_t i;

	json_array_foreach(a, i, v)
	{
		const char *cve = jstr(v, "cveID");
		char where[64];

		snprintf(where, sizeof(where), "vulnerabilities[%zu]", i);
		im->rec = (long)i;
		if (!cve || strncmp(cve, "CVE-", 4))
			return ierr(im, where,
				    "a KEV entry without \"cveID\" "
				    "(expected CVE-YYYY-NNNN)");
		bind_text(im->ins_kev, 1, cve);
		bind_text(im->ins_kev, 2, jstr(v, "vendorProject"));
		bind_text(im->ins_kev, 3, jstr(v, "product"));
		bind_text(im->ins_kev, 4, jstr(v, "vulnerabilityName"));
		bind_text(im->ins_kev, 5, jstr(v, "dateAdded"));
		bind_text(im->ins_kev, 6, jstr(v, "dueDate"));
		bind_text(im->ins_kev, 7,
			  jstr(v, "knownRansomwareCampaignUse"));
		if (step(im, im->ins_kev) < 0)
			return MDSEC_EIO;
		im->st->kev++;
	}
	im->kev_seen = true;
	return 0;
}

/* A probability in [0, 1] written as a decimal number, the whole field. */
static bool prob(const char *p, size_t n, double *out)
{
	char buf[32], *end;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (!((buf[0] >= '0' && buf[0] <= '9') || buf[0] == '.'))
		return false;
	*out = strtod(buf, &end);
	return *end == '\0' && *out >= 0.0 && *out <= 1.0;
}

/* FIRST's EPSS CSV: "#model_version:...,score_date:...", then the header
 * "cve,epss,percentile", then one row per CVE. */
static int import_epss(struct importer *im, const char *text, size_t len)
{
	size_t pos = 0;
	unsigned line = 0;
	bool header = false;

	while (pos < len) {
		const char *p = text + pos, *nl = memchr(p, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - p) : len - pos;
		const char *c1, *c2;
		double score, pct;
		struct mdsec_loc l = { im->file, ++line, 1 };

		pos += n + 1;
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		if (p[0] == '#') {
			char head[256];
			const char *d;

			memcpy(head, p,
			       n < sizeof(head) ? n : sizeof(head) - 1);
			head[n < sizeof(head) ? n : sizeof(head) - 1] = '\0';
			d = strstr(head, "score_date:");
			if (d) {
				size_t k = 0;

				d += 11;
				while (k < 31 && d[k] && d[k] != ',')
					k++;
				memcpy(im->epss_date, d, k);
				im->epss_date[k] = '\0';
			}
			continue;
		}
		if (!header) {
			if (n != 19 || memcmp(p, "cve,epss,percentile", 19)) {
				im->errors++;
				return diag_error(
					im->dl, l,
					"not an EPSS header (expected "
					"cve,epss,percentile)");
			}
			header = true;
			continue;
		}
		c1 = memchr(p, ',', n);
		c2 = c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - p)) : NULL;
		if (!c1 || !c2 || c1 - p < 9 || memcmp(p, "CVE-", 4)) {
			im->errors++;
			return diag_error(im->dl, l,
					  "not an EPSS row (expected "
					  "CVE-YYYY-NNNN,probability,"
					  "percentile)");
		}
		if (!prob(c1 + 1, (size_t)(c2 - c1 - 1), &score) ||
		    !prob(c2 + 1, (size_t)(p + n - c2 - 1), &pct)) {
			l.col = (unsigned)(c1 - p) + 2;
			im->errors++;
			return diag_error(im->dl, l,
					  "EPSS values must be numbers from 0 "
					  "to 1");
		}
		sqlite3_bind_text(im->ins_epss, 1, p, (int)(c1 - p),
				  SQLITE_TRANSIENT);
		sqlite3_bind_double(im->ins_epss, 2, score);
		sqlite3_bind_double(im->ins_epss, 3, pct);
		bind_text(im->ins_epss, 4,
			  *im->epss_date ? im->epss_date : NULL);
		if (step(im, im->ins_epss) < 0)
			return MDSEC_EIO;
		im->st->epss++;
	}
	if (!header)
		return ierr(im, NULL,
			    "no EPSS header (expected "
			    "cve,epss,percentile)");
	im->epss_seen = true;
	return 0;
}

/* Read a file, gunzipping (.gz or gzip magic) in memory with a cap. */
static int read_feed(struct importer *im, const char *path, struct strbuf *out)
{
	struct archive *a;
	char buf[65536];
	la_ssize_t n;
	int rc = file_read_capped(out, path, FEED_MAX_BYTES);

	if (rc < 0)
		return rc == MDSEC_ELIMIT ? ierr(im, NULL,
						 "larger than %zu bytes "
						 "(expected a feed file)",
						 FEED_MAX_BYTES)
					  : ierr(im, NULL, "cannot read: %s",
						 strerror(errno));
	if (out->len < 2 || (unsigned char)out->buf[0] != 0x1f ||
	    (unsigned char)out->buf[1] != 0x8b)
		return 0;
	a = archive_read_new();
	if (!a)
		return MDSEC_ENOMEM;
	archive_read_support_filter_gzip(a);
	archive_read_support_format_raw(a);
	{
		struct strbuf gz = STRBUF_INIT;
		struct archive_entry *e;

		gz = *out; /* take the compressed bytes over */
		strbuf_init(out, FEED_MAX_BYTES);
		if (archive_read_open_memory(a, gz.buf, gz.len) != ARCHIVE_OK ||
		    archive_read_next_header(a, &e) != ARCHIVE_OK) {
			rc = ierr(im, NULL, "broken gzip: %s",
				  archive_error_string(a));
		} else {
			while ((n = archive_read_data(a, buf, sizeof(buf))) > 0)
				if (strbuf_add(out, buf, (size_t)n) < 0) {
					rc = ierr(im, NULL,
						  "expands beyond "
						  "%zu bytes "
						  "(expected a feed "
						  "file)",
						  FEED_MAX_BYTES);
					break;
				}
			if (n < 0)
				rc = ierr(im, NULL, "broken gzip: %s",
					  archive_error_string(a));
		}
		strbuf_release(&gz);
	}
	archive_read_free(a);
	return rc;
}

static int import_file(struct importer *im, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	json_error_t e;
	json_t *root, *vs, *v;
	size_t i;
	int rc;

	im->file = path;
	rc = read_feed(im, path, &text);
	if (rc < 0) {
		strbuf_release(&text);
		return rc;
	}
	if (text.len >= 4 &&
	    (!strncmp(text.buf, "#mod", 4) || !strncmp(text.buf, "cve,", 4))) {
		sha256_update(&im->epss_hash, text.buf, text.len);
		rc = import_epss(im, text.buf, text.len);
		strbuf_release(&text);
		im->st->files++;
		return rc;
	}
	root = json_loadb(text.buf, text.len, 0, &e);
	if (!root) {
		struct mdsec_loc l = { path, e.line > 0 ? (unsigned)e.line : 1,
				       e.column > 0 ? (unsigned)e.column : 1 };

		diag_error(im->dl, l, "%s (expected a JSON feed)", e.text);
		strbuf_release(&text);
		im->errors++;
		return MDSEC_EINPUT;
	}
	im->text = text.buf;
	im->len = text.len;
	im->rec = -1;
	vs = json_object_get(root, "vulnerabilities");
	if (json_object_get(root, "catalogVersion") && json_is_array(vs)) {
		sha256_update(&im->kev_hash, text.buf, text.len);
		rc = import_kev(im, root);
	} else if (json_is_array(vs)) {
		sha256_update(&im->nvd_hash, text.buf, text.len);
		json_array_foreach(vs, i, v)
		{
			char where[64];

			snprintf(where, sizeof(where), "vulnerabilities[%zu]",
				 i);
			im->rec = (long)i;
			if ((rc = import_cve(
				     im, json_object_get(v, "cve"),
				     json_object_get(json_object_get(v, "cve"),
						     "id")
					     ? NULL
					     : where)) < 0)
				break;
		}
	} else if (json_is_object(json_object_get(root, "cve"))) {
		sha256_update(&im->nvd_hash, text.buf, text.len);
		rc = import_cve(im, json_object_get(root, "cve"), NULL);
	} else if (jstr(root, "id") && json_object_get(root, "published")) {
		sha256_update(&im->nvd_hash, text.buf, text.len);
		rc = import_cve(im, root, NULL);
	} else {
		rc = ierr(im, NULL,
			  "unknown feed format (expected an NVD CVE "
			  "API 2.0 page or record, or the CISA KEV "
			  "catalog)");
	}
	json_decref(root);
	im->text = NULL;
	strbuf_release(&text);
	im->st->files++;
	return rc;
}

static const char *const feed_suffixes[] = { ".json", ".json.gz", ".csv",
					     ".csv.gz", NULL };

static int import_path(struct importer *im, const char *path)
{
	struct stat sb;
	char **names = NULL;
	size_t i;
	int rc;

	if (stat(path, &sb) != 0) {
		im->file = path;
		return ierr(im, NULL, "cannot read: %s", strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return import_file(im, path);
	rc = dir_list(&names, path, feed_suffixes);
	if (rc < 0) {
		im->file = path;
		return rc == MDSEC_ENOMEM ? rc
					  : ierr(im, NULL, "cannot open: %s",
						 strerror(errno));
	}
	for (i = 0; names[i] && rc == 0; i++) {
		struct strbuf p = STRBUF_INIT;

		strbuf_addf(&p, "%s/%s", path, names[i]);
		rc = import_file(im, p.buf);
		/* the diagnostic keeps its own copy of the name */
		strbuf_release(&p);
	}
	dir_list_free(names);
	return rc;
}

static int update_source(struct importer *im, const char *name,
			 struct sha256 *h, const char *newest)
{
	unsigned char d[SHA256_LEN];
	char hex[65], now[21], sql[512];
	time_t t;
	sqlite3_stmt *st;
	int rc;

	sha256_final(h, d);
	sha256_to_hex(hex, d);
	time_output(&t);
	time_iso8601(now, t);
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO source(name, records, "
		 "newest_modified, imported, sha256) VALUES (?1, "
		 "(SELECT count(*) FROM %s), ?2, ?3, ?4)",
		 !strcmp(name, "kev")	 ? "kev"
		 : !strcmp(name, "epss") ? "epss"
					 : "vuln");
	if (prep(im, &st, sql) < 0)
		return MDSEC_EIO;
	bind_text(st, 1, name);
	bind_text(st, 2, newest && *newest ? newest : NULL);
	bind_text(st, 3, now);
	bind_text(st, 4, hex);
	rc = step(im, st);
	sqlite3_finalize(st);
	return rc;
}

int mdsec_vulndb_import(mdsec_vulndb *db, const char *const *paths, size_t n,
			struct mdsec_import_stats *st,
			struct mdsec_diag_list *dl)
{
	struct importer im;
	size_t i, k;
	int rc = 0;

	memset(&im, 0, sizeof(im));
	memset(st, 0, sizeof(*st));
	im.db = db;
	im.dl = dl;
	im.st = st;
	im.file = db->path;
	if (sha256_init(&im.nvd_hash) < 0 || sha256_init(&im.kev_hash) < 0 ||
	    sha256_init(&im.epss_hash) < 0) {
		sha256_release(&im.nvd_hash);
		sha256_release(&im.kev_hash);
		return MDSEC_ENOMEM;
	}
	if (vdb_exec(db, "BEGIN IMMEDIATE", dl) < 0) {
		sha256_release(&im.nvd_hash);
		sha256_release(&im.kev_hash);
		sha256_release(&im.epss_hash);
		return MDSEC_EIO;
	}
	if (prep(&im, &im.del[0],
		 "DELETE FROM vuln WHERE id = ?1 AND "
		 "source = 'nvd'") < 0 ||
	    prep(&im, &im.del[1],
		 "DELETE FROM cpe_match WHERE vuln_id = ?1 "
		 "AND source = 'nvd'") < 0 ||
	    prep(&im, &im.del[2],
		 "DELETE FROM metric WHERE vuln_id = ?1 AND "
		 "source = 'nvd'") < 0 ||
	    prep(&im, &im.ins_vuln,
		 "INSERT INTO vuln(id, source, published, modified, status, "
		 "description, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") <
		    0 ||
	    prep(&im, &im.ins_cpe,
		 "INSERT INTO cpe_match(vuln_id, source, config, node, "
		 "operator, vulnerable, criteria, part, vendor, product, "
		 "version, version_update, start, start_incl, end, end_incl) "
		 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		 "?13, ?14, ?15, ?16)") < 0 ||
	    prep(&im, &im.ins_metric,
		 "INSERT INTO metric(vuln_id, source, origin, type, "
		 "cvss_version, vector, base_score) VALUES (?1, ?2, ?3, ?4, "
		 "?5, ?6, ?7)") < 0 ||
	    prep(&im, &im.ins_kev,
		 "INSERT OR REPLACE INTO kev(cve, vendor, product, name, "
		 "date_added, due_date, ransomware) VALUES (?1, ?2, ?3, ?4, "
		 "?5, ?6, ?7)") < 0 ||
	    prep(&im, &im.ins_epss,
		 "INSERT OR REPLACE INTO epss(cve, score, percentile, date) "
		 "VALUES (?1, ?2, ?3, ?4)") < 0)
		rc = MDSEC_EIO;
	for (i = 0; i < n && rc == 0; i++)
		rc = import_path(&im, paths[i]);
	if (rc == 0 && im.errors)
		rc = MDSEC_EINPUT;
	/* update_source() finalizes (and so frees) a hash; free the rest */
	if (rc == 0 && im.nvd_seen)
		rc = update_source(&im, "nvd", &im.nvd_hash, im.nvd_newest);
	else
		sha256_release(&im.nvd_hash);
	if (rc == 0 && im.kev_seen)
		rc = update_source(&im, "kev", &im.kev_hash, NULL);
	else
		sha256_release(&im.kev_hash);
	if (rc == 0 && im.epss_seen)
		rc = update_source(&im, "epss", &im.epss_hash, im.epss_date);
	else
		sha256_release(&im.epss_hash);
	for (k = 0; k < 4; k++)
		sqlite3_finalize(im.del[k]);
	sqlite3_finalize(im.ins_vuln);
	sqlite3_finalize(im.ins_cpe);
	sqlite3_finalize(im.ins_metric);
	sqlite3_finalize(im.ins_kev);
	sqlite3_finalize(im.ins_epss);
	if (rc == 0 && !im.errors)
		rc = vdb_exec(db, "COMMIT", dl);
	else
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	if (rc == 0 && im.errors)
		rc = MDSEC_EINPUT;
	return rc;
}
