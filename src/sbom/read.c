/* SPDX-License-Identifier: Apache-2.0
 *
 * read.c - reading an SBOM: the file, format detection, jansson decoding
 * (duplicate keys rejected, syntax errors located by jansson) and the
 * reader context the CycloneDX and SPDX readers share: a path stack that
 * json_locate() turns into file:line:col when something is wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

void rd_push_key(struct sbom_reader *r, const char *key)
{
	if (r->depth < SBOM_MAX_DEPTH) {
		r->path[r->depth].key = key;
		r->path[r->depth].index = 0;
	}
	r->depth++;
}

void rd_push_index(struct sbom_reader *r, size_t i)
{
	if (r->depth < SBOM_MAX_DEPTH) {
		r->path[r->depth].key = NULL;
		r->path[r->depth].index = i;
	}
	r->depth++;
}

void rd_pop(struct sbom_reader *r)
{
	if (r->depth)
		r->depth--;
}

struct mdsec_loc rd_loc(struct sbom_reader *r, const char *key)
{
	struct json_step path[SBOM_MAX_DEPTH + 1];
	size_t n = r->depth < SBOM_MAX_DEPTH ? r->depth : SBOM_MAX_DEPTH;
	struct mdsec_loc l = { r->file, 0, 0 };

	memcpy(path, r->path, n * sizeof(path[0]));
	if (key) {
		path[n].key = key;
		path[n].index = 0;
		n++;
	}
	json_locate(r->text, r->len, path, n, &l.line, &l.col);
	return l;
}

static int rd_vadd(struct sbom_reader *r, enum mdsec_diag_sev sev,
		   const char *key, const char *fmt, va_list ap)
{
	return diag_vadd(r->dl, sev, rd_loc(r, key), fmt, ap);
}

int rd_error(struct sbom_reader *r, const char *key, const char *fmt, ...)
{
	va_list ap;

	r->nerrors++;
	va_start(ap, fmt);
	rd_vadd(r, MDSEC_DIAG_ERROR, key, fmt, ap);
	va_end(ap);
	return MDSEC_EINPUT;
}

int rd_warning(struct sbom_reader *r, const char *key, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = rd_vadd(r, MDSEC_DIAG_WARNING, key, fmt, ap);
	va_end(ap);
	return rc < 0 && rc != MDSEC_EINPUT ? rc : 0;
}

static const char *type_name(const json_t *v)
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

const char *rd_string(struct sbom_reader *r, json_t *obj, const char *key,
		      bool required)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		if (required)
			rd_error(r, NULL,
				 "missing \"%s\" (a string is "
				 "required here)",
				 key);
		return NULL;
	}
	if (!json_is_string(v)) {
		rd_error(r, key, "\"%s\" is %s (expected a string)", key,
			 type_name(v));
		return NULL;
	}
	if (memchr(json_string_value(v), '\0', json_string_length(v))) {
		rd_error(r, key,
			 "\"%s\" contains a NUL character (expected "
			 "text)",
			 key);
		return NULL;
	}
	return sbom_strn(r->s, json_string_value(v), json_string_length(v));
}

const char *rd_datetime(struct sbom_reader *r, json_t *obj, const char *key,
			bool required)
{
	const char *v = rd_string(r, obj, key, required);

	if (v && !time_valid_datetime(v)) {
		rd_error(r, key,
			 "'%s' is not a date-time (expected RFC 3339, e.g. "
			 "2026-01-01T00:00:00Z)",
			 v);
		return NULL;
	}
	return v;
}

json_t *rd_array(struct sbom_reader *r, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_array(v)) {
		rd_error(r, key, "\"%s\" is %s (expected an array)", key,
			 type_name(v));
		return NULL;
	}
	return v;
}

json_t *rd_object(struct sbom_reader *r, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_object(v)) {
		rd_error(r, key, "\"%s\" is %s (expected an object)", key,
			 type_name(v));
		return NULL;
	}
	return v;
}

int rd_register_ref(struct sbom_reader *r, const char *ref, size_t index,
		    const char *key)
{
	void *old = NULL;
	int rc;

	if (!*ref)
		return rd_error(r, key,
				"\"%s\" is empty (expected a "
				"non-empty identifier)",
				key);
	rc = map_put(&r->refs, ref, (void *)(index + 1), &old);
	if (rc < 0)
		return rc;
	if (old)
		return rd_error(r, key,
				"duplicate \"%s\" '%s' (expected "
				"identifiers unique in the document)",
				key, ref);
	return 0;
}

size_t rd_lookup_ref(struct sbom_reader *r, const char *ref)
{
	void *v = map_get(&r->refs, ref);

	return v ? (size_t)v - 1 : MDSEC_SBOM_NONE;
}

const char *rd_purl(struct sbom_reader *r, json_t *obj, const char *key)
{
	const char *p = rd_string(r, obj, key, false);
	char err[256], *canon = NULL;
	unsigned col = 0;
	const char *out;

	if (!p)
		return NULL;
	if (mdsec_purl_canonical(p, &canon, err, sizeof(err), &col) < 0) {
		rd_error(r, key, "invalid purl '%s': %s", p, err);
		return NULL;
	}
	out = sbom_str(r->s, canon);
	free(canon);
	return out;
}

const char *rd_cpe(struct sbom_reader *r, const char *cpe, const char *key)
{
	char err[256], *canon = NULL;
	unsigned col = 0;
	const char *out;

	if (!cpe)
		return NULL;
	if (mdsec_cpe_canonical(cpe, &canon, err, sizeof(err), &col) < 0) {
		rd_error(r, key, "invalid CPE '%s': %s", cpe, err);
		return NULL;
	}
	out = sbom_str(r->s, canon);
	free(canon);
	return out;
}

/* The element cursor (sbom_int.h). */
static void cursor_advance(struct sbom_reader *r, struct rd_cursor *cu,
			   size_t to)
{
	for (; cu->off < to && cu->off < r->len; cu->off++) {
		if (r->text[cu->off] == '\n') {
			cu->line++;
			cu->col = 1;
		} else {
			cu->col++;
		}
	}
}

static void cursor_skip_ws(struct sbom_reader *r, struct rd_cursor *cu)
{
	size_t to = cu->off;

	while (to < r->len && (r->text[to] == ' ' || r->text[to] == '\t' ||
			       r->text[to] == '\n' || r->text[to] == '\r'))
		to++;
	cursor_advance(r, cu, to);
}

/* At the first element of the array the reader's path names. */
void rd_cursor_first(struct sbom_reader *r, struct rd_cursor *cu)
{
	struct mdsec_loc l;

	rd_push_index(r, 0);
	l = rd_loc(r, NULL);
	rd_pop(r);
	cu->off = 0;
	cu->line = 1;
	cu->col = 1;
	while (cu->off < r->len && (cu->line < l.line || cu->col < l.col))
		cursor_advance(r, cu, cu->off + 1);
	if (cu->line != l.line || cu->col != l.col || cu->off >= r->len)
		cu->off = RD_CURSOR_LOST;
}

/* From an element to the next one of the same array. */
void rd_cursor_next(struct sbom_reader *r, struct rd_cursor *cu)
{
	json_error_t e;
	json_t *v;

	if (cu->off == RD_CURSOR_LOST)
		return;
	v = json_loadb(
		r->text + cu->off, r->len - cu->off,
		JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &e);
	if (!v) {
		cu->off = RD_CURSOR_LOST;
		return;
	}
	json_decref(v);
	cursor_advance(r, cu, cu->off + (size_t)e.position);
	cursor_skip_ws(r, cu);
	if (cu->off >= r->len || r->text[cu->off] != ',') {
		cu->off = RD_CURSOR_LOST;
		return;
	}
	cursor_advance(r, cu, cu->off + 1);
	cursor_skip_ws(r, cu);
}

struct mdsec_loc rd_cursor_loc(struct sbom_reader *r,
			       const struct rd_cursor *cu)
{
	struct mdsec_loc l;

	if (cu->off == RD_CURSOR_LOST)
		return rd_loc(r, NULL);
	l.file = r->file;
	l.line = cu->line;
	l.col = cu->col;
	return l;
}

int mdsec_sbom_read_buffer(mdsec_sbom **out, const char *name, const char *buf,
			   size_t len, struct mdsec_diag_list *dl)
{
	struct sbom_reader r;
	json_error_t e;
	json_t *root;
	size_t bad;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.file = name;
	r.text = buf;
	r.len = len;
	r.dl = dl;
	bad = utf8_check(buf, len);
	if (bad != len) {
		struct mdsec_loc l = { name, 1, 1 };
		size_t i;

		for (i = 0; i < bad; i++) {
			if (buf[i] == '\n') {
				l.line++;
				l.col = 1;
			} else {
				l.col++;
			}
		}
		return diag_error(dl, l,
				  "invalid UTF-8 (expected a JSON text "
				  "in UTF-8)");
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		struct mdsec_loc l = { name, e.line > 0 ? (unsigned)e.line : 1,
				       e.column > 0 ? (unsigned)e.column : 1 };

		return diag_error(dl, l, "%s (expected a JSON SBOM)", e.text);
	}
	r.s = mdsec_sbom_new();
	if (!r.s) {
		json_decref(root);
		return MDSEC_ENOMEM;
	}
	if (!json_is_object(root)) {
		rc = rd_error(&r, NULL,
			      "the document is %s (expected a "
			      "CycloneDX or SPDX JSON object)",
			      type_name(root));
	} else if (json_object_get(root, "bomFormat")) {
		r.s->format = MDSEC_SBOM_CYCLONEDX;
		rc = cdx_read(&r, root);
	} else if (json_object_get(root, "spdxVersion")) {
		r.s->format = MDSEC_SBOM_SPDX;
		rc = spdx_read(&r, root);
	} else {
		rc = rd_error(&r, NULL,
			      "neither \"bomFormat\" nor "
			      "\"spdxVersion\" (expected a CycloneDX or "
			      "SPDX JSON document)");
	}
	json_decref(root);
	map_release(&r.refs);
	if (rc == 0 && r.nerrors)
		rc = MDSEC_EINPUT;
	if (rc < 0) {
		mdsec_sbom_free(r.s);
		return rc;
	}
	*out = r.s;
	return 0;
}

int mdsec_sbom_read(mdsec_sbom **out, const char *path,
		    struct mdsec_diag_list *dl)
{
	struct strbuf text;
	int rc;

	*out = NULL;
	strbuf_init(&text, 0);
	rc = file_read_capped(&text, path, MDSEC_SBOM_MAX_BYTES);
	if (rc == MDSEC_ELIMIT) {
		struct mdsec_loc l = { path, 0, 0 };

		strbuf_release(&text);
		diag_error(dl, l,
			   "larger than %zu bytes (expected a smaller "
			   "SBOM)",
			   MDSEC_SBOM_MAX_BYTES);
		return MDSEC_ELIMIT;
	}
	if (rc < 0) {
		struct mdsec_loc l = { path, 0, 0 };
		int saved = errno;

		strbuf_release(&text);
		diag_error(dl, l,
			   "cannot read: %s (expected a readable SBOM "
			   "file)",
			   rc == MDSEC_ENOTFOUND ? "no such file"
						 : strerror(saved));
		return rc;
	}
	rc = mdsec_sbom_read_buffer(out, path, text.buf ? text.buf : "",
				    text.len, dl);
	strbuf_release(&text);
	return rc;
}
