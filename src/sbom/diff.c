/* SPDX-License-Identifier: Apache-2.0
 *
 * diff.c - what changed between two SBOMs (`mdsec sbom diff OLD NEW`):
 * components added, removed and changed, and dependency edges added and
 * removed. Components are matched across the two documents as merging
 * does (merge.c), but without the version, so that an upgrade is one
 * change and not a removal plus an addition: when both have a purl, by
 * the purl without version, qualifiers and subpath; else when both have a
 * CPE, by its part, vendor and product; else by name. Among the
 * candidates, one with the same version is taken first; ties go to the
 * first in component order (name, version, purl, cpe, ref), so the result
 * is deterministic. An edge is unchanged when both of its ends are
 * matched and the other document has the edge between their
 * counterparts. Rendered as text or as JSON (mdsec.sbom-diff/1,
 * docs/schemas/sbom-diff.schema.json); rules in docs/formats.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/sbom_report.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

#define DIFF_JSON_FORMAT "mdsec.sbom-diff/1"
#define NONE		 MDSEC_SBOM_NONE

enum match_kind { MATCH_NONE = 0, MATCH_PURL, MATCH_CPE, MATCH_NAME };

static const char *const match_names[] = { "none", "purl", "cpe", "name" };

/* The fields compared, in report order. */
enum field {
	F_NAME,
	F_VERSION,
	F_SUPPLIER,
	F_PURL,
	F_CPE,
	F_LICENSE,
	F_SUPPORT,
	F_EOS,
	F_HASHES,
	NFIELDS
};

static const char *const field_names[NFIELDS] = {
	"name",	   "version", "supplier",	"purl",	 "cpe",
	"license", "support", "end_of_support", "hashes"
};

struct edge {
	size_t from, to;
};

/* One document and what the comparison knows of it. */
struct side {
	const mdsec_sbom *s;
	size_t n;
	size_t *order; /* order[r]: the component of rank r */
	size_t *rank;  /* rank[i]: where component i comes in order */
	char **pkey;   /* purl without version, qualifiers, subpath */
	char **ckey;   /* CPE up to the product */
	size_t *match; /* the counterpart in the other side, or NONE */
	unsigned char *how;
	struct edge *edges; /* sorted by (from, to) */
	size_t nedges;
};

/* Chains of old components sharing a key, in rank order. */
struct chains {
	struct map map; /* key -> first + 1 */
	size_t *next;	/* next[i]: the next in i's chain, or NONE */
	size_t *last;	/* last[first]: the chain's last */
};

struct differ {
	struct side a, b; /* old, new */
	struct chains byp, byc, byn;
};

/* Where the output goes: text, JSON, or nowhere (counting only). */
struct out {
	int format; /* enum mdsec_report_format, or -1 */
	struct strbuf *sb;
	struct jsonw w;
	int error;
};

static bool has(const char *s)
{
	return s && *s;
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

/* The version inside a purl or CPE: bytes [*vs, *ve). For a purl, from
 * the '@' after the last '/' to the qualifiers ('?') or subpath ('#');
 * for a CPE, the version field with its leading ':' (field 5 of a 2.3
 * formatted string, field 4 of a 2.2 URI; "\:" is an escaped colon).
 * When there is none, an empty span where it would start. */
static void version_span(const char *id, bool cpe, size_t *vs, size_t *ve)
{
	size_t len = strlen(id), i, q, slash = 0, colons = 0, field;

	if (!cpe) {
		q = strcspn(id, "?#");
		for (i = 0; i < q; i++)
			if (id[i] == '/')
				slash = i;
		for (i = slash; i < q && id[i] != '@'; i++)
			;
		*vs = i;
		*ve = q;
		return;
	}
	field = strncmp(id, "cpe:/", 5) ? 5 : 4;
	*vs = *ve = len;
	for (i = 0; i < len; i++) {
		if (id[i] == '\\' && i + 1 < len) {
			i++;
			continue;
		}
		if (id[i] != ':')
			continue;
		colons++;
		if (colons == field) {
			*vs = i;
		} else if (colons == field + 1) {
			*ve = i;
			break;
		}
	}
}

/* The matching key: the identifier up to its version. */
static char *id_key(const char *id, bool cpe)
{
	size_t vs, ve;

	version_span(id, cpe, &vs, &ve);
	return xstrndup(id, vs);
}

/* Equal but for the version (NULL equals NULL only). */
static bool same_but_version(const char *x, const char *y, bool cpe)
{
	size_t xs, xe, ys, ye, xl, yl;

	if (!x || !y)
		return !x && !y;
	version_span(x, cpe, &xs, &xe);
	version_span(y, cpe, &ys, &ye);
	xl = strlen(x);
	yl = strlen(y);
	return xs == ys && !memcmp(x, y, xs) && xl - xe == yl - ye &&
	       !memcmp(x + xe, y + ye, xl - xe);
}

static const struct mdsec_component *comp(const struct side *d, size_t i)
{
	return &d->s->components.v[i];
}

/* How old component i and new component j may match: purls when both
 * have one, else CPEs when both have one, else names. */
static enum match_kind compatible(const struct differ *d, size_t i, size_t j)
{
	const struct mdsec_component *x = comp(&d->a, i), *y = comp(&d->b, j);

	if (d->a.pkey[i] && d->b.pkey[j])
		return strcmp(d->a.pkey[i], d->b.pkey[j]) ? MATCH_NONE
							  : MATCH_PURL;
	if (d->a.ckey[i] && d->b.ckey[j])
		return strcmp(d->a.ckey[i], d->b.ckey[j]) ? MATCH_NONE
							  : MATCH_CPE;
	return strcmp_null(x->name, y->name) ? MATCH_NONE : MATCH_NAME;
}

static int cmp_ptr(const void *x, const void *y)
{
	return sbom_component_cmp(*(const struct mdsec_component *const *)x,
				  *(const struct mdsec_component *const *)y);
}

static int cmp_edge(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return 0;
}

static void side_release(struct side *d)
{
	size_t i;

	for (i = 0; d->pkey && i < d->n; i++)
		xfree(d->pkey[i]);
	for (i = 0; d->ckey && i < d->n; i++)
		xfree(d->ckey[i]);
	xfree(d->pkey);
	xfree(d->ckey);
	xfree(d->order);
	xfree(d->rank);
	xfree(d->match);
	xfree(d->how);
	xfree(d->edges);
}

static int side_init(struct side *d, const mdsec_sbom *s)
{
	const struct mdsec_component **p;
	size_t i, k, n = s->components.n, m = n ? n : 1, ne = 0;

	memset(d, 0, sizeof(*d));
	d->s = s;
	d->n = n;
	for (i = 0; i < n; i++)
		ne += s->components.v[i].deps.n;
	d->order = xcalloc(m, sizeof(*d->order));
	d->rank = xcalloc(m, sizeof(*d->rank));
	d->pkey = xcalloc(m, sizeof(*d->pkey));
	d->ckey = xcalloc(m, sizeof(*d->ckey));
	d->match = xcalloc(m, sizeof(*d->match));
	d->how = xcalloc(m, sizeof(*d->how));
	d->edges = xcalloc(ne ? ne : 1, sizeof(*d->edges));
	p = xcalloc(m, sizeof(*p));
	if (!d->order || !d->rank || !d->pkey || !d->ckey || !d->match ||
	    !d->how || !d->edges || !p) {
		xfree(p);
		return MDSEC_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct mdsec_component *c = &s->components.v[i];

		p[i] = c;
		d->match[i] = NONE;
		if (has(c->purl) && !(d->pkey[i] = id_key(c->purl, false)))
			break;
		if (has(c->cpe) && !(d->ckey[i] = id_key(c->cpe, true)))
			break;
		for (k = 0; k < c->deps.n; k++) {
			if (c->deps.v[k] >= n || c->deps.v[k] == i)
				continue;
			d->edges[d->nedges].from = i;
			d->edges[d->nedges].to = c->deps.v[k];
			d->nedges++;
		}
	}
	if (i < n) {
		xfree(p);
		return MDSEC_ENOMEM;
	}
	qsort(p, n, sizeof(*p), cmp_ptr);
	for (i = 0; i < n; i++) {
		d->order[i] = (size_t)(p[i] - s->components.v);
		d->rank[d->order[i]] = i;
	}
	xfree(p);
	qsort(d->edges, d->nedges, sizeof(*d->edges), cmp_edge);
	return 0;
}

static bool has_edge(const struct side *d, size_t from, size_t to)
{
	struct edge key = { from, to };

	return bsearch(&key, d->edges, d->nedges, sizeof(key), cmp_edge) !=
	       NULL;
}

static int chains_init(struct chains *c, size_t n)
{
	memset(c, 0, sizeof(*c));
	c->next = xcalloc(n ? n : 1, sizeof(*c->next));
	c->last = xcalloc(n ? n : 1, sizeof(*c->last));
	return c->next && c->last ? 0 : MDSEC_ENOMEM;
}

static void chains_release(struct chains *c)
{
	map_release(&c->map);
	xfree(c->next);
	xfree(c->last);
}

/* Append i (components come in rank order) to the chain of key. */
static int chain_add(struct chains *c, const char *key, size_t i)
{
	void *v = map_get(&c->map, key);
	size_t first;

	c->next[i] = NONE;
	if (!v) {
		c->last[i] = i;
		return map_put(&c->map, key, (void *)(i + 1), NULL) < 0
			       ? MDSEC_ENOMEM
			       : 0;
	}
	first = (size_t)v - 1;
	c->next[c->last[first]] = i;
	c->last[first] = i;
	return 0;
}

/* The first unmatched old component in the chain of key that may match
 * new component j (with the same version when same_version). */
static size_t chain_best(const struct differ *d, const struct chains *c,
			 const char *key, size_t j, bool same_version)
{
	void *v = key ? map_get(&c->map, key) : NULL;
	size_t i;

	for (i = v ? (size_t)v - 1 : NONE; i != NONE; i = c->next[i]) {
		if (d->a.match[i] != NONE || !compatible(d, i, j))
			continue;
		if (same_version && strcmp_null(comp(&d->a, i)->version,
						comp(&d->b, j)->version))
			continue;
		return i;
	}
	return NONE;
}

/* Every old component that may match j is in one of the three chains:
 * take the first in component order. */
static size_t best(const struct differ *d, size_t j, bool same_version)
{
	size_t c[3], i, r = NONE;
	int k;

	c[0] = chain_best(d, &d->byp, d->b.pkey[j], j, same_version);
	c[1] = chain_best(d, &d->byc, d->b.ckey[j], j, same_version);
	c[2] = chain_best(d, &d->byn, comp(&d->b, j)->name, j, same_version);
	for (k = 0; k < 3; k++) {
		i = c[k];
		if (i != NONE && (r == NONE || d->a.rank[i] < d->a.rank[r]))
			r = i;
	}
	return r;
}

static int match_all(struct differ *d)
{
	size_t r, i, j;
	int pass, rc = 0;

	if (chains_init(&d->byp, d->a.n) < 0 ||
	    chains_init(&d->byc, d->a.n) < 0 ||
	    chains_init(&d->byn, d->a.n) < 0)
		return MDSEC_ENOMEM;
	for (r = 0; r < d->a.n && rc == 0; r++) {
		i = d->a.order[r];
		if (d->a.pkey[i])
			rc = chain_add(&d->byp, d->a.pkey[i], i);
		if (rc == 0 && d->a.ckey[i])
			rc = chain_add(&d->byc, d->a.ckey[i], i);
		if (rc == 0 && comp(&d->a, i)->name)
			rc = chain_add(&d->byn, comp(&d->a, i)->name, i);
	}
	for (pass = 0; pass < 2 && rc == 0; pass++) {
		for (r = 0; r < d->b.n; r++) {
			j = d->b.order[r];
			if (d->b.match[j] != NONE)
				continue;
			i = best(d, j, pass == 0);
			if (i == NONE)
				continue;
			d->a.match[i] = j;
			d->b.match[j] = i;
			d->a.how[i] = d->b.how[j] =
				(unsigned char)compatible(d, i, j);
		}
	}
	return rc;
}

/* ---- comparing fields -------------------------------------------------- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* "ALG:value" of every hash, sorted, joined by spaces; NULL when there is
 * none. *nomem set on allocation failure. */
static char *hashes_text(const struct mdsec_component *c, bool *nomem)
{
	struct strbuf sb = STRBUF_INIT;
	char **v;
	size_t i, n = c->hashes.n;
	int e = 0;

	if (!n)
		return NULL;
	v = xcalloc(n, sizeof(*v));
	if (!v) {
		*nomem = true;
		return NULL;
	}
	for (i = 0; i < n && !e; i++) {
		strbuf_reset(&sb);
		e = strbuf_addf(&sb, "%s:%s", c->hashes.v[i].alg,
				c->hashes.v[i].value);
		if (!e && !(v[i] = xstrdup(sb.buf)))
			e = MDSEC_ENOMEM;
	}
	if (!e)
		qsort(v, n, sizeof(*v), cmp_str);
	strbuf_reset(&sb);
	for (i = 0; i < n && !e; i++)
		e = strbuf_addf(&sb, "%s%s", i ? " " : "", v[i]);
	for (i = 0; i < n; i++)
		xfree(v[i]);
	xfree(v);
	if (e) {
		strbuf_release(&sb);
		*nomem = true;
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static const char *field_value(const struct mdsec_component *c, int f,
			       const char *hashes)
{
	switch (f) {
	case F_NAME:
		return c->name;
	case F_VERSION:
		return c->version;
	case F_SUPPLIER:
		return c->supplier;
	case F_PURL:
		return c->purl;
	case F_CPE:
		return c->cpe;
	case F_LICENSE:
		return c->license;
	case F_SUPPORT:
		return c->support;
	case F_EOS:
		return c->end_of_support;
	default:
		return hashes;
	}
}

/* The fields that differ, as bits. A purl or CPE that differs only in
 * its version is not a change of its own: the version shows it. */
static unsigned changed_fields(const struct mdsec_component *x,
			       const struct mdsec_component *y, const char *hx,
			       const char *hy)
{
	unsigned m = 0;
	int f;

	for (f = 0; f < NFIELDS; f++) {
		const char *a = field_value(x, f, hx);
		const char *b = field_value(y, f, hy);
		bool differ;

		if (f == F_PURL)
			differ = !same_but_version(a, b, false);
		else if (f == F_CPE)
			differ = !same_but_version(a, b, true);
		else
			differ = strcmp_null(a, b) != 0;
		if (differ)
			m |= 1u << f;
	}
	return m;
}

/* ---- output ------------------------------------------------------------ */

static void tprintf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void tprintf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int e;

	if (o->error || o->format != MDSEC_REPORT_TEXT)
		return;
	va_start(ap, fmt);
	e = strbuf_vaddf(o->sb, fmt, ap);
	va_end(ap);
	if (e < 0)
		o->error = e;
}

static bool json(const struct out *o)
{
	return o->format == MDSEC_REPORT_JSON;
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static const char *name_of(const struct mdsec_component *c)
{
	return c->name ? c->name : "";
}

/* "name@version", or the name alone. */
static int label(struct strbuf *sb, const struct mdsec_component *c)
{
	strbuf_reset(sb);
	if (c->version)
		return strbuf_addf(sb, "%s@%s", name_of(c), c->version);
	return strbuf_addstr(sb, name_of(c));
}

static void json_component(struct out *o, const struct mdsec_component *c)
{
	struct jsonw *w = &o->w;

	jsonw_object_begin(w);
	jsonw_member(w, "ref", c->ref);
	jsonw_member(w, "name", c->name);
	jsonw_member(w, "version", c->version);
	jsonw_member(w, "supplier", c->supplier);
	jsonw_member(w, "purl", c->purl);
	jsonw_member(w, "cpe", c->cpe);
	jsonw_object_end(w);
}

/* Components of one side without a counterpart: '+' new, '-' old. */
static size_t unmatched(struct out *o, const struct side *d, char sign)
{
	size_t r, n = 0;

	if (json(o)) {
		jsonw_key(&o->w, sign == '+' ? "added" : "removed");
		jsonw_array_begin(&o->w);
	}
	for (r = 0; r < d->n; r++) {
		const struct mdsec_component *c = comp(d, d->order[r]);

		if (d->match[d->order[r]] != NONE)
			continue;
		n++;
		if (json(o))
			json_component(o, c);
		else if (c->version)
			tprintf(o, "%c %s %s\n", sign, name_of(c), c->version);
		else
			tprintf(o, "%c %s\n", sign, name_of(c));
	}
	if (json(o))
		jsonw_array_end(&o->w);
	return n;
}

static void changed_entry(struct out *o, const struct differ *d, size_t i,
			  unsigned m, const char *hx, const char *hy)
{
	const struct mdsec_component *x = comp(&d->a, i);
	const struct mdsec_component *y = comp(&d->b, d->a.match[i]);
	const char *sep = ": ";
	int f;

	if (!json(o)) {
		if (x->version && !(m & (1u << F_VERSION)))
			tprintf(o, "~ %s %s", name_of(x), x->version);
		else
			tprintf(o, "~ %s", name_of(x));
		for (f = 0; f < NFIELDS; f++) {
			if (!((m >> f) & 1u))
				continue;
			tprintf(o, "%s%s %s -> %s", sep, field_names[f],
				or_none(field_value(x, f, hx)),
				or_none(field_value(y, f, hy)));
			sep = "; ";
		}
		tprintf(o, "\n");
		return;
	}
	jsonw_object_begin(&o->w);
	jsonw_member(&o->w, "name", x->name);
	jsonw_member(&o->w, "version", x->version);
	jsonw_member(&o->w, "match", match_names[d->a.how[i]]);
	jsonw_member(&o->w, "old_ref", x->ref);
	jsonw_member(&o->w, "new_ref", y->ref);
	jsonw_key(&o->w, "changes");
	jsonw_array_begin(&o->w);
	for (f = 0; f < NFIELDS; f++) {
		if (!((m >> f) & 1u))
			continue;
		jsonw_object_begin(&o->w);
		jsonw_member(&o->w, "field", field_names[f]);
		jsonw_member(&o->w, "old", field_value(x, f, hx));
		jsonw_member(&o->w, "new", field_value(y, f, hy));
		jsonw_object_end(&o->w);
	}
	jsonw_array_end(&o->w);
	jsonw_object_end(&o->w);
}

static size_t changed(struct out *o, const struct differ *d)
{
	size_t r, n = 0;

	if (json(o)) {
		jsonw_key(&o->w, "changed");
		jsonw_array_begin(&o->w);
	}
	for (r = 0; r < d->a.n && !o->error; r++) {
		size_t i = d->a.order[r];
		const struct mdsec_component *x = comp(&d->a, i);
		char *hx, *hy;
		bool nomem = false;
		unsigned m;

		if (d->a.match[i] == NONE)
			continue;
		hx = hashes_text(x, &nomem);
		hy = hashes_text(comp(&d->b, d->a.match[i]), &nomem);
		if (nomem) {
			o->error = MDSEC_ENOMEM;
		} else {
			m = changed_fields(x, comp(&d->b, d->a.match[i]), hx,
					   hy);
			if (m) {
				n++;
				if (o->format >= 0)
					changed_entry(o, d, i, m, hx, hy);
			}
		}
		xfree(hx);
		xfree(hy);
	}
	if (json(o))
		jsonw_array_end(&o->w);
	return n;
}

/* The edges of one side whose counterpart the other side lacks, ordered
 * by the component order of their ends. */
struct redge {
	size_t rf, rt; /* ranks of from and to */
	size_t from, to;
};

static int cmp_redge(const void *x, const void *y)
{
	const struct redge *a = x, *b = y;

	if (a->rf != b->rf)
		return a->rf < b->rf ? -1 : 1;
	if (a->rt != b->rt)
		return a->rt < b->rt ? -1 : 1;
	return 0;
}

static size_t edges(struct out *o, const struct side *d,
		    const struct side *other, char sign)
{
	struct strbuf f = STRBUF_INIT, t = STRBUF_INIT;
	struct redge *v = xcalloc(d->nedges ? d->nedges : 1, sizeof(*v));
	size_t k, n = 0;

	if (json(o)) {
		jsonw_key(&o->w, sign == '+' ? "added" : "removed");
		jsonw_array_begin(&o->w);
	}
	if (!v) {
		o->error = MDSEC_ENOMEM;
		return 0;
	}
	for (k = 0; k < d->nedges; k++) {
		const struct edge *e = &d->edges[k];
		size_t mf = d->match[e->from], mt = d->match[e->to];

		if (mf != NONE && mt != NONE && has_edge(other, mf, mt))
			continue;
		v[n].rf = d->rank[e->from];
		v[n].rt = d->rank[e->to];
		v[n].from = e->from;
		v[n].to = e->to;
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_redge);
	for (k = 0; k < n && o->format >= 0 && !o->error; k++) {
		if (label(&f, comp(d, v[k].from)) < 0 ||
		    label(&t, comp(d, v[k].to)) < 0) {
			o->error = MDSEC_ENOMEM;
			break;
		}
		if (json(o)) {
			jsonw_object_begin(&o->w);
			jsonw_member(&o->w, "from", f.buf);
			jsonw_member(&o->w, "to", t.buf);
			jsonw_object_end(&o->w);
		} else {
			tprintf(o, "%c dependency %s -> %s\n", sign, f.buf,
				t.buf);
		}
	}
	if (json(o))
		jsonw_array_end(&o->w);
	strbuf_release(&f);
	strbuf_release(&t);
	xfree(v);
	return n;
}

static void json_doc(struct out *o, const char *key, const struct side *d)
{
	jsonw_key(&o->w, key);
	jsonw_object_begin(&o->w);
	jsonw_member(&o->w, "name", d->s->name);
	jsonw_key(&o->w, "components");
	jsonw_int(&o->w, (long long)d->n);
	jsonw_key(&o->w, "dependencies");
	jsonw_int(&o->w, (long long)d->nedges);
	jsonw_object_end(&o->w);
}

static int run(const mdsec_sbom *old, const mdsec_sbom *new_, struct out *o,
	       struct mdsec_sbom_diff_counts *c)
{
	struct differ d;
	int rc;

	memset(&d, 0, sizeof(d));
	memset(c, 0, sizeof(*c));
	rc = side_init(&d.a, old);
	if (rc == 0)
		rc = side_init(&d.b, new_);
	if (rc == 0)
		rc = match_all(&d);
	if (rc < 0)
		goto out;
	if (json(o)) {
		jsonw_object_begin(&o->w);
		jsonw_member(&o->w, "format", DIFF_JSON_FORMAT);
		json_doc(o, "old", &d.a);
		json_doc(o, "new", &d.b);
	}
	c->added = unmatched(o, &d.b, '+');
	c->removed = unmatched(o, &d.a, '-');
	c->changed = changed(o, &d);
	if (json(o)) {
		jsonw_key(&o->w, "dependencies");
		jsonw_object_begin(&o->w);
	}
	c->deps_added = edges(o, &d.b, &d.a, '+');
	c->deps_removed = edges(o, &d.a, &d.b, '-');
	if (json(o)) {
		jsonw_object_end(&o->w);
		jsonw_key(&o->w, "summary");
		jsonw_object_begin(&o->w);
		jsonw_key(&o->w, "added");
		jsonw_int(&o->w, (long long)c->added);
		jsonw_key(&o->w, "removed");
		jsonw_int(&o->w, (long long)c->removed);
		jsonw_key(&o->w, "changed");
		jsonw_int(&o->w, (long long)c->changed);
		jsonw_key(&o->w, "dependencies_added");
		jsonw_int(&o->w, (long long)c->deps_added);
		jsonw_key(&o->w, "dependencies_removed");
		jsonw_int(&o->w, (long long)c->deps_removed);
		jsonw_object_end(&o->w);
		jsonw_object_end(&o->w);
		if (!o->error && o->w.error)
			o->error = o->w.error;
		if (!o->error && strbuf_addch(o->sb, '\n') < 0)
			o->error = MDSEC_ENOMEM;
	}
	tprintf(o,
		"%zu added, %zu removed, %zu changed; dependencies: %zu "
		"added, %zu removed\n",
		c->added, c->removed, c->changed, c->deps_added,
		c->deps_removed);
	rc = o->error;
out:
	chains_release(&d.byp);
	chains_release(&d.byc);
	chains_release(&d.byn);
	side_release(&d.a);
	side_release(&d.b);
	return rc;
}

int mdsec_sbom_diff(const mdsec_sbom *old, const mdsec_sbom *new_,
		    struct mdsec_sbom_diff_counts *counts)
{
	struct out o;

	if (!old || !new_ || !counts)
		return MDSEC_EUSAGE;
	memset(&o, 0, sizeof(o));
	o.format = -1;
	return run(old, new_, &o, counts);
}

int mdsec_sbom_diff_report(const mdsec_sbom *old, const mdsec_sbom *new_,
			   int format, char **out, size_t *nchanges)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_sbom_diff_counts c;
	struct out o;
	int rc;

	if (out)
		*out = NULL;
	if (nchanges)
		*nchanges = 0;
	if (!old || !new_ || !out ||
	    (format != MDSEC_REPORT_TEXT && format != MDSEC_REPORT_JSON))
		return MDSEC_EUSAGE;
	memset(&o, 0, sizeof(o));
	o.format = format;
	o.sb = &sb;
	jsonw_init(&o.w, &sb, 0);
	rc = run(old, new_, &o, &c);
	if (rc == 0) {
		*out = strbuf_detach(&sb, NULL);
		if (!*out)
			rc = MDSEC_ENOMEM;
	}
	strbuf_release(&sb);
	if (rc == 0 && nchanges)
		*nchanges = c.added + c.removed + c.changed + c.deps_added +
			    c.deps_removed;
	return rc;
}
