/* SPDX-License-Identifier: Apache-2.0
 *
 * index.c - facts about a model computed once per analysis; see index.h.
 * Linear in the size of the model (times the depth of runs_on chains).
 */
#include <string.h>
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "threat/index.h"
#include "base/banned.h"

/* Pairs (src, dst) collected before they become an adjacency. */
struct pairs {
	size_t *src, *dst;
	size_t n, alloc;
};

static int pair_add(struct pairs *p, size_t s, size_t d)
{
	if (p->n == p->alloc) {
		size_t na = p->alloc ? p->alloc * 2 : 64;
		size_t *ns = xreallocarray(p->src, na, sizeof(size_t));
		size_t *nd;

		if (!ns)
			return -1;
		p->src = ns;
		nd = xreallocarray(p->dst, na, sizeof(size_t));
		if (!nd)
			return -1;
		p->dst = nd;
		p->alloc = na;
	}
	p->src[p->n] = s;
	p->dst[p->n] = d;
	p->n++;
	return 0;
}

static void pairs_release(struct pairs *p)
{
	xfree(p->src);
	xfree(p->dst);
	memset(p, 0, sizeof(*p));
}

/* Counting sort of the pairs by source, stable: model order is kept. */
static int adj_build(struct adj *a, struct arena *ar, size_t nsrc,
		     const struct pairs *p)
{
	size_t i, *fill;

	a->start = arena_array(ar, nsrc + 1, sizeof(size_t));
	a->items = arena_array(ar, p->n ? p->n : 1, sizeof(size_t));
	fill = xcalloc(nsrc + 1, sizeof(size_t));
	if (!a->start || !a->items || !fill) {
		xfree(fill);
		return -1;
	}
	for (i = 0; i < p->n; i++)
		a->start[p->src[i] + 1]++;
	for (i = 0; i < nsrc; i++)
		a->start[i + 1] += a->start[i];
	for (i = 0; i < p->n; i++) {
		size_t s = p->src[i];

		a->items[a->start[s] + fill[s]++] = p->dst[i];
	}
	xfree(fill);
	return 0;
}

/* Host of element e, or (size_t)-1. */
static size_t host_of(const mdsec_model *m, size_t e)
{
	const struct mdsec_ref *r = &m->elements[e].runs_on;

	return r->id ? r->index : (size_t)-1;
}

static bool hazard_multi(const mdsec_model *m, const struct adj *a, size_t i)
{
	size_t j;

	for (j = a->start[i]; j < a->start[i + 1]; j++) {
		if (m->hazards[a->items[j]].multi_patient)
			return true;
	}
	return false;
}

static size_t kind_count(const mdsec_model *m, enum mdsec_kind k)
{
	switch (k) {
	case MDSEC_KIND_FUNCTION:
		return m->nfunctions;
	case MDSEC_KIND_PERFORMANCE:
		return m->nperformance;
	case MDSEC_KIND_ROLE:
		return m->nroles;
	case MDSEC_KIND_ZONE:
		return m->nzones;
	case MDSEC_KIND_ELEMENT:
		return m->nelements;
	case MDSEC_KIND_INTERFACE:
		return m->ninterfaces;
	case MDSEC_KIND_ASSET:
		return m->nassets;
	case MDSEC_KIND_FLOW:
		return m->nflows;
	case MDSEC_KIND_HAZARD:
		return m->nhazards;
	case MDSEC_KIND_SOFTWARE:
		return m->nsoftware;
	case MDSEC_KIND_CONTROL:
		return m->ncontrols;
	case MDSEC_KIND_DECISION:
		return m->ndecisions;
	case MDSEC_KIND_ASSUMPTION:
		return m->nassumptions;
	case MDSEC_KIND_JUSTIFICATION:
		return m->njustifications;
	default:
		return 0;
	}
}

/*
 * Hazard h concerns element e, and the hardware e runs on: a threat to a
 * device's port reaches the hazards of the firmware behind it.
 */
static int el_hazard_add(struct pairs *p, const mdsec_model *m, size_t e,
			 size_t h)
{
	size_t steps;

	for (steps = 0; e != (size_t)-1 && steps <= m->nelements; steps++) {
		if (pair_add(p, e, h))
			return -1;
		e = host_of(m, e);
	}
	return 0;
}

static int build_adjacency(struct model_index *ix, const mdsec_model *m)
{
	struct pairs p[10];
	size_t i, j, h, steps;
	int error = -1;

	memset(p, 0, sizeof(p));
	for (i = 0; i < m->nelements; i++) {
		/* Interfaces of the element, then of its hosts. */
		for (h = i, steps = 0; h != (size_t)-1 && steps <= m->nelements;
		     h = host_of(m, h), steps++) {
			const struct mdsec_element *e = &m->elements[h];

			for (j = 0; j < e->ninterfaces; j++) {
				if (pair_add(&p[0], i, e->first_interface + j))
					goto out;
			}
		}
	}
	for (i = 0; i < m->nsoftware; i++) {
		if (pair_add(&p[1], m->software[i].element.index, i))
			goto out;
	}
	for (i = 0; i < m->nassets; i++) {
		for (j = 0; j < m->assets[i].stored_on.n; j++) {
			if (pair_add(&p[2], m->assets[i].stored_on.v[j].index,
				     i))
				goto out;
		}
	}
	for (i = 0; i < m->nflows; i++) {
		const struct mdsec_flow *f = &m->flows[i];

		for (h = f->to.index, steps = 0;
		     h != (size_t)-1 && steps <= m->nelements;
		     h = host_of(m, h), steps++) {
			if (pair_add(&p[3], h, i))
				goto out;
		}
		for (h = f->from.index, steps = 0;
		     h != (size_t)-1 && steps <= m->nelements;
		     h = host_of(m, h), steps++) {
			if (pair_add(&p[4], h, i))
				goto out;
		}
		if (pair_add(&p[5], f->from.index, f->to.index))
			goto out;
		if (f->bidirectional &&
		    pair_add(&p[5], f->to.index, f->from.index))
			goto out;
		for (j = 0; j < f->assets.n; j++) {
			if (pair_add(&p[6], f->assets.v[j].index, i))
				goto out;
		}
	}
	for (i = 0; i < m->nhazards; i++) {
		const struct mdsec_hazard *hz = &m->hazards[i];

		for (j = 0; j < hz->flows.n; j++) {
			const struct mdsec_flow *f =
				&m->flows[hz->flows.v[j].index];

			if (pair_add(&p[8], hz->flows.v[j].index, i) ||
			    el_hazard_add(&p[7], m, f->from.index, i) ||
			    el_hazard_add(&p[7], m, f->to.index, i))
				goto out;
		}
		for (j = 0; j < hz->assets.n; j++) {
			const struct mdsec_asset *as =
				&m->assets[hz->assets.v[j].index];
			size_t s;

			if (pair_add(&p[9], hz->assets.v[j].index, i))
				goto out;
			for (s = 0; s < as->stored_on.n; s++) {
				if (el_hazard_add(&p[7], m,
						  as->stored_on.v[s].index, i))
					goto out;
			}
		}
	}
	if (adj_build(&ix->el_ifaces, &ix->arena, m->nelements, &p[0]) ||
	    adj_build(&ix->el_software, &ix->arena, m->nelements, &p[1]) ||
	    adj_build(&ix->el_stores, &ix->arena, m->nelements, &p[2]) ||
	    adj_build(&ix->el_flows_in, &ix->arena, m->nelements, &p[3]) ||
	    adj_build(&ix->el_flows_out, &ix->arena, m->nelements, &p[4]) ||
	    adj_build(&ix->el_next, &ix->arena, m->nelements, &p[5]) ||
	    adj_build(&ix->as_flows, &ix->arena, m->nassets, &p[6]) ||
	    adj_build(&ix->el_hazards, &ix->arena, m->nelements, &p[7]) ||
	    adj_build(&ix->fl_hazards, &ix->arena, m->nflows, &p[8]) ||
	    adj_build(&ix->as_hazards, &ix->arena, m->nassets, &p[9]))
		goto out;
	error = 0;
out:
	for (i = 0; i < 10; i++)
		pairs_release(&p[i]);
	return error;
}

static int build_attributes(struct model_index *ix, const mdsec_model *m,
			    const char *today)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	ix->el_trust = arena_array(&ix->arena, m->nelements + 1, sizeof(int));
	ix->el_exposure =
		arena_array(&ix->arena, m->nelements + 1, sizeof(int));
	ix->el_multi = arena_array(&ix->arena, m->nelements + 1, sizeof(bool));
	ix->fl_crosses = arena_array(&ix->arena, m->nflows + 1, sizeof(bool));
	ix->fl_exposure = arena_array(&ix->arena, m->nflows + 1, sizeof(int));
	ix->fl_via_protocols =
		arena_array(&ix->arena, m->nflows + 1, sizeof(char *));
	ix->sw_expired =
		arena_array(&ix->arena, m->nsoftware + 1, sizeof(bool));
	if (!ix->el_trust || !ix->el_exposure || !ix->el_multi ||
	    !ix->fl_crosses || !ix->fl_exposure || !ix->fl_via_protocols ||
	    !ix->sw_expired)
		return -1;
	for (i = 0; i < m->nelements; i++) {
		const struct mdsec_element *e = &m->elements[i];
		int x = MDSEC_EXPOSE_PHYSICAL;

		ix->el_trust[i] =
			e->zone.id ? m->zones[e->zone.index].trust : -1;
		for (j = ix->el_ifaces.start[i]; j < ix->el_ifaces.start[i + 1];
		     j++) {
			const struct mdsec_interface *f =
				&m->interfaces[ix->el_ifaces.items[j]];

			if (f->enabled_in_production && (int)f->exposure > x)
				x = (int)f->exposure;
		}
		ix->el_exposure[i] = x;
		switch (e->kind) {
		case MDSEC_ELEM_SERVER:
		case MDSEC_ELEM_CLOUD_SERVICE:
		case MDSEC_ELEM_GATEWAY:
		case MDSEC_ELEM_UPDATE_SERVER:
		case MDSEC_ELEM_DATA_STORE:
		case MDSEC_ELEM_HDO_NETWORK:
			ix->el_multi[i] = true;
			break;
		default:
			ix->el_multi[i] = hazard_multi(m, &ix->el_hazards, i);
		}
	}
	for (i = 0; i < m->nflows; i++) {
		const struct mdsec_flow *f = &m->flows[i];
		const struct mdsec_ref *zf = &m->elements[f->from.index].zone;
		const struct mdsec_ref *zt = &m->elements[f->to.index].zone;
		int x = -1;

		ix->fl_crosses[i] = zf->id && zt->id && zf->index != zt->index;
		strbuf_reset(&sb);
		for (j = 0; j < f->via.n; j++) {
			const struct mdsec_interface *v =
				&m->interfaces[f->via.v[j].index];

			if ((int)v->exposure > x)
				x = (int)v->exposure;
			if (v->protocol &&
			    strbuf_addf(&sb, "%s%s", sb.len ? " " : "",
					v->protocol) < 0)
				goto nomem;
		}
		if (x < 0)
			x = ix->fl_crosses[i] ? MDSEC_EXPOSE_NETWORK
					      : MDSEC_EXPOSE_LOCAL;
		ix->fl_exposure[i] = x;
		if (sb.len) {
			ix->fl_via_protocols[i] =
				arena_strndup(&ix->arena, sb.buf, sb.len);
			if (!ix->fl_via_protocols[i])
				goto nomem;
		}
	}
	for (i = 0; i < m->nsoftware; i++) {
		const char *eos = m->software[i].end_of_support;

		ix->sw_expired[i] = eos && today && strcmp(eos, today) < 0;
	}
	strbuf_release(&sb);
	return 0;
nomem:
	strbuf_release(&sb);
	return -1;
}

static int build_controls(struct model_index *ix, const mdsec_model *m)
{
	size_t k, i, j;

	for (k = 0; k < MDSEC_KIND_COUNT; k++) {
		size_t n = kind_count(m, (enum mdsec_kind)k) + 1;

		ix->ctrl[k] = arena_array(&ix->arena, n, sizeof(unsigned));
		ix->just[k] = arena_array(&ix->arena, n, 1);
		if (!ix->ctrl[k] || !ix->just[k])
			return -1;
	}
	for (i = 0; i < m->ncontrols; i++) {
		const struct mdsec_control *c = &m->controls[i];

		if (c->status != 0) /* planned controls do not protect yet */
			continue;
		for (j = 0; j < c->protects.n; j++)
			ix->ctrl[c->protects.v[j].kind]
				[c->protects.v[j].index] |= 1u << c->category;
	}
	{
		struct pairs p[MDSEC_KIND_COUNT];
		int failed = 0;

		memset(p, 0, sizeof(p));
		for (i = 0; i < m->ncontrols && !failed; i++) {
			const struct mdsec_control *c = &m->controls[i];

			if (c->status != 0)
				continue;
			for (j = 0; j < c->protects.n && !failed; j++)
				failed = pair_add(&p[c->protects.v[j].kind],
						  c->protects.v[j].index, i);
		}
		for (k = 0; k < MDSEC_KIND_COUNT && !failed; k++)
			failed = adj_build(&ix->ctrl_of[k], &ix->arena,
					   kind_count(m, (enum mdsec_kind)k),
					   &p[k]);
		for (k = 0; k < MDSEC_KIND_COUNT; k++)
			pairs_release(&p[k]);
		if (failed)
			return -1;
	}
	for (i = 0; i < m->njustifications; i++) {
		const struct mdsec_refs *s = &m->justifications[i].subjects;

		for (j = 0; j < s->n; j++)
			ix->just[s->v[j].kind][s->v[j].index] = 1;
	}
	return 0;
}

int model_index_build(struct model_index **out, const mdsec_model *m,
		      const char *today)
{
	struct model_index *ix = xcalloc(1, sizeof(*ix));

	*out = NULL;
	if (!ix)
		return MDSEC_ENOMEM;
	if (build_adjacency(ix, m) < 0 || build_attributes(ix, m, today) < 0 ||
	    build_controls(ix, m) < 0) {
		model_index_free(ix);
		return MDSEC_ENOMEM;
	}
	*out = ix;
	return 0;
}

void model_index_free(struct model_index *ix)
{
	if (!ix)
		return;
	arena_release(&ix->arena);
	xfree(ix);
}

static unsigned element_controls(const struct model_index *ix,
				 const mdsec_model *m, size_t e)
{
	unsigned bits = 0;
	size_t steps;

	for (steps = 0; e != (size_t)-1 && steps <= m->nelements; steps++) {
		bits |= ix->ctrl[MDSEC_KIND_ELEMENT][e];
		e = host_of(m, e);
	}
	return bits;
}

unsigned index_controls(const struct model_index *ix, const mdsec_model *m,
			enum mdsec_kind k, size_t i)
{
	unsigned bits = ix->ctrl[k][i];
	size_t j;

	switch (k) {
	case MDSEC_KIND_FLOW:
		bits |= element_controls(ix, m, m->flows[i].from.index);
		bits |= element_controls(ix, m, m->flows[i].to.index);
		for (j = 0; j < m->flows[i].via.n; j++)
			bits |= ix->ctrl[MDSEC_KIND_INTERFACE]
					[m->flows[i].via.v[j].index];
		break;
	case MDSEC_KIND_INTERFACE:
		bits |= element_controls(ix, m, m->interfaces[i].element);
		break;
	case MDSEC_KIND_SOFTWARE:
		bits |= element_controls(ix, m, m->software[i].element.index);
		break;
	case MDSEC_KIND_ELEMENT:
		bits |= element_controls(ix, m, i);
		break;
	default:
		break;
	}
	return bits;
}

bool index_justified(const struct model_index *ix, enum mdsec_kind k, size_t i)
{
	return ix->just[k][i] != 0;
}
