/* SPDX-License-Identifier: Apache-2.0
 *
 * json.c - the resolved model as JSON (`mdsec model --format json`),
 * described by docs/schemas/model.schema.json. The writer walks the same
 * schema tables as the loader, so every key a user can write comes back
 * under the same name, with references resolved, defaults filled in and a
 * few derived facts added (an element's inherited zone, whether a flow
 * crosses a trust boundary, the device's connections). Every object
 * carries "source": "file:line:col" for traceability. Keys keep the
 * schema's order and arrays the model's order, so output is deterministic.
 */
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "base/xalloc.h"
#include "model/model_int.h"
#include "base/banned.h"

#define MODEL_JSON_FORMAT "mdsec.model/1"

struct jw {
	const mdsec_model *m;
	bool nomem;
};

static json_t *chk(struct jw *w, json_t *v)
{
	if (!v)
		w->nomem = true;
	return v;
}

static void set(struct jw *w, json_t *obj, const char *key, json_t *v)
{
	if (!v || json_object_set_new(obj, key, v) < 0)
		w->nomem = true;
}

static void push(struct jw *w, json_t *arr, json_t *v)
{
	if (!v || json_array_append_new(arr, v) < 0)
		w->nomem = true;
}

/* A path for output: relative to the root model's directory. */
static const char *outpath(struct jw *w, const char *p)
{
	return mdsec_model_display_path(w->m, p);
}

static json_t *source(struct jw *w, struct mdsec_loc loc)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s:%u:%u", outpath(w, loc.file), loc.line,
		 loc.col);
	return chk(w, json_string(buf));
}

static json_t *enum_name(struct jw *w, const char *enumeration, int v)
{
	const char *const *names = mdsec_enum_names(enumeration);

	return chk(w, json_string(names[v]));
}

static json_t *flags(struct jw *w, const char *enumeration, unsigned bits)
{
	const char *const *names = mdsec_enum_names(enumeration);
	json_t *a = chk(w, json_array());
	int i;

	for (i = 0; a && names[i]; i++) {
		if (bits & (1u << i))
			push(w, a, json_string(names[i]));
	}
	return a;
}

static json_t *obj_json(struct jw *w, const struct objtype *t, const void *obj,
			size_t index);

static json_t *list_json(struct jw *w, const struct objtype *t, const void *arr,
			 size_t first, size_t n)
{
	json_t *a = chk(w, json_array());
	size_t i;

	for (i = 0; a && i < n; i++)
		push(w, a,
		     obj_json(w, t, (const char *)arr + (first + i) * t->size,
			      first + i));
	return a;
}

static void field_json(struct jw *w, json_t *o, const struct objtype *t,
		       const struct field *f, const void *obj, size_t index)
{
	const char *p = (const char *)obj + f->off;
	const mdsec_model *m = w->m;
	json_t *a;
	size_t i;

	switch (f->type) {
	case F_ID:
	case F_STR:
	case F_DATE:
		if (*(const char *const *)p)
			set(w, o, f->key, json_string(*(const char *const *)p));
		return;
	case F_BOOL:
		set(w, o, f->key, json_boolean(*(const bool *)p));
		return;
	case F_INT:
		if (*(const int *)p)
			set(w, o, f->key, json_integer(*(const int *)p));
		return;
	case F_ENUM:
		if (!strcmp(f->key, "transport") &&
		    !((const struct mdsec_interface *)obj)->port)
			return;
		set(w, o, f->key,
		    enum_name(w, f->enumeration, *(const int *)p));
		return;
	case F_FLAGS:
		set(w, o, f->key,
		    flags(w, f->enumeration, *(const unsigned *)p));
		return;
	case F_REF:
		if (((const struct mdsec_ref *)p)->id)
			set(w, o, f->key,
			    json_string(((const struct mdsec_ref *)p)->id));
		return;
	case F_REFS: {
		const struct mdsec_refs *rs = (const struct mdsec_refs *)p;

		a = chk(w, json_array());
		for (i = 0; a && i < rs->n; i++)
			push(w, a, json_string(rs->v[i].id));
		set(w, o, f->key, a);
		return;
	}
	case F_STRS:
	case F_PATHS: {
		const struct mdsec_strs *ss = (const struct mdsec_strs *)p;

		a = chk(w, json_array());
		for (i = 0; a && i < ss->n; i++)
			push(w, a,
			     json_string(f->type == F_PATHS
						 ? outpath(w, ss->v[i])
						 : ss->v[i]));
		set(w, o, f->key, a);
		return;
	}
	case F_SUB:
		set(w, o, f->key, obj_json(w, f->sub, obj, 0));
		return;
	case F_LIST:
		if (f->sub == &schema_interface) {
			const struct mdsec_element *e = obj;

			set(w, o, f->key,
			    list_json(w, f->sub, m->interfaces,
				      e->first_interface, e->ninterfaces));
		} else if (f->sub == &schema_function) {
			set(w, o, f->key,
			    list_json(w, f->sub, m->functions, 0,
				      m->nfunctions));
		} else if (f->sub == &schema_performance) {
			set(w, o, f->key,
			    list_json(w, f->sub, m->performance, 0,
				      m->nperformance));
		}
		return;
	}
	(void)t;
	(void)index;
}

/* Facts derived from the model, added after an object's own keys. */
static void derived_json(struct jw *w, json_t *o, const struct objtype *t,
			 const void *obj)
{
	const mdsec_model *m = w->m;

	if (t == &schema_flow) {
		const struct mdsec_flow *f = obj;
		const struct mdsec_ref *zf = &m->elements[f->from.index].zone;
		const struct mdsec_ref *zt = &m->elements[f->to.index].zone;

		set(w, o, "crosses_boundary",
		    json_boolean(zf->id && zt->id && strcmp(zf->id, zt->id)));
	} else if (t == &schema_cyber) {
		/* Which kinds of connection make it a cyber device. */
		unsigned seen = 0;
		size_t i;

		for (i = 0; i < m->ninterfaces; i++) {
			const struct mdsec_interface *ifc = &m->interfaces[i];
			enum mdsec_element_kind k =
				m->elements[ifc->element].kind;

			if (ifc->enabled_in_production &&
			    ifc->kind != MDSEC_IF_USER_INTERFACE &&
			    ifc->kind != MDSEC_IF_INTERNAL &&
			    (k == MDSEC_ELEM_DEVICE ||
			     k == MDSEC_ELEM_FIRMWARE))
				seen |= 1u << ifc->kind;
		}
		set(w, o, "connections", flags(w, "interface-kind", seen));
	}
}

static json_t *obj_json(struct jw *w, const struct objtype *t, const void *obj,
			size_t index)
{
	json_t *o = chk(w, json_object());
	size_t i;

	if (!o)
		return NULL;
	for (i = 0; i < t->nfields; i++)
		field_json(w, o, t, &t->fields[i], obj, index);
	derived_json(w, o, t, obj);
	if (t->kind >= 0)
		set(w, o, "source",
		    source(w, ((const struct mdsec_obj *)obj)->loc));
	return o;
}

int mdsec_model_to_json(char **out, const mdsec_model *m)
{
	struct jw w = { m, false };
	json_t *root = json_object(), *files;
	char *text = NULL;
	size_t i;

	*out = NULL;
	if (!root)
		return MDSEC_ENOMEM;
	set(&w, root, "format", json_string(MODEL_JSON_FORMAT));
	set(&w, root, "model_format", json_integer(m->format));
	files = chk(&w, json_array());
	for (i = 0; files && i < m->files.n; i++)
		push(&w, files, json_string(outpath(&w, m->files.v[i])));
	set(&w, root, "files", files);
	{
		json_t *dev = obj_json(&w, &schema_device, &m->device, 0);

		if (dev)
			set(&w, dev, "source", source(&w, m->device.loc));
		set(&w, root, "device", dev);
	}
	set(&w, root, "roles",
	    list_json(&w, &schema_role, m->roles, 0, m->nroles));
	set(&w, root, "zones",
	    list_json(&w, &schema_zone, m->zones, 0, m->nzones));
	set(&w, root, "elements",
	    list_json(&w, &schema_element, m->elements, 0, m->nelements));
	set(&w, root, "assets",
	    list_json(&w, &schema_asset, m->assets, 0, m->nassets));
	set(&w, root, "flows",
	    list_json(&w, &schema_flow, m->flows, 0, m->nflows));
	set(&w, root, "hazards",
	    list_json(&w, &schema_hazard, m->hazards, 0, m->nhazards));
	set(&w, root, "software",
	    list_json(&w, &schema_software, m->software, 0, m->nsoftware));
	set(&w, root, "controls",
	    list_json(&w, &schema_control, m->controls, 0, m->ncontrols));
	set(&w, root, "risk_decisions",
	    list_json(&w, &schema_decision, m->decisions, 0, m->ndecisions));
	set(&w, root, "assumptions",
	    list_json(&w, &schema_assumption, m->assumptions, 0,
		      m->nassumptions));
	set(&w, root, "justifications",
	    list_json(&w, &schema_justification, m->justifications, 0,
		      m->njustifications));
	if (!w.nomem)
		text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		return MDSEC_ENOMEM;
	/* jansson allocates with malloc; hand back a copy ending in '\n'. */
	{
		size_t n = strlen(text);
		char *s = xmalloc(n + 2);

		if (s) {
			memcpy(s, text, n);
			s[n] = '\n';
			s[n + 1] = '\0';
		}
		free(text);
		if (!s)
			return MDSEC_ENOMEM;
		*out = s;
	}
	return 0;
}
