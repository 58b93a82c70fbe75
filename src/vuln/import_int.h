/* SPDX-License-Identifier: Apache-2.0
 *
 * import_int.h - what the feed importers share: the importer state (one
 * transaction, prepared statements, per-source hashes), located errors,
 * and the record/metric/match writers every format uses. One file per
 * feed format: import_nvd.c (NVD API 2.0 and 1.1), import_cve5.c (CVE
 * JSON 5), import_osv.c (OSV); KEV and EPSS in import.c.
 */
#ifndef MDSEC_VULN_IMPORT_INT_H
#define MDSEC_VULN_IMPORT_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/arena.h"
#include "base/jsonpos.h"
#include "base/map.h"
#include "base/sha256.h"
#include "vuln/vuln_int.h"

/* The sources a record can come from (the vuln table's source column). */
enum imp_source { SRC_NVD, SRC_CVE5, SRC_OSV, SRC_KEV, SRC_EPSS, SRC_N };

struct imp_source_state {
	struct sha256 hash; /* of the bytes imported */
	bool init, seen;
	char newest[40]; /* newest modification time, or the EPSS date */
};

/* One row of a CPE match table (NVD configurations). */
struct imp_cpe_row {
	int config, node;
	const char *op, *criteria;
	bool vulnerable;
	const char *start, *end;
	bool start_incl, end_incl;
};

struct importer {
	mdsec_vulndb *db;
	struct mdsec_diag_list *dl;
	struct mdsec_import_stats *st;
	const char *file;
	const char *text; /* the file's JSON text, for locating records */
	size_t len;
	const char *rec_key; /* the array holding the records, or NULL */
	long rec;	     /* index in it, or -1 */
	/* or, inside a single record, the path of what is wrong */
	struct json_step at[8];
	size_t nat;
	sqlite3_stmt *del[6], *ins_vuln, *ins_cpe, *ins_metric, *ins_kev;
	sqlite3_stmt *ins_epss, *ins_alias, *ins_cna, *ins_osv;
	struct imp_source_state src[SRC_N];
	int errors;
	/* a load into an empty database: no index until the end, and no
	 * deletes for a record not met before in this import */
	bool bulk;
	struct map seen;	/* "source id" of every record so far */
	struct arena seen_keys; /* the keys' storage */
};

/* A located error ("where: message"), counted; returns MDSEC_EINPUT. */
int imp_err(struct importer *im, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void imp_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Step and reset a statement; a database error is reported. */
int imp_step(struct importer *im, sqlite3_stmt *st);
const char *imp_jstr(json_t *o, const char *k);

/* Replace record id of source: delete its rows in every table, insert
 * the vuln row with the record itself (canonical JSON) as payload. */
int imp_record(struct importer *im, enum imp_source src, const char *id,
	       const char *published, const char *modified, const char *status,
	       const char *description, json_t *payload);
int imp_metric(struct importer *im, enum imp_source src, const char *id,
	       const char *origin, const char *type, const char *version,
	       const char *vector, double score);
int imp_alias(struct importer *im, enum imp_source src, const char *id,
	      const char *alias);
/* One NVD-style CPE match row (criteria parsed here). */
int imp_cpe(struct importer *im, const char *id, const struct imp_cpe_row *r);
/* Note a record's modification time for the source's high-water mark. */
void imp_seen(struct importer *im, enum imp_source src, const char *modified);

/* Format importers: the JSON root of one file already recognised. */
int imp_nvd_cve(struct importer *im, json_t *cve, const char *where);
int imp_nvd11(struct importer *im, json_t *root);
int imp_cve5(struct importer *im, json_t *root);
int imp_osv(struct importer *im, json_t *root);

#endif
