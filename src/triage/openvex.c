/* SPDX-License-Identifier: Apache-2.0
 *
 * openvex.c - OpenVEX 0.2.0 (github openvex/spec, OPENVEX-SPEC.md and
 * openvex_json_schema_0.2.0.json) in and out. Read: every statement's
 * products, or their subcomponents when a product lists some, each
 * becomes one entry (status, justification, impact and action
 * statements, timestamps); the document's author and @id are recorded.
 * Written: one statement per item, its product the component by purl
 * (@id and identifiers.purl, with its CPE as identifiers.cpe23), the
 * document @id a hash of the content.
 */
#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "mdsec/purl.h"
#include "triage/triage_int.h"

#include "base/banned.h"

#define OPENVEX_CONTEXT "https://openvex.dev/ns/v0.2.0"

/* ---------------------------------------------------------------------
 * Reading
 */

/* The subject of one product or subcomponent object. */
static int read_product(struct triage_reader *r, json_t *p,
			struct mdsec_triage_subject *s)
{
	const char *id, *purl, *cpe23, *cpe22;
	json_t *ids;

	memset(s, 0, sizeof(*s));
	if (!json_is_object(p))
		return tr_error(r, NULL,
				"a product is %s (expected an object with "
				"\"@id\" or \"identifiers\")",
				json_type_name(p));
	id = tr_string(r, p, "@id", false);
	ids = tr_object(r, p, "identifiers");
	purl = ids ? tr_string(r, ids, "purl", false) : NULL;
	cpe23 = ids ? tr_string(r, ids, "cpe23", false) : NULL;
	cpe22 = ids ? tr_string(r, ids, "cpe22", false) : NULL;
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	if (!id && !purl && !cpe23 && !cpe22)
		return tr_error(r, NULL,
				"a product without \"@id\" or "
				"\"identifiers\" (expected what the statement "
				"is about)");
	if (ids)
		tr_push_key(r, "identifiers");
	if (purl)
		s->purl = tr_purl(r, purl, "purl");
	if (cpe23 || cpe22)
		s->cpe = tr_cpe(r, cpe23 ? cpe23 : cpe22,
				cpe23 ? "cpe23" : "cpe22");
	if (ids)
		tr_pop(r);
	if (id && !strncmp(id, "pkg:", 4) && !s->purl)
		s->purl = tr_purl(r, id, "@id");
	else if (id && !strncmp(id, "cpe:", 4) && !s->cpe)
		s->cpe = tr_cpe(r, id, "@id");
	else if (id && strncmp(id, "pkg:", 4) && strncmp(id, "cpe:", 4))
		s->ref = id;
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}

struct statement {
	const char *vuln;
	json_t *aliases;
	enum mdsec_triage_state state;
	const char *status;
	enum mdsec_triage_justification just;
	const char *just_text;
	const char *detail, *action, *date;
};

static int add_entry(struct triage_reader *r, const struct statement *st,
		     const struct mdsec_triage_subject *subj)
{
	struct mdsec_triage_entry *e = tr_entry(r, NULL);
	size_t i;

	if (!e)
		return MDSEC_ENOMEM;
	e->subject = *subj;
	e->vuln = st->vuln;
	e->state = st->state;
	e->state_text = st->status;
	e->justification = st->just;
	e->justification_text = st->just_text;
	e->detail = st->detail;
	e->action = st->action;
	if (st->date)
		e->date = st->date;
	for (i = 0; i < json_array_size(st->aliases); i++) {
		json_t *a = json_array_get(st->aliases, i);

		if (json_is_string(a) &&
		    triage_add_alias(r->t, e, json_string_value(a)) < 0)
			return MDSEC_ENOMEM;
	}
	return 0;
}

static int read_vulnerability(struct triage_reader *r, json_t *stmt,
			      struct statement *st)
{
	json_t *v = json_object_get(stmt, "vulnerability");
	size_t i;

	if (!v)
		return tr_error(r, NULL,
				"missing \"vulnerability\" (expected an "
				"object with \"name\")");
	if (json_is_string(v)) {
		/* OpenVEX before 0.2 named it with a string */
		st->vuln = tr_string(r, stmt, "vulnerability", true);
		return st->vuln ? 0 : MDSEC_EINPUT;
	}
	if (!json_is_object(v))
		return tr_error(r, "vulnerability",
				"\"vulnerability\" is %s (expected an object "
				"with \"name\")",
				json_type_name(v));
	tr_push_key(r, "vulnerability");
	st->vuln = tr_string(r, v, "name", true);
	st->aliases = tr_array(r, v, "aliases");
	for (i = 0; i < json_array_size(st->aliases); i++)
		if (!json_is_string(json_array_get(st->aliases, i))) {
			tr_push_key(r, "aliases");
			tr_push_index(r, i);
			tr_error(
				r, NULL, "an alias is %s (expected a string)",
				json_type_name(json_array_get(st->aliases, i)));
			tr_pop(r);
			tr_pop(r);
		}
	tr_pop(r);
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}

static int read_statement(struct triage_reader *r, json_t *stmt)
{
	struct statement st;
	struct mdsec_triage_subject subj;
	json_t *products;
	size_t i, j;
	int rc;

	memset(&st, 0, sizeof(st));
	if (!json_is_object(stmt))
		return tr_error(r, NULL,
				"a statement is %s (expected an object)",
				json_type_name(stmt));
	rc = read_vulnerability(r, stmt, &st);
	if (rc < 0)
		return rc;
	st.status = tr_string(r, stmt, "status", true);
	if (!st.status)
		return MDSEC_EINPUT;
	if (mdsec_triage_state_parse(&st.state, st.status) < 0)
		return tr_error(r, "status",
				"unknown status '%s' (expected not_affected, "
				"affected, fixed or under_investigation)",
				st.status);
	st.just_text = tr_string(r, stmt, "justification", false);
	if (st.just_text &&
	    (mdsec_triage_justification_parse(&st.just, st.just_text) < 0 ||
	     triage_cdx_justification_known(st.just_text)))
		return tr_error(
			r, "justification",
			"unknown justification '%s' (expected "
			"component_not_present, "
			"vulnerable_code_not_present, "
			"vulnerable_code_not_in_execute_path, "
			"vulnerable_code_cannot_be_controlled_by_"
			"adversary or inline_mitigations_already_exist)",
			st.just_text);
	st.detail = tr_string(r, stmt, "impact_statement", false);
	if (!st.detail)
		st.detail = tr_string(r, stmt, "status_notes", false);
	st.action = tr_string(r, stmt, "action_statement", false);
	st.date = tr_datetime(r, stmt, "last_updated");
	if (!st.date)
		st.date = tr_datetime(r, stmt, "timestamp");
	products = tr_array(r, stmt, "products");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	/* OpenVEX 0.2 "Status Justifications" and the schema's conditions */
	if (st.state == MDSEC_TRIAGE_NOT_AFFECTED && !st.just_text &&
	    !json_object_get(stmt, "impact_statement"))
		return tr_error(r, NULL,
				"a not_affected statement without "
				"\"justification\" or \"impact_statement\" "
				"(expected why the product is not affected)");
	if (st.state == MDSEC_TRIAGE_AFFECTED && !st.action)
		return tr_error(r, NULL,
				"an affected statement without "
				"\"action_statement\" (expected what to do "
				"about it)");
	if (!products || !json_array_size(products))
		return tr_error(r, NULL,
				"a statement without \"products\" (expected "
				"the products it is about)");
	tr_push_key(r, "products");
	for (i = 0; i < json_array_size(products) && rc == 0; i++) {
		json_t *p = json_array_get(products, i), *subs;

		tr_push_index(r, i);
		subs = json_is_object(p) ? tr_array(r, p, "subcomponents")
					 : NULL;
		if (subs && json_array_size(subs)) {
			/* the statement is about the subcomponents, inside
			 * the product */
			tr_push_key(r, "subcomponents");
			for (j = 0; j < json_array_size(subs) && rc == 0; j++) {
				tr_push_index(r, j);
				rc = read_product(r, json_array_get(subs, j),
						  &subj);
				if (rc == 0)
					rc = add_entry(r, &st, &subj);
				tr_pop(r);
			}
			tr_pop(r);
		} else if (!r->jp.nerrors) {
			rc = read_product(r, p, &subj);
			if (rc == 0)
				rc = add_entry(r, &st, &subj);
		}
		tr_pop(r);
	}
	tr_pop(r);
	if (rc == 0 && r->jp.nerrors)
		rc = MDSEC_EINPUT;
	return rc;
}

int openvex_read(struct triage_reader *r, json_t *root)
{
	const char *ctx;
	json_t *stmts, *ver;
	size_t i;
	int rc = 0;

	ctx = tr_string(r, root, "@context", true);
	if (ctx && strncmp(ctx, "https://openvex.dev/ns", 22))
		return tr_error(r, "@context",
				"\"@context\" is '%s' (expected "
				"https://openvex.dev/ns/v0.2.0)",
				ctx);
	r->doc_id = tr_string(r, root, "@id", true);
	r->author = tr_string(r, root, "author", true);
	r->date = tr_datetime(r, root, "timestamp");
	if (!json_object_get(root, "timestamp"))
		tr_error(r, NULL,
			 "missing \"timestamp\" (a date-time is required "
			 "here)");
	ver = json_object_get(root, "version");
	if (ver && (!json_is_integer(ver) || json_integer_value(ver) < 1))
		tr_error(r, "version",
			 "\"version\" is %s (expected an integer from 1)",
			 json_type_name(ver));
	stmts = tr_array(r, root, "statements");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	if (!stmts)
		return tr_error(r, NULL,
				"missing \"statements\" (expected a list of "
				"VEX statements)");
	tr_push_key(r, "statements");
	for (i = 0; i < json_array_size(stmts); i++) {
		tr_push_index(r, i);
		rc = read_statement(r, json_array_get(stmts, i));
		tr_pop(r);
		if (rc == MDSEC_ENOMEM)
			break;
	}
	tr_pop(r);
	return r->jp.nerrors ? MDSEC_EINPUT : rc;
}

/* ---------------------------------------------------------------------
 * Writing
 */

/* The purl a product is named by: the component's, else a generic one
 * built from its name and version. malloc'd; NULL when none. */
static char *product_purl(const struct mdsec_component *c)
{
	struct mdsec_purl p;
	char *out = NULL;

	if (c->purl)
		return xstrdup(c->purl);
	if (c->cpe)
		return NULL;
	if (mdsec_purl_build("generic", NULL, c->name, c->version, NULL, 0,
			     NULL, &p, NULL, 0) < 0)
		return NULL;
	out = mdsec_purl_to_string(&p);
	mdsec_purl_release(&p);
	return out;
}

static void statement(struct jsonw *w, const struct mdsec_component *c,
		      const struct mdsec_triage_item *it, const char *doc_time)
{
	struct triage_pub p;
	struct strbuf sb = STRBUF_INIT;
	char *purl = product_purl(c);

	triage_pub_of(&p, it, doc_time);
	jsonw_object_begin(w);
	jsonw_key(w, "vulnerability");
	jsonw_object_begin(w);
	jsonw_member(w, "name", it->vuln);
	if (it->decision && it->decision->naliases) {
		size_t i;

		jsonw_key(w, "aliases");
		jsonw_array_begin(w);
		for (i = 0; i < it->decision->naliases; i++)
			jsonw_string(w, it->decision->aliases[i]);
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
	jsonw_member(w, "timestamp", p.date);
	jsonw_key(w, "products");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member_opt(w, "@id", purl);
	jsonw_key(w, "identifiers");
	jsonw_object_begin(w);
	jsonw_member_opt(w, "purl", purl);
	jsonw_member_opt(w, "cpe23", c->cpe);
	jsonw_object_end(w);
	jsonw_object_end(w);
	jsonw_array_end(w);
	jsonw_member(w, "status", mdsec_triage_state_name(p.state));
	if (p.state == MDSEC_TRIAGE_NOT_AFFECTED) {
		if (p.just) {
			jsonw_key(w, "justification");
			jsonw_string(w,
				     mdsec_triage_justification_name(p.just));
		}
		if (p.detail || !p.just) {
			/* OpenVEX: not_affected needs a justification or an
			 * impact statement */
			jsonw_key(w, "impact_statement");
			jsonw_string(w, p.detail ? p.detail
						 : "No justification was "
						   "recorded.");
		}
	} else if (p.detail) {
		jsonw_member(w, "status_notes", p.detail);
	}
	if (p.action) {
		jsonw_member(w, "action_statement", p.action);
	} else if (p.state == MDSEC_TRIAGE_AFFECTED) {
		/* OpenVEX: affected needs an action statement */
		triage_default_action(&sb, &p, c, it);
		jsonw_member(w, "action_statement", sb.buf);
	}
	jsonw_object_end(w);
	strbuf_release(&sb);
	free(purl);
}

int openvex_write(struct strbuf *out, const struct mdsec_triage_device *dev,
		  const mdsec_sbom *s, const struct mdsec_triage_item *items,
		  size_t n)
{
	struct strbuf tool = STRBUF_INIT;
	struct jsonw w;
	char now[21];
	size_t *order, i, id_at;
	int rc;

	if (n == 0)
		return MDSEC_EUSAGE; /* OpenVEX: at least one statement */
	order = triage_item_order(s, items, n);
	if (!order)
		return MDSEC_ENOMEM;
	triage_doc_time(now);
	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "@context", OPENVEX_CONTEXT);
	jsonw_key(&w, "@id");
	id_at = out->len + 1 + strlen("urn:mdsec:openvex:");
	jsonw_string(&w, "urn:mdsec:openvex:" TRIAGE_HASH_PLACEHOLDER);
	jsonw_member(&w, "author", dev->author ? dev->author : dev->vendor);
	jsonw_member(&w, "role", "Device manufacturer");
	jsonw_member(&w, "timestamp", now);
	jsonw_key(&w, "version");
	jsonw_int(&w, 1);
	strbuf_addf(&tool, "mdsec %s", MDSEC_VERSION);
	jsonw_member(&w, "tooling", tool.buf);
	jsonw_key(&w, "statements");
	jsonw_array_begin(&w);
	for (i = 0; i < n; i++) {
		const struct mdsec_triage_item *it = &items[order[i]];

		statement(&w, &s->components.v[it->component], it, now);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
	rc = w.error;
	if (rc == 0)
		rc = triage_fill_hash(out, id_at, 64);
	strbuf_release(&tool);
	xfree(order);
	return rc;
}
