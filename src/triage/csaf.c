/* SPDX-License-Identifier: Apache-2.0
 *
 * csaf.c - CSAF 2.0 (OASIS, 2022-11-18) in and out. Read: any document
 * category (csaf_vex, csaf_security_advisory, the base profile); the
 * product tree's branches (vendor, product_name, product_version or
 * product_version_range), full_product_names and relationships give each
 * product_id its purl, CPE, name and version (a relationship's product is
 * the component it names, product_reference); every product listed in a
 * vulnerability's product_status becomes one entry, with the flag label
 * (3.2.3.5) as justification, the remediations (3.2.3.12) as responses
 * and action, and the impact threat (3.2.3.14) as detail. Written: a
 * csaf_vex document (profile 4.5) whose product tree is the device
 * (vendor / product name / version) and its components, each related to
 * the device with default_component_of; one vulnerability per id with
 * product_status, flags for not_affected, remediations for affected, as
 * the mandatory tests of section 6.1 require.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/jsonw.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "triage/triage_int.h"

#include "base/banned.h"

/* CSAF 2.0 3.2.3.9 product status categories, as states. */
static const struct {
	const char *key;
	enum mdsec_triage_state state;
	bool statement; /* false: "recommended" names no status */
} csaf_status[] = {
	{ "first_affected", MDSEC_TRIAGE_AFFECTED, true },
	{ "first_fixed", MDSEC_TRIAGE_FIXED, true },
	{ "fixed", MDSEC_TRIAGE_FIXED, true },
	{ "known_affected", MDSEC_TRIAGE_AFFECTED, true },
	{ "known_not_affected", MDSEC_TRIAGE_NOT_AFFECTED, true },
	{ "last_affected", MDSEC_TRIAGE_AFFECTED, true },
	{ "recommended", MDSEC_TRIAGE_UNDER_INVESTIGATION, false },
	{ "under_investigation", MDSEC_TRIAGE_UNDER_INVESTIGATION, true },
};
#define NSTATUS (sizeof(csaf_status) / sizeof(csaf_status[0]))

/* CSAF 2.0 3.2.3.12.1 remediation categories, as responses. */
static const struct {
	const char *category;
	unsigned response;
} csaf_remediation[] = {
	{ "mitigation", MDSEC_TRIAGE_WORKAROUND_AVAILABLE },
	{ "no_fix_planned", MDSEC_TRIAGE_WILL_NOT_FIX },
	{ "none_available", MDSEC_TRIAGE_CAN_NOT_FIX },
	{ "vendor_fix", MDSEC_TRIAGE_UPDATE },
	{ "workaround", MDSEC_TRIAGE_WORKAROUND_AVAILABLE },
};
#define NREMEDIATION (sizeof(csaf_remediation) / sizeof(csaf_remediation[0]))

/* ---------------------------------------------------------------------
 * Reading
 */

struct csaf_ctx {
	struct map products; /* product_id -> struct mdsec_triage_subject * */
	struct map groups;   /* group_id -> json_t * (its product_ids) */
};

/* A version range as vers: a vers string as it is, a bare constraint
 * such as "<=1.14.0" in the generic scheme; otherwise NULL. */
static const char *range_of(struct triage_reader *r, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	if (!strncmp(name, "vers:", 5))
		return name;
	if (!strchr("<>=!", name[0]) || strchr(name, ' '))
		return NULL;
	strbuf_addf(&sb, "vers:generic/%s", name);
	out = triage_str(r->t, sb.buf);
	strbuf_release(&sb);
	return out;
}

struct branch_path {
	const char *product_name;
	const char *version;
	const char *range;
};

static int register_product(struct triage_reader *r, struct csaf_ctx *x,
			    json_t *fpn, const struct branch_path *bp)
{
	struct mdsec_triage_subject *s;
	const char *id, *name, *purl, *cpe;
	json_t *helper;
	void *old = NULL;
	int rc;

	if (!json_is_object(fpn))
		return tr_error(r, NULL,
				"a product is %s (expected an object with "
				"\"name\" and \"product_id\")",
				json_type_name(fpn));
	id = tr_string(r, fpn, "product_id", true);
	name = tr_string(r, fpn, "name", true);
	helper = tr_object(r, fpn, "product_identification_helper");
	if (!id || !name || r->jp.nerrors)
		return MDSEC_EINPUT;
	s = triage_alloc(r->t, sizeof(*s));
	if (!s)
		return MDSEC_ENOMEM;
	s->ref = id;
	s->name = bp && bp->product_name ? bp->product_name : name;
	if (bp && bp->product_name) {
		s->version = bp->version;
		s->range = bp->range;
	}
	if (helper) {
		tr_push_key(r, "product_identification_helper");
		purl = tr_string(r, helper, "purl", false);
		cpe = tr_string(r, helper, "cpe", false);
		s->purl = tr_purl(r, purl, "purl");
		s->cpe = tr_cpe(r, cpe, "cpe");
		tr_pop(r);
		if (r->jp.nerrors)
			return MDSEC_EINPUT;
	}
	rc = map_put(&x->products, id, s, &old);
	if (rc < 0)
		return rc;
	if (rc == 1)
		return tr_error(r, "product_id",
				"product_id '%s' is defined twice (expected "
				"each product once, CSAF 6.1.2)",
				id);
	return 0;
}

static int read_branches(struct triage_reader *r, struct csaf_ctx *x,
			 json_t *branches, struct branch_path bp, int depth)
{
	size_t i;
	int rc = 0;

	if (depth > 30)
		return tr_error(r, NULL,
				"branches nested deeper than 30 levels "
				"(expected at most 30, CSAF 6.1.34)");
	for (i = 0; i < json_array_size(branches) && rc == 0; i++) {
		json_t *b = json_array_get(branches, i), *kids, *prod;
		struct branch_path sub = bp;
		const char *cat, *name;

		tr_push_index(r, i);
		if (!json_is_object(b)) {
			rc = tr_error(r, NULL,
				      "a branch is %s (expected an object)",
				      json_type_name(b));
			tr_pop(r);
			break;
		}
		cat = tr_string(r, b, "category", true);
		name = tr_string(r, b, "name", true);
		kids = tr_array(r, b, "branches");
		prod = tr_object(r, b, "product");
		if (r->jp.nerrors) {
			rc = MDSEC_EINPUT;
			tr_pop(r);
			break;
		}
		if (!strcmp(cat, "product_name")) {
			sub.product_name = name;
			sub.version = sub.range = NULL;
		} else if (!strcmp(cat, "product_version")) {
			sub.version = name;
		} else if (!strcmp(cat, "product_version_range")) {
			sub.range = range_of(r, name);
			if (!sub.range)
				sub.range = name; /* kept; contains nothing */
		}
		if (prod) {
			tr_push_key(r, "product");
			rc = register_product(r, x, prod, &sub);
			tr_pop(r);
		}
		if (kids && rc == 0) {
			tr_push_key(r, "branches");
			rc = read_branches(r, x, kids, sub, depth + 1);
			tr_pop(r);
		}
		tr_pop(r);
	}
	return rc;
}

static int read_product_tree(struct triage_reader *r, struct csaf_ctx *x,
			     json_t *tree)
{
	struct branch_path none = { NULL, NULL, NULL };
	json_t *a;
	size_t i;
	int rc = 0;

	tr_push_key(r, "product_tree");
	a = tr_array(r, tree, "branches");
	if (a) {
		tr_push_key(r, "branches");
		rc = read_branches(r, x, a, none, 1);
		tr_pop(r);
	}
	a = tr_array(r, tree, "full_product_names");
	if (a && rc == 0) {
		tr_push_key(r, "full_product_names");
		for (i = 0; i < json_array_size(a) && rc == 0; i++) {
			tr_push_index(r, i);
			rc = register_product(r, x, json_array_get(a, i), NULL);
			tr_pop(r);
		}
		tr_pop(r);
	}
	a = tr_array(r, tree, "relationships");
	if (a && rc == 0) {
		tr_push_key(r, "relationships");
		for (i = 0; i < json_array_size(a) && rc == 0; i++) {
			json_t *rel = json_array_get(a, i), *fpn;
			const char *comp;
			const struct mdsec_triage_subject *cs;
			struct mdsec_triage_subject *s;

			tr_push_index(r, i);
			comp = json_is_object(rel)
				       ? tr_string(r, rel, "product_reference",
						   true)
				       : NULL;
			fpn = json_is_object(rel)
				      ? tr_object(r, rel, "full_product_name")
				      : NULL;
			if (!comp || !fpn) {
				if (!r->jp.nerrors)
					tr_error(r, NULL,
						 "a relationship without "
						 "\"product_reference\" or "
						 "\"full_product_name\" "
						 "(expected both)");
				rc = MDSEC_EINPUT;
				tr_pop(r);
				break;
			}
			tr_push_key(r, "full_product_name");
			rc = register_product(r, x, fpn, NULL);
			tr_pop(r);
			if (rc < 0) {
				tr_pop(r);
				break;
			}
			/* the relationship's product is its component */
			cs = map_get(&x->products, comp);
			s = map_get(&x->products,
				    json_string_value(json_object_get(
					    fpn, "product_id")));
			if (!cs) {
				rc = tr_error(r, "product_reference",
					      "product_reference '%s' is not "
					      "defined in the product tree "
					      "(expected a product_id, CSAF "
					      "6.1.1)",
					      comp);
			} else {
				const char *ref = s->ref;

				*s = *cs;
				s->ref = ref;
			}
			tr_pop(r);
		}
		tr_pop(r);
	}
	a = tr_array(r, tree, "product_groups");
	if (a && rc == 0) {
		for (i = 0; i < json_array_size(a); i++) {
			json_t *g = json_array_get(a, i);
			json_t *gid = json_object_get(g, "group_id");

			if (json_is_string(gid))
				rc = map_put(&x->groups, json_string_value(gid),
					     json_object_get(g, "product_ids"),
					     NULL);
			if (rc < 0)
				break;
			rc = 0;
		}
	}
	tr_pop(r);
	if (rc == 0 && r->jp.nerrors)
		rc = MDSEC_EINPUT;
	return rc;
}

/* Whether an element (a flag, remediation or threat) names product id,
 * directly or through one of its groups. */
static bool names_product(struct csaf_ctx *x, json_t *el, const char *id)
{
	json_t *ids = json_object_get(el, "product_ids");
	json_t *gids = json_object_get(el, "group_ids");
	size_t i, k;

	for (i = 0; i < json_array_size(ids); i++)
		if (json_is_string(json_array_get(ids, i)) &&
		    !strcmp(json_string_value(json_array_get(ids, i)), id))
			return true;
	for (i = 0; i < json_array_size(gids); i++) {
		json_t *g = json_array_get(gids, i), *members;

		if (!json_is_string(g))
			continue;
		members = map_get(&x->groups, json_string_value(g));
		for (k = 0; k < json_array_size(members); k++)
			if (json_is_string(json_array_get(members, k)) &&
			    !strcmp(json_string_value(
					    json_array_get(members, k)),
				    id))
				return true;
	}
	return false;
}

/* Check the elements of array key of v: objects whose text field
 * `field` is one of `allowed` (NULL: any). */
static int check_elements(struct triage_reader *r, json_t *v, const char *key,
			  const char *field, const char *const *allowed,
			  const char *expected)
{
	json_t *a = tr_array(r, v, key);
	size_t i, k;

	if (!a)
		return r->jp.nerrors ? MDSEC_EINPUT : 0;
	tr_push_key(r, key);
	for (i = 0; i < json_array_size(a); i++) {
		json_t *el = json_array_get(a, i);
		const char *val;
		bool ok = !allowed;

		tr_push_index(r, i);
		if (!json_is_object(el)) {
			tr_error(r, NULL,
				 "an element of \"%s\" is %s "
				 "(expected an object)",
				 key, json_type_name(el));
			tr_pop(r);
			continue;
		}
		val = tr_string(r, el, field, true);
		for (k = 0; val && allowed && allowed[k]; k++)
			if (!strcmp(val, allowed[k]))
				ok = true;
		if (val && !ok)
			tr_error(r, field, "unknown %s '%s' (expected %s)",
				 field, val, expected);
		tr_pop(r);
	}
	tr_pop(r);
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}

static const char *const flag_labels[] = {
	"component_not_present",
	"vulnerable_code_not_present",
	"vulnerable_code_not_in_execute_path",
	"vulnerable_code_cannot_be_controlled_by_adversary",
	"inline_mitigations_already_exist",
	NULL,
};
static const char *const remediation_names[] = {
	"mitigation", "no_fix_planned", "none_available",
	"vendor_fix", "workaround",	NULL,
};

/* Fill what the vulnerability says about product id into e. */
static int apply_details(struct triage_reader *r, struct csaf_ctx *x, json_t *v,
			 const char *id, struct mdsec_triage_entry *e)
{
	json_t *a;
	size_t i, k;

	bool dated = false;

	a = json_object_get(v, "flags");
	for (i = 0; i < json_array_size(a); i++) {
		json_t *f = json_array_get(a, i);

		if (!names_product(x, f, id) ||
		    e->state != MDSEC_TRIAGE_NOT_AFFECTED)
			continue;
		e->justification_text = triage_str(
			r->t, json_string_value(json_object_get(f, "label")));
		if (!e->justification_text)
			return MDSEC_ENOMEM;
		mdsec_triage_justification_parse(&e->justification,
						 e->justification_text);
		if (json_is_string(json_object_get(f, "date"))) {
			e->date = triage_str(
				r->t,
				json_string_value(json_object_get(f, "date")));
			dated = true;
		}
	}
	a = json_object_get(v, "remediations");
	for (i = 0; i < json_array_size(a); i++) {
		json_t *m = json_array_get(a, i);
		const char *cat =
			json_string_value(json_object_get(m, "category"));
		json_t *det = json_object_get(m, "details");

		if (!names_product(x, m, id))
			continue;
		for (k = 0; k < NREMEDIATION; k++)
			if (cat && !strcmp(cat, csaf_remediation[k].category))
				e->responses |= csaf_remediation[k].response;
		if (!e->action && json_is_string(det)) {
			e->action = triage_str(r->t, json_string_value(det));
			if (!e->action)
				return MDSEC_ENOMEM;
		}
	}
	a = json_object_get(v, "threats");
	for (i = 0; i < json_array_size(a) && !e->detail; i++) {
		json_t *t = json_array_get(a, i);
		json_t *det = json_object_get(t, "details");
		json_t *cat = json_object_get(t, "category");

		if (!json_is_string(cat) ||
		    strcmp(json_string_value(cat), "impact") ||
		    !json_is_string(det) || !names_product(x, t, id))
			continue;
		e->detail = triage_str(r->t, json_string_value(det));
		if (!e->detail)
			return MDSEC_ENOMEM;
		if (!dated && json_is_string(json_object_get(t, "date")))
			e->date = triage_str(
				r->t,
				json_string_value(json_object_get(t, "date")));
	}
	return 0;
}

static int read_vulnerability(struct triage_reader *r, struct csaf_ctx *x,
			      json_t *v)
{
	const char *cve, *id = NULL;
	json_t *ids, *ps;
	size_t i, k, s;
	int rc = 0;

	if (!json_is_object(v))
		return tr_error(r, NULL,
				"a vulnerability is %s (expected an object)",
				json_type_name(v));
	cve = tr_string(r, v, "cve", false);
	ids = tr_array(r, v, "ids");
	ps = tr_object(r, v, "product_status");
	check_elements(r, v, "flags", "label", flag_labels,
		       "component_not_present, vulnerable_code_not_present, "
		       "vulnerable_code_not_in_execute_path, "
		       "vulnerable_code_cannot_be_controlled_by_adversary or "
		       "inline_mitigations_already_exist");
	check_elements(r, v, "remediations", "category", remediation_names,
		       "mitigation, no_fix_planned, none_available, "
		       "vendor_fix or workaround");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	id = cve;
	for (i = 0; !id && i < json_array_size(ids); i++) {
		json_t *t = json_object_get(json_array_get(ids, i), "text");

		if (json_is_string(t))
			id = triage_str(r->t, json_string_value(t));
	}
	if (!ps)
		return 0; /* no status: nothing stated */
	if (!id)
		return tr_error(r, NULL,
				"a vulnerability without \"cve\" or \"ids\" "
				"(expected its id, CSAF 6.1.27.8)");
	tr_push_key(r, "product_status");
	for (s = 0; s < NSTATUS && rc == 0; s++) {
		json_t *list = tr_array(r, ps, csaf_status[s].key);

		if (!list || !csaf_status[s].statement)
			continue;
		tr_push_key(r, csaf_status[s].key);
		for (k = 0; k < json_array_size(list) && rc == 0; k++) {
			json_t *pid = json_array_get(list, k);
			const struct mdsec_triage_subject *subj;
			struct mdsec_triage_entry *e;
			size_t a;

			tr_push_index(r, k);
			if (!json_is_string(pid)) {
				rc = tr_error(r, NULL,
					      "a product id is %s (expected a "
					      "string)",
					      json_type_name(pid));
				tr_pop(r);
				break;
			}
			subj = map_get(&x->products, json_string_value(pid));
			if (!subj) {
				rc = tr_error(r, NULL,
					      "product id '%s' is not defined "
					      "in the product tree (expected "
					      "a product_id of product_tree, "
					      "CSAF 6.1.1)",
					      json_string_value(pid));
				tr_pop(r);
				break;
			}
			e = tr_entry(r, NULL);
			tr_pop(r);
			if (!e) {
				rc = MDSEC_ENOMEM;
				break;
			}
			e->subject = *subj;
			e->vuln = id;
			e->state = csaf_status[s].state;
			e->state_text = csaf_status[s].key;
			for (a = 0; a < json_array_size(ids) && rc == 0; a++) {
				json_t *t = json_object_get(
					json_array_get(ids, a), "text");

				if (json_is_string(t))
					rc = triage_add_alias(
						r->t, e, json_string_value(t));
			}
			if (rc == 0)
				rc = apply_details(r, x, v,
						   json_string_value(pid), e);
		}
		tr_pop(r);
	}
	{
		const char *key;
		json_t *val;

		json_object_foreach(ps, key, val)
		{
			bool known = false;

			(void)val;
			for (s = 0; s < NSTATUS; s++)
				if (!strcmp(key, csaf_status[s].key))
					known = true;
			if (!known && rc == 0)
				rc = tr_error(r, key,
					      "unknown product status '%s' "
					      "(expected first_affected, "
					      "first_fixed, fixed, "
					      "known_affected, "
					      "known_not_affected, "
					      "last_affected, recommended or "
					      "under_investigation)",
					      key);
		}
	}
	tr_pop(r);
	return rc;
}

int csaf_read(struct triage_reader *r, json_t *root)
{
	struct csaf_ctx x;
	json_t *doc, *tracking, *publisher, *tree, *vulns;
	const char *ver;
	size_t i;
	int rc = 0;

	memset(&x, 0, sizeof(x));
	doc = tr_object(r, root, "document");
	tree = tr_object(r, root, "product_tree");
	vulns = tr_array(r, root, "vulnerabilities");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	tr_push_key(r, "document");
	ver = tr_string(r, doc, "csaf_version", true);
	if (ver && strcmp(ver, "2.0"))
		tr_error(r, "csaf_version",
			 "\"csaf_version\" is '%s' (expected 2.0)", ver);
	tr_string(r, doc, "category", true);
	publisher = tr_object(r, doc, "publisher");
	tracking = tr_object(r, doc, "tracking");
	if (!r->jp.nerrors && !tracking)
		tr_error(r, NULL,
			 "missing \"tracking\" (expected the document's id "
			 "and dates)");
	if (publisher) {
		tr_push_key(r, "publisher");
		r->author = tr_string(r, publisher, "name", true);
		tr_pop(r);
	}
	if (tracking) {
		tr_push_key(r, "tracking");
		r->doc_id = tr_string(r, tracking, "id", true);
		r->date = tr_datetime(r, tracking, "current_release_date");
		tr_pop(r);
	}
	tr_pop(r);
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	if (tree)
		rc = read_product_tree(r, &x, tree);
	if (rc == 0 && vulns) {
		tr_push_key(r, "vulnerabilities");
		for (i = 0; i < json_array_size(vulns); i++) {
			tr_push_index(r, i);
			rc = read_vulnerability(r, &x,
						json_array_get(vulns, i));
			tr_pop(r);
			if (rc == MDSEC_ENOMEM)
				break;
		}
		tr_pop(r);
	}
	map_release(&x.products);
	map_release(&x.groups);
	if (rc == MDSEC_ENOMEM)
		return rc;
	return r->jp.nerrors ? MDSEC_EINPUT : rc;
}

/* ---------------------------------------------------------------------
 * Writing
 */

/* One product of the tree: the device or a component. */
struct leaf {
	const char *vendor; /* "" when unknown */
	const char *name;
	const char *version; /* NULL: listed in full_product_names */
	const struct mdsec_component *c; /* NULL for the device */
	char id[40];			 /* product_id */
};

static int by_leaf(const void *pa, const void *pb)
{
	const struct leaf *a = pa, *b = pb;
	int c = strcmp(a->vendor, b->vendor);

	if (c)
		return c;
	if ((c = strcmp(a->name, b->name)))
		return c;
	if ((c = strcmp(a->version ? a->version : "",
			b->version ? b->version : "")))
		return c;
	return strcmp(a->id, b->id);
}

/* Same vendor, name and version. */
static int by_leaf_key(const struct leaf *a, const struct leaf *b)
{
	int c = strcmp(a->vendor, b->vendor);

	if (c)
		return c;
	if ((c = strcmp(a->name, b->name)))
		return c;
	return strcmp(a->version ? a->version : "",
		      b->version ? b->version : "");
}

/* A supplier as a vendor name: "Organization: X" is X. */
static const char *vendor_of(const struct mdsec_component *c)
{
	const char *s = c->supplier;

	if (!s)
		return "";
	if (!strncmp(s, "Organization: ", 14))
		return s + 14;
	if (!strncmp(s, "Person: ", 8))
		return s + 8;
	return s;
}

static void full_name(struct strbuf *sb, const struct leaf *l)
{
	strbuf_reset(sb);
	if (*l->vendor)
		strbuf_addf(sb, "%s ", l->vendor);
	strbuf_addstr(sb, l->name);
	if (l->version)
		strbuf_addf(sb, " %s", l->version);
	else if (l->c && l->c->version)
		strbuf_addf(sb, " %s", l->c->version);
}

static void product(struct jsonw *w, const struct leaf *l, struct strbuf *tmp)
{
	full_name(tmp, l);
	jsonw_object_begin(w);
	jsonw_member(w, "name", tmp->buf);
	jsonw_member(w, "product_id", l->id);
	if (l->c && (l->c->purl || l->c->cpe)) {
		jsonw_key(w, "product_identification_helper");
		jsonw_object_begin(w);
		jsonw_member_opt(w, "cpe", l->c->cpe);
		jsonw_member_opt(w, "purl", l->c->purl);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
}

/* vendor -> product_name -> product_version -> product, for the leaves
 * [from, to) that have a version and a unique (vendor, name, version). */
static void write_branches(struct jsonw *w, const struct leaf *v, size_t n,
			   const bool *in_tree)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t i = 0;

	jsonw_key(w, "branches");
	jsonw_array_begin(w);
	while (i < n) {
		size_t j;

		if (!in_tree[i]) {
			i++;
			continue;
		}
		if (*v[i].vendor) {
			jsonw_object_begin(w);
			jsonw_key(w, "branches");
			jsonw_array_begin(w);
		}
		/* every name of this vendor */
		for (j = i; j < n && !strcmp(v[j].vendor, v[i].vendor);) {
			size_t k;

			if (!in_tree[j]) {
				j++;
				continue;
			}
			jsonw_object_begin(w);
			jsonw_key(w, "branches");
			jsonw_array_begin(w);
			for (k = j;
			     k < n && !strcmp(v[k].vendor, v[j].vendor) &&
			     !strcmp(v[k].name, v[j].name);
			     k++) {
				if (!in_tree[k])
					continue;
				jsonw_object_begin(w);
				jsonw_member(w, "category", "product_version");
				jsonw_member(w, "name", v[k].version);
				jsonw_key(w, "product");
				product(w, &v[k], &tmp);
				jsonw_object_end(w);
			}
			jsonw_array_end(w);
			jsonw_member(w, "category", "product_name");
			jsonw_member(w, "name", v[j].name);
			jsonw_object_end(w);
			j = k;
		}
		if (*v[i].vendor) {
			jsonw_array_end(w);
			jsonw_member(w, "category", "vendor");
			jsonw_member(w, "name", v[i].vendor);
			jsonw_object_end(w);
		}
		i = j;
	}
	jsonw_array_end(w);
	strbuf_release(&tmp);
}

static bool cve_id(const char *id)
{
	size_t n;

	if (strncmp(id, "CVE-", 4) || strspn(id + 4, "0123456789") != 4 ||
	    id[8] != '-')
		return false;
	n = strspn(id + 9, "0123456789");
	return n >= 4 && id[9 + n] == '\0';
}

static void id_entry(struct jsonw *w, const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dash = strchr(id, '-');

	if (dash && dash > id)
		strbuf_add(&sb, id, (size_t)(dash - id));
	else
		strbuf_addstr(&sb, "unknown");
	jsonw_object_begin(w);
	jsonw_member(w, "system_name", sb.buf);
	jsonw_member(w, "text", id);
	jsonw_object_end(w);
	strbuf_release(&sb);
}

struct csaf_out {
	struct jsonw *w;
	const struct mdsec_triage_device *dev;
	const mdsec_sbom *s;
	const struct mdsec_triage_item *items;
	const size_t *order; /* item order */
	const struct leaf *leaves;
	const size_t *leaf_of; /* component -> leaf */
	const char *now;
};

/* The product id an item's status is stated for. */
static const char *item_pid(const struct csaf_out *o, size_t comp, char *buf,
			    size_t len)
{
	if (comp == o->s->primary)
		return "DEVICE";
	snprintf(buf, len, "DEVICE:%s", o->leaves[o->leaf_of[comp]].id);
	return buf;
}

/* "product_ids": [pid] */
static void one_pid(struct jsonw *w, const char *pid)
{
	jsonw_key(w, "product_ids");
	jsonw_array_begin(w);
	jsonw_string(w, pid);
	jsonw_array_end(w);
}

/* Open the array of member key unless *open says it is open already. */
static void array_once(struct jsonw *w, bool *open, const char *key)
{
	if (*open)
		return;
	jsonw_key(w, key);
	jsonw_array_begin(w);
	*open = true;
}

static const char *const status_keys[] = {
	"fixed",
	"known_affected",
	"known_not_affected",
	"under_investigation",
};
static const enum mdsec_triage_state status_states[] = {
	MDSEC_TRIAGE_FIXED,
	MDSEC_TRIAGE_AFFECTED,
	MDSEC_TRIAGE_NOT_AFFECTED,
	MDSEC_TRIAGE_UNDER_INVESTIGATION,
};

/* The remediation categories an affected item gets: one of vendor_fix,
 * no_fix_planned, none_available (they contradict each other, CSAF
 * 6.1.35), and workaround when there is one. */
static unsigned remediations_of(const struct triage_pub *p,
				const struct mdsec_triage_item *it,
				const char **main_cat)
{
	unsigned r = p->responses;

	if ((r & MDSEC_TRIAGE_UPDATE) || (it->fixed && *it->fixed))
		*main_cat = "vendor_fix";
	else if (r & MDSEC_TRIAGE_WILL_NOT_FIX)
		*main_cat = "no_fix_planned";
	else if (r & MDSEC_TRIAGE_CAN_NOT_FIX)
		*main_cat = "none_available";
	else if (r &
		 (MDSEC_TRIAGE_WORKAROUND_AVAILABLE | MDSEC_TRIAGE_ROLLBACK))
		*main_cat = NULL;
	else
		*main_cat = "none_available";
	return r & (MDSEC_TRIAGE_WORKAROUND_AVAILABLE | MDSEC_TRIAGE_ROLLBACK);
}

static void one_remediation(struct jsonw *w, const char *cat,
			    const char *details, const char *pid)
{
	jsonw_object_begin(w);
	jsonw_member(w, "category", cat);
	jsonw_member(w, "details", details);
	one_pid(w, pid);
	jsonw_object_end(w);
}

/* The vulnerability of items [a, b) of the order, which share an id;
 * its keys in alphabetical order (CSAF 6.2.13). */
static void write_vuln(struct csaf_out *o, size_t a, size_t b)
{
	struct jsonw *w = o->w;
	const struct mdsec_triage_item *first = &o->items[o->order[a]];
	struct strbuf sb = STRBUF_INIT;
	char pid[64];
	size_t i, k, naliases = 0;
	bool any;

	jsonw_object_begin(w);
	/* aliases of every decision, once each */
	for (i = a; i < b; i++) {
		const struct mdsec_triage_entry *d =
			o->items[o->order[i]].decision;

		if (d)
			naliases += d->naliases;
	}
	if (cve_id(first->vuln)) {
		jsonw_member(w, "cve", first->vuln);
	}
	/* flags: the justification of each not_affected product */
	any = false;
	for (i = a; i < b; i++) {
		const struct mdsec_triage_item *it = &o->items[o->order[i]];
		struct triage_pub p;

		triage_pub_of(&p, it, o->now);
		if (p.state != MDSEC_TRIAGE_NOT_AFFECTED || !p.just)
			continue;
		array_once(w, &any, "flags");
		jsonw_object_begin(w);
		jsonw_member(w, "date", p.date);
		jsonw_member(w, "label",
			     mdsec_triage_justification_name(p.just));
		one_pid(w, item_pid(o, it->component, pid, sizeof(pid)));
		jsonw_object_end(w);
	}
	if (any)
		jsonw_array_end(w);
	if (!cve_id(first->vuln) || naliases) {
		struct map seen = MAP_INIT;

		jsonw_key(w, "ids");
		jsonw_array_begin(w);
		if (!cve_id(first->vuln))
			id_entry(w, first->vuln);
		for (i = a; i < b; i++) {
			const struct mdsec_triage_entry *d =
				o->items[o->order[i]].decision;

			for (k = 0; d && k < d->naliases; k++) {
				if (map_get(&seen, d->aliases[k]))
					continue;
				map_put(&seen, d->aliases[k], (void *)d, NULL);
				id_entry(w, d->aliases[k]);
			}
		}
		jsonw_array_end(w);
		map_release(&seen);
	}
	strbuf_addf(&sb,
		    "The status of %s in %s %s %s, as assessed by its "
		    "manufacturer.",
		    first->vuln, o->dev->vendor, o->dev->name, o->dev->version);
	jsonw_key(w, "notes");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member(w, "category", "description");
	jsonw_member(w, "text", sb.buf);
	jsonw_member(w, "title", "Status");
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_key(w, "product_status");
	jsonw_object_begin(w);
	for (k = 0; k < 4; k++) {
		any = false;
		for (i = a; i < b; i++) {
			const struct mdsec_triage_item *it =
				&o->items[o->order[i]];
			struct triage_pub p;

			triage_pub_of(&p, it, o->now);
			if (p.state != status_states[k])
				continue;
			array_once(w, &any, status_keys[k]);
			jsonw_string(w, item_pid(o, it->component, pid,
						 sizeof(pid)));
		}
		if (any)
			jsonw_array_end(w);
	}
	jsonw_object_end(w);
	/* remediations of affected products (CSAF 6.1.27.10) */
	any = false;
	for (i = a; i < b; i++) {
		const struct mdsec_triage_item *it = &o->items[o->order[i]];
		const struct mdsec_component *c =
			&o->s->components.v[it->component];
		const char *cat = NULL, *details;
		struct triage_pub p;
		unsigned extra;

		triage_pub_of(&p, it, o->now);
		if (p.state != MDSEC_TRIAGE_AFFECTED)
			continue;
		array_once(w, &any, "remediations");
		strbuf_reset(&sb);
		if (!p.action)
			triage_default_action(&sb, &p, c, it);
		details = p.action ? p.action : sb.buf;
		extra = remediations_of(&p, it, &cat);
		item_pid(o, it->component, pid, sizeof(pid));
		if (cat)
			one_remediation(w, cat, details, pid);
		if (extra)
			one_remediation(w, "workaround", details, pid);
	}
	if (any)
		jsonw_array_end(w);
	/* impact statements: the detail of each product, and for a
	 * not_affected one without a justification a statement (CSAF
	 * 6.1.27.9) */
	any = false;
	for (i = a; i < b; i++) {
		const struct mdsec_triage_item *it = &o->items[o->order[i]];
		struct triage_pub p;
		const char *det;

		triage_pub_of(&p, it, o->now);
		det = p.detail;
		if (!det && p.state == MDSEC_TRIAGE_NOT_AFFECTED && !p.just)
			det = "No justification was recorded.";
		if (!det)
			continue;
		array_once(w, &any, "threats");
		jsonw_object_begin(w);
		jsonw_member(w, "category", "impact");
		jsonw_member(w, "date", p.date);
		jsonw_member(w, "details", det);
		one_pid(w, item_pid(o, it->component, pid, sizeof(pid)));
		jsonw_object_end(w);
	}
	if (any)
		jsonw_array_end(w);
	jsonw_object_end(w);
	strbuf_release(&sb);
}

static void write_document(struct jsonw *w,
			   const struct mdsec_triage_device *dev,
			   const char *now, size_t *id_at, struct strbuf *out)
{
	struct strbuf sb = STRBUF_INIT;

	jsonw_key(w, "document");
	jsonw_object_begin(w);
	jsonw_member(w, "category", "csaf_vex");
	jsonw_member(w, "csaf_version", "2.0");
	jsonw_member(w, "lang", "en");
	strbuf_addf(&sb,
		    "The exploitability of the known vulnerabilities of the "
		    "components of %s %s %s, as assessed by its manufacturer.",
		    dev->vendor, dev->name, dev->version);
	jsonw_key(w, "notes");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member(w, "category", "summary");
	jsonw_member(w, "text", sb.buf);
	jsonw_member(w, "title", "Summary");
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_key(w, "publisher");
	jsonw_object_begin(w);
	jsonw_member(w, "category", "vendor");
	jsonw_member(w, "name", dev->author ? dev->author : dev->vendor);
	jsonw_key(w, "namespace");
	strbuf_reset(&sb);
	if (dev->namespace_) {
		strbuf_addstr(&sb, dev->namespace_);
	} else {
		strbuf_addstr(&sb, "urn:mdsec:vendor:");
		triage_slug(&sb, dev->vendor);
	}
	jsonw_string(w, sb.buf);
	jsonw_object_end(w);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s %s %s VEX", dev->vendor, dev->name, dev->version);
	jsonw_member(w, "title", sb.buf);
	jsonw_key(w, "tracking");
	jsonw_object_begin(w);
	jsonw_member(w, "current_release_date", now);
	jsonw_key(w, "generator");
	jsonw_object_begin(w);
	jsonw_member(w, "date", now);
	jsonw_key(w, "engine");
	jsonw_object_begin(w);
	jsonw_member(w, "name", "mdsec");
	jsonw_member(w, "version", MDSEC_VERSION);
	jsonw_object_end(w);
	jsonw_object_end(w);
	jsonw_key(w, "id");
	strbuf_reset(&sb);
	triage_slug(&sb, dev->name);
	strbuf_addch(&sb, '-');
	triage_slug(&sb, dev->version);
	strbuf_addstr(&sb, "-vex-");
	*id_at = out->len + 1 + sb.len;
	strbuf_addstr(&sb, TRIAGE_HASH_PLACEHOLDER);
	jsonw_string(w, sb.buf);
	jsonw_member(w, "initial_release_date", now);
	jsonw_key(w, "revision_history");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member(w, "date", now);
	jsonw_member(w, "number", "1");
	jsonw_member(w, "summary", "Initial version.");
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_member(w, "status", "final");
	jsonw_member(w, "version", "1");
	jsonw_object_end(w);
	jsonw_object_end(w);
	strbuf_release(&sb);
}

int csaf_write(struct strbuf *out, const struct mdsec_triage_device *dev,
	       const mdsec_sbom *s, const struct mdsec_triage_item *items,
	       size_t n)
{
	struct strbuf tmp = STRBUF_INIT;
	struct leaf *leaves = NULL;
	size_t *leaf_of = NULL, *order = NULL, *comp_order = NULL;
	bool *in_tree = NULL;
	size_t i, k, nl = 0, id_at = 0;
	struct csaf_out o;
	struct jsonw w;
	char now[21];
	int rc = MDSEC_ENOMEM;

	if (n == 0)
		return MDSEC_EUSAGE; /* CSAF 6.1.27.11: a VEX has vulnerabilities */
	order = triage_item_order(s, items, n);
	comp_order = mdsec_sbom_order(s);
	leaves = xcalloc(s->components.n + 1, sizeof(*leaves));
	leaf_of = xcalloc(s->components.n + 1, sizeof(*leaf_of));
	in_tree = xcalloc(s->components.n + 1, sizeof(*in_tree));
	if (!order || !comp_order || !leaves || !leaf_of || !in_tree)
		goto out;
	/* the device, then each component in the SBOM's order */
	leaves[nl].vendor = dev->vendor;
	leaves[nl].name = dev->name;
	leaves[nl].version = dev->version;
	snprintf(leaves[nl].id, sizeof(leaves[nl].id), "DEVICE");
	nl++;
	for (i = 0, k = 1; i < s->components.n; i++) {
		const struct mdsec_component *c =
			&s->components.v[comp_order[i]];

		if (comp_order[i] == s->primary)
			continue;
		leaves[nl].vendor = vendor_of(c);
		leaves[nl].name = c->name;
		leaves[nl].version = c->version;
		leaves[nl].c = c;
		snprintf(leaves[nl].id, sizeof(leaves[nl].id),
			 "COMPONENT-%04zu", k++);
		nl++;
	}
	qsort(leaves, nl, sizeof(*leaves), by_leaf);
	for (i = 0; i < nl; i++) {
		if (leaves[i].c)
			leaf_of[leaves[i].c - s->components.v] = i;
		/* a versioned, unique (vendor, name, version) goes in the
		 * branches; the others in full_product_names */
		in_tree[i] = leaves[i].version &&
			     !(i > 0 && leaves[i - 1].version &&
			       !by_leaf_key(&leaves[i - 1], &leaves[i]));
	}
	triage_doc_time(now);
	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	write_document(&w, dev, now, &id_at, out);
	jsonw_key(&w, "product_tree");
	jsonw_object_begin(&w);
	write_branches(&w, leaves, nl, in_tree);
	for (i = 0, k = 0; i < nl; i++)
		k += !in_tree[i];
	if (k) {
		jsonw_key(&w, "full_product_names");
		jsonw_array_begin(&w);
		for (i = 0; i < nl; i++)
			if (!in_tree[i])
				product(&w, &leaves[i], &tmp);
		jsonw_array_end(&w);
	}
	if (nl > 1) {
		jsonw_key(&w, "relationships");
		jsonw_array_begin(&w);
		for (i = 0; i < nl; i++) {
			const struct leaf *l = &leaves[i];

			if (!l->c)
				continue;
			full_name(&tmp, l);
			strbuf_addf(&tmp, " as a component of %s %s %s",
				    dev->vendor, dev->name, dev->version);
			jsonw_object_begin(&w);
			jsonw_member(&w, "category", "default_component_of");
			jsonw_key(&w, "full_product_name");
			jsonw_object_begin(&w);
			jsonw_member(&w, "name", tmp.buf);
			strbuf_reset(&tmp);
			strbuf_addf(&tmp, "DEVICE:%s", l->id);
			jsonw_member(&w, "product_id", tmp.buf);
			jsonw_object_end(&w);
			jsonw_member(&w, "product_reference", l->id);
			jsonw_member(&w, "relates_to_product_reference",
				     "DEVICE");
			jsonw_object_end(&w);
		}
		jsonw_array_end(&w);
	}
	jsonw_object_end(&w);
	jsonw_key(&w, "vulnerabilities");
	jsonw_array_begin(&w);
	o.w = &w;
	o.dev = dev;
	o.s = s;
	o.items = items;
	o.order = order;
	o.leaves = leaves;
	o.leaf_of = leaf_of;
	o.now = now;
	for (i = 0; i < n;) {
		for (k = i + 1; k < n && !strcmp(items[order[k]].vuln,
						 items[order[i]].vuln);
		     k++)
			;
		write_vuln(&o, i, k);
		i = k;
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
	rc = w.error;
	if (rc == 0)
		rc = triage_fill_hash(out, id_at, 16);
out:
	strbuf_release(&tmp);
	xfree(leaves);
	xfree(leaf_of);
	xfree(in_tree);
	xfree(order);
	xfree(comp_order);
	return rc;
}
