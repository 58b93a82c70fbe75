/* SPDX-License-Identifier: Apache-2.0
 *
 * risk.c - the assess stage: exploitability before and after controls,
 * severity of harm, acceptability, and the findings a reviewer must see
 * (docs/risk.md). AAMI TIR57:2016 section 7 and ANSI/AAMI SW96:2023
 * score security risk by exploitability rather than probability; the
 * steps below are mdsec's documented reading of that.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/diag.h"
#include "base/fileio.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "model/ytree.h"
#include "risk/risk_int.h"
#include "base/banned.h"

/* Indices in mdsec_enum_names("decision") and ("control-status"). */
#define DECISION_MITIGATE   0
#define CONTROL_IMPLEMENTED 0

static const char *const region_names[] = { "acceptable", "review",
					    "unacceptable", NULL };
static const char *const exploit_names[] = { "very-low", "low", "medium",
					     "high", "very-high" };

const char *mdsec_region_name(enum mdsec_region r)
{
	return (unsigned)r < 3 ? region_names[r] : "unknown";
}

const char *mdsec_exploitability_name(int level)
{
	return level >= 1 && level <= 5 ? exploit_names[level - 1] : "unknown";
}

/* ---- the matrix file ------------------------------------------------- */

int mdsec_risk_matrix_load(struct mdsec_risk_matrix *out, const char *path,
			   struct mdsec_diag_list *dl)
{
	const char *const *sev = mdsec_enum_names("severity");
	struct strbuf text = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct ynode *root = NULL;
	const struct ynode *k, *matrix = NULL, *row, *cell;
	struct mdsec_loc top = { path, 0, 0 };
	size_t errors0 = dl->nerrors;
	bool seen[5] = { false };
	int error, s, c, r;

	error = file_read_capped(&text, path, (size_t)1 << 20);
	if (error < 0) {
		diag_error(dl, top,
			   "cannot read the risk matrix (expected a "
			   "readable YAML file)");
		goto out;
	}
	error = ytree_parse(&root, &a, &a, path, text.buf, text.len, dl);
	if (error < 0)
		goto out;
	top.line = top.col = 1;
	if (!root || root->type != YNODE_MAPPING) {
		error = diag_error(dl, top,
				   "the risk matrix is not a mapping (expected "
				   "'format: 1' and 'matrix')");
		goto out;
	}
	for (k = root->child; k && k->next; k = k->next->next) {
		struct mdsec_loc l = { path, k->line, k->col };

		if (!strcmp(k->str, "matrix"))
			matrix = k->next;
		else if (strcmp(k->str, "format") != 0 ||
			 strcmp(k->next->str, "1") != 0)
			diag_error(dl, l,
				   "unexpected key '%s' (expected 'format: 1' "
				   "and 'matrix')",
				   k->str);
	}
	if (!matrix || matrix->type != YNODE_MAPPING) {
		error = diag_error(dl, top,
				   "missing 'matrix' (expected a mapping from "
				   "each severity to five regions)");
		goto out;
	}
	for (row = matrix->child; row && row->next; row = row->next->next) {
		struct mdsec_loc l = { path, row->line, row->col };

		for (s = 0; sev[s] && strcmp(sev[s], row->str) != 0; s++)
			;
		if (!sev[s] || seen[s]) {
			diag_error(dl, l,
				   "%s severity '%s' (expected each of "
				   "negligible, minor, serious, critical, "
				   "catastrophic once)",
				   sev[s] ? "repeated" : "unknown", row->str);
			continue;
		}
		seen[s] = true;
		if (row->next->type != YNODE_SEQUENCE || row->next->n != 5) {
			diag_error(dl, l,
				   "row '%s' does not have five regions "
				   "(expected one per exploitability level, "
				   "very-low to very-high)",
				   row->str);
			continue;
		}
		for (cell = row->next->child, c = 0; cell;
		     cell = cell->next, c++) {
			struct mdsec_loc cl = { path, cell->line, cell->col };

			for (r = 0; region_names[r] &&
				    strcmp(region_names[r], cell->str) != 0;
			     r++)
				;
			if (!region_names[r]) {
				diag_error(
					dl, cl,
					"unknown region '%s' (expected "
					"acceptable, review or unacceptable)",
					cell->str);
				continue;
			}
			out->region[s][c] = (enum mdsec_region)r;
		}
	}
	for (s = 0; s < 5; s++) {
		if (!seen[s])
			diag_error(dl, top,
				   "missing row '%s' (expected all five "
				   "severities)",
				   sev[s]);
	}
	/* A region that improves as exploitability or severity rises is a
	 * typo in a risk management plan, not a policy. */
	for (s = 0; s < 5 && dl->nerrors == errors0; s++) {
		for (c = 0; c < 5; c++) {
			if ((c > 0 &&
			     out->region[s][c] < out->region[s][c - 1]) ||
			    (s > 0 &&
			     out->region[s][c] < out->region[s - 1][c])) {
				diag_error(
					dl, top,
					"region of '%s' at exploitability %d "
					"is milder than a less risky cell "
					"(expected regions that never improve "
					"as exploitability or severity rise)",
					sev[s], c + 1);
				s = 5;
				break;
			}
		}
	}
	error = dl->nerrors != errors0 ? MDSEC_EINPUT : 0;
out:
	arena_release(&a);
	strbuf_release(&text);
	return error;
}

/* ---- assessment ------------------------------------------------------ */

static int clamp(int x)
{
	return x < 1 ? 1 : x > 5 ? 5 : x;
}

/* The exposure of the threat's target (docs/risk.md). */
static int target_exposure(const struct model_index *ix, const mdsec_model *m,
			   const struct mdsec_threat *t)
{
	size_t j;
	int x = MDSEC_EXPOSE_PHYSICAL;

	switch (t->kind) {
	case MDSEC_KIND_ELEMENT:
		return ix->el_exposure[t->index];
	case MDSEC_KIND_INTERFACE:
		return m->interfaces[t->index].enabled_in_production
			       ? (int)m->interfaces[t->index].exposure
			       : MDSEC_EXPOSE_PHYSICAL;
	case MDSEC_KIND_FLOW:
		return ix->fl_exposure[t->index];
	case MDSEC_KIND_SOFTWARE:
		return ix->el_exposure[m->software[t->index].element.index];
	case MDSEC_KIND_ASSET:
		for (j = 0; j < m->assets[t->index].stored_on.n; j++) {
			int e = ix->el_exposure[m->assets[t->index]
							.stored_on.v[j]
							.index];

			if (e > x)
				x = e;
		}
		for (j = ix->as_flows.start[t->index];
		     j < ix->as_flows.start[t->index + 1]; j++) {
			int e = ix->fl_exposure[ix->as_flows.items[j]];

			if (e > x)
				x = e;
		}
		return x;
	default:
		return x;
	}
}

/* Add control c to r once. */
static int add_control(struct mdsec_risk *r, size_t *alloc, size_t c)
{
	size_t i;

	for (i = 0; i < r->ncontrols; i++) {
		if (r->controls[i] == c)
			return 0;
	}
	if (vec_grow((void **)&r->controls, alloc, r->ncontrols + 1,
		     sizeof(*r->controls)) < 0)
		return -1;
	r->controls[r->ncontrols++] = c;
	return 0;
}

/* Controls of a mitigating category on one object. */
static int add_object_controls(struct mdsec_risk *r, size_t *alloc,
			       const struct model_index *ix,
			       const mdsec_model *m, enum mdsec_kind k,
			       size_t i, unsigned categories)
{
	const struct adj *a = &ix->ctrl_of[k];
	size_t j;

	for (j = a->start[i]; j < a->start[i + 1]; j++) {
		size_t c = a->items[j];

		if ((categories >> m->controls[c].category) & 1u &&
		    add_control(r, alloc, c) < 0)
			return -1;
	}
	return 0;
}

static int add_element_controls(struct mdsec_risk *r, size_t *alloc,
				const struct model_index *ix,
				const mdsec_model *m, size_t e,
				unsigned categories)
{
	size_t steps;

	for (steps = 0; steps <= m->nelements; steps++) {
		if (add_object_controls(r, alloc, ix, m, MDSEC_KIND_ELEMENT, e,
					categories) < 0)
			return -1;
		if (!m->elements[e].runs_on.id)
			break;
		e = m->elements[e].runs_on.index;
	}
	return 0;
}

/* The controls that apply: the same objects as `controlled_by`. */
static int applied_controls(struct mdsec_risk *r, const struct model_index *ix,
			    const mdsec_model *m, const struct mdsec_threat *t)
{
	unsigned cat = t->rule->mitigations;
	size_t alloc = 0, j, i = t->index;

	if (add_object_controls(r, &alloc, ix, m, t->kind, i, cat) < 0)
		return -1;
	switch (t->kind) {
	case MDSEC_KIND_FLOW:
		if (add_element_controls(r, &alloc, ix, m,
					 m->flows[i].from.index, cat) < 0 ||
		    add_element_controls(r, &alloc, ix, m, m->flows[i].to.index,
					 cat) < 0)
			return -1;
		for (j = 0; j < m->flows[i].via.n; j++) {
			if (add_object_controls(
				    r, &alloc, ix, m, MDSEC_KIND_INTERFACE,
				    m->flows[i].via.v[j].index, cat) < 0)
				return -1;
		}
		break;
	case MDSEC_KIND_INTERFACE:
		if (add_element_controls(r, &alloc, ix, m,
					 m->interfaces[i].element, cat) < 0)
			return -1;
		break;
	case MDSEC_KIND_SOFTWARE:
		if (add_element_controls(r, &alloc, ix, m,
					 m->software[i].element.index, cat) < 0)
			return -1;
		break;
	case MDSEC_KIND_ELEMENT:
		/* Own controls were added; now the hosts'. */
		if (m->elements[i].runs_on.id &&
		    add_element_controls(r, &alloc, ix, m,
					 m->elements[i].runs_on.index, cat) < 0)
			return -1;
		break;
	default:
		break;
	}
	/* Controls named by a mitigate decision count whatever their
	 * category, for every kind of target: the model says they mitigate
	 * this threat. Only implemented ones: a planned control does not
	 * count as present (docs/model.md), and an accept or transfer
	 * decision lowers nothing (docs/risk.md). */
	if (r->decision >= 0 &&
	    m->decisions[r->decision].decision == DECISION_MITIGATE) {
		const struct mdsec_decision *d = &m->decisions[r->decision];

		for (j = 0; j < d->controls.n; j++) {
			size_t c = d->controls.v[j].index;

			if (m->controls[c].status == CONTROL_IMPLEMENTED &&
			    add_control(r, &alloc, c) < 0)
				return -1;
		}
	}
	return 0;
}

/* The CIA need a STRIDE category threatens. */
static enum mdsec_level need_of(const struct mdsec_asset *a,
				enum mdsec_stride s)
{
	switch (s) {
	case MDSEC_STRIDE_INFORMATION_DISCLOSURE:
		return a->confidentiality;
	case MDSEC_STRIDE_DENIAL_OF_SERVICE:
		return a->availability;
	default:
		return a->integrity;
	}
}

/* The loss a STRIDE category causes, as a bit of hazards' caused_by. */
static unsigned loss_of(enum mdsec_stride s)
{
	switch (s) {
	case MDSEC_STRIDE_INFORMATION_DISCLOSURE:
		return 1u << 0;
	case MDSEC_STRIDE_DENIAL_OF_SERVICE:
		return 1u << 2;
	default:
		return 1u << 1;
	}
}

static void consider_hazards(struct mdsec_risk *r, const mdsec_model *m,
			     const struct adj *a, size_t i, enum mdsec_stride s)
{
	size_t j;

	for (j = a->start[i]; j < a->start[i + 1]; j++) {
		size_t h = a->items[j];

		/* A hazard caused only by a loss of availability is not a
		 * consequence of disclosure, and so on. */
		if (m->hazards[h].caused_by &&
		    !(m->hazards[h].caused_by & loss_of(s)))
			continue;

		if (r->severity_source != MDSEC_SEVERITY_HAZARD ||
		    m->hazards[h].severity > r->severity) {
			r->severity = m->hazards[h].severity;
			r->severity_source = MDSEC_SEVERITY_HAZARD;
			r->severity_object = h;
		}
	}
}

static void consider_asset(struct mdsec_risk *r, const mdsec_model *m,
			   size_t as, enum mdsec_stride s)
{
	/* none -> negligible, low -> minor, medium -> serious,
	 * high -> critical; catastrophic comes only from a hazard. */
	enum mdsec_severity sev =
		(enum mdsec_severity)need_of(&m->assets[as], s);

	if (r->severity_source == MDSEC_SEVERITY_HAZARD)
		return;
	if (r->severity_source == MDSEC_SEVERITY_DEFAULT || sev > r->severity) {
		r->severity = sev;
		r->severity_source = MDSEC_SEVERITY_ASSET;
		r->severity_object = as;
	}
}

static void element_severity(struct mdsec_risk *r, const struct model_index *ix,
			     const mdsec_model *m, size_t e,
			     enum mdsec_stride s)
{
	size_t j;

	consider_hazards(r, m, &ix->el_hazards, e, s);
	for (j = ix->el_stores.start[e]; j < ix->el_stores.start[e + 1]; j++)
		consider_asset(r, m, ix->el_stores.items[j], s);
}

static void severity_of(struct mdsec_risk *r, const struct model_index *ix,
			const mdsec_model *m, const struct mdsec_threat *t)
{
	enum mdsec_stride s = t->rule->stride;
	size_t i = t->index, j;

	r->severity = MDSEC_SEV_SERIOUS;
	r->severity_source = MDSEC_SEVERITY_DEFAULT;
	switch (t->kind) {
	case MDSEC_KIND_FLOW:
		consider_hazards(r, m, &ix->fl_hazards, i, s);
		for (j = 0; j < m->flows[i].assets.n; j++) {
			consider_hazards(r, m, &ix->as_hazards,
					 m->flows[i].assets.v[j].index, s);
			consider_asset(r, m, m->flows[i].assets.v[j].index, s);
		}
		/* Code and commands reach the destination's hazards, and
		 * both ends' when the flow goes both ways. */
		if (m->flows[i].code || m->flows[i].commands) {
			consider_hazards(r, m, &ix->el_hazards,
					 m->flows[i].to.index, s);
			if (m->flows[i].bidirectional)
				consider_hazards(r, m, &ix->el_hazards,
						 m->flows[i].from.index, s);
		}
		break;
	case MDSEC_KIND_ELEMENT:
		element_severity(r, ix, m, i, s);
		break;
	case MDSEC_KIND_INTERFACE:
		element_severity(r, ix, m, m->interfaces[i].element, s);
		break;
	case MDSEC_KIND_SOFTWARE:
		element_severity(r, ix, m, m->software[i].element.index, s);
		break;
	case MDSEC_KIND_ASSET:
		consider_hazards(r, m, &ix->as_hazards, i, s);
		consider_asset(r, m, i, s);
		break;
	default:
		break;
	}
}

static int add_finding(mdsec_assessment *a, size_t *alloc,
		       enum mdsec_finding_kind kind, bool gating,
		       const char *threat, struct mdsec_loc loc,
		       const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int add_finding(mdsec_assessment *a, size_t *alloc,
		       enum mdsec_finding_kind kind, bool gating,
		       const char *threat, struct mdsec_loc loc,
		       const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_finding *f;
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (error < 0 || vec_grow((void **)&a->findings, alloc,
				  a->nfindings + 1, sizeof(*a->findings)) < 0) {
		strbuf_release(&sb);
		return -1;
	}
	f = &a->findings[a->nfindings++];
	f->kind = kind;
	f->gating = gating;
	f->threat = threat;
	f->loc = loc;
	f->msg = strbuf_detach(&sb, NULL);
	a->ngating += gating;
	return f->msg ? 0 : -1;
}

static struct mdsec_loc object_loc(const mdsec_model *m,
				   const struct mdsec_threat *t)
{
	switch (t->kind) {
	case MDSEC_KIND_ELEMENT:
		return m->elements[t->index].o.loc;
	case MDSEC_KIND_INTERFACE:
		return m->interfaces[t->index].o.loc;
	case MDSEC_KIND_FLOW:
		return m->flows[t->index].o.loc;
	case MDSEC_KIND_SOFTWARE:
		return m->software[t->index].o.loc;
	default:
		return m->assets[t->index].o.loc;
	}
}

static int categories_text(struct strbuf *sb, unsigned bits)
{
	const char *const *names = mdsec_enum_names("control-category");
	int i;

	for (i = 0; names[i]; i++) {
		if ((bits >> i) & 1u &&
		    strbuf_addf(sb, "%s%s", sb->len ? ", " : "", names[i]) < 0)
			return -1;
	}
	return 0;
}

/* A finding with the place of its file among the model's files. */
struct finding_key {
	size_t file;
	struct mdsec_finding f;
};

static int cmp_finding(const void *a, const void *b)
{
	const struct finding_key *x = a, *y = b;
	int c;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->f.loc.line != y->f.loc.line)
		return x->f.loc.line < y->f.loc.line ? -1 : 1;
	if (x->f.loc.col != y->f.loc.col)
		return x->f.loc.col < y->f.loc.col ? -1 : 1;
	c = strcmp(x->f.threat, y->f.threat);
	if (c)
		return c;
	return (int)x->f.kind - (int)y->f.kind;
}

/* Sort the findings by location (files in the order the model was read,
 * as diagnostics are), then threat, then kind, as risk.h promises: a
 * report reads top to bottom through the model. */
static int sort_findings(mdsec_assessment *a, const mdsec_model *m)
{
	struct finding_key *v;
	size_t i, k;

	if (a->nfindings < 2)
		return 0;
	v = xcalloc(a->nfindings, sizeof(*v));
	if (!v)
		return -1;
	for (i = 0; i < a->nfindings; i++) {
		v[i].f = a->findings[i];
		v[i].file = m->files.n;
		for (k = 0; v[i].f.loc.file && k < m->files.n; k++) {
			if (!strcmp(m->files.v[k], v[i].f.loc.file)) {
				v[i].file = k;
				break;
			}
		}
	}
	qsort(v, a->nfindings, sizeof(*v), cmp_finding);
	for (i = 0; i < a->nfindings; i++)
		a->findings[i] = v[i].f;
	xfree(v);
	return 0;
}

static int assess_findings(mdsec_assessment *a, const mdsec_model *m,
			   const mdsec_threats *t)
{
	struct strbuf cats = STRBUF_INIT;
	size_t alloc = 0, i;
	unsigned char *used = xcalloc(m->ndecisions + 1, 1);
	int error = 0;

	if (!used)
		return -1;
	for (i = 0; i < t->n && !error; i++) {
		const struct mdsec_threat *th = &t->v[i];
		const struct mdsec_risk *r = &a->risks[i];
		struct mdsec_loc loc = object_loc(m, th);

		if (r->decision >= 0)
			used[r->decision] = 1;
		if (r->ncontrols == 0 && r->decision < 0) {
			strbuf_reset(&cats);
			error = categories_text(&cats, th->rule->mitigations);
			if (!error)
				error = add_finding(
					a, &alloc, MDSEC_FINDING_UNMITIGATED,
					true, th->id, loc,
					"threat '%s' has no control and no "
					"risk "
					"decision (expected an implemented "
					"control of: %s, or a risk decision)",
					th->id, cats.buf);
		}
		if (!error && r->region_after == MDSEC_REGION_UNACCEPTABLE)
			error = add_finding(
				a, &alloc, MDSEC_FINDING_UNACCEPTABLE, true,
				th->id, loc,
				"threat '%s': residual risk is unacceptable "
				"(exploitability %s, severity %s; expected a "
				"risk in the acceptable or review region)",
				th->id, mdsec_exploitability_name(r->after),
				mdsec_enum_names("severity")[r->severity]);
	}
	for (i = 0; i < m->ndecisions && !error; i++) {
		if (!used[i])
			error = add_finding(
				a, &alloc, MDSEC_FINDING_STALE_DECISION, false,
				m->decisions[i].o.id, m->decisions[i].o.loc,
				"risk decision for '%s' matches no derived "
				"threat (expected the id of a threat printed "
				"by "
				"mdsec threats)",
				m->decisions[i].o.id);
	}
	if (!error)
		error = sort_findings(a, m);
	xfree(used);
	strbuf_release(&cats);
	return error;
}

int risk_assess_indexed(mdsec_assessment **out, const struct model_index *ix,
			const mdsec_model *m, const mdsec_threats *t,
			const struct mdsec_risk_matrix *mx)
{
	mdsec_assessment *a = xcalloc(1, sizeof(*a));
	size_t i;

	*out = NULL;
	if (!a)
		return MDSEC_ENOMEM;
	a->risks = xcalloc(t->n + 1, sizeof(*a->risks));
	if (!a->risks)
		goto nomem;
	a->nrisks = t->n;
	for (i = 0; i < t->n; i++) {
		const struct mdsec_threat *th = &t->v[i];
		struct mdsec_risk *r = &a->risks[i];
		int steps;

		r->decision = mdsec_model_decision(m, th->id);
		r->exposure = target_exposure(ix, m, th);
		r->authenticated = th->kind == MDSEC_KIND_FLOW &&
				   (m->flows[th->index].protections &
				    (MDSEC_PROT_AUTHENTICATION |
				     MDSEC_PROT_MUTUAL_AUTHENTICATION));
		r->complexity = th->rule->complexity;
		r->before = clamp(r->exposure + 1 - r->authenticated -
				  r->complexity);
		if (applied_controls(r, ix, m, th) < 0)
			goto nomem;
		steps = (int)r->ncontrols;
		r->after = clamp(r->before - steps);
		r->after_computed = true;
		if (r->decision >= 0 &&
		    m->decisions[r->decision].residual_exploitability) {
			r->after = m->decisions[r->decision]
					   .residual_exploitability;
			r->after_computed = false;
		}
		severity_of(r, ix, m, th);
		r->region_before = mx->region[r->severity][r->before - 1];
		r->region_after = mx->region[r->severity][r->after - 1];
	}
	if (assess_findings(a, m, t) < 0)
		goto nomem;
	*out = a;
	return 0;
nomem:
	mdsec_assessment_free(a);
	return MDSEC_ENOMEM;
}

int mdsec_risk_assess(mdsec_assessment **out, const mdsec_model *m,
		      const mdsec_threats *t,
		      const struct mdsec_risk_matrix *matrix)
{
	struct model_index *ix = NULL;
	int error;

	*out = NULL;
	error = model_index_build(&ix, m, NULL);
	if (error < 0)
		return error;
	error = risk_assess_indexed(out, ix, m, t, matrix);
	model_index_free(ix);
	return error;
}

void mdsec_assessment_free(mdsec_assessment *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; a->risks && i < a->nrisks; i++)
		xfree(a->risks[i].controls);
	xfree(a->risks);
	for (i = 0; i < a->nfindings; i++)
		xfree(a->findings[i].msg);
	xfree(a->findings);
	xfree(a);
}
