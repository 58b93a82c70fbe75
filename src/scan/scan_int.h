/* SPDX-License-Identifier: Apache-2.0
 *
 * scan_int.h - what the scanner's files share: the loaded signature set,
 * the scanner, and the feed that streams bytes through the prefilter.
 */
#ifndef MDSEC_SCAN_INT_H
#define MDSEC_SCAN_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs.h>
#include <pcre2.h>

#include "base/arena.h"
#include "base/map.h"
#include "base/sha256.h"
#include "base/vec.h"
#include "mdsec/scan.h"

struct mdsec_sigset {
	struct arena mem;
	VEC(struct mdsec_signature) sigs;
	VEC(pcre2_code *) re; /* per signature */
	struct map ids;
	char digest[SHA256_HEX_LEN + 1]; /* of every file's name and bytes */
};

/* Bytes the version pattern may see before an anchor and after its end. */
#define SCAN_BEFORE	256
#define SCAN_AFTER	512
#define SCAN_MAX_ANCHOR 128
#define SCAN_KEEP	(SCAN_BEFORE + SCAN_AFTER + SCAN_MAX_ANCHOR)
#define SCAN_CHUNK	((size_t)1 << 20)
/* evidence kept per component and input file */
#define SCAN_MAX_EVIDENCE 8

struct mdsec_scanner {
	const mdsec_sigset *set;
	hs_database_t *db;
	hs_scratch_t *scratch;
	unsigned *anchor_sig;  /* vectorscan id -> signature index */
	size_t *anchor_len;    /* vectorscan id -> anchor length */
	pcre2_match_data **md; /* per signature */
	struct mdsec_scan_limits lim;
	bool from_cache;
	uint64_t bytes;
	unsigned char *buf; /* SCAN_KEEP + SCAN_CHUNK */
};

/* One input being scanned: a file, or a member inside archives. */
struct feed {
	mdsec_scanner *sc;
	const char *source; /* file, for evidence and diagnostics */
	/* path inside archives ("a.tar!/b.gz!/c"), or NULL */
	const char *member;
	mdsec_sbom **sbom;
	const unsigned char *data; /* the bytes scanned: sc->buf or a map */
	hs_scratch_t *scratch;	   /* sc's, or a thread's own */
	pcre2_match_data **md;	   /* per signature: sc's, or a thread's */
	uint64_t *bytes;	   /* where scanned bytes are counted */
	size_t len;		   /* bytes at data */
	uint64_t base;		   /* input offset of data[0] */
	uint64_t counted;	   /* input bytes counted in sc->bytes */
	uint64_t done; /* anchors ending at or before this were handled */
	int error;     /* first MDSEC_ENOMEM */
};

void feed_init(struct feed *f, mdsec_scanner *sc, const char *source,
	       const char *member, mdsec_sbom **sbom);
int feed_bytes(struct feed *f, const void *data, size_t len);
int feed_finish(struct feed *f);
/* Scan input bytes [start, start + size) held at p (a mapped window of a
 * file) in place, chunk by chunk. Successive regions must overlap by
 * SCAN_KEEP bytes; anchors already handled (before f->done) are skipped;
 * final: this region ends the input. */
int feed_region(struct feed *f, const unsigned char *p, uint64_t start,
		size_t size, bool final);
/* A feed with its own vectorscan scratch and PCRE2 match data, for a
 * second thread; feed_release_own() frees them. */
int feed_init_own(struct feed *f, mdsec_scanner *sc, const char *source,
		  mdsec_sbom **sbom, uint64_t *bytes);
void feed_release_own(struct feed *f);

/* Scan an input stream: archives (recursively), encoded images, raw. */
int walk_file(mdsec_scanner *sc, const char *path, const char *display,
	      mdsec_sbom **sbom, struct mdsec_diag_list *dl);
/* The same for bytes in memory (archives through archive_read_open_memory). */
int walk_buffer(mdsec_scanner *sc, const void *buf, size_t len,
		const char *display, mdsec_sbom **sbom,
		struct mdsec_diag_list *dl);

#endif
