/* SPDX-License-Identifier: Apache-2.0
 *
 * cdx.c - CycloneDX VEX in (1.4 to 1.6: vulnerabilities[] with analysis
 * and affects) and out (1.6). Read: each affects[] element, or each of
 * its versions[] when it lists some, becomes one entry; a ref naming a
 * component of the same document (components[], nested ones, or
 * metadata.component) takes that component's purl, CPE, name and
 * version; a bom-link to another BOM ("urn:cdx:serial/version#ref") is
 * kept as the ref, and gives the purl when its fragment is one. Written:
 * the device as metadata.component, the components the items name, and
 * one vulnerability per item whose analysis carries the decision
 * (state mapping in docs/triage.md); the serial number is a UUID made
 * from a SHA-256 of the content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/map.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/mdsec.h"
#include "mdsec/purl.h"
#include "sbom/sbom_int.h"
#include "triage/triage_int.h"

#include "base/banned.h"

#define PROP_AUTHOR "mdsec:triage:author"
/* The OpenVEX label, when the CycloneDX justification written would
 * read back as another one (component_not_present: code_not_present). */
#define PROP_JUSTIFICATION "mdsec:triage:justification"

/* CycloneDX 1.6 impactAnalysisState, each read as a state. */
static const struct {
	const char *cdx;
	enum mdsec_triage_state state;
} cdx_states[] = {
	{ "resolved", MDSEC_TRIAGE_FIXED },
	{ "resolved_with_pedigree", MDSEC_TRIAGE_FIXED },
	{ "exploitable", MDSEC_TRIAGE_AFFECTED },
	{ "in_triage", MDSEC_TRIAGE_UNDER_INVESTIGATION },
	{ "false_positive", MDSEC_TRIAGE_NOT_AFFECTED },
	{ "not_affected", MDSEC_TRIAGE_NOT_AFFECTED },
};

/* And the state written for each of ours (the source's own CycloneDX
 * state when it maps to the same one, so nothing is lost). */
static const char *cdx_state_out(enum mdsec_triage_state s, const char *text)
{
	size_t i;

	for (i = 0; text && i < sizeof(cdx_states) / sizeof(cdx_states[0]); i++)
		if (!strcmp(text, cdx_states[i].cdx) &&
		    cdx_states[i].state == s)
			return text;
	switch (s) {
	case MDSEC_TRIAGE_AFFECTED:
		return "exploitable";
	case MDSEC_TRIAGE_NOT_AFFECTED:
		return "not_affected";
	case MDSEC_TRIAGE_FIXED:
		return "resolved";
	default:
		return "in_triage";
	}
}

/* ---------------------------------------------------------------------
 * Reading
 */

struct cdx_ctx {
	struct map refs; /* bom-ref -> struct mdsec_triage_subject * */
};

static int register_component(struct triage_reader *r, struct cdx_ctx *x,
			      json_t *c)
{
	struct mdsec_triage_subject *s;
	json_t *ref = json_object_get(c, "bom-ref"), *kids;
	const char *purl, *cpe;
	size_t i;
	int rc = 0;

	if (!json_is_object(c))
		return 0;
	if (json_is_string(ref)) {
		s = triage_alloc(r->t, sizeof(*s));
		if (!s)
			return MDSEC_ENOMEM;
		s->ref = tr_string(r, c, "bom-ref", false);
		s->name = tr_string(r, c, "name", false);
		s->version = tr_string(r, c, "version", false);
		purl = tr_string(r, c, "purl", false);
		cpe = tr_string(r, c, "cpe", false);
		s->purl = tr_purl(r, purl, "purl");
		s->cpe = tr_cpe(r, cpe, "cpe");
		if (r->jp.nerrors)
			return MDSEC_EINPUT;
		rc = map_put(&x->refs, s->ref, s, NULL);
		if (rc < 0)
			return rc;
	}
	kids = tr_array(r, c, "components");
	if (kids) {
		tr_push_key(r, "components");
		for (i = 0; i < json_array_size(kids) && rc >= 0; i++) {
			tr_push_index(r, i);
			rc = register_component(r, x, json_array_get(kids, i));
			tr_pop(r);
		}
		tr_pop(r);
	}
	return rc < 0 ? rc : 0;
}

/* The subject an affects ref names. */
static int resolve_ref(struct triage_reader *r, struct cdx_ctx *x,
		       const char *ref, struct mdsec_triage_subject *out)
{
	const struct mdsec_triage_subject *s = map_get(&x->refs, ref);
	char *canon = NULL;
	const char *frag;

	memset(out, 0, sizeof(*out));
	if (s) {
		*out = *s;
		return 0;
	}
	out->ref = ref;
	frag = ref;
	if (!strncmp(ref, "urn:cdx:", 8) && strchr(ref, '#'))
		frag = strchr(ref, '#') + 1;
	if (!strncmp(frag, "pkg:", 4) &&
	    mdsec_purl_canonical(frag, &canon, NULL, 0, NULL) == 0) {
		out->purl = triage_str(r->t, canon);
		free(canon);
		if (!out->purl)
			return MDSEC_ENOMEM;
		if (frag == ref)
			out->ref = NULL;
	}
	return 0;
}

/* A purl without its version, for statements whose versions[] say
 * which versions they are about. */
static const char *purl_unversioned(struct triage_reader *r, const char *purl)
{
	struct mdsec_purl p;
	char *s;
	const char *out;

	if (!purl || !strchr(purl, '@') ||
	    mdsec_purl_parse(purl, &p, NULL, 0, NULL) < 0)
		return purl;
	xfree(p.version);
	p.version = NULL;
	s = mdsec_purl_to_string(&p);
	mdsec_purl_release(&p);
	out = s ? triage_str(r->t, s) : NULL;
	free(s);
	return out ? out : purl;
}

struct cdx_vuln {
	const char *id;
	json_t *refs; /* references[] (aliases) */
	bool analysed;
	enum mdsec_triage_state state;
	const char *state_text;
	enum mdsec_triage_justification just;
	const char *just_text;
	unsigned responses;
	const char *detail, *action, *date, *author;
};

static int add_entry(struct triage_reader *r, const struct cdx_vuln *v,
		     const struct mdsec_triage_subject *subj,
		     enum mdsec_triage_state state, const char *state_text)
{
	struct mdsec_triage_entry *e = tr_entry(r, NULL);
	size_t i;

	if (!e)
		return MDSEC_ENOMEM;
	e->subject = *subj;
	e->vuln = v->id;
	e->state = state;
	e->state_text = state_text;
	if (state == MDSEC_TRIAGE_NOT_AFFECTED) {
		e->justification = v->just;
		e->justification_text = v->just_text;
	}
	e->responses = v->responses;
	e->detail = v->detail;
	e->action = v->action;
	if (v->date)
		e->date = v->date;
	if (v->author)
		e->author = v->author;
	for (i = 0; i < json_array_size(v->refs); i++) {
		json_t *id = json_object_get(json_array_get(v->refs, i), "id");

		if (json_is_string(id) &&
		    triage_add_alias(r->t, e, json_string_value(id)) < 0)
			return MDSEC_ENOMEM;
	}
	return 0;
}

static int read_analysis(struct triage_reader *r, json_t *vuln,
			 struct cdx_vuln *v)
{
	json_t *a = tr_object(r, vuln, "analysis"), *resp;
	size_t i;

	if (!a)
		return r->jp.nerrors ? MDSEC_EINPUT : 0;
	tr_push_key(r, "analysis");
	v->state_text = tr_string(r, a, "state", false);
	if (v->state_text) {
		for (i = 0; i < sizeof(cdx_states) / sizeof(cdx_states[0]); i++)
			if (!strcmp(v->state_text, cdx_states[i].cdx)) {
				v->state = cdx_states[i].state;
				v->analysed = true;
			}
		if (!v->analysed)
			tr_error(r, "state",
				 "unknown analysis state '%s' (expected "
				 "resolved, resolved_with_pedigree, "
				 "exploitable, in_triage, false_positive or "
				 "not_affected)",
				 v->state_text);
	}
	v->just_text = tr_string(r, a, "justification", false);
	if (v->just_text &&
	    (!triage_cdx_justification_known(v->just_text) ||
	     mdsec_triage_justification_parse(&v->just, v->just_text) < 0))
		tr_error(r, "justification",
			 "unknown justification '%s' (expected "
			 "code_not_present, "
			 "code_not_reachable, requires_configuration, "
			 "requires_dependency, requires_environment, "
			 "protected_by_compiler, protected_at_runtime, "
			 "protected_at_perimeter or "
			 "protected_by_mitigating_control)",
			 v->just_text);
	resp = tr_array(r, a, "response");
	for (i = 0; i < json_array_size(resp); i++) {
		json_t *x = json_array_get(resp, i);
		unsigned bit;

		if (json_is_string(x) &&
		    mdsec_triage_response_parse(&bit, json_string_value(x)) ==
			    0) {
			v->responses |= bit;
			continue;
		}
		tr_push_key(r, "response");
		tr_push_index(r, i);
		tr_error(r, NULL,
			 "unknown response %s%s%s (expected can_not_fix, "
			 "will_not_fix, update, rollback or "
			 "workaround_available)",
			 json_is_string(x) ? "'" : "",
			 json_is_string(x) ? json_string_value(x)
					   : json_type_name(x),
			 json_is_string(x) ? "'" : "");
		tr_pop(r);
		tr_pop(r);
	}
	v->detail = tr_string(r, a, "detail", false);
	v->date = tr_datetime(r, a, "lastUpdated");
	if (!v->date)
		v->date = tr_datetime(r, a, "firstIssued");
	tr_pop(r);
	return r->jp.nerrors ? MDSEC_EINPUT : 0;
}

static const char *property(struct triage_reader *r, json_t *vuln,
			    const char *name)
{
	json_t *props = json_object_get(vuln, "properties");
	size_t i;

	for (i = 0; i < json_array_size(props); i++) {
		json_t *p = json_array_get(props, i);
		json_t *n = json_object_get(p, "name");
		json_t *val = json_object_get(p, "value");

		if (json_is_string(n) && json_is_string(val) &&
		    !strcmp(json_string_value(n), name))
			return triage_str(r->t, json_string_value(val));
	}
	return NULL;
}

/* CycloneDX affects[].versions[].status read as a state, when there is
 * no analysis. */
static int version_state(struct triage_reader *r, json_t *ver,
			 enum mdsec_triage_state *st, const char **text)
{
	*text = tr_string(r, ver, "status", false);
	if (!*text || !strcmp(*text, "affected")) {
		*st = MDSEC_TRIAGE_AFFECTED;
		*text = *text ? *text : "affected";
	} else if (!strcmp(*text, "unaffected")) {
		*st = MDSEC_TRIAGE_NOT_AFFECTED;
	} else if (!strcmp(*text, "unknown")) {
		*st = MDSEC_TRIAGE_UNDER_INVESTIGATION;
	} else {
		return tr_error(r, "status",
				"unknown version status '%s' (expected "
				"affected, unaffected or unknown)",
				*text);
	}
	return 0;
}

static int read_affects(struct triage_reader *r, struct cdx_ctx *x,
			const struct cdx_vuln *v, json_t *aff)
{
	struct mdsec_triage_subject subj, one;
	const char *ref;
	json_t *vers;
	size_t k;
	int rc;

	if (!json_is_object(aff))
		return tr_error(r, NULL,
				"an affects element is %s (expected an "
				"object with \"ref\")",
				json_type_name(aff));
	ref = tr_string(r, aff, "ref", true);
	vers = tr_array(r, aff, "versions");
	if (!ref || r->jp.nerrors)
		return MDSEC_EINPUT;
	rc = resolve_ref(r, x, ref, &subj);
	if (rc < 0)
		return rc;
	if (!json_array_size(vers)) {
		if (!v->analysed)
			return 0; /* a vulnerability without analysis states
				   * nothing */
		return add_entry(r, v, &subj, v->state, v->state_text);
	}
	tr_push_key(r, "versions");
	for (k = 0; k < json_array_size(vers) && rc == 0; k++) {
		json_t *ver = json_array_get(vers, k);
		enum mdsec_triage_state st = v->state;
		const char *st_text = v->state_text, *vv, *range;

		tr_push_index(r, k);
		if (!json_is_object(ver)) {
			rc = tr_error(r, NULL,
				      "a version is %s (expected an object "
				      "with \"version\" or \"range\")",
				      json_type_name(ver));
			tr_pop(r);
			break;
		}
		vv = tr_string(r, ver, "version", false);
		range = tr_string(r, ver, "range", false);
		if (!r->jp.nerrors && !vv && !range)
			tr_error(r, NULL,
				 "a version without \"version\" or "
				 "\"range\" (expected one of them)");
		if (!r->jp.nerrors && range && strncmp(range, "vers:", 5))
			tr_error(r, "range",
				 "\"range\" is '%s' (expected a vers range, "
				 "vers:<scheme>/<constraints>)",
				 range);
		if (!r->jp.nerrors && !v->analysed)
			version_state(r, ver, &st, &st_text);
		if (r->jp.nerrors) {
			rc = MDSEC_EINPUT;
			tr_pop(r);
			break;
		}
		one = subj;
		one.purl = purl_unversioned(r, subj.purl);
		one.version = vv;
		one.range = range;
		{
			struct mdsec_triage_entry *e;

			rc = add_entry(r, v, &one, st, st_text);
			if (rc == 0) {
				e = &r->t->entries.v[r->t->entries.n - 1];
				e->loc = tr_loc(r, NULL);
			}
		}
		tr_pop(r);
	}
	tr_pop(r);
	return rc;
}

static int read_vuln(struct triage_reader *r, struct cdx_ctx *x, json_t *vuln)
{
	struct cdx_vuln v;
	json_t *affects;
	size_t j;
	int rc;

	memset(&v, 0, sizeof(v));
	if (!json_is_object(vuln))
		return tr_error(r, NULL,
				"a vulnerability is %s (expected an object)",
				json_type_name(vuln));
	v.id = tr_string(r, vuln, "id", true);
	v.refs = tr_array(r, vuln, "references");
	v.action = tr_string(r, vuln, "recommendation", false);
	if (!v.action)
		v.action = tr_string(r, vuln, "workaround", false);
	v.author = property(r, vuln, PROP_AUTHOR);
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	rc = read_analysis(r, vuln, &v);
	if (rc < 0)
		return rc;
	{
		const char *label = property(r, vuln, PROP_JUSTIFICATION);
		enum mdsec_triage_justification lj;

		if (label && v.just_text &&
		    mdsec_triage_justification_parse(&lj, label) == 0 &&
		    !triage_cdx_justification_known(label))
			v.just = lj;
	}
	if (!v.date)
		v.date = tr_datetime(r, vuln, "updated");
	if (!v.date)
		v.date = tr_datetime(r, vuln, "published");
	affects = tr_array(r, vuln, "affects");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	if (v.analysed && !json_array_size(affects))
		return tr_error(r, NULL,
				"an analysed vulnerability without "
				"\"affects\" (expected the components it "
				"is about)");
	tr_push_key(r, "affects");
	for (j = 0; j < json_array_size(affects) && rc == 0; j++) {
		tr_push_index(r, j);
		rc = read_affects(r, x, &v, json_array_get(affects, j));
		tr_pop(r);
	}
	tr_pop(r);
	return rc;
}

int cdxvex_read(struct triage_reader *r, json_t *root)
{
	struct cdx_ctx x;
	const char *fmt;
	json_t *meta, *comps, *vulns, *authors;
	size_t i;
	int rc = 0;

	memset(&x, 0, sizeof(x));
	fmt = tr_string(r, root, "bomFormat", true);
	if (fmt && strcmp(fmt, "CycloneDX"))
		return tr_error(r, "bomFormat",
				"\"bomFormat\" is '%s' (expected CycloneDX)",
				fmt);
	r->doc_id = tr_string(r, root, "serialNumber", false);
	meta = tr_object(r, root, "metadata");
	comps = tr_array(r, root, "components");
	vulns = tr_array(r, root, "vulnerabilities");
	if (r->jp.nerrors)
		return MDSEC_EINPUT;
	if (meta) {
		json_t *who;

		tr_push_key(r, "metadata");
		r->date = tr_datetime(r, meta, "timestamp");
		authors = json_object_get(meta, "authors");
		who = json_array_get(authors, 0);
		if (!json_is_object(who))
			who = json_object_get(meta, "manufacturer");
		if (!json_is_object(who))
			who = json_object_get(meta, "supplier");
		if (json_is_object(who) &&
		    json_is_string(json_object_get(who, "name")))
			r->author = triage_str(
				r->t, json_string_value(
					      json_object_get(who, "name")));
		if (json_is_object(json_object_get(meta, "component"))) {
			tr_push_key(r, "component");
			rc = register_component(
				r, &x, json_object_get(meta, "component"));
			tr_pop(r);
		}
		tr_pop(r);
	}
	if (comps && rc == 0) {
		tr_push_key(r, "components");
		for (i = 0; i < json_array_size(comps) && rc == 0; i++) {
			tr_push_index(r, i);
			rc = register_component(r, &x,
						json_array_get(comps, i));
			tr_pop(r);
		}
		tr_pop(r);
	}
	if (rc == 0 && !r->jp.nerrors && vulns) {
		tr_push_key(r, "vulnerabilities");
		for (i = 0; i < json_array_size(vulns); i++) {
			tr_push_index(r, i);
			rc = read_vuln(r, &x, json_array_get(vulns, i));
			tr_pop(r);
			if (rc == MDSEC_ENOMEM)
				break;
		}
		tr_pop(r);
	}
	map_release(&x.refs);
	if (rc == MDSEC_ENOMEM)
		return rc;
	return r->jp.nerrors ? MDSEC_EINPUT : rc;
}

/* ---------------------------------------------------------------------
 * Writing
 */

static void write_component(struct jsonw *w, const struct mdsec_component *c,
			    const char *ref)
{
	jsonw_object_begin(w);
	jsonw_member(w, "type", c->type ? c->type : "library");
	jsonw_member(w, "bom-ref", ref);
	if (c->supplier) {
		jsonw_key(w, "supplier");
		jsonw_object_begin(w);
		jsonw_member(w, "name", c->supplier);
		jsonw_object_end(w);
	}
	jsonw_member_opt(w, "group", c->group);
	jsonw_member(w, "name", c->name);
	jsonw_member_opt(w, "version", c->version);
	jsonw_member_opt(w, "cpe", c->cpe);
	jsonw_member_opt(w, "purl", c->purl);
	jsonw_object_end(w);
}

/* The source named by an id's prefix ("GHSA", "RHSA"...). */
static void alias_source(struct jsonw *w, const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	const char *dash = strchr(id, '-');

	if (!strncmp(id, "CVE-", 4))
		strbuf_addstr(&sb, "NVD");
	else if (dash && dash > id)
		strbuf_add(&sb, id, (size_t)(dash - id));
	else
		strbuf_addstr(&sb, "unknown");
	jsonw_key(w, "source");
	jsonw_object_begin(w);
	jsonw_member(w, "name", sb.buf);
	jsonw_object_end(w);
	strbuf_release(&sb);
}

static void write_vuln(struct jsonw *w, const struct mdsec_triage_item *it,
		       const char *ref, const char *doc_time)
{
	const struct mdsec_triage_entry *d = it->decision;
	const char *cdx_just = NULL, *label = NULL;
	struct triage_pub p;
	struct strbuf url = STRBUF_INIT;
	unsigned i;

	triage_pub_of(&p, it, doc_time);
	jsonw_object_begin(w);
	jsonw_member(w, "id", it->vuln);
	if (!strncmp(it->vuln, "CVE-", 4)) {
		strbuf_addf(&url, "https://nvd.nist.gov/vuln/detail/%s",
			    it->vuln);
		jsonw_key(w, "source");
		jsonw_object_begin(w);
		jsonw_member(w, "name", "NVD");
		jsonw_member(w, "url", url.buf);
		jsonw_object_end(w);
	}
	if (d && d->naliases) {
		size_t k;

		jsonw_key(w, "references");
		jsonw_array_begin(w);
		for (k = 0; k < d->naliases; k++) {
			jsonw_object_begin(w);
			jsonw_member(w, "id", d->aliases[k]);
			alias_source(w, d->aliases[k]);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_member_opt(w, "recommendation", p.action);
	jsonw_key(w, "analysis");
	jsonw_object_begin(w);
	jsonw_member(w, "state",
		     cdx_state_out(p.state, d ? d->state_text : NULL));
	if (p.just) {
		enum mdsec_triage_justification back;

		cdx_just = p.just_text && triage_cdx_justification_known(
						  p.just_text)
				   ? p.just_text
				   : mdsec_triage_justification_cdx(p.just);
		jsonw_member(w, "justification", cdx_just);
		if (mdsec_triage_justification_parse(&back, cdx_just) == 0 &&
		    back != p.just)
			label = mdsec_triage_justification_name(p.just);
	}
	if (p.responses) {
		jsonw_key(w, "response");
		jsonw_array_begin(w);
		for (i = 0; i < MDSEC_TRIAGE_NRESPONSES; i++)
			if (p.responses & (1u << i))
				jsonw_string(w, triage_response_names[i]);
		jsonw_array_end(w);
	}
	jsonw_member_opt(w, "detail", p.detail);
	if (d) {
		jsonw_member(w, "firstIssued", p.date);
		jsonw_member(w, "lastUpdated", p.date);
	}
	jsonw_object_end(w);
	jsonw_key(w, "affects");
	jsonw_array_begin(w);
	jsonw_object_begin(w);
	jsonw_member(w, "ref", ref);
	jsonw_object_end(w);
	jsonw_array_end(w);
	if ((d && d->author) || label) {
		jsonw_key(w, "properties");
		jsonw_array_begin(w);
		if (d && d->author) {
			jsonw_object_begin(w);
			jsonw_member(w, "name", PROP_AUTHOR);
			jsonw_member(w, "value", d->author);
			jsonw_object_end(w);
		}
		if (label) {
			jsonw_object_begin(w);
			jsonw_member(w, "name", PROP_JUSTIFICATION);
			jsonw_member(w, "value", label);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
	}
	jsonw_object_end(w);
	strbuf_release(&url);
}

/* Format the hex digits at `at` (32 of them) as a UUID, version 5
 * bits set (RFC 4122 4.3 layout; the hash is SHA-256, not SHA-1). */
static void uuid_from_hex(struct strbuf *sb, size_t at)
{
	static const char hexd[] = "0123456789abcdef";
	char u[37], *h = sb->buf + at;
	size_t i, k = 0;
	int v;

	for (i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			u[k++] = '-';
		u[k++] = h[i];
	}
	u[36] = '\0';
	u[14] = '5';
	v = u[19] >= 'a' ? u[19] - 'a' + 10 : u[19] - '0';
	u[19] = hexd[(v & 0x3) | 0x8];
	memcpy(h, u, 36);
}

int cdxvex_write(struct strbuf *out, const struct mdsec_triage_device *dev,
		 const mdsec_sbom *s, const struct mdsec_triage_item *items,
		 size_t n)
{
	const char *device_ref;
	bool *listed = NULL;
	char **refs = NULL, now[21];
	size_t *order = NULL, *comp_order = NULL, i, serial_at;
	struct jsonw w;
	int rc = MDSEC_ENOMEM;

	order = triage_item_order(s, items, n);
	comp_order = mdsec_sbom_order(s);
	listed =
		xcalloc(s->components.n ? s->components.n : 1, sizeof(*listed));
	if (!order || !comp_order || !listed)
		goto out;
	refs = sbom_cdx_refs(s, comp_order);
	if (!refs)
		goto out;
	device_ref = s->primary < s->components.n ? refs[s->primary] : "device";
	for (i = 0; i < n; i++)
		listed[items[i].component] = true;
	triage_doc_time(now);
	jsonw_init(&w, out, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "bomFormat", "CycloneDX");
	jsonw_member(&w, "specVersion", "1.6");
	jsonw_key(&w, "serialNumber");
	serial_at = out->len + 1 + strlen("urn:uuid:");
	/* 64 placeholder digits now; a UUID (36) after hashing */
	jsonw_string(&w, "urn:uuid:" TRIAGE_HASH_PLACEHOLDER);
	jsonw_key(&w, "version");
	jsonw_int(&w, 1);
	jsonw_key(&w, "metadata");
	jsonw_object_begin(&w);
	jsonw_member(&w, "timestamp", now);
	jsonw_key(&w, "tools");
	jsonw_object_begin(&w);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	jsonw_object_begin(&w);
	jsonw_member(&w, "type", "application");
	jsonw_member(&w, "name", "mdsec");
	jsonw_member(&w, "version", MDSEC_VERSION);
	jsonw_object_end(&w);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	jsonw_key(&w, "authors");
	jsonw_array_begin(&w);
	jsonw_object_begin(&w);
	jsonw_member(&w, "name", dev->author ? dev->author : dev->vendor);
	jsonw_object_end(&w);
	jsonw_array_end(&w);
	jsonw_key(&w, "component");
	jsonw_object_begin(&w);
	jsonw_member(&w, "type", "device");
	jsonw_member(&w, "bom-ref", device_ref);
	jsonw_key(&w, "manufacturer");
	jsonw_object_begin(&w);
	jsonw_member(&w, "name", dev->vendor);
	jsonw_object_end(&w);
	jsonw_member(&w, "name", dev->name);
	jsonw_member(&w, "version", dev->version);
	jsonw_object_end(&w);
	jsonw_object_end(&w);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	for (i = 0; i < s->components.n; i++) {
		size_t c = comp_order[i];

		if (listed[c] && c != s->primary)
			write_component(&w, &s->components.v[c], refs[c]);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "vulnerabilities");
	jsonw_array_begin(&w);
	for (i = 0; i < n; i++) {
		const struct mdsec_triage_item *it = &items[order[i]];
		const char *ref = it->component == s->primary
					  ? device_ref
					  : refs[it->component];

		write_vuln(&w, it, ref, now);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
	rc = w.error;
	if (rc == 0)
		rc = triage_fill_hash(out, serial_at, 36);
	if (rc == 0)
		uuid_from_hex(out, serial_at);
out:
	sbom_cdx_refs_free(s, refs);
	xfree(listed);
	xfree(comp_order);
	xfree(order);
	return rc;
}
