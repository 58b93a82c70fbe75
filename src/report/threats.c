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
#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define THREATS_JSON_FORMAT "mdsec.threats/1"
#define DIFF_JSON_FORMAT    "mdsec.diff/1"

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

/*
 * The threat report is streamed: each element (rule, threat, finding) is
 * written with the streaming writer (base/jsonw) into a small buffer that
 * is handed to the caller's sink, so memory does not grow with the number
 * of threats, and no tree is built per threat.
 */

static void w_source(struct jsonw *w, const mdsec_model *m, struct mdsec_loc l)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s:%u:%u",
		 mdsec_model_display_path(m, l.file), l.line, l.col);
	jsonw_string(w, buf);
}

static void w_ids(struct jsonw *w, const char *prefix, const int *v, size_t n)
{
	char buf[32];
	size_t i;

	jsonw_array_begin(w);
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s-%d", prefix, v[i]);
		jsonw_string(w, buf);
	}
	jsonw_array_end(w);
}

static void w_categories(struct jsonw *w, unsigned bits)
{
	const char *const *names = mdsec_enum_names("control-category");
	int i;

	jsonw_array_begin(w);
	for (i = 0; names[i]; i++) {
		if ((bits >> i) & 1u)
			jsonw_string(w, names[i]);
	}
	jsonw_array_end(w);
}

/* The objects a threat names: its target and what that target names. */
static void w_objects(struct jsonw *w, const mdsec_model *m,
		      const struct mdsec_threat *t)
{
	size_t i;

	jsonw_array_begin(w);
	jsonw_string(w, t->object);
	switch (t->kind) {
	case MDSEC_KIND_FLOW:
		jsonw_string(w, m->flows[t->index].from.id);
		jsonw_string(w, m->flows[t->index].to.id);
		for (i = 0; i < m->flows[t->index].via.n; i++)
			jsonw_string(w, m->flows[t->index].via.v[i].id);
		break;
	case MDSEC_KIND_INTERFACE:
		jsonw_string(w,
			     m->elements[m->interfaces[t->index].element].o.id);
		break;
	case MDSEC_KIND_SOFTWARE:
		jsonw_string(w, m->software[t->index].element.id);
		break;
	case MDSEC_KIND_ELEMENT:
		if (m->elements[t->index].runs_on.id)
			jsonw_string(w, m->elements[t->index].runs_on.id);
		break;
	default:
		break;
	}
	jsonw_array_end(w);
}

static void w_level(struct jsonw *w, int exploit, int severity,
		    enum mdsec_region region, int computed)
{
	jsonw_object_begin(w);
	jsonw_key(w, "exploitability");
	jsonw_int(w, exploit);
	jsonw_member(w, "exploitability_level",
		     mdsec_exploitability_name(exploit));
	jsonw_member(w, "severity", severity_name(severity));
	jsonw_member(w, "region", mdsec_region_name(region));
	if (computed >= 0) {
		jsonw_key(w, "computed");
		jsonw_bool(w, computed);
	}
	jsonw_object_end(w);
}

static void w_risk(struct jsonw *w, const mdsec_model *m,
		   const struct mdsec_risk *r)
{
	size_t i;

	jsonw_object_begin(w);
	jsonw_key(w, "before");
	w_level(w, r->before, r->severity, r->region_before, -1);
	jsonw_key(w, "after");
	w_level(w, r->after, r->severity, r->region_after, r->after_computed);
	jsonw_key(w, "inputs");
	jsonw_object_begin(w);
	jsonw_member(w, "exposure", mdsec_enum_names("exposure")[r->exposure]);
	jsonw_key(w, "authenticated");
	jsonw_bool(w, r->authenticated);
	jsonw_member(w, "complexity", complexity_names[r->complexity]);
	jsonw_key(w, "controls");
	jsonw_array_begin(w);
	for (i = 0; i < r->ncontrols; i++)
		jsonw_string(w, m->controls[r->controls[i]].o.id);
	jsonw_array_end(w);
	jsonw_key(w, "severity");
	jsonw_object_begin(w);
	jsonw_member(w, "source", source_names[r->severity_source]);
	if (r->severity_source == MDSEC_SEVERITY_HAZARD) {
		jsonw_member(w, "hazard", m->hazards[r->severity_object].o.id);
	} else if (r->severity_source == MDSEC_SEVERITY_ASSET) {
		jsonw_member(w, "asset", m->assets[r->severity_object].o.id);
	}
	jsonw_object_end(w);
	jsonw_key(w, "decision");
	jsonw_string(w, r->decision >= 0
				? mdsec_enum_names(
					  "decision")[m->decisions[r->decision]
							      .decision]
				: NULL);
	jsonw_object_end(w);
	jsonw_object_end(w);
}

static void w_threat(struct jsonw *w, const mdsec_analysis *a, size_t i)
{
	const mdsec_model *m = a->model;
	const struct mdsec_threat *t = &a->threats->v[i];
	const struct mdsec_rule *r = t->rule;

	jsonw_object_begin(w);
	jsonw_member(w, "id", t->id);
	jsonw_member(w, "rule", r->id);
	jsonw_member(w, "title", r->title);
	jsonw_member(w, "stride", mdsec_stride_name(r->stride));
	jsonw_key(w, "capec");
	w_ids(w, "CAPEC", r->capec, r->ncapec);
	jsonw_key(w, "cwe");
	w_ids(w, "CWE", r->cwe, r->ncwe);
	jsonw_key(w, "target");
	jsonw_object_begin(w);
	jsonw_member(w, "kind", mdsec_kind_name(t->kind));
	jsonw_member(w, "id", t->object);
	jsonw_key(w, "source");
	w_source(w, m, target_obj(m, t)->loc);
	jsonw_object_end(w);
	jsonw_key(w, "objects");
	w_objects(w, m, t);
	jsonw_key(w, "mitigations");
	w_categories(w, r->mitigations);
	jsonw_key(w, "risk");
	w_risk(w, m, &a->assessment->risks[i]);
	jsonw_object_end(w);
}

static const char *const finding_names[] = { "unmitigated", "unacceptable",
					     "stale-decision" };

static void w_finding(struct jsonw *w, const mdsec_analysis *a,
		      const struct mdsec_finding *f)
{
	jsonw_object_begin(w);
	jsonw_member(w, "kind", finding_names[f->kind]);
	jsonw_key(w, "gating");
	jsonw_bool(w, f->gating);
	jsonw_member(w, "threat", f->threat);
	jsonw_key(w, "source");
	w_source(w, a->model, f->loc);
	jsonw_member(w, "message", f->msg);
	jsonw_object_end(w);
}

static void w_rule(struct jsonw *w, const struct mdsec_rule *r)
{
	jsonw_object_begin(w);
	jsonw_member(w, "id", r->id);
	jsonw_member(w, "title", r->title);
	jsonw_member(w, "target", mdsec_kind_name(r->target));
	jsonw_member(w, "stride", mdsec_stride_name(r->stride));
	jsonw_key(w, "capec");
	w_ids(w, "CAPEC", r->capec, r->ncapec);
	jsonw_key(w, "cwe");
	w_ids(w, "CWE", r->cwe, r->ncwe);
	jsonw_member(w, "complexity", complexity_names[r->complexity]);
	jsonw_key(w, "mitigations");
	w_categories(w, r->mitigations);
	jsonw_member(w, "rationale", r->rationale);
	jsonw_member(w, "harm", r->harm);
	jsonw_object_end(w);
}

/* Hand the buffer to the sink when it is large enough, or at the end. */
static int flush(struct jsonw *w, mdsec_write_fn out, void *payload, bool final)
{
	if (w->error)
		return w->error;
	if (!final && w->out->len < 65536)
		return 0;
	if (w->out->len && out(payload, w->out->buf, w->out->len) < 0)
		return MDSEC_EIO;
	strbuf_reset(w->out);
	return 0;
}

static int write_json(const mdsec_analysis *a, mdsec_write_fn out,
		      void *payload)
{
	const mdsec_threats *t = a->threats;
	const mdsec_assessment *as = a->assessment;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	size_t i, ub = 0, ua = 0;
	int error = 0;

	jsonw_init(&w, &sb, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "format", THREATS_JSON_FORMAT);
	jsonw_member(&w, "model", a->model->root);
	jsonw_member(&w, "assessed", a->today);
	jsonw_key(&w, "rules_applied");
	jsonw_int(&w, (long long)a->rules->nrules);
	/* The rules that produced threats, once each (threats are sorted by
	 * id, so a rule's threats are adjacent). */
	jsonw_key(&w, "rules");
	jsonw_array_begin(&w);
	for (i = 0; i < t->n && !error; i++) {
		if (!i || t->v[i].rule != t->v[i - 1].rule)
			w_rule(&w, t->v[i].rule);
		error = flush(&w, out, payload, false);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "threats");
	jsonw_array_begin(&w);
	for (i = 0; i < t->n && !error; i++) {
		w_threat(&w, a, i);
		ub += as->risks[i].region_before == MDSEC_REGION_UNACCEPTABLE;
		ua += as->risks[i].region_after == MDSEC_REGION_UNACCEPTABLE;
		error = flush(&w, out, payload, false);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "findings");
	jsonw_array_begin(&w);
	for (i = 0; i < as->nfindings && !error; i++) {
		w_finding(&w, a, &as->findings[i]);
		error = flush(&w, out, payload, false);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "summary");
	jsonw_object_begin(&w);
	jsonw_key(&w, "threats");
	jsonw_int(&w, (long long)t->n);
	jsonw_key(&w, "unacceptable_before");
	jsonw_int(&w, (long long)ub);
	jsonw_key(&w, "unacceptable_after");
	jsonw_int(&w, (long long)ua);
	jsonw_key(&w, "findings");
	jsonw_int(&w, (long long)as->nfindings);
	jsonw_key(&w, "gating_findings");
	jsonw_int(&w, (long long)as->ngating);
	jsonw_object_end(&w);
	jsonw_object_end(&w);
	if (!w.error && strbuf_addch(&sb, '\n') < 0)
		w.error = MDSEC_ENOMEM;
	if (!error)
		error = flush(&w, out, payload, true);
	strbuf_release(&sb);
	return error;
}

/* ---- JSON trees for the (small) diff report ------------------------- */

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
	static const char *const head[] = { "id",
					    "rule",
					    "stride",
					    "target_kind",
					    "target",
					    "exploitability_before",
					    "exploitability_after",
					    "severity",
					    "region_before",
					    "region_after",
					    "residual_computed",
					    "decision",
					    "controls",
					    "title" };
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
		row[11] =
			r->decision >= 0
				? mdsec_enum_names(
					  "decision")[m->decisions[r->decision]
							      .decision]
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
	error = strbuf_addf(sb, "%-*s  S  %-28s  %-28s  %s\n", (int)w, "THREAT",
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
		error = strbuf_addf(sb, "%-*s  %c  %-28s  %-28s  %s\n", (int)w,
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
	char *text =
		nomem ? NULL
		      : json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
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
		       ? mdsec_enum_names(
				 "decision")[a->model->decisions[r->decision]
						     .decision]
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
	jset(j, o, "before",
	     level_json(j, r->before, r->severity, r->region_before));
	jset(j, o, "after",
	     level_json(j, r->after, r->severity, r->region_after));
	jset(j, o, "decision", json_string(decision_of(a, i)));
	return o;
}

/* One added or removed threat: a JSON entry into arr, or a text line. */
static int diff_entry(struct jctx *j, struct strbuf *sb, json_t *arr, char sign,
		      const struct mdsec_threat *t, const mdsec_analysis *a,
		      size_t i)
{
	json_t *o;

	if (!arr)
		return strbuf_addf(sb, "%c %s  %s\n", sign, t->id,
				   t->rule->title);
	o = json_object();
	if (o) {
		jset(j, o, "id", json_string(t->id));
		jset(j, o, "title", json_string(t->rule->title));
		jset(j, o, "risk", brief_json(j, a, i));
	}
	jpush(j, arr, o);
	return 0;
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
			error = diff_entry(&j, &sb, json ? removed : NULL, '-',
					   a, x, i);
			i++;
		} else if (c > 0) {
			na++;
			error = diff_entry(&j, &sb, json ? added : NULL, '+', b,
					   y, k);
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
