/* SPDX-License-Identifier: Apache-2.0
 *
 * read.c - reading an SBOM: the file, format detection, jansson decoding
 * (duplicate keys rejected, syntax errors located by jansson) and what
 * the CycloneDX and SPDX readers share beside the JSON path context of
 * base/jsonpos (which turns a path into file:line:col when something is
 * wrong): strings copied into the SBOM, refs, purls, CPEs and the element
 * cursor.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

const char *rd_string(struct sbom_reader *r, json_t *obj, const char *key,
		      bool required)
{
	json_t *v = json_path_string(&r->jp, obj, key, required);

	if (!v)
		return NULL;
	return sbom_strn(r->s, json_string_value(v), json_string_length(v));
}

const char *rd_datetime(struct sbom_reader *r, json_t *obj, const char *key,
			bool required)
{
	return json_path_datetime(&r->jp, key,
				  rd_string(r, obj, key, required));
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

/* The arena copy of s canonicalised by canon; NULL (an error) when
 * invalid. */
static const char *rd_canonical(struct sbom_reader *r, const char *key,
				const char *what, json_path_canon_fn *canon,
				const char *s)
{
	char *c = json_path_canonical(&r->jp, key, what, canon, s);
	const char *out;

	if (!c)
		return NULL;
	out = sbom_str(r->s, c);
	free(c);
	return out;
}

const char *rd_purl(struct sbom_reader *r, json_t *obj, const char *key)
{
	return rd_canonical(r, key, "purl", mdsec_purl_canonical,
			    rd_string(r, obj, key, false));
}

const char *rd_cpe(struct sbom_reader *r, const char *cpe, const char *key)
{
	return rd_canonical(r, key, "CPE", mdsec_cpe_canonical, cpe);
}

/* The element cursor (sbom_int.h). */
static void cursor_advance(struct sbom_reader *r, struct rd_cursor *cu,
			   size_t to)
{
	for (; cu->off < to && cu->off < r->jp.len; cu->off++) {
		if (r->jp.text[cu->off] == '\n') {
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

	while (to < r->jp.len &&
	       (r->jp.text[to] == ' ' || r->jp.text[to] == '\t' ||
		r->jp.text[to] == '\n' || r->jp.text[to] == '\r'))
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
	while (cu->off < r->jp.len && (cu->line < l.line || cu->col < l.col))
		cursor_advance(r, cu, cu->off + 1);
	if (cu->line != l.line || cu->col != l.col || cu->off >= r->jp.len)
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
		r->jp.text + cu->off, r->jp.len - cu->off,
		JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &e);
	if (!v) {
		cu->off = RD_CURSOR_LOST;
		return;
	}
	json_decref(v);
	cursor_advance(r, cu, cu->off + (size_t)e.position);
	cursor_skip_ws(r, cu);
	if (cu->off >= r->jp.len || r->jp.text[cu->off] != ',') {
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
	l.file = r->jp.file;
	l.line = cu->line;
	l.col = cu->col;
	return l;
}

int mdsec_sbom_read_buffer(mdsec_sbom **out, const char *name, const char *buf,
			   size_t len, struct mdsec_diag_list *dl)
{
	struct sbom_reader r;
	json_t *root;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	json_path_init(&r.jp, name, buf, len, dl);
	rc = json_path_decode(&r.jp, "a JSON SBOM", &root);
	if (rc < 0)
		return rc;
	r.s = mdsec_sbom_new();
	if (!r.s) {
		json_decref(root);
		return MDSEC_ENOMEM;
	}
	if (!json_is_object(root)) {
		rc = rd_error(&r, NULL,
			      "the document is %s (expected a "
			      "CycloneDX or SPDX JSON object)",
			      json_type_name(root));
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
	if (rc == 0 && r.jp.nerrors)
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
