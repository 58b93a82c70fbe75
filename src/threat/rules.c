/* SPDX-License-Identifier: Apache-2.0
 *
 * rules.c - load threat rules from YAML (docs/rules.md) and compile each
 * rule's condition into a tree the engine evaluates. Every problem is a
 * located diagnostic, and loading goes on to report them all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/vec.h"
#include "base/xalloc.h"
#include "model/ytree.h"
#include "threat/threat_int.h"
#include "base/banned.h"

#define RULES_MAX_BYTES ((size_t)16 << 20)
#define RULES_FORMAT	1
#define RULE_ID_MAX	64

/* clang-format off: one row per attribute, as docs/rules.md lists them. */
static const struct attr attrs[] = {
	{ "id", -1, A_ID, V_TEXT, NULL },
	{ "name", -1, A_NAME, V_TEXT, NULL },
	{ "description", -1, A_DESCRIPTION, V_TEXT, NULL },
	{ "kind", MDSEC_KIND_ELEMENT, A_EL_KIND, V_ENUM, "element-kind" },
	{ "platform", MDSEC_KIND_ELEMENT, A_EL_PLATFORM, V_TEXT, NULL },
	{ "trust", MDSEC_KIND_ELEMENT, A_EL_TRUST, V_ORD, "trust" },
	{ "exposure", MDSEC_KIND_ELEMENT, A_EL_EXPOSURE, V_ORD, "exposure" },
	{ "multi_patient", MDSEC_KIND_ELEMENT, A_EL_MULTI, V_BOOL, NULL },
	{ "users", MDSEC_KIND_ELEMENT, A_EL_USERS, V_SET, "role-kind" },
	{ "kind", MDSEC_KIND_INTERFACE, A_IF_KIND, V_ENUM, "interface-kind" },
	{ "exposure", MDSEC_KIND_INTERFACE, A_IF_EXPOSURE, V_ORD, "exposure" },
	{ "direction", MDSEC_KIND_INTERFACE, A_IF_DIRECTION, V_ENUM,
	  "direction" },
	{ "enabled_in_production", MDSEC_KIND_INTERFACE, A_IF_ENABLED, V_BOOL,
	  NULL },
	{ "protocol", MDSEC_KIND_INTERFACE, A_IF_PROTOCOL, V_TEXT, NULL },
	{ "port", MDSEC_KIND_INTERFACE, A_IF_PORT, V_INT, NULL },
	{ "commands", MDSEC_KIND_FLOW, A_FL_COMMANDS, V_SET, "command" },
	{ "protections", MDSEC_KIND_FLOW, A_FL_PROTECTIONS, V_SET,
	  "protection" },
	{ "code", MDSEC_KIND_FLOW, A_FL_CODE, V_BOOL, NULL },
	{ "crosses_boundary", MDSEC_KIND_FLOW, A_FL_CROSSES, V_BOOL, NULL },
	{ "protocol", MDSEC_KIND_FLOW, A_FL_PROTOCOL, V_TEXT, NULL },
	{ "exposure", MDSEC_KIND_FLOW, A_FL_EXPOSURE, V_ORD, "exposure" },
	{ "into_more_trusted", MDSEC_KIND_FLOW, A_FL_UPHILL, V_BOOL, NULL },
	{ "origin", MDSEC_KIND_SOFTWARE, A_SW_ORIGIN, V_ENUM, "origin" },
	{ "support", MDSEC_KIND_SOFTWARE, A_SW_SUPPORT, V_ENUM, "support" },
	{ "support_expired", MDSEC_KIND_SOFTWARE, A_SW_EXPIRED, V_BOOL, NULL },
	{ "support_ends_before_device", MDSEC_KIND_SOFTWARE, A_SW_BEFORE_DEVICE,
	  V_BOOL, NULL },
	{ "purl", MDSEC_KIND_SOFTWARE, A_SW_PURL, V_TEXT, NULL },
	{ "cpe", MDSEC_KIND_SOFTWARE, A_SW_CPE, V_TEXT, NULL },
	{ "license", MDSEC_KIND_SOFTWARE, A_SW_LICENSE, V_TEXT, NULL },
	{ "kind", MDSEC_KIND_ASSET, A_AS_KIND, V_ENUM, "asset-kind" },
	{ "confidentiality", MDSEC_KIND_ASSET, A_AS_CONF, V_ORD, "level" },
	{ "integrity", MDSEC_KIND_ASSET, A_AS_INTEG, V_ORD, "level" },
	{ "availability", MDSEC_KIND_ASSET, A_AS_AVAIL, V_ORD, "level" },
};

static const struct relation relations[] = {
	{ "from", MDSEC_KIND_FLOW, MDSEC_KIND_ELEMENT, R_FROM },
	{ "to", MDSEC_KIND_FLOW, MDSEC_KIND_ELEMENT, R_TO },
	{ "either_end", MDSEC_KIND_FLOW, MDSEC_KIND_ELEMENT, R_EITHER_END },
	{ "via_any", MDSEC_KIND_FLOW, MDSEC_KIND_INTERFACE, R_VIA_ANY },
	{ "assets_any", MDSEC_KIND_FLOW, MDSEC_KIND_ASSET, R_ASSETS_ANY },
	{ "assets_none", MDSEC_KIND_FLOW, MDSEC_KIND_ASSET, R_ASSETS_NONE },
	{ "host", MDSEC_KIND_ELEMENT, MDSEC_KIND_ELEMENT, R_HOST },
	{ "interfaces_any", MDSEC_KIND_ELEMENT, MDSEC_KIND_INTERFACE,
	  R_IFACES_ANY },
	{ "interfaces_none", MDSEC_KIND_ELEMENT, MDSEC_KIND_INTERFACE,
	  R_IFACES_NONE },
	{ "software_any", MDSEC_KIND_ELEMENT, MDSEC_KIND_SOFTWARE, R_SW_ANY },
	{ "software_none", MDSEC_KIND_ELEMENT, MDSEC_KIND_SOFTWARE, R_SW_NONE },
	{ "stores_any", MDSEC_KIND_ELEMENT, MDSEC_KIND_ASSET, R_STORES_ANY },
	{ "flows_in_any", MDSEC_KIND_ELEMENT, MDSEC_KIND_FLOW, R_FLOWS_IN_ANY },
	{ "flows_out_any", MDSEC_KIND_ELEMENT, MDSEC_KIND_FLOW,
	  R_FLOWS_OUT_ANY },
	{ "reachable_from", MDSEC_KIND_ELEMENT, MDSEC_KIND_ELEMENT,
	  R_REACHABLE_FROM },
	{ "element", MDSEC_KIND_INTERFACE, MDSEC_KIND_ELEMENT, R_ELEMENT },
	{ "element", MDSEC_KIND_SOFTWARE, MDSEC_KIND_ELEMENT, R_ELEMENT },
	{ "stored_on_any", MDSEC_KIND_ASSET, MDSEC_KIND_ELEMENT,
	  R_STORED_ON_ANY },
	{ "carried_by_any", MDSEC_KIND_ASSET, MDSEC_KIND_FLOW,
	  R_CARRIED_BY_ANY },
};
/* clang-format on */

static const char *const stride_names[] = { "spoofing",
					    "tampering",
					    "repudiation",
					    "information-disclosure",
					    "denial-of-service",
					    "elevation-of-privilege",
					    NULL };
static const char *const target_names[] = { "element",	"interface", "flow",
					    "software", "asset",     NULL };
static const enum mdsec_kind target_kinds[] = {
	MDSEC_KIND_ELEMENT, MDSEC_KIND_INTERFACE, MDSEC_KIND_FLOW,
	MDSEC_KIND_SOFTWARE, MDSEC_KIND_ASSET
};
static const char *const complexity_names[] = { "low", "medium", "high", NULL };

const char *mdsec_stride_name(enum mdsec_stride s)
{
	return (unsigned)s < 6 ? stride_names[s] : "unknown";
}

struct rloader {
	struct arena *a;
	struct mdsec_diag_list *dl;
	const char *file;
	struct rules_priv *priv;
	VEC(struct mdsec_rule) rules;
	bool nomem;
};

static struct mdsec_loc at(const struct rloader *R, const struct ynode *n)
{
	struct mdsec_loc l = { R->file, n->line, n->col };

	return l;
}

/* What a node is, for messages; empty collections say so, since "'all'
 * is a list (expected a non-empty list)" would read as a contradiction. */
static const char *node_what(const struct ynode *n)
{
	if (n->type == YNODE_SEQUENCE && n->n == 0)
		return "an empty list";
	if (n->type == YNODE_MAPPING && n->n == 0)
		return "an empty mapping";
	return ynode_type_name(n);
}

/* "a flow", "an element": a target kind with its article. */
static const char *a_kind(enum mdsec_kind k, char *buf, size_t len)
{
	const char *name = mdsec_kind_name(k);

	if (k == MDSEC_KIND_SOFTWARE)
		name = "software component";
	snprintf(buf, len, "%s %s", strchr("aeiou", name[0]) ? "an" : "a",
		 name);
	return buf;
}

static int index_of(const char *const *names, const char *s)
{
	int i;

	for (i = 0; names[i]; i++) {
		if (!strcmp(names[i], s))
			return i;
	}
	return -1;
}

/* A value of `names`, or a diagnostic naming the choices; -1 on error. */
static int enum_value(struct rloader *R, const struct ynode *v,
		      const char *const *names, const char *what)
{
	const char *s;
	int i;

	if (v->type != YNODE_SCALAR || ynode_is_null(v)) {
		diag_error(R->dl, at(R, v), "%s is %s (expected a name)", what,
			   ynode_type_name(v));
		return -1;
	}
	i = index_of(names, v->str);
	if (i >= 0)
		return i;
	s = suggest_closest(v->str, names, (size_t)-1);
	if (s) {
		diag_error(R->dl, at(R, v),
			   "unknown %s '%s' (did you mean '%s'?)", what, v->str,
			   s);
	} else {
		struct strbuf sb = STRBUF_INIT;

		for (i = 0; names[i]; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", names[i]);
		diag_error(R->dl, at(R, v),
			   "unknown %s '%s' (expected one of: %s)", what,
			   v->str, sb.buf);
		strbuf_release(&sb);
	}
	return -1;
}

static const struct attr *find_attr(enum mdsec_kind target, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(attrs) / sizeof(*attrs); i++) {
		if (!strcmp(attrs[i].name, key) &&
		    (attrs[i].target < 0 || attrs[i].target == (int)target))
			return &attrs[i];
	}
	return NULL;
}

static const struct relation *find_rel(enum mdsec_kind target, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(relations) / sizeof(*relations); i++) {
		if (!strcmp(relations[i].name, key) &&
		    relations[i].from == target)
			return &relations[i];
	}
	return NULL;
}

static struct cond *new_cond(struct rloader *R, enum cond_op op)
{
	struct cond *c = arena_alloc(R->a, sizeof(*c));

	if (!c)
		R->nomem = true;
	else
		c->op = op;
	return c;
}

static struct cond *compile(struct rloader *R, const struct ynode *n,
			    enum mdsec_kind target);

/*
 * A key that is a condition of other targets only ('host' on a flow):
 * say which, rather than "unknown". False when no target has it.
 */
static bool other_target_key(struct rloader *R, const struct ynode *k,
			     enum mdsec_kind target)
{
	struct strbuf sb = STRBUF_INIT;
	char art[40];
	const char *sep;
	size_t t, i, n = 0, count = 0;
	bool has[5];

	for (t = 0; t < 5; t++) {
		has[t] = false;
		for (i = 0; i < sizeof(attrs) / sizeof(*attrs); i++) {
			if (attrs[i].target == (int)target_kinds[t] &&
			    !strcmp(attrs[i].name, k->str))
				has[t] = true;
		}
		for (i = 0; i < sizeof(relations) / sizeof(*relations); i++) {
			if (relations[i].from == target_kinds[t] &&
			    !strcmp(relations[i].name, k->str))
				has[t] = true;
		}
		count += has[t];
	}
	if (!count)
		return false;
	for (t = 0; t < 5; t++) {
		if (!has[t])
			continue;
		n++;
		sep = n == 1 ? "" : n == count ? " or " : ", ";
		if (strbuf_addf(&sb, "%s%s", sep,
				a_kind(target_kinds[t], art, sizeof(art))) < 0)
			R->nomem = true;
	}
	diag_error(R->dl, at(R, k),
		   "condition '%s' does not apply to %s (it applies to %s)",
		   k->str, a_kind(target, art, sizeof(art)), sb.buf);
	strbuf_release(&sb);
	return true;
}

/* The keys a condition on `target` accepts, for "did you mean". */
static void unknown_cond_key(struct rloader *R, const struct ynode *k,
			     enum mdsec_kind target)
{
	const char *names[64];
	size_t n = 0, i;
	const char *s;
	struct strbuf sb = STRBUF_INIT;
	char art[40];

	if (other_target_key(R, k, target))
		return;
	names[n++] = "all";
	names[n++] = "any";
	names[n++] = "not";
	names[n++] = "controlled_by";
	names[n++] = "justified";
	for (i = 0; i < sizeof(attrs) / sizeof(*attrs) && n < 63; i++) {
		if (attrs[i].target < 0 || attrs[i].target == (int)target)
			names[n++] = attrs[i].name;
	}
	for (i = 0; i < sizeof(relations) / sizeof(*relations) && n < 63; i++) {
		if (relations[i].from == target)
			names[n++] = relations[i].name;
	}
	s = suggest_closest(k->str, names, n);
	if (s) {
		diag_error(R->dl, at(R, k),
			   "unknown condition '%s' for %s (did you mean "
			   "'%s'?)",
			   k->str, a_kind(target, art, sizeof(art)), s);
		return;
	}
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", names[i]);
	diag_error(R->dl, at(R, k),
		   "unknown condition '%s' for %s (expected one of: %s)",
		   k->str, a_kind(target, art, sizeof(art)), sb.buf);
	strbuf_release(&sb);
}

/* Values of an enumeration given as one name or a list, as bits. */
static bool enum_bits(struct rloader *R, const struct ynode *v,
		      const char *enumeration, unsigned long *bits,
		      const char *what)
{
	const char *const *names = mdsec_enum_names(enumeration);
	const struct ynode *it;
	bool ok = true;
	int i;

	*bits = 0;
	if (v->type == YNODE_SCALAR) {
		i = enum_value(R, v, names, what);
		if (i < 0)
			return false;
		*bits = 1ul << i;
		return true;
	}
	if (v->type != YNODE_SEQUENCE || v->n == 0) {
		diag_error(R->dl, at(R, v),
			   "%s is %s (expected a name or a list of names)",
			   what, node_what(v));
		return false;
	}
	for (it = v->child; it; it = it->next) {
		i = enum_value(R, it, names, what);
		if (i < 0)
			ok = false;
		else
			*bits |= 1ul << i;
	}
	return ok;
}

static int parse_bool(const struct ynode *v)
{
	if (v->type != YNODE_SCALAR || !v->plain)
		return -1;
	if (!strcmp(v->str, "true"))
		return 1;
	if (!strcmp(v->str, "false"))
		return 0;
	return -1;
}

static const char *lower_dup(struct rloader *R, const char *s)
{
	char *p = arena_strdup(R->a, s);
	size_t i;

	if (!p) {
		R->nomem = true;
		return "";
	}
	for (i = 0; p[i]; i++) {
		if (p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
	}
	return p;
}

/* A test written as a mapping: {min: v}, {has_any: [..]}, ... */
static struct cond *compile_test_map(struct rloader *R, const struct ynode *v,
				     const struct attr *a)
{
	static const char *const ops[] = {
		"min",	     "max",	     "has_any", "has_all", "lacks_all",
		"lacks_any", "contains_any", "present", NULL
	};
	const struct ynode *k = v->child, *val;
	struct cond *c;
	int op, b;
	bool ok = false;

	if (v->n != 2) {
		diag_error(R->dl, at(R, v),
			   "test on '%s' has %u keys (expected exactly one, "
			   "such as min, has_any or present)",
			   a->name, v->n / 2);
		return NULL;
	}
	op = enum_value(R, k, ops, "test");
	if (op < 0)
		return NULL;
	val = k->next;
	c = new_cond(R, C_TEST);
	if (!c)
		return NULL;
	c->attr = a;
	switch (op) {
	case 0:
	case 1:
		if (a->type != V_ORD)
			break;
		c->test = op == 0 ? T_MIN : T_MAX;
		c->ord = enum_value(R, val, mdsec_enum_names(a->enumeration),
				    a->name);
		return c->ord < 0 ? NULL : c;
	case 2:
	case 3:
	case 4:
	case 5:
		if (a->type != V_SET)
			break;
		c->test = op == 2   ? T_HAS_ANY
			  : op == 3 ? T_HAS_ALL
			  : op == 4 ? T_LACKS_ALL
				    : T_LACKS_ANY;
		ok = enum_bits(R, val, a->enumeration, &c->bits, a->name);
		return ok ? c : NULL;
	case 6:
		if (a->type != V_TEXT)
			break;
		c->test = T_CONTAINS;
		if (val->type == YNODE_SCALAR && !ynode_is_null(val)) {
			c->words = arena_alloc(R->a, sizeof(*c->words));
			if (!c->words) {
				R->nomem = true;
				return NULL;
			}
			c->words[0] = lower_dup(R, val->str);
			c->nwords = 1;
			return c;
		}
		if (val->type == YNODE_SEQUENCE && val->n) {
			const struct ynode *it;

			c->words = arena_array(R->a, val->n, sizeof(*c->words));
			if (!c->words) {
				R->nomem = true;
				return NULL;
			}
			for (it = val->child; it; it = it->next) {
				if (it->type != YNODE_SCALAR) {
					diag_error(R->dl, at(R, it),
						   "word is %s (expected a "
						   "string)",
						   ynode_type_name(it));
					return NULL;
				}
				c->words[c->nwords++] = lower_dup(R, it->str);
			}
			return c;
		}
		diag_error(R->dl, at(R, val),
			   "contains_any is %s (expected a word or a list of "
			   "words)",
			   ynode_type_name(val));
		return NULL;
	case 7:
		b = parse_bool(val);
		if (b < 0) {
			diag_error(R->dl, at(R, val),
				   "present is not a boolean (expected true or "
				   "false)");
			return NULL;
		}
		c->test = T_PRESENT;
		c->bval = b;
		return c;
	}
	diag_error(R->dl, at(R, k),
		   "test '%s' does not apply to '%s' (expected %s)", k->str,
		   a->name,
		   a->type == V_ORD ? "a value, a list, min or max"
		   : a->type == V_SET
			   ? "has_any, has_all, lacks_all or lacks_any"
		   : a->type == V_TEXT ? "contains_any or present"
		   : a->type == V_INT  ? "present"
				       : "a value or present");
	return NULL;
}

static struct cond *compile_test(struct rloader *R, const struct ynode *v,
				 const struct attr *a)
{
	struct cond *c;
	int b;

	if (v->type == YNODE_MAPPING)
		return compile_test_map(R, v, a);
	c = new_cond(R, C_TEST);
	if (!c)
		return NULL;
	c->attr = a;
	c->test = T_IN;
	switch (a->type) {
	case V_BOOL:
		b = parse_bool(v);
		if (b < 0) {
			diag_error(R->dl, at(R, v),
				   "'%s' needs true or false (expected a "
				   "boolean)",
				   a->name);
			return NULL;
		}
		c->bval = b;
		return c;
	case V_ENUM:
	case V_ORD:
		return enum_bits(R, v, a->enumeration, &c->bits, a->name)
			       ? c
			       : NULL;
	default:
		diag_error(R->dl, at(R, v),
			   "'%s' cannot be compared to a value (expected a "
			   "test such as %s)",
			   a->name,
			   a->type == V_SET    ? "{has_any: [...]}"
			   : a->type == V_TEXT ? "{contains_any: [...]} or "
						 "{present: true}"
					       : "{present: true}");
		return NULL;
	}
}

static struct cond *compile_list(struct rloader *R, const struct ynode *v,
				 enum cond_op op, enum mdsec_kind target)
{
	struct cond *c;
	const struct ynode *it;
	bool ok = true;

	if (v->type != YNODE_SEQUENCE || v->n == 0) {
		diag_error(R->dl, at(R, v),
			   "'%s' is %s (expected a non-empty list of "
			   "conditions)",
			   op == C_ALL ? "all" : "any", node_what(v));
		return NULL;
	}
	c = new_cond(R, op);
	if (!c)
		return NULL;
	c->kids = arena_array(R->a, v->n, sizeof(*c->kids));
	if (!c->kids) {
		R->nomem = true;
		return NULL;
	}
	/* Compile every item, to report every mistake in the list. */
	for (it = v->child; it; it = it->next) {
		struct cond *k = compile(R, it, target);

		if (!k)
			ok = false;
		else
			c->kids[c->nkids++] = k;
	}
	return ok ? c : NULL;
}

/* One key of a condition mapping. */
static struct cond *compile_key(struct rloader *R, const struct ynode *k,
				enum mdsec_kind target)
{
	const struct ynode *v = k->next;
	const struct attr *a;
	const struct relation *rel;
	struct cond *c;
	unsigned long bits;
	int b;

	if (!strcmp(k->str, "all"))
		return compile_list(R, v, C_ALL, target);
	if (!strcmp(k->str, "any"))
		return compile_list(R, v, C_ANY, target);
	if (!strcmp(k->str, "not")) {
		c = new_cond(R, C_NOT);
		if (!c)
			return NULL;
		c->kids = arena_alloc(R->a, sizeof(*c->kids));
		if (!c->kids) {
			R->nomem = true;
			return NULL;
		}
		c->kids[0] = compile(R, v, target);
		c->nkids = 1;
		return c->kids[0] ? c : NULL;
	}
	if (!strcmp(k->str, "controlled_by")) {
		if (!enum_bits(R, v, "control-category", &bits,
			       "control category"))
			return NULL;
		c = new_cond(R, C_CONTROLLED);
		if (c)
			c->bits = bits;
		return c;
	}
	if (!strcmp(k->str, "justified")) {
		b = parse_bool(v);
		if (b < 0) {
			diag_error(R->dl, at(R, v),
				   "'justified' needs true or false (expected "
				   "a boolean)");
			return NULL;
		}
		c = new_cond(R, C_JUSTIFIED);
		if (c)
			c->bval = b;
		return c;
	}
	a = find_attr(target, k->str);
	if (a)
		return compile_test(R, v, a);
	rel = find_rel(target, k->str);
	if (rel) {
		c = new_cond(R, C_REL);
		if (!c)
			return NULL;
		c->rel = rel;
		c->sub = compile(R, v, rel->to);
		if (rel->id == R_REACHABLE_FROM)
			c->memo = R->priv->nmemo++;
		return c->sub ? c : NULL;
	}
	unknown_cond_key(R, k, target);
	return NULL;
}

static struct cond *compile(struct rloader *R, const struct ynode *n,
			    enum mdsec_kind target)
{
	const struct ynode *k;
	struct cond *all, *c;
	bool ok = true;

	if (n->type != YNODE_MAPPING || n->n == 0) {
		diag_error(R->dl, at(R, n),
			   "a condition is %s (expected a mapping such as "
			   "{kind: device})",
			   node_what(n));
		return NULL;
	}
	if (n->n == 2)
		return compile_key(R, n->child, target);
	all = new_cond(R, C_ALL);
	if (!all)
		return NULL;
	all->kids = arena_array(R->a, n->n / 2, sizeof(*all->kids));
	if (!all->kids) {
		R->nomem = true;
		return NULL;
	}
	for (k = n->child; k && k->next; k = k->next->next) {
		c = compile_key(R, k, target);
		if (!c)
			ok = false;
		else
			all->kids[all->nkids++] = c;
	}
	return ok ? all : NULL;
}

static bool valid_rule_id(const char *s)
{
	size_t i;

	if (!s[0] || strlen(s) > RULE_ID_MAX)
		return false;
	for (i = 0; s[i]; i++) {
		char ch = s[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      (i > 0 && ch == '-')))
			return false;
	}
	return true;
}

static bool int_list(struct rloader *R, const struct ynode *v, const int **out,
		     size_t *n, const char *key, const char *what)
{
	const struct ynode *it;
	int *arr;
	char *end;
	long x;

	if (v->type != YNODE_SEQUENCE) {
		diag_error(R->dl, at(R, v),
			   "'%s' is %s (expected a list of "
			   "numbers)",
			   key, ynode_type_name(v));
		return false;
	}
	arr = arena_array(R->a, v->n, sizeof(*arr));
	if (v->n && !arr) {
		R->nomem = true;
		return false;
	}
	*n = 0;
	for (it = v->child; it; it = it->next) {
		x = it->type == YNODE_SCALAR && it->plain
			    ? strtol(it->str, &end, 10)
			    : -1;
		if (x <= 0 || x > 100000 || *end) {
			diag_error(R->dl, at(R, it),
				   "invalid %s id '%s' (expected a number such "
				   "as 306)",
				   what,
				   it->type == YNODE_SCALAR ? it->str : "");
			return false;
		}
		arr[(*n)++] = (int)x;
	}
	*out = arr;
	return true;
}

static const char *text(struct rloader *R, const struct ynode *v,
			const char *key)
{
	if (v->type == YNODE_SCALAR && !ynode_is_null(v))
		return v->str;
	diag_error(R->dl, at(R, v), "'%s' is %s (expected text)", key,
		   ynode_type_name(v));
	return NULL;
}

static void load_rule(struct rloader *R, const struct ynode *m)
{
	static const char *const keys[] = {
		"id",	     "title", "target",	     "stride",
		"capec",     "cwe",   "complexity",  "when",
		"rationale", "harm",  "mitigations", NULL
	};
	const struct ynode *k, *seen[11] = { NULL }, *when = NULL;
	struct mdsec_rule r;
	unsigned long bits;
	bool ok = true;
	int i;

	memset(&r, 0, sizeof(r));
	r.complexity = 1;
	r.target = MDSEC_KIND_COUNT;
	r.loc = at(R, m);
	if (m->type != YNODE_MAPPING) {
		diag_error(R->dl, at(R, m), "a rule is %s (expected a mapping)",
			   ynode_type_name(m));
		return;
	}
	for (k = m->child; k && k->next; k = k->next->next) {
		i = k->type == YNODE_SCALAR ? index_of(keys, k->str) : -1;
		if (i < 0) {
			const char *s = k->type == YNODE_SCALAR
						? suggest_closest(k->str, keys,
								  (size_t)-1)
						: NULL;

			if (s)
				diag_error(R->dl, at(R, k),
					   "unknown key '%s' in rule (did you "
					   "mean '%s'?)",
					   k->str, s);
			else
				diag_error(R->dl, at(R, k),
					   "unknown key '%s' in rule (expected "
					   "one of: id, title, target, stride, "
					   "capec, cwe, complexity, when, "
					   "rationale, harm, mitigations)",
					   k->str);
			ok = false;
			continue;
		}
		if (seen[i]) {
			diag_error(R->dl, at(R, k),
				   "duplicate key '%s' in rule (first given at "
				   "line %u)",
				   k->str, seen[i]->line);
			ok = false;
			continue;
		}
		seen[i] = k;
	}
	if (seen[0]) {
		r.id = text(R, seen[0]->next, "id");
		if (r.id && !valid_rule_id(r.id)) {
			diag_error(R->dl, at(R, seen[0]->next),
				   "invalid rule id '%s' (expected upper-case "
				   "letters, digits and '-', at most %d)",
				   r.id, RULE_ID_MAX);
			r.id = NULL;
		}
	}
	for (i = 0; keys[i]; i++) {
		static const bool required[] = {
			1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1
		};

		if (required[i] && !seen[i]) {
			diag_error(R->dl, at(R, m),
				   "missing key '%s' in rule '%s'", keys[i],
				   r.id ? r.id : "?");
			ok = false;
		}
	}
	if (seen[1])
		r.title = text(R, seen[1]->next, "title");
	if (seen[2]) {
		i = enum_value(R, seen[2]->next, target_names, "target");
		if (i >= 0)
			r.target = target_kinds[i];
		else
			ok = false;
	}
	if (seen[3]) {
		i = enum_value(R, seen[3]->next, stride_names,
			       "STRIDE category");
		if (i >= 0)
			r.stride = (enum mdsec_stride)i;
		else
			ok = false;
	}
	if (seen[4] &&
	    !int_list(R, seen[4]->next, &r.capec, &r.ncapec, "capec", "CAPEC"))
		ok = false;
	if (seen[5] &&
	    !int_list(R, seen[5]->next, &r.cwe, &r.ncwe, "cwe", "CWE"))
		ok = false;
	if (seen[6]) {
		r.complexity = enum_value(R, seen[6]->next, complexity_names,
					  "complexity");
		if (r.complexity < 0)
			ok = false;
	}
	if (seen[7])
		when = seen[7]->next;
	if (seen[8])
		r.rationale = text(R, seen[8]->next, "rationale");
	if (seen[9])
		r.harm = text(R, seen[9]->next, "harm");
	if (seen[10]) {
		if (enum_bits(R, seen[10]->next, "control-category", &bits,
			      "control category"))
			r.mitigations = (unsigned)bits;
		else
			ok = false;
	}
	if (when && r.target != MDSEC_KIND_COUNT) {
		r.cond = compile(R, when, r.target);
		if (!r.cond)
			ok = false;
	}
	if (!ok || !r.id || !r.title || !r.rationale || !r.harm || !r.cond)
		return;
	if (vec_push(&R->rules, r) < 0)
		R->nomem = true;
}

static void load_text(struct rloader *R, const char *buf, size_t len)
{
	static const char *const top_keys[] = { "format", "rules", NULL };
	const struct ynode *k, *root = NULL, *rules = NULL, *fmt = NULL, *it;
	struct ynode *tree = NULL;
	struct mdsec_loc top = { R->file, 1, 1 };
	const char *s;

	if (ytree_parse(&tree, R->a, R->a, R->file, buf, len, R->dl) < 0)
		return;
	root = tree;
	if (!root || root->type != YNODE_MAPPING) {
		diag_error(R->dl, root ? at(R, root) : top,
			   "a rule file is %s (expected a mapping with "
			   "'format' and 'rules')",
			   root ? ynode_type_name(root) : "empty");
		return;
	}
	for (k = root->child; k && k->next; k = k->next->next) {
		if (k->type == YNODE_SCALAR && !strcmp(k->str, "format"))
			fmt = k->next;
		else if (k->type == YNODE_SCALAR && !strcmp(k->str, "rules"))
			rules = k->next;
		else if (k->type == YNODE_SCALAR &&
			 (s = suggest_closest(k->str, top_keys, (size_t)-1)))
			diag_error(R->dl, at(R, k),
				   "unknown key '%s' in rule file (did you "
				   "mean '%s'?)",
				   k->str, s);
		else
			diag_error(R->dl, at(R, k),
				   "unknown key '%s' in rule file (expected "
				   "format or rules)",
				   k->type == YNODE_SCALAR ? k->str : "");
	}
	if (!fmt || fmt->type != YNODE_SCALAR || strcmp(fmt->str, "1") != 0)
		diag_error(R->dl, fmt ? at(R, fmt) : at(R, root),
			   "%s rule file format (expected 'format: %d')",
			   fmt ? "unsupported" : "missing", RULES_FORMAT);
	if (!rules || rules->type != YNODE_SEQUENCE) {
		diag_error(R->dl, rules ? at(R, rules) : at(R, root),
			   "%s 'rules' (expected a list of rules)",
			   rules ? "malformed" : "missing");
		return;
	}
	for (it = rules->child; it; it = it->next)
		load_rule(R, it);
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct mdsec_rule *)a)->id,
		      ((const struct mdsec_rule *)b)->id);
}

/* A rule's id and its place in load order, to find duplicates. */
struct rule_seq {
	const struct mdsec_rule *rule;
	size_t seq;
};

static int cmp_rule_seq(const void *a, const void *b)
{
	const struct rule_seq *x = a, *y = b;
	int c = strcmp(x->rule->id, y->rule->id);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Report each rule whose id an earlier rule already has, against the
 * first one in load order (files in the order read, directories in the
 * order given): that order, not the sorted paths, says which is the
 * copy. 0 or MDSEC_ENOMEM.
 */
static int check_duplicates(struct rloader *R)
{
	struct rule_seq *v;
	size_t i, first;

	if (R->rules.n < 2)
		return 0;
	v = xcalloc(R->rules.n, sizeof(*v));
	if (!v)
		return MDSEC_ENOMEM;
	for (i = 0; i < R->rules.n; i++) {
		v[i].rule = &R->rules.v[i];
		v[i].seq = i;
	}
	qsort(v, R->rules.n, sizeof(*v), cmp_rule_seq);
	for (i = 1, first = 0; i < R->rules.n; i++) {
		const struct mdsec_rule *f = v[first].rule, *r = v[i].rule;

		if (strcmp(r->id, f->id) != 0) {
			first = i;
			continue;
		}
		diag_error(R->dl, r->loc,
			   "duplicate rule id '%s' (first defined at "
			   "%s:%u:%u)",
			   r->id, f->loc.file, f->loc.line, f->loc.col);
	}
	xfree(v);
	return 0;
}

/* Finish: reject duplicates, sort by id, hand over. */
static int finish(mdsec_ruleset **out, struct rloader *R, size_t errors0)
{
	mdsec_ruleset *rs;

	if (R->nomem || check_duplicates(R) < 0)
		return MDSEC_ENOMEM;
	if (R->dl->nerrors != errors0)
		return MDSEC_EINPUT;
	if (R->rules.n)
		qsort(R->rules.v, R->rules.n, sizeof(*R->rules.v), cmp_rule);
	rs = xcalloc(1, sizeof(*rs));
	if (!rs)
		return MDSEC_ENOMEM;
	rs->rules = R->rules.v;
	rs->nrules = R->rules.n;
	rs->priv = R->priv;
	R->rules.v = NULL;
	R->rules.n = R->rules.alloc = 0;
	R->priv = NULL;
	*out = rs;
	return 0;
}

static void rloader_release(struct rloader *R)
{
	vec_release(&R->rules);
	if (R->priv) {
		arena_release(&R->priv->arena);
		xfree(R->priv);
	}
}

static int rloader_init(struct rloader *R, struct mdsec_diag_list *dl)
{
	memset(R, 0, sizeof(*R));
	R->dl = dl;
	R->priv = xcalloc(1, sizeof(*R->priv));
	if (!R->priv)
		return MDSEC_ENOMEM;
	R->a = &R->priv->arena;
	return 0;
}

int mdsec_rules_load_buffer(mdsec_ruleset **out, const char *name,
			    const char *buf, size_t len,
			    struct mdsec_diag_list *dl)
{
	struct rloader R;
	size_t errors0 = dl->nerrors;
	int error;

	*out = NULL;
	error = rloader_init(&R, dl);
	if (error < 0)
		return error;
	R.file = arena_strdup(R.a, name);
	if (!R.file) {
		rloader_release(&R);
		return MDSEC_ENOMEM;
	}
	load_text(&R, buf, len);
	error = finish(out, &R, errors0);
	rloader_release(&R);
	return error;
}

static const char *const yaml_suffix[] = { ".yaml", NULL };

int mdsec_rules_load(mdsec_ruleset **out, const char *const *dirs, size_t ndirs,
		     struct mdsec_diag_list *dl)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct mdsec_loc none = { NULL, 0, 0 };
	struct rloader R;
	size_t errors0 = dl->nerrors, d, i;
	char **names = NULL;
	int error;

	*out = NULL;
	error = rloader_init(&R, dl);
	if (error < 0)
		return error;
	for (d = 0; d < ndirs; d++) {
		error = dir_list(&names, dirs[d], yaml_suffix);
		if (error < 0) {
			none.file = dirs[d];
			diag_error(dl, none,
				   "cannot read rule directory: %s (expected "
				   "a directory of *.yaml rule files)",
				   strerror(errno ? errno : ENOENT));
			if (error != MDSEC_ENOMEM)
				error = MDSEC_ENOTFOUND;
			goto out;
		}
		for (i = 0; names[i]; i++) {
			strbuf_reset(&path);
			strbuf_reset(&text);
			if (strbuf_addf(&path, "%s/%s", dirs[d], names[i]) <
			    0) {
				error = MDSEC_ENOMEM;
				goto out;
			}
			R.file = arena_strdup(R.a, path.buf);
			if (!R.file) {
				error = MDSEC_ENOMEM;
				goto out;
			}
			error = file_read_capped(&text, path.buf,
						 RULES_MAX_BYTES);
			if (error < 0) {
				none.file = R.file;
				diag_error(dl, none,
					   "cannot read rule file (expected a "
					   "readable file under %zu bytes)",
					   RULES_MAX_BYTES);
				continue;
			}
			load_text(&R, text.buf, text.len);
		}
		dir_list_free(names);
		names = NULL;
	}
	error = finish(out, &R, errors0);
out:
	dir_list_free(names);
	strbuf_release(&path);
	strbuf_release(&text);
	rloader_release(&R);
	return error;
}

void mdsec_rules_free(mdsec_ruleset *rs)
{
	struct rules_priv *p;

	if (!rs)
		return;
	p = rs->priv;
	xfree(rs->rules);
	if (p) {
		arena_release(&p->arena);
		xfree(p);
	}
	xfree(rs);
}
