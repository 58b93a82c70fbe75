/* SPDX-License-Identifier: Apache-2.0
 *
 * mdsec/sbom.h - the software bill of materials: one component model that
 * CycloneDX (JSON 1.2 to 1.6 read, 1.6 written) and SPDX (JSON 2.2/2.3
 * read, 2.3 written) map into and out of, with the FDA fields (level of
 * support, end-of-support date or a justification) and the evidence of
 * where each component was found. Built from the device model, from
 * supplier SBOMs and (later) from the firmware scanner; merged,
 * quality-checked and compared. The field mapping is docs/formats.md.
 *
 * An SBOM owns all of its memory (an arena plus the component arrays);
 * free it with mdsec_sbom_free(). Strings are UTF-8 and NUL-terminated;
 * optional ones are NULL when absent.
 */
#ifndef MDSEC_SBOM_H
#define MDSEC_SBOM_H

#include <stdbool.h>
#include <stddef.h>
#include "mdsec/error.h"
#include "mdsec/model.h"

/** Document formats. */
enum mdsec_sbom_format {
	MDSEC_SBOM_UNKNOWN = 0,
	MDSEC_SBOM_CYCLONEDX = 1, /* CycloneDX JSON */
	MDSEC_SBOM_SPDX = 2	  /* SPDX JSON */
};

/** How a component was found (its evidence). */
enum mdsec_sbom_method {
	MDSEC_FOUND_MODEL = 0, /* stated in the device model's software list */
	MDSEC_FOUND_SBOM = 1,  /* listed in an SBOM that was read */
	MDSEC_FOUND_SCAN = 2   /* found by scanning a binary */
};

/** No component (e.g. no primary component). */
#define MDSEC_SBOM_NONE ((size_t)-1)

/** A checksum: alg as CycloneDX names it ("SHA-256", "SHA-1", "MD5",
 * "SHA-512", "SHA3-256", "BLAKE2b-256", ...); value in lower-case hex. */
struct mdsec_sbom_hash {
	const char *alg;
	const char *value;
};

/** One piece of evidence: where a component was found and how. */
struct mdsec_sbom_evidence {
	enum mdsec_sbom_method method;
	const char *source; /* file: model, SBOM or image path */
	const char *detail; /* e.g. "software sw-mbedtls", "offset 4096" */
	int confidence;	    /* percent 0..100 */
};

/** One component. */
struct mdsec_component {
	const char *ref;     /* unique in the document: bom-ref / SPDXID tail */
	const char *type;    /* CycloneDX type: "library", "firmware", ... */
	const char *group;   /* CycloneDX group (namespace), may be NULL */
	const char *name;    /* never NULL */
	const char *version; /* NULL when unknown */
	const char *supplier;
	const char *author;  /* originator / author */
	const char *purl;    /* as written (canonicalised where valid) */
	const char *cpe;     /* CPE 2.3 formatted string */
	const char *license; /* SPDX license expression */
	const char *description;
	const char *copyright;
	const char *scope; /* "required", "optional", "excluded" or NULL */
	/* FDA (premarket guidance V.A.4.b): level of support as the model
	 * names it ("actively-maintained", "no-longer-maintained",
	 * "abandoned"), end-of-support date YYYY-MM-DD, justification */
	const char *support;
	const char *end_of_support;
	const char *support_justification;
	const char *element; /* model element(s) it runs on, comma-separated
			      * when several; may be NULL */
	struct {
		struct mdsec_sbom_hash *v;
		size_t n, alloc;
	} hashes;
	struct {
		size_t *v; /* indices into the SBOM's components */
		size_t n, alloc;
	} deps;
	struct {
		struct mdsec_sbom_evidence *v;
		size_t n, alloc;
	} evidence;
	struct mdsec_loc loc; /* where it was read (file:line:col) */
};

struct mdsec_sbom_arena; /* private */

/** An SBOM document. */
typedef struct mdsec_sbom {
	enum mdsec_sbom_format format; /* format it was read from */
	const char *spec_version;      /* "1.6", "SPDX-2.3"; NULL if built */
	const char *name;	       /* document / product name */
	const char *serial;    /* CycloneDX serialNumber / SPDX namespace */
	const char *timestamp; /* "YYYY-MM-DDThh:mm:ssZ" or NULL */
	struct {
		const char **v; /* SBOM authors ("Organization: X" style
				 * kept as written) */
		size_t n, alloc;
	} authors;
	struct {
		const char **v; /* tools, "name version" */
		size_t n, alloc;
	} tools;
	size_t primary; /* the product described, or MDSEC_SBOM_NONE */
	struct {
		struct mdsec_component *v;
		size_t n, alloc;
	} components;
	struct mdsec_sbom_arena *mem; /* private: owns the strings */
} mdsec_sbom;

/** Limits for reading. */
#define MDSEC_SBOM_MAX_BYTES ((size_t)512 << 20) /* per file */

/** Read a CycloneDX or SPDX JSON SBOM, format detected from content.
 * Malformed input: MDSEC_EINPUT with located diagnostics in dl. */
int mdsec_sbom_read(mdsec_sbom **out, const char *path,
		    struct mdsec_diag_list *dl);
int mdsec_sbom_read_buffer(mdsec_sbom **out, const char *name, const char *buf,
			   size_t len, struct mdsec_diag_list *dl);

/** Serialise to CycloneDX 1.6 or SPDX 2.3 JSON (2-space indent, stable
 * order). *out is malloc'd and NUL-terminated. */
int mdsec_sbom_write(const mdsec_sbom *s, enum mdsec_sbom_format fmt,
		     char **out, size_t *len);

/** Build the SBOM of a device model: the device as the primary component,
 * every software entry, and every component of the supplier SBOMs the
 * model's elements reference (read, merged, evidence kept). */
int mdsec_sbom_from_model(mdsec_sbom **out, const mdsec_model *m,
			  struct mdsec_diag_list *dl);

/** Merge SBOMs into one: components de-duplicated by PURL, then CPE, then
 * name+version; every evidence kept; the first document's primary
 * component stays primary. */
int mdsec_sbom_merge(mdsec_sbom **out, mdsec_sbom *const *in, size_t n,
		     struct mdsec_diag_list *dl);

/** A new empty SBOM (for builders). */
mdsec_sbom *mdsec_sbom_new(void);
void mdsec_sbom_free(mdsec_sbom *s);

/** The order writers and reports use: name, version, purl, CPE, ref. */
int mdsec_sbom_component_cmp(const struct mdsec_component *a,
			     const struct mdsec_component *b);

/** The component indices in the order writers and reports use: the
 * primary component first, then the others by mdsec_sbom_component_cmp
 * (ties by index, so the order is total). malloc'd, components.n
 * entries (at least one allocated); NULL on no memory. */
size_t *mdsec_sbom_order(const mdsec_sbom *s);

/** Index of the component with this ref, or MDSEC_SBOM_NONE. */
size_t mdsec_sbom_find_ref(const mdsec_sbom *s, const char *ref);

#endif
