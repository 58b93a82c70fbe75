/* SPDX-License-Identifier: Apache-2.0
 *
 * quality.c - the SBOM quality check (`mdsec sbom check`): the NTIA
 * minimum elements ("The Minimum Elements For a Software Bill of
 * Materials", NTIA 2021: supplier, component name, version, other unique
 * identifiers, dependency relationship, author of the SBOM data,
 * timestamp) and the two fields FDA's premarket cybersecurity guidance
 * (2023, section V.A.4.b) adds for each component: level of support and
 * end-of-support date. Each check scores 0..10 as sbomqs does (the share
 * of components passing, times 10); the overall score is their mean as a
 * percentage. Everything is integer arithmetic, so scores print the same
 * everywhere. Rendered as text or as JSON (mdsec.sbom-check/1,
 * docs/schemas/sbom-check.schema.json); the checks and the formula are
 * documented in docs/formats.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "mdsec/sbom_report.h"
#include "sbom/sbom_int.h"

#include "base/banned.h"

#define CHECK_JSON_FORMAT "mdsec.sbom-check/1"

static const struct {
	const char *id;
	const char *field;
	bool document;
	bool fda;
	const char *reason; /* why a component fails it */
} defs[MDSEC_SBOM_NCHECKS] = {
	{ "ntia.author", "author", true, false, NULL },
	{ "ntia.timestamp", "timestamp", true, false, NULL },
	{ "ntia.primary", "primary", true, false, NULL },
	{ "ntia.graph", "dependencies", true, false, NULL },
	{ "ntia.supplier", "supplier", false, false,
	  "no supplier name (NTIA minimum element: supplier name)" },
	{ "ntia.name", "name", false, false,
	  "empty name (NTIA minimum element: component name)" },
	{ "ntia.version", "version", false, false,
	  "no version (NTIA minimum element: version of the component)" },
	{ "ntia.identifier", "identifier", false, false,
	  "no purl or cpe (NTIA minimum element: other unique identifiers)" },
	{ "ntia.dependency", "dependency", false, false,
	  "not in the dependency graph: no dependencies and nothing depends "
	  "on it (NTIA minimum element: dependency relationship)" },
	{ "fda.support", "support", false, true,
	  "no level of support (FDA premarket guidance V.A.4.b)" },
	{ "fda.end_of_support", "end_of_support", false, true,
	  "no end-of-support date and no justification (FDA premarket "
	  "guidance V.A.4.b)" },
};

#define REASON_HASHES_ONLY                                                     \
	"no purl or cpe; hashes identify a file, not the component (NTIA "     \
	"minimum element: other unique identifiers)"

static bool has(const char *s)
{
	return s && *s;
}

static const char *name_of(const struct mdsec_component *c)
{
	return c->name ? c->name : "";
}

/* in[i]: component i has a dependency on another component, or another
 * component depends on it. Returns the number of such edges, or -1. */
static long mark_graph(const mdsec_sbom *s, bool **in)
{
	size_t i, k, n = s->components.n;
	long edges = 0;

	*in = xcalloc(n ? n : 1, sizeof(**in));
	if (!*in)
		return -1;
	for (i = 0; i < n; i++) {
		const struct mdsec_component *c = &s->components.v[i];

		for (k = 0; k < c->deps.n; k++) {
			size_t to = c->deps.v[k];

			if (to >= n || to == i)
				continue;
			(*in)[i] = true;
			(*in)[to] = true;
			edges++;
		}
	}
	return edges;
}

static bool is_primary(const mdsec_sbom *s, size_t i)
{
	return s->primary != MDSEC_SBOM_NONE && s->primary == i;
}

/* The component checks component i fails, as bits (1u << check id);
 * *justified set when its end of support is justified, not dated. */
static unsigned missing_of(const mdsec_sbom *s, size_t i, const bool *in,
			   bool *justified)
{
	const struct mdsec_component *c = &s->components.v[i];
	unsigned m = 0;

	*justified = false;
	if (!has(c->supplier))
		m |= 1u << MDSEC_SBOM_CHECK_SUPPLIER;
	if (!has(c->name))
		m |= 1u << MDSEC_SBOM_CHECK_NAME;
	if (!has(c->version))
		m |= 1u << MDSEC_SBOM_CHECK_VERSION;
	if (!has(c->purl) && !has(c->cpe))
		m |= 1u << MDSEC_SBOM_CHECK_IDENTIFIER;
	if (!in[i])
		m |= 1u << MDSEC_SBOM_CHECK_DEPENDENCY;
	/* The primary component is the product itself: FDA asks for the
	 * support of the software components in it. */
	if (is_primary(s, i))
		return m;
	if (!has(c->support))
		m |= 1u << MDSEC_SBOM_CHECK_SUPPORT;
	if (!has(c->end_of_support)) {
		if (has(c->support_justification))
			*justified = true;
		else
			m |= 1u << MDSEC_SBOM_CHECK_END_OF_SUPPORT;
	}
	return m;
}

/* round(100 * num / den), half up; 0 when den is 0. */
static int tenths(size_t num, size_t den)
{
	if (!den)
		return 0;
	return (int)((200 * num + den) / (2 * den));
}

/* Mean of the check scores (tenths) of the selected checks, as a
 * percentage rounded half up: sum / n, since 10.0 is 100 tenths. */
static int mean(const struct mdsec_sbom_quality *q, int which)
{
	long sum = 0, n = 0;
	int i;

	for (i = 0; i < MDSEC_SBOM_NCHECKS; i++) {
		if (which >= 0 && defs[i].fda != (which == 1))
			continue;
		sum += q->checks[i].score;
		n++;
	}
	return n ? (int)((2 * sum + n) / (2 * n)) : 0;
}

static int quality(const mdsec_sbom *s, struct mdsec_sbom_quality *q,
		   bool **in_out, long *edges_out)
{
	size_t i, n = s->components.n;
	bool *in = NULL, just;
	long edges = mark_graph(s, &in);
	int k;

	memset(q, 0, sizeof(*q));
	if (edges < 0)
		return MDSEC_ENOMEM;
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
		q->checks[k].id = defs[k].id;
		q->checks[k].field = defs[k].field;
		q->checks[k].document = defs[k].document;
		q->checks[k].total = defs[k].document ? 1 : n;
	}
	for (i = 0; i < s->authors.n; i++)
		if (has(s->authors.v[i]))
			q->checks[MDSEC_SBOM_CHECK_AUTHOR].passed = 1;
	q->checks[MDSEC_SBOM_CHECK_TIMESTAMP].passed = has(s->timestamp);
	q->checks[MDSEC_SBOM_CHECK_PRIMARY].passed =
		s->primary != MDSEC_SBOM_NONE && s->primary < n;
	q->checks[MDSEC_SBOM_CHECK_GRAPH].passed = edges > 0;
	if (q->checks[MDSEC_SBOM_CHECK_PRIMARY].passed) {
		q->checks[MDSEC_SBOM_CHECK_SUPPORT].total--;
		q->checks[MDSEC_SBOM_CHECK_END_OF_SUPPORT].total--;
	}
	for (i = 0; i < n; i++) {
		unsigned m = missing_of(s, i, in, &just);

		for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
			if (defs[k].document || (m >> k) & 1u)
				continue;
			if (defs[k].fda && is_primary(s, i))
				continue;
			q->checks[k].passed++;
		}
		q->checks[MDSEC_SBOM_CHECK_END_OF_SUPPORT].justified += just;
		q->incomplete += m != 0;
	}
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++)
		q->checks[k].score =
			tenths(q->checks[k].passed, q->checks[k].total);
	q->score = mean(q, -1);
	q->ntia = mean(q, 0);
	q->fda = mean(q, 1);
	if (edges_out)
		*edges_out = edges;
	if (in_out)
		*in_out = in;
	else
		xfree(in);
	return 0;
}

int mdsec_sbom_quality(const mdsec_sbom *s, struct mdsec_sbom_quality *q)
{
	if (!s || !q)
		return MDSEC_EUSAGE;
	return quality(s, q, NULL, NULL);
}

/* ---- rendering -------------------------------------------------------- */

static const char *reason_of(const struct mdsec_component *c, int k)
{
	if (k == MDSEC_SBOM_CHECK_IDENTIFIER && c->hashes.n)
		return REASON_HASHES_ONLY;
	return defs[k].reason;
}

static void score_text(char buf[16], int t)
{
	snprintf(buf, 16, "%d.%d", t / 10, t % 10);
}

static int cmp_component(const void *a, const void *b)
{
	return sbom_component_cmp(*(const struct mdsec_component *const *)a,
				  *(const struct mdsec_component *const *)b);
}

/* The components to list (missing a field, or justified), sorted. */
struct row {
	const struct mdsec_component *c;
	unsigned missing;
	bool justified;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return cmp_component(&x->c, &y->c);
}

static struct row *rows_of(const mdsec_sbom *s, const bool *in, size_t *nrows)
{
	struct row *r =
		xcalloc(s->components.n ? s->components.n : 1, sizeof(*r));
	size_t i, n = 0;

	*nrows = 0;
	if (!r)
		return NULL;
	for (i = 0; i < s->components.n; i++) {
		bool just;
		unsigned m = missing_of(s, i, in, &just);

		if (!m && !just)
			continue;
		r[n].c = &s->components.v[i];
		r[n].missing = m;
		r[n].justified = just;
		n++;
	}
	qsort(r, n, sizeof(*r), cmp_row);
	*nrows = n;
	return r;
}

static int render_text(struct strbuf *sb, const struct mdsec_sbom_quality *q,
		       const struct row *rows, size_t nrows)
{
	char num[MDSEC_SBOM_NCHECKS][48], sc[16];
	size_t i, w = 0, pw = strlen("PASSED"), cw = strlen("COMPONENT");
	int k, e;

	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
		size_t l = strlen(defs[k].id);

		if (l > w)
			w = l;
		snprintf(num[k], sizeof(num[k]), "%zu/%zu", q->checks[k].passed,
			 q->checks[k].total);
		if (strlen(num[k]) > pw)
			pw = strlen(num[k]);
	}
	e = strbuf_addf(sb,
			"SBOM quality score: %d/100 (NTIA %d/100, FDA %d/100)"
			"\n\n%-*s  %*s  SCORE\n",
			q->score, q->ntia, q->fda, (int)w, "CHECK", (int)pw,
			"PASSED");
	for (k = 0; k < MDSEC_SBOM_NCHECKS && !e; k++) {
		score_text(sc, q->checks[k].score);
		e = strbuf_addf(sb, "%-*s  %*s  %5s", (int)w, defs[k].id,
				(int)pw, num[k], sc);
		if (!e && q->checks[k].justified)
			e = strbuf_addf(sb, "  (%zu justified)",
					q->checks[k].justified);
		if (!e)
			e = strbuf_addch(sb, '\n');
	}
	for (i = 0; i < nrows; i++) {
		size_t l = strlen(name_of(rows[i].c)) +
			   (rows[i].c->version ? 1 + strlen(rows[i].c->version)
					       : 0);

		if (rows[i].missing && l > cw)
			cw = l;
	}
	if (!e && q->incomplete == 0)
		return strbuf_addstr(sb, "\nno component is missing a field\n");
	if (!e)
		e = strbuf_addf(sb, "\n%-*s  MISSING\n", (int)cw, "COMPONENT");
	for (i = 0; i < nrows && !e; i++) {
		const struct mdsec_component *c = rows[i].c;
		const char *sep = "";
		size_t l = strlen(name_of(c));

		if (!rows[i].missing)
			continue;
		e = strbuf_addstr(sb, name_of(c));
		if (!e && c->version) {
			e = strbuf_addf(sb, "@%s", c->version);
			l += 1 + strlen(c->version);
		}
		if (!e)
			e = strbuf_addf(sb, "%*s", (int)(cw - l + 2), "");
		for (k = 0; k < MDSEC_SBOM_NCHECKS && !e; k++) {
			if (!((rows[i].missing >> k) & 1u))
				continue;
			e = strbuf_addf(sb, "%s%s", sep, defs[k].field);
			sep = ", ";
		}
		if (!e)
			e = strbuf_addch(sb, '\n');
	}
	return e;
}

static void json_number_tenths(struct jsonw *w, int t)
{
	char sc[16];

	score_text(sc, t);
	jsonw_number(w, sc);
}

static void json_component(struct jsonw *w, const struct row *r)
{
	const struct mdsec_component *c = r->c;
	int k;

	jsonw_object_begin(w);
	jsonw_member(w, "ref", c->ref);
	jsonw_member(w, "name", c->name);
	jsonw_member(w, "version", c->version);
	jsonw_key(w, "missing");
	jsonw_array_begin(w);
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
		if (!((r->missing >> k) & 1u))
			continue;
		jsonw_object_begin(w);
		jsonw_member(w, "field", defs[k].field);
		jsonw_member(w, "reason", reason_of(c, k));
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_key(w, "justified");
	jsonw_array_begin(w);
	if (r->justified) {
		jsonw_object_begin(w);
		jsonw_member(w, "field", "end_of_support");
		jsonw_member(w, "justification", c->support_justification);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

static int render_json(struct strbuf *sb, const mdsec_sbom *s,
		       const struct mdsec_sbom_quality *q, long edges,
		       const struct row *rows, size_t nrows)
{
	struct jsonw w;
	size_t i;
	int k;

	jsonw_init(&w, sb, 0);
	jsonw_object_begin(&w);
	jsonw_member(&w, "format", CHECK_JSON_FORMAT);
	jsonw_key(&w, "score");
	jsonw_int(&w, q->score);
	jsonw_key(&w, "categories");
	jsonw_object_begin(&w);
	jsonw_key(&w, "ntia");
	jsonw_int(&w, q->ntia);
	jsonw_key(&w, "fda");
	jsonw_int(&w, q->fda);
	jsonw_object_end(&w);
	jsonw_key(&w, "document");
	jsonw_object_begin(&w);
	jsonw_member(&w, "name", s->name);
	jsonw_member(&w, "timestamp", s->timestamp);
	jsonw_key(&w, "authors");
	jsonw_array_begin(&w);
	for (i = 0; i < s->authors.n; i++)
		jsonw_string(&w, s->authors.v[i]);
	jsonw_array_end(&w);
	jsonw_key(&w, "primary");
	if (q->checks[MDSEC_SBOM_CHECK_PRIMARY].passed) {
		const struct mdsec_component *p = &s->components.v[s->primary];

		jsonw_object_begin(&w);
		jsonw_member(&w, "ref", p->ref);
		jsonw_member(&w, "name", p->name);
		jsonw_member(&w, "version", p->version);
		jsonw_object_end(&w);
	} else {
		jsonw_null(&w);
	}
	jsonw_key(&w, "components");
	jsonw_int(&w, (long long)s->components.n);
	jsonw_key(&w, "dependencies");
	jsonw_int(&w, edges);
	jsonw_object_end(&w);
	jsonw_key(&w, "checks");
	jsonw_array_begin(&w);
	for (k = 0; k < MDSEC_SBOM_NCHECKS; k++) {
		const struct mdsec_sbom_check *c = &q->checks[k];

		jsonw_object_begin(&w);
		jsonw_member(&w, "id", c->id);
		jsonw_member(&w, "category", defs[k].fda ? "fda" : "ntia");
		jsonw_member(&w, "level",
			     c->document ? "document" : "component");
		jsonw_member(&w, "field", c->field);
		jsonw_key(&w, "passed");
		jsonw_int(&w, (long long)c->passed);
		jsonw_key(&w, "total");
		jsonw_int(&w, (long long)c->total);
		if (k == MDSEC_SBOM_CHECK_END_OF_SUPPORT) {
			jsonw_key(&w, "justified");
			jsonw_int(&w, (long long)c->justified);
		}
		jsonw_key(&w, "score");
		json_number_tenths(&w, c->score);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_key(&w, "incomplete");
	jsonw_int(&w, (long long)q->incomplete);
	jsonw_key(&w, "components");
	jsonw_array_begin(&w);
	for (i = 0; i < nrows; i++)
		json_component(&w, &rows[i]);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	if (!w.error && strbuf_addch(sb, '\n') < 0)
		w.error = MDSEC_ENOMEM;
	return w.error;
}

int mdsec_sbom_check_report(const mdsec_sbom *s, int format, char **out,
			    int *score)
{
	struct strbuf sb = STRBUF_INIT;
	struct mdsec_sbom_quality q;
	struct row *rows = NULL;
	bool *in = NULL;
	size_t nrows = 0;
	long edges = 0;
	int error;

	if (out)
		*out = NULL;
	if (score)
		*score = 0;
	if (!s || !out ||
	    (format != MDSEC_REPORT_TEXT && format != MDSEC_REPORT_JSON))
		return MDSEC_EUSAGE;
	error = quality(s, &q, &in, &edges);
	if (error < 0)
		return error;
	rows = rows_of(s, in, &nrows);
	if (!rows) {
		error = MDSEC_ENOMEM;
		goto out;
	}
	if (format == MDSEC_REPORT_JSON)
		error = render_json(&sb, s, &q, edges, rows, nrows);
	else
		error = render_text(&sb, &q, rows, nrows);
	if (error < 0)
		goto out;
	*out = strbuf_detach(&sb, NULL);
	if (!*out)
		error = MDSEC_ENOMEM;
	else if (score)
		*score = q.score;
out:
	strbuf_release(&sb);
	xfree(rows);
	xfree(in);
	return error;
}
