/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonpos.c - see jsonpos.h.
 */
#include "base/jsonpos.h"

#include <jansson.h>
#include <string.h>

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
