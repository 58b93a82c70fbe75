/* SPDX-License-Identifier: Apache-2.0
 *
 * db.c - the vulnerability database file: opening, the schema and its
 * migrations (PRAGMA user_version), per-source statistics, and the
 * content digest over the records in a canonical order.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "vuln/vuln_int.h"

#include "base/banned.h"

/* Schema 1. Records (payload) apart from the narrow match tables. */
static const char schema_v1[] =
	"CREATE TABLE source("
	" name TEXT PRIMARY KEY, records INTEGER NOT NULL DEFAULT 0,"
	" newest_modified TEXT, imported TEXT, sha256 TEXT);"
	"CREATE TABLE vuln("
	" id TEXT NOT NULL, source TEXT NOT NULL, published TEXT,"
	" modified TEXT, status TEXT, description TEXT,"
	" payload TEXT NOT NULL, PRIMARY KEY(id, source));"
	"CREATE TABLE cpe_match("
	" vuln_id TEXT NOT NULL, source TEXT NOT NULL,"
	" config INTEGER NOT NULL, node INTEGER NOT NULL,"
	" operator TEXT NOT NULL, vulnerable INTEGER NOT NULL,"
	" criteria TEXT NOT NULL, part TEXT NOT NULL, vendor TEXT NOT NULL,"
	" product TEXT NOT NULL, version TEXT, version_update TEXT,"
	" start TEXT, start_incl INTEGER, end TEXT, end_incl INTEGER);"
	"CREATE INDEX cpe_match_vp ON cpe_match(vendor, product);"
	"CREATE INDEX cpe_match_id ON cpe_match(vuln_id);"
	"CREATE TABLE metric("
	" vuln_id TEXT NOT NULL, source TEXT NOT NULL, origin TEXT,"
	" type TEXT, cvss_version TEXT NOT NULL, vector TEXT NOT NULL,"
	" base_score REAL);"
	"CREATE INDEX metric_id ON metric(vuln_id);"
	"CREATE TABLE alias(vuln_id TEXT NOT NULL, alias TEXT NOT NULL);"
	"CREATE INDEX alias_alias ON alias(alias);"
	"CREATE TABLE kev("
	" cve TEXT PRIMARY KEY, vendor TEXT, product TEXT, name TEXT,"
	" date_added TEXT, due_date TEXT, ransomware TEXT);";

/* Schema 2: EPSS scores (FIRST's daily CSV). */
static const char schema_v2[] =
	"CREATE TABLE epss(cve TEXT PRIMARY KEY, score REAL NOT NULL,"
	" percentile REAL NOT NULL, date TEXT);";

/* Schema 3: CVE JSON 5 (CNA) versions and OSV ranges, each a narrow
 * table keyed for matching; aliases remember their source. */
static const char schema_v3[] =
	"ALTER TABLE alias ADD COLUMN source TEXT NOT NULL DEFAULT 'osv';"
	/* the CPE key covers every column the matcher reads: no table
	 * look-up per candidate row (a 10k-component match: -25 %) */
	"DROP INDEX cpe_match_vp;"
	"CREATE INDEX cpe_match_key ON cpe_match(vendor, product, part,"
	" vulnerable, vuln_id, version, version_update, start, start_incl,"
	" end, end_incl);"
	"CREATE INDEX alias_id ON alias(vuln_id);"
	"CREATE TABLE cna_version("
	" vuln_id TEXT NOT NULL, source TEXT NOT NULL, aff INTEGER NOT NULL,"
	" vendor TEXT NOT NULL, product TEXT NOT NULL, default_status TEXT,"
	" version TEXT, status TEXT, version_type TEXT, less_than TEXT,"
	" lte INTEGER, container TEXT NOT NULL);"
	"CREATE INDEX cna_version_vp ON cna_version(vendor, product);"
	"CREATE INDEX cna_version_id ON cna_version(vuln_id);"
	"CREATE TABLE osv_range("
	" vuln_id TEXT NOT NULL, source TEXT NOT NULL, aff INTEGER NOT NULL,"
	" ecosystem TEXT NOT NULL, purl_type TEXT NOT NULL,"
	" namespace TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,"
	" scheme TEXT NOT NULL, introduced TEXT, end TEXT,"
	" end_incl INTEGER NOT NULL, repo TEXT);"
	"CREATE INDEX osv_range_pkg ON osv_range(purl_type, name);"
	"CREATE INDEX osv_range_id ON osv_range(vuln_id);"
	/* the content digest, computed by every import in its transaction
	 * (reading 350k records to hash them takes a second) */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);";

static const char *const migrations[] = { schema_v1, schema_v2, schema_v3 };

/* Every secondary index of the current schema (as the migrations create
 * them): a bulk load into an empty database drops them and builds them
 * once at the end, in the same transaction. */
static const char *const indexes[][2] = {
	{ "cpe_match_key",
	  "cpe_match(vendor, product, part, vulnerable, vuln_id, version, "
	  "version_update, start, start_incl, end, end_incl)" },
	{ "cpe_match_id", "cpe_match(vuln_id)" },
	{ "metric_id", "metric(vuln_id)" },
	{ "alias_alias", "alias(alias)" },
	{ "alias_id", "alias(vuln_id)" },
	{ "cna_version_vp", "cna_version(vendor, product)" },
	{ "cna_version_id", "cna_version(vuln_id)" },
	{ "osv_range_pkg", "osv_range(purl_type, name)" },
	{ "osv_range_id", "osv_range(vuln_id)" },
};

int vdb_indexes(mdsec_vulndb *db, bool create, struct mdsec_diag_list *dl)
{
	char sql[256];
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(indexes) / sizeof(indexes[0]) && rc == 0; i++) {
		if (create)
			snprintf(sql, sizeof(sql), "CREATE INDEX %s ON %s",
				 indexes[i][0], indexes[i][1]);
		else
			snprintf(sql, sizeof(sql), "DROP INDEX %s",
				 indexes[i][0]);
		rc = vdb_exec(db, sql, dl);
	}
	return rc;
}

int vdb_exec(mdsec_vulndb *db, const char *sql, struct mdsec_diag_list *dl)
{
	char *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	if (dl) {
		struct mdsec_loc l = { db->path, 0, 0 };

		diag_error(dl, l, "database: %s", err ? err : "error");
	}
	sqlite3_free(err);
	return MDSEC_EIO;
}

static void default_path(struct strbuf *out)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		strbuf_addf(out, "%s/mdsec", xdg);
	else
		strbuf_addf(out, "%s/.local/share/mdsec",
			    home && *home ? home : ".");
}

static void mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;

	if (!p)
		return;
	for (s = p + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
	xfree(p);
}

static int user_version(mdsec_vulndb *db, int *v)
{
	sqlite3_stmt *st;
	int rc = MDSEC_EIO;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

int mdsec_vulndb_open(mdsec_vulndb **out, const char *path,
		      struct mdsec_diag_list *dl)
{
	struct strbuf p = STRBUF_INIT;
	mdsec_vulndb *db;
	int v = 0, rc;

	*out = NULL;
	if (!path) {
		default_path(&p);
		mkdirs(p.buf);
		strbuf_addstr(&p, "/vuln.db");
	} else {
		strbuf_addstr(&p, path);
	}
	db = xcalloc(1, sizeof(*db));
	if (!db) {
		strbuf_release(&p);
		return MDSEC_ENOMEM;
	}
	db->path = strbuf_detach(&p, NULL);
	if (sqlite3_open_v2(db->path, &db->h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		struct mdsec_loc l = { db->path, 0, 0 };

		diag_error(dl, l, "cannot open the database: %s",
			   db->h ? sqlite3_errmsg(db->h) : "out of memory");
		mdsec_vulndb_close(db);
		return MDSEC_EIO;
	}
	sqlite3_busy_timeout(db->h, 5000);
	if (user_version(db, &v) < 0) {
		struct mdsec_loc l = { db->path, 0, 0 };

		diag_error(dl, l,
			   "not an mdsec database: %s (expected an "
			   "SQLite file made by mdsec db import)",
			   sqlite3_errmsg(db->h));
		mdsec_vulndb_close(db);
		return MDSEC_EINPUT;
	}
	if (v > MDSEC_VULNDB_SCHEMA) {
		struct mdsec_loc l = { db->path, 0, 0 };

		diag_error(dl, l,
			   "database schema %d is newer than this mdsec "
			   "(expected %d or older)",
			   v, MDSEC_VULNDB_SCHEMA);
		mdsec_vulndb_close(db);
		return MDSEC_EINPUT;
	}
	/* migrations run in order, each in the same transaction as the
	 * version bump: a crash leaves the previous schema */
	for (; v < MDSEC_VULNDB_SCHEMA; v++) {
		char bump[64];

		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d; COMMIT",
			 v + 1);
		rc = vdb_exec(db, "BEGIN IMMEDIATE", dl);
		if (rc == 0)
			rc = vdb_exec(db, migrations[v], dl);
		if (rc == 0)
			rc = vdb_exec(db, bump, dl);
		if (rc < 0) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			mdsec_vulndb_close(db);
			return rc;
		}
	}
	*out = db;
	return 0;
}

sqlite3_stmt *vdb_prepare(mdsec_vulndb *db, const char *sql)
{
	size_t i;

	for (i = 0; i < VDB_STMT_CACHE && db->cache[i].sql; i++) {
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return db->cache[i].st;
		}
	}
	if (i == VDB_STMT_CACHE)
		return NULL; /* a programming error: raise the cache size */
	if (sqlite3_prepare_v2(db->h, sql, -1, &db->cache[i].st, NULL) !=
	    SQLITE_OK)
		return NULL;
	db->cache[i].sql = sql;
	return db->cache[i].st;
}

void mdsec_vulndb_close(mdsec_vulndb *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < VDB_STMT_CACHE && db->cache[i].sql; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->h)
		sqlite3_close(db->h);
	xfree(db->path);
	xfree(db);
}

const char *mdsec_vulndb_path(const mdsec_vulndb *db)
{
	return db->path;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int mdsec_vulndb_sources(mdsec_vulndb *db, struct mdsec_vulndb_source *out,
			 size_t max, size_t *n)
{
	sqlite3_stmt *st;

	*n = 0;
	if (sqlite3_prepare_v2(db->h,
			       "SELECT name, records, newest_modified, "
			       "imported, sha256 FROM source ORDER BY name",
			       -1, &st, NULL) != SQLITE_OK)
		return MDSEC_EIO;
	while (*n < max && sqlite3_step(st) == SQLITE_ROW) {
		struct mdsec_vulndb_source *s = &out[(*n)++];

		copy_col(s->name, sizeof(s->name), st, 0);
		s->records = (uint64_t)sqlite3_column_int64(st, 1);
		copy_col(s->newest_modified, sizeof(s->newest_modified), st, 2);
		copy_col(s->imported, sizeof(s->imported), st, 3);
		copy_col(s->sha256, sizeof(s->sha256), st, 4);
	}
	sqlite3_finalize(st);
	return 0;
}

int mdsec_vulndb_count(mdsec_vulndb *db, uint64_t *n)
{
	sqlite3_stmt *st;
	int rc = MDSEC_EIO;

	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM vuln", -1, &st,
			       NULL) != SQLITE_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*n = (uint64_t)sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Feed every row of a query, columns separated by \x1f, rows by \x1e. */
static int digest_query(mdsec_vulndb *db, struct sha256 *h, const char *sql)
{
	sqlite3_stmt *st;
	int i, n, rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return MDSEC_EIO;
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			int len = sqlite3_column_bytes(st, i);

			if (t)
				sha256_update(h, t, (size_t)len);
			sha256_update(h, "\x1f", 1);
		}
		sha256_update(h, "\x1e", 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : MDSEC_EIO;
}

int vdb_digest_compute(mdsec_vulndb *db, char hex[65])
{
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	int rc;

	if (sha256_init(&h) < 0)
		return MDSEC_ENOMEM;
	sha256_update(&h, "mdsec-vulndb-1\n", 15);
	rc = digest_query(db, &h,
			  "SELECT id, source, modified, payload FROM vuln "
			  "ORDER BY id, source");
	if (rc == 0)
		rc = digest_query(db, &h,
				  "SELECT cve, vendor, product, date_added, "
				  "due_date, ransomware FROM kev ORDER BY cve");
	if (rc == 0)
		rc = digest_query(
			db, &h,
			"SELECT cve, "
			"CAST(round(score * 100000) AS INTEGER), "
			"CAST(round(percentile * 100000) AS INTEGER), "
			"date FROM epss ORDER BY cve");
	if (rc < 0) {
		sha256_release(&h);
		return rc;
	}
	sha256_final(&h, d);
	sha256_to_hex(hex, d);
	return 0;
}

int mdsec_vulndb_digest(mdsec_vulndb *db, char hex[65])
{
	sqlite3_stmt *st;
	bool stored = false;

	/* stored by the last import; a database migrated from schema 2 has
	 * none until its next import */
	if (sqlite3_prepare_v2(db->h,
			       "SELECT value FROM meta WHERE key = 'digest'",
			       -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_bytes(st, 0) == 64) {
			memcpy(hex, sqlite3_column_text(st, 0), 64);
			hex[64] = '\0';
			stored = true;
		}
		sqlite3_finalize(st);
	}
	return stored ? 0 : vdb_digest_compute(db, hex);
}

int mdsec_vulndb_read_begin(mdsec_vulndb *db)
{
	return vdb_exec(db, "BEGIN DEFERRED", NULL);
}

void mdsec_vulndb_read_end(mdsec_vulndb *db)
{
	sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}
