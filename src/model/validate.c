/* SPDX-License-Identifier: Apache-2.0
 *
 * validate.c - the resolve stage of the model: every reference is looked
 * up in the id index and checked for kind, then the rules that span
 * objects are checked (zones and hosts without cycles, interfaces used by
 * a flow belong to its ends, FDA support data for software, decisions
 * with their rationale, the cyber-device declaration against the
 * interfaces). Each rule is documented in docs/model.md, "Validation".
 */
#include <stdio.h>
#include <string.h>
#include "base/diag.h"
#include "base/fileio.h"
#include "base/suggest.h"
#include "base/xalloc.h"
#include "model/model_int.h"
#include "base/banned.h"

#define SUGGEST_LIMIT 200 /* dangling references that get a suggestion */

struct validator {
	struct loader *L;
	unsigned suggestions; /* suggestions computed so far */
};

/* The closest id among objects of the allowed kinds. */
static const char *suggest_id(struct validator *V, const char *id,
			      unsigned kinds)
{
	const struct map *m = &V->L->priv->ids;
	const char *best = NULL, *dot = strchr(id, '.');
	size_t i, cap = strlen(id) / 3, d, best_d;

	if (V->suggestions++ >= SUGGEST_LIMIT)
		return NULL;
	/* "pump.wifi" is not "pump.ble": a qualified interface id is as
	 * close as its local part. */
	if (dot)
		cap = strlen(dot + 1) / 3;
	if (cap < 1)
		cap = 1;
	best_d = cap + 1;
	for (i = 0; i < m->capacity; i++) {
		const struct idrec *r = m->slots[i].value;

		if (!m->slots[i].key || !(kinds & KIND_BIT(r->kind)))
			continue;
		d = suggest_distance(id, m->slots[i].key, cap);
		/* Ties: the smaller id, so the choice does not depend on
		 * the hash table's layout. */
		if (d < best_d || (d == best_d && best &&
				   strcmp(m->slots[i].key, best) < 0)) {
			best = m->slots[i].key;
			best_d = d;
		}
	}
	return best;
}

/* An interface written without its element: "ble" for "pump.ble". */
static const char *suggest_interface(struct validator *V, const char *id)
{
	struct loader *L = V->L;
	const char *best = NULL;
	size_t i;

	for (i = 0; i < L->objs[MDSEC_KIND_INTERFACE].n; i++) {
		const struct mdsec_interface *ifc =
			loader_obj(L, MDSEC_KIND_INTERFACE, i);

		if (ifc->local_id && !strcmp(ifc->local_id, id) && ifc->o.id &&
		    ifc->o.id[0] != '.' &&
		    (!best || strcmp(ifc->o.id, best) < 0))
			best = ifc->o.id;
	}
	return best;
}

static void resolve(struct validator *V, struct mdsec_ref *r, unsigned kinds,
		    const char *key, const char *expect)
{
	const struct idrec *rec;
	const char *s;

	if (!r->id)
		return;
	rec = map_get(&V->L->priv->ids, r->id);
	if (rec && (kinds & KIND_BIT(rec->kind))) {
		r->kind = rec->kind;
		r->index = rec->index;
		return;
	}
	if (rec) {
		const char *kn = mdsec_kind_name(rec->kind);

		diag_error(V->L->dl, r->loc,
			   "'%s' in '%s' is %s %s (expected %s)", r->id, key,
			   strchr("aeiou", kn[0]) ? "an" : "a", kn, expect);
		return;
	}
	s = NULL;
	if ((kinds & KIND_BIT(MDSEC_KIND_INTERFACE)) && !strchr(r->id, '.'))
		s = suggest_interface(V, r->id);
	if (!s)
		s = suggest_id(V, r->id, kinds);
	if (s)
		diag_error(V->L->dl, r->loc,
			   "unknown id '%s' in '%s' (did you mean '%s'?)",
			   r->id, key, s);
	else
		diag_error(V->L->dl, r->loc,
			   "unknown id '%s' in '%s' (expected the id of %s)",
			   r->id, key, expect);
}

static void resolve_object(struct validator *V, const struct objtype *t,
			   void *obj)
{
	size_t i, j;

	for (i = 0; i < t->nfields; i++) {
		const struct field *f = &t->fields[i];
		char *p = (char *)obj + f->off;

		if (f->type == F_REF) {
			resolve(V, (struct mdsec_ref *)p, f->refkinds, f->key,
				f->expect);
		} else if (f->type == F_REFS) {
			struct mdsec_refs *rs = (struct mdsec_refs *)p;

			for (j = 0; j < rs->n; j++)
				resolve(V, &rs->v[j], f->refkinds, f->key,
					f->expect);
		}
	}
}

/* ---- rules across objects --------------------------------------------- */

static bool is_debug(enum mdsec_interface_kind k)
{
	return k == MDSEC_IF_JTAG || k == MDSEC_IF_SWD || k == MDSEC_IF_UART;
}

static void check_interfaces(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->objs[MDSEC_KIND_INTERFACE].n; i++) {
		struct mdsec_interface *ifc =
			loader_obj(L, MDSEC_KIND_INTERFACE, i);

		if (!ifc->o.id)
			continue;
		if (!ifc->enabled_given)
			ifc->enabled_in_production = true;
		if (is_debug(ifc->kind) && !ifc->enabled_given)
			diag_error(L->dl, ifc->o.loc,
				   "debug interface '%s' does not state "
				   "'enabled_in_production' (expected true or "
				   "false: reviewers ask whether debug ports "
				   "ship enabled)",
				   ifc->o.id);
		if (ifc->kind == MDSEC_IF_NETWORK_SERVICE && !ifc->port)
			diag_error(L->dl, ifc->o.loc,
				   "network service '%s' has no 'port' "
				   "(expected a port number from 1 to 65535)",
				   ifc->o.id);
	}
}

/* Follow `next` links from object i; true if they come back to i. */
static bool chain_cycles(struct loader *L, enum mdsec_kind k, size_t i,
			 size_t (*next)(struct loader *, size_t, bool *))
{
	size_t cur = i, steps, n = L->objs[k].n;
	bool has;

	for (steps = 0; steps <= n; steps++) {
		cur = next(L, cur, &has);
		if (!has)
			return false;
		if (cur == i)
			return true;
	}
	return false; /* a cycle not through i: reported at its members */
}

static size_t zone_parent(struct loader *L, size_t i, bool *has)
{
	struct mdsec_zone *z = loader_obj(L, MDSEC_KIND_ZONE, i);

	*has = z->parent.id && z->parent.kind == MDSEC_KIND_ZONE &&
	       map_get(&L->priv->ids, z->parent.id);
	return *has ? z->parent.index : 0;
}

static size_t element_host(struct loader *L, size_t i, bool *has)
{
	struct mdsec_element *e = loader_obj(L, MDSEC_KIND_ELEMENT, i);

	*has = e->runs_on.id && e->runs_on.kind == MDSEC_KIND_ELEMENT &&
	       map_get(&L->priv->ids, e->runs_on.id);
	return *has ? e->runs_on.index : 0;
}

static bool ref_ok(struct loader *L, const struct mdsec_ref *r,
		   enum mdsec_kind k)
{
	const struct idrec *rec;

	if (!r->id)
		return false;
	rec = map_get(&L->priv->ids, r->id);
	return rec && rec->kind == k;
}

static void check_zones_and_hosts(struct loader *L)
{
	size_t i, steps;

	for (i = 0; i < L->objs[MDSEC_KIND_ZONE].n; i++) {
		struct mdsec_zone *z = loader_obj(L, MDSEC_KIND_ZONE, i);

		if (z->o.id && chain_cycles(L, MDSEC_KIND_ZONE, i, zone_parent))
			diag_error(L->dl, z->parent.loc,
				   "zone '%s' is inside itself through "
				   "'parent' (expected zones nested without a "
				   "cycle)",
				   z->o.id);
	}
	for (i = 0; i < L->objs[MDSEC_KIND_ELEMENT].n; i++) {
		struct mdsec_element *e = loader_obj(L, MDSEC_KIND_ELEMENT, i);
		struct mdsec_element *h = e;

		if (!e->o.id)
			continue;
		if (chain_cycles(L, MDSEC_KIND_ELEMENT, i, element_host)) {
			diag_error(L->dl, e->runs_on.loc,
				   "element '%s' runs on itself through "
				   "'runs_on' (expected a host chain without a "
				   "cycle)",
				   e->o.id);
			continue;
		}
		if (e->runs_on.id && e->runs_on.index == i &&
		    ref_ok(L, &e->runs_on, MDSEC_KIND_ELEMENT))
			continue;
		/* Inherit the zone from the nearest host that has one. */
		for (steps = 0; !h->zone.id && h->runs_on.id &&
				ref_ok(L, &h->runs_on, MDSEC_KIND_ELEMENT) &&
				steps < L->objs[MDSEC_KIND_ELEMENT].n;
		     steps++)
			h = loader_obj(L, MDSEC_KIND_ELEMENT, h->runs_on.index);
		if (h != e && h->zone.id)
			e->zone = h->zone;
		if (!e->zone.id && !e->runs_on.id)
			diag_error(L->dl, e->o.loc,
				   "element '%s' has no 'zone' (expected the "
				   "id of a zone, or 'runs_on' naming its "
				   "host)",
				   e->o.id);
	}
}

/* True when interface ifc belongs to element el or to one of its hosts. */
static bool interface_on(struct loader *L, size_t ifc_index, size_t el)
{
	const struct mdsec_interface *ifc =
		loader_obj(L, MDSEC_KIND_INTERFACE, ifc_index);
	size_t steps, cur = el;
	bool has = true;

	for (steps = 0; has && steps <= L->objs[MDSEC_KIND_ELEMENT].n;
	     steps++) {
		if (ifc->element == cur)
			return true;
		cur = element_host(L, cur, &has);
	}
	return false;
}

static void check_flows(struct loader *L)
{
	size_t i, j;

	for (i = 0; i < L->objs[MDSEC_KIND_FLOW].n; i++) {
		struct mdsec_flow *f = loader_obj(L, MDSEC_KIND_FLOW, i);
		bool from_ok = ref_ok(L, &f->from, MDSEC_KIND_ELEMENT);
		bool to_ok = ref_ok(L, &f->to, MDSEC_KIND_ELEMENT);

		if (!f->o.id)
			continue;
		if (from_ok && to_ok && f->from.index == f->to.index)
			diag_error(L->dl, f->to.loc,
				   "flow '%s' goes from '%s' to itself "
				   "(expected two different elements)",
				   f->o.id, f->from.id);
		for (j = 0; j < f->via.n; j++) {
			struct mdsec_ref *r = &f->via.v[j];

			if (!from_ok || !to_ok ||
			    !ref_ok(L, r, MDSEC_KIND_INTERFACE))
				continue;
			if (!interface_on(L, r->index, f->from.index) &&
			    !interface_on(L, r->index, f->to.index))
				diag_error(L->dl, r->loc,
					   "interface '%s' is not on '%s' or "
					   "'%s' (expected an interface of "
					   "either end of flow '%s')",
					   r->id, f->from.id, f->to.id,
					   f->o.id);
		}
	}
}

static void check_software(struct loader *L)
{
	size_t i;

	for (i = 0; i < L->objs[MDSEC_KIND_SOFTWARE].n; i++) {
		struct mdsec_software *sw =
			loader_obj(L, MDSEC_KIND_SOFTWARE, i);

		if (!sw->o.id)
			continue;
		if (!sw->end_of_support && !sw->support_justification)
			diag_error(
				L->dl, sw->o.loc,
				"software '%s' has neither 'end_of_support' "
				"nor 'support_justification' (expected the "
				"end-of-support date FDA asks for, or why it "
				"is unknown)",
				sw->o.id);
		if (sw->origin != 2 /* own */ && !sw->purl && !sw->cpe)
			diag_warning(L->dl, sw->o.loc,
				     "software '%s' has neither 'purl' nor "
				     "'cpe' (known vulnerabilities cannot be "
				     "matched to it)",
				     sw->o.id);
	}
}

static void check_controls_and_decisions(struct loader *L)
{
	size_t i;

	/* An empty or missing 'protects' is reported by the loader. */
	for (i = 0; i < L->objs[MDSEC_KIND_DECISION].n; i++) {
		struct mdsec_decision *d =
			loader_obj(L, MDSEC_KIND_DECISION, i);

		if (!d->o.id)
			continue;
		if (d->decision == 0 && d->controls.n == 0)
			diag_error(L->dl, d->o.loc,
				   "decision to mitigate '%s' names no control "
				   "(expected 'controls')",
				   d->o.id);
		if (d->decision == 1 && !d->rationale)
			diag_error(L->dl, d->o.loc,
				   "decision to accept '%s' has no rationale "
				   "(expected 'rationale' explaining why the "
				   "residual risk is acceptable)",
				   d->o.id);
		if (d->decision == 2 && !d->labeling)
			diag_error(
				L->dl, d->o.loc,
				"decision to transfer '%s' has no labeling "
				"reference (expected 'labeling' naming where "
				"users are told)",
				d->o.id);
	}
}

static void check_paths(struct loader *L)
{
	size_t i, j, k;

	if (!L->opts.check_paths)
		return;
	for (i = 0; i < L->objs[MDSEC_KIND_ELEMENT].n; i++) {
		struct mdsec_element *e = loader_obj(L, MDSEC_KIND_ELEMENT, i);
		struct mdsec_strs *lists[2] = { &e->sboms, &e->firmware };

		for (k = 0; k < 2; k++) {
			for (j = 0; j < lists[k]->n; j++) {
				if (!file_exists(lists[k]->v[j]))
					diag_error(L->dl, lists[k]->loc[j],
						   "file '%s' not found "
						   "(expected %s relative to "
						   "the model file)",
						   lists[k]->v[j],
						   k ? "a firmware image"
						     : "an SBOM file");
			}
		}
	}
}

/* FD&C Act 524B(c): a cyber device includes software and can connect. */
static void check_cyber_device(struct loader *L)
{
	size_t i;

	if (!L->have_device || L->device.can_connect)
		return;
	for (i = 0; i < L->objs[MDSEC_KIND_INTERFACE].n; i++) {
		struct mdsec_interface *ifc =
			loader_obj(L, MDSEC_KIND_INTERFACE, i);
		struct mdsec_element *e =
			loader_obj(L, MDSEC_KIND_ELEMENT, ifc->element);

		if (!ifc->o.id || ifc->kind == MDSEC_IF_USER_INTERFACE ||
		    ifc->kind == MDSEC_IF_INTERNAL ||
		    !ifc->enabled_in_production)
			continue;
		if (e->kind != MDSEC_ELEM_DEVICE &&
		    e->kind != MDSEC_ELEM_FIRMWARE)
			continue;
		diag_error(L->dl, ifc->o.loc,
			   "cyber_device.connectivity is false but '%s' "
			   "connects the device (expected connectivity: true; "
			   "FDA counts any connection, USB and serial "
			   "included)",
			   ifc->o.id);
		return;
	}
}

int model_validate(struct loader *L)
{
	struct validator V = { L, 0 };
	size_t k, i;

	for (k = 0; k < MDSEC_KIND_COUNT; k++) {
		const struct objtype *t = model_objtype((enum mdsec_kind)k);

		for (i = 0; i < L->objs[k].n; i++)
			resolve_object(&V, t,
				       loader_obj(L, (enum mdsec_kind)k, i));
	}
	check_interfaces(L);
	check_zones_and_hosts(L);
	check_flows(L);
	check_software(L);
	check_controls_and_decisions(L);
	check_paths(L);
	check_cyber_device(L);
	return L->nomem ? MDSEC_ENOMEM : 0;
}
