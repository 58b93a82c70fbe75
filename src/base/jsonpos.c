/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonpos.c - see jsonpos.h.
 */
#include "base/jsonpos.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/timeutil.h"
#include "base/utf8.h"

#include "base/banned.h"

struct walk {
	const char *text;
	size_t len;
	size_t pos;
};

static void skip_ws(struct walk *w)
{
	while (w->pos < w->len &&
	       (w->text[w->pos] == ' ' || w->text[w->pos] == '\t' ||
		w->text[w->pos] == '\n' || w->text[w->pos] == '\r'))
		w->pos++;
}

/* Decode the value at w->pos with jansson; advance past it. Returns the
 * value (caller decrefs) or NULL when it is not valid JSON. */
static json_t *take_value(struct walk *w)
{
	json_error_t e;
	json_t *v;

	if (w->pos >= w->len)
		return NULL;
	v = json_loadb(
		w->text + w->pos, w->len - w->pos,
		JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &e);
	if (!v)
		return NULL;
	w->pos += (size_t)e.position;
	return v;
}

static int skip_value(struct walk *w)
{
	json_t *v = take_value(w);

	if (!v)
		return -1;
	json_decref(v);
	return 0;
}

static int expect(struct walk *w, char c)
{
	skip_ws(w);
	if (w->pos >= w->len || w->text[w->pos] != c)
		return -1;
	w->pos++;
	return 0;
}

/* w->pos is at '{': move to the value of member key. Returns 1 found,
 * 0 absent (w->pos back at the '{'), -1 malformed. */
static int find_member(struct walk *w, const char *key)
{
	size_t start = w->pos;

	w->pos++;
	skip_ws(w);
	if (w->pos < w->len && w->text[w->pos] == '}') {
		w->pos = start;
		return 0;
	}
	for (;;) {
		json_t *k;
		int match;

		skip_ws(w);
		k = take_value(w);
		if (!k || !json_is_string(k)) {
			json_decref(k);
			return -1;
		}
		match = strcmp(json_string_value(k), key) == 0;
		json_decref(k);
		if (expect(w, ':') < 0)
			return -1;
		skip_ws(w);
		if (match)
			return 1;
		if (skip_value(w) < 0)
			return -1;
		skip_ws(w);
		if (w->pos < w->len && w->text[w->pos] == ',') {
			w->pos++;
			continue;
		}
		w->pos = start;
		return 0;
	}
}

/* w->pos is at '[': move to element index. Same returns. */
static int find_index(struct walk *w, size_t index)
{
	size_t start = w->pos, i;

	w->pos++;
	skip_ws(w);
	if (w->pos < w->len && w->text[w->pos] == ']') {
		w->pos = start;
		return 0;
	}
	for (i = 0;; i++) {
		skip_ws(w);
		if (i == index)
			return 1;
		if (skip_value(w) < 0)
			return -1;
		skip_ws(w);
		if (w->pos < w->len && w->text[w->pos] == ',') {
			w->pos++;
			continue;
		}
		w->pos = start;
		return 0;
	}
}

static void to_line_col(const struct walk *w, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	size_t i;

	for (i = 0; i < w->pos && i < w->len; i++) {
		if (w->text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

int json_locate(const char *text, size_t len, const struct json_step *path,
		size_t n, unsigned *line, unsigned *col)
{
	struct walk w = { text, len, 0 };
	size_t i;
	int rc = 0;

	/* a UTF-8 byte order mark is not JSON; jansson rejects it too */
	skip_ws(&w);
	for (i = 0; i < n; i++) {
		int r;

		if (w.pos >= w.len) {
			rc = -1;
			break;
		}
		if (path[i].key && w.text[w.pos] == '{')
			r = find_member(&w, path[i].key);
		else if (!path[i].key && w.text[w.pos] == '[')
			r = find_index(&w, path[i].index);
		else
			r = 0;
		if (r < 0)
			rc = -1;
		if (r <= 0)
			break;
	}
	to_line_col(&w, line, col);
	return rc;
}

/* ---------------------------------------------------------------------
 * The reader context
 */

void json_path_init(struct json_path *p, const char *file, const char *text,
		    size_t len, struct mdsec_diag_list *dl)
{
	memset(p, 0, sizeof(*p));
	p->file = file;
	p->text = text;
	p->len = len;
	p->dl = dl;
}

void json_path_push_key(struct json_path *p, const char *key)
{
	if (p->depth < JSON_PATH_MAX) {
		p->steps[p->depth].key = key;
		p->steps[p->depth].index = 0;
	}
	p->depth++;
}

void json_path_push_index(struct json_path *p, size_t i)
{
	if (p->depth < JSON_PATH_MAX) {
		p->steps[p->depth].key = NULL;
		p->steps[p->depth].index = i;
	}
	p->depth++;
}

void json_path_pop(struct json_path *p)
{
	if (p->depth)
		p->depth--;
}

struct mdsec_loc json_path_loc(const struct json_path *p, const char *key)
{
	struct json_step path[JSON_PATH_MAX + 1];
	size_t n = p->depth < JSON_PATH_MAX ? p->depth : JSON_PATH_MAX;
	struct mdsec_loc l = { p->file, 0, 0 };

	memcpy(path, p->steps, n * sizeof(path[0]));
	if (key) {
		path[n].key = key;
		path[n].index = 0;
		n++;
	}
	json_locate(p->text, p->len, path, n, &l.line, &l.col);
	return l;
}

int json_path_error(struct json_path *p, const char *key, const char *fmt, ...)
{
	va_list ap;
	int rc;

	p->nerrors++;
	va_start(ap, fmt);
	rc = diag_vadd(p->dl, MDSEC_DIAG_ERROR, json_path_loc(p, key), fmt, ap);
	va_end(ap);
	return rc == MDSEC_ENOMEM ? rc : MDSEC_EINPUT;
}

int json_path_warning(struct json_path *p, const char *key, const char *fmt,
		      ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = diag_vadd(p->dl, MDSEC_DIAG_WARNING, json_path_loc(p, key), fmt,
		       ap);
	va_end(ap);
	return rc < 0 && rc != MDSEC_EINPUT ? rc : 0;
}

int json_path_decode(struct json_path *p, const char *what, json_t **root)
{
	json_error_t e;
	size_t bad;

	*root = NULL;
	bad = utf8_check(p->text, p->len);
	if (bad != p->len) {
		struct walk w = { p->text, p->len, bad };
		struct mdsec_loc l = { p->file, 1, 1 };

		to_line_col(&w, &l.line, &l.col);
		return diag_error(p->dl, l,
				  "invalid UTF-8 (expected a JSON text in "
				  "UTF-8)");
	}
	*root = json_loadb(p->text, p->len, JSON_REJECT_DUPLICATES, &e);
	if (!*root) {
		struct mdsec_loc l = { p->file,
				       e.line > 0 ? (unsigned)e.line : 1,
				       e.column > 0 ? (unsigned)e.column : 1 };

		return diag_error(p->dl, l, "%s (expected %s)", e.text, what);
	}
	return 0;
}

const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

json_t *json_path_string(struct json_path *p, json_t *obj, const char *key,
			 bool required)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		if (required)
			json_path_error(p, NULL,
					"missing \"%s\" (a string is required "
					"here)",
					key);
		return NULL;
	}
	if (!json_is_string(v)) {
		json_path_error(p, key, "\"%s\" is %s (expected a string)", key,
				json_type_name(v));
		return NULL;
	}
	if (memchr(json_string_value(v), '\0', json_string_length(v))) {
		json_path_error(p, key,
				"\"%s\" contains a NUL character (expected "
				"text)",
				key);
		return NULL;
	}
	return v;
}

json_t *json_path_array(struct json_path *p, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_array(v)) {
		json_path_error(p, key, "\"%s\" is %s (expected an array)", key,
				json_type_name(v));
		return NULL;
	}
	return v;
}

json_t *json_path_object(struct json_path *p, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_object(v)) {
		json_path_error(p, key, "\"%s\" is %s (expected an object)",
				key, json_type_name(v));
		return NULL;
	}
	return v;
}

const char *json_path_datetime(struct json_path *p, const char *key,
			       const char *v)
{
	if (v && !time_valid_datetime(v)) {
		json_path_error(p, key,
				"'%s' is not a date-time (expected RFC 3339, "
				"e.g. 2026-01-01T00:00:00Z)",
				v);
		return NULL;
	}
	return v;
}

char *json_path_canonical(struct json_path *p, const char *key,
			  const char *what, json_path_canon_fn *canon,
			  const char *s)
{
	char err[256], *out = NULL;
	unsigned col = 0;

	if (!s)
		return NULL;
	if (canon(s, &out, err, sizeof(err), &col) < 0) {
		json_path_error(p, key, "invalid %s '%s': %s", what, s, err);
		return NULL;
	}
	return out;
}
