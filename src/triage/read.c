/* SPDX-License-Identifier: Apache-2.0
 *
 * read.c - reading a triage or VEX file: the file (size-capped), format
 * detection from content, jansson decoding (duplicate keys rejected,
 * syntax errors located by jansson) or the positioned YAML tree
 * (libfyaml through model/ytree), and the reader contexts the per-format
 * readers share: for JSON a path stack that base/jsonpos turns into
 * file:line:col, for YAML the nodes' own marks. A file either adds all of
 * its statements or, on any error, none.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/cpe.h"
#include "mdsec/purl.h"
#include "triage/triage_int.h"

#include "base/banned.h"

/* ---------------------------------------------------------------------
 * The JSON reader context
 */

const char *tr_string(struct triage_reader *r, json_t *obj, const char *key,
		      bool required)
{
	json_t *v = json_path_string(&r->jp, obj, key, required);
	const char *s;

	if (!v)
		return NULL;
	if (required && json_string_length(v) == 0) {
		tr_error(r, key,
			 "\"%s\" is empty (expected a non-empty "
			 "string)",
			 key);
		return NULL;
	}
	s = triage_strn(r->t, json_string_value(v), json_string_length(v));
	if (!s)
		r->jp.nerrors++;
	return s;
}

const char *tr_datetime(struct triage_reader *r, json_t *obj, const char *key)
{
	return json_path_datetime(&r->jp, key, tr_string(r, obj, key, false));
}

/* The list's copy of s canonicalised by canon; NULL (an error) when
 * invalid. */
static const char *tr_canonical(struct triage_reader *r, const char *key,
				const char *what, json_path_canon_fn *canon,
				const char *s)
{
	char *c = json_path_canonical(&r->jp, key, what, canon, s);
	const char *out;

	if (!c)
		return NULL;
	out = triage_str(r->t, c);
	free(c);
	if (!out)
		r->jp.nerrors++;
	return out;
}

const char *tr_purl(struct triage_reader *r, const char *purl, const char *key)
{
	return tr_canonical(r, key, "purl", mdsec_purl_canonical, purl);
}

const char *tr_cpe(struct triage_reader *r, const char *cpe, const char *key)
{
	return tr_canonical(r, key, "CPE", mdsec_cpe_canonical, cpe);
}

struct mdsec_triage_entry *tr_entry(struct triage_reader *r, const char *key)
{
	struct mdsec_triage_entry *e;
	size_t k = triage_new_entry(r->t);

	if (k == (size_t)-1) {
		r->jp.nerrors++;
		return NULL;
	}
	e = &r->t->entries.v[k];
	e->origin = r->origin;
	e->format = r->format;
	e->doc_id = r->doc_id;
	e->author = r->author;
	e->date = r->date;
	e->loc = tr_loc(r, key);
	return e;
}

/* ---------------------------------------------------------------------
 * The YAML reader context
 */

struct mdsec_loc ty_loc(const struct triage_yreader *y, const struct ynode *n)
{
	struct mdsec_loc l = { y->file, n ? n->line : 1, n ? n->col : 1 };

	return l;
}

int ty_error(struct triage_yreader *y, const struct ynode *n, const char *fmt,
	     ...)
{
	va_list ap;
	int rc;

	y->nerrors++;
	va_start(ap, fmt);
	rc = diag_vadd(y->dl, MDSEC_DIAG_ERROR, ty_loc(y, n), fmt, ap);
	va_end(ap);
	return rc == MDSEC_ENOMEM ? rc : MDSEC_EINPUT;
}

const struct ynode *ty_get(const struct ynode *m, const char *key)
{
	const struct ynode *k;

	if (!m || m->type != YNODE_MAPPING)
		return NULL;
	for (k = m->child; k && k->next; k = k->next->next)
		if (k->type == YNODE_SCALAR && !strcmp(k->str, key))
			return k->next;
	return NULL;
}

const char *ty_text(struct triage_yreader *y, const struct ynode *n,
		    const char *what)
{
	const char *s;

	if (n->type != YNODE_SCALAR || ynode_is_null(n) || n->len == 0) {
		ty_error(y, n, "'%s' is %s (expected %s)", what,
			 ynode_type_name(n), "a non-empty string");
		return NULL;
	}
	s = triage_strn(y->t, n->str, n->len);
	if (!s)
		y->nerrors++;
	return s;
}

/* ---------------------------------------------------------------------
 * Detection and loading
 */

static size_t skip_ws(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
			   buf[i] == '\r'))
		i++;
	return i;
}

static enum mdsec_triage_format json_kind(json_t *root)
{
	json_t *ctx, *doc;

	if (!json_is_object(root))
		return MDSEC_TRIAGE_FMT_UNKNOWN;
	ctx = json_object_get(root, "@context");
	if (json_is_string(ctx) && strstr(json_string_value(ctx), "openvex"))
		return MDSEC_TRIAGE_FMT_OPENVEX;
	if (json_object_get(root, "bomFormat"))
		return MDSEC_TRIAGE_FMT_CYCLONEDX;
	doc = json_object_get(root, "document");
	if (json_is_object(doc) && json_object_get(doc, "csaf_version"))
		return MDSEC_TRIAGE_FMT_CSAF;
	return MDSEC_TRIAGE_FMT_UNKNOWN;
}

static enum mdsec_triage_format yaml_kind(const struct ynode *root)
{
	if (ty_get(root, "format"))
		return MDSEC_TRIAGE_FMT_YAML;
	if (espidf_detect(root))
		return MDSEC_TRIAGE_FMT_ESPIDF;
	return MDSEC_TRIAGE_FMT_UNKNOWN;
}

enum mdsec_triage_format mdsec_triage_detect(const char *buf, size_t len)
{
	enum mdsec_triage_format f = MDSEC_TRIAGE_FMT_UNKNOWN;
	size_t i = skip_ws(buf, len);

	if (i < len && buf[i] == '{') {
		json_error_t e;
		json_t *root = json_loadb(buf, len, 0, &e);

		if (root)
			f = json_kind(root);
		json_decref(root);
	} else {
		struct arena nodes = ARENA_INIT, strings = ARENA_INIT;
		struct mdsec_diag_list dl = MDSEC_DIAG_LIST_INIT;
		struct ynode *root = NULL;

		if (ytree_parse(&root, &nodes, &strings, NULL, buf, len, &dl) ==
			    0 &&
		    root)
			f = yaml_kind(root);
		mdsec_diag_list_release(&dl);
		arena_release(&nodes);
		arena_release(&strings);
	}
	return f;
}

static int load_json(enum mdsec_triage_format *fmt, struct triage_reader *r)
{
	json_t *root;
	int rc;

	rc = json_path_decode(&r->jp, "a JSON VEX document", &root);
	if (rc < 0)
		return rc;
	*fmt = json_kind(root);
	r->format = *fmt;
	switch (*fmt) {
	case MDSEC_TRIAGE_FMT_OPENVEX:
		rc = openvex_read(r, root);
		break;
	case MDSEC_TRIAGE_FMT_CYCLONEDX:
		rc = cdxvex_read(r, root);
		break;
	case MDSEC_TRIAGE_FMT_CSAF:
		rc = csaf_read(r, root);
		break;
	default:
		rc = tr_error(r, NULL,
			      "not a VEX document: no OpenVEX \"@context\", "
			      "CycloneDX \"bomFormat\" or CSAF "
			      "\"document.csaf_version\" (expected OpenVEX, "
			      "CycloneDX or CSAF JSON)");
		break;
	}
	json_decref(root);
	if (rc == 0 && r->jp.nerrors)
		rc = MDSEC_EINPUT;
	return rc;
}

static int load_yaml(enum mdsec_triage_format *fmt, struct triage_yreader *y,
		     const char *buf, size_t len)
{
	struct arena nodes = ARENA_INIT, strings = ARENA_INIT;
	struct ynode *root = NULL;
	int rc;

	rc = ytree_parse(&root, &nodes, &strings, y->file, buf, len, y->dl);
	if (rc < 0)
		goto out;
	*fmt = root ? yaml_kind(root) : MDSEC_TRIAGE_FMT_UNKNOWN;
	if (*fmt == MDSEC_TRIAGE_FMT_YAML) {
		rc = yaml_triage_read(y, root);
	} else if (*fmt == MDSEC_TRIAGE_FMT_ESPIDF) {
		rc = espidf_read(y, root);
	} else {
		rc = ty_error(y, root,
			      "not a triage file: no \"format\" key "
			      "(expected 'format: mdsec.triage/1', an ESP-IDF "
			      "excluded_cves.yaml, or OpenVEX, CycloneDX or "
			      "CSAF JSON)");
	}
	if (rc == 0 && y->nerrors)
		rc = MDSEC_EINPUT;
out:
	arena_release(&nodes);
	arena_release(&strings);
	return rc;
}

int mdsec_triage_load_buffer(enum mdsec_triage_format *fmt_out, mdsec_triage *t,
			     const char *name, const char *buf, size_t len,
			     enum mdsec_triage_origin origin,
			     struct mdsec_diag_list *dl)
{
	enum mdsec_triage_format fmt = MDSEC_TRIAGE_FMT_UNKNOWN;
	size_t before = t->entries.n, i = skip_ws(buf, len);
	const char *file = triage_str(t, name);
	int rc;

	if (fmt_out)
		*fmt_out = MDSEC_TRIAGE_FMT_UNKNOWN;
	if (name && !file)
		return MDSEC_ENOMEM;
	if (i < len && buf[i] == '{') {
		struct triage_reader r;

		memset(&r, 0, sizeof(r));
		r.t = t;
		json_path_init(&r.jp, file, buf, len, dl);
		r.origin = origin;
		rc = load_json(&fmt, &r);
	} else {
		struct triage_yreader y;

		memset(&y, 0, sizeof(y));
		y.t = t;
		y.file = file;
		y.dl = dl;
		y.origin = origin;
		rc = load_yaml(&fmt, &y, buf, len);
	}
	if (rc < 0) {
		/* no partial result: the strings stay in the arena until the
		 * list is freed, unreachable */
		t->entries.n = before;
		return rc;
	}
	for (i = before; i < t->entries.n; i++)
		t->entries.v[i].format = fmt;
	if (fmt_out)
		*fmt_out = fmt;
	return 0;
}

int mdsec_triage_load(enum mdsec_triage_format *fmt_out, mdsec_triage *t,
		      const char *path, enum mdsec_triage_origin origin,
		      struct mdsec_diag_list *dl)
{
	struct strbuf text;
	struct mdsec_loc l = { path, 0, 0 };
	int rc;

	if (fmt_out)
		*fmt_out = MDSEC_TRIAGE_FMT_UNKNOWN;
	strbuf_init(&text, 0);
	rc = file_read_capped(&text, path, MDSEC_TRIAGE_MAX_BYTES);
	if (rc == MDSEC_ELIMIT) {
		diag_error(dl, l,
			   "larger than %zu bytes (expected a smaller triage "
			   "or VEX file)",
			   MDSEC_TRIAGE_MAX_BYTES);
	} else if (rc < 0 && rc != MDSEC_ENOMEM) {
		int saved = errno;

		diag_error(dl, l,
			   "cannot read: %s (expected a readable triage or "
			   "VEX file)",
			   rc == MDSEC_ENOTFOUND ? "no such file"
						 : strerror(saved));
	} else if (rc == 0) {
		rc = mdsec_triage_load_buffer(fmt_out, t, path, text.buf,
					      text.len, origin, dl);
	}
	strbuf_release(&text);
	return rc;
}
