/* SPDX-License-Identifier: Apache-2.0
 *
 * sbom.c - the SBOM document: creating, adding components and their parts,
 * copying, freeing; the FDA support phrases; the deterministic UUID.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

struct mdsec_sbom_arena {
	struct arena a;
};

mdsec_sbom *mdsec_sbom_new(void)
{
	mdsec_sbom *s = xcalloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->mem = xcalloc(1, sizeof(*s->mem));
	if (!s->mem) {
		xfree(s);
		return NULL;
	}
	s->primary = MDSEC_SBOM_NONE;
	return s;
}

void mdsec_sbom_free(mdsec_sbom *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->components.n; i++) {
		struct mdsec_component *c = &s->components.v[i];

		vec_release(&c->hashes);
		vec_release(&c->deps);
		vec_release(&c->evidence);
	}
	vec_release(&s->components);
	vec_release(&s->authors);
	vec_release(&s->tools);
	if (s->mem)
		arena_release(&s->mem->a);
	xfree(s->mem);
	xfree(s);
}

const char *sbom_strn(mdsec_sbom *s, const char *str, size_t n)
{
	if (!str)
		return NULL;
	return arena_strndup(&s->mem->a, str, n);
}

const char *sbom_str(mdsec_sbom *s, const char *str)
{
	return str ? sbom_strn(s, str, strlen(str)) : NULL;
}

const char *sbom_printf(mdsec_sbom *s, const char *fmt, ...)
{
	struct strbuf sb;
	const char *r;
	va_list ap;

	strbuf_init(&sb, 0);
	va_start(ap, fmt);
	if (strbuf_vaddf(&sb, fmt, ap) < 0) {
		va_end(ap);
		strbuf_release(&sb);
		return NULL;
	}
	va_end(ap);
	r = sbom_strn(s, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

size_t sbom_add_component(mdsec_sbom *s)
{
	struct mdsec_component c;

	memset(&c, 0, sizeof(c));
	if (vec_push(&s->components, c) < 0)
		return MDSEC_SBOM_NONE;
	return s->components.n - 1;
}

int sbom_add_hash(struct mdsec_component *c, const char *alg, const char *value)
{
	struct mdsec_sbom_hash h = { alg, value };
	size_t i;

	for (i = 0; i < c->hashes.n; i++)
		if (!strcmp(c->hashes.v[i].alg, alg) &&
		    !strcmp(c->hashes.v[i].value, value))
			return 0;
	return vec_push(&c->hashes, h);
}

int sbom_add_dep(struct mdsec_component *c, size_t to)
{
	size_t i;

	for (i = 0; i < c->deps.n; i++)
		if (c->deps.v[i] == to)
			return 0;
	return vec_push(&c->deps, to);
}

int sbom_add_evidence(struct mdsec_component *c,
		      const struct mdsec_sbom_evidence *e)
{
	size_t i;

	for (i = 0; i < c->evidence.n; i++) {
		const struct mdsec_sbom_evidence *o = &c->evidence.v[i];

		if (o->method == e->method && !strcmp(o->source, e->source) &&
		    !strcmp(o->detail ? o->detail : "",
			    e->detail ? e->detail : ""))
			return 0;
	}
	return vec_push(&c->evidence, *e);
}

int sbom_add_author(mdsec_sbom *s, const char *a)
{
	size_t i;

	for (i = 0; i < s->authors.n; i++)
		if (!strcmp(s->authors.v[i], a))
			return 0;
	return vec_push(&s->authors, a);
}

int sbom_add_tool(mdsec_sbom *s, const char *t)
{
	size_t i;

	for (i = 0; i < s->tools.n; i++)
		if (!strcmp(s->tools.v[i], t))
			return 0;
	return vec_push(&s->tools, t);
}

size_t sbom_copy_component(mdsec_sbom *to, const mdsec_sbom *from, size_t src)
{
	const struct mdsec_component *f = &from->components.v[src];
	struct mdsec_component *c;
	size_t i, idx = sbom_add_component(to);

	if (idx == MDSEC_SBOM_NONE)
		return idx;
	c = &to->components.v[idx];
#define CP(field) c->field = sbom_str(to, f->field)
	CP(ref);
	CP(type);
	CP(group);
	CP(name);
	CP(version);
	CP(supplier);
	CP(author);
	CP(purl);
	CP(cpe);
	CP(license);
	CP(description);
	CP(copyright);
	CP(scope);
	CP(support);
	CP(end_of_support);
	CP(support_justification);
	CP(element);
#undef CP
	c->loc = f->loc;
	c->loc.file = sbom_str(to, f->loc.file);
	for (i = 0; i < f->hashes.n; i++)
		if (sbom_add_hash(c, sbom_str(to, f->hashes.v[i].alg),
				  sbom_str(to, f->hashes.v[i].value)) < 0)
			return MDSEC_SBOM_NONE;
	for (i = 0; i < f->evidence.n; i++) {
		struct mdsec_sbom_evidence e = f->evidence.v[i];

		e.source = sbom_str(to, e.source);
		e.detail = sbom_str(to, e.detail);
		if (sbom_add_evidence(c, &e) < 0)
			return MDSEC_SBOM_NONE;
	}
	return idx;
}

size_t mdsec_sbom_find_ref(const mdsec_sbom *s, const char *ref)
{
	size_t i;

	for (i = 0; i < s->components.n; i++)
		if (s->components.v[i].ref &&
		    !strcmp(s->components.v[i].ref, ref))
			return i;
	return MDSEC_SBOM_NONE;
}

static const char *const support_names[][2] = {
	{ "actively-maintained", "actively maintained" },
	{ "no-longer-maintained", "no longer maintained" },
	{ "abandoned", "abandoned" },
};

const char *sbom_support_phrase(const char *support)
{
	size_t i;

	for (i = 0;
	     support && i < sizeof(support_names) / sizeof(support_names[0]);
	     i++)
		if (!strcmp(support, support_names[i][0]))
			return support_names[i][1];
	return NULL;
}

const char *sbom_support_from_phrase(const char *phrase)
{
	size_t i;

	for (i = 0;
	     phrase && i < sizeof(support_names) / sizeof(support_names[0]);
	     i++)
		if (!strcasecmp(phrase, support_names[i][1]) ||
		    !strcasecmp(phrase, support_names[i][0]))
			return support_names[i][0];
	return NULL;
}

const char *sbom_method_name(enum mdsec_sbom_method m)
{
	switch (m) {
	case MDSEC_FOUND_MODEL:
		return "model";
	case MDSEC_FOUND_SCAN:
		return "scan";
	default:
		return "sbom";
	}
}

int sbom_method_parse(const char *s, size_t n, enum mdsec_sbom_method *out)
{
	static const enum mdsec_sbom_method all[] = { MDSEC_FOUND_MODEL,
						      MDSEC_FOUND_SBOM,
						      MDSEC_FOUND_SCAN };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		const char *name = sbom_method_name(all[i]);

		if (strlen(name) == n && !strncmp(s, name, n)) {
			*out = all[i];
			return 0;
		}
	}
	return -1;
}

/* mdsec's UUID namespace, itself the v5 UUID of "mdsec.sbom" in the DNS
 * namespace would do as well; any fixed value keeps outputs stable. */
static const unsigned char mdsec_ns[16] = {
	0x6d, 0x64, 0x73, 0x65, 0x63, 0x2d, 0x4f, 0x80,
	0x9b, 0x5e, 0x53, 0x42, 0x4f, 0x4d, 0x00, 0x01,
};

void sbom_uuid5(const char *name, char out[37])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	memset(d, 0, sizeof(d));
	if (ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
	    EVP_DigestUpdate(ctx, mdsec_ns, sizeof(mdsec_ns)) &&
	    EVP_DigestUpdate(ctx, name, strlen(name)))
		EVP_DigestFinal_ex(ctx, d, &dlen);
	EVP_MD_CTX_free(ctx);
	d[6] = (unsigned char)((d[6] & 0x0f) | 0x50); /* version 5 */
	d[8] = (unsigned char)((d[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[d[i] >> 4];
		out[o++] = hex[d[i] & 15];
	}
	out[o] = '\0';
}

int sbom_timestamp(char out[21])
{
	time_t t;
	int rc = time_output(&t);

	time_iso8601(out, t);
	return rc;
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

int sbom_component_cmp(const struct mdsec_component *a,
		       const struct mdsec_component *b)
{
	int r;

	if ((r = strcmp_null(a->name, b->name)))
		return r;
	if ((r = strcmp_null(a->version, b->version)))
		return r;
	if ((r = strcmp_null(a->purl, b->purl)))
		return r;
	if ((r = strcmp_null(a->cpe, b->cpe)))
		return r;
	return strcmp_null(a->ref, b->ref);
}

int mdsec_sbom_component_cmp(const struct mdsec_component *a,
			     const struct mdsec_component *b)
{
	return sbom_component_cmp(a, b);
}

struct ordered {
	const struct mdsec_component *c;
	size_t i;
};

static int by_ordered(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;
	int r = sbom_component_cmp(x->c, y->c);

	return r ? r : (x->i < y->i ? -1 : x->i > y->i);
}

size_t *mdsec_sbom_order(const mdsec_sbom *s)
{
	size_t n = s->components.n, i, k = 0;
	struct ordered *v = xcalloc(n ? n : 1, sizeof(*v));
	size_t *idx = xcalloc(n ? n : 1, sizeof(*idx));

	if (!v || !idx) {
		xfree(v);
		xfree(idx);
		return NULL;
	}
	if (s->primary < n)
		idx[k++] = s->primary;
	for (i = 0; i < n; i++) {
		v[i].c = &s->components.v[i];
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), by_ordered);
	for (i = 0; i < n; i++)
		if (v[i].i != s->primary)
			idx[k++] = v[i].i;
	xfree(v);
	return idx;
}
