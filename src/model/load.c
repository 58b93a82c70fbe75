/* SPDX-License-Identifier: Apache-2.0
 *
 * load.c - read a device model: files and includes, and a generic walk of
 * each YAML mapping against the schema tables (schema.c) that fills the
 * model's structs. Every problem becomes one located diagnostic and the
 * walk goes on, so one run reports them all; validate.c then resolves
 * references and checks the rules that span objects. Pipeline stage: load.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "model/model_int.h"
#include "base/banned.h"

#define MODEL_MAX_BYTES		((size_t)64 << 20)
#define MODEL_MAX_INCLUDE_DEPTH 16
#define ID_MAX			128

static const struct objtype *const objtypes[MDSEC_KIND_COUNT] = {
	[MDSEC_KIND_FUNCTION] = &schema_function,
	[MDSEC_KIND_PERFORMANCE] = &schema_performance,
	[MDSEC_KIND_ROLE] = &schema_role,
	[MDSEC_KIND_ZONE] = &schema_zone,
	[MDSEC_KIND_ELEMENT] = &schema_element,
	[MDSEC_KIND_INTERFACE] = &schema_interface,
	[MDSEC_KIND_ASSET] = &schema_asset,
	[MDSEC_KIND_FLOW] = &schema_flow,
	[MDSEC_KIND_HAZARD] = &schema_hazard,
	[MDSEC_KIND_SOFTWARE] = &schema_software,
	[MDSEC_KIND_CONTROL] = &schema_control,
	[MDSEC_KIND_DECISION] = &schema_decision,
	[MDSEC_KIND_ASSUMPTION] = &schema_assumption,
	[MDSEC_KIND_JUSTIFICATION] = &schema_justification,
};

const struct objtype *model_objtype(enum mdsec_kind kind)
{
	return objtypes[kind];
}

void *loader_obj(struct loader *L, enum mdsec_kind k, size_t i)
{
	return L->objs[k].data + i * L->objs[k].size;
}

/* The context of one mapping being walked, for messages. */
struct ctx {
	const char *file;
	const struct objtype *type;
	const char *id;	     /* the object's id, NULL when unknown */
	const char *element; /* for interfaces: the owning element's id */
	size_t element_index;
};

static struct mdsec_loc at(const struct ctx *c, const struct ynode *n)
{
	struct mdsec_loc l = { c->file, n->line, n->col };

	return l;
}

static void oom(struct loader *L)
{
	L->nomem = true;
}

/* "element 'pump'" or "device" for messages. */
static const char *what(const struct ctx *c, char *buf, size_t len)
{
	if (c->id)
		snprintf(buf, len, "%s '%s%s%s'", c->type->name,
			 c->element ? c->element : "",
			 c->element && *c->element ? "." : "", c->id);
	else
		snprintf(buf, len, "%s", c->type->name);
	return buf;
}

static bool valid_id(const char *s)
{
	size_t i;

	if (!s[0] || strlen(s) > ID_MAX)
		return false;
	for (i = 0; s[i]; i++) {
		char ch = s[i];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9'))
			continue;
		if (i > 0 && (ch == '-' || ch == '_'))
			continue;
		return false;
	}
	return true;
}

/* The expectation is passed in two parts so that callers need not build
 * a message on the common path, where nothing is wrong. */
static bool scalar_or_error(struct loader *L, const struct ctx *c,
			    const struct ynode *v, const char *key,
			    const char *expect1, const char *expect2)
{
	if (v->type == YNODE_SCALAR && !ynode_is_null(v))
		return true;
	diag_error(L->dl, at(c, v), "'%s' is %s (expected %s%s)", key,
		   ynode_type_name(v), expect1, expect2);
	return false;
}

static bool list_or_error(struct loader *L, const struct ctx *c,
			  const struct ynode *v, const char *key,
			  const char *expect1, const char *expect2)
{
	if (v->type == YNODE_SEQUENCE)
		return true;
	diag_error(L->dl, at(c, v), "'%s' is %s (expected a list of %s%s)", key,
		   ynode_type_name(v), expect1, expect2);
	return false;
}

static int parse_bool(const struct ynode *v)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	int i;

	if (v->type != YNODE_SCALAR || !v->plain)
		return -1;
	for (i = 0; i < 3; i++) {
		if (!strcmp(v->str, t[i]))
			return 1;
		if (!strcmp(v->str, f[i]))
			return 0;
	}
	return -1;
}

/* Report an unknown enum value, with a suggestion when one is close. The
 * enumeration's name, e.g. "element-kind", becomes "element kind". */
static void bad_enum(struct loader *L, const struct ctx *c,
		     const struct ynode *v, const char *enumeration)
{
	const char *s = suggest_closest(v->str, mdsec_enum_names(enumeration),
					(size_t)-1);
	char name[64];
	size_t i;

	snprintf(name, sizeof(name), "%s", enumeration);
	for (i = 0; name[i]; i++) {
		if (name[i] == '-')
			name[i] = ' ';
	}
	if (s)
		diag_error(L->dl, at(c, v),
			   "unknown %s '%s' (did you mean '%s'?)", name, v->str,
			   s);
	else
		diag_error(L->dl, at(c, v),
			   "unknown %s '%s' (expected one of: %s)", name,
			   v->str, schema_enum_list(enumeration));
}

static const char *dirname_of(struct loader *L, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *d;

	if (!slash)
		return "";
	d = arena_strndup(L->a, file, (size_t)(slash - file) + 1);
	if (!d)
		oom(L);
	return d ? d : "";
}

/* Path p written in file, made relative to the working directory. */
static const char *resolve_path(struct loader *L, const char *file,
				const char *p)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	if (p[0] == '/')
		return p;
	if (strbuf_addstr(&sb, dirname_of(L, file)) < 0 ||
	    strbuf_addstr(&sb, p) < 0) {
		strbuf_release(&sb);
		oom(L);
		return p;
	}
	r = arena_strndup(L->a, sb.buf, sb.len);
	strbuf_release(&sb);
	if (!r)
		oom(L);
	return r ? r : p;
}

static void load_strs(struct loader *L, const struct ctx *c,
		      const struct ynode *v, const struct field *f,
		      struct mdsec_strs *out)
{
	const struct ynode *it;
	size_t i = 0;

	if (!list_or_error(L, c, v, f->key, "", "strings"))
		return;
	out->v = arena_array(L->a, v->n, sizeof(*out->v));
	out->loc = arena_array(L->a, v->n, sizeof(*out->loc));
	if (v->n && (!out->v || !out->loc)) {
		oom(L);
		return;
	}
	for (it = v->child; it; it = it->next) {
		if (!scalar_or_error(L, c, it, f->key, "",
				     f->type == F_PATHS ? "a file path"
							: "a string"))
			continue;
		out->v[i] = f->type == F_PATHS
				    ? resolve_path(L, c->file, it->str)
				    : it->str;
		out->loc[i] = at(c, it);
		i++;
	}
	out->n = i;
}

static void set_ref(struct mdsec_ref *r, const struct ctx *c,
		    const struct ynode *v)
{
	r->id = v->str;
	r->loc = at(c, v);
}

static void load_refs(struct loader *L, const struct ctx *c,
		      const struct ynode *v, const struct field *f,
		      struct mdsec_refs *out)
{
	const struct ynode *it;
	size_t i = 0;
	char buf[200];

	if (!list_or_error(L, c, v, f->key, "", "ids"))
		return;
	if (v->n == 0 && (f->flags & FF_REQUIRED)) {
		diag_error(L->dl, at(c, v),
			   "'%s' of %s is an empty list (expected at least "
			   "one id)",
			   f->key, what(c, buf, sizeof(buf)));
		return;
	}
	out->v = arena_array(L->a, v->n, sizeof(*out->v));
	if (v->n && !out->v) {
		oom(L);
		return;
	}
	for (it = v->child; it; it = it->next) {
		if (scalar_or_error(L, c, it, f->key, "", f->expect))
			set_ref(&out->v[i++], c, it);
	}
	out->n = i;
}

static void load_flags(struct loader *L, const struct ctx *c,
		       const struct ynode *v, const struct field *f,
		       unsigned *out)
{
	const struct ynode *it;
	const char *values = schema_enum_list(f->enumeration);
	int bit;

	if (!list_or_error(L, c, v, f->key, "values from: ", values))
		return;
	for (it = v->child; it; it = it->next) {
		if (!scalar_or_error(L, c, it, f->key, "one of: ", values))
			continue;
		bit = schema_enum_index(f->enumeration, it->str);
		if (bit < 0) {
			bad_enum(L, c, it, f->enumeration);
			continue;
		}
		if (*out & (1u << bit))
			diag_error(L->dl, at(c, it),
				   "'%s' is listed twice in '%s' (expected "
				   "each value once)",
				   it->str, f->key);
		*out |= 1u << bit;
	}
}

static void load_object(struct loader *L, const struct ctx *c,
			const struct ynode *map, void *dst);
static void load_list(struct loader *L, const struct ctx *parent,
		      const struct ynode *v, const struct field *f);

/* Store one key's value into dst according to its field descriptor. */
static void load_value(struct loader *L, const struct ctx *c,
		       const struct field *f, const struct ynode *v, void *dst)
{
	char *p = dst ? (char *)dst + f->off : NULL;
	struct ynode unquoted;
	int b, idx;
	long n;
	char *end;

	switch (f->type) {
	case F_ID:
		if (!scalar_or_error(L, c, v, f->key, "", f->expect))
			return;
		if (c->type->kind != MDSEC_KIND_DECISION && v->len > ID_MAX) {
			diag_error(L->dl, at(c, v),
				   "invalid id '%.40s...': %u characters long "
				   "(expected at most %d)",
				   v->str, v->len, ID_MAX);
			return;
		}
		if (c->type->kind != MDSEC_KIND_DECISION && !valid_id(v->str)) {
			diag_error(L->dl, at(c, v),
				   "invalid id '%s' (expected letters, digits, "
				   "'-' and '_', starting with a letter or "
				   "digit, at most %d characters)",
				   v->str, ID_MAX);
			return;
		}
		*(const char **)p = v->str;
		return;
	case F_STR:
		if (!scalar_or_error(L, c, v, f->key, "", f->expect))
			return;
		if (f->check && !f->check(v->str)) {
			diag_error(L->dl, at(c, v),
				   "invalid %s '%s' (expected %s)", f->key,
				   v->str, f->expect);
			*(const char **)p = ""; /* given, but wrong */
			return;
		}
		*(const char **)p = v->str;
		return;
	case F_DATE:
		if (!scalar_or_error(L, c, v, f->key, "", f->expect))
			return;
		if (!time_valid_date(v->str)) {
			diag_error(L->dl, at(c, v),
				   "invalid date '%s' for '%s' (expected %s)",
				   v->str, f->key, f->expect);
			*(const char **)p = ""; /* given, but wrong */
			return;
		}
		*(const char **)p = v->str;
		return;
	case F_BOOL:
		/* Given, even if wrong: no second error for a missing value. */
		if (f->flags & FF_SEEN)
			*(bool *)((char *)dst + f->off2) = true;
		if (!scalar_or_error(L, c, v, f->key, "", f->expect))
			return;
		b = parse_bool(v);
		unquoted = *v;
		unquoted.plain = true;
		if (b < 0 && !v->plain && parse_bool(&unquoted) >= 0) {
			diag_error(L->dl, at(c, v),
				   "'%s' is the quoted string \"%s\" (expected "
				   "true or false, written without quotes)",
				   f->key, v->str);
			return;
		}
		if (b < 0) {
			diag_error(L->dl, at(c, v),
				   "'%s' is not a boolean: '%s' (expected true "
				   "or false)",
				   f->key, v->str);
			return;
		}
		*(bool *)p = b;
		return;
	case F_INT:
		if (!scalar_or_error(L, c, v, f->key, "", f->expect))
			return;
		errno = 0;
		n = strtol(v->str, &end, 10);
		if (!v->plain && !*end && end != v->str && !errno &&
		    n >= f->min && n <= f->max) {
			diag_error(L->dl, at(c, v),
				   "'%s' is the quoted string \"%s\" (expected "
				   "%s, written without quotes)",
				   f->key, v->str, f->expect);
			*(int *)p = -1;
			return;
		}
		if (!v->plain || *end || end == v->str || errno || n < f->min ||
		    n > f->max) {
			diag_error(L->dl, at(c, v),
				   "invalid %s '%s' (expected %s)", f->key,
				   v->str, f->expect);
			*(int *)p = -1; /* given, but wrong: no second error */
			return;
		}
		*(int *)p = (int)n;
		return;
	case F_ENUM:
		/* Not a value of the enumeration until one is read, so
		 * that no rule applies to a default the user never chose. */
		*(int *)p = -1;
		if (!scalar_or_error(L, c, v, f->key, "one of: ",
				     schema_enum_list(f->enumeration)))
			return;
		idx = schema_enum_index(f->enumeration, v->str);
		if (idx < 0) {
			bad_enum(L, c, v, f->enumeration);
			return;
		}
		*(int *)p = idx;
		return;
	case F_FLAGS:
		load_flags(L, c, v, f, (unsigned *)p);
		return;
	case F_REF:
		if (scalar_or_error(L, c, v, f->key, "", f->expect))
			set_ref((struct mdsec_ref *)p, c, v);
		return;
	case F_REFS:
		load_refs(L, c, v, f, (struct mdsec_refs *)p);
		return;
	case F_STRS:
	case F_PATHS:
		load_strs(L, c, v, f, (struct mdsec_strs *)p);
		return;
	case F_SUB: {
		struct ctx sub = *c;

		sub.type = f->sub;
		sub.id = NULL;
		sub.element = NULL;
		load_object(L, &sub, v, dst);
		return;
	}
	case F_LIST:
		load_list(L, c, v, f);
		return;
	}
}

/* Find the id of a mapping before walking it, for messages. */
static const char *peek_id(const struct objtype *t, const struct ynode *map)
{
	const struct ynode *k;
	const struct field *f;

	for (k = map->child; k && k->next; k = k->next->next) {
		f = schema_field(t, k->str);
		if (f && f->type == F_ID && k->next->type == YNODE_SCALAR &&
		    !ynode_is_null(k->next))
			return k->next->str;
	}
	return NULL;
}

static void unknown_key(struct loader *L, const struct ctx *c,
			const struct ynode *k)
{
	const char *keys[32];
	const char *s;
	char buf[200];
	size_t i, n = c->type->nfields < 32 ? c->type->nfields : 32;

	for (i = 0; i < n; i++)
		keys[i] = c->type->fields[i].key;
	s = suggest_closest(k->str, keys, n);
	if (s) {
		diag_error(L->dl, at(c, k),
			   "unknown key '%s' in %s (did you mean '%s'?)",
			   k->str, what(c, buf, sizeof(buf)), s);
	} else {
		struct strbuf list = STRBUF_INIT;

		for (i = 0; i < n; i++)
			strbuf_addf(&list, "%s%s", i ? ", " : "", keys[i]);
		diag_error(L->dl, at(c, k),
			   "unknown key '%s' in %s (expected one of: %s)",
			   k->str, what(c, buf, sizeof(buf)), list.buf);
		strbuf_release(&list);
	}
}

static void load_object(struct loader *L, const struct ctx *c0,
			const struct ynode *map, void *dst)
{
	const struct ynode *k, *prev, *keynodes[32] = { NULL };
	const struct field *f;
	struct ctx c = *c0;
	char buf[200];
	size_t i;

	if (map->type != YNODE_MAPPING) {
		diag_error(L->dl, at(&c, map), "%s is %s (expected a mapping)",
			   what(&c, buf, sizeof(buf)), ynode_type_name(map));
		return;
	}
	if (!c.id)
		c.id = peek_id(c.type, map);
	for (k = map->child; k && k->next; k = k->next->next) {
		if (k->type != YNODE_SCALAR) {
			diag_error(L->dl, at(&c, k),
				   "a key in %s is %s (expected a plain name)",
				   what(&c, buf, sizeof(buf)),
				   ynode_type_name(k));
			continue;
		}
		for (prev = map->child; prev != k; prev = prev->next->next) {
			if (prev->type == YNODE_SCALAR &&
			    !strcmp(prev->str, k->str))
				break;
		}
		if (prev != k) {
			diag_error(L->dl, at(&c, k),
				   "duplicate key '%s' in %s (first given at "
				   "line %u)",
				   k->str, what(&c, buf, sizeof(buf)),
				   prev->line);
			continue;
		}
		f = schema_field(c.type, k->str);
		if (!f) {
			unknown_key(L, &c, k);
			continue;
		}
		keynodes[f - c.type->fields] = k;
		load_value(L, &c, f, k->next, dst);
	}
	for (i = 0; i < c.type->nfields && i < 32; i++) {
		f = &c.type->fields[i];
		if (!(f->flags & FF_REQUIRED) || keynodes[i])
			continue;
		if (f->type == F_ENUM && dst) /* as in load_value */
			*(int *)((char *)dst + f->off) = -1;
		if (f->type == F_ENUM)
			diag_error(
				L->dl, at(&c, map),
				"missing key '%s' in %s (expected one of: %s)",
				f->key, what(&c, buf, sizeof(buf)),
				schema_enum_list(f->enumeration));
		else if (f->type == F_REFS)
			diag_error(L->dl, at(&c, map),
				   "missing key '%s' in %s (expected a list of "
				   "ids, each naming %s)",
				   f->key, what(&c, buf, sizeof(buf)),
				   f->expect);
		else
			diag_error(L->dl, at(&c, map),
				   "missing key '%s' in %s (expected %s)",
				   f->key, what(&c, buf, sizeof(buf)),
				   f->expect ? f->expect : "a value");
	}
}

/* Append one zeroed object to the kind's array; NULL on no memory. */
static void *push_obj(struct loader *L, enum mdsec_kind k)
{
	struct objvec *ov = &L->objs[k];
	void *p;

	if (vec_grow((void **)&ov->data, &ov->alloc, ov->n + 1, ov->size) < 0) {
		oom(L);
		return NULL;
	}
	p = ov->data + ov->n * ov->size;
	memset(p, 0, ov->size);
	ov->n++;
	return p;
}

static void register_id(struct loader *L, const char *id, enum mdsec_kind kind,
			size_t index, struct mdsec_loc loc)
{
	struct map *m = kind == MDSEC_KIND_DECISION ? &L->priv->decisions
						    : &L->priv->ids;
	struct idrec *rec = arena_alloc(L->a, sizeof(*rec)), *old = NULL;
	int r;

	if (!rec) {
		oom(L);
		return;
	}
	rec->kind = kind;
	rec->index = index;
	rec->loc = loc;
	r = map_put(m, id, rec, (void **)&old);
	if (r < 0) {
		oom(L);
	} else if (r == 1 && kind == MDSEC_KIND_DECISION) {
		diag_error(L->dl, loc,
			   "second risk decision for threat '%s' (first at "
			   "%s:%u:%u; expected one decision per threat)",
			   id, old->loc.file, old->loc.line, old->loc.col);
	} else if (r == 1) {
		diag_error(
			L->dl, loc,
			"duplicate id '%s' (first defined as %s at %s:%u:%u)",
			id, mdsec_kind_name(old->kind), old->loc.file,
			old->loc.line, old->loc.col);
	}
}

static void load_list(struct loader *L, const struct ctx *parent,
		      const struct ynode *v, const struct field *f)
{
	const struct objtype *t = f->sub;
	enum mdsec_kind kind = (enum mdsec_kind)t->kind;
	const struct ynode *it;
	struct ctx c;
	struct mdsec_obj *o;
	size_t index;

	if (ynode_is_null(v))
		return; /* "elements:" with nothing under it */
	if (!list_or_error(L, parent, v, f->key, "", f->key))
		return;
	for (it = v->child; it; it = it->next) {
		c.file = parent->file;
		c.type = t;
		c.id = NULL;
		c.element = NULL;
		c.element_index = 0;
		if (kind == MDSEC_KIND_INTERFACE) {
			c.element = parent->id ? parent->id : "";
			c.element_index = parent->element_index;
		}
		index = L->objs[kind].n;
		o = push_obj(L, kind);
		if (!o)
			return;
		o->loc = at(&c, it);
		if (kind == MDSEC_KIND_ELEMENT) {
			struct mdsec_element *e = (struct mdsec_element *)o;

			c.element_index = index;
			e->first_interface = L->objs[MDSEC_KIND_INTERFACE].n;
		}
		/* The walk may push nested objects (interfaces), which can
		 * move this array: load into a scratch copy, then store. */
		{
			union {
				struct mdsec_function fn;
				struct mdsec_role role;
				struct mdsec_zone zone;
				struct mdsec_element el;
				struct mdsec_interface ifc;
				struct mdsec_asset asset;
				struct mdsec_flow flow;
				struct mdsec_hazard hazard;
				struct mdsec_software sw;
				struct mdsec_control ctrl;
				struct mdsec_decision dec;
				struct mdsec_assumption as;
				struct mdsec_justification just;
			} u;
			char *scratch = (char *)&u;
			struct mdsec_obj *s = (struct mdsec_obj *)scratch;

			memcpy(scratch, o, L->objs[kind].size);
			load_object(L, &c, it, scratch);
			if (kind == MDSEC_KIND_ELEMENT) {
				struct mdsec_element *e =
					(struct mdsec_element *)scratch;

				e->ninterfaces =
					L->objs[MDSEC_KIND_INTERFACE].n -
					e->first_interface;
			}
			if (kind == MDSEC_KIND_INTERFACE) {
				struct mdsec_interface *ifc =
					(struct mdsec_interface *)scratch;

				ifc->element = c.element_index;
				ifc->local_id = s->id;
			}
			o = loader_obj(L, kind, index);
			memcpy(o, scratch, L->objs[kind].size);
		}
		if (!o->id || (kind == MDSEC_KIND_INTERFACE && !parent->id))
			continue;
		if (kind == MDSEC_KIND_INTERFACE) {
			char *q = NULL;
			size_t n1 = strlen(c.element), n2 = strlen(o->id);

			q = arena_alloc(L->a, n1 + n2 + 2);
			if (!q) {
				oom(L);
				return;
			}
			memcpy(q, c.element, n1);
			q[n1] = '.';
			memcpy(q + n1 + 1, o->id, n2 + 1);
			o->id = q;
		}
		if (!o->name)
			o->name = o->id;
		register_id(L, o->id, kind, index, o->loc);
	}
}

/* ---- files and includes ---------------------------------------------- */

static int load_file(struct loader *L, const char *path, const char *buf,
		     size_t len, struct mdsec_loc from, bool is_root);

static void load_includes(struct loader *L, const struct ctx *c,
			  const struct ynode *v)
{
	const struct ynode *it;

	if (!list_or_error(L, c, v, "include", "", "file paths"))
		return;
	for (it = v->child; it; it = it->next) {
		if (!scalar_or_error(L, c, it, "include", "", "a file path"))
			continue;
		load_file(L, resolve_path(L, c->file, it->str), NULL, 0,
			  at(c, it), false);
	}
}

static void load_root(struct loader *L, const char *file,
		      const struct ynode *root, bool is_root)
{
	const struct ynode *k, *prev, *inc = NULL, *fmt = NULL;
	const struct field *f;
	struct ctx c = { file, &schema_root, NULL, NULL, 0 };
	struct mdsec_loc top = { file, 1, 1 };

	if (!root) {
		diag_error(L->dl, top,
			   "empty model file (expected a mapping with 'format' "
			   "and 'device')");
		return;
	}
	if (root->type != YNODE_MAPPING) {
		diag_error(L->dl, at(&c, root),
			   "the model is %s (expected a mapping with 'format' "
			   "and 'device')",
			   ynode_type_name(root));
		return;
	}
	for (k = root->child; k && k->next; k = k->next->next) {
		if (k->type != YNODE_SCALAR) {
			diag_error(L->dl, at(&c, k),
				   "a top-level key is %s (expected a plain "
				   "name)",
				   ynode_type_name(k));
			continue;
		}
		for (prev = root->child; prev != k; prev = prev->next->next) {
			if (prev->type == YNODE_SCALAR &&
			    !strcmp(prev->str, k->str))
				break;
		}
		if (prev != k) {
			diag_error(
				L->dl, at(&c, k),
				"duplicate key '%s' in model (first given at "
				"line %u)",
				k->str, prev->line);
			continue;
		}
		f = schema_field(&schema_root, k->str);
		if (!f) {
			unknown_key(L, &c, k);
			continue;
		}
		if (!strcmp(f->key, "format")) {
			fmt = k->next;
			continue;
		}
		if (!strcmp(f->key, "include")) {
			inc = k->next;
			continue;
		}
		if (!strcmp(f->key, "device")) {
			if (L->have_device) {
				diag_error(L->dl, at(&c, k),
					   "second 'device' section (first at "
					   "%s:%u:%u; expected one per model)",
					   L->device_key.file,
					   L->device_key.line,
					   L->device_key.col);
				continue;
			}
			L->have_device = true;
			L->device_key = at(&c, k);
			L->device.loc = at(&c, k->next);
			/* Until 'connectivity: false' is read: a missing or
			 * wrong value is reported once, not again for each
			 * interface. */
			L->device.can_connect = true;
			{
				struct ctx dc = { file, &schema_device, NULL,
						  NULL, 0 };

				load_object(L, &dc, k->next, &L->device);
			}
			continue;
		}
		load_value(L, &c, f, k->next, NULL);
	}
	if (fmt) {
		long n = -1;
		char *end;

		if (fmt->type == YNODE_SCALAR && !ynode_is_null(fmt)) {
			errno = 0;
			n = strtol(fmt->str, &end, 10);
			if (errno || end == fmt->str || *end)
				n = -1;
		}
		if (fmt->type != YNODE_SCALAR || ynode_is_null(fmt)) {
			diag_error(L->dl, at(&c, fmt),
				   "'format' is %s (expected %d)",
				   ynode_type_name(fmt), MDSEC_MODEL_FORMAT);
		} else if (n >= 1 && !fmt->plain) {
			diag_error(L->dl, at(&c, fmt),
				   "'format' is the quoted string \"%s\" "
				   "(expected %d, written without quotes)",
				   fmt->str, MDSEC_MODEL_FORMAT);
		} else if (n < 1) {
			diag_error(L->dl, at(&c, fmt),
				   "invalid format '%s' (expected %d)",
				   fmt->str, MDSEC_MODEL_FORMAT);
		} else if (n > MDSEC_MODEL_FORMAT) {
			diag_error(L->dl, at(&c, fmt),
				   "model format %ld is newer than this mdsec "
				   "reads (expected %d)",
				   n, MDSEC_MODEL_FORMAT);
		} else if (is_root) {
			L->format = (int)n;
		}
	} else if (is_root) {
		diag_error(
			L->dl, at(&c, root),
			"missing key 'format' in model (expected 'format: %d')",
			MDSEC_MODEL_FORMAT);
	}
	if (inc)
		load_includes(L, &c, inc);
}

static int load_file(struct loader *L, const char *path, const char *buf,
		     size_t len, struct mdsec_loc from, bool is_root)
{
	struct strbuf text = STRBUF_INIT;
	struct arena nodes = ARENA_INIT;
	struct ynode *root = NULL;
	char *real = NULL;
	const char *key;
	size_t i;
	int error = 0;

	if (!buf) {
		error = file_read_capped(&text, path, L->opts.max_file_bytes);
		if (error == MDSEC_ELIMIT) {
			diag_error(L->dl, from,
				   "'%s' is larger than %zu bytes (expected a "
				   "smaller model file)",
				   path, L->opts.max_file_bytes);
			goto out;
		}
		if (error < 0) {
			struct mdsec_loc l = from;

			if (!l.file)
				l.file = path;
			diag_error(L->dl, l,
				   "cannot read '%s': %s (expected %s)", path,
				   strerror(errno),
				   is_root ? "a readable model file"
					   : "a readable file to include");
			goto out;
		}
		buf = text.buf;
		len = text.len;
	}
	real = realpath(path, NULL);
	key = real ? real : path;
	for (i = 0; i < L->depth; i++) {
		if (!strcmp(L->stack[i], key)) {
			struct strbuf chain = STRBUF_INIT;
			size_t j;

			for (j = i; j < L->depth; j++)
				strbuf_addf(&chain, "%s -> ",
					    L->stack_names[j]);
			strbuf_addstr(&chain, path);
			diag_error(L->dl, from,
				   "include cycle: %s (expected an acyclic "
				   "include graph)",
				   chain.buf);
			strbuf_release(&chain);
			error = MDSEC_EINPUT;
			goto out;
		}
	}
	for (i = 0; i < L->realpaths.n; i++) {
		if (!strcmp(L->realpaths.v[i], key)) {
			diag_error(L->dl, from,
				   "'%s' is included twice (first at %s:%u:%u; "
				   "expected each file once)",
				   path, L->included_at.v[i].file,
				   L->included_at.v[i].line,
				   L->included_at.v[i].col);
			error = MDSEC_EINPUT;
			goto out;
		}
	}
	if (L->depth >= L->opts.max_include_depth ||
	    L->depth >= sizeof(L->stack) / sizeof(*L->stack)) {
		diag_error(L->dl, from,
			   "includes nested deeper than %u files (expected a "
			   "shallower include tree)",
			   L->opts.max_include_depth);
		error = MDSEC_ELIMIT;
		goto out;
	}
	{
		const char *fname = arena_strdup(L->a, path);
		const char *rname = arena_strdup(L->a, key);

		if (!fname || !rname || vec_push(&L->files, fname) < 0 ||
		    vec_push(&L->realpaths, rname) < 0 ||
		    vec_push(&L->included_at, from) < 0) {
			oom(L);
			error = MDSEC_ENOMEM;
			goto out;
		}
		path = fname;
		L->stack_names[L->depth] = fname;
		L->stack[L->depth++] = rname;
	}
	/* The tree lives only while this file is walked: the model keeps
	 * the scalar text (in its own arena) and locations, never nodes. */
	error = ytree_parse(&root, &nodes, L->a, path, buf, len, L->dl);
	strbuf_release(&text); /* the tree holds copies; free it early */
	if (error == MDSEC_ENOMEM)
		oom(L);
	if (error == 0)
		load_root(L, path, root, is_root);
	arena_release(&nodes);
	L->depth--;
out:
	free(real);
	strbuf_release(&text);
	return error;
}

/* ---- the loaded model ------------------------------------------------ */

static void take(struct loader *L, enum mdsec_kind k, void *arr_out,
		 size_t *n_out)
{
	*(void **)arr_out = L->objs[k].data;
	*n_out = L->objs[k].n;
	L->objs[k].data = NULL;
	L->objs[k].n = L->objs[k].alloc = 0;
}

static void priv_free(struct model_priv *p)
{
	if (!p)
		return;
	map_release(&p->ids);
	map_release(&p->decisions);
	arena_release(&p->arena);
	xfree(p->rootdir);
	xfree(p);
}

static void loader_release(struct loader *L)
{
	size_t k;

	for (k = 0; k < MDSEC_KIND_COUNT; k++)
		xfree(L->objs[k].data);
	vec_release(&L->files);
	vec_release(&L->realpaths);
	vec_release(&L->included_at);
}

static int model_build(mdsec_model **out, struct loader *L, const char *path)
{
	mdsec_model *m = xcalloc(1, sizeof(*m));
	const char *slash = strrchr(path, '/');
	size_t i;

	if (!m)
		return MDSEC_ENOMEM;
	L->priv->rootdir = slash ? xstrndup(path, (size_t)(slash - path) + 1)
				 : xstrdup("");
	m->files.v = arena_array(L->a, L->files.n, sizeof(char *));
	m->files.loc = arena_array(L->a, L->files.n, sizeof(struct mdsec_loc));
	if (!L->priv->rootdir || !m->files.v || !m->files.loc) {
		xfree(m);
		return MDSEC_ENOMEM;
	}
	for (i = 0; i < L->files.n; i++) {
		m->files.v[i] = L->files.v[i];
		m->files.loc[i] = L->included_at.v[i];
	}
	m->files.n = L->files.n;
	m->format = L->format;
	m->root = L->files.v[0];
	m->device = L->device;
	take(L, MDSEC_KIND_FUNCTION, &m->functions, &m->nfunctions);
	take(L, MDSEC_KIND_PERFORMANCE, &m->performance, &m->nperformance);
	take(L, MDSEC_KIND_ROLE, &m->roles, &m->nroles);
	take(L, MDSEC_KIND_ZONE, &m->zones, &m->nzones);
	take(L, MDSEC_KIND_ELEMENT, &m->elements, &m->nelements);
	take(L, MDSEC_KIND_INTERFACE, &m->interfaces, &m->ninterfaces);
	take(L, MDSEC_KIND_ASSET, &m->assets, &m->nassets);
	take(L, MDSEC_KIND_FLOW, &m->flows, &m->nflows);
	take(L, MDSEC_KIND_HAZARD, &m->hazards, &m->nhazards);
	take(L, MDSEC_KIND_SOFTWARE, &m->software, &m->nsoftware);
	take(L, MDSEC_KIND_CONTROL, &m->controls, &m->ncontrols);
	take(L, MDSEC_KIND_DECISION, &m->decisions, &m->ndecisions);
	take(L, MDSEC_KIND_ASSUMPTION, &m->assumptions, &m->nassumptions);
	take(L, MDSEC_KIND_JUSTIFICATION, &m->justifications,
	     &m->njustifications);
	m->priv = L->priv;
	L->priv = NULL;
	*out = m;
	return 0;
}

static int load_common(mdsec_model **out, const char *path, const char *buf,
		       size_t len, const struct mdsec_model_options *opts,
		       struct mdsec_diag_list *dl)
{
	struct mdsec_model_options defaults = MDSEC_MODEL_OPTIONS_INIT;
	struct loader L;
	struct mdsec_loc none = { NULL, 0, 0 };
	size_t errors_before = dl->nerrors, k;
	int error = 0;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.dl = dl;
	L.opts = opts ? *opts : defaults;
	if (!L.opts.max_file_bytes)
		L.opts.max_file_bytes = MODEL_MAX_BYTES;
	if (!L.opts.max_include_depth)
		L.opts.max_include_depth = MODEL_MAX_INCLUDE_DEPTH;
	for (k = 0; k < MDSEC_KIND_COUNT; k++)
		L.objs[k].size = objtypes[k]->size;
	L.priv = xcalloc(1, sizeof(*L.priv));
	if (!L.priv)
		return MDSEC_ENOMEM;
	L.a = &L.priv->arena;

	error = load_file(&L, path, buf, len, none, true);
	if (L.nomem) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	if (error == MDSEC_ENOTFOUND || error == MDSEC_EIO ||
	    error == MDSEC_ELIMIT) {
		if (L.files.n == 0)
			goto out; /* the root itself could not be read */
	}
	if (L.files.n && !L.have_device && dl->nerrors == errors_before) {
		struct mdsec_loc l = { L.files.v[0], 1, 1 };

		diag_error(dl, l,
			   "missing key 'device' in model (expected a 'device' "
			   "section in the root file or an included file)");
	}
	error = model_validate(&L);
	if (L.nomem || error == MDSEC_ENOMEM) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	if (dl->nerrors != errors_before) {
		error = MDSEC_EINPUT;
		goto out;
	}
	error = model_build(out, &L, path);
out:
	loader_release(&L);
	priv_free(L.priv);
	return error;
}

int mdsec_model_load(mdsec_model **out, const char *path,
		     const struct mdsec_model_options *opts,
		     struct mdsec_diag_list *dl)
{
	return load_common(out, path, NULL, 0, opts, dl);
}

int mdsec_model_load_buffer(mdsec_model **out, const char *name,
			    const char *buf, size_t len,
			    const struct mdsec_model_options *opts,
			    struct mdsec_diag_list *dl)
{
	return load_common(out, name, buf ? buf : "", buf ? len : 0, opts, dl);
}

void mdsec_model_free(mdsec_model *m)
{
	if (!m)
		return;
	xfree(m->functions);
	xfree(m->performance);
	xfree(m->roles);
	xfree(m->zones);
	xfree(m->elements);
	xfree(m->interfaces);
	xfree(m->assets);
	xfree(m->flows);
	xfree(m->hazards);
	xfree(m->software);
	xfree(m->controls);
	xfree(m->decisions);
	xfree(m->assumptions);
	xfree(m->justifications);
	priv_free(m->priv);
	xfree(m);
}

long mdsec_model_decision(const mdsec_model *model, const char *threat)
{
	const struct model_priv *p = model->priv;
	const struct idrec *r = map_get(&p->decisions, threat);

	return r ? (long)r->index : -1;
}

const char *mdsec_model_display_path(const mdsec_model *model, const char *path)
{
	const struct model_priv *p = model->priv;
	size_t n = strlen(p->rootdir);

	if (n && !strncmp(path, p->rootdir, n))
		return path + n;
	return path;
}

int mdsec_model_lookup(enum mdsec_kind *kind_out, size_t *index_out,
		       const mdsec_model *model, const char *id)
{
	const struct model_priv *p = model->priv;
	const struct idrec *r = map_get(&p->ids, id);

	if (!r)
		return MDSEC_ENOTFOUND;
	*kind_out = r->kind;
	*index_out = r->index;
	return 0;
}
