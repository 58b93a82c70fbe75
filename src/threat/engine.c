/* SPDX-License-Identifier: Apache-2.0
 *
 * engine.c - the derive stage for threats: index the model once (hosts,
 * adjacency of flows, software and assets per element, controls and
 * justifications per object), then evaluate every rule's condition on
 * every object of its target kind. Cost is linear in rules x objects x
 * condition size, plus one breadth-first search per `reachable_from` test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/vec.h"
#include "base/xalloc.h"
#include "threat/threat_int.h"
#include "threat/index.h"
#include "base/banned.h"

struct eval {
	const struct model_index *ix;
	const mdsec_model *m;
	unsigned char **memo; /* reachable_from: per memo slot, per element:
				   0 unknown set, else bitmap computed */
	bool nomem;
};

static const struct mdsec_obj *obj_of(const mdsec_model *m, enum mdsec_kind k,
				      size_t i)
{
	switch (k) {
	case MDSEC_KIND_ELEMENT:
		return &m->elements[i].o;
	case MDSEC_KIND_INTERFACE:
		return &m->interfaces[i].o;
	case MDSEC_KIND_FLOW:
		return &m->flows[i].o;
	case MDSEC_KIND_SOFTWARE:
		return &m->software[i].o;
	case MDSEC_KIND_ASSET:
		return &m->assets[i].o;
	default:
		return NULL;
	}
}

/* Case-insensitive substring. */
static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i, j;

	for (i = 0; hay[i]; i++) {
		for (j = 0; j < n; j++) {
			char c = hay[i + j];

			if (!c)
				return false;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[j])
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

/* The value of attribute a of an object, as one of these. */
struct value {
	long i; /* enum, ord, int */
	bool b;
	unsigned long set;
	const char *text;  /* NULL when absent */
	const char *text2; /* a second text (a flow's via protocols) */
	bool present;
};

static void get_value(struct value *v, const struct eval *ev,
		      const struct attr *a, enum mdsec_kind k, size_t i)
{
	const mdsec_model *m = ev->m;
	const struct model_index *ix = ev->ix;
	const struct mdsec_obj *o = obj_of(m, k, i);

	memset(v, 0, sizeof(*v));
	v->present = true;
	switch (a->id) {
	case A_ID:
		v->text = o->id;
		break;
	case A_NAME:
		v->text = o->name;
		break;
	case A_DESCRIPTION:
		v->text = o->description;
		break;
	case A_EL_KIND:
		v->i = m->elements[i].kind;
		break;
	case A_EL_PLATFORM:
		v->text = m->elements[i].platform;
		break;
	case A_EL_TRUST:
		v->i = ix->el_trust[i];
		v->present = v->i >= 0;
		break;
	case A_EL_EXPOSURE:
		v->i = ix->el_exposure[i];
		break;
	case A_EL_MULTI:
		v->b = ix->el_multi[i];
		break;
	case A_EL_USERS: {
		const struct mdsec_refs *u = &m->elements[i].users;
		size_t j;

		for (j = 0; j < u->n; j++)
			v->set |= 1ul << m->roles[u->v[j].index].kind;
		break;
	}
	case A_IF_KIND:
		v->i = m->interfaces[i].kind;
		break;
	case A_IF_EXPOSURE:
		v->i = m->interfaces[i].exposure;
		break;
	case A_IF_DIRECTION:
		v->i = m->interfaces[i].direction;
		break;
	case A_IF_ENABLED:
		v->b = m->interfaces[i].enabled_in_production;
		/* present: written, not defaulted (docs/rules.md) */
		v->present = m->interfaces[i].enabled_given;
		break;
	case A_IF_PROTOCOL:
		v->text = m->interfaces[i].protocol;
		break;
	case A_IF_PORT:
		v->i = m->interfaces[i].port;
		v->present = v->i != 0;
		break;
	case A_FL_COMMANDS:
		v->set = m->flows[i].commands;
		break;
	case A_FL_PROTECTIONS:
		v->set = m->flows[i].protections;
		break;
	case A_FL_CODE:
		v->b = m->flows[i].code;
		break;
	case A_FL_CROSSES:
		v->b = ix->fl_crosses[i];
		break;
	case A_FL_PROTOCOL:
		/* The flow's own protocol, else its via interfaces': the
		 * flow's words are the more specific (docs/rules.md). */
		v->text = m->flows[i].protocol;
		if (!v->text || !*v->text)
			v->text2 = ix->fl_via_protocols[i];
		break;
	case A_FL_EXPOSURE:
		v->i = ix->fl_exposure[i];
		break;
	case A_FL_UPHILL: {
		int tf = ix->el_trust[m->flows[i].from.index];
		int tt = ix->el_trust[m->flows[i].to.index];

		v->b = tf >= 0 && tt >= 0 && tt > tf;
		break;
	}
	case A_SW_ORIGIN:
		v->i = m->software[i].origin;
		break;
	case A_SW_SUPPORT:
		v->i = m->software[i].support;
		break;
	case A_SW_EXPIRED:
		v->b = ix->sw_expired[i];
		break;
	case A_SW_BEFORE_DEVICE:
		v->b = m->software[i].end_of_support &&
		       m->device.end_of_support &&
		       strcmp(m->software[i].end_of_support,
			      m->device.end_of_support) < 0;
		break;
	case A_SW_PURL:
		v->text = m->software[i].purl;
		break;
	case A_SW_CPE:
		v->text = m->software[i].cpe;
		break;
	case A_SW_LICENSE:
		v->text = m->software[i].license;
		break;
	case A_AS_KIND:
		v->i = m->assets[i].kind;
		break;
	case A_AS_CONF:
		v->i = m->assets[i].confidentiality;
		break;
	case A_AS_INTEG:
		v->i = m->assets[i].integrity;
		break;
	case A_AS_AVAIL:
		v->i = m->assets[i].availability;
		break;
	}
	if (a->type == V_TEXT)
		v->present = (v->text && *v->text) || (v->text2 && *v->text2);
}

static bool test_eval(const struct eval *ev, const struct cond *c,
		      enum mdsec_kind k, size_t i)
{
	struct value v;
	size_t w;

	get_value(&v, ev, c->attr, k, i);
	switch (c->test) {
	case T_IN:
		if (c->attr->type == V_BOOL)
			return v.b == c->bval;
		return v.present && v.i >= 0 && (c->bits >> v.i) & 1ul;
	case T_MIN:
		return v.present && v.i >= c->ord;
	case T_MAX:
		return v.present && v.i <= c->ord;
	case T_HAS_ANY:
		return (v.set & c->bits) != 0;
	case T_HAS_ALL:
		return (v.set & c->bits) == c->bits;
	case T_LACKS_ALL:
		return (v.set & c->bits) == 0;
	case T_LACKS_ANY:
		return (v.set & c->bits) != c->bits;
	case T_CONTAINS:
		for (w = 0; w < c->nwords; w++) {
			if ((v.text && contains_ci(v.text, c->words[w])) ||
			    (v.text2 && contains_ci(v.text2, c->words[w])))
				return true;
		}
		return false;
	case T_PRESENT:
		return v.present == c->bval;
	}
	return false;
}

/* Any/none of the items of one adjacency list satisfy sub. */
static bool any_of(struct eval *ev, const struct cond *sub, enum mdsec_kind k,
		   const struct adj *a, size_t i)
{
	size_t j;

	for (j = a->start[i]; j < a->start[i + 1]; j++) {
		if (cond_eval(ev, sub, k, a->items[j]))
			return true;
	}
	return false;
}

/* Elements reachable along flows from an element satisfying sub. */
static const unsigned char *reachable(struct eval *ev, const struct cond *c)
{
	const struct model_index *ix = ev->ix;
	size_t n = ev->m->nelements, head = 0, tail = 0, e, j;
	unsigned char *seen;
	size_t *queue;

	if (ev->memo[c->memo])
		return ev->memo[c->memo];
	seen = xcalloc(n ? n : 1, 1);
	queue = xcalloc(n ? n : 1, sizeof(*queue));
	if (!seen || !queue) {
		xfree(seen);
		xfree(queue);
		ev->nomem = true;
		return NULL;
	}
	/* Sources are not reachable from themselves unless a flow leads
	 * back: mark them as queued (bit 2) and reached only via flows. */
	for (e = 0; e < n; e++) {
		if (cond_eval(ev, c->sub, MDSEC_KIND_ELEMENT, e)) {
			seen[e] |= 2;
			queue[tail++] = e;
		}
	}
	while (head < tail) {
		e = queue[head++];
		for (j = ix->el_next.start[e]; j < ix->el_next.start[e + 1];
		     j++) {
			size_t t = ix->el_next.items[j];

			if (!(seen[t] & 1)) {
				seen[t] |= 1;
				if (!(seen[t] & 2)) {
					seen[t] |= 2;
					queue[tail++] = t;
				}
			}
		}
	}
	xfree(queue);
	ev->memo[c->memo] = seen;
	return seen;
}

static bool rel_eval(struct eval *ev, const struct cond *c, enum mdsec_kind k,
		     size_t i)
{
	const struct model_index *ix = ev->ix;
	const mdsec_model *m = ev->m;
	const struct cond *s = c->sub;
	const unsigned char *r;

	(void)k;
	switch (c->rel->id) {
	case R_FROM:
		return cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 m->flows[i].from.index);
	case R_TO:
		return cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 m->flows[i].to.index);
	case R_EITHER_END:
		return cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 m->flows[i].from.index) ||
		       cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 m->flows[i].to.index);
	case R_VIA_ANY: {
		const struct mdsec_refs *via = &m->flows[i].via;
		size_t j;

		for (j = 0; j < via->n; j++) {
			if (cond_eval(ev, s, MDSEC_KIND_INTERFACE,
				      via->v[j].index))
				return true;
		}
		return false;
	}
	case R_ASSETS_ANY:
	case R_ASSETS_NONE: {
		const struct mdsec_refs *as = &m->flows[i].assets;
		size_t j;

		for (j = 0; j < as->n; j++) {
			if (cond_eval(ev, s, MDSEC_KIND_ASSET, as->v[j].index))
				return c->rel->id == R_ASSETS_ANY;
		}
		return c->rel->id == R_ASSETS_NONE;
	}
	case R_HOST:
		return m->elements[i].runs_on.id &&
		       cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 m->elements[i].runs_on.index);
	case R_IFACES_ANY:
		return any_of(ev, s, MDSEC_KIND_INTERFACE, &ix->el_ifaces, i);
	case R_IFACES_NONE:
		return !any_of(ev, s, MDSEC_KIND_INTERFACE, &ix->el_ifaces, i);
	case R_SW_ANY:
		return any_of(ev, s, MDSEC_KIND_SOFTWARE, &ix->el_software, i);
	case R_SW_NONE:
		return !any_of(ev, s, MDSEC_KIND_SOFTWARE, &ix->el_software, i);
	case R_STORES_ANY:
		return any_of(ev, s, MDSEC_KIND_ASSET, &ix->el_stores, i);
	case R_FLOWS_IN_ANY:
		return any_of(ev, s, MDSEC_KIND_FLOW, &ix->el_flows_in, i);
	case R_FLOWS_OUT_ANY:
		return any_of(ev, s, MDSEC_KIND_FLOW, &ix->el_flows_out, i);
	case R_REACHABLE_FROM:
		r = reachable(ev, c);
		return r && (r[i] & 1);
	case R_ELEMENT:
		return cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				 k == MDSEC_KIND_INTERFACE
					 ? m->interfaces[i].element
					 : m->software[i].element.index);
	case R_STORED_ON_ANY: {
		const struct mdsec_refs *on = &m->assets[i].stored_on;
		size_t j;

		for (j = 0; j < on->n; j++) {
			if (cond_eval(ev, s, MDSEC_KIND_ELEMENT,
				      on->v[j].index))
				return true;
		}
		return false;
	}
	case R_CARRIED_BY_ANY:
		return any_of(ev, s, MDSEC_KIND_FLOW, &ix->as_flows, i);
	}
	return false;
}

bool cond_eval(struct eval *ev, const struct cond *c, enum mdsec_kind k,
	       size_t i)
{
	size_t j;

	switch (c->op) {
	case C_ALL:
		for (j = 0; j < c->nkids; j++) {
			if (!cond_eval(ev, c->kids[j], k, i))
				return false;
		}
		return true;
	case C_ANY:
		for (j = 0; j < c->nkids; j++) {
			if (cond_eval(ev, c->kids[j], k, i))
				return true;
		}
		return false;
	case C_NOT:
		return !cond_eval(ev, c->kids[0], k, i);
	case C_TEST:
		return test_eval(ev, c, k, i);
	case C_REL:
		return rel_eval(ev, c, k, i);
	case C_CONTROLLED:
		return (index_controls(ev->ix, ev->m, k, i) & c->bits) != 0;
	case C_JUSTIFIED:
		return index_justified(ev->ix, k, i) == c->bval;
	}
	return false;
}

static size_t count_of(const mdsec_model *m, enum mdsec_kind k)
{
	switch (k) {
	case MDSEC_KIND_ELEMENT:
		return m->nelements;
	case MDSEC_KIND_INTERFACE:
		return m->ninterfaces;
	case MDSEC_KIND_FLOW:
		return m->nflows;
	case MDSEC_KIND_SOFTWARE:
		return m->nsoftware;
	case MDSEC_KIND_ASSET:
		return m->nassets;
	default:
		return 0;
	}
}

static int cmp_threat(const void *a, const void *b)
{
	return strcmp(((const struct mdsec_threat *)a)->id,
		      ((const struct mdsec_threat *)b)->id);
}

int mdsec_threats_derive_indexed(mdsec_threats **out,
				 const struct model_index *ix,
				 const mdsec_model *m, const mdsec_ruleset *rs)
{
	const struct rules_priv *rp = rs->priv;
	struct eval ev;
	mdsec_threats *t = NULL;
	size_t r, i, n, alloc = 0, s;
	int error = 0;

	*out = NULL;
	memset(&ev, 0, sizeof(ev));
	ev.ix = ix;
	ev.m = m;
	ev.memo = xcalloc(rp->nmemo ? rp->nmemo : 1, sizeof(*ev.memo));
	t = xcalloc(1, sizeof(*t));
	if (!ev.memo || !t) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	for (r = 0; r < rs->nrules; r++) {
		const struct mdsec_rule *rule = &rs->rules[r];

		n = count_of(m, rule->target);
		for (i = 0; i < n; i++) {
			const struct mdsec_obj *o;
			struct mdsec_threat *th;
			size_t len;

			if (!cond_eval(&ev, rule->cond, rule->target, i))
				continue;
			if (ev.nomem)
				break;
			if (vec_grow((void **)&t->v, &alloc, t->n + 1,
				     sizeof(*t->v)) < 0) {
				error = MDSEC_ENOMEM;
				goto out;
			}
			o = obj_of(m, rule->target, i);
			th = &t->v[t->n];
			len = strlen(rule->id) + strlen(o->id) + 2;
			th->id = xmalloc(len);
			if (!th->id) {
				error = MDSEC_ENOMEM;
				goto out;
			}
			snprintf(th->id, len, "%s@%s", rule->id, o->id);
			th->rule = rule;
			th->kind = rule->target;
			th->index = i;
			th->object = o->id;
			t->n++;
		}
	}
	if (ev.nomem) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), cmp_threat);
	*out = t;
	t = NULL;
out:
	if (ev.memo) {
		for (s = 0; s < rp->nmemo; s++)
			xfree(ev.memo[s]);
		xfree(ev.memo);
	}
	mdsec_threats_free(t);
	return error;
}

int mdsec_threats_derive(mdsec_threats **out, const mdsec_model *m,
			 const mdsec_ruleset *rs, const char *today)
{
	struct model_index *ix = NULL;
	int error;

	*out = NULL;
	error = model_index_build(&ix, m, today);
	if (error < 0)
		return error;
	error = mdsec_threats_derive_indexed(out, ix, m, rs);
	model_index_free(ix);
	return error;
}

void mdsec_threats_free(mdsec_threats *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		xfree(t->v[i].id);
	xfree(t->v);
	xfree(t);
}
