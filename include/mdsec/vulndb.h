/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/vulndb.h - the vulnerability database: one SQLite file with a
 * versioned schema, narrow indexed match tables (CPE vendor/product)
 * apart from the record payload, per-source statistics and a content
 * digest over the records in a canonical order, so that a submission can
 * name exactly which data answered it. Importers detect the format from
 * content; each import is one transaction: an interrupted or failed
 * import leaves the previous database intact. Documented in docs/vulndb.md.
 */
#ifndef MDSEC_VULNDB_H
#define MDSEC_VULNDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mdsec/error.h"
#include "mdsec/sbom.h"

typedef struct mdsec_vulndb mdsec_vulndb;

/** Schema version this build writes; older databases are migrated. */
#define MDSEC_VULNDB_SCHEMA 2

/** Open (creating and migrating as needed) the database at path; NULL:
 * the default, $XDG_DATA_HOME/mdsec/vuln.db or ~/.local/share/mdsec. */
int mdsec_vulndb_open(mdsec_vulndb **out, const char *path,
		      struct mdsec_diag_list *dl);
void mdsec_vulndb_close(mdsec_vulndb *db);
/** The path actually opened. */
const char *mdsec_vulndb_path(const mdsec_vulndb *db);

/** Import files (NVD API 2.0 JSON pages, single CVE records, directories
 * of them, CISA KEV JSON, FIRST EPSS CSV; .gz too), all in one
 * transaction: on any
 * error nothing is changed. Counts what was imported. */
struct mdsec_import_stats {
	uint64_t records; /* vulnerability records inserted or replaced */
	uint64_t kev;	  /* KEV entries */
	uint64_t epss;	  /* EPSS scores */
	uint64_t files;
};
int mdsec_vulndb_import(mdsec_vulndb *db, const char *const *paths, size_t n,
			struct mdsec_import_stats *st,
			struct mdsec_diag_list *dl);

/** Per-source statistics. */
struct mdsec_vulndb_source {
	char name[32];
	uint64_t records;
	char newest_modified[32]; /* newest record modification time */
	char imported[32];	  /* when it was last imported (UTC) */
	char sha256[65];	  /* of the bytes last imported */
};
/** Fill up to max sources; *n the number filled. */
int mdsec_vulndb_sources(mdsec_vulndb *db, struct mdsec_vulndb_source *out,
			 size_t max, size_t *n);
/** SHA-256 of every record in canonical order (not of the file). */
int mdsec_vulndb_digest(mdsec_vulndb *db, char hex[65]);
/** The CVE ids whose NVD configurations name the product of a CPE 2.3
 * name as vulnerable at its version (and update): exact part, vendor and
 * product; "running on" platforms are never the affected product; ranges
 * decided with the generic version scheme (mdsec/version.h). *ids is a
 * sorted, duplicate-free malloc'd array of malloc'd strings. */
int mdsec_vulndb_match_cpe(mdsec_vulndb *db, const char *cpe, char ***ids,
			   size_t *n, struct mdsec_diag_list *dl);
void mdsec_vulndb_free_ids(char **ids, size_t n);

/** One known vulnerability of one component. */
struct mdsec_vuln_finding {
	size_t component; /* index in the SBOM */
	char id[32];	  /* CVE-YYYY-NNNN */
	int score;	  /* base score in tenths, -1 when none */
	char severity[12];
	char vector[192];      /* the vector scored */
	char score_source[64]; /* who published it (nvd@nist.gov, a CNA) */
	bool kev;	       /* on CISA's KEV catalog */
	int epss;	       /* EPSS probability in 1/100000, -1 unknown */
	int epss_percentile;   /* in 1/100000 */
	char kev_due[16];      /* its due date */
};

/** A component that could not be checked, and why. */
struct mdsec_vuln_unchecked {
	size_t component;
	const char *reason; /* static text */
};

struct mdsec_vulns {
	struct mdsec_vuln_finding *findings;
	size_t nfindings;
	struct mdsec_vuln_unchecked *unchecked;
	size_t nunchecked;
};

/** Match every component of s (by CPE; docs/vulndb.md). */
int mdsec_vulns_match(mdsec_vulndb *db, const mdsec_sbom *s,
		      struct mdsec_vulns *r, struct mdsec_diag_list *dl);
void mdsec_vulns_release(struct mdsec_vulns *r);

/** Number of vulnerability records. */
int mdsec_vulndb_count(mdsec_vulndb *db, uint64_t *n);

#endif
