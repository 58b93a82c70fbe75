/* SPDX-License-Identifier: Apache-2.0
 *
 * signatures.c - loading data/signatures/ (YAML) (docs/signatures.md):
 * every file of each directory in name order, each signature checked
 * (required keys, exact NVD part:vendor:product without wildcards, a PURL
 * template that parses once {version} is filled, a PCRE2 pattern that
 * compiles and captures the version) and compiled for the scanner.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "mdsec/purl.h"
#include "model/ytree.h"
#include "scan/scan_int.h"

#include "base/banned.h"

#define SIG_MAX_BYTES ((size_t)4 << 20)

struct loader {
	mdsec_sigset *set;
	const char *file;
	struct mdsec_diag_list *dl;
	int errors;
};

static struct mdsec_loc at(struct loader *L, const struct ynode *n)
{
	struct mdsec_loc l = { L->file, n ? n->line : 0, n ? n->col : 0 };

	return l;
}

static void err(struct loader *L, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void err(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	L->errors++;
	va_start(ap, fmt);
	diag_vadd(L->dl, MDSEC_DIAG_ERROR, at(L, n), fmt, ap);
	va_end(ap);
}

static const char *str(struct loader *L, const struct ynode *v, const char *key)
{
	if (v->type != YNODE_SCALAR || ynode_is_null(v)) {
		err(L, v, "'%s' is %s (expected a string)", key,
		    ynode_type_name(v));
		return NULL;
	}
	return arena_strndup(&L->set->mem, v->str, v->len);
}

/* A list of strings (also a single string): arena arrays. */
static size_t strlist(struct loader *L, const struct ynode *v, const char *key,
		      const char ***out, const size_t **lens)
{
	const struct ynode *it;
	const char **a;
	size_t *l, n = 0;

	if (v->type == YNODE_SCALAR) {
		a = arena_array(&L->set->mem, 1, sizeof(*a));
		l = arena_array(&L->set->mem, 1, sizeof(*l));
		if (!a || !l)
			return 0;
		a[0] = arena_strndup(&L->set->mem, v->str, v->len);
		l[0] = v->len;
		*out = a;
		if (lens)
			*lens = l;
		return 1;
	}
	if (v->type != YNODE_SEQUENCE) {
		err(L, v, "'%s' is %s (expected a list of strings)", key,
		    ynode_type_name(v));
		return 0;
	}
	a = arena_array(&L->set->mem, v->n ? v->n : 1, sizeof(*a));
	l = arena_array(&L->set->mem, v->n ? v->n : 1, sizeof(*l));
	if (!a || !l)
		return 0;
	for (it = v->child; it; it = it->next) {
		if (it->type != YNODE_SCALAR || !it->len) {
			err(L, it,
			    "an item of '%s' is %s (expected a "
			    "non-empty string)",
			    key, ynode_type_name(it));
			continue;
		}
		a[n] = arena_strndup(&L->set->mem, it->str, it->len);
		l[n++] = it->len;
	}
	*out = a;
	if (lens)
		*lens = l;
	return n;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* cpe: part:vendor:product, exact names (no wildcard, no empty). */
static void parse_cpe(struct loader *L, struct mdsec_signature *sg,
		      const struct ynode *v, const char *s)
{
	const char *c1 = strchr(s, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

	if (!c1 || !c2 || c1 - s != 1 || !strchr("aoh", s[0]) || c2 == c1 + 1 ||
	    !c2[1] || strchr(c2 + 1, ':') || strpbrk(s, "*? ")) {
		err(L, v,
		    "cpe '%s' is not part:vendor:product (expected e.g. "
		    "a:openssl:openssl, the NVD's exact names, no "
		    "wildcards)",
		    s);
		return;
	}
	sg->cpe_part = s[0];
	sg->cpe_vendor =
		arena_strndup(&L->set->mem, c1 + 1, (size_t)(c2 - c1 - 1));
	sg->cpe_product = arena_strdup(&L->set->mem, c2 + 1);
}

static void check_purl(struct loader *L, const struct ynode *v, const char *t)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = strstr(t, "{version}");
	char e[256], *canon = NULL;
	unsigned col = 0;

	if (!p) {
		err(L, v,
		    "purl template '%s' has no {version} (expected e.g. "
		    "pkg:generic/zlib@{version})",
		    t);
		return;
	}
	strbuf_add(&sb, t, (size_t)(p - t));
	strbuf_addstr(&sb, "1.0");
	strbuf_addstr(&sb, p + strlen("{version}"));
	if (mdsec_purl_canonical(sb.buf, &canon, e, sizeof(e), &col) < 0)
		err(L, v, "purl template '%s' is not a valid purl: %s", t, e);
	free(canon);
	strbuf_release(&sb);
}

static pcre2_code *compile(struct loader *L, const struct ynode *v,
			   const char *pat)
{
	int ecode = 0;
	PCRE2_SIZE eoff = 0;
	pcre2_code *re;
	uint32_t groups = 0;

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, 0, &ecode,
			   &eoff, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(ecode, msg, sizeof(msg));
		err(L, v,
		    "version pattern does not compile at offset %zu: %s "
		    "(expected a PCRE2 pattern)",
		    (size_t)eoff, (const char *)msg);
		return NULL;
	}
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups == 0) {
		err(L, v,
		    "version pattern captures nothing (expected a group "
		    "(?<version>...))");
		pcre2_code_free(re);
		return NULL;
	}
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) < 0) {
		/* no JIT on this platform: the interpreter still works */
	}
	return re;
}

static void load_examples(struct loader *L, struct mdsec_signature *sg,
			  const struct ynode *v)
{
	const struct ynode *it, *k;
	const char **t, **ver;
	size_t n = 0;

	if (v->type != YNODE_SEQUENCE) {
		err(L, v,
		    "'examples' is %s (expected a list of {text, "
		    "version})",
		    ynode_type_name(v));
		return;
	}
	t = arena_array(&L->set->mem, v->n ? v->n : 1, sizeof(*t));
	ver = arena_array(&L->set->mem, v->n ? v->n : 1, sizeof(*ver));
	if (!t || !ver)
		return;
	for (it = v->child; it; it = it->next) {
		const char *text = NULL, *vv = NULL;

		if (it->type != YNODE_MAPPING) {
			err(L, it,
			    "an example is %s (expected {text: ..., "
			    "version: ...})",
			    ynode_type_name(it));
			continue;
		}
		for (k = it->child; k && k->next; k = k->next->next) {
			if (!strcmp(k->str, "text"))
				text = str(L, k->next, "text");
			else if (!strcmp(k->str, "version"))
				vv = str(L, k->next, "version");
			else
				err(L, k,
				    "unknown key '%s' in an example "
				    "(expected text or version)",
				    k->str);
		}
		if (!text || !vv) {
			err(L, it, "an example needs 'text' and 'version'");
			continue;
		}
		t[n] = text;
		ver[n++] = vv;
	}
	sg->ex_text = t;
	sg->ex_version = ver;
	sg->nexamples = n;
}

static void load_signature(struct loader *L, const struct ynode *m)
{
	struct mdsec_signature sg;
	const struct ynode *k, *ver_node = NULL, *purl_node = NULL;
	pcre2_code *re = NULL;
	bool have_untested = false;

	memset(&sg, 0, sizeof(sg));
	sg.loc = at(L, m);
	if (m->type != YNODE_MAPPING) {
		err(L, m, "a signature is %s (expected a mapping)",
		    ynode_type_name(m));
		return;
	}
	for (k = m->child; k && k->next; k = k->next->next) {
		const struct ynode *v = k->next;
		const char *key = k->str, *s;

		if (!strcmp(key, "id")) {
			sg.id = str(L, v, key);
			if (sg.id && !valid_id(sg.id))
				err(L, v,
				    "id '%s' (expected lower-case "
				    "letters, digits, '.', '_', '-')",
				    sg.id);
		} else if (!strcmp(key, "name")) {
			sg.name = str(L, v, key);
		} else if (!strcmp(key, "supplier")) {
			sg.supplier = str(L, v, key);
		} else if (!strcmp(key, "cpe")) {
			if ((s = str(L, v, key)))
				parse_cpe(L, &sg, v, s);
		} else if (!strcmp(key, "purl")) {
			sg.purl = str(L, v, key);
			purl_node = v;
		} else if (!strcmp(key, "anchors")) {
			const char **a = NULL;
			const size_t *l = NULL;

			sg.nanchors = strlist(L, v, key, &a, &l);
			sg.anchors = a;
			sg.anchor_len = l;
		} else if (!strcmp(key, "version")) {
			sg.pattern = str(L, v, key);
			ver_node = v;
		} else if (!strcmp(key, "products")) {
			const char **a = NULL;

			sg.nproducts = strlist(L, v, key, &a, NULL);
			sg.products = a;
		} else if (!strcmp(key, "examples")) {
			load_examples(L, &sg, v);
		} else if (!strcmp(key, "untested")) {
			if (v->type != YNODE_SCALAR ||
			    (strcmp(v->str, "true") && strcmp(v->str, "false")))
				err(L, v,
				    "'untested' is '%s' (expected true "
				    "or false)",
				    v->str);
			sg.untested = !strcmp(v->str, "true");
			have_untested = true;
		} else {
			err(L, k,
			    "unknown key '%s' in a signature (expected "
			    "id, name, supplier, cpe, purl, anchors, "
			    "version, products, examples, untested)",
			    key);
		}
	}
	if (!sg.id || !sg.name || !sg.supplier || !sg.cpe_vendor || !sg.purl ||
	    !sg.nanchors || !sg.pattern) {
		err(L, m,
		    "signature '%s' lacks %s (expected id, name, "
		    "supplier, cpe, purl, anchors and version)",
		    sg.id ? sg.id : "?",
		    !sg.id	     ? "id"
		    : !sg.name	     ? "name"
		    : !sg.supplier   ? "supplier"
		    : !sg.cpe_vendor ? "a valid cpe"
		    : !sg.purl	     ? "purl"
		    : !sg.nanchors   ? "anchors"
				     : "version");
		return;
	}
	check_purl(L, purl_node, sg.purl);
	if (sg.nexamples == 0 && !sg.untested)
		err(L, m,
		    "signature '%s' has no examples (expected real "
		    "version strings under 'examples', or untested: "
		    "true)",
		    sg.id);
	if (sg.nexamples && sg.untested && have_untested)
		err(L, m, "signature '%s' has examples but says untested",
		    sg.id);
	if (map_get(&L->set->ids, sg.id)) {
		err(L, m,
		    "duplicate signature id '%s' (expected ids unique "
		    "across all signature files)",
		    sg.id);
		return;
	}
	re = compile(L, ver_node, sg.pattern);
	if (!re)
		return;
	if (vec_push(&L->set->sigs, sg) < 0 || vec_push(&L->set->re, re) < 0 ||
	    map_put(&L->set->ids, sg.id, (void *)1, NULL) < 0) {
		pcre2_code_free(re);
		L->errors++;
	}
}

static int load_text(struct loader *L, const char *buf, size_t len)
{
	struct arena nodes = ARENA_INIT;
	struct ynode *root = NULL;
	const struct ynode *k, *sigs = NULL, *fmt = NULL, *it;
	struct mdsec_loc l1 = { L->file, 1, 1 };
	int rc;

	if (utf8_check(buf, len) != len)
		return diag_error(L->dl, l1,
				  "invalid UTF-8 (expected a YAML "
				  "signature file)");
	rc = ytree_parse(&root, &nodes, &L->set->mem, L->file, buf, len, L->dl);
	if (rc < 0) {
		arena_release(&nodes);
		return rc;
	}
	if (!root || root->type != YNODE_MAPPING) {
		arena_release(&nodes);
		return diag_error(L->dl, l1,
				  "not a mapping (expected format: 1 "
				  "and signatures: [...])");
	}
	for (k = root->child; k && k->next; k = k->next->next) {
		if (!strcmp(k->str, "format"))
			fmt = k->next;
		else if (!strcmp(k->str, "signatures"))
			sigs = k->next;
		else
			err(L, k,
			    "unknown key '%s' (expected format or "
			    "signatures)",
			    k->str);
	}
	if (!fmt || fmt->type != YNODE_SCALAR || strcmp(fmt->str, "1"))
		err(L, fmt ? fmt : root,
		    "missing or unsupported 'format' "
		    "(expected format: 1)");
	if (!sigs || sigs->type != YNODE_SEQUENCE)
		err(L, sigs ? sigs : root, "'signatures' must be a list");
	else
		for (it = sigs->child; it; it = it->next)
			load_signature(L, it);
	arena_release(&nodes);
	return 0;
}

static const char *const yaml_suffix[] = { ".yaml", NULL };

static int load_dir(struct loader *L, const char *dir, struct sha256 *h)
{
	char **names = NULL;
	size_t i;
	int rc = dir_list(&names, dir, yaml_suffix);

	if (rc < 0) {
		struct mdsec_loc l = { dir, 0, 0 };

		if (rc == MDSEC_ENOMEM)
			return rc;
		return diag_error(L->dl, l,
				  "cannot open the signature "
				  "directory: %s",
				  strerror(errno));
	}
	for (i = 0; names[i] && rc == 0; i++) {
		struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;

		strbuf_addf(&path, "%s/%s", dir, names[i]);
		rc = file_read_capped(&text, path.buf, SIG_MAX_BYTES);
		if (rc < 0) {
			struct mdsec_loc l = { path.buf, 0, 0 };

			diag_error(L->dl, l, "cannot read: %s",
				   strerror(errno));
		} else {
			L->file = arena_strdup(&L->set->mem, path.buf);
			sha256_update(h, names[i], strlen(names[i]) + 1);
			sha256_update(h, text.buf, text.len);
			rc = load_text(L, text.buf, text.len);
		}
		strbuf_release(&path);
		strbuf_release(&text);
	}
	dir_list_free(names);
	return rc;
}

int mdsec_sigset_load(mdsec_sigset **out, const char *const *dirs, size_t n,
		      struct mdsec_diag_list *dl)
{
	struct loader L;
	struct sha256 h;
	unsigned char d[SHA256_LEN];
	char def[4096];
	size_t i;
	int rc = 0;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.dl = dl;
	L.set = xcalloc(1, sizeof(*L.set));
	if (!L.set)
		return MDSEC_ENOMEM;
	if (sha256_init(&h) < 0) {
		xfree(L.set);
		return MDSEC_ENOMEM;
	}
	if (n == 0) {
		snprintf(def, sizeof(def), "%s/signatures", mdsec_datadir());
		rc = load_dir(&L, def, &h);
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = load_dir(&L, dirs[i], &h);
	sha256_final(&h, d);
	sha256_to_hex(L.set->digest, d);
	if (rc == 0 && (L.errors || dl->nerrors))
		rc = MDSEC_EINPUT;
	if (rc == 0 && L.set->sigs.n == 0) {
		struct mdsec_loc l = { n ? dirs[0] : def, 0, 0 };

		rc = diag_error(dl, l,
				"no signatures found (expected *.yaml "
				"signature files)");
	}
	if (rc < 0) {
		mdsec_sigset_free(L.set);
		return rc;
	}
	*out = L.set;
	return 0;
}

size_t mdsec_sigset_count(const mdsec_sigset *s)
{
	return s->sigs.n;
}

const struct mdsec_signature *mdsec_sigset_get(const mdsec_sigset *s, size_t i)
{
	return i < s->sigs.n ? &s->sigs.v[i] : NULL;
}

void mdsec_sigset_free(mdsec_sigset *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->re.n; i++)
		pcre2_code_free(s->re.v[i]);
	vec_release(&s->re);
	vec_release(&s->sigs);
	map_release(&s->ids);
	arena_release(&s->mem);
	xfree(s);
}
