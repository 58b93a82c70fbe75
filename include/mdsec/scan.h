/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/scan.h - finding third-party components and their exact versions
 * inside what ships: raw binaries and memory images, ELF and PE, Intel
 * HEX, S-record and UF2 (decoded first), and archives or compressed files
 * (libarchive, recursively, in memory, with limits). Signatures are data
 * (data/signatures/ (YAML), docs/signatures.md): literal anchors compiled
 * into one vectorscan database as the prefilter, then a PCRE2 pattern
 * near each hit extracts the version. Memory does not grow with the input.
 */
#ifndef MDSEC_SCAN_H
#define MDSEC_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mdsec/error.h"
#include "mdsec/sbom.h"

/** One signature, as loaded (read-only for callers). */
struct mdsec_signature {
	const char *id, *name, *supplier;
	char cpe_part;		    /* 'a', 'o' or 'h' */
	const char *cpe_vendor;	    /* exact NVD vendor */
	const char *cpe_product;    /* exact NVD product */
	const char *purl;	    /* template with {version} */
	const char *const *anchors; /* literal byte strings */
	const size_t *anchor_len;   /* their lengths (may hold NULs) */
	size_t nanchors;
	const char *pattern;	     /* PCRE2 */
	const char *const *products; /* other names (test data) */
	size_t nproducts;
	const char *const *ex_text; /* examples: text and version */
	const char *const *ex_version;
	size_t nexamples;
	bool untested;
	struct mdsec_loc loc;
};

typedef struct mdsec_sigset mdsec_sigset;
typedef struct mdsec_scanner mdsec_scanner;

/** Load every *.yaml signature file of each directory (NULL or empty
 * list: the data directory's signatures/). Located errors in dl. */
int mdsec_sigset_load(mdsec_sigset **out, const char *const *dirs, size_t n,
		      struct mdsec_diag_list *dl);
size_t mdsec_sigset_count(const mdsec_sigset *s);
const struct mdsec_signature *mdsec_sigset_get(const mdsec_sigset *s, size_t i);
void mdsec_sigset_free(mdsec_sigset *s);

/** Limits for archives (0 = default). */
struct mdsec_scan_limits {
	unsigned max_depth;    /* nesting of archives, default 8 */
	uint64_t max_entries;  /* members in all, default 100000 */
	uint64_t max_expanded; /* bytes decompressed in all, 8 GiB */
	unsigned max_ratio;    /* expanded / compressed, default 1000 */
};

/** Build the scanner: the vectorscan database is taken from the cache
 * ($XDG_CACHE_HOME/mdsec or ~/.cache/mdsec, keyed by the signatures'
 * SHA-256, the vectorscan version and the platform) or compiled and
 * cached (atomic write; an unwritable cache is not an error). */
int mdsec_scanner_new(mdsec_scanner **out, const mdsec_sigset *set,
		      const struct mdsec_scan_limits *limits,
		      struct mdsec_diag_list *dl);
void mdsec_scanner_free(mdsec_scanner *sc);
/** Whether the database came from the cache (for tests and --verbose). */
bool mdsec_scanner_from_cache(const mdsec_scanner *sc);

/** Scan one file (any supported kind). Components found are added to
 * *sbom (created when NULL) with scan evidence: the file, the path inside
 * archives, the offset and the matched text. A corrupt member or record
 * is a warning naming it and the scan goes on; an unreadable file is an
 * error (MDSEC_EIO / MDSEC_ENOTFOUND). display names the file in evidence
 * and diagnostics (NULL: path). */
int mdsec_scan_file(mdsec_scanner *sc, const char *path, const char *display,
		    mdsec_sbom **sbom, struct mdsec_diag_list *dl);
/** Scan a buffer (a decoded image, a test case). */
int mdsec_scan_buffer(mdsec_scanner *sc, const void *buf, size_t len,
		      const char *name, mdsec_sbom **sbom,
		      struct mdsec_diag_list *dl);

/** Bytes scanned so far (after decoding and decompression). */
uint64_t mdsec_scanner_bytes(const mdsec_scanner *sc);

#endif
