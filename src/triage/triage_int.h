/* SPDX-License-Identifier: Apache-2.0
 *
 * triage_int.h - what the triage readers and writers share: the arena
 * the statements' strings live in, appending entries, the JSON reader
 * context that turns a path in a decoded jansson tree back into
 * file:line:col (base/jsonpos), the YAML helpers over the positioned
 * node tree (model/ytree), and the ordering of VEX items.
 */
#ifndef MDSEC_TRIAGE_INT_H
#define MDSEC_TRIAGE_INT_H

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>

#include "base/jsonpos.h"
#include "base/strbuf.h"
#include "mdsec/triage.h"
#include "model/ytree.h"

/* --- the list ------------------------------------------------------- */

/* Arena copy of str (NULL stays NULL); NULL on no memory. */
const char *triage_str(mdsec_triage *t, const char *str);
const char *triage_strn(mdsec_triage *t, const char *str, size_t n);
/* Zeroed arena memory. */
void *triage_alloc(mdsec_triage *t, size_t size);
/* Append a zeroed entry; its index, or (size_t)-1 on no memory or when
 * the list is full (MDSEC_TRIAGE_MAX_ENTRIES). */
size_t triage_new_entry(mdsec_triage *t);
/* Append alias a to e (arena copy, duplicates ignored): 0 or ENOMEM. */
int triage_add_alias(mdsec_triage *t, struct mdsec_triage_entry *e,
		     const char *a);
/* True when the subject names nothing. */
bool triage_subject_empty(const struct mdsec_triage_subject *s);
/* Same subject (every field equal, NULL == NULL). */
bool triage_subject_equal(const struct mdsec_triage_subject *a,
			  const struct mdsec_triage_subject *b);
/* The responses a CycloneDX/YAML value list names, in enum order. */
extern const char *const triage_response_names[MDSEC_TRIAGE_NRESPONSES];
/* True when s is one of CycloneDX's nine justification values. */
bool triage_cdx_justification_known(const char *s);

/* --- reading JSON --------------------------------------------------- */

/* The reader: the list being added to and the document defaults, beside
 * the JSON path context (base/jsonpos) that locates what is wrong. */
struct triage_reader {
	mdsec_triage *t;
	struct json_path jp; /* jp.file also names the entries' file */
	enum mdsec_triage_origin origin;
	enum mdsec_triage_format format;
	const char *doc_id; /* document defaults for every entry */
	const char *author;
	const char *date;
};

/* The path context's operations under the reader's names. */
static inline void tr_push_key(struct triage_reader *r, const char *key)
{
	json_path_push_key(&r->jp, key);
}

static inline void tr_push_index(struct triage_reader *r, size_t i)
{
	json_path_push_index(&r->jp, i);
}

static inline void tr_pop(struct triage_reader *r)
{
	json_path_pop(&r->jp);
}

static inline struct mdsec_loc tr_loc(struct triage_reader *r, const char *key)
{
	return json_path_loc(&r->jp, key);
}

/* Record an error at the current path (with key appended when not NULL):
 * json_path_error(). */
#define tr_error(r, key, ...) json_path_error(&(r)->jp, key, __VA_ARGS__)

/* Member key of obj as a string copied into the list: NULL when absent
 * (an error when required) or not a string (an error); required: empty
 * is an error too. */
const char *tr_string(struct triage_reader *r, json_t *obj, const char *key,
		      bool required);
/* The same, also checked as an RFC 3339 date-time. */
const char *tr_datetime(struct triage_reader *r, json_t *obj, const char *key);
/* Member key as an array / object: NULL when absent, an error when of
 * another type. */
static inline json_t *tr_array(struct triage_reader *r, json_t *obj,
			       const char *key)
{
	return json_path_array(&r->jp, obj, key);
}

static inline json_t *tr_object(struct triage_reader *r, json_t *obj,
				const char *key)
{
	return json_path_object(&r->jp, obj, key);
}

/* A purl / CPE read at key, checked and canonicalised; NULL (an error)
 * when invalid. */
const char *tr_purl(struct triage_reader *r, const char *purl, const char *key);
const char *tr_cpe(struct triage_reader *r, const char *cpe, const char *key);
/* A new entry with the reader's origin, format, document defaults and
 * the location of the current path (key appended); NULL on no memory. */
struct mdsec_triage_entry *tr_entry(struct triage_reader *r, const char *key);

int openvex_read(struct triage_reader *r, json_t *root);
int cdxvex_read(struct triage_reader *r, json_t *root);
int csaf_read(struct triage_reader *r, json_t *root);

/* --- reading YAML --------------------------------------------------- */

struct triage_yreader {
	mdsec_triage *t;
	const char *file;
	struct mdsec_diag_list *dl;
	int nerrors;
	enum mdsec_triage_origin origin;
};

int ty_error(struct triage_yreader *y, const struct ynode *n, const char *fmt,
	     ...) __attribute__((format(printf, 3, 4)));
struct mdsec_loc ty_loc(const struct triage_yreader *y, const struct ynode *n);
/* The value node of key in mapping m, or NULL. */
const struct ynode *ty_get(const struct ynode *m, const char *key);
/* A scalar's text copied into the list; NULL (an error) for another
 * node type or an empty value. */
const char *ty_text(struct triage_yreader *y, const struct ynode *n,
		    const char *what);

int yaml_triage_read(struct triage_yreader *y, const struct ynode *root);
int espidf_read(struct triage_yreader *y, const struct ynode *root);
/* Whether root looks like an ESP-IDF exclusion list or manifest. */
bool espidf_detect(const struct ynode *root);

/* --- writing -------------------------------------------------------- */

/* The items in writing order (vulnerability id, then component order),
 * as a malloc'd array of indices; NULL on no memory. */
size_t *triage_item_order(const mdsec_sbom *s,
			  const struct mdsec_triage_item *items, size_t n);
/* The state, justification and texts an item publishes. */
struct triage_pub {
	enum mdsec_triage_state state;
	enum mdsec_triage_justification just;
	const char *just_text;
	unsigned responses;
	const char *action;
	const char *detail;
	const char *date; /* RFC 3339 date-time (date-only widened), or the
			   * document time */
	char date_buf[32];
};
void triage_pub_of(struct triage_pub *p, const struct mdsec_triage_item *it,
		   const char *doc_time);
/* The text of an action statement for an affected item that has none. */
void triage_default_action(struct strbuf *sb, const struct triage_pub *p,
			   const struct mdsec_component *c,
			   const struct mdsec_triage_item *it);
/* Document time "YYYY-MM-DDThh:mm:ssZ" (SOURCE_DATE_EPOCH, else now). */
void triage_doc_time(char out[21]);
/* Content ids: a writer puts TRIAGE_HASH_PLACEHOLDER (64 '0's) where
 * the id goes, then this replaces it at offset `at` with the first
 * `hexlen` hex digits of the SHA-256 of the whole document as written
 * with the placeholder (the rest of the placeholder, if any, is
 * removed). 0 or MDSEC_ENOMEM. */
#define TRIAGE_HASH_PLACEHOLDER                                                \
	"0000000000000000000000000000000000000000000000000000000000000000"
int triage_fill_hash(struct strbuf *sb, size_t at, size_t hexlen);
/* Lower-case slug of s: letters and digits, other runs as one '-'. */
void triage_slug(struct strbuf *sb, const char *s);

int openvex_write(struct strbuf *out, const struct mdsec_triage_device *dev,
		  const mdsec_sbom *s, const struct mdsec_triage_item *items,
		  size_t n);
int cdxvex_write(struct strbuf *out, const struct mdsec_triage_device *dev,
		 const mdsec_sbom *s, const struct mdsec_triage_item *items,
		 size_t n);
int csaf_write(struct strbuf *out, const struct mdsec_triage_device *dev,
	       const mdsec_sbom *s, const struct mdsec_triage_item *items,
	       size_t n);

/* One entry in the triage file's layout, its '-' after `indent` spaces,
 * for the writer and for mdsec_triage_record(). */
int yaml_entry_write(struct strbuf *sb, const struct mdsec_triage_entry *e,
		     unsigned indent);

#endif
