/* SPDX-License-Identifier: Apache-2.0
 *
 * jsonw.h - a streaming JSON writer (RFC 8259) for reports too large to
 * build as a tree: values are appended to a strbuf as they come, pretty
 * printed with two-space indentation in the layout jansson's
 * JSON_INDENT(2) produces, so small documents (built with jansson) and
 * streamed ones look alike. Input text must be valid UTF-8 (mdsec checks
 * every input file); it is written as is, with `"`, `\` and control
 * characters escaped. Parsing JSON is never done here: that is jansson's.
 * Documented in docs/internals/jsonw.md.
 */
#ifndef MDSEC_JSONW_H
#define MDSEC_JSONW_H

#include <stdbool.h>
#include "base/strbuf.h"

#define JSONW_MAX_DEPTH 32

struct jsonw {
	struct strbuf *out;	     /* where text is appended */
	int depth;		     /* open containers */
	bool first[JSONW_MAX_DEPTH]; /* no member written yet at depth */
	bool after_key;		     /* a key was written, value pending */
	int error;		     /* first error: MDSEC_ENOMEM/ELIMIT */
	bool compact;		     /* one line, as JSON_COMPACT writes */
};

/* Start writing into out at nesting `depth` (for a value inside a
 * document whose outer part is written by hand). */
void jsonw_init(struct jsonw *w, struct strbuf *out, int depth);
void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);
/* A member key inside an object; the next call writes its value. */
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_int(struct jsonw *w, long long v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* "key": "value" (value NULL writes null). */
void jsonw_member(struct jsonw *w, const char *key, const char *value);
/* The same, or nothing at all when value is NULL (an optional member). */
void jsonw_member_opt(struct jsonw *w, const char *key, const char *value);
/* The escape JSON needs for byte c in a string, as jansson writes it
 * (\" \\ \b \f \n \r \t, else \u00XX for a control character), or NULL
 * when c goes as it is. buf holds the \u form. */
const char *jsonw_escape(unsigned char c, char buf[8]);
/* A number already formatted by the caller, such as "9.8" (the caller
 * guarantees RFC 8259 number syntax). */
void jsonw_number(struct jsonw *w, const char *text);

#endif
