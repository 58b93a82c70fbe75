/* SPDX-License-Identifier: Apache-2.0
 *
 * import.c - feeds into the vulnerability database, format detected from
 * content (import_json()): NVD CVE API 2.0 pages and records and NVD 1.1
 * feeds (import_nvd.c), CVE JSON 5 (import_cve5.c), OSV (import_osv.c),
 * CISA KEV and FIRST's EPSS CSV (here); directories walked, .gz files
 * decompressed in memory. Unknown members are ignored (feeds add fields
 * over time). Everything is one transaction: a malformed file or record
 * is an error naming it and the database stays as it was. A first import
 * into an empty database is a bulk load (indexes built at the end), and
 * every import stores the content digest it leaves.
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
#include "base/jsonw.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "vuln/import_int.h"

#include "base/banned.h"

#define FEED_MAX_BYTES ((size_t)1 << 30) /* 1 GiB per file, expanded */

static const char *const source_names[SRC_N] = { "nvd", "cve5", "osv", "kev",
						 "epss" };

int imp_err(struct importer *im, const char *where, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_loc l = { im->file, 0, 0 };
	va_list ap;

	if (im->text && im->nat)
		json_locate(im->text, im->len, im->at, im->nat, &l.line,
			    &l.col);
	else if (im->text && im->rec >= 0 && im->rec_key) {
		struct json_step path[2] = { { im->rec_key, 0 },
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
	return imp_err(im, NULL, "database: %s", sqlite3_errmsg(im->db->h));
}

void imp_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int imp_step(struct importer *im, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	return imp_err(im, NULL, "database: %s", sqlite3_errmsg(im->db->h));
}

const char *imp_jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

void imp_seen(struct importer *im, enum imp_source src, const char *modified)
{
	struct imp_source_state *s = &im->src[src];

	s->seen = true;
	if (modified && strcmp(modified, s->newest) > 0)
		snprintf(s->newest, sizeof(s->newest), "%s", modified);
}

int imp_record(struct importer *im, enum imp_source src, const char *id,
	       const char *published, const char *modified, const char *status,
	       const char *description, json_t *payload)
{
	const char *name = source_names[src];
	struct strbuf text = STRBUF_INIT;
	size_t k;
	int rc;

	if (im->bulk) {
		char *key;

		strbuf_addf(&text, "%s %s", name, id);
		key = arena_strdup(&im->seen_keys, text.buf);
		strbuf_reset(&text);
		if (!key || (rc = map_put(&im->seen, key, key, NULL)) < 0) {
			strbuf_release(&text);
			return MDSEC_ENOMEM;
		}
		if (rc == 0)
			k = sizeof(im->del) / sizeof(im->del[0]); /* new */
		else
			k = 0; /* met before in this import: replace it */
	} else {
		k = 0;
	}
	for (; k < sizeof(im->del) / sizeof(im->del[0]); k++) {
		imp_bind_text(im->del[k], 1, id);
		imp_bind_text(im->del[k], 2, name);
		if (imp_step(im, im->del[k]) < 0)
			return MDSEC_EIO;
	}
	if ((rc = vdb_canonical_json(&text, payload)) < 0) {
		strbuf_release(&text);
		return rc;
	}
	imp_bind_text(im->ins_vuln, 1, id);
	imp_bind_text(im->ins_vuln, 2, name);
	imp_bind_text(im->ins_vuln, 3, published);
	imp_bind_text(im->ins_vuln, 4, modified);
	imp_bind_text(im->ins_vuln, 5, status);
	imp_bind_text(im->ins_vuln, 6, description);
	sqlite3_bind_text(im->ins_vuln, 7, text.buf, (int)text.len,
			  SQLITE_STATIC);
	rc = imp_step(im, im->ins_vuln);
	strbuf_release(&text);
	if (rc == 0)
		im->st->records++;
	return rc;
}

int imp_metric(struct importer *im, enum imp_source src, const char *id,
	       const char *origin, const char *type, const char *version,
	       const char *vector, double score)
{
	sqlite3_stmt *st = im->ins_metric;

	imp_bind_text(st, 1, id);
	imp_bind_text(st, 2, source_names[src]);
	imp_bind_text(st, 3, origin);
	imp_bind_text(st, 4, type);
	imp_bind_text(st, 5, version);
	imp_bind_text(st, 6, vector);
	if (score >= 0)
		sqlite3_bind_double(st, 7, score);
	return imp_step(im, st);
}

int imp_alias(struct importer *im, enum imp_source src, const char *id,
	      const char *alias)
{
	imp_bind_text(im->ins_alias, 1, id);
	imp_bind_text(im->ins_alias, 2, alias);
	imp_bind_text(im->ins_alias, 3, source_names[src]);
	return imp_step(im, im->ins_alias);
}

int imp_cpe(struct importer *im, const char *id, const struct imp_cpe_row *r)
{
	struct mdsec_cpe c = MDSEC_CPE_INIT;
	char err[MDSEC_CPE_ERR_MAX], vendor[256], product[256];
	char version[256], update[256];
	unsigned col = 0;
	sqlite3_stmt *st = im->ins_cpe;

	if (mdsec_cpe_parse(r->criteria, &c, err, sizeof(err), &col) < 0)
		return imp_err(im, id, "bad CPE '%s': %s", r->criteria, err);
	if (!mdsec_cpe_attr_get(&c, MDSEC_CPE_VENDOR, vendor, sizeof(vendor)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_PRODUCT, product,
				sizeof(product)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_VERSION, version,
				sizeof(version)) ||
	    !mdsec_cpe_attr_get(&c, MDSEC_CPE_UPDATE, update, sizeof(update))) {
		mdsec_cpe_release(&c);
		return imp_err(im, id,
			       "CPE '%s' has an attribute over %zu bytes",
			       r->criteria, sizeof(vendor) - 1);
	}
	mdsec_cpe_release(&c);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, "nvd", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->config);
	sqlite3_bind_int(st, 4, r->node);
	imp_bind_text(st, 5, r->op);
	sqlite3_bind_int(st, 6, r->vulnerable);
	imp_bind_text(st, 7, r->criteria);
	sqlite3_bind_text(st, 8, r->criteria + 8, 1, SQLITE_TRANSIENT);
	imp_bind_text(st, 9, vendor);
	imp_bind_text(st, 10, product);
	imp_bind_text(st, 11, version);
	imp_bind_text(st, 12, update);
	if (r->start) {
		imp_bind_text(st, 13, r->start);
		sqlite3_bind_int(st, 14, r->start_incl);
	}
	if (r->end) {
		imp_bind_text(st, 15, r->end);
		sqlite3_bind_int(st, 16, r->end_incl);
	}
	return imp_step(im, st);
}

static int import_kev(struct importer *im, json_t *root)
{
	json_t *a = json_object_get(root, "vulnerabilities"), *v;
	size_t i;

	json_array_foreach(a, i, v)
	{
		const char *cve = imp_jstr(v, "cveID");
		char where[64];

		snprintf(where, sizeof(where), "vulnerabilities[%zu]", i);
		im->rec = (long)i;
		if (!cve || strncmp(cve, "CVE-", 4))
			return imp_err(im, where,
				       "a KEV entry without \"cveID\" "
				       "(expected CVE-YYYY-NNNN)");
		imp_bind_text(im->ins_kev, 1, cve);
		imp_bind_text(im->ins_kev, 2, imp_jstr(v, "vendorProject"));
		imp_bind_text(im->ins_kev, 3, imp_jstr(v, "product"));
		imp_bind_text(im->ins_kev, 4, imp_jstr(v, "vulnerabilityName"));
		imp_bind_text(im->ins_kev, 5, imp_jstr(v, "dateAdded"));
		imp_bind_text(im->ins_kev, 6, imp_jstr(v, "dueDate"));
		imp_bind_text(im->ins_kev, 7,
			      imp_jstr(v, "knownRansomwareCampaignUse"));
		if (imp_step(im, im->ins_kev) < 0)
			return MDSEC_EIO;
		im->st->kev++;
	}
	im->src[SRC_KEV].seen = true;
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
				memcpy(im->src[SRC_EPSS].newest, d, k);
				im->src[SRC_EPSS].newest[k] = '\0';
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
		imp_bind_text(im->ins_epss, 4,
			      *im->src[SRC_EPSS].newest
				      ? im->src[SRC_EPSS].newest
				      : NULL);
		if (imp_step(im, im->ins_epss) < 0)
			return MDSEC_EIO;
		im->st->epss++;
	}
	if (!header)
		return imp_err(im, NULL,
			       "no EPSS header (expected "
			       "cve,epss,percentile)");
	im->src[SRC_EPSS].seen = true;
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
		return rc == MDSEC_ELIMIT ? imp_err(im, NULL,
						    "larger than %zu bytes "
						    "(expected a feed file)",
						    FEED_MAX_BYTES)
					  : imp_err(im, NULL, "cannot read: %s",
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
			rc = imp_err(im, NULL, "broken gzip: %s",
				     archive_error_string(a));
		} else {
			while ((n = archive_read_data(a, buf, sizeof(buf))) > 0)
				if (strbuf_add(out, buf, (size_t)n) < 0) {
					rc = imp_err(im, NULL,
						     "expands beyond "
						     "%zu bytes "
						     "(expected a feed "
						     "file)",
						     FEED_MAX_BYTES);
					break;
				}
			if (n < 0)
				rc = imp_err(im, NULL, "broken gzip: %s",
					     archive_error_string(a));
		}
		strbuf_release(&gz);
	}
	archive_read_free(a);
	return rc;
}

/* Which format a JSON file holds, from its content. */
static int import_json(struct importer *im, json_t *root)
{
	json_t *vs = json_object_get(root, "vulnerabilities"), *v;
	enum imp_source src;
	size_t i;
	int rc = 0;

	if (json_object_get(root, "catalogVersion") && json_is_array(vs)) {
		src = SRC_KEV;
		im->rec_key = "vulnerabilities";
		rc = import_kev(im, root);
	} else if (json_is_array(json_object_get(root, "CVE_Items"))) {
		src = SRC_NVD;
		rc = imp_nvd11(im, root);
	} else if (json_is_array(vs)) {
		src = SRC_NVD;
		im->rec_key = "vulnerabilities";
		json_array_foreach(vs, i, v)
		{
			json_t *cve = json_object_get(v, "cve");
			char where[64];

			snprintf(where, sizeof(where), "vulnerabilities[%zu]",
				 i);
			im->rec = (long)i;
			rc = imp_nvd_cve(im, cve,
					 imp_jstr(cve, "id") ? NULL : where);
			if (rc < 0)
				break;
		}
		/* an empty page still says the source was asked */
		im->src[SRC_NVD].seen = true;
	} else if (json_is_object(json_object_get(root, "cveMetadata")) &&
		   json_is_object(json_object_get(root, "containers"))) {
		src = SRC_CVE5;
		rc = imp_cve5(im, root);
	} else if (json_is_object(json_object_get(root, "cve"))) {
		src = SRC_NVD;
		rc = imp_nvd_cve(im, json_object_get(root, "cve"), NULL);
	} else if (imp_jstr(root, "id") && imp_jstr(root, "lastModified")) {
		src = SRC_NVD;
		rc = imp_nvd_cve(im, root, NULL);
	} else if (imp_jstr(root, "id") && imp_jstr(root, "modified")) {
		src = SRC_OSV;
		rc = imp_osv(im, root);
	} else {
		return imp_err(im, NULL,
			       "unknown feed format (expected an NVD CVE "
			       "API 2.0 page or record, an NVD 1.1 feed, a "
			       "CVE JSON 5 record, an OSV record or the "
			       "CISA KEV catalog)");
	}
	sha256_update(&im->src[src].hash, im->text, im->len);
	return rc;
}

static int import_file(struct importer *im, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	json_error_t e;
	json_t *root;
	int rc;

	im->file = path;
	im->rec_key = NULL;
	im->rec = -1;
	im->nat = 0;
	rc = read_feed(im, path, &text);
	if (rc < 0) {
		strbuf_release(&text);
		return rc;
	}
	im->st->files++;
	if (text.len >= 4 &&
	    (!strncmp(text.buf, "#mod", 4) || !strncmp(text.buf, "cve,", 4))) {
		sha256_update(&im->src[SRC_EPSS].hash, text.buf, text.len);
		rc = import_epss(im, text.buf, text.len);
		strbuf_release(&text);
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
	rc = import_json(im, root);
	json_decref(root);
	im->text = NULL;
	strbuf_release(&text);
	return rc;
}

static const char *const feed_suffixes[] = { ".json", ".json.gz", ".csv",
					     ".csv.gz", NULL };

static bool feed_name(const char *name)
{
	size_t n = strlen(name), k;

	for (k = 0; feed_suffixes[k]; k++) {
		size_t m = strlen(feed_suffixes[k]);

		if (n > m && !strcmp(name + n - m, feed_suffixes[k]))
			return true;
	}
	return false;
}

/* A file, or a directory walked in name order (feed files by suffix,
 * subdirectories such as NVD's per-year folders, at most 8 deep). */
static int import_path(struct importer *im, const char *path, int depth)
{
	struct stat sb;
	char **names = NULL;
	size_t i;
	int rc;

	if (stat(path, &sb) != 0) {
		im->file = path;
		return imp_err(im, NULL, "cannot read: %s", strerror(errno));
	}
	if (!S_ISDIR(sb.st_mode))
		return import_file(im, path);
	if (depth >= 8) {
		im->file = path;
		return imp_err(im, NULL,
			       "directories nested too deep (expected at "
			       "most 8 levels)");
	}
	rc = dir_list(&names, path, NULL);
	if (rc < 0) {
		im->file = path;
		return rc == MDSEC_ENOMEM ? rc
					  : imp_err(im, NULL, "cannot open: %s",
						    strerror(errno));
	}
	for (i = 0; names[i] && rc == 0; i++) {
		struct strbuf p = STRBUF_INIT;

		strbuf_addf(&p, "%s/%s", path, names[i]);
		if (stat(p.buf, &sb) == 0 && S_ISDIR(sb.st_mode))
			rc = import_path(im, p.buf, depth + 1);
		else if (feed_name(names[i]))
			rc = import_file(im, p.buf);
		/* the diagnostic keeps its own copy of the name */
		strbuf_release(&p);
	}
	dir_list_free(names);
	return rc;
}

/* The source's statistics row; finalizes (and so frees) its hash. */
static int update_source(struct importer *im, enum imp_source src)
{
	static const char *const tables[SRC_N] = { "vuln", "vuln", "vuln",
						   "kev", "epss" };
	struct imp_source_state *s = &im->src[src];
	unsigned char d[SHA256_LEN];
	char hex[65], now[21], sql[256];
	time_t t;
	sqlite3_stmt *st;
	int rc;

	sha256_final(&s->hash, d);
	s->init = false;
	sha256_to_hex(hex, d);
	time_output(&t);
	time_iso8601(now, t);
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO source(name, records, "
		 "newest_modified, imported, sha256) VALUES (?1, "
		 "(SELECT count(*) FROM %s%s), ?2, ?3, ?4)",
		 tables[src], src <= SRC_OSV ? " WHERE source = ?1" : "");
	if (prep(im, &st, sql) < 0)
		return MDSEC_EIO;
	imp_bind_text(st, 1, source_names[src]);
	imp_bind_text(st, 2, *s->newest ? s->newest : NULL);
	imp_bind_text(st, 3, now);
	imp_bind_text(st, 4, hex);
	rc = imp_step(im, st);
	sqlite3_finalize(st);
	return rc;
}

/* Whether the database holds no record yet (the first import of a full
 * feed: worth loading without indexes). */
static bool database_empty(mdsec_vulndb *db)
{
	sqlite3_stmt *st;
	bool empty = false;

	if (sqlite3_prepare_v2(db->h, "SELECT NOT EXISTS(SELECT 1 FROM vuln)",
			       -1, &st, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0) != 0;
	sqlite3_finalize(st);
	return empty;
}

/* The content digest of what the transaction is about to commit. */
static int store_digest(struct importer *im)
{
	char hex[65];
	sqlite3_stmt *st;
	int rc = vdb_digest_compute(im->db, hex);

	if (rc < 0)
		return imp_err(im, NULL, "database: %s",
			       sqlite3_errmsg(im->db->h));
	if (prep(im, &st,
		 "INSERT OR REPLACE INTO meta(key, value) VALUES "
		 "('digest', ?1)") < 0)
		return MDSEC_EIO;
	imp_bind_text(st, 1, hex);
	rc = imp_step(im, st);
	sqlite3_finalize(st);
	return rc;
}

/* Every table a record's rows live in, by (id, source). */
static const char *const del_sql[] = {
	"DELETE FROM vuln WHERE id = ?1 AND source = ?2",
	"DELETE FROM cpe_match WHERE vuln_id = ?1 AND source = ?2",
	"DELETE FROM metric WHERE vuln_id = ?1 AND source = ?2",
	"DELETE FROM alias WHERE vuln_id = ?1 AND source = ?2",
	"DELETE FROM cna_version WHERE vuln_id = ?1 AND source = ?2",
	"DELETE FROM osv_range WHERE vuln_id = ?1 AND source = ?2",
};

static int prepare_all(struct importer *im)
{
	size_t k;

	for (k = 0; k < sizeof(del_sql) / sizeof(del_sql[0]); k++)
		if (prep(im, &im->del[k], del_sql[k]) < 0)
			return MDSEC_EIO;
	if (prep(im, &im->ins_vuln,
		 "INSERT INTO vuln(id, source, published, modified, status, "
		 "description, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		 "?7)") < 0 ||
	    prep(im, &im->ins_cpe,
		 "INSERT INTO cpe_match(vuln_id, source, config, node, "
		 "operator, vulnerable, criteria, part, vendor, product, "
		 "version, version_update, start, start_incl, end, end_incl) "
		 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
		 "?13, ?14, ?15, ?16)") < 0 ||
	    prep(im, &im->ins_metric,
		 "INSERT INTO metric(vuln_id, source, origin, type, "
		 "cvss_version, vector, base_score) VALUES (?1, ?2, ?3, ?4, "
		 "?5, ?6, ?7)") < 0 ||
	    prep(im, &im->ins_kev,
		 "INSERT OR REPLACE INTO kev(cve, vendor, product, name, "
		 "date_added, due_date, ransomware) VALUES (?1, ?2, ?3, ?4, "
		 "?5, ?6, ?7)") < 0 ||
	    prep(im, &im->ins_epss,
		 "INSERT OR REPLACE INTO epss(cve, score, percentile, date) "
		 "VALUES (?1, ?2, ?3, ?4)") < 0 ||
	    prep(im, &im->ins_alias,
		 "INSERT INTO alias(vuln_id, alias, source) VALUES (?1, ?2, "
		 "?3)") < 0 ||
	    prep(im, &im->ins_cna,
		 "INSERT INTO cna_version(vuln_id, source, aff, vendor, "
		 "product, default_status, version, status, version_type, "
		 "less_than, lte, container) VALUES (?1, 'cve5', ?2, ?3, ?4, "
		 "?5, ?6, ?7, ?8, ?9, ?10, ?11)") < 0 ||
	    prep(im, &im->ins_osv,
		 "INSERT INTO osv_range(vuln_id, source, aff, ecosystem, "
		 "purl_type, namespace, name, kind, scheme, introduced, end, "
		 "end_incl, repo) VALUES (?1, 'osv', ?2, ?3, ?4, ?5, ?6, ?7, "
		 "?8, ?9, ?10, ?11, ?12)") < 0)
		return MDSEC_EIO;
	return 0;
}

static void finalize_all(struct importer *im)
{
	size_t k;

	for (k = 0; k < sizeof(im->del) / sizeof(im->del[0]); k++)
		sqlite3_finalize(im->del[k]);
	sqlite3_finalize(im->ins_vuln);
	sqlite3_finalize(im->ins_cpe);
	sqlite3_finalize(im->ins_metric);
	sqlite3_finalize(im->ins_kev);
	sqlite3_finalize(im->ins_epss);
	sqlite3_finalize(im->ins_alias);
	sqlite3_finalize(im->ins_cna);
	sqlite3_finalize(im->ins_osv);
}

int mdsec_vulndb_import(mdsec_vulndb *db, const char *const *paths, size_t n,
			struct mdsec_import_stats *st,
			struct mdsec_diag_list *dl)
{
	struct importer im;
	size_t i;
	int rc = 0, s;

	memset(&im, 0, sizeof(im));
	memset(st, 0, sizeof(*st));
	im.db = db;
	im.dl = dl;
	im.st = st;
	im.file = db->path;
	for (s = 0; s < SRC_N && rc == 0; s++) {
		rc = sha256_init(&im.src[s].hash) < 0 ? MDSEC_ENOMEM : 0;
		im.src[s].init = rc == 0;
	}
	if (rc == 0)
		rc = vdb_exec(db, "BEGIN IMMEDIATE", dl);
	if (rc == 0 && (im.bulk = database_empty(db)))
		rc = vdb_indexes(db, false, dl);
	if (rc == 0) {
		rc = prepare_all(&im);
		for (i = 0; i < n && rc == 0; i++)
			rc = import_path(&im, paths[i], 0);
		if (rc == 0 && im.errors)
			rc = MDSEC_EINPUT;
		for (s = 0; s < SRC_N && rc == 0; s++)
			if (im.src[s].seen)
				rc = update_source(&im, (enum imp_source)s);
		finalize_all(&im);
		if (rc == 0 && im.bulk)
			rc = vdb_indexes(db, true, dl);
		if (rc == 0)
			rc = store_digest(&im);
		if (rc == 0)
			rc = vdb_exec(db, "COMMIT", dl);
		else
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	for (s = 0; s < SRC_N; s++)
		if (im.src[s].init)
			sha256_release(&im.src[s].hash);
	map_release(&im.seen);
	arena_release(&im.seen_keys);
	if (rc == 0 && im.errors)
		rc = MDSEC_EINPUT;
	return rc;
}
