/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonpos.h - the line and column of a value inside a JSON text, found by
 * its path. jansson keeps no positions in its tree, so a reader that finds
 * a problem after decoding (a missing "name", a bad "purl") records the
 * path it was at and asks here where that is. Every token is decoded by
 * jansson itself (JSON_DISABLE_EOF_CHECK reports how many bytes a value
 * took); this file only steps over whitespace and the structural
 * characters between tokens. It runs on the error path only.
 *
 * struct json_path is the reader context built on it, shared by the SBOM
 * and the triage/VEX readers: the text and its name, a stack of the
 * steps to the value being read, and located diagnostics ("what is wrong
 * (expected ...)") at that path, with one more member name appended.
 */
#ifndef MDSEC_JSONPOS_H
#define MDSEC_JSONPOS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "mdsec/error.h"

/* One step of a path: a member name, or (key == NULL) an array index. */
struct json_step {
	const char *key;
	size_t index;
};

/* Position of the value at path[0..n) in text[0..len). When a step does
 * not exist, the position of the deepest value that does (so "missing
 * name" points at the object that lacks it). Line and column count from
 * 1, the column in bytes. Returns 0, or -1 when the text itself is not
 * valid JSON up to there (line/col then point where walking stopped). */
int json_locate(const char *text, size_t len, const struct json_step *path,
		size_t n, unsigned *line, unsigned *col);

#define JSON_PATH_MAX 24

/* A reader's place in a decoded JSON text. Steps deeper than
 * JSON_PATH_MAX are counted but not kept: a location then points at the
 * deepest step kept. */
struct json_path {
	const char *file; /* name for diagnostics */
	const char *text; /* the whole input */
	size_t len;
	struct mdsec_diag_list *dl;
	struct json_step steps[JSON_PATH_MAX];
	size_t depth;
	int nerrors; /* errors recorded by json_path_error() */
};

void json_path_init(struct json_path *p, const char *file, const char *text,
		    size_t len, struct mdsec_diag_list *dl);
void json_path_push_key(struct json_path *p, const char *key);
void json_path_push_index(struct json_path *p, size_t i);
void json_path_pop(struct json_path *p);
/* file:line:col of the current path, with key appended when not NULL. */
struct mdsec_loc json_path_loc(const struct json_path *p, const char *key);
/* Record an error at the current path (key appended when not NULL) and
 * count it; returns MDSEC_EINPUT, or MDSEC_ENOMEM when the diagnostic
 * could not be kept. Message: "what is wrong (expected ...)". */
int json_path_error(struct json_path *p, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A warning there: 0, or MDSEC_ENOMEM. */
int json_path_warning(struct json_path *p, const char *key, const char *fmt,
		      ...) __attribute__((format(printf, 3, 4)));

/* Decode p's text as one JSON value (UTF-8 checked first, duplicate keys
 * rejected); a problem is a diagnostic located by jansson, its message
 * ending "(expected <what>)". 0 and *root (caller decrefs), or
 * json_path_error()'s return. */
int json_path_decode(struct json_path *p, const char *what, json_t **root);

/* "an object", "a string", ... for messages. */
const char *json_type_name(const json_t *v);
/* Member key of obj: NULL when absent, an error when present with
 * another type than a string (or a string holding NUL), array, object.
 * json_path_string() with required: absent is an error too. */
json_t *json_path_string(struct json_path *p, json_t *obj, const char *key,
			 bool required);
json_t *json_path_array(struct json_path *p, json_t *obj, const char *key);
json_t *json_path_object(struct json_path *p, json_t *obj, const char *key);
/* v when it is an RFC 3339 date-time (or NULL); else an error at key,
 * NULL. */
const char *json_path_datetime(struct json_path *p, const char *key,
			       const char *v);
/* The canonical form of a purl or CPE s read at key, by canon
 * (mdsec_purl_canonical(), mdsec_cpe_canonical()), malloc'd; NULL when
 * s is NULL, or invalid: an error "invalid <what> '<s>': <why>". */
typedef int json_path_canon_fn(const char *s, char **out, char *err,
			       size_t errlen, unsigned *col);
char *json_path_canonical(struct json_path *p, const char *key,
			  const char *what, json_path_canon_fn *canon,
			  const char *s);

#endif
