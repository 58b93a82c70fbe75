/* SPDX-License-Identifier: Apache-2.0
 *
 * threats.c - the threat and risk report of one analysis as a table, JSON
 * (docs/schemas/threats.schema.json, format mdsec.threats/1) or CSV
 * (RFC 4180), and the difference between two analyses
 * (docs/schemas/diff.schema.json, format mdsec.diff/1). Threats come in
 * id order, so every output is deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "mdsec/pipeline.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define THREATS_JSON_FORMAT "mdsec.threats/1"
#define DIFF_JSON_FORMAT "mdsec.diff/1"

static const char *const complexity_names[] = { "low", "medium", "high" };
static const char *const source_names[] = { "hazard", "asset", "default" };

static const char *severity_name(int s)
{
	return mdsec_enum_names("severity")[s];
}

static const struct mdsec_obj *target_obj(const mdsec_model *m,
					  const struct mdsec_threat *t)
{
	switch (t->kind) {
	case MDSEC_KIND_ELEMENT:
		return &m->elements[t->index].o;
	case MDSEC_KIND_INTERFACE:
		return &m->interfaces[t->index].o;
	case MDSEC_KIND_FLOW:
		return &m->flows[t->index].o;
	case MDSEC_KIND_SOFTWARE:
		return &m->software[t->index].o;
	default:
		return &m->assets[t->index].o;
	}
}

/* ---- JSON ------------------------------------------------------------ */

struct jctx {
	bool nomem;
};

static void jset(struct jctx *j, json_t *o, const char *k, json_t *v)
{
	if (!v || json_object_set_new(o, k, v) < 0)
		j->nomem = true;
}

static void jpush(struct jctx *j, json_t *a, json_t *v)
{
	if (!v || json_array_append_new(a, v) < 0)
		j->nomem = true;
}

static json_t *source_json(const mdsec_model *m, struct mdsec_loc l)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s:%u:%u",
		 mdsec_model_display_path(m, l.file), l.line, l.col);
	return json_string(buf);
}

/* The objects a threat names: its target and what that target names. */
static json_t *objects_json(struct jctx *j, const mdsec_model *m,
			    const struct mdsec_threat *t)
{
	json_t *a = json_array();
	size_t i;

	if (!a) {
		j->nomem = true;
		return NULL;
	}
	jpush(j, a, json_string(t->object));
	switch (t->kind) {
	case MDSEC_KIND_FLOW:
		jpush(j, a, json_string(m->flows[t->index].from.id));
		jpush(j, a, json_string(m->flows[t->index].to.id));
		for (i = 0; i < m->flows[t->index].via.n; i++)
			jpush(j, a, json_string(m->flows[t->index].via.v[i].id));
		break;
	case MDSEC_KIND_INTERFACE:
		jpush(j, a, json_string(
				    m->elements[m->interfaces[t->index].element]
					    .o.id));
		break;
	case MDSEC_KIND_SOFTWARE:
		jpush(j, a, json_string(m->software[t->index].element.id));
		break;
	case MDSEC_KIND_ELEMENT:
		if (m->elements[t->index].runs_on.id)
			jpush(j, a,
			      json_string(m->elements[t->index].runs_on.id));
		break;
	default:
		break;
	}
	return a;
}

static json_t *ids_json(struct jctx *j, const char *prefix, const int *v,
			size_t n)
{
	json_t *a = json_array();
	char buf[32];
	size_t i;

	for (i = 0; a && i < n; i++) {
		snprintf(buf, sizeof(buf), "%s-%d", prefix, v[i]);
		jpush(j, a, json_string(buf));
	}
	if (!a)
		j->nomem = true;
	return a;
}

static json_t *categories_json(struct jctx *j, unsigned bits)
{
	const char *const *names = mdsec_enum_names("control-category");
	json_t *a = json_array();
	int i;

	for (i = 0; a && names[i]; i++) {
		if ((bits >> i) & 1u)
			jpush(j, a, json_string(names[i]));
	}
	if (!a)
		j->nomem = true;
	return a;
}

static json_t *level_json(struct jctx *j, int exploit, int severity,
			  enum mdsec_region region)
{
	json_t *o = json_object();

	if (!o) {
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "exploitability", json_integer(exploit));
	jset(j, o, "exploitability_level",
	     json_string(mdsec_exploitability_name(exploit)));
	jset(j, o, "severity", json_string(severity_name(severity)));
	jset(j, o, "region", json_string(mdsec_region_name(region)));
	return o;
}

static json_t *risk_json(struct jctx *j, const mdsec_model *m,
			 const struct mdsec_risk *r)
{
	json_t *o = json_object(), *in = json_object(), *ctl = json_array();
	json_t *after, *sev = json_object();
	size_t i;

	if (!o || !in || !ctl || !sev) {
		json_decref(o);
		json_decref(in);
		json_decref(ctl);
		json_decref(sev);
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "before",
	     level_json(j, r->before, r->severity, r->region_before));
	after = level_json(j, r->after, r->severity, r->region_after);
	if (after)
		jset(j, after, "computed", json_boolean(r->after_computed));
	jset(j, o, "after", after);
	jset(j, in, "exposure",
	     json_string(mdsec_enum_names("exposure")[r->exposure]));
	jset(j, in, "authenticated", json_boolean(r->authenticated));
	jset(j, in, "complexity", json_string(complexity_names[r->complexity]));
	for (i = 0; i < r->ncontrols; i++)
		jpush(j, ctl, json_string(m->controls[r->controls[i]].o.id));
	jset(j, in, "controls", ctl);
	jset(j, sev, "source", json_string(source_names[r->severity_source]));
	if (r->severity_source == MDSEC_SEVERITY_HAZARD)
		jset(j, sev, "hazard",
		     json_string(m->hazards[r->severity_object].o.id));
	else if (r->severity_source == MDSEC_SEVERITY_ASSET)
		jset(j, sev, "asset",
		     json_string(m->assets[r->severity_object].o.id));
	jset(j, in, "severity", sev);
	if (r->decision >= 0)
		jset(j, in, "decision",
		     json_string(mdsec_enum_names("decision")
					 [m->decisions[r->decision].decision]));
	else
		jset(j, in, "decision", json_null());
	jset(j, o, "inputs", in);
	return o;
}

static json_t *threat_json(struct jctx *j, const mdsec_analysis *a, size_t i)
{
	const mdsec_model *m = a->model;
	const struct mdsec_threat *t = &a->threats->v[i];
	const struct mdsec_rule *r = t->rule;
	json_t *o = json_object(), *target = json_object();

	if (!o || !target) {
		json_decref(o);
		json_decref(target);
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "id", json_string(t->id));
	jset(j, o, "rule", json_string(r->id));
	jset(j, o, "title", json_string(r->title));
	jset(j, o, "stride", json_string(mdsec_stride_name(r->stride)));
	jset(j, o, "capec", ids_json(j, "CAPEC", r->capec, r->ncapec));
	jset(j, o, "cwe", ids_json(j, "CWE", r->cwe, r->ncwe));
	jset(j, target, "kind", json_string(mdsec_kind_name(t->kind)));
	jset(j, target, "id", json_string(t->object));
	jset(j, target, "source",
	     source_json(m, target_obj(m, t)->loc));
	jset(j, o, "target", target);
	jset(j, o, "objects", objects_json(j, m, t));
	jset(j, o, "mitigations", categories_json(j, r->mitigations));
	jset(j, o, "risk", risk_json(j, m, &a->assessment->risks[i]));
	return o;
}

static const char *const finding_names[] = { "unmitigated", "unacceptable",
					     "stale-decision" };

static json_t *finding_json(struct jctx *j, const mdsec_analysis *a,
			    const struct mdsec_finding *f)
{
	json_t *o = json_object();

	if (!o) {
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "kind", json_string(finding_names[f->kind]));
	jset(j, o, "gating", json_boolean(f->gating));
	jset(j, o, "threat", json_string(f->threat));
	jset(j, o, "source", source_json(a->model, f->loc));
	jset(j, o, "message", json_string(f->msg));
	return o;
}

static json_t *rule_json(struct jctx *j, const struct mdsec_rule *r)
{
	json_t *o = json_object();

	if (!o) {
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "id", json_string(r->id));
	jset(j, o, "title", json_string(r->title));
	jset(j, o, "target", json_string(mdsec_kind_name(r->target)));
	jset(j, o, "stride", json_string(mdsec_stride_name(r->stride)));
	jset(j, o, "capec", ids_json(j, "CAPEC", r->capec, r->ncapec));
	jset(j, o, "cwe", ids_json(j, "CWE", r->cwe, r->ncwe));
	jset(j, o, "complexity", json_string(complexity_names[r->complexity]));
	jset(j, o, "mitigations", categories_json(j, r->mitigations));
	jset(j, o, "rationale", json_string(r->rationale));
	jset(j, o, "harm", json_string(r->harm));
	return o;
}

/*
 * The JSON report is streamed one threat at a time, so memory stays at
 * one threat's tree however many threats there are: each element is
 * rendered by jansson and indented to its depth here.
 */
struct sink {
	mdsec_write_fn write;
	void *payload;
	int error;
};

static void put(struct sink *k, const char *s, size_t n)
{
	if (!k->error && k->write(k->payload, s, n) < 0)
		k->error = MDSEC_EIO;
}

static void puts_(struct sink *k, const char *s)
{
	put(k, s, strlen(s));
}

/* Write v (consumed) as JSON, continuation lines indented by `indent`. */
static void put_value(struct sink *k, json_t *v, const char *indent)
{
	char *text, *p, *nl;

	if (!v) {
		k->error = MDSEC_ENOMEM;
		return;
	}
	text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				     JSON_ENCODE_ANY);
	json_decref(v);
	if (!text) {
		k->error = MDSEC_ENOMEM;
		return;
	}
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		put(k, p, (size_t)(nl - p) + 1);
		puts_(k, indent);
	}
	puts_(k, p);
	free(text);
}

static void put_member(struct sink *k, const char *key, json_t *v,
		       bool last)
{
	puts_(k, "  \"");
	puts_(k, key);
	puts_(k, "\": ");
	put_value(k, v, "  ");
	puts_(k, last ? "\n" : ",\n");
}

static int write_json(const mdsec_analysis *a, mdsec_write_fn w,
		      void *payload)
{
	struct sink k = { w, payload, 0 };
	struct jctx j = { false };
	const mdsec_threats *t = a->threats;
	const mdsec_assessment *as = a->assessment;
	size_t i, ub = 0, ua = 0, nr = 0;
	json_t *sum;

	puts_(&k, "{\n");
	put_member(&k, "format", json_string(THREATS_JSON_FORMAT), false);
	put_member(&k, "model", json_string(a->model->root), false);
	put_member(&k, "assessed", json_string(a->today), false);
	put_member(&k, "rules_applied",
		   json_integer((json_int_t)a->rules->nrules), false);
	/* The rules that produced threats, once each (threats are sorted by
	 * id, so a rule's threats are adjacent). */
	puts_(&k, "  \"rules\": [");
	for (i = 0; i < t->n && !k.error; i++) {
		if (i && t->v[i].rule == t->v[i - 1].rule)
			continue;
		puts_(&k, nr++ ? ",\n    " : "\n    ");
		put_value(&k, rule_json(&j, t->v[i].rule), "    ");
	}
	puts_(&k, nr ? "\n  ],\n" : "],\n");
	puts_(&k, "  \"threats\": [");
	for (i = 0; i < t->n && !k.error; i++) {
		puts_(&k, i ? ",\n    " : "\n    ");
		put_value(&k, threat_json(&j, a, i), "    ");
		ub += as->risks[i].region_before == MDSEC_REGION_UNACCEPTABLE;
		ua += as->risks[i].region_after == MDSEC_REGION_UNACCEPTABLE;
	}
	puts_(&k, t->n ? "\n  ],\n" : "],\n");
	puts_(&k, "  \"findings\": [");
	for (i = 0; i < as->nfindings && !k.error; i++) {
		puts_(&k, i ? ",\n    " : "\n    ");
		put_value(&k, finding_json(&j, a, &as->findings[i]), "    ");
	}
	puts_(&k, as->nfindings ? "\n  ],\n" : "],\n");
	sum = json_object();
	if (sum) {
		jset(&j, sum, "threats", json_integer((json_int_t)t->n));
		jset(&j, sum, "unacceptable_before", json_integer((json_int_t)ub));
		jset(&j, sum, "unacceptable_after", json_integer((json_int_t)ua));
		jset(&j, sum, "findings", json_integer((json_int_t)as->nfindings));
		jset(&j, sum, "gating_findings",
		     json_integer((json_int_t)as->ngating));
	}
	put_member(&k, "summary", sum, true);
	puts_(&k, "}\n");
	if (j.nomem && !k.error)
		k.error = MDSEC_ENOMEM;
	return k.error;
}

/* ---- CSV and table ------------------------------------------------------ */

/* RFC 4180: quote a field when it holds a comma, quote or line break. */
static int csv_field(struct strbuf *sb, const char *s, bool last)
{
	const char *p;
	int error = 0;

	if (strpbrk(s, ",\"\r\n")) {
		error = strbuf_addch(sb, '"');
		for (p = s; *p && !error; p++) {
			if (*p == '"')
				error = strbuf_addch(sb, '"');
			if (!error)
				error = strbuf_addch(sb, *p);
		}
		if (!error)
			error = strbuf_addch(sb, '"');
	} else {
		error = strbuf_addstr(sb, s);
	}
	if (!error)
		error = strbuf_addstr(sb, last ? "\r\n" : ",");
	return error;
}

static int render_csv(struct strbuf *sb, const mdsec_analysis *a)
{
	static const char *const head[] = {
		"id", "rule", "stride", "target_kind", "target",
		"exploitability_before", "exploitability_after", "severity",
		"region_before", "region_after", "residual_computed",
		"decision", "controls", "title"
	};
	const mdsec_model *m = a->model;
	size_t i, c, n = sizeof(head) / sizeof(*head);
	char num[2][8];
	int error = 0;

	for (c = 0; c < n && !error; c++)
		error = csv_field(sb, head[c], c + 1 == n);
	for (i = 0; i < a->threats->n && !error; i++) {
		const struct mdsec_threat *t = &a->threats->v[i];
		const struct mdsec_risk *r = &a->assessment->risks[i];
		struct strbuf ctl = STRBUF_INIT;
		const char *row[14];

		for (c = 0; c < r->ncontrols && !error; c++)
			error = strbuf_addf(&ctl, "%s%s", c ? " " : "",
					    m->controls[r->controls[c]].o.id);
		snprintf(num[0], sizeof(num[0]), "%d", r->before);
		snprintf(num[1], sizeof(num[1]), "%d", r->after);
		row[0] = t->id;
		row[1] = t->rule->id;
		row[2] = mdsec_stride_name(t->rule->stride);
		row[3] = mdsec_kind_name(t->kind);
		row[4] = t->object;
		row[5] = num[0];
		row[6] = num[1];
		row[7] = severity_name(r->severity);
		row[8] = mdsec_region_name(r->region_before);
		row[9] = mdsec_region_name(r->region_after);
		row[10] = r->after_computed ? "true" : "false";
		row[11] = r->decision >= 0
				  ? mdsec_enum_names("decision")
					    [m->decisions[r->decision].decision]
				  : "";
		row[12] = ctl.buf;
		row[13] = t->rule->title;
		for (c = 0; c < n && !error; c++)
			error = csv_field(sb, row[c], c + 1 == n);
		strbuf_release(&ctl);
	}
	return error;
}

static int render_table(struct strbuf *sb, const mdsec_analysis *a)
{
	static const char stride_letter[] = "STRIDE";
	size_t i, w = 6;
	int error;

	for (i = 0; i < a->threats->n; i++) {
		size_t l = strlen(a->threats->v[i].id);

		if (l > w)
			w = l;
	}
	error = strbuf_addf(sb, "%-*s  S  %-22s  %-22s  %s\n", (int)w, "THREAT",
			    "RISK BEFORE", "RISK AFTER", "TITLE");
	for (i = 0; i < a->threats->n && !error; i++) {
		const struct mdsec_threat *t = &a->threats->v[i];
		const struct mdsec_risk *r = &a->assessment->risks[i];
		char before[64], after[64];

		snprintf(before, sizeof(before), "%d/%s %s", r->before,
			 severity_name(r->severity),
			 mdsec_region_name(r->region_before));
		snprintf(after, sizeof(after), "%d/%s %s%s", r->after,
			 severity_name(r->severity),
			 mdsec_region_name(r->region_after),
			 r->after_computed ? "" : "*");
		error = strbuf_addf(sb, "%-*s  %c  %-22s  %-22s  %s\n", (int)w,
				    t->id, stride_letter[t->rule->stride],
				    before, after, t->rule->title);
	}
	if (!error)
		error = strbuf_addf(
			sb,
			"\n%zu threats from %zu rules; %zu findings (%zu "
			"gating). Risk: exploitability 1-5/severity region; "
			"* = residual stated by the model.\n",
			a->threats->n, a->rules->nrules,
			a->assessment->nfindings, a->assessment->ngating);
	return error;
}

int mdsec_threats_write(const mdsec_analysis *a,
			enum mdsec_threats_format format, mdsec_write_fn w,
			void *payload)
{
	struct strbuf sb = STRBUF_INIT;
	int error;

	if (format == MDSEC_THREATS_JSON)
		return write_json(a, w, payload);
	error = format == MDSEC_THREATS_CSV ? render_csv(&sb, a)
					    : render_table(&sb, a);
	if (error < 0)
		error = MDSEC_ENOMEM;
	else if (w(payload, sb.buf, sb.len) < 0)
		error = MDSEC_EIO;
	strbuf_release(&sb);
	return error;
}

/* ---- diff ------------------------------------------------------------ */

static int dump(char **out, json_t *root, bool nomem)
{
	char *text = nomem ? NULL
			   : json_dumps(root, JSON_INDENT(2) |
						      JSON_PRESERVE_ORDER);
	size_t n;

	json_decref(root);
	*out = NULL;
	if (!text)
		return MDSEC_ENOMEM;
	n = strlen(text);
	*out = xmalloc(n + 2);
	if (*out) {
		memcpy(*out, text, n);
		(*out)[n] = '\n';
		(*out)[n + 1] = '\0';
	}
	free(text);
	return *out ? 0 : MDSEC_ENOMEM;
}

static const char *decision_of(const mdsec_analysis *a, size_t i)
{
	const struct mdsec_risk *r = &a->assessment->risks[i];

	return r->decision >= 0
		       ? mdsec_enum_names("decision")
				 [a->model->decisions[r->decision].decision]
		       : "none";
}

static bool risk_changed(const mdsec_analysis *x, size_t i,
			 const mdsec_analysis *y, size_t j)
{
	const struct mdsec_risk *a = &x->assessment->risks[i];
	const struct mdsec_risk *b = &y->assessment->risks[j];

	return a->before != b->before || a->after != b->after ||
	       a->severity != b->severity ||
	       a->region_before != b->region_before ||
	       a->region_after != b->region_after ||
	       strcmp(decision_of(x, i), decision_of(y, j)) != 0;
}

static json_t *brief_json(struct jctx *j, const mdsec_analysis *a, size_t i)
{
	const struct mdsec_risk *r = &a->assessment->risks[i];
	json_t *o = json_object();

	if (!o) {
		j->nomem = true;
		return NULL;
	}
	jset(j, o, "before", level_json(j, r->before, r->severity,
					 r->region_before));
	jset(j, o, "after", level_json(j, r->after, r->severity,
					r->region_after));
	jset(j, o, "decision", json_string(decision_of(a, i)));
	return o;
}

int mdsec_threats_diff(char **out, bool *differ, const mdsec_analysis *x,
		       const mdsec_analysis *y, bool json)
{
	struct strbuf sb = STRBUF_INIT;
	struct jctx j = { false };
	json_t *root = NULL, *added = NULL, *removed = NULL, *changed = NULL;
	size_t i = 0, k = 0, na = 0, nr = 0, nc = 0;
	int error = 0, c;

	*out = NULL;
	*differ = false;
	if (json) {
		root = json_object();
		added = json_array();
		removed = json_array();
		changed = json_array();
		if (!root || !added || !removed || !changed) {
			json_decref(root);
			json_decref(added);
			json_decref(removed);
			json_decref(changed);
			return MDSEC_ENOMEM;
		}
	}
	/* Both lists are sorted by id: merge them. */
	while ((i < x->threats->n || k < y->threats->n) && !error) {
		const struct mdsec_threat *a =
			i < x->threats->n ? &x->threats->v[i] : NULL;
		const struct mdsec_threat *b =
			k < y->threats->n ? &y->threats->v[k] : NULL;

		c = !a ? 1 : !b ? -1 : strcmp(a->id, b->id);
		if (c < 0) {
			nr++;
			if (json) {
				json_t *o = json_object();

				if (o) {
					jset(&j, o, "id", json_string(a->id));
					jset(&j, o, "title",
					     json_string(a->rule->title));
					jset(&j, o, "risk", brief_json(&j, x, i));
				}
				jpush(&j, removed, o);
			} else {
				error = strbuf_addf(&sb, "- %s  %s\n", a->id,
						    a->rule->title);
			}
			i++;
		} else if (c > 0) {
			na++;
			if (json) {
				json_t *o = json_object();

				if (o) {
					jset(&j, o, "id", json_string(b->id));
					jset(&j, o, "title",
					     json_string(b->rule->title));
					jset(&j, o, "risk", brief_json(&j, y, k));
				}
				jpush(&j, added, o);
			} else {
				error = strbuf_addf(&sb, "+ %s  %s\n", b->id,
						    b->rule->title);
			}
			k++;
		} else {
			if (risk_changed(x, i, y, k)) {
				const struct mdsec_risk *ra =
					&x->assessment->risks[i];
				const struct mdsec_risk *rb =
					&y->assessment->risks[k];

				nc++;
				if (json) {
					json_t *o = json_object();

					if (o) {
						jset(&j, o, "id",
						     json_string(a->id));
						jset(&j, o, "old",
						     brief_json(&j, x, i));
						jset(&j, o, "new",
						     brief_json(&j, y, k));
					}
					jpush(&j, changed, o);
				} else {
					error = strbuf_addf(
						&sb,
						"~ %s  risk %d/%s %s -> %d/%s "
						"%s, decision %s -> %s\n",
						a->id, ra->after,
						severity_name(ra->severity),
						mdsec_region_name(
							ra->region_after),
						rb->after,
						severity_name(rb->severity),
						mdsec_region_name(
							rb->region_after),
						decision_of(x, i),
						decision_of(y, k));
				}
			}
			i++;
			k++;
		}
	}
	*differ = na || nr || nc;
	if (json) {
		json_t *sum = json_object();

		jset(&j, root, "format", json_string(DIFF_JSON_FORMAT));
		jset(&j, root, "old", json_string(x->model->root));
		jset(&j, root, "new", json_string(y->model->root));
		jset(&j, root, "added", added);
		jset(&j, root, "removed", removed);
		jset(&j, root, "changed", changed);
		if (sum) {
			jset(&j, sum, "added", json_integer((json_int_t)na));
			jset(&j, sum, "removed", json_integer((json_int_t)nr));
			jset(&j, sum, "changed", json_integer((json_int_t)nc));
		}
		jset(&j, root, "summary", sum);
		return dump(out, root, j.nomem);
	}
	if (!error)
		error = strbuf_addf(&sb,
				    "%zu added, %zu removed, %zu changed\n", na,
				    nr, nc);
	if (error < 0) {
		strbuf_release(&sb);
		return MDSEC_ENOMEM;
	}
	*out = strbuf_detach(&sb, NULL);
	return *out ? 0 : MDSEC_ENOMEM;
}
