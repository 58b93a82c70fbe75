/* SPDX-License-Identifier: Apache-2.0
 *
 * sbom_int.h - what the SBOM readers, writers and builders share: adding
 * components and their parts, the reader context that turns a problem
 * found in a decoded jansson tree back into file:line:col, the FDA
 * property names and the deterministic UUID.
 */
#ifndef MDSEC_SBOM_INT_H
#define MDSEC_SBOM_INT_H

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>

#include "base/jsonpos.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "mdsec/sbom.h"

/* CycloneDX properties carrying the FDA fields (docs/formats.md). */
#define SBOM_PROP_EOS_MILESTONE	    "cdx:lifecycle:milestone:endOfSupport"
#define SBOM_PROP_FDA_SUPPORT	    "cdx:fda:level-of-support"
#define SBOM_PROP_FDA_EOS	    "cdx:fda:end-of-support-date"
#define SBOM_PROP_FDA_JUSTIFICATION "cdx:fda:justification"
#define SBOM_PROP_ELEMENT	    "mdsec:element"

/* --- building ------------------------------------------------------ */

/* Arena copy of str (NULL stays NULL); NULL on no memory. */
const char *sbom_str(mdsec_sbom *s, const char *str);
const char *sbom_strn(mdsec_sbom *s, const char *str, size_t n);
const char *sbom_printf(mdsec_sbom *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append a zeroed component; returns its index or MDSEC_SBOM_NONE. The
 * pointer to earlier components may move: index, don't keep pointers. */
size_t sbom_add_component(mdsec_sbom *s);
int sbom_add_hash(struct mdsec_component *c, const char *alg,
		  const char *value);
int sbom_add_dep(struct mdsec_component *c, size_t to); /* no duplicates */
int sbom_add_evidence(struct mdsec_component *c,
		      const struct mdsec_sbom_evidence *e);
int sbom_add_author(mdsec_sbom *s, const char *a);
int sbom_add_tool(mdsec_sbom *s, const char *t);
/* Deep-copy component src of sbom from into sbom to; index or NONE.
 * Dependencies are not copied (indices differ). */
size_t sbom_copy_component(mdsec_sbom *to, const mdsec_sbom *from, size_t src);

/* FDA level of support: the model's enum name <-> FDA's phrase
 * ("actively-maintained" <-> "actively maintained"). NULL when unknown. */
const char *sbom_support_phrase(const char *support);
const char *sbom_support_from_phrase(const char *phrase);

/* Evidence methods as SBOM text writes them ("model", "sbom", "scan")
 * and back: 0, or -1 for a name that is none of them. */
const char *sbom_method_name(enum mdsec_sbom_method m);
int sbom_method_parse(const char *s, size_t n, enum mdsec_sbom_method *out);

/* A deterministic RFC 4122 version-5 UUID of name (SHA-1 in mdsec's
 * namespace), 36 characters + NUL. */
void sbom_uuid5(const char *name, char out[37]);

/* Append s[0..n) to sb with each '%' followed by two hex digits
 * decoded, anything else (a '%' without them too) as it is: the lenient
 * decoding of text mdsec wrote itself (evidence sources, vers
 * versions). 0, or strbuf_add()'s error (MDSEC_ENOMEM, MDSEC_ELIMIT). */
int sbom_pct_decode(struct strbuf *sb, const char *s, size_t n);

/* Document timestamp: SOURCE_DATE_EPOCH, else now ("...Z"). */
int sbom_timestamp(char out[21]);

/* Component order used by writers and diff: name, version, purl, ref. */
int sbom_component_cmp(const struct mdsec_component *a,
		       const struct mdsec_component *b);

/* --- reading ------------------------------------------------------- */

/* The reader: the SBOM being built and its refs, beside the JSON path
 * context (base/jsonpos) that locates what is wrong. */
struct sbom_reader {
	mdsec_sbom *s;
	struct json_path jp;
	struct map refs; /* ref -> (void *)(index + 1) */
};

/* The path context's operations under the reader's names. */
static inline void rd_push_key(struct sbom_reader *r, const char *key)
{
	json_path_push_key(&r->jp, key);
}

static inline void rd_push_index(struct sbom_reader *r, size_t i)
{
	json_path_push_index(&r->jp, i);
}

static inline void rd_pop(struct sbom_reader *r)
{
	json_path_pop(&r->jp);
}

static inline struct mdsec_loc rd_loc(struct sbom_reader *r, const char *key)
{
	return json_path_loc(&r->jp, key);
}

/* Record an error / a warning at the current path (with key appended
 * when not NULL): json_path_error(), json_path_warning(). */
#define rd_error(r, key, ...)	json_path_error(&(r)->jp, key, __VA_ARGS__)
#define rd_warning(r, key, ...) json_path_warning(&(r)->jp, key, __VA_ARGS__)

/* Member key of obj as a string: NULL when absent; when present but not
 * a string, an error. required: absent is an error too. Copied into the
 * SBOM's arena. */
const char *rd_string(struct sbom_reader *r, json_t *obj, const char *key,
		      bool required);
/* Member key of obj as an RFC 3339 date-time string (rd_string, then
 * checked): NULL when absent or bad (an error then). */
const char *rd_datetime(struct sbom_reader *r, json_t *obj, const char *key,
			bool required);
/* Member key of obj as an array / object: NULL when absent, error when
 * present with another type. */
static inline json_t *rd_array(struct sbom_reader *r, json_t *obj,
			       const char *key)
{
	return json_path_array(&r->jp, obj, key);
}

static inline json_t *rd_object(struct sbom_reader *r, json_t *obj,
				const char *key)
{
	return json_path_object(&r->jp, obj, key);
}

/* Register ref for component index; a duplicate or empty ref is an
 * error (reported at key "bom-ref"/"SPDXID" of the current path). */
int rd_register_ref(struct sbom_reader *r, const char *ref, size_t index,
		    const char *key);
size_t rd_lookup_ref(struct sbom_reader *r, const char *ref);
/* Validate and canonicalise a PURL / CPE read at key; errors located. */
const char *rd_purl(struct sbom_reader *r, json_t *obj, const char *key);
const char *rd_cpe(struct sbom_reader *r, const char *cpe, const char *key);

/* Where each element of an array starts, found in one pass over the
 * text: locating every component from the top with rd_loc() would re-read
 * the document once per component (quadratic). rd_cursor_first() puts it
 * at element 0 of the array the reader's path names; rd_cursor_next()
 * steps to the next element; rd_cursor_loc() answers (through rd_loc()
 * when the walk lost its way: off == RD_CURSOR_LOST). */
struct rd_cursor {
	size_t off;
	unsigned line, col;
};
#define RD_CURSOR_LOST ((size_t)-1)
#define RD_CURSOR_INIT                                                         \
	{                                                                      \
		RD_CURSOR_LOST, 0, 0                                           \
	}
void rd_cursor_first(struct sbom_reader *r, struct rd_cursor *cu);
void rd_cursor_next(struct sbom_reader *r, struct rd_cursor *cu);
struct mdsec_loc rd_cursor_loc(struct sbom_reader *r,
			       const struct rd_cursor *cu);

int cdx_read(struct sbom_reader *r, json_t *root);
int spdx_read(struct sbom_reader *r, json_t *root);

/* --- writing ------------------------------------------------------- */

int cdx_write(const mdsec_sbom *s, struct strbuf *out);
/* The CycloneDX bom-ref of every component (indexed by component), unique
 * in the document: its ref where unique, else its purl, else
 * name@version (or name), with "-2", "-3"... on a clash, given out in
 * `order` (mdsec_sbom_order(): the primary first keeps its own). The
 * SBOM writer and the VEX writer use the same, so a VEX names components
 * as the SBOM mdsec writes does. NULL on no memory; free with
 * sbom_cdx_refs_free() (accepts NULL). */
char **sbom_cdx_refs(const mdsec_sbom *s, const size_t *order);
void sbom_cdx_refs_free(const mdsec_sbom *s, char **refs);
int spdx_write(const mdsec_sbom *s, struct strbuf *out);

#endif
