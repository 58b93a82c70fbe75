/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/vulndb.h - the vulnerability database: one SQLite file with a
 * versioned schema, narrow indexed match tables (CPE vendor/product, CNA
 * versions, OSV package ranges)
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
#define MDSEC_VULNDB_SCHEMA 3

/** Open (creating and migrating as needed) the database at path; NULL:
 * the default, $XDG_DATA_HOME/mdsec/vuln.db or ~/.local/share/mdsec. */
int mdsec_vulndb_open(mdsec_vulndb **out, const char *path,
		      struct mdsec_diag_list *dl);
void mdsec_vulndb_close(mdsec_vulndb *db);
/** The path actually opened. */
const char *mdsec_vulndb_path(const mdsec_vulndb *db);

/** Import files (NVD API 2.0 JSON pages and single records, NVD JSON 1.1
 * feeds, CVE JSON 5 records, OSV records, CISA KEV JSON, FIRST EPSS CSV;
 * .gz too; directories walked), all in one transaction: on any error
 * nothing is changed. Counts what was imported. */
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
/** SHA-256 of every record in canonical order (not of the file):
 * computed by each import in its transaction and stored, so reading it
 * costs nothing; computed on the spot for a database no import of this
 * schema has written yet. */
int mdsec_vulndb_digest(mdsec_vulndb *db, char hex[65]);

/** One read snapshot: between these calls every query (digest, matches,
 * aliases) sees the same content, even while another process imports,
 * and SQLite takes its locks once instead of per statement. */
int mdsec_vulndb_read_begin(mdsec_vulndb *db);
void mdsec_vulndb_read_end(mdsec_vulndb *db);
/** One record that names a component as affected. */
struct mdsec_vuln_hit {
	char id[64];	/* the record's id (CVE, OSV, GHSA...) */
	char fixed[64]; /* the first fixed version of the range, or "" */
	char source[8]; /* "nvd", "cve5" or "osv" */
	/* the record names the package only by commit ranges (OSV GIT):
	 * not decided without the commit graph, never counted affected */
	bool undecided;
};

/** The records that name a component as affected at its version:
 * - by CPE (part:vendor:product exact; a wildcard vendor or product
 *   matches nothing): NVD configurations (cpe_match; "running on"
 *   platforms are never the affected product) and CVE JSON 5 affected
 *   entries (cna_version: versions, lessThan/lessThanOrEqual, status and
 *   defaultStatus as the format defines them);
 * - by PURL (type, namespace, name): OSV ranges (ECOSYSTEM, SEMVER,
 *   listed versions) in the ecosystem's version scheme.
 * version is used when the CPE or PURL has none. *known tells whether
 * the database knows the product or package at all. *hits is sorted by
 * id then source, without repeats; free with free(). Candidate rows per
 * component are bounded (MDSEC_VULN_MAX_CANDIDATES): MDSEC_ELIMIT when a
 * component has more. */
#define MDSEC_VULN_MAX_CANDIDATES 100000
int mdsec_vulndb_match(mdsec_vulndb *db, const char *cpe, const char *purl,
		       const char *version, struct mdsec_vuln_hit **hits,
		       size_t *n, bool *known, struct mdsec_diag_list *dl);

/** The ids of mdsec_vulndb_match() for a CPE or a PURL alone, sorted,
 * without repeats, undecided ones left out; *ids is a malloc'd array of
 * malloc'd strings, freed with mdsec_vulndb_free_ids(). */
int mdsec_vulndb_match_cpe(mdsec_vulndb *db, const char *cpe, char ***ids,
			   size_t *n, struct mdsec_diag_list *dl);
int mdsec_vulndb_match_purl(mdsec_vulndb *db, const char *purl, char ***ids,
			    size_t *n, struct mdsec_diag_list *dl);
void mdsec_vulndb_free_ids(char **ids, size_t n);

/** One known vulnerability of one component. */
struct mdsec_vuln_finding {
	size_t component; /* index in the SBOM */
	char id[64];	  /* CVE-YYYY-NNNN, else the OSV/GHSA id */
	/* the first fixed version of the range that matched ("" unknown) */
	char fixed[64];
	/* which data matched: "nvd", "cve5", "osv", joined with '+' */
	char matched_by[24];
	int score; /* base score in tenths, -1 when none */
	/* the CVSS rating; without CVSS, the CNA's own word, if any */
	char severity[12];
	char vector[192];      /* the vector scored */
	char score_source[64]; /* who published it (nvd@nist.gov, a CNA) */
	bool kev;	       /* on CISA's KEV catalog */
	int epss;	       /* EPSS probability in 1/100000, -1 unknown */
	int epss_percentile;   /* in 1/100000 */
	char kev_due[16];      /* its due date */
};

/** A component that could not be checked, and why; or one record whose
 * ranges could not be decided for it (vuln set). */
struct mdsec_vuln_unchecked {
	size_t component;
	const char *reason; /* static text */
	char vuln[64];	    /* "" for the whole component */
};

struct mdsec_vulns {
	struct mdsec_vuln_finding *findings;
	size_t nfindings;
	struct mdsec_vuln_unchecked *unchecked;
	size_t nunchecked;
};

/** Match every component of s (by CPE and PURL; docs/vulndb.md). A
 * finding's id is the CVE id when the record is a CVE or an OSV record
 * with exactly one CVE alias; matches of the same vulnerability from
 * several sources are one finding (matched_by names them all). */
int mdsec_vulns_match(mdsec_vulndb *db, const mdsec_sbom *s,
		      struct mdsec_vulns *r, struct mdsec_diag_list *dl);
void mdsec_vulns_release(struct mdsec_vulns *r);

/** The other ids of vulnerability id: the aliases its records give, and
 * the records (OSV, GHSA) that give id as an alias. *ids as for
 * mdsec_vulndb_match_cpe() (sorted, no repeats, id itself left out). */
int mdsec_vulndb_aliases(mdsec_vulndb *db, const char *id, char ***ids,
			 size_t *n);

/** Number of vulnerability records. */
int mdsec_vulndb_count(mdsec_vulndb *db, uint64_t *n);

/** Where `mdsec db update` downloads from by default. */
#define MDSEC_NVD_URL "https://services.nvd.nist.gov/rest/json/cves/2.0"
#define MDSEC_KEV_URL                                                          \
	"https://www.cisa.gov/sites/default/files/feeds/"                      \
	"known_exploited_vulnerabilities.json"
#define MDSEC_EPSS_URL                                                         \
	"https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"

/** The sources an update downloads (bits). */
#define MDSEC_UPDATE_NVD  1u
#define MDSEC_UPDATE_KEV  2u
#define MDSEC_UPDATE_EPSS 4u
#define MDSEC_UPDATE_ALL  7u

struct mdsec_update_options {
	unsigned sources;     /* MDSEC_UPDATE_* bits; 0 = all */
	const char *nvd_url;  /* NULL: MDSEC_NVD_URL */
	const char *kev_url;  /* NULL: MDSEC_KEV_URL */
	const char *epss_url; /* NULL: MDSEC_EPSS_URL */
	const char *api_key;  /* NVD API key (apiKey header), NULL: none */
	bool full;	      /* every NVD record, not only the changed */
	long rate_window_ms;  /* NVD's rate-limit window; 0: 30000 */
	/* called while a file downloads (may be NULL) */
	void (*progress)(void *arg, const char *name, uint64_t got,
			 uint64_t total);
	void *progress_arg;
};

struct mdsec_update_stats {
	struct mdsec_import_stats imported;
	uint64_t requests;  /* HTTP requests, retries included */
	uint64_t bytes;	    /* body bytes received */
	char nvd_since[32]; /* the lastModStartDate asked for, "" if full */
	/* a network or environment failure, "URL: what (expected ...)" */
	char error[1024];
};

/** Download the current feeds (docs/vulndb.md, "db update") into
 * <db>.download/ and import them in one transaction: NVD records
 * modified since the newest one stored (all on the first update), the
 * KEV catalog and the EPSS scores. Returns 0; MDSEC_EINPUT for a
 * malformed feed (located diagnostics in dl); MDSEC_EIO (or ENOMEM) for
 * a network or environment failure, described in st->error. On any
 * failure the database is unchanged. */
int mdsec_vulndb_update(mdsec_vulndb *db, const struct mdsec_update_options *o,
			struct mdsec_update_stats *st,
			struct mdsec_diag_list *dl);

#endif
