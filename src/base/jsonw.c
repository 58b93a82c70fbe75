/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonw.c - streaming JSON writer; see jsonw.h. RFC 8259 section 7 for
 * string escapes.
 */
#include <stdio.h>
#include <string.h>
#include "mdsec/error.h"
#include "base/jsonw.h"
#include "base/banned.h"

static void add(struct jsonw *w, const char *s, size_t n)
{
	int e;

	if (w->error)
		return;
	e = strbuf_add(w->out, s, n);
	if (e < 0)
		w->error = e;
}

static void adds(struct jsonw *w, const char *s)
{
	add(w, s, strlen(s));
}

static void newline(struct jsonw *w, int depth)
{
	static const char spaces[] = "                                ";
	int n = depth * 2;

	if (w->compact)
		return;
	add(w, "\n", 1);
	while (n > 0) {
		int k = n < 32 ? n : 32;

		add(w, spaces, (size_t)k);
		n -= k;
	}
}

/* Separator and indentation before a value or a key. */
static void before(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			add(w, ",", 1);
		w->first[w->depth] = false;
		newline(w, w->depth);
	}
}

void jsonw_init(struct jsonw *w, struct strbuf *out, int depth)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->depth = depth;
}

static void open_(struct jsonw *w, const char *c)
{
	before(w);
	adds(w, c);
	if (w->depth + 1 >= JSONW_MAX_DEPTH) {
		w->error = MDSEC_ELIMIT;
		return;
	}
	w->depth++;
	w->first[w->depth] = true;
}

static void close_(struct jsonw *w, const char *c)
{
	bool empty = w->first[w->depth];

	w->depth--;
	if (!empty)
		newline(w, w->depth);
	adds(w, c);
}

void jsonw_object_begin(struct jsonw *w)
{
	open_(w, "{");
}

void jsonw_object_end(struct jsonw *w)
{
	close_(w, "}");
}

void jsonw_array_begin(struct jsonw *w)
{
	open_(w, "[");
}

void jsonw_array_end(struct jsonw *w)
{
	close_(w, "]");
}

const char *jsonw_escape(unsigned char c, char buf[8])
{
	if (c >= 0x20 && c != '"' && c != '\\')
		return NULL;
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		snprintf(buf, 8, "\\u%04X", c);
		return buf;
	}
}

static void quoted(struct jsonw *w, const char *s)
{
	const char *run = s, *e;
	char esc[8];

	add(w, "\"", 1);
	for (; *s; s++) {
		if (!(e = jsonw_escape((unsigned char)*s, esc)))
			continue;
		add(w, run, (size_t)(s - run));
		adds(w, e);
		run = s + 1;
	}
	add(w, run, (size_t)(s - run));
	add(w, "\"", 1);
}

void jsonw_key(struct jsonw *w, const char *key)
{
	before(w);
	quoted(w, key);
	add(w, w->compact ? ":" : ": ", w->compact ? 1 : 2);
	w->after_key = true;
}

void jsonw_string(struct jsonw *w, const char *s)
{
	if (!s) {
		jsonw_null(w);
		return;
	}
	before(w);
	quoted(w, s);
}

void jsonw_int(struct jsonw *w, long long v)
{
	char buf[24];

	before(w);
	snprintf(buf, sizeof(buf), "%lld", v);
	adds(w, buf);
}

void jsonw_bool(struct jsonw *w, bool v)
{
	before(w);
	adds(w, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
	before(w);
	adds(w, "null");
}

void jsonw_number(struct jsonw *w, const char *text)
{
	before(w);
	adds(w, text);
}

void jsonw_member(struct jsonw *w, const char *key, const char *value)
{
	jsonw_key(w, key);
	jsonw_string(w, value);
}

void jsonw_member_opt(struct jsonw *w, const char *key, const char *value)
{
	if (value)
		jsonw_member(w, key, value);
}
