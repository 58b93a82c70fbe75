/* SPDX-License-Identifier: Apache-2.0
 *
 * vuln_int.h - what the vulnerability database's files share.
 */
#ifndef MDSEC_VULN_INT_H
#define MDSEC_VULN_INT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "base/strbuf.h"
#include "mdsec/vulndb.h"

#define VDB_STMT_CACHE 16

struct mdsec_vulndb {
	sqlite3 *h;
	char *path;
	/* prepared queries of the matcher, keyed by their SQL text (a
	 * string literal): prepared once, reset between uses */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[VDB_STMT_CACHE];
};

/* Run SQL; on failure a diagnostic naming the database (dl may be NULL). */
int vdb_exec(mdsec_vulndb *db, const char *sql, struct mdsec_diag_list *dl);

/* Append v as canonical JSON: byte for byte what jansson's
 * json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) writes (canon.c). */
int vdb_canonical_json(struct strbuf *sb, json_t *v);

/* Drop (create = false) or create every secondary index. */
int vdb_indexes(mdsec_vulndb *db, bool create, struct mdsec_diag_list *dl);

/* The content digest computed from the records (mdsec_vulndb_digest()
 * returns the one the last import stored). */
int vdb_digest_compute(mdsec_vulndb *db, char hex[65]);

/* The prepared statement for sql (a string literal: its address is the
 * key), reset and unbound; NULL on error. Never finalize it: reset it
 * with sqlite3_reset() when done; mdsec_vulndb_close() finalizes. */
sqlite3_stmt *vdb_prepare(mdsec_vulndb *db, const char *sql);

#endif
