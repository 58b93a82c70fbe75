/* SPDX-License-Identifier: Apache-2.0
 *
 * merge.c - several SBOMs into one. Two components are the same when
 * their PURLs are equal; failing PURLs on both sides, their CPEs; failing
 * those, name and version. The first occurrence keeps its fields, later
 * ones fill what it lacks; hashes, evidence and dependencies are united.
 * The first document's primary component stays primary and depends on
 * every later document's primary (or, lacking one, its top-level
 * components), so the merged graph stays connected.
 */
#include <string.h>

#include "base/map.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

struct merger {
	mdsec_sbom *out;
	struct map by_purl, by_cpe, by_nv; /* key -> index + 1 */
	struct strbuf key;
};

static int eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same(const struct mdsec_component *a,
		 const struct mdsec_component *b)
{
	if (a->purl && b->purl)
		return !strcmp(a->purl, b->purl);
	if (a->cpe && b->cpe)
		return !strcmp(a->cpe, b->cpe);
	return !strcmp(a->name, b->name) && eq(a->version, b->version) &&
	       eq(a->group, b->group);
}

static const char *nv_key(struct merger *m, const struct mdsec_component *c)
{
	strbuf_reset(&m->key);
	strbuf_addf(&m->key, "%s\n%s\n%s", c->group ? c->group : "", c->name,
		    c->version ? c->version : "");
	return m->key.buf;
}

static size_t lookup(struct merger *m, const struct mdsec_component *c)
{
	void *v;

	if (c->purl && (v = map_get(&m->by_purl, c->purl)) &&
	    same(&m->out->components.v[(size_t)v - 1], c))
		return (size_t)v - 1;
	if (c->cpe && (v = map_get(&m->by_cpe, c->cpe)) &&
	    same(&m->out->components.v[(size_t)v - 1], c))
		return (size_t)v - 1;
	if ((v = map_get(&m->by_nv, nv_key(m, c))) &&
	    same(&m->out->components.v[(size_t)v - 1], c))
		return (size_t)v - 1;
	return MDSEC_SBOM_NONE;
}

static int put_key(struct map *map, mdsec_sbom *out, const char *key,
		   size_t idx)
{
	const char *k;

	if (!key || map_get(map, key))
		return 0;
	k = sbom_str(out, key);
	if (!k)
		return MDSEC_ENOMEM;
	return map_put(map, k, (void *)(idx + 1), NULL);
}

static int index_keys(struct merger *m, size_t idx)
{
	const struct mdsec_component *c = &m->out->components.v[idx];
	int rc;

	if ((rc = put_key(&m->by_purl, m->out, c->purl, idx)) < 0 ||
	    (rc = put_key(&m->by_cpe, m->out, c->cpe, idx)) < 0)
		return rc;
	return put_key(&m->by_nv, m->out, nv_key(m, c), idx);
}

/* Fill what dst lacks from src (component j of sbom in). */
/* Whether the comma-separated list holds item. */
static bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p = list;

	while ((p = strstr(p, item)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

static int fill(struct merger *m, size_t dst, const mdsec_sbom *in, size_t j)
{
	const struct mdsec_component *s = &in->components.v[j];
	struct mdsec_component *d = &m->out->components.v[dst];
	size_t i;
	int rc = 0;

#define FILL(f)                                                                \
	do {                                                                   \
		if (!d->f && s->f)                                             \
			d->f = sbom_str(m->out, s->f);                         \
	} while (0)
	FILL(type);
	FILL(group);
	FILL(version);
	FILL(supplier);
	FILL(author);
	FILL(purl);
	FILL(cpe);
	FILL(license);
	FILL(description);
	FILL(copyright);
	FILL(scope);
	FILL(support);
	FILL(end_of_support);
	FILL(support_justification);
	FILL(element);
#undef FILL
	/* the same component on several elements: every element named,
	 * comma-separated, in the order met */
	if (d->element && s->element && !list_has(d->element, s->element)) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s,%s", d->element, s->element);
		d->element = sbom_str(m->out, sb.buf);
		strbuf_release(&sb);
		if (!d->element)
			return MDSEC_ENOMEM;
	}
	for (i = 0; i < s->hashes.n && rc == 0; i++)
		rc = sbom_add_hash(d, sbom_str(m->out, s->hashes.v[i].alg),
				   sbom_str(m->out, s->hashes.v[i].value));
	for (i = 0; i < s->evidence.n && rc == 0; i++) {
		struct mdsec_sbom_evidence e = s->evidence.v[i];

		e.source = sbom_str(m->out, e.source);
		e.detail = sbom_str(m->out, e.detail);
		rc = sbom_add_evidence(d, &e);
	}
	return rc < 0 ? rc : index_keys(m, dst);
}

/* Evidence for a component read from an SBOM that carries none. */
static int sbom_evidence(struct merger *m, size_t dst, const mdsec_sbom *in,
			 size_t j)
{
	const struct mdsec_component *s = &in->components.v[j];
	struct mdsec_sbom_evidence e = { MDSEC_FOUND_SBOM, NULL, NULL, 100 };

	if (s->evidence.n || !s->loc.file)
		return 0;
	e.source = sbom_str(m->out, s->loc.file);
	e.detail = s->ref ? sbom_printf(m->out, "bom-ref %s", s->ref)
			  : sbom_printf(m->out, "component %s", s->name);
	if (!e.source || !e.detail)
		return MDSEC_ENOMEM;
	return sbom_add_evidence(&m->out->components.v[dst], &e);
}

static int merge_one(struct merger *m, const mdsec_sbom *in, bool first)
{
	size_t *map, j, k, n = in->components.n;
	bool *has_parent = NULL;
	int rc = 0;

	map = xcalloc(n ? n : 1, sizeof(*map));
	has_parent = xcalloc(n ? n : 1, sizeof(*has_parent));
	if (!map || !has_parent) {
		xfree(map);
		xfree(has_parent);
		return MDSEC_ENOMEM;
	}
	for (j = 0; j < n && rc == 0; j++) {
		size_t d = lookup(m, &in->components.v[j]);

		if (d == MDSEC_SBOM_NONE) {
			d = sbom_copy_component(m->out, in, j);
			if (d == MDSEC_SBOM_NONE) {
				rc = MDSEC_ENOMEM;
				break;
			}
			rc = index_keys(m, d);
		} else {
			rc = fill(m, d, in, j);
		}
		if (rc == 0)
			rc = sbom_evidence(m, d, in, j);
		map[j] = d;
	}
	for (j = 0; j < n && rc == 0; j++) {
		const struct mdsec_component *c = &in->components.v[j];

		for (k = 0; k < c->deps.n && rc == 0; k++) {
			has_parent[c->deps.v[k]] = true;
			if (map[j] != map[c->deps.v[k]])
				rc = sbom_add_dep(&m->out->components.v[map[j]],
						  map[c->deps.v[k]]);
		}
	}
	if (rc == 0 && first && in->primary != MDSEC_SBOM_NONE)
		m->out->primary = map[in->primary];
	else if (rc == 0 && !first && m->out->primary != MDSEC_SBOM_NONE) {
		size_t p = m->out->primary;

		if (in->primary != MDSEC_SBOM_NONE) {
			if (map[in->primary] != p)
				rc = sbom_add_dep(&m->out->components.v[p],
						  map[in->primary]);
		} else {
			for (j = 0; j < n && rc == 0; j++)
				if (!has_parent[j] && map[j] != p)
					rc = sbom_add_dep(
						&m->out->components.v[p],
						map[j]);
		}
	}
	for (j = 0; j < in->authors.n && rc == 0; j++)
		rc = sbom_add_author(m->out,
				     sbom_str(m->out, in->authors.v[j]));
	for (j = 0; j < in->tools.n && rc == 0; j++)
		rc = sbom_add_tool(m->out, sbom_str(m->out, in->tools.v[j]));
	xfree(map);
	xfree(has_parent);
	return rc;
}

int mdsec_sbom_merge(mdsec_sbom **out, mdsec_sbom *const *in, size_t n,
		     struct mdsec_diag_list *dl)
{
	struct merger m;
	size_t i;
	int rc = 0;

	(void)dl;
	*out = NULL;
	memset(&m, 0, sizeof(m));
	strbuf_init(&m.key, 0);
	m.out = mdsec_sbom_new();
	if (!m.out)
		return MDSEC_ENOMEM;
	if (n) {
		m.out->format = in[0]->format;
		m.out->name = sbom_str(m.out, in[0]->name);
		m.out->timestamp = sbom_str(m.out, in[0]->timestamp);
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = merge_one(&m, in[i], i == 0);
	map_release(&m.by_purl);
	map_release(&m.by_cpe);
	map_release(&m.by_nv);
	strbuf_release(&m.key);
	if (rc < 0) {
		mdsec_sbom_free(m.out);
		return rc;
	}
	*out = m.out;
	return 0;
}
